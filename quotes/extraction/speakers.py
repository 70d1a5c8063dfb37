"""Speaker noun phrases: names, titles, roles, organisations; the per-article registry of entities."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from .lexicon import (
    EXPERT_ORG_WORDS,
    EXPERT_WORDS,
    GENDER_BY_HONORIFIC,
    GROUP_NOUNS,
    HONORIFICS,
    HUMAN_NOUNS,
    JOURNALIST_WORDS,
    OFFICIAL_WORDS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PRONOUNS,
    PUBLIC_BODY_WORDS,
    REL_PRONOUNS,
    SPOKES_NOUNS,
    STATEMENT_NOUNS,
    TITLES,
)
from .names import (
    NameContext,
    first_name_gender,
    name_words,
    not_a_person,
    person_shaped,
    shared_surname,
    span_text,
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
    place: bool = False  # a country, city or nationality speaking ("Iran insists")
    statement: bool = False  # "the statement said": whoever issued the statement in focus
    role_noun: str | None = None  # "the judge said": the person introduced with that title
    epithet: bool = False  # "the 26-year-old": the person in focus, described


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


class DocIndex:
    """Per-document lookups computed once: entity span of each token."""

    def __init__(self, doc):
        self.doc = doc
        self.names = NameContext(doc)
        self.ent_of: dict[int, object] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent

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
        return None


def _role_from_noun(noun, idx: DocIndex) -> tuple[str | None, str | None]:
    """Role and organisation from a common-noun phrase: 'an aviation analyst at Nordic Capital Research'."""
    mods = []
    for t in noun.lefts:
        if t.dep_ in ("compound", "amod", "nmod") and t.pos_ != "PUNCT":
            mods.extend(x for x in t.subtree if x.pos_ != "PUNCT" or x.text == "-")
    role_toks = sorted({*mods, noun}, key=lambda t: t.i)
    role = _clean(span_text(role_toks)) if role_toks else None
    org = None
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "with", "from", "in"):
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is None:
                continue
            span = idx.name_span(pobj)
            if span and span[2] in PERSON_LABELS:
                # "spokesman for President X": the whole phrase is the role
                role = _clean(idx.doc[noun.i : c.right_edge.i + 1].text)
                break
            if c.lower_ in ("in", "from") and (span is None or span[2] == "GPE"):
                continue  # "in Berlin": a place, not the organisation
            org = org_text(pobj, idx)
            if org and org.split()[-1].lower() in _SUBUNIT_WORDS:
                # "a fellow in the Nuclear Policy Program at the Carnegie Endowment": the institution,
                # whichever word the parser hung its "at" on
                later = [x for x in noun.rights if x.i > c.i and x.dep_ == "prep" and x.lower_ == "at"]
                org = _org_at(pobj, idx) or next(filter(None, (_org_at(x, idx) for x in later)), None) or org
            if org:
                break
    if org is None:
        # "a specialist on Russian foreign policy at the X Center": the parser hangs "at" on "policy"
        org = _org_at(noun, idx)
    return role, org


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
    organisation a person works at or leads, named in a relative clause on the name."""
    for clause in tok.rights:
        # Only verbs of working there: "who spoke at the Munich Security Conference" names a venue
        if clause.dep_ != "relcl" or clause.lower_ not in _LEADS | _WORKS_AT:
            continue
        org = _org_at(clause, idx)
        if org:
            return org
        if clause.lower_ in _LEADS:
            obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
            if obj is not None and (
                (idx.ent_of.get(obj.i) is not None and idx.ent_of[obj.i].label_ == "ORG")
                or _names_an_organisation(obj, idx)
            ):
                return org_text(obj, idx)
    return None


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
        return _strip_the(ent.text) or None
    doc = idx.doc
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
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i == end:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                end = pobj.i + 1
    if end == tok.i + 1 and tok.lower_ in ORG_NAME_WORDS:
        end = _name_continued(doc, end)
    if not any(doc[i].pos_ == "PROPN" for i in range(start, end)):
        return None
    return _strip_the(doc[start:end].text) or None


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


