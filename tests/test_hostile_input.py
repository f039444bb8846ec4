"""Hostile input: generated paths, queries, headers and answers never get a 5xx, a traceback or an echo.

Oversized requests get a translated page, with limits below gunicorn's own so
the app answers first; every response carries the security headers; ProxyFix is
off unless configured.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import EnvironBuilder, run_wsgi_app

from conftest import Page
from guide import create_app

MARK = "<q id=hostile>"
QUESTIONS = ["citizenship", "visa", "island", "municipality", "lang", "format"]
VALUES = ["eu", "other", "pico", "lajes-do-pico", "são-miguel", "residence-visa", "", "0" * 300]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
hostile = st.one_of(text, st.sampled_from(VALUES), st.builds(lambda a, b: a + MARK + b, text, text))
header_text = st.text(st.characters(min_codepoint=32, max_codepoint=255, exclude_characters="\x7f"), max_size=60)
segment = st.one_of(st.sampled_from(["en", "pt", "ar", "xx", "residence", "citizenship", "municipality",
                                     "..", "%2e%2e", "static", "%00", "", "favicon.ico"]), hostile)


@pytest.fixture
def raw_client(app):
    """A client without a cookie jar, so a Cookie header is sent exactly as written."""
    return app.test_client(use_cookies=False)


def assert_safe(response) -> None:
    """Neither a server error nor a traceback; any generated markup arrives escaped."""
    body = response.get_data(as_text=True)
    assert response.status_code < 500, body[:300]
    assert "Traceback" not in body and "werkzeug" not in body.lower()
    assert MARK not in body
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SLOW
@given(segments=st.lists(segment, min_size=1, max_size=4), trailing=st.booleans())
def test_generated_paths(client, segments, trailing):
    # lstrip: a path starting "//" would be read by the test client itself as a host name.
    path = "/" + "/".join(quote(s, safe="%") for s in segments).lstrip("/") + ("/" if trailing else "")
    assert_safe(client.get(path))


@SLOW
@given(lang=st.sampled_from(["en", "pt", "ar"]), question=st.sampled_from(["", "citizenship/", "visa/",
       "municipality/"]), answers=st.lists(st.tuples(st.one_of(st.sampled_from(QUESTIONS), hostile), hostile),
                                           max_size=6))
def test_generated_answers(client, lang, question, answers):
    assert_safe(client.get(f"/{lang}/residence/{question}?{urlencode(answers)}"))


@SLOW
@given(accept_language=header_text, cookie=header_text, hx=st.dictionaries(
    st.sampled_from(["HX-Request", "HX-History-Restore-Request", "HX-Current-URL", "HX-Target",
                     "HX-Trigger", "HX-Boosted", "HX-Prompt"]), header_text, max_size=4),
    path=st.sampled_from(["/", "/en/", "/pt/residence/?citizenship=eu", "/ar/residence/?citizenship=zz",
                          "/en/nowhere/"]))
def test_generated_headers(raw_client, accept_language, cookie, hx, path):
    headers = {"Accept-Language": accept_language, "Cookie": cookie, **hx}
    response = raw_client.get(path, headers=headers)
    assert_safe(response)
    if path == "/":
        assert response.status_code == 302
        assert response.headers["Location"].rstrip("/").rsplit("/", 1)[-1] in ("en", "pt", "ar")


def test_a_long_query_is_refused_with_a_translated_page(client):
    response = client.get("/pt/residence/?citizenship=" + "x" * 5000)
    assert response.status_code == 414
    assert Page(response).heading == "Esse endereço é demasiado longo"


def test_too_many_headers_are_refused_with_a_translated_page(client):
    headers = {f"X-Extra-{n}": "ç" for n in range(60)}
    response = client.get("/pt/", headers=headers)
    assert response.status_code == 431
    assert Page(response).kind == "error" and Page(response).heading == "Esse pedido é demasiado grande"


def test_one_huge_header_is_refused(raw_client):
    response = raw_client.get("/en/", headers={"Cookie": "a=" + "b" * 5000})
    assert response.status_code == 431 and Page(response).heading == "That request was too large"


def test_a_body_over_the_limit_is_refused_unread_with_a_translated_page(client):
    response = client.get("/ar/", data=b"x" * (17 * 1024), content_type="application/octet-stream")
    assert response.status_code == 413
    assert Page(response).heading == "هذا الطلب كبير جدًا"


def test_the_apps_limits_sit_below_gunicorns(app):
    gunicorn = runpy.run_path(str(Path(__file__).parent.parent / "gunicorn.conf.py"))
    assert app.config["MAX_QUERY_LENGTH"] + 200 < gunicorn["limit_request_line"]
    assert app.config["MAX_HEADER_COUNT"] < gunicorn["limit_request_fields"]
    assert app.config["MAX_HEADER_BYTES"] < gunicorn["limit_request_field_size"]
    assert gunicorn["workers"] >= 2


def test_every_kind_of_response_carries_the_security_headers(client):
    for path in ["/", "/en/", "/en/residence/?citizenship=zz", "/en/nowhere/", "/static/guide.js",
                 "/en/residence/?citizenship=eu&island=corvo"]:
        with client.get(path) as response:
            headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "no-referrer", path
        assert "geolocation=()" in headers["Permissions-Policy"], path
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp, path


def test_proxy_headers_are_ignored_unless_proxy_fix_is_set(app, client):
    forwarded = {"X-Forwarded-Prefix": "/guia", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "guia.example"}
    plain = Page(client.get("/en/", headers=forwarded))
    assert plain.soup.find("a", attrs={"data-flow": "residence"})["href"] == "/en/residence/"
    behind = create_app({**app.config, "PROXY_FIX": 1})
    page = Page(behind.test_client().get("/en/", headers=forwarded))
    assert page.soup.find("a", attrs={"data-flow": "residence"})["href"] == "/guia/en/residence/"


@pytest.mark.parametrize(("trusted", "host"), [
    (["guide.example.pt"], "evil.example"), (["guide.example.pt"], "a" * 64), (None, "a" * 64), (None, "a..b"),
    (None, "xn--"), (None, "a.xn--zz:80"), (None, "evil.example/x?y="), (None, "user@evil.example")])
def test_a_refused_host_gets_a_translated_page_with_a_way_home(app, trusted, host):
    # Straight to the app: Flask's test client itself cannot read back a URL on a host like "xn--".
    served = create_app({**app.config, "TRUSTED_HOSTS": trusted})
    environ = EnvironBuilder(path="/pt/residence/", query_string="format=txt", headers={"Host": host}).get_environ()
    body, status, headers = run_wsgi_app(served, environ, buffered=True)
    response = served.response_class(b"".join(body), status=status, headers=headers)
    page = Page(response)
    assert response.status_code == 400 and page.heading == "Houve um problema com esse pedido"
    assert page.soup.find("a", string="Ir para a página inicial")["href"] == "/pt/"


@pytest.mark.parametrize("host", ["localhost", "guide.example.pt:8080", "127.0.0.1:5000", "[::1]:5000"])
def test_a_well_formed_host_is_served(app, host):
    response = app.test_client().get("/en/residence/?format=txt", headers={"Host": host})
    assert response.status_code == 200 and f"http://{host}/en/residence/" in response.get_data(as_text=True)


def test_a_status_without_a_page_of_its_own_keeps_its_code(client):
    response = client.get("/static/guide.js", headers={"Range": "bytes=999999-"})
    assert response.status_code == 416 and Page(response).kind == "error"
    assert response.headers["Content-Range"].startswith("bytes */")
