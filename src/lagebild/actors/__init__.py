"""Actors: armed groups, a state's forces, civilians, protesters, as named in German news."""
