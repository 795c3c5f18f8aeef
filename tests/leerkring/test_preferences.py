"""My settings (issue 18): one page where a person chooses their reminders, e-mail about news
for them, the weekly digest and their language; each choice changes what they receive, and
every e-mail to a person is in their language."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.services import registration
from bijeenkomsten.services.reminders import reminders_send
from dilemmas import services as dilemma_services
from dilemmas.models import Rol, Waarde
from leerkring import digest
from leerkring.core.mail import mail_send, mail_send_many
from tests.factories import BijeenkomstFactory, DilemmaFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/account/instellingen/"
DAY = datetime.timedelta(days=1)


def _settings(**changes) -> dict:
    data = {
        "reminders": "on",
        "reminder_days": "",
        "email_notifications": "on",
        "weekly_digest": "",
        "language": "nl",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _save(client, user, **changes):
    client.force_login(user)
    response = client.post(URL, _settings(**changes))
    user.refresh_from_db()
    return response


def _meeting(circle, *, days_ahead: float, reminder_days: int = 2, **fields):
    start = timezone.now() + datetime.timedelta(days=days_ahead)
    return BijeenkomstFactory(
        leerkring=circle.leerkring,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        registration_closes_at=timezone.now() + datetime.timedelta(hours=1),
        reminder_days=reminder_days,
        **fields,
    )


def _register(meeting, *people):
    for person in people:
        registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=person)


def _reminders(capture, mailoutbox, now=None) -> dict[str, list]:
    mailoutbox.clear()
    with capture(execute=True):
        reminders_send(now=now)
    found: dict[str, list] = {}
    for message in mailoutbox:
        found.setdefault(message.to[0], []).append(message)
    return found


# --- The page ----------------------------------------------------------------------------------
def test_the_page_shows_the_stored_choices_and_saves_them(client, circle):
    client.force_login(circle.member)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.text
    assert "Mijn instellingen" in html
    assert 'name="reminder_days"' in html and 'name="language"' in html
    response = client.post(
        URL,
        _settings(reminders="", reminder_days="5", email_notifications="", weekly_digest="on"),
    )
    assert response.status_code == 302 and response["Location"] == URL
    circle.member.refresh_from_db()
    assert (
        circle.member.reminders,
        circle.member.reminder_days,
        circle.member.email_notifications,
        circle.member.weekly_digest,
        circle.member.language,
    ) == (False, 5, False, True, "nl")
    shown = client.get(URL).text
    assert "Je instellingen zijn opgeslagen." in shown
    assert '<option value="5" selected>' in shown


def test_the_header_and_the_dashboard_link_the_page_and_the_profile_no_longer_holds_it(
    client, circle
):
    client.force_login(circle.member)
    assert f'href="{URL}"' in client.get("/overzicht/").text
    profile = client.get("/account/profiel/").text
    assert f'href="{URL}"' in profile
    # One setting lives in one place.
    assert 'name="weekly_digest"' not in profile
    assert 'name="email_notifications"' not in profile


def test_logged_out_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "changes",
    [
        {"reminder_days": "0"},
        {"reminder_days": "15"},
        {"reminder_days": "-1"},
        {"reminder_days": "99999999999999999999"},
        {"reminder_days": "twee"},
        {"reminder_days": "2\r\nBcc: x@example.com"},
        {"language": "xx"},
        {"language": ""},
        {"language": None},
        {"language": "<script>alert(1)</script>"},
        {"language": "en\x00"},
    ],
)
def test_hostile_posts_get_a_message_and_change_nothing(client, circle, changes):
    before = (circle.member.reminder_days, circle.member.language, circle.member.reminders)
    response = _save(client, circle.member, reminders="", **changes)
    assert response.status_code == 200
    assert "Controleer wat je hebt ingevuld" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert (circle.member.reminder_days, circle.member.language, circle.member.reminders) == before


def test_a_checkbox_posted_many_times_or_with_junk_still_answers(client, circle):
    client.force_login(circle.member)
    response = client.post(
        URL,
        {
            "reminders": ["on", "off", "\x00"],
            "reminder_days": ["3", "4"],
            "language": "nl",
            "weekly_digest": "🙂" * 1000,
        },
    )
    assert response.status_code in (200, 302)
    circle.member.refresh_from_db()
    assert circle.member.reminder_days in (None, 3, 4)


# --- Reminders ---------------------------------------------------------------------------------
def test_reminders_off_means_no_reminder(
    client, circle, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = _meeting(circle, days_ahead=1.5)
    _register(meeting, circle.member, circle.other_member)
    _save(client, circle.member, reminders="")
    assert circle.member.reminders is False

    sent = _reminders(django_capture_on_commit_callbacks, mailoutbox)
    assert list(sent) == [circle.other_member.email]
    # Turning them on again before the meeting still brings the one reminder, once.
    _save(client, circle.member, reminders="on")
    sent = _reminders(django_capture_on_commit_callbacks, mailoutbox)
    assert list(sent) == [circle.member.email]
    assert _reminders(django_capture_on_commit_callbacks, mailoutbox) == {}


def test_my_number_of_days_decides_when_my_reminder_comes(
    client, circle, mailoutbox, django_capture_on_commit_callbacks
):
    """The meeting's researchers chose 2 days before. Breda's member wants 5 days, Tilburg's
    member 1 day, the researcher keeps the meeting's choice."""
    meeting = _meeting(circle, days_ahead=6, reminder_days=2)
    _register(meeting, circle.member, circle.other_member, circle.researcher)
    _save(client, circle.member, reminder_days="5")
    _save(client, circle.other_member, reminder_days="1")
    assert (circle.member.reminder_days, circle.other_member.reminder_days) == (5, 1)
    start = meeting.starts_at

    def at(days_before, hours=0):
        return start - days_before * DAY + datetime.timedelta(hours=hours)

    capture = django_capture_on_commit_callbacks
    assert _reminders(capture, mailoutbox, now=at(5, hours=-1)) == {}
    assert list(_reminders(capture, mailoutbox, now=at(5, hours=1))) == [circle.member.email]
    assert _reminders(capture, mailoutbox, now=at(3)) == {}
    assert list(_reminders(capture, mailoutbox, now=at(2, hours=1))) == [circle.researcher.email]
    assert _reminders(capture, mailoutbox, now=at(1, hours=-1)) == {}
    assert list(_reminders(capture, mailoutbox, now=at(1, hours=1))) == [circle.other_member.email]
    # At most once each, also when the hourly task runs on.
    assert _reminders(capture, mailoutbox, now=at(0, hours=-1)) == {}


