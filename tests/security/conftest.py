"""A small circle with one of everything a URL can point at, for the access matrix and the
form fuzzing."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from bijeenkomsten.exports import AANMELDINGEN
from bijeenkomsten.models import Verslag
from bijeenkomsten.services import registration, verslagen
from dilemmas import services as dilemma_services
from dilemmas.models import Rol, Waarde
from leerkring.core.exports.services import export_request
from publicaties.models import Publicatie
from publicaties.services import publicatie_save
from tests.factories import (
    AanmeldingFactory,
    AgendakoppelingFactory,
    BijeenkomstFactory,
    DeelnameFactory,
    DilemmaFactory,
    DocumentFactory,
    GemeenteFactory,
    LeerkringFactory,
    ProgrammaFactory,
    ReactieFactory,
    UserFactory,
    WerkgroepFactory,
)

# Roles in the order of the matrix's columns. The programme manager (issue 20) manages the
# world's programme: no municipality, researches no circle.
ROLES = [
    "anonymous",
    "pending",
    "outsider",
    "member",
    "tilburg",
    "coordinator",
    "researcher",
    "manager",
]


def user_for(circle, role):
    return {
        "anonymous": None,
        "pending": circle.pending_user,
        "outsider": circle.outsider,
        "member": circle.member,
        "tilburg": circle.other_member,
        "coordinator": circle.coordinator,
        "researcher": circle.researcher,
        "manager": circle.manager,
    }[role]


@pytest.fixture
def world(circle, django_capture_on_commit_callbacks):
    # A programme holds the circle, with a manager who has no municipality and researches no
    # circle; a second circle of it is still in preparation. Another programme has a manager
    # of its own, who may not manage this one.
    programma = ProgrammaFactory(title="Leerkringen lokale democratie", slug="lokale-democratie")
    circle.manager = UserFactory(email="programma@fonds.example", name="Programmamanager")
    programma.managers.add(circle.manager)
    type(circle.leerkring).objects.filter(pk=circle.leerkring.pk).update(programma=programma)
    circle.leerkring.programma = programma
    preparing = LeerkringFactory(
        programma=programma, title="Vervolgkring", slug="vervolgkring", phase="voorbereiding"
    )
    other_programma = ProgrammaFactory(title="Ander programma", slug="ander-programma")
    other_manager = UserFactory(email="ander@fonds.example", name="Andere manager")
    other_programma.managers.add(other_manager)
    with django_capture_on_commit_callbacks(execute=True):
        dilemma = DilemmaFactory(leerkring=circle.leerkring, title="Bemiddelen", slug="bemiddelen")
        start = timezone.now() + datetime.timedelta(days=20)
        meeting = BijeenkomstFactory(
            leerkring=circle.leerkring,
            title="Open bijeenkomst",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            registration_closes_at=start - datetime.timedelta(days=1),
            capacity=20,
            is_public=True,
            # Hybrid, with its venue (issue 18): the page walks see those blocks too.
            online_url="https://meet.example/open-bijeenkomst",
            address="Grote Markt 38, 4811 XS Breda",
            latitude="51.588600",
            longitude="4.776000",
            venue_accessibility="Ingang met hellingbaan. Lift naar de zaal.",
            contact_name="Sanne de Bode",
            contact_phone="06 12345678",
        )
        groep = WerkgroepFactory(bijeenkomst=meeting, title="Tafel", dilemma=dilemma, capacity=10)
        # A document of the meeting for the circle's members (checked: the factory's).
        document = DocumentFactory(bijeenkomst=meeting, visibility="leerkring")
        aanmelding = registration.aanmelding_create(
            bijeenkomst_id=meeting.pk, deelnemer=circle.member
        )
        held = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", capacity=20)
        AanmeldingFactory(
            bijeenkomst=held, deelnemer=circle.member, gemeente=circle.breda, status="aanwezig"
        )
        verslagen.verslag_save(
            bijeenkomst=held, user=circle.researcher, title="Verslag", authors="A", body="Tekst."
        )
        verslagen.verslag_publish(verslag=Verslag.objects.get(), notify=False)
        casus = dilemma_services.casus_create(
            author=circle.member,
            leerkring=circle.leerkring,
            dilemma=dilemma,
            rollen=Rol.objects.filter(slug="faciliteren"),
            waarden=Waarde.objects.filter(slug="deliberatie"),
            publish=True,
            title="Een buurthuis",
            situation="Twee groepen willen het buurthuis.",
            question="Wat doe je?",
        )
        reactie = ReactieFactory(casus=casus, author=circle.member, body="Herkenbaar.")
        publicatie = Publicatie(
            leerkring=circle.leerkring,
            slug="slot",
            kind="slotpublicatie",
            title="Slotpublicatie",
            abstract="Samenvatting.",
            release_at=timezone.now() - datetime.timedelta(days=1),
            visibility="openbaar",
        )
        publicatie_save(publicatie=publicatie, user=circle.researcher, body="## Een\n\nTekst.")
        applied = DeelnameFactory(
            leerkring=circle.leerkring,
            gemeente=GemeenteFactory(name="Zwolle", slug="zwolle", cbs_code="GM0193"),
            status="aangemeld",
            contact_name="Petra",
            contact_email="petra@zwolle.example",
        )
        token = AgendakoppelingFactory(user=circle.member).token
        # A background export of the researcher's, made at once (tasks run eagerly here).
        export = export_request(user=circle.researcher, kind=AANMELDINGEN, params={})
    return SimpleNamespace(
        dilemma=dilemma,
        meeting=meeting,
        groep=groep,
        document=document,
        aanmelding=aanmelding,
        held=held,
        casus=casus,
        reactie=reactie,
        publicatie=publicatie,
        applied=applied,
        token=token,
        export=export,
        circle=circle,
        programma=programma,
        preparing=preparing,
        other_programma=other_programma,
        other_manager=other_manager,
    )
