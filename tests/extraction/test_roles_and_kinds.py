"""Roles, organisations and person kinds of speakers (invented sentences, one rule each)."""

import pytest

from quotes.extraction.speakers import org_kind, person_kind

from .conftest import find


def speaker(run, text, fragment):
    return find(run(text), fragment).speaker


# ---- person_kind from a role and an organisation ------------------------------------------------


@pytest.mark.parametrize(
    ("role", "org", "kind"),
    [
        ("Sen.", None, "official"),
        ("Rep.", None, "official"),
        ("Gov.", None, "official"),
        ("Retired Lt. Gen.", None, "official"),
        ("Republican presidential nominee", None, "official"),
        ("Democratic candidate", None, "official"),
        ("Republican", None, "official"),
        ("D-Ore.", None, "official"),
        ("attorney general", None, "official"),
        ("campaign manager", None, "official"),
        ("city attorney", None, "official"),
        ("president", None, "official"),
        ("spokeswoman", None, "official"),
        ("chief economist", "Finance Ministry", "official"),
        ("press secretary", None, "official"),
        ("senior adviser", "Mendez campaign", "official"),
        ("pollster", None, "expert"),
        ("Democratic pollster", None, "expert"),
        ("senior fellow", "Harborview Institute", "expert"),
        ("president", "Lakeside Policy Forum", "expert"),
        ("law professor", "Northfield University", "expert"),
        ("talk radio host", None, "journalist"),
        ("moderator", None, "journalist"),
        ("writer", "The Evening Post", "journalist"),
        ("chief executive", "Tavora Motors", "other"),
        ("president", "Union of Dock Workers", "other"),
        ("spokesman", "Riverside Growers Coalition", "other"),
        ("director", None, "other"),
        ("political adviser", "Hartwell family", "other"),
        ("rival", None, "other"),
        (None, None, "other"),
        ("student", "Northfield University", "other"),
        ("governor", "Central Bank of Norland", "official"),
        ("vice chairman", "Norland Reserve Board", "official"),
        ("chief economist", "Norland Savings Bank", "expert"),
        # "general" in the title of a post is no officer's rank
        ("deputy director-general", "Harwick Institute for Defence Studies", "expert"),
        ("inspector general", "Justice Department", "official"),
        ("retired general", None, "official"),
        # bodies of governments together are public, by their names or their initials
        ("chief", "UN", "official"),
        ("chief economist", "International Monetary Fund", "official"),
        ("foreign policy chief", "EU", "official"),
        ("director general", "IAEA", "official"),
    ],
)
def test_person_kind(role, org, kind):
    assert person_kind(role, org) == kind


@pytest.mark.parametrize(
    ("org", "kind"),
    [
        ("Department of Revenue", "official"),
        ("House Budget Committee", "official"),
        ("Kellner Institute for Fiscal Studies", "expert"),
        ("Brightwater University", "expert"),
        ("Daily Ledger News", "journalist"),
        ("Steelworkers Union", "other"),
        ("Zentrix", None),
        # a house of a name is a building, a house of a state a legislature
        ("Harwick House", None),
        ("the White House", "official"),
        ("Clinton White House", "official"),
        ("Ohio House", "official"),
        ("U.S. House", "official"),
        ("House of Commons", "official"),
    ],
)
def test_org_kind(org, kind):
    assert org_kind(org) == kind


def test_a_researcher_of_a_house_of_a_name_is_an_expert():
    assert person_kind("researcher", "Harwick House") == "expert"


# ---- the organisation inside the role -----------------------------------------------------------


def test_company_before_economist(run):
    sp = speaker(run, "“Rates will stay high,” said Halvard Bank economist Nina Ostrova.\n", "Rates will")
    assert sp.name == "Nina Ostrova" and sp.organisation == "Halvard Bank" and sp.role == "economist"
    assert sp.person_kind == "expert"


def test_campaign_of_a_candidate(run):
    sp = speaker(
        run,
        "Okafor campaign manager Lena Brandt said the numbers were “moving our way.”\n",
        "moving our way",
    )
    assert sp.name == "Lena Brandt" and sp.organisation == "Okafor campaign"
    assert sp.role == "manager" and sp.person_kind == "official"


def test_former_chairman_of_a_committee_named_before_the_role(run):
    sp = speaker(
        run,
        "Former Liberal National Committee chairman Tom Ridley said the rules “must change.”\n",
        "must change",
    )
    assert sp.organisation == "Liberal National Committee"
    assert sp.role == "Former chairman" and sp.person_kind == "official"


def test_legislature_before_the_leader(run):
    sp = speaker(run, "Senate Majority Leader Carl Voss said the vote would “happen this week.”\n", "happen")
    assert sp.organisation == "Senate" and sp.role == "Majority Leader" and sp.person_kind == "official"


def test_police_of_a_city(run):
    sp = speaker(run, "Easton police chief Maria Kell said officers “acted within policy.”\n", "acted within")
    assert sp.organisation == "Easton police" and sp.role == "chief" and sp.person_kind == "official"


def test_untagged_club_before_manager(run):
    sp = speaker(run, "“We were poor,” Brackwell manager Ivo Stanek admitted.\n", "We were poor")
    assert sp.organisation == "Brackwell" and sp.role == "manager"


def test_role_text_is_read_not_rebuilt(run):
    sp = speaker(
        run,
        "“The plan is sound,” said Ray Olin, a two-decade veteran of the Harbor Planning Board.\n",
        "plan is sound",
    )
    assert sp.role == "two-decade veteran" and sp.organisation == "Harbor Planning Board"


def test_abbreviated_titles_keep_their_full_stops(run):
    sp = speaker(run, "“We are ready,” said Retired Lt. Gen. Paul Marsh.\n", "We are ready")
    assert sp.name == "Paul Marsh" and sp.role == "Retired Lt. Gen." and sp.person_kind == "official"


