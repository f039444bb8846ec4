"""The inbound-SMS webhook in Twilio's shape: form fields From, Body, MessageSid; a TwiML reply.

Every call must carry a valid `X-Twilio-Signature` over the public URL, made
with the configured secret (`SMS_AUTH_TOKEN`); anything else gets a 403 and
changes nothing. The guide only replies; it never starts a conversation.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from babel.support import Translations
from flask import Blueprint, Flask, Response, current_app, request
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from guide import content, db, roadmap
from guide.sms import sessions
from guide.sms.conversation import Conversation

bp = Blueprint("sms", __name__, url_prefix="/sms")


@lru_cache(maxsize=16)
def _catalog(directory: str, lang: str):
    return Translations.load(directory, [lang])


def conversation(app: Flask) -> Conversation:
    """The conversation over this app's flows, catalogs and directory."""
    loaded = content.current()
    directory = app.config["BABEL_TRANSLATION_DIRECTORIES"]

    def build(steps, municipality):
        with db.session() as session:
            return roadmap.build(session, steps, municipality)

    languages = ("pt", *(lang for lang in app.config["LANGUAGES"] if lang != "pt"))
    return Conversation(loaded.routers, loaded.place_names, lambda lang: _catalog(directory, lang), build,
                        languages=languages, max_segments=app.config["SMS_MAX_SEGMENTS"])


def receive(number: str, body: str, message_sid: str | None) -> str:
    """Answer one message for the current app (the webhook and `flask sms simulate`)."""
    app = current_app._get_current_object()
    with db.session() as session:
        return sessions.receive(session, conversation(app), secret=app.config["SMS_HASH_KEY"].encode(),
                                number=number, body=body, message_sid=message_sid,
                                idle=timedelta(minutes=app.config["SMS_IDLE_MINUTES"]),
                                limit=app.config["SMS_RATE_LIMIT"],
                                window=timedelta(minutes=app.config["SMS_RATE_WINDOW_MINUTES"]))


def signed() -> bool:
    token = current_app.config["SMS_AUTH_TOKEN"]
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    url = current_app.config["SMS_PUBLIC_URL"] or request.url
    return RequestValidator(token).validate(url, request.form.to_dict(), signature)


@bp.post("/twilio")
def twilio_webhook():
    if not signed():
        return Response("Forbidden: this address only answers signed calls from the SMS gateway.\n",
                        403, mimetype="text/plain")
    if not current_app.config.get("SMS_HASH_KEY"):  # never key sessions on a number without a secret
        return Response("SMS is not configured: no SMS_HASH_KEY.\n", 503, mimetype="text/plain")
    number, body = request.form.get("From", ""), request.form.get("Body", "")
    if not number:
        return Response("Bad request: no From.\n", 400, mimetype="text/plain")
    text = receive(number, body, request.form.get("MessageSid"))
    twiml = MessagingResponse()
    if text:
        twiml.message(text)
    return Response(str(twiml), mimetype="text/xml")
