"""One record per incident, in the shape of an EVENTS.md record, so every exporter writes incidents too.

ACLED codes one row per event, however many outlets reported it; lagebild stores one row per report
and links the reports of one happening into an incident. An incident-level export therefore writes
what ACLED would: the incident's date, place and type (the most precise and most reported ones), its
conservative toll (the lowest any report gives; the highest is kept as `fatalities_max`), every source
of every report, and every report's evidence. The record's `event_id` is the incident id, so the ACLED
`event_id_cnty` column identifies the incident.
"""

from __future__ import annotations

from typing import Any


def _side(name: str | None, members: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    """The full actor (kind, country, group) a report gives for the incident's actor name."""
    if not name:
        return None
    for k in (key, "actor2" if key == "actor1" else "actor1"):
        for m in members:
            a = m.get(k)
            if a and a.get("name") == name:
                return a
    return {"name": name, "kind": None, "country": None, "group": None}


def _union(members: list[dict[str, Any]], key: str, skip: set[str]) -> list[dict[str, Any]]:
    """The entries of a list field over all reports, once per name, in report order."""
    seen, out = set(skip), []
    for m in members:
        for item in m.get(key) or []:
            if item.get("name") and item["name"] not in seen:
                seen.add(item["name"])
                out.append(item)
    return out


def incident_record(inc: dict[str, Any]) -> dict[str, Any]:
    """An incident (a store dict with its reports' records under `events`) as one EVENTS.md-shaped record."""
    members = inc.get("events") or []
    loc = dict(inc["location"])
    if loc.get("name") is None and loc.get("lat") is None:
        location = None
    else:
        same = next((m["location"] for m in members if (m.get("location") or {}).get("name") == loc["name"]), {})
        location = loc | {"geonames_id": (same or {}).get("geonames_id")}
    actor1, actor2 = _side(inc["actor1"], members, "actor1"), _side(inc["actor2"], members, "actor2")
    named = {a["name"] for a in (actor1, actor2) if a}
    notes = next((m["notes"] for m in members if m.get("notes")), None)
    return {
        "event_id": inc["incident_id"],
        "incident_id": inc["incident_id"],
        "article_id": inc["article_ids"][0] if inc["article_ids"] else None,
        "article_ids": inc["article_ids"],
        "event_ids": inc["event_ids"],
        "date": inc["date"],
        "time_precision": inc["time_precision"],
        "event_type": inc["event_type"],
        "sub_event_type": inc["sub_event_type"],
        "actor1": actor1,
        "assoc_actor_1": _union(members, "assoc_actor_1", named),
        "actor2": actor2,
        "assoc_actor_2": _union(members, "assoc_actor_2", named),
        "location": location,
        "fatalities": inc["fatalities"],
        "fatalities_max": inc["fatalities_max"],
        "n_reports": inc["n_reports"],
        "sources": _union(members, "sources", set()),
        "evidence": [ev for m in members for ev in m.get("evidence") or []],
        "notes": notes,
        "stored_at": inc.get("updated_at"),
        **review_state(members),
    }


def review_state(members: list[dict[str, Any]]) -> dict[str, Any]:
    """An incident's review state from its reports': unreviewed while one waits, else corrected when one
    was corrected, else confirmed; the reviewers' names and the last review time."""
    statuses = {m.get("review_status") or "unreviewed" for m in members}
    status = "corrected" if "corrected" in statuses else "confirmed"
    if "unreviewed" in statuses or not members:
        status = "unreviewed"
    names = sorted({m["reviewed_by"] for m in members if m.get("reviewed_by")})
    times = [m["reviewed_at"] for m in members if m.get("reviewed_at")]
    return {"review_status": status, "reviewed_by": "; ".join(names) or None, "reviewed_at": max(times, default=None)}