def test_field_of_a_professor_is_part_of_the_role(run):
    sp = speaker(
        run,
        "“Glaciers are retreating,” said Ana Ruiz, a professor of geology at Wexford University.\n",
        "Glaciers",
    )
    assert sp.role == "professor of geology" and sp.organisation == "Wexford University"
    assert sp.person_kind == "expert"


def test_place_after_a_name_is_no_organisation(run):
    sp = speaker(run, "“The bill is dead,” said Sen. Martha Quill of Nebraska.\n", "The bill is dead")
    assert sp.name == "Martha Quill" and sp.organisation is None and sp.person_kind == "official"


def test_department_of_an_institution_names_the_institution(run):
    sp = speaker(
        run,
        "“Growth will slow,” said Omar Reyes, director of the Fund's Asia department.\n",
        "Growth will slow",
    )
    assert sp.organisation == "Fund"


def test_relation_is_no_role(run):
    r = run(
        "Her rival Paul Kessler attacked the plan on Monday.\n\n“It is a tax on families,” Kessler said.\n"
    )
    assert find(r, "tax on families").speaker.role is None


def test_a_later_role_that_says_more_wins(run):
    r = run(
        "Her rival Paul Kessler attacked the plan on Monday.\n\n"
        "Republican presidential nominee Paul Kessler spoke in Ohio.\n\n"
        "“It is a tax on families,” Kessler said.\n"
    )
    sp = find(r, "tax on families").speaker
    assert sp.role == "Republican presidential nominee" and sp.person_kind == "official"


def test_organisation_stated_earlier_carries_over(run):
    r = run(
        "Lina Hart, an analyst at Corvane Research, expects a cut.\n\n"
        "“The bank will move in June,” Hart said.\n"
    )
    sp = find(r, "move in June").speaker
    assert sp.organisation == "Corvane Research" and sp.person_kind == "expert"


def test_based_is_where_not_the_role(run):
    sp = speaker(
        run,
        "“We expect a long fight,” said Dana Pike, a Denver-based organizer with Clean Rivers Now.\n",
        "long fight",
    )
    assert sp.role == "organizer"


def test_odd_spaces_and_hyphens_in_a_role_before_a_name(run):
    sp = speaker(
        run,
        "Green vice-presidential nominee\u00a0Gov.\u00a0Rita Holm said the race was “wide open.”\n",
        "wide open",
    )
    assert sp.name == "Rita Holm" and sp.role == "Green vice-presidential nominee Gov."
    assert sp.person_kind == "official"


def test_party_and_state_after_a_legislator(run):
    r = run(
        "Lawmakers returned on Monday.\n\n"
        "“This bill is a giveaway,” said Tom Varga (D-Ore.), who voted against it.\n"
    )
    sp = find(r, "giveaway").speaker
    assert sp.name == "Tom Varga" and sp.organisation == "Democratic Party" and sp.person_kind == "official"
    assert sp.role is None  # a party letter is no title ("the senator" still finds the person in focus)


def test_one_of_several(run):
    sp = speaker(
        run,
        "“He was furious,” said Ian Roth, one of the governor's closest aides.\n",
        "He was furious",
    )
    assert sp.role == "one of the governor's closest aides" and sp.person_kind == "official"


def test_role_in_a_relative_clause(run):
    sp = speaker(
        run,
        "“We underestimated them,” said Kai Moreno, who served as Asia director for the Regional "
        "Security Council.\n",
        "underestimated",
    )
    assert sp.role == "Asia director" and sp.organisation == "Regional Security Council"
    assert sp.person_kind == "official"


def test_a_name_as_an_object_is_not_of_the_place_beside_it(run):
    r = run(
        "Mara Lind was a mentor to Paul Okafor at Brightwater University.\n\n“We will win,” Okafor said.\n"
    )
    assert find(r, "We will win").speaker.organisation is None


def test_a_persons_campaign_makes_the_person_a_candidate(run):
    r = run("The Okafor campaign spent heavily in March.\n\n“We will win,” Paul Okafor said.\n")
    sp = find(r, "We will win").speaker
    assert sp.name == "Paul Okafor" and sp.organisation == "Okafor campaign" and sp.person_kind == "official"


def test_staff_of_a_named_figure(run):
    sp = speaker(
        run,
        "Okafor communications director Nell Price said the ad was “false.”\n",
        "false",
    )
    assert sp.role == "communications director" and sp.organisation == "Okafor"
    assert sp.person_kind == "official"


def test_role_word_tagged_inside_the_name_of_the_organisation(run):
    sp = speaker(run, "Interim NRA Chairwoman Dora Fell said the vote was “final.”\n", "final")
    assert sp.organisation == "NRA" and sp.role.lower() == "interim chairwoman"


def test_a_unit_of_an_organisation_names_the_organisation(run):
    sp = speaker(
        run,
        "“Demand is soft,” said Tariq Bell, head of the Ardent Bank trading desk.\n",
        "Demand is soft",
    )
    assert sp.organisation == "Ardent Bank"


def test_interviewer_is_a_journalist():
    assert person_kind("one of the best-known interviewers", None) == "journalist"


def test_a_body_named_by_its_party(run):
    sp = speaker(
        run,
        "“We have the votes,” said Rep. Ada Munro, assistant leader of the Democratic caucus.\n",
        "We have the votes",
    )
    assert sp.role == "assistant leader" and sp.organisation == "Democratic caucus"


def test_top_party_member_on_a_committee(run):
    sp = speaker(
        run,
        "“The report is partisan,” said Rep. Lou Berne of Ohio, the top Democrat on the House Budget "
        "Committee.\n",
        "The report is partisan",
    )
    assert sp.organisation == "House Budget Committee" and sp.person_kind == "official"
    assert sp.role == "top Democrat"


