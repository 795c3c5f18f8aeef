"""The programme's pages, its feed, its manager's home and the site's home cost as many queries
with 50 circles as with 2."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.models import Aanmelding, Bijeenkomst
from gemeenten.models import Deelname, Gemeente, Partner
from leerkring.core.models import Leerkring
from publicaties.models import Publicatie
from tests.factories import (
    BijeenkomstFactory,
    GemeenteFactory,
    PartnerFactory,
    ProgrammaFactory,
    PublicatieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PHASES = ["voorbereiding", "open", "lopend", "afgesloten"]
# From 2: the first two circles are running and ended, both public.
_numbers = itertools.count(2)


def add_circles(programma, partner, n):
    """n circles of every phase, each with a municipality (one shared by all), an application,
    a meeting held with a participant, a researcher and two publications; bulk_create."""
    today = timezone.localdate()
    past = timezone.now() - datetime.timedelta(days=30)
    numbers = [next(_numbers) for _ in range(n)]
    circles = Leerkring.objects.bulk_create(
        [
            Leerkring(
                programma=programma,
                title=f"Kring {i}",
                slug=f"kring-{i}",
                summary="Samen leren.",
                phase=PHASES[i % 4],
                closed_at=past if PHASES[i % 4] == "afgesloten" else None,
                starts_on=today - datetime.timedelta(days=i),
                ends_on=today + datetime.timedelta(days=365),
            )
            for i in numbers
        ]
    )
    shared = Gemeente.objects.filter(slug="gedeeld").first() or GemeenteFactory(slug="gedeeld")
    gemeenten = Gemeente.objects.bulk_create(
        [GemeenteFactory.build(slug=f"gemeente-q{i}", cbs_code=f"GM{i:04d}") for i in numbers]
    )
    Deelname.objects.bulk_create(
        [
            Deelname(
                leerkring=c, gemeente=g, status=status, contact_name="C", contact_email="c@x.nl"
            )
            for c, g in zip(circles, gemeenten, strict=True)
            for g, status in ((g, "toegelaten"), (shared, "aangemeld"))
        ]
    )
    meetings = Bijeenkomst.objects.bulk_create(
        [
            BijeenkomstFactory.build(
                leerkring=c,
                starts_at=past,
                ends_at=past + datetime.timedelta(hours=2),
                registration_closes_at=past - datetime.timedelta(days=1),
            )
            for c in circles
        ]
    )
    people = [UserFactory() for _ in range(2)]
    Aanmelding.objects.bulk_create(
        [
            Aanmelding(bijeenkomst=m, deelnemer=p, status="aanwezig")
            for m in meetings
            for p in people
        ]
    )
    Leerkring.researchers.through.objects.bulk_create(
        [Leerkring.researchers.through(leerkring=c, user=people[0]) for c in circles]
    )
    Partner.leerkringen.through.objects.bulk_create(
        [Partner.leerkringen.through(leerkring=c, partner=partner) for c in circles]
    )
    Publicatie.objects.bulk_create(
        [
            PublicatieFactory.build(leerkring=c, slug=f"publicatie-{c.pk}-{k}", visibility=v)
            for c in circles
            for k, v in ((0, "openbaar"), (1, "leden"))
        ]
    )


def count_queries(client, url) -> int:
    client.get(url)  # caches warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_the_programme_s_pages_cost_the_same_with_2_and_with_50_circles(client):
    programma = ProgrammaFactory(slug="groot")
    manager = UserFactory()
    programma.managers.add(manager)
    partner = PartnerFactory()
    public = [
        reverse("programma:programma-detail", args=[programma.slug]),
        reverse("programma:programma-publicaties", args=[programma.slug]),
        reverse("programma:programma-feed", args=[programma.slug]),
        "/",
    ]
    beheer = reverse("programma:programma-beheer", args=[programma.slug])

    def measure():
        counts = {url: count_queries(client, url) for url in public}
        client.force_login(manager)
        counts[beheer] = count_queries(client, beheer)
        client.logout()
        return counts

    add_circles(programma, partner, 2)
    with_two = measure()
    add_circles(programma, partner, 48)
    assert Leerkring.objects.count() == 50
    with_fifty = measure()
    assert with_fifty == with_two
    # The home page shows the programme (it has more than one circle).
    assert "Naar het programma" in client.get("/").text
