"""Each attribution construction the product needs, on short invented news paragraphs."""

import pytest

from .conftest import find, speaker_of


def test_said_after_quote_with_appositive(run):
    r = run('"We got what we asked for," said Anna Berg, chair of the Dockers Union.\n')
    q = find(r, "We got what we asked for,")
    assert q.kind == "direct" and q.cue == "said" and q.speaker.name == "Anna Berg"
    assert q.speaker.role == "chair" and q.speaker.organisation == "Dockers Union"


def test_colon_lead_in_without_reporting_verb(run):
    r = run(
        "The governor of the National Bank, Omar Haddad, was blunt on Friday: "
        "“Inflation is too high, and we will not cut until it falls.”\n"
    )
    q = find(r, "Inflation is too high")
    assert q.speaker.name == "Omar Haddad" and q.speaker.role == "governor"
    assert q.speaker.organisation == "National Bank"


def test_split_quote_second_half_keeps_speaker(run):
    r = run(
        "“Storms will hit the coast,” Dr Lena Ortiz, a meteorologist at the University of Leeds, said. "
        "“Stay inside.”\n"
    )
    assert speaker_of(r, "Storms will hit") == "Lena Ortiz"
    assert speaker_of(r, "Stay inside.") == "Lena Ortiz"
    assert find(r, "Storms").speaker.person_kind == "expert"


def test_according_to_before_and_after(run):
    r = run("According to Piet Janssen, an analyst at Delta Research, the bank will cut 500 jobs.\n")
    q = find(r, "the bank will cut 500 jobs")
    assert q.kind == "indirect" and q.cue == "according to" and q.speaker.name == "Piet Janssen"
    r = run("“We were never consulted,” according to Amina Yusuf, the council's housing chief.\n")
    assert speaker_of(r, "We were never consulted") == "Amina Yusuf"


def test_pronouns_follow_the_latest_subject(run):
    r = run(
        "Mayor Rosa Lind defended the budget on Wednesday.\n\n"
        "“Every line has been checked,” she said.\n\n"
        "Councillor Ben Ode disagreed. He said the plan would close two libraries.\n\n"
        "“The numbers do not add up,” he said.\n"
    )
    assert speaker_of(r, "Every line") == "Rosa Lind"
    assert speaker_of(r, "close two libraries") == "Ben Ode"
    assert speaker_of(r, "numbers do not add up") == "Ben Ode"
    assert find(r, "Every line").speaker.person_kind == "official"


def test_title_and_surname_merge(run):
    r = run(
        "Kenji Sato, chief executive of Hikari Motors, said the plant would employ 900 people.\n\n"
        "Mr Sato was more cautious later. “Demand can turn quickly,” Sato said.\n"
    )
    sp = find(r, "Demand can turn").speaker
    assert sp.name == "Kenji Sato" and "Mr Sato" in sp.aliases
    assert len({q.speaker.name for q in r.quotes}) == 1


def test_multi_paragraph_quote_left_open(run):
    r = run(
        "“This is the first deal in a decade,” Ms Petra Holm said. “It will not please everyone.\n\n"
        "“But the alternative was no deal at all.”\n\nThe quotas start in January.\n"
    )
    assert speaker_of(r, "It will not please everyone.") == "Petra Holm"
    q = find(r, "But the alternative")
    assert q.speaker.name == "Petra Holm" and q.confidence < 0.95


def test_continuation_paragraph_after_indirect_speech(run):
    r = run(
        "Sofia Brandt of the Nordic Policy Institute said the pact would last.\n\n"
        "“I think both sides need it.” “Neither can afford a rupture.”\n"
    )
    assert speaker_of(r, "both sides need it") == "Sofia Brandt"
    assert speaker_of(r, "Neither can afford") == "Sofia Brandt"
    assert find(r, "both sides").confidence < find(r, "the pact would last").confidence + 0.01


def test_organisation_speakers(run):
    r = run(
        "The Food Safety Authority said on Thursday that two batches of milk were being recalled.\n\n"
        "“No illnesses have been reported,” a spokesperson for the authority said.\n"
    )
    q = find(r, "two batches of milk")
    assert q.speaker.name == "Food Safety Authority" and q.speaker.kind == "organisation"
    assert speaker_of(r, "No illnesses") == "Food Safety Authority"
    r = run("According to the Kremlin, the timing of the visit is purely coincidental.\n")
    assert speaker_of(r, "timing of the visit") == "Kremlin"


def test_mixed_quotes_and_object_verbs(run):
    r = run(
        "Opposition leader Carla Dias accused the commission of “dragging its feet” and insisted "
        "the count be finished by Friday.\n"
    )
    q = find(r, "dragging its feet")
    assert q.kind == "mixed" and q.cue == "accused" and q.speaker.name == "Carla Dias"
    assert find(r, "count be finished").kind == "indirect"
    r = run("President Ruiz hailed the treaty as a “historic step” for the region.\n")
    assert find(r, "historic step").kind == "mixed"


