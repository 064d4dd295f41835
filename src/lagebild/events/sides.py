"""Sides across the article, once its events are merged: who fought whom when a sentence named one side.

A sentence often names only one side of a fight ("Die Armee rückte in X vor") or none of a strike
("X wurde mit Raketen beschossen"); the article as a whole tells the rest. Which states fight each other
(a state's strikes on another country, both ways: a war), which armed group the article is about, which
country's forces it names: these decide the missing side, and whether "die Armee" taking a town was a
state regaining its own ground or a foreign army taking another's. Read only after merging, when every
event carries all its sentences' sides.
"""

from __future__ import annotations

from lagebild.actors.lexicon import ActorLexicon, ActorSpec
from lagebild.doc import Doc
from lagebild.events.candidate import Candidate
from lagebild.events.record import actor_record

REMOTE = "Explosions/Remote violence"
STRIKES = ("Air/drone strike", "Shelling/artillery/missile attack")
GROUND = ("Government regains territory", "Non-state actor overtakes territory")


class Sides:
    """The sides the article's events leave unnamed, from the article's other events (actors.yaml lexicon)."""

    def __init__(self, actors: ActorLexicon) -> None:
        self.actors = actors

    def war_sides(self, events: list[Candidate]) -> None:
        """An unclaimed strike or blast came from the one side the article shows striking by the same means
        in that country: the one side flying there, or the one foreign side shelling or bombing there (at
        home, in a civil war, many sides shell; the side that flies tells nothing of who shells). In a war
        between two states the article shows fighting each other (Russia and Ukraine), a strike on one of
        them with no attacker named ("Belgorod wurde mit Raketen beschossen") came from the other, and
        missiles or drones shot down over it were shot down by its own forces."""
        attacks = state_attacks(events)
        strikers: dict[tuple, dict] = {}  # (place country, means) -> the sides striking so there
        for e in events:
            if e.event_type != REMOTE or e.actor1 is None or e.place is None:
                continue
            abroad = e.actor1.country is not None and e.actor1.country != e.place.country
            if abroad or e.sub_event_type == "Air/drone strike":  # at home many sides may shell; few fly
                side = strikers.setdefault((e.place.country, e.sub_event_type), {})
                side[e.actor1.country or e.actor1.name] = e.actor1
        for e in events:
            where = e.place.country if e.place else None
            striking = [a for a in strikers.get((where, e.sub_event_type), {}).values() if a != e.actor2]
            if e.actor1 is None and e.event_type == REMOTE and len(striking) == 1:
                e.actor1 = striking[0]  # "Auch der Flughafen von Sanaa sei bombardiert worden": the side firing there
                continue
            enemies = {a for a, b in attacks if b == where and (b, a) in attacks}
            if e.actor1 is not None or len(enemies) != 1:
                continue
            enemy = self.actors.military(enemies.pop())
            if e.event_type == "Explosions/Remote violence" and e.sub_event_type in STRIKES:
                e.actor1 = enemy
            elif e.sub_event_type == "Disrupted weapons use":
                e.actor1, e.actor2 = self.actors.military(where), e.actor2 or enemy

    def fill_opponents(self, doc: Doc, events: list[Candidate]) -> None:
        """A fight whose sentence names only the state's side is fought against the armed group the
        article is about ("Die Armee rückte in X vor" in a report on one militia), or, in a
        war between states, against the forces of the country it takes place in (Russia's troops in
        Ukraine fight Ukraine's)."""
        groups: dict = {}
        for s in doc.spans.get("actor", []):
            a = s.data["actor"]
            if a.group or a.kind == "rebel" and a.country:
                groups[a] = groups.get(a, 0) + 1
        counts = force_countries(doc)
        main = max(groups, key=lambda a: groups[a]) if groups else None
        for e in events:
            if e.event_type not in ("Battles", "Explosions/Remote violence"):
                continue
            vague_force = e.actor2 is not None and e.actor2.force and not e.actor2.country and e.actor1 is not None
            if vague_force and (not e.actor1.force or e.actor1.country):
                e.actor2 = None  # "die Truppen" facing a named side: which side's, the article decides below
            if e.actor2 is not None or e.actor1 is None or e.actor1.kind in ("civilians", "protesters", "rioters"):
                continue
            where = place_country = e.place.country if e.place else None
            if where in self.actors.stateless:  # Gaza, the West Bank: the army fighting there is the other side's
                where = next((c for c in sorted(counts, key=lambda c: -counts[c]) if c != e.actor1.country), None)
            home = self.actors.military(where) if where else None
            if e.actor1.kind not in ("state", "external"):
                if e.event_type == "Battles" and home is not None:
                    e.actor2 = home  # rebels fight, or take ground from, the state they rise against
            elif main is not None and e.actor1 != main and opposes(main, e.actor1, place_country):
                e.actor2 = main
            elif e.event_type == "Battles" and home is not None and where != e.actor1.country:
                e.actor2 = home

    def territory_abroad(self, events: list[Candidate], forces: dict[str, int]) -> None:
        for e in events:
            self._territory_abroad(e, forces)

    def _territory_abroad(self, e: Candidate, forces: dict[str, int]) -> None:
        """ "Die Armee nahm X ein": once "die Armee" is known to be a foreign state's (the forces the article
        names most, or the side a merged sentence names), it did not regain its own ground but took another's."""
        a1 = e.actor1
        if e.sub_event_type != "Government regains territory" or a1 is None:
            return
        rec = actor_record(a1, e.place.country if e.place else None, self.actors, forces)
        if rec is not None and rec["kind"] == "external":
            e.sub_event_type = "Non-state actor overtakes territory"