def test_what_a_person_is_now_comes_last_in_the_relative_clause(run):
    sp = speaker(
        run,
        "“The numbers are fantasy,” said Ruth Adler, an economist who served as director of the State "
        "Budget Office and is now president of the Marlow Policy Forum.\n",
        "The numbers are fantasy",
    )
    assert sp.role == "economist" and sp.organisation == "Marlow Policy Forum" and sp.person_kind == "expert"


def test_where_based_before_the_role(run):
    sp = speaker(
        run,
        "“People are angry,” said Cleo Dunn, a North Texas-based president of the Riverside Tenants "
        "Caucus.\n",
        "People are angry",
    )
    assert sp.role == "president" and sp.organisation == "Riverside Tenants Caucus"


def test_a_center_of_an_organisation_names_the_organisation(run):
    sp = speaker(
        run,
        "“It is tinkering,” said Noel Park, an economist at the Halden Foundation's policy center.\n",
        "It is tinkering",
    )
    assert sp.organisation == "Halden Foundation" and sp.role == "economist"


def test_hyphenated_place_before_police_chief(run):
    sp = speaker(
        run,
        "“The video is unclear,” said Dina Ross, the Marsh-Eddington police chief.\n",
        "video is unclear",
    )
    assert sp.organisation == "Marsh-Eddington police" and sp.role == "chief" and sp.person_kind == "official"


def test_field_of_work_after_the_name_of_a_committee(run):
    sp = speaker(
        run,
        "Liberal National Committee Research Director Omar Vale said the claims were “rated false.”\n",
        "rated false",
    )
    assert sp.organisation == "Liberal National Committee" and sp.role == "Research Director"


def test_party_of_a_member_of_parliament(run):
    sp = speaker(run, "Conservative MP Gareth Pole said the plan was “a mess.”\n", "a mess")
    assert sp.role == "Conservative MP" and sp.organisation == "Conservative Party"
    assert sp.person_kind == "official"


def test_government_of_a_minister(run):
    sp = speaker(
        run,
        "“We will respond,” the Turkish foreign minister, Kemal Arda, said on Sunday.\n",
        "We will respond",
    )
    assert (
        sp.name == "Kemal Arda" and sp.organisation == "Turkish government" and sp.person_kind == "official"
    )


def test_party_word_gives_no_organisation_to_an_expert(run):
    sp = speaker(run, "“Turnout decides it,” said Democratic pollster Iris Vane.\n", "Turnout")
    assert sp.organisation is None and sp.person_kind == "expert"


def test_a_stated_organisation_replaces_a_party(run):
    r = run(
        "Labour MP Nia Roberts criticised the plan on Monday.\n\n"
        "“It will not pass,” said Roberts, who is the chair of the Transport Select Committee.\n"
    )
    assert find(r, "will not pass").speaker.organisation == "Transport Select Committee"


def test_hyphenated_place_tagged_by_halves(run):
    sp = speaker(
        run,
        "Gino Hale, the Marsh-Wendover police chief, said the footage was “inconclusive.”\n",
        "inconclusive",
    )
    assert sp.organisation == "Marsh-Wendover police"


def test_role_from_a_sentence_about_the_person(run):
    r = run(
        "Ruth Adler served as director of the State Budget Office and is now president of the Marlow "
        "Policy Forum.\n\n"
        "“The numbers are fantasy,” Adler said.\n"
    )
    sp = find(r, "numbers are fantasy").speaker
    assert sp.role == "president" and sp.organisation == "Marlow Policy Forum"


def test_a_quality_is_no_job():
    from quotes.extraction import load_nlp
    from quotes.extraction.speakers import DocIndex, analyze_np

    doc = load_nlp()("Paul Kessler is a genius.\n")
    raw = analyze_np(doc[1], DocIndex(doc))
    assert raw.name_words == ("Paul", "Kessler") and raw.role is None


def test_outlet_in_possessive_before_the_name(run):
    sp = speaker(run, "Rivertown Radio's Maria Jensen said the race was “over.”\n", "over")
    assert sp.name == "Maria Jensen" and sp.organisation == "Rivertown Radio"


def test_byline_outlet_after_the_writer(run):
    r = run("“The effect is small,” wrote Tom Ager for the Riverton Gazette.\n")
    assert find(r, "effect is small").speaker.organisation == "Riverton Gazette"


def test_a_persons_campaign_named_as_an_organisation(run):
    r = run(
        "“We will win Ohio,” Paul Okafor said on Monday.\n\nThe Okafor campaign has spent heavily there.\n"
    )
    sp = find(r, "We will win Ohio").speaker
    assert sp.name == "Paul Okafor" and sp.person_kind == "official"


def test_acronym_read_as_the_body_it_abbreviates(run):
    r = run(
        "A former Liberal National Committee chairman spoke out on Monday.\n\n"
        "“We need a plan,” said Dan Fogle, who helmed the LNC in the 1990s.\n"
    )
    sp = find(r, "We need a plan").speaker
    assert sp.organisation == "Liberal National Committee" and sp.person_kind == "official"


def test_noun_phrase_before_the_subject(run):
    sp = speaker(
        run,
        "A former state senator, Jane Dole said the plan was “reckless.”\n",
        "reckless",
    )
    assert sp.name == "Jane Dole" and sp.role == "former state senator" and sp.person_kind == "official"


def test_party_of_an_opponent(run):
    r = run(
        "Paul Kessler, her Republican opponent, attacked the plan.\n\n"
        "“It is a tax on families,” Kessler said.\n"
    )
    sp = find(r, "tax on families").speaker
    assert sp.role == "Republican opponent" and sp.person_kind == "official"


