from django.core.management.base import BaseCommand

from leerkring.core.rendering import services


class Command(BaseCommand):
    help = (
        "Queue every PDF again, also those whose content did not change (after a change to the "
        "PDF layout or the fonts). The worker renders them; the pages show progress."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            help="Only this kind of document (e.g. verslag, presentielijst); may be repeated.",
        )

    def handle(self, *args, kinds=None, **options):
        count = services.render_all(kinds=kinds)
        self.stdout.write(f"{count} PDF-opdracht(en) opnieuw in de wachtrij gezet.")
