"""add inbox table

Revision ID: 7e2000f1d687
Revises: 5c1d7e2a9b40
Create Date: 2026-11-25 15:01:23.311009
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

import storage.types

revision: str = "7e2000f1d687"
down_revision: str | None = "5c1d7e2a9b40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inboxitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("queue", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column(
            "body", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inboxitem")),
        sa.UniqueConstraint("key", name=op.f("uq_inboxitem_key")),
    )
    with op.batch_alter_table("inboxitem", schema=None) as batch_op:
        batch_op.create_index("ix_inboxitem_active", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_inboxitem_queue"), ["queue"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("inboxitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inboxitem_queue"))
        batch_op.drop_index("ix_inboxitem_active")

    op.drop_table("inboxitem")
