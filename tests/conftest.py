"""Fixtures: one app on the shipped content, and a browser-like client that reads pages."""

from __future__ import annotations

import os
from urllib.parse import urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup

from guide import create_app, db, migrate
from guide.directory import store

from browsing import browser, live_server  # noqa: F401  (real-browser fixtures, shared by modules)


def database_url(tmp_path_factory) -> str:
    """SQLite in a temporary folder, or the server that TEST_DATABASE_URL names (PostgreSQL in CI)."""
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'guide.db'}"


def pytest_report_header(config):
    url = os.environ.get("TEST_DATABASE_URL")
    return f"database: {url.split('@')[-1] if url else 'SQLite (temporary file)'}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped test is a failed test: nothing may silently not run."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") == "true":
        report.outcome = "failed"
        report.longrepr = f"skipped in CI: {report.longrepr}"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = database_url(tmp_path_factory)
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url})
    with app.app_context():
        store.load(app.extensions["content"].directory, db.engine())
    migrate.upgrade(url)  # the tables not rebuilt from YAML, as `make setup` creates them
    yield app
    app.extensions["db_engine"].dispose()  # close pooled connections (PostgreSQL warns otherwise)


@pytest.fixture
def client(app):
    return app.test_client()


class Page:
    """A response, parsed: what a person would see and follow."""

    def __init__(self, response):
        self.response = response
        self.status = response.status_code
        self.html = response.get_data(as_text=True)
        self.soup = BeautifulSoup(self.html, "html.parser")

    @property
    def kind(self) -> str | None:
        main = self.soup.find("main")
        return main.get("data-page") if main else None

    @property
    def heading(self) -> str:
        return self.soup.find("h1").get_text(" ", strip=True)

    def form(self):
        return self.soup.find("form", attrs={"data-step": True})

    def choices(self) -> list[str]:
        return [i["value"] for i in self.form().find_all("input", type="radio")]

    def link(self, text: str) -> str:
        for a in self.soup.find_all("a"):
            if a.get_text(" ", strip=True).startswith(text):
                return a["href"]
        raise AssertionError(f"no link {text!r} on {self.heading!r}")


class Visitor:
    """Walks the guide like a person: follows links, submits the step forms."""

    def __init__(self, client, htmx: bool = False, language: str = "en"):
        self.client, self.htmx, self.language = client, htmx, language
        self.page: Page | None = None

    def get(self, url: str, **headers) -> Page:
        if self.htmx:
            headers.setdefault("HX-Request", "true")
        self.page = Page(self.client.get(url, headers=headers))
        return self.page

    def start(self, flow: str) -> Page:
        home = self.get(f"/{self.language}/")
        link = home.soup.find("a", attrs={"data-flow": flow})
        return self.get(link["href"])

    def answer(self, value: str) -> Page:
        """Choose the option whose value (or visible label) is `value`, and continue."""
        form = self.page.form()
        params = [(i["name"], i["value"]) for i in form.find_all("input", type="hidden")]
        radios = form.find_all("input", type="radio")
        chosen = next((r for r in radios if r["value"] == value or _label(form, r) == value), None)
        params.append((radios[0]["name"], chosen["value"] if chosen else value))
        return self.get(f"{form['action'].split('?')[0]}?{urlencode(params)}")

    def follow(self, text: str) -> Page:
        return self.get(self.page.link(text))


def _label(form, radio) -> str:
    return form.find("label", attrs={"for": radio["id"]}).get_text(" ", strip=True)


def path_of(url: str) -> str:
    return urlsplit(url).path
