"""Model forms: the templates an appendix sets out are not references.

An appendix of forms ("Mẫu số 01", "MẪU QUYẾT ĐỊNH", "Phụ lục II — Mẫu giấy phép") repeats a document's
header with a number of the model's own ("Số: 15/QĐ-BNV", "Số: …/QĐ-…"), and its body is full of blanks to fill
in ("……(1)……", "ngày …… tháng …… năm ……"). The rule, on the matching view:

* A form starts at a *form line*: a line opening with "Mẫu"/"Biểu mẫu" and the form's code ("Mẫu số 01",
  "Mẫu 2-KNĐ", "MẪU SỐ 01/TNCN"), a line of capitals opening with "MẪU" ("MẪU QUYẾT ĐỊNH"), or an appendix
  heading that names a form ("Phụ lục VIII — Mẫu giấy phép"). "Mẫu vật có nguồn gốc…" (a specimen) is no form line.
* In the form's header block (the form line and the FORM_HEADER_LINES lines after it) a symbol after "Số:"
  is the model's number, not a reference, when the form is a model: it comes after a "Số:" line of the
  document's own (an appendix), or its header block has blanks to fill in. A form line heading a filled-in
  document ("Mẫu số 52-DS (Ban hành kèm theo Nghị quyết số 01/2017/NQ-HĐTP …)" above a court's real header and
  date) names the template the document follows: its "Số:" is the document's own.
* From a form line to the end of the text, a mention on a line with blanks to fill in ("……", "....",
  "…(2)…") is the model's example: not a reference.
* Everything else in an appendix stays a reference: "(Kèm theo Nghị định số 161/2024/NĐ-CP …)" under a form
  line is the document the appendix belongs to, and a template's plain "Căn cứ Luật …;" cites a real law.

>>> v = "Mẫu số 01\\nBỘ NỘI VỤ\\nSố: 15/QĐ-BNV\\nCăn cứ Quyết định số 12/QĐ-BNV ngày …… tháng …… năm ……;\\n"
>>> f = ModelForms.of(v)
>>> f.is_model(v.index("15/QĐ")), f.is_model(v.index("12/QĐ")), f.is_model(v.index("BỘ"))
(True, True, False)
>>> ModelForms.of("b) Mẫu vật có nguồn gốc hợp pháp;\\nSố: 15/QĐ-BNV").is_model(40)
False
>>> filled = "Mẫu số 52-DS\\nTÒA ÁN NHÂN DÂN HUYỆN A\\nSố: 12/2020/QĐ-ST\\nA, ngày 5 tháng 3 năm 2020\\n"
>>> ModelForms.of(filled).is_model(filled.index("12/"))
False
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["FORM_HEADER_LINES", "ModelForms"]

#: how many lines after a form line still belong to the form's header block (agency, rule, "Số:", place)
FORM_HEADER_LINES = 12

_LEAD = r"^[ \t*#|_>\-–]*"
# a form's code after "Mẫu [số]": starts with a digit or a capital ("01", "2-KNĐ", "01/TNCN", "B02", "I.3")
_CODE = r"(?:[ \t]+(?i:số))?[ \t]*[:.]?[ \t]*(?:\d|[A-ZĐ](?:[A-ZĐ0-9]*[0-9./\-]|[ \t]*$))"
_FORM_LINE = re.compile(
    rf"{_LEAD}(?:(?:(?:Biểu|BIỂU)[ \t]+(?:mẫu|Mẫu|MẪU)|Mẫu|MẪU){_CODE}"  # Mẫu số 01, Biểu mẫu 12-BM, MẪU SỐ 01/TNCN
    rf"|(?P<caps>MẪU[ \t]+[^\n]+)"  # MẪU QUYẾT ĐỊNH (a line of capitals: checked in ModelForms.of)
    rf"|(?:Phụ lục|PHỤ LỤC)[^\n]{{0,80}}(?<!\w)(?:mẫu|Mẫu|MẪU)(?!\w))",
    re.MULTILINE,
)
_FORM_WORD = re.compile(r"Mẫu|MẪU|Biểu mẫu|BIỂU MẪU|Phụ lục|PHỤ LỤC")
# "Số:" as a field just before a symbol: at a line's start, after a table cell's bar, or written "Số"/"SỐ" in
# the line ("Mẫu số 01 Số: 15/QĐ-BNV"); not a sentence's "… kèm theo Quyết định số 15/QĐ-BNV"
_NUMBER_FIELD = re.compile(
    r"(?:^[ \t*#|_>]*(?i:số|sô)|\|[ \t*]*(?i:số|sô)|(?<!\w)(?:Số|SỐ))(?:[ \t]+(?i:hiệu))?"
    r"[ \t]*[:.]?[ \t*|]*$",
    re.MULTILINE,
)
# a "Số:" line as a header writes it (the document's own, when no form line comes before it)
_OWN_NUMBER = re.compile(r"^[ \t*#|_>]*(?:Số|SỐ|Sô)[ \t]*[:.]?[ \t*|]*\d", re.MULTILINE)
# blanks to fill in: two ellipses, four dots, or an ellipsis by a note mark "(1)"
_BLANK = re.compile(r"…[ \t]*…|\.{4,}|…[ \t]*\(\d{1,2}\)|\(\d{1,2}\)[ \t]*…")


@dataclass(frozen=True)
class ModelForms:
    """Where a text's model forms are: the view offsets of its form lines, and whether each is a model (its "Số:"
    is no document's)."""

    text: str
    starts: tuple[int, ...]
    models: tuple[bool, ...] = ()

    @classmethod
    def of(cls, v: str) -> ModelForms:
        # found from their words (a literal leads: the engine skips to it), each checked from its line's start
        starts: list[int] = []
        for w in _FORM_WORD.finditer(v):
            ls = v.rfind("\n", 0, w.start()) + 1
            if (
                (not starts or starts[-1] != ls)
                and w.start() - ls < 16
                and (fm := _FORM_LINE.match(v, ls))
                and (fm["caps"] is None or fm["caps"] == fm["caps"].upper())
            ):
                starts.append(ls)
        own = _OWN_NUMBER.search(v)  # the first "Số:" line: the document's own header, when it comes first
        return cls(v, tuple(starts), tuple(_is_model(v, ls, own.start() if own else len(v)) for ls in starts))

    def _line(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, (len(self.text) if end < 0 else end)

    def is_model(self, pos: int) -> bool:
        """Is the mention at view offset `pos` a model's number (see the module's rule)?"""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return False
        form = self.starts[i]
        ls, le = self._line(pos)
        if _BLANK.search(self.text, ls, le):
            return True
        in_header = self.text.count("\n", form, ls) <= FORM_HEADER_LINES
        return self.models[i] and in_header and _NUMBER_FIELD.search(self.text, ls, pos) is not None


def _is_model(v: str, form: int, own: int) -> bool:
    """Is the form at `form` a model: after the document's own "Số:" line (at `own`), or with blanks in its
    header block?"""
    if own < form:
        return True
    end = form
    for _ in range(FORM_HEADER_LINES + 1):
        end = v.find("\n", end + 1)
        if end < 0:
            end = len(v)
            break
    return _BLANK.search(v, form, end) is not None
