"""Quotation-mark spans and paragraph layout (no model needed)."""

from quotes.extraction.layout import split_paragraphs
from quotes.extraction.marks import find_quote_spans


def spans(text):
    return [text[q.start : q.end] for q in find_quote_spans(text, 0, len(text))]


def test_curly_straight_single_and_doubled_apostrophes():
    assert spans("“A b,” he said. “C d.”") == ["A b,", "C d."]
    assert spans('"We have," he said "ok".') == ["We have,", "ok"]
    assert spans("Minister says ‘we will not back down’") == ["we will not back down"]
    assert spans("''We are ready,'' said the coach.") == ["We are ready,"]


def test_apostrophes_are_not_quotations():
    assert spans("Russia’s pact and Iran’s drones") == []
    assert spans("It's the members' vote in the '90s") == []


def test_nested_single_quotes_stay_inside():
    assert spans("“When he told me ‘you are fired’, I laughed,” she said.") == [
        "When he told me ‘you are fired’, I laughed,"
    ]


def test_open_quotation_runs_to_paragraph_end():
    text = "“Every country is assessed. How can it help?"
    (q,) = find_quote_spans(text, 0, len(text))
    assert q.close_pos is None and text[q.start : q.end] == "Every country is assessed. How can it help?"


def test_unbalanced_marks_do_not_raise():
    for text in ["”", "“", '"', "‘", "a ” b “", "'' ''", "“ ”", "‘‘’’", '" "']:
        for q in find_quote_spans(text, 0, len(text)):
            assert 0 <= q.start < q.end <= len(text)


def test_boilerplate_lines_are_not_prose():
    text = (
        "Title of the story\n\nReal prose sentence that ends here.\n\nImage:\nA man walks. Pic: AP\n\n"
        "1:06\n\nRead more:\nMinister ‘quits’ after row\nWhy prices keep rising\n\n"
        "Back to prose, which ends properly.\n"
    )
    paras = split_paragraphs(text)
    prose = [text[p.start : p.end] for p in paras if p.prose]
    assert prose == ["Real prose sentence that ends here.", "Back to prose, which ends properly."]
