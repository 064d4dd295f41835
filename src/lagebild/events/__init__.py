"""Event logic, as stages that events/component.py runs in this order for every article:

1. triggers.py     trigger words of each sentence (and killing verbs as generic violence); modality.py the
                   cues of a trigger's clause that tell no act (a vetoing cue rules it out alone);
                   fatalities.py the sentence's death tolls
2. candidates.py   sentence candidates: each trigger that tells a new act, typed, with its sides (roles.py,
                   implied.py), type (subtypes.py), places (scene.py), date (dating.py), toll and sources
                   (attribution.py, the `sources` component); mentions.py tells a re-mention from a new act
3. features.py, model.py   the decision: the learned event model keeps a candidate or not
4. coreference.py  a toll or re-mention sentence adds to the event it tells of; vague explosions, country-only
                   tolls and nearby sources settle; victims.py carries victims over
5. merge.py        candidates of one happening merge; doubted and country-only mentions attach; background apart
6. responsibility.py, sides.py, victims.py   sides across the article: claimed attacks, the sides of a war,
                   the other side of a fight, whose territory a force took
7. record.py       EVENTS.md records (candidate.py the event before it is one); claims.py the claims of an
                   event's reading (its tolls, background events) and the `claims` component
"""
