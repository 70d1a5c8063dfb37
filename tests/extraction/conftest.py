import importlib.util
import json
import os
from pathlib import Path

import pytest

from quotes.extraction import extract, extract_many, load_nlp, to_eval_record

# the shared evaluation folder sits beside the checkout (…/shared/eval/score.py)
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def run(nlp):
    """extract() with the session's pipeline."""

    def _run(text):
        return extract(text, nlp=nlp)

    return _run


def find(result, fragment):
    """The quotation whose text contains fragment (exactly one)."""
    hits = [q for q in result.quotes if fragment in q.text]
    assert len(hits) == 1, (fragment, [q.text for q in result.quotes])
    return hits[0]


def speaker_of(result, fragment):
    q = find(result, fragment)
    return q.speaker.name if q.speaker else None


def score_folder(nlp, gold_path: Path, folder: Path) -> dict:
    """The shared scorer's result for the extractor over folder's .txt files against gold_path.
    Outside CI a checkout without the shared folder skips; in CI that fails."""
    if not (EVAL / "score.py").exists():
        if os.environ.get("CI"):
            pytest.fail(f"shared evaluation data not found at {EVAL}")
        pytest.skip("shared evaluation data not available")
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    files = sorted(folder.glob("*.txt"))
    assert files, f"no texts in {folder}"
    texts = [p.read_text(encoding="utf-8") for p in files]
    preds = [
        to_eval_record(q, source=p.name)
        for p, r in zip(files, extract_many(texts, nlp=nlp), strict=True)
        for q in r.quotes
    ]
    sources = {p.name: t for p, t in zip(files, texts, strict=True)}
    return score.score(gold["quotes"], preds, sources)
