"""Staff accounts' created_at keeps its time zone (guide/staff/models.py): TIMESTAMP WITH TIME ZONE.

0002 made the column naive while the app writes aware UTC datetimes, so PostgreSQL
stored each one as wall-clock time in the session's TimeZone (the app sets none: the
server's, UTC on ours) and dropped the zone. Reading the old values in that same zone
restores each instant on any server, where 'UTC' would shift them on a non-UTC one.
SQLite keeps no zone in its schema: batch mode rewrites the table with the same values.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

IN_SESSION_ZONE = "created_at AT TIME ZONE current_setting('TimeZone')"


def upgrade() -> None:
    with op.batch_alter_table("staff_user") as batch:
        batch.alter_column("created_at", existing_type=sa.DateTime(), type_=sa.DateTime(timezone=True),
                           existing_nullable=False, postgresql_using=IN_SESSION_ZONE)


def downgrade() -> None:
    with op.batch_alter_table("staff_user") as batch:
        batch.alter_column("created_at", existing_type=sa.DateTime(timezone=True), type_=sa.DateTime(),
                           existing_nullable=False, postgresql_using=IN_SESSION_ZONE)
