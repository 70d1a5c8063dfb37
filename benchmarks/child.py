"""Entry point of a benchmark's child process: ``python -m benchmarks.child module.function '{json}'``.

Sets Django up on the ``DATABASE_URL`` it was given, calls ``benchmarks.module.function(**arguments)`` and
prints what it returns as one marked JSON line, which ``measure.run_child`` reads back.
"""

import importlib
import json
import sys

import django
from django.conf import settings

from benchmarks.measure import RESULT_MARKER


def main() -> None:
    django.setup()
    # Measured as in production: no per-query log. (The rest of the DEBUG settings were fixed at start-up,
    # so static files still resolve without a collectstatic manifest.)
    settings.DEBUG = False
    module_name, function_name = sys.argv[1].rsplit(".", 1)
    function = getattr(importlib.import_module(f"benchmarks.{module_name}"), function_name)
    result = function(**json.loads(sys.argv[2]))
    print(RESULT_MARKER + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
