"""Errors that the command line reports in one line instead of a traceback (kept import-light for cli.py)."""


class StoreError(RuntimeError):
    """The database cannot be opened or written: a server that is down or refuses the login, an
    unwritable or read-only file, a file that is not a database."""


class MissingDatabase(StoreError):
    """A command that only reads was pointed at a database that does not exist (nothing is created)."""


class RecordError(ValueError):
    """One article cannot be stored (a value out of range, a duplicate event id): the message says
    why; the batch reports it and goes on with the next article."""


class FilterError(ValueError):
    """A filter value that means nothing (a date that is no date, a limit out of range); `field`
    names the filter, the message says why. Raised by `lagebild.filters` (what the analyst typed)
    and by the store (`EventFilter.checked`, whatever reaches it)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