def test_an_empty_number_of_days_follows_the_meeting_again(client, circle):
    _save(client, circle.member, reminder_days="7")
    assert circle.member.reminder_days == 7
    _save(client, circle.member, reminder_days="")
    assert circle.member.reminder_days is None


# --- Digest and comment e-mails ----------------------------------------------------------------
def _news_for(circle):
    """Something new for the digest: a case shared by Tilburg's member."""
    dilemma = DilemmaFactory(leerkring=circle.leerkring, title="Bemiddelen", title_en="Mediating")
    casus = dilemma_services.casus_create(
        author=circle.other_member,
        leerkring=circle.leerkring,
        dilemma=dilemma,
        rollen=Rol.objects.filter(slug="faciliteren"),
        waarden=Waarde.objects.filter(slug="deliberatie"),
        publish=True,
        title="Een parkeerplaats in de wijk",
        situation="Twee groepen willen het plein.",
        question="Wat doe je?",
    )
    return dilemma, casus


def _digest(capture, mailoutbox):
    mailoutbox.clear()
    with capture(execute=True):
        digest.digest_send_all()
    return {m.to[0]: m for m in mailoutbox}


def test_the_digest_follows_the_setting(
    client, circle, mailoutbox, django_capture_on_commit_callbacks
):
    _news_for(circle)
    _save(client, circle.member, weekly_digest="")
    assert _digest(django_capture_on_commit_callbacks, mailoutbox) == {}
    _save(client, circle.member, weekly_digest="on")
    sent = _digest(django_capture_on_commit_callbacks, mailoutbox)
    assert list(sent) == [circle.member.email]
    assert "Een parkeerplaats in de wijk" in sent[circle.member.email].body


