"""Incidents: one happening, reported by many articles, with every report and claim under it."""

from lagebild.incidents.link import Report, best_incident, compatible, summarise

__all__ = ["Report", "best_incident", "compatible", "summarise"]
