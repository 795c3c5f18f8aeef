"""The questionnaire after a meeting: writing it, sending it to those who were there, answering
it once and anonymously, and its results (page, CSV, the report's PDF) only from 5 answers on
and only for the researchers."""

import datetime
import html
import re
import threading

import pytest
from django.core import mail
from django.db import connection, models
from django.utils import timezone

from bijeenkomsten.documents import VERSLAG, verslag_version
from bijeenkomsten.errors import EvaluatieError
from bijeenkomsten.models import (
    Evaluatie,
    EvaluatieAntwoorden,
    EvaluatieIngevuld,
    Verslag,
    VerslagVersie,
)
from bijeenkomsten.selectors import evaluatie as evaluatie_selectors
from bijeenkomsten.services import evaluatie as evaluatie_services
from bijeenkomsten.services import verslagen
from leerkring.core.models import AuditEntry, OutgoingEmail, RenderJob
from tests.conftest import wait_for
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    EvaluatieFactory,
    LidmaatschapFactory,
)
from tests.support import csv_rows, pdf_text

TOO_FEW = "Nog te weinig antwoorden om te tonen: {n} van minimaal 5."


def ended(circle, **fields):
    start = timezone.now() - datetime.timedelta(days=2)
    return BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Kick-off",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        registration_closes_at=start - datetime.timedelta(days=1),
        capacity=40,
        **fields,
    )


def attendee(meeting, gemeente, **user_fields):
    user = LidmaatschapFactory(gemeente=gemeente).user
    if user_fields:
        type(user).objects.filter(pk=user.pk).update(**user_fields)
    AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, gemeente=gemeente, status="aanwezig")
    return user


@pytest.fixture
def held(circle):
    """A meeting that ended two days ago: the member of Breda and two others were there, the
    member of Tilburg registered but did not come."""
    meeting = ended(circle)
    AanmeldingFactory(
        bijeenkomst=meeting, deelnemer=circle.member, gemeente=circle.breda, status="aanwezig"
    )
    AanmeldingFactory(
        bijeenkomst=meeting,
        deelnemer=circle.other_member,
        gemeente=circle.tilburg,
        status="aangemeld",
    )
    meeting.others = [attendee(meeting, circle.breda), attendee(meeting, circle.tilburg)]
    return meeting


def sent(meeting, **kwargs) -> Evaluatie:
    return EvaluatieFactory(bijeenkomst=meeting, sent_at=timezone.now(), **kwargs)


def answer_all(evaluatie, people, *, scores=(4, 5, 3), opens=("Meer tijd", "")):
    for user in people:
        vragen = list(evaluatie.vragen.all())
        statements = [v for v in vragen if v.kind == "stelling"]
        questions = [v for v in vragen if v.kind == "open"]
        answers = {v.pk: s for v, s in zip(statements, scores, strict=False)}
        answers |= {v.pk: t for v, t in zip(questions, opens, strict=False)}
        evaluatie_services.evaluatie_answer(evaluatie=evaluatie, user=user, answers=answers)


def more_attendees(meeting, circle, n):
    return [attendee(meeting, circle.breda if i % 2 else circle.tilburg) for i in range(n)]


def form_data(evaluatie, *, scores, opens=("", "")):
    vragen = list(evaluatie.vragen.all())
    statements = [v for v in vragen if v.kind == "stelling"]
    questions = [v for v in vragen if v.kind == "open"]
    data = {f"vraag_{v.pk}": s for v, s in zip(statements, scores, strict=False)}
    data |= {f"vraag_{v.pk}": t for v, t in zip(questions, opens, strict=False)}
    return data


# --- Writing the questions --------------------------------------------------------------------
def test_a_new_questionnaire_starts_from_the_default_questions(client, circle, held):
    client.force_login(circle.researcher)
    # The meeting page offers it; the overview sends to the form while there is none.
    page = client.get(f"/bijeenkomsten/{held.pk}/").content.decode()
    assert f"/bijeenkomsten/{held.pk}/evaluatie/vragen/" in page
    assert client.get(f"/bijeenkomsten/{held.pk}/evaluatie/")["Location"].endswith(
        "/evaluatie/vragen/"
    )
    form = client.get(f"/bijeenkomsten/{held.pk}/evaluatie/vragen/").content.decode()
    for text in (
        "De bijeenkomst was nuttig voor mijn werk",
        "Ik heb iets geleerd over het dilemma van mijn werkgroep",
        "Ik zou een collega aanraden om mee te doen",
        "Wat neem je mee naar je werk?",
        "Wat kan beter?",
    ):
        assert text in html.unescape(form)
    assert not Evaluatie.objects.exists()  # looking writes nothing


