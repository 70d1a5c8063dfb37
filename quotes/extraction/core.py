"""Quotation extraction and attribution over one parsed article.

Steps (each linear in the article's length):
1. paragraphs and boilerplate (layout), quotation-mark spans per paragraph (marks);
2. cues from the dependency parse: reporting verbs with their subject and clausal complement
   (also 'said in a statement that ...', parenthetical 'X, she says, Y', cut before a second
   speaker's clause), 'according to X', object verbs ('hailed the deal as a "breakthrough"'),
   verdict sentences after a quotation ('That was the message from X');
3. speakers resolved in reading order (names merged by surname, pronouns to the most recent salient
   speaker or subject, a first name only as a tie-breaker; 'the company' / 'it' / 'the statement' /
   'the judge' to the organisation or person in focus);
4. each quotation-mark span attributed: inside a cue's complement (mixed), the cue's complement itself
   (direct), a cue right after it or a lead-in before it (colon), an earlier quotation of the same
   paragraph, the named speaker of the next sentence (an opening quotation), or the speaker of the
   previous paragraph (continuation).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .labels import find_labels
from .layout import Paragraph, split_paragraphs
from .lexicon import (
    APPEAL_CUES,
    BUSINESS_NOUNS,
    FOLLOWING_NOUNS,
    INFINITIVE_CUES,
    MEDIUM_NOUNS,
    NAMING_VERBS,
    NEEDS_PARTICLE,
    NOMINAL_CUES,
    NOMINAL_FOR_CUES,
    NOMINAL_INFINITIVE_CUES,
    NOUN_OBJECT_CUES,
    OBJECT_VERBS,
    OBJECT_VERBS_NO_QUOTES,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PLACE_WORDS,
    POSSESSIVE_PRONOUNS,
    PREPOSITION_CUES,
    PRONOUN_OBJECTS,
    QUESTION_VERBS,
    QUESTION_WORDS,
    REL_PRONOUNS,
    REPORT_NOUNS,
    REPORTING_FORMS,
)
from .marks import QuoteSpan, find_quote_spans
from .model import ArticleExtraction, CandidateQuote, Speaker
from .speakers import PERSON_LABELS, DocIndex, Entity, RawSpeaker, Registry, analyze_np, person_kind

_SUBJ = ("nsubj",)
_INHERIT_DEPS = ("conj", "xcomp", "advcl")
_SENT_END = ".!?"
_QUOTE_CHARS = set("“”‘’\"'«»„")
# a quotation followed by "That was the message from ...", "Such was the verdict of ..."
_VERDICT = re.compile(
    r"[.]?\s+(?:That|This|Those|These|Such|So)\s+(?:was|is|were|are|had\s+been)\s+(?:the|their|his|her|its)\s+"
    r"(?:[\w-]+\s+){0,2}?(message|verdict|view|warning|assessment|reaction|response|answer|advice|"
    r"plea|conclusion|argument|take|prediction|promise|pledge|word|words|judgement|judgment|"
    r"diagnosis|appeal|rallying\s+cry|call)\s+(?:from|of|by)\b"
)


# A cue's phrase that may hold what was said, in quotation marks: "warned against", "spoke of".
_QUOTING_PREPOSITIONS = ("against", "of", "about", "over", "for", "on", "as")


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
    strength: float = 1.0  # how sure the speaker resolution is
    base: float = 0.8
    title: bool = False


@dataclass
class Attribution:
    entity: Entity | None
    mention: str | None
    cue: str | None
    confidence: float
    raw_unnamed: bool = False


class _Article:
    def __init__(self, text: str, doc):
        self.text = text
        self.doc = doc
        self.idx = DocIndex(doc)
        self.paras: list[Paragraph] = split_paragraphs(text)
        self.para_starts = [p.start for p in self.paras]
        self.quotes: list[QuoteSpan] = []
        self.quote_para: list[int] = []
        for p in self.paras:
            if not p.prose and not p.title:
                continue
            for q in find_quote_spans(text, p.start, p.end):
                self.quotes.append(q)
                self.quote_para.append(p.index)
        self.q_starts = [q.start for q in self.quotes]
        self.tok_starts = [t.idx for t in doc]
        self.registry = Registry()
        self.cues: list[Cue] = []
        self.cue_by_tok: dict[int, Cue] = {}
        self.clauseless: set[int] = set()  # cue verbs whose content is no clause ("vowed to ...")
        self.outlet: str | None = None
        self.salience: list[tuple[int, int, Entity]] = []  # (pos, para, entity)
        self.unnamed_speakers: list[tuple[int, int, str]] = []  # (pos, para, mention) of cue subjects

    # ---- position helpers -------------------------------------------------------------------
    def para_of(self, pos: int) -> Paragraph | None:
        k = bisect_right(self.para_starts, pos) - 1
        if k < 0:
            return None
        p = self.paras[k]
        return p if pos < p.end else None

    def quote_at(self, pos: int) -> int:
        """Index of the quotation whose content holds character pos, or -1."""
        k = bisect_right(self.q_starts, pos) - 1
        if k >= 0 and pos < self.quotes[k].end:
            return k
        return -1

    def in_marks(self, pos: int) -> bool:
        """True when pos is inside a quotation's outer span (content or marks)."""
        k = bisect_right(self.q_starts, pos)
        for j in (k - 1, k):
            if 0 <= j < len(self.quotes):
                q = self.quotes[j]
                if q.open_pos <= pos < q.outer_end:
                    return True
        return False

    def untagged_person(self, head, raw: RawSpeaker) -> bool:
        """'Ines Moreau is up at 3 a.m.': a two- or three-word proper name the tagger missed, as a
        subject, is a person (not a place or an organisation by its last word)."""
        span = self.idx.name_span(head)
        if raw.kind != "person" or span is None or not 2 <= span[1] - span[0] <= 3:
            return False
        toks = self.doc[span[0] : span[1]]
        return all(t.pos_ == "PROPN" and t.is_title and not t.ent_type_ for t in toks) and (
            toks[-1].lower_ not in PLACE_WORDS
        )

    def in_content(self, pos: int) -> bool:
        """True when pos lies inside some cue's reported content (the names there are not speakers)."""
        k = bisect_right(self._content_starts, pos) - 1
        return k >= 0 and self._content_reach[k] > pos

    def tok_at(self, pos: int) -> int:
        return max(0, bisect_right(self.tok_starts, pos) - 1)

    # ---- cues ----------------------------------------------------------------------------------
    def subject_of(self, verb, depth: int = 0):
        subjects = [c for c in verb.children if c.dep_ in _SUBJ or (depth and c.dep_ == "nsubjpass")]
        if subjects:
            # Two subjects are a misparse of a cue set in the sentence it reports ("Russia, Ms Notte
            # argued, was ..."): the one next to the verb is its own.
            before = [c for c in subjects if c.i < verb.i]
            return before[-1] if before else subjects[0]
        if _reports_beside(verb):
            return self.subject_of(verb.head.head, depth + 1)
        if depth < 3 and verb.dep_ in _INHERIT_DEPS and verb.head.i != verb.i:
            return self.subject_of(verb.head, depth + 1)
        if (
            depth < 3
            and verb.dep_ == "pcomp"
            and verb.head.dep_ == "prep"
            and verb.head.head.pos_ in ("VERB", "AUX")
        ):
            # "responded by saying ...", "was criticised for saying ...": the subject of the verb the
            # gerund's preposition hangs on; "attacked Ellis for saying ...": its object
            governor = verb.head.head
            obj = next((c for c in governor.children if c.dep_ == "dobj" and c.i < verb.head.i), None)
            return obj if obj is not None else self.subject_of(governor, depth + 1)
        return None

    def fallback_subject(self, verb):
        """Speaker next to the cue when the parse gives no subject ('..., said Jane Doe')."""
        doc = self.doc
        sent = verb.sent
        j = verb.i + 1
        # "said Friday Jane Doe, ...": the day is when, not who
        while j < sent.end and (doc[j].dep_ == "det" or doc[j].ent_type_ in ("DATE", "TIME")):
            j += 1
        if j < sent.end and (doc[j].ent_type_ in PERSON_LABELS or doc[j].pos_ == "PROPN"):
            while j + 1 < sent.end and doc[j + 1].ent_iob_ == "I":
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
        if (
            ent is not None
            and ent.label_ in PERSON_LABELS
            and ent.end < verb.i
            and doc[ent.end].text == ","
            and doc[verb.i - 1].text == ","
            and not any(
                t.dep_ in ("nsubj", "nsubjpass") and t.head.i >= verb.i for t in doc[ent.end : verb.i]
            )
        ):
            return doc[ent.end - 1]
        return None

    def span_of(self, a: int, b: int) -> tuple[int, int] | None:
        """Character span of tokens a..b (inclusive) with punctuation trimmed, widened over any
        quotation it cuts through."""
        doc = self.doc
        while a <= b and (
            doc[a].is_punct or doc[a].is_space or (doc[a].lower_ == "that" and doc[a].dep_ == "mark")
        ):
            if doc[a].text in ("“", '"', "‘") and a < b:
                break
            a += 1
        while b >= a and (doc[b].is_punct or doc[b].is_space):
            b -= 1
        if a > b:
            return None
        s, e = doc[a].idx, doc[b].idx + len(doc[b].text)
        if self.text[s] in _QUOTE_CHARS and self.quote_at(s + 1) >= 0:
            pass
        # widen over quotations the span cuts
        k = bisect_left(self.q_starts, s)
        for j in range(max(0, k - 1), len(self.quotes)):
            q = self.quotes[j]
            if q.open_pos >= e:
                break
            if q.outer_end <= s:
                continue
            if q.open_pos < s < q.end or s == q.start:
                s = min(s, q.open_pos) if s != q.start else q.open_pos
            if q.start < e <= q.end or (q.open_pos < e and e < q.outer_end):
                e = max(e, q.outer_end)
        return s, e

    def classify(self, s: int, e: int) -> tuple[str, list[int]]:
        """direct (every word inside quotation marks), mixed, or indirect; and the quotations inside."""
        k = bisect_left(self.q_starts, s - 1)
        inside = []
        for j in range(max(0, k - 1), len(self.quotes)):
            q = self.quotes[j]
            if q.open_pos >= e:
                break
            if q.outer_end > s and q.open_pos < e:
                inside.append(j)
        if not inside:
            return "indirect", []
        outside_words = 0
        a, b = self.tok_at(s), self.tok_at(max(s, e - 1))
        for t in self.doc[a : b + 1]:
            if t.is_alpha and self.quote_at(t.idx) < 0:
                outside_words += 1
        return ("direct" if outside_words == 0 else "mixed"), inside

    def content_of(self, verb, lemma: str):
        """The reported content of a cue verb as a token range (first, last, plain_ok), or None.
        plain_ok: content without quotation marks counts (indirect speech)."""
        if lemma in OBJECT_VERBS:
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.lower_ in ("which", "that", "who", "whom") and verb.dep_ == "relcl":
                obj = None  # "..., which Mr X describes as the 'icing on the cake'"
            if (
                obj is not None
                and obj.lower_ in ("other", "another")
                and any(c.lower_ in ("each", "one") for c in obj.children)
            ):
                return None  # "accused each other of bad faith": a quarrel told, no one's words
            if obj is not None:
                parts = [
                    c for c in verb.rights if c.dep_ in ("dobj", "prep", "oprd", "xcomp", "ccomp", "acomp")
                ]
                if parts:
                    a = min(obj.left_edge.i, *(p.left_edge.i for p in parts))
                    b = max(p.right_edge.i for p in parts)
                    # "called the charges baseless", "described the deal as a mistake": a verdict given
                    # in the speaker's words, with or without quotation marks
                    # (the parser may hang the verdict on the object: "called [climate change [a hoax]]")
                    verdict = lemma in NAMING_VERBS and any(
                        p.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "dobj")
                        or (p.dep_ == "prep" and p.lower_ == "as")
                        for p in [*parts, *obj.rights]
                        if p.i > obj.i
                    )
                    return a, b, verdict or lemma in OBJECT_VERBS_NO_QUOTES
            parts = [c for c in verb.rights if c.dep_ in ("prep", "oprd")]
            asked_for = self.prepositional_content(verb, lemma)
            if asked_for is not None:
                self.clauseless.add(verb.i)
                return asked_for
            if lemma == "call" and parts and parts[0].lower_ == "on":
                # "called on allies to raise spending": an appeal, reported as "urged allies to" is
                pobj = next((c for c in parts[0].children if c.dep_ == "pobj"), None)
                act = next((c for c in verb.rights if c.dep_ == "xcomp"), None)
                if pobj is not None and act is not None:
                    return pobj.left_edge.i, act.right_edge.i, True
            if parts:
                return parts[0].left_edge.i, parts[-1].right_edge.i, False
            if lemma != "urge":
                return None
        # a clause after the cue before one in front of it (which may be a misparsed apposition)
        comps = sorted((c for c in verb.children if c.dep_ == "ccomp"), key=lambda c: c.i < verb.i)
        comp = comps[0] if comps else None
        if comp is None:
            comp = self.clause_under_medium(verb) or self.clause_beside(verb)
        if comp is None:
            nominal = self.object_content(verb, lemma)
            if nominal is not None:
                self.clauseless.add(verb.i)
                return nominal
            # "warned against “rewarding aggression”", "spoke of “a new era”": a quotation in a phrase
            # of the cue's own (plain_ok False: only with its quotation marks does it count)
            for c in verb.rights:
                if c.dep_ == "prep" and c.lower_ in _QUOTING_PREPOSITIONS:
                    a, b = c.left_edge.i, c.right_edge.i
                    if self.classify(self.doc[a].idx, self.doc[b].idx + len(self.doc[b]))[0] != "indirect":
                        return a, b, False
            return None
        if comp.pos_ not in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in comp.children
        ):
            return None
        if comp.left_edge.i < verb.i and comp.left_edge.lower_ in REL_PRONOUNS:
            # "the goal, which he claimed should have been ruled out": what he claimed is what follows
            # the cue (its subject, the relative pronoun, stands for a noun outside the clause)
            if (
                comp.i < verb.i
                or sum(1 for x in self.doc[verb.i + 1 : comp.right_edge.i + 1] if x.is_alpha) < 3
            ):
                return None
            return verb.i + 1, comp.right_edge.i, True
        return comp.left_edge.i, comp.right_edge.i, True

    def object_content(self, verb, lemma: str):
        """What was said as an infinitive ('vowed to block the bill'), the object of a preposition the
        verb takes ('pointed to the figures') or a noun phrase ('cited rising costs'), when the verb
        has no clause of its own."""
        if lemma in INFINITIVE_CUES or (
            lemma in APPEAL_CUES and any(c.dep_ in ("dobj", "dative") for c in verb.children)
        ):
            for c in verb.rights:
                if c.dep_ in ("xcomp", "ccomp") and any(
                    a.dep_ == "aux" and a.lower_ == "to" and a.i == c.left_edge.i for a in c.children
                ):
                    return c.left_edge.i, c.right_edge.i, True
        found = self.prepositional_content(verb, lemma)
        if found is not None:
            return found
        if lemma not in NOUN_OBJECT_CUES:
            return None
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if obj is None:
            # "suggested looking at the statements", "admitted using the tax code": a gerund object
            gerund = next((c for c in verb.rights if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"), None)
            if gerund is not None and not any(a.dep_ in ("aux", "nsubj") for a in gerund.children):
                return gerund.left_edge.i, gerund.right_edge.i, True
            return None
        if obj.lower_ in PRONOUN_OBJECTS or obj.pos_ == "PRON":
            return None
        if (obj.lower_ in NOMINAL_CUES or obj.lower_ in REPORT_NOUNS) and all(
            c.dep_ in ("det", "poss", "amod") for c in obj.children
        ):
            return None  # "denied the claim", "confirmed the reports": words given elsewhere
        if any(c.dep_ in ("ccomp", "xcomp") for c in verb.rights):
            return None
        b = obj.right_edge.i
        # "announced the decision in a blog post": the medium is not what was said
        for x in obj.subtree:
            if (
                x.dep_ == "prep"
                and x.lower_ in ("in", "on", "during")
                and x.i > obj.i
                and any(y.dep_ == "pobj" and y.lower_ in MEDIUM_NOUNS for y in x.children)
            ):
                b = min(b, x.i - 1)
        # "cited the audit as proof of ...": the role the speaker gave it belongs to the content
        for c in verb.rights:
            if c.i > b and c.dep_ in ("prep", "oprd") and c.lower_ == "as" and c.left_edge.i == b + 1:
                b = c.right_edge.i
        return obj.left_edge.i, b, True

    def prepositional_content(self, verb, lemma: str):
        """'called for a full inquiry', 'pointed to the jobs figures': the preposition's object."""
        wanted = PREPOSITION_CUES.get(lemma)
        if wanted is None:
            return None
        for c in verb.rights:
            if c.dep_ == "prep" and c.lower_ == wanted:
                # "called for a full inquiry", "called for eliminating the loophole"
                pobj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                if pobj is None or pobj.lower_ in PRONOUN_OBJECTS or pobj.pos_ == "PRON":
                    return None
                b = c.right_edge.i
                # "called for allies to raise spending": the act asked for belongs to it
                for x in verb.rights:
                    if x.dep_ == "xcomp" and x.left_edge.i == b + 1:
                        b = x.right_edge.i
                return pobj.left_edge.i, b, True
        return None

    def clause_under_medium(self, verb):
        """'said in a statement that ...': the parser hangs the that-clause on the medium noun."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "during"):
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.lower_ not in MEDIUM_NOUNS:
                    continue
                for c in noun.children:
                    if c.dep_ in ("acl", "relcl", "ccomp") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in c.children
                    ):
                        return c
        return None

    def clause_beside(self, verb):
        """'X, who heads Y, posted on Instagram that ...' parsed as a noun phrase: the cue and its
        that-clause both hang on X, the clause straight after the cue's own words."""
        if verb.dep_ != "acl" or verb.head.i > verb.i:
            return None
        for c in verb.head.rights:
            if (
                c.i > verb.i
                and c.dep_ in ("relcl", "acl", "ccomp")
                and c.left_edge.i == verb.right_edge.i + 1
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ):
                return c
        return None

    def before_next_report(self, a: int, b: int) -> int:
        """Content a..b cut before a coordinated or adverbial clause with its own speaker:
        'X wrote that A, while Y said that B' (B is Y's, not part of X's content)."""
        doc = self.doc
        for x in doc[a + 1 : b + 1]:
            if (
                x.dep_ in ("advcl", "conj")
                and x.lower_ in REPORTING_FORMS
                and (any(c.dep_ == "nsubj" for c in x.children) or _reports_beside(x))
                and x.left_edge.i > a
            ):
                b = x.left_edge.i - 1
                while b > a and (doc[b].is_punct or doc[b].dep_ == "cc" or doc[b].is_space):
                    b -= 1
                break
        return b

    def parenthetical(self, verb) -> tuple[int, int] | None:
        """'Underwriters, she says, still charge ...': the sentence around a cue set off by commas."""
        head = verb.head
        if verb.dep_ != "parataxis" or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
            return None
        doc = self.doc
        a, b = verb.left_edge.i, verb.right_edge.i
        opening = a  # "But, he cautioned, Beijing was ...": a conjunction may open the sentence
        while a < verb.i and (doc[a].dep_ == "cc" or doc[a].text == ","):
            a += 1
        subject = self.subject_of(verb)
        if (
            subject is not None
            and a < subject.left_edge.i < verb.i
            and doc[subject.left_edge.i - 1].text == ","
        ):
            # "Russia, Ms Notte argued, was ...": the parser hung the sentence's own subject on the cue
            a = opening = subject.left_edge.i
        a = a if doc[a].text == "," else a - 1  # the commas around the cue, in its subtree or not
        b = b if doc[b].text == "," else b + 1
        if a < 0 or b >= len(doc) or doc[a].text != "," or doc[b].text != ",":
            return None
        first, last = head.left_edge.i, head.right_edge.i
        if last <= b + 1 and head.dep_ == "advcl" and head.head.pos_ in ("VERB", "AUX"):
            # "Though the move was seamless, he said, replacing her would be harder": the cue closes
            # the fronted clause; the sentence it belongs to is reported whole
            first, last = head.head.left_edge.i, head.head.right_edge.i
        if sum(1 for x in doc[b + 1 : last + 1] if x.is_alpha) < 3:
            return None
        if first == opening:
            # the cue opens the sentence ("But, he cautioned, ..."): what it reports follows it
            return (b + 1, last) if doc[opening].dep_ == "cc" else None
        if not first < a:
            return None
        return first, last

    def closed_before_speaker(self, span: tuple[int, int]) -> tuple[int, int]:
        """'“We will achieve justice,” Tulsa police Chief Chuck Jordan said': a quotation before its
        cue ends at its closing mark, not in the speaker's name the parser joined to it."""
        k = self.quote_at(span[0] + 1)
        if k < 0 or self.quotes[k].open_pos != span[0]:
            return span
        end = self.quotes[k].outer_end
        if end < span[1] and len(re.findall(r"\w+", self.text[end : span[1]])) <= 3:
            return span[0], end
        return span

    def as_clause(self, verb) -> tuple[int, int] | None:
        """'As Chad Brown observed, the tariffs would bite', 'the city has no money, as the mayor noted':
        the clause the as-clause comments on is what was said."""
        doc = self.doc
        head = verb.head
        if verb.dep_ != "advcl" or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
            return None
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            return None
        if any(
            c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.lower_ != "it") for c in verb.children
        ):
            return None  # "as the company announced layoffs, shares fell": a time, not a comment
        a, b = verb.left_edge.i, verb.right_edge.i
        if a > head.left_edge.i and a > head.i:
            first, last = head.left_edge.i, a - 1  # the comment follows the clause
        else:
            first, last = b + 1, head.right_edge.i
        if sum(1 for x in doc[first : last + 1] if x.is_alpha) < 3:
            return None
        return first, last

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
            if low in NOMINAL_CUES and t.pos_ == "NOUN":
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
            if subj is None:
                subj = self.fallback_subject(t)
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
                    # state's commitment ("Russia promised to sell jets") or a group's
                    stated = t.i not in self.clauseless or (
                        raw is not None
                        and not raw.place
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
        self.add_labels()
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
                span = self.span_of(*rng) if rng is not None else None
                if span is not None:
                    cue.content = span
                    cue.kind, cue.quotes = self.classify(*span)
                self.cues.append(cue)
                self.cue_by_tok[t.i] = cue
        self.cues.sort(key=lambda c: c.pos)

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
            if words[-1].lower() in surnames and lab.headline:
                # "Embattled Okonjo Vows ...": a headline's other capitalised words are no name
                raw = RawSpeaker(label, lab.label_start, name_words=words[-1:], kind="person")
            elif words[-1].lower() in surnames or (not lab.headline and label.isupper()):
                raw = RawSpeaker(label, lab.label_start, name_words=words, kind="person")
            elif (
                ent is not None
                and ent.label_ in ("PERSON", "ORG")
                and ent.start_char >= lab.label_start
                and ent.end_char <= lab.label_end  # not "Glenn Beck Says Trump", a title-case blur
            ):
                raw = analyze_np(ent.root, self.idx)
            if raw is None or raw.pronoun or not raw.name_words:
                continue
            cue = Cue(lab.label_start, toks[0].i, lab.cue, p.index, raw, base=0.8)
            cue.content = (lab.words_start, lab.words_end)
            cue.kind, cue.quotes = self.classify(*cue.content)
            self.cues.append(cue)
            self.cue_by_tok[toks[0].i] = cue

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
        if clause is None and low in NOMINAL_FOR_CUES:
            # "a call for a temporary ban": what is called for
            prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "for"), None)
            clause = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
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
        if holder.lower_ in POSSESSIVE_PRONOUNS:
            raw = RawSpeaker(holder.text, holder.idx, pronoun=POSSESSIVE_PRONOUNS[holder.lower_])
        else:
            raw = analyze_np(holder, self.idx)
        if raw is None or (raw.unnamed and not raw.spokes):
            return
        span = self.span_of(clause.left_edge.i, clause.right_edge.i)
        if (
            span is None
            or sum(1 for x in self.doc[clause.left_edge.i : clause.right_edge.i + 1] if x.is_alpha) < 3
        ):
            return
        cue = Cue(noun.idx, noun.i, noun.text, p.index, raw, base=0.7)
        cue.content = span
        cue.kind, cue.quotes = self.classify(*span)
        self.cues.append(cue)
        self.cue_by_tok[noun.i] = cue

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
        raw = analyze_np(pobj, self.idx) if pobj is not None else None
        phrase_end = max(pobj.right_edge.i if pobj is not None else to.i, to.i)
        if pobj is not None:
            # "According to Rush Limbaugh, the move reeks of fear": the parser may hang the sentence on
            # the source; the source ends at the comma after its name
            comma = next((x.i for x in doc[pobj.i + 1 : phrase_end + 1] if x.text == ","), None)
            reaches_end = all(x.is_punct or x.is_space for x in doc[phrase_end + 1 : t.sent.end])
            if reaches_end and comma is not None and comma > t.i + 2 and comma < phrase_end - 2:
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

    # ---- speakers -------------------------------------------------------------------------------
    def org_by_name(self, raw: RawSpeaker) -> None:
        """A one-word 'person' that is a known organisation's name is that organisation ('Lumo said')."""
        if raw.kind == "person" and len(raw.name_words) == 1 and not raw.gender and not raw.role:
            word = raw.name_words[0]
            ent = self.registry.orgs.get(word.lower())
            if ent is None and word.lower() not in self.idx.names.surnames:  # "Doe" of "Jane Doe" is Doe
                ent = self.registry.longer_org(word)
            if ent is not None and not ent.place:
                raw.kind = "organisation"

    def person_by_surname(self, raw: RawSpeaker) -> None:
        """A one-word 'organisation' that is the surname of a known person is that person ('Kebede said')."""
        if (
            raw.kind == "organisation"
            and len(raw.name_words) == 1
            and " " not in raw.name_words[0]
            and raw.name_words[0].lower() in self.registry.by_last
        ):
            raw.kind = "person"

    def register(
        self, raw: RawSpeaker, para: int, *, own_content: tuple[int, int] | None = None
    ) -> tuple[Entity | None, float]:
        """Resolve a speaker as written to an entity (updating salience, unless the mention lies in
        another speaker's reported words: 'Earnest said that Obama has called for ...' keeps Earnest
        in focus for the next 'He said')."""
        ent = None
        strength = 1.0
        self.person_by_surname(raw)
        self.org_by_name(raw)
        if raw.pronoun == "it":
            # "it said": the organisation in focus (the subject of a recent sentence, or named last)
            for pos, p, e in reversed(self.salience[-20:]):
                if pos < raw.pos and p >= para - 1 and e.kind == "organisation" and not e.place:
                    return e, 0.85
            return self.org_in_focus(raw.pos, para, 1), 0.7
        if raw.role_noun:
            ent = self.registry.person_by_role(raw.role_noun, raw.pos)
            if ent is None:
                # "Volodymyr Zelensky has said ... '...,' the Ukrainian president said": the title
                # introduces the role of the person in focus, whose role was not given yet
                ent = self.person_in_focus(raw.pos, para, back=1)
                ent = ent if ent is not None and not ent.role else None
            return ent, 0.8  # a title does not change who is in focus
        if raw.epithet:
            return self.person_in_focus(raw.pos, para), 0.8
        if raw.pronoun:
            ent, same_para = self.resolve_pronoun(raw, para)
            strength = 0.95 if same_para else 0.85
            unnamed = self.unnamed_before(raw.pos, para) if raw.pronoun in ("he", "she") else None
            if unnamed is not None and (ent is None or ent.last_before(raw.pos) < unnamed[0]):
                # "A Saudi official insisted ... He added:": the unnamed source spoke last
                raw.unnamed, raw.mention = True, unnamed[1]
                return None, strength
        elif raw.org_noun:
            ent, strength = self.org_by_noun(raw.org_noun, raw.pos, para)
        elif raw.statement:
            # "the statement said": whoever was last the subject, here or in the two paragraphs before
            for pos, p, e in reversed(self.salience[-20:]):
                if pos < raw.pos and p >= para - 2 and not e.place:
                    return e, 0.75
            return self.org_in_focus(raw.pos, para, 2), 0.7
        elif raw.spokes:
            # "a spokesperson said": the organisation in focus in this or the previous paragraph
            for pos, p, e in reversed(self.salience[-20:]):
                if pos < raw.pos and p >= para - 1 and e.kind == "organisation" and not e.place:
                    ent, strength = e, 0.8
                    break
            if ent is None:
                ent, strength = self.org_in_focus(raw.pos, para, 1), 0.7
            if ent is not None:
                return ent, strength  # a spokesperson does not change who is in focus
        elif raw.kind == "person" and raw.name_words:
            org = raw.org
            if org is None and raw.works_for_noun:
                employer, _strength = self.org_by_noun(raw.works_for_noun, raw.pos, para)
                org = employer.name if employer is not None else None
            ent = self.registry.person(raw.name_words, raw.pos, raw.mention, raw.gender, raw.role, org)
        elif raw.kind == "organisation" and raw.name_words:
            ent = self.registry.organisation(raw.name_words[0], raw.pos, raw.mention, raw.place)
        if ent is not None and not self.reported_by_another(raw.pos, own_content):
            self.salience.append((raw.pos, para, ent))
        return ent, strength

    def reported_by_another(self, pos: int, own_content: tuple[int, int] | None) -> bool:
        return any(
            c.content[0] <= pos < c.content[1] and c.content != own_content
            for c in self.cues
            if c.content is not None and c.kind != "direct"
        )

    def org_in_own_words(self, cue: Cue) -> Entity | None:
        """'Orlen Castings is closing two plants, the company said': a company unknown so far is the
        proper-noun subject of what it says about itself."""
        verb = self.doc[cue.tok_i]
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        subj = next((c for c in comp.children if c.dep_ == "nsubj"), None) if comp is not None else None
        if subj is None or subj.pos_ != "PROPN" or subj.ent_type_ in ("GPE", "NORP"):
            return None
        span = self.idx.name_span(subj)
        if span is None:
            return None
        # the tagger often calls company names people; a person met before (with a role or an
        # honorific, or outside this sentence) stays a person: "Jane Doe is leaving, the company said"
        known = self.registry.by_last.get(subj.text.lower(), [])
        if any(e.role or e.gender or e.positions[0] < cue.content[0] for e in known):
            return None
        name = self.doc[span[0] : span[1]].text.removeprefix("The ").removeprefix("the ").strip()
        return self.registry.organisation(name, self.doc[span[0]].idx, name) if name else None

    def org_by_noun(self, noun: str, pos: int, para: int) -> tuple[Entity | None, float]:
        """'the agency' (said, or whose director spoke): the organisation with that word in its name,
        else the one named last, in this or the two paragraphs before; and how sure that is."""
        ent = self.registry.org_by_noun(noun, pos)
        if ent is not None:
            return ent, 0.85
        return self.org_in_focus(pos, para, 2, business=noun in BUSINESS_NOUNS), 0.75

    def org_in_focus(self, pos: int, para: int, back: int, business: bool = False) -> Entity | None:
        since = self.paras[max(0, para - back)].start
        return self.registry.org_in_focus(pos, since, exclude=self.outlet, business=business)

    def speaks_unnamed(self, cue: Cue) -> bool:
        """Whether the cue's speaker is one unnamed person ("A senior official insisted"), whom a
        following "he" or "she" may mean."""
        raw = cue.raw
        return (
            cue.entity is None
            and raw.unnamed
            and not raw.pronoun
            and raw.kind is None
            and not (raw.spokes or raw.statement or raw.role_noun or raw.epithet)
            and _one_person(raw.mention)
        )

    def unnamed_before(self, pos: int, para: int) -> tuple[int, str] | None:
        """The last unnamed person who spoke before pos in this paragraph ("a senior official"), as
        (position, mention), or None."""
        for at, p, mention in reversed(self.unnamed_speakers):
            if at < pos:
                return (at, mention) if p == para else None
        return None

    def person_in_focus(self, pos: int, para: int, back: int = 2) -> Entity | None:
        """The person last the subject of a sentence or a cue, here or in the ``back`` paragraphs before."""
        for at, p, ent in reversed(self.salience):
            if at < pos and p >= para - back and ent.kind == "person":
                return ent
            if p < para - back:
                break
        return None

    def resolve_pronoun(self, raw: RawSpeaker, para: int) -> tuple[Entity | None, bool]:
        want_person = raw.pronoun in ("he", "she")
        gender = {"he": "m", "she": "f"}.get(raw.pronoun or "")
        first = None  # the nearest person, when a first name suggests the other gender
        for n, (pos, p, ent) in enumerate(reversed(self.salience)):
            if pos >= raw.pos:
                continue
            if p < para - 3 or n > 60 or (first is not None and p < first[1] - 1):
                break
            if want_person:
                if ent.kind != "person":
                    continue
                if ent.gender and gender and ent.gender != gender:
                    continue
                by_name = ent.name_gender
                if first is None:
                    if ent.gender or not by_name or not gender or by_name == gender:
                        return ent, p == para
                    first = (ent, p)
                elif ent is not first[0] and (ent.gender or by_name) == gender:
                    # a first name is only a tie-breaker: another recent person fits better
                    return ent, p == para
                continue
            if ent.kind == "organisation" and p >= para - 2:
                # "they": an organisation that was a subject here or up to two paragraphs before
                return ent, p == para
        if first is not None:
            return first[0], first[1] == para
        if want_person:
            # no person was a subject lately: the person named last, here or in the paragraph before
            # ("... after the singer Jane Doe posted ... 'Quote,' she wrote")
            since = self.paras[max(0, para - 1)].start
            best, best_pos = None, since - 1
            for ent in self.registry.persons:
                if ent.gender and gender and ent.gender != gender:
                    continue
                last = ent.last_before(raw.pos - 1)
                if last > best_pos:
                    best, best_pos = ent, last
            if best is not None:
                return best, best_pos >= self.paras[para].start
        if not want_person:
            # "they" after a one-word name the tagger took for a person ("Greenpeace said ... They ...")
            for pos, p, ent in reversed(self.salience[-60:]):
                if (
                    pos < raw.pos
                    and p >= para - 1
                    and len(ent.words) == 1
                    and not ent.gender
                    and not ent.role
                ):
                    return ent, p == para
        return None, False

    def resolve_all(self) -> None:
        """Walk names and cues in reading order: register entities, resolve pronouns."""
        events: list[tuple[int, int, object]] = []
        doc = self.doc
        for ent in doc.ents:
            p = self.para_of(ent.start_char)
            if p is None or not (p.prose or p.title):
                continue
            if self.in_marks(ent.start_char):
                continue
            if ent.label_ in PERSON_LABELS or ent.label_ in ("ORG",):
                events.append((ent.start_char, 0, ent.root))
        for t in doc:
            if t.dep_ == "nsubj" and (t.lower_ in ORG_NOUNS or t.lower_ in FOLLOWING_NOUNS):
                p = self.para_of(t.idx)
                if p is not None and p.prose and not self.in_marks(t.idx):
                    events.append((t.idx, 2, t))
            # company names the tagger missed, as subjects: "Tavora Motors is recalling ..."
            if t.dep_ == "nsubj" and t.pos_ == "PROPN" and not t.ent_type_:
                p = self.para_of(t.idx)
                if p is not None and p.prose and not self.in_marks(t.idx):
                    events.append((t.idx, 0, t))
        for cue in self.cues:
            pos = cue.raw.pos if cue.raw is not None else cue.pos
            events.append((pos, 1, cue))
        events.sort(key=lambda e: (e[0], e[1]))
        spans = sorted(c.content for c in self.cues if c.content is not None)
        self._content_starts = [a for a, _ in spans]
        self._content_reach = []
        reach = -1
        for _, b in spans:
            reach = max(reach, b)
            self._content_reach.append(reach)
        for pos, kind, obj in events:
            if kind == 0:
                head = obj
                raw = analyze_np(head, self.idx)
                if raw is None or raw.pronoun or not raw.name_words:
                    continue
                if not head.ent_type_ and raw.kind != "organisation" and not self.untagged_person(head, raw):
                    continue
                self.person_by_surname(raw)
                if raw.kind == "person":
                    e = self.registry.person(
                        raw.name_words, raw.pos, raw.mention, raw.gender, raw.role, raw.org
                    )
                else:
                    e = self.registry.organisation(raw.name_words[0], raw.pos, raw.mention, raw.place)
                salient = (
                    head.dep_ in ("nsubj", "nsubjpass")
                    # "The department's spokesperson, Matthew Miller, struck a cautious note."
                    or (head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass"))
                    or (head.dep_ == "pobj" and head.head.dep_ == "agent")
                    or (raw.kind == "person" and _holds_the_view(head))
                ) and not self.in_content(pos)
                if salient:
                    p = self.para_of(pos)
                    self.salience.append((pos, p.index if p else 0, e))
            elif kind == 2:
                # "The department will run clinics.": the organisation it names is in focus
                raw = analyze_np(obj, self.idx)
                if raw is not None and raw.kind == "organisation" and raw.name_words and not raw.place:
                    # "The Trump campaign did not respond": the body named is in focus
                    if not self.in_content(pos):
                        ent = self.registry.organisation(raw.name_words[0], pos, raw.mention)
                        p = self.para_of(pos)
                        self.salience.append((pos, p.index if p else 0, ent))
                elif raw is not None and raw.org_noun and not self.in_content(pos):
                    ent = self.registry.org_by_noun(raw.org_noun, pos)
                    if ent is not None:
                        p = self.para_of(pos)
                        self.salience.append((pos, p.index if p else 0, ent))
            else:
                cue = obj
                if cue.raw is not None:
                    cue.entity, cue.strength = self.register(cue.raw, cue.para, own_content=cue.content)
                    if self.speaks_unnamed(cue):
                        self.unnamed_speakers.append((cue.raw.pos, cue.para, cue.raw.mention))
                    if cue.entity is None and cue.raw.pronoun == "it":
                        cue.raw = None  # "It suggests ...": no organisation in focus, no speaker
                    elif cue.entity is None and cue.raw.org_noun:
                        cue.entity = self.org_in_own_words(cue)

    # ---- quotations ---------------------------------------------------------------------------
    def attribution_of(self, cue: Cue, base: float) -> Attribution:
        raw = cue.raw
        mention = raw.mention if raw else None
        if cue.entity is not None:
            return Attribution(cue.entity, mention, cue.cue, base * cue.strength)
        unnamed = bool(raw and raw.unnamed)
        return Attribution(None, mention, cue.cue, base * (0.5 if unnamed else 0.4), unnamed)

    def frame_cue(self, a_pos: int, b_pos: int, first_n: int) -> Cue | None:
        """First cue word among the first tokens of text[a_pos:b_pos]."""
        if a_pos >= b_pos:
            return None
        a, b = self.tok_at(a_pos), self.tok_at(b_pos - 1)
        doc = self.doc
        n = 0
        for i in range(a, b + 1):
            t = doc[i]
            if t.idx < a_pos or t.is_space:
                continue
            if t.text in _SENT_END:
                return None
            cue = self.cue_by_tok.get(i)
            if cue is not None:
                return cue
            if not t.is_punct:
                n += 1
                if n > first_n:
                    return None
        return None

    def lead_in(self, q: QuoteSpan, lo: int) -> tuple[Cue | None, RawSpeaker | None, str | None]:
        """A lead-in before the quotation in the same sentence: 'X said: “', 'X was blunt: “', 'X said “'."""
        frame = self.text[lo : q.open_pos]
        stripped = frame.rstrip()
        if not stripped:
            return None, None, None
        # the sentence that leads in
        cut = max(stripped.rfind(". "), stripped.rfind("? "), stripped.rfind("! "))
        s0 = lo + cut + 2 if cut >= 0 else lo
        last = stripped[-1]
        if last in _SENT_END or stripped.endswith(tuple(c + q for c in _SENT_END for q in '”"’')):
            return None, None, None  # the sentence before ended: not a lead-in
        a, b = self.tok_at(s0), self.tok_at(lo + len(stripped) - 1)
        doc = self.doc
        toks = [t for t in doc[a : b + 1] if t.idx >= s0 and not t.is_space]
        if not toks:
            return None, None, None
        cues = [self.cue_by_tok[t.i] for t in toks if t.i in self.cue_by_tok]
        if last == ":":
            if cues:
                return cues[-1], None, None
            for t in toks:
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.i >= toks[0].i and t.head.i <= toks[-1].i:
                    raw = analyze_np(t, self.idx)
                    if raw is not None:
                        return None, raw, ":"
            return None, None, None
        # "“It is not just the hacking,” Schiff told Capital Download on Wednesday, “but the attempt
        # ...”": the second half of a quotation split by its cue
        if last == "," and cues and lo > 0 and self.text[lo - 1] in _QUOTE_CHARS:
            return cues[-1], None, None
        # "X said “...", "X said, “...", "X added that “..."
        k = len(toks) - 1
        while k >= 0 and (toks[k].is_punct or toks[k].lower_ == "that"):
            k -= 1
        if k >= 0 and toks[k].i in self.cue_by_tok:
            return self.cue_by_tok[toks[k].i], None, None
        return None, None, None

    def cue_before_colon(self, pi: int) -> Cue | None:
        """The cue of paragraph ``pi`` when the paragraph is its lead-in to the next one: it ends with a
        colon, in the sentence of its last cue, which reports nothing of its own ('X said:')."""
        if pi < 0:
            return None
        para = self.paras[pi]
        ending = self.text[para.start : para.end].rstrip()
        if not ending.endswith(":"):
            return None
        cues = [c for c in self.cues if c.para == pi]
        if not cues or cues[-1].content is not None:
            return None
        between = self.text[cues[-1].pos : para.start + len(ending) - 1]
        if any(mark in between for mark in _SENT_END):
            return None
        return cues[-1]

    def attribute_quotes(self) -> list[CandidateQuote]:
        out: list[CandidateQuote] = []
        covered: set[int] = set()
        direct_by_cue: dict[int, Cue] = {}
        for cue in self.cues:
            if cue.content is None:
                continue
            if cue.kind == "direct":
                for j in cue.quotes:
                    direct_by_cue.setdefault(j, cue)
            elif cue.kind == "mixed":
                for j in cue.quotes:
                    q = self.quotes[j]
                    if cue.content[0] <= q.open_pos and q.end <= cue.content[1]:
                        covered.add(j)
        para_last: dict[int, Attribution] = {}
        for cue in self.cues:
            if cue.raw is not None and (cue.entity is not None) and cue.content is not None:
                para_last[cue.para] = self.attribution_of(cue, 0.8)
        # per paragraph: characters inside quotation marks, and whether a quotation is left open
        quoted_len: dict[int, int] = {}
        left_open: set[int] = set()
        for x, xp in zip(self.quotes, self.quote_para, strict=True):
            quoted_len[xp] = quoted_len.get(xp, 0) + x.outer_end - x.open_pos
            if x.close_pos is None:
                left_open.add(xp)
        cur_para = -1
        para_attr: Attribution | None = None
        prose_paras = [p.index for p in self.paras if p.prose]
        prev_prose = {}
        for i, k in enumerate(prose_paras):
            prev_prose[k] = prose_paras[i - 1] if i else -1
        last_attr_by_para: dict[int, Attribution] = {}
        cue_iter = 0
        for j, q in enumerate(self.quotes):
            pi = self.quote_para[j]
            para = self.paras[pi]
            if pi != cur_para:
                cur_para = pi
                para_attr = None
            # cues in this paragraph before this quotation update the paragraph's speaker
            while cue_iter < len(self.cues) and self.cues[cue_iter].pos < q.open_pos:
                c = self.cues[cue_iter]
                if c.para == pi and c.entity is not None:
                    para_attr = self.attribution_of(c, 0.75)
                cue_iter += 1
            if j in covered or (not para.title and _names_a_work(self.text, q)):
                continue
            attr = None
            if j in direct_by_cue:
                attr = self.attribution_of(direct_by_cue[j], 0.95)
            nxt = (
                self.quotes[j + 1].open_pos
                if j + 1 < len(self.quotes) and self.quote_para[j + 1] == pi
                else para.end
            )
            content_end = self.text[q.start : q.end].rstrip()
            if attr is None:
                ends_stop = content_end.endswith(".") and q.close_pos is not None
                tail_ok = (
                    ends_stop
                    or content_end[-1:] in ",?!…—–-:;"
                    or (self.text[q.outer_end : q.outer_end + 3].lstrip().startswith((",", "—", "–")))
                )
                cue = self.frame_cue(q.outer_end, nxt, 4 if ends_stop else 20) if tail_ok else None
                if cue is not None and not (ends_stop and cue.content is not None and cue.kind != "direct"):
                    attr = self.attribution_of(cue, 0.95)
            if attr is None:
                lo = para.start
                if j > 0 and self.quote_para[j - 1] == pi:
                    lo = self.quotes[j - 1].outer_end
                cue, raw, cue_text = self.lead_in(q, lo)
                if cue is not None:
                    attr = self.attribution_of(cue, 0.9)
                elif raw is not None:
                    ent, strength = self.register(raw, pi)
                    if ent is not None:
                        attr = Attribution(ent, raw.mention, cue_text, 0.85 * strength)
            k = q.open_pos - 1
            while k >= para.start and self.text[k].isspace():
                k -= 1
            para_initial = k < para.start
            if attr is None and para_initial:
                # "A spokesperson for the council said:" ending the paragraph before
                cue = self.cue_before_colon(prev_prose.get(pi, -1))
                if cue is not None:
                    attr = self.attribution_of(cue, 0.9)
            starts_sentence = para_initial or self.text[k] in _SENT_END + '”"’'
            if para.title and (attr is None or attr.entity is None):
                continue  # a headline's quotation needs its own cue and a named speaker
            if attr is None and starts_sentence and para_attr is not None:
                # a later sentence of the same paragraph: the speaker of its earlier quotation or cue
                attr = Attribution(para_attr.entity, None, None, min(para_attr.confidence, 0.75))
            if attr is None and para_initial and q.close_pos is not None and content_end[-1:] in _SENT_END:
                # "“We have to be honest.” Speaking in Leeds, the chancellor, Jane Doe, said ...":
                # an unattributed opening quotation, and the next sentence names who spoke
                cue = self.frame_cue(q.outer_end, nxt, 25)
                if cue is not None and cue.entity is not None and cue.raw is not None and not cue.raw.pronoun:
                    attr = Attribution(cue.entity, None, None, 0.7 * cue.strength)
            if attr is None and para_initial:
                dominant = quoted_len.get(pi, 0) >= 0.7 * (para.end - para.start)
                pp = prev_prose.get(pi, -1)
                prev_attr = last_attr_by_para.get(pp) or para_last.get(pp)
                if dominant and prev_attr is not None and prev_attr.entity is not None:
                    attr = Attribution(prev_attr.entity, None, None, 0.8 if pp in left_open else 0.65)
                elif dominant and len(content_end.split()) >= 8:
                    # a paragraph of quotation after one of scene-setting ("We sat in his office. He
                    # poured coffee."): the person in focus, quoted or named as a subject lately
                    ent = self.person_in_focus(q.open_pos, pi)
                    if ent is not None:
                        attr = Attribution(ent, None, None, 0.6)
            if attr is None:
                continue
            if attr.entity is None and not attr.raw_unnamed and attr.mention is None:
                continue
            para_attr = attr if attr.entity is not None else para_attr
            if attr.entity is not None:
                last_attr_by_para[pi] = attr
            kind = "direct"
            out.append(self.make_quote(q.start, q.end, kind, attr))
        # indirect and mixed content of cues
        for cue in self.cues:
            if cue.content is None or cue.kind == "direct" or cue.title:
                continue
            if cue.raw is None:
                continue
            attr = self.attribution_of(cue, 0.85 if cue.kind == "mixed" else cue.base)
            if (
                attr.entity is None
                and not attr.raw_unnamed
                and cue.raw.pronoun is None
                and cue.raw.kind is None
            ):
                continue
            s, e = cue.content
            out.append(self.make_quote(s, e, cue.kind, attr))
        return out

    def make_quote(self, s: int, e: int, kind: str, attr: Attribution) -> CandidateQuote:
        return CandidateQuote(
            text=self.text[s:e],
            start=s,
            end=e,
            kind=kind,
            cue=attr.cue,
            speaker_mention=attr.mention,
            speaker=self.speaker(attr.entity),
            confidence=round(max(0.05, min(1.0, attr.confidence)), 3),
        )

    def speaker(self, ent: Entity | None) -> Speaker | None:
        if ent is None:
            return None
        cached = self._speakers.get(id(ent))
        if cached is None:
            aliases = tuple(a for a in ent.aliases if a != ent.name)
            pk = person_kind(ent.role, ent.org) if ent.kind == "person" else None
            cached = Speaker(ent.name, ent.kind, ent.role, ent.org, aliases, pk)
            self._speakers[id(ent)] = cached
        return cached

    def run(self) -> ArticleExtraction:
        self._speakers: dict[int, Speaker] = {}
        self.build_cues()
        self.resolve_all()
        quotes = self.attribute_quotes()
        quotes = _drop_nested(quotes)
        speakers = []
        seen = set()
        for q in quotes:
            if q.speaker is not None and q.speaker.name not in seen:
                seen.add(q.speaker.name)
                speakers.append(q.speaker)
        return ArticleExtraction(tuple(quotes), tuple(speakers), self.outlet)


def _holds_the_view(head) -> bool:
    """'For Hanna Notte, the summit was symbolic.', 'To Ian Bond, the deal looks fragile.': a sentence
    that opens by naming whose view it gives; that person is the one a following 'she said' means."""
    prep = head.head
    return (
        head.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in ("for", "to")
        and prep.i == head.sent.start
        and prep.head.pos_ in ("VERB", "AUX")
    )


def _one_person(mention: str) -> bool:
    """'A senior official', 'one diplomat', 'the witness': one unnamed person ('analysts' are not 'he')."""
    words = mention.lower().split()
    return (
        len(words) >= 2
        and words[0] in ("a", "an", "one", "another", "the")
        and (not words[-1].endswith("s") or words[-1].endswith("ss"))
    )


def _reports_beside(verb) -> bool:
    """'X wrote that the approach was "counterproductive" and urged restraint': the parser joins the
    second report to the clause the first one reports; it is X's, beside the first."""
    return (
        verb.dep_ == "conj"
        and verb.lower_ in REPORTING_FORMS
        and verb.head.dep_ == "ccomp"
        and verb.head.head.lower_ in REPORTING_FORMS
        and not any(c.dep_ in _SUBJ for c in verb.children)
    )


_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "is",
}


