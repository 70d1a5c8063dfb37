import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from quotes.synthetic import CorpusExists, generate_corpus


class Command(BaseCommand):
    help = "Generate a realistic synthetic corpus of articles, people, organisations and quotations."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quotes", type=int, default=100_000, help="how many quotations (default 100000)"
        )
        parser.add_argument("--people", type=int, help="default: quotes / 150, at most 20000")
        parser.add_argument("--organisations", type=int, help="default: people / 4")
        parser.add_argument("--articles", type=int, help="default: quotes / 8")
        parser.add_argument(
            "--seed", type=int, default=1, help="a corpus per seed; the same seed twice is refused"
        )

    def handle(self, *args, quotes, people, organisations, articles, seed, verbosity, **options):
        if quotes < 1:
            raise CommandError("--quotes must be at least 1")
        show_bar = verbosity > 0 and sys.stderr.isatty()
        with tqdm(total=quotes, unit="quote", file=sys.stderr, disable=not show_bar) as bar:
            try:
                counts = generate_corpus(
                    quotes=quotes,
                    people=people,
                    organisations=organisations,
                    articles=articles,
                    seed=seed,
                    progress=bar.update,
                )
            except CorpusExists as error:
                raise CommandError(str(error)) from None
        if verbosity > 0:
            self.stdout.write(
                f"Generated {counts.quotes} quotations in {counts.articles} articles, "
                f"{counts.people} people, {counts.organisations} organisations, "
                f"{counts.publications} publications."
            )