def test_comment_emails_follow_the_setting(
    client, circle, mailoutbox, django_capture_on_commit_callbacks
):
    _dilemma, _casus = _news_for(circle)
    casus = _casus
    _save(client, circle.other_member, email_notifications="")
    with django_capture_on_commit_callbacks(execute=True):
        dilemma_services.reactie_create(casus=casus, author=circle.member, body="Herkenbaar.")
    assert mailoutbox == []
    _save(client, circle.other_member, email_notifications="on")
    with django_capture_on_commit_callbacks(execute=True):
        dilemma_services.reactie_create(casus=casus, author=circle.member, body="Nog iets.")
    assert [m.to for m in mailoutbox] == [[circle.other_member.email]]
    assert "/account/instellingen/" in mailoutbox[0].body


# --- Language ----------------------------------------------------------------------------------
def test_choosing_english_switches_the_site_at_once_and_is_stored(client, circle):
    response = _save(client, circle.member, language="en")
    assert circle.member.language == "en"
    assert response.status_code == 302
    assert response["Location"] == "/en/account/instellingen/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert '<html lang="en"' in page.text
    assert "Your settings have been saved." in page.text  # (English catalogue)
    # Back to Dutch from the English page.
    response = client.post("/en/account/instellingen/", _settings(language="nl"))
    assert response["Location"] == URL
    circle.member.refresh_from_db()
    assert circle.member.language == "nl"


