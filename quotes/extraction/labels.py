"""Speaker labels: 'Name: words' in a headline ('Rubio: I Still Believe ...') and in the lines of a
transcript ('WALLACE: Let's start with ...'), and a headline's 'Name Says words'.

Plain text only: which lines carry a label, where the label and the words are. Whether a label names
somebody is decided by the caller, which knows the article's names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A label: one to four words (initials, hyphens and apostrophes allowed), then a colon and the words.
_LABEL = re.compile(
    r"""^["“]?(?P<label>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?P<words>\S.*)$""",
)
# Labels that introduce something other than a speaker's words.
_NOT_SPEAKERS = {
    "update",
    "updated",
    "updates",
    "breaking",
    "exclusive",
    "watch",
    "video",
    "photo",
    "photos",
    "read",
    "editor's note",
    "editor’s note",
    "note",
    "source",
    "sources",
    "correction",
    "analysis",
    "opinion",
    "poll",
    "report",
    "live",
    "listen",
    "related",
    "see",
    "also",
    "q",
    "a",
}
_TRAILING = " \t."
# A headline that names its speaker before a reporting verb: "Glenn Beck Says Trump Poses a Threat".
_HEADLINE_SAYS = re.compile(
    r"""^(?P<label>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+"""
    r"""(?P<verb>Says|Said|Warns|Claims|Insists|Admits|Argues|Predicts|Vows|Promises|Denies|Suggests)"""
    r"""\s+(?P<words>\S.*)$"""
)


# A headline that names the speaker and whom or what the words are for: "Doe to Teachers: We Will Pay
# You More", "Doe on the Budget: 'It Is Dead'". The speaker is the name before the preposition.
_HEADLINE_ADDRESSED = re.compile(
    r"""^(?P<label>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?P<prep>(?i:to|on|at))\s+[^:]{2,100}?:\s+"""
    r"""(?P<words>\S.*)$"""
)


# A headline that gives a person's quoted words after a colon: "Senator Grills Bank Chief: ‘You
# Should Resign’", "A Lesson From Jane Doe: 'Be the Voice'". Who said them is the person it names.
_HEADLINE_QUOTE = re.compile(r"""^(?P<label>[^:]{3,140}?)\s*:\s+(?P<words>[“"‘'][^“”"]+[”"’'])[.!?]?$""")


def _title_case(words: str) -> bool:
    """Most longer words capitalised: a headline, not a sentence that opens the article."""
    long = [w for w in re.findall(r"[^\W\d_][\w'’]*", words) if len(w) >= 4]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


@dataclass(frozen=True)
class Label:
    label_start: int
    label_end: int
    words_start: int
    words_end: int
    headline: bool  # the article's first line
    cue: str = ":"  # or the headline's verb ("Says")
    about: bool = False  # the label is a headline about its speaker, not the speaker's name


def find_labels(text: str, paragraphs) -> list[Label]:
    """Labelled lines among ``paragraphs`` (objects with start, end, index): the first line of the text
    when it reads 'Name: words', and every line of a transcript, where at least two lines carry one."""
    found: list[Label] = []
    for p in paragraphs:
        line = text[p.start : p.end]
        m = _LABEL.match(line)
        about = False
        if m is None and p.index == 0:
            m = _HEADLINE_SAYS.match(line)
            if m is not None and not _title_case(m.group("words")):
                m = None
        if m is None and p.index == 0:
            m = _HEADLINE_ADDRESSED.match(line)
            # ("Doe on Immigration: A Timeline" is a topic; words said on it come in quotation marks)
            if m is not None and m.group("prep").lower() != "to" and m.group("words")[0] not in "“\"‘'":
                m = None
        if m is None and p.index == 0:
            m = _HEADLINE_QUOTE.match(line)
            # (a headline's few words, not an opening sentence: "The governor, X, was blunt: '...'")
            # (nor a sentence's lead-in: "Senator X tweeted: '...'" ends in a verb, a headline in a name)
            label = m.group("label").split() if m is not None else []
            if m is not None and (len(label) > 8 or "," in m.group("label") or not label[-1][:1].isupper()):
                m = None
            about = m is not None
        if m is None:
            continue
        label = m.group("label").strip()
        if not about and (label.lower() in _NOT_SPEAKERS or label.split()[0].lower() in _NOT_SPEAKERS):
            continue
        words_end = p.end
        while words_end > p.start + m.start("words") and text[words_end - 1] in _TRAILING:
            words_end -= 1
        words_start = p.start + m.start("words")
        if words_end - words_start < 8:
            continue
        found.append(
            Label(
                p.start + m.start("label"),
                p.start + m.start("label") + len(label),
                words_start,
                words_end,
                headline=p.index == 0,
                cue=m.groupdict().get("verb") or ":",
                about=about,
            )
        )
    transcript = sum(1 for x in found if not x.headline) >= 2
    return [x for x in found if x.headline or transcript]
