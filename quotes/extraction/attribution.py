"""Every quotation attributed: inside a cue's content, the content itself, a cue after it or a
lead-in before it, the paragraph's speaker, the next sentence's speaker or the previous paragraph's.

A mixin of ``core._Article``: it reads the article's state (``self.doc``, ``self.text``, ``self.cues`` ...)
that ``core`` sets up."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .contents import _QUOTE_CHARS, _SENT_END
from .cues import Cue
from .marks import QuoteSpan
from .model import CandidateQuote, Speaker
from .names import repaired
from .speakers import Entity, RawSpeaker, analyze_np, led_body_name, person_kind


@dataclass
class Attribution:
    entity: Entity | None
    mention: str | None
    cue: str | None
    confidence: float
    raw_unnamed: bool = False
    co_entities: tuple[Entity, ...] = ()


_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "is",
}


def _names_a_work(text: str, q: QuoteSpan) -> bool:
    """'on “Face the Nation,”', 'his book “Make Your Kid a Millionaire”': a title in quotation marks,
    every word capitalised, is the name of a show, book or film, not words spoken."""
    inner = text[q.start : q.end].rstrip(" ,.!?")
    words = re.findall(r"[^\W\d_][\w'’-]*", inner)
    if not 3 <= len(words) <= 8 or any(c in inner for c in ".!?"):
        return False
    if not all(w[0].isupper() for w in words if w.lower() not in _SMALL_WORDS):
        return False
    before = text[max(0, q.open_pos - 3) : q.open_pos].rstrip()
    return not before.endswith(":")


def _drop_nested(quotes: list[CandidateQuote]) -> list[CandidateQuote]:
    """Keep the outer of two nested quotations ('X warned that ... the US says ...'); sort by start."""
    quotes = sorted(quotes, key=lambda q: (q.start, -(q.end - q.start)))
    out: list[CandidateQuote] = []
    max_end = -1
    for q in quotes:
        if out and q.end <= max_end:
            outer = max((o for o in out if o.end >= q.end), key=lambda o: o.end - o.start)
            # a direct quotation inside indirect content is already part of that content
            if outer.start <= q.start:
                continue
        out.append(q)
        max_end = max(max_end, q.end)
    return out


class QuoteAttributor:
    """Methods of the article extraction: see the module's docstring."""

    # ---- quotations ---------------------------------------------------------------------------
    def attribution_of(self, cue: Cue, base: float) -> Attribution:
        raw = cue.raw
        mention = raw.mention if raw else None
        if cue.entity is not None:
            return Attribution(cue.entity, mention, cue.cue, base * cue.strength, co_entities=cue.co_entities)
        unnamed = bool(raw and raw.unnamed)
        return Attribution(None, mention, cue.cue, base * (0.5 if unnamed else 0.4), unnamed)

    def frame_cue(self, a_pos: int, b_pos: int, first_n: int) -> Cue | None:
        """First cue word among the first tokens of text[a_pos:b_pos]."""
        if a_pos >= b_pos:
            return None
        a, b = self.tok_at(a_pos), self.tok_at(b_pos - 1)
        doc = self.doc
        n = 0
        for i in range(a, b + 1):
            t = doc[i]
            if t.idx < a_pos or t.is_space:
                continue
            if t.text in _SENT_END:
                return None
            cue = self.cue_by_tok.get(i)
            if cue is not None:
                return cue
            if not t.is_punct:
                n += 1
                if n > first_n:
                    return None
        return None

    def lead_in(self, q: QuoteSpan, lo: int) -> tuple[Cue | None, RawSpeaker | None, str | None]:
        """A lead-in before the quotation in the same sentence: 'X said: “', 'X was blunt: “', 'X said “'."""
        frame = self.text[lo : q.open_pos]
        stripped = frame.rstrip()
        if not stripped:
            return None, None, None
        # the sentence that leads in
        cut = max(stripped.rfind(". "), stripped.rfind("? "), stripped.rfind("! "))
        s0 = lo + cut + 2 if cut >= 0 else lo
        last = stripped[-1]
        if last in _SENT_END or stripped.endswith(tuple(c + q for c in _SENT_END for q in '”"’')):
            return None, None, None  # the sentence before ended: not a lead-in
        a, b = self.tok_at(s0), self.tok_at(lo + len(stripped) - 1)
        doc = self.doc
        toks = [t for t in doc[a : b + 1] if t.idx >= s0 and not t.is_space]
        if not toks:
            return None, None, None
        cues = [self.cue_by_tok[t.i] for t in toks if t.i in self.cue_by_tok]
        if last == ":":
            if cues:
                return cues[-1], None, None
            for t in toks:
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.i >= toks[0].i and t.head.i <= toks[-1].i:
                    raw = analyze_np(t, self.idx)
                    if raw is not None:
                        return None, raw, ":"
            return None, None, None
        # "“It is not just the hacking,” Schiff told Capital Download on Wednesday, “but the attempt
        # ...”": the second half of a quotation split by its cue
        if last == "," and cues and lo > 0 and self.text[lo - 1] in _QUOTE_CHARS:
            return cues[-1], None, None
        # "X said “...", "X said, “...", "X added that “..."
        k = len(toks) - 1
        while k >= 0 and (toks[k].is_punct or toks[k].lower_ == "that"):
            k -= 1
        if k >= 0 and toks[k].i in self.cue_by_tok:
            return self.cue_by_tok[toks[k].i], None, None
        return None, None, None

    def cue_before_colon(self, pi: int) -> Cue | None:
        """The cue of paragraph ``pi`` when the paragraph is its lead-in to the next one: it ends with a
        colon, in the sentence of its last cue, which reports nothing of its own ('X said:')."""
        if pi < 0:
            return None
        para = self.paras[pi]
        ending = self.text[para.start : para.end].rstrip()
        if not ending.endswith(":"):
            return None
        cues = [c for c in self.cues if c.para == pi]
        if not cues or cues[-1].content is not None:
            return None
        between = self.text[cues[-1].pos : para.start + len(ending) - 1]
        if any(mark in between for mark in _SENT_END):
            return None
        return cues[-1]

    def attribute_quotes(self) -> list[CandidateQuote]:
        out: list[CandidateQuote] = []
        covered: set[int] = set()
        direct_by_cue: dict[int, Cue] = {}
        for cue in self.cues:
            if cue.content is None:
                continue
            if cue.kind == "direct":
                for j in cue.quotes:
                    direct_by_cue.setdefault(j, cue)
            elif cue.kind == "mixed":
                for j in cue.quotes:
                    q = self.quotes[j]
                    if cue.content[0] <= q.open_pos and q.end <= cue.content[1]:
                        covered.add(j)
        para_last: dict[int, Attribution] = {}
        for cue in self.cues:
            if cue.raw is not None and (cue.entity is not None) and cue.content is not None:
                para_last[cue.para] = self.attribution_of(cue, 0.8)
        # per paragraph: characters inside quotation marks, and whether a quotation is left open
        quoted_len: dict[int, int] = {}
        left_open: set[int] = set()
        for x, xp in zip(self.quotes, self.quote_para, strict=True):
            quoted_len[xp] = quoted_len.get(xp, 0) + x.outer_end - x.open_pos
            if x.close_pos is None:
                left_open.add(xp)
        cur_para = -1
        para_attr: Attribution | None = None
        prose_paras = [p.index for p in self.paras if p.prose]
        prev_prose, next_prose = {}, {}
        for i, k in enumerate(prose_paras):
            prev_prose[k] = prose_paras[i - 1] if i else -1
            next_prose[k] = prose_paras[i + 1] if i + 1 < len(prose_paras) else -1
        last_attr_by_para: dict[int, Attribution] = {}
        attr_of_quote: dict[int, Attribution] = {}
        continued: list[int] = []  # quotations left open at a paragraph's end, their speaker not yet known
        cue_iter = 0
        for j, q in enumerate(self.quotes):
            pi = self.quote_para[j]
            para = self.paras[pi]
            if pi != cur_para:
                cur_para = pi
                para_attr = None
            # cues in this paragraph before this quotation update the paragraph's speaker
            while cue_iter < len(self.cues) and self.cues[cue_iter].pos < q.open_pos:
                c = self.cues[cue_iter]
                if c.para == pi and c.entity is not None:
                    para_attr = self.attribution_of(c, 0.75)
                cue_iter += 1
            if j in covered or (not para.title and _names_a_work(self.text, q)):
                continue
            attr = None
            if j in direct_by_cue:
                attr = self.attribution_of(direct_by_cue[j], 0.95)
            nxt = (
                self.quotes[j + 1].open_pos
                if j + 1 < len(self.quotes) and self.quote_para[j + 1] == pi
                else para.end
            )
            # (without the marks of a quotation nested at its end: "People say, 'It does not matter,'")
            content_end = self.text[q.start : q.end].rstrip().rstrip("'’").rstrip()
            if attr is None:
                ends_stop = content_end.endswith(".") and q.close_pos is not None
                tail_ok = (
                    ends_stop
                    or content_end[-1:] in ",?!…—–-:;"
                    or (self.text[q.outer_end : q.outer_end + 3].lstrip().startswith((",", "—", "–")))
                )
                cue = self.frame_cue(q.outer_end, nxt, 4 if ends_stop else 20) if tail_ok else None
                if cue is not None and not (ends_stop and cue.content is not None and cue.kind != "direct"):
                    attr = self.attribution_of(cue, 0.95)
            if attr is None:
                lo = para.start
                if j > 0 and self.quote_para[j - 1] == pi:
                    lo = self.quotes[j - 1].outer_end
                cue, raw, cue_text = self.lead_in(q, lo)
                if cue is not None:
                    attr = self.attribution_of(cue, 0.9)
                elif raw is not None:
                    ent, strength = self.register(raw, pi)
                    if ent is not None:
                        attr = Attribution(ent, raw.mention, cue_text, 0.85 * strength)
            k = q.open_pos - 1
            while k >= para.start and self.text[k].isspace():
                k -= 1
            para_initial = k < para.start
            if attr is None and para_initial:
                # "A spokesperson for the council said:" ending the paragraph before
                cue = self.cue_before_colon(prev_prose.get(pi, -1))
                if cue is not None:
                    attr = self.attribution_of(cue, 0.9)
            starts_sentence = para_initial or self.text[k] in _SENT_END + '”"’'
            if para.title and (attr is None or attr.entity is None):
                continue  # a headline's quotation needs its own cue and a named speaker
            if attr is None and starts_sentence and para_attr is not None:
                # a later sentence of the same paragraph: the speaker of its earlier quotation or cue
                attr = Attribution(para_attr.entity, None, None, min(para_attr.confidence, 0.75))
            if attr is None and para_initial and q.close_pos is not None and content_end[-1:] in _SENT_END:
                # "“We have to be honest.” Speaking in Leeds, the chancellor, Jane Doe, said ...":
                # an unattributed opening quotation, and the next sentence names who spoke
                cue = self.frame_cue(q.outer_end, nxt, 25)
                if cue is not None and cue.entity is not None and cue.raw is not None and not cue.raw.pronoun:
                    attr = Attribution(cue.entity, None, None, 0.7 * cue.strength)
            if attr is None and para_initial:
                dominant = quoted_len.get(pi, 0) >= 0.7 * (para.end - para.start)
                pp = prev_prose.get(pi, -1)
                prev_attr = last_attr_by_para.get(pp) or para_last.get(pp)
                if dominant and prev_attr is not None and prev_attr.entity is not None:
                    attr = Attribution(prev_attr.entity, None, None, 0.8 if pp in left_open else 0.65)
                elif dominant and len(content_end.split()) >= 8:
                    # a paragraph of quotation after one of scene-setting ("We sat in his office. He
                    # poured coffee."): the person in focus, quoted or named as a subject lately
                    ent = self.person_in_focus(q.open_pos, pi)
                    if ent is not None:
                        attr = Attribution(ent, None, None, 0.6)
            if attr is None:
                if para_initial and q.close_pos is None:
                    continued.append(j)
                continue
            if attr.entity is None and not attr.raw_unnamed and attr.mention is None:
                continue
            para_attr = attr if attr.entity is not None else para_attr
            if attr.entity is not None:
                last_attr_by_para[pi] = attr
                attr_of_quote[j] = attr
            kind = "direct"
            out.append(self.make_quote(q.start, q.end, kind, attr))
        for j in reversed(continued):  # (from the last: a chain of paragraphs takes one speaker)
            # a quotation running over paragraphs: each but the last is left open, and the next one
            # opens with a mark again; the speaker is named once, in a later paragraph
            nxt = attr_of_quote.get(j + 1)
            q, after = self.quotes[j], self.quotes[j + 1] if j + 1 < len(self.quotes) else None
            if (
                nxt is not None
                and after is not None
                and self.quote_para[j + 1] == next_prose.get(self.quote_para[j])
                and not self.text[self.paras[self.quote_para[j + 1]].start : after.open_pos].strip()
            ):
                attr_of_quote[j] = Attribution(nxt.entity, None, None, 0.7)
                out.append(self.make_quote(q.start, q.end, "direct", attr_of_quote[j]))
        # indirect and mixed content of cues
        for cue in self.cues:
            if cue.content is None or cue.kind == "direct" or cue.raw is None:
                continue
            attr = self.attribution_of(cue, 0.85 if cue.kind == "mixed" else cue.base)
            if (
                cue.title
                and (
                    attr.entity is None
                    or cue.raw.pronoun is not None
                    # ("Carmaker recalls 112,000 SUVs": a headline's capitals make any word look like a name)
                    or not re.search(
                        rf"\b{re.escape(attr.entity.name.split()[-1])}\b",
                        self.text[self.paras[cue.para].end :],
                    )
                )
            ):
                continue  # a headline's words need a speaker the headline names and the story names again
            if (
                attr.entity is None
                and not attr.raw_unnamed
                and cue.raw.pronoun is None
                and cue.raw.kind is None
            ):
                continue
            s, e = cue.content
            out.append(self.make_quote(s, e, cue.kind, attr))
        return out

    def make_quote(self, s: int, e: int, kind: str, attr: Attribution) -> CandidateQuote:
        return CandidateQuote(
            text=self.text[s:e],
            start=s,
            end=e,
            kind=kind,
            cue=attr.cue,
            speaker_mention=attr.mention,
            speaker=self.speaker(attr.entity),
            confidence=round(max(0.05, min(1.0, attr.confidence)), 3),
            co_speakers=tuple(self.speaker(e) for e in attr.co_entities),
        )

    def speaker(self, ent: Entity | None) -> Speaker | None:
        if ent is None:
            return None
        cached = self._speakers.get(id(ent))
        if cached is None:
            aliases = tuple(a for a in ent.aliases if a != ent.name)
            pk = person_kind(ent.role, ent.org) if ent.kind == "person" else None
            if pk == "other" and ent.kind_hint:
                pk = ent.kind_hint  # a candidate for office, a writer for an outlet, an interviewer
            # one row per leader's body, however the article wrote it ("Clinton's campaign")
            name = repaired(led_body_name(ent.name) if ent.kind == "organisation" else ent.name)
            aliases = tuple(a for a in map(repaired, (*aliases, ent.name)) if a != name)
            role, org = repaired(ent.role), repaired(led_body_name(ent.org))
            cached = Speaker(name, ent.kind, role, org, aliases, pk)
            self._speakers[id(ent)] = cached
        return cached
