"""Incidents across articles, richer claims (place, date, actor) and full-text search over articles.

Revision ID: 0002
Revises: 0001

Full-text search is dialect-specific: an FTS5 table on SQLite (kept in step by `Store.save`), a GIN
expression index over German tsvectors on PostgreSQL.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("incident_id", sa.String, primary_key=True),
        sa.Column("event_type", sa.String),
        sa.Column("sub_event_type", sa.String),
        sa.Column("date", sa.String),
        sa.Column("time_precision", sa.Integer),
        sa.Column("date_start", sa.String),
        sa.Column("date_end", sa.String),
        sa.Column("country", sa.String(3)),
        sa.Column("location", sa.String),
        sa.Column("admin1", sa.String),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("actor1", sa.String),
        sa.Column("actor2", sa.String),
        sa.Column("fatalities", sa.Integer),
        sa.Column("fatalities_max", sa.Integer),
        sa.Column("n_reports", sa.Integer, nullable=False),
        sa.Column("sources", sa.Text),
        sa.Column("updated_at", sa.String, nullable=False),
    )
    op.create_index("ix_incidents_date_start", "incidents", ["date_start"])
    op.create_index("ix_incidents_date", "incidents", ["date"])
    op.create_index("ix_incidents_country", "incidents", ["country"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("incident_id", sa.String))
        batch.create_index("ix_events_incident_id", ["incident_id"])
    with op.batch_alter_table("claims") as batch:
        for name, type_ in (
            ("date", sa.String),
            ("place", sa.String),
            ("country", sa.String(3)),
            ("lat", sa.Float),
            ("lon", sa.Float),
            ("actor", sa.String),
        ):
            batch.add_column(sa.Column(name, type_))
        batch.create_index("ix_claims_kind", ["kind"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "article_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            "INSERT INTO articles_fts (article_id, title, text) SELECT id, coalesce(title, ''), text FROM articles"
        )
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_articles_fts ON articles "
            "USING gin (to_tsvector('german', coalesce(title, '') || ' ' || text))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    elif op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_fts")
    with op.batch_alter_table("claims") as batch:
        batch.drop_index("ix_claims_kind")
        for name in ("date", "place", "country", "lat", "lon", "actor"):
            batch.drop_column(name)
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_incident_id")
        batch.drop_column("incident_id")
    op.drop_table("incidents")
