"""Normalise: build the *matching view* of a text without ever altering the evidence text.

The matching view is NFC, with old/new tone placement unified (hoá -> hóa, uỷ -> ủy), look-alike
letters unified (Ð U+00D0 -> Đ), dashes and odd spaces made plain. It keeps a map from each of its
characters back to the original text, so a span found in the view is a span of the original.

>>> v = MatchView.of("Thành uỷ ... Nghị quyết số 05-NQ/TU")
>>> v.text[:8]
'Thành ủy'
>>> v.to_original(0, 8)
(0, 8)
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field

# Old-style tone placement -> new style (the tone goes on the main vowel), both cases.
_TONE_PAIRS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_PAIRS.update({k.upper(): v.upper() for k, v in list(_TONE_PAIRS.items())})
_TONE_PAIRS.update({k[0].upper() + k[1]: v[0].upper() + v[1] for k, v in list(_TONE_PAIRS.items()) if k.islower()})
# "quý", "quỳ", ... : after q the u is part of the consonant; the standard spelling is the same in
# both styles, so we leave those alone.
# a toned vowel ending a word, right after o or u (the look-behind runs only where the vowel is found)
_TONED_END = re.compile("[àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?<=[oOuU].)(?![a-zA-Zà-ỹÀ-Ỹđ])")
_COMBINING = "\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING_RUN = re.compile(f"[^{_COMBINING}][{_COMBINING}]+")
_ANY_COMBINING = re.compile(f"[{_COMBINING}]")

# Same-length character substitutions.
_CHAR_MAP = str.maketrans(
    {
        "\u00d0": "Đ",  # Ð (Icelandic eth) from PDFs
        "\u00f0": "đ",
        "\u0189": "Đ",  # Ɖ African D
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\ufe63": "-",
        "\uff0d": "-",  # small and full-width hyphen-minus (East Asian fonts, OCR)
        "\u2044": "/",
        "\u2215": "/",
        "\uff0f": "/",  # fraction slash, division slash, full-width solidus
        "\u00a0": " ",
        "\u2000": " ",
        "\u2001": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2007": " ",
        "\u2008": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u037e": ";",
        "\u0387": "\u00b7",  # Greek question mark, ano teleia: NFC changes them on their own
        "\u200b": " ",
        "\u200c": " ",
        "\u200d": " ",
        "\ufeff": " ",
        "\u201c": '"',
        "\u201d": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\r": "\n",
    }
)


_CHAR_DICT = {chr(k): (v if isinstance(v, str) else chr(v)) for k, v in _CHAR_MAP.items()}
_CHAR_RE = re.compile("[" + re.escape("".join(_CHAR_DICT)) + "]")


def plain_chars(s: str) -> str:
    """Same-length substitutions (Ð -> Đ, dashes, odd spaces); a regex finds the few places to change.

    >>> plain_chars("NÐ\u2013CP"), plain_chars("15\uff0f2020\u2215NĐ\uff0dCP")
    ('NĐ-CP', '15/2020/NĐ-CP')
    """
    return _CHAR_RE.sub(lambda m: _CHAR_DICT[m.group(0)], s)


def fold_tones(s: str) -> str:
    """Unify tone placement on an NFC string, keeping its length.

    The scan looks for the rarer character, a toned vowel at the end of a word, and a look-behind checks the
    o or u before it (four times faster than a regex led by the common o/u).

    >>> fold_tones("công nghiệp hoá, Thành uỷ, Khánh Hoà, quý")
    'công nghiệp hóa, Thành ủy, Khánh Hòa, quý'
    """
    parts: list[str] = []
    last = 0
    for m in _TONED_END.finditer(s):
        i = m.start()
        if i == 0 or (i >= 2 and s[i - 2] in "qQ"):
            continue
        rep = _TONE_PAIRS.get(s[i - 1] + s[i])
        if rep is None:
            continue
        parts.append(s[last : i - 1])
        parts.append(rep)
        last = i + 1
    if not parts:
        return s
    parts.append(s[last:])
    return "".join(parts)


def nfc_with_map(text: str) -> tuple[str, list[tuple[int, int]]]:
    """NFC-compose `text`; return it with its offset map as sorted breakpoints.

    The map is a list of (view_offset, shift): from view_offset on, original = view + shift (until
    the next breakpoint). Text that is already NFC has an empty map.

    >>> nfc_with_map("ho\u0301a")
    ('hóa', [(2, 1)])
    """
    if not _ANY_COMBINING.search(text):
        # nothing to compose (a regex finds that faster than unicodedata.is_normalized); the few characters NFC
        # changes on their own that matter for matching are plain_chars' (Greek question mark, en quad, ...)
        return text, []
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    pos = 0  # in text
    vpos = 0  # in output
    for m in _COMBINING_RUN.finditer(text):
        out.append(text[pos : m.start()])
        vpos += m.start() - pos
        piece = unicodedata.normalize("NFC", m.group(0))
        out.append(piece)
        vpos += len(piece)
        pos = m.end()
        marks.append((vpos, pos - vpos))
    out.append(text[pos:])
    composed = "".join(out)
    # characters NFC changes without combining marks (rare singletons) keep their length
    final = unicodedata.normalize("NFC", composed)
    if len(final) == len(composed):
        composed = final
    return composed, marks


def matching_form(s: str) -> str:
    """The matching form of a short string (patterns, names): NFC, folded tones, plain chars.

    >>> matching_form("Thành uỷ")
    'Thành ủy'
    """
    return fold_tones(plain_chars(unicodedata.normalize("NFC", s)))


def fold_key(s: str) -> str:
    """A comparison key: matching form, lower case, single spaces, no accents, đ -> d.

    >>> fold_key("  Hội đồng  nhân dân  ")
    'hoi dong nhan dan'
    """
    s = unicodedata.normalize("NFD", matching_form(s).lower())
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("đ", "d")
    return re.sub(r"\s+", " ", s).strip()


@dataclass
class MatchView:
    """The matching view of an original text and the map back to it.

    The view is NFC, tone-folded, with plain dashes and spaces, and runs of spaces or tabs squeezed to one
    space (justified PDF text: "Đại  hội  đại  biểu"); line breaks are kept. `marks` maps the NFC step,
    `squeezed` the squeezing step, both as (offset, shift) breakpoints.

    >>> v = MatchView.of("Đại  hội   XIII")
    >>> v.text, v.to_original(8, 12)
    ('Đại hội XIII', (11, 15))
    """

    original: str
    text: str
    marks: list[tuple[int, int]]
    squeezed: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, original: str) -> MatchView:
        composed, marks = nfc_with_map(original)
        folded = fold_tones(plain_chars(composed))
        text, squeezed = squeeze_spaces(folded)
        return cls(original=original, text=text, marks=marks, squeezed=squeezed)

    @staticmethod
    def _shift(points: list[tuple[int, int]], pos: int) -> int:
        if not points:
            return pos
        i = bisect.bisect_right(points, (pos, 1 << 62)) - 1
        return pos + (points[i][1] if i >= 0 else 0)

    def _orig(self, pos: int) -> int:
        return self._shift(self.marks, self._shift(self.squeezed, pos))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the view to the span of the original text."""
        return self._orig(start), self._orig(end)

    @staticmethod
    def _unshift(points: list[tuple[int, int]], origins: list[int], pos: int) -> int:
        # original = view + shift from each breakpoint on; `origins` are the breakpoints' original offsets
        i = bisect.bisect_right(origins, pos) - 1
        return max(points[i][0], pos - points[i][1]) if i >= 0 else pos

    @functools.cached_property
    def lower(self) -> str:
        """The view in lower case, of the same length (a character whose lower case is longer is kept).

        >>> MatchView.of("Thành  Uỷ").lower
        'thành ủy'
        """
        low = self.text.lower()
        if len(low) != len(self.text):
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)
        return low

    @functools.cached_property
    def _origins(self) -> tuple[list[int], list[int]]:
        return [p + s for p, s in self.marks], [p + s for p, s in self.squeezed]

    def to_view(self, pos: int) -> int:
        """The view offset of an original offset (a character the view dropped maps to the next one kept).

        >>> v = MatchView.of("Đại  hội   XIII")
        >>> v.to_view(11), v.text[v.to_view(11):]
        (8, 'XIII')
        """
        marks, squeezed = self._origins
        return self._unshift(self.squeezed, squeezed, self._unshift(self.marks, marks, pos))


def squeeze_spaces(s: str) -> tuple[str, list[tuple[int, int]]]:
    """Runs of spaces and tabs as one space, with (offset, shift) breakpoints back to `s`.

    str.find does the scanning (a regex is three times slower on the laws corpus).

    >>> squeeze_spaces("a   b c  d")
    ('a b c d', [(2, 2), (6, 3)])
    """
    if "\t" in s:
        s = s.replace("\t", " ")
    i = s.find("  ")
    if i < 0:
        return s, []
    parts: list[str] = []
    points: list[tuple[int, int]] = []
    pos = shift = 0
    n = len(s)
    while i >= 0:
        j = i + 2
        while j < n and s[j] == " ":
            j += 1
        parts.append(s[pos : i + 1])
        shift += j - i - 1
        pos = j
        points.append((j - shift, shift))
        i = s.find("  ", j)
    parts.append(s[pos:])
    return "".join(parts), points
