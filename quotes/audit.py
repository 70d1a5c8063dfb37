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
from functools import lru_cache

from django.conf import settings
from django.db.models import Count

from articles.models import Article, Publication
from quotes.extraction.lexicon import (
    FEMALE_FIRST_NAMES,
    GROUP_NOUNS,
    HONORIFICS,
    HUMAN_NOUNS,
    LAW_WORDS,
    MALE_FIRST_NAMES,
    ORG_NAME_WORDS,
    PLACE_WORDS,
    PORTFOLIOS,
    TITLES,
    US_STATES,
)
from quotes.extraction.names import not_a_person
from quotes.models import Organisation, OrganisationKind, Person, PersonKind, Quote
from quotes.storage import (
    MOJIBAKE,
    compatible_names,
    double_surname,
    initials_of,
    is_group_name,
    is_particle,
    split_suffix,
)

_MARKUP = re.compile(r"[<>=\[\]{}|\\\"“”]")
_INITIAL = re.compile(r"[A-Z]\.")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Words of outlets and websites: a "person" with one of them in the name is a publication.
OUTLET_WORDS = frozenset(
    {
        "news", "post", "times", "journal", "tribune", "herald", "gazette", "daily", "weekly", "magazine",
        "radio", "tv", "television", "network", "media", "press", "wire", "blog", "website", "online",
        "channel", "broadcasting", "review", "report", "politics", "fact", "facts", "dispatch", "observer",
        "chronicle", "courier", "telegraph", "monitor", "insider", "digest", "times-picayune", "poll",
        "journalism", "edition",
    }
)  # fmt: skip
_OUTLET_ENDINGS = frozenset(w for w in OUTLET_WORDS if len(w) >= 4 and "-" not in w)
# The social networks and video sites quoted as sources; none is a person.
PLATFORM_WORDS = frozenset({"twitter", "facebook", "youtube", "instagram", "tiktok", "reddit", "linkedin"})
_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "those", "every", "everything", "everyone", "all", "some",
        "any", "no", "not", "if", "when", "while", "after", "before", "as", "so", "but", "and", "or", "yet",
        "say", "says", "said", "asked", "ask", "rival", "former", "late", "then", "now", "here", "there",
        "team", "top", "grandpa", "grandma", "granny", "uncle", "auntie", "girl", "boy", "dear", "poor",
    }
)  # fmt: skip
_FIRST_NAMES = FEMALE_FIRST_NAMES | MALE_FIRST_NAMES
GROUP_NOUN_WORDS = frozenset(GROUP_NOUNS)
# The last words of places' names; a county, a city or a state may speak as its government, but then
# its name says so ("Marlow County Council").
_PLACE_LAST_WORDS = (PLACE_WORDS - ORG_NAME_WORDS - {"court", "hall", "state"}) | {"hill", "heights"}
# The last words of a role written in title case ("Harbour Board Doctor"); a first name before them makes
# them a surname ("Ana King", "Tom Doctor").
_ROLE_WORDS = (HUMAN_NOUNS | TITLES) - {"first", "state", "crown", "lady", "acting", "former"}
# Damage left after a repair: a lone "Ã" or "Â" before a lower-case letter or at the end ("RaÃol", "KÃ").
_DAMAGE = re.compile(r"[ÃÂ](?=[a-z]|$|\s)")
# A headline's verb at the end of a title-case name ("Ana Lind Responds", "Ana Lind Explained").
_HEADLINE_VERB = re.compile(r"[A-Z][a-z]+(?:ed|onds|ains|ies|ects|ounces|eals)")
# Function words that only a title-case headline writes in capitals inside a name.
_CAPITALISED_FUNCTION_WORDS = frozenset(
    {"To", "The", "Of", "On", "In", "For", "And", "A", "With", "Its", "Is", "Are"}
)
_TRAILING_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "to", "in", "on", "at", "a", "-", "–"})
# The last words of bodies' names that no person's name ends in.
_BODY_LAST_WORDS = frozenset({"pac", "campaign", "coalition", "caucus"})
# Days and months: a date's word, no one's name.
_CALENDAR = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "june", "july", "august", "september", "october", "november", "december",
    }
)  # fmt: skip
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# Titles that a person's name left behind as an organisation's ("Harbour Navy Capt", "Rep").
_TITLE_WORDS = TITLES - ORG_NAME_WORDS - {
    "defence", "defense", "finance", "health", "interior", "foreign", "first", "state", "crown", "opposition",
    "acting", "former", "prime", "vice", "deputy", "general", "justice", "speaker", "chief", "leader",
}  # fmt: skip
_TITLE_WORDS |= {"vp", "ceo", "cfo", "coo"}  # a title's initials ("VP") are no body either
# Nouns of occupations written before a name ("Filmmaker", "Treasurer", "Assemblywoman").
_ROLE_NOUNS = frozenset(
    {
        "filmmaker", "treasurer", "assemblyman", "assemblywoman", "councilman", "councilwoman", "spokesman",
        "spokeswoman", "author", "actor", "actress", "singer", "pastor", "reverend", "rev", "attorney",
        "coach", "sheriff", "comptroller", "auditor", "trustee", "alderman", "delegate",
        "candidate", "businessman", "businesswoman", "columnist", "host", "anchor", "reporter",
        "correspondent", "editor",
    }
)  # fmt: skip
# What only a cut phrase has inside a name: a dash set off by spaces, two function words together, a
# possessive pronoun.
_FRAGMENT = re.compile(r"\s[-–—]\s|\b(?:the|a|an) (?:and|of|for|the)\b|\b(?:its|his|her|their|our)\b")
# "D-Ohio", "R-Marlow County": a lawmaker's party and state or district, written after the name.
_PARTY_AND_PLACE = re.compile(r"[DRI]-[A-Z]")
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
    organisations_named_by_kind: dict[str, list[str]] = field(default_factory=dict)
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


