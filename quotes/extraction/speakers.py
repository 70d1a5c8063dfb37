"""Speaker noun phrases: names, titles, roles, organisations; the per-article registry of entities."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .lexicon import (
    DESCRIBED_ROLES,
    EXPERT_ORG_WORDS,
    EXPERT_WORDS,
    FOLLOWING_NOUNS,
    GENDER_BY_HONORIFIC,
    GENERIC_POSITIONS,
    GROUP_NOUNS,
    HONORIFICS,
    HUMAN_NOUNS,
    JOURNALIST_WORDS,
    MEDIA_ORG_WORDS,
    OFFICIAL_BODY_WORDS,
    OFFICIAL_WORDS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    OTHER_ORG_WORDS,
    PARTY_WORDS,
    PLACE_WORDS,
    PORTFOLIOS,
    PRONOUNS,
    PUBLIC_BODY_WORDS,
    PUBLIC_BY_DEFAULT,
    PUBLICATION_NOUNS,
    REL_PRONOUNS,
    RELATION_NOUNS,
    SPOKES_NOUNS,
    STATEMENT_NOUNS,
    TITLES,
    US_STATES,
)
from .names import (
    NameContext,
    first_name_gender,
    name_words,
    not_a_person,
    person_shaped,
    shared_surname,
    trim_name,
)

PERSON_LABELS = {"PERSON"}
ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}
NAME_LABELS = PERSON_LABELS | ORG_LABELS
_POSSESSIVE = {"'s", "’s", "'", "’"}
_MAX_NP = 60  # tokens; longer "noun phrases" are parse failures and are not searched
_NAME_PARTICLES = {
    "de",
    "van",
    "von",
    "der",
    "den",
    "da",
    "di",
    "del",
    "la",
    "le",
    "du",
    "al",
    "el",
    "bin",
    "ibn",
    "dos",
    "ten",
    "ter",
}


@dataclass
class RawSpeaker:
    """A speaker as written at the cue, before resolution."""

    mention: str
    pos: int  # character offset of the mention
    name_words: tuple[str, ...] = ()
    kind: str | None = None  # person | organisation | None
    role: str | None = None
    org: str | None = None
    pronoun: str | None = None
    gender: str | None = None
    unnamed: bool = False
    spokes: bool = False  # an unnamed spokesperson: speaks for the organisation in focus
    org_noun: str | None = None  # "agency" in "a spokesperson for the agency"
    # "agency" in "the agency's director general, Rafael Grossi": works for the organisation in focus
    works_for_noun: str | None = None
    serves: str | None = None  # "campaign" in "an outside adviser to the campaign"
    place: bool = False  # a country, city or nationality speaking ("Iran insists")
    statement: bool = False  # "the statement said": whoever issued the statement in focus
    role_noun: str | None = None  # "the judge said": the person introduced with that title
    epithet: bool = False  # "the 26-year-old": the person in focus, described
    joint_bodies: tuple[str, ...] = ()  # "Germany and France said": the bodies named with the first
    in_office: bool = False  # "Iran's Foreign Minister X": a country's office, whatever its title


def _clean(s: str) -> str:
    return " ".join(s.split())


def _strip_the(s: str) -> str:
    s = _clean(s)
    for art in ("the ", "The "):
        if s.startswith(art):
            s = s[len(art) :]
    for p in ("'s", "’s"):
        if s.endswith(p):
            s = s[: -len(p)]
    return s.strip(" ,")


def _cut_at_comma(ent):
    """A name the tagger ran on past a comma into common words ("a report by Politico, Democratic party
    insiders") ends at the comma; a name goes on past one only into another name ("University of
    California, Berkeley")."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 1):
        if doc[i].text == "," and (doc[i + 1].pos_ != "PROPN" or doc[i + 1].is_lower):
            return Span(doc, ent.start, i, label=ent.label)
    return ent


def _person_before_a_place(ent, surnames, bodies) -> Span:
    """A person's name the tagger ran on into where the person writes or works, as one organisation
    ("writes Hanna Notte in Foreign Affairs", "said Jane Doe of Human Rights Watch"). The name ends
    before the preposition when it is a person's (a known first name, a surname the article gives a
    person, or what follows is a body the article names on its own) and the parser hangs the phrase on
    it ("Russia in Global Affairs" is a journal's name, "Massachusetts Institute of Technology" a
    school's)."""
    doc = ent.doc
    for i in range(ent.start + 2, min(ent.end - 1, ent.start + 4)):
        word = doc[i]
        if (
            word.lower_ in ("in", "at", "of", "from")
            and word.head.i in range(ent.start, i)
            and all(t.is_title and t.pos_ == "PROPN" for t in doc[ent.start : i])
            and not any(t.lower_ in ORG_NAME_WORDS for t in doc[ent.start : i])
            and (
                first_name_gender(doc[ent.start].text) is not None
                or doc[i - 1].lower_ in surnames
                or _strip_the(doc[i + 1 : ent.end].text) in bodies
                # ("Jane Doe of Human Rights Watch"; "Joint Chiefs of Staff" names one thing)
                or sum(1 for t in doc[i + 1 : ent.end] if t.is_alpha and t.lower_ != "the") >= 2
            )
        ):
            return Span(doc, ent.start, i, label="PERSON")
    return ent


class DocIndex:
    """Per-document lookups computed once: entity span of each token."""

    def __init__(self, doc, *, paragraphs=None):
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token again on each read
        self.names = NameContext(doc, text=self.text, paragraphs=paragraphs)
        self.ent_of: dict[int, object] = {}
        bodies = {_strip_the(e.text) for e in doc.ents if e.label_ == "ORG"}
        for ent in doc.ents:
            ent = _cut_at_comma(ent)
            if ent.label_ == "ORG":
                ent = _person_before_a_place(ent, self.names.surnames, bodies)
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent

    @functools.cached_property
    def places_by_one_word(self) -> frozenset[str]:
        """Capitalised words the article writes after "in" ("in Clarkston"): a place, whatever the tagger
        calls it elsewhere (a person is not "in Doe"; "in Doe's view" is a possessive)."""
        return frozenset(
            t.text
            for t in self.doc
            if t.dep_ == "pobj"
            and t.head.lower_ == "in"
            and t.pos_ == "PROPN"
            and t.is_title
            and t.head.i == t.i - 1
        )

    def in_party_tag(self, i: int) -> bool:
        """'(D-Newport News)', '(R-Texas)': token i opens a legislator's party and seat in brackets, or
        opens the seat after 'D-' (where the tagger's name for it starts); no name."""
        doc = self.doc
        return any(
            0 < j < len(doc) - 1
            and doc[j - 1].text == "("
            and doc[j].text in ("D", "R", "I")
            and doc[j + 1].text in ("-", "–")
            for j in (i, i - 2)
        )

    def name_span(self, tok):
        """(start, end) token range of the proper name headed by tok, with its label, or None."""
        ent = self.ent_of.get(tok.i)
        if ent is not None and ent.label_ in NAME_LABELS:
            return ent.start, ent.end, ent.label_
        # A lower-case "proper noun" is the tagger's mistake for a common one ("the foreign ministry").
        if tok.pos_ == "PROPN" and not tok.is_lower:
            s = tok.i
            doc = self.doc
            while s - 1 >= tok.sent.start and (
                (doc[s - 1].pos_ == "PROPN" and not doc[s - 1].is_lower)
                or (doc[s - 1].lower_ in _NAME_PARTICLES and s - 2 >= 0)
            ):
                # (a particle may carry any tag: "ten" in "Erik ten Hag" is a number to the tagger)
                if (
                    doc[s - 1].ent_type_ not in ("", *NAME_LABELS)
                    and doc[s - 1].lower_ not in _NAME_PARTICLES
                    # "Ivanka Trump" tagged a product as a whole is still one name
                    and (ent is None or self.ent_of.get(s - 1) is not ent)
                ):
                    break
                s -= 1
            return s, tok.i + 1, None  # a particle it starts with is the surname's: "ten Hag said"
        if (
            tok.is_title
            and tok.i > tok.sent.start
            and not tok.is_sent_start
            and tok.pos_ in ("NOUN", "X", "ADJ")
            and tok.ent_type_ in ("", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW")
            and tok.lower_ not in PRONOUNS
        ):
            return tok.i, tok.i + 1, None  # a capitalised name the tagger took for a noun
        if (
            tok.is_title
            and tok.pos_ in ("NOUN", "ADJ", "X")
            and tok.ent_type_ in ("", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW")
            and tok.lower_ in self.names.surnames
        ):
            return tok.i, tok.i + 1, "PERSON"  # "Fields said", opening a sentence: a person's surname
        return None


def _role_from_noun(noun, idx: DocIndex) -> tuple[str | None, str | None]:
    """Role and organisation from a common-noun phrase: 'an aviation analyst at Nordic Capital Research'."""
    mods = []
    based = max((t.i for t in noun.lefts if _where_based(t)), default=-1)
    for t in noun.lefts:
        # "a South Florida-based president": the words up to "based" say where, not what
        if t.dep_ in ("compound", "amod", "nmod") and t.pos_ != "PUNCT" and t.i > based:
            mods.extend(x for x in t.subtree if x.pos_ != "PUNCT" or x.text == "-")
    role_toks = sorted({*mods, noun}, key=lambda t: t.i)
    role, org = split_role(role_toks, idx)
    if not _is_role_noun(noun) and not (
        noun.lower_ in RELATION_NOUNS and any(t.lower_ in PARTY_WORDS for t in mods)
    ):
        # "rival", "guests": a relation or a misparse, not what the person does (but "her
        # Republican opponent" says the party)
        role = None
    if noun.lower_ in _BODY_ONLY_NOUNS or _is_think_tank(noun):
        role = None  # "X of the Y Institute (YI) think tank": the words describe the body, not the post
    # (the preposition may hang from the last word of a hyphenated role: "co-founder of Acme Labs")
    for c in [*noun.rights, *(r for t in _hyphenated_rest(noun, idx.doc) for r in t.rights)]:
        if c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "with", "from", "in", "on", "to"):
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is None:
                continue
            span = idx.name_span(pobj)
            if span and span[2] in PERSON_LABELS and pobj.lower_ not in ORG_NAME_WORDS:
                # "spokesman for President X": the whole phrase is the role (but "the widow of X" is
                # whose relative, no role)
                if role is not None:
                    role = _clean(idx.doc[role_toks[0].i : c.right_edge.i + 1].text)
                break
            if (
                c.lower_ == "of"
                and role is not None
                and (
                    (span is None and pobj.pos_ == "NOUN")
                    or (pobj.lower_ in ("state", "staff", "defense", "defence") and pobj.i == c.i + 1)
                )
                and not any(x.dep_ in ("det", "poss") for x in pobj.children)
            ):
                # "chief of staff", "professor of economics": the field is part of the role
                end = pobj.i
                for x in pobj.subtree:
                    if x.i > pobj.i and x.dep_ == "prep":
                        break
                    end = max(end, x.i)
                role = _clean(idx.doc[role_toks[0].i : end + 1].text)
                continue
            if c.lower_ in ("in", "from") and (span is None or span[2] == "GPE"):
                continue  # "in Berlin": a place, not the organisation
            if c.lower_ == "to" and span is not None and span[2] == "GPE":
                continue  # "ambassador to Burma" (but "adviser to the Okafor campaign")
            if (
                c.lower_ == "to"
                and span is None
                and role is not None
                and pobj.is_lower
                and not any(x.pos_ == "PROPN" for x in pobj.lefts)
            ):
                # "an outside adviser to the campaign", "an aide to the prime minister": whom the
                # person serves is part of the role
                role = _clean(idx.doc[role_toks[0].i : pobj.i + 1].text)
                continue
            if c.lower_ == "on" and not ((span and span[2] == "ORG") or _names_an_organisation(pobj, idx)):
                continue  # "an expert on trade", but "the ranking Democrat on the X Committee"
            found = org_text(pobj, idx) or _countrys_body(pobj, idx)
            if found and found.split()[-1].lower() in _SUBUNIT_WORDS:
                # "a fellow in the Nuclear Policy Program at the Carnegie Endowment": the institution,
                # whichever word the parser hung its "at" on
                later = [x for x in noun.rights if x.i > c.i and x.dep_ == "prep" and x.lower_ == "at"]
                owner = next((x for x in pobj.subtree if x.dep_ == "poss" and x.i < pobj.i), None)
                institution = (
                    _org_at(pobj, idx)
                    or next(filter(None, (_org_at(x, idx) for x in later)), None)
                    # "the Carnegie Endowment's Russia and Eurasia Program": the institution that owns it
                    or (org_text(owner, idx) if owner is not None and owner.pos_ == "PROPN" else None)
                )
                if institution is not None and role is not None and owner is None:
                    # "director of the Middle East Program at X": the programme is the post's
                    role = _clean(idx.doc[role_toks[0].i : pobj.i + 1].text)
                found = institution or found
            if found:
                org = found
                break
    if org is None or is_affiliation(org):
        # "a specialist on Russian foreign policy at the X Center": the parser hangs "at" on "policy"
        org = _org_at(noun, idx) or org
    if org is None and role is not None:
        # "the Kremlin's spokesman", "Chatham House's director", "Russia's foreign minister" (but
        # "Clinton's spokesman" names a person, and "Russia's richest man" holds no country's office)
        owner = next((t for t in noun.lefts if t.dep_ == "poss"), None)
        ent = idx.ent_of.get(owner.i) if owner is not None else None
        body = _body_named_in_role(role_toks)
        if ent is not None and ent.label_ == "GPE" and body is not None and body.i > owner.i:
            # "Tehran's foreign ministry spokesman": the country's body named in the role
            org = _clean(idx.doc[ent.start : body.i + 1].text)
            role = _span_text([t for t in role_toks if t.i > body.i], idx.doc) or role
        elif ent is not None and ent.label_ == "GPE" and noun.lower_ in _GOVERNMENT_ROLES | OFFICIAL_WORDS:
            # "Ukraine's foreign minister, X": the country, as for "Ukraine's Foreign Minister X"
            org = _strip_the(ent.text) or None
        elif ent is not None and ent.label_ == "ORG":
            org = org_text(owner, idx)
            people = {e[-1].lower_ for e in idx.doc.ents if e.label_ == "PERSON"}
            if org is not None and org.lower() in people:
                # a person of the article the tagger took for a body ("Romney's deputy political
                # director"): their campaign when the article names it, else nobody's organisation
                org = f"{org} campaign" if f"{org} campaign" in idx.text else None
    return role, org


def _body_named_in_role(words) -> Token | None:
    """The last word of a body's name among a role's words before its head ("ministry" of "foreign
    ministry spokesman"), or None."""
    return next((t for t in reversed(words[:-1]) if t.lower_ in ORG_NOUNS), None)


def _countrys_body(noun, idx: DocIndex) -> str | None:
    """A country's public body, named by a common noun after the country whose possessive it takes ("the
    head of Ukraine's military intelligence", "the chief of Pakistan's army")."""
    owner = next((c for c in noun.lefts if c.dep_ == "poss"), None)
    ent = idx.ent_of.get(owner.i) if owner is not None else None
    low = noun.lower_
    if ent is None or ent.label_ != "GPE" or not noun.is_lower:
        return None
    return _national_body(noun, idx) if low in OFFICIAL_BODY_WORDS or low in _PUBLIC_BODY_NOUNS else None


# Common nouns of a state's bodies besides those of its government ("military intelligence")
_PUBLIC_BODY_NOUNS = {"intelligence", "forces", "guard", "police", "army", "navy", "judiciary"}


def _served_body(noun) -> str | None:
    """'an adviser to the campaign', 'a spokesman for the agency': the body a role serves, named by
    its common noun (so the one in focus), or None."""
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in ("to", "for"):
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if (
                pobj is not None
                and pobj.lower_ in ORG_NOUNS
                and pobj.is_lower
                and any(x.dep_ == "det" and x.lower_ == "the" for x in pobj.children)
                and not any(x.dep_ in ("compound", "amod", "poss") for x in pobj.children)
            ):
                return pobj.lower_
    return None


def _where_based(tok) -> bool:
    """'London-based', 'a Washington-based': where someone works, not the role."""
    return tok.lower_ == "based" or tok.lower_.endswith("-based")


def _headline(sent) -> bool:
    """A headline in title case ('Senator Finally Endorses House Speaker Paul Ryan'): its words
    before a name are not a role."""
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 5 and sum(t.is_title for t in words) >= 0.8 * len(words)


def _described_before(s: int, tok, excluded, doc) -> list:
    """The words before a name (starting at token s) that describe the person, up to a word that
    does not ('when Smith', 'they told Smith'); across hyphens and odd spaces ('vice-presidential
    nominee Gov.'), honorifics left out."""
    out = []
    j = s - 1
    while j >= tok.left_edge.i and j >= tok.sent.start:
        t = doc[j]
        if t.dep_ in ("det", "poss", "case") or t.i in excluded:
            break
        if t.dep_ in ("advmod", "cc", "mark", "nsubj", "dobj"):
            break
        if not (
            t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "SPACE")
            or t.text in ("-", "–", "&")
            or t.lower_.rstrip(".") in TITLES
            or (t.lower_ == "of" and out)  # "Secretary of State"
        ):
            break
        out.append(t)
        j -= 1
    out.reverse()
    out = [
        t
        for t in out
        if t.lower_.rstrip(".") not in HONORIFICS or t.lower_.rstrip(".") in ("professor", "prof")
    ]
    while out and (out[0].pos_ == "SPACE" or out[0].text in ("-", "–", "&") or out[0].lower_ == "of"):
        out.pop(0)
    while out and (out[-1].pos_ == "SPACE" or out[-1].text in ("-", "–", "&")):
        out.pop()
    return out


