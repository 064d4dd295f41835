"""Downloads from the page: the selected events or incidents in any export format, as the CLI writes them.

The file is written to a spooled temporary file (memory up to a few megabytes, then disk) and sent
whole, so a failure shows as an error instead of a truncated download.
"""

from __future__ import annotations

import io
import tempfile

from lagebild.export import FORMATS
from lagebild.export.incidents import incident_record
from lagebild.store import Store
from lagebild.store.db import EventFilter

SPOOL = 8 * 1024 * 1024


def write(store: Store, f: EventFilter, fmt: str, level: str, *, incident_id: bool = False) -> tuple[bytes, int]:
    """The export file's bytes and its number of rows."""
    spec = FORMATS[fmt]
    records = store.events(f, stored_at=True) if level == "report" else map(incident_record, store.iter_incidents(f))
    opts = {"incident_id": incident_id} if fmt in ("acled", "csv") else {}
    with tempfile.SpooledTemporaryFile(max_size=SPOOL) as spool:
        if spec.binary:
            rows = spec.write(records, spool, **opts)
        else:
            text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
            rows = spec.write(records, text, **opts)
            text.flush()
            text.detach()
        spool.seek(0)
        return spool.read(), rows


def file_name(f: EventFilter, level: str, suffix: str) -> str:
    """A name that says what the file holds: lagebild-incidents-SYR-2024-01-01-2024-03-31.csv."""
    parts = ["lagebild", "incidents" if level == "incident" else "events"]
    if f.country:
        parts.append(f.country)
    if f.since or f.until:
        parts.append(f"{f.since or 'start'}-{f.until or 'end'}")
    return "-".join(parts) + suffix
