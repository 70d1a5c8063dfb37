"""Cues: reporting verbs with their speaker and content, nominal cues ("his claim that"), "according
to", speaker labels, verdicts after a quotation ("That was the message from X") and "as X put it".

A mixin of ``core._Article``: it reads the article's state (``self.doc``, ``self.text``, ``self.cues`` ...)
that ``core`` sets up."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .contents import _SENT_END, _SUBJ, _reports_beside
from .labels import find_labels
from .layout import Paragraph
from .lexicon import (
    FOLLOWING_NOUNS,
    HONORIFICS,
    INFINITIVE_CUES,
    MEDIA_ORG_WORDS,
    NEEDS_PARTICLE,
    NOMINAL_CUES,
    NOMINAL_FOR_CUES,
    NOMINAL_INFINITIVE_CUES,
    OBJECT_PRONOUNS,
    OBJECT_VERBS,
    ORG_NAME_WORDS,
    POSSESSIVE_PRONOUNS,
    PREPOSITION_CUES,
    PUBLICATION_NOUNS,
    QUESTION_VERBS,
    QUESTION_WORDS,
    REPORTING_FORMS,
)
from .speakers import PERSON_LABELS, Entity, RawSpeaker, analyze_np

_INHERIT_DEPS = ("conj", "xcomp", "advcl")

# Nominal cues whose 'about' phrase is what was said: "his comment about 47 percent of the country".
ABOUT_CUES = {"claim", "claims", "comment", "comments", "remark", "remarks", "assertion", "assertions"}

# What someone issues that then says something: "released a statement saying ...".
ISSUED_NOUNS = {
    "statement",
    "release",
    "communique",
    "letter",
    "notice",
    "announcement",
    "memo",
    "tweet",
    "email",
    "message",
    "video",
    "ad",
    "advert",
    "advertisement",
    "paper",
    "report",
    "study",
}

# a quotation followed by "That was the message from ...", "Such was the verdict of ..."
_VERDICT = re.compile(
    r"[.]?\s+(?:That|This|Those|These|Such|So)\s+(?:was|is|were|are|had\s+been)\s+(?:the|their|his|her|its)\s+"
    r"(?:[\w-]+\s+){0,2}?(message|verdict|view|warning|assessment|reaction|response|answer|advice|"
    r"plea|conclusion|argument|take|prediction|promise|pledge|word|words|judgement|judgment|"
    r"diagnosis|appeal|rallying\s+cry|call)\s+(?:from|of|by)\b"
)


@dataclass
class Cue:
    pos: int  # character offset of the cue word
    tok_i: int
    cue: str
    para: int
    raw: RawSpeaker | None
    content: tuple[int, int] | None = None  # character span of the reported content
    kind: str | None = None  # direct | indirect | mixed (of the content)
    quotes: list[int] = field(default_factory=list)  # indices of quotation spans inside the content
    entity: Entity | None = None
    co_entities: tuple[Entity, ...] = ()  # the others named with the speaker: "A and B said"
    strength: float = 1.0  # how sure the speaker resolution is
    base: float = 0.8
    title: bool = False
    label: bool = False  # a transcript's "NAME:" line


def _can_promise(raw: RawSpeaker) -> bool:
    """'The route promises to shave days off the voyage' is a prospect, not a pledge: a pledge is a
    person's, or a body's whose name says it is one."""
    if raw.kind == "person" or raw.pronoun in ("he", "she", "they") or raw.spokes:
        return True
    name = raw.name_words[0] if raw.name_words else ""
    words = name.lower().replace("-", " ").split()
    return bool(words) and (
        any(w in ORG_NAME_WORDS or w in FOLLOWING_NOUNS for w in words) or (name.isupper() and len(name) <= 6)
    )


def _in_whose_words(t):
    """(owner, "words") of "In Gabuev's words," / "in his words," opening a sentence, or None."""
    doc = t.doc
    j = t.i + 1
    if j < len(doc) and doc[j].lower_ in POSSESSIVE_PRONOUNS:
        owner, j = doc[j], j + 1
    else:
        while j < min(len(doc), t.i + 5) and doc[j].pos_ == "PROPN":
            j += 1
        if j == t.i + 1 or j >= len(doc) or doc[j].tag_ != "POS":
            return None
        owner, j = doc[j - 1], j + 1
    if j + 1 < len(doc) and doc[j].lower_ == "words" and doc[j + 1].text == ",":
        return owner, doc[j]
    return None


def _rest_of_the_sentence(after) -> tuple[int, int] | None:
    """The words of the sentence after a token, without the punctuation at either end, when they are
    three words or more."""
    doc = after.doc
    first, last = after.i + 1, after.sent.end - 1
    while first < last and doc[first].is_punct:
        first += 1
    while last > first and doc[last].is_punct:
        last -= 1
    return (first, last) if sum(1 for x in doc[first : last + 1] if x.is_alpha) >= 3 else None


def _puts_it_before_a_colon(verb) -> bool:
    """'X put it bluntly: ...', 'as she put it:': the words after the colon are X's."""
    doc = verb.doc
    j = verb.i + 1
    if j >= len(doc) or doc[j].lower_ != "it":
        return False
    j += 1
    while j < len(doc) and doc[j].pos_ == "ADV":
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ == "this" and doc[j + 1].lower_ == "way":
        j += 2
    return j < len(doc) and doc[j].text == ":"


