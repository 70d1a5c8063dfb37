"""Whether the words of a proper-name span are a name: what the tagger's spans bring along that is not.

The named-entity tagger and the proper-noun runs of the speaker analysis take any capitalised words for
a name. In news text that picks up a headline's other words ("Minister Says" in a title-case headline),
the word that opens a sentence ("Asked Smith", "Rival Jane Doe"), a wire dateline ("LONDON (Reuters) —"),
markup left in the text, a word written inside quotation marks (the title of a programme) and common
nouns that open a sentence ("Bank executives ..."). ``trim_name`` keeps the part of a span that is a
name, or nothing; ``name_words`` writes the words of a name as they stand in the text (a hyphenated
name stays one word: "Ban Ki-moon").
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

from .layout import dateline_end, split_paragraphs
from .lexicon import (
    FEMALE_FIRST_NAMES,
    HONORIFICS,
    HUMAN_NOUNS,
    MALE_FIRST_NAMES,
    ORG_NAME_WORDS,
    PLACE_WORDS,
)

_QUOTE_MARKS = "\"“”‘’'«»"
_MARKUP = re.compile(r"[<>=\[\]{}|\\]")
_PARTICLES = {
    "de", "van", "von", "der", "den", "da", "di", "del", "la", "le", "du", "al", "el", "bin", "ibn", "dos",
    "ten", "ter", "y", "e",
}  # fmt: skip
# Tags of words that are not (the start of) a name when they open a sentence: "Said Ellis:",
# "Asked about it, ...", "Everything Smith says", "Rival Jane Doe".
_NOT_NAME_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "RB", "RBR", "RBS", "DT", "PRP", "PRP$",
                  "WP", "WDT", "WRB", "IN", "CC", "NN", "NNS", "JJ", "JJR", "JJS", "CD", "UH"}  # fmt: skip
_FUNCTION_TAGS = _NOT_NAME_TAGS - {"NN", "NNS", "JJ", "JJR", "JJS", "CD"}


class NameContext:
    """What the name checks need to know about one document, computed once."""

    def __init__(self, doc, *, text: str | None = None, paragraphs=None) -> None:
        """text and paragraphs: the document's, when the caller has them already."""
        text = doc.text if text is None else text
        self.doc = doc
        paragraphs = split_paragraphs(text) if paragraphs is None else paragraphs
        self.title: tuple[int, int] | None = None
        self.title_case = False
        self.body = text
        if paragraphs:
            # "Minister Says Talks Will Resume.": a first line with every longer word capitalised is a
            # headline (whatever its last character), and its capitals tell nothing
            first = paragraphs[0]
            words = re.findall(r"[^\W\d_][\w'’-]*", text[first.start : first.end])
            long_words = [w for w in words if len(w) > 3]
            self.title_case = 2 <= len(long_words) <= 25 and all(w[0].isupper() for w in long_words)
            if self.title_case or first.title:
                self.title = (first.start, first.end)
                self.body = text[first.end :]
        # Only a story's opening lines carry a dateline.
        self.datelines: list[tuple[int, int]] = []
        for p in paragraphs[:3]:
            end = dateline_end(text, p.start, p.end)
            if end is not None:
                self.datelines.append((p.start, end))
        # Words written in lower case somewhere inside a sentence: common words ("bank", "state").
        self.lower_words: set[str] = set()
        self.verbs: set[str] = set()
        # One-word names that subjects join to a person's ("Richards and Menendez both stressed"):
        # people, whatever the tagger calls them
        self.joined_to_people: set[str] = set()
        for t in doc:  # one pass: a token's attributes are read through a new Python object each time
            if t.is_lower:
                low = t.lower_
                if t.tag_.startswith("VB"):
                    self.verbs.add(low)
                if not t.is_sent_start:
                    self.lower_words.add(low)
            if t.dep_ == "conj" and t.pos_ == "PROPN" and t.head.dep_ == "nsubj" and t.head.pos_ == "PROPN":
                self.joined_to_people |= _joined_to_a_person(t)
        # Words that end a name of two or more words: surnames ("May" of "Jane May" is a name).
        self.surnames: set[str] = set()
        for ent in doc.ents:
            words = [t for t in ent if t.is_alpha]  # without a possessive ending: "Jane Doe's"
            if ent.label_ == "PERSON" and len(words) >= 2 and words[-1].is_title:
                self.surnames.add(words[-1].lower_)

    def in_title(self, tok) -> bool:
        return self.title is not None and self.title[0] <= tok.idx < self.title[1]

    def in_dateline(self, tok) -> bool:
        return any(a <= tok.idx < b for a, b in self.datelines)


