"""API latency while an upload is being extracted: the reads must stay fast and never fail.

    python bench/upload_load.py [--events 20000] [--articles 1000] [--requests 2000] [--clients 8]

Fills a temporary SQLite database with synthetic events (bench/api_latency.py's `fill`), starts
`lagebild serve` on it as a real server (uvicorn, a free port), then uploads --articles corpus
articles as one JSON Lines file through POST /api/upload while --clients threads send --requests
GET requests (events, incidents, points, timeline, places, search, facets, one article) over
keep-alive connections. Prints the upload's time and result, and the latency (p50, p95, max) and
errors of the requests sent while the upload ran and of all of them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_latency import fill  # noqa: E402
from lagebild.store import Store  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "german-news" / "articles.jsonl"
CALLS = [
    ("/api/events", {"limit": 100}),
    ("/api/events", {"country": "SYR", "limit": 50}),
    ("/api/incidents", {"limit": 50, "order": "desc"}),
    ("/api/points", {"max": 2000}),
    ("/api/timeline", {"by": "week"}),
    ("/api/places", {"limit": 50}),
    ("/api/search", {"q": "Angriff", "limit": 20}),
    ("/api/facets", {}),
    ("/api/events", {"q": "Armee", "limit": 20}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(base: str, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if httpx.get(base + "/api/facets", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise RuntimeError("the server did not come up")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=20_000)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} not available", file=sys.stderr)
        return 1
    with CORPUS.open(encoding="utf-8") as fh:
        lines = [json.loads(x) for x in itertools.islice(fh, args.articles)]
    body = "\n".join(json.dumps(r | {"id": f"upload-{r['id']}"}, ensure_ascii=False) for r in lines).encode()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/load.db"
        store = Store(url)
        fill(store, args.events)
        store.close()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "lagebild", "serve", "--db", url, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_up(base)
            time.sleep(8)  # the upload worker loads its pipeline at start-up
            return run(base, body, args)
        finally:
            server.terminate()
            server.wait(30)


def load(base: str, n: int, clients: int, busy: threading.Event | None = None) -> list[tuple[str, float, bool, bool]]:
    """n GET requests from `clients` threads: (endpoint, seconds, ok, sent and answered while `busy`)."""
    results: list[tuple[str, float, bool, bool]] = []
    lock = threading.Lock()
    todo = iter(range(n))

    def client(k: int) -> None:
        rng = random.Random(k)
        with httpx.Client(base_url=base, timeout=60) as http:
            ids = [e["article_id"] for e in http.get("/api/events", params={"limit": 50}).json()]
            for _ in todo:
                during = busy is not None and busy.is_set()
                path, params = rng.choice([*CALLS, (f"/api/articles/{rng.choice(ids)}", {})])
                t = time.perf_counter()
                try:
                    ok = http.get(path, params=params).status_code == 200
                except httpx.HTTPError:
                    ok = False
                took = time.perf_counter() - t
                name = "/api/articles/{id}" if "articles/" in path else path
                with lock:
                    results.append((name, took, ok, during and busy is not None and busy.is_set()))

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def report(label: str, results: list[tuple[str, float, bool, bool]]) -> int:
    """Print p50/p95/max and errors, overall and per endpoint; returns the errors."""
    if not results:
        print(f"{label}: none")
        return 0
    ms = sorted(1000 * s for _, s, _, _ in results)
    bad = sum(not ok for _, _, ok, _ in results)
    print(f"{label}: {len(ms)} requests, {bad} errors, p50 {statistics.median(ms):.0f} ms, "
          f"p95 {ms[int(0.95 * (len(ms) - 1))]:.0f} ms, max {ms[-1]:.0f} ms")  # fmt: skip
    for path in sorted({r[0] for r in results}):
        one = sorted(1000 * s for p, s, _, _ in results if p == path)
        p95 = one[int(0.95 * (len(one) - 1))]
        print(f"    {path:22s} {len(one):5d}  p50 {statistics.median(one):5.0f}  p95 {p95:5.0f}")
    return bad


def run(base: str, body: bytes, args) -> int:
    errors = report("idle (no upload)", load(base, args.requests // 4, args.clients))
    upload: dict = {}
    uploading = threading.Event()

    def do_upload() -> None:
        t = time.perf_counter()
        r = httpx.post(base + "/api/upload", files={"files": ("korpus.jsonl", body, "application/json")}, timeout=3600)
        took = time.perf_counter() - t
        upload.update(status=r.status_code, seconds=took, result=r.json() if r.is_success else r.text)
        uploading.clear()

    uploading.set()
    up = threading.Thread(target=do_upload)
    up.start()
    time.sleep(1)  # the upload is being read and extracted
    during = load(base, args.requests, args.clients, uploading)
    up.join()
    res = upload["result"]
    stored = res["stored"] if isinstance(res, dict) else "-"
    failed = res["failed"] if isinstance(res, dict) else "-"
    print(f"upload of {args.articles} articles: HTTP {upload['status']} in {upload['seconds']:.1f} s, "
          f"stored {stored}, failed {failed}")  # fmt: skip
    errors += report("during the upload", [r for r in during if r[3]])
    report("after it ended", [r for r in during if not r[3]])
    return 1 if errors or upload["status"] != 200 else 0


if __name__ == "__main__":
    sys.exit(main())
