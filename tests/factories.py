import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from leerkring.core.models import Leerkring

PASSWORD = "een-sterk-wachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.nl")
    name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class LeerkringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leerkring

    title = factory.Sequence(lambda n: f"Leerkring {n}")
    slug = factory.Sequence(lambda n: f"leerkring-{n}")
    summary = "Gemeenten leren samen."
    starts_on = datetime.date(2017, 9, 1)
    ends_on = datetime.date(2019, 8, 31)


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "gemeenten.Gemeente"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")
    # Real codes are GM + four digits; stay in 1000-9999, clear of the fixtures' GM0758 and GM0855.
    cbs_code = factory.Sequence(lambda n: f"GM{1000 + n % 9000:04d}")


class EmaildomeinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "gemeenten.Emaildomein"

    gemeente = factory.SubFactory(GemeenteFactory)
    domain = factory.LazyAttribute(lambda o: f"{o.gemeente.slug}.nl")


class DeelnameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "gemeenten.Deelname"

    leerkring = factory.SubFactory(LeerkringFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    status = "toegelaten"
    contact_name = "Contactpersoon"
    contact_email = factory.LazyAttribute(lambda o: f"contact@{o.gemeente.slug}.nl")


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "gemeenten.Lidmaatschap"

    user = factory.SubFactory(UserFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    job_title = "beleidsadviseur"
    status = "bevestigd"


class DilemmaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dilemmas.Dilemma"

    leerkring = factory.SubFactory(LeerkringFactory)
    title = factory.Sequence(lambda n: f"Dilemma {n}")
    slug = factory.Sequence(lambda n: f"dilemma-{n}")
    summary = "Een dilemma."
    description = "Beschrijving."


class BijeenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bijeenkomsten.Bijeenkomst"

    leerkring = factory.SubFactory(LeerkringFactory)
    kind = "werkgroep"
    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    registration_closes_at = factory.LazyAttribute(
        lambda o: o.starts_at - datetime.timedelta(days=1)
    )
    location = "Stadhuis"
    capacity = 10
