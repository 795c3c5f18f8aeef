import pytest
from django.contrib.auth import get_user_model

from gemeenten import errors, services
from gemeenten.models import Deelname, Lidmaatschap
from leerkring.core.models import AuditEntry
from tests.factories import DeelnameFactory, GemeenteFactory, UserFactory


@pytest.mark.parametrize(
    ("address", "owner"),
    [
        ("anna@breda.nl", "breda"),
        ("Anna@BREDA.NL", "breda"),
        ("anna@breda.nl.", "breda"),
        ("anna@breda.nl.evil.example", None),
        ("anna@notbreda.nl", None),
        ("anna@mail.breda.nl", None),
        ("anna@breda.n", None),
        ("breda.nl@evil.example", None),
        ("anna@tilburg.nl", "tilburg"),
    ],
)
def test_an_address_belongs_to_a_municipality_only_by_exact_domain(circle, address, owner):
    gemeente = services.gemeente_for_email(address)
    assert (gemeente.slug if gemeente else None) == owner


def test_a_verified_municipal_address_confirms_the_membership_at_once(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="nieuw@breda.nl")
    services.lidmaatschap_request(user=user, gemeente=circle.breda, job_title="wijkregisseur")
    with django_capture_on_commit_callbacks(execute=True):
        services.lidmaatschap_confirm_by_domain(user=user, email=user.email)
    lidmaatschap = Lidmaatschap.objects.get(user=user)
    assert lidmaatschap.status == "bevestigd"
    assert lidmaatschap.decided_by is None
    assert [m.to for m in mailoutbox] == [["nieuw@breda.nl"]]
    assert "Je bent lid van de leerkring" in mailoutbox[0].subject
    entry = AuditEntry.objects.get(action="lidmaatschap.confirmed")
    assert entry.subject == user and entry.detail == "bevestigd via e-maildomein"


@pytest.mark.parametrize(
    "address", ["nieuw@breda.nl.evil.example", "nieuw@notbreda.nl", "nieuw@tilburg.nl"]
)
def test_a_look_alike_or_other_domain_waits_for_the_coordinator(
    circle, mailoutbox, django_capture_on_commit_callbacks, address
):
    user = UserFactory(email=address)
    services.lidmaatschap_request(user=user, gemeente=circle.breda, job_title="wijkregisseur")
    with django_capture_on_commit_callbacks(execute=True):
        services.lidmaatschap_confirm_by_domain(user=user, email=address)
    assert Lidmaatschap.objects.get(user=user).status == "aangevraagd"
    # Breda's coordinator is asked to decide; the person hears once someone has decided.
    assert [m.to for m in mailoutbox] == [["coord@breda.nl"]]
    assert "wacht op toelating" in mailoutbox[0].subject


