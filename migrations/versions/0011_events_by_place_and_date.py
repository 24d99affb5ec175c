"""events by place and date: one index for 'events in a place, newest first'

At a million quotes (346,000 events) events_timeline filtered by place and sorted by date took
22-40 ms with an index on place_id alone; (place_id, event_date) answers it in under 1 ms and
serves every look-up by place_id as well, so it replaces that index.

Revision ID: 0011
Revises: 0010
"""
from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_events_place_id", table_name="events")
    op.create_index("ix_events_place_date", "events", ["place_id", "event_date"])


def downgrade() -> None:
    op.drop_index("ix_events_place_date", table_name="events")
    op.create_index("ix_events_place_id", "events", ["place_id"])
