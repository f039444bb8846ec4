"""Walking the residence flow through HTTP, as plain HTML and as htmx, the way a person would."""

from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from conftest import Page, Visitor


@pytest.fixture(params=[False, True], ids=["plain", "htmx"])
def visitor(request, client):
    return Visitor(client, htmx=request.param)


def test_home_lists_the_needs_and_each_leads_to_its_first_question(client):
    home = Visitor(client).get("/en/")
    assert home.kind == "home"
    link = home.soup.find("a", attrs={"data-flow": "residence"})
    assert link.get_text(strip=True) == "Living in the Azores legally"
    first = Visitor(client).get(link["href"])
    assert first.kind == "question" and first.heading == "Which passport do you have?"
    form = first.form()
    assert form["method"] == "get" and form.find_all("input", type="radio")


def test_an_eu_citizen_reaches_a_roadmap_for_lajes_do_pico(visitor):
    visitor.start("residence")
    assert visitor.answer("eu").heading == "Which island do you live on?"
    municipality = visitor.answer("pico")
    assert municipality.heading == "Which municipality do you live in?"
    assert municipality.choices() == ["lajes-do-pico", "madalena", "sao-roque-do-pico"]
    assert "São Roque do Pico" in municipality.form().get_text()
    roadmap = visitor.answer("lajes-do-pico")
    assert roadmap.status == 200 and roadmap.kind == "roadmap"
    assert "Lajes do Pico, Pico" in roadmap.soup.find(class_="lead").get_text()
    assert roadmap.soup.select("[data-fallback]")


def test_each_step_is_one_request_with_no_redirect(visitor):
    visitor.start("residence")
    for value in ["other", "work", "With a residence visa from a Portuguese consulate", "corvo"]:
        page = visitor.answer(value)
        assert page.status in (200,) and not page.response.headers.get("Location")
    assert page.kind == "roadmap"


def test_an_island_with_one_municipality_skips_the_question(visitor):
    visitor.start("residence")
    visitor.answer("eu")
    roadmap = visitor.answer("corvo")
    assert roadmap.kind == "roadmap"
    rows = {dt.get_text(strip=True): dt.find_next("dd") for dt in roadmap.soup.select(".answers dt")}
    assert rows["Which municipality do you live in?"].find("a") is None  # implied: nothing to change


def test_a_question_page_asks_one_thing_and_the_roadmap_lists_every_answer(visitor):
    visitor.start("residence")
    visitor.answer("other")
    visitor.answer("work")
    island = visitor.answer("With a residence visa from a Portuguese consulate")
    assert island.heading == "Which island do you live on?"
    assert not island.soup.select(".answers")  # the question alone, as on GOV.UK's question pages
    roadmap = visitor.answer("corvo")
    rows = [dt.get_text(strip=True) for dt in roadmap.soup.select(".answers dt")]
    assert rows == ["Which passport do you have?", "What brings you to the Azores?",
                    "How did you come to Portugal?", "Which island do you live on?",
                    "Which municipality do you live in?"]


def test_htmx_gets_the_main_region_and_the_page_gets_a_document(client):
    url = "/en/residence/?citizenship=eu"
    full = client.get(url)
    part = client.get(url, headers={"HX-Request": "true"})
    restore = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    for response in (full, part, restore):
        assert {"HX-Request", "HX-History-Restore-Request"} <= set(response.vary)
    assert full.get_data(as_text=True).startswith("<!doctype html>")
    body = part.get_data(as_text=True)
    assert "<html" not in body and "<head" not in body and "<main" in body
    assert body.startswith("<title>Which island do you live on?")
    assert restore.get_data(as_text=True).startswith("<!doctype html>")


def test_back_opens_the_previous_question_with_its_answer_selected(visitor):
    visitor.start("residence")
    visitor.answer("other")
    visitor.answer("work")
    visitor.answer("With a residence visa from a Portuguese consulate")
    back = visitor.follow("Back")
    assert back.heading == "How did you come to Portugal?"
    checked = back.form().find("input", checked=True)
    assert checked and checked["value"] != "residence-visa"  # sensitive: a token, not the word
    assert visitor.follow("Back").heading == "What brings you to the Azores?"
    assert visitor.page.form().find("input", checked=True)["value"] == "work"
    assert visitor.follow("Back").heading == "Which passport do you have?"
    assert visitor.page.form().find("input", checked=True)["value"] == "other"


