"""Compare two SPARQL JSON result files row for row, as multisets, after normalising what
stores legitimately write differently: unbound versus empty-string cells (Virtuoso binds an
empty aggregate), xsd:boolean as 1/0 versus true/false, the order of GROUP_CONCAT parts
(unspecified in SPARQL; ours join with "; " or " | "), and columns filled by SAMPLE(),
which may pick any of several spellings. Prints one line; exits 1 when the rows differ.
Usage: compare_results.py LABEL EXPECTED.json GOT.json
"""

import json
import sys

SAMPLED = {"speaker", "person_name"}
BOOL = "http://www.w3.org/2001/XMLSchema#boolean"


def cell(v):
    value = v["value"]
    if v.get("datatype") == BOOL or value in ("true", "false"):
        value = {"1": "true", "0": "false"}.get(value, value)
    for sep in ("; ", " | "):
        if sep in value:
            value = sep.join(sorted(value.split(sep)))
    return value


def rows(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = []
    for b in data["results"]["bindings"]:
        row = {k: cell(v) for k, v in b.items() if k not in SAMPLED}
        out.append(json.dumps({k: v for k, v in row.items() if v != ""}, sort_keys=True))
    return sorted(out)


label, expected, got = sys.argv[1:4]
a, b = rows(expected), rows(got)
if a == b:
    print(f"ok     {label}: {len(a)} rows equal")
    sys.exit(0)
missing = sorted(set(a) - set(b))
extra = sorted(set(b) - set(a))
print(f"FAILED {label}: {len(a)} rows expected, {len(b)} got; first missing {missing[:1]}, first extra {extra[:1]}")
sys.exit(1)
