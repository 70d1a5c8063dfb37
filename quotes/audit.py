"""An audit of the people and organisation tables, for a curator checking a whole corpus.

``audit_entities()`` reads both tables and returns plain data: counts by kind, suspected duplicates
(one person or organisation stored twice) and names that look like no person or organisation (a
headline's words, a dateline, a first name or common word alone, markup, an outlet stored as a person,
a person stored as an organisation, a group of people or a place). The checks read the names only;
they flag what a curator should look at and decide nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from django.db.models import Count

from quotes.extraction.lexicon import (
    FEMALE_FIRST_NAMES,
    HONORIFICS,
    MALE_FIRST_NAMES,
    ORG_NAME_WORDS,
    PLACE_WORDS,
)
from quotes.models import Organisation, OrganisationKind, Person, PersonKind
from quotes.storage import MOJIBAKE, NAME_PARTICLES, compatible_names, is_group_name

_MARKUP = re.compile(r"[<>=\[\]{}|\\\"“”]")
_INITIAL = re.compile(r"[A-Z]\.")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Words of outlets and websites: a "person" with one of them in the name is a publication.
OUTLET_WORDS = frozenset(
    {
        "news", "post", "times", "journal", "tribune", "herald", "gazette", "daily", "weekly", "magazine",
        "radio", "tv", "television", "network", "media", "press", "wire", "blog", "website", "online",
        "channel", "broadcasting", "review", "report", "politics", "fact", "facts", "dispatch", "observer",
        "chronicle", "courier", "telegraph", "monitor", "insider", "digest", "times-picayune",
    }
)  # fmt: skip
# The social networks and video sites quoted as sources; none is a person.
PLATFORM_WORDS = frozenset({"twitter", "facebook", "youtube", "instagram", "tiktok", "reddit", "linkedin"})
_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "those", "every", "everything", "everyone", "all", "some",
        "any", "no", "not", "if", "when", "while", "after", "before", "as", "so", "but", "and", "or", "yet",
        "say", "says", "said", "asked", "ask", "rival", "former", "late", "then", "now", "here", "there",
    }
)  # fmt: skip
_FIRST_NAMES = FEMALE_FIRST_NAMES | MALE_FIRST_NAMES
# The last words of places' names; a county, a city or a state may speak as its government, but then
# its name says so ("Marlow County Council").
_PLACE_LAST_WORDS = (PLACE_WORDS - ORG_NAME_WORDS - {"court", "hall", "state"}) | {"hill", "heights"}
# The verbs of headlines ("Minister Says", "Senator Slams"): no part of a name.
HEADLINE_VERBS = frozenset(
    {
        "says", "said", "tells", "told", "warns", "urges", "slams", "claims", "asks", "vows", "calls",
        "sees", "blasts", "rips", "hits", "denies", "admits", "insists", "reveals", "defends", "backs",
    }
)  # fmt: skip


@dataclass
class Flag:
    kind: str  # "person" | "organisation"
    id: int
    name: str
    reason: str


@dataclass
class Duplicate:
    kind: str
    ids: list[int]
    names: list[str]
    reason: str


@dataclass
class EntityAudit:
    people: int = 0
    organisations: int = 0
    people_by_kind: dict[str, int] = field(default_factory=dict)
    organisations_by_kind: dict[str, int] = field(default_factory=dict)
    people_named_by_kind: dict[str, list[str]] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    junk: list[Flag] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def junk_by_reason(self) -> dict[str, int]:
        return dict(Counter(flag.reason for flag in self.junk).most_common())


def _words(name: str) -> list[str]:
    return name.split()


def _bare(name: str) -> list[str]:
    """The name's words without honorifics."""
    return [w for w in name.split() if w.lower().rstrip(".") not in HONORIFICS]


