"""add outbox dead letters

Progress of a message sent in several parts (``parts_sent``: a retry resumes from the first part
that did not get through) and the time a dead letter was replayed (``replayed_at``: the start of its
new retry horizon). The new status ``dead`` needs no schema change.

Revision ID: 9d4e2b7c1f63
Revises: 3b7f0c1e5a21
Create Date: 2026-12-02 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "9d4e2b7c1f63"
down_revision: str | None = "3b7f0c1e5a21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outboxitem", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parts_sent", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("replayed_at", storage.types.UtcDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outboxitem", schema=None) as batch_op:
        batch_op.drop_column("replayed_at")
        batch_op.drop_column("parts_sent")
