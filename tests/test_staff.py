"""Staff pages: sign-in with CSRF and rate limits, check status, graph with previews, paths, stale sources."""

from __future__ import annotations

import re

import pytest

from guide import create_app, db, migrate
from guide.directory import store
from tests.conftest import Page, path_of

PASSWORD = "correct horse battery"


def make_app(tmp_path_factory, **config):
    database = tmp_path_factory.mktemp("staff") / "guide.db"
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": f"sqlite:///{database}",
                      "STAFF_LOGIN_LIMIT": "100 per minute", **config})
    with app.app_context():
        store.load(app.extensions["content"].directory, db.engine())
    migrate.upgrade(app.config["DATABASE_URL"])
    result = app.test_cli_runner().invoke(args=["staff", "create-user", "maria"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture(scope="module")
def staff_app(tmp_path_factory):
    return make_app(tmp_path_factory)


def token(page: Page) -> str:
    return page.soup.find("input", attrs={"name": "csrf_token"})["value"]


def sign_in(client, name="maria", password=PASSWORD, **headers):
    page = Page(client.get("/staff/login", headers=headers))
    return client.post("/staff/login", data={"csrf_token": token(page), "name": name, "password": password},
                       headers=headers)


@pytest.fixture
def staff(staff_app):
    client = staff_app.test_client()
    assert sign_in(client).status_code == 302
    return client


def test_staff_pages_ask_to_sign_in_first(staff_app):
    response = staff_app.test_client().get("/staff/flows/residence/")
    assert response.status_code == 302 and path_of(response.location) == "/staff/login"


def test_the_session_cookie_is_httponly_lax_and_only_for_staff_pages(staff_app):
    client = staff_app.test_client()
    cookie = client.get("/staff/login").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/staff" in cookie
    assert "Set-Cookie" not in client.get("/pt/residence/").headers


def test_a_wrong_password_does_not_sign_in(staff_app):
    client = staff_app.test_client()
    response = sign_in(client, password="not the password")
    page = Page(response)
    assert response.status_code == 401 and page.soup.find(id="login-error")
    assert client.get("/staff/").status_code == 302


@pytest.mark.parametrize("sent", [None, "forged-token"])
def test_a_missing_or_wrong_csrf_token_gives_a_translated_400_and_changes_nothing(staff_app, sent):
    client = staff_app.test_client()
    client.get("/staff/login")
    data = {"name": "maria", "password": PASSWORD, **({"csrf_token": sent} if sent else {})}
    response = client.post("/staff/login", data=data, headers={"Accept-Language": "pt-PT"})
    page = Page(response)
    assert response.status_code == 400 and page.kind == "error"
    assert page.heading == "Houve um problema com esse pedido"
    assert client.get("/staff/").status_code == 302  # not signed in


def test_signing_out_needs_the_token_too(staff):
    page = Page(staff.get("/staff/"))
    assert staff.post("/staff/logout").status_code == 400
    assert staff.get("/staff/").status_code == 200
    assert staff.post("/staff/logout", data={"csrf_token": token(page)}).status_code == 302
    assert staff.get("/staff/").status_code == 302


def test_sign_in_attempts_are_rate_limited(tmp_path_factory):
    app = make_app(tmp_path_factory, STAFF_LOGIN_LIMIT="3 per minute")
    client = app.test_client()
    statuses = [sign_in(client, password="guess").status_code for _ in range(4)]
    assert statuses[:3] == [401, 401, 401] and statuses[3] == 429
    assert 0 < int(sign_in(client).headers["Retry-After"]) <= 60
    assert "Too many sign-in attempts" in Page(sign_in(client)).html  # even the right password waits


def test_the_flows_page_shows_each_file_with_its_check_status(staff):
    page = Page(staff.get("/staff/"))
    assert page.kind == "staff-flows"
    row = page.soup.find("tr", attrs={"data-file": "flows/residence.yaml"})
    assert row.find("td", attrs={"data-status": "ok"}).get_text(strip=True) == "No problems"
    assert page.soup.find("tr", attrs={"data-file": "flows/directory/locations.yaml"})
    assert path_of(row.find("a")["href"]) == "/staff/flows/residence/"


def test_a_node_of_the_graph_opens_that_step_in_portuguese_and_english(staff, client):
    graph = Page(staff.get("/staff/flows/residence/"))
    visa = graph.soup.find("tr", attrs={"data-node": "visa"})
    assert "From another country" not in visa.get_text() and "With a residence visa" in visa.get_text()
    links = {a["data-preview"]: a["href"] for a in visa.find_all("a", attrs={"data-preview": True})}
    assert {"en", "pt"} <= set(links)  # and every other supported language
    english, portuguese = Page(client.get(links["en"])), Page(client.get(links["pt"]))
    assert english.kind == portuguese.kind == "question"
    assert english.heading == "How did you come to Portugal?"
    assert portuguese.heading == "Como veio para Portugal?"
    assert len(english.choices()) == len(portuguese.choices()) == 2  # tokens: they differ per page


def test_the_graph_labels_conditions_and_outcomes(staff):
    graph = Page(staff.get("/staff/flows/residence/"))
    municipality = graph.soup.find("tr", attrs={"data-node": "municipality"}).get_text(" ", strip=True)
    assert "[if citizenship = eu] → eu-citizen" in municipality
    assert graph.soup.find("tr", attrs={"data-node": "eu-citizen", "data-kind": "outcome"})
    assert "flowchart TD" in staff.get("/staff/flows/residence/graph.mmd").get_data(as_text=True)


def test_every_path_links_to_the_page_it_leads_to(staff, client):
    graph = Page(staff.get("/staff/flows/residence/"))
    rows = graph.soup.find_all("tr", attrs={"data-path": True})
    # eu; renewal; student; family (2); work with or without a visa (2); another reason (5)
    assert len(rows) == 12
    for row in rows:
        link = row.find("a", attrs={"data-outcome": True})
        page = Page(client.get(link["href"]))
        assert page.kind == "roadmap", link["href"]
        outcome_title = link.get_text().split(": ", 1)[1]
        assert page.heading == outcome_title
        assert "19 municipalities" in row.get_text()


def test_directory_sources_over_a_year_old_are_listed(staff):
    page = Page(staff.get("/staff/directory/"))
    stale = [r.get_text(" ", strip=True) for r in page.soup.find_all("tr", attrs={"data-stale": True})]
    assert any("loc-sf-vila-do-porto" in r and "2013-10-09" in r and "locations.yaml:" in r for r in stale)
    assert all(re.search(r"\b(19|20)\d\d", r) for r in stale)


def test_an_unknown_flow_is_a_404_for_staff_too(staff):
    assert staff.get("/staff/flows/nowhere/").status_code == 404


def test_create_user_refuses_a_short_password(staff_app):
    result = staff_app.test_cli_runner().invoke(args=["staff", "create-user", "joão"], input="short\nshort\n")
    assert result.exit_code != 0 and "at least 12 characters" in result.output
