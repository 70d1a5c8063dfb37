"""python -m quotes.extraction FILE... [--jsonl OUT]: one evaluation-format JSON object per quotation."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import extract_many, load_nlp, to_eval_record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m quotes.extraction", description=__doc__)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--jsonl", type=Path, help="write here instead of standard output")
    args = ap.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in args.files]
    out = args.jsonl.open("w", encoding="utf-8") if args.jsonl else sys.stdout
    try:
        for path, result in zip(args.files, extract_many(texts, nlp=load_nlp()), strict=True):
            for q in result.quotes:
                out.write(json.dumps(to_eval_record(q, source=path.name), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
