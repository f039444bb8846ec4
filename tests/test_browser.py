"""A real headless Chromium at 360 px walks the flows the way people do.

With JavaScript off (whole pages) and on (htmx swaps the main region), by
keyboard alone, at 200 % zoom, changing an earlier answer, switching language
mid-walk, pressing Back and Forward, and printing the roadmap.
"""

from __future__ import annotations

import pytest

from browsing import PHONE, needs_chromium, screenshot

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def open_page(browser, live_server):
    """A fresh tab at 360 px; `open_page(path, javascript=True)` loads `path` in it."""
    contexts = []

    def opener(path: str, javascript: bool = True, **options):
        context = browser.new_context(java_script_enabled=javascript, viewport=options.pop("viewport", PHONE),
                                      **options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" and "404" not in m.text
                else None)
        page.goto(live_server + path)
        if javascript:
            page.wait_for_function("window.htmx !== undefined")
            page.evaluate("window.sameDocument = true")
        return page

    yield opener
    for context in contexts:
        context.close()


def flow_ids(app) -> list[str]:
    return sorted(app.extensions["content"].routers)


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


def heading(page) -> str:
    return page.inner_text("main h1").strip()


def focus_lands_on(page, selector: str) -> bool:
    """Wait (briefly: htmx settles after 20 ms) until focus is on `selector`."""
    try:
        page.wait_for_function("s => document.activeElement.matches(s)", arg=selector, timeout=2000)
    except Exception:  # noqa: BLE001 - a timeout is the answer "no"
        return False
    return True


def focused(page) -> str:
    """A short description of the focused element: tag, id and text."""
    return page.evaluate("""() => { const e = document.activeElement;
        return `${e.tagName.toLowerCase()}#${e.id} ${(e.innerText || e.value || '').trim().slice(0, 60)}`; }""")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_flow_walks_to_a_roadmap(app, open_page, javascript):
    """Choosing the first answer at every step ends on a roadmap, in one tab, with the URL following."""
    for flow in flow_ids(app):
        page = open_page("/en/", javascript=javascript)
        page.click(f"a[data-flow={flow}]")
        for _step in range(30):
            page.wait_for_selector("main[data-page=question], main[data-page=roadmap]")
            if page.locator("main[data-page=roadmap]").count():
                break
            before = heading(page)
            page.locator("main input[type=radio]").first.check()
            if javascript:
                page.click("button[type=submit]")
            else:  # a whole new page: wait for it to load, not for a heading in the one going away
                with page.expect_navigation():
                    page.click("button[type=submit]")
            page.wait_for_function("h => document.querySelector('main h1')?.innerText.trim() !== h", arg=before)
            assert f"/en/{flow}/?" in page.url, "the address bar follows the walk"
            if javascript:
                assert focus_lands_on(page, "main h1"), focused(page)
        assert page.locator("main[data-page=roadmap] .steps > li").count() > 0
        sensitive = page.locator("[data-quick-exit]").count() > 0  # its outcome stays out of the history
        assert page.title() == f"{'Your roadmap' if sensitive else heading(page)} – Azores Migrant Guide"
        if javascript:
            assert page.evaluate("window.sameDocument") is True, "htmx swaps the main region, not the page"
        assert not page.errors, page.errors


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_each_answer_costs_the_browser_exactly_one_request(open_page, javascript):
    """On 2G every round trip is about 0.8 s: an answer is one GET of the next step, never a redirect.

    Counted on the wire, in the browser: with JavaScript htmx makes the request, without it the
    form does; scripts and styles are cached or inlined, so nothing else is fetched."""
    page = open_page("/en/residence/", javascript=javascript)
    sent = []
    page.on("request", lambda request: sent.append(request))
    for value in ("eu", "pico", "lajes-do-pico"):
        sent.clear()
        before = heading(page)
        page.check(f"input[value={value}]")
        if javascript:
            with page.expect_response(lambda r: "/en/residence/?" in r.url):
                page.click("button[type=submit]")
        else:
            with page.expect_navigation():
                page.click("button[type=submit]")
        page.wait_for_function("h => document.querySelector('main h1')?.innerText.trim() !== h", arg=before)
        page.wait_for_load_state("networkidle")
        assert [(r.method, r.url.split("?")[0]) for r in sent] == [("GET", page.url.split("?")[0])], \
            [r.url for r in sent]
        response = sent[0].response()
        assert response.status == 200 and sent[0].redirected_from is None
        assert sent[0].url == page.url, "the address bar shows the step that was fetched"
        assert (sent[0].headers.get("hx-request") == "true") is javascript
    assert page.locator("main[data-page=roadmap]").count() == 1