_PARTY_OF_LETTER = {"D": "Democratic Party", "R": "Republican Party"}
_PARTY_STATE_AFTER = re.compile(r"\s*[(,]\s*([DRI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\s*[),]")
# "who served as ambassador", "who is the chief economist at X", "who was the White House physician"
BEING_VERBS = {"is", "was", "served", "serves", "works", "worked", "became", "becomes", "remains"}


def role_in_relative_clause(tok, idx: DocIndex) -> tuple[str | None, str | None]:
    """Role and organisation from 'X, who served as Asia director for the Y Council,' or from the
    sentence of which the name is the subject: 'X served as director of Y and is now president of Z.'"""
    clauses = [c for c in tok.rights if c.dep_ == "relcl"]
    if tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX") and tok.head.i > tok.i:
        clauses.append(tok.head)
    for clause in clauses:
        # "who served as X and is now president of Y": what the person is now comes last
        verbs = [clause, *(c for c in clause.children if c.dep_ == "conj")]
        for verb in reversed(verbs):
            if verb.lower_ not in BEING_VERBS:
                continue
            target = next((c for c in verb.children if c.dep_ == "attr"), None)
            if target is None:
                as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
                if as_ is not None:
                    target = next((c for c in as_.children if c.dep_ == "pobj"), None)
            if target is not None and target.pos_ == "NOUN" and is_job_noun(target):
                return _role_from_noun(target, idx)
            if target is not None and target.ent_type_ == "NORP" and target.tag_ == "NNP":
                # "the ranking Democrat on the X Committee": a party member's post in a body
                role, org = _role_from_noun(target, idx)
                if org is not None and not is_affiliation(org):
                    return role, org
    return None, None


def _fronted_role(tok, s: int, idx: DocIndex) -> tuple[str | None, str | None]:
    """Role and organisation from a noun phrase put before the subject name that starts at token s:
    'A former state senator, Jane Doe said ...'."""
    doc = idx.doc
    if tok.dep_ != "nsubj" or s < 2 or doc[s - 1].text != ",":
        return None, None
    fronted = next(
        (
            c
            for c in tok.head.children
            if c.i < s - 1
            and c.right_edge.i == s - 2
            and c.dep_ in ("nsubj", "npadvmod", "dep", "appos", "advcl")
            and c.pos_ == "NOUN"
        ),
        None,
    )
    if fronted is None or not is_job_noun(fronted):
        return None, None
    if any(x.lower_ in ("than", "like", "unlike", "not") for x in fronted.subtree):
        return None, None  # "More professor than politician, X ...": a likeness, not a role
    return _role_from_noun(fronted, idx)


def is_job_noun(tok) -> bool:
    """A noun that names a job or a post ('director', 'economist', 'chairwoman'), not any noun a
    person can be called ('a liar', 'a fan')."""
    if not _is_role_noun(tok):
        return False
    low = tok.lower_
    if low in STATEMENT_NOUNS or low in PUBLICATION_NOUNS:
        return False  # "Ross's statement said": the words' vehicle, no post ("statement" ends like "agent")
    return (
        low in TITLES
        or low in HUMAN_NOUNS
        or low in GENERIC_POSITIONS
        or _vocab_hit({low}, f" {low} ", OFFICIAL_WORDS | EXPERT_WORDS | JOURNALIST_WORDS)
        or low.endswith(("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person"))
    )


_WRITES = {"wrote", "writes", "writing", "reported", "reports"}

_LED_BODY = re.compile(
    r"([A-Z][\w-]+)(?:['’]s)?(?: presidential| re-election| reelection)? (?:campaign|administration)"
)

# "Donald Trump's presidential campaign", "Clinton's campaign": a leader's body, however written
_LED_BODY_WRITTEN = re.compile(
    r"(?:[A-Z][\w.-]*\s+)*([A-Z][\w-]+)(?:['’]s)?(?: presidential| re-election| reelection)? "
    r"(campaign|administration)"
)


def led_body_name(name: str | None) -> str | None:
    """One name for a leader's body, as news writes it most: 'Trump campaign', 'Obama administration'."""
    m = _LED_BODY_WRITTEN.fullmatch(name) if name else None
    return f"{m.group(1)} {m.group(2)}" if m else name


# Bodies named after the person who leads them
_OWN_BODIES = {"campaign", "administration", "presidency", "government", "cabinet"}


def _is_role_noun(tok) -> bool:
    """A word that can say what a person is: not a relation ('rival', 'wife'), not a plural
    ('guests' in a misparse), not a mere adjective ('the new Smith')."""
    low = tok.lower_.rstrip(".")
    if low in RELATION_NOUNS:
        return False
    if tok.ent_type_ in ("NORP",) or low in PARTY_WORDS:
        return True  # "Republican Jane Doe", "the Democrat"
    if low in TITLES or tok.text.endswith("."):
        return True  # "Sen.", "Lt."
    if tok.tag_ in ("NNS", "NNPS") and low not in ("chairs", "heads"):
        return False
    return tok.pos_ in ("NOUN", "PROPN")


# Nouns after a name that make it an organisation: "the Clinton campaign", "the Obama administration",
# "Tulsa police".
_BODY_AFTER_NAME = {
    "campaign",
    "camp",
    "administration",
    "government",
    "team",
    "police",
    "party",
    "council",
    "department",
    "office",
    "committee",
    "caucus",
}
_LEGISLATURES = {"senate", "house", "congress", "parliament", "assembly", "legislature"}


def _hyphenated_rest(last, doc) -> list:
    """The words joined to ``last`` by hyphens without a space ("vice-president", "co-founder",
    "editor-in-chief", "secretary-general"): the parser often makes the first half the head and leaves
    the rest beside it, and the role was "vice"."""
    rest, i = [], last.i
    while (
        i + 2 < len(doc)
        and doc[i + 1].text in ("-", "‑")
        and not doc[i].whitespace_
        and not doc[i + 1].whitespace_
        and doc[i + 2].is_alpha
    ):
        rest += [doc[i + 1], doc[i + 2]]
        i += 2
    return rest


def _end_of_entity(body, k: int, idx: DocIndex) -> int:
    """The position in ``body`` of the last word of the tagger's entity that holds ``body[k]``."""
    ent = idx.ent_of.get(body[k].i)
    last = k
    while last + 1 < len(body) and idx.ent_of.get(body[last + 1].i) is ent:
        last += 1
    return last


# A minister's portfolio, written before the title: "Defence Secretary", "External Affairs Minister"
_PORTFOLIO_WORDS = PORTFOLIOS | {
    "cabinet",
    "foreign",
    "home",
    "affairs",
    "external",
    "internal",
    "economy",
    "environment",
}


