"""Search and place look-up: case and accents ignored, the same results on SQLite and PostgreSQL.

Every case runs against both databases (PITFALLS #13); PostgreSQL when
TEST_POSTGRES_URL is set, as CI does. Searches go through HTTP, plain and htmx.
"""

from __future__ import annotations

import os

import pytest

from guide import create_app, db
from guide.directory import store
from conftest import Page, Visitor


def _postgres_app():
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        pytest.skip("set TEST_POSTGRES_URL to test on PostgreSQL")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url})
    with app.app_context():
        store.load(app.extensions["content"].directory, db.engine())
    return app


@pytest.fixture(scope="module")
def postgres_app():
    app = _postgres_app()
    yield app
    with app.app_context():
        db.engine().dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def browser(request, app):
    """A Visitor on the app backed by each database in turn."""
    chosen = app if request.param == "sqlite" else request.getfixturevalue("postgres_app")
    return chosen.test_client()


def results(client, query: str, lang: str = "en", htmx: bool = False) -> list[tuple[str, str]]:
    page = Visitor(client, htmx=htmx, language=lang).get(f"/{lang}/search?q={query}")
    assert page.status == 200
    return [(li["data-result"], li.a.get_text(strip=True)) for li in page.soup.select("[data-result]")]


def names(found, kind: str) -> list[str]:
    return [name for k, name in found if k == kind]


@pytest.mark.parametrize("query", ["SÃO ROQUE", "sao roque", "São Roque", "SAO  ROQUE"])
def test_sao_roque_is_found_however_it_is_typed(browser, query):
    found = results(browser, query)
    assert names(found, "municipality") == ["São Roque do Pico"]
    assert "Rosto do Cão (São Roque)" in names(found, "parish")  # the Ponta Delgada parish is named too
    assert found == results(browser, "sao roque")


@pytest.mark.parametrize("query", ["heroismo", "ANGRA DO HEROÍSMO", "Heroísmo angra"])
def test_angra_do_heroismo_from_any_spelling(browser, query):
    assert names(results(browser, query), "municipality") == ["Angra do Heroísmo"]


def test_saude_finds_saude_in_both_languages(browser):
    english = results(browser, "saude")
    assert "Serviço Regional de Saúde" in names(english, "organisation")
    assert "Centro de Saúde de São Roque do Pico" in names(english, "office")
    portuguese = results(browser, "saude", lang="pt")
    assert any("saúde" in name.lower() for name in names(portuguese, "service"))


def test_lajes_finds_both_municipalities(browser):
    found = results(browser, "Lajes")
    assert names(found, "municipality") == ["Lajes das Flores", "Lajes do Pico"]
    assert "Lajes" in names(found, "parish")  # the parish of Praia da Vitória


def test_results_are_in_portuguese_order_with_accents_in_place(browser):
    """Byte order would put every "Água" after "Agualva"; word by word it comes first."""
    assert names(results(browser, "agua"), "parish") == ["Água de Alto", "Água de Pau", "Água Retorta", "Agualva"]
    assert names(results(browser, "sao"), "island") == ["São Jorge", "São Miguel"]


def test_service_names_are_found_in_either_language(browser):
    """A Portuguese speaker on the English pages still finds the service by its Portuguese name."""
    assert names(results(browser, "contribuinte"), "service") == ["Tax number (NIF)"]
    assert names(results(browser, "contribuinte", lang="pt"), "service") == ["Número de contribuinte (NIF)"]


def test_wildcards_are_plain_characters(browser):
    assert results(browser, "%") == []
    assert results(browser, "_") == []


def test_results_link_to_their_pages(client):
    page = Visitor(client).get("/en/search?q=Rabo+de+Peixe")
    parish = page.soup.select_one('[data-result="parish"]')
    assert parish.get_text(" ", strip=True).endswith("parish of Ribeira Grande")
    assert parish.a["href"] == "/en/places/ribeira-grande/"
    service = Visitor(client).get("/pt/search?q=nif").soup.select_one('[data-result="service"] a')
    assert service["href"] == "/pt/services/nif/"


def test_plain_search_is_a_whole_page_with_a_get_form(client):
    page = Visitor(client).get("/en/search?q=saude")
    assert page.kind == "directory-search" and page.soup.find("html") is not None
    form = page.soup.find("form", attrs={"role": "search"})
    assert (form["method"], form["action"]) == ("get", "/en/search")
    field = form.find("input", attrs={"name": "q"})
    assert field["value"] == "saude"
    assert field["hx-get"] == "/en/search" and "delay:" in field["hx-trigger"]
    assert (field["hx-target"], field["hx-select"]) == ("#results", "#results")
    assert "HX-Request" in page.response.headers["Vary"]


def test_htmx_search_answers_with_the_main_region_holding_the_results(client):
    page = Visitor(client, htmx=True).get("/pt/search?q=SÃO+ROQUE")
    assert page.soup.find("html") is None and page.soup.find("head") is None
    region = page.soup.select_one("main #results")
    assert region is not None
    assert "São Roque do Pico" in [a.get_text(strip=True) for a in region.select('[data-result="municipality"] a')]
    assert "HX-Request" in page.response.headers["Vary"]


def test_empty_and_unmatched_searches_say_so(client):
    page = Visitor(client).get("/en/search?q=")
    assert page.status == 200 and not page.soup.select("[data-result]")
    page = Visitor(client, language="pt").get("/pt/search?q=xyzzy")
    assert "Nada encontrado para “xyzzy”" in page.soup.select_one("#results").get_text()


def test_language_switch_keeps_the_query(client):
    page = Visitor(client).get("/en/search?q=s%C3%A3o+roque")
    assert page.soup.find("a", hreflang="pt")["href"] == "/pt/search?q=s%C3%A3o+roque"


# -- "services in my municipality": typing a parish ---------------------------------------

def place(client, typed: str, lang: str = "en") -> Page:
    return Visitor(client, language=lang).get(f"/{lang}/places/?place={typed}")


def test_a_parish_tells_its_municipality(browser):
    page = place(browser, "Rabo de Peixe")
    answer = page.soup.select_one("#place-answer [data-answer]")
    assert answer["data-answer"] == "ribeira-grande"
    assert "“Rabo de Peixe” is in the municipality of Ribeira Grande." in answer.get_text(" ", strip=True)
    assert answer.a["href"] == "/en/places/ribeira-grande/"


def test_a_parish_typed_without_accents_in_portuguese(client):
    page = place(client, "ponta garca", lang="pt")
    answer = page.soup.select_one("#place-answer [data-answer]")
    assert answer["data-answer"] == "vila-franca-do-campo"
    assert "“Ponta Garça” fica no concelho de Vila Franca do Campo." in answer.get_text(" ", strip=True)


def test_a_name_shared_by_several_parishes_asks_which(client):
    page = place(client, "Santa Bárbara")
    choices = [li["data-answer"] for li in page.soup.select("#place-answer li[data-answer]")]
    assert choices[:4] == ["vila-do-porto", "ponta-delgada", "ribeira-grande", "angra-do-heroismo"]
    assert "velas" in choices  # Manadas (Santa Bárbara)


def test_an_unknown_place_is_told_with_the_list_to_choose_from(client):
    page = place(client, "Lisboa")
    assert page.status == 200
    assert "We found no parish or municipality called “Lisboa”" in page.soup.select_one("#place-answer").get_text()
    assert len(page.soup.select("a[data-municipality]")) == 19