def _strip_titles(toks) -> tuple[list, list[str], str | None]:
    """Leading honorifics and titles off a name. Returns name tokens, title words kept as role, gender."""
    titles: list[str] = []
    gender = None
    i = 0
    while i < len(toks) - 1:
        w = toks[i].text.lower().rstrip(".")
        if w in HONORIFICS:
            gender = gender or GENDER_BY_HONORIFIC.get(w)
        elif w in TITLES or (w == "of" and titles):
            titles.append(toks[i].text)
        else:
            break
        i += 1
    name = list(toks[i:])
    while name and name[-1].text in _POSSESSIVE:
        name.pop()
    return name, titles, gender


def _excluded_subtree(tok):
    """Tokens of clauses hanging off a noun phrase (relative clauses etc.): not part of the speaker."""
    out = set()
    if tok.right_edge.i - tok.left_edge.i > _MAX_NP:
        return out
    for c in tok.subtree:
        if c.dep_ in ("relcl", "acl", "advcl") and c.i != tok.i:
            out.update(x.i for x in c.subtree)
    return out


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


def _conjoined_names(tok, idx: DocIndex) -> str | None:
    """'Germany and France', 'Britain, France and Germany': the names joined to tok by 'and' (a list
    hangs each name on the one before), or None."""
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
    names = []
    for t in parts:
        sp = idx.name_span(t)
        names.append(_strip_the(doc[sp[0] : sp[1]].text))
    return ", ".join(names[:-1]) + " and " + names[-1]


