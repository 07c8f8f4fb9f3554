"""Word 97-2003 .doc and .rtf files, read through LibreOffice headless: converted to .docx, then read as one.

No Python library reads the binary Word format well (antiword and catdoc, Debian's text dumpers, lay
tables out as padded columns and read no RTF; striprtf reads only RTF), so `soffice --headless
--convert-to docx` (Debian package libreoffice-writer-nogui) converts the file and the .docx reader
of `readers` reads the result, tables as "| cell | cell |" rows like any .docx. Text typed in the legacy
Vietnamese fonts (TCVN3 .VnTime, VNI-Times) comes out as mojibake and is converted by legacy_vn.

Every run is closed in: the file is copied into a private temporary folder under a plain name, with
a private LibreOffice profile (macros off, links never updated, external images blocked) and HOME
there; the converter runs without network (in a network namespace of its own, through util-linux
`unshare`, where the system allows one: see isolation), in a process group of its own, with an
address-space cap (MAX_MEMORY), an output-size cap and no core files, and is killed whole when it takes
longer than TIMEOUT seconds.
The import filter is named, never left to LibreOffice's guess (which imports a damaged .doc as plain
text): olefile opens the OLE2 container of a Word 6/95/97-2003 file and its Word header (FIB) tells
the version, so a damaged container, an Excel or PowerPoint file named .doc and an encrypted
document are refused at once, without starting LibreOffice. Every failure is one LoadError
"<path>: <problem>"; without LibreOffice the line names the Debian package to install.

>>> kind(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(504)), kind(b"{\\\\rtf1\\\\ansi x}"), kind(b"PK\\x03\\x04")
('word', 'rtf', 'docx')
>>> kind(b"<html xmlns:w='urn:schemas-microsoft-com:office:word'>"), kind(b"hello")
('html', None)
>>> print(missing("doc"))
cannot read .doc files: LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)
"""

from __future__ import annotations

import functools
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from . import legacy_vn
from .docx_text import check_package, read_docx
from .files import MB, fail, read_bytes
from .html_text import read_html
from .models import LoadError

__all__ = [
    "MAX_MEMORY",
    "SOFFICE",
    "TIMEOUT",
    "isolation",
    "kind",
    "missing",
    "prepare",
    "read",
    "soffice",
    "to_docx",
    "word_filters",
]