def test_changing_an_answer_keeps_later_answers_that_still_apply(visitor):
    visitor.start("residence")
    visitor.answer("eu")
    visitor.answer("pico")
    roadmap = visitor.answer("madalena")
    assert roadmap.heading.startswith("Your first steps as a citizen")
    change = visitor.get(roadmap.soup.select_one(".answers a")["href"])
    assert change.heading == "Which passport do you have?"
    assert visitor.answer("other").heading == "What brings you to the Azores?"
    visa = visitor.answer("work")
    assert visa.heading == "How did you come to Portugal?"
    again = visitor.answer("With a residence visa from a Portuguese consulate")
    assert again.kind == "roadmap" and "Madalena, Pico" in again.soup.find(class_="lead").get_text()


def test_an_abandoned_branch_is_forgotten(visitor, client):
    visitor.start("residence")
    visitor.answer("other")
    visitor.answer("work")
    visitor.answer("With a residence visa from a Portuguese consulate")
    visitor.answer("pico")
    visitor.answer("madalena")
    visitor.get(visitor.page.soup.select(".answers a")[0]["href"])
    roadmap = visitor.answer("eu")
    assert roadmap.kind == "roadmap"
    assert "How did you come to Portugal?" not in roadmap.html
    assert "visa=" not in roadmap.html and "reason=" not in roadmap.html
    query = dict(parse_qsl(urlsplit(roadmap.link("Back")).query))
    direct = visitor.get(f"/en/residence/visa/?{'&'.join(f'{k}={v}' for k, v in query.items())}")
    assert direct.kind == "roadmap"


def test_an_answer_that_is_not_an_option_shows_the_error_beside_the_field(visitor):
    page = visitor.get("/en/residence/?citizenship=martian")
    assert page.status == 422 and page.kind == "question"
    assert page.heading == "Which passport do you have?"
    error = page.soup.find(id="answer-error")
    assert "“martian” is not one of the answers" in error.get_text()
    assert page.soup.select_one(".error-summary a")["href"] == "#answer-0"
    assert page.form().find("fieldset")["aria-describedby"].endswith("answer-error")


def test_a_long_or_tricky_answer_is_echoed_short_and_printable(client):
    page = Visitor(client).get("/en/residence/?citizenship=" + "call%20us%20now%20" * 40 + "%E2%80%AE%00x")
    message = page.soup.find(id="answer-error").get_text()
    assert page.status == 422 and len(message) < 120 and "…" in message
    tricky = Visitor(client).get("/en/residence/?citizenship=a%E2%80%AEb%00c")
    assert "\u202e" not in tricky.html and "\x00" not in tricky.html
    assert "“abc”" in tricky.soup.find(id="answer-error").get_text()


def test_input_is_never_echoed_unescaped(client):
    page = Visitor(client).get("/en/residence/?citizenship=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in page.html and "&lt;script&gt;alert(1)" in page.html


def test_an_island_answer_off_the_list_is_an_error_at_the_island(visitor):
    page = visitor.get("/en/residence/?citizenship=eu&island=atlantis")
    assert page.status == 422 and page.heading == "Which island do you live on?"


@pytest.mark.parametrize("url", ["/xx/", "/en/no-such-flow/", "/en/residence/no-such-question/", "/en/residence/extra/deep/"])
def test_unknown_places_are_a_translated_404_with_a_way_home(client, url):
    page = Visitor(client).get(url)
    assert page.status == 404 and page.kind == "error"
    assert page.link("Go to the home page") == "/en/"


def test_unknown_places_answer_in_portuguese_for_a_portuguese_browser(client):
    page = Visitor(client).get("/xx/", **{"Accept-Language": "pt-PT"})
    assert page.status == 404 and page.heading == "Página não encontrada"


@pytest.mark.parametrize("method, url, heading", [
    ("get", "/pt/a/b/c/d", "Página não encontrada"),
    ("get", "/pt/residence/citizenship/x/", "Página não encontrada"),
    ("post", "/pt/residence/", "Isso não é permitido aqui"),
])
def test_an_error_under_a_language_is_in_that_language_whatever_the_browser_asks(client, method, url, heading):
    response = getattr(client, method)(url, headers={"Accept-Language": "en"})
    page = Page(response)
    assert page.heading == heading and page.link("Ir para a página inicial") == "/pt/"


def test_a_404_under_htmx_is_a_fragment(client):
    page = Visitor(client, htmx=True).get("/en/no-such-flow/")
    assert page.status == 404 and "<html" not in page.html and page.kind == "error"


def test_a_question_off_the_path_shows_the_current_step(client):
    page = Visitor(client).get("/en/residence/visa/?citizenship=eu")
    assert page.status == 200 and page.heading == "Which island do you live on?"


@pytest.mark.parametrize("header, expected", [
    ("pt-PT,en;q=0.3", "/pt/"),
    ("pt-BR", "/pt/"),
    ("pt-BR, en-US;q=0.8, en;q=0.5", "/pt/"),
    ("en-GB,pt;q=0.5", "/en/"),
    ("de-DE,fr;q=0.9", "/en/"),
    ("PT-PT", "/pt/"),
    ("de, PT-BR;q=0.5", "/pt/"),
    ("pt;q=0, en;q=0.1", "/en/"),
    (";;q=abc,,", "/en/"),
    (None, "/en/"),
])
def test_the_root_negotiates_a_language(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header} if header else {})
    assert response.status_code == 302 and response.headers["Location"] == expected
    assert "Accept-Language" in response.vary


