"""What a review state means to a query: the statuses, and the review filter on events and incidents.

Kept apart from `store/reviews.py` (the desk's writes) so the store's filter code can use it without
importing the write path. Rejected reports belong to no incident, so an incident-level query never
shows them; a report-level query leaves them out unless its filter names them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, not_, select

from lagebild.store.schema import events, incidents

STATUSES = ("unreviewed", "confirmed", "corrected", "rejected")
# the words a review filter takes: a status, or a group of them
GROUPS = {
    "reviewed": ("confirmed", "corrected"),
    "all": STATUSES,
    "active": ("unreviewed", "confirmed", "corrected"),  # the default: everything but rejected
}
REVIEW_WORDS = (*STATUSES, *GROUPS)
DEFAULTS = {"review_status": "unreviewed", "reviewed_by": None, "reviewed_at": None}


def parse_review(value: str | None) -> tuple[str, ...] | None:
    """`reviewed`, `confirmed,corrected`, `all` ... as a tuple of statuses; None for the default.

    ValueError names the word that is none of REVIEW_WORDS.
    """
    if value is None or not value.strip():
        return None
    out: list[str] = []
    for word in (w.strip().lower() for w in value.split(",")):
        if not word:
            continue
        if word not in REVIEW_WORDS:
            raise ValueError(f"unknown review state {word!r}: use {', '.join(REVIEW_WORDS)}")
        out.extend(s for s in GROUPS.get(word, (word,)) if s not in out)
    return tuple(out) or None


def with_defaults(record: dict[str, Any]) -> dict[str, Any]:
    """A record with the review fields, `unreviewed` where it has none yet (the extractor's own)."""
    return record | {k: v for k, v in DEFAULTS.items() if k not in record}


def review_conditions(table: Any, statuses: tuple[str, ...] | None) -> list[Any]:
    """The conditions of a review filter on the events or incidents table (None: all but rejected).

    `statuses` may also hold the group words of GROUPS (`reviewed`, `all`, `active`).

    An incident is `reviewed` when none of its reports waits for review, `unreviewed` when one does;
    for the other statuses it is selected when one of its reports has the status.
    """
    wanted = {s for word in (statuses or ("active",)) for s in GROUPS.get(word, (word,))}
    if wanted >= set(STATUSES):
        return []
    if table is events:
        if wanted == set(GROUPS["active"]):  # the default: "not rejected" leaves the plan to the ordering index
            return [events.c.review_status != "rejected"]
        return [events.c.review_status.in_(sorted(wanted))]
    if wanted <= {"rejected"}:
        return [incidents.c.incident_id.is_(None)]  # rejected reports belong to no incident
    waiting = select(events.c.incident_id).where(
        and_(events.c.review_status == "unreviewed", events.c.incident_id.is_not(None))
    )
    if wanted >= set(GROUPS["active"]):
        return []
    if wanted == {"unreviewed"}:
        return [incidents.c.incident_id.in_(waiting)]
    having = incidents.c.incident_id.in_(select(events.c.incident_id).where(events.c.review_status.in_(sorted(wanted))))
    if "unreviewed" in wanted:
        return [having]
    if wanted >= set(GROUPS["reviewed"]):
        return [not_(incidents.c.incident_id.in_(waiting))]
    return [not_(incidents.c.incident_id.in_(waiting)), having]
