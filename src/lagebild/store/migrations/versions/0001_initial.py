"""Initial schema: articles, sentences, events, claims.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("date", sa.String),
        sa.Column("title", sa.Text),
        sa.Column("source", sa.String),
        sa.Column("url", sa.Text),
        sa.Column("origin", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("ingested_at", sa.String, nullable=False),
    )
    op.create_table(
        "sentences",
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("is_noise", sa.Integer, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("event_id", sa.String, primary_key=True),
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("date", sa.String),
        sa.Column("time_precision", sa.Integer),
        sa.Column("event_type", sa.String),
        sa.Column("sub_event_type", sa.String),
        sa.Column("country", sa.String(3)),
        sa.Column("location", sa.String),
        sa.Column("admin1", sa.String),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("actor1", sa.String),
        sa.Column("actor2", sa.String),
        sa.Column("fatalities", sa.Integer),
        sa.Column("sources", sa.Text),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_event_type", "events", ["event_type"])
    op.create_index("ix_events_country", "events", ["country"])
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event_id", sa.String),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("text", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
    )
    op.create_index("ix_claims_article_id", "claims", ["article_id"])
    op.create_index("ix_claims_event_id", "claims", ["event_id"])


def downgrade() -> None:
    for table in ("claims", "events", "sentences", "articles"):
        op.drop_table(table)
