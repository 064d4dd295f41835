"""Claims that are no events: injured, displaced, besieged and detained figures, and control of places.

An analyst weighs reports by comparing what each source says: one side's 12 dead against another's 9,
"hält nur noch ein Viertel der Stadt" today against "die ganze Stadt erobert" last week. So every such
statement is kept as a claim with its source, its place, its date and its evidence offsets; incidents
put them side by side and the control timeline orders them. A claim made in a sentence an event was
read from belongs to that event. Two kinds come from the events stage itself, which alone knows them:
every toll read for an event (the event keeps the lowest; `toll_claims`) and an earlier event the
article tells only as background (`background_claim`).
"""

from __future__ import annotations

from typing import Any

from lagebild.actors.lexicon import lexicon_for
from lagebild.doc import Doc, Sentence, Span, Token
from lagebild.events.candidate import Candidate
from lagebild.events.record import actor_record
from lagebild.lang import Language, norm
from lagebild.registry import component


class ClaimReader:
    def __init__(self, lang: Language) -> None:
        spec = lang["claims"]
        fig = spec["figures"]
        self.window = int(fig.get("window", 8))
        self.figure_words = {norm(w): kind for kind, words in fig.items() if kind != "window" for w in words}
        nums = lang["numbers"]
        self.dead = {norm(w) for w in nums["dead_nouns"]} | {norm(w) for w in nums["dead_verbs"] if " " not in w}
        ctl = spec["control"]
        self.control_verbs = {norm(w) for w in ctl["verbs"]}
        self.control_nouns = {norm(w) for w in ctl["nouns"]}
        self.holder_follows = {norm(w) for w in ctl["holder_follows"]}
        self.share = {norm(w) for w in ctl["share"]}
        self.negation = {norm(w) for w in ctl["negation"]}
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        tolls = {(c["start"], c["end"]) for c in doc.claims if c["kind"] == "fatalities"}
        events = {e["event_id"]: e for e in doc.events}
        for c in doc.claims:  # tolls read with their event: give them the event's place and date
            if c.get("event_id") in events and c.get("place") is None:
                e = events[c["event_id"]]
                loc = e.get("location") or {}
                c.update(date=e.get("date"), place=loc.get("name"), country=loc.get("country"))
                c.update(lat=loc.get("lat"), lon=loc.get("lon"))
        by_sent = _events_by_sentence(doc)
        for sent in doc.sents:
            if sent.is_noise:
                continue
            toks = doc.sent_tokens(sent)
            base = self._context(doc, sent, by_sent.get(sent.i))
            for num in doc.in_sent("number", sent.i):
                if (num.start, num.end) in tolls:
                    continue
                kind = self._figure_kind(toks, num)
                if kind:
                    doc.claims.append(base | _offsets(num) | {"kind": kind, "value": num.data["value"]})
            claim = self._control(doc, sent, toks)
            if claim:
                doc.claims.append(base | claim)
        return doc

    # --- figures ---------------------------------------------------------------------------------
    def _figure_kind(self, toks: list[Token], num: Span) -> str | None:
        """What a figure counts: the first claim word after it, unless a death word comes first."""
        after = [t for t in toks if t.i >= num.data["tok_end"]][: self.window]
        for t in after:
            if t.text in (".", ";", ":"):
                return None
            words = (norm(t.lemma), norm(t.text))
            if any(w in self.dead for w in words):
                return None
            for w in words:
                if w in self.figure_words:
                    return self.figure_words[w]
        return None

    # --- control ---------------------------------------------------------------------------------
    def _control(self, doc: Doc, sent: Sentence, toks: list[Token]) -> dict[str, Any] | None:
        cue = next(
            (
                k
                for k, t in enumerate(toks)
                # lemmas are normalised already; the cheap capital test goes before the normalising
                if t.lemma in self.control_verbs
                or (t.text[:1].isupper() and t.norm in self.control_nouns and _holder_context(toks, k))
            ),
            None,
        )
        if cue is None:
            return None
        places = doc.in_sent("place", sent.i)
        if not places:
            return None
        cue_tok = toks[cue]
        place = min(places, key=lambda p: (p.start < cue_tok.start, abs(p.start - cue_tok.start)))
        actors = [a for a in doc.in_sent("actor", sent.i) if a.data["actor"].kind]
        holder = None
        if cue > 0 and toks[cue - 1].lower in self.holder_follows:
            holder = next((a for a in actors if a.start > cue_tok.start), None)  # "unter Kontrolle der Miliz"
        if holder is None:
            before = [a for a in actors if a.start < cue_tok.start and a.data.get("prep") is None]
            holder = before[-1] if before else next((a for a in actors if a.data.get("prep") is None), None)
        share = next(
            (
                n
                for n in doc.in_sent("number", sent.i)
                if n.data["tok_end"] < len(doc.tokens) and norm(doc.tokens[n.data["tok_end"]].text) in self.share
            ),
            None,
        )
        where = place.data["place"]
        if where.kind == "country" or (holder is None and share is None):
            return None  # a country's control, or nobody holding anything: nothing to put on a map
        lost = any(norm(t.lemma) in self.negation or norm(t.text) in self.negation for t in toks)
        rec = actor_record(holder.data["actor"], where.country, lexicon_for(self.lang)) if holder else None
        return {
            "kind": "control_lost" if lost else "control",
            "value": share.data["value"] if share else None,
            "start": sent.start,
            "end": sent.end,
            "text": doc.sent_text(sent),
            "place": where.name,
            "country": where.country,
            "lat": where.lat,
            "lon": where.lon,
            "actor": rec["name"] if rec else None,
        }

    @staticmethod
    def _context(doc: Doc, sent: Sentence, event: dict | None) -> dict[str, Any]:
        """What every claim of a sentence shares: its event, source and date."""
        dates = [d for d in doc.in_sent("date", sent.i) if not d.data.get("since")]
        date = dates[0].data["iso"] if dates else (event or {}).get("date")
        if date is None and doc.article.date:
            date = doc.article.date.iso()
        sources = [s["name"] for s in sent.sources if s.get("name")]
        if not sources and event:
            sources = [s["name"] for s in event.get("sources", [])]
        loc = (event or {}).get("location") or {}
        places = doc.in_sent("place", sent.i)
        if not loc and places:
            p = places[0].data["place"]
            loc = {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}
        return {
            "event_id": event["event_id"] if event else None,
            "source": "; ".join(sources) or None,
            "date": date,
            "place": loc.get("name"),
            "country": loc.get("country"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "actor": None,
        }


def _holder_context(toks: list[Token], k: int) -> bool:
    """ "Kontrolle"/"Hand" speak of control only with "über", "unter", "in der": not "Kontrollpunkt"."""
    window = {t.lower for t in toks[max(0, k - 3) : k + 2]}
    return bool(window & {"über", "unter", "in", "im"})


def _offsets(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def _events_by_sentence(doc: Doc) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for event in doc.events:
        for ev in event.get("evidence", []):
            out.setdefault(doc.sent_of(ev["start"]), event)
    return out


# --- the claims an event's own reading makes (written by the events stage) -----------------------
def toll_claims(event: dict, c: Candidate) -> list[dict]:
    """Every death toll read for an event, as written and with who gave it (the event keeps the lowest)."""
    return [
        {
            "event_id": event["event_id"],
            "kind": "fatalities",
            "value": figure,
            "text": span.text,
            "source": "; ".join(s["name"] for s in sources if s.get("name")) or None,
            "start": span.start,
            "end": span.end,
        }
        for figure, sources, span in c.fatalities
    ]


def background_claim(doc: Doc, c: Candidate) -> dict:
    """An earlier event the article mentions as background, with its own date and its evidence."""
    start, end = c.evidence[0]
    when = c.date.iso() if c.date else "undated"
    return {
        "event_id": None,
        "kind": "background_event",
        "value": None,
        "text": f"{c.sub_event_type} in {c.place.name}, {when}: {doc.text[start:end]}",
        "source": "; ".join(s["name"] for s in c.sources if s.get("name")) or None,
        "start": start,
        "end": end,
    }


component("claims")(ClaimReader)
