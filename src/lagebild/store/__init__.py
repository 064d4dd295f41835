"""Storage: articles, sentence offsets, events and claims in SQLite (default) through SQLAlchemy Core."""

from lagebild.store.db import Store, default_url

__all__ = ["Store", "default_url"]