def test_adviser_to_a_campaign(run):
    sp = speaker(
        run,
        "“It is a wake-up call,” said Rita Voss, a senior adviser to the Okafor campaign.\n",
        "wake-up call",
    )
    assert sp.organisation == "Okafor campaign" and sp.person_kind == "official"


def test_ambassador_to_a_country_has_no_organisation_there(run):
    sp = speaker(
        run,
        "“Our approach failed,” said Derek Hale, who served as U.S. ambassador to Norway.\n",
        "approach failed",
    )
    assert sp.organisation is None and sp.person_kind == "official"


def test_schools_in_a_campaign_groups_name_do_not_make_it_academic():
    assert org_kind("Alliance to Rebuild Our Schools") == "other"


def test_a_surname_alone_does_not_change_a_role(run):
    r = run(
        "Jeb Harlow campaigned with his mother, the former first lady, Nora Harlow.\n\n"
        "President Harlow praised his son on Monday.\n\n"
        "“He is a decent man,” Nora Harlow said.\n"
    )
    assert find(r, "decent man").speaker.role == "former first lady"


def test_own_name_is_not_the_organisation(run):
    r = run(
        "“We will win,” Nora Quist said.\n\n"
        "Quist spokesman Ed Lamb said the numbers were “strong.”\n\n"
        "“Trust the voters,” Quist added.\n"
    )
    assert find(r, "Trust the voters").speaker.organisation != "Quist"
    # whose spokesman: a person is no organisation (the Quist campaign would be, were it named)
    assert find(r, "strong").speaker.organisation is None


def test_business_partner_is_a_role(run):
    r = run(
        "His former business partner at Lenmark, Carl Ivers, called him a master of deals.\n\n"
        "“He never gave up,” Ivers said.\n"
    )
    sp = find(r, "never gave up").speaker
    assert sp.role == "former business partner" and sp.organisation == "Lenmark"


def test_whom_an_adviser_serves_is_part_of_the_role(run):
    sp = speaker(
        run,
        "“The plan is fair,” said Lena Ott, an outside adviser to the campaign and a professor at "
        "Brightwater University.\n",
        "plan is fair",
    )
    assert sp.role == "outside adviser to the campaign" and sp.person_kind == "official"


def test_role_before_a_surname_tagged_as_an_organisation(run):
    # the tagger calls "Marsh" here an organisation; the person named before keeps the role
    r = run(
        "“We follow the evidence,” Irene Marsh told reporters.\n\n"
        "Now the highest-ranking judge in the state, Marsh rose to prominence despite obstacles.\n\n"
        "“Nobody is above the law,” Marsh said.\n"
    )
    sp = find(r, "above the law").speaker
    assert sp.name == "Irene Marsh" and sp.person_kind == "official"


def test_a_name_tagged_as_a_common_noun_before_a_role(nlp):
    from spacy.tokens import Doc

    from quotes.extraction.speakers import DocIndex, split_role

    words = ["They", "said", ",", "Okafor", "lawyer", "Ben", "Ruiz", "added", "."]
    pos = ["PRON", "VERB", "PUNCT", "NOUN", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, pos=pos, sent_starts=[True] + [False] * 8)
    assert split_role([doc[3], doc[4]], DocIndex(doc)) == ("lawyer", "Okafor")


def test_writing_for_an_outlet(run):
    r = run(
        "Writing for a Riverton Times panel that judged the debate, Mark Z. Oduya noted that the "
        "governor kept his calm.\n\n"
        "“He never lost his temper,” Oduya wrote.\n"
    )
    sp = find(r, "lost his temper").speaker
    assert sp.organisation == "Riverton Times" and sp.person_kind == "journalist"


def test_hyphenated_surname_is_one_name(run):
    r = run(
        "“This is not reform,” said Douglas Pratt-Kellner, an economist at the Marlow Policy Forum.\n\n"
        "Mr. Pratt-Kellner said the plan would “cost a fortune.”\n"
    )
    sp = find(r, "cost a fortune").speaker
    assert sp.name == "Douglas Pratt-Kellner" and sp.organisation == "Marlow Policy Forum"


def test_a_likeness_before_the_subject_is_no_role(nlp):
    from quotes.extraction.speakers import DocIndex, analyze_np

    doc = nlp("More professor than politician, Tanaka struggles to deliver a sound bite.\n")
    raw = analyze_np(next(t for t in doc if t.text == "Tanaka"), DocIndex(doc))
    assert raw.name_words == ("Tanaka",) and raw.role is None


@pytest.mark.parametrize(
    ("text", "org", "role"),
    [
        ("“No comment,” said Kremlin spokesman Oleg Vasin.\n", "Kremlin", "spokesman"),
        ("“No comment,” said Labour Party leader Ann Hale.\n", "Labour Party", "leader"),
        ("“No comment,” said Pentagon spokesman Jeff Dorn.\n", "Pentagon", "spokesman"),
        ("“No comment,” said Jeff Dorn, a senior Pentagon official.\n", "Pentagon", "senior official"),
    ],
)
def test_organisation_inside_the_role(run, text, org, role):
    sp = speaker(run, text, "No comment")
    assert (sp.organisation, sp.role, sp.person_kind) == (org, role, "official")


def test_generic_word_alone_is_no_organisation(run):
    sp = speaker(run, "“We need the money,” said State Senator Rosa Diaz.\n", "need the money")
    assert sp.organisation is None and sp.person_kind == "official"


def test_university_of_a_place_before_a_professor(run):
    sp = speaker(
        run,
        "“Turnout will be low,” said University of Northfield political science professor Ian Boyd.\n",
        "Turnout",
    )
    assert sp.organisation == "University of Northfield" and sp.role == "political science professor"


