"""web desk users and sessions, login failures, intake form links

Revision ID: c4a9e1f7d352
Revises: b81f4c2d9e07
Create Date: 2026-12-03 05:35:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "c4a9e1f7d352"
down_revision: str | None = "b81f4c2d9e07"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = storage.types.UtcDateTime(timezone=True)
TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "deskuser",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", TEXT(), nullable=False),
        sa.Column("password_hash", TEXT(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deskuser")),
        sa.UniqueConstraint("login", name=op.f("uq_deskuser_login")),
    )
    op.create_table(
        "desksession",
        sa.Column("token_hash", TEXT(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", TEXT(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("expires_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["deskuser.id"], name=op.f("fk_desksession_user_id_deskuser")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_desksession")),
    )
    with op.batch_alter_table("desksession", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_desksession_user_id"), ["user_id"], unique=False)
    op.create_table(
        "loginfailure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", TEXT(), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loginfailure")),
    )
    with op.batch_alter_table("loginfailure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loginfailure_key"), ["key"], unique=False)
    op.create_table(
        "formlink",
        sa.Column("token_hash", TEXT(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("channel", TEXT(), nullable=False),
        sa.Column("chat", TEXT(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("expires_at", UTC_TIME, nullable=False),
        sa.Column("used_at", UTC_TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversation.id"], name=op.f("fk_formlink_conversation_id_conversation")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_formlink")),
    )
    with op.batch_alter_table("formlink", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_formlink_conversation_id"), ["conversation_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("formlink", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_formlink_conversation_id"))
    op.drop_table("formlink")
    with op.batch_alter_table("loginfailure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loginfailure_key"))
    op.drop_table("loginfailure")
    with op.batch_alter_table("desksession", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_desksession_user_id"))
    op.drop_table("desksession")
    op.drop_table("deskuser")
