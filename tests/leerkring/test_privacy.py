"""GDPR: a person downloads everything stored about them, and can erase it."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import models

from bijeenkomsten.models import EvaluatieIngevuld
from gemeenten import services as gemeenten_services
from leerkring import privacy
from leerkring.core.models import AuditEntry
from tests.factories import (
    PASSWORD,
    BijeenkomstFactory,
    DocumentFactory,
    EvaluatieFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Models that point at a person but are not exported, with the reason.
NOT_PERSONAL = {
    "admin.logentry": "the Django admin's record of what staff changed, not about the person",
}


def _models_referring_to_users():
    User = get_user_model()
    labels = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            relation = models.ForeignKey | models.OneToOneField | models.ManyToManyField
            if isinstance(field, relation) and field.related_model is User and model is not User:
                labels.add(model._meta.label_lower)
    return labels


def test_the_export_covers_every_model_that_refers_to_a_person(client):
    user = UserFactory()
    client.force_login(user)
    exported = set(privacy.personal_data_export(user=user))
    # "core.leerkring_researchers" covers core.leerkring, and so on.
    covered = {key.split("_")[0] for key in exported}
    missing = _models_referring_to_users() - covered - set(NOT_PERSONAL)
    assert missing == set(), "add these to leerkring/privacy.py or NOT_PERSONAL"
    assert "core.leerkring" in _models_referring_to_users()  # the check sees M2M fields too


def test_the_export_contains_what_is_stored_about_the_person(client, circle):
    gemeenten_services.lidmaatschap_confirm(
        lidmaatschap_id=circle.pending.pk, actor=circle.coordinator
    )
    client.force_login(circle.pending_user)
    response = client.get("/account/profiel/gegevens/")
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens-leerkring.json"'
    data = json.loads(response.content)
    assert data["account"]["naam"] == "Wacht Breda"
    assert data["account"]["e-mailadres"] == "wacht@mail.example"
    assert data["e-mailadressen"] == [
        {"e-mailadres": "wacht@mail.example", "bevestigd": True, "hoofdadres": True}
    ]
    assert data["lidmaatschappen"][0]["gemeente"] == "Breda"
    assert data["lidmaatschappen"][0]["status"] == "bevestigd"
    assert [e["handeling"] for e in data["logboek"]] == ["lidmaatschap bevestigd"]

    client.force_login(circle.coordinator)
    coordinator = json.loads(client.get("/account/profiel/gegevens/").content)
    assert coordinator["coordinator_van"] == [
        {"gemeente": "Breda", "leerkring": circle.leerkring.title}
    ]
    assert coordinator["logboek"][0]["door_jou"] is True

    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Terugkomdag")
    DocumentFactory(bijeenkomst=meeting, title="Dia's van de dag", created_by=circle.researcher)
    evaluatie = EvaluatieFactory(bijeenkomst=meeting)
    EvaluatieIngevuld.objects.bulk_create(
        [EvaluatieIngevuld(evaluatie=evaluatie, user=circle.member)]
    )
    client.force_login(circle.researcher)
    researcher = json.loads(client.get("/account/profiel/gegevens/").content)
    assert [d["document"] for d in researcher["documenten_die_je_toevoegde"]] == [
        "Dia's van de dag"
    ]
    client.force_login(circle.member)
    member = json.loads(client.get("/account/profiel/gegevens/").content)
    assert member["evaluaties_die_je_invulde"] == [{"evaluatie_van": "Terugkomdag"}]


def _database_text() -> str:
    """Every row of every table, as text, to search for what must be gone."""
    from django.contrib.sessions.models import Session

    chunks = []
    for model in apps.get_models():
        if model is Session:
            chunks.extend(str(s.get_decoded()) for s in Session.objects.all())
            continue
        chunks.append(serializers.serialize("json", model._default_manager.all()))
    return "\n".join(chunks).lower()


def test_deletion_erases_personal_data_and_keeps_contributions(client, circle):
    person = UserFactory(email="zoe.wissen@breda.nl", name="Zoë Wissenmij")
    LidmaatschapFactory(user=person, gemeente=circle.breda, job_title="unieke functie xyz")
    circle.deelname_breda.coordinators.add(person)
    # A contribution: a decision the person took, in the audit log.
    gemeenten_services.lidmaatschap_confirm(lidmaatschap_id=circle.pending.pk, actor=person)
    client.post("/account/login/", {"login": person.email, "password": PASSWORD})
    assert "zoë wissenmij" in _database_text()

    wrong = client.post("/account/profiel/verwijderen/", {"password": "fout", "confirm": "on"})
    assert "Dit wachtwoord klopt niet." in wrong.text
    unticked = client.post("/account/profiel/verwijderen/", {"password": PASSWORD})
    assert "Vink aan dat je dit begrijpt." in unticked.text

    response = client.post(
        "/account/profiel/verwijderen/", {"password": PASSWORD, "confirm": "on"}, follow=True
    )
    assert "Je account is verwijderd." in response.text
    assert "_auth_user_id" not in client.session

    text = _database_text()
    for trace in ("zoë wissenmij", "zoe.wissen", "unieke functie xyz"):
        assert trace not in text
    person.refresh_from_db()
    assert person.is_removed and not person.is_active and not person.has_usable_password()
    assert person not in circle.deelname_breda.coordinators.all()
    # What they did stays, attributed to a former participant.
    decision = AuditEntry.objects.get(action="lidmaatschap.confirmed")
    assert decision.actor == person
    client.force_login(circle.researcher)
    log = client.get("/logboek/").text
    assert "voormalig deelnemer" in log
    assert "Zoë" not in log
    # Nobody can log in with the old address any more; it is free for a new account.
    client.logout()
    assert not get_user_model().objects.filter(email="zoe.wissen@breda.nl").exists()
    refused = client.post("/account/login/", {"login": "zoe.wissen@breda.nl", "password": PASSWORD})
    assert "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct." in refused.text


def test_profile_updates_name_job_and_visibility(client, circle):
    client.force_login(circle.member)
    response = client.post(
        "/account/profiel/",
        {
            "name": "  Lid   Breda  Nieuw ",
            "job_title": "gebiedsmakelaar",
            # What a person receives lives on My settings (tests/leerkring/test_preferences.py):
            # the profile leaves it alone.
            "email_notifications": "",
            "weekly_digest": "on",
        },
        follow=True,
    )
    assert "Je gegevens zijn opgeslagen." in response.text
    circle.member.refresh_from_db()
    assert circle.member.name == "Lid Breda Nieuw"
    assert (circle.member.email_notifications, circle.member.weekly_digest) == (True, False)
    lidmaatschap = circle.member.lidmaatschap
    assert (lidmaatschap.job_title, lidmaatschap.visible_to_colleagues) == (
        "gebiedsmakelaar",
        False,
    )


def test_profile_without_a_municipality_has_no_job_fields(client, circle):
    client.force_login(circle.outsider)
    html = client.get("/account/profiel/").text
    assert "Je bent niet aangemeld namens een gemeente." in html
    assert 'name="job_title"' not in html
    assert client.post("/account/profiel/", {"name": ""}).status_code == 200