def test_a_time_is_no_organisation(run):
    sp = speaker(
        run,
        "“Those rules failed,” said Ada Frey, a banking lawyer of the Bill Reston era.\n",
        "rules failed",
    )
    assert sp.organisation is None


def test_no_role_from_a_title_case_headline(run):
    r = run(
        "Senator Finally Endorses House Speaker Paul Brandt In Primary\n\n“I am glad,” Paul Brandt said.\n"
    )
    sp = find(r, "I am glad").speaker
    assert sp.organisation is None


def test_secretary_of_state_is_a_role_not_of_an_organisation(run):
    sp = speaker(
        run,
        "“We were ready,” said Mara Lind, a former secretary of State.\n",
        "We were ready",
    )
    assert sp.role == "former secretary of State" and sp.organisation is None and sp.person_kind == "official"


def test_a_pronoun_said_to_hold_a_post_gives_the_person_in_focus_that_post(run):
    sp = speaker(
        run,
        "Rep. Dana Okoro (D-Md.) hosted a picnic on Sunday.\n\n"
        "She is the ranking Democrat on the House Veterans and the Small Business Committee.\n\n"
        "“The fight starts now,” Okoro said.\n",
        "fight starts now",
    )
    assert sp.name == "Dana Okoro"
    assert sp.organisation == "House Veterans and the Small Business Committee"


def test_a_pronoun_said_to_be_a_party_member_gains_no_organisation(run):
    sp = speaker(
        run,
        "Martin Selby runs a bakery in Dayton.\n\nHe is a Democrat.\n\n“Prices are up,” Selby said.\n",
        "Prices are up",
    )
    assert sp.name == "Martin Selby" and sp.organisation is None


def test_a_namesake_introduced_long_after_takes_the_bare_surname(run):
    filler = "".join(
        f"Item {n}: the county fair opened its gates and the rain held off all day.\n\n" for n in range(60)
    )
    r = run(
        "Gordon Pryce, the Libertarian candidate, toured Iowa.\n\n"
        "“Taxes are theft,” Pryce said.\n\n"
        f"{filler}"
        "Transport Secretary Alma Pryce warned that rail strikes would spread.\n\n"
        "“Talks have broken down,” Pryce said.\n"
    )
    assert find(r, "Taxes are theft").speaker.name == "Gordon Pryce"
    sp = find(r, "Talks have broken down").speaker
    assert sp.name == "Alma Pryce" and sp.role == "Transport Secretary"


def test_a_description_naming_an_organisation_by_its_noun_refers_to_the_one_in_focus(run):
    sp = speaker(
        run,
        "Maria Ortiz rallied in Reno. The Ortiz campaign released an ad.\n\n"
        "Tom Reyes, the campaign’s press secretary, noted that the race was close.\n\n"
        "“We are ready,” said Reyes.\n",
        "We are ready",
    )
    assert (sp.name, sp.role, sp.organisation) == ("Tom Reyes", "press secretary", "Ortiz campaign")


@pytest.mark.parametrize(
    "sentence",
    [
        "Paul Varga toured a factory. He and his campaign want to reach young voters.",
        "Paul Varga, whose campaign has raised $5 million, toured a factory.",
        "Paul Varga toured a factory. Varga's running mate stayed in Ohio.",
    ],
)
def test_a_person_whose_campaign_is_named_is_a_candidate(run, sentence):
    sp = speaker(run, f"{sentence}\n\n“Wages are too low,” Varga said.\n", "Wages are too low")
    assert sp.name == "Paul Varga" and sp.person_kind == "official"


def test_a_mate_who_is_no_running_mate_makes_nobody_a_candidate(run):
    sp = speaker(
        run,
        "Paul Varga toured a factory with his mate from school.\n\n“Wages are too low,” Varga said.\n",
        "Wages are too low",
    )
    assert sp.person_kind == "other"


def test_one_who_writes_for_an_outlet_is_its_journalist(run):
    sp = speaker(
        run,
        "Headline\n\n“The impact is still small,” wrote Dana Okoro for Harbor Ledger. “Few changed.”\n",
        "impact is still small",
    )
    assert (sp.name, sp.organisation, sp.person_kind) == ("Dana Okoro", "Harbor Ledger", "journalist")


def test_the_one_asking_a_transcripts_questions_is_a_journalist(run):
    r = run(
        "Okoro Defends the Budget on Sunday Show\n\n"
        "Partial transcript as follows:\n\n"
        "BRENNAN: Let's start with the budget. Why cut the schools first?\n\n"
        "OKORO: Well, look, the schools have had more money every year, and they will again.\n\n"
        "BRENNAN: And the hospitals? Will they close?\n\n"
        "OKORO: No hospital will close while I am governor of this state.\n"
    )
    assert find(r, "Why cut the schools").speaker.person_kind == "journalist"
    assert find(r, "No hospital will close").speaker.person_kind != "journalist"


def test_a_role_serving_the_body_named_by_its_noun_takes_that_body_before_a_second_role(run):
    sp = speaker(
        run,
        "Headline\n\nDavid Kamau, an outside adviser to the campaign on tax issues and an associate "
        "professor at Northfield University School of Law, said that the plan was sound.\n\n"
        "Maria Ortiz, a fund-raiser for the Okoro campaign, agreed.\n",
        "the plan was sound",
    )
    assert sp.name == "David Kamau" and sp.organisation == "Okoro campaign"


def test_a_role_serving_a_body_the_article_never_names_keeps_the_organisation_stated(run):
    sp = speaker(
        run,
        "Headline\n\nDavid Kamau, an outside adviser to the campaign on tax issues and an associate "
        "professor at Northfield University School of Law, said that the plan was sound.\n",
        "the plan was sound",
    )
    assert sp.organisation == "Northfield University School of Law"