def split_role(toks, idx: DocIndex) -> tuple[str | None, str | None]:
    """Role and organisation from the words of a role ('former Deutsche Bank chief economist' ->
    'former chief economist', 'Deutsche Bank'; 'Clinton campaign manager' -> 'campaign manager',
    'Clinton campaign'; 'Senate Majority Leader' -> 'Majority Leader', 'Senate'). The role is read
    from the text; the last word is the role's head and never the organisation."""
    toks = [t for t in toks]
    while toks and (toks[0].pos_ == "PUNCT" or toks[0].dep_ == "case"):
        toks.pop(0)
    if not toks:
        return None, None
    doc = idx.doc
    toks += _hyphenated_rest(toks[-1], doc)
    head = toks[-1]
    body = toks[:-1]
    org_span = None  # (first, last) positions in toks
    org = None
    nationality = None  # "Indian" of "Indian External Affairs Minister", tagged with the portfolio
    for k, t in enumerate(body):
        ent = idx.ent_of.get(t.i)
        if ent is None:
            continue
        if ent.label_ in ("ORG", "FAC") and t.lower_ not in PARTY_WORDS:
            first, last = k, _end_of_entity(body, k, idx)
            national = first
            while national < last and _reads_as_a_nationality(body[national]):
                national += 1
            if (
                last == len(body) - 1
                and head.lower_ in ("minister", "secretary")
                and all(x.lower_ in _PORTFOLIO_WORDS for x in body[national : last + 1])
            ):
                # "External Affairs Minister", "Defence Secretary": the title's own words
                if national > first and nationality is None:
                    nationality = doc[body[first].i : body[national - 1].i + 1].text
                continue
            named = [m for m in range(first, last + 1) if body[m].lower_ in ORG_NAME_WORDS]
            if len(named) >= 2 and named[-1] == last and body[last].lower_ in _FIELD_WORDS:
                named.pop()  # "X Committee Research Director": the research is the director's
            if named and named[-1] < last:
                # "Republican National Committee Research Director": the tagger ran the name on
                # into the role; a name ends at its last word for a body
                last = named[-1]
            while first > 0 and (
                (body[first - 1].pos_ == "PROPN" and body[first - 1].is_title)
                or body[first - 1].lower_ in PARTY_WORDS
            ):
                first -= 1  # "Democratic National Committee" where the tagger took "Democratic" apart
            if last + 1 < len(body) and body[last + 1].lower_ in _BODY_AFTER_NAME:
                last += 1  # "X police"
            org_span = (first, last)
            break
        if t.i == ent.start and ent.label_ not in ("PERSON", "GPE", "NORP", "DATE", "TIME"):
            last = _end_of_entity(body, k, idx)
            if last > k and body[last].lower_ in _BODY_AFTER_NAME:
                org_span = (k, last)  # "Tulsa Police Chief", the town and its police tagged as a title
                break
        if ent.label_ in ("PERSON", "GPE") and t.i == ent.start:
            last = _end_of_entity(body, k, idx)
            while (
                last + 2 < len(body)
                and body[last + 1].text in ("-", "–")
                and body[last + 2].pos_ == "PROPN"
                and not body[last + 1].whitespace_
            ):
                last += 2  # "Charlotte-Mecklenburg", where the tagger took the first half alone
            if last + 1 < len(body) and body[last + 1].lower_ in _BODY_AFTER_NAME:
                org_span = (k, last + 1)  # "Clinton campaign", "Tulsa police"
                break
            if ent.label_ == "PERSON" and all(x.is_lower for x in body[last + 1 :]):
                # "Clinton spokesman", "a top Trump surrogate": whose, not an organisation; the role keeps
                # the name (the body the person leads is found once the article is read)
                return _span_text(toks, idx.doc), None
    # "a senior Pentagon official": lower-case words of the role may come before the name
    k0 = 0
    while (
        k0 < len(body) - 1
        and body[k0].is_lower
        and (body[k0].pos_ == "ADJ" or body[k0].lower_ in _ROLE_MODIFIERS)
    ):
        k0 += 1
    if (
        org_span is None
        and k0 < len(body)
        and not body[k0].ent_type_
        and (
            body[k0].pos_ == "PROPN"
            # "Trump lawyer X" with the name tagged as a common noun, capitalised mid-sentence
            or (body[k0].pos_ == "NOUN" and body[k0].is_title and body[k0].i > body[k0].sent.start)
        )
    ):
        # "Harwick manager", "Norvik Foods economist": an untagged name before lower-case role words
        last = k0
        while True:
            if last + 1 < len(body) and body[last + 1].pos_ == "PROPN" and body[last + 1].is_title:
                last += 1
            elif (
                last + 2 < len(body)
                and body[last + 1].text in ("-", "–")
                and body[last + 2].pos_ == "PROPN"
                and body[last + 2].is_title
            ):
                last += 2  # "Charlotte-Mecklenburg"
            else:
                break
        run = [x for x in body[k0 : last + 1] if x.text not in ("-", "–")]
        if last + 1 < len(body) and body[last + 1].lower_ in _BODY_AFTER_NAME:
            last += 1  # "Okafor campaign manager"
        if (
            all(x.is_title or x.is_upper for x in run)
            # ("Marlow Police Chief", "Norland Bank President": a body's last word says where its name ends)
            and (
                head.is_lower or body[last].lower_ in _BODY_AFTER_NAME or body[last].lower_ in ORG_NAME_WORDS
            )
            and all(x.is_lower for x in body[last + 1 :])
            and not any(
                x.lower_.rstrip(".") in TITLES or x.lower_ in GENERIC_POSITIONS or x.lower_ in PARTY_WORDS
                for x in run
            )
        ):
            org_span = (k0, last)
    if org_span is None:
        for k, t in enumerate(body):
            if t.lower_ in _LEGISLATURES and t.is_title:
                org_span = (k, k)  # "House Speaker", "Senate Majority Leader"
                break
            if (
                _an_acronym(t.text)
                and t.text.isalpha()
                and t.lower_ not in TITLES
                and t.lower_ not in GENERIC_POSITIONS
                and t.lower_ not in PARTY_WORDS
                and t.ent_type_ not in ("GPE", "NORP")
            ):
                org_span = (k, k)  # an acronym: "IMF chief economist"
                break
    if org_span is None:
        org = _affiliation(body, head) or (f"{nationality} government" if nationality else None)
    if org_span is not None:
        a, b = org_span
        while a < b and body[a].lower_ in _ROLE_MODIFIERS:
            a += 1  # "Interim DNC": the role's word, tagged as part of the name
        while b + 2 < len(body) and body[b + 1].lower_ == "of" and body[b + 2].pos_ == "PROPN":
            b += 2  # "University of Northfield political science professor"
            while b + 1 < len(body) and body[b + 1].pos_ == "PROPN" and body[b + 1].is_title:
                b += 1
        if a == b and (body[a].lower_ in _GENERIC_NAME_WORDS or body[a].lower_ in _ROLE_MODIFIERS):
            # "State senator", "County freeholder": no name of a body; "Shadow defence secretary", "Former
            # minister" opening a sentence: the role's own word
            org_span = None
    if org_span is not None:
        org = _strip_the(doc[body[a].i : body[b].i + 1].text) or None
        rest = body[:a] + body[b + 1 :] + [head]
    else:
        rest = toks
    role = _span_text(rest, doc)
    return role, org


def _an_acronym(word: str) -> bool:
    """Initials of a body: "IMF", and "AfD" or "BfV" with a small letter for a short word of its name."""
    return (
        2 <= len(word) <= 6
        and word[0].isupper()
        and word[-1].isupper()
        and sum(1 for c in word if c.islower()) <= (1 if len(word) >= 3 else 0)
    )


# Fields of work that title a role after an organisation's name ("X Committee Research Director")
_FIELD_WORDS = {"research", "communications", "policy", "press", "finance", "operations", "digital", "media"}


def _affiliation(body, head) -> str | None:
    """The party or government of a political role written before it: 'Conservative MP' -> the
    Conservative Party, 'the Turkish foreign minister' -> the Turkish government. None for other
    roles ('a Democratic pollster' is no party's)."""
    low = head.lower_.rstrip(".")
    if low not in OFFICIAL_WORDS and low not in GENERIC_POSITIONS and low not in TITLES:
        return None
    for t in body:
        if t.lower_ in PARTY_WORDS and t.is_title and t.lower_ != "democrat":
            return f"{t.text} Party"
    for t in body:
        if (
            t.ent_type_ == "NORP"
            and t.is_title
            and t.lower_ not in PARTY_WORDS
            and _reads_as_a_nationality(t)  # "Turkish", not a misread name
            and low in _GOVERNMENT_ROLES
        ):
            # "Chinese foreign ministry spokesperson", "Israeli military spokesman": the body the role
            # names, else the government
            doc = t.doc
            first = t.i
            while first > 0 and doc[first].ent_iob_ == "I" and doc[first - 1].is_title:
                first -= 1  # "South Korean", one nationality of two words
            named = _body_named_in_role([*body, head])
            if named is not None and named.i > t.i:
                return doc[first : named.i + 1].text
            return f"{doc[first : t.i + 1].text} government"
    return None


def _reads_as_a_nationality(t) -> bool:
    """A capitalised word with a nationality's ending ("Turkish", "Kenyan", "Chinese", "Israeli"), for
    a word the tagger ran into a body's name or may have mistaken."""
    return t.is_title and t.lower_.endswith(("an", "ese", "ish", "ch", "i", "ic"))


# Roles that serve a country's government: "the Turkish foreign minister", "a French diplomat"
_GOVERNMENT_ROLES = {
    "minister",
    "ambassador",
    "diplomat",
    "envoy",
    "official",
    "president",
    "premier",
    "chancellor",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "negotiator",
}


def is_affiliation(org: str | None) -> bool:
    """An organisation inferred from a party or nationality word, which a stated one replaces."""
    return bool(org) and org.endswith((" Party", " government")) and len(org.split()) == 2


# Words that name a kind of body, not a body, when they stand alone before a role
_GENERIC_NAME_WORDS = {
    "state",
    "county",
    "city",
    "radio",
    "national",
    "federal",
    "party",
    "university",
    "college",
    "school",
    "department",
    "ministry",
    "agency",
    "government",
    "council",
    "committee",
    "court",
    "police",
    "office",
    "company",
    "union",
    "bank",
    "group",
    "board",
    "service",
    "news",
    "supreme",  # "Supreme Leader", the first word tagged alone
}
_ROLE_MODIFIERS = {
    "former",
    "shadow",  # "Shadow defence secretary": the opposition's, in Westminster's parties
    "interim",
    "acting",
    "retired",
    "then",
    "deputy",
    "incoming",
    "outgoing",
    "longtime",
    "ex",
    "senior",
    "assistant",
    "top",
    "rear",  # "Rear Admiral", "Brigadier General": ranks
    "brigadier",
}


def _span_text(toks, doc) -> str | None:
    """The text of tokens as written, contiguous runs joined by a space ('two-decade veteran')."""
    parts = []
    run = []
    for t in toks:
        if run and t.i != run[-1].i + 1:
            parts.append(doc[run[0].i : run[-1].i + 1].text)
            run = []
        run.append(t)
    if run:
        parts.append(doc[run[0].i : run[-1].i + 1].text)
    text = _clean(" ".join(parts)).strip(" ,-")
    for p in ("’s ", "'s "):
        if text.startswith(p):
            text = text[len(p) :]
    return text or None


# Parts of an institution that its experts are introduced by ("the Russia Programme at Chatham House").
_SUBUNIT_WORDS = {
    "program",
    "programme",
    "project",
    "initiative",
    "unit",
    "division",
    "desk",
    "lab",
    "laboratory",
}


def _aged(tok) -> bool:
    """'the 26-year-old', 'the 71-year-old striker': a person described by age."""
    return any(
        x.lower_ == "old" and any(c.lower_ == "year" for c in x.children) for x in (tok, *tok.children)
    )


def _org_at(node, idx: DocIndex) -> str | None:
    """The organisation of an 'at' phrase anywhere under node ('... on Russian policy at the X Center',
    'who directs the programme at the Y Institute'), or None."""
    for c in node.subtree:
        if c.dep_ == "prep" and c.lower_ == "at":
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            span = idx.name_span(pobj) if pobj is not None else None
            if span and span[2] not in PERSON_LABELS and span[2] != "GPE":
                org = org_text(pobj, idx)
                if org:
                    return org
    return None


def _org_in_relative_clause(tok, idx: DocIndex) -> str | None:
    """'X, who directs the programme at the Y Center,' or 'X, who heads the Z Institute,': the
    organisation a person works at or leads, named in a relative clause on the name or on its
    description ("X, a former diplomat who now heads the Y Institute,")."""
    described = [c for c in tok.rights if c.dep_ == "appos" and c.pos_ == "NOUN"]
    for clause in (c for holder in (tok, *described) for c in holder.rights):
        # Only verbs of working there: "who spoke at the Munich Security Conference" names a venue
        if clause.dep_ != "relcl" or clause.lower_ not in _LEADS | _WORKS_AT:
            continue
        org = _org_at(clause, idx)
        if org:
            return org
        if clause.lower_ in _LEADS:
            obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
            if obj is not None and (
                (
                    idx.ent_of.get(obj.i) is not None
                    and idx.ent_of[obj.i].label_ == "ORG"
                    and not _after_a_common_word(idx.ent_of[obj.i], obj)
                )
                or _names_an_organisation(obj, idx)
            ):
                return org_text(obj, idx)
            # "who heads the Z Institute's foreign policy programme": the programme's owner
            owner = next((c for c in obj.children if c.dep_ == "poss"), None) if obj is not None else None
            if (
                owner is not None
                and idx.ent_of.get(owner.i) is not None
                and idx.ent_of[owner.i].label_ == "ORG"
                # ("the super PAC's campaign": a kind of body, no name)
                and not _after_a_common_word(idx.ent_of[owner.i], obj)
            ):
                return org_text(owner, idx)
    return None


def _after_a_common_word(ent, phrase) -> bool:
    """A name after a lower-case word of its noun phrase that is no article ("the super PAC"): a kind of
    body, no name."""
    before = ent.doc[ent.start - 1] if ent.start > phrase.left_edge.i else None
    return (
        before is not None and before.is_lower and before.is_alpha and before.lower_ not in ("the", "a", "an")
    )


_LEADS = {
    "heads",
    "headed",
    "leads",
    "led",
    "runs",
    "ran",
    "directs",
    "directed",
    "chairs",
    "chaired",
    "founded",
    "helms",
    "helmed",
    "oversees",
    "oversaw",
    "manages",
    "managed",
}
_WORKS_AT = {
    "works",
    "worked",
    "teaches",
    "taught",
    "researches",
    "studies",
    "lectures",
    "is",
    "was",
    # "who holds the X Chair at the Y Center" (not "held": "who held talks at the Kremlin" is a venue)
    "holds",
    "serves",
}