def test_the_language_switch_keeps_the_answers(client):
    page = Visitor(client).get("/en/residence/?citizenship=eu&island=pico")
    portuguese = Visitor(client).get(page.soup.find("a", hreflang="pt")["href"])
    assert portuguese.soup.find("html")["lang"] == "pt"
    assert portuguese.heading == "Em que concelho vive?"
    assert portuguese.choices() == ["lajes-do-pico", "madalena", "sao-roque-do-pico"]


def test_every_string_follows_each_request_language(client):
    """Pitfall 11: en, then pt, then en in one process."""
    url = "/{}/residence/?citizenship=martian"
    first = Visitor(client).get(url.format("en"))
    second = Visitor(client).get(url.format("pt"))
    third = Visitor(client).get(url.format("en"))
    assert first.html == third.html
    assert second.heading == "Que passaporte tem?"
    assert "não é uma das respostas" in second.soup.find(id="answer-error").get_text()
    assert "Continuar" in second.form().get_text() and "Continue" in first.form().get_text()


def test_no_page_sets_a_cookie(client):
    for url in ["/", "/en/", "/pt/residence/", "/en/residence/?citizenship=eu&island=corvo", "/en/nowhere/"]:
        assert "Set-Cookie" not in client.get(url).headers


def test_pages_with_answers_are_not_stored_or_leaked(client):
    response = client.get("/en/residence/?citizenship=eu&island=corvo")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_a_sensitive_answer_is_not_readable_in_urls_and_offers_a_quick_exit(visitor):
    visitor.start("residence")
    visitor.answer("other")
    visitor.answer("work")
    page = visitor.answer("Without a residence visa (for example as a visitor, or with no visa)")
    assert page.heading == "Which island do you live on?"
    assert "no-residence-visa" not in page.html
    assert page.soup.select_one(".exit a")["href"].startswith("https://")


def test_other_methods_are_refused_with_a_page_that_says_what_is_allowed(client):
    response = client.post("/en/residence/")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]
    assert "Go to the home page" in response.get_data(as_text=True)


