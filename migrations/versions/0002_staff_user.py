"""Staff accounts (guide/staff/models.py): name and a salted password hash.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_staff_user_name", "staff_user", ["name"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_staff_user_name", table_name="staff_user")
    op.drop_table("staff_user")
