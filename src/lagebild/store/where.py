"""`--where`: a small filter language over the `events` table, compiled to SQLAlchemy conditions.

    country=SYR and date>=2017-01 and fatalities>10
    event_type=Battles and actor1~"Islamic State"
    fatalities=null

A clause is `FIELD OP VALUE`; clauses are joined by `and` only (no `or`, no brackets), which keeps the
language small enough to learn from one example and keeps every expression a plain conjunction that
the indexes can serve. Fields are the columns of the table filtered (store/schema.py): `events`
except its JSON record, or `incidents` for `lagebild incidents`.
Operators: `=`, `!=`, `<`, `<=`, `>`, `>=` and `~` (contains, case-insensitive). Values are bare words
(several words are joined by one space) or quoted with '' or "".

The value never becomes SQL text: it is bound as a parameter, so an expression cannot inject SQL.
Comparison follows the column's type:

- text: `=`/`!=` ignore case (`country=syr` finds SYR); `~` is a substring match with `%` and `_`
  taken literally; `<`/`>` compare as text.
- `date`: the value is an ISO prefix (YYYY, YYYY-MM or YYYY-MM-DD) naming a period, like `--since`
  and `--until`: `date=2017-03` is any date in March 2017, `date<=2017-03` includes all of March,
  `date>2017-03` starts in April. A stored `2017` (year only) sorts before `2017-01`.
- integers and floats: the value must be a number; `~` is refused.
- `null` (unquoted) with `=`/`!=` tests for a missing value (`fatalities=null`).

`!=` keeps rows whose value is missing: an event without an actor2 is "not Civilians".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sqlalchemy import Column, Float, Integer, Table, and_, func, not_, or_
from sqlalchemy.sql.elements import ColumnElement

from lagebild.store.schema import events

OPERATORS = ("<=", ">=", "!=", "=", "<", ">", "~")
DATE_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
PERIOD_END = "\uffff"  # appended to a date prefix: sorts after every date inside that period

_TOKEN = re.compile(
    r"""\s*(?:(?P<quoted>"[^"]*"|'[^']*')|(?P<op><=|>=|!=|=|<|>|~)|(?P<word>[^\s<>=!~"']+))""",
)


class WhereError(ValueError):
    """A --where expression that cannot be compiled; the message names the bad part."""


@dataclass(frozen=True)
class Clause:
    field: str
    op: str
    value: str
    quoted: bool


def _tokens(expr: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(expr):
        if not expr[pos:].strip():
            break
        m = _TOKEN.match(expr, pos)
        if m is None:
            raise WhereError(f"unexpected {expr[pos:].strip()[:20]!r}")
        kind = m.lastgroup or "word"
        text = m.group(kind)
        out.append((kind, text[1:-1] if kind == "quoted" else text))
        pos = m.end()
    return out


def parse(expr: str) -> list[Clause]:
    """The clauses of an expression, in order; WhereError names the first part that is wrong."""
    groups: list[list[tuple[str, str]]] = [[]]
    for kind, text in _tokens(expr):
        if kind == "word" and text.lower() == "and":
            groups.append([])
        elif kind == "word" and text.lower() == "or":
            raise WhereError("only 'and' joins conditions, not 'or'")
        else:
            groups[-1].append((kind, text))
    clauses = []
    for group in groups:
        shown = " ".join(t for _, t in group)
        if not group:
            raise WhereError("empty condition (a stray 'and'?)")
        if len(group) < 3 or group[0][0] != "word" or group[1][0] != "op":
            raise WhereError(f"{shown!r} is not FIELD OP VALUE (operators: {' '.join(OPERATORS)})")
        rest = group[2:]
        if any(kind == "op" for kind, _ in rest):
            raise WhereError(f"{shown!r} has two operators; quote a value that contains one")
        quoted = any(kind == "quoted" for kind, _ in rest)
        clauses.append(Clause(group[0][1], group[1][1], " ".join(t for _, t in rest), quoted))
    return clauses


INT64 = 2**63 - 1


def _number(clause: Clause, col: Column) -> int | float:
    """The clause's value as the column's number type; beyond 64 bits or not finite is an error
    (a database integer cannot hold it: binding it raised OverflowError)."""
    cast = int if isinstance(col.type, Integer) else float
    kind = "an integer" if cast is int else "a number"
    try:
        value = cast(clause.value)
    except ValueError:
        raise WhereError(f"{clause.field} needs {kind}, not {clause.value[:40]!r}") from None
    if not math.isfinite(value) or abs(value) > INT64:
        raise WhereError(f"{clause.field}: {clause.value[:40]} is out of range (at most {INT64} in size)")
    return value


INTERNAL = frozenset({"record", "day_start", "day_end", "span_long"})  # the JSON record, the linking index


def fields(table: Table) -> dict[str, Column]:
    """The columns an expression may name: all but the stored JSON record and the linking index."""
    return {c.name: c for c in table.columns if c.name not in INTERNAL}


def _condition(clause: Clause, table: Table) -> ColumnElement[bool]:
    known = fields(table)
    col = known.get(clause.field.lower())
    if col is None:
        raise WhereError(f"unknown field {clause.field!r} (fields: {', '.join(known)})")
    op, value = clause.op, clause.value
    if value.lower() == "null" and not clause.quoted:
        if op == "=":
            return col.is_(None)
        if op == "!=":
            return col.is_not(None)
        raise WhereError(f"null takes only = or != ({clause.field}{op}null)")
    numeric = isinstance(col.type, Integer | Float)
    if op == "~":
        if numeric:
            raise WhereError(f"~ (contains) is for text fields, not {clause.field}")
        return col.icontains(value, autoescape=True)
    if col.name == "date":
        return _date_condition(col, op, value)
    if numeric:
        rhs = _number(clause, col)
        cond = {
            "=": col == rhs,
            "!=": col != rhs,
            "<": col < rhs,
            "<=": col <= rhs,
            ">": col > rhs,
            ">=": col >= rhs,
        }[op]
    elif op in ("=", "!="):
        cond = func.lower(col) == value.lower()
        if op == "!=":
            cond = not_(cond)
    else:
        cond = {"<": col < value, "<=": col <= value, ">": col > value, ">=": col >= value}[op]
    return or_(col.is_(None), cond) if op == "!=" else cond


def _date_condition(col: Column, op: str, value: str) -> ColumnElement[bool]:
    if not DATE_VALUE.match(value):
        raise WhereError(f"date needs YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    end = value + PERIOD_END
    inside = and_(col >= value, col <= end)
    return {
        "=": inside,
        "!=": or_(col.is_(None), not_(inside)),
        "<": col < value,
        "<=": col <= end,
        ">": col > end,
        ">=": col >= value,
    }[op]


def compile_where(expr: str, table: Table = events) -> ColumnElement[bool]:
    """One SQLAlchemy condition on `table` for the whole expression (the clauses joined by AND)."""
    clauses = parse(expr)
    return and_(*(_condition(c, table) for c in clauses))
