"""The language layer: noise, sentences, tokens, lemmas, mood, numbers and dates, with exact offsets."""
