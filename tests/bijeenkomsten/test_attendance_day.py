"""The attendance list: taken from the meeting's day on, in one stable order on the page, the
print view and the PDF, and late arrivals who had not registered added as present."""

import datetime
import re

import pytest
from django.utils import timezone

from bijeenkomsten import documents
from bijeenkomsten.errors import AttendanceError
from bijeenkomsten.models import Aanmelding
from bijeenkomsten.services import attendance
from leerkring.core.models import AuditEntry, OutgoingEmail
from leerkring.core.rendering.pdf import html_for
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    LidmaatschapFactory,
    UserFactory,
)


def _meeting(circle, *, days: int, **extra):
    """A meeting `days` days from today (0: today, begun half an hour ago... or, just after
    midnight, in half an hour: still today)."""
    now = timezone.localtime()
    start = now + datetime.timedelta(days=days)
    if days == 0:
        start = now - datetime.timedelta(minutes=30)
        if start.date() != now.date():
            start = now + datetime.timedelta(minutes=30)
    return BijeenkomstFactory(
        leerkring=circle.leerkring,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        registration_closes_at=start - datetime.timedelta(days=1),
        **extra,
    )


def _seat(meeting, name, gemeente):
    user = (
        LidmaatschapFactory(gemeente=gemeente, user=UserFactory(name=name)).user
        if gemeente
        else UserFactory(name=name)
    )
    return AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, gemeente=gemeente)


@pytest.fixture
def today(circle):
    meeting = _meeting(circle, days=0, title="Vandaag", capacity=3)
    meeting.seats = [
        _seat(meeting, "Zoë Zwart", circle.breda),
        _seat(meeting, "Aart Aal", circle.tilburg),
        _seat(meeting, "Anna Zonder", None),
        _seat(meeting, "Bas Bos", circle.breda),
    ]
    return meeting


ORDER = ["Bas Bos", "Zoë Zwart", "Aart Aal", "Anna Zonder"]


def _order(text: str, names) -> list[str]:
    return sorted(names, key=lambda name: text.index(name))


# --- The day ----------------------------------------------------------------------------------
def test_before_the_day_the_page_says_when_and_has_no_form(client, circle):
    tomorrow = _meeting(circle, days=1)
    seat = _seat(tomorrow, "Lid Morgen", circle.breda)
    client.force_login(circle.researcher)
    html = client.get(f"/bijeenkomsten/{tomorrow.pk}/presentielijst/").text
    assert "Je kunt de presentielijst invullen vanaf de dag van de bijeenkomst" in html
    assert "Wie was er?" not in html and 'name="aanwezig"' not in html
    assert 'name="deelnemer"' not in html
    assert "Lid Morgen" in html  # who registered is still there to read
    assert "Lijst om af te drukken" in html

    response = client.post(
        f"/bijeenkomsten/{tomorrow.pk}/presentielijst/", {"aanwezig": [seat.pk]}, follow=True
    )
    assert "Je kunt de presentielijst invullen vanaf de dag van de bijeenkomst" in response.text
    seat.refresh_from_db()
    assert seat.status == "aangemeld"
    tomorrow.refresh_from_db()
    assert tomorrow.status == "gepland"


def test_from_the_day_on_the_list_is_taken(client, circle, today):
    client.force_login(circle.researcher)
    assert "Wie was er?" in client.get(f"/bijeenkomsten/{today.pk}/presentielijst/").text
    first = today.seats[0]
    client.post(f"/bijeenkomsten/{today.pk}/presentielijst/", {"aanwezig": [first.pk]})
    first.refresh_from_db()
    assert first.status == "aanwezig"


def test_a_cancelled_meeting_has_no_attendance(circle, today):
    today.status = "geannuleerd"
    today.save()
    with pytest.raises(AttendanceError, match="gaat niet door"):
        attendance.attendance_mark(bijeenkomst=today, present_ids=set())


# --- The order --------------------------------------------------------------------------------
def test_the_page_the_print_view_and_the_pdf_list_by_municipality_then_name(client, circle, today):
    client.force_login(circle.researcher)
    page = client.get(f"/bijeenkomsten/{today.pk}/presentielijst/").text
    printed = client.get(f"/bijeenkomsten/{today.pk}/presentielijst/?afdrukken=1").text
    pdf = html_for(documents.presentielijst_document(today))
    for text in (page, printed, pdf):
        assert _order(text, ORDER) == ORDER


# --- Late arrivals ----------------------------------------------------------------------------
def _options(html: str) -> set[str]:
    select = re.search(r'<select[^>]*name="deelnemer".*?</select>', html, re.S).group(0)
    return set(re.findall(r"<option [^>]*>([^<]*)</option>", select))


