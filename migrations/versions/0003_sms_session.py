"""SMS sessions (guide/sms/models.py): keyed by an HMAC of the number, never the number.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sms_session",
        sa.Column("key", sa.String(length=64), primary_key=True),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("flow", sa.String(length=100), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("pages", sa.JSON(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("last_message_sid", sa.String(length=64), nullable=True),
        sa.Column("last_reply", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sms_session_updated_at", "sms_session", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_sms_session_updated_at", table_name="sms_session")
    op.drop_table("sms_session")
