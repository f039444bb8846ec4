"""The staff accounts table: the only table here not rebuilt from YAML.

Passwords are stored as werkzeug's salted hashes (scrypt), never as given.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.engine import Engine
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


def ensure_table(engine: Engine) -> None:
    """Create the table where it is missing (until the migrations own it)."""
    SQLModel.metadata.create_all(engine, tables=[StaffUser.__table__])
