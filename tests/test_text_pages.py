"""Plain-text pages (`?format=txt`) and one request per step, with and without JavaScript."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import Visitor


def text(client, url: str):
    response = client.get(url)
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    body = response.get_data(as_text=True)
    assert "<" not in body and "&amp;" not in body
    for line in body.splitlines():  # short lines; only an address, never broken, may be longer
        assert len(line) <= 60 or re.fullmatch(r"\s*(\S*:? )?\S+://\S+", line), line
    return response.status_code, body


def test_a_question_as_text_has_numbered_options_and_their_addresses(client):
    status, body = text(client, "/pt/residence/?format=txt")
    assert status == 200
    lines = body.splitlines()
    assert lines[0] == "Que passaporte tem?"
    assert "2. De outro país" in lines
    follow = next(line for line in lines if line.startswith("2: "))[3:]
    status, after = text(client, follow.replace("http://localhost", ""))
    assert after.startswith("O que o traz aos Açores?")


def test_a_roadmap_as_text_names_the_offices_and_lists_its_sources(client):
    status, body = text(client, "/en/residence/?citizenship=eu&island=sao-miguel&municipality=ponta-delgada&format=txt")
    assert status == 200
    assert body.startswith("Your first steps as a citizen of the EU, EEA or Switzerland\n")
    assert "Your roadmap for Ponta Delgada, São Miguel." in body
    assert "1. Get your tax number (NIF)" in body and "- Serviço de Finanças de Lagoa" in body
    sources = body.split("Sources:\n", 1)[1].splitlines()
    assert sources[0].startswith("[1] https://")


def test_the_text_roadmap_matches_the_page(client):
    url = "/pt/residence/?citizenship=eu&island=corvo"
    page = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    _status, body = text(client, url + "&format=txt")
    for office in page.select(".office h4"):
        assert office.get_text(strip=True) in body


def test_a_wrong_answer_as_text_says_so(client):
    status, body = text(client, "/en/residence/?citizenship=martian&format=txt")
    assert status == 422 and body.startswith("“martian” is not one of the answers.")


def test_a_phone_number_or_a_source_date_is_never_split_across_lines(client):
    url = "/pt/health/?citizenship=eu&island=sao-miguel&municipality=ponta-delgada"
    page = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    numbers = {a.get_text() for a in page.select('a[href^="tel:"]')}
    _status, body = text(client, url + "&format=txt")
    assert "808 24 60 24" in numbers and all(number in body for number in numbers)
    assert all(re.fullmatch(r"\[\d+: [^\]\n]+\]", cited) for cited in re.findall(r"\[\d+:[^\]]*\]", body))


def test_a_changed_answer_as_text_is_marked_and_has_a_way_back(client):
    status, body = text(client, "/en/residence/reason/?citizenship=other&reason=work&format=txt")
    assert status == 200 and "4. I came to work or to live here (your answer)" in body.splitlines()
    back = body.split("To go back:\n", 1)[1].splitlines()[0]
    _status, before = text(client, back.replace("http://localhost", ""))
    assert before.startswith("Which passport do you have?") and "2. From another country (your answer)" in before


def test_a_sensitive_text_page_lists_the_emergency_lines(client):
    _status, question = text(client, "/en/residence/?citizenship=other&reason=other-reason&format=txt")
    _status, plain = text(client, "/en/residence/?citizenship=other&format=txt")
    assert "- 112: Emergency" in question and "- 116 006: APAV" in question
    assert "http://localhost/en/help/" in question
    assert "112" not in plain


@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_each_step_is_exactly_one_request_with_no_redirect(client, htmx):
    visitor = Visitor(client, htmx=htmx)
    calls = []
    original = client.get

    def counted(url, **kwargs):
        response = original(url, **kwargs)
        calls.append(response.status_code)
        return response

    client.get = counted
    try:
        visitor.start("residence")
        calls.clear()
        for answer in ("other", "work", "With a residence visa from a Portuguese consulate", "sao-jorge", "calheta"):
            page = visitor.answer(answer)
            assert page.status == 200 and "Location" not in page.response.headers
    finally:
        client.get = original
    assert calls == [200] * 5  # five answers, five requests, no redirect
    assert page.kind == "roadmap" and "Calheta, São Jorge" in page.soup.find(class_="lead").get_text()
