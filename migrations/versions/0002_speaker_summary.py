"""speaker summary for typed speaker views

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 07:51:33.951025
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('speaker_summary',
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('quotes', sa.Integer(), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.Column('n_outlets', sa.Integer(), nullable=False),
    sa.Column('outlets', sa.Text(), nullable=True),
    sa.Column('aliases', sa.Text(), nullable=True),
    sa.Column('roles', sa.Text(), nullable=True),
    sa.Column('first_quoted_on', sa.Date(), nullable=True),
    sa.Column('last_quoted_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], name=op.f('fk_speaker_summary_speaker_id_speakers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('speaker_id', name=op.f('pk_speaker_summary'))
    )


def downgrade() -> None:
    op.drop_table('speaker_summary')