def test_a_committee_named_in_lower_case_in_a_role_is_the_articles_committee_of_that_name(run):
    r = run(
        "Headline\n\nJane Okoro, the top Democrat on the Budget Committee, spoke first.\n\n"
        "“This is a disgrace,” said Rep. Paul Varga (R-Ohio), a budget panel member.\n"
    )
    sp = find(r, "This is a disgrace").speaker
    assert sp.name == "Paul Varga" and sp.organisation == "Budget Committee"


def test_a_committee_role_stays_with_its_party_when_the_article_names_no_such_committee(run):
    r = run(
        "Headline\n\nJane Okoro, the top Democrat on the Budget Committee, spoke first.\n\n"
        "“This is a disgrace,” said Rep. Paul Varga (R-Ohio), a defense panel member.\n"
    )
    assert find(r, "This is a disgrace").speaker.organisation == "Republican Party"


def test_a_chair_named_by_the_field_of_the_articles_committee_is_its_chair(run):
    r = run(
        "Headline\n\nJane Okoro, the top Democrat on the Budget Committee, spoke first.\n\n"
        "“This is a disgrace,” Budget Chairman Paul Varga (R-Ohio) said in a statement.\n"
    )
    sp = find(r, "This is a disgrace").speaker
    assert sp.name == "Paul Varga" and sp.organisation == "Budget Committee"


def test_a_persons_name_in_a_role_is_no_organisation(run):
    r = run(
        "Headline\n\nMaria Ortiz toured Ohio.\n\n"
        "“We are ahead,” Ortiz spokesman Tom Reyes said.\n\n"
        "“He is absolutely right,” Dan Kimani, a top Ortiz surrogate, said.\n"
    )
    assert find(r, "We are ahead").speaker.organisation is None
    assert find(r, "absolutely right").speaker.organisation is None


def test_a_persons_name_in_a_role_gives_the_body_that_person_leads(run):
    sp = speaker(
        run,
        "Headline\n\nMaria Ortiz toured Ohio. The Ortiz campaign released an ad.\n\n"
        "“We are ahead,” Ortiz spokesman Tom Reyes said.\n",
        "We are ahead",
    )
    assert sp.organisation == "Ortiz campaign" and sp.person_kind == "official"


def test_owner_of_the_programme_a_person_heads(run):
    sp = speaker(
        run,
        "“The talks are over,” said Mary Colt, who heads the Lowell Institute's energy programme.\n",
        "The talks are over",
    )
    assert sp.organisation == "Lowell Institute"


def test_a_title_of_a_body_written_before_the_name_is_the_role(run):
    # The parser makes the title the subject and the name the end of its "of" phrase.
    r = run(
        "The hearing lasted four hours.\n\n"
        "Director of Naval Intelligence Karen Holloway said the breach was serious.\n\n"
        "Chairman of the Joint Chiefs of Staff Martin Oduya said the plan was sound.\n"
    )
    q = find(r, "the breach was serious")
    assert q.speaker.name == "Karen Holloway" and q.speaker.role == "Director of Naval Intelligence"
    q = find(r, "the plan was sound")
    assert q.speaker.name == "Martin Oduya"
    assert q.speaker.role == "Chairman of the Joint Chiefs of Staff"
    assert q.speaker.organisation == "Joint Chiefs of Staff"


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        # A body's name that begins with a place and "and": the tagger reads two places, the parser a
        # place joined to a name; the name holds a word that is no place.
        (
            "“The demand is not met,” says Dana Holt, founder and CEO of "
            "Ohio and Kentucky Nurses of America.\n",
            "Ohio and Kentucky Nurses of America",
        ),
        (
            "“We will stay,” said Mara Lind, director of Bosnia and Herzegovina Relief Fund.\n",
            "Bosnia and Herzegovina Relief Fund",
        ),
    ],
)
def test_a_body_named_after_a_place_and_another_name(run, sentence, organisation):
    assert speaker(run, sentence, "stay" if "stay" in sentence else "demand").organisation == organisation


def test_two_places_joined_by_and_stay_places(run):
    sp = speaker(run, "“We will stay,” said Jean Morel, envoy of France and Germany.\n", "stay")
    assert sp.organisation != "France and Germany"


@pytest.mark.parametrize(
    ("text", "role", "organisation"),
    [
        # a hyphenated role whole: the parser often heads "vice-president" with "vice" and leaves the
        # rest beside it
        (
            "The plan will fail, said Mark Delaney, senior vice-president at Norvik Foods.",
            "senior vice-president",
            "Norvik Foods",
        ),
        ("The plan will fail, said Mark Delaney, co-founder of Norvik Foods.", "co-founder", "Norvik Foods"),
        (
            "The plan will fail, said Mark Delaney, editor-in-chief of the Harwick Gazette.",
            "editor-in-chief",
            "Harwick Gazette",
        ),
        ("The UN secretary-general, Mark Delaney, said the plan will fail.", "secretary-general", "UN"),
        # the body named by a possessive, or after the kind of body it is
        (
            "Mark Delaney, the Norvik Institute's spokesman, said the plan will fail.",
            "spokesman",
            "Norvik Institute",
        ),
        ("Harwick Bank's director, Mark Delaney, said the plan will fail.", "director", "Harwick Bank"),
        (
            "The plan will fail, said Mark Delaney, president of the risk consultancy Harwick Group.",
            "president",
            "Harwick Group",
        ),
        # a description between the name and the verb, which the parser makes a second subject
        (
            "Mark Delaney, the secretary general of the Norland Union, said the plan will fail.",
            "secretary general",
            "Norland Union",
        ),
        # the body named before the word for its kind, which is no role
        (
            "The plan will fail, said Mark Delaney, a researcher at the Harwick House think tank.",
            "researcher",
            "Harwick House",
        ),
        (
            "The plan will fail, said Mark Delaney of the Norvik Institute for Defence (NID) think tank.",
            None,
            "Norvik Institute for Defence",
        ),
        # a country's body named inside the role
        (
            "The plan will fail, said Mark Delaney, Poland's foreign ministry spokesman.",
            "spokesman",
            "Poland's foreign ministry",
        ),
        # a word of the role opening the sentence is no organisation
        ("Shadow defence secretary Mark Delaney said the plan will fail.", "Shadow defence secretary", None),
        # a nationality's body named inside the role, rather than its government
        (
            "“The plan will fail,” Chinese foreign ministry spokesman Mark Delaney said.",
            "Chinese foreign ministry spokesman",
            "Chinese foreign ministry",
        ),
        # a town's police tagged as a title before the chief
        ("“The plan will fail,” Marlow Police Chief Mark Delaney said on Friday.", "Chief", "Marlow Police"),
    ],
)
def test_the_role_and_its_body_as_written(run, text, role, organisation):
    found = speaker(run, text, "plan will fail")
    assert (found.name, found.role, found.organisation) == ("Mark Delaney", role, organisation)


