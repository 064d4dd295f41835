"""The review desk above the store: corrections read strictly (fields.py), the lexicon's actors and the
gazetteer's places to pick from (lookup.py), and reviews written out as annotations (annotations.py)."""