def org_text(tok, idx: DocIndex) -> str | None:
    """The organisation named by a noun phrase head, without a leading 'the' or trailing place."""
    ent = idx.ent_of.get(tok.i)
    if ent is not None and ent.label_ in ORG_LABELS | {"LOC"}:
        name = _strip_the(_place_led_name(tok, idx) or _committee_name(ent, idx) or ent.text) or None
        if name and ent.label_ == "ORG":
            return _country_of_a_portfolio(name, tok, ent.start, idx) or name
        return name
    doc = idx.doc
    if tok.is_lower:
        # "the political risk consultancy Eurasia Group", "the think tank Chatham House": what kind of body,
        # then its name
        named = next(
            (
                c
                for c in tok.rights
                if c.dep_ == "appos"
                and c.left_edge.i == tok.i + 1
                and getattr(idx.ent_of.get(c.i), "label_", None) == "ORG"
            ),
            None,
        )
        if named is not None:
            return org_text(named, idx)
    think_tank = _is_think_tank(tok)
    if tok.is_lower and (tok.lower_ in _KINDS_AFTER_NAME or think_tank):
        # "the Chatham House think tank", "the Eurasia Group consultancy": the name before its kind
        start = tok.i - (2 if think_tank else 1)
        if start >= 2 and doc[start].text == ")" and doc[start - 2].text == "(":
            start -= 3  # "the Y Institute (YI) think tank": the initials of the name before
        ent = idx.ent_of.get(start)
        if ent is not None and ent.label_ in ORG_LABELS:
            return _strip_the(doc[ent.start : start + 1].text) or None
        first = start + 1
        while (
            first - 1 >= 0
            and doc[first - 1].pos_ == "PROPN"
            and doc[first - 1].head.i in range(first, tok.i + 1)
        ):
            first -= 1
        if first <= start:
            return _strip_the(doc[first : start + 1].text) or None
    if tok.is_lower and tok.lower_ not in _BODY_HEADS:
        return None  # "the Bill Clinton era", "the Obama years": a time, not a body
    if tok.is_lower and tok.lower_ in _PART_NOUNS:
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ == "PROPN":
            return org_text(owner, idx)  # "the Fund's Asia department": the Fund
        lead = next((c for c in tok.lefts if c.dep_ in ("compound", "nmod")), None)
        ent = idx.ent_of.get(lead.i) if lead is not None else None
        if ent is not None and ent.label_ == "ORG":
            return _strip_the(ent.text) or None  # "the Ardent Bank trading desk": the bank
    start = tok.i
    while (
        start - 1 >= 0
        and doc[start - 1].head.i in range(start, tok.i + 1)
        and doc[start - 1].dep_
        in (
            "compound",
            "amod",
            "nmod",
        )
    ):
        if doc[start - 1].pos_ not in ("PROPN", "NOUN", "ADJ"):
            break
        start -= 1
        if (
            start - 2 >= 0
            and doc[start - 1].text in ("-", "–")
            and doc[start - 2].pos_ == "PROPN"
            and not doc[start - 1].whitespace_
        ):
            start -= 2  # "the African-American Women Caucus", "Charlotte-Mecklenburg Schools"
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i == end:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                end = pobj.i + 1
    if end == tok.i + 1 and tok.lower_ in ORG_NAME_WORDS:
        end = _name_continued(doc, end)
    if not any(doc[i].pos_ == "PROPN" or doc[i].ent_type_ in ("NORP", "ORG") for i in range(start, end)):
        return None  # ("the Democratic caucus" is named by its party)
    return _strip_the(doc[start:end].text) or None


def _place_led_name(tok, idx: DocIndex) -> str | None:
    """'Iraq and Afghanistan Veterans of America', 'Bosnia and Herzegovina Relief Fund': a body's name that
    begins with a place and 'and', which the tagger reads as places and the parser as a place joined to a
    second name. The whole title-case phrase is the name when the second one holds a word that is no place
    ('Veterans', 'Fund'); 'France and Germany' stays two places."""
    if idx.ent_of.get(tok.i) is None or idx.ent_of[tok.i].label_ not in ("GPE", "LOC"):
        return None
    doc = idx.doc
    conj = next((c for c in tok.rights if c.dep_ == "conj" and c.pos_ == "PROPN"), None)
    if conj is None or doc[tok.i + 1].lower_ != "and":
        return None
    words = doc[tok.i : max(t.i for t in conj.subtree) + 1]
    if not all(t.is_title or t.lower_ in _NAME_JOINERS for t in words):
        return None
    if not any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC", "NORP") for t in words[2:]):
        return None
    return words.text


def _committee_name(ent, idx: DocIndex) -> str | None:
    """'the House Education and the Workforce Committee', which the tagger cuts in two at 'and': a
    legislature's committee named after two fields."""
    doc = idx.doc
    first = next((t for t in ent if t.lower_ != "the"), None)
    if (
        first is None
        or first.lower_ not in _LEGISLATURES
        or ent.end >= len(doc)
        or doc[ent.end].lower_ != "and"
    ):
        return None
    after = idx.ent_of.get(ent.end + 1) or (
        idx.ent_of.get(ent.end + 2) if ent.end + 2 < len(doc) and doc[ent.end + 1].lower_ == "the" else None
    )
    if after is None or after.label_ != "ORG" or after[-1].lower_ not in ("committee", "subcommittee"):
        return None
    return doc[ent.start : after.end].text


# Parts of an organisation, in lower case: "the Fund's Asia department", "the bank's trading desk".
_PART_NOUNS = {
    "department",
    "division",
    "unit",
    "desk",
    "office",
    "bureau",
    "team",
    "section",
    "branch",
    "arm",
    "center",
    "centre",
    "program",
    "programme",
    "project",
    "lab",
    "school",
    "panel",
}

# The owner word of a role that means the organisation in focus ("its spokesman").
IN_FOCUS = "its"
# Nouns that say what kind of body the name before them is ("the Y Group consultancy").
_KINDS_AFTER_NAME = {"consultancy", "firm", "watchdog", "lobby"}
# Nouns that name a body and never a person's post (unlike "publisher", "broker", "carrier").
_BODY_ONLY_NOUNS = _KINDS_AFTER_NAME | {
    "institute",
    "university",
    "ministry",
    "department",
    "agency",
    "organisation",
    "organization",
    "committee",
    "government",
    "company",
    "group",
}


def _is_think_tank(tok) -> bool:
    return tok.lower_ == "tank" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "think"


# Lower-case heads of an organisation's name: "the Democratic caucus", "the Okafor campaign"
_BODY_HEADS = ORG_NOUNS | ORG_NAME_WORDS | _PART_NOUNS | _BODY_AFTER_NAME | {"caucus", "delegation", "panel"}

_NAME_JOINERS = ("and", "of", "the", "&")


def _name_continued(doc, end: int) -> int:
    """Where an organisation's name ending at ``end`` ('the Centre') really ends when it goes on with
    'for', 'of' or 'on' and title-case words ('for Eastern Studies', 'on Foreign Relations') that the
    parser hung on another word (in 'X of the Centre for Eastern Studies said', on X)."""
    if end >= len(doc) or doc[end].lower_ not in ("for", "of", "on"):
        return end
    start = end + 1
    if start < len(doc) and doc[start].lower_ == "the":
        start += 1
    stop = start
    while stop < len(doc) and (
        (doc[stop].pos_ == "PROPN" and doc[stop].is_title)
        or (doc[stop].lower_ in _NAME_JOINERS and stop + 1 < len(doc) and doc[stop + 1].is_title)
    ):
        stop += 1
    while stop > start and doc[stop - 1].lower_ in _NAME_JOINERS:
        stop -= 1
    return stop if stop > start else end


def _strip_titles(toks) -> tuple[list, list, str | None]:
    """Leading honorifics and titles off a name. Returns name tokens, title tokens kept as role, gender."""
    titles: list = []
    gender = None
    i = 0
    while i < len(toks) - 1:
        w = toks[i].text.lower().rstrip(".")
        if w in HONORIFICS:
            gender = gender or GENDER_BY_HONORIFIC.get(w)
        elif w in TITLES or (w == "of" and titles):
            titles.append(toks[i])
        else:
            break
        i += 1
    name = list(toks[i:])
    while name and name[-1].text in _POSSESSIVE:
        name.pop()
    return name, titles, gender


def _name_like(toks) -> list:
    """The words of a name without hyphens and a generational suffix: 'Jean-Marc Ayrault',
    'Vann R. Newkirk II' (which the tagger may take for organisations)."""
    out = [t for t in toks if t.text not in ("-", "–")]
    if out and out[-1].text.rstrip(".") in ("II", "III", "IV", "Jr", "Sr"):
        out.pop()
    return out


# The last word of a body's name ("the Carter White House", "the Baker Institute")
_BODY_NAME_ENDS = ORG_NAME_WORDS | OFFICIAL_BODY_WORDS | {"administration", "campaign"}


def _titles_a_work(tok, span) -> bool:
    """The name headed by tok is a book's, a film's or a song's title: the tagger says so, or it opens
    inside quotation marks ("his memoir, “A Long Way Home”")."""
    doc = tok.doc
    start = min(span[0], tok.left_edge.i)
    return tok.ent_type_ == "WORK_OF_ART" or any(doc[i].is_quote for i in (start - 1, start) if i >= 0)


def _name_set_off_after_a_clause(tok, idx: DocIndex, excluded: set[int]):
    """The name closing a subject described by a clause ("A lawyer representing the family, Dina Ross,
    said"; "One pastor supporting Mr. Cruz, Dina Ross of the Harwick Church, said"), which the parser
    hangs on the clause's last noun: set off by commas right before the cue, it names the subject."""
    doc = idx.doc
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.i <= tok.i or doc[verb.i - 1].text != "," or not is_job_noun(tok):
        return None
    for t in tok.subtree:
        if t.i not in excluded or t.dep_ != "appos" or t.right_edge.i != verb.i - 2:
            continue
        sp = idx.name_span(t)
        if (
            sp is None
            or sp[2] not in (*PERSON_LABELS, None)
            or sp[1] != t.i + 1
            or doc[sp[0] - 1].text != ","
        ):
            continue
        if 2 <= sp[1] - sp[0] <= 4 and all(w.is_title for w in doc[sp[0] : sp[1]]):
            return t
    return None


def _excluded_subtree(tok):
    """Tokens of clauses hanging off a noun phrase (relative clauses etc.): not part of the speaker."""
    out = set()
    if tok.right_edge.i - tok.left_edge.i > _MAX_NP:
        return out
    for c in tok.subtree:
        if c.dep_ in ("relcl", "acl", "advcl") and c.i != tok.i:
            out.update(x.i for x in c.subtree)
    return out


def _named_after_title_of(tok, idx: DocIndex):
    """The last word of a person's name that ends the "of" phrase of a title heading a subject
    ("Director of National Intelligence James Clapper", "Chairman of the Joint Chiefs of Staff Joseph
    Dunford"), or None."""
    if tok.lower_ not in TITLES or not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return None
    last = tok.right_edge
    ent = idx.ent_of.get(last.i)
    if ent is not None and ent.label_ in PERSON_LABELS and ent.end - 1 == last.i and len(ent) >= 2:
        return last
    given = tok.doc[last.i - 1]
    if (
        ent is None
        and last.pos_ == "PROPN"
        and last.is_title
        and given.is_title
        and given.i > tok.i + 2
        and first_name_gender(given.text) is not None
    ):
        return last  # a name the tagger left untagged, told by its given name
    return None


def _affiliated(tok, idx: DocIndex) -> bool:
    """The name has a role or an organisation attached, as people do ('X, director of Y', 'X of Y')."""
    for c in tok.rights:
        if c.dep_ == "appos" and (c.pos_ == "NOUN" or c.tag_ == "CD"):
            return True  # "X, director of Y", "X, 71,"
        if c.dep_ == "prep" and c.lower_ in ("of", "at", "from"):
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                ent = idx.ent_of.get(pobj.i)
                if ent is not None and ent.label_ == "ORG":
                    return True
                if ent is None and _names_an_organisation(pobj, idx):
                    return True  # "of the Centre for Eastern Studies", which the tagger left untagged
    return False


def _names_an_organisation(tok, idx: DocIndex) -> bool:
    """The proper-noun phrase headed by tok reads as an organisation's name ('Centre for ... Studies')."""
    name = org_text(tok, idx) if tok.pos_ == "PROPN" else None
    return name is not None and any(word.lower() in ORG_NAME_WORDS for word in name.split())


def _conjoined_names(tok, idx: DocIndex) -> list[str] | None:
    """'Germany and France', 'Britain, France and Germany': the names joined to tok by 'and' (a list
    hangs each name on the one before), tok's first; one name where the words before the last name
    are the first words of a body's name ("Labor and Pensions Committee"); or None."""
    doc = idx.doc
    parts = [tok]
    joined_by_and = False
    last = tok
    while True:
        conj = [c for c in last.children if c.dep_ == "conj"]
        joined_by_and = joined_by_and or any(
            c.dep_ == "cc" and c.lower_ in ("and", "&") for c in last.children
        )
        if not conj:
            break
        for c in conj:
            sp = idx.name_span(c)
            if sp is None or sp[2] not in ORG_LABELS:
                return None
            parts.append(c)
        last = conj[-1]
    if len(parts) == 1 or not joined_by_and:
        return None
    names, spans = [], set()
    for t in parts:
        sp = idx.name_span(t)
        if sp[:2] not in spans:  # one name the tagger read across the "and" is one name
            spans.add(sp[:2])
            names.append(_strip_the(doc[sp[0] : sp[1]].text))
    if len(names) < 2:
        return None
    if (
        all(len(name.split()) == 1 and name.lower() not in _BODY_NAME_ENDS for name in names[:-1])
        and names[-1].split()[-1].lower() in _BODY_NAME_ENDS
    ):
        # "Labor and Pensions Committee", "Parks and Recreation Department": one body's name
        return [", ".join(names[:-1]) + " and " + names[-1]]
    return names


