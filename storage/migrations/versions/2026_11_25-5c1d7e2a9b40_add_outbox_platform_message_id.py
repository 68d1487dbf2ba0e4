"""add outbox platform message id

The platform's id of a delivered message (Viber message_token, Twilio MessageSid), so that a
later status callback (failed, undelivered, 63016 outside WhatsApp's 24-hour window) finds it.

Revision ID: 5c1d7e2a9b40
Revises: 08ebc238b587
Create Date: 2026-11-25 15:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "5c1d7e2a9b40"
down_revision: str | None = "08ebc238b587"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outboxitem", schema=None) as batch_op:
        batch_op.add_column(sa.Column("platform_message_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_index(batch_op.f("ix_outboxitem_platform_message_id"), ["platform_message_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outboxitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outboxitem_platform_message_id"))
        batch_op.drop_column("platform_message_id")
