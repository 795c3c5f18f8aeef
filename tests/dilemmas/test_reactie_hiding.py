"""Hiding a comment asks first and can be undone ("Weer tonen"); the reason can be changed while
it is hidden. Each step is a line in the audit log about the comment's author."""

import pytest

from dilemmas import services
from dilemmas.models import Reactie
from leerkring.core.models import AuditEntry
from tests.factories import LeerkringFactory, UserFactory
from tests.support import assert_answer

REASON = "Noemt een herkenbare inwoner."
BODY = "De voorzitter van die wijkraad ken ik goed."


@pytest.fixture
def reactie(circle, make_casus):
    return services.reactie_create(casus=make_casus(), author=circle.other_member, body=BODY)


@pytest.fixture
def hidden(circle, reactie):
    services.reactie_hide(reactie=reactie, actor=circle.researcher, reason=REASON)
    return reactie


def url(reactie, action: str) -> str:
    return f"/dilemmas/reacties/{reactie.pk}/{action}/"


def case_page(client, user, reactie) -> str:
    client.force_login(user)
    return client.get(f"/dilemmas/casussen/{reactie.casus_id}/").text


def audit(action) -> list[tuple]:
    return list(
        AuditEntry.objects.filter(action=action).values_list(
            "actor", "subject", "target_id", "detail"
        )
    )


def test_hiding_says_what_happens_and_can_be_undone(client, circle, reactie):
    client.force_login(circle.researcher)
    page = client.get(url(reactie, "verbergen")).text
    assert (
        "De reactie van Lid Tilburg is dan niet meer te zien voor anderen. Je kunt dit "
        "terugdraaien."
    ) in page
    response = client.post(url(reactie, "verbergen"), {"reason": REASON}, follow=True)
    assert "De reactie is verborgen." in response.text
    assert Reactie.objects.get(pk=reactie.pk).is_hidden
    assert BODY not in case_page(client, circle.member, reactie)
    assert audit(AuditEntry.Action.REACTIE_HIDDEN) == [
        (circle.researcher.pk, circle.other_member.pk, reactie.pk, REASON)
    ]


def test_hiding_twice_changes_nothing_and_says_so(client, circle, hidden):
    client.force_login(circle.researcher)
    response = client.post(url(hidden, "verbergen"), {"reason": "Iets anders."}, follow=True)
    assert "Deze reactie was al verborgen." in response.text
    assert Reactie.objects.get(pk=hidden.pk).hidden_reason == REASON
    assert len(audit(AuditEntry.Action.REACTIE_HIDDEN)) == 1
    # The page of an already hidden comment is the one that changes the reason.
    assert client.get(url(hidden, "verbergen"))["Location"] == url(hidden, "reden")


def test_the_case_page_offers_the_researcher_to_show_it_again(client, circle, hidden):
    page = case_page(client, circle.researcher, hidden)
    assert f'action="{url(hidden, "weer-tonen")}"' in page and "Weer tonen" in page
    assert f'href="{url(hidden, "reden")}"' in page
    for person in (circle.member, circle.other_member):
        assert url(hidden, "weer-tonen") not in case_page(client, person, hidden)


def test_showing_again_undoes_hiding(client, circle, hidden):
    assert BODY not in case_page(client, circle.member, hidden)
    client.force_login(circle.researcher)
    response = client.post(url(hidden, "weer-tonen"), follow=True)
    assert "De reactie is weer te zien" in response.text
    reactie = Reactie.objects.get(pk=hidden.pk)
    assert (reactie.is_hidden, reactie.hidden_reason, reactie.hidden_by) == (False, "", None)
    assert BODY in case_page(client, circle.member, hidden)
    assert audit(AuditEntry.Action.REACTIE_SHOWN) == [
        (circle.researcher.pk, circle.other_member.pk, hidden.pk, REASON)
    ]
    # A second click (another tab) says so and writes nothing.
    client.force_login(circle.researcher)
    again = client.post(url(hidden, "weer-tonen"), follow=True)
    assert "Deze reactie is al zichtbaar." in again.text
    assert len(audit(AuditEntry.Action.REACTIE_SHOWN)) == 1


def test_the_reason_can_be_changed_while_hidden(client, circle, hidden):
    client.force_login(circle.researcher)
    page = client.get(url(hidden, "reden"))
    assert page.context["form"]["reason"].value() == REASON
    assert BODY in page.text  # the researcher reads what was hidden
    client.post(url(hidden, "reden"), {"reason": "Te persoonlijk."})
    assert "Reden: Te persoonlijk." in case_page(client, circle.other_member, hidden)
    assert audit(AuditEntry.Action.REACTIE_REASON) == [
        (circle.researcher.pk, circle.other_member.pk, hidden.pk, "Te persoonlijk.")
    ]
    # The same reason again is no change.
    client.force_login(circle.researcher)
    client.post(url(hidden, "reden"), {"reason": "Te persoonlijk."})
    assert len(audit(AuditEntry.Action.REACTIE_REASON)) == 1


def test_an_empty_reason_gets_a_clear_message(client, circle, hidden):
    client.force_login(circle.researcher)
    response = client.post(url(hidden, "reden"), {"reason": "   "})
    assert response.status_code == 200
    assert "Schrijf op waarom je de reactie verbergt." in response.text
    assert Reactie.objects.get(pk=hidden.pk).hidden_reason == REASON


def test_the_reason_of_a_shown_comment_cannot_be_changed(client, circle, reactie):
    client.force_login(circle.researcher)
    response = client.get(url(reactie, "reden"), follow=True)
    assert "Deze reactie is niet verborgen." in response.text
    posted = client.post(url(reactie, "reden"), {"reason": "Alsnog."}, follow=True)
    assert "Deze reactie is niet meer verborgen" in posted.text
    assert not Reactie.objects.get(pk=reactie.pk).is_hidden
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.REACTIE_REASON).exists()


@pytest.mark.parametrize("who", ["member", "other_member", "coordinator", "outsider", "stranger"])
def test_only_the_circles_researchers_hide_and_show(client, circle, hidden, who):
    if who == "stranger":
        user = UserFactory()
        LeerkringFactory().researchers.add(user)
    else:
        user = getattr(circle, who)
    client.force_login(user)
    assert client.get(url(hidden, "reden")).status_code == 404
    assert client.post(url(hidden, "reden"), {"reason": "Anders."}).status_code == 404
    assert client.post(url(hidden, "weer-tonen")).status_code == 404
    reactie = Reactie.objects.get(pk=hidden.pk)
    assert (reactie.is_hidden, reactie.hidden_reason) == (True, REASON)


def test_anonymous_visitors_are_sent_to_log_in(client, hidden):
    assert_answer(client.get(url(hidden, "reden")), 404, anonymous=True)
    assert_answer(client.post(url(hidden, "weer-tonen")), 404, anonymous=True)
    assert Reactie.objects.get(pk=hidden.pk).is_hidden


def test_showing_is_post_only(client, circle, hidden):
    client.force_login(circle.researcher)
    assert client.get(url(hidden, "weer-tonen")).status_code == 405
    assert Reactie.objects.get(pk=hidden.pk).is_hidden
