#!/usr/bin/env bash
# Python client tests: builds diplograph, makes a store of the sample documents, creates a
# virtualenv with SPARQLWrapper and rdflib (from PyPI), starts `diplograph serve` on a free
# loopback port, runs test_sparqlwrapper.py and test_rdflib.py against it, and stops the
# server (also on failure). Exits non-zero if either fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --release
bin="$target/release/diplograph"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
"$bin" --store "$work/store" ingest --quiet data/documents >/dev/null
venv="${DIPLOGRAPH_VENV:-$root/target/clients-venv}"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install --quiet --disable-pip-version-check SPARQLWrapper rdflib
"$bin" --store "$work/store" serve --bind 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url="$(sed -n 's#^listening on \(http://[^ ]*\)/$#\1#p' "$work/serve.out")"
if [ -z "$url" ]; then echo "the server did not start:"; cat "$work/serve.err"; echo "0 passed, 1 failed"; exit 1; fi
status=0
for client in test_sparqlwrapper.py test_rdflib.py; do
    echo "-- $client"
    DIPLOGRAPH="$bin" STORE="$work/store" ENDPOINT="$url/query" "$venv/bin/python" "$here/$client" || status=1
done
exit "$status"
