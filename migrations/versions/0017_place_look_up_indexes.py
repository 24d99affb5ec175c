"""look-ups by place read one index: a place's mentions by article, its events by time

places_activity counts a place's mentions and the articles naming it; for a place named in half
the archive that read every article naming it (0.2 s for 200,000 mentions, more on a cold cache, in
every change touching the place). ix_place_mentions_place_article (place, article) replaces the
index on place alone and serves every query it did, so the counts come from the index alone.

The writer looks up the meetings, calls and summits at a place in the time a report can reach;
an undated stored event is placed in time by its first day of publication (first_reported), which
ix_events_kind_first_place now holds, so the look-up reads no events of other times.

Revision ID: 0017
Revises: 0016
"""
from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_place_mentions_place_id", table_name="place_mentions")
    op.create_index("ix_place_mentions_place_article", "place_mentions", ["place_id", "article_id"])
    op.drop_index("ix_events_kind_first_place", table_name="events")
    op.create_index("ix_events_kind_first_place", "events", ["kind", "first_place_id", "first_date", "first_reported"])


def downgrade() -> None:
    op.drop_index("ix_events_kind_first_place", table_name="events")
    op.create_index("ix_events_kind_first_place", "events", ["kind", "first_place_id", "first_date"])
    op.drop_index("ix_place_mentions_place_article", table_name="place_mentions")
    op.create_index("ix_place_mentions_place_id", "place_mentions", ["place_id"])