def test_the_late_arrival_list_has_the_circle_s_members_who_did_not_register(client, circle, today):
    AanmeldingFactory(bijeenkomst=today, deelnemer=circle.other_member, status="wachtlijst")
    client.force_login(circle.researcher)
    html = client.get(f"/bijeenkomsten/{today.pk}/presentielijst/").text
    # Breda's member, coordinator and hidden colleague; not the person waiting (Lid Tilburg),
    # not someone whose membership is pending, not an outsider, not those registered.
    assert _options(html) == {"Lid Breda", "Coördinator Breda", "Verborgen Breda"}


def test_a_late_arrival_is_added_as_present_and_marked_so(
    client, circle, today, django_capture_on_commit_callbacks, mailoutbox
):
    OutgoingEmail.objects.all().delete()
    client.force_login(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/bijeenkomsten/{today.pk}/presentielijst/niet-aangemeld/",
            {"deelnemer": circle.member.pk},
            follow=True,
        )
    assert (
        "Lid Breda staat op de presentielijst als aanwezig, zonder aanmelding vooraf."
        in response.text
    )
    walk_in = Aanmelding.objects.get(bijeenkomst=today, deelnemer=circle.member)
    assert (walk_in.status, walk_in.walk_in, walk_in.gemeente) == ("aanwezig", True, circle.breda)
    assert re.search(r"Lid Breda \(Breda\) – niet aangemeld", response.text)
    assert "Lid Breda" not in _options(response.text)
    # A full meeting does not stop someone who is there; they get no e-mail.
    assert today.aanmeldingen.filter(status__in=Aanmelding.SEATED).count() == 5 > today.capacity
    assert not OutgoingEmail.objects.exists() and mailoutbox == []
    entry = AuditEntry.objects.get(action=AuditEntry.Action.AANMELDING_WALK_IN)
    assert (entry.actor, entry.subject, entry.target_id) == (
        circle.researcher,
        circle.member,
        today.pk,
    )
    printed = client.get(f"/bijeenkomsten/{today.pk}/presentielijst/?afdrukken=1").text
    assert "Lid Breda (niet aangemeld)" in printed
    pdf = html_for(documents.presentielijst_document(today))
    assert "Lid Breda (niet aangemeld)" in pdf
    assert _order(printed, ["Bas Bos", "Lid Breda", "Zoë Zwart"]) == [
        "Bas Bos",
        "Lid Breda",
        "Zoë Zwart",
    ]


@pytest.mark.parametrize("who", ["registered", "outsider", "pending", "", "abc", "999999"])
def test_a_late_arrival_who_cannot_be_added_says_so(client, circle, today, who):
    person = {
        "registered": today.seats[0].deelnemer.pk,
        "outsider": circle.outsider.pk,
        "pending": circle.pending_user.pk,
    }.get(who, who)
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{today.pk}/presentielijst/niet-aangemeld/",
        {"deelnemer": person},
        follow=True,
    )
    assert response.status_code == 200
    assert "Kies iemand uit de lijst: een deelnemer die nog niet is aangemeld." in response.text
    assert not Aanmelding.objects.filter(walk_in=True).exists()


def test_a_late_arrival_cannot_be_added_before_the_day(client, circle):
    tomorrow = _meeting(circle, days=1)
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{tomorrow.pk}/presentielijst/niet-aangemeld/",
        {"deelnemer": circle.member.pk},
        follow=True,
    )
    assert "vanaf de dag van de bijeenkomst" in response.text
    assert not Aanmelding.objects.filter(walk_in=True).exists()


def test_unticking_a_late_arrival_added_by_mistake_takes_them_off_the_list(circle, today):
    walk_in = attendance.attendance_walk_in(
        bijeenkomst_id=today.pk, deelnemer_id=circle.member.pk, actor=circle.researcher
    )
    attendance.attendance_mark(bijeenkomst=today, present_ids={today.seats[0].pk})
    walk_in.refresh_from_db()
    assert walk_in.status == "geannuleerd"
    assert [
        a.deelnemer.name for a in documents.presentielijst_document(today).context["aanmeldingen"]
    ] == ORDER
    # They can be added again.
    attendance.attendance_walk_in(
        bijeenkomst_id=today.pk, deelnemer_id=circle.member.pk, actor=circle.researcher
    )
    assert Aanmelding.objects.filter(deelnemer=circle.member, status="aanwezig").count() == 1


def test_the_attendance_page_takes_a_fixed_number_of_queries(
    client, circle, today, django_assert_max_num_queries
):
    for i in range(15):
        _seat(today, f"Extra {i}", circle.tilburg)
        LidmaatschapFactory(gemeente=circle.breda, user=UserFactory(name=f"Kandidaat {i}"))
    client.force_login(circle.researcher)
    with django_assert_max_num_queries(15):
        html = client.get(f"/bijeenkomsten/{today.pk}/presentielijst/").text
    assert html.count('name="aanwezig"') == 19
    assert len(_options(html)) == 19  # the circle's four people and the fifteen