def test_a_description_after_two_names_is_the_second_ones(run):
    text = (
        "Mark Delaney and Anne Pruitt, the Norvik Institute's chief economist, met on Monday.\n\n"
        "“The plan will fail,” Delaney said.\n"
    )
    assert speaker(run, text, "plan will fail").organisation is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Its spokesman, Mark Delaney, added that the plan will fail.",
        "A spokeswoman, Dina Ross, said the plan will fail.",
        "“The plan will fail,” its spokesman Mark Delaney told reporters.",
    ],
)
def test_a_spokesman_of_the_body_that_just_spoke(run, sentence):
    text = f"Headline\n\nThe Norland Transport Agency said it was studying the proposal. {sentence}\n"
    assert speaker(run, text, "plan will fail").organisation == "Norland Transport Agency"


def test_a_spokesman_with_no_body_in_focus_has_no_organisation(run):
    text = (
        "Headline\n\nJane Okoro met the minister on Monday. A spokesman, Mark Delaney, said the plan will "
        "fail.\n"
    )
    assert speaker(run, text, "plan will fail").organisation is None


def test_a_relative_of_a_named_person_has_no_role(run):
    text = "Headline\n\n“The plan will fail,” said Dina Ross, the widow of opposition leader Mark Delaney.\n"
    found = speaker(run, text, "plan will fail")
    assert (found.name, found.role, found.person_kind) == ("Dina Ross", None, "other")


def test_a_role_put_before_a_pronoun_is_the_persons(run):
    text = (
        "Headline\n\nDina Ross has spent three decades studying Norland. Now a senior fellow at the Harwick "
        "Institution, she said the West had misread its leaders for years.\n"
    )
    found = speaker(run, text, "misread its leaders")
    assert (found.name, found.role, found.organisation) == (
        "Dina Ross",
        "senior fellow",
        "Harwick Institution",
    )


@pytest.mark.parametrize(
    ("sentence", "role", "organisation", "kind"),
    [
        # a country's title before the name: the country, and an official whatever the title says
        ("Norway's Foreign Minister Mark Delaney said", "Foreign Minister", "Norway", "official"),
        ("Norway's President Mark Delaney said", "President", "Norway", "official"),
        # a portfolio the tagger takes for a body is the title's own words
        ("Norway's Defence Secretary Mark Delaney said", "Defence Secretary", "Norway", "official"),
        (
            "Norway's External Affairs Minister Mark Delaney said",
            "External Affairs Minister",
            "Norway",
            "official",
        ),
        (
            "Norway's Interior Cabinet Secretary Mark Delaney said",
            "Interior Cabinet Secretary",
            "Norway",
            "official",
        ),
        # "Supreme", tagged a body alone, is the title's
        ("Norway's Supreme Leader Mark Delaney said", "Supreme Leader", None, "official"),
        # a portfolio's body is the country's that owns the title
        (
            "Norway's Foreign Office spokesperson Mark Delaney said",
            "spokesperson",
            "Norway's Foreign Office",
            "official",
        ),
        # a body's title before the name
        (
            "The Norland Union's foreign policy chief Mark Delaney said",
            "foreign policy chief",
            "Norland Union",
            None,
        ),
    ],
)
def test_the_owner_of_a_title_before_the_name(run, sentence, role, organisation, kind):
    found = speaker(run, f"Headline\n\n{sentence} the plan will fail.\n", "plan will fail")
    assert (found.name, found.role, found.organisation) == ("Mark Delaney", role, organisation)
    assert kind is None or found.person_kind == kind


def test_a_country_owns_no_private_title(run):
    text = "Headline\n\nNorway's richest man Mark Delaney said the plan will fail.\n"
    assert speaker(run, text, "plan will fail").organisation is None


def test_a_programme_of_an_institution_is_the_institutions(run):
    text = (
        "Headline\n\nDina Ross, a senior fellow at the Harwick Endowment's Asia and Pacific Program, warned "
        "that the plan will fail.\n"
    )
    assert speaker(run, text, "plan will fail").organisation == "Harwick Endowment"


def test_a_statement_from_a_countrys_ministry_is_that_ministrys(run):
    text = "Headline\n\nA statement from the Norwegian foreign ministry called for an immediate ceasefire.\n"
    assert speaker(run, text, "immediate ceasefire").name == "Norwegian foreign ministry"


def test_a_rank_before_a_name_is_no_organisation(run):
    text = "Headline\n\nNavy spokesman Rear Admiral Mark Delaney said the plan would fail.\n"
    found = speaker(run, text, "plan would fail")
    assert found.organisation != "Rear" and found.role.endswith("Rear Admiral")


