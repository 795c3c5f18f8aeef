"""Load the demo circle. Idempotent: running it again updates the same rows."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from dilemmas.models import Kernvraag
from gemeenten.models import Partner
from leerkring.core.models import Leerkring

from . import content


def _account(*, email: str, name: str):
    user, _ = get_user_model().objects.update_or_create(email=email, defaults={"name": name})
    user.set_password(content.DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def seed_demo() -> Leerkring:
    fields = {k: v for k, v in content.LEERKRING.items() if k != "slug"}
    leerkring, _ = Leerkring.objects.update_or_create(
        slug=content.LEERKRING["slug"], defaults=fields
    )
    for position, text in enumerate(content.KERNVRAGEN, start=1):
        Kernvraag.objects.update_or_create(
            leerkring=leerkring, position=position, defaults={"text": text}
        )
    Kernvraag.objects.filter(leerkring=leerkring, position__gt=len(content.KERNVRAGEN)).delete()
    for data in content.PARTNERS:
        partner, _ = Partner.objects.update_or_create(
            slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
        )
        partner.leerkringen.add(leerkring)

    accounts = {a["email"]: _account(email=a["email"], name=a["name"]) for a in content.ACCOUNTS}
    leerkring.researchers.add(accounts["onderzoeker@leerkring.example"])
    return leerkring
