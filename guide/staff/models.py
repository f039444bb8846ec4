"""The staff accounts table (created by migrations/versions/0002_staff_user.py).

Passwords are stored as werkzeug's salted hashes (scrypt), never as given.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import Field, SQLModel
from werkzeug.security import check_password_hash, generate_password_hash


class StaffUser(SQLModel, table=True):
    __tablename__ = "staff_user"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True, max_length=80)
    password_hash: str = Field(max_length=255)
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)
