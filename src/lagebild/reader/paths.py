"""From command-line paths to the files to read: folders walked, globs matched, `-` for stdin.

Every path that cannot be read is named with its reason, and nothing makes the walk hang:

- symbolic links are followed, but a folder is entered once (by device and inode): a link loop, or a
  second way into a folder already read, is named and skipped. Reading it again would store its
  articles a second time, under other ids;
- a dangling link, an unreadable folder, and a FIFO, socket or device are named and skipped: a FIFO
  blocks a read until something writes to it, and /dev/zero never ends;
- globs are matched here, over the same walk: `glob.glob` follows link loops until the paths grow too
  long, which on a quoted 'dir/**/*.txt' looks like a hang.

**Article ids.** A text or HTML file holds one article, whose id is the file's path relative to the
folder that was named (or the folder a glob starts from), without its suffix, with "/" between
folders: `corpus/a/bericht.txt` read through `corpus` is `a/bericht`, and read through
`'corpus/**/*.txt'` too. A file named on its own is its name without the suffix (`bericht`). A JSON
Lines record carries its own id.
"""

from __future__ import annotations

import errno
import fnmatch
import functools
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"
Matcher = Callable[[tuple[str, ...]], bool]  # relative path parts → yes or no
ARTICLE_SUFFIXES = {".txt", ".jsonl", ".html", ".htm"}
ID_SUFFIXES = (".txt", ".html", ".htm")  # removed from a file name to give its article's id
MAGIC = re.compile(r"[*?[]")
NOT_REGULAR = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


@dataclass
class ReadError:
    """One input that could not be read: where, and why. Printed as `path: reason`."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(frozen=True)
class Input:
    """A regular file to read, with the id its article gets if it holds one (text, HTML)."""

    path: Path
    article_id: str


def article_id(relative: str) -> str:
    """A file's article id from its path relative to the folder named: the suffix comes off."""
    for suffix in ID_SUFFIXES:
        relative = relative.removesuffix(suffix)
    return relative


def _reason(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "symbolic link loop; skipped"
    return f"cannot read ({e.strerror or e}); skipped"


def _not_regular(mode: int) -> str:
    kind = NOT_REGULAR.get(stat.S_IFMT(mode), "not a regular file")
    return f"not a regular file but {kind}; skipped (to read a stream, pipe it into -)"


def _dangling(path: Path) -> str:
    try:
        return f"dangling symbolic link (to {os.readlink(path)}); skipped"
    except OSError:
        return "dangling symbolic link; skipped"


def expand(paths: Iterable[str]) -> Iterator[Input | ReadError | str]:
    """Files as given, folders walked (article files only), globs matched, in sorted order; `-` is stdin."""
    for p in paths:
        if p == STDIN:
            yield STDIN
        elif MAGIC.search(p) and not os.path.lexists(p):
            yield from _glob(p)
        else:
            yield from _named(Path(p))


def _named(path: Path) -> Iterator[Input | ReadError]:
    try:
        st = path.stat()
    except FileNotFoundError:
        yield ReadError(str(path), _dangling(path) if path.is_symlink() else "no such file or directory")
        return
    except OSError as e:
        yield ReadError(str(path), _reason(e))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from walk(path, _is_article_file)
    elif stat.S_ISREG(st.st_mode):
        yield Input(path, article_id(path.name))
    else:
        yield ReadError(str(path), _not_regular(st.st_mode))


def _is_article_file(parts: tuple[str, ...]) -> bool:
    name = parts[-1]
    return Path(name).suffix.lower() in ARTICLE_SUFFIXES and not name.endswith(".gold.json")


def walk(
    root: Path,
    wanted: Matcher,
    may_hold: Matcher | None = None,
) -> Iterator[Input | ReadError]:
    """The files under `root` whose relative path is `wanted`, in sorted order, and what went wrong.

    `may_hold` says whether a folder (by its relative path) may hold wanted files; folders it refuses
    are not entered. Sorting each folder's names and going depth first gives the order of sorting the
    whole paths, which the reader has always used.
    """
    seen: dict[tuple[int, int], Path] = {}
    stack: list[Iterator[tuple[Path, tuple[str, ...]]]] = []
    first = _enter(root, (), seen)
    if isinstance(first, ReadError):
        yield first
        return
    stack.append(first)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path, parts = entry
        try:
            st = path.stat()
        except OSError as e:
            # a dangling link or a loop is named wherever it might have led to wanted files
            if wanted(parts) or may_hold is None or may_hold(parts):
                if not isinstance(e, FileNotFoundError):
                    yield ReadError(str(path), _reason(e))
                else:
                    yield ReadError(str(path), _dangling(path) if path.is_symlink() else "vanished; skipped")
            continue
        if stat.S_ISDIR(st.st_mode):
            if may_hold is None or may_hold(parts):
                inner = _enter(path, parts, seen)
                if isinstance(inner, ReadError):
                    yield inner
                else:
                    stack.append(inner)
        elif wanted(parts):
            yield Input(path, article_id("/".join(parts))) if stat.S_ISREG(st.st_mode) else ReadError(
                str(path), _not_regular(st.st_mode)
            )


def _enter(
    folder: Path, parts: tuple[str, ...], seen: dict[tuple[int, int], Path]
) -> Iterator[tuple[Path, tuple[str, ...]]] | ReadError:
    """A folder's entries (path, relative parts), sorted by name; an error if it cannot be read or was read."""
    try:
        st = folder.stat()
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return ReadError(str(folder), f"already read as {seen[key]} (a symbolic link loop?); skipped")
        seen[key] = folder
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it)
    except OSError as e:
        return ReadError(str(folder), f"cannot read the folder ({e.strerror or e}); skipped")
    return ((folder / n, (*parts, n)) for n in names)


# --- globs ---------------------------------------------------------------------------------------

def _glob(pattern: str) -> Iterator[Input | ReadError]:
    """The regular files a glob matches (`**` spans folders, as glob.glob(recursive=True)), sorted."""
    parts = pattern.split(os.sep)
    k = next(i for i, part in enumerate(parts) if MAGIC.search(part))
    base = Path(os.sep.join(parts[:k]) or ("/" if pattern.startswith(os.sep) else "."))
    pats = tuple(p for p in parts[k:] if p)
    found = False
    if not base.is_dir():
        yield ReadError(pattern, "no file matches this pattern")
        return
    for item in walk(base, lambda rel: _match(rel, pats, False), lambda rel: _match(rel, pats, True)):
        found = True
        yield item
    if not found:
        yield ReadError(pattern, "no file matches this pattern")


@functools.lru_cache(maxsize=256)
def _component(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern))


@functools.lru_cache(maxsize=4096)
def _match(parts: tuple[str, ...], pats: tuple[str, ...], prefix: bool) -> bool:
    """Whether relative path parts match the pattern's components (or, with `prefix`, may lead to a match).

    As in glob: a component pattern matches a name beginning with "." only if it begins with "." itself.
    """
    if not pats:
        return not parts
    if not parts:
        return prefix or all(p == "**" for p in pats)
    head, name = pats[0], parts[0]
    if head == "**":
        return _match(parts, pats[1:], prefix) or (not name.startswith(".") and _match(parts[1:], pats, prefix))
    if name.startswith(".") and not head.startswith("."):
        return False
    return bool(_component(head).match(name)) and _match(parts[1:], pats[1:], prefix)
