import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label_lower)
def test_every_admin_changelist_and_search_works(client, circle, model):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "breda"}).status_code == 200
    obj = model._default_manager.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert client.get(change).status_code == 200