def _appeals_to_someone(verb) -> bool:
    """'warned North Korea to refrain', 'urged both sides to talk': an object told to act."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and any(c.dep_ == "xcomp" and c.i > obj.i for c in verb.children)


# What a body counts, finds or publishes: "according to a count by X" is X's word.
_COUNTED_NOUNS = PUBLICATION_NOUNS | {
    "count",
    "tally",
    "estimate",
    "estimates",
    "review",
    "poll",
    "data",
    "figures",
}


def _subject_of_the_content(tok, verb) -> bool:
    """'Speaking to the paper, Jane Doe said the UAE would not take sides': the name after the cue
    is the reported clause's own subject, not the speaker."""
    clause = tok.head
    return tok.dep_ in _SUBJ and clause.i > tok.i and clause.dep_ == "ccomp" and clause.head.i == verb.i


class CueFinder:
    """Methods of the article extraction: see the module's docstring."""

    # ---- cues ----------------------------------------------------------------------------------
    def subject_of(self, verb, depth: int = 0):
        subjects = [c for c in verb.children if c.dep_ in _SUBJ or (depth and c.dep_ == "nsubjpass")]
        if subjects:
            # Two subjects are a misparse of a cue set in the sentence it reports ("Russia, Ms Notte
            # argued, was ..."): the one next to the verb is its own.
            before = [c for c in subjects if c.i < verb.i]
            return before[-1] if before else subjects[0]
        if verb.pos_ == "NOUN" and verb.dep_ == "ROOT" and verb.i > 0:
            # "Trump predicts that ...": the tagger took the cue for a plural noun and its subject for
            # the noun's compound
            name = verb.doc[verb.i - 1]
            if name.dep_ == "compound" and name.head.i == verb.i and name.pos_ == "PROPN":
                return name
        if _reports_beside(verb):
            return self.subject_of(verb.head.head, depth + 1)
        if depth < 3 and verb.dep_ in _INHERIT_DEPS and verb.head.i != verb.i:
            if verb.dep_ == "xcomp":
                # "forced Stumpf to admit ...": the object of the verb above speaks
                obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
                if obj is not None and obj.pos_ == "PROPN":
                    return obj
            return self.subject_of(verb.head, depth + 1)
        if (
            depth < 3
            and verb.dep_ == "acl"
            and verb.tag_ == "VBG"
            and verb.head.lower_ in ISSUED_NOUNS
            and verb.head.dep_ == "dobj"
            and verb.head.head.pos_ == "VERB"
        ):
            # "the council issued a statement saying ...": who issued it speaks
            return self.subject_of(verb.head.head, depth + 1)
        if depth < 3 and verb.dep_ == "pcomp" and verb.head.dep_ == "conj" and verb.head.pos_ == "ADP":
            # "appeared at a hearing for his role in promoting pills and for saying that ...": the
            # coordinated phrase hangs on the first; the verb above them both has the speaker
            governor = verb.head
            for _ in range(6):
                if governor.pos_ in ("VERB", "AUX") or governor.head.i == governor.i:
                    break
                governor = governor.head
            if governor.pos_ in ("VERB", "AUX"):
                return self.subject_of(governor, depth + 1)
        if (
            depth < 3
            and verb.dep_ == "pcomp"
            and verb.head.dep_ == "prep"
            and verb.head.head.pos_ in ("VERB", "AUX")
        ):
            # "responded by saying ...", "was criticised for saying ...": the subject of the verb the
            # gerund's preposition hangs on; "attacked Ellis for saying ...": its object
            governor = verb.head.head
            obj = next(
                (
                    c
                    for c in governor.children
                    # ("pitched himself to voters by telling them ...": the speaker himself)
                    if c.dep_ == "dobj" and c.i < verb.head.i and not c.lower_.endswith(("self", "selves"))
                ),
                None,
            )
            return obj if obj is not None else self.subject_of(governor, depth + 1)
        if (
            depth < 3
            and verb.dep_ == "pcomp"
            and verb.head.dep_ == "prep"
            and verb.head.head.dep_ == "advmod"
            and verb.head.head.head.pos_ in ("VERB", "AUX")
        ):
            # "refuses to name anyone, aside from saying ...": the subject of the verb above
            return self.subject_of(verb.head.head.head, depth + 1)
        return None

    def fallback_subject(self, verb):
        """Speaker next to the cue when the parse gives no subject ('..., said Jane Doe')."""
        doc = self.doc
        sent = verb.sent
        j = verb.i + 1
        # "said Friday Jane Doe, ...": the day is when, not who
        while j < sent.end and (doc[j].dep_ == "det" or doc[j].ent_type_ in ("DATE", "TIME")):
            j += 1
        if j + 1 < sent.end and doc[j].lower_.rstrip(".") in HONORIFICS and doc[j + 1].pos_ == "PROPN":
            j += 1  # "recalled Mr. Rhodes", the honorific left out of the tagger's name
        if (
            j < sent.end
            and (doc[j].ent_type_ in PERSON_LABELS or doc[j].pos_ == "PROPN")
            and not _subject_of_the_content(doc[j], verb)
        ):
            while j + 1 < sent.end and doc[j + 1].ent_iob_ == "I":
                j += 1
            if j + 2 < sent.end and doc[j + 1].tag_ == "POS" and doc[j + 2].pos_ == "PROPN":
                # "opined Cleveland's Plain Dealer": the name after the possessive speaks
                j += 2
                while j + 1 < sent.end and doc[j + 1].pos_ == "PROPN":
                    j += 1
            return doc[j]
        j = verb.i - 1
        if j >= sent.start and (doc[j].lower_ in ("he", "she", "they") or doc[j].pos_ == "PROPN"):
            return doc[j]
        if verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and verb.head.i < verb.i:
            return verb.head  # "Jane Doe, the deputy minister, posted on X." parsed as a noun phrase
        # "Jane Doe, a Leeds rabbi helping to organise the vigil, said ...": a long apposition the
        # parser took for a clause; the name opening the sentence, set off by commas, is the speaker
        first = doc[sent.start]
        ent = self.idx.ent_of.get(first.i)
        if ent is None:
            # "Attorney General Roy Cooper (D), ...": titles before the name
            ent = next(
                (
                    e
                    for e in doc.ents
                    if sent.start < e.start <= sent.start + 3
                    and all(x.is_title and x.pos_ == "PROPN" for x in doc[sent.start : e.start])
                ),
                None,
            )
        # "As part of his plea, Jane Doe, 44, said ...": or the name after an opening phrase, which the
        # parser hung on that phrase as its appositive
        after_opening = [
            e for e in sent.ents if sent.start < e.start and e.end < verb.i and doc[e.start - 1].text == ","
        ]
        for named in [ent, *after_opening]:
            if named is not None and self.set_off_before(named, verb):
                return doc[named.end - 1]
        return self.name_after_quotation(verb) or self.subject_of_the_clause_before(verb)

    def set_off_before(self, ent, verb) -> bool:
        """A person's name set off by commas between it and the verb, with no other subject there."""
        doc = self.doc
        after = ent.end
        if after + 2 < verb.i and doc[after].text == "(" and doc[after + 2].text == ")":
            after += 3  # "(D)", "(R)": a party's initial in brackets
        return (
            ent.label_ in PERSON_LABELS
            and after < verb.i
            and doc[after].text == ","
            and doc[verb.i - 1].text == ","
            and not any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i >= verb.i for t in doc[after : verb.i])
        )

    def subject_of_the_clause_before(self, verb):
        """'Jane Doe offered him a job, then says she will ...': a second verb of the same subject,
        which the parser made a sentence of its own."""
        doc = self.doc
        j = verb.i - 1
        while j > 0 and doc[j].lower_ in ("then", "later", "also", "and"):
            j -= 1
        if j == verb.i - 1 or j < 1 or doc[j].text != ",":
            return None
        # the verb of the clause before the comma: the highest word above its last that stands before it
        clause = doc[j - 1]
        while clause.head.i < j and clause.head.i != clause.i:
            clause = clause.head
        if clause.pos_ != "VERB" or "\n" in self.text[clause.idx : verb.idx]:
            return None
        return next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)

    def name_after_quotation(self, verb):
        """'“...,” Flynn, a top Trump surrogate, said': the name after the closing mark, which the
        parser hung inside the quotation."""
        doc = self.doc
        for j in range(verb.i - 1, verb.sent.start, -1):
            if doc[j].text in ("”", '"', "''") and j + 1 < verb.i:
                ent = self.idx.ent_of.get(j + 1)
                if (
                    ent is not None
                    and ent.label_ in PERSON_LABELS
                    and ent.start == j + 1
                    and ent.end < verb.i
                ):
                    return doc[ent.end - 1]
                after = doc[j + 1]
                if after.pos_ == "PROPN" and after.lower_ in self.idx.names.surnames and after.i + 1 < verb.i:
                    return after  # a surname of someone the article names, untagged here
                break
        return None

    def build_cues(self) -> None:
        doc = self.doc
        for t in doc:
            p = self.para_of(t.idx)
            if p is None or not (p.prose or p.title):
                continue
            low = t.lower_
            if low == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                if self.in_marks(t.idx):
                    continue
                self.add_according(t, p)
                continue
            if low == "in" and _in_whose_words(t) is not None and not self.in_marks(t.idx):
                self.add_in_words(t, p)
                continue
            # "But Trump claims that ...": a verb the tagger took for a plural noun has a subject
            misread_verb = (
                t.dep_ == "ROOT"
                and low in REPORTING_FORMS
                and any(
                    c.dep_ == "nsubj" or (c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == t.i - 1)
                    for c in t.children
                )
                and (
                    any(c.dep_ == "ccomp" and c.i > t.i for c in t.children)
                    # ("Trump predicts that many will switch": the clause hangs on the noun as its acl)
                    or self.clause_of_misread_noun(t) is not None
                )
            )
            if low in NOMINAL_CUES and t.pos_ == "NOUN" and not misread_verb:
                if not self.in_marks(t.idx):
                    self.add_nominal(t, p)
                continue
            lemma = REPORTING_FORMS.get(low)
            if lemma is None or (
                not t.tag_.startswith("VB") and t.dep_ not in ("ROOT", "ccomp", "conj", "relcl")
            ):
                continue
            if self.in_marks(t.idx):
                continue
            if lemma in NEEDS_PARTICLE and not any(
                (c.dep_ == "prt" and c.lower_ == NEEDS_PARTICLE[lemma])
                or (c.dep_ == "prep" and c.lower_ == PREPOSITION_CUES.get(lemma))
                for c in t.children
            ):
                continue
            if lemma == "put" or (t.tag_ in ("VBN",) and any(c.dep_ == "auxpass" for c in t.children)):
                continue
            subj = self.subject_of(t)
            if subj is not None and self.in_marks(subj.idx):
                # a word of the quotation the parser made the cue's subject, and the speaker after the
                # closing mark its appositive ("'..., Mr. President,' Representative X told him")
                subj = next(
                    (
                        c
                        for c in subj.children
                        if c.dep_ == "appos" and c.i < t.i and not self.in_marks(c.idx)
                    ),
                    None,
                )
            if subj is not None and subj.i > t.i:
                # a subject after the cue ("said on Fox News's show") is a misparse when a name
                # follows the quotation before it
                subj = self.name_after_quotation(t) or subj
            if subj is None:
                subj = self.fallback_subject(t)
            if subj is not None and self.idx.names.in_dateline(subj):
                # "WASHINGTON -- President Obama, dedicating the museum, said": the parser made the
                # dateline the subject and the speaker its apposition ("SEOUL (AP) — The sister of
                # X warned": the agency's name in brackets is the dateline's too)
                names = self.idx.names
                subj = next(
                    (c for c in subj.children if c.dep_ == "appos" and not names.in_dateline(c)), None
                )
            raw = analyze_np(subj, self.idx) if subj is not None else None
            if subj is not None and (raw is None or (raw.unnamed and not (raw.spokes or raw.statement))):
                # "The chair of the panel, the broadcaster Jane Doe, said": the parser splits the
                # subject in two; the named half speaks
                for c in t.children:
                    if c.dep_ == "nsubj" and c.i != subj.i:
                        other = analyze_np(c, self.idx)
                        if other is not None and other.name_words:
                            raw = other
                            break
            if (
                raw is not None
                and raw.unnamed
                # ("the Republican nominee continues to insist": a title refers to someone)
                and not (raw.role_noun or raw.spokes or raw.statement or raw.epithet)
                and (
                    subj.head.i != t.i
                    # "critics call it ...": people in general; "a senior official described it as" is one
                    or (lemma in OBJECT_VERBS and not any(c.dep_ == "det" for c in subj.children))
                )
            ):
                raw = None  # "what critics like to call ...": no speaker
            cue = Cue(t.idx, t.i, t.text, p.index, raw, title=p.title)
            rng = self.content_of(t, lemma)
            if rng is not None:
                a, b, plain_ok = rng
                b = self.before_next_report(a, b)
                span = self.span_of(a, b)
                if span is not None and span[1] <= t.idx:
                    span = self.closed_before_speaker(span)
                if span is not None:
                    kind, inside = self.classify(*span)
                    words = sum(1 for x in doc[a : b + 1] if x.is_alpha)
                    asks = lemma in QUESTION_VERBS and any(
                        x.lower_ in QUESTION_WORDS for x in doc[a : min(b + 1, a + 2)]
                    )
                    # a pledge or a denial without a clause is a person's or a body's words, not a
                    # state's commitment ("Russia promised to sell jets") or a group's; a state's
                    # appeal to someone is its words ("China warned North Korea to refrain from ...")
                    stated = t.i not in self.clauseless or (
                        raw is not None
                        and (not raw.place or _appeals_to_someone(t))
                        and not (raw.unnamed and not raw.spokes)
                        and (lemma not in INFINITIVE_CUES or _can_promise(raw))
                    )
                    if (
                        (kind != "indirect" or plain_ok)
                        and words >= 2
                        and not (asks and kind == "indirect")
                        and (stated or kind != "indirect")
                    ):
                        cue.content, cue.kind, cue.quotes = span, kind, inside
            if cue.content is None and raw is not None:
                rng = self.as_clause(t)
                if rng is not None:
                    span = self.span_of(*rng)
                    if span is not None:
                        cue.content = span
                        cue.kind, cue.quotes = self.classify(*span)
            if cue.content is None and raw is not None and not raw.unnamed:
                rng = self.after_colon(t, p)
                if rng is not None:
                    span = self.span_of(*rng)
                    if span is not None:
                        cue.content = span
                        cue.kind, cue.quotes = self.classify(*span)
            if cue.content is None and raw is not None and (not raw.unnamed or raw.role_noun):
                rng = self.parenthetical(t)
                if rng is not None:
                    span = self.span_of(*rng)
                    if span is not None:
                        cue.content = span
                        cue.kind, cue.quotes = self.classify(*span)
            if lemma == "tell":
                for c in t.children:
                    if c.dep_ in ("dobj", "dative") and c.ent_type_ == "ORG" and self.outlet is None:
                        ent = self.idx.ent_of.get(c.i)
                        if ent is not None:
                            self.outlet = ent.text.removeprefix("the ").strip()
            self.cues.append(cue)
            self.cue_by_tok[t.i] = cue
        # "“...” That was the message from Jane Doe": the noun is the cue, its 'from' names the speaker
        for q in self.quotes:
            if q.close_pos is None or self.text[q.start : q.end].rstrip()[-1:] not in _SENT_END:
                continue
            p = self.para_of(q.outer_end)
            m = _VERDICT.match(self.text, q.outer_end, p.end) if p is not None else None
            if m is None:
                continue
            noun = doc[self.tok_at(m.start(1))]
            prep = doc[self.tok_at(m.end() - 1)]
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            raw = analyze_np(pobj, self.idx) if pobj is not None else None
            if raw is None or not raw.name_words or noun.i in self.cue_by_tok:
                continue
            cue = Cue(noun.idx, noun.i, m.group(1), p.index, raw)
            self.cues.append(cue)
            self.cue_by_tok[noun.i] = cue
        self.hand_quotations_to_nearer_cues()
        self.source_of_a_report()
        self.add_labels()
        self.add_block_quotations()
        # phrase cues: "as X put it"
        for t in doc:
            if (
                t.lower_ == "put"
                and t.i + 1 < len(doc)
                and doc[t.i + 1].lower_ == "it"
                and t.i not in self.cue_by_tok
            ):
                p = self.para_of(t.idx)
                if p is None or not p.prose or self.in_marks(t.idx):
                    continue
                subj = self.subject_of(t)
                raw = analyze_np(subj, self.idx) if subj is not None else None
                cue = Cue(t.idx, t.i, "put it", p.index, raw)
                rng = self.as_clause(t) if raw is not None else None
                if rng is None and raw is not None and _puts_it_before_a_colon(t):
                    rng = self.after_the_colon(t)  # "X put it bluntly: the Kremlin has bet everything"
                span = self.span_of(*rng) if rng is not None else None
                if span is not None:
                    cue.content = span
                    cue.kind, cue.quotes = self.classify(*span)
                self.cues.append(cue)
                self.cue_by_tok[t.i] = cue
        self.cues.sort(key=lambda c: c.pos)

    def owner_as_speaker(self, owner) -> RawSpeaker | None:
        """Who owns words or a claim: "his" (the person in focus) or a name."""
        if owner.lower_ in POSSESSIVE_PRONOUNS:
            return RawSpeaker(owner.text, owner.idx, pronoun=POSSESSIVE_PRONOUNS[owner.lower_])
        return analyze_np(owner, self.idx)

    def add_in_words(self, t, p: Paragraph) -> None:
        """The rest of a sentence opened by "In X's words," is X's ("In Gabuev's words, the relationship
        is 'a marriage of convenience'")."""
        owner, words = _in_whose_words(t)
        raw = self.owner_as_speaker(owner)
        if raw is None or (raw.unnamed and not raw.pronoun):
            return
        rest = _rest_of_the_sentence(words) if t.i == t.sent.start else None
        span = self.span_of(*rest) if rest is not None else None
        if span is None:
            return
        cue = Cue(t.idx, t.i, "in the words of", p.index, raw, base=0.75)
        cue.content = span
        cue.kind, cue.quotes = self.classify(*span)
        self.cues.append(cue)
        self.cue_by_tok[t.i] = cue

    @staticmethod
    def after_the_colon(verb) -> tuple[int, int] | None:
        """The rest of the sentence after the colon that follows the verb, or None."""
        colon = next((x for x in verb.doc[verb.i + 1 : verb.sent.end] if x.text == ":"), None)
        return _rest_of_the_sentence(colon) if colon is not None else None

    def after_colon(self, verb, p: Paragraph) -> tuple[int, int] | None:
        """'He responded then the same way we must respond now: THEY LOSE, WE WIN': a cue that
        reports nothing of its own before a colon in its paragraph reports the sentence after it."""
        doc = self.doc
        if (
            any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
            or any(
                m.dep_ == "mark" and m.lower_ in ("if", "whether", "unless")
                for x in (verb, *verb.ancestors)
                for m in x.children
            )
            or (verb.dep_ == "xcomp" and verb.head.lower_ in ("was", "were", "be", "is", "are"))
        ):
            # "trying to question several people, including: ...", "if they were to reply in kind:"
            return None
        colon = next(
            (x for x in doc[verb.i + 1 : min(len(doc), verb.i + 15)] if x.text == ":" or x.text in _SENT_END),
            None,
        )
        if colon is None or colon.text != ":":
            return None
        first = colon.i + 1
        while first < len(doc) and doc[first].is_space:
            first += 1
        if first >= len(doc) or doc[first].idx >= p.end:
            return None  # a lead-in to the next paragraph ("X said:"): read with the block after it
        last = doc[first].sent.end - 1
        while last > first and doc[last].idx >= p.end:
            last -= 1
        if sum(1 for x in doc[first : last + 1] if x.is_alpha) < 3:
            return None
        return first, last

    def add_labels(self) -> None:
        """'Rubio: I Still Believe ...' as a headline, 'WALLACE: Let's start ...' in a transcript: the
        label names the speaker when it is a name the article knows (tagged, or a surname of a person
        it names), or a transcript's capitalised name."""
        doc = self.doc
        surnames = {
            e.text.split()[-1].lower()
            for e in doc.ents
            if e.label_ in PERSON_LABELS and len(e.text.split()) >= 2
        }
        full_names_ends = {
            e[-1].lower_
            for e in doc.ents
            if e.label_ in ("PERSON", "ORG") and len(e) == 2 and all(t.is_title for t in e)
        }
        for lab in find_labels(self.text, self.paras):
            p = self.para_of(lab.label_start)
            a, b = self.tok_at(lab.label_start), self.tok_at(lab.label_end - 1)
            toks = [t for t in doc[a : b + 1] if not t.is_space]
            if not toks or toks[0].i in self.cue_by_tok:
                continue
            label = self.text[lab.label_start : lab.label_end]
            words = tuple(w.title() if w.isupper() and len(w) > 2 else w for w in label.split())
            raw = None
            ent = self.idx.ent_of.get(toks[-1].i)
            if lab.about:
                # the first person the headline names
                person = next(
                    (
                        e
                        for e in doc.ents
                        if e.label_ == "PERSON" and lab.label_start <= e.start_char < lab.label_end
                    ),
                    None,
                )
                if person is not None and person.end_char <= lab.label_end:
                    raw = analyze_np(person.root, self.idx)
                else:
                    # a name the tagger missed in the title case: the surname of a person the article names
                    named = [w.strip("'’.,") for w in label.split()]
                    surname = next((w for w in named if w.lower() in surnames and w[:1].isupper()), None)
                    if surname is not None:
                        raw = RawSpeaker(label, lab.label_start, name_words=(surname,), kind="person")
            elif words[-1].lower() in surnames and lab.headline:
                # "Embattled Okonjo Vows ...": a headline's other capitalised words are no name
                raw = RawSpeaker(label, lab.label_start, name_words=words[-1:], kind="person")
            elif (
                words[-1].lower() in surnames
                or (not lab.headline and label.isupper())
                # "Notte: Not in the formal sense.": a transcript's label, the surname of a name the
                # article gives in full, whatever the tagger called it
                or (not lab.headline and len(words) == 1 and words[0].lower() in full_names_ends)
            ):
                raw = RawSpeaker(label, lab.label_start, name_words=words, kind="person")
            elif (
                ent is not None
                and ent.label_ in ("PERSON", "ORG")
                and ent.start_char >= lab.label_start
                and ent.end_char <= lab.label_end  # not "Glenn Beck Says Trump", a title-case blur
            ):
                raw = analyze_np(ent.root, self.idx)
            elif lab.headline and len(words) >= 2 and not {w.lower() for w in words} & MEDIA_ORG_WORDS:
                # "Jane Doe: 'Words'": a full name the tagger missed in the headline, named in the text
                # (not an outlet's name: its label names a show or a column, "X News Daily: A World at War")
                again = next(
                    (
                        e
                        for e in doc.ents
                        if e.label_ in ("PERSON", "ORG") and e.start_char >= lab.words_end and e.text == label
                    ),
                    None,
                )
                raw = analyze_np(again.root, self.idx) if again is not None else None
            if raw is None or raw.pronoun or not raw.name_words:
                continue
            cue = Cue(lab.label_start, toks[0].i, lab.cue, p.index, raw, base=0.8, label=not lab.headline)
            cue.content = (lab.words_start, lab.words_end)
            cue.kind, cue.quotes = self.classify(*cue.content)
            self.cues.append(cue)
            self.cue_by_tok[toks[0].i] = cue

    def add_block_quotations(self) -> None:
        """'Limbaugh added:' alone on a line, then a paragraph without quotation marks: a quotation set
        as a block (its marks lost with the page's layout) is what the lead-in reports."""
        for pi in range(1, len(self.paras) - 1):
            cue = self.cue_before_colon(pi)
            after = self.paras[pi + 1]
            if cue is None or cue.raw is None or not after.prose:
                continue
            words = self.text[after.start : after.end]
            if any(ch in words for ch in '“”"«»„') or len(words.split()) < 6:
                continue
            end = after.start + len(words.rstrip())
            cue.content, cue.kind, cue.quotes = (after.start, end), "indirect", []

    def add_nominal(self, noun, p: Paragraph) -> None:
        """'Trump's claim that ...', 'his warning that ...', 'the claim by X that ...': the noun is the
        cue, its that-clause the content, its possessor (or the maker of the claim) the speaker."""
        low = noun.lower_
        clause = next(
            (
                c
                for c in noun.rights
                if c.dep_ in ("acl", "ccomp", "relcl")
                and any(
                    (m.dep_ == "mark" and m.lower_ == "that")
                    # "his promise to build a wall"
                    or (m.dep_ == "aux" and m.lower_ == "to" and low in NOMINAL_INFINITIVE_CUES)
                    for m in c.children
                    if m.i == c.left_edge.i
                )
            ),
            None,
        )
        # "a call for a temporary ban": what is called for; "North Korea's claims about the potency of
        # its test", "his comment about 47 percent": what it is about
        wanted = "for" if low in NOMINAL_FOR_CUES else "about" if low in ABOUT_CUES else None
        if clause is None and wanted is not None:
            prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == wanted), None)
            clause = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
        start = clause.left_edge.i if clause is not None else None
        if clause is None and low in NOMINAL_FOR_CUES:
            # "sounded a call for the United States to accept more refugees": a for-to clause
            clause = next(
                (
                    c
                    for c in noun.rights
                    if c.dep_ in ("advcl", "acl", "relcl")
                    and c.left_edge.lower_ == "for"
                    and c.left_edge.dep_ == "mark"
                    and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.children)
                ),
                None,
            )
            start = clause.left_edge.i + 1 if clause is not None else None
        if clause is None:
            return
        holder = next((c for c in noun.children if c.dep_ == "poss"), None)
        if holder is None:
            by = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "by"), None)
            holder = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if holder is None and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
            holder = self.subject_of(noun.head)  # "she repeated the claim that ..."
        if holder is None:
            return
        raw = self.owner_as_speaker(holder)
        if raw is None or (raw.unnamed and not raw.spokes):
            return
        span = self.span_of(start, clause.right_edge.i)
        if span is None or sum(1 for x in self.doc[start : clause.right_edge.i + 1] if x.is_alpha) < 3:
            return
        cue = Cue(noun.idx, noun.i, noun.text, p.index, raw, base=0.7)
        cue.content = span
        cue.kind, cue.quotes = self.classify(*span)
        self.cues.append(cue)
        self.cue_by_tok[noun.i] = cue

    def hand_quotations_to_nearer_cues(self) -> None:
        """'The spot ends with footage of Jane Doe saying last week, “That makes me smart”': the
        quotation after the words of the 'saying' is what she said, whether the parser hung it on the
        sentence's verb (which names no speaker) or on nothing."""
        doc = self.doc
        claimed = {cue.content[0]: cue for cue in self.cues if cue.content is not None}
        for cue in self.cues:
            if cue.content is not None or cue.raw is None or REPORTING_FORMS.get(cue.cue.lower()) != "say":
                continue
            tok = doc[cue.tok_i]
            if tok.tag_ != "VBG":
                continue
            end = tok.right_edge.idx + len(tok.right_edge.text)
            k = bisect_left(self.q_starts, end)
            if k == len(self.quotes) or self.text[end : self.quotes[k].open_pos].strip() not in (",", ":"):
                continue
            q = self.quotes[k]
            owner = claimed.get(q.open_pos) or claimed.get(q.start)
            if owner is not None and owner.raw is not None:
                continue
            if owner is not None:
                owner.content, owner.kind, owner.quotes = None, None, []
            cue.content = (q.open_pos, q.outer_end)
            cue.kind, cue.quotes = self.classify(*cue.content)

    def source_of_a_report(self) -> None:
        """'X says the gap can be closed, according to the Daily Ledger', 'The talks were useful, X said,
        according to Interfax': "according to" after a person's report names where the words were read,
        and what was said is X's. The report's words leave the phrase out, and the phrase reports nothing
        of its own. (Before the report, "According to Yahoo News, X said ..." stays the outlet's, as the
        hand-read gold has it.)"""
        doc = self.doc
        for according in [c for c in self.cues if c.cue == "according to" and c.content is not None]:
            t = doc[according.tok_i]
            sent = t.sent
            if any(x.is_alpha for x in doc[t.right_edge.i + 1 : sent.end]):
                continue  # the phrase must close the sentence: words after it would be the report's
            report = next(
                (
                    c
                    for c in self.cues
                    if c is not according
                    and c.raw is not None
                    # a person's words ("X reports that ..., according to Y" of a body: Y is its source)
                    and (c.raw.kind == "person" or c.raw.pronoun in ("he", "she"))
                    and c.kind != "direct"
                    and sent.start <= c.tok_i < sent.end
                    and c.tok_i < t.i
                    # the sentence's own report ("after he said ..." is part of what the source tells)
                    and doc[c.tok_i].dep_ in ("ROOT", "parataxis")
                ),
                None,
            )
            if report is None:
                continue
            span = report.content
            if span is None:
                # "The talks were useful, X said, according to Interfax": the cue closes the clause
                # before its subject's comma, which the phrase hung on it kept the parser from seeing
                subject = self.subject_of(doc[report.tok_i])
                start = subject.left_edge.i if subject is not None else -1
                if start - 1 <= sent.start or doc[start - 1].text != ",":
                    continue
                span = self.span_of(sent.start, start - 2)
            elif span[0] < t.idx < span[1]:
                span = self.span_of(self.tok_at(span[0]), t.i - 1)  # (it trims the comma before the phrase)
            if span is None:
                continue
            if span != report.content:
                report.content = span
                report.kind, report.quotes = self.classify(*span)
            according.content, according.kind, according.quotes = None, None, []

    def add_according(self, t, p: Paragraph) -> None:
        doc = self.doc
        to = doc[t.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            j = to.i + 1
            while (j < t.sent.end and doc[j].dep_ in ("det", "compound", "amod")) or (
                j < t.sent.end
                and doc[j].pos_ == "PROPN"
                and j + 1 < t.sent.end
                and doc[j + 1].pos_ == "PROPN"
            ):
                j += 1
            pobj = doc[j] if j < t.sent.end else None
        if pobj is not None and pobj.lower_ in OBJECT_PRONOUNS:
            # "according to her": the person in focus, as "she said" is
            raw = RawSpeaker(pobj.text, pobj.idx, pronoun=OBJECT_PRONOUNS[pobj.lower_])
        else:
            raw = analyze_np(pobj, self.idx) if pobj is not None else None
        if pobj is not None and (raw is None or raw.unnamed) and pobj.lower_ in _COUNTED_NOUNS:
            # "according to a count by The Associated Press", "an analysis from the Budget Office": the
            # body that made it speaks
            for prep in pobj.children:
                author = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of") and author is not None:
                    named = analyze_np(author, self.idx)
                    if named is not None and not named.unnamed and named.name_words:
                        raw = named
                        break
        phrase_end = max(pobj.right_edge.i if pobj is not None else to.i, to.i)
        if pobj is not None:
            # "According to Rush Limbaugh, the move reeks of fear": the parser may hang the sentence on
            # the source; the source ends at the comma after its name
            comma = next((x.i for x in doc[pobj.i + 1 : phrase_end + 1] if x.text == ","), None)
            reaches_end = all(x.is_punct or x.is_space for x in doc[phrase_end + 1 : t.sent.end])
            # (after the sentence it reports, the words after the comma describe the source)
            opens = sum(1 for x in doc[t.sent.start : t.i] if x.is_alpha) < 3
            if opens and reaches_end and comma is not None and comma > t.i + 2 and comma < phrase_end - 2:
                phrase_end = comma - 1
                if raw is not None and raw.role and raw.role not in doc[t.i : comma].text:
                    raw.role = None  # read from the words after the comma: no role
        phrase = (t.i, phrase_end)
        sent = t.sent
        before = (sent.start, t.i - 1)
        after = (phrase_end + 1, sent.end - 1)
        cue = Cue(t.idx, t.i, "according to", p.index, raw, base=0.75)
        n_before = sum(1 for x in doc[before[0] : before[1] + 1] if x.is_alpha)
        n_after = sum(1 for x in doc[after[0] : after[1] + 1] if x.is_alpha)
        rng = None
        if n_before >= 3 and n_after >= 3:
            rng = (sent.start, sent.end - 1)
        elif n_after >= 3:
            rng = after
        elif n_before >= 3:
            rng = before
        if rng is not None:
            span = self.span_of(*rng)
            if (span is not None and not (rng == (sent.start, sent.end - 1) and phrase)) or span is not None:
                kind, inside = self.classify(*span)
                cue.content, cue.kind, cue.quotes = span, kind, inside
        self.cues.append(cue)
        self.cue_by_tok[t.i] = cue
