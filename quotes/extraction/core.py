"""Quotation extraction and attribution over one parsed article: the stages, in order.

0. ``repairs``: the parse mended where the small model reliably misreads one shape of news sentence;
1. ``layout`` (paragraphs, headline, datelines, boilerplate) and ``marks`` (quotation-mark spans);
2. ``cues`` (``CueFinder``): reporting verbs with their subject, nominal cues, "according to", speaker
   labels, verdict sentences; ``contents`` (``ContentReader``): what each cue reports, as a span;
3. ``resolution`` (``SpeakerResolver``): speakers resolved in reading order, with ``speakers`` reading
   each speaker's noun phrase (name, role, organisation) and keeping the article's registry;
4. ``attribution`` (``QuoteAttributor``): every quotation-mark span attributed, and the indirect and mixed
   contents of the cues added.

``_Article`` below holds the article's state that the stages read and write; each stage is a mixin in
its own module. Every step is linear in the article's length.
"""

from __future__ import annotations

from bisect import bisect_right

from .attribution import QuoteAttributor, _drop_nested
from .contents import ContentReader
from .cues import Cue, CueFinder
from .layout import Paragraph, split_paragraphs
from .lexicon import (
    PLACE_WORDS,
)
from .marks import QuoteSpan, find_quote_spans
from .model import ArticleExtraction, Speaker
from .repairs import repair_parse
from .resolution import SpeakerResolver
from .speakers import DocIndex, Entity, RawSpeaker, Registry


class _Article(CueFinder, ContentReader, SpeakerResolver, QuoteAttributor):
    """One parsed article: its paragraphs, quotations, cues and registry of speakers."""

    def __init__(self, text: str, doc):
        self.text = text
        self.doc = doc
        repair_parse(doc)
        self.paras: list[Paragraph] = split_paragraphs(text)
        self.idx = DocIndex(doc, paragraphs=self.paras)
        self.para_starts = [p.start for p in self.paras]
        self.quotes: list[QuoteSpan] = []
        self.quote_para: list[int] = []
        for p in self.paras:
            if not p.prose and not p.title:
                continue
            for q in find_quote_spans(text, p.start, p.end):
                self.quotes.append(q)
                self.quote_para.append(p.index)
        self.q_starts = [q.start for q in self.quotes]
        self.tok_starts = [t.idx for t in doc]
        self.registry = Registry()
        self.cues: list[Cue] = []
        self.cue_by_tok: dict[int, Cue] = {}
        self.clauseless: set[int] = set()  # cue verbs whose content is no clause ("vowed to ...")
        self.outlet: str | None = None
        self.salience: list[tuple[int, int, Entity]] = []  # (pos, para, entity)
        # people named together as a subject ("Ms. Foner and Mr. Alba argue"): whom "they" may be
        self.joint_subjects: list[tuple[int, int, tuple[Entity, ...]]] = []  # (pos, para, people)
        self.unnamed_speakers: list[tuple[int, int, str]] = []  # (pos, para, mention) of cue subjects

    # ---- position helpers -------------------------------------------------------------------
    def para_of(self, pos: int) -> Paragraph | None:
        k = bisect_right(self.para_starts, pos) - 1
        if k < 0:
            return None
        p = self.paras[k]
        return p if pos < p.end else None

    def quote_at(self, pos: int) -> int:
        """Index of the quotation whose content holds character pos, or -1."""
        k = bisect_right(self.q_starts, pos) - 1
        if k >= 0 and pos < self.quotes[k].end:
            return k
        return -1

    def in_marks(self, pos: int) -> bool:
        """True when pos is inside a quotation's outer span (content or marks)."""
        k = bisect_right(self.q_starts, pos)
        for j in (k - 1, k):
            if 0 <= j < len(self.quotes):
                q = self.quotes[j]
                if q.open_pos <= pos < q.outer_end:
                    return True
        return False

    def untagged_person(self, head, raw: RawSpeaker) -> bool:
        """'Ines Moreau is up at 3 a.m.': a two- or three-word proper name the tagger missed, as a
        subject, is a person (not a place or an organisation by its last word)."""
        span = self.idx.name_span(head)
        if raw.kind != "person" or span is None or not 2 <= span[1] - span[0] <= 3:
            return False
        toks = self.doc[span[0] : span[1]]
        return all(t.pos_ == "PROPN" and t.is_title and not t.ent_type_ for t in toks) and (
            toks[-1].lower_ not in PLACE_WORDS
        )

    def in_content(self, pos: int) -> bool:
        """True when pos lies inside some cue's reported content (the names there are not speakers)."""
        k = bisect_right(self._content_starts, pos) - 1
        return k >= 0 and self._content_reach[k] > pos

    def tok_at(self, pos: int) -> int:
        return max(0, bisect_right(self.tok_starts, pos) - 1)

    def run(self) -> ArticleExtraction:
        self._speakers: dict[int, Speaker] = {}
        self.build_cues()
        self.resolve_all()
        quotes = self.attribute_quotes()
        quotes = _drop_nested(quotes)
        speakers = []
        seen = set()
        for q in quotes:
            if q.speaker is not None and q.speaker.name not in seen:
                seen.add(q.speaker.name)
                speakers.append(q.speaker)
        return ArticleExtraction(tuple(quotes), tuple(speakers), self.outlet)


def extract_doc(text: str, doc) -> ArticleExtraction:
    if not text.strip():
        return ArticleExtraction((), (), None)
    return _Article(text, doc).run()
