"""Search as you type in a real Chromium: only the results change, the field keeps its focus."""

from __future__ import annotations

import pytest

from browsing import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]


def test_typing_refreshes_only_the_results(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server}/pt/search")
    page.wait_for_function("window.htmx !== undefined")
    page.evaluate("window.sameDocument = true")
    page.click("#q")
    page.keyboard.type("SAO ROQUE", delay=20)
    page.wait_for_selector("[data-result=municipality] a:text('São Roque do Pico')")
    assert page.evaluate("window.sameDocument") is True, "htmx should swap, not reload"
    assert page.evaluate("document.activeElement.id") == "q"  # the field was not replaced
    assert "q=SAO+ROQUE" in page.url or "q=SAO%20ROQUE" in page.url
    page.fill("#q", "heroismo")
    page.wait_for_selector("[data-result=municipality] a:text('Angra do Heroísmo')")
    assert errors == []
    context.close()


def test_search_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/en/places/")
    page.fill("#place", "Rabo de Peixe")
    page.click("form[role=search] button")
    page.wait_for_selector("[data-answer=ribeira-grande]")
    page.click("[data-answer=ribeira-grande] a")
    page.wait_for_selector("main[data-page=directory-municipality] h1:text('Services in Ribeira Grande')")
    context.close()
