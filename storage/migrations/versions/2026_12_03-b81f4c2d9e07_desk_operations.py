"""desk operations by the regulation

Release news subscriptions of clients and announcements (4.8), the first engineer answer, the reminder and
the escalation of a ticket's reaction deadline (4.7), the channel of each client message (4.13).

Revision ID: b81f4c2d9e07
Revises: 75db77de4bb4
Create Date: 2026-12-03 04:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "b81f4c2d9e07"
down_revision: str | None = "75db77de4bb4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = storage.types.UtcDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("news_subscribed", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("news_changed_at", UTC_TIME, nullable=True))
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_answer_at", UTC_TIME, nullable=True))
        batch_op.add_column(sa.Column("reminded_at", UTC_TIME, nullable=True))
        batch_op.add_column(sa.Column("escalated_at", UTC_TIME, nullable=True))
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    with op.batch_alter_table("outboxitem", schema=None) as batch_op:
        batch_op.add_column(sa.Column("announcement_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_index(batch_op.f("ix_outboxitem_announcement_id"), ["announcement_id"], unique=False)
    op.create_table(
        "announcement",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("report_chat", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("reported_at", UTC_TIME, nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement")),
    )


def downgrade() -> None:
    op.drop_table("announcement")
    with op.batch_alter_table("outboxitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outboxitem_announcement_id"))
        batch_op.drop_column("announcement_id")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_column("channel")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_column("escalated_at")
        batch_op.drop_column("reminded_at")
        batch_op.drop_column("first_answer_at")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("news_changed_at")
        batch_op.drop_column("news_subscribed")
