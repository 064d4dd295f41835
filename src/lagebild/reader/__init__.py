"""Reading articles: the text format of EVENTS.md, JSON Lines corpora and HTML pages.

`read_paths` takes files, folders, globs or "-" (stdin) and yields `Article`s and `ReadError`s in
input order, so a batch can report every bad file and go on with the rest. Every article it yields
has passed `check_article` (types, sizes, the per-article limit `Limits.max_chars`).
"""

from lagebild.reader.discover import read_paths, read_source, read_stream
from lagebild.reader.limits import MAX_CHARS, Limits, check_article
from lagebild.reader.paths import ReadError
from lagebild.reader.textfile import FormatError, parse_text_article

__all__ = [
    "MAX_CHARS",
    "FormatError",
    "Limits",
    "ReadError",
    "check_article",
    "parse_text_article",
    "read_paths",
    "read_source",
    "read_stream",
]