# What a name's problem says to storage: a name that is no person's nor any body's is stored as nobody
# (the quotation keeps the speaker as mentioned); a person's that is an organisation's is stored as one.
DATE = "a day or a month, not a name"
TITLE_ALONE = "a title alone, not a name"
HEADLINE = "headline fragment: a verb in the name"
HEADLINE_WORDS = "headline fragment: a function word in capitals"
CUT = "a cut name: it ends in a function word or an open bracket"
ROLE = "a role, not a name"
ROLE_IN_NAME = "a role written into the name"
FIRST_NAME = "first name alone"
OUTLET = "outlet or website stored as a person"
ORGANISATION_WORD = "organisation's word in a person's name"
ACRONYM = "acronym: an organisation stored as a person"
TWO_BODIES = "two bodies named as one"
PERSON_AS_ORGANISATION = "a person's name stored as an organisation"
PLACE = "a place, not a body"
RUN_INTO = "a person's name run into an organisation's"
GROUP = "a group of people, not a body"
PLURAL = "a plural noun: people, not a person"
MEMBER = "a member's word (a party's, a people's), not a body"
PORTFOLIO = "a portfolio or a field alone, not a body's name"
LAW = "a law or a treaty, not a body"
COMMON_WORD = "a common word alone, not a name"
COMMON_WORDS = "common words and no given name: a body's or a place's name"
TOWN = "a city or a town, as its articles write it"
ORGANISATION_IN_NAME = "an organisation's name after a word: no person's"
PROGRAMME = "a programme, a law or a treaty, as its articles write it"
CUT_IN_TEXT = "a cut name: its articles write it only inside a longer one"
NOT_A_PERSON = frozenset(
    {
        "markup in the name", "encoding damage", "lower-case word: a fragment, not a name",
        "capitals: a dateline or heading", "sentence or headline word before the name", HEADLINE,
        HEADLINE_WORDS, FIRST_NAME, ROLE, DATE, TITLE_ALONE, CUT, PLURAL, COMMON_WORD, COMMON_WORDS, TOWN,
        ORGANISATION_IN_NAME,
    }
)  # fmt: skip
AN_ORGANISATION = frozenset({OUTLET, ORGANISATION_WORD, ACRONYM})
NO_BODY = frozenset(
    {
        "markup in the name", "lower-case word: a fragment, not a name",
        "sentence or headline word in the name", "a party and a place (a lawmaker's D-Ohio), not a body",
        GROUP, DATE, TITLE_ALONE, HEADLINE_WORDS, CUT, ROLE_IN_NAME, PLACE, TWO_BODIES, RUN_INTO,
        PERSON_AS_ORGANISATION, MEMBER, PORTFOLIO, LAW, TOWN, PROGRAMME, CUT_IN_TEXT,
    }
)  # fmt: skip


