"""Misparses of the small model that the extraction mends or reads around, each given as the parser gives
it (the parse written out, since which sentences the model misreads changes with its words)."""

import pytest
from spacy.tokens import Doc, Span

from quotes.extraction.core import _Article, extract_doc
from quotes.extraction.repairs import repair_parse
from quotes.extraction.speakers import DocIndex, analyze_np

# "Mark Delaney, the secretary general of the Norland Union, vowed to resign.", with both the name and
# the description made subjects of the verb
WORDS = "Mark Delaney , the secretary general of the Norland Union , vowed to resign .".split()
HEADS = [1, 11, 11, 5, 5, 11, 5, 9, 9, 6, 5, 11, 13, 11, 11]
DEPS = "compound nsubj punct det compound nsubj prep det compound pobj punct ROOT aux xcomp punct".split()
POS = "PROPN PROPN PUNCT DET NOUN NOUN ADP DET PROPN PROPN PUNCT VERB PART VERB PUNCT".split()
ENTS = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O", "O"]


def misparsed(nlp, words=WORDS, heads=HEADS, deps=DEPS, pos=POS, ents=ENTS):
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)


def test_a_description_made_a_second_subject_becomes_the_names_appositive(nlp):
    doc = misparsed(nlp)
    repair_parse(doc)
    name, description, verb = doc[1], doc[5], doc[11]
    assert (description.dep_, description.head.i) == ("appos", name.i)
    assert [c.i for c in verb.children if c.dep_ == "nsubj"] == [name.i]
    assert [t.i for t in name.subtree] == list(range(0, 11))  # the name's phrase is one span


def test_two_names_as_subjects_are_left_as_they_are(nlp):
    # "Russia, Ms Notte argued, ...": a cue set in the sentence it reports; nothing to mend
    pos = [*POS[:5], "PROPN", *POS[6:]]
    doc = misparsed(nlp, pos=pos)
    repair_parse(doc)
    assert (doc[5].dep_, doc[5].head.i) == ("nsubj", 11)


def test_a_quotation_ends_at_its_mark_before_a_title_and_the_name_of_its_speaker(nlp):
    # the parser may join "Marlow police Chief Dina Ross" to the quotation's clause; the words reported
    # end at the closing mark all the same
    text = "“We will find who did this in this town,” Marlow police Chief Dina Ross said Monday."
    article = _Article(text, nlp(text))
    closing = text.index("”") + 1
    assert article.closed_before_speaker((0, text.index(" said"))) == (0, closing)


def test_a_name_inside_the_words_after_the_mark_is_not_cut_away(nlp):
    text = "“It seems very unlikely” that Okoro can win the state, said Dina Ross."
    article = _Article(text, nlp(text))
    span = (0, text.index(", said"))
    assert article.closed_before_speaker(span) == span


