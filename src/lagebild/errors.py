"""Errors that the command line reports in one line instead of a traceback (kept import-light for cli.py)."""


class StoreError(RuntimeError):
    """The database cannot be opened: a server that is down or refuses the login, an unwritable file."""


class MissingDatabase(StoreError):
    """A command that only reads was pointed at a database that does not exist (nothing is created)."""
