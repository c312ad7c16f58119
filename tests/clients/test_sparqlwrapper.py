"""A third-party SPARQL client (SPARQLWrapper) against `diplograph serve`.

Runs every named query over HTTP, as SPARQLWrapper sends it (POST form, GET, direct POST),
and compares the rows with `diplograph query NAME --format json` on the same store. Needs
DIPLOGRAPH (the binary), STORE (a store of the sample documents) and ENDPOINT (the running
server's /query URL). Prints one line per check and a closing 'N passed, N failed' line;
exits 1 if anything failed. Talks only to the ENDPOINT given (a loopback address).
"""

import json
import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request

from SPARQLWrapper import CSV, GET, JSON, POST, POSTDIRECTLY, URLENCODED, SPARQLWrapper

from checks import check, finish

BIN = os.environ["DIPLOGRAPH"]
STORE = os.environ["STORE"]
ENDPOINT = os.environ["ENDPOINT"]
BASE = ENDPOINT.rsplit("/", 1)[0]

# Columns filled by SAMPLE() may hold any of several spellings of one name.
SAMPLED = {"speaker", "person_name"}
PARAMS = {"stances-on": {"issue": "nuclear"}, "person-timeline": {"name": "Yeo Seung-bae"}}


def value(v):
    # GROUP_CONCAT joins its values in no order SPARQL defines: compare them as a set.
    for sep in ("; ", " | "):
        if sep in v:
            return sep.join(sorted(v.split(sep)))
    return v


def rows(results):
    out = []
    for b in results["results"]["bindings"]:
        out.append(json.dumps({k: value(v["value"]) for k, v in b.items() if k not in SAMPLED}, sort_keys=True))
    return sorted(out)


def cli(name, params):
    args = [BIN, "--store", STORE, "query", name, "--format", "json"]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def named_query_names():
    with urllib.request.urlopen(f"{BASE}/queries") as r:
        return [q["name"] for q in json.load(r)]


def query_text(name):
    out = subprocess.run([BIN, "queries"], check=True, capture_output=True, text=True).stdout
    assert name in out
    path = os.path.join(os.path.dirname(__file__), "..", "..", "queries", f"{name}.rq")
    with open(path, encoding="utf-8") as f:
        return f.read()




for name in named_query_names():
    expected = rows(cli(name, PARAMS.get(name, {})))
    if name in PARAMS:
        # Parameters go through the server's named-query route, bound as in the CLI.
        qs = urllib.parse.urlencode(PARAMS[name])
        req = urllib.request.Request(f"{BASE}/queries/{name}?{qs}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req) as r:
            got = rows(json.load(r))
        check(f"{name} (GET /queries/{name}?{qs})", got == expected, f"{len(got)} rows vs {len(expected)}")
        continue
    text = query_text(name)
    for method, request in ((POST, URLENCODED), (GET, None), (POST, POSTDIRECTLY)):
        s = SPARQLWrapper(ENDPOINT)
        s.setQuery(text)
        s.setMethod(method)
        if request:
            s.setRequestMethod(request)
        s.setReturnFormat(JSON)
        got = rows(s.query().convert())
        check(f"{name} ({method} {request or 'query string'})", got == expected, f"{len(got)} rows vs {len(expected)}")

# CSV through the same client.
s = SPARQLWrapper(ENDPOINT)
s.setQuery(query_text("documents"))
s.setReturnFormat(CSV)
csv = s.query().convert().decode("utf-8")
check("documents as CSV", csv.startswith("document,title,source,date,publisher") and csv.count("\n") == 22, csv[:80])

# A malformed query is a 400 the client reports as an error.
s = SPARQLWrapper(ENDPOINT)
s.setQuery("SELECT * WHERE { ?s ?p")
s.setReturnFormat(JSON)
try:
    s.query().convert()
    check("malformed query refused", False, "no error")
except Exception as e:  # SPARQLWrapper raises QueryBadFormed for 400
    check("malformed query refused", "QueryBadFormed" in type(e).__name__ or "400" in str(e), repr(e)[:120])

# Updates are refused on a read-only server.
req = urllib.request.Request(
    f"{BASE}/update", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", headers={"Content-Type": "application/sparql-update"}
)
try:
    urllib.request.urlopen(req)
    check("update refused", False, "accepted")
except urllib.error.HTTPError as e:
    check("update refused", e.code == 403, str(e.code))

finish()
