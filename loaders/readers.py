"""Read: .txt, .md, .html, .docx and .pdf files as Text (plain UTF-8 string; offsets point into it).

Well-kept libraries do the parsing (python-docx, pypdf, BeautifulSoup); this module only chooses one
and turns every failure into a one-line LoadError naming the file.

>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "a.txt"); _ = open(p, "w", encoding="utf-8").write("Số 1330-CV/BTGTU")
>>> read(p).text
'Số 1330-CV/BTGTU'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from policygraph.loaders.models import LoadError, Text

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders (recursively, sorted, supported files only, hidden ones skipped); keep named files."""
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise LoadError(f"{p}: no such file or folder")
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    return out


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise LoadError(f"{path}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise LoadError(f"{path}: undecodable UTF-16 ({e.reason} at byte {e.start})") from e
    if b"\x00" in data[:4096]:
        raise LoadError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LoadError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from e
    if not text.strip():
        raise LoadError(f"{path}: empty file")
    return text


def _norm_newlines(s: str) -> str:
    return s.replace("\r\n", "\n").replace("\r", "\n")


def _read_html(path: Path, data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "nav", "noscript"]):
        tag.decompose()
    for tr in soup.find_all("tr"):
        cells = [" ".join(c.get_text(" ", strip=True).split()) for c in tr.find_all(["td", "th"])]
        tr.replace_with("\n| " + " | ".join(cells) + " |\n")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "table", "title")
    for b in soup.find_all(blocks):
        b.insert_before("\n")
        b.insert_after("\n")
    text = soup.get_text()
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    out = "\n".join(ln for ln in lines if ln)
    if not out.strip():
        raise LoadError(f"{path}: no text in the HTML page")
    return out


def _read_docx(path: Path) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        d = docx.Document(str(path))
    except Exception as e:  # python-docx raises several types for a bad package
        raise LoadError(f"{path}: not a valid .docx ({type(e).__name__}: {e})") from e
    parts: list[str] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(Paragraph(child, d).text)
        elif tag == "tbl":
            for row in Table(child, d).rows:
                parts.append("| " + " | ".join(" ".join(c.text.split()) for c in row.cells) + " |")
    text = "\n".join(parts)
    if not text.strip():
        raise LoadError(f"{path}: empty document")
    return text


def _read_pdf(path: Path) -> tuple[str, list[int]]:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = [p.extract_text() or "" for p in reader.pages]
    except Exception as e:  # pypdf raises PdfReadError and others for damaged files
        raise LoadError(f"{path}: not a valid PDF ({type(e).__name__}: {e})") from e
    if not any(p.strip() for p in pages):
        raise LoadError(f"{path}: no text layer (scanned PDF? run OCR first)")
    starts, out, pos = [], [], 0
    for p in pages:
        starts.append(pos)
        p = _norm_newlines(p)
        out.append(p)
        pos += len(p) + 2
    return "\n\n".join(out), starts


def read(path: str | os.PathLike[str]) -> Text:
    """Read one file as Text; raise LoadError (one line, naming the file) on bad input."""
    p = Path(path)
    ext = p.suffix.lower()
    try:
        if ext == ".docx":
            return Text(path=str(p), text=_norm_newlines(_read_docx(p)), format="docx")
        if ext == ".pdf":
            text, pages = _read_pdf(p)
            return Text(path=str(p), text=text, format="pdf", pages=pages)
        data = p.read_bytes()
    except OSError as e:
        raise LoadError(f"{p}: cannot read ({e.strerror})") from e
    if ext in (".html", ".htm"):
        if not data.strip():
            raise LoadError(f"{p}: empty file")
        return Text(path=str(p), text=_read_html(p, data), format="html")
    return Text(path=str(p), text=_norm_newlines(_decode(p, data)), format="md" if ext == ".md" else "txt")
