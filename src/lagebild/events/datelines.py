"""Datelines: the places a report was filed from ("Bamako – ...", "Tel Aviv/Beirut/Teheran - ..."),
which are not where its events happened.

The places component marks a line's opening name before a dash; a dateline of several places joined
by slashes (an agency report filed from both sides of a front) opens the line with a name before a
slash, so it is recognised here: every name of the chain is part of the dateline.
"""

from __future__ import annotations

import re

from lagebild.doc import Doc, Span

_NAME = r"[A-ZÄÖÜ][\w.'’-]*(?: [A-ZÄÖÜ][\w.'’-]*)*"
# names joined by slashes, an optional agency in brackets, then a dash: "Gaza/Tel Aviv (dpa) - "
SLASH_DATELINE = re.compile(rf"\s*{_NAME}(?:\s?/\s?{_NAME})+\s*(?:\([^)\n]{{1,20}}\)\s*)?[-–—]\s")


def is_dateline(doc: Doc, span: Span) -> bool:
    """Whether a place span is (part of) the dateline its line opens with."""
    if span.data.get("dateline"):
        return True
    # only a line's first 80 characters can hold its dateline: look no further back (a long article on one
    # line would make every look-up scan the whole text)
    lo = max(0, span.start - 80)
    newline = doc.text.rfind("\n", lo, span.start)
    if newline < 0 and lo > 0:
        return False
    line_start = newline + 1
    m = SLASH_DATELINE.match(doc.text, line_start)
    return m is not None and span.end <= m.end()