def person_name_problem(
    name: str,
    *,
    organisation_names: frozenset[str] = frozenset(),
    surnames: frozenset[str] | set[str] = frozenset(),
    aliases: tuple[str, ...] | list[str] = (),
    described: bool = False,
) -> str | None:
    """Why a person's name looks like no person's, or None.

    surnames: the last words of people's full names, which a word alone may be ("Cook"); aliases: the
    person's other names ("Mr. Cook", "Ana Cook"); described: a role or a kind says it is a person.
    """
    words = _words(name)
    if not words:
        return "empty name"
    lower = [w.lower().strip(".,'’") for w in words]
    bare = [w.lower().strip(".,'’") for w in _bare(name)]
    if _MARKUP.search(name):
        return "markup in the name"
    if MOJIBAKE.search(unicodedata.normalize("NFC", name)) or _DAMAGE.search(name):
        return "encoding damage"
    if not bare:
        return TITLE_ALONE
    if any(w[0].islower() and not is_particle(w) for w in words):
        return "lower-case word: a fragment, not a name"
    if any(w in PLATFORM_WORDS for w in lower) or any(w in OUTLET_WORDS for w in lower):
        return OUTLET
    if len(words) == 1 and any(lower[0].endswith(w) and len(lower[0]) >= len(w) + 3 for w in _OUTLET_ENDINGS):
        return OUTLET  # "Harbourfact", "ValleyPost": an outlet's word run into its name
    # ("Harbour Committees": an organisation's word in the plural too)
    if any(w in ORG_NAME_WORDS or w.removesuffix("s") in ORG_NAME_WORDS for w in lower[1:]) and (
        lower[-1] in ORG_NAME_WORDS or not any(_INITIAL.fullmatch(w) for w in words)
    ):
        return ORGANISATION_WORD
    if len(name.replace(".", "").strip()) == 1:
        return CUT  # "X": a letter alone, cut from a name ("Wealth-X")
    if len(words) > 1 and lower[-1] in _BODY_LAST_WORDS:
        return ORGANISATION_WORD  # "Principles Pac", "Harbour Rights Campaign"
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 5:
        return ACRONYM
    if len(words) == 1 and not_a_person(words[0]):
        return OUTLET
    if name.isupper() and len(name.replace(" ", "")) >= 6:
        return "capitals: a dateline or heading"
    if lower[0] in _FUNCTION_WORDS or (lower[0].endswith("ing") and len(words) == 2):
        return "sentence or headline word before the name"
    if any(w in HEADLINE_VERBS for w in lower[1:]) or (
        len(words) > 2 and _HEADLINE_VERB.fullmatch(words[-1])
    ):
        return HEADLINE
    if any(w in _CAPITALISED_FUNCTION_WORDS for w in words[1:]):
        return HEADLINE_WORDS
    if len(words) > 2 and any(_verb_only(w) for w in words[1:-1]):
        return HEADLINE  # "Harbour Cash Debunks Lind": a title-case headline's verb
    if len(bare) == 2 and bare[1] in surnames and _epithet(bare[0]):
        return "sentence or headline word before the name"  # "Absent Lind", Lind named in full elsewhere
    if (len(words) == 1 and lower[0] in _CALENDAR) or lower[-1] in _WEEKDAYS:
        return DATE  # "Saturday", "Super Tuesday" ("April Lind" is a name)
    if name.lower() in organisation_names:
        return "an organisation's name stored as a person"
    if len(words) > 2 and any(" ".join(lower[i:]) in organisation_names for i in range(1, len(words) - 1)):
        return ORGANISATION_IN_NAME  # "Obama White House"
    if len(words) == 1 and lower[0] in _FIRST_NAMES:
        return FIRST_NAME
    if len(words) == 1 and lower[0] not in surnames:
        word_problem = _word_alone(lower[0], surnames=surnames)
        if word_problem == PLURAL or (word_problem and not described and not named_so(name, aliases)):
            return word_problem
    if len(bare) > 1 and bare[-1] in _ROLE_WORDS and not any(w in _FIRST_NAMES for w in bare[:-1]):
        # "Harbour Board Doctor", "Former City Chief": a title-case role, not a name ("Ana King" is one)
        return ROLE
    if len(bare) > 2 and any(w in _ROLE_WORDS | _ROLE_NOUNS for w in bare[:-2]):
        # "Harbour Mayor Ana Lind", "Filmmaker Ana Lind": the role belongs to the role field
        return ROLE_IN_NAME
    if len(bare) > 1 and len(bare[-1]) == 1:
        return CUT  # "Ana L": the surname cut off
    if len(bare) > 1 and not described and _common_words(bare) and not _called_by_surname(bare, aliases):
        return COMMON_WORDS  # "Bright Margin", "Free Lantern": an outlet, a group, a place
    return None