def test_a_coordinator_admits_and_the_person_is_emailed(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.lidmaatschap_confirm(lidmaatschap_id=circle.pending.pk, actor=circle.coordinator)
    circle.pending.refresh_from_db()
    assert circle.pending.status == "bevestigd"
    assert circle.pending.decided_by == circle.coordinator
    assert mailoutbox[0].to == ["wacht@mail.example"]
    entry = AuditEntry.objects.get(action="lidmaatschap.confirmed")
    assert (entry.actor, entry.subject) == (circle.coordinator, circle.pending_user)


def test_a_refusal_carries_its_reason_to_the_person(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.lidmaatschap_refuse(
            lidmaatschap_id=circle.pending.pk,
            actor=circle.researcher,
            reason="Je werkt niet bij de gemeente Breda.",
        )
    circle.pending.refresh_from_db()
    assert circle.pending.status == "geweigerd"
    assert "Je werkt niet bij de gemeente Breda." in mailoutbox[0].body
    assert AuditEntry.objects.get(action="lidmaatschap.refused").detail == (
        "Je werkt niet bij de gemeente Breda."
    )


def test_a_confirmed_membership_cannot_be_refused_afterwards(circle):
    lidmaatschap = Lidmaatschap.objects.get(user=circle.member)
    with pytest.raises(errors.LidmaatschapError, match="al bevestigd"):
        services.lidmaatschap_refuse(
            lidmaatschap_id=lidmaatschap.pk, actor=circle.researcher, reason="x"
        )


def test_a_municipality_applies_and_the_researchers_are_told(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        deelname = services.deelname_apply(
            leerkring=circle.leerkring,
            name="Zwolle",
            cbs_code="GM0193",
            contact_name="Petra",
            contact_email="petra@zwolle.nl",
            motivation="Graag!",
        )
    assert deelname.status == "aangemeld"
    assert deelname.gemeente.slug == "zwolle"
    assert mailoutbox[0].to == ["onderzoeker@uni.example"]
    with pytest.raises(errors.DeelnameError, match="al aangemeld"):
        services.deelname_apply(
            leerkring=circle.leerkring,
            name="Zwolle",
            cbs_code="GM0193",
            contact_name="Petra",
            contact_email="petra@zwolle.nl",
            motivation="Nog eens",
        )


def test_admission_stops_at_the_circle_maximum(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    circle.leerkring.max_gemeenten = 3
    circle.leerkring.save()
    first, second = (
        DeelnameFactory(leerkring=circle.leerkring, status="aangemeld") for _ in range(2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.deelname_admit(deelname_id=first.pk, actor=circle.researcher)
    with pytest.raises(errors.DeelnameError, match="maximum van 3 gemeenten"):
        services.deelname_admit(deelname_id=second.pk, actor=circle.researcher)
    second.refresh_from_db()
    assert second.status == "aangemeld"
    assert [m.to for m in mailoutbox] == [[first.contact_email]]


def test_a_decline_records_who_why_and_when(circle, django_capture_on_commit_callbacks, mailoutbox):
    application = DeelnameFactory(leerkring=circle.leerkring, status="aangemeld")
    with django_capture_on_commit_callbacks(execute=True):
        services.deelname_decline(
            deelname_id=application.pk, actor=circle.researcher, reason="De leerkring is vol."
        )
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("afgewezen", circle.researcher)
    assert "De leerkring is vol." in mailoutbox[0].body
    assert AuditEntry.objects.filter(action="deelname.declined", actor=circle.researcher).exists()


def test_only_a_confirmed_member_becomes_coordinator_and_it_is_logged(circle):
    with pytest.raises(errors.CoordinatorError):
        services.coordinator_set(
            deelname=circle.deelname_breda,
            user=circle.pending_user,
            actor=circle.researcher,
            is_coordinator=True,
        )
    services.coordinator_set(
        deelname=circle.deelname_breda,
        user=circle.member,
        actor=circle.researcher,
        is_coordinator=True,
    )
    assert circle.member in circle.deelname_breda.coordinators.all()
    services.coordinator_set(
        deelname=circle.deelname_breda,
        user=circle.member,
        actor=circle.researcher,
        is_coordinator=False,
    )
    assert circle.member not in circle.deelname_breda.coordinators.all()
    assert list(
        AuditEntry.objects.filter(subject=circle.member).values_list("action", flat=True)
    ) == ["role.revoked", "role.granted"]


def test_the_database_refuses_a_second_participation_of_the_same_municipality(circle):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        # about creation itself: the unique constraint must refuse the row.
        Deelname.objects.create(leerkring=circle.leerkring, gemeente=circle.breda)


def test_the_database_refuses_a_malformed_cbs_code(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        GemeenteFactory(cbs_code="0758")


def test_signup_via_the_form_requests_membership_and_verification_confirms_it(
    client, circle, mailoutbox, django_capture_on_commit_callbacks
):
    import re

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/signup/",
            {
                "name": "Nieuwe Collega",
                "email": "nieuw@breda.nl",
                "gemeente": "breda",
                "job_title": "gebiedsmakelaar",
                "password1": "een-lange-zin-hier",
                "password2": "een-lange-zin-hier",
            },
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nieuw@breda.nl")
    assert Lidmaatschap.objects.get(user=user).status == "aangevraagd"
    link = re.search(r"http://\S+/account/confirm-email/\S+/", mailoutbox[0].body).group(0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    assert Lidmaatschap.objects.get(user=user).status == "bevestigd"


def test_signup_for_a_municipality_needs_a_job_title(client, circle):
    response = client.post(
        "/account/signup/",
        {
            "name": "X",
            "email": "x@breda.nl",
            "gemeente": "breda",
            "job_title": " ",
            "password1": "een-lange-zin-hier",
            "password2": "een-lange-zin-hier",
        },
    )
    assert "Vul je functie in, zodat je coördinator je herkent." in response.text
    assert not get_user_model().objects.filter(email="x@breda.nl").exists()


def test_signup_offers_only_admitted_municipalities(client, circle):
    DeelnameFactory(
        leerkring=circle.leerkring,
        status="aangemeld",
        gemeente=GemeenteFactory(name="Zwolle", slug="zwolle"),
    )
    html = client.get("/account/signup/").text
    assert '<option value="breda">Breda</option>' in html
    assert "Zwolle" not in html
    response = client.post("/account/signup/", {"gemeente": "zwolle"})
    assert "Kies een gemeente uit de lijst." in response.text
