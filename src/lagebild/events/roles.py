"""Who acts and who is acted upon, from voice and prepositions (CODING_RULES 5).

Without a parser, German word order still gives enough: in the active voice the first armed actor
that is no prepositional object is the subject and acts; in the passive ("wurde von X zerstört") the
agent after "von"/"durch" acts and the subject is acted upon. "gegen X" and genitive owners ("die
Fahrzeuge des IS") are acted upon; "zwischen X und Y" gives both sides; "mit Unterstützung X" and
"gemeinsam mit X" are allies. Some triggers turn it round: the subject of "verlieren" lost, the "von X"
of "befreien" was driven out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.actors.lexicon import ActorSpec, combatant
from lagebild.doc import Span, Token
from lagebild.events.triggers import Hit

ARMED = {"state", "rebel", "political_militia", "identity_militia", "external"}
PARTICIPLE_ENDINGS = ("ten", "nen", "tete", "tene", "ene")  # inflected participles: "besetzten", "gehaltenen"


@dataclass(frozen=True)
class RoleWords:
    """The function words role assignment reads (from the language's `function_words.yaml`)."""

    passive_aux: frozenset[str]
    ally_cues: frozenset[str]
    particles: tuple[str, ...] = ()  # separable verb particles: "fest|ge|nommen" is a participle too
    victim_verbs: frozenset[str] = frozenset()  # "starben": the subject suffered the act


@dataclass
class Roles:
    actor1: ActorSpec | None = None
    actor2: ActorSpec | None = None
    assoc1: list[ActorSpec] = field(default_factory=list)
    assoc2: list[ActorSpec] = field(default_factory=list)
    actor1_head: str = ""  # the acting force's noun, e.g. "luftwaffe" (refines the event type)
    actor2_targeted: bool = False  # actor2 is named as the target ("auf Demonstranten", "gegen die Armee")
    actor1_text: str = ""


def _is_ally(span: Span, toks_before: list[Token], ally_cues: frozenset[str]) -> bool:
    words = {t.lemma for t in toks_before[-4:]} | {t.lower for t in toks_before[-4:]}
    return bool(words & ally_cues)


def _attributive(doc_tokens: list[Token], span: Span, hit: Hit) -> bool:
    """ "von X" followed by an inflected participle ("besetzten", "gehaltenen", "angeführten"): the actor
    describes a noun ("die von der Miliz besetzten Dörfer"); it is not the agent of this event."""
    end = span.data["tok_end"]
    # the participle may follow an adverbial ("von der Armee aus der Luft gedeckten Milizen")
    for nxt in doc_tokens[end : end + 5]:
        if nxt.i == hit.tok or not (nxt.text.isalpha() or nxt.text == "-"):
            return False
        if nxt.text.islower() and nxt.text.endswith(PARTICIPLE_ENDINGS) and nxt.lemma != nxt.lower:
            following = doc_tokens[nxt.i + 1] if nxt.i + 1 < len(doc_tokens) else None
            return nxt.i == end or (following is not None and following.text.isalpha())
    return False


def is_passive(clause: list[Token], passive_aux: frozenset[str], particles: tuple[str, ...] = ()) -> bool:
    """A passive clause: a form of "werden" and a participle ("wurde ... zerstört", "getötet worden",
    "festgenommen worden")."""
    words = {t.lower for t in clause}
    return bool(words & passive_aux) and any(_participle(t.lower, particles) for t in clause)


def lost_their_lives(toks: list[Token]) -> bool:
    """ "kamen ums Leben": the phrase that says people died."""
    return any(a.lower == "ums" and b.lower == "leben" for a, b in zip(toks, toks[1:], strict=False))


def _dying(clause: list[Token], victim_verbs: frozenset[str]) -> bool:
    """A clause whose verb says its subject died ("starben", "kamen ums Leben")."""
    return lost_their_lives(clause) or any(t.lemma in victim_verbs for t in clause)


def _participle(low: str, particles: tuple[str, ...]) -> bool:
    if low.startswith("ge") or low.endswith("t"):
        return True
    return low.endswith("en") and any(low.startswith(p + "ge") for p in particles)


def assign(
    hit: Hit, actors: list[Span], toks: list[Token], doc_tokens: list[Token], clause: list[Token], words: RoleWords
) -> Roles:
    roles = Roles()
    if not actors:
        return roles
    ordered = sorted(actors, key=lambda s: s.start)
    sent_start = toks[0].i

    passive = is_passive(clause, words.passive_aux, words.particles)
    dying = _dying(clause, words.victim_verbs)
    clause_toks = {t.i for t in clause}
    nominal = doc_tokens[hit.tok].text[:1].isupper()  # "der Drohnenangriff der Armee", "Angriff von Kämpfern"
    subject: list[Span] = []
    agents: list[Span] = []
    targets: list[Span] = []
    allies: list[Span] = []
    between: list[Span] = []
    ends = {s.data["tok_end"] for s in ordered}
    for span in ordered:
        actor: ActorSpec = span.data["actor"]
        k = span.data["tok_start"]
        if k > 0 and doc_tokens[k - 1].text == "(" and k - 1 in ends:
            continue  # "der Volksmobilisierungseinheiten (Haschd al-Schaabi)": the same side named again
        before = doc_tokens[max(sent_start, span.data["tok_start"] - 4) : span.data["tok_start"]]
        prep = span.data["prep"]
        if actor.kind is None:
            continue  # unknown attackers: actor1 stays empty
        if actor.metonymy and prep not in (None, "gegen", "auf", "von", "durch", "zwischen"):
            continue  # "in Israel", "aus dem Libanon": a place, not an actor
        if nominal and span.data["head"] == hit.tok:
            agents.insert(0, span)  # "ein US-Drohnenangriff", "der Hamas-Anschlag": the compound names who attacked
            continue
        right_after = nominal and 0 < span.data["tok_start"] - hit.tok <= 2
        if actor.metonymy and span.data["genitive"] and not right_after:
            continue  # "im Süden des Libanon": a place; but "der Angriff des Irans": Iran attacked
        if actor.metonymy and span.data["head"] not in clause_toks:
            continue  # a country acts only in the clause of the act ("Frankreich forderte, ...")
        if right_after and (prep in ("von", "vom", "durch", "seitens") or span.data["genitive"]):
            agents.insert(0, span)
        elif _is_ally(span, before, words.ally_cues):
            allies.append(span)
        elif prep == "zwischen" or (prep in ("und", "sowie") and between):
            between.append(span)
        elif prep in ("von", "vom", "durch") and _attributive(doc_tokens, span, hit):
            continue  # "in den von der Miliz besetzten Dörfern": a description, not who acted now
        elif prep in ("von", "vom", "durch") and not nominal and span.data["head"] not in clause_toks:
            continue  # "Hafenanlagen, die von den Streitkräften genutzt werden, angegriffen": another clause's agent
        elif prep in ("von", "vom", "durch", "seitens"):
            (targets if hit.trigger.von_is_target and not passive else agents).append(span)
        elif prep in ("gegen", "auf", "an") or span.data["genitive"]:
            targets.append(span)
        elif prep in ("mit",) and (hit.type, hit.sub) == ("Battles", "Armed clash"):
            targets.append(span)  # "lieferten sich Gefechte mit dem IS", "rangen mit Rebellen": the other side
        elif prep in ("mit",):
            allies.append(span)
        elif (prep is None or prep in ("und", "sowie")) and dying and span.data["head"] in clause_toks:
            targets.append(span)  # "..., starben zehn Soldaten": those who died were attacked
        elif prep is None or prep in ("und", "sowie"):
            subject.append(span)
        else:
            targets.append(span)

    def first_armed(spans: list[Span]) -> Span | None:
        return next((s for s in spans if s.data["actor"].kind in ARMED), None)

    a1: Span | None
    a2: Span | None
    if len(between) >= 2:
        a1, a2 = between[0], between[1]
    elif agents and nominal and agents[0].data["tok_start"] - hit.tok <= 2:
        a1 = agents[0]
        a2 = next((s for s in targets + subject if s is not a1), None)
    elif passive and agents:
        a1 = first_armed(agents) or agents[0]
        a2 = next((s for s in subject + targets if s is not a1), None)
    elif passive and hit.type not in ("Protests", "Riots"):
        # "wurden 15 Kämpfer getötet": the subject suffered it; a subject only in another clause
        # ("Die Armee schlug zurück: ... wurden Luftangriffe geflogen") acted
        in_clause = [s for s in subject + targets if s.data["tok_start"] in clause_toks]
        # "Bei einem Anschlag auf einen Kontrollpunkt der Taliban starben zwei Menschen": the attack's target
        aimed = [s for s in targets if nominal and 0 < s.data["tok_start"] - hit.tok <= 6 and s in in_clause]
        if in_clause:
            a1, a2 = None, (aimed or in_clause)[0]
        else:  # "Drei Mitglieder der Gruppe seien getötet, zwei weitere festgenommen worden": still the group's
            a1, a2 = first_armed(subject), (targets[0] if targets else None)
    else:
        # the subject of the trigger's own clause ("..., als die Huthis eine Stellung angriffen") first
        own_clause = [s for s in subject if s.data["head"] in clause_toks and not nominal]
        a1 = first_armed(own_clause) or first_armed(subject)
        a1 = a1 or (first_armed(agents) if not hit.trigger.von_is_target else None)
        rest = [s for s in targets + subject + agents if s is not a1]
        a2 = rest[0] if rest else None
    if a1 is None and len(between) == 1 and not passive:
        a1 = between[0]  # "Schusswechsel zwischen rivalisierenden Gruppen": one plural noun names both sides
    if a1 is not None and a2 is not None and a2.data["genitive"] and a2.data["tok_start"] == a1.data["tok_end"]:
        # "Spezialkräfte der Antiterroreinheit nahmen fünf IS-Mitglieder fest": the genitive is a1's own unit
        a2 = next((s for s in targets + subject if s is not a1 and s is not a2), None)
    if hit.trigger.loser_subject and a1 is not None:
        a1, a2 = None, a1
    # "ein Palästinenser verletzte einen Israeli": a people's name as the one who attacks is armed
    armed = a1 is not None and a1.data["actor"].demonym and a1 in subject and not passive
    if a1 is not None and a1.data["actor"].kind not in ARMED and hit.type not in ("Protests", "Riots") and not armed:
        a2, a1 = a2 or a1, None
    if a2 is not None and a1 is not None and a2.data["actor"] == a1.data["actor"]:
        a2 = next((s for s in targets + subject if s.data["actor"] != a1.data["actor"]), None)
    roles.actor1 = (combatant(a1.data["actor"]) if armed else a1.data["actor"]) if a1 else None
    roles.actor2 = a2.data["actor"] if a2 else None
    roles.actor2_targeted = a2 is not None and (a2 in targets or passive)
    if a1 is not None:
        roles.actor1_head = doc_tokens[a1.data["head"]].lemma
        roles.actor1_text = a1.text
    seen = {roles.actor1, roles.actor2}
    for s in allies:
        if s.data["actor"] not in seen and s.data["actor"].kind in ARMED:
            roles.assoc1.append(s.data["actor"])
            seen.add(s.data["actor"])
    return roles