def organisation_name_problem(
    name: str, *, person_names: set[str], surnames: set[str], organisation_names: frozenset[str] = frozenset()
) -> str | None:
    """Why an organisation's name looks like no organisation's, or None."""
    words = _words(name)
    if not words:
        return "empty name"
    lower = [w.lower().strip(".,'’") for w in words]
    if _MARKUP.search(name) or name.count("(") != name.count(")"):
        return "markup in the name"
    if not words[0][0].isalnum():
        return "lower-case word: a fragment, not a name"
    if words[0][0].islower() and not words[0][1:2].isupper():
        return "lower-case word: a fragment, not a name"
    if _FRAGMENT.search(name):
        return CUT  # "Harbour Trust - half", "Harbour Fund and the and", "Lind its Harbour"
    if _PARTY_AND_PLACE.match(name):
        return "a party and a place (a lawmaker's D-Ohio), not a body"
    if lower[-1] in _TRAILING_FUNCTION_WORDS:
        return CUT
    if name.lower() in person_names or (len(words) == 1 and name.lower() in surnames):
        return PERSON_AS_ORGANISATION
    if _person_shaped(words):
        return PERSON_AS_ORGANISATION
    if (
        len(words) == 2
        and lower[0] in _FIRST_NAMES
        and re.fullmatch(r"[A-Z][a-z'’]+", words[1]) is not None
        and lower[1] not in ORG_NAME_WORDS | OUTLET_WORDS
    ):
        return PERSON_AS_ORGANISATION  # "Ana Lind": a first name and a surname
    if len(words) == 1 and lower[0] in _FIRST_NAMES and not country(name):
        return PERSON_AS_ORGANISATION  # "Sophie" ("Jordan" is a country too)
    if re.search(r"['’]s? ", name) and _person_after(name.split("'s ")[-1].split("’s ")[-1]):
        return RUN_INTO  # "Harbour Daily's Ana Lind"
    if " of " in name and _person_after(name.split(" of ")[0]) and len(name.split(" of ")[0].split()) == 2:
        return RUN_INTO  # "Ana Lind of Harbour Trust"
    if len(words) == 1 and name.isupper() and len(name) >= 7 and name.isalpha():
        return "capitals: a dateline or heading"
    if lower[0] in _FUNCTION_WORDS or any(w in HEADLINE_VERBS for w in lower):
        return "sentence or headline word in the name"
    if any(w in _CAPITALISED_FUNCTION_WORDS - {"For", "With", "And", "In"} for w in words[1:]):
        return HEADLINE_WORDS
    if len(words) == 1 and lower[0] in _CALENDAR:
        return DATE
    if (
        len(words) > 2
        and lower[-2] in ORG_NAME_WORDS | OUTLET_WORDS
        and lower[-1] in surnames
        and lower[-1] not in ORG_NAME_WORDS | OUTLET_WORDS
    ):
        return RUN_INTO
    if is_group_name(name) or _plural_people(name):
        return GROUP
    if name.lower() in US_STATES:
        return PLACE  # "Marlow said", where Marlow is a state: its government's body has a name
    if len(words) == 1 and _member_word(lower[0]):
        return MEMBER  # "Democrat", "Ruritanian": one of a party or a people
    if len(words) == 1 and (singular := _singular(lower[0], dictionary()[0])) and _member_word(singular):
        return GROUP  # "Ruritanians", "Tories": members of a people or a party ("Teamsters" is a union)
    if len(words) == 1 and lower[0] in PORTFOLIOS:
        return PORTFOLIO
    if len(words) > 1 and lower[-1] in LAW_WORDS:
        return LAW
    if lower[-1] in _TITLE_WORDS and " of " not in name and len(words) <= 3:
        return ROLE_IN_NAME  # "Harbour Navy Capt", "Rep"
    if " and " in name or " & " in name:
        parts = re.split(r" and | & ", name)
        halves = name.split(" and ")
        if len(halves) == 2 and all(is_group_name(h) for h in halves):
            return GROUP  # "Ruritanians and Valdorans"
        if (len(parts) == 2 and all(p.lower() in organisation_names or _named_body(p) for p in parts)) or (
            len(halves) == 2
            and (
                halves[0].lower() == halves[1].lower()  # "Harbour & Co and Harbour & Co"
                # "Valdora and Estmark": two one-word names ("Procter & Gamble" is one)
                or all(re.fullmatch(r"[A-Z][\w.'’-]+", h) for h in halves)
            )
        ):
            return TWO_BODIES
    # "Castle Hill", "Marlow County": a place's last word after a name ("The Hill", a paper, is no place)
    if (
        len(words) > 1
        and lower[0] != "the"
        and lower[-1] in _PLACE_LAST_WORDS
        and not any(w in ORG_NAME_WORDS for w in lower)  # "University of X at Chapel Hill"
    ):
        return PLACE
    return None


# What the text says of a name that no name shows: a city or a town ("Marlow, Ore.", "the mayor of
# Marlow", "a rally in Marlow") or a programme, a law or a treaty ("Harbourcare for all", "repeal
# Harbourcare", "after Nafta came into force"). A country may speak as its government: only the words
# that no country takes ("Marlow, Ore.", "the streets of Marlow") count for a name the dictionary gives
# a people's adjective ("Ruritania", "Ruritanian").
_STATE_ABBREVIATIONS = (
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|"
    r"N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|Tenn|Tex|Vt|Va|Wash|W\.Va|Wis|Wyo|D\.C"
)
_STATE_AFTER = (
    r",\s+(?:(?:"
    + _STATE_ABBREVIATIONS
    + r")\.|(?:"
    + "|".join(s.title().replace(" Of ", " of ") for s in sorted(US_STATES))
    + r")(?!\w))"
)
_TOWN_OF = (
    r"\b(?:[Cc]ity|[Tt]own|[Vv]illage|[Ss]uburbs?|[Mm]ayor|[Oo]utskirts|[Ss]treets|[Dd]owntown|[Tt]erritory|"
    r"[Rr]esidents|[Nn]eighbou?rhoods?) of "
)
_HAPPENED_IN = (
    r"\b(?i:rally|rallies|crowd|people|residents|voters|shooting|attack|attacks|protests?|government|"
    r"authorities|mosque|church|school|downtown) (?:in|from|near) "
)
# "Marlow in upstate New York": a town in a state
_IN_STATE = (
    r",? in (?:[A-Za-z]+ )?(?:"
    + "|".join(s.title().replace(" Of ", " of ") for s in sorted(US_STATES))
    + r")(?!\w)"
)
_PROGRAMME_AFTER = (
    r"(?:[- ]for[- ]all\b|\s+(?:benefits|beneficiaries|recipients|enrollees|premiums|trust fund|waivers?|"
    r"came into (?:force|effect)|comes into (?:force|effect)|took effect|takes effect)\b|"
    r"\s+(?:is|was) (?:a|an|the) (?:[\w-]+ ){0,3}(?:law|program|programme|treaty|act)\b)"
)
_PROGRAMME_BEFORE = (
    r"\b(?:[Rr]epeal|[Rr]epealing|[Rr]epealed|[Rr]enegotiate|[Rr]enegotiating|[Rr]enegotiated|[Ss]crap|"
    r"[Ss]crapping|[Ss]crapped|[Rr]atified|[Ee]nacted) (?:the )?"
)
_BODY_AFTER = r"(?:['’]s)?\s+(?:said|says|spokesman|spokeswoman|spokesperson|officials?|announced|told)\b"


