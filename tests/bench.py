"""`make bench`: page weight, and the server cost of a step and a roadmap against `return "ok"`.

Printed in one run:
1. bytes of each page type, uncompressed, gzip and brotli (what goes over the wire);
2. the cost of a step and of a roadmap as a ratio to `return "ok"` on the same app,
   through the same middleware and test client (targets: step ≤ 2×, roadmap ≤ 3×), on
   the residence flow: a short walk, the longest walk of any shipped flow (four answers
   before the last question), and a walk carrying a sensitive answer's token;
3. a step of a 2,000-node flow against the same step of a 20-node flow (target ≤ 1.2×),
   both 18 answers deep: a replay over four times longer than any shipped walk, so that
   the replay, the part that could grow with the flow, dominates;
4. over SMS, the parts (replies of at most 3 segments) a roadmap takes to read, for every
   outcome of every shipped flow in every municipality, in Portuguese and English;
5. under gunicorn (2 sync workers), loaded from 127.0.0.1 by Debian's `wrk` (or a small
   bounded Python client when wrk is missing), a few seconds each, in interleaved rounds:
   requests per second for a step, a roadmap and `return "ok"`, and the CPU time the
   workers spent per request (read from /proc, so the load generator and anything else
   running on the machine are not counted). Step and roadmap are also asked for as a
   browser asks (`Accept-Encoding: br, gzip`), which adds the brotli compression.

In-process timings are interleaved (every page once per round) and the best round is
kept: on a shared machine the fastest round is the one least disturbed. Reported,
never asserted.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from guide import ROOT, create_app, db
from guide.directory import store
from guide.engine.model import Outcome
from guide.sms.gsm import MAX_SEGMENTS as SMS_MAX_SEGMENTS
from guide.sms.web import conversation

ROUNDS, REQUESTS = 9, 150
DEPTH = 16  # questions on each branch, after the first question and before island/municipality
LOAD_ROUNDS, LOAD_SECONDS, LOAD_CONNECTIONS, LOAD_MAX_REQUESTS = 3, 3, 8, 200_000
ANSWERS = "&".join(["pick=b0", *(f"b0-q{q}=left" for q in range(1, DEPTH + 1)), "island=pico"])
RESIDENCE_STEP = "/en/residence/?citizenship=eu&island=pico"
RESIDENCE_ROADMAP = "/en/residence/?citizenship=eu&island=sao-miguel&municipality=ponta-delgada"
# The longest walk of any shipped flow: four answers, then São Miguel's six municipalities.
DEEPEST_STEP = "/en/residence/?citizenship=other&reason=family&family-of=eu-citizen&island=sao-miguel"


def generated_flow(flow_id: str, branches: int) -> str:
    """A flow of `branches` parallel chains: about branches * DEPTH + 4 nodes."""
    lines = [f"id: {flow_id}", "title: Generated", "summary: For the benchmark.", 'as_of: "2026-01"',
             "start: pick", "nodes:", "  pick:", "    kind: choice", "    text: Pick a branch", "    options:"]
    for b in range(max(branches, 2)):
        lines += [f"      b{b}:", f"        label: Branch {b}", f"        next: b{b % branches}-q1"]
    for b in range(branches):
        for q in range(1, DEPTH + 1):
            after = f"b{b}-q{q + 1}" if q < DEPTH else "island"
            lines += [f"  b{b}-q{q}:", "    kind: choice", f"    text: Question {q}", "    options:",
                      "      left:", "        label: Left", f"        next: {after}",
                      "      right:", "        label: Right", f"        next: {after}"]
    lines += ["  island:", "    kind: island", "    text: Island?", "    next: municipality",
              "  municipality:", "    kind: municipality", "    text: Municipality?", "    next: done",
              "  done:", "    kind: outcome", "    title: Done", "    steps:",
              "      - service: nif", "        do: Get a tax number"]
    return "\n".join(lines) + "\n"


def prepare(folder: Path) -> None:
    """Flows (generated and shipped) and a loaded SQLite database in `folder`."""
    flows = folder / "flows"
    flows.mkdir()
    (flows / "small.yaml").write_text(generated_flow("small", 1))
    (flows / "large.yaml").write_text(generated_flow("large", 125))
    shutil.copy(ROOT / "flows" / "residence.yaml", flows)
    app = bench_app(folder)
    with app.app_context():
        store.load(app.extensions["content"].directory, db.engine())


def bench_app(folder: Path | str | None = None):
    """The app on the benchmark's flows, with a `return "ok"` page beside it (also gunicorn's entry)."""
    folder = Path(folder or os.environ["BENCH_DIR"])
    app = create_app({"SECRET_KEY": "bench", "FLOWS_DIR": folder / "flows",
                      "DATABASE_URL": f"sqlite:///{folder}/bench.db"})
    app.add_url_rule("/ok", "ok", lambda: "ok")
    return app


def page_sizes(client) -> list[tuple[str, int, int, int]]:
    pages = [("home", "/en/", {}), ("question", RESIDENCE_STEP, {}),
             ("question, htmx fragment", RESIDENCE_STEP, {"HX-Request": "true"}),
             ("question, text", RESIDENCE_STEP + "&format=txt", {}),
             ("roadmap (Ponta Delgada)", RESIDENCE_ROADMAP, {}),
             ("roadmap, htmx fragment", RESIDENCE_ROADMAP, {"HX-Request": "true"}),
             ("roadmap, text", RESIDENCE_ROADMAP + "&format=txt", {}),
             ("error (404)", "/en/no-such-flow/", {}),
             ("error (404), htmx fragment", "/en/no-such-flow/", {"HX-Request": "true"})]
    rows = []
    for name, url, headers in pages:
        sizes = []
        for encoding in ("identity", "gzip", "br"):
            response = client.get(url, headers={"Accept-Encoding": encoding, **headers})
            sizes.append(len(response.get_data()))
        rows.append((name, *sizes))
    return rows


def timings(client, urls: dict[str, str]) -> dict[str, float]:
    """Best-round seconds per request for each URL, the URLs interleaved round by round."""
    best = {name: float("inf") for name in urls}
    for url in urls.values():
        client.get(url)  # warm up
    for _ in range(ROUNDS):
        for name, url in urls.items():
            start = time.perf_counter()
            for _ in range(REQUESTS):
                client.get(url)
            best[name] = min(best[name], (time.perf_counter() - start) / REQUESTS)
    return best


def sensitive_step(app) -> str:
    """The island question after the sensitive "Which fits your situation?", its answer a token."""
    router = app.extensions["content"].routers["residence"]
    token = router.encode(router.flow.nodes["situation"], "asylum")
    return f"/en/residence/?citizenship=other&reason=other-reason&situation={token}"


def sms_parts(folder: Path) -> dict[str, list[int]]:
    """Per language, the parts of every roadmap of the shipped flows, in every municipality."""
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{folder}/bench.db"})
    with app.app_context():
        talk = conversation(app)
        municipalities = [m.id for m in app.extensions["content"].directory.municipalities]
        outcomes = [node for router in talk.routers.values() for node in router.flow.nodes.values()
                    if isinstance(node, Outcome)]
        return {lang: [len(talk.paged(lang, talk.roadmap_text(lang, outcome, talk.roadmap(outcome.steps, slug))))
                       for outcome in outcomes for slug in municipalities]
                for lang in ("pt", "en")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/ok", timeout=1).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def load_with_wrk(url: str, headers: dict[str, str]) -> int:
    """Requests completed in LOAD_SECONDS."""
    flags = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(["wrk", "-t2", f"-c{LOAD_CONNECTIONS}", f"-d{LOAD_SECONDS}s", *flags, url],
                         capture_output=True, text=True, timeout=LOAD_SECONDS + 30, check=True).stdout
    return int(re.search(r"(\d+) requests in", out).group(1))


def load_with_python(url: str, headers: dict[str, str]) -> int:
    """A bounded client: LOAD_CONNECTIONS threads, at most LOAD_MAX_REQUESTS or LOAD_SECONDS."""
    done, lock, deadline = [0], threading.Lock(), time.monotonic() + LOAD_SECONDS

    def worker():
        while time.monotonic() < deadline:
            with lock:
                if done[0] >= LOAD_MAX_REQUESTS:
                    return
                done[0] += 1
            urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5).read()

    threads = [threading.Thread(target=worker) for _ in range(LOAD_CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0]


def workers_cpu_seconds(master: int) -> float:
    """User and system CPU time of gunicorn's workers (the master's children), from /proc."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


