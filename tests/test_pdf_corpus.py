"""A seed document typeset as a PDF (wrapped, justified lines) reads back to the same statements as its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.loaders.extract import extract_file

ROOT = Path(__file__).resolve().parents[1]
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _statements(path: Path) -> set[tuple[str, str, str]]:
    x = extract_file(str(path))
    name = {k: d.symbol or d.title or k for k, d in x.docs.items()}
    return {
        (name.get(r.source, r.source), r.type, name.get(r.target, r.target))
        for r in x.relations
        if r.type in ("CITES", "IMPLEMENTS", "SUPERSEDES")
    }


@pytest.mark.parametrize("seed", ["001_0d6e8966d81bd8b2.txt", "004_4f6655e48d839bfa.txt"])
def test_pdf_gives_the_same_statements_as_the_text(seed: str, tmp_path: Path) -> None:
    from fpdf import FPDF

    assert FONT.exists(), "the DejaVu font (Debian fonts-dejavu-core) is needed to typeset Vietnamese"
    src = ROOT / "examples" / "corpus" / seed
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(0, 5, src.read_text(encoding="utf-8").replace("**", "\n"), align="J")
    out = tmp_path / (Path(seed).stem + ".pdf")
    pdf.output(str(out))
    assert _statements(out) == _statements(src)