def test_the_browser_asking_for_an_icon_costs_no_round_trip(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 204 and "max-age" in response.headers["Cache-Control"]


def test_an_overlong_address_is_refused_with_a_page(client):
    page = Visitor(client).get("/en/residence/?citizenship=" + "x" * 5000)
    assert page.status == 414 and page.kind == "error"


def test_the_content_security_policy_allows_the_inline_css_and_no_inline_script(client):
    import base64
    import hashlib

    response = client.get("/en/")
    policy = response.headers["Content-Security-Policy"]
    page = Visitor(client).get("/en/")
    css = page.soup.find("style").string
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert all(s.get("src") for s in page.soup.find_all("script"))


def test_english_left_on_a_page_in_another_language_is_marked_as_english(client):
    page = Visitor(client).get("/ar/health/?citizenship=eu&island=corvo")
    assert page.soup.find("html")["dir"] == "rtl"
    marked = page.soup.select('main span[lang="en"][dir="ltr"]')
    assert marked, "untranslated content is marked so it reads left to right"
    portuguese = Visitor(client).get("/pt/health/?citizenship=eu&island=corvo")
    assert not portuguese.soup.select('main span[lang="en"]')  # Portuguese is complete


def test_a_search_never_echoes_control_characters(client):
    page = Visitor(client).get("/en/search?q=s%C3%A3o%00%E2%80%AE%20roque")
    assert "\x00" not in page.html and "\u202e" not in page.html
    assert page.soup.select("[data-result]")


# A step's page is drawn once and kept (guide.web.stencil); each person's answers are filled in.

def _carried(page: Page) -> list[tuple[str, str]]:
    return [(i["name"], i["value"]) for i in page.form().find_all("input", type="hidden")]


def test_two_people_at_the_same_question_each_carry_only_their_own_answers(client):
    first = "/en/residence/?citizenship=eu&island=sao-miguel"
    second = "/en/residence/?citizenship=other&reason=family&family-of=eu-citizen&island=sao-miguel"
    pages = [Page(client.get(url)) for url in (first, second, first)]
    assert {p.heading for p in pages} == {"Which municipality do you live in?"}
    assert pages[0].html == pages[2].html
    mine, theirs = pages[0], pages[1]
    assert _carried(mine) == [("citizenship", "eu"), ("island", "sao-miguel")]
    assert _carried(theirs) == [("citizenship", "other"), ("reason", "family"), ("family-of", "eu-citizen"),
                                ("island", "sao-miguel")]
    assert mine.link("Back") == "/en/residence/island/?citizenship=eu&island=sao-miguel"
    assert theirs.link("Back").startswith("/en/residence/island/?citizenship=other&reason=family")
    assert mine.link("Português") == "/pt/residence/?citizenship=eu&island=sao-miguel"
    assert "reason=" not in mine.html and "family-of" not in mine.html


def test_two_people_at_the_same_roadmap_each_get_links_of_their_own(visitor):
    visitor.start("residence")
    for value in ("other", "Another reason", "I asked for asylum, or want to", "terceira"):
        visitor.answer(value)
    first = visitor.answer("angra-do-heroismo")
    second = visitor.get(first.response.request.full_path)
    assert first.kind == second.kind == "roadmap"
    assert "Angra do Heroísmo, Terceira" in second.soup.find(class_="lead").get_text()
    tokens = [dict(parse_qsl(urlsplit(page.link("Back")).query))["situation"] for page in (first, second)]
    assert tokens[0] != tokens[1] and "asylum" not in tokens
    change = visitor.get(first.soup.select(".answers a")[2]["href"])
    assert change.heading == "Which fits your situation?"
    checked = change.form().find("input", checked=True)
    assert checked.find_next("label").get_text() == "I asked for asylum, or want to"


def test_each_visit_to_a_sensitive_question_gets_new_tokens_that_still_work(visitor):
    url = "/en/residence/?citizenship=other&reason=other-reason"
    first, second = visitor.get(url), visitor.get(url)
    assert first.heading == second.heading == "Which fits your situation?"
    assert first.choices() != second.choices() and not set(first.choices()) & set(second.choices())
    assert "asylum" not in first.choices()
    assert visitor.answer("I asked for asylum, or want to").heading == "Which island do you live on?"


def test_each_wrong_answer_is_echoed_on_its_own_page(client):
    values = ("martian", "<b>venusian</b>")
    pages = [Page(client.get(f"/en/residence/?citizenship={value}")) for value in values]
    for page, value in zip(pages, values):
        assert f"“{value}” is not one of the answers" in page.soup.find(id="answer-error").get_text()
    assert "martian" not in pages[1].html and "<b>venusian" not in pages[1].html


def test_changing_the_island_asks_for_the_municipality_again_without_an_error(visitor):
    visitor.start("residence")
    for value in ("eu", "pico"):
        visitor.answer(value)
    roadmap = visitor.answer("lajes-do-pico")
    island = next(a for a in roadmap.soup.select(".answers a") if "Which island" in a.get_text())
    visitor.get(island["href"])
    page = visitor.answer("sao-miguel")
    assert page.status == 200 and page.heading == "Which municipality do you live in?"
    assert not page.soup.select(".error-summary") and "ponta-delgada" in page.choices()
    assert "lajes-do-pico" not in page.html
    assert visitor.answer("ponta-delgada").kind == "roadmap"


@pytest.mark.parametrize("url", ["/pt/school/?papers=n%C3%A3o",
                                 "/en/residence/?citizenship=other&reason=other-reason&situation=%C3%A9"])
def test_a_wrong_answer_to_a_sensitive_question_is_shown_in_any_alphabet(client, url):
    page = Page(client.get(url))
    assert page.status == 422 and page.soup.find(id="answer-error")
    text = client.get(url + "&format=txt")
    assert text.status_code == 422 and text.mimetype == "text/plain"


def test_a_sensitive_roadmap_keeps_its_outcome_out_of_the_history_and_the_report_email(visitor):
    visitor.start("residence")
    for value in ("other", "Another reason", "Victim of trafficking, forced work or violence", "flores"):
        visitor.answer(value)
    roadmap = visitor.answer("santa-cruz-das-flores")
    outcome = roadmap.heading
    assert roadmap.kind == "roadmap" and "trafficking" in outcome
    title = roadmap.soup.find("title").get_text()
    assert title.startswith("Your roadmap –") and "trafficking" not in title
    report = unquote(roadmap.soup.select_one("[data-report] a")["href"])
    assert "trafficking" not in report and "Living in the Azores legally" in report
    plain = Page(visitor.client.get("/en/residence/?citizenship=eu&island=corvo"))
    assert plain.soup.find("title").get_text().startswith(plain.heading)
