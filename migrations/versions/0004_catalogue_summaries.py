"""summaries for the catalogue views

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 08:16:42.832425
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outlet_summary',
    sa.Column('outlet_id', sa.Integer(), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.Column('quotes', sa.Integer(), nullable=False),
    sa.Column('speakers', sa.Integer(), nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('first_published_on', sa.Date(), nullable=True),
    sa.Column('last_published_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['outlet_id'], ['outlets.id'], name=op.f('fk_outlet_summary_outlet_id_outlets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('outlet_id', name=op.f('pk_outlet_summary'))
    )
    op.create_table('speaker_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=True),
    sa.Column('quotes', sa.Integer(), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.Column('outlets', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], name=op.f('fk_speaker_days_speaker_id_speakers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speaker_days')),
    sa.UniqueConstraint('speaker_id', 'day', name=op.f('uq_speaker_days_speaker_id'))
    )
    with op.batch_alter_table('speaker_days', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speaker_days_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('speaker_pairs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('speaker_a_id', sa.Integer(), nullable=False),
    sa.Column('speaker_b_id', sa.Integer(), nullable=False),
    sa.Column('articles_together', sa.Integer(), nullable=False),
    sa.Column('a_names_b', sa.Integer(), nullable=False),
    sa.Column('b_names_a', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['speaker_a_id'], ['speakers.id'], name=op.f('fk_speaker_pairs_speaker_a_id_speakers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_b_id'], ['speakers.id'], name=op.f('fk_speaker_pairs_speaker_b_id_speakers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speaker_pairs')),
    sa.UniqueConstraint('speaker_a_id', 'speaker_b_id', name=op.f('uq_speaker_pairs_speaker_a_id'))
    )
    with op.batch_alter_table('speaker_pairs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speaker_pairs_speaker_a_id'), ['speaker_a_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_speaker_pairs_speaker_b_id'), ['speaker_b_id'], unique=False)

    op.create_table('article_summary',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('quotes', sa.Integer(), nullable=False),
    sa.Column('speakers', sa.Integer(), nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('removed_ranges', sa.Integer(), nullable=False),
    sa.Column('removed_chars', sa.Integer(), nullable=False),
    sa.Column('removed_reasons', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_summary_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_article_summary'))
    )


def downgrade() -> None:
    op.drop_table('article_summary')
    with op.batch_alter_table('speaker_pairs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_speaker_pairs_speaker_b_id'))
        batch_op.drop_index(batch_op.f('ix_speaker_pairs_speaker_a_id'))

    op.drop_table('speaker_pairs')
    with op.batch_alter_table('speaker_days', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_speaker_days_speaker_id'))

    op.drop_table('speaker_days')
    op.drop_table('outlet_summary')