def test_walk_without_javascript(open_page):
    page = open_page("/en/", javascript=False)
    walk_to_lajes_do_pico(page)
    assert "municipality=lajes-do-pico" in page.url
    assert page.locator("[data-fallback]").count() > 0
    screenshot(page, "roadmap-nojs-360")
    page.go_back()
    page.wait_for_selector("h1:text('Which municipality do you live in?')")


def test_walk_with_javascript_swaps_and_back_restores_a_styled_page(open_page):
    page = open_page("/en/")
    walk_to_lajes_do_pico(page)
    assert page.evaluate("window.sameDocument") is True, "htmx should swap, not reload"
    assert "municipality=lajes-do-pico" in page.url, "the address bar follows the walk"
    assert page.title().startswith("Your first steps as a citizen")
    for _ in range(3):
        page.go_back()
    page.wait_for_selector("h1:text('Which passport do you have?')")
    for expected in ["Which island do you live on?", "Which municipality do you live in?"]:
        page.go_forward()
        page.wait_for_selector(f"h1:text('{expected}')")
        assert page.locator("header").count() == 1 and page.locator("main").count() == 1
        assert page.locator("footer").count() == 1, "a restored page is whole, not a bare fragment"
        colour = page.eval_on_selector("button[type=submit]", "b => getComputedStyle(b).backgroundColor")
        assert colour == "rgb(0, 112, 60)", "the restored page keeps its styles"
    page.go_forward()
    page.wait_for_selector("main[data-page=roadmap]")
    assert "Lajes do Pico, Pico" in page.inner_text(".lead")
    assert not page.errors, page.errors


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_changing_an_earlier_answer_leads_to_the_new_roadmap(open_page, javascript):
    page = open_page("/en/", javascript=javascript)
    walk_to_lajes_do_pico(page)
    page.click(".answers a:has-text('Which island do you live on?')")
    page.wait_for_selector("h1:text('Which island do you live on?')")
    assert page.is_checked("input[value=pico]"), "the current answer is selected"
    page.check("input[value=faial]")
    page.click("button[type=submit]")
    page.wait_for_selector("main[data-page=roadmap]")  # Faial has one municipality: Horta
    assert "Horta, Faial" in page.inner_text(".lead")
    assert "Lajes do Pico" not in page.inner_text(".answers")
    assert page.inner_text(".answers dt:has-text('island') + dd").startswith("Faial")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_switching_language_mid_walk_keeps_the_answers(open_page, javascript):
    page = open_page("/en/residence/?citizenship=eu", javascript=javascript)
    page.check("input[value=sao-miguel]")
    page.click("button[type=submit]")
    page.wait_for_selector("h1:text('Which municipality do you live in?')")
    page.click("nav.langs a[hreflang=pt]")
    page.wait_for_selector("html[lang=pt]")
    assert "/pt/residence/" in page.url and "citizenship=eu" in page.url
    assert heading(page) == "Em que concelho vive?"
    page.check("input[value=ponta-delgada]")
    page.click("button[type=submit]")
    page.wait_for_selector("main[data-page=roadmap]")
    assert "Ponta Delgada, São Miguel" in page.inner_text(".lead")
    assert page.evaluate("document.documentElement.lang") == "pt"


