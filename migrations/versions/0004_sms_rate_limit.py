"""SMS rate limit (guide/sms/models.py): each number's messages counted in a window, in its session row.

Existing rows start a new window with their next message (no start, a count of 0).
Batch mode so the downgrade's dropped columns also work on SQLite.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sms_session") as batch:
        batch.add_column(sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("messages_in_window", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("sms_session") as batch:
        batch.drop_column("messages_in_window")
        batch.drop_column("window_started_at")
