"""Turning a merged candidate into the EVENTS.md record: the output contract."""

from __future__ import annotations

from typing import Any

from lagebild.actors.lexicon import ActorLexicon, ActorSpec
from lagebild.doc import Doc
from lagebild.events.candidate import Candidate
from lagebild.events.source_names import source_key

ARTICLES = ("der ", "die ", "das ", "den ", "dem ", "des ")  # stripped from a name as written ("die jordanische Armee")


def actor_record(
    actor: ActorSpec | None, where: str | None, lex: ActorLexicon, forces: dict[str, int] | None = None
) -> dict[str, Any] | None:
    """An actor with its country filled in, and `external` when it acts abroad. A force named without
    its country ("die Armee") belongs to the place's country when the article names that country's
    forces (and the place has forces of its own), else to the forces the article names most."""
    if actor is None or actor.kind is None:
        return None
    country = actor.country
    name = actor.name
    kind = actor.kind
    forces = forces or {}
    if actor.force and not country:
        top = max(forces, key=lambda c: forces[c]) if forces else None
        own = where not in lex.stateless and (actor.home or top is None or forces.get(where or "", 0) >= forces[top])
        country = where if own or top is None else top
        name = lex.state_name(country, actor.force)
    if kind in ("civilians", "protesters", "rioters") and not country:
        country = where
        english = lex.countries[country].english if country in lex.countries else None
        name = f"{actor.name} ({english})" if english else actor.name
    if kind == "state" and country and where and country != where and actor.group is None:
        kind = "external"
    return {"name": name, "kind": kind, "country": country, "group": actor.group}


def _own_name(actor: ActorSpec, lex: ActorLexicon) -> str:
    """A German name for a side speaking for itself: "russische Armee", else the actor's name."""
    adjective = lex.adjective_of.get(actor.country or "") if actor.force else None
    return f"{adjective}e Armee" if adjective else actor.name


def source_record(src: dict, c: Candidate, lex: ActorLexicon) -> dict[str, Any] | None:
    if src.get("own"):
        # "nach eigenen Angaben": the acting side speaks for itself, the clause's subject when one was read
        speaker = src.get("speaker")
        if speaker:
            kind = speaker["kind"]
            if kind in (None, "other") and c.actor1 is not None:
                kind = "military" if c.actor1.force else "armed_group"
            return {"name": speaker["name"], "kind": kind or "armed_group", "country": speaker["country"]}
        if c.actor1 is None:
            return None
        name = c.actor1_text or _own_name(c.actor1, lex)
        for d in ARTICLES:
            if name.lower().startswith(d):
                name = name[len(d) :]
        kind = "military" if c.actor1.force else "armed_group"
        return {"name": name, "kind": kind, "country": c.actor1.country}
    if not src.get("name"):
        return None
    return {"name": src["name"], "kind": src.get("kind") or "other", "country": src.get("country")}


def _other(actor2: dict | None, actor1: dict | None) -> dict | None:
    """No side fights itself: an acted-upon side that resolves to the acting one is dropped."""
    if actor2 and actor1 and (actor2["name"], actor2["country"]) == (actor1["name"], actor1["country"]):
        return None
    return actor2


def to_record(
    doc: Doc, n: int, c: Candidate, lex: ActorLexicon, forces: dict[str, int] | None = None
) -> dict[str, Any]:
    aid = doc.article.id
    p = c.place
    where = p.country if p else None
    location = None
    if p is not None:
        location = {
            "name": p.name,
            "geonames_id": p.geonames_id,
            "lat": p.lat,
            "lon": p.lon,
            "admin1": (p.admin1 or p.name) if p.kind == "region" else p.admin1,  # ACLED's English name
            "admin2": p.admin2,
            "country": p.country,
            "geo_precision": c.precision,
        }
    sources, seen = [], set()
    for s in c.sources:
        rec = source_record(s, c, lex)
        if rec and source_key(rec["name"]) not in seen:  # "israelischen Armee" is "israelische Armee"
            seen.add(source_key(rec["name"]))
            sources.append(rec)
    # the lowest figure (CODING_RULES 8), of those not told as since corrected ("zunächst war von 35 die Rede")
    current = [f for f in c.fatalities if not f[2].data.get("superseded")] or c.fatalities
    tolls = [figure for figure, *_ in current]
    evidence = [{"article_id": aid, "start": s, "end": e, "text": doc.text[s:e]} for s, e in sorted(c.evidence)]
    first = doc.text[c.evidence[0][0] : c.evidence[0][1]]
    return {
        "event_id": f"{aid}#{n}",
        "article_id": aid,
        "date": c.date.iso() if c.date else None,
        "time_precision": c.time_precision,
        "event_type": c.event_type,
        "sub_event_type": c.sub_event_type,
        "actor1": actor_record(c.actor1, where, lex, forces),
        "assoc_actor_1": [a for a in (actor_record(x, where, lex, forces) for x in c.assoc1) if a],
        "actor2": _other(actor_record(c.actor2, where, lex, forces), actor_record(c.actor1, where, lex, forces)),
        "assoc_actor_2": [a for a in (actor_record(x, where, lex, forces) for x in c.assoc2) if a],
        "location": location,
        "fatalities": min(tolls) if tolls else None,
        "sources": sources,
        "evidence": evidence,
        "notes": first if len(first) <= 240 else first[:237].rsplit(" ", 1)[0] + " …",
        "trigger": c.trigger,
    }