def person_name_problem(name: str, *, organisation_names: frozenset[str] = frozenset()) -> str | None:
    """Why a person's name looks like no person's, or None."""
    words = _words(name)
    if not words:
        return "empty name"
    lower = [w.lower().strip(".,'’") for w in words]
    if _MARKUP.search(name):
        return "markup in the name"
    if MOJIBAKE.search(unicodedata.normalize("NFC", name)):
        return "encoding damage"
    if any(w[0].islower() and w.lower() not in NAME_PARTICLES for w in words):
        return "lower-case word: a fragment, not a name"
    if any(w in PLATFORM_WORDS for w in lower) or any(w in OUTLET_WORDS for w in lower):
        return "outlet or website stored as a person"
    if any(w.lower() in ORG_NAME_WORDS for w in words[1:]) and not any(_INITIAL.fullmatch(w) for w in words):
        return "organisation's word in a person's name"
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 5:
        return "acronym: an organisation stored as a person"
    if name.isupper() and len(name.replace(" ", "")) >= 6:
        return "capitals: a dateline or heading"
    if lower[0] in _FUNCTION_WORDS or (lower[0].endswith("ing") and len(words) == 2):
        return "sentence or headline word before the name"
    if any(w in HEADLINE_VERBS for w in lower[1:]):
        return "headline fragment: a verb in the name"
    if name.lower() in organisation_names:
        return "an organisation's name stored as a person"
    if len(words) == 1 and lower[0] in _FIRST_NAMES:
        return "first name alone"
    return None


def organisation_name_problem(name: str, *, person_names: set[str], surnames: set[str]) -> str | None:
    """Why an organisation's name looks like no organisation's, or None."""
    words = _words(name)
    if not words:
        return "empty name"
    lower = [w.lower().strip(".,'’") for w in words]
    if _MARKUP.search(name):
        return "markup in the name"
    if words[0][0].islower() and not words[0][1:2].isupper():
        return "lower-case word: a fragment, not a name"
    if name.lower() in person_names or (len(words) == 1 and name.lower() in surnames):
        return "a person's name stored as an organisation"
    if _person_shaped(words):
        return "a person's name stored as an organisation"
    if len(words) == 1 and name.isupper() and len(name) >= 6:
        return "capitals: a dateline or heading"
    if lower[0] in _FUNCTION_WORDS or any(w in HEADLINE_VERBS for w in lower):
        return "sentence or headline word in the name"
    if (
        len(words) > 2
        and lower[-2] in ORG_NAME_WORDS | OUTLET_WORDS
        and lower[-1] in surnames
        and lower[-1] not in ORG_NAME_WORDS | OUTLET_WORDS
    ):
        return "a person's name run into an organisation's"
    if is_group_name(name):
        return "a group of people, not a body"
    # "Castle Hill", "Marlow County": a place's last word after a name ("The Hill", a paper, is no place)
    if (
        len(words) > 1
        and lower[0] != "the"
        and lower[-1] in _PLACE_LAST_WORDS
        and not any(w in ORG_NAME_WORDS for w in lower)  # "University of X at Chapel Hill"
    ):
        return "a place, not a body"
    return None


def _person_shaped(words: list[str]) -> bool:
    if not 2 <= len(words) <= 4 or any(w.lower().strip(".") in ORG_NAME_WORDS for w in words):
        return False
    if not all(w[:1].isupper() for w in words):
        return False
    return (
        any(_INITIAL.fullmatch(w) for w in words[1:-1])
        or (len(words) >= 3 and words[-1].lower() in _SUFFIXES)
        or (len(words) == 2 and re.fullmatch(r"[A-Z][a-z]+-[A-Z][a-z]+", words[0]) is not None)
    )


def _surname(name: str) -> str:
    bare = _bare(name)
    return re.sub(r"[’']", "'", bare[-1]).lower() if bare else ""


