"""The SMS session table (migrations/versions/0003): where a conversation stands, keyed by a keyed hash of the number.

The number itself is never stored: `key` is HMAC-SHA256(SMS_HASH_KEY, number).
`answers` holds the walk as the web's URLs carry it (sensitive answers as
tokens); `pages` and `last_reply`, the text being read, are left empty once a
sensitive question is answered, since that text would tell the answer. Sessions
idle longer than SMS_IDLE_MINUTES are deleted.
`window_started_at` and `messages_in_window` (migrations/versions/0004) count
the number's messages against SMS_RATE_LIMIT: in the row, so every worker and
server sees the same count with no store of its own.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel


class SmsSession(SQLModel, table=True):
    __tablename__ = "sms_session"

    key: str = Field(primary_key=True, max_length=64)
    lang: str = Field(max_length=8)
    flow: str | None = Field(default=None, max_length=100)
    answers: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    pages: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    page: int = 0
    last_message_sid: str | None = Field(default=None, max_length=64)
    last_reply: str | None = None
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))
    window_started_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    messages_in_window: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
