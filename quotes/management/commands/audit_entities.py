import json

from django.core.management.base import BaseCommand

from quotes.audit import audit_entities


class Command(BaseCommand):
    help = (
        "Audit the people and organisation tables: counts by kind, suspected duplicates and names that "
        "look like no person or organisation (headline words, datelines, first names or common words "
        "alone, markup, outlets stored as people, people stored as organisations, groups and places). "
        "-v 0 prints the counts only; -v 2 also lists the people and organisations of each kind."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the whole audit as one JSON object")

    def handle(self, *args, json: bool = False, verbosity: int = 1, **options):
        audit = audit_entities()
        if json:
            self.stdout.write(dumps(audit.as_dict()))
            return
        out = self.stdout.write
        out(f"People: {audit.people} ({_counts(audit.people_by_kind)})")
        out(f"Organisations: {audit.organisations} ({_counts(audit.organisations_by_kind)})")
        out(f"Suspected duplicates: {len(audit.duplicates)}")
        out(
            f"Suspect names: {len(audit.junk)}"
            + (f" ({_counts(audit.junk_by_reason())})" if audit.junk else "")
        )
        if verbosity < 1:
            return
        if audit.duplicates:
            out("\nSuspected duplicates:")
            for duplicate in audit.duplicates:
                names = " | ".join(
                    f"{name} (#{pk})" for pk, name in zip(duplicate.ids, duplicate.names, strict=True)
                )
                out(f"  {duplicate.kind}: {names}: {duplicate.reason}")
        if audit.junk:
            out("\nSuspect names:")
            for flag in audit.junk:
                out(f"  {flag.kind} #{flag.id} {flag.name!r}: {flag.reason}")
        if verbosity >= 2:
            out("\nPeople by kind:")
            for kind, names in audit.people_named_by_kind.items():
                out(f"  {kind} ({len(names)}): {', '.join(names)}")
            out("\nOrganisations by kind:")
            for kind, names in audit.organisations_named_by_kind.items():
                out(f"  {kind} ({len(names)}): {', '.join(names)}")


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{kind} {n}" for kind, n in counts.items())
