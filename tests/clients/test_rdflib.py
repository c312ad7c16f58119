"""rdflib, a second third-party client, against `diplograph serve`.

rdflib's SPARQLStore asks a named graph by sending `default-graph-uri`; its Dataset and
`Graph(store, identifier=…)` depend on that. This checks that one document's graph, asked that
way, holds exactly that document's triples (counted in the same store by the CLI with
`GRAPH <doc>`), that the union view still sees every graph, and that `/data?graph=` (the Graph
Store Protocol) parses as the same graph. Needs DIPLOGRAPH, STORE and ENDPOINT as
test_sparqlwrapper.py does. Prints one line per check and 'N passed, N failed'.
"""

import json
import os
import subprocess
import urllib.parse
import urllib.request

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from checks import check, finish

BIN = os.environ["DIPLOGRAPH"]
STORE = os.environ["STORE"]
ENDPOINT = os.environ["ENDPOINT"]
BASE = ENDPOINT.rsplit("/", 1)[0]



def cli_rows(sparql):
    out = subprocess.run(
        [BIN, "--store", STORE, "query", "--sparql", sparql, "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)["results"]["bindings"]


# Each document's graph and its size, as the CLI counts them in the store itself.
sizes = {
    b["g"]["value"]: int(b["n"]["value"])
    for b in cli_rows("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
}
docs = [g for g in sizes if "/document/" in g] or list(sizes)
check("the store has several graphs", len(sizes) >= 2, str(len(sizes)))
doc = max(docs, key=lambda g: sizes[g])

store = SPARQLStore(ENDPOINT, returnFormat="json")

# Graph(store, identifier=doc): rdflib sends default-graph-uri=doc with every query.
g = Graph(store, identifier=URIRef(doc))
n = len(g)
check("Graph(SPARQLStore, identifier=doc) holds that document's triples", n == sizes[doc], f"{n} vs {sizes[doc]}")
rows = list(g.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
check("a query on that Graph sees that graph only", int(rows[0][0]) == sizes[doc], str(rows))

# Dataset over the same store: one named graph by name, and the union through the default view.
ds = Dataset(store)
names = {str(getattr(c, "identifier", c)) for c in store.contexts()}
check("SPARQLStore.contexts() lists every document graph", set(docs) <= names, f"{len(names)} names")
# (Dataset.graph() and get_graph() try to add the graph to the store, which rdflib's
# read-only SPARQLStore refuses on the client side; a Graph on the Dataset's store is the way.)
one = Graph(ds.store, identifier=URIRef(doc))
check("a Graph on the Dataset's store holds that document's triples", len(one) == sizes[doc], f"{len(one)} vs {sizes[doc]}")
rows = list(ds.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{doc}> {{ ?s ?p ?o }} }}"))
check("a Dataset query of one named graph counts its triples", int(rows[0][0]) == sizes[doc], str(rows))
union = list(Graph(store).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
check("the default view is the union of all graphs", int(union[0][0]) >= sum(sizes[g] for g in docs) // 2 and int(union[0][0]) > sizes[doc], str(union))

# The Graph Store Protocol: the same graph as Turtle, parsed by rdflib.
url = f"{BASE}/data?graph={urllib.parse.quote(doc, safe='')}"
req = urllib.request.Request(url, headers={"Accept": "text/turtle"})
with urllib.request.urlopen(req) as r:
    parsed = Graph().parse(data=r.read().decode("utf-8"), format="turtle")
check("GET /data?graph=doc parses as the same graph", len(parsed) == sizes[doc], f"{len(parsed)} vs {sizes[doc]}")

finish()
