from django.core.management.base import BaseCommand

from quotes.statements import regroup_stored


class Command(BaseCommand):
    help = (
        "Group every stored quotation into statements again, as ingest would have in the order the articles "
        "were stored (near copies found for articles without a signature). Reports a curator placed keep "
        "their statements. Run once after migrating an installation whose quotations predate statements."
    )

    def handle(self, *args, verbosity: int = 1, **options):
        def progress(result):
            if verbosity >= 2:
                self.stdout.write(f"{result.articles} articles, {result.quotes} quotations")

        result = regroup_stored(progress=progress)
        self.stdout.write(
            f"Grouped {result.quotes} quotations of {result.articles} articles ({result.copies} near copies)."
        )