def _joined_to_a_person(conj) -> set[str]:
    """Of a name and the one it is joined to, the one-word name the tagger did not call a person's where
    the other is a person's."""
    joined = set()
    for word, other in ((conj, conj.head), (conj.head, conj)):
        if (
            other.ent_type_ == "PERSON"
            and word.ent_type_ != "PERSON"
            and word.is_title
            and word.is_alpha
            and not any(c.dep_ in ("compound", "det") for c in word.children)
        ):
            joined.add(word.lower_)
    return joined


def _opens_sentence(tok) -> bool:
    """The first word of its sentence, after any opening quotation marks or brackets."""
    doc = tok.doc
    i = tok.i
    while i > tok.sent.start and doc[i - 1].is_punct:
        i -= 1
    return i == tok.sent.start


def _in_body(ctx: NameContext, words: list[str]) -> bool:
    phrase = r"\s+".join(re.escape(w) for w in words)
    return re.search(rf"(?<![\w-]){phrase}(?![\w-])", ctx.body) is not None


def trim_name(toks: list, ctx: NameContext) -> list:
    """The tokens of a proper-name span that are a name (possibly none), in order."""
    if not toks:
        return toks
    if any(ctx.in_dateline(t) for t in toks):
        return []
    # A name written inside quotation marks is a title ("the 'Keepin' On' show"), not a speaker.
    before = toks[0].doc[toks[0].i - 1] if toks[0].i > 0 else None
    if before is not None and before.text in _QUOTE_MARKS and not before.whitespace_:
        return []
    toks = list(toks)
    # Markup left in the text ('">Smith'): the name starts after it.
    for k in range(len(toks) - 1, -1, -1):
        if _MARKUP.search(toks[k].text):
            rest = _MARKUP.split(toks[k].text)[-1]
            toks = toks[k:] if any(c.isalpha() for c in rest) else toks[k + 1 :]
            break
    # A bracket ends a name: "Del. Jane Doe (D-Newport News)" is followed by her party and seat.
    bracket = next((k for k, t in enumerate(toks) if t.text == "("), None)
    if bracket is not None:
        toks = toks[:bracket]
    if not toks:
        return toks
    if ctx.in_title(toks[0]) and ctx.title_case:
        # A title-case headline capitalises every word, so the tagger's span may hold a verb or an
        # epithet ("Minister Says", "Embattled Smith"): keep the longest run of its words that the
        # article's text writes as they stand, or nothing.
        texts = [t.text for t in toks]
        for size in range(len(toks), 0, -1):
            for a in range(len(toks) - size + 1):
                if any(c.isalpha() for c in texts[a]) and _in_body(ctx, texts[a : a + size]):
                    run = toks[a : a + size]
                    # "County" of "Bellwether County Says": a common word left alone is no name
                    return [] if size == 1 < len(toks) and run[0].lower_ in ctx.lower_words else run
        return []
    first = toks[0]
    # inside the tagger's entity only a verb or a function word is surely not the name's
    same_entity = first.ent_type_ and toks[-1].ent_iob_ == "I" and first.ent_iob_ == "B"
    if (
        len(toks) > 1
        and _opens_sentence(first)
        and first.tag_ in (_FUNCTION_TAGS if same_entity else _NOT_NAME_TAGS)
    ):
        toks = toks[1:]  # "Said Ellis", "Rival Jane Doe", "Everything Smith says"
    elif (
        len(toks) > 1
        and _opens_sentence(first)
        and (
            first.lower_ in ctx.verbs
            # a gerund, unless it opens an organisation's name ("Playing Field Trust")
            or (
                first.lower_.endswith("ing")
                and first.is_title
                and first.ent_type_ in ("", "PERSON")
                and toks[1].lower_ not in PLACE_WORDS  # "Downing Street", "Reading Road"
            )
        )
    ):
        # "Say Ruritania refused ...", "Injecting Smith's troubles into the race ...": a verb that the
        # article writes as one elsewhere, or a gerund, not a first name
        toks = toks[1:]
    while toks and toks[0].is_lower and toks[0].lower_ not in _PARTICLES:
        toks = toks[1:]
    # "Tavora 13 percent", "Doe and Democratic": a number, a lower-case word, an adjective or a
    # conjunction ends no name; the tagger's span ran on
    for k, t in enumerate(toks[1:], 1):
        if (t.like_num and k + 1 < len(toks) and toks[k + 1].is_lower) or t.lower_ in ("and", "&", "or"):
            if t.lower_ in ("and", "&") and k + 1 < len(toks) and toks[k + 1].tag_ in ("NNP", "NNPS"):
                continue  # "Marks and Spencer", "Procter & Gamble"
            toks = toks[:k]
            break
    if (
        len(toks) >= 2
        and toks[-2].lower_ in ORG_NAME_WORDS
        and toks[-1].lower_ in ctx.surnames
        and toks[-1].lower_ not in ORG_NAME_WORDS
    ):
        toks = toks[-1:]  # "the board of the Harbour Times Doe said": the paper's name ran into Doe's
    if len(toks) == 1 and _opens_sentence(toks[0]) and common_word(toks[0], ctx):
        return []  # "Bank executives are ...": a common noun opening the sentence
    if len(toks) == 1 and not_a_name_alone(toks[0]):
        return []
    return toks


