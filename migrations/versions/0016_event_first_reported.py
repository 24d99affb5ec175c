"""events keep the day their first report was published: an undated report is of the month before it

A report with no date of its own ("the two leaders spoke by phone") is taken to be of something at
most a month before its article was published (matching.dates_fit), not of any day: it no longer
joins a call of the same people half a year earlier. A stored event is compared as the writer reads
it back, so events.first_reported keeps the first day of publication (to the day) of the event's
reports' articles, by report id; ix_events_kind_first_date takes it as a third column, for the
look-ups of undated events by when they were published.

Revision ID: 0016
Revises: 0015
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_FIRST_REPORTED = ("(SELECT a.published_on FROM event_reports r JOIN articles a ON a.id = r.article_id "
                   "WHERE r.event_id = events.id AND a.published_precision = 'day' AND a.published_on IS NOT NULL "
                   "ORDER BY r.id LIMIT 1)")


def upgrade() -> None:
    op.drop_index("ix_events_kind_first_date", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("first_reported", sa.Date))
    op.execute(f"UPDATE events SET first_reported = {_FIRST_REPORTED}")
    op.create_index("ix_events_kind_first_date", "events", ["kind", "first_date", "first_reported"])


def downgrade() -> None:
    op.drop_index("ix_events_kind_first_date", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("first_reported")
    op.create_index("ix_events_kind_first_date", "events", ["kind", "first_date"])
