"""Deciding whether two reports describe the same happening, and summarising an incident.

A report is one extracted event from one article. Reports are linked into an incident when they are
compatible on every axis an ACLED coder would check before calling two reports one event:

- **kind**: the same family of sub-event types (a clash and a territory change are one battle seen
  from two desks; an air strike and a missile strike are one strike when both name the same
  attacker; a peaceful protest and one the police broke up can be one demonstration), never
  across families;
- **date**: the day intervals their precision allows overlap (a city shelled on two consecutive days
  was shelled twice);
- **place**: within a distance that depends on how precise both places are, or the same province
  when one of them is only a province;
- **actors**: sides weigh in the choice between candidate incidents; only two different known armed
  groups named as the attacker keep reports apart (outlets disagree on sides more than happenings
  differ).

Two reports from one article are never linked: within-article merging has already decided that they
are different happenings. Linking is order-independent in what it allows (every pair in an
incident is compatible), so incidents cannot drift across a city one report at a time.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lagebild.places.gazetteer import admin_key, haversine_km

# Sub-event types that different desks use for one happening. A type not listed is its own family.
FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"}),
    frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}),
    frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    frozenset({"Violent demonstration", "Mob violence"}),
    frozenset({"Attack", "Sexual violence"}),
)
# Families whose sub-types tell different happenings apart unless the reports name the same attacker:
# "Luftangriff" and "Raketenangriff" on one city are one strike when both say Russia did it, but an
# army air strike and shelling by an unnamed side on one town on one day are two.
ATTACKER_NEEDED = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"})
# Places this far apart (km) can still be one happening, by the coarser of the two precisions.
MAX_KM = {1: 25.0, 2: 50.0}
SLACK_DAYS = 0


@dataclass(frozen=True, slots=True)
class Report:
    """What linking needs to know of one stored event."""

    event_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    date: str | None
    time_precision: int | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    admin1: str | None
    country: str | None
    location: str | None
    actor1: tuple[str, str | None, str | None, str | None] | None  # (name, kind, country, group)
    actor2: tuple[str, str | None, str | None, str | None] | None
    fatalities: int | None
    sources: tuple[str, ...] = field(default=())

    @property
    def family(self) -> frozenset[str]:
        return family_of(self.sub_event_type)

    def interval(self) -> tuple[dt.date, dt.date] | None:
        return day_interval(self.date, self.time_precision)


@functools.lru_cache(maxsize=256)  # asked for every pair linking compares
def family_of(sub_event_type: str) -> frozenset[str]:
    for fam in FAMILIES:
        if sub_event_type in fam:
            return fam
    return frozenset({sub_event_type})


@functools.lru_cache(maxsize=65536)  # linking asks for the same few dates over and over
def day_interval(date: str | None, precision: int | None) -> tuple[dt.date, dt.date] | None:
    """The days a date at its precision allows: a day, a week around it, a month or a year."""
    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        if (precision or 1) == 2:
            return shift_days(day, -3), shift_days(day, 3)
        if (precision or 1) >= 3:
            last = calendar.monthrange(day.year, day.month)[1]
            return day.replace(day=1), day.replace(day=last)
        return day, day
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def shift_days(day: dt.date, days: int) -> dt.date:
    """A day moved by some days, kept within the calendar (a week around 0001-01-02 starts on 0001-01-01)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def day_gap(a: Report, b: Report) -> int | None:
    """Days between the two reports' intervals (0 when they overlap), None when a date is unknown."""
    ia, ib = a.interval(), b.interval()
    if ia is None or ib is None:
        return None
    return max(0, (max(ia[0], ib[0]) - min(ia[1], ib[1])).days)


def place_distance(a: Report, b: Report) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def _side_key(actor: tuple | None) -> str | None:
    """One actor's identity for comparison: a known group, else a state's forces, else its name."""
    if actor is None:
        return None
    name, kind, country, group = actor
    if group:
        return f"group:{group}"
    if kind in ("state", "external") and country:
        return f"state:{country}"
    if kind == "civilians":
        return "civilians"
    return f"name:{name}"


def sides_compatible(a: Report, b: Report) -> bool:
    """Only two different known armed groups named as the acting side rule a link out.

    Outlets disagree on sides far more often than the happenings differ: one names the Russian air
    force, another the Syrian government it fights for; one calls the dead civilians, another Hamas
    fighters. So sides weigh in `affinity`, and block only when two known groups are each named as
    the attacker of what would otherwise be one happening (battles may be told from either side).
    """
    a1, a2, b1, b2 = (_side_key(x) for x in (a.actor1, a.actor2, b.actor1, b.actor2))
    if a1 is None or b1 is None or a1 == b1:
        return True
    if not (a1.startswith("group:") and b1.startswith("group:")):
        return True  # two states (allies in one campaign) or unnamed kinds: let affinity decide
    return a.event_type == b.event_type == "Battles" and a1 in (b2, None) and b1 in (a2, None)