def person_duplicates(people: list[tuple[int, str, list[str]]]) -> list[Duplicate]:
    """People who may be one: same surname and compatible given names, a surname alone where one
    person has it, or one's alias is the other's name."""
    by_surname: dict[str, list[tuple[int, str, list[str]]]] = defaultdict(list)
    for row in people:
        by_surname[_surname(row[1])].append(row)
    found: list[Duplicate] = []
    seen: set[tuple[int, int]] = set()

    def add(a, b, reason):
        key = (min(a[0], b[0]), max(a[0], b[0]))
        if key not in seen:
            seen.add(key)
            found.append(Duplicate("person", [a[0], b[0]], [a[1], b[1]], reason))

    for rows in by_surname.values():
        full = [r for r in rows if len(_bare(r[1])) > 1]
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                ta, tb = _bare(a[1]), _bare(b[1])
                if len(ta) > 1 and len(tb) > 1 and compatible_names(ta, tb):
                    add(a, b, "same surname, compatible given names")
                elif (len(ta) == 1) != (len(tb) == 1) and len(full) == 1:
                    add(a, b, "surname alone and the only full name with it")
    names = {r[1].lower(): r for r in people}
    for row in people:
        for alias in row[2]:
            other = names.get(alias.lower())
            if other is not None and other[0] != row[0]:
                add(row, other, "one's alias is the other's name")
    return found


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _squashed(name: str) -> str:
    name = name.lower()
    name = name[4:] if name.startswith("the ") else name
    return re.sub(r"[^a-z0-9]", "", name)


def organisation_duplicates(organisations: list[tuple[int, str, list[str]]]) -> list[Duplicate]:
    """Organisations that may be one: the same name but for case, "the" and punctuation ("S.E.C",
    "SEC"), or one is the initials of the other ("ABC", "Alpha Beta Council")."""
    found: list[Duplicate] = []
    by_squashed: dict[str, list] = defaultdict(list)
    for row in organisations:
        by_squashed[_squashed(row[1])].append(row)
    for rows in by_squashed.values():
        if len(rows) > 1:
            found.append(
                Duplicate(
                    "organisation", [r[0] for r in rows], [r[1] for r in rows], "same name but for form"
                )
            )
    acronyms = {r[1]: r for r in organisations if r[1].isupper() and " " not in r[1]}
    for row in organisations:
        initials = _initials(row[1])
        if len(row[1].split()) >= 2 and initials in acronyms and acronyms[initials][0] != row[0]:
            other = acronyms[initials]
            found.append(Duplicate("organisation", [other[0], row[0]], [other[1], row[1]], "initials"))
    return found


def audit_entities() -> EntityAudit:
    """The audit of the whole people and organisation tables."""
    audit = EntityAudit()
    people = [
        (p.pk, p.name, [a.name for a in p.aliases.all()], p.kind)
        for p in Person.objects.prefetch_related("aliases").order_by("name", "pk")
    ]
    organisations = [
        (o.pk, o.name, [a.name for a in o.aliases.all()], o.kind)
        for o in Organisation.objects.prefetch_related("aliases").order_by("name", "pk")
    ]
    audit.people, audit.organisations = len(people), len(organisations)
    people_counts = dict(Person.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    audit.people_by_kind = {kind: people_counts.get(kind, 0) for kind in PersonKind.values}
    organisation_counts = dict(Organisation.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    audit.organisations_by_kind = {kind: organisation_counts.get(kind, 0) for kind in OrganisationKind.values}
    audit.people_named_by_kind = {
        kind: [name for _, name, _, k in people if k == kind] for kind in PersonKind.values
    }
    audit.duplicates = person_duplicates([row[:3] for row in people]) + organisation_duplicates(
        [row[:3] for row in organisations]
    )
    organisation_names = frozenset(name.lower() for _, name, _, _ in organisations)
    for pk, name, _, _ in people:
        reason = person_name_problem(name, organisation_names=organisation_names)
        if reason:
            audit.junk.append(Flag("person", pk, name, reason))
    person_names = {name.lower() for _, name, _, _ in people} | {
        alias.lower() for _, _, aliases, _ in people for alias in aliases if len(alias.split()) > 1
    }
    # surnames of people with a full name: a one-word organisation by that word is the person
    surnames = {_surname(name) for _, name, _, _ in people if len(_bare(name)) > 1}
    for pk, name, _, _ in organisations:
        reason = organisation_name_problem(name, person_names=person_names, surnames=surnames)
        if reason:
            audit.junk.append(Flag("organisation", pk, name, reason))
    return audit
