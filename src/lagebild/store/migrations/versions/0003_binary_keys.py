"""PostgreSQL: identifiers and dates compare byte by byte, as on SQLite.

Revision ID: 0003
Revises: 0002

SQLite compares text with its BINARY collation; a PostgreSQL database compares by its locale
(de_DE, en_US or ICU), which sorts "b#1" before "C#1" and may treat punctuation as secondary.
Events, incidents and claims are ordered and range-filtered on these columns (ISO dates, the
`until + U+FFFF` bound, ids as tie-breakers), so on a locale database the same query would return
rows in another order than on SQLite. The "C" collation makes the two agree, whatever locale the
team's server was set up with, and keeps the indexes usable for those comparisons. Names (places,
actors, sources) keep the database's collation, so ILIKE folds non-ASCII letters there. On SQLite
this migration does nothing.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KEYS = {
    "articles": ("id", "date"),
    "sentences": ("article_id",),
    "events": ("event_id", "article_id", "date", "incident_id"),
    "incidents": ("incident_id", "date", "date_start", "date_end"),
    "claims": ("article_id", "event_id", "date"),
}


def _retype(type_: sa.String) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, columns in KEYS.items():
        for column in columns:
            op.alter_column(table, column, type_=type_)


def upgrade() -> None:
    _retype(sa.String(collation="C"))


def downgrade() -> None:
    _retype(sa.String())
