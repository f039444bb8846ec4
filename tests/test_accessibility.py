"""axe-core finds no WCAG 2.2 AA violation on any page type in any shipped language; Arabic reads right to left.

Each page type is also saved as a 360 px screenshot in test-artifacts/.
"""

from __future__ import annotations

import pytest

from browsing import PHONE, WCAG_TAGS, needs_chromium, screenshot

pytestmark = [pytest.mark.browser, needs_chromium]

PAGES = {
    "home": "/{lang}/",
    "question": "/{lang}/residence/?citizenship=other",
    "question-error": "/{lang}/residence/?citizenship=zz",
    "roadmap": "/{lang}/residence/?citizenship=eu&island=pico&municipality=lajes-do-pico",
    "not-found": "/{lang}/no-such-need/",
    "help": "/{lang}/help/",
}
EXPECTED_KIND = {"question-error": "question", "not-found": "error"}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def languages(app) -> list[str]:
    return list(app.config["LANGUAGES"])


def violations(axe, page) -> list[str]:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result.response["violations"]]


@pytest.mark.parametrize("kind", PAGES)
def test_every_page_type_in_every_language_has_no_axe_violation(app, axe, tab, live_server, kind):
    for lang in languages(app):
        tab.goto(live_server + PAGES[kind].format(lang=lang))
        tab.wait_for_function("window.htmx !== undefined")
        assert tab.get_attribute("main", "data-page") == EXPECTED_KIND.get(kind, kind)
        assert tab.get_attribute("html", "lang") == lang
        assert violations(axe, tab) == [], f"{kind} in {lang}"
        screenshot(tab, f"{kind}-{lang}-360")


def test_a_page_swapped_in_by_htmx_has_no_axe_violation(axe, tab, live_server):
    tab.goto(f"{live_server}/en/residence/?citizenship=eu&island=pico")
    tab.wait_for_function("window.htmx !== undefined")
    tab.check("input[value=madalena]")
    tab.click("button[type=submit]")
    tab.wait_for_selector("main[data-page=roadmap]")
    assert violations(axe, tab) == []


def test_arabic_pages_read_right_to_left_and_say_they_are_unreviewed(tab, live_server):
    tab.goto(f"{live_server}/ar/residence/?citizenship=eu")
    assert tab.get_attribute("html", "dir") == "rtl"
    assert tab.inner_text("main h1") == "في أي جزيرة تسكن؟"
    assert "لم يراجع هذه الترجمة" in tab.inner_text("[data-unreviewed]")
    radio, label = tab.locator(".radio input").first.bounding_box(), tab.locator(".radio label").first.bounding_box()
    assert radio["x"] > label["x"], "the radio button sits to the right of its label"
    back = tab.locator("a.back").bounding_box()
    width = tab.evaluate("document.documentElement.clientWidth")
    assert back["x"] + back["width"] > width / 2, "Back starts on the right"
    tab.goto(f"{live_server}/ar/residence/?citizenship=eu&island=pico&municipality=lajes-do-pico")
    office = tab.locator(".office").first
    border = office.evaluate("e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]")
    assert border == ["4px", "0px"], "the office's rule is mirrored to the right"
    assert "Lajes do Pico" in tab.inner_text(".lead")
    screenshot(tab, "roadmap-ar-rtl-360")


def test_the_english_and_portuguese_pages_carry_no_unreviewed_note(tab, live_server):
    for lang in ("en", "pt"):
        tab.goto(f"{live_server}/{lang}/")
        assert tab.locator("[data-unreviewed]").count() == 0
        assert tab.get_attribute("html", "dir") == "ltr"
