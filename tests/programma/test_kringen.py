"""A programme manager creates a circle (with shared, copied and new dilemmas), manages it and
moves it through its phases; nobody but the programme's managers reaches these pages."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from dilemmas.models import Dilemma, DilemmaGedeeld
from leerkring.core.models import AuditEntry, Leerkring
from leerkring.core.selectors import leerkring_list, leerkring_list_open
from tests.factories import (
    DeelnameFactory,
    DilemmaFactory,
    LeerkringFactory,
    ProgrammaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    programma = ProgrammaFactory(title="Leerkringen lokale democratie", slug="lokale-democratie")
    manager = UserFactory(name="Paula Programma", email="programma@mail.example")
    programma.managers.add(manager)
    pilot = LeerkringFactory(
        programma=programma,
        title="Pilot",
        slug="pilot",
        phase="afgesloten",
        closed_at=datetime.datetime(2019, 9, 1, tzinfo=datetime.UTC),
    )
    programma.manager = manager
    programma.pilot = pilot
    return programma


def create_url(programma):
    return reverse("programma:leerkring-create", args=[programma.slug])


def manage_url(programma, leerkring):
    return reverse("programma:leerkring-manage", args=[programma.slug, leerkring.slug])


def phase_url(programma, leerkring, phase):
    return reverse("programma:leerkring-phase", args=[programma.slug, leerkring.slug, phase])


def form_data(**extra):
    return {
        "title": "Leerkring democratie 2027",
        "slug": "",
        "subtitle": "Tweede ronde",
        "summary": "Gemeenten leren samen over lokale democratie.",
        "starts_on": "2027-09-01",
        "ends_on": "2029-08-31",
        "max_gemeenten": "10",
        "kernvragen": "Wat doet de raad?\n\n  Wie beslist mee?  \n",
        "framework": "Loslaten, faciliteren, sturen.",
        **extra,
    }


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_manager_creates_a_circle_with_shared_copied_and_new_dilemmas(client, programme):
    shared = DilemmaFactory(leerkring=programme.pilot, title="Wie beslist?", slug="wie-beslist")
    copied = DilemmaFactory(
        leerkring=programme.pilot,
        title="Ruimte geven",
        slug="ruimte",
        summary="Hoeveel ruimte krijgen inwoners?",
        description="Lange beschrijving.",
        questions="- Een vraag?",
        conclusions="Wat de pilot concludeerde.",
    )
    copied.title_en = "Giving room"
    copied.summary_en = "How much room do residents get?"
    copied.save()
    untouched = DilemmaFactory(leerkring=programme.pilot, title="Niet mee")
    client.force_login(programme.manager)

    page = client.get(create_url(programme))
    assert page.status_code == 200
    assert "Wie beslist?" in page.text and "Uit Pilot" in page.text

    response = client.post(
        create_url(programme),
        form_data(
            **{
                f"dilemma_{shared.pk}": "delen",
                f"dilemma_{copied.pk}": "kopieren",
                f"dilemma_{untouched.pk}": "",
                "new_title_1": "Digitale inspraak",
                "new_summary_1": "Mag een app de inspraakavond vervangen?",
            }
        ),
    )

    leerkring = Leerkring.objects.get(title="Leerkring democratie 2027")
    assert response.status_code == 302
    assert response.url == manage_url(programme, leerkring)
    assert leerkring.slug == "leerkring-democratie-2027"
    assert leerkring.phase == "voorbereiding"
    assert leerkring.programma == programme
    assert leerkring.max_gemeenten == 10
    assert list(leerkring.kernvragen.values_list("text", flat=True)) == [
        "Wat doet de raad?",
        "Wie beslist mee?",
    ]
    # Shared: the same dilemma, now also worked on in the new circle.
    assert list(
        DilemmaGedeeld.objects.filter(leerkring=leerkring).values_list("dilemma", flat=True)
    ) == [shared.pk]
    # Copied: the new circle's own dilemma, the text and both languages, no conclusions.
    own = {d.title: d for d in Dilemma.objects.filter(leerkring=leerkring)}
    assert set(own) == {"Ruimte geven", "Digitale inspraak"}
    copy = own["Ruimte geven"]
    assert copy.pk != copied.pk
    assert (copy.slug, copy.summary, copy.description, copy.questions) == (
        "ruimte",
        "Hoeveel ruimte krijgen inwoners?",
        "Lange beschrijving.",
        "- Een vraag?",
    )
    assert copy.conclusions == ""
    with translation.override("en"):
        assert Dilemma.objects.get(pk=copy.pk).title == "Giving room"
        assert Dilemma.objects.get(pk=copy.pk).summary == "How much room do residents get?"
    new = own["Digitale inspraak"]
    assert new.slug == "digitale-inspraak"
    assert new.summary == "Mag een app de inspraakavond vervangen?"
    assert "onderzoekers" in new.description
    assert not Dilemma.objects.filter(leerkring=leerkring, title="Niet mee").exists()
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.LEERKRING_CREATED, actor=programme.manager, target_id=leerkring.pk
    ).exists()
    # In preparation: not on the public lists.
    assert leerkring not in leerkring_list()
    page = client.get(response.url)
    assert "is aangemaakt" in page.text
    assert "in voorbereiding" in page.text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": ""}, "title", "Geef de leerkring een titel."),
        ({"title": "   "}, "title", "Geef de leerkring een titel."),
        ({"ends_on": "2027-08-31"}, "ends_on", "De einddatum ligt vóór de begindatum"),
        ({"starts_on": "morgen"}, "starts_on", "Vul een datum in"),
        ({"max_gemeenten": "51"}, "max_gemeenten", "Vul een getal in van 1 tot en met 50."),
        ({"max_gemeenten": "0"}, "max_gemeenten", "Vul een getal in van 1 tot en met 50."),
        ({"slug": "casussen"}, "slug", "is al het adres van een andere pagina"),
        # /programma/<slug>/beheer/kringen/nieuw/ is the form for a new circle.
        ({"slug": "nieuw"}, "slug", "is al het adres van een andere pagina"),
        ({"slug": "pilot"}, "slug", "Er is al een leerkring met de korte naam ‘pilot’"),
        ({"slug": "met spatie"}, "slug", "Gebruik alleen kleine letters"),
        ({"summary": ""}, "summary", "Schrijf in een paar zinnen"),
        ({"new_title_1": "Zonder zin"}, "new_summary_1", "Schrijf in één zin"),
    ],
)
def test_bad_input_gets_a_clear_message_and_creates_nothing(
    client, programme, data, field, message
):
    client.force_login(programme.manager)
    response = client.post(create_url(programme), form_data(**data))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Controleer wat je hebt ingevuld" in response.text
    assert Leerkring.objects.count() == 1


def test_a_derived_slug_avoids_a_taken_one(client, programme):
    LeerkringFactory(slug="leerkring-democratie-2027")
    client.force_login(programme.manager)
    client.post(create_url(programme), form_data())
    assert Leerkring.objects.filter(slug="leerkring-democratie-2027-2").exists()


def test_a_dilemma_of_another_programme_cannot_be_posted_in(client, programme):
    foreign = DilemmaFactory(leerkring=LeerkringFactory(programma=ProgrammaFactory()))
    client.force_login(programme.manager)
    response = client.post(create_url(programme), form_data(**{f"dilemma_{foreign.pk}": "delen"}))
    assert response.status_code == 302
    leerkring = Leerkring.objects.get(title="Leerkring democratie 2027")
    assert not DilemmaGedeeld.objects.filter(leerkring=leerkring).exists()


# --- Phases -------------------------------------------------------------------------------------
@pytest.fixture
def preparing(programme):
    leerkring = LeerkringFactory(
        programma=programme,
        slug="tweede-ronde",
        phase="voorbereiding",
        starts_on=datetime.date(2027, 9, 1),
        ends_on=datetime.date(2099, 8, 31),
    )
    return leerkring


def test_opening_needs_a_researcher(client, programme, preparing):
    client.force_login(programme.manager)
    page = client.get(phase_url(programme, preparing, "open"))
    assert page.status_code == 200
    assert "kan pas als er een onderzoeker is" in page.text
    assert "Ja, openen voor aanmelding" not in page.text

    response = client.post(phase_url(programme, preparing, "open"), {"expected": "voorbereiding"})
    assert response.status_code == 302
    assert response.url == manage_url(programme, preparing)
    assert "kan pas als er een onderzoeker is" in " ".join(messages_of(response))
    preparing.refresh_from_db()
    assert preparing.phase == "voorbereiding"


def test_the_manager_opens_starts_and_closes_a_circle(client, programme, preparing):
    preparing.researchers.add(UserFactory())
    client.force_login(programme.manager)

    page = client.get(phase_url(programme, preparing, "open"))
    assert "Gemeenten kunnen zich dan aanmelden via de programmapagina." in page.text
    response = client.post(phase_url(programme, preparing, "open"), {"expected": "voorbereiding"})
    assert response.url == manage_url(programme, preparing)
    assert "De leerkring is open voor aanmelding." in messages_of(response)
    assert preparing in leerkring_list_open()

    response = client.post(phase_url(programme, preparing, "lopend"), {"expected": "open"})
    preparing.refresh_from_db()
    assert preparing.phase == "lopend"
    assert preparing not in leerkring_list_open()

    page = client.get(phase_url(programme, preparing, "afgesloten"))
    assert "de leerkring staat daarna bij de afgelopen leerkringen" in page.text
    client.post(phase_url(programme, preparing, "afgesloten"), {"expected": "lopend"})
    preparing.refresh_from_db()
    assert preparing.phase == "afgesloten"
    assert preparing.closed_at is not None
    assert list(
        AuditEntry.objects.filter(action=AuditEntry.Action.LEERKRING_PHASE)
        .order_by("pk")
        .values_list("detail", flat=True)
    ) == ["voorbereiding -> open", "open -> lopend", "lopend -> afgesloten"]
    # Closed is the end: no buttons, and the pages say so.
    page = client.get(manage_url(programme, preparing))
    assert "afgelopen" in page.text
    assert "/fase/" not in page.text
    page = client.get(phase_url(programme, preparing, "open"))
    assert "Van ‘afgelopen’ naar ‘open voor aanmelding’ kan niet." in page.text


def test_pausing_an_open_circle_takes_it_back_to_preparation(client, programme, preparing):
    preparing.researchers.add(UserFactory())
    preparing.phase = "open"
    preparing.save()
    client.force_login(programme.manager)
    client.post(phase_url(programme, preparing, "voorbereiding"), {"expected": "open"})
    preparing.refresh_from_db()
    assert preparing.phase == "voorbereiding"
    assert preparing not in leerkring_list()


def test_a_stale_second_post_changes_nothing_and_says_why(client, programme, preparing):
    preparing.researchers.add(UserFactory())
    client.force_login(programme.manager)
    client.post(phase_url(programme, preparing, "open"), {"expected": "voorbereiding"})

    # The same confirmation page posted again (a second tab, a double click).
    again = client.post(phase_url(programme, preparing, "open"), {"expected": "voorbereiding"})
    assert again.status_code == 302
    assert "De leerkring is al in de fase ‘open voor aanmelding’." in messages_of(again)

    # Someone else paused it while this page was open for starting.
    client.post(phase_url(programme, preparing, "voorbereiding"), {"expected": "open"})
    stale = client.post(phase_url(programme, preparing, "lopend"), {"expected": "open"})
    assert "intussen veranderd in ‘in voorbereiding’" in " ".join(messages_of(stale))
    preparing.refresh_from_db()
    assert preparing.phase == "voorbereiding"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LEERKRING_PHASE).count() == 2


def test_going_back_from_running_is_refused(client, programme, preparing):
    preparing.phase = "lopend"
    preparing.save()
    client.force_login(programme.manager)
    response = client.post(phase_url(programme, preparing, "open"))
    assert "Van ‘loopt’ naar ‘open voor aanmelding’ kan niet." in messages_of(response)
    preparing.refresh_from_db()
    assert preparing.phase == "lopend"


def test_an_unknown_phase_is_a_404(client, programme, preparing):
    client.force_login(programme.manager)
    assert client.get(phase_url(programme, preparing, "gesloten")).status_code == 404
    assert client.post(phase_url(programme, preparing, "gesloten")).status_code == 404


# --- The manage page ----------------------------------------------------------------------------
def test_the_manage_page_shows_applications_arriving_and_municipalities(client, programme):
    leerkring = LeerkringFactory(programma=programme, max_gemeenten=6)
    DeelnameFactory(
        leerkring=leerkring, gemeente__name="Breda", status="aangemeld", contact_name="Bea Breda"
    )
    DeelnameFactory(leerkring=leerkring, gemeente__name="Zwolle")
    DeelnameFactory(leerkring=leerkring, gemeente__name="Assen", status="afgewezen")
    client.force_login(programme.manager)
    page = client.get(manage_url(programme, leerkring))
    assert page.status_code == 200
    applied = page.context["applied"]
    assert [d.gemeente.name for d in applied] == ["Breda"]
    assert "Bea Breda" in page.text
    assert [d.gemeente.name for d in page.context["admitted"]] == ["Zwolle"]
    assert "1 van maximaal 6 toegelaten" in page.text
    assert "Assen" not in page.text
    assert reverse("programma:programma-beheer", args=[programme.slug]) in page.text
    # Open: start, pause or close.
    assert phase_url(programme, leerkring, "lopend") in page.text
    assert phase_url(programme, leerkring, "voorbereiding") in page.text
    assert phase_url(programme, leerkring, "open") not in page.text


def _queries(client, url, method="get", data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302)
    return len(queries)


def test_manage_and_create_queries_do_not_grow_with_the_rows(client, programme):
    client.force_login(programme.manager)
    leerkring = LeerkringFactory(programma=programme)

    def fill(n):
        for _i in range(n):
            DeelnameFactory(leerkring=leerkring, status="aangemeld")
            DeelnameFactory(leerkring=leerkring)
            DilemmaFactory(leerkring=programme.pilot)

    fill(2)
    client.get(manage_url(programme, leerkring))
    few_manage = _queries(client, manage_url(programme, leerkring))
    few_create = _queries(client, create_url(programme))
    few_post = _queries(
        client,
        create_url(programme),
        "post",
        form_data(
            title="Eerste",
            **{
                f"dilemma_{d.pk}": "kopieren"
                for d in Dilemma.objects.filter(leerkring=programme.pilot)
            },
        ),
    )
    fill(18)
    many_manage = _queries(client, manage_url(programme, leerkring))
    many_create = _queries(client, create_url(programme))
    many_post = _queries(
        client,
        create_url(programme),
        "post",
        form_data(
            title="Tweede",
            **{
                f"dilemma_{d.pk}": "delen"
                for d in Dilemma.objects.filter(leerkring=programme.pilot)
            },
        ),
    )
    assert (few_manage, few_create, few_post) == (many_manage, many_create, many_post)
    assert DilemmaGedeeld.objects.filter(leerkring__title="Tweede").count() == 20


# --- Who reaches these pages --------------------------------------------------------------------
def urls(programma, leerkring):
    return [
        create_url(programma),
        manage_url(programma, leerkring),
        phase_url(programma, leerkring, "open"),
        reverse("programma:onderzoeker-invite", args=[programma.slug, leerkring.slug]),
    ]


def test_only_the_programmes_managers_reach_the_pages(client, programme, preparing):
    other = ProgrammaFactory()
    other_manager = UserFactory()
    other.managers.add(other_manager)
    researcher = UserFactory()
    preparing.researchers.add(researcher)
    for person in (other_manager, researcher, UserFactory(is_staff=True)):
        client.force_login(person)
        for url in urls(programme, preparing):
            assert client.get(url).status_code == 404, (person, url)
            assert client.post(url, form_data()).status_code == 404, (person, url)
    preparing.refresh_from_db()
    assert preparing.phase == "voorbereiding"
    assert Leerkring.objects.count() == 2


def test_a_circle_of_another_programme_is_not_found_under_this_one(client, programme):
    elsewhere = LeerkringFactory(programma=ProgrammaFactory())
    loose = LeerkringFactory(programma=None)
    client.force_login(programme.manager)
    for leerkring in (elsewhere, loose):
        assert client.get(manage_url(programme, leerkring)).status_code == 404
        assert client.post(phase_url(programme, leerkring, "afgesloten")).status_code == 404


def test_a_logged_out_visitor_is_sent_to_log_in(client, programme, preparing):
    response = client.get(manage_url(programme, preparing))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
