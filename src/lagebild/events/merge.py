"""Within-article merging: two sentences about one strike are one event; three cities stay three.

CODING_RULES 1: one event per type, place, day and pair of sides. Candidates merge when their types
agree, their places are the same or one lies inside the other (a town in a region, a place read from
the sentence before), their dates agree at their precision and their actors do not contradict.
"""

from __future__ import annotations

from lagebild.events.candidate import Candidate
from lagebild.places.gazetteer import Gazetteer, distance_km
from lagebild.taxonomy import EVENT_TYPE_OF

SAME_PLACE_KM = 25.0
WIDE_PLACE_KM = 100.0
SITE_TOWN_KM = 50.0  # a named site (an airport, a plant, a base) belongs to the town of its province this near
# Sub-types one happening passes through, ranked: a fight that ends in a change of control, riots
# ("Unruhen") told next as a demonstration's violence, a protest the police then broke up or fired on.
# Merged candidates take the highest-ranked sub-type told (the first told, among equals).
SUBTYPE_RANK = {
    "Armed clash": 0,
    "Government regains territory": 1,
    "Non-state actor overtakes territory": 1,
    "Mob violence": 0,
    "Violent demonstration": 1,
    "Peaceful protest": 0,
    "Protest with intervention": 1,
    "Excessive force against protesters": 2,
}
MIXED_SUBTYPES = frozenset(EVENT_TYPE_OF[sub] for sub in SUBTYPE_RANK)  # their candidates merge across sub-types


def _same_admin(a: Candidate, b: Candidate, km: float) -> bool:
    pa, pb = a.place, b.place
    same = pa.country == pb.country and pa.admin1 is not None and pa.admin1 == pb.admin1
    return same and distance_km(pa, pb) <= km


def _places_agree(a: Candidate, b: Candidate, gaz: Gazetteer) -> bool:
    if a.place is None or b.place is None:
        return True
    if a.place == b.place:
        return True
    if a.sent == b.sent and a.place_from_sentence and b.place_from_sentence and a.place.kind == b.place.kind == "city":
        return False  # "die Dörfer X, Y und Z eingenommen": towns one sentence lists are three scenes, however near
    if distance_km(a.place, b.place) <= SAME_PLACE_KM:
        return True
    if (a.place_goal or b.place_goal) and a.place.country == b.place.country:
        # "rücken auf Aleppo vor. ... rangen um die Ortschaft X": the advance is the fight told next to it
        return distance_km(a.place, b.place) <= WIDE_PLACE_KM
    for inner, outer in ((a, b), (b, a)):
        if outer.place.kind == "region" and gaz.region_of(inner.place) == outer.place:
            return True
        if inner.place.kind == "site" and outer.place.kind == "city" and _same_admin(inner, outer, SITE_TOWN_KM):
            return True  # "das Werksgelände bei X" and "der Anschlag von X": a site on the town's edge
        near = distance_km(a.place, b.place) <= WIDE_PLACE_KM and a.place.country == b.place.country
        if outer.place.kind in ("region", "area") and near and a.sent != b.sent:
            # "im Grenzgebiet" and "in X": a town that lies in the area named elsewhere (Damascus does not
            # lie in South Lebanon); one sentence naming both ("in der Hauptstadt und im Norden des Landes")
            # tells of two scenes
            return True
        if not outer.place_from_sentence:
            return True
    return False


def _dates_agree(a: Candidate, b: Candidate) -> bool:
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    if not a.date_from_sentence or not b.date_from_sentence:
        return True  # background never reaches the merge: an undated sentence tells of the article's time
    x, y = a.date.iso(), b.date.iso()
    return x.startswith(y) or y.startswith(x)


def _actors_agree(a, b) -> bool:
    if a is None or b is None or a == b:
        return True
    if a.force and b.force and (a.country is None or b.country is None):
        return True  # "Einheiten der Marineinfanterie" are the "ukrainische Truppen" of the sentence before
    return bool(a.country and a.country == b.country and a.kind == b.kind)


def _compatible(a: Candidate, b: Candidate, gaz: Gazetteer) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.sub_event_type != b.sub_event_type and a.event_type not in MIXED_SUBTYPES:
        return False
    return (
        _places_agree(a, b, gaz)
        and _dates_agree(a, b)
        and _actors_agree(a.actor1, b.actor1)
        and _actors_agree(a.actor2, b.actor2)
    )