_CALENDAR_WORDS = {
    *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    *("january", "february", "march", "april", "june", "july", "august", "september", "october"),
    *("november", "december"),
}


_STREET_WORDS = {"street", "road", "avenue", "square", "lane", "boulevard"}


def not_a_name_alone(tok) -> bool:
    """A word that names no one on its own: an honorific ("Mr." with the name left out of the
    tagger's span), a day or a month, a street's last word, or people described in the plural
    opening a sentence ("Aides said ...")."""
    low = tok.lower_.rstrip(".")
    if low in HONORIFICS or low in _CALENDAR_WORDS or low in _STREET_WORDS:
        return True  # ("Street" cut from the name before it; "State" alone may be the State Department)
    return (
        _opens_sentence(tok) and tok.tag_ in ("NNS", "NNPS") and low.endswith("s") and low[:-1] in HUMAN_NOUNS
    )


def common_word(tok, ctx: NameContext) -> bool:
    """A capitalised word alone that the same article writes in lower case ("Bank executives ...",
    "secretary of State"), and never as the last word of a person's name."""
    return tok.lower_ in ctx.lower_words and tok.lower_ not in ctx.surnames and not tok.is_upper


def name_words(toks) -> tuple[str, ...]:
    """The words of a name as written: parts joined without space stay one word ("Ki-moon",
    "Holtz-Eakin", "O’Neill"); a possessive ending and markup are dropped; a lower-case word that is
    not a particle ("pro-Smith") is no part of a name."""
    words: list[str] = []
    glue = False
    for t in toks:
        w = _MARKUP.split(t.text)[-1]
        for p in ("’s", "'s"):
            if w.endswith(p) and len(w) > len(p):
                w = w[: -len(p)]
        if w in ("'s", "’s", "'", "’") or not w:
            glue = False
            continue
        if glue and words and (w in "-–" or words[-1][-1] in "-–"):
            words[-1] += w
        elif any(c.isalnum() for c in w):
            words.append(w)
        glue = not t.whitespace_
    words = [w.strip("-–") for w in words]
    return tuple(
        w
        for w in words
        if w
        and any(c.isalnum() for c in w)
        # ("al-Ansari", "el-Sisi": a particle joined to the surname by a hyphen)
        and (not w[0].islower() or re.split("[-–]", w)[0].lower() in _PARTICLES)
    )


