"""The event type and sub-type an act settles on, beyond its trigger word.

A trigger gives a type (events/triggers.py, refined by its compound and instrument); who took part and
where decide the rest. Armed men firing on civilians attack them, demonstrators who fight are a riot
and a protest met with force or broken up says so (its adjectives too: "gewalttätige Demonstrationen");
ground taken is regained by a state at home and overtaken by anyone else (CODING_RULES 4); a state's
attack on a place abroad with no ground troops named is an air or drone strike.
"""

from __future__ import annotations

from lagebild.doc import Doc, Sentence, Token
from lagebild.events.roles import Roles, lost_their_lives
from lagebild.events.triggers import Hit, TriggerIndex
from lagebild.lang import Language
from lagebild.places.gazetteer import Place
from lagebild.text.lemmas import ADJECTIVE_ENDINGS


class SubTypes:
    """The trigger index's protest and violence words and the language's ground-force words."""

    def __init__(self, lang: Language, triggers: TriggerIndex) -> None:
        self.triggers = triggers
        self.ground_forces = lang.words("ground_forces")
        self.ground_operations = lang.words("ground_operations")

    def settle_type(
        self,
        etype: str,
        sub: str,
        roles: Roles,
        toks: list[Token],
        before: list[Token],
        told: tuple[Doc, list[Sentence]],
        mob_unless_demonstration: bool = False,
    ) -> tuple[str, str]:
        """The type an act settles on from who took part and how it is told: armed men firing on civilians
        attack them, demonstrators fighting are a riot, a protest met with force or broken up says so."""
        a2 = roles.actor2
        lemmas = {t.lemma for t in toks}
        attacked = roles.actor2_targeted or lemmas & self.triggers.violence_verbs
        if etype == "Battles" and a2 is not None and a2.kind == "civilians" and attacked:
            return "Violence against civilians", "Attack"  # armed men fire on passers-by
        if etype == "Riots" and roles.actor1 is not None and roles.actor1.kind == "identity_militia":
            return "Riots", "Mob violence"  # "Siedler randalierten in zwei Dörfern": a mob, not a demonstration
        crowd = {a.kind for a in (roles.actor1, a2) if a is not None} & {"protesters", "rioters"}
        if etype == "Battles" and crowd:
            return "Riots", "Violent demonstration"  # demonstrators fighting the police
        if mob_unless_demonstration and "protesters" not in crowd and not self.demonstration(*told):
            return "Riots", "Mob violence"  # "Unruhen", "Krawalle" where no demonstration is told of: a mob (ACLED)
        violent_word = any(t.lower.startswith(self.triggers.protest_violent_adjectives) for t in before)
        if etype == "Protests" and (lemmas & self.triggers.protest_violent or violent_word):
            # the demonstrators' own violence: a riot (ACLED), though the police may have broken it up too
            return "Riots", "Violent demonstration"
        if etype == "Protests":
            # how the protest was met, told in its sentence or the next of its paragraph ("Die Polizei setzte
            # Tränengas ein"): its sentences' words, or the toll of protesters killed
            around = lemmas | {t.lemma for s in told[1][1:] for t in told[0].sent_tokens(s)}
            died = any(lost_their_lives(told[0].sent_tokens(s)) for s in told[1])
            if around & self.triggers.protest_lethal or died:
                return "Protests", "Excessive force against protesters"
            if around & self.triggers.protest_intervention:
                return "Protests", "Protest with intervention"
        return etype, sub

    def demonstration(self, doc: Doc, sents: list[Sentence]) -> bool:
        """The sentences tell of a demonstration: a protest word ("Demonstration", "Protestaktion") or
        demonstrators. Riots told without one are a mob's violence, not a demonstration's (ACLED)."""
        for sent in sents:
            if any(a.data["actor"].kind == "protesters" for a in doc.in_sent("actor", sent.i)):
                return True
            if any(h.type == "Protests" for h in self.triggers.hits(doc.sent_tokens(sent))):
                return True
        return False

    def strike_abroad(self, hit: Hit, etype: str, sub: str, roles: Roles, place: Place | None) -> bool:
        """ "Israels Armee hat ein Ziel in Beirut angegriffen": a state's attack on a place in another
        country, with no ground troops named, is an air or drone strike, also when it hit civilians."""
        a1 = roles.actor1
        fight = (etype, sub) in (("Battles", "Armed clash"), ("Violence against civilians", "Attack"))
        if not fight or hit.type != "Battles" or hit.trigger.weight >= 1.0 or a1 is None or place is None:
            return False
        if hit.trigger.word in self.ground_operations:
            return False
        a2 = roles.actor2
        if a2 is not None and a2.force and not a2.metonymy:
            return False  # "setzt die ukrainische Armee unter Druck": an attack on an army is fought
        abroad = a1.kind in ("state", "external") and a1.country and place.country and a1.country != place.country
        return (
            bool(abroad)
            and roles.actor1_head not in self.ground_forces
            and not roles.actor1_text.lower().startswith(tuple(self.ground_forces))
        )


def territory(roles: Roles, place: Place | None) -> str:
    """Who took ground decides the sub-type: a state's own forces at home regain it (CODING_RULES 4)."""
    a1, a2 = roles.actor1, roles.actor2
    where = place.country if place is not None else None
    if a1 is None:
        home = a2 is not None and a2.kind not in ("state", "external")
    else:
        home = a1.kind == "state" and (a1.country is None or a1.country == where or where is None)
    return "Government regains territory" if home else "Non-state actor overtakes territory"


def attributes(doc: Doc, tok: int) -> list[Token]:
    """The adjectives right before a noun ("gewalttätige antiarabische Demonstrationen"): what it is said to be."""
    out: list[Token] = []
    k = tok - 1
    while k >= 0 and tok - k <= 3 and adjective(doc.tokens[k]):
        out.append(doc.tokens[k])
        k -= 1
    return out


def adjective(tok: Token) -> bool:
    """A lower-case word with an adjective's ending ("verheerenden", "erneuter")."""
    return tok.text.islower() and tok.text.isalpha() and tok.lower.endswith(ADJECTIVE_ENDINGS)
