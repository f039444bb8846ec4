"""Every flow, generated: every path in every municipality reaches a roadmap.

The hand-checked tables are in tests/test_flow_tables.py; this file enumerates.
A roadmap page costs about 50 ms (some 45 queries), so the 850-odd paths x
municipalities are walked through the engine; every step's service is resolved
for all 19 municipalities; and every outcome is fetched over HTTP in English
and Portuguese, the pages cycling through the 19 municipalities, read with a
small stdlib parser. The residence flow is also walked with htmx in
tests/test_residence_flow.py.
"""

import gzip
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest

from guide import db, roadmap
from guide.engine.model import Question

NEW_FLOWS = ["residence", "work", "business", "school", "health", "benefits", "arrival", "portuguese"]
FALLBACKS = {"municipality", "island", "remote", "other-island"}


def walks(router, answers=()):
    """Every finished walk of the flow: (answers as URL parameters, walk), depth first."""
    params = {q: [v] for q, v in answers}
    walk = router.walk(params)
    if walk.finished:
        yield list(answers), walk
        return
    node = walk.node
    for value in router.choices(node, walk):
        yield from walks(router, (*answers, (node.id, router.encode(node, value))))


class Roadmap(HTMLParser):
    """What the coverage needs from a roadmap page, without building a tree."""

    def __init__(self, html: str):
        super().__init__()
        self.page, self.steps, self.report, self._in_report = None, [], None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.page = a.get("data-page")
        if "data-service" in a:
            self.steps.append((a["data-service"], []))
        if "data-fallback" in a and self.steps:
            self.steps[-1][1].append((a["data-fallback"], a.get("data-municipality")))
        if "data-report" in a:
            self._in_report = True
        if tag == "a" and self._in_report and self.report is None:
            self.report = a.get("href")


@pytest.fixture(scope="module")
def routers(app):
    return app.extensions["content"].routers


def pairs(router):
    """(outcome, municipality) -> the answers of the first path that reaches it."""
    found = {}
    for answers, walk in walks(router):
        found.setdefault((walk.node.id, walk.answer_for("municipality")), answers)
    return found


@pytest.mark.parametrize("flow", NEW_FLOWS)
def test_every_path_in_every_municipality_reaches_an_outcome(routers, flow):
    router = routers[flow]
    found = pairs(router)
    outcomes = {n for n, node in router.flow.nodes.items() if not isinstance(node, Question)}
    assert {o for o, _m in found} == outcomes, "an outcome no path reaches"
    assert len(found) == 19 * len(outcomes), "an outcome missing in some municipality"


def test_every_service_of_every_flow_resolves_in_every_municipality(app, routers):
    """The offices or channels of every step, in all 19 municipalities (what the pages show)."""
    steps = {s.service: s for r in routers.values() for n in r.flow.nodes.values()
             if not isinstance(n, Question) for s in n.steps}
    municipalities = [m for ms in routers["work"].places.values() for m in ms]
    with app.app_context():
        with db.session() as session:
            for municipality in municipalities:
                plan = roadmap.build(session, list(steps.values()), municipality)
                for item in plan.steps:
                    assert item.fallback in FALLBACKS, (municipality, item.service.slug)
                    assert item.offices or item.channels, (municipality, item.service.slug)
                    for office in item.offices:
                        assert (office.municipality.slug == municipality) == (office.fallback == "municipality")
    assert len(municipalities) == 19


@pytest.mark.parametrize("flow", NEW_FLOWS)
def test_every_outcome_is_a_roadmap_page_in_both_languages(client, routers, flow):
    """Each outcome in English and in Portuguese, the pages cycling through all 19 municipalities."""
    found = pairs(routers[flow])
    outcomes = sorted({o for o, _m in found})
    municipalities = sorted({m for _o, m in found})
    seen = set()
    for i in range(max(2 * len(outcomes), len(municipalities))):
        outcome, municipality = outcomes[i % len(outcomes)], municipalities[i % len(municipalities)]
        lang = ("en", "pt")[(i // len(outcomes)) % 2]
        response = client.get(f"/{lang}/{flow}/?{urlencode(found[outcome, municipality])}")
        assert response.status_code == 200, (flow, outcome, municipality)
        page = Roadmap(response.get_data(as_text=True))
        assert page.page == "roadmap" and page.steps, (flow, outcome, municipality)
        assert len(gzip.compress(response.get_data())) <= 14 * 1024, "first-load budget (DESIGN.md 9)"
        for service, places in page.steps:
            assert places, (flow, outcome, municipality, service)
            for fallback, where in places:
                assert fallback in FALLBACKS and (where == "") == (fallback == "remote")
                assert fallback != "municipality" or where == municipality
        assert page.steps[-1][0] == "free-help", (flow, outcome)
        assert page.report.startswith("mailto:atendimento.drc@azores.gov.pt?subject="), (flow, outcome)
        seen.add((outcome, lang))
    assert seen == {(o, lang) for o in outcomes for lang in ("en", "pt")}
