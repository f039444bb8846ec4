"""Opaque tokens for the answers of sensitive questions.

An answer such as "no visa" must not sit readable in a URL that is shared,
bookmarked or seen over a shoulder. A sensitive question's answers travel as
an HMAC of (flow, question, option) under the app's secret: unreadable without
the key, and impossible to forge into another option.
"""

from __future__ import annotations

import hashlib
import hmac

from guide.engine.model import Question


class AnswerCodec:
    def __init__(self, secret: bytes):
        self._secret = secret

    def _token(self, flow_id: str, question_id: str, value: str) -> str:
        message = f"{flow_id}:{question_id}:{value}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:20]

    def encode(self, flow_id: str, question: Question, value: str) -> str:
        return self._token(flow_id, question.id, value) if question.sensitive else value

    def decode(self, flow_id: str, question: Question, given: str) -> str | None:
        """The option a URL value stands for, or the value itself if not sensitive."""
        if not question.sensitive:
            return given
        for option in question.options:
            if hmac.compare_digest(self._token(flow_id, question.id, option.value), given):
                return option.value
        return None
