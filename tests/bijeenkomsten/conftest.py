import pytest

from tests.factories import BijeenkomstFactory, LidmaatschapFactory


@pytest.fixture
def meeting(circle):
    return BijeenkomstFactory(leerkring=circle.leerkring, capacity=2, title="Werkgroepsessie")


@pytest.fixture
def members(circle):
    """Confirmed members spread over Breda and Tilburg."""

    def make(n, gemeente=None):
        return [
            LidmaatschapFactory(
                gemeente=gemeente or (circle.breda if i % 2 else circle.tilburg)
            ).user
            for i in range(n)
        ]

    return make
