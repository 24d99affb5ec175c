"""quotes.speaker_reason: why a statement kept without a speaker name has none

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 04:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speaker_reason', sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_column('speaker_reason')
