"""Errors that the command line reports in one line instead of a traceback (kept import-light for cli.py)."""


class StoreError(RuntimeError):
    """The database cannot be opened or written: a server that is down or refuses the login, an
    unwritable or read-only file, a file that is not a database."""


class RecordError(ValueError):
    """One article cannot be stored (a value out of range, a duplicate event id): the message says
    why; the batch reports it and goes on with the next article."""


class FilterError(ValueError):
    """A query filter that cannot be used (a date that is no date, a limit out of range); the
    message names the filter."""
