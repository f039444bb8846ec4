"""A real headless Chromium walks the residence flow with JavaScript off, then on, and presses Back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def server(app):
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


def walk_to_lajes_do_pico(page):
    page.click("a[data-flow=residence]")
    page.wait_for_selector("main[data-page=question] h1:text('Which passport do you have?')")
    page.check("input[value=eu]")
    page.click("button[type=submit]")
    page.wait_for_selector("h1:text('Which island do you live on?')")
    page.check("input[value=pico]")
    page.click("button[type=submit]")
    page.wait_for_selector("h1:text('Which municipality do you live in?')")
    page.check("input[value=lajes-do-pico]")
    page.click("button[type=submit]")
    page.wait_for_selector("main[data-page=roadmap]")


def test_walk_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{server}/en/")
    walk_to_lajes_do_pico(page)
    assert "municipality=lajes-do-pico" in page.url
    assert page.locator("[data-fallback]").count() > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "roadmap-nojs-360.png"), full_page=True)
    page.go_back()
    page.wait_for_selector("h1:text('Which municipality do you live in?')")
    context.close()


def test_walk_with_javascript_swaps_and_back_restores_a_styled_page(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{server}/en/")
    page.wait_for_function("window.htmx !== undefined")
    page.evaluate("window.sameDocument = true")
    walk_to_lajes_do_pico(page)
    assert page.evaluate("window.sameDocument") is True, "htmx should swap, not reload"
    assert "municipality=lajes-do-pico" in page.url, "the address bar follows the walk"
    assert page.title().startswith("Your first steps as a citizen")
    page.go_back()
    page.wait_for_selector("h1:text('Which municipality do you live in?')")
    assert page.locator("header").count() == 1 and page.locator("main").count() == 1
    colour = page.eval_on_selector("button[type=submit]", "b => getComputedStyle(b).backgroundColor")
    assert colour == "rgb(0, 112, 60)", "the restored page keeps its styles"
    page.go_forward()
    page.wait_for_selector("main[data-page=roadmap]")
    assert not errors, errors
    context.close()


def test_the_quick_exit_leaves_no_way_back_with_javascript(browser, server):
    """With JavaScript the exit replaces the history entry: Back does not return to the sensitive page."""
    context = browser.new_context()
    context.route("https://www.google.com/**", lambda route: route.fulfill(body="<title>elsewhere</title>",
                                                                            content_type="text/html"))
    page = context.new_page()
    page.goto(f"{server}/en/")
    page.goto(f"{server}/en/residence/?citizenship=other&reason=other-reason")
    page.wait_for_selector("main[data-page=question] [data-safety]")
    page.click(".exit a")
    page.wait_for_url("https://www.google.com/**")
    page.go_back()
    page.wait_for_load_state()
    assert page.url == f"{server}/en/", "Back must skip the page that was left"
    context.close()
