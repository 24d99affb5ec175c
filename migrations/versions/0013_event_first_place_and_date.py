"""events keep their first place and first date: the writer looks up the events a report could join in one index

Clustering compares a new report with an event as it reads it back: the place and the date of the
first of its reports to give one. The look-up of those near a new report went through the reports
(every report of the kind dated near it, in any place, then whether its event has one in a fitting
place), so its cost grew with how many reports an archive holds per day. events.first_place_id and
events.first_date, kept by the writer, answer it from (kind, first_place_id, first_date) and, for
meetings and calls, (kind, first_date).

Revision ID: 0013
Revises: 0012
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_FIRST = ("(SELECT r.{column} FROM event_reports r WHERE r.event_id = events.id AND r.{column} IS NOT NULL "
          "ORDER BY r.id LIMIT 1)")


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("first_place_id", sa.Integer, sa.ForeignKey("places.id",
                                                                               name="fk_events_first_place_id")))
        batch.add_column(sa.Column("first_date", sa.Date))
    op.execute(f"UPDATE events SET first_place_id = {_FIRST.format(column='place_id')}, "
               f"first_date = {_FIRST.format(column='event_date')}")
    op.create_index("ix_events_kind_first_place", "events", ["kind", "first_place_id", "first_date"])
    op.create_index("ix_events_kind_first_date", "events", ["kind", "first_date"])


def downgrade() -> None:
    op.drop_index("ix_events_kind_first_date", table_name="events")
    op.drop_index("ix_events_kind_first_place", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("first_date")
        batch.drop_column("first_place_id")
