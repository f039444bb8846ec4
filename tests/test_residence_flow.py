"""The residence flow, node by node: hand-checked roadmaps, then every path in every municipality.

The expected offices in TABLE were read off shared/data (azores-offices.yaml,
azores-directory.yaml), not off the code: the comment on each row says why.
"""

from urllib.parse import urlencode

import pytest

from conftest import Visitor

WORK = "I came to work or to live here"
VISA = "With a residence visa from a Portuguese consulate"
NO_VISA = "Without a residence visa (for example as a visitor, or with no visa)"

TABLE = [
    # Ponta Delgada, EU citizen. No tax office in Ponta Delgada in our sources (the 2013 list
    # names Lagoa, the nearest on São Miguel); the town hall is at Praça do Município; the
    # health centre of Ponta Delgada is named in the USISM news (destak.pt, 2017-01).
    (["eu", "sao-miguel", "ponta-delgada"], "Your first steps as a citizen of the EU, EEA or Switzerland", {
        "nif": ("Serviço de Finanças de Lagoa", "island"),
        "eu-registration": ("Câmara Municipal de Ponta Delgada", "municipality"),
        "health-number": ("Centro de Saúde de Ponta Delgada", "municipality"),
    }),
    # Lajes do Pico, residence visa. Tax office of Lajes do Pico on the 2013 list; no named RIAC
    # shop (the 2025 AIMA agreement places one in every municipality); Centro de Saúde das
    # Lajes do Pico (acorianooriental.pt, 2025-09); NISS is requested online.
    (["other", WORK, VISA, "pico", "lajes-do-pico"], "Your first steps with a residence visa", {
        "nif": ("Serviço de Finanças das Lajes do Pico", "municipality"),
        "residence-permit": ("RIAC – Lajes do Pico", "municipality"),
        "niss": (None, "remote"),
        "health-number": ("Centro de Saúde das Lajes do Pico", "municipality"),
    }),
    # Lajes das Flores: Flores' only health centre is in Santa Cruz das Flores; the tax office
    # of Lajes das Flores is on the 2013 list.
    (["other", WORK, VISA, "flores", "lajes-das-flores"], "Your first steps with a residence visa", {
        "nif": ("Serviço de Finanças das Lajes das Flores", "municipality"),
        "health-number": ("Centro de Saúde de Santa Cruz das Flores", "island"),
    }),
    # Corvo: one municipality, so no municipality question; tax office of Corvo (2013 list),
    # Loja RIAC do Corvo (reopened 2020-05), Centro de Saúde do Corvo (public list).
    (["eu", "corvo"], "Your first steps as a citizen of the EU, EEA or Switzerland", {
        "nif": ("Serviço de Finanças do Corvo", "municipality"),
        "eu-registration": ("Câmara Municipal do Corvo", "municipality"),
        "health-number": ("Centro de Saúde do Corvo", "municipality"),
    }),
    (["other", WORK, NO_VISA, "corvo"], "Your first steps without a residence visa", {
        "health-care-any-status": ("Centro de Saúde do Corvo", "municipality"),
    }),
]


@pytest.mark.parametrize("answers, title, offices", TABLE, ids=lambda v: "-".join(v) if isinstance(v, list) else "")
def test_hand_checked_roadmaps(client, answers, title, offices):
    visitor = Visitor(client)
    visitor.start("residence")
    for answer in answers:
        page = visitor.answer(answer)
    assert page.kind == "roadmap" and page.heading == title
    for service, (office, fallback) in offices.items():
        step = page.soup.select_one(f"li[data-service={service}]")
        assert step is not None, f"no step for {service}"
        places = step.select("[data-fallback]")
        assert places[0]["data-fallback"] == fallback, service
        if office is not None:
            assert places[0].find("h4").get_text(strip=True) == office


@pytest.fixture(scope="module")
def router(app):
    return app.extensions["content"].routers["residence"]


def all_paths(router, places):
    """Every combination of answers the flow allows, ending in every municipality."""
    visa = router.flow.nodes["visa"]
    starts = [[("citizenship", "eu")]] + [
        [("citizenship", "other"), ("reason", "work"), ("visa", router.encode(visa, o.value))] for o in visa.options
    ]
    for start in starts:
        for island, municipalities in places.items():
            for municipality in municipalities:
                yield start + [("island", island), ("municipality", municipality)], municipality


def test_every_path_reaches_a_roadmap_in_every_municipality(client, app, router):
    places = router.places
    assert sum(len(m) for m in places.values()) == 19
    seen = 0
    for answers, municipality in all_paths(router, places):
        for htmx in (False, True):
            page = Visitor(client, htmx=htmx).get(f"/en/residence/?{urlencode(answers)}")
            assert page.status == 200 and page.kind == "roadmap", answers
            steps = page.soup.select("ol.steps > li")
            assert steps
            for step in steps:
                places_shown = step.select("[data-fallback]")
                assert places_shown, (municipality, step["data-service"])
                for place in places_shown:
                    fallback, where = place["data-fallback"], place["data-municipality"]
                    assert fallback in {"municipality", "island", "remote", "other-island"}
                    assert (where == "") == (fallback == "remote")
                    if fallback == "municipality":
                        assert where == municipality
        seen += 1
    assert seen == 3 * 19


def test_no_address_phone_or_hours_is_shown_without_a_source(client, router):
    for answers, _municipality in all_paths(router, router.places):
        page = Visitor(client).get(f"/en/residence/?{urlencode(answers)}")
        facts = page.soup.select("[data-fact]")
        for fact in facts:
            source = fact.select_one(".src")
            assert source is not None and source.find("a")["href"].startswith("http"), fact
        assert page.soup.find(string=lambda s: s and "Address not published" in s) or facts


def test_an_eu_citizen_is_not_asked_for_residence_permit_papers(client):
    page = Visitor(client).get("/en/residence/?citizenship=eu&island=pico&municipality=lajes-do-pico")
    assert "residence permit" not in page.soup.select_one("li[data-service=niss]").get_text()


def test_the_roadmap_in_portuguese(client):
    page = Visitor(client).get("/pt/residence/?citizenship=eu&island=pico&municipality=lajes-do-pico")
    assert page.kind == "roadmap"
    assert page.heading == "Os seus primeiros passos como cidadão da UE, do EEE ou da Suíça"
    assert "Peça o seu número de contribuinte (NIF)" in page.soup.select_one("li[data-service=nif] h2").get_text()
    assert page.soup.find("html")["lang"] == "pt"
