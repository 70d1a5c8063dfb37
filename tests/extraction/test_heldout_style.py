"""The held-out-style set (tests/extraction/heldout_style/) stays above its bar.

Article-length texts in several outlets' house styles, annotated before the extractor was run on
them; the bar sits a little below the current scores so that regressions show.
"""

from pathlib import Path

from .conftest import score_folder

HELDOUT = Path(__file__).resolve().parent / "heldout_style"


def test_heldout_style(nlp):
    res = score_folder(nlp, HELDOUT / "gold.json", HELDOUT)
    # at version 1.2.0: end-to-end F1 0.990, attribution 0.995, span precision 1.000
    assert res["end_to_end"]["f1"] >= 0.95, res["end_to_end"]
    assert res["attribution_accuracy"] >= 0.97, res["attribution_accuracy"]
    assert res["span"]["precision"] >= 0.95, res["span"]