def analyze_np(tok, idx: DocIndex) -> RawSpeaker | None:
    """Describe the speaker noun phrase headed by tok (a subject or the object of 'according to')."""
    doc = idx.doc
    low = tok.lower_
    if low in REL_PRONOUNS and tok.head.dep_ == "relcl":
        tok = tok.head.head
        low = tok.lower_
    if tok.pos_ == "PRON" or low in PRONOUNS:
        if low in ("he", "she", "they"):
            return RawSpeaker(tok.text, tok.idx, pronoun=low)
        if low == "it" and tok.dep_ == "nsubj":
            return RawSpeaker(tok.text, tok.idx, pronoun=low)  # "it said": an organisation
        return None
    role_noun = None
    own = idx.ent_of.get(tok.i)
    if own is None:
        # "His MP, Sarah Green,": the appositive names the person, the head is the role
        for c in tok.children:
            if c.dep_ == "appos":
                sp = idx.name_span(c)
                if sp and sp[2] in PERSON_LABELS:
                    role_noun, tok = tok, c
                    break
    span = idx.name_span(tok)
    excluded = _excluded_subtree(tok)
    if span is None:
        # common noun: an appositive name, a named person inside the phrase, a spokesperson for an
        # organisation, a generic organisation noun, or an unnamed human speaker
        target = None
        for c in tok.children:
            if c.dep_ == "appos" and idx.name_span(c):
                target = c
                break
        if target is None and tok.right_edge.i - tok.left_edge.i <= _MAX_NP:
            for t in tok.subtree:
                if t.i in excluded or t.i == tok.i:
                    continue
                ent = idx.ent_of.get(t.i)
                if (
                    ent is not None
                    and ent.label_ in PERSON_LABELS
                    and t.i == ent.end - 1
                    and (t.dep_ == "appos" or t.head.dep_ == "appos" or t.head.i == tok.i)
                ):
                    target = t
                    break
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
            has_the = any(c.dep_ in ("det", "poss") for c in tok.children)
            if low in ORG_NOUNS and has_the:
                owner = next((c for c in tok.children if c.dep_ == "poss"), None) or next(
                    (
                        c
                        for c in tok.lefts
                        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("GPE", "NORP")
                    ),
                    None,
                )
                sp = idx.name_span(owner) if owner is not None else None
                if owner is not None and sp is None and owner.ent_type_ in ("GPE", "NORP"):
                    sp = (owner.i, owner.i + 1, owner.ent_type_)  # "French", tagged as an adjective
                if sp and sp[2] in ("GPE", "NORP"):
                    # "Spain's industry ministry", "the French foreign ministry": a named body of that
                    # country, not one in focus
                    name = _strip_the(doc[sp[0] : tok.i + 1].text)
                    return RawSpeaker(mention, tok.idx, (name,), "organisation")
                # positioned at the phrase's start: "the Oslo-listed company" is not "Oslo"
                return RawSpeaker(mention, doc[tok.left_edge.i].idx, kind="organisation", org_noun=low)
            if low in TITLES and any(c.lower_ == "the" for c in tok.children):
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
            and prefix[-1].is_lower
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
        label in ORG_LABELS
        and 2 <= len(toks) <= 3
        and (
            _affiliated(tok, idx)
            # A place is not "of" an institute; a rare name the tagger took for one is.
            if label in ("GPE", "NORP")
            else _affiliated(tok, idx) or (role_noun is not None and role_noun.lower_ not in ORG_NOUNS)
        )
        and not any(t.text.lower() in ORG_NAME_WORDS for t in toks)
        and all(t.is_title for t in toks)
    ):
        label = "PERSON"  # "Nadia Kovac of the Danube Institute" tagged as an organisation or a place
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
        if joint is not None:
            # "Germany and France said": both speak; not the first alone
            return RawSpeaker(
                joint,
                doc[mention_start].idx,
                (joint,),
                "organisation",
                place=label in ("GPE", "NORP"),
            )
        return RawSpeaker(
            _clean(doc[mention_start:e].text),
            doc[mention_start].idx,
            (name,),
            "organisation",
            place=label in ("GPE", "NORP"),
        )
    name_toks, titles, gender = _strip_titles(toks)
    words = name_words(name_toks)
    if not words:
        return None
    if label is None and all(w.lower() in TITLES or w.lower() in HUMAN_NOUNS for w in words):
        return RawSpeaker(_clean(doc[s:e].text), doc[s].idx, unnamed=True)  # "Minister says ..."
    role = None
    honor = [t for t in prefix if t.text.lower().rstrip(".") in HONORIFICS]
    if honor:
        gender = gender or GENDER_BY_HONORIFIC.get(honor[-1].text.lower().rstrip("."))
        prefix = [t for t in prefix if t not in honor]
    if prefix:
        role = _clean(span_text(prefix))
        if titles:
            role = _clean(role + " " + " ".join(titles))
    elif titles:
        role = " ".join(titles)
    org = None
    if role_noun is None and tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and not tok.head.ent_type_:
        role_noun = tok.head  # "his MP, Sarah Green,"
    works_for_noun = None
    if role_noun is not None:
        role, org = _role_from_noun(role_noun, idx)
        owner = next((c for c in role_noun.children if c.dep_ == "poss" and c.lower_ in ORG_NOUNS), None)
        works_for_noun = owner.lower_ if owner is not None else None
    for c in tok.children:
        if (
            c.dep_ == "appos"
            and c.pos_ in ("NOUN", "PROPN")
            and idx.name_span(c) is None
            and not c.ent_type_
            and not any(x.dep_ == "nummod" for x in c.children)
        ):
            r, o = _role_from_noun(c, idx)
            role = r or role
            org = o or org
            break
    if org is None:
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "at", "from"):
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    sp = idx.name_span(pobj)
                    # "Ana Ortega, of Marlow, said": a home town or a constituency is no organisation
                    if sp is None or sp[2] not in (*PERSON_LABELS, "GPE", "LOC"):
                        org = org_text(pobj, idx)
                        if org:
                            break
    if org is None:
        org = _org_in_relative_clause(tok, idx)
    kind = "person"
    if label is None:
        last = words[-1].lower()
        if last in ORG_NAME_WORDS and not titles and gender is None:
            kind = "organisation"
    if prefix and prefix[-1].lower_ in ORG_NOUNS and gender is None and not titles:
        kind = "organisation"  # "consumer group Drivewise", "the carmaker Tavora"
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5 and gender is None and not role:
        kind = "organisation"  # "KNB reported": initials are an organisation's name
    if len(words) == 1 and gender is None and not titles and not_a_person(words[0]):
        kind = "organisation"  # "FactFinder said", "Instagram announced": a website's or a platform's name
    if len(words) == 1 and label in PERSON_LABELS:
        words = shared_surname(tok, idx, words)  # "Ana and Luis Ortega": Ana Ortega
    if kind == "organisation":
        return RawSpeaker(_clean(doc[s:e].text), doc[s].idx, (_strip_the(doc[s:e].text),), "organisation")
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
        works_for_noun=works_for_noun if org is None else None,
    )