def _first_words_before_and(s: int, tok) -> int:
    """Where a body's name starts when the parser split it at its "and": "the Central and East European
    Coalition" (the name found is "East European Coalition"), the capitalised words between "the" and
    the "and", within the name's own phrase, are its first words."""
    doc = tok.doc
    if s < 3 or doc[s - 1].lower_ not in ("and", "&"):
        return s
    start = s - 1
    while start - 1 >= tok.left_edge.i and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    if start == s - 1 or doc[start - 1].lower_ != "the":
        return s
    return start


# A title in the plural before a list of names is each one's: "Senators Ana Reyes and Tom Lind"
_PLURAL_TITLES = {
    "senators": "Senator",
    "sens": "Senator",
    "representatives": "Representative",
    "reps": "Representative",
    "congressmen": "Congressman",
    "congresswomen": "Congresswoman",
    "governors": "Governor",
    "govs": "Governor",
    "mayors": "Mayor",
    "ministers": "Minister",
    "judges": "Judge",
    "justices": "Justice",
    "professors": "Professor",
    "profs": "Professor",
}


def _title_shared_by_a_list(tok, idx: DocIndex) -> str | None:
    """'Senator' for each of "Senators Ana Reyes, Republican of Ohio, and Tom Lind"."""
    first = tok
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    sp = idx.name_span(first)
    if sp is None or sp[2] not in PERSON_LABELS or sp[0] == 0:
        return None
    if first is tok and not any(c.dep_ == "conj" for c in tok.children):
        return None
    return _PLURAL_TITLES.get(idx.doc[sp[0] - 1].lower_.rstrip("."))


def conjoined_people(tok, idx: DocIndex) -> list:
    """'Mr. Grassley and Mr. Leahy say', 'Both Ms. Reyes and Ms. Okafor said': the heads of the other
    people's names joined to the person named by tok with 'and' (a list hangs each on the one before);
    empty unless every part is a person's name."""
    head = tok
    while head.dep_ in ("compound", "det", "amod", "punct") and head.head.i > head.i:
        head = head.head
    sp = idx.name_span(head)
    if sp is None or sp[2] not in PERSON_LABELS:
        return []
    people, last, joined_by_and = [], head, False
    while True:
        conj = [c for c in last.children if c.dep_ == "conj"]
        joined_by_and = joined_by_and or any(c.dep_ == "cc" and c.lower_ == "and" for c in last.children)
        if not conj:
            break
        for c in conj:
            sp = idx.name_span(c)
            if sp is None or sp[2] not in PERSON_LABELS:
                return []
            people.append(c)
        last = conj[-1]
    return people if joined_by_and else []


# Words of TITLES that qualify a post and are none on their own ("Former", "Foreign", "Vice")
_TITLE_MODIFIERS = {
    "acting",
    "crown",
    "defence",
    "defense",
    "deputy",
    "finance",
    "first",
    "foreign",
    "former",
    "health",
    "interior",
    "opposition",
    "prime",
    "state",
    "vice",
}


def _title_written_before(s: int, sent) -> list:
    """A capitalised title right before a name, read from the words when the parser tore the phrase
    apart ("Iranian President Masoud Pezeshkian and Russian President ...": the name made the title's
    appositive or a modifier of the next name)."""
    doc = sent.doc
    out = []
    j = s - 1
    while j >= sent.start and (
        (doc[j].is_title and doc[j].pos_ in ("PROPN", "NOUN", "ADJ") and doc[j].ent_type_ != "PERSON")
        or doc[j].ent_type_ == "NORP"
    ):
        out.append(doc[j])
        j -= 1
    out.reverse()
    if not out or out[-1].lower_ not in TITLES or out[-1].lower_ in HONORIFICS | _TITLE_MODIFIERS:
        return []
    if j >= sent.start and doc[j].pos_ not in ("CCONJ", "PUNCT", "DET", "ADP", "VERB", "SPACE"):
        return []  # the words run on from something else
    return out


def _a_familys_name(plural: str, doc) -> bool:
    """Whether a person of the article has that surname, or its singular ("the Sanders campaign" after
    "Bernie Sanders", "the Clintons" after "Bill Clinton"; not "the Houthis" after "Abdul-Malik
    al-Houthi", a name joined to its particle)."""
    return any(
        e.label_ == "PERSON"
        and len(e) >= 2
        and e[-1].text in (plural, plural[:-1])
        and not (e[-1].i > 0 and doc[e[-1].i - 1].text in ("-", "–"))
        for e in doc.ents
    )


_PORTFOLIO_BODY_WORDS = _PORTFOLIO_WORDS | {"ministry", "department", "office", "of", "and", "the", "state"}


def _names_a_portfolio(name: str) -> bool:
    """A body named by its portfolio alone ("Foreign Office", "Ministry of Defence"): every country's."""
    return all(w.lower() in _PORTFOLIO_BODY_WORDS for w in name.split())


