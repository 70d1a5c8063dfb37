"""Mend the parse where the small English model reliably gets one shape of news sentence wrong, before
the stages read the tree.

Input: a parsed ``Doc``. Output: the same ``Doc`` with a few heads and labels changed in place; nothing
else is touched. Each repair names the shape it mends and asks for all of it, so that a sentence the
parser read right is never changed.
"""

from __future__ import annotations

from .lexicon import REPORTING_FORMS

_SUBJECTS = ("nsubj", "nsubjpass")
_DESCRIBING_DETERMINERS = {"the", "a", "an"}


def repair_parse(doc) -> None:
    for verb in doc:
        if verb.pos_ in ("VERB", "AUX") and verb.lower_ in REPORTING_FORMS:
            _described_name_as_subject(verb)


def _described_name_as_subject(verb) -> None:
    """'Jane Doe, the secretary general of the Union, vowed ...': the parser makes both the name and
    the description subjects of the verb. The description set off by commas between the name and the
    verb is the name's appositive, and the name alone is the subject (a role's "of" phrase then names
    the person's organisation, as it does after the verb)."""
    doc = verb.doc
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and c.i < verb.i]
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