def test_keyboard_alone_walks_the_residence_flow(open_page):
    """Tab to a control, Space to choose, Enter to follow or send: no mouse at all."""
    page = open_page("/en/")

    def tab_to(selector: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}; focus is on {focused(page)}")

    tab_to("a[data-flow=residence]")
    page.keyboard.press("Enter")
    for value, next_heading in [("eu", "Which island do you live on?"),
                                ("pico", "Which municipality do you live in?")]:
        page.wait_for_selector("main[data-page=question]")
        tab_to("main input[type=radio]")
        while page.evaluate("document.activeElement.value") != value:
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        tab_to("button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_selector(f"h1:text('{next_heading}')")
        assert focus_lands_on(page, "main h1"), focused(page)
    tab_to("main input[type=radio]")
    page.keyboard.press("Space")
    tab_to("button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("main[data-page=roadmap]")
    outline = page.evaluate("""() => { const a = document.querySelector('main a.back'); a.focus();
        return getComputedStyle(a).outlineStyle + ' ' + getComputedStyle(a).backgroundColor; }""")
    assert outline == "solid rgb(255, 221, 0)", "a focused link is clearly marked"


def test_an_error_is_focused_announced_and_linked_to_its_field(open_page):
    page = open_page("/en/residence/?citizenship=zz")
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    assert focus_lands_on(page, ".error-summary"), focused(page)
    page.click(".error-summary a")
    assert page.evaluate("document.activeElement.id") == "answer-0"
    described = page.get_attribute("fieldset", "aria-describedby").split()
    assert "answer-error" in described and page.inner_text("#answer-error").startswith("“zz”")


@pytest.mark.parametrize("path", [
    "/en/", "/en/residence/?citizenship=zz",
    "/en/residence/?citizenship=eu&island=pico&municipality=lajes-do-pico",
    "/pt/residence/?citizenship=other&island=terceira&municipality=angra-do-heroismo",
    "/ar/residence/?citizenship=eu", "/ar/residence/?citizenship=eu&island=pico&municipality=madalena",
])
def test_at_200_percent_zoom_nothing_scrolls_sideways(open_page, path):
    """360 px at 200 % zoom leaves 180 CSS pixels: the page reflows into them."""
    page = open_page(path, viewport={"width": 180, "height": 370}, device_scale_factor=2)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px of horizontal scroll on {path}"
    button = page.locator("main button:visible").first
    if button.count():
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 180


def test_printing_the_roadmap_hides_navigation_and_keeps_the_steps(open_page):
    page = open_page("/en/residence/?citizenship=eu&island=pico&municipality=lajes-do-pico")
    assert page.is_visible("[data-print] button"), "with JavaScript a print button appears"
    page.emulate_media(media="print")
    for hidden in ["header", "footer", "nav.langs", "a.back", "[data-print]", ".answers a"]:
        assert not page.locator(hidden).first.is_visible(), f"{hidden} shows in print"
    assert page.locator(".steps > li").first.is_visible()
    assert page.locator(".answers dt").first.is_visible(), "the answers stay, without the change links"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    screenshot(page, "roadmap-print-360")


def test_the_quick_exit_leaves_no_way_back_with_javascript(browser, live_server):
    """With JavaScript the exit replaces the history entry: Back does not return to the sensitive page."""
    context = browser.new_context()
    context.route("https://www.google.com/**", lambda route: route.fulfill(body="<title>elsewhere</title>",
                                                                            content_type="text/html"))
    page = context.new_page()
    page.goto(f"{live_server}/en/")
    page.goto(f"{live_server}/en/residence/?citizenship=other&reason=other-reason")
    page.wait_for_selector("main[data-page=question] [data-safety]")
    page.click(".exit a")
    page.wait_for_url("https://www.google.com/**")
    page.go_back()
    page.wait_for_load_state()
    assert page.url == f"{live_server}/en/", "Back must skip the page that was left"
    context.close()