def country(name: str) -> bool:
    """A name the dictionary gives a people's adjective: "Ruritania" ("ruritanian"), "Valdor"
    ("valdorese")."""
    _, others = dictionary()
    low = name.lower()
    stems = {low, low[:-1]} if low[-1:] in "aeiouy" else {low}
    return any(f"{stem}{end}" in others for stem in stems for end in ("n", "an", "ian", "ese", "ish", "i"))


def _written(name: str, before: str, after: str, text: str) -> bool:
    return re.search(before + re.escape(name) + r"(?![\w-])" + after, text) is not None


def town_in_text(name: str, text: str) -> bool:
    """Whether the text writes the name as a city's or a town's: "Marlow, Ore.", "the streets of Marlow",
    a dateline ("MARLOW —"), "a rally in Marlow" (a country's name only by the first two)."""
    words = {w.lower() for w in name.split()}
    if (
        not name
        or not text
        or words & (ORG_NAME_WORDS | OUTLET_WORDS)
        or _written(name, "", _BODY_AFTER, text)
    ):
        return False
    if _written(name, r"\b", _STATE_AFTER, text) or _written(name, _TOWN_OF, "", text):
        return True
    if _written(name, r"\b(?:of|from|in) ", _IN_STATE, text):
        return True  # "of Marlow in upstate New York" ("the Harbour Trust in Ohio" is a body's office)
    if re.search(rf"(?m)^{re.escape(name.upper())}(?:,| [-–—(])", text) and len(name) > 2:
        return True
    return not country(name) and _written(name, _HAPPENED_IN, "", text)


def cut_in_text(name: str, text: str) -> bool:
    """Whether every time the text writes a name of two words or more, it is part of a longer one: a
    capitalised word after it ("Harbour Pilots" of "Harbour Pilots Guild"; not a title, "Harbour
    Trust Chairman Ana Lind") or a name joined before it ("Salt and Harbour Pilots", "Centers for
    Harbour Safety"; not "Ana Lind of Harbour Pilots")."""
    words = name.lower().split()
    if len(words) < 2 or not text or words[-1] in ORG_NAME_WORDS | OUTLET_WORDS | _BODY_LAST_WORDS:
        return False  # "Harbour News", "Harbour Pilots Committee": a body's name is whole
    found = False
    for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        found = True
        after = re.match(r" ([A-Z][\w’'-]*)", text[match.end() : match.end() + 40])
        before = re.search(
            r"([A-Z][\w’'-]*) (and|&|for|of|on) $", text[max(0, match.start() - 40) : match.start()]
        )
        if (
            before
            and before.group(2) not in ("and", "&")
            and before.group(1).lower().rstrip("s") not in ORG_NAME_WORDS
        ):
            before = (
                None  # "Ana Lind of Harbour Pilots": a person's body ("Centers for Harbour Safety" is cut)
            )
        if after and (role_word(after.group(1)) or after.group(1).lower() in _FIRST_NAMES):
            after = None  # "Harbour Trust Chairman Ana Lind", "Harbour Trust Ana Lind"
        if not after and not before:
            return False
    return found


def named_in_full_in_text(name: str, text: str) -> bool:
    """Whether the text writes a one-word name after a known given name ("Ana Lind"): a person's
    surname ("In Lind", "Great Lind" are none)."""
    if " " in name or not text:
        return False
    given = re.findall(rf"\b([A-Z][a-z]+) {re.escape(name)}\b(?![-’'])", text)
    return any(word.lower() in _FIRST_NAMES for word in given)


def programme_in_text(name: str, text: str) -> bool:
    """Whether the text writes the name as a programme's, a law's or a treaty's ("Harbourcare for all",
    "repeal Harbourcare", "after Nafta came into force"), and never as a body's ("Nafta said")."""
    if not name or not text or _written(name, "", _BODY_AFTER, text):
        return False
    return _written(name, r"\b", _PROGRAMME_AFTER, text) or _written(name, _PROGRAMME_BEFORE, "", text)


@lru_cache(maxsize=1)
def dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """The English nouns, and the adjectives and adverbs, of the spaCy model's lemmatizer (its WordNet
    index, shipped with the model): the common words a capitalised word alone may be. Empty without it."""
    import spacy.util
    from spacy.lookups import Lookups

    try:
        path = spacy.util.get_package_path(settings.QUOTES_SPACY_MODEL)
    except Exception:  # no model installed: no dictionary, no flag
        return frozenset(), frozenset()
    found = sorted(path.glob("*/lemmatizer/lookups")) or sorted(path.glob("lemmatizer/lookups"))
    if not found:
        return frozenset(), frozenset()
    index = Lookups().from_disk(found[0]).get_table("lemma_index")
    nouns = frozenset(index.get("noun", ()))
    others = frozenset(index.get("adj", ())) | frozenset(index.get("adv", ()))
    _VERBS.update(index.get("verb", ()))
    _ADVERBS.update(index.get("adv", ()))
    return nouns, others


_VERBS: set[str] = set()  # the dictionary's verbs and adverbs, read with the rest
_ADVERBS: set[str] = set()