def _absorb(into: Candidate, other: Candidate, take_place: bool = True) -> None:
    for span in other.evidence:
        if span not in into.evidence:
            into.evidence.append(span)
    names = {(s.get("name") or "").lower() for s in into.sources}
    into.sources += [s for s in other.sources if (s.get("name") or "").lower() not in names]
    into.fatalities += other.fatalities
    # a side the first report struck does not become the attacker from another ("ihre Funkgeräte explodierten")
    into.actor1 = into.actor1 or (other.actor1 if other.actor1 != into.actor2 else None)
    into.actor2 = into.actor2 or (other.actor2 if other.actor2 != into.actor1 else None)
    into.actor1_text = into.actor1_text or other.actor1_text
    into.assoc1 += [a for a in other.assoc1 if a not in into.assoc1 and a != into.actor1]
    into.assoc2 += [a for a in other.assoc2 if a not in into.assoc2 and a != into.actor2]
    better = other.precision < into.precision or (into.place_goal and not other.place_goal)
    if take_place and other.place_from_sentence and (not into.place_from_sentence or better):
        into.place, into.precision, into.place_from_sentence = other.place, other.precision, True
        into.place_goal = other.place_goal
    if other.date_rank > into.date_rank:  # the most specific source of the date: sentence, paragraph, article
        into.date, into.time_precision = other.date, other.time_precision
        into.date_from_sentence, into.date_rank = other.date_from_sentence, other.date_rank
    if SUBTYPE_RANK.get(other.sub_event_type, 0) > SUBTYPE_RANK.get(into.sub_event_type, 0):
        into.sub_event_type = other.sub_event_type


def merge(candidates: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    events: list[Candidate] = []
    for c in candidates:
        fits = [e for e in events if _compatible(e, c, gaz)]
        # the event at the very place first: a town's event does not swallow the area's told beside it
        target = next((e for e in fits if e.place == c.place), fits[0] if fits else None)
        if target is None:
            events.append(c)
        else:
            _absorb(target, c)
    return events


def attach_mentions(events: list[Candidate], mentions: list[Candidate], gaz: Gazetteer) -> None:
    """Mentions that make no event of their own still tell of one the article has: a sentence the event
    model doubts, or one that places the act only in a country ("Im Süden Malis haben ... am Mittwoch
    ... entführt"), lends its date, toll, sides and sources to the one event of its type it
    fits (same family, date and sides; its place the event's, or the event's country), never its place."""
    for m in mentions:
        fits = [e for e in events if _mention_fits(e, m, gaz)]
        if len(fits) == 1:
            _absorb(fits[0], m, take_place=False)


def _mention_fits(e: Candidate, m: Candidate, gaz: Gazetteer) -> bool:
    if e.event_type != m.event_type or (e.sub_event_type != m.sub_event_type and e.event_type not in MIXED_SUBTYPES):
        return False
    if not (_dates_agree(e, m) and _actors_agree(e.actor1, m.actor1) and _actors_agree(e.actor2, m.actor2)):
        return False
    if m.place is None or e.place is None:
        return True
    if m.place.kind == "country":
        return m.place.country == e.place.country
    return _places_agree(e, m, gaz)


def merge_article(
    candidates: list[Candidate], doubted: list[Candidate], gaz: Gazetteer
) -> tuple[list[Candidate], list[Candidate]]:
    """The article's events, and its background: the located candidates merged into events, with the
    mentions placed only in a country, or doubted by the event model, attached to the one event they fit.

    Background (an event long before the article's news, told in the pluperfect with a time phrase:
    "vor einigen Wochen hatten die Rebellen X verloren") is kept as a dated claim, not reported as the
    article's event."""
    located = [c for c in candidates if c.place is not None and c.place.kind != "country"]
    events = merge([c for c in located if not c.background], gaz)
    background = [c for c in located if c.background]
    unplaced = [c for c in candidates if c not in located and not c.background]
    attach_mentions(events, unplaced + [c for c in doubted if not c.background], gaz)
    return events, background
