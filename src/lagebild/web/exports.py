"""Downloads from the page: the selected events or incidents in any export format, as the CLI writes them.

The file is written to a temporary file first and then sent (and deleted once sent), so memory stays
flat however large the selection is, and a failure shows as an error instead of a truncated download.
"""

from __future__ import annotations

import os
import tempfile

from lagebild.export import FORMATS
from lagebild.export.incidents import incident_record
from lagebild.store import Store
from lagebild.store.db import EventFilter


def write(
    store: Store, f: EventFilter, fmt: str, level: str, *, incident_id: bool = False, review: bool = False
) -> tuple[str, int]:
    """The path of a temporary file holding the export (the caller deletes it), and its number of rows."""
    spec = FORMATS[fmt]
    records = store.events(f, stored_at=True) if level == "report" else map(incident_record, store.iter_incidents(f))
    opts = {"incident_id": incident_id, "review": review} if fmt in ("acled", "csv") else {}
    fd, path = tempfile.mkstemp(prefix="lagebild-export-", suffix=spec.suffix)
    try:
        if spec.binary:
            with os.fdopen(fd, "wb") as out:
                rows = spec.write(records, out, **opts)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                rows = spec.write(records, out, **opts)
    except BaseException:
        os.unlink(path)
        raise
    return path, rows


def file_name(f: EventFilter, level: str, suffix: str) -> str:
    """A name that says what the file holds: lagebild-incidents-SYR-2024-01-01-2024-03-31.csv."""
    parts = ["lagebild", "incidents" if level == "incident" else "events"]
    if f.country:
        parts.append(f.country)
    if f.since or f.until:
        parts.append(f"{f.since or 'start'}-{f.until or 'end'}")
    return "-".join(parts) + suffix
