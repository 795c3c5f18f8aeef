"""The demo shows the site search (issue 18, "Done when"): from the one box in the header,
Fatima (a civil servant of Breda) finds a meeting, a report, a publication and a case."""

import io

import pytest
from django.core.management import call_command

from leerkring.core.models import User
from leerkring.search import site_search


@pytest.mark.django_db
def test_fatima_finds_every_kind_in_the_demo_from_one_box():
    call_command("seed_demo", stdout=io.StringIO())
    fatima = User.objects.get(email="ambtenaar@breda.nl")
    found = {
        g.key: [h.title for h in g.hits] for g in site_search(user=fatima, query="initiatieven")
    }
    assert {"bijeenkomsten", "verslagen", "publicaties", "casussen"} <= set(found)
    cooperatie = {g.key for g in site_search(user=fatima, query="cooperatie")}
    assert "casussen" in cooperatie
