"""Response models: they describe the API in its OpenAPI document (`/docs`) and check what it returns.

They follow EVENTS.md and the store's incident dicts. Every model allows extra fields, because the
contract says fields may be added; the listed ones keep their names and meaning.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Actor(Open):
    name: str
    kind: str | None = None
    country: str | None = None
    group: str | None = None


class Location(Open):
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    geo_precision: int | None = Field(None, description="1 the place itself, 2 near it, 3 region")


class EventLocation(Location):
    geonames_id: int | None = None


class Source(Open):
    name: str
    kind: str | None = None
    country: str | None = None


class Evidence(Open):
    article_id: str
    start: int = Field(description="character offset into the article text")
    end: int
    text: str


class Event(Open):
    """One EVENTS.md record."""

    event_id: str
    article_id: str
    date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    time_precision: int | None = None
    event_type: str
    sub_event_type: str
    actor1: Actor | None = None
    assoc_actor_1: list[Actor] = []
    actor2: Actor | None = None
    assoc_actor_2: list[Actor] = []
    location: EventLocation | None = None
    fatalities: int | None = None
    sources: list[Source] = []
    evidence: list[Evidence]
    notes: str | None = None


class Claim(Open):
    article_id: str
    event_id: str | None = None
    kind: str = Field(description="fatalities, injured, control, background_event, ...")
    value: float | None = None
    text: str | None = None
    source: str | None = Field(None, description="who says so; null: the article itself")
    start: int | None = None
    end: int | None = None
    date: str | None = None
    place: str | None = None
    actor: str | None = None


class ClaimRow(Claim):
    id: int
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    article_date: str | None = None


class Contradiction(Open):
    kind: str
    values: list[dict] = Field(description="each value with the sources that give it")


class Incident(Open):
    """One happening with every report of it (events from several articles)."""

    incident_id: str
    article_ids: list[str]
    event_ids: list[str]
    event_type: str | None = None
    sub_event_type: str | None = None
    date: str | None = None
    time_precision: int | None = None
    location: Location
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = Field(None, description="the lowest figure any report gives")
    fatalities_max: int | None = None
    n_reports: int
    sources: list[str]
    claims: list[Claim]
    contradictions: list[Contradiction]


class IncidentDetail(Incident):
    events: list[Event]


class Point(Open):
    incident_id: str
    date: str | None
    event_type: str | None
    sub_event_type: str | None
    location: str | None
    country: str | None
    lat: float
    lon: float
    fatalities: int | None
    n_reports: int


class Bucket(Open):
    start: str = Field(description="first day of the bucket (a Monday for weeks)")
    total: int
    counts: dict[str, int] = Field(description="per event type")


class Place(Open):
    name: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    incidents: int
    fatalities: int


class Hit(Open):
    id: str
    title: str | None
    date: str | None
    snippet: str | None = Field(None, description="matched words in [brackets]")


class Article(Open):
    id: str
    date: str | None
    title: str | None
    source: str | None
    url: str | None
    text: str
    sentences: list[dict]
    events: list[Event]


class Outcome(Open):
    input: str = Field(description="the file name, or eingefuegt-… for pasted text")
    status: str = Field(description="added, replaced, unchanged or error")
    article_id: str | None = None
    events: int = 0
    incident_ids: list[str] | None = None
    error: str | None = None


class UploadResult(Open):
    stored: int
    failed: int
    results: list[Outcome]


class ControlEntry(Open):
    date: str | None
    what: str = Field(description="taken, holds or lost")
    holder: str | None = None
    sources: list[str] = []
    article_ids: list[str] = []
