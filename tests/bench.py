"""`make bench`: the server cost of a step, as a ratio to `return "ok"` on the same app.

Both go through the same app, middleware and test client, so the ratio says
what the engine and the page add. Two generated flows of the same depth (18
answers replayed) but 20 and about 2,000 nodes show whether the cost grows
with the size of a flow. Medians of several rounds; timings are reported,
never asserted.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from guide import ROOT, create_app, db
from guide.directory import store

ROUNDS, REQUESTS = 7, 300
DEPTH = 16  # questions on each branch, after the first question and before island/municipality


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


def per_request(client, url: str) -> float:
    """Median seconds per request over ROUNDS rounds of REQUESTS requests."""
    client.get(url)  # warm up
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(REQUESTS):
            client.get(url)
        rounds.append((time.perf_counter() - start) / REQUESTS)
    return statistics.median(rounds)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        flows = Path(tmp) / "flows"
        flows.mkdir()
        (flows / "small.yaml").write_text(generated_flow("small", 1))
        (flows / "large.yaml").write_text(generated_flow("large", 125))
        shutil.copy(ROOT / "flows" / "residence.yaml", flows)
        app = create_app({"SECRET_KEY": "bench", "FLOWS_DIR": flows,
                          "DATABASE_URL": f"sqlite:///{tmp}/bench.db"})
        app.add_url_rule("/ok", "ok", lambda: "ok")
        with app.app_context():
            store.load(app.extensions["content"].directory, db.engine())
        sizes = {fid: len(r.flow.nodes) for fid, r in app.extensions["content"].routers.items()}
        answers = "&".join(["pick=b0", *(f"b0-q{q}=left" for q in range(1, DEPTH + 1)), "island=pico"])
        client = app.test_client()
        ok = per_request(client, "/ok")
        rows = [("return \"ok\"", ok)]
        for fid in ("small", "large"):
            rows.append((f"step, {sizes[fid]}-node flow (18 answers replayed)", per_request(client, f"/en/{fid}/?{answers}")))
        rows.append(("roadmap, 20-node flow", per_request(client, f"/en/small/?{answers}&municipality=madalena")))
        rows.append(("step, residence flow (2 answers)", per_request(client, "/en/residence/?citizenship=eu&island=pico")))
        rows.append(("roadmap, residence flow (Lajes do Pico)",
                     per_request(client, "/en/residence/?citizenship=eu&island=pico&municipality=lajes-do-pico")))
    print(f"{'page':<46} {'ms/request':>10} {'× ok':>6}")
    for name, seconds in rows:
        print(f"{name:<46} {seconds * 1000:>10.3f} {seconds / ok:>6.2f}")
    large, small = rows[2][1], rows[1][1]
    print(f"\n{sizes['large']}-node step / {sizes['small']}-node step: {large / small:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
