"""Alembic environment: migrations run on the connection lagebild hands over (see store/db.py)."""

from alembic import context

from lagebild.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