def _names_a_work(text: str, q: QuoteSpan) -> bool:
    """'on “Face the Nation,”', 'his book “Make Your Kid a Millionaire”': a title in quotation marks,
    every word capitalised, is the name of a show, book or film, not words spoken."""
    inner = text[q.start : q.end].rstrip(" ,.!?")
    words = re.findall(r"[^\W\d_][\w'’-]*", inner)
    if not 3 <= len(words) <= 8 or any(c in inner for c in ".!?"):
        return False
    if not all(w[0].isupper() for w in words if w.lower() not in _SMALL_WORDS):
        return False
    before = text[max(0, q.open_pos - 3) : q.open_pos].rstrip()
    return not before.endswith(":")


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


def _drop_nested(quotes: list[CandidateQuote]) -> list[CandidateQuote]:
    """Keep the outer of two nested quotations ('X warned that ... the US says ...'); sort by start."""
    quotes = sorted(quotes, key=lambda q: (q.start, -(q.end - q.start)))
    out: list[CandidateQuote] = []
    max_end = -1
    for q in quotes:
        if out and q.end <= max_end:
            outer = max((o for o in out if o.end >= q.end), key=lambda o: o.end - o.start)
            # a direct quotation inside indirect content is already part of that content
            if outer.start <= q.start:
                continue
        out.append(q)
        max_end = max(max_end, q.end)
    return out


def extract_doc(text: str, doc) -> ArticleExtraction:
    if not text.strip():
        return ArticleExtraction((), (), None)
    return _Article(text, doc).run()
