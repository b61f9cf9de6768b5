#!/usr/bin/env python3
"""Verify the committed corpus is exactly what the generators produce.

Regenerates corpus/ (generate.py), corpus/handwritten/ and corpus/unseen/handwritten/
(handwritten/label.py) into a temp directory and compares byte-for-byte with the committed files;
also re-checks every label (byte offsets, text, no overlaps) in labels.jsonl and both
handwritten labels.jsonl files.
Exit 0 when identical and valid, 1 on any difference.  Usage: python3 corpus/check.py
"""
import filecmp
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def compare_dir(a, b, names, problems):
    for n in names:
        pa, pb = os.path.join(a, n), os.path.join(b, n)
        if not os.path.exists(pa):
            problems.append("missing in committed corpus: " + n)
        elif not filecmp.cmp(pa, pb, shallow=False):
            problems.append("differs from regenerated output: " + n)


def check_labels(path, problems, root=HERE):
    last = {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            o = json.loads(line)
            data = open(os.path.join(root, o["doc"]), "rb").read()
            s, e = o["start"], o["end"]
            if not (0 <= s < e <= len(data)) or data[s:e].decode("utf-8", "replace") != o["text"]:
                problems.append("%s:%d bad label %r" % (path, i, o))
            if s < last.get(o["doc"], -1):
                problems.append("%s:%d overlapping/unsorted label %r" % (path, i, o))
            last[o["doc"]] = e


def main():
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        hw = os.path.join(tmp, "handwritten")
        subprocess.run([sys.executable, os.path.join(HERE, "handwritten", "label.py"), "--out", hw],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--out", tmp, "--quiet"], check=True)
        gen_docs = sorted(os.listdir(os.path.join(tmp, "docs")))
        committed = sorted(f for f in os.listdir(os.path.join(HERE, "docs")) if f.endswith(".txt"))
        for extra in sorted(set(committed) - set(gen_docs)):
            problems.append("stale committed doc not produced by generator: docs/" + extra)
        compare_dir(HERE, tmp, ["docs/" + d for d in gen_docs] + ["labels.jsonl", "manifest.jsonl"], problems)
        hw_names = sorted(os.listdir(hw))
        compare_dir(os.path.join(HERE, "handwritten"), hw, hw_names, problems)
        # corpus/unseen/: the documents first measured as unseen text.
        un = os.path.join(tmp, "unseen")
        subprocess.run([sys.executable, os.path.join(HERE, "handwritten", "label.py"),
                        "--src", os.path.join(HERE, "unseen", "src"), "--out", un],
                       check=True, stdout=subprocess.DEVNULL)
        compare_dir(os.path.join(HERE, "unseen", "handwritten"), un, sorted(os.listdir(un)), problems)
        if not filecmp.cmp(os.path.join(HERE, "unseen", "manifest.jsonl"), os.path.join(un, "manifest.jsonl"),
                           shallow=False):
            problems.append("unseen/manifest.jsonl differs from unseen/handwritten/manifest.jsonl")
    check_labels(os.path.join(HERE, "labels.jsonl"), problems)
    check_labels(os.path.join(HERE, "handwritten", "labels.jsonl"), problems)
    check_labels(os.path.join(HERE, "unseen", "handwritten", "labels.jsonl"), problems,
                 root=os.path.join(HERE, "unseen"))
    for p in problems[:50]:
        print(p)
    if problems:
        print("corpus check FAILED: %d problem(s); run python3 corpus/handwritten/label.py && "
              "python3 corpus/generate.py" % len(problems))
        return 1
    print("corpus check OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
