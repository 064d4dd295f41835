"""Incidents that do not depend on the order of ingest: each event's day interval, indexed.

Revision ID: 0005
Revises: 0004

Linking now finds the events connected to a stored article through their day intervals (the days
their date allows at its precision), and links each such group of events again in one canonical
order. This adds the interval columns, fills them, and drops the incidents made by the old,
order-dependent linking: `Store` links every event again right after the upgrade (`link_pending`),
which gives each incident the id of its lowest event.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _key_type() -> sa.String:
    # ISO days compare byte by byte on PostgreSQL too, as the other key columns do (migration 0003)
    return sa.String(collation="C") if op.get_bind().dialect.name == "postgresql" else sa.String()


def upgrade() -> None:
    from lagebild.store.incidents import day_columns

    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("day_start", _key_type()))
        batch.add_column(sa.Column("day_end", _key_type()))
        batch.add_column(sa.Column("span_long", sa.Integer, nullable=False, server_default="0"))
    op.create_index("ix_events_days", "events", ["span_long", "day_start"])
    conn = op.get_bind()
    events = sa.table(
        "events",
        sa.column("event_id"),
        sa.column("date"),
        sa.column("time_precision"),
        sa.column("day_start"),
        sa.column("day_end"),
        sa.column("span_long"),
        sa.column("incident_id"),
    )
    rows = conn.execute(sa.select(events.c.event_id, events.c.date, events.c.time_precision)).all()
    for event_id, date, precision in rows:
        values = day_columns({"date": date, "time_precision": precision})
        conn.execute(sa.update(events).where(events.c.event_id == event_id).values(**values))
    conn.execute(sa.update(events).values(incident_id=None))
    conn.execute(sa.text("DELETE FROM incidents"))


def downgrade() -> None:
    op.drop_index("ix_events_days", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("span_long")
        batch.drop_column("day_end")
        batch.drop_column("day_start")
