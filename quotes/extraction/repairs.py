"""Mend the parse where the small English model reliably gets one shape of news sentence wrong, before
the stages read the tree.

Input: a parsed ``Doc``. Output: the same ``Doc`` with a few heads and labels changed in place; nothing
else is touched. Each repair names the shape it mends and asks for all of it, so that a sentence the
parser read right is never changed.
"""

from __future__ import annotations

from .lexicon import REPORTING_FORMS
from .speakers import is_job_noun

_SUBJECTS = ("nsubj", "nsubjpass")
_DESCRIBING_DETERMINERS = {"the", "a", "an"}


def repair_parse(doc) -> None:
    for verb in doc:
        if verb.pos_ in ("VERB", "AUX") and verb.lower_ in REPORTING_FORMS:
            _described_name_as_subject(verb)
            _title_and_name_as_subjects(verb)
            _name_set_off_as_apposition(verb)
            _that_clause_hung_on_an_aside(verb)
            _gerund_subject_made_the_object(verb)


def _subjects_before(verb) -> list:
    return [c for c in verb.children if c.dep_ in _SUBJECTS and c.i < verb.i]


def _described_name_as_subject(verb) -> None:
    """'Jane Doe, the secretary general of the Union, vowed ...': the parser makes both the name and
    the description subjects of the verb. The description set off by commas between the name and the
    verb is the name's appositive, and the name alone is the subject (a role's "of" phrase then names
    the person's organisation, as it does after the verb)."""
    doc = verb.doc
    subjects = _subjects_before(verb)
    if len(subjects) != 2:
        return
    name, description = subjects
    if not (
        name.ent_type_ == "PERSON"
        and name.pos_ == "PROPN"
        and description.pos_ == "NOUN"
        and not description.ent_type_
        and any(c.dep_ in ("det", "poss") for c in description.children)
        and description.left_edge.i == name.i + 2
        and doc[name.i + 1].text == ","
        and doc[description.left_edge.i].lower_ in _DESCRIBING_DETERMINERS | {"his", "her"}
        and description.right_edge.i == verb.i - 1
        and doc[verb.i - 1].text == ","
    ):
        return
    doc[name.i + 1].head = name  # the opening comma, so that the name's phrase stays one span
    description.head = name
    description.dep_ = "appos"


def _title_and_name_as_subjects(verb) -> None:
    """A title and the name after it made two subjects of the verb ("The European Union's foreign
    policy chief Jane Doe said ..."). A title running straight into the name is the name's, as "Foreign
    Minister Jane Doe" is."""
    subjects = _subjects_before(verb)
    if len(subjects) != 2:
        return
    title, name = subjects
    if not (
        title.pos_ == "NOUN"
        and not title.ent_type_
        and is_job_noun(title)
        and title.right_edge.i == title.i
        and name.left_edge.i == title.i + 1
        and title.doc[title.i + 1].ent_iob_ == "B"
        and name.ent_type_ == "PERSON"
        and name.pos_ == "PROPN"
        and name.right_edge.i < verb.i
    ):
        return
    title.head = name
    title.dep_ = "compound"


def _name_set_off_as_apposition(verb) -> None:
    """The speaker made the appositive of a name that ends the first part of the quotation, which the
    parser made the cue's subject ("To understand the real Dred Scott, Chief Justice Roberts said, one
    should visit"). A name set off between commas right before a cue that a comma closes speaks; the
    other name belongs to the words around."""
    doc = verb.doc
    subjects = _subjects_before(verb)
    if len(subjects) != 1 or verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
        return
    named = subjects[0]
    speaker = next((c for c in named.children if c.dep_ == "appos"), None)
    if not (
        speaker is not None
        and named.pos_ == "PROPN"
        and named.ent_type_ == "PERSON"
        and speaker.pos_ == "PROPN"
        and speaker.ent_type_ == "PERSON"
        and speaker.right_edge.i == verb.i - 1
        and doc[speaker.left_edge.i - 1].text == ","
        and named.i < speaker.left_edge.i - 1
    ):
        return
    speaker.head, speaker.dep_ = verb, "nsubj"
    named.head, named.dep_ = verb.head, "dep"


def _that_clause_hung_on_an_aside(verb) -> None:
    """An aside between the cue and its that-clause ("X said on X, formerly Twitter, that the deal
    ...") leads the parser to hang the clause on the aside as a relative clause. A relative clause takes
    no "that" as a mark; a clause that does, after a comma, below the cue, is the cue's."""
    doc = verb.doc
    for clause in doc[verb.i + 1 : verb.sent.end]:
        if clause.dep_ != "relcl" or clause.head.i == verb.i:
            continue
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if mark is None or mark.i == 0 or doc[mark.i - 1].text != "," or mark.i != clause.left_edge.i:
            continue
        holder, steps = clause.head, 0
        while holder.i != verb.i and holder.head.i != holder.i and steps < 3:
            holder, steps = holder.head, steps + 1
        if holder.i == verb.i:
            clause.head, clause.dep_ = verb, "ccomp"


def _gerund_subject_made_the_object(verb) -> None:
    """A clause whose subject is a gerund ("He said legalizing it could put thousands to work") is hung
    on the cue by its gerund, as the cue's complement, the clause's verb under it. A gerund right after
    the cue whose own complement is a clause with a modal or a tense is that clause's subject, and the
    clause is what was said."""
    doc = verb.doc
    if verb.i + 1 >= len(doc) or any(c.dep_ == "ccomp" for c in verb.children):
        return
    gerund = doc[verb.i + 1]
    if not (gerund.dep_ == "xcomp" and gerund.head.i == verb.i and gerund.tag_ == "VBG"):
        return
    clause = next((c for c in gerund.children if c.dep_ == "ccomp" and c.i > gerund.i), None)
    if clause is None or not any(c.dep_ in _SUBJECTS for c in clause.lefts):
        return
    if not (clause.tag_ in ("VBD", "VBZ", "VBP") or any(c.tag_ == "MD" for c in clause.lefts)):
        return  # a clause with no tense is the gerund's own ("said preparing to leave was hard")
    clause.head, clause.dep_ = verb, "ccomp"
    gerund.head, gerund.dep_ = clause, "csubj"
