"""Storing conversations: one row per hashed number, expired after an idle time, no Flask.

Each row also counts its number's messages in a window (`limit` per `window`):
the count lives in the database, not in a worker's memory, so every gunicorn
worker and server shares it with no other service. Over the limit, the first
message gets a notice and the rest get no reply at all (nothing sent, nothing
charged), and the conversation stays where it was. Opting out (STOP) forgets
the conversation; the row keeps only the count until it expires, so opting out
and back in does not buy a new allowance.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import datetime, timedelta, timezone

from sqlmodel import Session, delete

from guide.sms.conversation import Conversation, Reply, State
from guide.sms.models import SmsSession


def number_key(secret: bytes, number: str) -> str:
    """A keyed hash of the phone number: the same number finds its session, nobody can read it back."""
    return hmac.new(secret, number.strip().encode(), hashlib.sha256).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def receive(session: Session, conversation: Conversation, *, secret: bytes, number: str, body: str,
            message_sid: str | None, idle: timedelta, limit: int, window: timedelta) -> str:
    """Answer one incoming message; a message already answered (same sid) gets the same reply again.

    A new message counts against `limit` messages per `window` before the
    conversation does any work with it.
    """
    now = _now()
    session.exec(delete(SmsSession).where(SmsSession.updated_at < now - idle))
    key = number_key(secret, number)
    # FOR UPDATE: on PostgreSQL two workers cannot both count from the same value (on SQLite the
    # DELETE above already made this transaction the only writer).
    row = session.get(SmsSession, key, with_for_update=True)
    state = State(row.lang, row.flow, dict(row.answers), tuple(row.pages), row.page) if row else None
    if row is not None and message_sid and row.last_message_sid == message_sid:
        session.commit()
        if row.last_reply is not None:
            return row.last_reply
        state = conversation.reading(state)  # a sensitive walk's reply is not kept: drawn again
        return state.pages[state.page]
    started, count = _counted(row, now, window)
    if count <= limit:
        reply: Reply = conversation.handle(state, body)
    else:  # a notice once, then silence until the window has passed
        minutes = _minutes_left(started + window - now) if count == limit + 1 else None
        reply = conversation.limited(state or conversation.start(), body, minutes)
    after = reply.state
    if after is None:  # opted out: the conversation is forgotten, but not the count, or STOP would reset it
        if row is None:
            session.commit()
            return reply.text
        after = conversation.start()
    row = row or SmsSession(key=key, lang=after.lang, updated_at=now)
    row.lang, row.flow, row.page = after.lang, after.flow, after.page
    # What a sensitive walk says ("Help for victims of trafficking...") would tell its answers
    # to anyone who reads the table: only the answers are kept, as tokens, and the text is
    # drawn again when it is needed.
    private = conversation.sensitive(after)
    row.answers, row.pages = dict(after.answers), [] if private else list(after.pages)
    row.last_message_sid, row.last_reply, row.updated_at = message_sid, None if private else reply.text, now
    row.window_started_at, row.messages_in_window = started, count
    session.add(row)
    session.commit()
    return reply.text


def _counted(row: SmsSession | None, now: datetime, window: timedelta) -> tuple[datetime, int]:
    """When this number's window started and this message's place in it; a window that has passed starts anew."""
    started = row.window_started_at if row is not None else None
    if started is not None and started.tzinfo is None:
        started = started.replace(tzinfo=timezone.utc)  # SQLite keeps the UTC time it was given, without its zone
    if started is None or now >= started + window:
        return now, 1
    return started, row.messages_in_window + 1


def _minutes_left(left: timedelta) -> int:
    """Whole minutes, rounded up: the notice never promises an answer before the window has passed."""
    return max(1, math.ceil(left / timedelta(minutes=1)))
