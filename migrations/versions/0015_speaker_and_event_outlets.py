"""speaker_outlets and event_outlets: an outlet's speakers and events counted by difference

outlet_summary counted each outlet's distinct speakers and events from all its quotes and
reports, so a `speakers merge` or `events split` whose articles span every outlet read the whole
archive (1.9 s at 100,000 articles). These tables hold which speakers and events each outlet
has; a change recounts the rows of the speakers and events it touched, and an outlet's counts are
its rows. `archive db upgrade` fills them (the derived tables are refreshed after a migration).

Revision ID: 0015
Revises: 0014
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "speaker_outlets",
        sa.Column("speaker_id", sa.Integer, sa.ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("quotes", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
    )
    op.create_index("ix_speaker_outlets_outlet_id", "speaker_outlets", ["outlet_id"])
    op.create_table(
        "event_outlets",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("reports", sa.Integer, nullable=False),
    )
    op.create_index("ix_event_outlets_outlet_id", "event_outlets", ["outlet_id"])


def downgrade() -> None:
    op.drop_index("ix_event_outlets_outlet_id", table_name="event_outlets")
    op.drop_table("event_outlets")
    op.drop_index("ix_speaker_outlets_outlet_id", table_name="speaker_outlets")
    op.drop_table("speaker_outlets")