#: the converter; None: `soffice` on PATH, else where Debian installs it
SOFFICE: str | None = None
#: seconds one converter run may take (an 18-page .doc of 330 KB takes 1.5 s here, 3.7 s on a loaded machine,
#: most of it start-up)
TIMEOUT = 120.0
#: the converter's address space, bytes (it converts the sample files within 500 MB)
MAX_MEMORY = 2 * 1024**3
#: the largest file the converter may write, bytes
MAX_OUTPUT = 1024**3
PACKAGE = "libreoffice-writer-nogui"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# LibreOffice's import filters, tried in order: Word 97-2003 (the FIB's nFib from 0x6A), Word 6.0
# (0x65-0x69) or Word 95 (0x69), RTF
_WORD97, _WORD6 = ("MS Word 97",), ("MS WinWord 6.0", "MS Word 95")
_RTF = ("Rich Text Format",)
# The private profile: no macros, no link updates, no images fetched from the network.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse">\
<value>1</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    """The LibreOffice program to run, or None when it is not installed."""
    if SOFFICE is not None:
        return SOFFICE if os.access(SOFFICE, os.X_OK) else None
    return shutil.which("soffice") or next(
        (p for p in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice") if os.access(p, os.X_OK)), None
    )


@functools.cache
def isolation() -> tuple[str, ...]:
    """The command prefix that runs the converter with no network: `unshare -rn` (a user and a network
    namespace of its own, where only a loopback that is down exists), or () where the system refuses
    namespaces (then the private profile's settings are what keep LibreOffice off the network)."""
    program = shutil.which("unshare")
    if program is None:
        return ()
    try:
        ok = (
            subprocess.run(
                [program, "-rn", "true"], stdin=subprocess.DEVNULL, capture_output=True, timeout=10
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (program, "-rn", "--") if ok else ()


def missing(fmt: str) -> str:
    """The problem to report when LibreOffice is not installed."""
    return f"cannot read .{fmt} files: LibreOffice is not installed (Debian: apt-get install {PACKAGE})"


def kind(data: bytes) -> str | None:
    """What a .doc or .rtf file holds, by its first bytes: "word" (an OLE2 container, as Word 97-2003
    and Word 6/95 write), "rtf" (many .doc files are RTF), "docx" (a zip package), "html", else None."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(_OLE2):
        return "word"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"<") and b"<html" in data[:4096].lower():  # Word's "Web Page" saved as .doc
        return "html"
    return None


def read(name: str, data: bytes, fmt: str) -> str:
    """The text of a .doc or .rtf file (`fmt` "doc" or "rtf"), as the .docx reader reads it once
    converted, legacy fonts converted to Unicode; LoadError (one line) on bad input."""
    if not data.strip():
        raise fail(name, "empty file")
    what = kind(data)
    if what == "docx" and fmt == "doc":  # a .docx saved under the old name
        return read_docx(name, data)
    if what == "html" and fmt == "doc":
        return read_html(name, data)
    if what is None or (fmt == "rtf" and what != "rtf"):
        expected = (
            "an RTF file (no {\\rtf header)" if fmt == "rtf" else "a Word 97-2003 document (no OLE2 or RTF header)"
        )
        raise fail(name, f"not {expected}")
    docx = to_docx(name, data, _RTF if what == "rtf" else word_filters(name, data))
    check_package(name, docx)  # a huge file makes a huge package: refused before it is inflated
    text = read_docx(name, _with_soft_hyphens(docx))
    text = legacy_vn.convert(text, legacy_vn.detect(text))
    return text.replace("\u00ad", "")  # the soft hyphens that were no TCVN3 "ư"


def word_filters(name: str, data: bytes) -> tuple[str, ...]:
    """The LibreOffice import filters for a Word 6/95/97-2003 file, by the version its FIB (the header
    of its WordDocument stream) gives; LoadError for a damaged container, an OLE2 file that is no Word
    document, an encrypted one, or one older than Word 6."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                other = next((what for stream, what in _OTHER_OLE if ole.exists(stream)), "an OLE2 file")
                raise fail(name, f"not a Word document ({other} without a WordDocument stream)")
            fib = ole.openstream("WordDocument").read(12)
    except LoadError:
        raise
    except Exception as e:  # olefile raises OSError, ValueError, IndexError, ... on a damaged container
        raise fail(name, f"not a valid Word 97-2003 document (damaged OLE2 container: {type(e).__name__})") from e
    if len(fib) < 12 or fib[:2] != b"\xec\xa5":
        raise fail(name, "not a valid Word 97-2003 document (no Word header in its WordDocument stream)")
    nfib, flags = int.from_bytes(fib[2:4], "little"), int.from_bytes(fib[10:12], "little")
    if flags & 0x0100:
        raise fail(name, "encrypted Word document (needs a password)")
    if nfib < 0x65:
        raise fail(name, f"a Word file older than Word 6 (nFib {nfib}); save it as .docx")
    return _WORD97 if nfib >= 0x6A else _WORD6


_OTHER_OLE = (
    ("Workbook", "an Excel workbook"),
    ("Book", "an Excel workbook"),
    ("PowerPoint Document", "a PowerPoint file"),
)


def to_docx(name: str, data: bytes, filters: tuple[str, ...] = _WORD97, timeout: float | None = None) -> bytes:
    """The .docx LibreOffice makes of a file, imported with the first of `filters` that can load it
    (or as `prepare` converted it ahead); LoadError naming `name` when LibreOffice is not installed,
    fails, or takes longer than `timeout` seconds (default TIMEOUT)."""
    ready = _READY.get(_key(data, filters))
    if ready is not None:
        return ready
    program = soffice()
    if program is None:
        raise fail(name, missing("rtf" if filters == _RTF else "doc"))
    limit = TIMEOUT if timeout is None else timeout
    problem = "LibreOffice could not convert it"
    with tempfile.TemporaryDirectory(prefix="policygraph-soffice-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        source = work / ("in.rtf" if filters == _RTF else "in.doc")
        source.write_bytes(data)
        for flt in filters:
            try:
                log, code = _run(program, work, [source], flt, limit)
            except subprocess.TimeoutExpired:
                raise fail(name, f"LibreOffice took longer than {limit:g} s to convert it; stopped") from None
            except OSError as e:
                raise fail(name, f"cannot run LibreOffice ({e.strerror or e})") from e
            result = _result(work, source)
            if result is not None:
                return result
            problem = _why(log, code)
    raise fail(name, problem)


def _run(program: str, work: Path, sources: list[Path], flt: str, limit: float) -> tuple[bytes, int | None]:
    """One converter run over `sources` with import filter `flt`, into `work`/out: its output and exit
    status. TimeoutExpired (the run killed) past `limit` seconds; OSError when it cannot start."""
    shutil.rmtree(work / "out", ignore_errors=True)
    user = work / "profile" / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
    command = [
        *isolation(),
        program,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        f"--infilter={flt}",
        "--convert-to",
        "docx",
        "--outdir",
        str(work / "out"),
        *map(str, sources),
    ]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work),
        "TMPDIR": str(work),
        "LANG": "C.UTF-8",
        "SAL_USE_VCLPLUGIN": "svp",
    }
    limits = _prlimit()
    proc = subprocess.Popen(
        [*limits, *command],
        cwd=work,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=None if limits else _limits,
    )
    try:
        log, _ = proc.communicate(timeout=limit)
    finally:
        _kill(proc)  # on a timeout, and whatever it left running in its group
    return log, proc.returncode


def _result(work: Path, source: Path) -> bytes | None:
    out = work / "out" / (source.stem + ".docx")
    return out.read_bytes() if out.is_file() and out.stat().st_size > 0 else None


# ------------------------------------------------------------------------------------------------
# Many files in one run: LibreOffice's start-up takes most of a file's time (about 1.1 s of 1.3 s)

#: the most files one converter run takes ahead (see prepare)
BATCH = 25
# .docx made ahead by prepare, by _key of the file's bytes and filters (kept: a copy of a file reads it again)
_READY: dict[str, bytes] = {}


def _key(data: bytes, filters: tuple[str, ...]) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest() + ":" + filters[0]


def prepare(paths: Sequence[str | os.PathLike[str]], jobs: int = 1) -> int:
    """Convert the Word 97-2003 and RTF files among `paths` ahead, up to BATCH files in one converter
    run and `jobs` runs at a time, so that reading them (see read) starts LibreOffice no more; returns
    how many were made. What converts is kept in memory by the file's content (files of MAX_READY bytes
    in all at most); a file that is refused or fails here, and every file of a run that took longer
    than TIMEOUT, is converted alone when read, which gives its one line. Nothing without LibreOffice."""
    from concurrent.futures import ThreadPoolExecutor

    program = soffice()
    if program is None:
        return 0
    groups: dict[tuple[str, ...], list[str | os.PathLike[str]]] = {}
    size = 0
    for path in paths:
        filters = _filters_of(path)
        if filters in (_RTF, _WORD97) and size + os.path.getsize(path) <= MAX_READY:
            groups.setdefault(filters, []).append(path)  # old Word 6/95 files may need two runs: alone
            size += os.path.getsize(path)
    runs = [(f, items[i : i + BATCH]) for f, items in groups.items() for i in range(0, len(items), BATCH)]
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        made = list(pool.map(lambda run: _convert_many(program, *run), runs))
    for found in made:
        _READY.update(found)
    return sum(len(m) for m in made)


#: the largest .doc or .rtf file read (readers.FORMATS takes it from here)
MAX_SIZE = 100 * MB
#: the most bytes of files that prepare converts ahead (their .docx are kept in memory until read)
MAX_READY = 256 * MB


def _filters_of(path: str | os.PathLike[str]) -> tuple[str, ...] | None:
    """The import filters of a .doc or .rtf file that `read` would convert, else None."""
    ext = Path(path).suffix.lower()
    if ext not in (".doc", ".rtf"):
        return None
    try:
        data = read_bytes(path, MAX_SIZE)
        what = kind(data)
        return _RTF if what == "rtf" else word_filters(str(path), data) if what == "word" else None
    except (LoadError, OSError):
        return None


def _convert_many(program: str, filters: tuple[str, ...], paths: list[str | os.PathLike[str]]) -> dict[str, bytes]:
    """One converter run over the files at `paths`: the .docx of each that converted, by _key."""
    with tempfile.TemporaryDirectory(prefix="policygraph-soffice-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        keys, sources = [], []
        for i, path in enumerate(paths):
            try:
                data = read_bytes(path, MAX_SIZE)
            except LoadError:
                continue
            keys.append(_key(data, filters))
            sources.append(work / "in" / f"{i}{'.rtf' if filters == _RTF else '.doc'}")
            sources[-1].write_bytes(data)
        try:
            _run(program, work, sources, filters[0], TIMEOUT)
        except (subprocess.TimeoutExpired, OSError):
            return {}  # each is converted alone when read, with its own time limit and line
        found = {k: _result(work, src) for k, src in zip(keys, sources, strict=True)}
    return {k: v for k, v in found.items() if v is not None}


def _prlimit() -> tuple[str, ...]:
    """The caps on the converter's memory, output size and core files, as a util-linux `prlimit`
    command prefix (a preexec_fn is not safe with threads, and `prepare` runs converters from threads);
    () without prlimit, and then _limits sets them."""
    program = shutil.which("prlimit")
    return (program, f"--as={MAX_MEMORY}", f"--fsize={MAX_OUTPUT}", "--core=0", "--") if program else ()


def _limits() -> None:
    """In the converter's process, before it starts: caps on memory, output size and core files."""
    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY, MAX_MEMORY))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_OUTPUT, MAX_OUTPUT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill the converter's whole process group (LibreOffice starts soffice.bin under its launcher)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


_NOISE = re.compile(r"javaldx|java may not function|\(\+0x[0-9a-f]+\)|^\s*$")  # and backtrace lines


def _why(log: bytes | None, code: int | None) -> str:
    """Why a run made no .docx, in a few words, from LibreOffice's own output and exit status.

    >>> _why(b"Warning: failed to launch javaldx\\nError: source file could not be loaded\\n", 0)
    'LibreOffice could not convert it (source file could not be loaded)'
    >>> _why(b"Unspecified Application Error\\n", 1)
    'LibreOffice could not convert it (Unspecified Application Error; exit status 1: over its memory limit of 2,048 MB?)'
    """
    lines = [ln.strip() for ln in (log or b"").decode("utf-8", "replace").splitlines() if not _NOISE.search(ln)]
    said = lines[-1].removeprefix("Error: ")[:200] if lines else ""
    if code:
        status = f"signal {-code}" if code < 0 else f"exit status {code}"
        said = f"{said + '; ' if said else ''}{status}: over its memory limit of {MAX_MEMORY // 2**20:,} MB?"
    return f"LibreOffice could not convert it ({said or 'it wrote nothing'})"


_PARTS = ("word/document.xml", "word/footnotes.xml")


def _with_soft_hyphens(package: bytes) -> bytes:
    """The .docx with its soft hyphens (<w:softHyphen/>) as the character U+00AD, which python-docx
    drops: TCVN3 writes "ư" with byte 0xAD, the soft hyphen of Windows-1252, so LibreOffice turns every
    TCVN3 "ư" into one.

    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("word/document.xml", "<w:r><w:t>n</w:t><w:softHyphen/><w:t>íc</w:t></w:r>")
    >>> zipfile.ZipFile(io.BytesIO(_with_soft_hyphens(buf.getvalue()))).read("word/document.xml").decode()
    '<w:r><w:t>n</w:t><w:t>\\xad</w:t><w:t>íc</w:t></w:r>'
    """
    try:
        source = zipfile.ZipFile(io.BytesIO(package))
        names = source.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return package  # the .docx reader says what is wrong with it
    if not any(b"<w:softHyphen/>" in source.read(n) for n in _PARTS if n in names):
        return package
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in _PARTS:
                data = data.replace(b"<w:softHyphen/>", "<w:t>\u00ad</w:t>".encode())
            target.writestr(info, data)
    return out.getvalue()