def acting_forces(doc: Doc, events: list[Candidate]) -> dict[str, int]:
    """How often the article names each country's forces, of the countries whose forces act in its events:
    "die Armee" is one of the forces the article names that act in it, not of those only mentioned."""
    acting = {e.actor1.country for e in events if e.actor1 is not None and e.actor1.force}
    return {c: n for c, n in force_countries(doc).items() if c in acting}


def with_sides_for_ground(events: list[Candidate]) -> list[Candidate]:
    """Ground changes hands between armed sides: with none named at all, "eroberte den Ball" or "einen
    Platz einnehmen" took no territory."""
    return [e for e in events if not (e.sub_event_type in GROUND and e.actor1 is None and e.actor2 is None)]


def opposes(group: ActorSpec, state: ActorSpec, where: str | None) -> bool:
    """Whether the article's main armed group is the other side of a state's fight at a place: not the
    state's own mercenaries (Wagner beside Russia's army), and not a group from a third country (Lebanon's
    Hisbollah when Israel strikes Gaza); a group rising against the state fights it anywhere (the PKK in Iraq)."""
    if group.kind == "external" and group.country == state.country:
        return False
    return group.country is None or group.country in (where, state.country)


def state_attacks(events: list[Candidate]) -> set[tuple[str, str]]:
    """(attacker, attacked) pairs of states: a state's fights and strikes in, or on, another country."""
    attacks: set[tuple[str, str]] = set()
    for e in events:
        a1 = e.actor1
        if a1 is None or a1.kind not in ("state", "external") or not a1.country:
            continue
        for target in (e.place.country if e.place else None, e.actor2.country if e.actor2 else None):
            if target and target != a1.country and e.event_type in ("Battles", "Explosions/Remote violence"):
                attacks.add((a1.country, target))
    return attacks


def war_enemies(events: list[Candidate]) -> dict[str, set[str]]:
    """Each state's enemies in a war the article shows both ways (Russia strikes Ukraine and Ukraine Russia)."""
    attacks = state_attacks(events)
    out: dict[str, set[str]] = {}
    for a, b in attacks:
        if (b, a) in attacks:
            out.setdefault(a, set()).add(b)
    return out


def force_countries(doc: Doc) -> dict[str, int]:
    """How often the article names each country's forces: "die Armee" is one of them."""
    counts: dict[str, int] = {}
    for s in doc.spans.get("actor", []):
        a = s.data["actor"]
        if a.force and a.country and not a.metonymy:
            counts[a.country] = counts.get(a.country, 0) + 1
    return counts
