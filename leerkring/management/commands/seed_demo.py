from django.core.management.base import BaseCommand

from leerkring.demo import content
from leerkring.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Load the demo circle and demo accounts (safe to run again)."

    def handle(self, *args, **options):
        leerkring = seed_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {leerkring.title}"))
        self.stdout.write(f"Demo accounts (password: {content.DEMO_PASSWORD}):")
        for account in content.ACCOUNTS:
            self.stdout.write(f"  {account['email']:<32} {account['name']} ({account['role']})")