@dataclass
class Served:
    per_second: float = 0.0
    cpu_per_request: float = float("inf")


def under_gunicorn(folder: Path, pages: dict[str, tuple[str, dict[str, str]]]) -> tuple[str, dict[str, Served]]:
    """For each page (path, request headers): best requests/s and least worker CPU per request."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "BENCH_DIR": str(folder)}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "tests.bench:bench_app()"], cwd=ROOT, env=env)
    try:
        wait_until_up(base)
        load, tool = (load_with_wrk, "wrk") if shutil.which("wrk") else (load_with_python, "python client")
        best = {name: Served() for name in pages}
        for _ in range(LOAD_ROUNDS):  # interleaved, best round kept, as for the test client
            for name, (path, headers) in pages.items():
                cpu, start = workers_cpu_seconds(server.pid), time.monotonic()
                done = load(base + path, headers)
                seconds, cpu = time.monotonic() - start, workers_cpu_seconds(server.pid) - cpu
                best[name].per_second = max(best[name].per_second, done / seconds)
                best[name].cpu_per_request = min(best[name].cpu_per_request, cpu / done)
        return tool, best
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        prepare(folder)
        app = bench_app(folder)
        sizes = {fid: len(r.flow.nodes) for fid, r in app.extensions["content"].routers.items()}
        client = app.test_client()

        print(f"{'page type':<30} {'bytes':>7} {'gzip':>7} {'brotli':>7}")
        for name, raw, gz, br in page_sizes(client):
            print(f"{name:<30} {raw:>7} {gz:>7} {br:>7}")

        small, large = (f"step, {sizes[fid]}-node flow (18 answers)" for fid in ("small", "large"))
        urls = {
            'return "ok"': "/ok",
            "step, residence (2 answers)": RESIDENCE_STEP,
            "step, residence (4 answers, the longest walk)": DEEPEST_STEP,
            "step, residence (a sensitive answer's token)": sensitive_step(app),
            "roadmap, residence (Ponta Delgada)": RESIDENCE_ROADMAP,
            "roadmap, residence (Lajes do Pico)":
                "/en/residence/?citizenship=eu&island=pico&municipality=lajes-do-pico",
            "roadmap, residence (5 answers)": DEEPEST_STEP + "&municipality=ponta-delgada",
            small: f"/en/small/?{ANSWERS}",
            large: f"/en/large/?{ANSWERS}",
            "roadmap, 20-node flow (18 answers)": f"/en/small/?{ANSWERS}&municipality=madalena",
        }
        best = timings(client, urls)
        ok = best['return "ok"']
        print(f"\n{'server cost (test client)':<46} {'ms/request':>10} {'× ok':>6}")
        for name, seconds in best.items():
            print(f"{name:<46} {seconds * 1000:>10.3f} {seconds / ok:>6.2f}")
        print(f"\n{sizes['large']}-node step / {sizes['small']}-node step: {best[large] / best[small]:.2f}")

        print(f"\nSMS: parts of {SMS_MAX_SEGMENTS} segments to read a roadmap "
              "(every outcome of every shipped flow, in every municipality)")
        for lang, parts in sms_parts(folder).items():
            print(f"{lang}: {len(parts)} roadmaps, {statistics.mean(parts):.1f} parts on average, "
                  f"{statistics.median(parts):.0f} median, {max(parts)} at most")

        browser = {"Accept-Encoding": "br, gzip"}
        tool, served = under_gunicorn(folder, {
            'return "ok"': ("/ok", {}), "step, residence": (RESIDENCE_STEP, {}),
            "roadmap, residence": (RESIDENCE_ROADMAP, {}),
            "step, 18 answers": (f"/en/small/?{ANSWERS}", {}),
            "roadmap, 18 answers": (f"/en/small/?{ANSWERS}&municipality=madalena", {}),
            "step, residence, brotli": (RESIDENCE_STEP, browser),
            "roadmap, residence, brotli": (RESIDENCE_ROADMAP, browser)})
        print(f"\nunder gunicorn, 2 sync workers, {tool}, {LOAD_CONNECTIONS} connections, "
              f"best of {LOAD_ROUNDS} rounds of {LOAD_SECONDS} s each")
        print(f"{'':<30} {'req/s':>7} {'× ok':>6}   {'worker CPU':>10} {'× ok':>6}")
        ok = served['return "ok"']
        for name, s in served.items():
            print(f"{name:<30} {s.per_second:>7.0f} {ok.per_second / s.per_second:>6.2f}   "
                  f"{s.cpu_per_request * 1e6:>7.0f} µs {s.cpu_per_request / ok.cpu_per_request:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