def test_a_name_tagged_as_an_organisation_after_a_capitalised_title_is_a_person(nlp):
    # "German Chancellor Olaf Brandt said Europe must act.", the name tagged as an organisation's
    words = "German Chancellor Olaf Brandt said Europe must act .".split()
    heads = [1, 3, 3, 4, 4, 7, 7, 4, 4]
    deps = "amod compound compound nsubj ROOT nsubj aux ccomp punct".split()
    pos = "ADJ PROPN PROPN PROPN VERB PROPN AUX VERB PUNCT".split()
    ents = ["B-NORP", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O", "O", "O"]
    doc = misparsed(nlp, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    raw = analyze_np(doc[3], DocIndex(doc))
    assert (raw.kind, raw.name_words, raw.role) == ("person", ("Olaf", "Brandt"), "German Chancellor")


def test_a_name_tagged_as_a_place_set_off_after_a_post_is_its_holder(nlp):
    # "The Conservative leader, Femi Ola, said the plan failed.", the name tagged as a place
    words = "The Conservative leader , Femi Ola , said the plan failed .".split()
    heads = [2, 2, 7, 2, 5, 2, 2, 7, 9, 10, 7, 7]
    deps = "det amod nsubj punct compound appos punct ROOT det nsubj ccomp punct".split()
    pos = "DET ADJ NOUN PUNCT PROPN PROPN PUNCT VERB DET NOUN VERB PUNCT".split()
    ents = ["O", "B-NORP", "O", "O", "B-GPE", "I-GPE", "O", "O", "O", "O", "O", "O"]
    doc = misparsed(nlp, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    raw = analyze_np(doc[2], DocIndex(doc))
    assert (raw.kind, raw.name_words) == ("person", ("Femi", "Ola"))


def test_a_clause_with_a_gerund_subject_is_the_cues_complement(nlp):
    # "He said legalizing it could put people to work.", the gerund made the cue's complement and the
    # clause the gerund's
    words = "He said legalizing it could put people to work .".split()
    heads = [1, 1, 1, 5, 5, 2, 5, 8, 5, 1]
    deps = "nsubj ROOT xcomp nsubj aux ccomp dobj aux advcl punct".split()
    pos = "PRON VERB VERB PRON AUX VERB NOUN PART VERB PUNCT".split()
    tags = "PRP VBD VBG PRP MD VB NNS TO VB .".split()
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    repair_parse(doc)
    said, gerund, clause = doc[1], doc[2], doc[5]
    assert (clause.dep_, clause.head.i) == ("ccomp", said.i)
    assert (gerund.dep_, gerund.head.i) == ("csubj", clause.i)
    assert [q.text for q in extract_doc(doc.text, doc).quotes] == ["legalizing it could put people to work"]


def test_a_surname_the_tagger_once_called_a_body_stays_the_persons(nlp):
    # the headline's "Trask" tagged an organisation: the surname of the mayor all the same
    text = (
        "Trask Weighs Closure\n\nMark Trask, the mayor, spoke on Monday. Trask said the port would close.\n"
    )
    doc = nlp(text)
    doc.ents = [
        Span(doc, 0, 1, label="ORG"),
        Span(doc, 4, 6, label="PERSON"),
        Span(doc, 14, 15, label="PERSON"),
    ]
    (quote,) = extract_doc(text, doc).quotes
    assert (quote.speaker.name, quote.speaker.kind) == ("Mark Trask", "person")


def test_a_nationality_the_tagger_runs_into_a_portfolio_is_the_governments(nlp):
    # "Indian External Affairs Minister X": the nationality and the portfolio tagged one organisation
    text = "Indian External Affairs Minister Mark Delaney said the plan will fail.\n"
    doc = nlp(text)
    doc.ents = [Span(doc, 0, 3, label="ORG"), Span(doc, 4, 6, label="PERSON")]
    (quote,) = extract_doc(text, doc).quotes
    assert (quote.speaker.role, quote.speaker.organisation) == (
        "Indian External Affairs Minister",
        "Indian government",
    )


def test_an_interviews_labels_speak_for_a_person_the_tagger_took_for_a_body(nlp):
    # "Ross:" in ordinary capitals, the surname of "Dina Ross", tagged an organisation
    text = (
        "Talking harbours\n\nDina Ross runs the Marlow harbour trust.\n\nQ: Will the harbour close?\n\n"
        "Ross: Not this year. The trust has money until the spring.\n\nQ: And then?\n\n"
        "Ross: Then we will need the council to step in.\n"
    )
    doc = nlp(text)
    first = next(t.i for t in doc if t.text == "Dina")
    doc.ents = [Span(doc, first, first + 2, label="ORG")]
    quotes = extract_doc(text, doc).quotes
    assert [(q.text[:12], q.speaker.name) for q in quotes] == [
        ("Not this yea", "Ross"),
        ("Then we will", "Ross"),
    ]


def test_a_first_name_and_a_surname_tagged_as_a_body_are_a_person(nlp):
    # "Hanna Voss", tagged an organisation: a common first name says it is a person, and "she" is hers
    text = (
        "Talks stall\n\nMark Delaney spoke first. Hanna Voss said the talks had stalled. Later she said they "
        "were over.\n"
    )
    doc = nlp(text)
    first = next(t.i for t in doc if t.text == "Hanna")
    mark = next(t.i for t in doc if t.text == "Mark")
    doc.ents = [Span(doc, mark, mark + 2, label="PERSON"), Span(doc, first, first + 2, label="ORG")]
    quotes = extract_doc(text, doc).quotes
    assert [(q.speaker.name, q.speaker.kind) for q in quotes] == [("Hanna Voss", "person")] * 2


def test_a_cue_hung_on_the_clause_before_it_as_an_adverbial_reports_that_clause(nlp):
    # "Norland and Vesta have reached a deal, the minister Dina Ross announced on Monday.", the cue
    # made an adverbial of the clause it reports
    words = "Norland and Vesta have reached a deal , the minister Dina Ross announced on Monday .".split()
    heads = [4, 0, 0, 4, 4, 6, 4, 12, 11, 11, 11, 12, 4, 12, 13, 4]
    deps = "nsubj cc conj aux ROOT det dobj punct det compound compound nsubj advcl prep pobj punct".split()
    pos = "PROPN CCONJ PROPN AUX VERB DET NOUN PUNCT DET NOUN PROPN PROPN VERB ADP PROPN PUNCT".split()
    tags = "NNP CC NNP VBP VBN DT NN , DT NN NNP NNP VBD IN NNP .".split()
    ents = ["B-GPE", "O", "B-GPE", "O", "O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON"] + ["O"] * 4
    spaces = [True] * 6 + [False] + [True] * 7 + [False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents)
    article = _Article(doc.text, doc)
    first, last, _plain = article.clause_the_cue_closes(doc[12])
    assert doc[first : last + 1].text == "Norland and Vesta have reached a deal"


def test_a_title_and_the_name_after_it_made_two_subjects_are_one_phrase(nlp):
    # "The Norland Union's foreign policy chief Mark Delaney said the bloc was ready.", title and name
    # both made subjects of the verb
    words = "The Norland Union 's foreign policy chief Mark Delaney said the bloc was ready .".split()
    heads = [2, 2, 6, 2, 5, 6, 9, 8, 9, 9, 11, 12, 9, 12, 9]
    deps = (
        "det compound poss case amod compound nsubj compound nsubj ROOT det nsubj ccomp acomp punct".split()
    )
    pos = "DET PROPN PROPN PART ADJ NOUN NOUN PROPN PROPN VERB DET NOUN AUX ADJ PUNCT".split()
    tags = "DT NNP NNP POS JJ NN NN NNP NNP VBD DT NN VBD JJ .".split()
    ents = ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O", "B-PERSON", "I-PERSON"] + ["O"] * 6
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents)
    repair_parse(doc)
    title, name, verb = doc[6], doc[8], doc[9]
    assert (title.dep_, title.head.i) == ("compound", name.i)
    assert [c.i for c in verb.children if c.dep_ == "nsubj"] == [name.i]
    raw = analyze_np(name, DocIndex(doc))
    assert (raw.name_words, raw.role, raw.org) == (
        ("Mark", "Delaney"),
        "foreign policy chief",
        "Norland Union",
    )


def test_a_word_before_a_name_that_is_no_title_stays_a_subject(nlp):
    # "... made public -- Delaney boasted": a noun of the clause before, made a second subject
    words = "the returns made public -- Mark Delaney boasted .".split()
    heads = [1, 2, 8, 8, 7, 7, 8, 8, 8]
    deps = "det nsubj ccomp nsubj punct compound nsubj ROOT punct".split()
    pos = "DET NOUN VERB NOUN PUNCT PROPN PROPN VERB PUNCT".split()
    ents = ["O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"]
    doc = misparsed(nlp, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    repair_parse(doc)
    assert (doc[3].dep_, doc[3].head.i) == ("nsubj", 8)


def test_the_speaker_made_the_appositive_of_a_name_in_the_quotation_speaks(nlp):
    # "To see the real Anna Berg, Justice Mark Delaney said, one should visit this museum.", the
    # name ending the first part of the quotation made the cue's subject, the speaker its appositive
    words = "To see the real Anna Berg , Justice Mark Delaney said , one should visit this museum .".split()
    heads = [1, 14, 5, 5, 5, 10, 5, 9, 9, 5, 14, 10, 14, 14, 14, 16, 14, 14]
    deps = (
        "aux advcl det amod compound nsubj punct compound compound appos parataxis punct nsubj aux ROOT det "
        "dobj punct"
    ).split()
    pos = (
        "PART VERB DET ADJ PROPN PROPN PUNCT PROPN PROPN PROPN VERB PUNCT PRON AUX VERB DET NOUN PUNCT"
    ).split()
    tags = "TO VB DT JJ NNP NNP , NNP NNP NNP VBD , PRP MD VB DT NN .".split()
    ents = ["O"] * 4 + ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON"] + ["O"] * 8
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents)
    repair_parse(doc)
    verb = doc[10]
    assert [c.i for c in verb.children if c.dep_ == "nsubj"] == [9]
    assert doc[5].head.i != verb.i


def test_a_dateline_subject_hands_over_to_its_appositive_after_the_agency(nlp):
    # "OSLO (AP) — Ministry spokesman Mark Delaney on Monday dismissed the report as “nonsense”.": the
    # dateline made the subject, the agency in brackets and the speaker both its appositives
    text = (
        "Headline here\n\nOSLO (AP) — Ministry spokesman Mark Delaney on Monday dismissed the report as "
        "“nonsense”."
    )
    words = [
        "Headline",
        "here",
        "\n\n",
        "OSLO",
        "(",
        "AP",
        ")",
        "—",
        "Ministry",
        "spokesman",
        "Mark",
        "Delaney",
    ]
    words += ["on", "Monday", "dismissed", "the", "report", "as", "“", "nonsense", "”", "."]
    spaces = [True, False, False, True, False, False, True, True, True, True, True, True]
    spaces += [True, True, True, True, True, True, False, False, False, False]
    heads = [0, 0, 1, 14, 3, 3, 3, 3, 9, 11, 11, 3, 14, 12, 14, 16, 14, 14, 17, 17, 17, 14]
    deps = "ROOT advmod dep nsubj punct appos punct punct compound compound compound appos".split()
    deps += "prep pobj ROOT det dobj prep punct pobj punct punct".split()
    tags = "NNP RB _SP NNP -LRB- NNP -RRB- : NNP NN NNP NNP IN NNP VBD DT NN IN `` NN '' .".split()
    pos = "PROPN ADV SPACE PROPN PUNCT PROPN PUNCT PUNCT PROPN NOUN PROPN PROPN".split()
    pos += "ADP PROPN VERB DET NOUN ADP PUNCT NOUN PUNCT PUNCT".split()
    ents = [
        "O",
        "O",
        "O",
        "B-ORG",
        "O",
        "B-ORG",
        "O",
        "O",
        "B-ORG",
        "O",
        "B-PERSON",
        "I-PERSON",
        "O",
        "B-DATE",
    ]
    ents += ["O"] * 8
    doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, pos=pos, heads=heads, deps=deps, ents=ents)
    assert doc.text == text
    quote = next(q for q in extract_doc(text, doc).quotes if "nonsense" in q.text)
    assert quote.speaker.name == "Mark Delaney"


def test_a_title_before_a_name_the_parser_tore_apart_is_the_names_role(nlp):
    # "Norwegian President Dina Ross and Swedish President Mark Delaney signed a treaty.", the first
    # name made an appositive of its own title, which modifies the second name
    words = "Norwegian President Dina Ross and Swedish President Mark Delaney signed a treaty .".split()
    heads = [1, 8, 3, 1, 3, 6, 3, 8, 9, 9, 11, 9, 9]
    deps = "amod compound nmod appos cc amod conj compound nsubj ROOT det dobj punct".split()
    pos = "ADJ PROPN PROPN ADJ CCONJ ADJ PROPN PROPN PROPN VERB DET NOUN PUNCT".split()
    ents = [
        "B-NORP",
        "O",
        "B-PERSON",
        "I-PERSON",
        "O",
        "B-NORP",
        "O",
        "B-PERSON",
        "I-PERSON",
        "O",
        "O",
        "O",
        "O",
    ]
    doc = misparsed(nlp, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    raw = analyze_np(doc[3], DocIndex(doc))
    assert (raw.name_words, raw.role, raw.org) == (
        ("Dina", "Ross"),
        "Norwegian President",
        "Norwegian government",
    )


def test_a_persons_name_run_on_into_where_they_write_ends_at_the_preposition(nlp):
    # "“The alliance is real,” writes Mark Delaney in Foreign Affairs.", the tagger taking name,
    # preposition and magazine for one organisation's name
    words = ["“", "The", "alliance", "is", "real", ",", "”", "writes", "Mark", "Delaney", "in", "Foreign"]
    words += ["Affairs", "."]
    heads = [7, 2, 3, 7, 3, 7, 7, 7, 9, 7, 9, 12, 10, 7]
    deps = "punct det nsubj ccomp acomp punct punct ROOT compound nsubj prep compound pobj punct".split()
    pos = "PUNCT DET NOUN AUX ADJ PUNCT PUNCT VERB PROPN PROPN ADP PROPN PROPN PUNCT".split()
    ents = ["O"] * 8 + ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
    doc = misparsed(nlp, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    raw = analyze_np(doc[9], DocIndex(doc))
    assert (raw.kind, raw.name_words) == ("person", ("Mark", "Delaney"))


@pytest.mark.parametrize(
    "line",
    [
        "Varga put it this way: the council has bet everything on the vote.",
        "Hanna Ostrova claimed that the plan would fail.",
        "South Korean Foreign Minister Mark Delaney said the plan would fail.",
    ],
)
def test_the_words_that_open_a_line_are_no_sentence_of_their_own(nlp, line):
    # told that a sentence starts at a line, the parser made its first word or words one
    doc = nlp(f"Headline\n\n{line}")
    opening = next(t for t in doc if t.text.strip() and t.i > 1)
    assert opening.sent.text.strip() == line


def test_a_persons_name_run_on_into_a_body_of_several_words_ends_at_of(nlp):
    # "“Their vote did not count,” said Dina Kapoor of Human Rights Watch.", one organisation to the tagger
    words = ["“", "Their", "vote", "did", "not", "count", ",", "”", "said", "Dina", "Kapoor", "of", "Human"]
    words += ["Rights", "Watch", "."]
    heads = [8, 2, 5, 5, 5, 8, 8, 8, 8, 10, 8, 10, 13, 14, 11, 8]
    deps = "punct poss nsubj aux neg ccomp punct punct ROOT compound nsubj prep compound compound pobj punct"
    pos = "PUNCT PRON NOUN AUX PART VERB PUNCT PUNCT VERB PROPN PROPN ADP PROPN PROPN PROPN PUNCT"
    ents = ["O"] * 9 + ["B-ORG"] + ["I-ORG"] * 5 + ["O"]
    doc = misparsed(nlp, words=words, heads=heads, deps=deps.split(), pos=pos.split(), ents=ents)
    raw = analyze_np(doc[10], DocIndex(doc))
    assert (raw.kind, raw.name_words, raw.org) == ("person", ("Dina", "Kapoor"), "Human Rights Watch")


def test_a_bodys_name_with_of_stays_whole(nlp):
    # "The Joint Chiefs of Staff said", "the Massachusetts Institute of Technology": one name each
    words = "The Joint Chiefs of Staff said so .".split()
    heads = [2, 2, 5, 2, 3, 5, 5, 5]
    deps = "det compound nsubj prep pobj ROOT advmod punct".split()
    pos = "DET PROPN PROPN ADP PROPN VERB ADV PUNCT".split()
    ents = ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O"]
    doc = misparsed(nlp, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    raw = analyze_np(doc[2], DocIndex(doc))
    assert (raw.kind, raw.name_words) == ("organisation", ("Joint Chiefs of Staff",))