def compatible(a: Report, b: Report) -> bool:
    """Whether two reports can be one happening (see the module docstring for the rules)."""
    if a.article_id == b.article_id or a.family != b.family:
        return False
    if a.sub_event_type != b.sub_event_type and a.sub_event_type in ATTACKER_NEEDED:
        ka, kb = _side_key(a.actor1), _side_key(b.actor1)
        if ka is None or ka != kb:
            return False
    if a.country and b.country and a.country != b.country:
        return False
    gap = day_gap(a, b)
    if gap is None or gap > SLACK_DAYS:
        return False
    coarse = max(a.geo_precision or 3, b.geo_precision or 3)
    if coarse >= 3:
        if not (a.admin1 and b.admin1 and admin_key(a.admin1) == admin_key(b.admin1)):
            return False
        # a province-level report is only joined to a precise day: a month of a province is too vague
        if max(a.time_precision or 3, b.time_precision or 3) >= 3:
            return False
    else:
        km = place_distance(a, b)
        if km is None or km > MAX_KM[coarse]:
            return False
    return sides_compatible(a, b)


def affinity(a: Report, b: Report) -> float:
    """How alike two compatible reports are, to pick the best of several candidate incidents."""
    score = 1.0 if a.sub_event_type == b.sub_event_type else 0.0
    km = place_distance(a, b)
    score += 1.0 - min(km, 50.0) / 50.0 if km is not None else 0.0
    score += 1.0 - (day_gap(a, b) or 0)
    for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        kx, ky = _side_key(x), _side_key(y)
        score += 0.5 if kx and kx == ky else (-0.5 if kx and ky else 0.0)
    return score


def best_incident(report: Report, candidates: dict[str, Sequence[Report]]) -> str | None:
    """The incident whose every report is compatible with this one and most alike it, if any."""
    best, best_score = None, 0.0
    for incident_id, members in candidates.items():
        if not members or not all(compatible(report, m) for m in members):
            continue
        score = sum(affinity(report, m) for m in members) / len(members)
        if best is None or score > best_score or (score == best_score and incident_id < best):
            best, best_score = incident_id, score
    return best


def new_incident_id(report: Report) -> str:
    """The id of an incident a report founds: named after that report, so the same input gives the same ids."""
    return "inc-" + hashlib.sha1(report.event_id.encode("utf-8")).hexdigest()[:12]


def choose_incident(report: Report, candidates: dict[str, Sequence[Report]]) -> tuple[str, bool]:
    """The incident a new report joins: (the best compatible candidate, False), else (a new id, True)."""
    found = best_incident(report, candidates)
    return (found, False) if found is not None else (new_incident_id(report), True)


def link_reports(reports: Iterable[Report]) -> dict[str, list[Report]]:
    """Link reports one by one in the given order, as the store links them: incident id → its reports.

    The store offers a new report only the incidents whose day interval (the intersection of their
    reports' intervals) comes near its own, in its country. That leaves out only incidents the report
    cannot join: it must be compatible with every report of an incident, so its interval overlaps each
    of theirs, and intervals that overlap pairwise share a day (Helly); the same goes for the country.
    So offering every incident so far chooses exactly what the store chooses, and linking the reports
    of each connected group of compatible reports separately (as the Spark job does) gives the store's
    incidents: a report can only join an incident all of whose reports are compatible with it.
    """
    incidents: dict[str, list[Report]] = {}
    for report in reports:
        incident_id, new = choose_incident(report, incidents)
        incidents.setdefault(incident_id, []).append(report)
    return incidents


def summarise(members: Iterable[Report]) -> dict:
    """An incident's own fields from its reports.

    The date is the most precise one given (the earliest of those), the place the most precise one
    (the most often named of those), the type the most often reported, and the toll ACLED's
    conservative figure: the lowest any report gives, with the highest kept to show the spread.
    """
    reports = sorted(members, key=lambda r: r.event_id)
    first = reports[0]
    sub = Counter(r.sub_event_type for r in reports).most_common(1)[0][0]  # ties: the first reported
    dated = [r for r in reports if r.date]
    best_prec = min((r.time_precision or 3 for r in dated), default=None)
    precise = sorted((r for r in dated if (r.time_precision or 3) == best_prec), key=lambda r: r.date or "")
    when = precise[0] if precise else first
    intervals = [iv for r in reports if (iv := r.interval())]
    start = max(iv[0] for iv in intervals) if intervals else None
    end = min(iv[1] for iv in intervals) if intervals else None
    if start and end and start > end:  # slack days: keep the union instead of an empty intersection
        start, end = min(iv[0] for iv in intervals), max(iv[1] for iv in intervals)
    placed = [r for r in reports if r.lat is not None]
    best_geo = min((r.geo_precision or 3 for r in placed), default=None)
    names = Counter(r.location for r in placed if (r.geo_precision or 3) == best_geo)
    top = names.most_common(1)[0][0] if names else None
    where = next((r for r in placed if r.location == top), first) if names else first
    tolls = [r.fatalities for r in reports if r.fatalities is not None]
    a1 = Counter(r.actor1[0] for r in reports if r.actor1)
    a2 = Counter(r.actor2[0] for r in reports if r.actor2)
    sources = sorted({s for r in reports for s in r.sources})
    return {
        "event_type": next(r.event_type for r in reports if r.sub_event_type == sub),
        "sub_event_type": sub,
        "date": when.date,
        "time_precision": when.time_precision,
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "country": where.country,
        "location": where.location,
        "admin1": where.admin1,
        "lat": where.lat,
        "lon": where.lon,
        "geo_precision": where.geo_precision,
        "actor1": a1.most_common(1)[0][0] if a1 else None,
        "actor2": a2.most_common(1)[0][0] if a2 else None,
        "fatalities": min(tolls) if tolls else None,
        "fatalities_max": max(tolls) if tolls else None,
        "n_reports": len({r.article_id for r in reports}),
        "sources": " | ".join(sources),
    }
