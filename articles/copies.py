"""Near copies of articles: the same wire story in another outlet, under another headline, byline or
boilerplate, with a paragraph added or cut.

Each article's text is cut into word shingles and summarised by a MinHash signature (datasketch); the
signature is cut into LSH bands, and each band's hash is stored in an indexed table (``ArticleBand``). A
new article looks up the stored articles sharing one of its band hashes (an index look-up, however many
articles are stored), then estimates its resemblance (Jaccard) with each from the stored MinHash values,
and is a copy of the most similar one at or above ``COPY_THRESHOLD``. Exact copies never get here: the
same text is one article by its content hash.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash
from django.db import connection

from .models import Article, ArticleBand, ArticleSignature

NUM_PERM = 128
# 16 bands of 8 values: two articles with a resemblance of 0.7 share a band with probability 0.94, of 0.8
# with 0.9997; at 0.4 with 0.01 (then the Jaccard check below refuses them anyway).
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
# The estimated resemblance of word shingles above which an article is a copy. A wire story under a new
# headline and byline with one paragraph of ten cut measures 0.8-0.9; two outlets' own stories of one
# event, quoting the same lines, measure under 0.2.
COPY_THRESHOLD = 0.6
# Too short a text tells nothing about copying (a brief of two sentences).
MIN_WORDS = 60
SEED = 1

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# The permutations a MinHash of this seed draws, drawn once (drawing them cost each article 0.3 ms).
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED)
_PERMUTATIONS, _SCHEME = _TEMPLATE.permutations, _TEMPLATE.scheme


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return _WORD.findall(text)


def signature(text: str) -> MinHash | None:
    """The MinHash of the text's word shingles; None for a text too short to judge."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=_SCHEME)
    shingles = {
        " ".join(tokens[i : i + SHINGLE_WORDS]).encode() for i in range(len(tokens) - SHINGLE_WORDS + 1)
    }
    minhash.update_batch(list(shingles))
    return minhash


def band_hashes(minhash: MinHash) -> list[int]:
    """One signed 64-bit hash per band (its number and values), as the index stores them."""
    values = minhash.hashvalues.astype("<u8")
    hashes = []
    for band in range(BANDS):
        digest = hashlib.blake2b(
            band.to_bytes(2, "little") + values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8
        ).digest()
        hashes.append(int.from_bytes(digest, "little", signed=True))
    return hashes


def resemblance(values: np.ndarray, stored: bytes) -> float:
    other = np.frombuffer(bytes(stored), dtype="<u8")
    return float(np.count_nonzero(values == other)) / len(values)


def find_original(*, minhash: MinHash, exclude_id: int | None = None) -> Article | None:
    """The stored original this text is a near copy of: the most similar stored article at or above the
    threshold (ties to the oldest), or the original it is itself a copy of. None when there is none."""
    hashes = band_hashes(minhash)
    # Plain SQL for the look-up every article makes (and which mostly finds nothing): the ORM's
    # compiling cost more than the index read.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT article_id FROM {connection.ops.quote_name(ArticleBand._meta.db_table)} "
            f"WHERE hash IN ({', '.join(['%s'] * len(hashes))})",
            hashes,
        )
        candidate_ids = sorted(row[0] for row in cursor.fetchall() if row[0] != exclude_id)
    if not candidate_ids:
        return None
    values = minhash.hashvalues.astype("<u8")
    best = None
    for article_id, stored in ArticleSignature.objects.filter(article_id__in=candidate_ids).values_list(
        "article_id", "minhash"
    ):
        score = resemblance(values, stored)
        if score >= COPY_THRESHOLD and (best is None or (score, -article_id) > (best[0], -best[1])):
            best = (score, article_id)
    if best is None:
        return None
    article = Article.objects.only("id", "copy_of_id").filter(pk=best[1]).first()
    if article is not None and article.copy_of_id is not None:
        return Article.objects.only("id", "copy_of_id").filter(pk=article.copy_of_id).first()
    return article


def index_article(*, article: Article, minhash: MinHash | None, fresh: bool = False, writes=None) -> None:
    """Store (or replace) the article's signature and band hashes (``fresh``: a new article, none yet).
    With ``writes`` (``quotes.statements.Writes``), the inserts wait there to be run with the others."""
    if not fresh:
        ArticleBand.objects.filter(article=article).delete()
        ArticleSignature.objects.filter(article=article).delete()
    if minhash is None:
        return
    from quotes.statements import insert_rows  # plain multi-row INSERTs (no model object per row)

    insert_rows(
        ArticleSignature._meta.db_table,
        ("article_id", "minhash"),
        [(article.pk, minhash.hashvalues.astype("<u8").tobytes())],
        writes=writes,
    )
    insert_rows(
        ArticleBand._meta.db_table,
        ("article_id", "hash"),
        [(article.pk, value) for value in sorted(set(band_hashes(minhash)))],
        writes=writes,
    )
