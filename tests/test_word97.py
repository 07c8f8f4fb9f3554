"""Word 97-2003 .doc and .rtf files, read through LibreOffice headless (loaders/convert.py).

The files are the real ones of shared/corpus/formats/doc and rtf (its README.md says what each holds);
the TCVN3 and VNI ones come with a transcript made independently of any converter (.groundtruth.txt).
Needs Debian's ``libreoffice-writer-nogui`` (``soffice``): on CI (``CI`` set) a missing LibreOffice FAILS
these tests, never skips them; elsewhere they are skipped. The tests that need no converter (refusals
before it runs, the line when it is missing) always run.
"""

from __future__ import annotations

import difflib
import errno
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.loaders import convert, legacy_vn, readers
from policygraph.loaders.extract import extract_file
from policygraph.loaders.layout import header_lines
from policygraph.loaders.models import Extraction, LoadError, Text

ROOT = Path(__file__).resolve().parents[1]
# ../shared as every developer and CI run has it (found from a worktree one level deeper too)
FORMATS = next(
    (p / "shared" / "corpus" / "formats" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus" / "formats",
)
ND28 = "doc/ND28-2003-ND-CP_tcvn3.doc"
QD05 = "doc/QD05-2006-UBND-CaMau_QuyDinh_vni.doc"
TT38 = "doc/TT38-2025-TT-BCT_unicode.doc"
HP92 = "doc/HienPhap1992_unicode.doc"
TT08 = "rtf/TT08-2001-TT-BTC_tcvn3.rtf"
FILES = (HP92, ND28, QD05, TT38, TT08)


def _needed(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"Word 97-2003 tests need this on CI: {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="module")
def formats() -> Path:
    if not (FORMATS / "README.md").is_file():
        _needed(f"the sample files are not at {FORMATS} (shared/corpus/formats beside the checkout)")
    return FORMATS


@pytest.fixture(scope="module")
def soffice(formats: Path) -> str:
    program = convert.soffice()
    if program is None:
        _needed("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    return str(program)


@pytest.fixture(scope="module")
def texts(soffice: str, formats: Path) -> dict[str, Text]:
    """Each sample file read once (one converter run each)."""
    return {name: readers.read(formats / name) for name in FILES}


@pytest.fixture(scope="module")
def extractions(soffice: str, formats: Path) -> dict[str, Extraction]:
    return {name: extract_file(str(formats / name)) for name in (ND28, TT38, TT08, HP92)}


@pytest.fixture(autouse=True)
def nothing_converted_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no .docx made ahead by convert.prepare (a load through the CLI makes some)."""
    monkeypatch.setattr(convert, "_READY", {})


def error(path: Path) -> str:
    """The one-line problem reading `path` gives, without the path."""
    with pytest.raises(LoadError) as e:
        readers.read(path)
    line = str(e.value)
    assert "\n" not in line and line.startswith(f"{path}: "), line
    return line[len(f"{path}: ") :]


def lines_and_cells(text: str) -> set[str]:
    """Every line of `text`, and every cell of its "| a | b |" table rows."""
    out = set()
    for ln in text.split("\n"):
        out.add(ln.strip())
        if ln.startswith("| ") and ln.endswith(" |"):
            out.update(c.strip() for c in ln[2:-2].split(" | "))
    return out


def word_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


# ------------------------------------------------------------------------------------------- the files


@pytest.mark.parametrize("name", FILES)
def test_each_file_loads_as_unicode(texts: dict[str, Text], name: str) -> None:
    t = texts[name]
    assert t.format == Path(name).suffix[1:] and t.path.endswith(Path(name).name)
    assert len(t.text) > 5000
    assert legacy_vn.detect(t.text) is None  # no TCVN3/VNI mojibake left
    assert "\u00ad" not in t.text  # the soft hyphens that stood for TCVN3 "ư" became "ư"


# Word similarity to the transcript (difflib on whitespace-separated words), as measured on 2026-12-07:
# ND28 0.9977 (left: table pipes "|", "Số:" stored lower-case in .VnTimeH where the transcript has "SỐ:",
# the transcript's PAGE fields), QD05 0.9941 (the transcript writes "hoẵc", "chẵt", "đẵc" where the file
# has "hoặc", "chặt", "đặc", and keeps \x03 \x04 marks), TT08 0.9996 ("Số:" / "SỐ:" once).
@pytest.mark.parametrize(("name", "least"), [(ND28, 0.995), (QD05, 0.99), (TT08, 0.999)])
def test_legacy_text_matches_its_transcript(texts: dict[str, Text], formats: Path, name: str, least: float) -> None:
    transcript = (formats / name).with_suffix(".groundtruth.txt").read_text(encoding="utf-8")
    assert word_similarity(texts[name].text, transcript) >= least


def test_tcvn3_u_horn_is_kept(texts: dict[str, Text]) -> None:
    # TCVN3 writes "ư" as byte 0xAD, the Windows-1252 soft hyphen, which LibreOffice keeps as one
    for name in (ND28, TT08):
        assert "nước" in texts[name].text and "được" in texts[name].text


def test_tt38_header_table_rows(texts: dict[str, Text]) -> None:
    text = texts[TT38].text
    seen = lines_and_cells(text)
    assert "Số: 38/2025/TT-BCT" in seen
    assert "Hà Nội, ngày 19 tháng 6 năm 2025" in seen
    lines = text.split("\n")  # the header table laid out as lines: the left column, then the right
    order = [
        "BỘ CÔNG THƯƠNG",
        "Số: 38/2025/TT-BCT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Hà Nội, ngày 19 tháng 6 năm 2025",
    ]
    assert [lines.index(x) for x in order] == sorted(lines.index(x) for x in order)
    assert "Phan Thị Thắng" in text


def test_nd28_header_table_is_one_row_of_two_cells(texts: dict[str, Text]) -> None:
    # its cells are TCVN3 when the reader lays tables out, so it keeps the row; the header step lays it out
    row = next(ln for ln in texts[ND28].text.split("\n") if ln.startswith("| "))
    left, right = row[2:-2].split(" | ")
    assert left.startswith("Chính phủ") and "Số: 28 /2003/NĐ-CP" in left
    assert header_lines(row).split("\n")[:3] == [
        "Chính phủ",
        "Số: 28 /2003/NĐ-CP",
        "Cộng hoà xã hội chủ nghĩa việt nam",
    ]


def test_constitution_1992(texts: dict[str, Text]) -> None:
    seen = lines_and_cells(texts[HP92].text)
    assert "NƯỚC CỘNG HOÀ CHỦ NGHIÃ XÃ HỘI VIỆT NAM NĂM 1992" in seen  # the slip as printed
    assert "Chương 12:" in seen and any(s.startswith("Điều 146") for s in seen)
    assert "Lê Quang Đạo" in texts[HP92].text


def test_vni_layout_with_tabs(texts: dict[str, Text]) -> None:
    first = texts[QD05].text.split("\n")[0]
    assert first.startswith("UỶ BAN NHÂN DÂN") and "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Chương I" in lines_and_cells(texts[QD05].text)


# -------------------------------------------------------------------------------------- end to end

# The own symbol, date and issuer the formats README gives: a header table (ND28's one row of two cells with
# '===' between issuer and number, TT38's two rows), a header aligned with spaces and a tab whose issuer is in
# a legacy upper-case font stored in lower case (TT08), a constitution dated by its closing sentence.
HEADER = {
    ND28: ("28/2003/NĐ-CP", "2003-03-31", "Chính phủ"),
    TT38: ("38/2025/TT-BCT", "2025-06-19", "Bộ Công Thương"),
    TT08: ("08/2001/TT-BTC", "2001-01-18", "Bộ Tài chính"),
    HP92: (None, "1992-04-15", "Quốc hội"),
}
FIELDS = ("symbol", "date", "issuer")


@pytest.mark.parametrize(("name", "field"), sorted((n, f) for n in HEADER for f in FIELDS))
def test_own_header_field(extractions: dict[str, Extraction], name: str, field: str) -> None:
    x = extractions[name]
    assert getattr(x.docs[x.source], field) == HEADER[name][FIELDS.index(field)]


def test_citations_are_found_in_a_converted_file(extractions: dict[str, Extraction]) -> None:
    quotes = " ".join(m.quote for m in extractions[TT38].mentions)
    assert "63/2025/QH15" in quotes and "190/2025/QH15" in quotes  # "Căn cứ Luật ... số 63/2025/QH15;"


# ------------------------------------------------------------------------------------------- hostile

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _real_doc_with(formats: Path, out: Path, change: object) -> Path:
    """A copy of the ND28 .doc whose WordDocument stream is `change(stream)` (same length), written by
    olefile into the real container."""
    import olefile

    shutil.copyfile(formats / ND28, out)
    out.chmod(0o644)
    with olefile.OleFileIO(str(out), write_mode=True) as ole:
        stream = ole.openstream("WordDocument").read()
        ole.write_stream("WordDocument", change(stream))  # type: ignore[operator]
    return out


def test_ole_magic_followed_by_junk_is_refused_before_the_converter(tmp_path: Path) -> None:
    f = tmp_path / "junk.doc"
    f.write_bytes(OLE2 + bytes(range(256)) * 80)
    start = time.monotonic()
    assert error(f).startswith("not a valid Word 97-2003 document (damaged OLE2 container")
    assert time.monotonic() - start < 1


def test_empty_and_not_rtf_and_not_word(tmp_path: Path) -> None:
    (tmp_path / "empty.rtf").write_bytes(b"")
    (tmp_path / "blank.doc").write_bytes(b" \r\n")
    (tmp_path / "text.rtf").write_bytes("Nghị quyết số 31-NQ/TW".encode())
    (tmp_path / "text.doc").write_bytes("Nghị quyết số 31-NQ/TW".encode())
    assert error(tmp_path / "empty.rtf") == "empty file"
    assert error(tmp_path / "blank.doc") == "empty file"
    assert error(tmp_path / "text.rtf") == "not an RTF file (no {\\rtf header)"
    assert error(tmp_path / "text.doc") == "not a Word 97-2003 document (no OLE2 or RTF header)"


def test_encrypted_doc_is_refused(formats: Path, tmp_path: Path) -> None:
    def encrypted(fib: bytes) -> bytes:  # FIB flags at offset 10: bit 8 is fEncrypted
        flags = int.from_bytes(fib[10:12], "little") | 0x0100
        return fib[:10] + flags.to_bytes(2, "little") + fib[12:]

    f = _real_doc_with(formats, tmp_path / "locked.doc", encrypted)
    assert error(f) == "encrypted Word document (needs a password)"


def test_a_huge_doc_is_refused_by_its_size(tmp_path: Path) -> None:
    f = tmp_path / "huge.doc"
    with open(f, "wb") as out:  # sparse: takes no disk and no time
        out.truncate(readers.MAX_BYTES["doc"] + 1)
    assert error(f).startswith("too large (")


def test_a_doc_that_makes_the_converter_fail(soffice: str, formats: Path, tmp_path: Path) -> None:
    # a Word 97 file whose header says Word 6.0 (nFib 0x65): the Word 6 and Word 95 filters cannot load it
    # (LibreOffice turns most damaged Word 97 streams into an empty document: "empty (no text)")
    f = _real_doc_with(formats, tmp_path / "broken.doc", lambda s: s[:2] + b"\x65\x00" + s[4:])
    assert error(f) == "LibreOffice could not convert it (source file could not be loaded)"
    blank = _real_doc_with(formats, tmp_path / "blank.doc", lambda s: s[:12] + b"\xff" * (len(s) - 12))
    assert error(blank) == "empty (no text)"


def test_a_truncated_rtf_makes_the_converter_fail(soffice: str, tmp_path: Path) -> None:
    f = tmp_path / "cut.rtf"
    f.write_bytes(b"{\\rtf1\\ansi\\ansicpg1252 ")
    assert error(f).startswith("LibreOffice could not convert it (")


def _converters_running() -> list[str]:
    """The LibreOffice processes alive with a private folder of convert.py (zombies aside)."""
    out = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if b"policygraph-soffice-" in cmd:
            out.append(cmd.replace(b"\0", b" ").decode("utf-8", "replace"))
    return out


def test_a_converter_run_is_stopped_at_its_timeout(
    soffice: str, formats: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(convert, "TIMEOUT", 0.2)
    start = time.monotonic()
    assert error(formats / TT38) == "LibreOffice took longer than 0.2 s to convert it; stopped"
    assert time.monotonic() - start < 5
    time.sleep(0.2)
    assert _converters_running() == []  # the whole process group was killed


def test_a_converter_over_its_memory_limit_fails_in_one_line(
    soffice: str, formats: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(convert, "MAX_MEMORY", 64 * 2**20)
    assert error(formats / ND28).startswith("LibreOffice could not convert it (")


def test_the_converter_runs_without_network() -> None:
    prefix = convert.isolation()
    if not prefix:
        _needed("this system allows no network namespace (unshare -rn)")
    probe = "import socket; s = socket.socket(); s.settimeout(5); print(s.connect_ex(('192.0.2.1', 80)))"
    r = subprocess.run([*prefix, sys.executable, "-c", probe], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and int(r.stdout) == errno.ENETUNREACH, r.stderr


def test_without_libreoffice_the_line_names_the_package(
    formats: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(convert, "SOFFICE", str(tmp_path / "no-soffice"))
    package = "LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)"
    assert error(formats / ND28) == f"cannot read .doc files: {package}"
    assert error(formats / TT08) == f"cannot read .rtf files: {package}"


def test_a_load_goes_on_past_a_broken_doc(soffice: str, formats: Path, tmp_path: Path) -> None:
    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copyfile(formats / TT08, d / "tt08.rtf")
    (d / "junk.doc").write_bytes(OLE2 + b"\x00" * 3000)
    (d / "cut.rtf").write_bytes(b"{\\rtf1 ")
    assert [f.rel for f in readers.scan([d]).files] == ["cut.rtf", "junk.doc", "tt08.rtf"]
    r = CliRunner().invoke(app, ["load", str(d), "--store", str(tmp_path / "g.db"), "--json"])
    summary = json.loads(r.stdout)
    assert r.exit_code == 1 and summary["loaded"] == 1, r.output
    assert len(summary["failed"]) == 2 and all("\n" not in ln for ln in summary["failed"])
    assert any("junk.doc: not a valid Word 97-2003 document" in ln for ln in summary["failed"])
    assert any("cut.rtf: LibreOffice could not convert it" in ln for ln in summary["failed"])


def test_a_docx_named_doc_is_read_as_docx(formats: Path, tmp_path: Path) -> None:
    f = tmp_path / "ct07.doc"
    shutil.copyfile(formats / "docx" / "CT07-2012-CT-TTg.docx", f)
    assert "Số: 07/CT-TTg" in lines_and_cells(readers.read(f).text)


def test_a_web_page_named_doc_is_read_as_html(tmp_path: Path) -> None:
    f = tmp_path / "page.doc"  # what Word's "Save as Web Page" under a .doc name holds
    f.write_text(
        "<html xmlns:w='urn:schemas-microsoft-com:office:word'><body><p>Số: 12/2004/QĐ-UB</p>"
        "<table><tr><td>UBND TỈNH</td><td>Hà Nội, ngày 1 tháng 2 năm 2004</td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert readers.read(f).text == "Số: 12/2004/QĐ-UB\nUBND TỈNH\nHà Nội, ngày 1 tháng 2 năm 2004"


def test_soft_hyphens_survive_the_docx_package() -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:t>n</w:t><w:softHyphen/><w:t>íc</w:t>")
    got = zipfile.ZipFile(io.BytesIO(convert._with_soft_hyphens(buf.getvalue()))).read("word/document.xml")
    assert legacy_vn.to_unicode(got.decode().replace("<w:t>", "").replace("</w:t>", ""), legacy_vn.TCVN3) == "nước"


# ------------------------------------------------------------------------------------- many files at once


def test_prepare_converts_many_files_in_one_run(
    soffice: str, formats: Path, texts: dict[str, Text], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk, cut = tmp_path / "junk.doc", tmp_path / "cut.rtf"
    junk.write_bytes(OLE2 + b"\x00" * 3000)
    cut.write_bytes(b"{\\rtf1 ")
    paths = [formats / ND28, formats / QD05, junk, formats / TT08, cut, formats / "docx" / "CT07-2012-CT-TTg.docx"]
    assert convert.prepare(paths, jobs=2) == 3  # two .doc in one run, one .rtf in another; junk and cut not
    monkeypatch.setattr(convert, "SOFFICE", str(tmp_path / "no-soffice"))  # reading them now runs no converter
    for name in (ND28, QD05, TT08):
        assert readers.read(formats / name).text == texts[name].text  # as converted alone
    assert error(cut).startswith("cannot read .rtf files: LibreOffice is not installed")  # left to be read alone


def test_prepare_past_its_timeout_leaves_every_file_to_be_read_alone(
    soffice: str, formats: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(convert, "TIMEOUT", 0.2)
    start = time.monotonic()
    assert convert.prepare([formats / ND28, formats / QD05, formats / TT38]) == 0
    assert convert._READY == {} and time.monotonic() - start < 5
    time.sleep(0.2)
    assert _converters_running() == []