def formset(rows):
    data = {
        "vragen-TOTAL_FORMS": str(len(rows)),
        "vragen-INITIAL_FORMS": "0",
        "vragen-MIN_NUM_FORMS": "0",
        "vragen-MAX_NUM_FORMS": "20",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"vragen-{i}-{key}"] = value
    return data


def test_questions_are_added_removed_and_reordered(client, circle, held):
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{held.pk}/evaluatie/vragen/",
        formset(
            [
                {"kind": "stelling", "text": "Eerste", "ORDER": "2"},
                {"kind": "stelling", "text": "Weg ermee", "ORDER": "1", "DELETE": "on"},
                {"kind": "open", "text": "Nieuw en bovenaan", "ORDER": "1"},
                {"kind": "stelling", "text": "", "ORDER": ""},  # an empty extra form
            ]
        ),
    )
    assert response.status_code == 302
    evaluatie = Evaluatie.objects.get(bijeenkomst=held)
    assert [(v.kind, v.text) for v in evaluatie.vragen.all()] == [
        ("open", "Nieuw en bovenaan"),
        ("stelling", "Eerste"),
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Nog niet verstuurd" in page and "Nieuw en bovenaan" in page


def test_a_questionnaire_without_questions_is_refused_with_a_message(client, circle, held):
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{held.pk}/evaluatie/vragen/",
        formset([{"kind": "stelling", "text": "   "}]),
        follow=True,
    )
    assert "Zet er minstens één vraag in." in response.content.decode()
    assert not Evaluatie.objects.exists()


def test_the_same_question_twice_is_refused_with_a_message(client, circle, held):
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{held.pk}/evaluatie/vragen/",
        formset(
            [
                {"kind": "stelling", "text": "Het was nuttig"},
                {"kind": "stelling", "text": "Het was nuttig!"},
            ]
        ),
    )
    assert response.status_code == 200
    assert "Deze vraag staat er twee keer in" in html.unescape(response.content.decode())
    assert not Evaluatie.objects.exists()


def test_the_questions_are_fixed_once_sent(client, circle, held):
    evaluatie = sent(held)
    client.force_login(circle.researcher)
    response = client.get(f"/bijeenkomsten/{held.pk}/evaluatie/vragen/", follow=True)
    assert "De vragen kun je niet meer veranderen." in response.content.decode()
    with pytest.raises(EvaluatieError):
        evaluatie_services.evaluatie_save(
            bijeenkomst=held, vragen=[{"kind": "open", "text": "Toch nog?"}]
        )
    assert evaluatie.vragen.count() == 5


# --- Sending ----------------------------------------------------------------------------------
def test_sending_waits_until_the_meeting_has_ended(client, circle):
    coming = BijeenkomstFactory(leerkring=circle.leerkring)
    AanmeldingFactory(bijeenkomst=coming, deelnemer=circle.member, status="aanwezig")
    EvaluatieFactory(bijeenkomst=coming)
    client.force_login(circle.researcher)
    page = client.get(f"/bijeenkomsten/{coming.pk}/evaluatie/versturen/").content.decode()
    assert "Versturen kan pas als de bijeenkomst voorbij is" in page
    assert 'name="expected"' not in page  # no button
    response = client.post(
        f"/bijeenkomsten/{coming.pk}/evaluatie/versturen/", {"expected": "1"}, follow=True
    )
    assert "Versturen kan pas als de bijeenkomst voorbij is" in response.content.decode()
    assert not Evaluatie.objects.get(bijeenkomst=coming).is_sent
    assert mail.outbox == []


