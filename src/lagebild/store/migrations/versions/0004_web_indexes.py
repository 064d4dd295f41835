"""Indexes for the web app's queries on a large corpus (100,000 events within 200 ms).

Revision ID: 0004
Revises: 0003

The timeline groups incidents by date and type, alone or within a country: covering indexes let
both read the index only. Event pages are ordered by (date, event_id), which an index on date
alone leaves to a sort of every matching row.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_incidents_date_type": ("incidents", ["date", "event_type"]),
    "ix_incidents_country_date": ("incidents", ["country", "date", "event_type"]),
    "ix_incidents_date_id": ("incidents", ["date", "incident_id"]),
    "ix_events_date_id": ("events", ["date", "event_id"]),
    "ix_events_country_date": ("events", ["country", "date", "event_type"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
