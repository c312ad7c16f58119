"""A bounded load loop against a running `diplograph serve`: CLIENTS threads each send
REQUESTS GETs of one URL (default: the `meetings` named query) and the latencies are
summarised (median, p95, max, throughput). Standard library only; it talks only to the URL
given, which must be on loopback, and stops after CLIENTS × REQUESTS requests.
Usage: load.py URL [CLIENTS] [REQUESTS]
"""

import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request

url = sys.argv[1]
clients = int(sys.argv[2]) if len(sys.argv) > 2 else 8
requests = int(sys.argv[3]) if len(sys.argv) > 3 else 50
host = urllib.parse.urlparse(url).hostname
if host not in ("127.0.0.1", "localhost", "::1"):
    sys.exit(f"refusing to load {host}: loopback only")

latencies, errors = [], []
lock = threading.Lock()


def client():
    for _ in range(requests):
        started = time.perf_counter()
        try:
            req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(req, timeout=60) as r:
                r.read()
                ok = r.status == 200
        except Exception as e:  # counted, not fatal
            ok = False
            with lock:
                errors.append(repr(e))
        took = time.perf_counter() - started
        if ok:
            with lock:
                latencies.append(took)


started = time.perf_counter()
threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - started
latencies.sort()
p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("nan")
print(
    f"{clients} clients x {requests} requests: {len(latencies)} ok, {len(errors)} errors; "
    f"median {statistics.median(latencies) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
    f"max {latencies[-1] * 1000:.1f} ms; {len(latencies) / wall:.1f} requests/s over {wall:.1f} s"
)
sys.exit(1 if errors else 0)