def test_a_person_who_chose_english_gets_english_pages_from_dutch_links(client, circle):
    circle.member.language = "en"
    circle.member.save(update_fields=["language"])
    client.force_login(circle.member)
    response = client.get("/overzicht/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/en/overzicht/?x=1"
    # htmx fragments, posts and what has no English address are left alone.
    assert client.get("/overzicht/", headers={"HX-Request": "true"}).status_code == 200
    assert client.get("/health/").status_code in (200, 503)
    # Someone who keeps Dutch may still read English pages.
    client.force_login(circle.other_member)
    assert client.get("/en/overzicht/").status_code == 200
    assert client.get("/overzicht/").status_code == 200


def test_logging_in_activates_the_stored_language(client, circle):
    from tests.factories import PASSWORD

    circle.member.language = "en"
    circle.member.save(update_fields=["language"])
    response = client.post(
        "/account/login/", {"login": circle.member.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/en/overzicht/"
    assert '<html lang="en"' in response.text


def test_the_header_switch_stores_the_choice_of_a_logged_in_person(client, circle):
    client.force_login(circle.member)
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/en/dilemmas/"}, follow=False
    )
    assert response.status_code == 302 and response["Location"] == "/en/dilemmas/"
    circle.member.refresh_from_db()
    assert circle.member.language == "en"
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    circle.member.refresh_from_db()
    assert circle.member.language == "en"
    client.post("/i18n/setlang/", {"language": "nl", "next": "/dilemmas/"})
    circle.member.refresh_from_db()
    assert circle.member.language == "nl"
    # Logged out, the switch works as before.
    client.logout()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    assert response.status_code == 302


# --- E-mails in the person's language --------------------------------------------------------
def test_an_english_person_gets_an_english_reminder(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    circle.member.language = "en"
    circle.member.save(update_fields=["language"])
    meeting = _meeting(circle, days_ahead=1.5, title="Leeratelier in Breda", kind="leeratelier")
    _register(meeting, circle.member, circle.other_member)
    sent = _reminders(django_capture_on_commit_callbacks, mailoutbox)
    english = sent[circle.member.email][0]
    assert english.subject.endswith("Reminder: Leeratelier in Breda")
    assert "See you soon at Leeratelier in Breda." in english.body
    assert "When: " in english.body
    assert "/en/account/instellingen/" in english.body
    dutch = sent[circle.other_member.email][0]
    assert "Herinnering: Leeratelier in Breda" in dutch.subject
    assert "Tot snel bij Leeratelier in Breda." in dutch.body
    assert "/en/" not in dutch.body


def test_an_english_person_gets_an_english_digest_with_english_dilemma_names(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    _news_for(circle)
    for person, language in ((circle.member, "en"), (circle.researcher, "nl")):
        person.weekly_digest = True
        person.language = language
        person.save(update_fields=["weekly_digest", "language"])
    sent = _digest(django_capture_on_commit_callbacks, mailoutbox)
    english = sent[circle.member.email]
    assert "New in your circle" in english.subject
    assert "This is what is new in your circle this past week." in english.body
    assert "NEW CASES" in english.body
    assert "dilemma: Mediating" in english.body
    dutch = sent[circle.researcher.email]
    assert "Nieuw in je leerkring" in dutch.subject
    assert "dilemma: Bemiddelen" in dutch.body


def test_an_english_person_gets_an_english_comment_email(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    _dilemma, casus = _news_for(circle)
    circle.other_member.language = "en"
    circle.other_member.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        dilemma_services.reactie_create(casus=casus, author=circle.member, body="Herkenbaar.")
    (message,) = mailoutbox
    assert "New comment on your case: Een parkeerplaats in de wijk" in message.subject
    assert "Herkenbaar." in message.body  # what people write stays as written


def test_one_mailing_goes_out_in_each_persons_language_and_unknown_addresses_get_dutch(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    english = UserFactory(email="Reader@Example.org", language="en")
    meeting = _meeting(circle, days_ahead=3, title="Slotconferentie")
    context = {"bijeenkomst": meeting, "aanmelding": None, "url": "https://x.example"}
    with django_capture_on_commit_callbacks(execute=True):
        mail_send_many(
            template="bijeenkomsten/email/reminder",
            to=["reader@example.org", circle.member.email, "nobody@elsewhere.example"],
            context=context,
        )
        mail_send(template="bijeenkomsten/email/reminder", to=[english.email], context=context)
        mail_send(
            template="bijeenkomsten/email/reminder",
            to=[english.email, "nobody@elsewhere.example"],
            context=context,
        )
    subjects = [(m.to, m.subject.split("] ")[-1]) for m in mailoutbox]
    assert sorted(subjects) == sorted(
        [
            (["reader@example.org"], "Reminder: Slotconferentie"),
            ([circle.member.email], "Herinnering: Slotconferentie"),
            (["nobody@elsewhere.example"], "Herinnering: Slotconferentie"),
            ([english.email], "Reminder: Slotconferentie"),
            ([english.email, "nobody@elsewhere.example"], "Herinnering: Slotconferentie"),
        ]
    )


# --- The demo ----------------------------------------------------------------------------------
def test_the_demo_seeds_fatimas_settings_and_english_dilemma_names(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import translation

    from dilemmas.models import Dilemma

    call_command("seed_demo", stdout=io.StringIO())
    fatima = get_user_model().objects.get(email="ambtenaar@breda.nl")
    assert (fatima.reminders, fatima.reminder_days, fatima.weekly_digest) == (True, 3, True)
    with translation.override("en"):
        assert set(Dilemma.objects.values_list("title", flat=True)) == {
            "Letting go or steering",
            "Mediating",
            "Weighing interests",
        }
    with translation.override("nl"):
        assert "Loslaten of sturen" in set(Dilemma.objects.values_list("title", flat=True))
    # Her page shows her choices; turning the digest off there stops it.
    client.force_login(fatima)
    assert '<option value="3" selected>' in client.get(URL).text
    _save(client, fatima, reminder_days="3", weekly_digest="")
    assert fatima.weekly_digest is False


def test_signing_up_on_the_english_pages_stores_english_and_allauth_mails_follow_the_person(
    client, circle, mailoutbox
):
    from django.contrib.auth import get_user_model

    response = client.post(
        "/en/account/signup/",
        {
            "name": "Anna de Vries",
            "email": "anna@breda.nl",
            "gemeente": "breda",
            "job_title": "wijkregisseur",
            "password1": "een-lange-zin-als-wachtwoord",
            "password2": "een-lange-zin-als-wachtwoord",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(email="anna@breda.nl").language == "en"
    # A password reset asked on the Dutch pages by someone who chose English is in English.
    circle.member.language = "en"
    circle.member.save(update_fields=["language"])
    mailoutbox.clear()
    client.post("/account/password/reset/", {"email": circle.member.email})
    (message,) = mailoutbox
    assert "Password Reset Email" in message.subject
    assert "Nieuw wachtwoord" not in message.subject