def _country_of_a_portfolio(name: str, tok, s: int, idx: DocIndex) -> str | None:
    """A body named by its portfolio alone is every country's ("Russia's Defence Ministry", "the Chinese
    Ministry of Commerce"): the country written before it is part of its name."""
    if not _names_a_portfolio(name):
        return None
    doc = idx.doc
    owner = next(
        (
            c
            for c in tok.lefts
            if c.i < s and (c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP"))
        ),
        None,
    )
    sp = _country_span(owner, idx) if owner is not None else None
    return _strip_the(_clean(doc[sp[0] : s].text + " " + name)) if sp is not None else None


def _country_span(owner, idx: DocIndex) -> tuple | None:
    """The (start, end, label) of the country or nationality a word names, or None ("French", tagged
    as an adjective, is a span of its own)."""
    sp = idx.name_span(owner)
    if sp is None and owner.ent_type_ in ("GPE", "NORP"):
        sp = (owner.i, owner.i + 1, owner.ent_type_)
    return sp if sp is not None and sp[2] in ("GPE", "NORP") else None


def _national_body(tok, idx: DocIndex) -> str | None:
    """A body named by its country and its common noun ("Spain's industry ministry", "the French
    foreign ministry"), not the one in focus."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None) or next(
        (c for c in tok.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ in ("GPE", "NORP")),
        None,
    )
    sp = _country_span(owner, idx) if owner is not None else None
    if sp is not None:
        end = tok.i
        to = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "to"), None)
        body = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if body is not None and idx.name_span(body) is not None and idx.name_span(body)[2] == "ORG":
            end = body.i  # "Iran's mission to the United Nations"
        return _strip_the(idx.doc[sp[0] : end + 1].text) or None
    return None


def _person_set_off_by_a_role(t, ent, role) -> bool:
    """A name the tagger took for a body or a place (foreign names often are), set off by commas as the
    appositive of a post, is the holder's ("The head of Ukraine's army, Oleksandr Syrskyi, said")."""
    doc = t.doc
    words = _name_like(list(ent))
    return (
        t.dep_ == "appos"
        and is_job_noun(role)
        and role.lower_ not in ORG_NOUNS
        and 2 <= len(words) <= 3
        and all(x.pos_ == "PROPN" and x.is_title for x in words)
        and not any(x.lower_ in ORG_NAME_WORDS or x.lower_ in OFFICIAL_BODY_WORDS for x in words)
        and doc[ent.start - 1].text == ","
        and ent.end < len(doc)
        and doc[ent.end].text == ","
    )


def analyze_np(tok, idx: DocIndex) -> RawSpeaker | None:
    """Describe the speaker noun phrase headed by tok (a subject or the object of 'according to')."""
    doc = idx.doc
    low = tok.lower_
    if low in REL_PRONOUNS and tok.head.dep_ == "relcl":
        who = low == "who"
        tok = tok.head.head
        while who and tok.ent_type_ in ("GPE", "LOC") and tok.dep_ in ("pobj", "appos", "compound", "conj"):
            # "Jane Doe, a teacher from Leeds, who said ...": the parser hangs "who" on the place; a
            # place is no "who", the person it is said of is
            tok = tok.head.head if tok.dep_ == "pobj" else tok.head
        if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
            tok = tok.head  # "Jane Doe, a staffer at the agency who told ...": the staffer is named
        low = tok.lower_
    if tok.pos_ == "PRON" or low in PRONOUNS:
        if low in ("he", "she"):
            # "Now a senior fellow at the X Institution, she says ...": what the person is, put first
            role, org = _fronted_role(tok, tok.i, idx)
            return RawSpeaker(tok.text, tok.idx, pronoun=low, role=role, org=org)
        if low == "they":
            return RawSpeaker(tok.text, tok.idx, pronoun=low)
        if low == "it" and tok.dep_ == "nsubj":
            return RawSpeaker(tok.text, tok.idx, pronoun=low)  # "it said": an organisation
        return None
    role_noun = None
    own = idx.ent_of.get(tok.i)
    named = _named_after_title_of(tok, idx) if own is None else None
    if named is not None:
        # "Director of National Intelligence James Clapper said": the parser made the title the subject
        # and the name the end of its "of" phrase; the title, with its "of" phrase, is the role
        ent = idx.ent_of.get(named.i)
        start = ent.start if ent is not None else named.i - 1
        raw = analyze_np(named, idx) if ent is not None else None
        if raw is None or raw.kind != "person":
            words = tuple(t.text for t in doc[start : named.i + 1])
            raw = RawSpeaker(_clean(doc[start : named.i + 1].text), doc[start].idx, words, "person")
        raw.role = _clean(doc[tok.i : start].text)
        body = next((e for e in doc.ents if tok.i < e.start and e.end <= start), None)
        raw.org = _strip_the(body.text) if body is not None and body.label_ == "ORG" else None
        raw.mention = _clean(doc[tok.i : named.i + 1].text)
        raw.pos = tok.idx
        return raw
    if own is None:
        # "His MP, Sarah Green,": the appositive names the person, the head is the role
        for c in tok.children:
            if c.dep_ == "appos":
                sp = idx.name_span(c)
                if sp and sp[2] in PERSON_LABELS:
                    role_noun, tok = tok, c
                    break
    span = idx.name_span(tok)
    if span is not None and idx.in_party_tag(span[0]):
        # "Del. Jane Doe (D-Newport News)" headed by the seat: the name before the bracket speaks
        named = [t for t in tok.subtree if t.i < span[0] and t.ent_type_ in PERSON_LABELS]
        if not named:
            return None
        tok, low = named[-1], named[-1].lower_
        span = idx.name_span(tok)
    excluded = _excluded_subtree(tok)
    if span is None and low == "office":
        # "Sen. Jane Doe's office said": the person speaks through her office
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        sp = idx.name_span(owner) if owner is not None else None
        if sp is not None and sp[2] in PERSON_LABELS:
            return analyze_np(doc[sp[1] - 1], idx)
    if span is None and low in FOLLOWING_NOUNS:
        # "the Trump campaign said", "the Obama administration", "Clinton's team": the body that a
        # person leads speaks, not the person
        for c in tok.lefts:
            sp = idx.name_span(c) if c.dep_ in ("compound", "poss") else None
            # (the tagger often calls the leader's surname alone an organisation here)
            if sp and (
                sp[2] in PERSON_LABELS or (sp[2] == "ORG" and sp[1] - sp[0] == 1 and doc[sp[0]].is_title)
            ):
                leader = doc[sp[0] : sp[1]].text
                leader = leader[:-2] if leader.endswith(("'s", "’s")) else leader
                name = f"{leader.split()[-1]} {low}"
                return RawSpeaker(
                    _clean(doc[tok.left_edge.i : tok.i + 1].text), tok.idx, (name,), "organisation"
                )
    if span is None:
        # common noun: an appositive name, a named person inside the phrase, a spokesperson for an
        # organisation, a generic organisation noun, or an unnamed human speaker
        target = None
        for c in tok.children:
            span_c = idx.name_span(c) if c.dep_ == "appos" else None
            # ("Scott's niece, Del. Jane Doe (D-Newport News)": a party and seat in brackets names no one;
            # "his book 'The Art of the Deal'": a title names a work, not its author)
            if span_c and not idx.in_party_tag(span_c[0]) and not _titles_a_work(c, span_c):
                target = c
                break
        if target is None and tok.right_edge.i - tok.left_edge.i <= _MAX_NP:
            for t in tok.subtree:
                if t.i in excluded or t.i == tok.i:
                    continue
                ent = idx.ent_of.get(t.i)
                if (
                    ent is not None
                    and (ent.label_ in PERSON_LABELS or _person_set_off_by_a_role(t, ent, tok))
                    and t.i == ent.end - 1
                    and (t.dep_ == "appos" or t.head.dep_ == "appos" or t.head.i == tok.i)
                    # "Clinton's communications director": whose director, not who speaks
                    # "Scott's niece": whose relative, not who speaks
                    and not (
                        t.dep_ == "poss"
                        and t.head.i == tok.i
                        and (low in DESCRIBED_ROLES or low in RELATION_NOUNS)
                    )
                ):
                    target = t
                    break
        if target is None:
            target = _name_set_off_after_a_clause(tok, idx, excluded)
        if target is None:
            mention = _clean(doc[tok.left_edge.i : tok.i + 1].text)
            if low in SPOKES_NOUNS or low in STATEMENT_NOUNS:
                for c in tok.rights:
                    if c.dep_ == "prep" and c.lower_ in ("for", "of", "from", "at"):
                        pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                        if pobj is None:
                            continue
                        mention = _clean(doc[tok.left_edge.i : pobj.i + 1].text)
                        sp = idx.name_span(pobj)
                        if sp and sp[2] in ORG_LABELS:
                            name = _strip_the(doc[sp[0] : sp[1]].text)
                            return RawSpeaker(mention, tok.idx, (name,), "organisation", role=tok.text)
                        if pobj.lower_ in ORG_NOUNS:
                            # "a statement from the Saudi foreign ministry": that country's body
                            name = _national_body(pobj, idx)
                            if name is not None:
                                return RawSpeaker(mention, tok.idx, (name,), "organisation")
                            return RawSpeaker(mention, tok.idx, kind="organisation", org_noun=pobj.lower_)
                # "a Treasury Department spokesperson", "the ministry's spokesman"
                for c in tok.lefts:
                    sp = idx.name_span(c) if c.dep_ in ("compound", "poss", "nmod") else None
                    if sp and sp[2] in ORG_LABELS:
                        name = _strip_the(doc[sp[0] : sp[1]].text)
                        return RawSpeaker(mention, tok.idx, (name,), "organisation", role=tok.text)
                    if c.dep_ in ("poss", "compound") and c.lower_ in ORG_NOUNS:  # "a council spokeswoman"
                        return RawSpeaker(mention, tok.idx, kind="organisation", org_noun=c.lower_)
                if low in STATEMENT_NOUNS and any(c.lower_ == "the" for c in tok.children):
                    return RawSpeaker(mention, tok.idx, unnamed=True, statement=True)
                return RawSpeaker(mention, tok.idx, unnamed=True, spokes=True)
            if low in PUBLICATION_NOUNS:
                # "the IMF report stated", "a Pentagon study found": the body named as its author
                for c in tok.lefts:
                    sp = idx.name_span(c) if c.dep_ in ("compound", "poss", "nmod") else None
                    if sp and sp[2] in ORG_LABELS:
                        name = _strip_the(doc[sp[0] : sp[1]].text)
                        return RawSpeaker(mention, tok.idx, (name,), "organisation")
                # "A report by the International Crisis Group warned": its author
                for c in tok.rights:
                    pobj = (
                        next((x for x in c.children if x.dep_ == "pobj"), None) if c.dep_ == "prep" else None
                    )
                    sp = idx.name_span(pobj) if pobj is not None and c.lower_ in ("by", "from") else None
                    if sp and sp[2] in ORG_LABELS and sp[2] not in ("GPE", "NORP"):
                        name = _strip_the(doc[sp[0] : sp[1]].text)
                        return RawSpeaker(mention, tok.idx, (name,), "organisation")
                # "The report, released by Human Rights Watch on Tuesday, said": its publisher
                for c in tok.rights:
                    agent = (
                        next((x for x in c.children if x.dep_ == "agent"), None) if c.dep_ == "acl" else None
                    )
                    pobj = next((x for x in agent.children if x.dep_ == "pobj"), None) if agent else None
                    sp = idx.name_span(pobj) if pobj is not None else None
                    if sp and sp[2] in ORG_LABELS and sp[2] not in ("GPE", "NORP"):
                        name = _strip_the(doc[sp[0] : sp[1]].text)
                        return RawSpeaker(mention, tok.idx, (name,), "organisation")
            has_the = any(c.dep_ in ("det", "poss") for c in tok.children)
            if low in ORG_NOUNS and has_the:
                name = _national_body(tok, idx)
                if name is not None:
                    return RawSpeaker(mention, tok.idx, (name,), "organisation")
                # positioned at the phrase's start: "the Oslo-listed company" is not "Oslo"
                return RawSpeaker(mention, doc[tok.left_edge.i].idx, kind="organisation", org_noun=low)
            if (low in TITLES or low in DESCRIBED_ROLES) and any(
                c.lower_ == "the" or c.dep_ == "poss" for c in tok.children
            ):
                # "the Republican nominee said", "Clinton's communications director said": the person
                # the article gave that role
                return RawSpeaker(mention, tok.idx, unnamed=True, role_noun=low)
            if any(c.lower_ == "the" for c in tok.children) and _aged(tok):
                return RawSpeaker(mention, tok.idx, unnamed=True, epithet=True)
            base = low[:-1] if low.endswith("s") else low
            if (
                low in HUMAN_NOUNS
                or base in HUMAN_NOUNS
                # "the three countries said" (the pipeline has no lemmatizer: "-ies" by hand)
                or (low[:-3] + "y" if low.endswith("ies") else base) in GROUP_NOUNS
                or low.endswith(("ists", "ers", "ians", "ors"))
            ):
                return RawSpeaker(mention, tok.idx, unnamed=True)
            return None
        role_noun = tok
        tok = target
        span = idx.name_span(tok)
        if span is None:
            return None
    s, e, label = span
    toks = trim_name([doc[i] for i in range(s, e)], idx.names)
    if not toks:
        # a headline's words, a dateline, a common word: no name, and no one to look for
        return RawSpeaker(_clean(doc[s:e].text), doc[s].idx, unnamed=True)
    trimmed = toks[0].i > s  # "Said Ellis": the word before the name is no title either
    s, e = toks[0].i, toks[-1].i + 1
    mention_start = s
    # titles written before the name, inside the noun phrase: "US Secretary of State Antony Blinken"
    prefix = []
    if role_noun is None and not trimmed:
        j = s - 1
        while j >= tok.left_edge.i and j >= tok.sent.start:
            t = doc[j]
            if t.pos_ == "PUNCT" or t.dep_ in ("det", "poss", "case") or t.i in excluded:
                break
            prefix.append(t)
            j -= 1
        prefix.reverse()
        if prefix:
            mention_start = prefix[0].i
    if label in ORG_LABELS and (
        toks[0].text.lower().rstrip(".") in HONORIFICS
        or any(t.text.lower().rstrip(".") in HONORIFICS for t in prefix)
        or (
            label == "ORG"
            and prefix
            # ("regional governor Anna Berg", "German Chancellor Olaf Scholz")
            and (prefix[-1].is_lower or prefix[-1].is_title)
            and prefix[-1].lower_ in TITLES
            and 2 <= len(toks) <= 3
            and all(t.is_title for t in toks)
            and not any(t.text.lower() in ORG_NAME_WORDS for t in toks)
        )
    ):
        # "Ms Petra Holm", "regional governor Anna Berg" tagged as an organisation
        label = "PERSON"
    elif label == "ORG" and person_shaped(name_words(toks), ORG_NAME_WORDS):
        label = "PERSON"  # "Ana R. Lopes", "Jean-Luc Marchand" tagged as an organisation
    elif (
        label == "ORG"
        and len(toks) == 2
        and span[1] - span[0] == 2  # the tagger's whole name, not two words of a headline's "name"
        and all(t.is_title and t.is_alpha for t in toks)
        and first_name_gender(toks[0].text) is not None
        and not any(t.lower_ in ORG_NAME_WORDS for t in toks)
    ):
        label = "PERSON"  # "Hanna Voss said", a first name and a surname tagged as an organisation
    elif (
        label in ORG_LABELS
        and 2 <= len(name_like := _name_like(toks)) <= (3 if len(name_like) == len(toks) else 4)
        and (
            # A place is not "of" an institute; a rare name the tagger took for one is, and so is a place
            # set off as a post's holder ("The Conservative leader, Kemi Badenoch, said").
            _affiliated(tok, idx)
            or (
                role_noun is not None
                and tok.i in idx.ent_of
                and _person_set_off_by_a_role(tok, idx.ent_of[tok.i], role_noun)
            )
            if label in ("GPE", "NORP")
            else _affiliated(tok, idx) or (role_noun is not None and role_noun.lower_ not in ORG_NOUNS)
        )
        and not any(t.text.lower() in ORG_NAME_WORDS for t in toks)
        and all(t.is_title for t in name_like)
    ):
        label = "PERSON"  # "Nadia Kovac of the Danube Institute" tagged as an organisation or a place
    if label is None and toks[-1].lower_ in PLACE_WORDS and len(toks) > 1:
        # "Downing Street said", untagged: a place, and the office known by it, is no person
        label = "FAC"
    if (
        label == "NORP"
        and tok.i == e - 1
        and not tok.lower_.endswith("s")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    ):
        # "the South Carolina Republican said", "the Frenchman added": the person in focus, described
        return RawSpeaker(_clean(doc[tok.left_edge.i : tok.i + 1].text), tok.idx, unnamed=True, epithet=True)
    if label in ORG_LABELS:
        name = _strip_the(doc[s:e].text)
        if not name:
            return None
        joint = _conjoined_names(tok, idx)
        if joint is not None and len(joint) == 1:
            return RawSpeaker(joint[0], doc[mention_start].idx, (joint[0],), "organisation")
        if joint is not None:
            # "Germany and France said": both speak, the first named the speaker, the others with it
            return RawSpeaker(
                ", ".join(joint[:-1]) + " and " + joint[-1],
                doc[mention_start].idx,
                (joint[0],),
                "organisation",
                place=label in ("GPE", "NORP"),
                joint_bodies=tuple(joint[1:]),
            )
        # a surname the tagger took for an organisation ("Now the country's top prosecutor, Lynch
        # rose ..."): the role goes with it, should it turn out to be a person's
        role, org = _fronted_role(tok, s, idx) if label == "ORG" and e - s == 1 else (None, None)
        if label == "ORG":
            name = _country_of_a_portfolio(name, tok, s, idx) or name
        return RawSpeaker(
            _clean(doc[mention_start:e].text),
            doc[mention_start].idx,
            (name,),
            "organisation",
            role,
            org,
            place=label in ("GPE", "NORP"),
        )
    name_toks, titles, gender = _strip_titles(toks)
    words = name_words(name_toks)
    if not words:
        return None
    if label is None and all(w.lower() in TITLES or w.lower() in HUMAN_NOUNS for w in words):
        if s > 0 and doc[s - 1].lower_ == "the" and words[-1].lower() in TITLES:
            # "the Foreign Secretary said": the person the article gave that title
            mention = _clean(doc[s - 1 : e].text)
            return RawSpeaker(mention, doc[s - 1].idx, unnamed=True, role_noun=words[-1].lower())
        return RawSpeaker(_clean(doc[s:e].text), doc[s].idx, unnamed=True)  # "Minister says ..."
    role = None
    honor = [t for t in prefix if t.text.lower().rstrip(".") in HONORIFICS]
    if honor:
        gender = gender or GENDER_BY_HONORIFIC.get(honor[-1].text.lower().rstrip("."))
        prefix = [t for t in prefix if t not in honor]
    org = None
    # the role written before the name: the words that describe, up to a word that does not
    # ("when Smith", "the new Smith", "rival Smith" are no roles)
    described = (
        _described_before(s, tok, excluded, doc) if role_noun is None and not _headline(tok.sent) else []
    )
    if described and not _is_role_noun(described[-1]):
        described = []
    if not described and not titles and role_noun is None and not _headline(tok.sent):
        described = _title_written_before(s, tok.sent)
    if described or titles:
        role, org = split_role([*described, *titles], idx)
    if role is None:
        role = _title_shared_by_a_list(tok, idx)
    if role_noun is None and tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and not tok.head.ent_type_:
        role_noun = tok.head  # "his MP, Sarah Green,"
    works_for_noun = None
    served_first = False  # the body named by its noun comes before the organisation found
    described_by = None
    if role_noun is not None:
        role, org = _role_from_noun(role_noun, idx)
        if not is_job_noun(role_noun):
            role = None  # "a memorable ad, Jane Doe ...": a misparse, no role
        owner = next(
            (
                c
                for c in role_noun.children
                if c.dep_ == "poss" and (c.lower_ in ORG_NOUNS or c.lower_ == IN_FOCUS)
            ),
            None,
        )
        works_for_noun = owner.lower_ if owner is not None else None
        if (
            works_for_noun is None
            and org is None
            and role_noun.lower_ in SPOKES_NOUNS
            and any(c.dep_ == "det" for c in role_noun.children)
        ):
            works_for_noun = IN_FOCUS  # "The ministry said ... A spokesman, Jan Novak, added": its spokesman
    elif described and org is None and described[0].i > 0 and doc[described[0].i - 1].lower_ == IN_FOCUS:
        works_for_noun = IN_FOCUS  # "its spokesman Eric Mamer told reporters"
    for c in tok.children:
        if (
            c.dep_ == "appos"
            and c.pos_ in ("NOUN", "PROPN")
            and (
                (idx.name_span(c) is None and not c.ent_type_)
                # "X, the ranking Democrat on the Y Committee,": a party member's role
                or (c.ent_type_ == "NORP" and any(x.dep_ == "det" for x in c.children))
            )
            and not any(x.dep_ == "nummod" for x in c.children)
            # "Podesta and Todd Stern, the State Department's climate envoy,": the parser hangs the
            # description on the first of the two; it is the second's (but "sociologists at ..." both's)
            and not (c.tag_ == "NN" and any(x.dep_ == "conj" and x.i < c.i for x in tok.children))
            # "For Jane Doe, the Kremlin's turn east was never a choice": a description closes with a
            # comma or the sentence; one running into a verb is that verb's subject, unless it names a
            # post ("X, a spokesman for Y told the Post", the comma forgotten)
            and not (
                not is_job_noun(c)
                and c.right_edge.pos_ != "PUNCT"
                and c.right_edge.i + 1 < len(doc)
                and doc[c.right_edge.i + 1].pos_ in ("VERB", "AUX")
            )
        ):
            r, o = _role_from_noun(c, idx)
            role = r or role
            org = o or org
            described_by = c
            served = _served_body(c)
            if served is not None:
                # "X, an outside adviser to the campaign ... and a professor at Y,": the body the
                # role serves (the one in focus), before the one of the role after it
                works_for_noun, served_first = served, True
            elif org is None:
                # "X, the campaign's press secretary,": works for the campaign in focus
                owner = next((x for x in c.children if x.dep_ == "poss" and x.lower_ in ORG_NOUNS), None)
                works_for_noun = owner.lower_ if owner is not None else works_for_noun
            break
        if c.dep_ == "appos" and c.lower_ == "one":
            # "X, one of the president's closest aides,": the role is among the many
            of = next((x for x in c.children if x.dep_ == "prep" and x.lower_ == "of"), None)
            pobj = next((x for x in of.children if x.dep_ == "pobj"), None) if of is not None else None
            if (
                pobj is not None
                and pobj.tag_ == "NNS"
                and pobj.lower_.removesuffix("s") not in RELATION_NOUNS
                and not pobj.ent_type_
            ):
                _r, o = _role_from_noun(pobj, idx)
                role = _clean(doc[c.i : pobj.i + 1].text)
                org = o or org
                break
    if role is None:
        # "A former state senator, Jane Doe said ...": the noun phrase put before the subject
        role, o = _fronted_role(tok, s, idx)
        org = org or o
    if role is None or org is None or is_affiliation(org):
        # "X, who served as ...", "X, an economist who is now president of Y"
        r, o = role_in_relative_clause(tok, idx)
        if r is None and o is None and described_by is not None:
            r, o = role_in_relative_clause(described_by, idx)
        role = role or r
        org = o if o and (org is None or is_affiliation(org)) else org
    # "Sen. Jane Doe (D-Ore.)": the party and state of a legislator
    after = _PARTY_STATE_AFTER.match(idx.text, doc[e - 1].idx + len(doc[e - 1].text))
    if after is not None and org is None:
        # (as the party, not as a role: the person keeps no title that "the senator" would need)
        org = _PARTY_OF_LETTER.get(after.group(1)[0])
    if org is None or is_affiliation(org):
        # a name in an object ("a mentor to X at Y") is not said to be of the place it stands beside
        own_phrase = tok.dep_ != "pobj" or (tok.head.lower_ == "to" and tok.head.head.lower_ == "according")
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in (("of", "at", "from", "for") if own_phrase else ("of",)):
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    sp = idx.name_span(pobj)
                    if c.lower_ == "for" and (sp is None or sp[2] != "ORG"):
                        continue  # "wrote Jane Doe for the Daily Ledger", not "for years"
                    # "Sen. Jane Doe of Ohio", "Ana Ortega, of Marlow, said": a state, a town or a
                    # constituency is where from, not an organisation
                    if sp is None or sp[2] not in (*PERSON_LABELS, "GPE", "LOC"):
                        found = org_text(pobj, idx)
                        if found:
                            org = found
                            break
    if org is None or is_affiliation(org):
        org = _org_in_relative_clause(tok, idx) or org
    first = doc[tok.sent.start]
    if org is None and tok.dep_ == "nsubj" and first.lower_ == "writing" and doc[s - 1].text == ",":
        # "Writing for the Daily Ledger, Jane Doe argued ...": the outlet of a columnist (the parser
        # often hangs the participle anywhere)
        prep = next((x for x in first.children if x.dep_ == "prep" and x.lower_ in ("for", "in")), None)
        pobj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None and pobj.i < s:
            org = org_text(pobj, idx)
    if org is None and tok.dep_ == "nsubj" and tok.head.lower_ in _WRITES:
        # "wrote Jane Doe for the Daily Ledger": the outlet of a byline
        for c in tok.head.children:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None) if c.dep_ == "prep" else None
            sp = idx.name_span(pobj) if pobj is not None and c.lower_ == "for" and c.i > tok.i else None
            if sp is not None and sp[2] in ("ORG", None):
                org = _strip_the(doc[sp[0] : sp[1]].text) or None
                break
    if org is None or is_affiliation(org):
        # "the Ledger's Jane Doe", "NBC's John Roe": the organisation the person works for
        owner = next(
            (
                c
                for c in tok.children
                if c.dep_ == "poss"
                or (c.dep_ == "compound" and any(x.dep_ == "case" for x in c.children))  # "NBC’s"
            ),
            None,
        )
        sp = idx.name_span(owner) if owner is not None else None
        if sp is not None and _names_a_body(owner, sp):
            org = _strip_the(doc[sp[0] : sp[1]].text) or org
    in_office = False
    if (org is None or is_affiliation(org) or _names_a_portfolio(org)) and described:
        # ("Pakistan's Foreign Office spokesperson": a portfolio's body is its country's)
        owner, in_office = _owner_of_the_title(described, idx)
        org = owner or org
    kind = "person"
    if label is None:
        last = words[-1].lower()
        if last in ORG_NAME_WORDS and not titles and gender is None:
            kind = "organisation"
    if (
        (label is None or label in PERSON_LABELS)
        and s > 0
        and doc[s - 1].lower_ == "the"
        and words[-1].lower() in _BODY_NAME_ENDS
        and gender is None
        and not titles
    ):
        kind = "organisation"  # "the Obama White House": no person's name takes "the" and a body's word
    if prefix and prefix[-1].lower_ in ORG_NOUNS and gender is None and not titles:
        kind = "organisation"  # "consumer group Drivewise", "the carmaker Tavora"
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5 and gender is None and not role:
        kind = "organisation"  # "KNB reported": initials are an organisation's name
    if len(words) == 1 and gender is None and not titles and not_a_person(words[0]):
        kind = "organisation"  # "FactFinder said", "Instagram announced": a website's or a platform's name
    if (
        len(words) == 1
        and s > 0
        and doc[s - 1].lower_ == "the"
        and words[0].endswith("s")
        and not words[0].endswith("ss")
        and not role
        and not _a_familys_name(words[0], doc)
    ):
        kind = "organisation"  # "the Houthis said": a movement named by its members (not "the Clintons")
    if len(words) == 1 and label in PERSON_LABELS:
        words = shared_surname(tok, idx, words)  # "Ana and Luis Ortega": Ana Ortega
    if kind == "organisation":
        s = _first_words_before_and(s, tok)
        return RawSpeaker(_clean(doc[s:e].text), doc[s].idx, (_strip_the(doc[s:e].text),), "organisation")
    if org is not None and set(org.replace("’s", "").replace("'s", "").split()) <= set(words):
        org = None  # the person's own name is not an organisation they belong to
    if org is None and role is None and tok.dep_ in ("poss", "compound") and tok.head.lower_ in _OWN_BODIES:
        # "the Okafor campaign", "Okafor's presidential campaign": the person runs for office (or
        # holds it: "the Okafor administration")
        org = _strip_the(doc[s : tok.head.i + 1].text)
    mention = _clean(doc[mention_start:e].text) if role_noun is None else _clean(doc[s:e].text)
    if mention.endswith(("’s", "'s")):
        mention = mention[:-2]
    return RawSpeaker(
        mention,
        doc[mention_start].idx,
        words,
        "person",
        role,
        org,
        gender=gender,
        works_for_noun=works_for_noun if org is None or served_first else None,
        serves=works_for_noun if served_first else None,
        in_office=in_office,
    )


