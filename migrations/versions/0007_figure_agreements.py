"""figure_agreements: the labels figure_disagreements gives a pair of figures

A lookup table of two rows, so that the view's 'agreement' column is a column
reference with a declared type (SQLite gives a computed column none).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 04:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        'figure_agreements',
        sa.Column('label', sa.String(length=13), nullable=False),
        sa.Column('description', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('label'),
    )
    op.bulk_insert(table, [
        {'label': 'compatible', 'description': 'some number fits both wordings (550 and over 500)'},
        {'label': 'contradiction', 'description': 'no number fits both wordings (7 killed and 12 killed)'},
    ])


def downgrade() -> None:
    op.drop_table('figure_agreements')
