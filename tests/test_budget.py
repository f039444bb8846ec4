"""Byte budgets: what a person on 2G downloads, on every page type of every shipped flow.

A first load (HTML with its inlined CSS) must fit in one TCP round trip, 14 KB
compressed; a question's htmx fragment in 2 KB. Measured on the wire: the body
as the app sends it to a browser that accepts brotli or gzip.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import pytest
from bs4 import BeautifulSoup

FIRST_LOAD = 14 * 1024
FRAGMENT = 2 * 1024
# A roadmap cannot fit in 2 KB: its sourced facts and links alone (text and URLs, no
# markup) compress to about 2.5 KB on São Miguel, and the largest fragment of the eight
# flows is about 5.2 KB (arrival and work, São Miguel). Held to 6 KB instead, still one
# round trip (Arabic pages, two bytes a letter, need up to 6.1 KB, hence 7 KB); a step's
# fragment keeps the 2 KB budget. See docs/adr/0002.
ROADMAP_FRAGMENT = 7 * 1024


def crawl(client, lang: str, flow_id: str):
    """Every page a walk of `flow_id` can show: each question on each path, each roadmap."""
    seen, queue = set(), [f"/{lang}/{flow_id}/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        kind = soup.find("main")["data-page"]
        yield url, kind
        form = soup.find("form", attrs={"data-step": True})
        if form is None:
            continue
        hidden = [(i["name"], i["value"]) for i in form.find_all("input", type="hidden")]
        for radio in form.find_all("input", type="radio"):
            queue.append(f"{form['action']}?{urlencode([*hidden, (radio['name'], radio['value'])])}")


def wire_bytes(client, url: str, encoding: str, **headers) -> tuple[int, object]:
    response = client.get(url, headers={"Accept-Encoding": encoding, **headers})
    assert response.headers.get("Content-Encoding") == encoding.split(",")[0], url
    return len(response.get_data()), response


def revisits(client, roadmaps: list[str]):
    """From each roadmap, every question reopened with all the answers ("change"), and each
    question refusing an answer with all the others riding along: the fullest question pages."""
    for roadmap in roadmaps:
        soup = BeautifulSoup(client.get(roadmap).get_data(as_text=True), "html.parser")
        for link in soup.select("section.answers a[href]"):
            change = link["href"]
            path, _, query = change.partition("?")
            flow_path, question = path.rstrip("/").rsplit("/", 1)
            refused = [(k, "nonsense" if k == question else v) for k, v in parse_qsl(query)]
            for url in (change, f"{flow_path}/?{urlencode(refused)}"):
                main = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser").find("main")
                yield url, main["data-page"]


@pytest.fixture(scope="module")
def every_page(app):
    client = app.test_client()
    pages = [("/en/", "home"), ("/pt/", "home"), ("/en/no-such-flow/", "error"), ("/en/help/", "help")]
    for lang in app.config["LANGUAGES"]:
        for flow_id in app.extensions["content"].routers:
            pages += list(crawl(client, lang, flow_id))
    # São Miguel has the most municipalities to choose from: its roadmaps reopen the fullest questions
    pages += list(revisits(client, [url for url, kind in pages
                                    if kind == "roadmap" and "municipality=ponta-delgada" in url]))
    return pages


def test_the_crawl_reaches_every_page_type_and_municipality(every_page):
    kinds = {kind for _url, kind in every_page}
    assert kinds == {"home", "question", "roadmap", "error", "help"}
    refused = [url for url, kind in every_page if "=nonsense" in url]
    assert refused and {kind for url, kind in every_page if url in refused} == {"question"}
    roadmaps = [url for url, kind in every_page if kind == "roadmap" and url.startswith("/en/residence/")]
    # twelve paths to an outcome (eu; renewal; student; family, 2; work, 2; another reason, 5),
    # in each of the nineteen municipalities
    assert len(roadmaps) == 12 * 19


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_every_first_load_fits_in_one_round_trip(client, every_page, encoding):
    for url, kind in every_page:
        size, response = wire_bytes(client, url, encoding)
        assert response.mimetype == "text/html"
        assert size <= FIRST_LOAD, f"{url} ({kind}): {size} bytes {encoding}"


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_every_htmx_fragment_fits_its_budget(client, every_page, encoding):
    for url, kind in every_page:
        size, response = wire_bytes(client, url, encoding, **{"HX-Request": "true"})
        budget = ROADMAP_FRAGMENT if kind == "roadmap" else FRAGMENT
        assert size <= budget, f"{url} ({kind}) fragment: {size} bytes {encoding}"


def test_no_web_fonts_and_no_image_needed(client, every_page):
    css = client.application.jinja_env.globals["critical_css"]
    assert "@font-face" not in css and "url(" not in css
    for url, _kind in every_page[:40]:
        soup = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
        assert not soup.find("link", rel="preload") and not soup.find("link", rel="stylesheet")
        assert all(img.get("alt") == "" for img in soup.find_all("img")), url


def test_scripts_are_deferred_versioned_and_cached_for_a_year(client):
    soup = BeautifulSoup(client.get("/en/").get_data(as_text=True), "html.parser")
    scripts = soup.find_all("script")
    assert [s["src"].split("?")[0] for s in scripts] == ["/static/htmx-2.0.11.min.js", "/static/guide.js"]
    assert all(s.has_attr("defer") for s in scripts)
    assert "?v=" in scripts[1]["src"]
    for script in scripts:
        with client.get(script["src"], headers={"Accept-Encoding": "br"}) as response:
            assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"
            assert response.cache_control.max_age == 365 * 24 * 3600 and response.cache_control.immutable


@pytest.mark.parametrize("save_data", ["on", "On ; x"])
def test_save_data_gets_no_script_and_the_page_still_works(client, save_data):
    response = client.get("/en/residence/", headers={"Save-Data": save_data})
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.find("script") is None
    assert soup.find("form", attrs={"data-step": True})["method"] == "get"
    assert "Save-Data" in response.vary
    assert BeautifulSoup(client.get("/en/residence/").get_data(as_text=True), "html.parser").find("script")


def test_public_pages_are_compressed_unless_a_view_opts_out(app):
    from flask import g

    from guide import create_app
    from guide.web.compression import uncompressed

    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": app.config["DATABASE_URL"]})

    @uncompressed
    def form_with_token():
        return "<form><input name=csrf_token value=secret></form>" * 40

    def form_made_a_token():
        g.csrf_token = "secret"  # what Flask-WTF's generate_csrf() leaves behind
        return "<form><input name=csrf_token value=secret></form>" * 40

    app.add_url_rule("/_test/uncompressed", view_func=form_with_token)
    app.add_url_rule("/_test/token", view_func=form_made_a_token)
    client = app.test_client()
    for url in ("/_test/uncompressed", "/_test/token"):
        response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
        assert "Content-Encoding" not in response.headers, url
    assert client.get("/en/", headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"] == "gzip"
