"""Paragraphs and boilerplate: which lines are article prose."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import REPORTING_FORMS

_FINAL = ".!?…"
_CLOSERS = "”’\"')]»"
_CAPTION = re.compile(
    r"\b(?:Pic|Pics|Photo|Photos|Picture|Image|Images|Credit|Photograph|Video|Source)\s*:", re.I
)
# "Follow Jane Doe on Twitter @janedoe": a byline's sign-off, not prose
_FOLLOW = re.compile(
    r"^\W*Follow\s+.{1,80}?\s+on\s+(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|Mastodon)\b"
)
_HEADER_END = re.compile(r"[:\-–—]\s*$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass
class Paragraph:
    index: int
    start: int
    end: int
    prose: bool
    title: bool = False  # first line of the text (headline)


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _ends_sentence(s: str) -> bool:
    s = s.rstrip()
    while s and s[-1] in _CLOSERS:
        s = s[:-1].rstrip()
    return bool(s) and s[-1] in _FINAL


def _opens_quote(s: str) -> bool:
    # a paragraph ending inside an open quotation (news style for multi-paragraph quotes)
    return s.count("“") > s.count("”") or s.count('"') % 2 == 1


def split_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line, classified as prose or not."""
    paras: list[Paragraph] = []
    pos = 0
    n = len(text)
    in_links = False
    first = True
    while pos < n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        s, e = pos, line_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        pos = line_end + 1
        if s >= e:
            continue
        line = text[s:e]
        words = _words(line)
        ends = _ends_sentence(line)
        prose = ends and len(words) >= 2
        if line.rstrip().endswith(":") and (
            len(words) >= 4 or (len(words) >= 2 and words[-1].lower() in REPORTING_FORMS)
        ):
            prose = True  # a lead-in to a quotation in the next paragraph ("He said:")
        if not prose and _opens_quote(line) and len(words) >= 4:
            prose = True
        if _CAPTION.search(line) or _FOLLOW.match(line):
            prose = False
        if paras and not paras[-1].prose and _HEADER_END.search(text[paras[-1].start : paras[-1].end]):
            # the line after "Image:" / "Read more:" headers
            hdr = text[paras[-1].start : paras[-1].end]
            if len(_words(hdr)) <= 3:
                prose = False
        # link lists: after a short header line without sentence punctuation, lines that do not end
        # a sentence with a full stop are headlines of related links
        if in_links:
            if line.rstrip().rstrip(_CLOSERS).endswith("."):
                in_links = False
            else:
                prose = False
        if not ends and len(words) <= 6 and not first:
            in_links = True
        # a first line that does not end with a full stop is the headline
        title = first and not line.rstrip().rstrip(_CLOSERS).endswith(".")
        paras.append(Paragraph(len(paras), s, e, prose, title=title))
        first = False
    return paras


# "WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -", "KYIV, Ukraine ―": the place (in capitals) and
# agency a wire story opens with; the words are no speaker and no organisation.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]*[A-Z]\.?"  # the place, in capitals
    r"(?:,[ \t]*[A-Z][\w.'’ ]{0,40}?)?"  # ", Ukraine", ", March 3"
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?"  # "(AP)"
    r"[—–―-]{1,2}[ \t]"
)


# "New Delhi, June 12 (PTI)", "Beijing, Jan. 3 (Xinhua) --": a place in ordinary capitals is a dateline
# only with its date and its agency, and the dash may be missing.
_DATED_DATELINE = re.compile(
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3},[ \t]*"  # the place
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?[ \t]*"
    r"\([^()\n]{1,40}\)[ \t]*(?:(?:[—–―-]{1,2}|:)[ \t]*)?"
)


def dateline_end(text: str, start: int, end: int) -> int | None:
    """Where the dateline opening the paragraph text[start:end] ends, or None when it has none."""
    m = _DATELINE.match(text, start, end) or _DATED_DATELINE.match(text, start, end)
    return m.end() if m else None
