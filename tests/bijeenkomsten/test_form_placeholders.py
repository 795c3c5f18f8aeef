"""No select starts on "---------" (issue 16): where there is no sensible default the empty
choice says what to do, and a required field still refuses it with a message in words."""

import pytest

from bijeenkomsten.forms import BijeenkomstForm
from publicaties.forms import PublicatieForm

pytestmark = pytest.mark.django_db


def test_the_meeting_kind_starts_on_a_placeholder_that_is_refused():
    form = BijeenkomstForm(data={"kind": ""})
    assert form.fields["kind"].choices[0] == ("", "Kies een soort")
    assert form.fields["host_gemeente"].empty_label == "Geen gastgemeente"
    assert "---------" not in str(form["kind"]) + str(form["host_gemeente"])
    assert form.errors["kind"] == ["Kies een soort bijeenkomst."]


def test_the_publication_kind_starts_on_a_placeholder_that_is_refused():
    form = PublicatieForm(data={"kind": ""})
    assert form.fields["kind"].choices[0] == ("", "Kies een soort")
    assert form.errors["kind"] == ["Kies een soort publicatie."]
