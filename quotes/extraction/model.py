"""Public result types."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Speaker:
    name: str  # canonical name within the article
    kind: str  # "person" | "organisation"
    role: str | None  # as stated: "director", "US Secretary of State"
    organisation: str | None  # as stated, without a leading "the"
    aliases: tuple[str, ...]  # other mentions that resolved to it
    person_kind: str | None  # "expert" | "official" | "journalist" | "other"; None for organisations


@dataclass(frozen=True)
class CandidateQuote:
    text: str
    start: int
    end: int  # body[start:end] == text
    kind: str  # "direct" | "indirect" | "mixed"
    cue: str | None  # "said", "told", "according to", ":" ...
    speaker_mention: str | None  # as written at the cue: "he", "Mr Gabuev"
    speaker: Speaker | None  # None for an unnamed speaker
    confidence: float  # 0..1
    # the others who said it together with the speaker ("Mr. Grassley and Mr. Leahy say")
    co_speakers: tuple[Speaker, ...] = ()


@dataclass(frozen=True)
class ArticleExtraction:
    quotes: tuple[CandidateQuote, ...]
    speakers: tuple[Speaker, ...]
    outlet: str | None  # publication named by the text itself ("told Sky News")
