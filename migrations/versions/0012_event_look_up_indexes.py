"""event look-up indexes: the writer finds stored events near a new report without a table scan

Before each new report is clustered, the writer loads the stored events it could join: reports of
its kind in a compatible place near its date, or meetings and calls with one of its participants.
Both were full scans of event_reports (the participants by LIKE on a text column), so an import's
cost per article grew with the archive. (place_id, kind, event_date), (kind, event_date) for the
reports of any place near a date, (event_id, place_id, event_date) (in place of event_id alone) for
whether an event has a report in a place, and event_participants.name answer them from an index.
quotes.place lets a change recount the places it touched (places_activity) instead of every place.

Revision ID: 0012
Revises: 0011
"""
from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_event_reports_place_kind_date", "event_reports", ["place_id", "kind", "event_date"])
    op.create_index("ix_event_reports_kind_date", "event_reports", ["kind", "event_date"])
    op.drop_index("ix_event_reports_event_id", table_name="event_reports")
    op.create_index("ix_event_reports_event_place", "event_reports", ["event_id", "place_id", "event_date"])
    op.create_index("ix_event_participants_name", "event_participants", ["name"])
    op.create_index("ix_quotes_place", "quotes", ["place"])


def downgrade() -> None:
    op.drop_index("ix_quotes_place", table_name="quotes")
    op.drop_index("ix_event_participants_name", table_name="event_participants")
    op.drop_index("ix_event_reports_event_place", table_name="event_reports")
    op.create_index("ix_event_reports_event_id", "event_reports", ["event_id"])
    op.drop_index("ix_event_reports_kind_date", table_name="event_reports")
    op.drop_index("ix_event_reports_place_kind_date", table_name="event_reports")
