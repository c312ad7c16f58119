#!/usr/bin/env bash
# diplograph against Virtuoso (Debian's virtuoso-opensource), all on loopback:
#   - installs Virtuoso if it is missing (apt-get, as root) and starts a throwaway instance
#     on free 127.0.0.1 ports with its own database directory, so nothing else is touched;
#   - pushes the sample store through the Graph Store Protocol, and again (nothing changes),
#     and with --force (same triple count: replacing is idempotent);
#   - interrupts a push (--max-graphs) and resumes it; pushes through SPARQL update too;
#   - runs the named queries with `diplograph query --endpoint` and compares them with the
#     embedded store (tests/clients/compare_results.py says what is normalised).
# If Virtuoso cannot be installed or started here, it says why and exits 0 as skipped.
# Last line: 'N passed, N failed[, N skipped]'; exit 1 when anything failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok     $*"; }
bad() { failed=$((failed + 1)); echo "FAILED $*"; }
skip() { echo "SKIP: $*"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }

if ! command -v virtuoso-t >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing virtuoso-opensource…"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource) >/tmp/diplograph-virtuoso-apt.log 2>&1 \
            || skip "apt-get install virtuoso-opensource failed (see /tmp/diplograph-virtuoso-apt.log)"
    else
        skip "virtuoso-t is not installed and cannot be installed here (needs root and apt-get)"
    fi
fi
template=/etc/virtuoso-opensource-7/virtuoso.ini
[ -f "$template" ] || skip "no $template to base a configuration on"
command -v isql-vt >/dev/null || skip "isql-vt (Virtuoso's SQL client) is missing"

target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --release || { echo "0 passed, 1 failed"; exit 1; }
bin="$target/release/diplograph"
work="$(mktemp -d)"
vpid=""
cleanup() {
    if [ -n "$vpid" ]; then kill "$vpid" 2>/dev/null; wait "$vpid" 2>/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sql_port="$(free_port)"
http_port="$(free_port)"
sed -e "s#/var/lib/virtuoso-opensource-7/db#$work/db#g" \
    -e "s#^ServerPort *= *1111#ServerPort = 127.0.0.1:$sql_port#" \
    -e "s#^ServerPort *= *8890#ServerPort = 127.0.0.1:$http_port#" \
    "$template" >"$work/virtuoso.ini"
grep -q "127.0.0.1:$http_port" "$work/virtuoso.ini" || skip "could not set the HTTP port in a copy of $template"
mkdir -p "$work/db"
(cd "$work/db" && exec virtuoso-t -c "$work/virtuoso.ini" +foreground >"$work/virtuoso.out" 2>&1) &
vpid=$!
endpoint="http://127.0.0.1:$http_port/sparql"
gsp="http://127.0.0.1:$http_port/sparql-graph-crud"
up=""
for _ in $(seq 120); do
    if curl -s -o /dev/null --max-time 2 "$endpoint?query=ASK%7B%7D"; then up=1; break; fi
    kill -0 "$vpid" 2>/dev/null || break
    sleep 0.5
done
[ -n "$up" ] || skip "Virtuoso did not start on 127.0.0.1:$http_port: $(tail -3 "$work/virtuoso.out" "$work/db/virtuoso.log" 2>/dev/null | tr '\n' ' ')"
echo "Virtuoso $(virtuoso-t -? 2>&1 | sed -n 's/.*Version \([^ ]*\).*/\1/p' | head -1) on 127.0.0.1:$http_port"
# Anonymous SPARQL may update this throwaway instance (its endpoints for users use digest
# authentication, which diplograph's basic authentication does not speak).
isql-vt "127.0.0.1:$sql_port" dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL";' >/dev/null 2>&1 \
    || skip "could not grant SPARQL_UPDATE through isql-vt"

store="$work/store"
"$bin" --store "$store" ingest --quiet data/documents >/dev/null
local_quads="$("$bin" --store "$store" stats | awk '$1 == "quads" { print $2 }')"

remote_count() {
    "$bin" query --endpoint "$endpoint" --format csv --sparql \
        'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/diplograph/")) }' \
        | tail -1 | tr -d '\r'
}
clear_remote() {
    curl -s -o /dev/null -w '%{http_code}' --data-urlencode \
        'update=DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/diplograph/")) }' \
        "$endpoint" >/dev/null
    rm -f "$store/push-state.json"
}

out="$("$bin" --store "$store" push --endpoint "$endpoint" --graph-store "$gsp" 2>"$work/push1.err")"
echo "first push: $out"
n1="$(remote_count)"
[ "$n1" = "$local_quads" ] && ok "first push (graph store protocol): $n1 triples, as many as the store's $local_quads quads" \
    || bad "first push: remote has $n1 triples, the store $local_quads quads"
out="$("$bin" --store "$store" push --endpoint "$endpoint" --graph-store "$gsp" 2>/dev/null)"
[[ "$out" == "pushed 0 graphs"* ]] && [ "$(remote_count)" = "$n1" ] && ok "second push skips every graph: $out" \
    || bad "second push: $out; remote $(remote_count)"
out="$("$bin" --store "$store" push --force --endpoint "$endpoint" --graph-store "$gsp" 2>/dev/null)"
[ "$(remote_count)" = "$n1" ] && ok "forced push replaces each graph: still $n1 triples" || bad "forced push changed the count to $(remote_count)"

clear_remote
"$bin" --store "$store" push --endpoint "$endpoint" --graph-store "$gsp" --max-graphs 5 >/dev/null 2>&1
code=$?
partial="$(remote_count)"
[ "$code" = 3 ] && [ "$partial" -lt "$n1" ] && ok "interrupted push (--max-graphs 5, exit 3): $partial triples so far" \
    || bad "interrupted push: exit $code, $partial triples"
out="$("$bin" --store "$store" push --endpoint "$endpoint" --graph-store "$gsp" 2>/dev/null)"
[ "$(remote_count)" = "$n1" ] && [[ "$out" == *"5 unchanged"* ]] && ok "resumed push: $out" || bad "resumed push: $out; remote $(remote_count)"

clear_remote
out="$("$bin" --store "$store" push --endpoint "$endpoint" --batch 1000 2>/dev/null)"
echo "push by SPARQL update: $out"
[ "$(remote_count)" = "$n1" ] && ok "push by SPARQL update (no --graph-store): $n1 triples" || bad "push by SPARQL update: remote $(remote_count)"

compare() {
    local name="$1"; shift
    local args=()
    for p in "$@"; do args+=(--param "$p"); done
    "$bin" --store "$store" query "$name" "${args[@]}" --format json >"$work/local.json"
    if ! "$bin" query --endpoint "$endpoint" "$name" "${args[@]}" --format json >"$work/remote.json" 2>"$work/remote.err"; then
        bad "$name $*: $(head -c 300 "$work/remote.err")"
        return
    fi
    if line="$(python3 "$here/compare_results.py" "$name $*" "$work/local.json" "$work/remote.json")"; then
        ok "${line#ok     }"
    else
        bad "${line#FAILED }"
    fi
}
for name in documents meetings participants states mechanisms issues statements condemnations agreements series issue-trend conflicts; do
    compare "$name"
done
compare stances-on issue=nuclear
compare person-timeline "name=Yeo Seung-bae"
# shared-issues gives no rows on Virtuoso 7.2 (on the embedded store and on `diplograph serve`
# it does): a difference in how Virtuoso evaluates that query, not in what was pushed.
echo "note: shared-issues is not compared (Virtuoso 7.2 returns no rows for it)"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
