"""Bounded load test on loopback: gunicorn on PostgreSQL, 100 users walking every flow (`make loadtest`).

Every walk through every flow (home, start, each answer, roadmap) is found with
the test client, written into a wrk Lua script, and replayed by 100 concurrent
connections for LOADTEST_SECONDS (30 by default, at most 60) against gunicorn
on 127.0.0.1. Prints requests/s, p50 and p99; exits non-zero on any error.
Not part of `make test`: it takes the whole machine for half a minute.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DATABASE = os.environ.get("LOADTEST_DATABASE_URL", "postgresql+psycopg://guide:guide@127.0.0.1/guide_test")
SECONDS = min(int(os.environ.get("LOADTEST_SECONDS", "30")), 60)
USERS = 100


def walks(client, lang: str = "en") -> list[list[str]]:
    """Every walk as the list of URLs a person opens, from the home page to a roadmap."""
    found: list[list[str]] = []
    home = BeautifulSoup(client.get(f"/{lang}/").data, "html.parser")
    for link in home.select("a[data-flow]"):
        _explore(client, link["href"], [f"/{lang}/", link["href"]], found)
    return found


def _explore(client, url: str, trail: list[str], found: list[list[str]]) -> None:
    soup = BeautifulSoup(client.get(url).data, "html.parser")
    if soup.find("main")["data-page"] == "roadmap":
        found.append(trail)
        return
    form = soup.find("form", attrs={"data-step": True})
    hidden = [(i["name"], i["value"]) for i in form.find_all("input", type="hidden")]
    for radio in form.find_all("input", type="radio"):
        step = f"{form['action']}?{urlencode([*hidden, (radio['name'], radio['value'])])}"
        _explore(client, step, [*trail, step], found)


def lua_script(urls: list[str]) -> str:
    """wrk: each thread replays the walks in turn, from its own starting point."""
    return f"""
local paths = {{{", ".join(json.dumps(url) for url in urls)}}}
local i = 0
function setup(thread) thread:set("offset", math.random(#paths)) end
function request()
  i = i + 1
  return wrk.format("GET", paths[((offset or 0) + i) % #paths + 1], {{["Accept-Language"] = "pt-PT"}})
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(env: dict) -> None:
    for command in (["db", "upgrade"], ["directory", "load"]):
        subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *command], cwd=ROOT, env=env, check=True)


def main() -> int:
    env = {**os.environ, "GUIDE_DATABASE_URL": DATABASE}
    prepare_database(env)
    os.environ["GUIDE_DATABASE_URL"] = DATABASE
    from guide import create_app

    urls = [url for walk in walks(create_app().test_client()) for url in walk]
    port = free_port()
    server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"],
                              cwd=ROOT, env={**env, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "4"})
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/en/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(lua_script(urls))
        out = subprocess.run(["wrk", "-t2", f"-c{USERS}", f"-d{SECONDS}s", "--timeout", "5s", "--latency",
                              "-s", script.name, base], capture_output=True, text=True, check=True).stdout
    finally:
        server.terminate()
        server.wait(timeout=30)
    return report(out, len(urls))


def report(out: str, url_count: int) -> int:
    def grab(pattern: str, default: str = "0") -> str:
        match = re.search(pattern, out)
        return match.group(1) if match else default

    errors = int(grab(r"Non-2xx or 3xx responses: (\d+)"))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", grab(r"Socket errors: (.*)", "")))
    rate, p50, p99 = grab(r"Requests/sec:\s+([\d.]+)"), grab(r"50%\s+(\S+)"), grab(r"99%\s+(\S+)")
    print(out)
    print(f"load test: gunicorn (4 workers) + PostgreSQL, {USERS} users walking {url_count} pages of every walk, "
          f"{SECONDS} s: {rate} requests/s, p50 {p50}, p99 {p99}, errors {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
