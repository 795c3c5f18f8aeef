import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_is_stored_lower_case():
    user = get_user_model().objects.create_user("Anna.de.Vries@Breda.NL", "x" * 14, name="Anna")
    assert user.email == "anna.de.vries@breda.nl"
    assert get_user_model().USERNAME_FIELD == "email"


def test_the_database_refuses_the_same_address_in_another_case():
    User = get_user_model()
    User.objects.create_user("anna@breda.nl", name="Anna")
    with pytest.raises(IntegrityError):
        # about creation itself: bypass the manager's lower-casing; the constraint must hold.
        User.objects.create(email="ANNA@breda.nl", name="Anna 2")