def _verb_only(word: str) -> bool:
    """ "Debunks": a verb of the dictionary in the third person, and no noun ("Adams", "Waters" are)."""
    nouns, _ = dictionary()
    stem = word.lower()[:-1] if word.lower().endswith("s") else ""
    return bool(stem) and stem in _VERBS and stem not in nouns


def _singular(word: str, nouns: frozenset[str]) -> str | None:
    """ "aides" -> "aide", "attorneys" -> "attorney", "policies" -> "policy"; None for no plural."""
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return None
    if word.endswith("ies") and f"{word[:-3]}y" in nouns:
        return f"{word[:-3]}y"
    if word.endswith("es") and word[:-2] in nouns:
        return word[:-2]
    return word[:-1]


def _word_alone(word: str, *, surnames: frozenset[str] | set[str]) -> str | None:
    """What a one-word name that is nobody's surname is instead: a plural of a common noun or of a
    family's name ("Aides", "the Lindqvists"), a common word ("Correction", "Outlook"), or None."""
    nouns, others = dictionary()
    singular = _singular(word, nouns)
    if singular and (
        singular in surnames or singular in nouns or singular in HUMAN_NOUNS or singular in GROUP_NOUN_WORDS
    ):
        return PLURAL
    if word in nouns or word in others:
        return COMMON_WORD
    return None


# One member of a party ("GOP", "Labour" are the parties themselves).
_MEMBER_NOUNS = frozenset({"democrat", "republican", "independent", "tory", "libdem", "socialist"})


def _member_word(word: str) -> bool:
    """A word for one member of a party or a people: "Democrat", "Ruritanian" (a noun and an adjective of
    the dictionary, with a people's ending)."""
    if word in _MEMBER_NOUNS:
        return True
    nouns, others = dictionary()
    return word in nouns and word in others and word.endswith(("an", "ese", "ish", "ino", "ina", "i"))


def _common_words(words: list[str]) -> bool:
    """Every word of the dictionary (a noun maybe in the plural), none a first name, the first an
    adjective or a verb too."""
    nouns, others = dictionary()
    return (
        all(w in nouns or w in others or w in _VERBS or _singular(w, nouns) in nouns for w in words)
        and not any(w in _FIRST_NAMES for w in words)
        and (words[0] in others or words[0] in _VERBS)
    )


def _called_by_surname(words: list[str], aliases) -> bool:
    """An alias that calls the bearer by the last word alone or with an honorific ("Lind", "Ms. Lind"):
    a person's."""
    last = words[-1]
    for alias in aliases:
        split = [w.lower().strip(".,'’") for w in alias.split()]
        if split[-1:] == [last] and (len(split) == 1 or split[0] in HONORIFICS):
            return True
    return False


def _epithet(word: str) -> bool:
    """An adverb, or an adjective that is a verb too, of the dictionary, and no noun nor first name:
    "Absent", "Reportedly" (not "Curt", an adjective only, and a given name)."""
    nouns, others = dictionary()
    return (
        word in others
        and (word in _ADVERBS or word in _VERBS)
        and word not in nouns
        and word not in _FIRST_NAMES
    )


def place_or_body_word(word: str) -> bool:
    """ "County", "Committee": a place's or a body's last word, alone (its alias "Marlow County" is no
    given name)."""
    return word in PLACE_WORDS or word in ORG_NAME_WORDS
    return None


def named_so(name: str, aliases) -> bool:
    """Whether an alias shows the word to be a person's name: an honorific before it ("Ms. Cook") or
    a given name ("Ana Cook")."""
    word = name.lower()
    for alias in aliases:
        words = alias.split()
        if len(words) < 2 or words[-1].lower().strip(".,") != word or not words[-2][:1].isupper():
            continue
        before = words[-2].lower().strip(".,")
        # "Marlow County": a place's word after a name is no surname; "Ana Park" is one; "Perfect
        # Outlook": a word of the dictionary before it is no given name
        if before in HONORIFICS or before in _FIRST_NAMES:
            return True
        if not place_or_body_word(word) and given_name_word(words[-2]):
            return True
    return False


def given_name_word(word: str) -> bool:
    """A word that may be a given name before a surname: a known first name, an initial, or no word of
    the dictionary and no role ("Hacker", "Meanwhile" and "Mayor" are none)."""
    low = word.lower().strip(".,")
    if low in _FIRST_NAMES or _INITIAL.fullmatch(word):
        return True
    nouns, others = dictionary()
    if role_word(word) or low in others:
        return False
    # a noun of an occupation ("Hacker", "Trader"); other nouns may be given names ("Ana", "Ivy")
    return not (low in nouns and low.endswith(("er", "or", "ist", "ian")))


def role_word(word: str) -> bool:
    """A title or an occupation written before a name ("Mayor", "Filmmaker")."""
    return word.lower().strip(".,'’") in _ROLE_WORDS | _ROLE_NOUNS


def _named_body(words: str) -> bool:
    """A body's name by its form: initials ("HTA"), or two words or more with a body's word ("Valley
    Post", "Harbour Department")."""
    split = words.split()
    if len(split) == 1:
        return re.fullmatch(r"(?:[A-Z]\.?){2,6}", words) is not None
    return any(w.lower() in ORG_NAME_WORDS | OUTLET_WORDS for w in split)


