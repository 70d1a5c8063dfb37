from pathlib import Path

from django.core.management.base import BaseCommand

from quotes.statements import describe_alone, describe_groups, figures


class Command(BaseCommand):
    help = (
        "How many stored quotations joined statements and how many statements span two or more outlets; "
        "with --groups FILE, statements of several reports written out for checking by hand (--sample N "
        "of them); with --alone FILE, a sample of direct quotations left alone with the speaker's nearest "
        "other quotations (for recall)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--groups", type=Path, help="write multi-report statements to this file")
        parser.add_argument("--sample", type=int, default=None, help="at most this many of them (seeded)")
        parser.add_argument("--alone", type=Path, help="write a sample of direct quotations left alone here")
        parser.add_argument("--alone-sample", type=int, default=100)
        parser.add_argument("--seed", type=int, default=17)

    def handle(self, *args, groups=None, sample=None, alone=None, alone_sample=100, seed=17, **options):
        f = figures()
        out = self.stdout.write
        out(f"Articles: {f.articles} ({f.copies} near copies of another)")
        out(f"Quotations: {f.quotations} in {f.statements} statements")
        out(
            f"Quotations in a statement of 2+ reports: {f.joined_quotations} "
            f"({_share(f.joined_quotations, f.quotations)}), in {f.multi_report_statements} statements"
        )
        out(f"Statements reported by 2+ outlets: {f.multi_outlet_statements}")
        out(f"Direct quotations joined: {f.direct_joined} of {f.direct_quotations}")
        if groups is not None:
            groups.write_text("\n".join(describe_groups(limit=sample, seed=seed)) + "\n", encoding="utf-8")
            out(f"Groups written to {groups}")
        if alone is not None:
            alone.write_text(
                "\n".join(describe_alone(limit=alone_sample, seed=seed)) + "\n", encoding="utf-8"
            )
            out(f"Quotations left alone written to {alone}")


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"
