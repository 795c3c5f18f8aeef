"""Two researchers admit the last municipality at the same moment: the circle's maximum holds."""

import threading

import pytest
from django.db import connection

from gemeenten import errors, services
from gemeenten.models import Deelname
from tests.factories import DeelnameFactory, LeerkringFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("round_", range(5))
def test_two_simultaneous_admissions_never_exceed_the_maximum(round_):
    leerkring = LeerkringFactory(max_gemeenten=3)
    DeelnameFactory.create_batch(2, leerkring=leerkring)
    applications = DeelnameFactory.create_batch(2, leerkring=leerkring, status="aangemeld")
    researchers = UserFactory.create_batch(2)
    barrier = threading.Barrier(2)
    outcomes = []

    def admit(deelname, researcher):
        try:
            barrier.wait(timeout=10)
            services.deelname_admit(deelname_id=deelname.pk, actor=researcher)
            outcomes.append("admitted")
        except errors.DeelnameError:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=admit, args=pair)
        for pair in zip(applications, researchers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["admitted", "full"]
    assert leerkring.deelnames.filter(status=Deelname.Status.ADMITTED).count() == 3
