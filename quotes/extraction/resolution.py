"""Speakers resolved in reading order: names merged by surname, pronouns to the person or body in
focus, roles, statements and spokespeople to whom they refer.

A mixin of ``core._Article``: it reads the article's state (``self.doc``, ``self.text``, ``self.cues`` ...)
that ``core`` sets up."""

from __future__ import annotations

from .cues import Cue
from .lexicon import (
    BUSINESS_NOUNS,
    CANDIDACY_NOUNS,
    DESCRIBED_ROLES,
    FOLLOWING_NOUNS,
    MEDIA_ORG_WORDS,
    OFFICIAL_BODY_WORDS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    OTHER_ORG_WORDS,
    REPORTING_FORMS,
    TITLES,
)
from .names import first_name_gender
from .speakers import (
    BEING_VERBS,
    PERSON_LABELS,
    Entity,
    RawSpeaker,
    _strip_the,
    analyze_np,
    conjoined_people,
    is_affiliation,
    led_body_name,
    org_text,
    role_in_relative_clause,
)


def _holds_the_view(head) -> bool:
    """'For Hanna Notte, the summit was symbolic.', 'To Ian Bond, the deal looks fragile.': a sentence
    that opens by naming whose view it gives; that person is the one a following 'she said' means."""
    prep = head.head
    return (
        head.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in ("for", "to")
        and prep.i == head.sent.start
        and prep.head.pos_ in ("VERB", "AUX")
    )


def _one_person(mention: str) -> bool:
    """'A senior official', 'one diplomat', 'the witness': one unnamed person ('analysts' are not 'he')."""
    words = mention.lower().split()
    return (
        len(words) >= 2
        and words[0] in ("a", "an", "one", "another", "the")
        and (not words[-1].endswith("s") or words[-1].endswith("ss"))
    )


_CHAIRS = {"chairman", "chairwoman", "chair"}


# Words in the names of bodies, which no person's name holds
_BODY_WORDS = (
    ORG_NAME_WORDS
    | MEDIA_ORG_WORDS
    | OTHER_ORG_WORDS
    | OFFICIAL_BODY_WORDS
    | ORG_NOUNS
    | {"assembly", "house", "congress", "senate", "parliament", "administration", "campaign"}
)


def _person_named_as_body(ent: Entity, gender: str | None) -> bool:
    """An 'organisation' whose name reads as a person's of that gender ("Carly Fiorina"): two or three
    capitalised words, the first no title and no given name of the other gender, none a word bodies
    are named with, and no place."""
    words = ent.name.split()
    return (
        ent.kind == "organisation"
        and not ent.place
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() and not w.isupper() and w.isalpha() for w in words)
        and words[0].lower() not in TITLES
        and first_name_gender(words[0]) in (None, gender)
        and not any(w.lower() in _BODY_WORDS for w in words)
    )