def test_the_president_is_not_the_vice_president(run):
    text = (
        "Headline\n\nPresident Dina Ross opened the summit on Monday. Vice President Mark Delaney said the "
        "talks went well. “We agree on everything,” the president said.\n"
    )
    assert speaker(run, text, "agree on everything").name == "Dina Ross"


def test_a_capitalised_title_after_the_refers_to_its_holder(run):
    text = (
        "Headline\n\nAddressing a press conference, Foreign Secretary Mark Delaney said the two sides had "
        "agreed. “This is a positive step,” the Foreign Secretary said.\n"
    )
    assert speaker(run, text, "positive step").name == "Mark Delaney"


def test_a_national_security_adviser_is_an_official(run):
    text = "Headline\n\nFormer national security adviser Mark Delaney cautioned that trust would take time.\n"
    assert speaker(run, text, "trust would take time").person_kind == "official"


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        # a body named by its portfolio keeps its country
        ("Norway's Defence Ministry said", "Norway's Defence Ministry"),
        ("The Norwegian Ministry of Commerce said", "Norwegian Ministry of Commerce"),
        ("Norway's mission to the United Nations said", "Norway's mission to the United Nations"),
        # a country's presidency speaks
        ("The Norwegian presidency said in a statement that", "Norwegian presidency"),
        # a report by a body, and a body's readout of a call, are its words
        ("A report by the Harwick Institute warned that", "Harwick Institute"),
        ("A study from the Harwick Institute said that", "Harwick Institute"),
        ("The White House's readout said", "White House"),
    ],
)
def test_a_body_speaks(run, sentence, body):
    found = speaker(run, f"Headline\n\n{sentence} the plan would fail.\n", "plan would fail")
    assert (found.name, found.kind) == (body, "organisation")


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        # a country's body named by a common noun
        ("The head of Norway's military intelligence, Mark Delaney, said", "Norway's military intelligence"),
        ("Dina Ross, the chief of Norway's navy, said", "Norway's navy"),
        # the country of a role, the holder in apposition, as for "Norway's Foreign Minister X"
        ("Norway's foreign minister, Mark Delaney, said", "Norway"),
        # a ministry named in the title, or as the body a spokesman speaks for
        ("Norway's foreign ministry spokesman Mark Delaney said", "Norway's foreign ministry"),
        ("Mark Delaney, a spokesman for Norway's Foreign Ministry, said", "Norway's Foreign Ministry"),
        # a nationality of two words
        ("South Korean Foreign Minister Mark Delaney said", "South Korean government"),
    ],
)
def test_the_organisation_of_a_countrys_official(run, sentence, organisation):
    found = speaker(run, f"Headline\n\n{sentence} the plan would fail.\n", "plan would fail")
    assert (found.organisation, found.person_kind) == (organisation, "official")


def test_a_persons_statement_gives_them_no_role(run):
    text = "Headline\n\nDina Ross spoke on Monday. Ross's statement said the rule was unfair.\n"
    found = speaker(run, text, "rule was unfair")
    assert (found.name, found.role) == ("Dina Ross", None)


@pytest.mark.parametrize(
    ("sentence", "role", "organisation"),
    [
        # the body whose possessive the name takes is the person's
        ("The Harwick Institute's Dina Ross said", None, "Harwick Institute"),
        # a body's last word ends its name before a capitalised title
        ("Norland Bank President Dina Ross said", "President", "Norland Bank"),
        # the name closing a subject described by a clause names it (the parser hangs it on the clause)
        (
            "One pastor supporting the mayor, Dina Ross of the Harwick Church, said",
            "pastor",
            "Harwick Church",
        ),
        ("The official leading the inquiry, Dina Ross, said", "official", None),
        # a body led in a relative clause on the description
        (
            "Dina Ross, 54, a former diplomat who now heads the Harwick Institute, said",
            "former diplomat",
            "Harwick Institute",
        ),
        # initials with a small letter for a short word of the name ("AfD", "BfV")
        ("NfB co-leader Dina Ross said", "co-leader", "NfB"),
        # a post described before a forgotten comma is still the role
        (
            "Dina Ross, a spokeswoman for the Harwick Institute told the Post",
            "spokeswoman",
            "Harwick Institute",
        ),
    ],
)
def test_the_role_and_organisation_a_sentence_states(run, sentence, role, organisation):
    found = speaker(run, f"Headline\n\n{sentence} the plan will fail.\n", "plan will fail")
    assert (found.name, found.role, found.organisation) == ("Dina Ross", role, organisation)


def test_a_kind_of_body_whose_campaign_a_person_oversees_is_no_organisation(run):
    # "the super PAC's campaign": "PAC", tagged a body's name, after a common word is no name
    text = (
        "Headline\n\nIts first ad could start this week, said Tom Hale, a longtime political adviser to the "
        "Castellano family who oversees the super PAC's last-minute campaign to stop Okafor.\n"
    )
    assert speaker(run, text, "first ad could start").organisation is None


def test_a_description_running_into_a_verb_is_no_role(run):
    # the parser made "the Kremlin's turn east", the subject of "was", the name's appositive
    text = (
        "Headline\n\nFor Mark Delaney, the Kremlin's turn east was never a choice. \"Moscow had nowhere else "
        'to go," says Delaney.\n'
    )
    found = speaker(run, text, "nowhere else")
    assert (found.name, found.role, found.organisation) == ("Mark Delaney", None, None)


def test_the_director_of_a_research_programme_is_an_expert(run):
    # the institution known by its initials says nothing; its programme does
    text = "Headline\n\nDina Ross, director of the Asia Program at HWI, said the plan will fail.\n"
    found = speaker(run, text, "plan will fail")
    assert (found.role, found.organisation, found.person_kind) == (
        "director of the Asia Program",
        "HWI",
        "expert",
    )
