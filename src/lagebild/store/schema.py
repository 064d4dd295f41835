"""The database schema, as SQLAlchemy Core tables (the migrations create the same)."""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("date", String),
    Column("title", Text),
    Column("source", String),
    Column("url", Text),
    Column("origin", Text),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("ingested_at", String, nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("is_noise", Integer, nullable=False, default=0),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("date", String, index=True),
    Column("time_precision", Integer),
    Column("event_type", String, index=True),
    Column("sub_event_type", String),
    Column("country", String(3), index=True),
    Column("location", String),
    Column("admin1", String),
    Column("lat", Float),
    Column("lon", Float),
    Column("actor1", String),
    Column("actor2", String),
    Column("fatalities", Integer),
    Column("sources", Text),  # source names joined by " | " for filtering; the record has the full list
    Column("record", Text, nullable=False),  # the EVENTS.md record as JSON
    Column("incident_id", String, index=True),  # the cross-article incident this report belongs to
    # the days the date allows at its precision, to find the events it may be linked with (migration 0005)
    Column("day_start", String),
    Column("day_end", String),
    Column("span_long", Integer, nullable=False, default=0),  # 1: the interval is longer than a week
    # the review desk (migration 0006, store/reviews.py): the state the reviews give, materialised
    Column("review_status", String, nullable=False, server_default="unreviewed"),
    Column("review_key", String, index=True),  # which reviews apply: their `subject`
    Column("incident_pin", String, index=True),  # the incident an analyst's merge or split put it in
)

incidents = Table(
    "incidents",
    metadata,
    Column("incident_id", String, primary_key=True),
    Column("event_type", String),
    Column("sub_event_type", String),
    Column("date", String, index=True),
    Column("time_precision", Integer),
    Column("date_start", String, index=True),  # the day interval the reports allow, for candidate search
    Column("date_end", String),
    Column("country", String(3), index=True),
    Column("location", String),
    Column("admin1", String),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("actor1", String),
    Column("actor2", String),
    Column("fatalities", Integer),  # ACLED's conservative figure: the lowest any report gives
    Column("fatalities_max", Integer),
    Column("n_reports", Integer, nullable=False),
    Column("sources", Text),
    Column("updated_at", String, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_id", String, index=True),
    Column("kind", String, nullable=False, index=True),
    Column("value", Float),
    Column("text", Text),
    Column("source", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("date", String),
    Column("place", String),
    Column("country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("actor", String),  # for control claims: who holds the place
)

reviews = Table(
    "reviews",
    metadata,
    # Append-only: a row is never updated or deleted (no foreign key: reviews outlive their events).
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subject", String, nullable=False, index=True),  # one reviewed event, across re-ingests
    Column("event_id", String),  # the event's id when it was reviewed
    Column("article_id", String, nullable=False, index=True),
    Column("incident_id", String),  # the incident it was in (merge and split act on incidents)
    Column("action", String, nullable=False),
    Column("reason", String),
    Column("before", Text),  # JSON: the fields the action changed, as they were
    Column("after", Text),  # JSON: the same fields as the action left them
    Column("anchor", Text),  # JSON: type, date, place and evidence as the reviewer saw them, to re-attach by
    Column("reviewer", String, nullable=False),
    Column("db_user", String),  # PostgreSQL: the database login that wrote the row (filled by the server)
    Column("reviewed_at", String, nullable=False),
)

# Composite indexes for the web app's timeline and pages (migration 0004).
Index("ix_incidents_date_type", incidents.c.date, incidents.c.event_type)
Index("ix_incidents_country_date", incidents.c.country, incidents.c.date, incidents.c.event_type)
Index("ix_incidents_date_id", incidents.c.date, incidents.c.incident_id)
# with review_status (migration 0006): the default "all but rejected" is read from the index alone
Index("ix_events_date_id", events.c.date, events.c.event_id, events.c.review_status)
Index("ix_events_country_date", events.c.country, events.c.date, events.c.event_type, events.c.review_status)
Index("ix_events_review_date", events.c.review_status, events.c.date, events.c.event_id)  # next unreviewed
Index("ix_events_days", events.c.span_long, events.c.day_start)