def _names_a_body(owner, sp) -> bool:
    """The possessive before a person's name (its span ``sp``) names a body: tagged one, or a name of two
    words or more that ends in a body's word the tagger missed ("Chatham House's Jane Doe")."""
    return sp[2] in ("ORG", "FAC") or (
        sp[2] is None and owner.lower_ in _OWNING_BODY_WORDS and sp[1] - sp[0] >= 2
    )


# The last word of a body's name the tagger may miss ("Chatham House", "the World Bank")
_OWNING_BODY_WORDS = ORG_NAME_WORDS | {"house"}


def _owner_of_the_title(described, idx: DocIndex) -> tuple[str | None, bool]:
    """The body or country whose title a name carries ("The European Union's foreign policy chief Jane
    Doe", "Iran's Foreign Minister X"), and whether it is a country's public office (a country owns no
    other title: "Iran's top diplomat", not "Iran's richest man")."""
    doc = idx.doc
    first = described[0].i
    holders = [*described, described[-1].head]  # ("Britain's" hangs on the title or on the name)
    owner = next((c for t in holders for c in t.children if c.dep_ == "poss" and c.i < first), None)
    sp = idx.name_span(owner) if owner is not None else None
    if sp is None or owner.i + 1 >= len(doc) or doc[owner.i + 1].tag_ != "POS" or sp[1] > owner.i + 2:
        return None, False
    name = _strip_the(doc[sp[0] : owner.i + 1].text) or None
    if sp[2] == "ORG":
        return name, False
    head = described[-1].lower_.rstrip(".")
    if sp[2] == "GPE" and (head in _GOVERNMENT_ROLES or head in OFFICIAL_WORDS):
        body = _body_named_in_role(described)
        if body is not None:
            return _clean(doc[sp[0] : body.i + 1].text), True  # "Qatar's foreign ministry spokesman"
        return name, True
    return None, False


def _vocab_hit(words: set[str], text: str, vocab) -> bool:
    """A one-word entry among the words, or a several-word entry inside the text."""
    return any((w in words) if " " not in w else (f" {w} " in text) for w in vocab)


def _norm_words(s: str, plurals: bool = True) -> tuple[set[str], str]:
    """Lower-case words of a role or a name (hyphenated words also by their parts: 'vice-presidential'),
    and the text with single spaces and without full stops, padded with spaces for phrase search."""
    text = s.lower().replace("’", "'").replace(".", " ")
    words = set()
    for w in re.split(r"[\s,/()]+", text):
        w = w.strip("'\"")
        if w:
            words.add(w)
            if plurals and w.endswith("s") and len(w) > 3:
                words.add(w[:-1])  # "one of the president's aides"
            if "-" in w:
                words.update(x for x in w.split("-") if x)
    return words, " " + " ".join(re.split(r"[\s,/()-]+", text)).strip() + " "


_STUDENT_WORDS = {"student", "students", "undergraduate", "pupil", "schoolboy", "schoolgirl"}
# Role words that name a public body, whatever the title: "campaign manager", "city attorney",
# "panel chairman", "state senator".
_PUBLIC_ROLE_WORDS = OFFICIAL_BODY_WORDS | {"city", "panel", "federal", "municipal", "presidential"}
# A party and state after a US legislator's name: "(D-Calif.)", "R-Texas"
_PARTY_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z. ]*")


def _is_place(name: str) -> bool:
    """A state or a country whose legislature is its "House" ("Ohio House", "U.S. House", "UK House")."""
    return name.lower().replace(".", "") in US_STATES or name.replace(".", "").isupper()


_NAMED_HOUSE = re.compile(r"(?:[Tt]he )?(?P<name>[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*)*) House")
_PUBLIC_HOUSES = {"White", "State", "Government"}


def org_kind(org: str | None) -> str | None:
    """What an organisation's people are, by its name: expert (a university, an institute), official
    (a government body, a party, a campaign), other (a business, a union, a church), journalist (a
    newspaper, a broadcaster), or None when the name does not say."""
    if not org:
        return None
    named_house = _NAMED_HOUSE.fullmatch(org.strip())
    if (
        named_house
        and named_house.group("name").split()[-1] not in _PUBLIC_HOUSES
        and not _is_place(named_house.group("name"))
    ):
        # "Chatham House", "Freedom House", "Random House": a building's name, no legislature (but
        # "the White House", "the House", "House of Commons", "State House")
        return org_kind(named_house.group("name"))
    words, text = _norm_words(org, plurals=False)
    if _vocab_hit(words, text, EXPERT_ORG_WORDS) or "forum" in words:
        return "expert"
    if _vocab_hit(words, text, OFFICIAL_BODY_WORDS):
        return "official"
    if _vocab_hit(words, text, OTHER_ORG_WORDS):
        return "other"
    if _vocab_hit(words, text, MEDIA_ORG_WORDS):
        return "journalist"
    return None


# "General" that is part of a post's title, not an officer's rank: the body says what its holder is.
_GENERAL_OF_A_TITLE = re.compile(r" (?:director|inspector|postmaster|solicitor|consul|surgeon) general ")


def person_kind(role: str | None, org: str | None) -> str:
    """expert, official, journalist or other, from the role and the organisation as stated."""
    words, text = _norm_words(role or "")
    if org is not None and _GENERAL_OF_A_TITLE.search(text):
        words = words - {"general"}  # "deputy director-general of the Y Institute": the body tells
    where = org_kind(org)
    if words & _STUDENT_WORDS:
        return "other"  # a university's student is no expert
    if _vocab_hit(words, text, JOURNALIST_WORDS) or ("writer" in words and where == "journalist"):
        return "journalist"
    if where == "official":
        return "official"  # the economist of a ministry, the adviser of a campaign
    if _vocab_hit(words, text, EXPERT_WORDS) or (words & _RESEARCH_UNITS and where in (None, "expert")):
        return "expert"  # ("director of the Middle East Program at X": a research programme's)
    if (
        _vocab_hit(words, text, OFFICIAL_WORDS)
        or _vocab_hit(words, text, _PUBLIC_ROLE_WORDS)
        or words & PARTY_WORDS
        or (role is not None and _PARTY_STATE.fullmatch(role.strip()))
    ):
        return "official"
    if words & GENERIC_POSITIONS:
        if where is not None:
            return where
        if org is None:
            return "official" if words & PUBLIC_BY_DEFAULT else "other"
        # an organisation whose name does not tell: its spokesman speaks for a public body as often
        return "official" if words & _SPEAKS_FOR else "other"
    return where or "other"


