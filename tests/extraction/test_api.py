"""The public interface, robustness and the evaluation format."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotes.extraction as qx
from quotes.extraction import ArticleExtraction, CandidateQuote, Speaker, extract_many, to_eval_record

ROOT = Path(__file__).resolve().parents[2]


def check_offsets(text, result):
    assert isinstance(result, ArticleExtraction)
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in {"direct", "indirect", "mixed"}
        assert 0.0 <= q.confidence <= 1.0


def test_interface_names():
    assert isinstance(qx.EXTRACTOR_VERSION, str) and qx.EXTRACTOR_VERSION.count(".") == 2
    for name in ("extract", "extract_many", "load_nlp", "to_eval_record", "Speaker", "CandidateQuote"):
        assert hasattr(qx, name)
    assert qx.load_nlp() is qx.load_nlp()
    assert "lemmatizer" not in qx.load_nlp().pipe_names


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "no punctuation at all here just words",
        "“",
        "”unbalanced “marks” here” “",
        '"' * 7,
        "\r\n\r\n",
    ],
)
def test_degenerate_texts(run, text):
    check_offsets(text, run(text))


def test_long_paragraph(run):
    words = ("the minister said that “prices” would fall and analysts warned " * 500).split()
    text = " ".join(words[:5000]) + "."
    check_offsets(text, run(text))


def test_crlf_offsets(run):
    text = "Title\r\n\r\n“We will win,” said Jo Park, a coach.\r\n\r\nShe added that the team was ready.\r\n"
    r = run(text)
    check_offsets(text, r)
    assert [q.speaker.name for q in r.quotes] == ["Jo Park", "Jo Park"]


def test_extract_many_matches_extract(run, nlp):
    texts = ["“A deal is close,” said Omar Sy, a negotiator.\n", "", "Nothing quoted here.\n"]
    many = list(extract_many(texts, nlp=nlp, batch_size=2))
    assert many == [run(t) for t in texts]


def test_eval_record():
    sp = Speaker("Ann Lee", "person", "analyst", "Delta Research", ("Ms Lee",), "expert")
    q = CandidateQuote("It works,", 1, 10, "direct", "said", "Ms Lee", sp, 0.9)
    rec = to_eval_record(q, source="a.txt")
    assert rec == {
        "source": "a.txt",
        "text": "It works,",
        "start": 1,
        "end": 10,
        "kind": "direct",
        "speaker": "Ann Lee",
        "speaker_kind": "person",
        "person_kind": "expert",
        "speaker_mention": "Ms Lee",
        "organisation": "Delta Research",
        "role": "analyst",
        "cue": "said",
        "confidence": 0.9,
    }
    q = CandidateQuote("x y z", 0, 5, "indirect", "said", "experts", None, 0.3)
    unnamed = to_eval_record(q, source="b.txt")
    assert unnamed["speaker_kind"] == "unknown" and unnamed["person_kind"] is None
    others = (
        Speaker("Bo Kim", "person", None, None, (), "other"),
        Speaker("Cy Dahl", "person", None, None, (), "other"),
    )
    q = CandidateQuote("x y z", 0, 5, "indirect", "say", "Lee, Kim and Dahl", sp, 0.8, co_speakers=others)
    assert to_eval_record(q, source="c.txt")["speaker"] == "Ann Lee, Bo Kim and Cy Dahl"


def test_cli_writes_jsonl(tmp_path):
    src = tmp_path / "art.txt"
    src.write_text("“We will win,” said Jo Park, a coach.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    subprocess.run(
        [sys.executable, "-m", "quotes.extraction", str(src), "--jsonl", str(out)], check=True, cwd=ROOT
    )
    (line,) = out.read_text(encoding="utf-8").splitlines()
    rec = json.loads(line)
    assert rec["source"] == "art.txt" and rec["speaker"] == "Jo Park" and rec["text"] == "We will win,"


_alphabet = st.sampled_from([*"abc XYZ.,:;!?-—\n\"'“”‘’«»", "said", " he ", "Mr ", "Smith", "according to "])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_alphabet, max_size=60).map("".join) | st.text(max_size=200))
def test_never_raises_and_offsets_hold(run, text):
    check_offsets(text, run(text))
