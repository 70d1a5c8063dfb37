from django.core.management.base import BaseCommand, CommandError

from articles import sources


class Command(BaseCommand):
    help = (
        "Follow a feed (RSS or Atom) or a sitemap: reads it once to find out which it is, and adds it as a "
        "source that poll_sources (or celery beat) reads for new articles."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="the feed's or sitemap's http(s) address")
        parser.add_argument("--publication", metavar="NAME", help="the outlet its articles belong to")
        parser.add_argument(
            "--interval", type=int, default=60, metavar="MINUTES", help="minutes between polls (default 60)"
        )

    def handle(self, *args, url, publication, interval, verbosity, **options):
        if interval < 1:
            raise CommandError("--interval must be at least 1 minute")
        try:
            source, created = sources.add_source(
                url=url, publication_name=publication or "", minutes=interval
            )
        except sources.SourceRejected as error:
            raise CommandError(f"{url}: {error}") from None
        if verbosity > 0:
            state = "Added" if created else "Already followed"
            self.stdout.write(f"{state}: source {source.pk}, {source.get_kind_display()}, {source.url}")
