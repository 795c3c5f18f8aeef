"""The public page "De leerkring in cijfers"."""

import datetime
import re

from django.utils import timezone

from dilemmas import services as dilemma_services
from dilemmas.models import Rol, Waarde
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DeelnameFactory,
    DilemmaFactory,
    GemeenteFactory,
    LeerkringFactory,
    PublicatieFactory,
    UserFactory,
)

URL = "/in-cijfers/"


def _figures(html: str, leerkring) -> dict[str, int]:
    section = re.search(
        rf'aria-labelledby="cijfers-{leerkring.pk}">(.*?)</section>', html, re.S
    ).group(1)
    return {
        label: int(value) for label, value in re.findall(r"<dt>(.*?)</dt><dd>(\d+)</dd>", section)
    }


def _meeting(leerkring, days, **fields):
    start = timezone.now() + datetime.timedelta(days=days)
    return BijeenkomstFactory(
        leerkring=leerkring,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        registration_closes_at=start - datetime.timedelta(hours=1),
        **fields,
    )


def _publicatie(leerkring, slug, days, visibility="openbaar"):
    return PublicatieFactory(
        leerkring=leerkring,
        slug=slug,
        kind="essay",
        title=slug,
        abstract="Samenvatting.",
        release_at=timezone.now() + datetime.timedelta(days=days),
        visibility=visibility,
    )


def test_the_circle_in_numbers_counts_what_it_says(client, circle):
    DeelnameFactory(leerkring=circle.leerkring, gemeente=GemeenteFactory(), status="aangemeld")
    held = _meeting(circle.leerkring, -20, status="gehouden")
    over = _meeting(circle.leerkring, -5)  # over, not marked: held all the same
    _meeting(circle.leerkring, -3, status="geannuleerd")
    coming = _meeting(circle.leerkring, 10)
    for meeting, user, status in [
        (held, circle.member, "aanwezig"),
        (held, circle.other_member, "aanwezig"),
        (over, circle.member, "aangemeld"),  # counted once
        (over, circle.hidden, "wachtlijst"),  # never had a seat
        (over, circle.coordinator, "geannuleerd"),
        (coming, circle.coordinator, "aangemeld"),  # not held yet
    ]:
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, status=status)
    dilemma = DilemmaFactory(leerkring=circle.leerkring)
    for publish, visibility in [(True, "leerkring"), (True, "gemeente"), (False, "leerkring")]:
        dilemma_services.casus_create(
            author=circle.member,
            leerkring=circle.leerkring,
            dilemma=dilemma,
            rollen=Rol.objects.filter(slug="sturen"),
            waarden=Waarde.objects.none(),
            publish=publish,
            visibility=visibility,
            title="Casus",
            situation="Situatie.",
            question="Vraag?",
        )
    _publicatie(circle.leerkring, "uit", -1)
    _publicatie(circle.leerkring, "embargo", 5)
    _publicatie(circle.leerkring, "intern", -1, visibility="deelnemers")

    response = client.get(URL)
    assert response.status_code == 200
    assert _figures(response.text, circle.leerkring) == {
        "Gemeenten": 2,
        "Bijeenkomsten gehouden": 2,
        "Deelnemers": 2,
        "Casussen": 2,
        "Publicaties": 1,
    }
    # Counts only: no titles of cases or names of people on a public page.
    assert "Casus" not in response.text.replace("Casussen", "")
    assert circle.member.name not in response.text


def test_the_page_takes_the_same_queries_for_one_circle_or_many(
    client, circle, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        assert client.get(URL).status_code == 200
    for _ in range(4):
        other = LeerkringFactory()
        DeelnameFactory(leerkring=other)
        meeting = _meeting(other, -2)
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=UserFactory(), status="aanwezig")
    with django_assert_max_num_queries(7):
        html = client.get(URL).text
    assert html.count("<dt>Bijeenkomsten gehouden</dt>") == 5
