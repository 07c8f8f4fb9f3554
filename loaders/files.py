"""Files as PolicyGraph reads them: printable names, one-line errors, and the bytes of a regular file within a
limit (a named pipe, a device, a folder or a file past the limit is refused before it is read).

>>> display("a\\nb.txt"), str(fail("x.pdf", "not a valid PDF\\n(damaged)"))
('a%0Ab.txt', 'x.pdf: not a valid PDF (damaged)')
"""

from __future__ import annotations

import os
import stat
import unicodedata
from typing import Any

from .models import LoadError

__all__ = ["MB", "check_size", "display", "fail", "kind", "read_bytes"]

MB = 1_000_000


def display(path: str | os.PathLike[str]) -> str:
    """A path as it can be printed and stored: a byte that is not UTF-8 (kept by the file system as a
    surrogate) and a character that would act instead of show (a control such as a newline or an escape,
    a bidirectional override) become %XX, the bytes of their UTF-8, as in a URL.

    >>> display("corpus/caf\\udce9.txt"), display("a\\nb\\x1b[2J.txt"), display("Nghị quyết 31.txt")
    ('corpus/caf%E9.txt', 'a%0Ab%1B[2J.txt', 'Nghị quyết 31.txt')
    """
    s = os.fspath(path)
    if s.isprintable():
        return s
    return "".join(
        c
        if unicodedata.category(c) not in _ACTING
        else "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogateescape"))
        for c in s
    )


_ACTING = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def fail(path: str | os.PathLike[str], problem: str) -> LoadError:
    """A LoadError whose message is one line: "<path>: <problem>"."""
    problem = " ".join(str(problem).split()) or "unreadable"
    return LoadError(f"{display(path)}: {problem}")


def kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    for test, what in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return what
    return "a special file"


def read_bytes(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file, at most `limit`; LoadError for anything else. The type is
    checked before opening (a named pipe would block, a link to /dev/zero never end) and again on the
    open file, which is opened without blocking."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise fail(
                path,
                "is a folder, not a file"
                if stat.S_ISDIR(st.st_mode)
                else f"not a regular file ({kind(st.st_mode)}); PolicyGraph reads only files",
            )
        check_size(path, st.st_size, limit)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise fail(path, "not a regular file; PolicyGraph reads only files")
            data = _read_upto(f, st.st_size, limit + 1)
    except FileNotFoundError as e:
        raise fail(path, "no such file") from e
    except OSError as e:
        raise fail(path, f"cannot read ({e.strerror or e})") from e
    check_size(path, len(data), limit)
    return data


def _read_upto(f: Any, expected: int, most: int) -> bytes:
    """At most `most` bytes of `f`, read as one piece when the file holds `expected` bytes (a larger
    read would allocate its whole size), in 1 MB pieces past that (a file that grows, a /proc file)."""
    data = f.read(min(expected, most - 1) + 1)
    if len(data) <= expected:
        return data
    parts, total = [data], len(data)
    while total < most and (chunk := f.read(min(MB, most - total))):
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def check_size(path: str | os.PathLike[str], size: int, limit: int, what: str = "too large") -> None:
    if size > limit:
        raise fail(path, f"{what} ({-(-size // MB):,} MB; the limit is {limit / MB:,.0f} MB)")
