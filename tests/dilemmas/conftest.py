import pytest

from dilemmas import services
from dilemmas.models import Rol, Waarde
from tests.factories import DilemmaFactory


@pytest.fixture
def dilemma(circle):
    return DilemmaFactory(leerkring=circle.leerkring, title="Bemiddelen", slug="bemiddelen")


@pytest.fixture
def make_casus(circle, dilemma):
    """Write a case through the service, as a member would."""

    def make(
        author=None, publish=True, rollen=("faciliteren",), waarden=("deliberatie",), **fields
    ):
        data = {
            "title": "Een buurthuis",
            "situation": "Twee groepen willen het buurthuis.",
            "question": "Wat doe je?",
            **fields,
        }
        return services.casus_create(
            author=author or circle.member,
            leerkring=circle.leerkring,
            dilemma=dilemma,
            rollen=Rol.objects.filter(slug__in=rollen),
            waarden=Waarde.objects.filter(slug__in=waarden),
            publish=publish,
            **data,
        )

    return make
