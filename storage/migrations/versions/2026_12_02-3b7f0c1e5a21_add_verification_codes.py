"""add verification codes

Revision ID: 3b7f0c1e5a21
Revises: 7e2000f1d687
Create Date: 2026-12-02 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "3b7f0c1e5a21"
down_revision: str | None = "7e2000f1d687"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "verificationcode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("salt", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", storage.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name=op.f("fk_verificationcode_client_id_client")),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["identity.id"], name=op.f("fk_verificationcode_requester_id_identity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verificationcode")),
    )
    with op.batch_alter_table("verificationcode", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verificationcode_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_verificationcode_requester_id"), ["requester_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("verificationcode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verificationcode_requester_id"))
        batch_op.drop_index(batch_op.f("ix_verificationcode_client_id"))
    op.drop_table("verificationcode")
