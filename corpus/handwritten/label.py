#!/usr/bin/env python3
"""Turn hand-written, inline-marked sources into plain documents + byte-offset labels.

Source form (corpus/handwritten/src/hNN.txt):
    first line:  #genre: <genre name>
    body:        ordinary text; PII is marked inline as [[kind:text]], e.g. [[person_name:张三]]

Output (default: corpus/handwritten/):
    hNN.txt          the body with the marks stripped (UTF-8, LF)
    labels.jsonl     {"doc": "handwritten/hNN.txt", "kind", "start", "end", "text"}  (BYTE offsets)
    manifest.jsonl   {"doc", "genre", "pii_free"}

Usage: python3 corpus/handwritten/label.py [--out DIR] [--src DIR]
       python3 corpus/handwritten/label.py --src corpus/unseen/src --out corpus/unseen/handwritten
"""
import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"id_card", "mobile", "landline", "bank_card", "email", "passport", "travel_permit",
         "license_plate", "qq", "wechat", "person_name", "address"}
MARK = re.compile(r"\[\[([a-z_]+):(.+?)\]\]")


def convert(src_text, doc):
    lines = src_text.split("\n")
    assert lines[0].startswith("#genre:"), doc + ": first line must be '#genre: ...'"
    genre = lines[0][len("#genre:"):].strip()
    body = "\n".join(lines[1:])
    out = []
    pos = 0
    labels = []
    last = 0
    for m in MARK.finditer(body):
        kind, text = m.group(1), m.group(2)
        assert kind in KINDS, "%s: unknown kind %r" % (doc, kind)
        assert "[[" not in text and text == text.strip(), (doc, text)
        chunk = body[last:m.start()]
        out.append(chunk)
        pos += len(chunk.encode("utf-8"))
        b = len(text.encode("utf-8"))
        labels.append({"doc": doc, "kind": kind, "start": pos, "end": pos + b, "text": text})
        out.append(text)
        pos += b
        last = m.end()
    out.append(body[last:])
    text = "".join(out)
    assert "[[" not in text and "]]" not in text, doc + ": unbalanced mark"
    data = text.encode("utf-8")
    for lab in labels:
        assert data[lab["start"]:lab["end"]].decode("utf-8") == lab["text"]
    return data, labels, {"doc": doc, "genre": genre, "pii_free": not labels}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--src", default=os.path.join(HERE, "src"),
                    help="folder of marked sources (default: src/ next to this script)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    all_labels, manifest = [], []
    for f in sorted(os.listdir(args.src)):
        if not f.endswith(".txt"):
            continue
        doc = "handwritten/" + f
        with open(os.path.join(args.src, f), encoding="utf-8") as fh:
            data, labels, man = convert(fh.read(), doc)
        with open(os.path.join(args.out, f), "wb") as fh:
            fh.write(data)
        all_labels += labels
        manifest.append(man)
    with open(os.path.join(args.out, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for lab in all_labels:
            fh.write(json.dumps(lab, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "manifest.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for m in manifest:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    print("handwritten: %d docs, %d labels" % (len(manifest), len(all_labels)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
