"""Constructions found while writing the held-out-style set: organisations in focus, statements,
parenthetical cues, verdict sentences, questions put to someone, split subjects and nested clauses."""

import pytest

from .conftest import find, speaker_of


def test_the_company_said_is_the_company_named_before(run):
    r = run(
        "Norvik Foods cut its forecast on Monday.\n\n"
        "The Bergen-based company said sales of frozen meals had fallen for a third quarter.\n"
    )
    q = find(r, "sales of frozen meals")
    assert q.speaker.name == "Norvik Foods" and q.speaker.kind == "organisation"


def test_reversed_company_said_with_untagged_company_name(run):
    r = run("Hexley Mills is closing two plants in Wales, the company said on Friday.\n")
    assert speaker_of(r, "is closing two plants") == "Hexley Mills"


def test_the_statement_said_is_whoever_issued_it(run):
    r = run(
        "Governor Maria Delgado welcomed the ruling in a statement.\n\n"
        '"Today the courts sided with working families," the statement said.\n'
    )
    assert speaker_of(r, "Today the courts sided") == "Maria Delgado"


def test_said_in_a_statement_that(run):
    r = run("Ukraine's Health Ministry said in a statement that three clinics had been damaged.\n")
    q = find(r, "three clinics had been damaged")
    assert q.kind == "indirect" and q.speaker.kind == "organisation"


def test_country_owned_ministry_is_its_own_speaker(run):
    r = run(
        "Poland's Foreign Ministry summoned the ambassador.\n\n"
        "Spain's interior ministry said it was reviewing the case.\n"
    )
    assert speaker_of(r, "it was reviewing the case") == "Spain's interior ministry"


def test_parenthetical_cue(run):
    r = run(
        "Dr Hanna Volk studies freight markets.\n\n"
        "Shippers, she says, still prefer the longer route because it is cheaper to insure.\n"
    )
    q = find(r, "still prefer the longer route")
    assert q.speaker.name == "Hanna Volk" and q.kind == "indirect"


def test_asked_whether_is_not_a_quotation(run):
    r = run('Asked whether the plan could change, Mr Olsen was blunt. "No," he said.\n')
    assert not [q for q in r.quotes if "the plan could change" in q.text]


def test_blamed_without_quotation_marks_is_not_speech(run):
    r = run("Torvald Shipping blamed bad weather for the delays at its Oslo yard.\n")
    assert not r.quotes


def test_that_was_the_message_from(run):
    r = run(
        '"We are not finished yet." That was the message from Rovers captain Leon Ebert on Friday.\n\n'
        "He said the squad had met without the coaches.\n"
    )
    assert speaker_of(r, "We are not finished yet.") == "Leon Ebert"
    assert speaker_of(r, "the squad had met") == "Leon Ebert"


def test_split_subject_takes_the_named_half(run):
    r = run(
        "The head of the jury, the novelist Ruth Calder, said the vote had been close.\n\n"
        '"It came down to one book," she said.\n'
    )
    assert speaker_of(r, "the vote had been close") == "Ruth Calder"
    assert speaker_of(r, "It came down to one book") == "Ruth Calder"


def test_second_reporting_clause_is_not_part_of_the_first(run):
    r = run(
        "The drummer Ian Ruiz wrote on X that he had quit the tour, while the band Copper Hill said "
        "in a post that they would finish it without him.\n"
    )
    assert speaker_of(r, "he had quit the tour") == "Ian Ruiz"
    assert speaker_of(r, "they would finish it without him") == "Copper Hill"


def test_conjoined_countries_speak_together(run):
    r = run("Germany and France said they would oppose the tariff.\n")
    q = find(r, "they would oppose the tariff")
    assert (q.speaker.name, [s.name for s in q.co_speakers]) == ("Germany", ["France"])


def test_it_said_is_the_organisation_in_focus(run):
    r = run(
        'Brightwave Media apologised on Thursday. "We got this wrong," it said.\n\n'
        "It suggests the market is cooling.\n"
    )
    assert speaker_of(r, "We got this wrong") == "Brightwave Media"


def test_the_judge_is_the_judge_named_before(run):
    r = run(
        'Judge Alan Pryce said the defendant had shown "no remorse".\n\n'
        '"You lied to everyone," the judge told him.\n'
    )
    assert speaker_of(r, "You lied to everyone") == "Alan Pryce"


def test_opening_quotation_attributed_by_next_sentence(run):
    r = run(
        "“We have to be honest about the costs.” Speaking in York on Friday, the minister, "
        "Laura Whitcombe, said the scheme would be delayed.\n"
    )
    assert speaker_of(r, "We have to be honest") == "Laura Whitcombe"


def test_titled_person_tagged_as_organisation_is_a_person(run):
    r = run(
        '"The fire is out," regional governor Ostap Hnatiuk wrote on Telegram.\n\nNo one was hurt, he said.\n'
    )
    assert speaker_of(r, "No one was hurt") == "Ostap Hnatiuk"


def test_person_named_in_company_statement_stays_a_person(run):
    r = run(
        "Finance chief Mark Tolland joined the firm in 2019.\n\n"
        "Tolland is leaving at the end of the year, the company said.\n"
    )
    q = find(r, "is leaving at the end of the year")
    assert q.speaker is None or q.speaker.name != "Tolland"


def test_first_name_breaks_a_tie_between_recent_people(run):
    r = run(
        "Rebecca Thorne, a historian at Kingsbridge University, reviewed the archive. "
        "Her colleague Gregory Lamb said the letters were forged.\n\n"
        '"The paper is from the wrong decade," she said.\n'
    )
    assert speaker_of(r, "The paper is from the wrong decade") == "Rebecca Thorne"


def test_first_name_is_never_the_only_signal(run):
    r = run('Laura Vance said the deal was done.\n\n"It took two years," he said.\n')
    assert speaker_of(r, "It took two years") == "Laura Vance"


def test_they_reaches_an_organisation_two_paragraphs_back(run):
    r = run(
        "Greenfield Housing Trust opened 40 homes in Derby on Monday.\n\n"
        "Rents will be capped at half the market rate.\n\n"
        "They said a second site would open next year.\n"
    )
    assert speaker_of(r, "a second site would open next year") == "Greenfield Housing Trust"


def test_the_company_is_not_the_council_named_after_it(run):
    r = run(
        "Corvane Systems sent the plans to Eastmoor Borough Council last month.\n\n"
        "The company says the site is not at risk of flooding.\n"
    )
    q = find(r, "the site is not at risk of flooding")
    assert q.speaker is None or q.speaker.name == "Corvane Systems"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Mark Delaney, the senator, said,“We will block the nominee.”\n", "We will block the nominee."),
        ("Mark Delaney, the senator, said:“We will block the nominee.”\n", "We will block the nominee."),
        ("“We will block the nominee,”said Mark Delaney, the senator.\n", "We will block the nominee,"),
        ('Mark Delaney, the senator, said,"We will block the nominee."\n', "We will block the nominee."),
        ('"We will block the nominee,"said Mark Delaney, the senator.\n', "We will block the nominee,"),
    ],
)
def test_a_quotation_mark_glued_to_the_cue_or_the_comma(run, text, content):
    """Pages that lost the space beside a quotation mark: the mark is still a token of its own."""
    q = find(run(text), "block the nominee")
    assert q.text == content and q.kind == "direct" and q.speaker.name == "Mark Delaney"
    assert text[q.start : q.end] == q.text