def first_name_gender(word: str) -> str | None:
    """'f' or 'm' from a common first name (a weak signal), or None."""
    word = word.lower()
    return "f" if word in FEMALE_FIRST_NAMES else "m" if word in MALE_FIRST_NAMES else None


def span_text(toks) -> str:
    """Tokens as the text writes them (with the text's own spacing): "Lt. Gen.", "two-decade"."""
    toks = list(toks)
    return "".join(t.text_with_ws for t in toks).strip() if toks else ""


_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def person_shaped(words: tuple[str, ...], org_words: set[str] | frozenset[str]) -> bool:
    """A name that only a person has: a middle initial ("Ana R. Lopes"), a generational suffix
    ("Carl Brandt III") or a hyphenated given name ("Jean-Luc Marchand"), without an organisation's word."""
    if not 2 <= len(words) <= 4 or any(w.lower().strip(".") in org_words for w in words):
        return False
    if not all(w[0].isupper() for w in words) or any(w.isupper() and len(w) > 3 for w in words):
        return False
    initial = any(re.fullmatch(r"[A-Z]\.", w) for w in words[1:-1])
    suffix = words[-1].lower() in _SUFFIXES and len(words) >= 3
    hyphenated = (
        len(words) == 2
        and re.fullmatch(r"[A-Z][a-zà-ÿ]+-[A-Z][a-zà-ÿ]+", words[0]) is not None
        and re.fullmatch(r"[A-Z][a-zà-ÿ'’]+", words[1]) is not None
    )
    return initial or suffix or hyphenated


# Social networks and video sites: quoted as sources, never people.
PLATFORMS = frozenset(
    {"twitter", "facebook", "youtube", "instagram", "tiktok", "reddit", "linkedin", "snapchat", "whatsapp"}
)
_CAMEL_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Fitz", "O'", "O’", "D'", "D’")


def not_a_person(word: str) -> bool:
    """A one-word name no person has: a platform's, or a website's written in camel case ("FactFinder",
    "NewsHub"; not "McAdams", "DeSantis", "O'Neill")."""
    if word.lower() in PLATFORMS:
        return True
    inner = any(c.isupper() for c in word[1:]) and not word.isupper()
    return inner and word[0].isupper() and not word.startswith(_CAMEL_PREFIXES) and "-" not in word


def shared_surname(tok, idx, words: tuple[str, ...]) -> tuple[str, ...]:
    """'Ana and Luis Ortega', 'Ana and Luis Ortega's house': a first name joined to a full name by 'and'
    shares its surname."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "and":
        return words
    nxt = doc[tok.i + 2]
    ent = idx.ent_of.get(nxt.i)
    if ent is not None and ent.label_ == "PERSON" and ent.start == nxt.i and len(ent) == 2:
        surname = ent[-1]
    elif (
        ent is None
        and nxt.pos_ == "PROPN"
        and nxt.is_title
        and nxt.i + 1 < len(doc)
        and doc[nxt.i + 1].pos_ == "PROPN"
        and not doc[nxt.i + 1].ent_type_
        and (nxt.i + 2 >= len(doc) or doc[nxt.i + 2].pos_ != "PROPN")
    ):
        surname = doc[nxt.i + 1]  # the tagger missed the second name
    else:
        return words
    if not surname.is_title or tok.lower_ in idx.names.surnames:
        return words  # "Smith and Jane Doe", Smith named in full elsewhere: two people
    return (words[0], surname.text)


__all__ = [
    "NameContext",
    "common_word",
    "first_name_gender",
    "name_words",
    "person_shaped",
    "span_text",
    "trim_name",
]


def repaired(text: str | None) -> str | None:
    """A name as its writer meant it where the page was decoded twice ("FranÃ§ois" is "François"), its
    accents composed (one person is one row however the page encoded "é")."""
    if not text or text.isascii():
        return text
    return ftfy.fix_encoding(unicodedata.normalize("NFC", text))
