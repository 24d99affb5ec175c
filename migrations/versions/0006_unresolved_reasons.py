"""reasons for unresolved places and dates

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 09:01:25.225740
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('event_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('date_reason', sa.String(length=200), nullable=True))

    with op.batch_alter_table('place_mentions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unresolved_reason', sa.String(length=200), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('place_mentions', schema=None) as batch_op:
        batch_op.drop_column('unresolved_reason')

    with op.batch_alter_table('event_reports', schema=None) as batch_op:
        batch_op.drop_column('date_reason')