def test_sending_mails_each_attendee_once_and_is_audited(
    client, circle, held, django_capture_on_commit_callbacks
):
    quiet = attendee(held, circle.breda, email_notifications=False)
    EvaluatieFactory(bijeenkomst=held)
    client.force_login(circle.researcher)
    page = html.unescape(
        client.get(f"/bijeenkomsten/{held.pk}/evaluatie/versturen/").content.decode()
    )
    assert "3 mensen krijgen een e-mail" in page
    assert "1 persoon die er was, wil geen e-mail van ons" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/bijeenkomsten/{held.pk}/evaluatie/versturen/", {"expected": "3"}, follow=True
        )
    assert "3 mensen krijgen een e-mail" in html.unescape(response.content.decode())
    addressed = sorted(address for message in mail.outbox for address in message.to)
    assert addressed == sorted([circle.member.email, *(u.email for u in held.others)])
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert circle.other_member.email not in addressed  # registered, not there
    assert quiet.email not in addressed
    assert f"/bijeenkomsten/{held.pk}/evaluatie/invullen/" in mail.outbox[0].body
    assert "Kick-off" in mail.outbox[0].subject
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EVALUATIE_SENT)
    assert entry.actor == circle.researcher and entry.target_id == held.pk
    assert entry.detail == "3 e-mails"
    # Sending again does nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bijeenkomsten/{held.pk}/evaluatie/versturen/", {"expected": "3"})
    assert len(mail.outbox) == 3


def test_sending_stops_when_the_recipients_changed_since_the_confirmation(client, circle, held):
    EvaluatieFactory(bijeenkomst=held)
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{held.pk}/evaluatie/versturen/", {"expected": "2"}, follow=True
    )
    assert "nu krijgen 3 mensen een e-mail, niet 2" in response.content.decode()
    assert not Evaluatie.objects.get(bijeenkomst=held).is_sent


def test_nobody_marked_present_means_nothing_to_send(client, circle):
    meeting = ended(circle)
    EvaluatieFactory(bijeenkomst=meeting)
    client.force_login(circle.researcher)
    page = client.get(f"/bijeenkomsten/{meeting.pk}/evaluatie/versturen/").content.decode()
    assert "Er is nog niemand als aanwezig gemeld." in page


@pytest.mark.worker
def test_the_emails_go_out_through_the_real_worker(celery_worker, client, circle):
    meeting = ended(circle)
    people = more_attendees(meeting, circle, 4)
    EvaluatieFactory(bijeenkomst=meeting)
    client.force_login(circle.researcher)
    response = client.post(f"/bijeenkomsten/{meeting.pk}/evaluatie/versturen/", {"expected": "4"})
    assert response.status_code == 302
    # Four e-mails were written to the outbox, one per person...
    queued = list(OutgoingEmail.objects.values_list("to", flat=True))
    assert sorted(address for to in queued for address in to) == sorted(u.email for u in people)
    # ...and the worker sent them (a sent e-mail is deleted; a failed one stays "failed").
    wait_for(lambda: not OutgoingEmail.objects.exists(), 60)


