"""Storage's name lookups go through the lower(name) indexes and still ignore case, by name or by alias."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes.models import Organisation, OrganisationAlias, Person, PersonAlias
from quotes.storage import named, people_with_surnames


@pytest.fixture
def names(db):
    gabuev = Person.objects.create(name="Alexander Gabuev", slug="alexander-gabuev")
    PersonAlias.objects.create(person=gabuev, name="Sasha Gabuev")
    ozil = Person.objects.create(name="Özil Kaya", slug="ozil-kaya")
    kremlin = Organisation.objects.create(name="Kremlin", slug="kremlin")
    OrganisationAlias.objects.create(organisation=kremlin, name="the Russian presidency")
    return gabuev, ozil, kremlin


def test_people_by_name_or_alias_in_any_case(names):
    gabuev, ozil, _ = names
    assert named(Person, "alexander GABUEV") == [gabuev]
    assert named(Person, "sasha gabuev") == [gabuev]
    assert named(Person, "Özil Kaya") == [ozil]
    assert named(Person, "Gabuev") == []


def test_a_name_shared_by_a_person_and_an_alias_counts_each_person_once(names):
    gabuev, ozil, _ = names
    PersonAlias.objects.create(person=ozil, name="Alexander Gabuev")
    PersonAlias.objects.create(person=gabuev, name="alexander gabuev")
    assert named(Person, "Alexander Gabuev") == sorted([gabuev, ozil], key=lambda person: person.pk)


def test_organisations_by_name_or_alias(names):
    *_, kremlin = names
    assert named(Organisation, "kremlin") == [kremlin]
    assert named(Organisation, "The Russian Presidency") == [kremlin]


def test_the_lookup_reads_the_lower_name_index(names):
    with CaptureQueriesContext(connection) as captured:
        named(Person, "Alexander Gabuev")
    sql = captured.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")  # tiny tables: make the planner show its choice
            cursor.execute("EXPLAIN " + sql)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "person_name_lower_idx" in plan


@pytest.fixture
def lind_and_others(db):
    def someone(name, *aliases):
        stored = Person.objects.create(name=name, slug=name.lower().replace(" ", "-").replace(",", ""))
        PersonAlias.objects.bulk_create([PersonAlias(person=stored, name=alias) for alias in aliases])
        return stored

    return {
        "ana": someone("Ana Lind"),
        "jr": someone("Bo Lind Jr."),
        "iii": someone("Cy LIND, III"),
        "bare": someone("lind"),
        "alias": someone("Dee Holm", "Dr Lind"),
        "alias_alone": someone("Eve Sand", "Lind"),
        "family_first": someone("Lind Min-ho"),
        "given_first": someone("Lind Ana"),  # "Lind" its given name: no Lind
        "longer": someone("Fay Lindqvist", "Dr Lindqvist"),
        "underscore": someone("Gus L_nd"),
        "percent": someone("Hal 50%"),
        "fifty": someone("Ida 500"),
    }


def test_people_by_surname_as_the_orm_would_find_them(lind_and_others):
    people = lind_and_others
    found = people_with_surnames({"Lind", "l_nd", "50%", "Nobody"})
    by_pk = sorted(
        ["ana", "jr", "iii", "bare", "alias", "alias_alone", "family_first"], key=lambda k: people[k].pk
    )
    assert found["Lind"] == [people[key] for key in by_pk]
    # "_" and "%" are the characters themselves, no wildcards
    assert found["l_nd"] == [people["underscore"]]
    assert found["50%"] == [people["percent"]]
    assert found["Nobody"] == []
    # One query for them all, whatever their number
    with CaptureQueriesContext(connection) as captured:
        people_with_surnames({f"Name{number}" for number in range(20)})
    assert len(captured.captured_queries) == 1


def test_a_surname_finds_it_joined_to_a_particle_by_a_hyphen(db):
    al = Person.objects.create(name="Jo al-Lind", slug="jo-al-lind")
    el = Person.objects.create(name="Kai El-Lind", slug="kai-el-lind")
    Person.objects.create(name="Kit Berg-Lind", slug="kit-berg-lind")  # two surnames, no particle
    Person.objects.create(name="Uma Kendal-Lind", slug="uma-kendal-lind")  # "al-" ends a surname here
    assert people_with_surnames({"Lind"})["Lind"] == [al, el]
