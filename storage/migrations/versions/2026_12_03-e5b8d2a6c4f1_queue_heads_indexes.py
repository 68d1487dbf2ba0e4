"""partial indexes of the queues' unfinished items: finding each chat's head no longer scans the backlog

The inbox loses its index on (status, next_attempt_at): with it, SQLite (which keeps no statistics)
read every due item and sorted them, instead of reading the unfinished ids in order up to the limit.

Revision ID: e5b8d2a6c4f1
Revises: c4a9e1f7d352
Create Date: 2026-12-03 14:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e5b8d2a6c4f1"
down_revision: str | None = "c4a9e1f7d352"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE = sa.text("status IN ('pending', 'leased')")  # storage.models.QUEUE_ACTIVE when this was written
PARTIAL = (
    ("ix_inboxitem_active_queue", "inboxitem", ["queue", "id"]),
    ("ix_inboxitem_active_id", "inboxitem", ["id"]),
    ("ix_outboxitem_active_queue", "outboxitem", ["queue", "id"]),
)


def upgrade() -> None:
    op.drop_index("ix_inboxitem_active", table_name="inboxitem")
    for name, table, columns in PARTIAL:
        op.create_index(name, table, columns, sqlite_where=ACTIVE, postgresql_where=ACTIVE)


def downgrade() -> None:
    for name, table, _ in reversed(PARTIAL):
        op.drop_index(name, table_name=table)
    op.create_index("ix_inboxitem_active", "inboxitem", ["status", "next_attempt_at"])