def test_titles_and_scare_quotes_are_not_quotations(run):
    r = run(
        "The novel “The Salt Road” is what critics like to call a “slow burn”.\n\n"
        "The museum reopened with a new wing named “The Tide Gallery”.\n\n"
        "They signed a “comprehensive partnership agreement” in Moscow on Friday.\n"
    )
    assert r.quotes == ()


def test_boilerplate_yields_nothing(run):
    r = run(
        "Unlock the Weekly Digest for free\n"
        "Please use a modern browser for a more accessible video player\n\n1:06\n\n"
        "From March: Minister says ‘we will win’\n\n"
        "Read more:\nMinister ‘quits’ after row\nHow the deal fell apart\n\n"
        "Articles You May Like\n\nBank ‘to cut rates’ as growth slows\n"
    )
    assert r.quotes == ()


def test_outlet_from_told(run):
    r = run("“The war decides everything,” Ivan Petrov, director of the Baltic Centre, told Sky News.\n")
    assert r.outlet == "Sky News"
    assert speaker_of(r, "The war decides") == "Ivan Petrov"


def test_roles_before_names(run):
    r = run(
        "“This agreement is not directed against anyone,” foreign minister Lars Dahl said.\n\n"
        "US Secretary of State Mary Quinn warned that the talks might fail.\n"
    )
    assert find(r, "not directed").speaker.role == "foreign minister"
    sp = find(r, "talks might fail").speaker
    assert sp.name == "Mary Quinn" and sp.role == "US Secretary of State" and sp.person_kind == "official"


@pytest.mark.parametrize("verb", ["underscored", "informed reporters", "reaffirmed", "clarified on Monday"])
def test_less_common_reporting_verbs(run, verb):
    result = run(f"Talks stall\n\nDina Ross {verb} that the plan would fail.\n")
    assert speaker_of(result, "plan would fail") == "Dina Ross"


@pytest.mark.parametrize("name", ["Hanna Ostrova", "Mark Delaney", "Dina Ross"])
def test_a_name_opening_the_line_after_a_headline_stays_whole(run, name):
    # told that a sentence starts at the line, the parser made the first name a sentence of its own
    result = run(f"Headline\n\n{name} claimed that the plan would fail. She added that it was over.\n")
    assert speaker_of(result, "plan would fail") == name


@pytest.mark.parametrize(
    "sentence",
    [
        "The arrangement, according to her, gives Norland leverage it did not have before.",
        "According to her, the arrangement gives Norland leverage it did not have before.",
    ],
)
def test_according_to_a_pronoun_is_the_person_in_focus(run, sentence):
    text = f"Talks stall\n\nIn a paper, Dina Ross wrote that Vesta had taken a similar path. {sentence}\n"
    assert speaker_of(run(text), "leverage it did not have") == "Dina Ross"


def test_a_quotation_running_over_paragraphs_is_all_the_speakers(run):
    text = (
        "Sanctions\n\n“The sanctions have not changed the calculus.\n\n“If anything, they have pushed "
        "Norland closer to Vesta.\n\n“What we see now is a country that depends on its neighbour,” Dina Ross "
        "said.\n"
    )
    result = run(text)
    for fragment in ("changed the calculus", "pushed Norland", "depends on its neighbour"):
        assert speaker_of(result, fragment) == "Dina Ross"


@pytest.mark.parametrize(
    "sentence",
    [
        "Dina Ross, the director of the Harwick Institute, put it bluntly: the council has bet everything "
        "on the vote.",
        "Ross put it this way: the council has bet everything on the vote.",
        "Ross spoke on Monday. In Ross's words, the council has bet everything on the vote.",
        "Ross spoke on Monday. In her words, the council has bet everything on the vote.",
    ],
)
def test_put_it_and_in_whose_words(run, sentence):
    text = f"Headline\n\nDina Ross has studied the council for years. {sentence}\n"
    assert speaker_of(run(text), "bet everything on the vote") == "Dina Ross"


def test_in_other_words_is_no_one(run):
    result = run("Headline\n\nIn other words, the council has bet everything on the vote.\n")
    assert not result.quotes


@pytest.mark.parametrize(
    "sentence",
    [
        "Dina Ross said on X, formerly Twitter, that the plan would fail.",
        "Mark Delaney wrote on Telegram, the messaging app, that the plan would fail.",
    ],
)
def test_an_aside_between_the_cue_and_its_that_clause(run, sentence):
    result = run(f"Headline\n\n{sentence}\n")
    assert find(result, "plan would fail").speaker.name == sentence.split(" said")[0].split(" wrote")[0]
