"""The review desk: an append-only table of analysts' decisions, and each event's review state.

Revision ID: 0006
Revises: 0005

`reviews` keeps every decision (who, when, what before, what after, why) and is only ever appended
to. The events table gets the state the reviews give, materialised for filtering: `review_status`
(unreviewed, confirmed, corrected, rejected), `review_key` (the `subject` whose reviews apply to the
event, kept across re-ingests) and `incident_pin` (the incident an analyst's merge or split put it
in). Records stored before get the record's review fields (`review_status` "unreviewed").

On PostgreSQL `db_user` defaults to `current_user`, so the server, not the client, says which login
wrote a review; ids and times compare byte by byte ("C"), as in migration 0003.

No migration drops reviews: a downgrade removes the events' review columns but keeps the table,
and upgrading again derives every reviewed event's state from it (`store.reviews.reapply`).
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DEFAULTS = {"review_status": "unreviewed", "reviewed_by": None, "reviewed_at": None}
WIDENED = {"ix_events_date_id": ["date", "event_id"], "ix_events_country_date": ["country", "date", "event_type"]}


def _key() -> sa.String:
    return sa.String(collation="C") if op.get_bind().dialect.name == "postgresql" else sa.String()


def upgrade() -> None:
    conn = op.get_bind()
    pg = conn.dialect.name == "postgresql"
    kept = sa.inspect(conn).has_table("reviews")  # from before a downgrade
    if not kept:
        _create_reviews(pg)
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("review_status", sa.String, nullable=False, server_default="unreviewed"))
        batch.add_column(sa.Column("review_key", _key()))
        batch.add_column(sa.Column("incident_pin", _key()))
    op.create_index("ix_events_review_key", "events", ["review_key"])
    op.create_index("ix_events_incident_pin", "events", ["incident_pin"])
    op.create_index("ix_events_review_date", "events", ["review_status", "date", "event_id"])
    # every event query now says "not rejected": the page and count indexes of 0004 cover the status too
    for name, columns in WIDENED.items():
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", [*columns, "review_status"])
    _record_defaults(conn)
    if kept:
        _rederive(conn)


def _create_reviews(pg: bool) -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("subject", _key(), nullable=False),
        sa.Column("event_id", _key()),
        sa.Column("article_id", _key(), nullable=False),
        sa.Column("incident_id", _key()),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("reason", sa.String),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.Column("anchor", sa.Text),
        sa.Column("reviewer", sa.String, nullable=False),
        sa.Column("db_user", sa.String, server_default=sa.text("current_user") if pg else None),
        sa.Column("reviewed_at", _key(), nullable=False),
    )
    op.create_index("ix_reviews_subject", "reviews", ["subject"])
    op.create_index("ix_reviews_article_id", "reviews", ["article_id"])


def _record_defaults(conn: sa.Connection) -> None:
    """Records stored before reviews existed get the review fields, as the store writes them now."""
    events = sa.table("events", sa.column("event_id"), sa.column("record"))
    rows = conn.execute(sa.select(events.c.event_id, events.c.record)).all()
    updates = []
    for event_id, record in rows:
        rec = json.loads(record)
        if "review_status" not in rec:
            updates.append({"id": event_id, "record": json.dumps(rec | DEFAULTS, ensure_ascii=False)})
    if updates:
        stmt = sa.update(events).where(events.c.event_id == sa.bindparam("id")).values(record=sa.bindparam("record"))
        conn.execute(stmt, updates)


def _rederive(conn: sa.Connection) -> None:
    """The reviews kept over a downgrade, applied again: each article's reviews re-attached to its events."""
    from lagebild.store.review_apply import reapply

    ids = [a for (a,) in conn.execute(sa.text("SELECT DISTINCT article_id FROM reviews ORDER BY article_id"))]
    for article_id in ids:
        sql = sa.text("SELECT record FROM events WHERE article_id = :a ORDER BY event_id")
        rows = conn.execute(sql, {"a": article_id})
        reapply(conn, article_id, [json.loads(r) for (r,) in rows])


def downgrade() -> None:
    for name, columns in WIDENED.items():
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", columns)
    for name in ("ix_events_review_date", "ix_events_incident_pin", "ix_events_review_key"):
        op.drop_index(name, table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("incident_pin")
        batch.drop_column("review_key")
        batch.drop_column("review_status")
    # the reviews table stays: analysts' decisions are never dropped (see the module's docstring)