# --- Answering --------------------------------------------------------------------------------
def test_only_those_who_were_there_may_answer(client, circle, held):
    url = f"/bijeenkomsten/{held.pk}/evaluatie/invullen/"
    EvaluatieFactory(bijeenkomst=held)
    client.force_login(circle.member)
    assert client.get(url).status_code == 404  # not sent yet
    Evaluatie.objects.update(sent_at=timezone.now())
    assert client.get(url).status_code == 200
    for user in (circle.other_member, circle.coordinator, circle.researcher, circle.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
        assert client.post(url, {}).status_code == 404, user
    client.logout()
    assert client.get(url).status_code == 302


def test_an_answer_is_kept_without_the_person(client, circle, held):
    evaluatie = sent(held)
    client.force_login(circle.member)
    response = client.post(
        f"/bijeenkomsten/{held.pk}/evaluatie/invullen/",
        form_data(evaluatie, scores=(4, 5, 2), opens=("Het dilemma-kader", "")),
        follow=True,
    )
    assert "Bedankt voor je antwoorden" in response.content.decode()
    # That the member answered is kept; what they answered, without them.
    assert EvaluatieIngevuld.objects.filter(evaluatie=evaluatie, user=circle.member).exists()
    [stored] = EvaluatieAntwoorden.objects.get(evaluatie=evaluatie).responses
    assert sorted(stored) == ["answers", "id"]
    assert sorted(stored["answers"].values(), key=str) == [2, 4, 5, "Het dilemma-kader"]
    text = repr(stored)
    for trace in (str(circle.member.pk), circle.member.email, circle.member.name):
        assert re.search(rf"\b{re.escape(trace)}\b", text.replace(stored["id"], "")) is None
    # The meeting page now thanks them instead of asking.
    page = client.get(f"/bijeenkomsten/{held.pk}/").content.decode()
    assert "Je hebt de evaluatie ingevuld" in page
    assert "/evaluatie/invullen/" not in page


def test_nothing_links_the_answers_to_who_answered():
    """No field joins an answer to a person: the answers' row has no user, no time and no id
    of its own; the has-answered row has no time. (The responses' order is random: below.)"""

    def fields(model):
        return {f.name: f for f in model._meta.get_fields() if not f.auto_created}

    answers = fields(EvaluatieAntwoorden)
    assert set(answers) == {"evaluatie", "responses"}
    assert EvaluatieAntwoorden._meta.pk.name == "evaluatie"  # one row per questionnaire
    answered = fields(EvaluatieIngevuld)
    assert set(answered) == {"evaluatie", "user"}
    for model in (EvaluatieAntwoorden, EvaluatieIngevuld):
        assert not any(
            isinstance(f, models.DateField | models.DateTimeField) for f in model._meta.get_fields()
        ), model


def test_the_responses_keep_no_order_of_answering(circle, held):
    people = more_attendees(held, circle, 25)
    evaluatie = sent(held)
    for number, user in enumerate(people):
        answer_all(evaluatie, [user], opens=(f"antwoord {number}", ""))
    evaluatie.refresh_from_db()
    stored = EvaluatieAntwoorden.objects.get(evaluatie=evaluatie).responses
    [open_vraag] = [v for v in evaluatie.vragen.all() if v.text == "Wat neem je mee naar je werk?"]
    order = [r["answers"][str(open_vraag.pk)] for r in stored]
    assert sorted(order) == sorted(f"antwoord {n}" for n in range(25))
    assert order != [f"antwoord {n}" for n in range(25)]  # 1 in 25! that it is by chance
    assert len({r["id"] for r in stored}) == 25
    # The questionnaire's row is not touched by an answer, so its time says nothing either.
    assert Evaluatie.objects.get(pk=evaluatie.pk).updated_at == evaluatie.updated_at


def test_a_second_answer_is_refused_with_a_clear_message(client, circle, held):
    evaluatie = sent(held)
    client.force_login(circle.member)
    url = f"/bijeenkomsten/{held.pk}/evaluatie/invullen/"
    client.post(url, form_data(evaluatie, scores=(4, 4, 4)))
    response = client.post(url, form_data(evaluatie, scores=(1, 1, 1)), follow=True)
    page = html.unescape(response.content.decode())
    assert "Je hebt deze evaluatie al ingevuld" in page
    assert len(evaluatie_selectors.responses_of(evaluatie)) == 1
    assert "Antwoorden versturen" not in client.get(url).content.decode()


def test_mistakes_in_an_answer_get_a_message(client, circle, held):
    evaluatie = sent(held)
    client.force_login(circle.member)
    url = f"/bijeenkomsten/{held.pk}/evaluatie/invullen/"
    for data in (
        form_data(evaluatie, scores=(4, 5)),  # a statement left out
        form_data(evaluatie, scores=(4, 5, 9)),  # not 1 to 5
        form_data(evaluatie, scores=(4, 5, "drie")),
        form_data(evaluatie, scores=(4, 5, 3), opens=("x" * 2001, "")),
    ):
        response = client.post(url, data)
        assert response.status_code == 200
        assert "leerkring-field-error" in response.content.decode()
    assert not EvaluatieIngevuld.objects.exists()
    with pytest.raises(EvaluatieError):
        evaluatie_services.evaluatie_answer(evaluatie=evaluatie, user=circle.member, answers={})


@pytest.mark.django_db(transaction=True)
def test_two_answers_at_once_from_one_person_store_one(circle):
    meeting = ended(circle)
    AanmeldingFactory(bijeenkomst=meeting, deelnemer=circle.member, status="aanwezig")
    evaluatie = sent(meeting)
    barrier = threading.Barrier(4)
    errors, done = [], []

    def run():
        try:
            barrier.wait(timeout=20)
            answer_all(evaluatie, [circle.member])
            done.append(1)
        except EvaluatieError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(done) == 1 and len(errors) == 3
    assert len(EvaluatieAntwoorden.objects.get(evaluatie=evaluatie).responses) == 1
    assert EvaluatieIngevuld.objects.filter(evaluatie=evaluatie).count() == 1


# --- Results ----------------------------------------------------------------------------------
@pytest.fixture
def answered(circle, held):
    """Sent, with the member of Breda and three others answering: 4 answers."""
    evaluatie = sent(held)
    people = [circle.member, *held.others, *more_attendees(held, circle, 1)]
    answer_all(evaluatie, people, scores=(4, 5, 3), opens=("Het kader", ""))
    return evaluatie


def test_below_five_answers_the_results_are_shown_nowhere(client, circle, held, answered):
    client.force_login(circle.researcher)
    page = html.unescape(client.get(f"/bijeenkomsten/{held.pk}/evaluatie/").content.decode())
    assert TOO_FEW.format(n=4) in page
    assert "Het kader" not in page and "<svg" not in page
    assert "/evaluatie/export/" not in page
    response = client.get(f"/bijeenkomsten/{held.pk}/evaluatie/export/", follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert TOO_FEW.format(n=4) in html.unescape(response.content.decode())
    # One more answer and they are.
    answer_all(answered, more_attendees(held, circle, 1), scores=(2, 1, 3))
    page = html.unescape(client.get(f"/bijeenkomsten/{held.pk}/evaluatie/").content.decode())
    assert "Nog te weinig" not in page and "Het kader" in page


def test_the_results_per_statement_and_the_open_answers(client, circle, held, answered):
    answer_all(answered, more_attendees(held, circle, 1), scores=(2, 1, 3), opens=("", "Koffie"))
    client.force_login(circle.researcher)
    page = client.get(f"/bijeenkomsten/{held.pk}/evaluatie/").content.decode()
    first = answered.vragen.get(position=1)
    svg = re.search(
        rf'<svg[^>]*aria-labelledby="grafiek-stelling-{first.pk}-title".*?</svg>', page, re.S
    )
    assert [int(v) for v in re.findall(r'data-value="(\d+)"', svg.group(0))] == [0, 1, 0, 4, 0]
    assert "Gemiddeld 3,6" in page or "Gemiddeld 3.6" in page
    assert "5 antwoorden, van de 5 mensen die er waren" in html.unescape(page)
    assert page.count("Het kader") == 4 and "Koffie" in page


def test_the_csv_has_one_row_per_response_and_no_names(client, circle, held, answered):
    answer_all(answered, more_attendees(held, circle, 1), scores=(2, 1, 3), opens=("", "Koffie"))
    client.force_login(circle.researcher)
    response = client.get(f"/bijeenkomsten/{held.pk}/evaluatie/export/")
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response.content)
    assert rows[0] == ["Antwoord", *(v.text for v in answered.vragen.all())]
    assert len(rows) == 6
    assert sorted(row[1] for row in rows[1:]) == ["2", "4", "4", "4", "4"]
    content = response.content.decode("utf-8-sig")
    for user in (circle.member, *held.others):
        assert user.email not in content and user.name not in content


def test_results_are_for_the_researchers_only(client, circle, held, answered):
    answer_all(answered, more_attendees(held, circle, 1))
    for user in (circle.member, circle.coordinator, circle.other_member, circle.outsider):
        client.force_login(user)
        for path in ("", "export/", "vragen/", "versturen/"):
            assert client.get(f"/bijeenkomsten/{held.pk}/evaluatie/{path}").status_code == 404
        assert client.post(f"/bijeenkomsten/{held.pk}/evaluatie/in-verslag/").status_code == 404
        page = client.get(f"/bijeenkomsten/{held.pk}/").content.decode()
        assert "Het kader" not in page and "Bekijk de uitkomsten" not in page


def test_hostile_open_answers_are_shown_and_exported_as_written(client, circle, held):
    evaluatie = sent(
        held,
        vragen=[
            {"kind": "stelling", "text": '<img src=x onerror="alert(1)"> was nuttig'},
            {"kind": "stelling", "text": "Ik heb iets geleerd"},
            {"kind": "stelling", "text": "Ik raad het aan"},
            {"kind": "open", "text": "Wat neem je mee?"},
            {"kind": "open", "text": "Wat kan beter?"},
        ],
    )
    hostile = '<script>alert("x")</script>'
    formula = '=HYPERLINK("http://evil.example","klik")'
    people = more_attendees(held, circle, 5)
    answer_all(evaluatie, people[:3], opens=(hostile, formula))
    answer_all(evaluatie, people[3:], opens=("Gewoon", "\u202egnipmarg"))
    client.force_login(circle.researcher)
    page = client.get(f"/bijeenkomsten/{held.pk}/evaluatie/").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;img src=x" in page  # the statement, as a heading, a chart title and a caption
    assert html.escape(hostile, quote=False) in page.replace("&quot;", '"').replace("&#x27;", "'")
    rows = csv_rows(client.get(f"/bijeenkomsten/{held.pk}/evaluatie/export/").content)
    assert rows[1:] and all(not row[-1].startswith("=") for row in rows[1:])
    assert sum(row[-1] == "'" + formula for row in rows[1:]) == 3
    assert all("\u202e" not in cell for row in rows for cell in row)


def test_the_meeting_page_and_results_page_take_few_queries(
    client, circle, held, answered, django_assert_max_num_queries
):
    answer_all(answered, more_attendees(held, circle, 30))
    client.force_login(circle.researcher)
    with django_assert_max_num_queries(14):
        assert client.get(f"/bijeenkomsten/{held.pk}/evaluatie/").status_code == 200
    # The questionnaire is read for the rows and again for the headers.
    with django_assert_max_num_queries(13):
        assert client.get(f"/bijeenkomsten/{held.pk}/evaluatie/export/").status_code == 200
    client.force_login(circle.member)
    with django_assert_max_num_queries(12):
        assert client.get(f"/bijeenkomsten/{held.pk}/evaluatie/invullen/").status_code == 200


# --- The report's PDF -------------------------------------------------------------------------
def publish_report(held, circle):
    verslagen.verslag_save(
        bijeenkomst=held, user=circle.researcher, title="Verslag", authors="A", body="Tekst."
    )
    verslagen.verslag_publish(verslag=Verslag.objects.get(bijeenkomst=held), notify=False)
    return VerslagVersie.objects.get(verslag__bijeenkomst=held)


def report_text(versie) -> str:
    job = RenderJob.objects.get(kind=VERSLAG, object_id=versie.pk)
    assert job.status == "ready", job.last_error
    return re.sub(r"\s+", " ", pdf_text(job.file, layout=False))


def test_the_report_pdf_shows_the_statements_when_chosen_from_five_answers(
    client, circle, held, answered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        versie = publish_report(held, circle)
    assert "Evaluatie door de deelnemers" not in report_text(versie)
    client.force_login(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bijeenkomsten/{held.pk}/evaluatie/in-verslag/", {"in_report": "on"})
    text = report_text(versie)
    assert "Evaluatie door de deelnemers" in text and TOO_FEW.format(n=4) in text
    with django_capture_on_commit_callbacks(execute=True):
        answer_all(answered, more_attendees(held, circle, 1), opens=("Het kader", "Koffie"))
    text = report_text(versie)
    assert "Nog te weinig" not in text
    assert "De bijeenkomst was nuttig voor mijn werk" in text
    assert "helemaal eens" in text
    # The open answers stay with the researchers.
    assert "Het kader" not in text and "Koffie" not in text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bijeenkomsten/{held.pk}/evaluatie/in-verslag/", {})
    assert "Evaluatie door de deelnemers" not in report_text(versie)


def test_the_pdf_fingerprint_follows_the_choice_and_the_results(circle, held, answered):
    versie = publish_report(held, circle)
    before = verslag_version(versie)
    answer_all(answered, more_attendees(held, circle, 1))
    assert verslag_version(versie) == before  # not in the PDF: nothing to make again
    evaluatie_services.evaluatie_in_report(evaluatie=answered, in_report=True)
    chosen = verslag_version(versie)
    assert chosen != before
    assert verslag_version(versie) == chosen
    answer_all(answered, more_attendees(held, circle, 1))
    assert verslag_version(versie) != chosen
