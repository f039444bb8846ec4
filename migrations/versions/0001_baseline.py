"""Baseline: no table of its own yet (the directory is rebuilt from YAML, not migrated).

Staff users (0002) and SMS sessions (0003) add their tables in the revisions that follow.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