def _person_after(text: str) -> bool:
    """A first name and a surname: "Ana Lind", "Ana R. Lind"."""
    words = text.split()
    return (
        2 <= len(words) <= 3
        and words[0].lower() in _FIRST_NAMES
        and all(w[:1].isupper() for w in words)
        and re.fullmatch(r"[A-Z][a-z'’]+", words[-1]) is not None
        and words[-1].lower() not in ORG_NAME_WORDS | OUTLET_WORDS
    )


def _plural_people(name: str) -> bool:
    """ "Ruritanian-Americans": people of a nation, written in the plural."""
    return re.fullmatch(r"(?:[A-Z][a-z]+-)+[A-Z][a-z]+ans", name) is not None


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
    bare = split_suffix(_bare(name))[0]
    return re.sub(r"[’']", "'", _folded(bare[-1])).lower() if bare else ""


def _folded(text: str) -> str:
    """Without accents: "Calderón" and "Calderon" are one name in two typographies."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


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
                ta, tb = _bare(_folded(a[1])), _bare(_folded(b[1]))
                if len(ta) > 1 and len(tb) > 1 and compatible_names(ta, tb):
                    add(a, b, "same surname, compatible given names")
                elif len(ta) > 1 and len(tb) > 1 and _short_form(ta, tb):
                    add(a, b, "same surname, one given name a short form of the other")
                elif (len(ta) == 1) != (len(tb) == 1) and len(full) == 1:
                    add(a, b, "surname alone and the only full name with it")
    # "Brenner Okafor" and "Ilse Brenner Okafor" (a surname of two words alone); "Ilse Brenner" and
    # "Ilse Brenner Okafor" (a double surname's first part)
    folded = {row[0]: " ".join(split_suffix(_bare(_folded(row[1]).lower()))[0]) for row in people}
    by_name = {folded[row[0]]: row for row in people}
    for row in people:
        words = folded[row[0]].split()
        for size in range(2, len(words)):
            tail, head = " ".join(words[-size:]), " ".join(words[:size])
            if size == 2 and double_surname([w.title() for w in words[-2:]]) and tail in by_name:
                add(by_name[tail], row, "a surname of two words alone and the full name with it")
            if head in by_name and len(words) - size == 1:
                add(by_name[head], row, "one name the other's without its last surname")
    names = {r[1].lower(): r for r in people}
    for row in people:
        for alias in row[2]:
            other = names.get(alias.lower())
            if other is not None and other[0] != row[0]:
                add(row, other, "one's alias is the other's name")
    return found


def _short_form(a: list[str], b: list[str]) -> bool:
    """ "Len Doe" and "Leonard E. Doe", "Tom Doe" and "Thomas Doe": one first name is the other's
    letters in order, from the same first letter, and the other names agree."""
    x, y = sorted((a[0], b[0]), key=len)
    if len(x) < 3 or len(x) == len(y) or x[0].lower() != y[0].lower():
        return False
    letters = iter(y.lower())
    if not all(c in letters for c in x.lower()):
        return False
    return compatible_names([y, *(a if a[0] == x else b)[1:]], b if a[0] == x else a)


def _initials(name: str) -> str:
    return initials_of(name)


def _squashed(name: str) -> str:
    name = name.lower()
    name = name[4:] if name.startswith("the ") else name
    return re.sub(r"[^a-z0-9]", "", name)


def organisation_duplicates(organisations: list[tuple[int, str, list[str]]]) -> list[Duplicate]:
    """Organisations that may be one: the same name but for case, "the" and punctuation ("S.E.C",
    "SEC"), one is the initials of the other ("ABC", "Alpha Beta Council"), a name of two words or more
    ends the one longer name that ends with it ("Air Force", "U.S. Air Force"), or an outlet is a body's
    name and "News" ("NBC", "NBC News")."""
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
    # "ABC", "A.B.C." and "A.B.C" are the same initials
    acronyms = {r[1].replace(".", ""): r for r in organisations if r[1].isupper() and " " not in r[1]}
    for row in organisations:
        initials = _initials(row[1])
        if len(row[1].split()) >= 2 and initials in acronyms and acronyms[initials][0] != row[0]:
            other = acronyms[initials]
            found.append(Duplicate("organisation", [other[0], row[0]], [other[1], row[1]], "initials"))
    return found + _shorter_names(organisations)


def _shorter_names(organisations: list[tuple[int, str, list[str]]]) -> list[Duplicate]:
    # Flagged, never merged: a short name that ends several longer ones says nothing of which.
    words = {row[0]: tuple(_squashed_words(row[1])) for row in organisations}
    ending = defaultdict(list)  # the last words of a longer name (two or more) -> the names they end
    for row in organisations:
        name = words[row[0]]
        for start in range(1, len(name) - 1):
            # (a state's branch is another body: "Ohio Democratic Party")
            if " ".join(name[:start]) not in US_STATES:
                ending[name[start:]].append(row)
    by_words = {name: row for row in organisations if (name := words[row[0]])}
    found = []
    for row in organisations:
        name = words[row[0]]
        if len(longer := ending.get(name, [])) == 1:
            found.append(
                Duplicate(
                    "organisation", [row[0], longer[0][0]], [row[1], longer[0][1]], "the end of a longer name"
                )
            )
        if len(name) == 2 and name[1] == "news" and (body := by_words.get(name[:1])) is not None:
            found.append(
                Duplicate("organisation", [body[0], row[0]], [body[1], row[1]], "a body and its news")
            )
    return found


def _squashed_words(name: str) -> list[str]:
    words = [re.sub(r"[^a-z0-9]", "", w) for w in name.lower().split()]
    words = [w for w in words if w]
    return words[1:] if words[:1] == ["the"] else words


def _text_problem(name: str, texts, *, programmes: bool = True) -> str | None:
    """A city or a town, or a programme, as the articles that quote the name write it."""
    for text in texts:
        if town_in_text(name, text):
            return TOWN
        if programmes and programme_in_text(name, text):
            return PROGRAMME
    if programmes and texts and all(cut_in_text(name, text) for text in texts):
        return CUT_IN_TEXT
    return None


class _ArticleTexts:
    """The texts of the articles that quote each person and organisation, read once where asked for (a
    few articles each: what a name is, its first articles show)."""

    PER_ENTITY = 5

    def __init__(self) -> None:
        self.people: dict[int, list[int]] = defaultdict(list)
        self.organisations: dict[int, list[int]] = defaultdict(list)
        rows = Quote.objects.values_list(
            "speaker_person_id", "speaker_organisation_id", "organisation_id", "article_id"
        ).distinct()
        for person, speaker, member, article in rows.iterator():
            for table, pk in (
                (self.people, person),
                (self.organisations, speaker),
                (self.organisations, member),
            ):
                if pk is not None and len(table[pk]) < self.PER_ENTITY and article not in table[pk]:
                    table[pk].append(article)
        self.bodies: dict[int, str] = {}

    def _read(self, ids: list[int]) -> list[str]:
        missing = [pk for pk in ids if pk not in self.bodies]
        if missing:
            self.bodies |= dict(Article.objects.filter(pk__in=missing).values_list("pk", "body"))
        return [self.bodies.get(pk, "") for pk in ids]

    def person(self, pk: int) -> list[str]:
        return self._read(self.people.get(pk, []))

    def organisation(self, pk: int) -> list[str]:
        return self._read(self.organisations.get(pk, []))


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
    texts = _ArticleTexts()
    people_counts = dict(Person.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    audit.people_by_kind = {kind: people_counts.get(kind, 0) for kind in PersonKind.values}
    organisation_counts = dict(Organisation.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    audit.organisations_by_kind = {kind: organisation_counts.get(kind, 0) for kind in OrganisationKind.values}
    audit.people_named_by_kind = {
        kind: [name for _, name, _, k in people if k == kind] for kind in PersonKind.values
    }
    audit.organisations_named_by_kind = {
        kind: [name for _, name, _, k in organisations if k == kind] for kind in OrganisationKind.values
    }
    audit.duplicates = person_duplicates([row[:3] for row in people]) + organisation_duplicates(
        [row[:3] for row in organisations]
    )
    organisation_names = frozenset(name.lower() for _, name, _, _ in organisations) | frozenset(
        name.lower() for name in Publication.objects.values_list("name", flat=True)
    )
    # surnames of people with a full name: a one-word person is one of them, a one-word organisation by
    # that word is the person
    surnames = {
        _surname(name)
        for _, name, _, _ in people
        if len(_bare(name)) > 1 and not place_or_body_word(_surname(name))
    }
    # people a role in lower case describes ("one of the stars"), as storage read them
    described = {
        person
        for person, role in Quote.objects.filter(speaker_person__isnull=False)
        .exclude(role="")
        .values_list("speaker_person_id", "role")
        .distinct()
        .iterator()
        if any(w[:1].islower() for w in role.split())
    }
    surname_counts = Counter(_surname(name) for _, name, _, _ in people if len(_bare(name)) > 1)
    for pk, name, aliases, kind in people:
        own = _surname(name) if len(_bare(name)) == 2 else ""
        reason = person_name_problem(
            name,
            organisation_names=organisation_names,
            # the surnames of others: "Absent Lind" is an epithet where Lind is someone else's too
            surnames=surnames - {own} if own and surname_counts[own] == 1 else surnames,
            aliases=aliases,
            described=kind != PersonKind.OTHER or pk in described,
        )
        if reason is None and len(_bare(name)) == 1 and not named_so(name, aliases):
            reason = _text_problem(name, texts.person(pk), programmes=False)
        if reason:
            audit.junk.append(Flag("person", pk, name, reason))
    person_names = {name.lower() for _, name, _, _ in people} | {
        alias.lower() for _, _, aliases, _ in people for alias in aliases if len(alias.split()) > 1
    }
    for pk, name, _, kind in organisations:
        reason = organisation_name_problem(
            name, person_names=person_names, surnames=surnames, organisation_names=organisation_names
        ) or _text_problem(name, texts.organisation(pk))
        if reason == PERSON_AS_ORGANISATION and " " not in name and kind != OrganisationKind.OTHER:
            reason = None  # "Harbourwatch" the newspaper, and Ana Harbourwatch: both may be
        if reason:
            audit.junk.append(Flag("organisation", pk, name, reason))
    return audit
