"""Storing conversations: one row per hashed number, expired after an idle time, no Flask."""

from __future__ import annotations

import hashlib
import hmac
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
            message_sid: str | None, idle: timedelta) -> str:
    """Answer one incoming message; a message already answered (same sid) gets the same reply again."""
    now = _now()
    session.exec(delete(SmsSession).where(SmsSession.updated_at < now - idle))
    key = number_key(secret, number)
    row = session.get(SmsSession, key)
    if row is not None and message_sid and row.last_message_sid == message_sid:
        session.commit()
        return row.last_reply or ""
    state = State(row.lang, row.flow, dict(row.answers), tuple(row.pages), row.page) if row else None
    reply: Reply = conversation.handle(state, body)
    if reply.state is None:
        if row is not None:
            session.delete(row)
    else:
        row = row or SmsSession(key=key, lang=reply.state.lang, updated_at=now)
        row.lang, row.flow, row.page = reply.state.lang, reply.state.flow, reply.state.page
        row.answers, row.pages = dict(reply.state.answers), list(reply.state.pages)
        row.last_message_sid, row.last_reply, row.updated_at = message_sid, reply.text, now
        session.add(row)
    session.commit()
    return reply.text
