"""add faq gaps

Questions the FAQ did not settle (no confident answer, or «не помогло»), scrubbed of personal data,
for `support-bot faq gaps`.

Revision ID: 75db77de4bb4
Revises: 9d4e2b7c1f63
Create Date: 2026-12-02 22:36:00.797033
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "75db77de4bb4"
down_revision: str | None = "9d4e2b7c1f63"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "faqgap",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entry_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("asked_at", storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faqgap")),
    )
    with op.batch_alter_table("faqgap", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_faqgap_key"), ["key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("faqgap", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_faqgap_key"))
    op.drop_table("faqgap")
