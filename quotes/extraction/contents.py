"""What a cue reports: the reported content of a cue verb as a token range, and character spans
of token ranges with the quotations they hold (direct, mixed or indirect).

A mixin of ``core._Article``: it reads the article's state (``self.doc``, ``self.text``, ``self.cues`` ...)
that ``core`` sets up."""

from __future__ import annotations

import re
from bisect import bisect_left

from .lexicon import (
    ADDRESSEE_VERBS,
    APPEAL_CUES,
    HUMAN_NOUNS,
    INFINITIVE_CUES,
    MEDIUM_NOUNS,
    NAMING_VERBS,
    NOMINAL_CUES,
    NOUN_OBJECT_CUES,
    OBJECT_VERBS,
    OBJECT_VERBS_NO_QUOTES,
    PREPOSITION_CUES,
    PRONOUN_OBJECTS,
    PUBLICATION_NOUNS,
    REL_PRONOUNS,
    REPORT_NOUNS,
    REPORTING_FORMS,
)

_SUBJ = ("nsubj",)
_SENT_END = ".!?"

_QUOTE_CHARS = set("“”‘’\"'«»„")

# A cue's phrase that may hold what was said, in quotation marks: "warned against", "spoke of".
_QUOTING_PREPOSITIONS = ("against", "of", "about", "over", "for", "on", "as")


