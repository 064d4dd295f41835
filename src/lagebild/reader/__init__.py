"""Reading articles: the text format of EVENTS.md, JSON Lines corpora and HTML pages.

`read_paths` takes files, directories, globs or "-" (stdin) and yields `Article`s and `ReadError`s in
input order, so a batch can report every bad file and go on with the rest.
"""

from lagebild.reader.discover import ReadError, read_paths
from lagebild.reader.textfile import parse_text_article

__all__ = ["ReadError", "parse_text_article", "read_paths"]
