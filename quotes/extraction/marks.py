"""Quotation-mark spans within one paragraph (pure text, linear time)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

# opener -> accepted closers
_DOUBLE_OPENERS = {"“": '”"“', "„": '“”"', "«": "»", '"': '"”'}
_SINGLE_CURLY_OPEN = "‘"
_OPEN_BOUNDARY = set(" \t\n\r([{—–-/:;,")


@dataclass(frozen=True)
class QuoteSpan:
    open_pos: int  # index of the opening mark
    start: int  # content start
    end: int  # content end (exclusive)
    close_pos: int | None  # index of the closing mark; None when left open at the paragraph's end
    close_len: int
    single: bool  # single quotation marks (headline style)

    @property
    def outer_end(self) -> int:
        return self.end if self.close_pos is None else self.close_pos + self.close_len


def _boundary_before(text: str, i: int, lo: int) -> bool:
    return i <= lo or text[i - 1] in _OPEN_BOUNDARY


def _single_closer_ok(text: str, j: int, hi: int) -> bool:
    # a closing single mark is followed by a non-letter and preceded by a non-space
    nxt = text[j + 1] if j + 1 < hi else " "
    return not nxt.isalnum() and not text[j - 1].isspace()


def find_quote_spans(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    """Quotations in text[lo:hi] (one paragraph). Double marks left open run to the paragraph's end;
    single marks need a closer in the paragraph (otherwise they are apostrophes)."""
    spans: list[QuoteSpan] = []
    # candidate single closers, for a quick look-ahead
    curly_closers = [j for j in range(lo, hi) if text[j] == "’" and _single_closer_ok(text, j, hi)]
    straight_closers = [
        j
        for j in range(lo, hi)
        if text[j] == "'"
        and _single_closer_ok(text, j, hi)
        and not (j + 1 < hi and text[j + 1] == "'")
        and not (j > lo and text[j - 1] == "'")
    ]
    i = lo
    while i < hi:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < hi else ""
        if ch in _DOUBLE_OPENERS or (ch == "'" and nxt == "'"):
            doubled = ch == "'"
            if ch == '"' and not (_boundary_before(text, i, lo) and nxt and not nxt.isspace()):
                i += 1
                continue
            if doubled and not _boundary_before(text, i, lo):
                i += 2
                continue
            olen = 2 if doubled else 1
            closers = '"”' if doubled else _DOUBLE_OPENERS[ch]
            j = i + olen
            close = None
            clen = 1
            while j < hi:
                c = text[j]
                if doubled and c == "'" and j + 1 < hi and text[j + 1] == "'":
                    close, clen = j, 2
                    break
                if c in closers:
                    if c == "“" and ch == "“":
                        # a new opening mark while one is open: the earlier quotation was left open
                        break
                    close = j
                    break
                j += 1
            start, end = i + olen, (close if close is not None else j)
            s, e = start, end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e and any(c.isalnum() for c in text[s:e]):
                spans.append(QuoteSpan(i, s, e, close, clen, False))
            # go on after the closing mark, or from the paragraph end or a new opening mark
            i = j if close is None else close + clen
            continue
        if (
            (ch == _SINGLE_CURLY_OPEN or ch == "'")
            and _boundary_before(text, i, lo)
            and nxt
            and not nxt.isspace()
        ):
            pool = curly_closers if ch == _SINGLE_CURLY_OPEN else straight_closers
            k = bisect_right(pool, i)
            if ch == "'" and not nxt.isalpha():
                i += 1
                continue
            if k < len(pool):
                close = pool[k]
                s, e = i + 1, close
                while e > s and text[e - 1].isspace():
                    e -= 1
                if s < e and any(c.isalnum() for c in text[s:e]) and "\n" not in text[s:e]:
                    spans.append(QuoteSpan(i, s, e, close, 1, True))
                    i = close + 1
                    continue
        i += 1
    return spans