def _as_clause(tok) -> bool:
    """'described the country as beset by ...': the verdict parsed as an adverbial clause with 'as'."""
    return (
        tok.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
        # ("described the house as she remembered it": a clause with its own subject tells how)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
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


# People an object can name (plural): "welcomed several hundred guests", "confirm Supreme Court justices"
_PEOPLE = {
    "guests",
    "justices",
    "judges",
    "officers",
    "visitors",
    "supporters",
    "workers",
    "residents",
    "students",
    "members",
    "employees",
    "voters",
    "delegates",
    "donors",
    "nominees",
    "candidates",
    "leaders",
    "officials",
}
_TIME_NOUNS = {"hours", "days", "weeks", "morning", "evening", "night", "week", "weekend", "time"}


# What a speaker says something in ("in a new study that ..."), and what one does to such a text
# ("the report that the agency released")
_WRITINGS = MEDIUM_NOUNS | PUBLICATION_NOUNS | {"book", "paper", "article", "memoir", "letter", "editorial"}
_DONE_TO_A_TEXT = {
    "release", "publish", "issue", "file", "prepare", "conduct", "commission", "obtain", "produce", "post",
    "deliver", "sign", "submit", "present", "review", "author", "draft", "unveil", "leak", "cite",
    "receive", "circulate", "update", "distribute",
}  # fmt: skip
_DONE_TO_A_TEXT_IRREGULAR = {"wrote", "written", "write", "writes", "gave", "given", "give", "made", "make",
                             "sent", "send", "saw", "seen", "see", "read", "reads"}  # fmt: skip


def _relates_the_text(clause) -> bool:
    """'the report that the agency released on Friday': a relative clause telling what was done to
    the text, its object the text itself; not 'that it had released the hostages'."""
    word = clause.lower_
    done = word in _DONE_TO_A_TEXT_IRREGULAR or any(
        word in (verb, verb + "s", verb + "d", verb + "ed") for verb in _DONE_TO_A_TEXT
    )
    return done and not any(c.dep_ in ("dobj", "ccomp") for c in clause.children)


# Nouns that take a that-clause of their own: "reports that ...", "the fact that ...", "fears that ..."
_CLAUSE_NOUNS = NOMINAL_CUES | REPORT_NOUNS | {
    "fact", "idea", "news", "fear", "fears", "concern", "concerns", "rumor", "rumors", "rumour", "rumours",
    "speculation", "possibility", "evidence", "sign", "signs", "hope", "hopes", "belief", "view",
    "notion", "suggestion", "assumption", "impression", "sense", "worry", "worries", "doubt", "doubts",
    "indication", "indications", "proof", "conclusion", "theory", "expectation", "expectations", "chance",
    "risk", "danger", "point", "argument", "realization", "recognition", "knowledge", "awareness",
}  # fmt: skip

# The subjects of a frame a cue interrupts: "It is no surprise, he said, that ...", "There is a risk, ..."
_FRAME_SUBJECTS = {"it", "there", "this", "that"}


# How many words of a title may stand between a quotation's closing mark and the name of its speaker.
_TITLE_WORDS_BEFORE_NAME = 4


class ContentReader:
    """Methods of the article extraction: see the module's docstring."""

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
        for start, end in self.idx.names.datelines:
            if start <= s < end < e:
                s = end  # "MOSCOW, March 3 (Reuters) - Russia is ready ...": the dateline is nobody's words
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
                    c
                    for c in verb.rights
                    if c.dep_ in ("dobj", "prep", "oprd", "xcomp", "ccomp", "acomp") or _as_clause(c)
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
                        or _as_clause(p)
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
        if comp is not None and comp.i < verb.i:
            # "In his book, ''Make Your Kid a Millionaire,'' he suggested looking at ...": the clause in
            # front of the cue is a title or an aside when the cue has a complement of its own after it
            after = self.object_content(verb, lemma)
            if after is not None:
                self.clauseless.add(verb.i)
                return after
        if comp is None and lemma == "say":
            clause = self.clause_as_object(verb)
            if clause is not None:
                return clause
        if comp is None:
            comp = (
                self.clause_of_misread_noun(verb)
                or self.clause_under_medium(verb)
                or self.clause_under_a_phrase(verb)
                or self.clause_beside(verb)
                or self.clause_under_addressee(verb, lemma)
            )
        if comp is None:
            before = self.clause_before_coordinated_cue(verb)
            if before is not None:
                return before
        if comp is None:
            around = self.sentence_around(verb)
            if around is not None:
                return around
        if comp is None:
            adverbial = self.clause_as_adverbial(verb) or self.clause_the_cue_closes(verb)
            if adverbial is not None:
                return adverbial
        if comp is None:
            nominal = self.object_content(verb, lemma)
            if nominal is not None:
                self.clauseless.add(verb.i)
                return nominal
            # "warned against “rewarding aggression”", "spoke of “a new era”": a quotation in a phrase
            # of the cue's own (plain_ok False: only with its quotation marks does it count)
            for c in verb.rights:
                if c.dep_ == "prep" and lemma in ("respond", "reply") and c.lower_ in ("with", "by"):
                    # "responded with attacks on Machado", "responded by using the example of Chicago"
                    pobj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                    if (
                        pobj is not None
                        and pobj.pos_ != "PRON"
                        and pobj.lower_ not in REPORTING_FORMS  # "responded by saying ...": its own cue
                        and (pobj.tag_ == "VBG" or any(True for _ in pobj.children))
                    ):
                        return pobj.left_edge.i, pobj.right_edge.i, True
                if c.dep_ == "prep" and lemma == "warn" and c.lower_ == "against":
                    # "warned against potential hackers from China": what the warning named
                    # (in quotation marks it is read below, with its preposition, as before)
                    pobj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                    if (
                        pobj is not None
                        and pobj.pos_ != "PRON"
                        and self.classify(self.doc[c.i].idx, self.doc[c.right_edge.i].idx + 1)[0]
                        == "indirect"
                        and self.quote_at(self.doc[pobj.left_edge.i].idx) < 0
                    ):
                        return pobj.left_edge.i, pobj.right_edge.i, True
                if c.dep_ == "prep" and c.lower_ in _QUOTING_PREPOSITIONS:
                    a, b = c.left_edge.i, c.right_edge.i
                    if self.classify(self.doc[a].idx, self.doc[b].idx + len(self.doc[b]))[0] != "indirect":
                        return a, b, False
            return None
        if comp.pos_ not in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in comp.children
        ):
            return None
        if comp.left_edge.i < verb.i and self.relative_pronoun(comp.left_edge):
            # "the goal, which he claimed should have been ruled out": what he claimed is what follows
            # the cue (its subject, the relative pronoun, stands for a noun outside the clause)
            if (
                comp.i < verb.i
                or sum(1 for x in self.doc[verb.i + 1 : comp.right_edge.i + 1] if x.is_alpha) < 3
            ):
                return None
            return verb.i + 1, comp.right_edge.i, True
        around = self.sentence_around(verb, comp)
        if around is not None:
            return around
        fronted = next((c for c in comps if c.i < verb.i), None)
        if (
            fronted is not None
            and comp.i > verb.i
            and fronted.left_edge.i == verb.sent.start
            and fronted.right_edge.i - fronted.left_edge.i < 8
            and self.doc[fronted.right_edge.i + 1].text == ","
            and any(c.dep_ in ("nsubj", "expl") and c.lower_ in _FRAME_SUBJECTS for c in fronted.children)
            and not any(
                self.in_marks(t.idx) for t in self.doc[fronted.left_edge.i : fronted.right_edge.i + 1]
            )
        ):
            # "It is no surprise, Mr. Garin said, that ...", "There is a risk, some said, that ...": a
            # frame before the cue and the clause after it are one statement the cue interrupts
            return fronted.left_edge.i, comp.right_edge.i, True
        first = comp.left_edge.i
        if (
            comp.dep_ == "relcl"
            and self.doc[first].lower_ == "that"
            and any(x.dep_ == "nsubj" and x.i > first for x in comp.children)
        ):
            first += 1  # the "that" the parser took for a relative pronoun opens no reported words
        return first, comp.right_edge.i, True

    def relative_pronoun(self, tok) -> bool:
        """A "that" or "which" standing for a noun outside its clause; not a determiner ("That
        criticism was warranted, he said") nor a sentence's first word ("That will be true, he said")."""
        if tok.lower_ not in REL_PRONOUNS or tok.dep_ == "det":
            return False
        before = tok.i - 1
        while before >= tok.sent.start and (self.doc[before].is_punct or self.doc[before].is_space):
            before -= 1
        return before >= tok.sent.start

    def clause_before_coordinated_cue(self, verb) -> tuple[int, int, bool] | None:
        """'This includes a special force, Defense Secretary Ash Carter told a Senate panel.': the
        parser coordinated the cue with the clause it closes; the clause before the comma is what
        was said."""
        doc = self.doc
        if verb.dep_ != "conj" or verb.head.i > verb.i or verb.head.pos_ not in ("VERB", "AUX"):
            return None
        subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
        if subject is None:
            # "The plant is hanging on, but it is under pressure, said the company's chief executive":
            # the speaker after the cue, straight after the comma
            if not any(c.dep_ == "nsubj" for c in verb.rights) or doc[verb.i - 1].text != ",":
                return None
            if any(c.dep_ == "dobj" for c in verb.children):
                return None
            comma = verb.i - 1
        else:
            if subject.left_edge.i < 1 or doc[subject.left_edge.i - 1].text != ",":
                return None
            if any(c.dep_ == "cc" for c in verb.head.children if c.i < verb.i):
                return None  # "A said this, and B told reporters ...": two clauses, two speakers
            comma = subject.left_edge.i - 1
        if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
            return None
        first = verb.head.left_edge.i
        if sum(1 for x in doc[first:comma] if x.is_alpha) < 3:
            return None
        return first, comma - 1, True

    def sentence_around(self, verb, comp=None) -> tuple[int, int, bool] | None:
        """'The problem now, she told reporters, is that ...', 'These employees, he explained, were
        “well-paid”': the reported clause's subject stands before the cue, which the parser made the
        sentence's root, and its verb after it without a subject; the sentence around the cue is
        what was said."""
        if comp is None:
            comp = next(
                (
                    c
                    for c in verb.rights
                    if c.dep_ == "conj"
                    and c.pos_ in ("VERB", "AUX")
                    and self.doc[c.left_edge.i - 1].text == ","
                ),
                None,
            )
        if comp is None or comp.i < verb.i:
            return None
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in comp.children):
            return None
        subject = self.subject_of(verb)
        if subject is None or subject.i > verb.i:
            return None
        fronted = next(
            (
                c
                for c in verb.lefts
                if c.dep_ in ("dep", "nsubj", "npadvmod")
                and c.i < subject.left_edge.i
                and self.doc[c.right_edge.i + 1].text == ","
            ),
            None,
        )
        if fronted is None:
            return None
        # ("were “well-paid,” making $30,000 a year": a participle after the clause may hang on the cue)
        last = max(c.right_edge.i for c in verb.rights if c.i >= comp.i)
        return fronted.left_edge.i, last, True

    def clause_as_object(self, verb) -> tuple[int, int, bool] | None:
        """'said many of the examples that critics point to failed to note ...': the parser took the
        reported clause's subject for the object of 'said' and hung its verb inside it; a long
        object straight after 'said' that holds a finite verb is what was said."""
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if obj is None or obj.i != verb.i + 1 or obj.pos_ == "PRON" or obj.lower_ in PRONOUN_OBJECTS:
            return None
        finite = [
            x
            for x in obj.subtree
            if x.tag_ in ("VBD", "VBZ", "VBP", "MD") and x.dep_ in ("advcl", "conj", "ccomp")
        ]
        if not finite or sum(1 for x in obj.subtree if x.is_alpha) < 8:
            return None
        last = max([obj.right_edge.i, *(c.right_edge.i for c in verb.rights if c.i > obj.i)])
        return obj.left_edge.i, last, True

    def object_content(self, verb, lemma: str):
        """What was said as an infinitive ('vowed to block the bill'), the object of a preposition the
        verb takes ('pointed to the figures') or a noun phrase ('cited rising costs'), when the verb
        has no clause of its own."""
        if lemma in INFINITIVE_CUES or (
            lemma in APPEAL_CUES and any(c.dep_ in ("dobj", "dative") for c in verb.children)
        ):
            for c in verb.rights:
                # ("told his supporters at a rally to “go and vote”": the parser may take the
                # infinitive after a phrase of place for an adverbial of purpose)
                if (
                    (c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and lemma in APPEAL_CUES))
                    and any(
                        a.dep_ == "aux"
                        and a.lower_ == "to"
                        # ("told his staff never to speak of it": an adverb may come first)
                        and all(x.dep_ in ("neg", "advmod") for x in self.doc[c.left_edge.i : a.i])
                        for a in c.children
                    )
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
        if obj.ent_type_ in ("PERSON", "NORP") or obj.lower_ in HUMAN_NOUNS or obj.lower_ in _PEOPLE:
            return None  # "welcomed several hundred guests", "confirm Supreme Court justices": people
        if lemma == "report" and (
            obj.ent_type_ == "ORG" or any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children)
        ):
            return None  # "..., reported the Daily Star"; "Lee reported from Lima": a reporter at work
        if (obj.lower_ in NOMINAL_CUES or obj.lower_ in REPORT_NOUNS) and all(
            c.dep_ in ("det", "poss", "amod") for c in obj.children
        ):
            return None  # "denied the claim", "confirmed the reports": words given elsewhere
        b = obj.right_edge.i
        if obj.right_edge.i == obj.i:
            # "announced plans this week to give $15 million": the parser hangs the plan's infinitive
            # on the verb, after a time phrase
            for c in verb.rights:
                if (
                    c.dep_ in ("advcl", "xcomp")
                    and obj.i < c.left_edge.i <= obj.i + 4
                    and c.left_edge.lower_ == "to"
                    and all(x.ent_type_ in ("DATE", "TIME") for x in self.doc[obj.i + 1 : c.left_edge.i])
                ):
                    return obj.i, c.right_edge.i, True
        if any(c.dep_ in ("ccomp", "xcomp") for c in verb.rights):
            return None
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
                # "called for a full inquiry", "called for eliminating the loophole", "called for
                # compensation to be clawed back" (a clause, its subject first)
                pobj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
                if pobj is None:
                    pobj = next(
                        (
                            x
                            for x in (*c.children, *verb.rights)
                            if x.dep_ == "ccomp"
                            and x.left_edge.i == c.i + 1
                            and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
                        ),
                        None,
                    )
                if pobj is None or pobj.lower_ in PRONOUN_OBJECTS or pobj.pos_ == "PRON":
                    return None
                b = max(c.right_edge.i, pobj.right_edge.i)
                # "called for allies to raise spending": the act asked for belongs to it
                for x in verb.rights:
                    if x.dep_ == "xcomp" and x.left_edge.i == b + 1:
                        b = x.right_edge.i
                return pobj.left_edge.i, b, True
        return None

    def clause_under_medium(self, verb):
        """'said in a statement that ...': the parser hangs the that-clause on the medium noun."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "during", "at"):
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj":
                    continue
                for c in noun.children:
                    if (
                        noun.lower_ in MEDIUM_NOUNS
                        and c.dep_ in ("acl", "relcl", "ccomp")
                        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                        and not _relates_the_text(c)
                    ):
                        return c
                    # a "relative clause" opened by "that" with a subject of its own: the parser may
                    # have taken a that-clause for one
                    misread_relative = (
                        c.dep_ == "relcl"
                        and c.left_edge.lower_ == "that"
                        and any(x.dep_ == "nsubj" and x.lower_ != "that" for x in c.children)
                    )
                    if misread_relative and (
                        # "tweeted in the early morning hours that X was ...": a time takes no clause
                        (noun.ent_type_ in ("DATE", "TIME") or noun.lower_ in _TIME_NOUNS)
                        # "argue in a new study that cities adapt faster": nor a text, unless the
                        # clause tells what was done to it ("the study that the agency released")
                        or (noun.lower_ in _WRITINGS and not _relates_the_text(c))
                    ):
                        return c
        return None

    def clause_under_a_phrase(self, verb):
        """'said following a vote in 2001 that he had serious concerns': the parser hung the cue's
        that-clause (its "that" a conjunction, its subject its own) on a noun of a phrase between them;
        not on a noun that takes such a clause itself ('in response to reports that ...')."""
        for prep in verb.rights:
            if prep.dep_ != "prep":
                continue
            for noun in prep.subtree:
                if noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ in _CLAUSE_NOUNS:
                    continue
                for c in noun.rights:
                    if (
                        c.dep_ in ("acl", "relcl")
                        and any(
                            m.dep_ == "mark" and m.lower_ == "that" and m.tag_ == "IN" for m in c.children
                        )
                        and any(x.dep_ in ("nsubj", "nsubjpass") and x.lower_ != "that" for x in c.children)
                    ):
                        return c
        return None

    def clause_of_misread_noun(self, verb):
        """'Trump predicts that many will switch': the tagger took the cue for a plural noun, and the
        parser hung the clause on it as the noun's acl."""
        if verb.pos_ != "NOUN" or verb.dep_ != "ROOT":
            return None
        return next(
            (
                c
                for c in verb.rights
                if c.dep_ == "acl" and any(g.dep_ in ("mark", "nsubj") and g.i > verb.i for g in c.children)
            ),
            None,
        )

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

    def clause_under_addressee(self, verb, lemma: str):
        """'told a meeting of Pacific Island leaders that few people understood ...': the parser
        hangs the that-clause on the addressee as if it were a relative clause; one with a subject
        of its own after 'that' is what was told."""
        if lemma not in ADDRESSEE_VERBS:
            return None
        addressee = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if addressee is None:
            return None
        for c in addressee.subtree:
            if (
                c.dep_ in ("relcl", "acl")
                and c.left_edge.lower_ == "that"
                and c.left_edge.dep_ == "mark"
                and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
            ):
                return c
        return None

    def clause_as_adverbial(self, verb) -> tuple[int, int, bool] | None:
        """'Trump said after the convention he would not accept ...': a clause with a subject of
        its own and no word to join it ('because', 'if', 'when') that the parser took for an
        adverbial is what was said, from its subject on."""
        for c in verb.rights:
            if c.dep_ != "advcl" or c.pos_ not in ("VERB", "AUX") or c.tag_ in ("VBG", "VBN"):
                continue
            subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            # "tweeted in the early hours that X was ...": a 'that' just before the subject opens
            # the reported clause, whatever the parser called it
            that = subj.left_edge.i - 1 if subj is not None and subj.left_edge.i > verb.i + 1 else None
            if that is not None and self.doc[that].lower_ != "that":
                that = None
            if (
                subj is None
                or subj.i > c.i
                or any(
                    (x.dep_ == "mark" or x.lower_ in REL_PRONOUNS or x.tag_ in ("WRB", "WDT", "WP"))
                    and x.i != that
                    for x in c.children
                    if x.i < c.i
                )
                or self.doc[verb.i + 1 : subj.left_edge.i].text.count(",")
            ):
                continue
            return (subj.left_edge.i if that is None else that), c.right_edge.i, True
        return None

    def clause_the_cue_closes(self, verb) -> tuple[int, int, bool] | None:
        """'India and China have reached an agreement, the foreign secretary announced on Monday': a
        cue with a subject of its own after the clause, set off by a comma, which the parser hung on
        that clause as an adverbial; the clause before the comma is what was said."""
        doc = self.doc
        head = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        comma = verb.left_edge.i if doc[verb.left_edge.i].text == "," else verb.left_edge.i - 1
        if (
            verb.dep_ != "advcl"
            or verb.tag_ not in ("VBD", "VBZ", "VBP")  # a finite cue ("... to counter" is none)
            or head.pos_ not in ("VERB", "AUX")
            or head.i > verb.i
            or subj is None
            or subj.i > verb.i
            or comma <= head.left_edge.i
            or doc[comma].text != ","
            or any(c.dep_ in ("mark", "advmod") and c.i < verb.i for c in verb.children)
            or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
            or any(x.is_alpha for x in doc[verb.right_edge.i + 1 : verb.sent.end])
        ):
            return None
        return head.left_edge.i, comma - 1, True

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
        doc = self.doc
        if (
            verb.dep_ == "ccomp"
            and head.i > verb.i
            and head.pos_ in ("VERB", "AUX")
            and verb.left_edge.i == verb.sent.start
            and verb.right_edge.i + 1 < head.i
            and doc[verb.right_edge.i + 1].text == ","
            # (a cue with a complement of its own has said its piece: "added a note of caution,
            # should she return", "threatened to make him testify, should he fail ...")
            and not any(
                c.dep_ in ("dobj", "xcomp", "ccomp", "attr", "oprd", "dative", "neg") for c in verb.children
            )
            # ("X did not complain when ..., an official said": the cue is inside another's words)
            and head.lower_ not in REPORTING_FORMS
            and doc[verb.right_edge.i + 2].pos_ != "AUX"
        ):
            # "If she wins, Clinton suggested in a tweet, women won't be punished": the parser hung the
            # cue, with the clause in front of it, on the sentence after it; that sentence is reported
            b, last = verb.right_edge.i + 1, head.right_edge.i
            return (b + 1, last) if sum(1 for x in doc[b + 1 : last + 1] if x.is_alpha) >= 3 else None
        if verb.dep_ == "parataxis" and head.dep_ in _SUBJ and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "The difference now, he told me, is that ...": hung on the subject
        if verb.dep_ != "parataxis" or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
            return None
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
        if head.dep_ == "ccomp" and head.head.i < a and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "That's why, he argued, the party should be prepared"
        first, last = head.left_edge.i, head.right_edge.i
        if last <= b + 1 and head.dep_ == "advcl" and head.head.pos_ in ("VERB", "AUX"):
            # "Though the move was seamless, he said, replacing her would be harder": the cue closes
            # the fronted clause; the sentence it belongs to is reported whole
            first, last = head.head.left_edge.i, head.head.right_edge.i
        after = sum(1 for x in doc[b + 1 : last + 1] if x.is_alpha)
        before = sum(1 for x in doc[first:a] if x.is_alpha)
        # ("This campaign, he says, is different": two short halves make one sentence)
        if after < 3 and not (after >= 2 and before >= 2 and first < a):
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
        if end >= span[1]:
            return span
        # "“...,” Flynn, a top Trump surrogate, said": a name among the first words after the mark (a
        # title may come first: "Tulsa police Chief Chuck Jordan")
        words = 0
        for after in self.doc[self.tok_at(end) :]:
            if after.idx >= span[1] or words > _TITLE_WORDS_BEFORE_NAME:
                break
            if (after.ent_type_ == "PERSON" and after.ent_iob_ == "B") or (
                after.pos_ == "PROPN" and after.lower_ in self.idx.names.surnames
            ):
                return span[0], end
            if not (after.is_punct or after.pos_ in ("PROPN", "NOUN", "ADJ")):
                break  # ('“...” that Okoro can win, said X': words of the content, not a title)
            words += after.is_alpha
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