_RESEARCH_UNITS = {"program", "programme"}


# Staff who speak or work for a public figure: with an organisation whose name does not tell (often
# the figure: "Okafor spokesman"), they are officials; a chief executive or founder is not.
_SPEAKS_FOR = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "adviser",
    "advisor",
    "aide",
    "strategist",
    "communications",
    "communication",
    "press",
    "speechwriter",
}


@dataclass(eq=False)
class Entity:
    name: str
    kind: str
    words: tuple[str, ...] = ()
    role: str | None = None
    org: str | None = None
    gender: str | None = None
    aliases: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    place: bool = False
    surname_mentions: int = 0  # times called by the surname alone
    # what the article shows the person to be where no role says it: "official" for a candidate
    # ("his campaign"), "journalist" for one who writes for an outlet or asks a transcript's questions
    kind_hint: str | None = None
    serves: str | None = None  # "an adviser to the campaign" before any campaign was named: "campaign"

    @property
    def name_gender(self) -> str | None:
        """'f' or 'm' from a common first name (a weak signal), or None."""
        if self.kind != "person" or len(self.words) < 2:
            return None
        return first_name_gender(self.words[0])

    def seen(self, pos: int, alias: str | None = None) -> None:
        k = bisect_left(self.positions, pos)
        if k >= len(self.positions) or self.positions[k] != pos:
            self.positions.insert(k, pos)
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def last_before(self, pos: int) -> int:
        k = bisect_left(self.positions, pos + 1)
        return self.positions[k - 1] if k else -1


# Words that make a post another, lesser one: "vice president", "deputy minister"
_LESSER_POSTS = {"vice", "deputy", "assistant", "under", "associate"}

# A title as written before a name, in full: "Sen. Ted Cruz" is "the senator" later
_TITLE_IN_FULL = {
    "sen.": "senator",
    "rep.": "representative",
    "gov.": "governor",
    "lt.": "lieutenant",
    "gen.": "general",
    "sgt.": "sergeant",
    "det.": "detective",
    "supt.": "superintendent",
    "amb.": "ambassador",
    "pres.": "president",
    "sec.": "secretary",
}

# Characters: a person introduced this near, when the namesake was last met that far back
_NEAR, _FAR = 1500, 4000


def _ends_a_longer_name(name: str, word: str) -> bool:
    """'Times' of 'New York Times'; not 'Facebook' of 'Alphabet and Facebook', a list read as one name."""
    words = name.lower().split()
    return len(words) >= 2 and words[-1] == word and words[-2] not in ("and", "&")


# Honorifics written before a first name alone ("Sir Keir", "Dame Margaret", "Sheikh Mohammed")
_FIRST_NAME_HONORIFICS = {"sir", "dame", "sheikh", "sheikha"}


class Registry:
    """The people and organisations of one article; mentions merge by name with care."""

    def __init__(self) -> None:
        self.persons: list[Entity] = []
        self.orgs: dict[str, Entity] = {}
        self.orgs_by_first: dict[str, list[Entity]] = {}  # by the first word of the name
        self.by_last: dict[str, list[Entity]] = {}
        self.led_bodies: dict[str, str] = {}  # surname -> "Okafor campaign"

    def _recent(self, cands: list[Entity], pos: int) -> Entity:
        before = [c for c in cands if c.last_before(pos) >= 0]
        if before:
            return max(before, key=lambda c: c.last_before(pos))
        return min(cands, key=lambda c: c.positions[0] if c.positions else 0)

    def person(
        self, words: tuple[str, ...], pos: int, alias: str | None = None, gender=None, role=None, org=None
    ):
        last = words[-1].lower()
        cands = self.by_last.get(last, [])
        ent = None
        # "ten Hag", "van Dijk": a surname with its particle, not a first name and a surname
        surname_only = words[0].lower() in _NAME_PARTICLES
        if len(words) >= 2 and not surname_only:
            first = words[0].lower().rstrip(".")
            full = [c for c in cands if len(c.words) >= 2]
            for c in sorted(full, key=lambda c: -c.last_before(pos)):
                cf = c.words[0].lower().rstrip(".")
                if cf == first or ((len(first) == 1 or len(cf) == 1) and cf[0] == first[0]):
                    ent = c
                    break
            if ent is None:
                # "Mr. Doe" does not become "Jane Doe": a first name of the other gender is someone else
                by_name = first_name_gender(words[0])
                singles = [
                    c
                    for c in cands
                    if len(c.words) == 1 and not (by_name and c.gender and c.gender != by_name)
                ]
                if singles and not full:
                    ent = singles[0]
                    ent.aliases.append(ent.name)
                    ent.words = words
                    ent.name = " ".join(words)
        elif cands:
            compatible = [
                c for c in cands if not (gender and (c.gender or c.name_gender) not in (None, gender))
            ]
            known = [c for c in compatible if gender and (c.gender or c.name_gender) == gender]
            ent = self._by_surname(known or compatible or cands, pos)
        elif not surname_only and (
            (gender is None and not role) or (alias or "").split(" ")[0].lower() in _FIRST_NAME_HONORIFICS
        ):
            # "Arthur said", after "Arthur Penhaligon", and "Sir Keir" after "Sir Keir Starmer" (an
            # honorific that goes before a first name): the person of the article with that first name (a
            # family name written first, "Kim" of "Kim Yo Jong" and of "Kim Jong Un": the principal)
            named = [c for c in self.persons if len(c.words) >= 2 and c.words[0].lower() == last]
            ent = self._by_surname(named, pos) if named else None
        if ent is None:
            ent = Entity(" ".join(words), "person", words)
            self.persons.append(ent)
            self.by_last.setdefault(last, []).append(ent)
            particle, _, bare = last.partition("-")
            if bare and particle in _NAME_PARTICLES:
                self.by_last.setdefault(bare, []).append(ent)  # "al-Ansari" is "Ansari" later on
        if len(words) == 1:
            ent.surname_mentions += 1
        ent.seen(pos, alias)
        ent.gender = ent.gender or gender
        # a surname alone may have joined the wrong one of two people of that name ("President Bush"
        # to the former first lady): it does not change a role already given
        sure = len(words) >= 2 or len(self.by_last.get(last, ())) == 1
        self.describe(ent, role, org, sure=sure)
        if ent.org is None and last in self.led_bodies and len(self.by_last.get(last, ())) == 1:
            ent.org = self.led_bodies[last]  # "the Okafor campaign" was named before Paul Okafor
        ent.org = self._expanded(ent.org)
        return ent

    @staticmethod
    def describe(ent: Entity, role: str | None, org: str | None, *, sure: bool = True) -> None:
        """Give a person the role and organisation a mention states, where they say more than what
        is known already."""
        if role and (
            ent.role is None
            # "rival Donald Trump" first, "Republican nominee Donald Trump" later: the role that says
            # what the person is wins over one that does not
            or (
                sure
                and person_kind(ent.role, ent.org) == "other"
                and person_kind(role, org or ent.org) != "other"
            )
        ):
            ent.role = role
        if org and (ent.org is None or (is_affiliation(ent.org) and not is_affiliation(org))):
            ent.org = org  # "Conservative MP Jane Doe" then "Doe, chair of the X Committee"

    def _by_surname(self, cands: list[Entity], pos: int) -> Entity:
        """A bare surname shared by several people ('Heidi Cruz' and 'Ted Cruz'): news style calls the
        principal by the surname alone and the other by a full name, so the one already called so
        wins, else the one introduced first."""
        if len(cands) == 1:
            return cands[0]
        before = [c for c in cands if c.last_before(pos) >= 0] or cands
        newest = max(before, key=lambda c: c.positions[0] if c.positions else -1)
        if (
            newest.positions
            and pos - newest.positions[0] < _NEAR
            and all(pos - c.last_before(pos) > _FAR for c in before if c is not newest)
        ):
            # a long article's later section on someone else of that name (a live blog's entry on
            # "Homeland Security Secretary Jeh Johnson", hours after one on Gary Johnson)
            return newest
        return min(before, key=lambda c: (-c.surname_mentions, c.positions[0] if c.positions else pos))

    def _expanded(self, org: str | None) -> str | None:
        """'DNC' as the article names it in full ('the Democratic National Committee'), so that
        what kind of body it is can be read from its name."""
        if not org or not (org.isupper() and org.isalpha() and 2 <= len(org) <= 6):
            return org
        for e in self.orgs.values():
            words = [w for w in e.name.split() if w[:1].isupper()]
            if len(words) == len(org) and "".join(w[0] for w in words) == org:
                return e.name
        return org

    def organisation(self, name: str, pos: int, alias: str | None = None, place: bool = False) -> Entity:
        key = name.lower()
        ent = self.orgs.get(key)
        if ent is None and not place:
            ent = self._short_form(name)
        if ent is None:
            ent = Entity(name, "organisation", (name,), place=place)
            self.orgs[key] = ent
            self.orgs_by_first.setdefault(key.split(" ", 1)[0], []).append(ent)
        ent.seen(pos, alias)
        led = _LED_BODY.fullmatch(name)
        if led and not place:
            # "the Okafor campaign": Okafor runs for office (or holds it: "the Okafor administration")
            last = led.group(1).lower()
            self.led_bodies.setdefault(last, name)
            namesakes = self.by_last.get(last, ())
            if len(namesakes) == 1:  # not the "Bush administration" to every Bush
                namesakes[0].org = namesakes[0].org or name
        for person in self.persons:
            if person.org and person.org.isupper():
                person.org = self._expanded(person.org)
        return ent

    def longer_org(self, word: str) -> Entity | None:
        """The one organisation of the article whose name starts with this word ("Tavora" of "Tavora
        Motors"), or None."""
        if any(len(e.words) > 1 or e.gender or e.role for e in self.by_last.get(word.lower(), ())):
            return None  # "Doe" of "Jane Doe" (and of the "Doe Foundation") is the person
        longer = [e for e in self.orgs_by_first.get(word.lower(), ()) if not e.place and " " in e.name]
        return longer[0] if len(longer) == 1 else None

    def _short_form(self, name: str) -> Entity | None:
        """'Veltra' after 'Veltra Energy' (or the other way round), and 'Times' after 'The New York
        Times', are the same organisation."""
        key = name.lower()
        first = key.split(" ", 1)[0]
        if " " not in key:
            longer = [e for e in self.orgs_by_first.get(key, ()) if not e.place and " " in e.name]
            if longer:
                return longer[0]
            # "Times" after "The New York Times": a name's last word, when only one body ends with it
            # (and not the last of a list the tagger read as one name: "Alphabet and Facebook")
            ending = [e for e in self.orgs.values() if not e.place and _ends_a_longer_name(e.name, key)]
            return ending[0] if len(ending) == 1 else None
        e = self.orgs.get(first)
        if e is None or e.place:
            return None
        # the short form came first: the entity takes the full name
        del self.orgs[first]
        e.aliases.append(e.name)
        e.name, e.words = name, (name,)
        self.orgs[key] = e
        return e

    def person_by_role(self, noun: str, pos: int, mention: str = "") -> Entity | None:
        """'the judge': the person named last before pos whose role has that word (as its own post:
        "the president" is not the vice president)."""
        said = set(mention.lower().replace("-", " ").split())
        cands = []
        for e in self.persons:
            words = [_TITLE_IN_FULL.get(w, w) for w in (e.role or "").lower().replace("-", " ").split()]
            at = [i for i, w in enumerate(words) if w == noun]
            if at and not any(i > 0 and words[i - 1] in _LESSER_POSTS - said for i in at):
                cands.append(e)
        cands = [e for e in cands if e.last_before(pos) >= 0]
        return max(cands, key=lambda e: e.last_before(pos)) if cands else None

    def org_by_noun(self, noun: str, pos: int) -> Entity | None:
        cands = [e for e in self.orgs.values() if noun in e.name.lower().split()]
        if not cands:
            return None
        return self._recent(cands, pos)

    def org_in_focus(
        self, pos: int, since: int, exclude: str | None = None, business: bool = False
    ) -> Entity | None:
        """The organisation (not a place) named last before pos, if named at or after since;
        business: not a public body ('the company said')."""
        best, best_pos = None, since - 1
        for e in self.orgs.values():
            if e.place or e.name == exclude:
                continue
            if business and e.name.split()[-1].lower() in PUBLIC_BODY_WORDS:
                continue
            p = e.last_before(pos - 1)
            if p > best_pos:
                best, best_pos = e, p
        return best


def is_person_like(raw: RawSpeaker) -> bool:
    return raw.kind == "person" or raw.pronoun in ("he", "she")


__all__ = [
    "DocIndex",
    "Entity",
    "RawSpeaker",
    "Registry",
    "analyze_np",
    "is_person_like",
    "org_text",
    "person_kind",
]
