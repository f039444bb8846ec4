"""Opaque tokens for the answers of sensitive questions.

An answer such as "no visa" must not sit readable in a URL that is shared,
bookmarked or seen over a shoulder. A sensitive question's answers travel as
a random nonce and an HMAC of (nonce, flow, question, option) under the app's
secret: unreadable without the key, impossible to forge into another option,
and different every time, so knowing what one link means reveals nothing about
another person's link.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from guide.engine.model import Question


class AnswerCodec:
    def __init__(self, secret: bytes):
        self._secret = secret

    NONCE = 8  # hex characters

    def _token(self, nonce: str, flow_id: str, question_id: str, value: str) -> str:
        message = f"{nonce}:{flow_id}:{question_id}:{value}".encode()
        return nonce + hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:20]

    def encode(self, flow_id: str, question: Question, value: str) -> str:
        if not question.sensitive:
            return value
        return self._token(secrets.token_hex(self.NONCE // 2), flow_id, question.id, value)

    def decode(self, flow_id: str, question: Question, given: str) -> str | None:
        """The option a URL value stands for, or the value itself if not sensitive."""
        if not question.sensitive:
            return given
        nonce, given_bytes = given[: self.NONCE], given.encode()  # compare_digest refuses non-ASCII str
        for option in question.options:
            if hmac.compare_digest(self._token(nonce, flow_id, question.id, option.value).encode(), given_bytes):
                return option.value
        return None