def person_kind(role: str | None, org: str | None) -> str:
    r = (role or "").lower()
    o = (org or "").lower()
    rw = set(r.replace("-", " ").split())
    if any(w in rw for w in JOURNALIST_WORDS):
        return "journalist"
    if any((w in rw) if " " not in w else (w in r) for w in EXPERT_WORDS):
        return "expert"
    if any((w in rw) if " " not in w else (w in r) for w in OFFICIAL_WORDS):
        return "official"
    if o and any(w in o for w in EXPERT_ORG_WORDS) and not any(w in o for w in ("ministry", "department")):
        return "expert"
    if o and any(w in o for w in ("ministry", "government", "council", "department", "kremlin", "office")):
        return "official"
    return "other"


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

    def seen(self, pos: int, alias: str | None = None) -> None:
        k = bisect_left(self.positions, pos)
        if k >= len(self.positions) or self.positions[k] != pos:
            self.positions.insert(k, pos)
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def last_before(self, pos: int) -> int:
        k = bisect_left(self.positions, pos + 1)
        return self.positions[k - 1] if k else -1


class Registry:
    """The people and organisations of one article; mentions merge by name with care."""

    def __init__(self) -> None:
        self.persons: list[Entity] = []
        self.orgs: dict[str, Entity] = {}
        self.orgs_by_first: dict[str, list[Entity]] = {}  # by the first word of the name
        self.by_last: dict[str, list[Entity]] = {}

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
            compatible = [c for c in cands if not (gender and c.gender and gender != c.gender)]
            ent = self._recent(compatible or cands, pos)
        elif not surname_only and gender is None and not role:
            # "Arthur said", after "Arthur Penhaligon": the one person of the article with that first name
            named = [c for c in self.persons if len(c.words) >= 2 and c.words[0].lower() == last]
            ent = named[0] if len(named) == 1 else None
        if ent is None:
            ent = Entity(" ".join(words), "person", words)
            self.persons.append(ent)
            self.by_last.setdefault(last, []).append(ent)
        ent.seen(pos, alias)
        ent.gender = ent.gender or gender
        ent.role = ent.role or role
        ent.org = ent.org or org
        return ent

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
        return ent

    def longer_org(self, word: str) -> Entity | None:
        """The one organisation of the article whose name starts with this word ("Tavora" of "Tavora
        Motors"), or None."""
        if any(len(e.words) > 1 or e.gender or e.role for e in self.by_last.get(word.lower(), ())):
            return None  # "Doe" of "Jane Doe" (and of the "Doe Foundation") is the person
        longer = [e for e in self.orgs_by_first.get(word.lower(), ()) if not e.place and " " in e.name]
        return longer[0] if len(longer) == 1 else None

    def _short_form(self, name: str) -> Entity | None:
        """'Veltra' after 'Veltra Energy' (or the other way round) is the same organisation."""
        key = name.lower()
        first = key.split(" ", 1)[0]
        if " " not in key:
            longer = [e for e in self.orgs_by_first.get(key, ()) if not e.place and " " in e.name]
            return longer[0] if longer else None
        e = self.orgs.get(first)
        if e is None or e.place:
            return None
        # the short form came first: the entity takes the full name
        del self.orgs[first]
        e.aliases.append(e.name)
        e.name, e.words = name, (name,)
        self.orgs[key] = e
        return e

    def person_by_role(self, noun: str, pos: int) -> Entity | None:
        """'the judge': the person named last before pos whose role has that word."""
        cands = [e for e in self.persons if e.role and noun in e.role.lower().split()]
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