class SpeakerResolver:
    """Methods of the article extraction: see the module's docstring."""

    # ---- speakers -------------------------------------------------------------------------------
    def org_by_name(self, raw: RawSpeaker) -> None:
        """A one-word 'person' that is a known organisation's name is that organisation ('Lumo said')."""
        if raw.kind == "person" and len(raw.name_words) == 1 and not raw.gender and not raw.role:
            word = raw.name_words[0]
            if word.lower() in self.idx.names.surnames:
                return  # "Doe" of "Jane Doe" is Doe, whatever the tagger called another "Doe"
            ent = self.registry.orgs.get(word.lower()) or self.registry.longer_org(word)
            if ent is not None and not ent.place:
                raw.kind = "organisation"

    def person_by_surname(self, raw: RawSpeaker) -> None:
        """A one-word 'organisation' that is the surname of a known person is that person ('Kebede said'),
        as is one joined to a person ('Richards and Menendez both stressed')."""
        if (
            raw.kind == "organisation"
            and len(raw.name_words) == 1
            and " " not in raw.name_words[0]
            and not self.members_named(raw)
            and (
                raw.name_words[0].lower() in self.registry.by_last
                or raw.name_words[0].lower() in self.idx.names.joined_to_people
            )
        ):
            raw.kind = "person"

    def members_named(self, raw: RawSpeaker) -> bool:
        """A movement named by its members ("The Houthis said"), no one's surname."""
        word = raw.name_words[0]
        return (
            raw.mention == word
            and word.endswith("s")
            and self.text[max(0, raw.pos - 4) : raw.pos].lower() == "the "
            # ("the Sanders campaign" after "Bernie Sanders")
            and not any(len(e.words) >= 2 for e in self.registry.by_last.get(word.lower(), ()))
        )

    def register(
        self, raw: RawSpeaker, para: int, *, own_content: tuple[int, int] | None = None
    ) -> tuple[Entity | None, float]:
        """Resolve a speaker as written to an entity (updating salience, unless the mention lies in
        another speaker's reported words: 'Earnest said that Obama has called for ...' keeps Earnest
        in focus for the next 'He said')."""
        ent = None
        strength = 1.0
        self.person_by_surname(raw)
        self.org_by_name(raw)
        if raw.pronoun == "it":
            # "it said": the organisation in focus (the subject of a recent sentence, or named last)
            for pos, p, e in reversed(self.salience[-20:]):
                if pos < raw.pos and p >= para - 1 and e.kind == "organisation" and not e.place:
                    return e, 0.85
            return self.org_in_focus(raw.pos, para, 1), 0.7
        if raw.role_noun:
            ent = self.registry.person_by_role(raw.role_noun, raw.pos, raw.mention)
            if ent is None:
                # "Volodymyr Zelensky has said ... '...,' the Ukrainian president said": the title
                # introduces the role of the person in focus, whose role was not given yet
                ent = self.person_in_focus(raw.pos, para, back=1)
                ent = ent if ent is not None and not ent.role else None
                if ent is not None:
                    # ... and is that person's role from now on ("Ukrainian president")
                    ent.role = _strip_the(raw.mention) or None
            return ent, 0.8  # a title does not change who is in focus
        if raw.epithet:
            return self.person_in_focus(raw.pos, para), 0.8
        if raw.pronoun:
            ent, same_para = self.resolve_pronoun(raw, para)
            newcomer = self.newcomer(raw, para, ent) if raw.pronoun in ("he", "she") else None
            if newcomer is not None:
                ent, same_para = newcomer, False
            strength = 0.95 if same_para else 0.85
            if ent is not None and ent.kind == "person" and raw.role and not ent.role:
                ent.role, ent.org = raw.role, ent.org or raw.org  # "Now a fellow at X, she says"
            unnamed = self.unnamed_before(raw.pos, para) if raw.pronoun in ("he", "she") else None
            if unnamed is not None and (ent is None or ent.last_before(raw.pos) < unnamed[0]):
                # "A Saudi official insisted ... He added:": the unnamed source spoke last
                raw.unnamed, raw.mention = True, unnamed[1]
                return None, strength
        elif raw.org_noun:
            ent, strength = self.org_by_noun(raw.org_noun, raw.pos, para)
        elif raw.statement:
            # "the statement said": whoever was last the subject, here or in the two paragraphs before
            for pos, p, e in reversed(self.salience[-20:]):
                if pos < raw.pos and p >= para - 2 and not e.place:
                    return e, 0.75
            return self.org_in_focus(raw.pos, para, 2), 0.7
        elif raw.spokes:
            # "a spokesperson said": the organisation in focus in this or the previous paragraph
            for pos, p, e in reversed(self.salience[-20:]):
                if pos < raw.pos and p >= para - 1 and e.kind == "organisation" and not e.place:
                    ent, strength = e, 0.8
                    break
            if ent is None:
                ent, strength = self.org_in_focus(raw.pos, para, 1), 0.7
            if ent is not None:
                return ent, strength  # a spokesperson does not change who is in focus
        elif raw.kind == "person" and raw.name_words:
            org = self.employer(raw, para)
            ent = self.registry.person(raw.name_words, raw.pos, raw.mention, raw.gender, raw.role, org)
            self.note_served(ent, raw, org)
        elif raw.kind == "organisation" and raw.name_words:
            ent = self.registry.organisation(raw.name_words[0], raw.pos, raw.mention, raw.place)
        if ent is not None and not self.reported_by_another(raw.pos, own_content):
            self.salience.append((raw.pos, para, ent))
        return ent, strength

    def reported_by_another(self, pos: int, own_content: tuple[int, int] | None) -> bool:
        return any(
            c.content[0] <= pos < c.content[1] and c.content != own_content
            for c in self.cues
            if c.content is not None and c.kind != "direct"
        )

    def mark_candidate(self, owner, pos: int) -> None:
        """The person whose campaign a sentence names ('his campaign', 'Okafor's campaign') is a
        candidate for office."""
        p = self.para_of(pos)
        para = p.index if p else 0
        ent = None
        if owner.lower_ in ("his", "her", "whose"):
            if owner.lower_ == "whose":
                named = owner.head.head.head if owner.head.head.dep_ == "relcl" else None
                last = named.text.lower() if named is not None and named.pos_ == "PROPN" else ""
                people = self.registry.by_last.get(last, [])
                ent = people[0] if len(people) == 1 else None
            else:
                raw = RawSpeaker(owner.text, pos, pronoun="he" if owner.lower_ == "his" else "she")
                ent, _same_para = self.resolve_pronoun(raw, para)
        elif owner.pos_ == "PROPN":
            people = self.registry.by_last.get(owner.text.lower(), [])
            ent = people[0] if len(people) == 1 else None
        if ent is not None and ent.kind == "person":
            ent.kind_hint = "official"

    def writes_for(self, cue: Cue) -> None:
        """'wrote Jane Doe for Morning Consult': a person who writes for an outlet is its journalist."""
        verb = self.doc[cue.tok_i]
        if REPORTING_FORMS.get(verb.lower_) != "write":
            return
        speaker = self.subject_of(verb) or self.fallback_subject(verb)
        heads = [verb] if speaker is None else [verb, speaker]  # ("wrote [Jane Doe [for X]]")
        for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "for"):
            outlet = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if (
                outlet is None
                or outlet.pos_ != "PROPN"
                or outlet.ent_type_ in ("PERSON", "GPE", "NORP", "DATE")
            ):
                continue
            name = org_text(outlet, self.idx)
            if name:
                self.registry.describe(cue.entity, None, name)
                cue.entity.kind_hint = cue.entity.kind_hint or "journalist"

    def mark_interviewers(self) -> None:
        """In a transcript, the one whose turns are mostly questions ('WALLACE: Why would he do
        that?') conducts the interview: a journalist, where no role says otherwise."""
        turns: dict[int, list[Cue]] = {}
        for cue in self.cues:
            if cue.label and cue.entity is not None and cue.content is not None:
                turns.setdefault(id(cue.entity), []).append(cue)
        if len(turns) < 2:
            return
        for cues in turns.values():
            asking = sum(1 for c in cues if "?" in self.text[c.content[0] : c.content[1]])
            if len(cues) >= 2 and asking * 2 > len(cues):
                cues[0].entity.kind_hint = cues[0].entity.kind_hint or "journalist"

    @staticmethod
    def note_served(ent: Entity, raw: RawSpeaker, org: str | None) -> None:
        if raw.serves and org == raw.org and ent.serves is None:
            ent.serves = raw.serves  # not known yet: the article may name it later
        if raw.in_office:
            ent.kind_hint = ent.kind_hint or "official"

    def named_bodies(self) -> set[str]:
        """Every organisation the article names, as a speaker or as someone's, a leader's body under its
        one name ('Trump campaign')."""
        named = [
            *(e.name for e in self.registry.orgs.values()),
            *(p.org for p in self.registry.persons if p.org),
            *self.registry.led_bodies.values(),
        ]
        return {led_body_name(n) for n in named}

    def served_bodies(self) -> None:
        """'David Kamin, an outside adviser to the campaign, ...' in an article that names the Clinton
        campaign only later: the one body of the article with that noun."""
        serving = [ent for ent in self.registry.persons if ent.serves is not None]
        named = self.named_bodies() if serving else set()
        for ent in serving:
            bodies = [n for n in named if ent.serves in n.lower().split()]
            if len(bodies) == 1:
                ent.org = bodies[0]

    def leaders_bodies(self) -> None:
        """'Clinton spokesman Brian Fallon' in an article that names the Clinton campaign: the body the
        named person leads is the organisation."""
        for ent in self.registry.persons:
            if (
                ent.org
                and ent.org.lower() in self.registry.by_last
                and ent not in self.registry.by_last[ent.org.lower()]
                # (not "Lenox" of a "Lenox Healthcare" the article names)
                and all(
                    o.name.split()[-1].lower() in ("campaign", "administration")
                    for o in self.registry.orgs_by_first.get(ent.org.lower(), ())
                    if o.name.lower() != ent.org.lower()
                )
            ):
                # "a top Trump surrogate", "Trump lawyer X" with the name taken for a body: a person is
                # no organisation; the body that person leads is, where the article names one
                body = self.registry.led_bodies.get(ent.org.lower())
                ent.org = led_body_name(body) if body else None
                continue
            if ent.org or not ent.role:
                continue
            first = ent.role.split()[0].rstrip("'’s").lower()
            body = self.registry.led_bodies.get(first)
            leaders = self.registry.by_last.get(first, ())
            if body and leaders and ent not in leaders:
                ent.org = led_body_name(body)

    def committee_roles(self) -> None:
        """'Jim Jordan, an oversight panel member,' in an article about the Oversight Committee: a
        committee named in lower case in a role is the one committee of the article so named."""
        committees = {
            n for n in self.named_bodies() if n.split()[-1].lower() in ("committee", "subcommittee")
        }
        for ent in self.registry.persons:
            # ("Budget Chairman X": a field the role words left as the organisation)
            field_org = ent.org is not None and " " not in ent.org and ent.org.istitle()
            if not ent.role or (ent.org and not is_affiliation(ent.org) and not field_org):
                continue
            words = ent.role.split()
            if field_org and not is_affiliation(ent.org):
                words = [ent.org, *words]
            at = next((k for k, w in enumerate(words) if w in ("panel", "committee")), None)
            if at is not None:
                field = words[at - 1].lower() if at > 0 and words[at - 1].islower() else None
            else:
                # "Oversight Chairman Jason Chaffetz": a committee's chair named by its field
                at = next((k for k, w in enumerate(words) if w.lower() in _CHAIRS), None)
                if at is None or at == 0 or not words[at - 1].istitle() or words[at - 1].lower() in TITLES:
                    continue
                field = words[at - 1].lower()
            named = [c for c in committees if field is None or field in c.lower().split()]
            if len(named) == 1:
                ent.org = named[0]

    def employer(self, raw: RawSpeaker, para: int) -> str | None:
        """The organisation a person's description names, or the one it refers to ('the agency's
        director general', 'the campaign's press secretary')."""
        if raw.works_for_noun:
            employer, _strength = self.org_by_noun(raw.works_for_noun, raw.pos, para)
            if employer is not None:
                return employer.name
        return raw.org

    def org_in_own_words(self, cue: Cue) -> Entity | None:
        """'Orlen Castings is closing two plants, the company said': a company unknown so far is the
        proper-noun subject of what it says about itself."""
        verb = self.doc[cue.tok_i]
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        subj = next((c for c in comp.children if c.dep_ == "nsubj"), None) if comp is not None else None
        if subj is None or subj.pos_ != "PROPN" or subj.ent_type_ in ("GPE", "NORP"):
            return None
        span = self.idx.name_span(subj)
        if span is None:
            return None
        # the tagger often calls company names people; a person met before (with a role or an
        # honorific, or outside this sentence) stays a person: "Jane Doe is leaving, the company said"
        known = self.registry.by_last.get(subj.text.lower(), [])
        if any(e.role or e.gender or e.positions[0] < cue.content[0] for e in known):
            return None
        name = self.doc[span[0] : span[1]].text.removeprefix("The ").removeprefix("the ").strip()
        return self.registry.organisation(name, self.doc[span[0]].idx, name) if name else None

    def org_by_noun(self, noun: str, pos: int, para: int) -> tuple[Entity | None, float]:
        """'the agency' (said, or whose director spoke): the organisation with that word in its name,
        else the one named last, in this or the two paragraphs before; and how sure that is."""
        ent = self.registry.org_by_noun(noun, pos)
        if ent is not None:
            return ent, 0.85
        return self.org_in_focus(pos, para, 2, business=noun in BUSINESS_NOUNS), 0.75

    def org_in_focus(self, pos: int, para: int, back: int, business: bool = False) -> Entity | None:
        since = self.paras[max(0, para - back)].start
        return self.registry.org_in_focus(pos, since, exclude=self.outlet, business=business)

    def speaks_unnamed(self, cue: Cue) -> bool:
        """Whether the cue's speaker is one unnamed person ("A senior official insisted"), whom a
        following "he" or "she" may mean."""
        raw = cue.raw
        return (
            cue.entity is None
            and raw.unnamed
            and not raw.pronoun
            and raw.kind is None
            and not (raw.spokes or raw.statement or raw.role_noun or raw.epithet)
            and _one_person(raw.mention)
        )

    def unnamed_before(self, pos: int, para: int) -> tuple[int, str] | None:
        """The last unnamed person who spoke before pos in this paragraph ("a senior official"), as
        (position, mention), or None."""
        for at, p, mention in reversed(self.unnamed_speakers):
            if at < pos:
                return (at, mention) if p == para else None
        return None

    def person_in_focus(self, pos: int, para: int, back: int = 2) -> Entity | None:
        """The person last the subject of a sentence or a cue, here or in the ``back`` paragraphs before."""
        for at, p, ent in reversed(self.salience):
            if at < pos and p >= para - back and ent.kind == "person":
                return ent
            if p < para - back:
                break
        return None

    def newcomer(self, raw: RawSpeaker, para: int, focus: Entity | None) -> Entity | None:
        """'... something that concerns Henry Crespo, president of the X Caucus. | "Quote," he said.':
        a person introduced with a role at the end of the paragraph before, whom the sentence did not
        make its subject, is the source a quotation paragraph's pronoun means."""
        if para == 0 or focus is None:
            return None
        since, until = self.paras[para - 1].start, self.paras[para].start
        gender = {"he": "m", "she": "f"}[raw.pronoun]
        if any(e.last_before(raw.pos) >= until for e in self.registry.persons):
            return None  # someone is named in the quotation's own paragraph
        latest = max(self.registry.persons, key=lambda e: e.last_before(until - 1), default=None)
        if (
            latest is None
            or latest is focus
            or latest.role is None
            or not latest.positions
            or not since <= latest.positions[0] < until
            or (latest.gender or latest.name_gender or gender) != gender
        ):
            return None
        root = self.doc[self.tok_at(latest.positions[0])].sent.root
        for subj in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
            a, b = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            if any(a <= x < b for x in focus.positions) or a <= latest.positions[0] < b:
                return None  # the sentence is about the person in focus, or about the newcomer anyway
        return latest

    def main_subject(self, pos: int, ent: Entity, gender: str | None) -> Entity | None:
        """'He could not explain why it was mentioned by Ivanka Trump.': the subject of the sentence's
        main clause, not a person named later in a clause below it, is in focus after the sentence."""
        sent = self.doc[self.tok_at(pos)].sent
        subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or any(s.left_edge.idx <= pos <= s.right_edge.idx for s in subjects):
            return None
        for at, _p, other in reversed(self.salience):
            if at >= pos:
                continue
            if at < sent.start_char:
                break
            if (
                other is not ent
                and other.kind == "person"
                # (a person of unknown gender does not displace one the pronoun fits for sure)
                and (other.gender or other.name_gender) in (gender, ent.gender or ent.name_gender)
                and any(s.left_edge.idx <= at <= s.right_edge.idx for s in subjects)
            ):
                return other
        return None

    def resolve_pronoun(self, raw: RawSpeaker, para: int) -> tuple[Entity | None, bool]:
        want_person = raw.pronoun in ("he", "she")
        gender = {"he": "m", "she": "f"}.get(raw.pronoun or "")
        first = None  # the nearest person, when a first name suggests the other gender
        # "If Doe wins, he said, ...": the words before a cue set off by commas are what was said, and
        # a name among them is not who says it
        tok = self.doc[self.tok_at(raw.pos)]
        fence = raw.pos
        if tok.i > tok.sent.start and self.doc[tok.i - 1].text == "," and tok.head.dep_ == "parataxis":
            fence = tok.sent.start_char
        named_as_body = None  # the nearest person's name the tagger took for an organisation's
        for n, (pos, p, ent) in enumerate(reversed(self.salience)):
            if pos >= fence:
                continue
            if p < para - 3 or n > 60 or (first is not None and p < first[1] - 1):
                break
            if want_person:
                if ent.kind != "person":
                    if named_as_body is None and _person_named_as_body(ent, gender):
                        named_as_body = (ent, p)
                    continue
                if self.a_place_alone(ent):
                    continue
                if ent.gender and gender and ent.gender != gender:
                    continue
                by_name = ent.name_gender
                if first is None:
                    if ent.gender or not by_name or not gender or by_name == gender:
                        return self.main_subject(pos, ent, gender) or ent, p == para
                    first = (ent, p)
                elif ent is not first[0] and (ent.gender or by_name) in (gender, None):
                    # a first name is only a tie-breaker: another recent person fits better, one whose
                    # name does not tell ("Melanie said" after "Donald Trump": she is Melanie)
                    return ent, p == para
                continue
            if ent.kind == "organisation" and p >= para - 2:
                # "they": an organisation that was a subject here or up to two paragraphs before
                return ent, p == para
        if named_as_body is not None:
            # "Carly Fiorina threw her support ... she said", the name tagged as a body's: no person
            # of the pronoun's gender was a subject lately, and no body is "she"
            return named_as_body[0], named_as_body[1] == para
        if first is not None:
            return first[0], first[1] == para
        if want_person:
            # no person was a subject lately: the person named last, here or in the paragraph before
            # ("... after the singer Jane Doe posted ... 'Quote,' she wrote")
            since = self.paras[max(0, para - 1)].start
            # Paragraphs that go on about "her" carry the reference further back, to a person whose
            # given name does not say otherwise, and who may have been the subject by surname alone
            # ("Lynch speaks more frequently ... She has gone ... She said ...").
            back = 1
            while back < 3 and para - back > 0 and self._pronoun_leads(para - back, raw.pronoun):
                back += 1
            further = self.paras[max(0, para - back)].start
            subjects = self._subjects_by_name(further, raw.pos)
            best, best_pos = None, -1
            for ent in self.registry.persons:
                if (ent.gender and gender and ent.gender != gender) or self.a_place_alone(ent):
                    continue
                fits = not (ent.name_gender and gender and ent.name_gender != gender)
                start = further if fits else since
                last = ent.last_before(raw.pos - 1)
                if fits and len(ent.words) >= 2:
                    # the subject by the surname alone, where no cue registered the mention
                    last = max(last, subjects.get(ent.words[-1], -1))
                if last >= start and last > best_pos:
                    best, best_pos = ent, last
            if best is not None:
                return best, best_pos >= self.paras[para].start
        if not want_person:
            # "they" after a one-word name the tagger took for a person ("Greenpeace said ... They ...")
            for pos, p, ent in reversed(self.salience[-60:]):
                if (
                    pos < raw.pos
                    and p >= para - 1
                    and len(ent.words) == 1
                    and not ent.gender
                    and not ent.role
                ):
                    return ent, p == para
        return None, False

    def a_place_alone(self, ent: Entity) -> bool:
        """'Clarkston became his home': a one-word name the tagger took for a person's, which the article
        also writes as a place ("in Clarkston"), and nothing says is a person (no honorific, no role)."""
        return (
            len(ent.words) == 1
            and not ent.gender
            and not ent.role
            and ent.words[0] in self.idx.places_by_one_word
        )

    def _subjects_by_name(self, since: int, pos: int) -> dict[str, int]:
        """Each word that is a subject between ``since`` and ``pos``, with where it was one last ("Lynch"
        of "Lynch speaks more frequently ...")."""
        span = self.doc.char_span(since, pos, alignment_mode="contract")
        return {t.text: t.idx for t in span or () if t.dep_ in ("nsubj", "nsubjpass")}

    def _pronoun_leads(self, para: int, pronoun: str) -> bool:
        """The paragraph's sentences have ``pronoun`` ("she") as a subject: it goes on about one person."""
        p = self.paras[para]
        span = self.doc.char_span(p.start, p.end, alignment_mode="expand")
        return span is not None and any(t.lower_ == pronoun and t.dep_ == "nsubj" for t in span)

    def people_joined_to(self, tok, first: Entity) -> tuple[Entity, ...]:
        """The people named together with ``first`` by 'and' ("A and B say"), ``first`` first, each
        resolved as names are; just ``first`` when any other part names no person."""
        people = [first]
        for other in conjoined_people(tok, self.idx):
            raw = analyze_np(other, self.idx)
            if raw is None or raw.kind != "person" or not raw.name_words:
                return (first,)
            self.person_by_surname(raw)
            ent = self.registry.person(raw.name_words, raw.pos, raw.mention, raw.gender, raw.role, None)
            if ent not in people:
                people.append(ent)
        return tuple(people)

    def note_joint_subject(self, head, pos: int, para: int, first: Entity) -> None:
        people = self.people_joined_to(head, first)
        if len(people) > 1:
            self.joint_subjects.append((pos, para, people))

    def joint_subject_before(self, pos: int, para: int) -> tuple[Entity, ...] | None:
        """'Ms. Foner and Mr. Alba argue ... They wrote': the people last named together as a subject,
        here or in the paragraph before, unless a body or another person was a subject since."""
        since, joint_para, people = next(
            ((p_, p, j) for p_, p, j in reversed(self.joint_subjects) if p_ < pos), (None, None, None)
        )
        if people is None or joint_para < para - 1:
            return None
        for p_, _p, ent in reversed(self.salience):
            if p_ <= since:
                break
            if p_ < pos and ent not in people:
                return None
        return people

    def named_with(self, raw: RawSpeaker) -> tuple[Entity, ...]:
        """The bodies named with the speaker ("Germany and France said"), each a person where its one
        word is a person's surname the article gave in full ("Wilcox and Beruff argued")."""
        named = []
        for name in raw.joint_bodies:
            other = RawSpeaker(name, raw.pos, (name,), "organisation", place=raw.place)
            self.person_by_surname(other)
            if other.kind == "person":
                named.append(self.registry.person(other.name_words, other.pos, name, None, None, None))
            else:
                named.append(self.registry.organisation(name, raw.pos, name, raw.place))
        return tuple(named)

    def co_speakers(self, cue: Cue) -> tuple[Entity, ...]:
        """The people named with the speaker as the cue's joint subject ("A and B say"), resolved as
        names are; the speaker stays the one in focus."""
        if cue.raw is None or cue.raw.kind != "person":
            return ()
        return self.people_joined_to(self.doc[self.tok_at(cue.raw.pos)], cue.entity)[1:]

    def resolve_all(self) -> None:
        """Walk names and cues in reading order: register entities, resolve pronouns."""
        events: list[tuple[int, int, object]] = []
        doc = self.doc
        for ent in doc.ents:
            p = self.para_of(ent.start_char)
            if p is None or not (p.prose or p.title):
                continue
            if self.in_marks(ent.start_char):
                continue
            if ent.label_ in PERSON_LABELS or ent.label_ in ("ORG",):
                events.append((ent.start_char, 0, ent.root))
        for t in doc:
            if t.dep_ == "nsubj" and (t.lower_ in ORG_NOUNS or t.lower_ in FOLLOWING_NOUNS):
                p = self.para_of(t.idx)
                if p is not None and p.prose and not self.in_marks(t.idx):
                    events.append((t.idx, 2, t))
            # "The Republican nominee has refused ...": a described person as a subject
            if (
                t.dep_ in ("nsubj", "nsubjpass")
                and (t.lower_ in TITLES or t.lower_ in DESCRIBED_ROLES)
                and t.i not in self.cue_by_tok
                and any(c.lower_ == "the" for c in t.children)
                and any(c.dep_ in ("amod", "compound") for c in t.children)
            ):
                p = self.para_of(t.idx)
                if p is not None and p.prose and not self.in_marks(t.idx):
                    events.append((t.idx, 3, t))
            # "He is the ranking Democrat on the X Committee.": what the person in focus is
            if t.dep_ == "nsubj" and t.lower_ in ("he", "she") and t.head.lower_ in BEING_VERBS:
                p = self.para_of(t.idx)
                if p is not None and p.prose and not self.in_marks(t.idx):
                    events.append((t.idx, 4, t))
            # "he and his campaign", "Okafor's campaign": the person runs for office
            if (
                t.lower_ in CANDIDACY_NOUNS
                and t.tag_ == "NN"
                and (t.lower_ != "mate" or any(c.lower_ == "running" for c in t.children))
            ):
                owner = next((c for c in t.children if c.dep_ == "poss"), None)
                p = self.para_of(t.idx)
                if owner is not None and p is not None and p.prose and not self.in_marks(t.idx):
                    events.append((owner.idx, 5, owner))
            # company names the tagger missed, as subjects: "Tavora Motors is recalling ..."
            if t.dep_ == "nsubj" and t.pos_ == "PROPN" and not t.ent_type_:
                p = self.para_of(t.idx)
                if p is not None and p.prose and not self.in_marks(t.idx):
                    events.append((t.idx, 0, t))
        for cue in self.cues:
            pos = cue.raw.pos if cue.raw is not None else cue.pos
            events.append((pos, 1, cue))
        events.sort(key=lambda e: (e[0], e[1]))
        spans = sorted(c.content for c in self.cues if c.content is not None)
        self._content_starts = [a for a, _ in spans]
        self._content_reach = []
        reach = -1
        for _, b in spans:
            reach = max(reach, b)
            self._content_reach.append(reach)
        for pos, kind, obj in events:
            if kind == 0:
                head = obj
                raw = analyze_np(head, self.idx)
                if raw is None or raw.pronoun or not raw.name_words:
                    continue
                if not head.ent_type_ and raw.kind != "organisation" and not self.untagged_person(head, raw):
                    continue
                self.person_by_surname(raw)
                if raw.kind == "person":
                    p = self.para_of(pos)
                    org = self.employer(raw, p.index if p else 0)
                    e = self.registry.person(raw.name_words, raw.pos, raw.mention, raw.gender, raw.role, org)
                    self.note_served(e, raw, org)
                else:
                    e = self.registry.organisation(raw.name_words[0], raw.pos, raw.mention, raw.place)
                salient = (
                    head.dep_ in ("nsubj", "nsubjpass")
                    # "The department's spokesperson, Matthew Miller, struck a cautious note."
                    or (head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass"))
                    or (head.dep_ == "pobj" and head.head.dep_ == "agent")
                    or (raw.kind == "person" and _holds_the_view(head))
                    # "Scott bristles at ...", the name taken for a compound of the verb
                    or (head.dep_ == "compound" and head.head.pos_ == "VERB" and head.i == head.sent.start)
                ) and not self.in_content(pos)
                if salient:
                    p = self.para_of(pos)
                    self.salience.append((pos, p.index if p else 0, e))
                    if raw.kind == "person" and head.dep_ in ("nsubj", "nsubjpass"):
                        self.note_joint_subject(head, pos, p.index if p else 0, e)
            elif kind == 2:
                # "The department will run clinics.": the organisation it names is in focus
                raw = analyze_np(obj, self.idx)
                if raw is not None and raw.kind == "organisation" and raw.name_words and not raw.place:
                    # "The Trump campaign did not respond": the body named is in focus
                    if not self.in_content(pos):
                        ent = self.registry.organisation(raw.name_words[0], pos, raw.mention)
                        p = self.para_of(pos)
                        self.salience.append((pos, p.index if p else 0, ent))
                elif raw is not None and raw.org_noun and not self.in_content(pos):
                    ent = self.registry.org_by_noun(raw.org_noun, pos)
                    if ent is not None:
                        p = self.para_of(pos)
                        self.salience.append((pos, p.index if p else 0, ent))
            elif kind == 3:
                raw = analyze_np(obj, self.idx)
                if raw is not None and raw.role_noun and not self.in_content(pos):
                    p = self.para_of(pos)
                    # (its role is learnt; the focus stays where the names put it)
                    self.register(raw, p.index if p else 0)
            elif kind == 4:
                role, org = role_in_relative_clause(obj, self.idx)
                if (role or org) and not self.in_content(pos):
                    p = self.para_of(pos)
                    raw = RawSpeaker(obj.text, pos, pronoun=obj.lower_)
                    ent, _same_para = self.resolve_pronoun(raw, p.index if p else 0)
                    if ent is not None:
                        self.registry.describe(ent, role, org)
            elif kind == 5:
                if not self.in_content(pos):
                    self.mark_candidate(obj, pos)
            else:
                cue = obj
                if cue.raw is not None:
                    cue.entity, cue.strength = self.register(cue.raw, cue.para, own_content=cue.content)
                    if self.speaks_unnamed(cue):
                        self.unnamed_speakers.append((cue.raw.pos, cue.para, cue.raw.mention))
                    if cue.entity is not None and cue.entity.kind == "person":
                        self.writes_for(cue)
                    if cue.entity is not None and cue.raw.joint_bodies:
                        cue.co_entities = self.named_with(cue.raw)
                        # "they" next is all those named together
                        self.joint_subjects.append((cue.raw.pos, cue.para, (cue.entity, *cue.co_entities)))
                    elif cue.entity is not None and cue.entity.kind == "person":
                        cue.co_entities = self.co_speakers(cue)
                    if cue.raw.pronoun == "they":
                        joint = self.joint_subject_before(cue.raw.pos, cue.para)
                        if joint is not None:
                            cue.entity, cue.co_entities = joint[0], joint[1:]
                    if cue.entity is None and cue.raw.pronoun == "it":
                        cue.raw = None  # "It suggests ...": no organisation in focus, no speaker
                    elif cue.entity is None and cue.raw.org_noun:
                        cue.entity = self.org_in_own_words(cue)
        self.mark_interviewers()
        self.served_bodies()
        self.committee_roles()
        self.leaders_bodies()
