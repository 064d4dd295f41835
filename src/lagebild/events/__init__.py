"""Event logic: attribution, trigger detection, actor roles, places and dates per event, fatalities,
merging, and the EVENTS.md record."""
