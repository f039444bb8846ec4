"""The SMS channel through its webhook, signed like Twilio signs it, and its parts."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from xml.etree import ElementTree

import pytest
from sqlmodel import select
from twilio.request_validator import RequestValidator

from guide import db
from guide.sms import gsm, sessions, words
from guide.sms.conversation import Conversation
from guide.sms.models import SmsSession

TOKEN = "test-twilio-token"
URL = "https://guide.example/sms/twilio"


@pytest.fixture
def sms(app):
    app.config.update(SMS_AUTH_TOKEN=TOKEN, SMS_PUBLIC_URL=URL, SMS_MAX_SEGMENTS=3, SMS_IDLE_MINUTES=120,
                      SMS_HASH_KEY="test-hash-key", SMS_RATE_LIMIT=60, SMS_RATE_WINDOW_MINUTES=60)
    with app.app_context():
        with db.session() as session:
            for row in session.exec(select(SmsSession)):
                session.delete(row)
            session.commit()
    return Phone(app.test_client())


@pytest.fixture
def clock(monkeypatch):
    """The sessions' clock, moved on by hand."""
    clock = Clock()
    monkeypatch.setattr(sessions, "_now", lambda: clock.now)
    return clock


class Clock:
    def __init__(self):
        self.now = datetime.now(timezone.utc)

    def wait(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


def rows(app) -> list[SmsSession]:
    with app.app_context(), db.session() as session:
        return list(session.exec(select(SmsSession)))


class Phone:
    """A phone texting the guide through a gateway that signs every call."""

    def __init__(self, client, number: str = "+351912345678"):
        self.client, self.number, self.sent = client, number, 0

    def post(self, body: str, sid: str | None = None, signature: str | None = None, url: str = URL):
        self.sent += 1
        form = {"From": self.number, "Body": body, "MessageSid": sid or f"SM{self.sent:032d}{id(self)}"}
        if signature is None:
            signature = RequestValidator(TOKEN).compute_signature(url, form)
        return self.client.post("/sms/twilio", data=form, headers={"X-Twilio-Signature": signature})

    def send(self, body: str, sid: str | None = None) -> str:
        response = self.post(body, sid)
        assert response.status_code == 200 and response.mimetype == "text/xml"
        message = ElementTree.fromstring(response.get_data()).find("Message")
        reply = message.text if message is not None else ""
        assert gsm.count(reply).segments <= 3, reply
        return reply

    def read_all(self, first: str, more: str) -> list[str]:
        """The roadmap's parts: the first reply, then MORE until the last part."""
        parts = [first]
        while "MORE" in parts[-1].splitlines()[-1] or "MAIS" in parts[-1].splitlines()[-1]:
            parts.append(self.send(more))
            assert len(parts) < 60
        return parts


def residence(app) -> str:
    """The menu number of the residence flow."""
    return str(list(app.extensions["content"].routers).index("residence") + 1)


def test_a_walk_in_portuguese_with_messy_replies_ends_in_a_full_roadmap(sms, app):
    menu = sms.send("Olá!")
    assert "Em que precisa de ajuda?" in menu and "1. Primeiros passos à chegada" in menu
    assert "Que passaporte tem?" in sms.send(f" {residence(app)} ")
    repeated = sms.send("sim")
    assert repeated.startswith("Essa não é uma das respostas.") and "Que passaporte tem?" in repeated
    assert "O que o traz aos Açores?" in sms.send("De OUTRO país!!")
    assert "Como veio para Portugal?" in sms.send("vim trabalhar ou viver cá")
    assert "Em que ilha vive?" in sms.send("1.")
    municipalities = sms.send("SÃO MIGUEL")
    assert "Em que concelho vive?" in municipalities and "3. Ponta Delgada" in municipalities
    first = sms.send("ponta-delgada")
    assert gsm.count(first).encoding == gsm.UCS2  # "São Miguel", "residência": not in GSM-7
    parts = sms.read_all(first, "mais")
    roadmap = "\n".join(parts)
    assert "Os seus primeiros passos com visto de residência" in roadmap
    for office in ("Serviço de Finanças de Lagoa", "Centro de Saúde de Ponta Delgada"):
        assert office in roadmap
    assert "?" not in roadmap.replace("Em que", "")  # nothing replaced by '?'
    assert all(gsm.count(part).segments <= 3 for part in parts)
    assert "(2/" in parts[1] and len(parts) > 3
    # Every character is paid for: the reader's own place is not repeated after each office,
    # and an office elsewhere says only where.
    assert re.search(r"^- Centro de Saúde de Ponta Delgada$", roadmap, re.MULTILINE)
    assert "- Serviço de Finanças de Lagoa (não verificado)" in roadmap
    assert "Nenhum serviço no concelho de Ponta Delgada nas nossas fontes. O mais próximo:" in " ".join(roadmap.split())
    assert "(Ponta Delgada, São Miguel)" not in roadmap and "(Lagoa, São Miguel)" not in roadmap


def test_an_office_on_another_island_says_which(sms, app):
    sms.send("en")
    sms.send(str(list(app.extensions["content"].routers).index("arrival") + 1))
    sms.send("eu")
    roadmap = "\n".join(sms.read_all(sms.send("faial"), "more"))  # Horta has no tax office in our sources
    assert "- Serviço de Finanças da Madalena (Pico) (not verified)" in roadmap


def test_a_walk_in_english_stays_gsm7_where_it_can(sms, app):
    sms.send("hi")
    assert "What do you need help with?" in sms.send("english")
    question = sms.send(residence(app))
    assert question.startswith("Which passport do you have?")
    counted = gsm.count(question)
    assert counted.encoding == gsm.GSM7 and counted.segments == 2  # 161–306 septets
    assert "Which island" in sms.send("  EU ")
    assert "Which municipality" in sms.send("pico")
    parts = sms.read_all(sms.send("Lajes do Pico."), "more")
    roadmap = "\n".join(parts)
    assert "Your roadmap for Lajes do Pico, Pico." in roadmap
    assert "Serviço de Finanças das Lajes do Pico" in roadmap


# How people answer: the option's words shouted with punctuation, typed without accents,
# or its number with stray spaces and a full stop.
MESSY = (lambda n, label: f"  {label.upper()}!! ",
         lambda n, label: words.normalise(label).replace(" ", "  "),
         lambda n, label: f" {n}. ")


@pytest.mark.parametrize("lang", ["en", "pt"])
def test_every_flow_can_be_walked_to_its_roadmap_with_messy_replies(sms, app, lang):
    for number, flow_id in enumerate(app.extensions["content"].routers, 1):
        phone = Phone(sms.client, f"+35191000{number:04d}")  # one person for each need
        phone.send(lang)
        reply = phone.send(str(number))
        for asked in range(20):
            if "Your roadmap for" in reply or "O seu roteiro para" in reply:
                break
            options = re.findall(r"^(\d+)\. (.+)$", reply, re.MULTILINE)
            assert options, (flow_id, reply)
            n, label = options[-1]  # the last option, so the walks differ from the number-only ones
            question = reply.splitlines()[0]
            reply = phone.send(MESSY[asked % len(MESSY)](n, label))
            assert question not in reply, (flow_id, question)  # understood: the walk moved on
        parts = phone.read_all(reply, "more")
        assert ("Your roadmap for" if lang == "en" else "O seu roteiro para") in parts[0], flow_id
        assert all(gsm.count(part).segments <= 3 for part in parts), flow_id
        assert "The guide will answer again" not in parts[-1] and "O guia volta" not in parts[-1], flow_id


def test_an_unknown_reply_keeps_the_place(sms):
    for body in ("1", "1", "terceira"):
        sms.send(body)
    again = sms.send("banana")
    assert "That is not one of the answers." not in again  # the conversation is in Portuguese
    assert "Essa não é uma das respostas." in again and "Em que concelho vive?" in again
    assert "Angra do Heroísmo" in sms.send("1")


def test_a_typo_while_reading_a_roadmap_repeats_the_part_being_read(sms, app):
    for body in ("en", residence(app), "eu", "pico"):
        sms.send(body)
    sms.send("lajes do pico")
    second = sms.send("more")
    assert "(2/" in second
    assert sms.send("mroe") == second  # the place is kept: no starting over from part 1
    assert "(3/" in sms.send("more")


@pytest.mark.parametrize(("lang", "need", "reply", "asked"), [
    ("en", "health", "Yes!", ("Which passport", "residence permit", "Which island")),
    ("pt", "saúde", "não", ("Que passaporte", "autorização de residência", "Em que ilha"))])
def test_yes_and_a_word_of_an_option_are_answers(sms, lang, need, reply, asked):
    # "saúde" is a word of "Cuidados de saúde", "não" of "Ainda não"; YES is an answer, not the carrier's
    sms.send(lang)
    assert asked[0] in sms.send(need)
    assert asked[1] in sms.send("2")
    assert asked[2] in sms.send(reply)


@pytest.mark.parametrize("body", ["፩", "9" * 5000])
def test_digits_that_are_not_a_number_are_an_unknown_reply(sms, body):
    sms.send("1")
    reply = sms.send(body)
    assert reply.startswith("Essa não é uma das respostas.") and "Que passaporte tem?" in reply


def option(reply: str, words_of_label: str) -> str:
    """The number of the option whose label has these words."""
    return next(n for n, label in re.findall(r"^(\d+)\. (.+)$", reply, re.MULTILINE) if words_of_label in label)


def test_a_sensitive_walk_keeps_no_text_that_tells_its_answer(sms, app):
    sms.send("en")
    reply = sms.send(residence(app))
    reply = sms.send(option(reply, "another country"))
    reply = sms.send(option(reply, "Another reason"))
    reply = sms.send(option(reply, "trafficking"))
    reply = sms.send(option(reply, "Terceira"))
    first = sms.send(option(reply, "Praia da Vitória"))
    assert "trafficking" in first  # the person reads their roadmap...
    [row] = rows(app)
    stored = json.dumps([row.answers, row.pages, row.last_reply, row.flow, row.lang])
    assert "traffick" not in stored.lower() and "victim" not in stored.lower()  # ...the table does not tell it
    second = sms.send("more")
    assert "(2/" in second and second != first
    assert sms.send("mroe") == second  # the part being read, drawn again
    assert sms.send("more", sid="SM-again") == sms.send("more", sid="SM-again")  # a repeated message: same reply
    assert "trafficking" not in json.dumps([rows(app)[0].pages, rows(app)[0].last_reply])


def test_back_menu_and_language_commands(sms):
    assert "What do you need help with?" in sms.send("EN")
    sms.send("Português")
    sms.send("1")
    assert "Em que ilha vive?" in sms.send("1")
    assert "Que passaporte tem?" in sms.send("VOLTAR")
    assert "Which passport do you have?" in sms.send("English")
    assert "What do you need help with?" in sms.send("Menu")
    assert "Que passaporte tem?" not in sms.send("Português")


def test_commands_are_never_carrier_words():
    for by_language in words.COMMANDS.values():
        for names in by_language.values():
            assert not set(names) & words.CARRIER
    for names in words.LANGUAGES.values():
        assert not set(names) & words.CARRIER


def test_stop_forgets_the_conversation_and_help_is_left_to_the_carrier(sms, app):
    sms.send("1")
    sms.send("1")
    assert [(lang, flow, answers) for lang, flow, answers, _pages, _page in place(app)] == [
        ("pt", "arrival", {"citizenship": "eu"})]
    assert sms.send("HELP") == "" and len(rows(app)) == 1
    assert sms.send("Stop") == ""
    assert place(app) == [("pt", None, {}, [], 0)]  # nothing of the conversation; only its count
    assert "Em que precisa de ajuda?" in sms.send("olá")  # from the start again


def test_stop_from_a_number_the_guide_does_not_know_stores_nothing(sms, app):
    assert sms.send("STOP") == ""
    assert rows(app) == []


def test_a_repeated_message_is_answered_once(sms, app):
    sms.send("1")
    first = sms.send("1", sid="SMrepeated")
    again = sms.send("1", sid="SMrepeated")
    assert first == again and "Em que ilha vive?" in first
    (row,) = rows(app)
    assert row.answers == {"citizenship": "eu"}


def test_sessions_keep_no_phone_number_and_expire(sms, app):
    sms.send("1")
    (row,) = rows(app)
    assert "912345678" not in repr(row.model_dump()) and len(row.key) == 64
    app.config["SMS_IDLE_MINUTES"] = 0
    other = Phone(sms.client, "+351960000000")
    other.send("olá")
    assert [r.key for r in rows(app)] != [row.key]  # the idle session was deleted
    app.config["SMS_IDLE_MINUTES"] = 120


def place(app) -> list[tuple]:
    """Where each conversation stands."""
    return [(r.lang, r.flow, r.answers, r.pages, r.page) for r in rows(app)]


def test_over_the_limit_one_notice_then_silence_and_the_place_is_kept(sms, app, clock, monkeypatch):
    app.config["SMS_RATE_LIMIT"] = 3
    sms.send("olá")
    sms.send("1")
    assert "Em que ilha vive?" in sms.send("1")
    before = place(app)
    clock.wait(20)
    notice = sms.send("terceira")
    assert notice == "Enviou muitas mensagens. O guia volta a responder daqui a 40 minutos."
    assert (gsm.count(notice).encoding, gsm.count(notice).segments) == (gsm.GSM7, 1)
    with monkeypatch.context() as limited:
        limited.setattr(Conversation, "handle", lambda *args: pytest.fail("a limited number was handled"))
        silence = sms.post("terceira")
    assert silence.status_code == 200 and len(ElementTree.fromstring(silence.get_data())) == 0
    assert place(app) == before
    clock.wait(41)  # the window has passed
    assert "Em que concelho vive?" in sms.send("terceira")  # the same question, answered at last


@pytest.mark.parametrize("lang, notice", [
    ("EN", "You have sent many messages. The guide will answer again in 1 minute."),
    ("PT", "Enviou muitas mensagens. O guia volta a responder daqui a 1 minuto."),
])
def test_the_notice_is_in_the_conversations_language(sms, app, clock, lang, notice):
    app.config["SMS_RATE_LIMIT"] = 3
    for body in (lang, "1", "1"):
        sms.send(body)
    clock.wait(59.5)
    assert sms.send("1") == notice


def test_a_repeated_message_does_not_count(sms, app):
    app.config["SMS_RATE_LIMIT"] = 3
    sms.send("olá")
    first = sms.send("1", sid="SMagain")
    assert sms.send("1", sid="SMagain") == first
    assert "Em que ilha vive?" in sms.send("1")  # the third message, still answered
    notice = sms.send("1", sid="SMnotice")
    assert "O guia volta a responder" in notice
    assert sms.send("1", sid="SMnotice") == notice  # the notice again, not the silence after it


@pytest.mark.parametrize("limited_before", [0, 1])
def test_stop_forgets_a_limited_conversation_but_does_not_lift_the_limit(sms, app, clock, limited_before):
    app.config["SMS_RATE_LIMIT"] = 3
    for body in ("olá", "1", "1", *["1"] * limited_before):
        sms.send(body)
    assert sms.send("STOP") == ""
    assert place(app) == [("pt", None, {}, [], 0)]
    assert sms.send("olá") == ""  # still over the limit: opting out and back in buys nothing
    clock.wait(61)  # the window has passed
    assert "Em que precisa de ajuda?" in sms.send("olá")  # from the start, with a new count


def test_each_number_has_its_own_limit(sms, app):
    app.config["SMS_RATE_LIMIT"] = 3
    other = Phone(sms.client, "+351960000000")
    for body in ("olá", "1", "1"):
        sms.send(body)
    assert "O guia volta a responder" in sms.send("1")
    assert "Que passaporte tem?" in other.send("1")
    assert sms.send("1") == ""


@pytest.mark.parametrize("signature, url", [("", URL), ("bm90IGEgc2lnbmF0dXJl", URL),
                                            (None, "https://attacker.example/sms/twilio")])
def test_an_unsigned_or_wrongly_signed_call_is_refused_and_changes_nothing(sms, app, signature, url):
    sms.send("1")
    before = [(r.key, r.answers, r.last_message_sid) for r in rows(app)]
    response = sms.post("1", signature=signature, url=url)
    assert response.status_code == 403
    assert [(r.key, r.answers, r.last_message_sid) for r in rows(app)] == before


def test_without_a_configured_secret_every_call_is_refused(sms, app):
    app.config["SMS_AUTH_TOKEN"] = None
    assert sms.post("1").status_code == 403
    assert rows(app) == []


def test_simulate_prints_each_reply_with_encoding_and_segments(sms, app):
    result = app.test_cli_runner().invoke(args=["sms", "simulate", "--from", "+351910000001"],
                                          input=f"olá\nEN\n{residence(app)}\n")
    assert result.exit_code == 0, result.output
    assert "Em que precisa de ajuda?" in result.output
    assert re.search(r"\[UCS-2, [123] segments?\]", result.output)
    assert "Which passport do you have?" in result.output and "[GSM-7, 2 segments]" in result.output


# -- counting and normalising ------------------------------------------------------------

@pytest.mark.parametrize("text, encoding, segments", [
    ("a" * 160, gsm.GSM7, 1), ("a" * 161, gsm.GSM7, 2), ("a" * 306, gsm.GSM7, 2), ("a" * 307, gsm.GSM7, 3),
    ("€" * 80, gsm.GSM7, 1), ("€" * 81, gsm.GSM7, 2), ("[]{}^~\\|", gsm.GSM7, 1),
    ("São" + "a" * 67, gsm.UCS2, 1), ("São" + "a" * 68, gsm.UCS2, 2), ("ç", gsm.UCS2, 1), ("é", gsm.GSM7, 1),
])
def test_segments_are_counted_like_the_network(text, encoding, segments):
    counted = gsm.count(text)
    assert (counted.encoding, counted.segments) == (encoding, segments)


def test_pages_are_filled_and_never_cut_a_phone_number():
    # A short line, then a sentence too long for one page: the sentence starts on the first
    # page rather than leaving it nearly empty, and the number stays in one piece.
    text = "Serviço de Finanças\n" + "Ligue para a linha de apoio " * 8 + "296 204 700 ou escreva."
    pages = gsm.paginate(text, 3, lambda n, total: f"MAIS ({n}/{total})")
    assert len(pages) == 2 and "Ligue" in pages[0]
    assert sum("296 204 700" in page for page in pages) == 1
    assert all(gsm.count(page).segments <= 3 for page in pages)


def test_a_line_that_turns_a_page_to_ucs2_is_moved_whole_not_cut_after_a_word():
    # 214 septets of GSM-7 is under half of three GSM-7 segments, but over half of the UCS-2
    # page it would become with "Saúde" in it: the line moves whole, its dash with it.
    text = "\n".join(["A" * 100, "B" * 100, "- Centro de Saúde da Lagoa", "C" * 10])
    pages = gsm.paginate(text, 3, lambda n, total: f"MORE ({n}/{total})")
    assert pages[1].startswith("- Centro de Saúde da Lagoa")
    assert not any(page.split("\n")[-2].endswith(("-", "Centro de")) for page in pages[:-1])


def test_a_word_in_two_options_chooses_neither():
    labels = ["Tenho o estatuto de refugiado", "Sim", "Não tenho autorização de residência"]
    assert words.match("tenho", labels, ["refugee", "yes", "none"]) is None
    assert words.match("refugiado", labels, ["refugee", "yes", "none"]) == 0


def test_long_text_is_paged_within_the_limit():
    text = "\n".join(f"Linha {n}: Serviço de Finanças da Povoação, Rua do Município" for n in range(40))
    pages = gsm.paginate(text, 3, lambda n, total: f"Reply MORE ({n}/{total})")
    assert len(pages) > 2 and all(gsm.count(p).segments <= 3 for p in pages)
    assert pages[0].endswith(f"Reply MORE (1/{len(pages)})") and "MORE" not in pages[-1]
    assert "\n".join(p.rsplit("\n", 1)[0] for p in pages[:-1]) + "\n" + pages[-1] == text


@pytest.mark.parametrize("reply", ["Sim ", "SIM", "sím", "sim!", "1"])
def test_replies_are_normalised(reply):
    assert words.match(words.normalise(reply), ["Sim", "Não"], ["yes", "no"]) == 0


def test_the_sms_core_imports_no_flask():
    import ast
    from pathlib import Path

    import guide.sms

    folder = Path(guide.sms.__file__).parent
    for name in ("conversation.py", "gsm.py", "words.py", "sessions.py", "models.py"):
        tree = ast.parse((folder / name).read_text())
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {m for m in imported if m.split(".")[0] in {"flask", "flask_babel", "htmx_flask"}}, name
