"""The project's pages, plus a ceiling for the meeting list: the same template rendered from
the list's context held in memory, so the difference is what the database costs; and a
baseline for registering: a POST that writes one row."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_POST

from bijeenkomsten.views.lists import BijeenkomstListView
from leerkring.urls import urlpatterns as project_urlpatterns

_held = {}


def ceiling(request):
    if "context" not in _held:
        view = BijeenkomstListView(request=request, kwargs={}, args=[])
        context = view.get_context_data()
        context["page"].object_list = list(context["page"].object_list)  # fetched once
        for field in context["filter"].form.fields.values():
            if hasattr(field, "queryset"):
                field.widget.choices = list(field.widget.choices)  # options, fetched once
        _held["context"] = context
    return TemplateResponse(request, BijeenkomstListView.template_name, _held["context"])


@require_POST
@login_required
def one_row(request):
    """The baseline of the registrations figure: signed in, CSRF-checked (the middleware, as
    for every POST), one row written, a redirect; no lock, no checks, no e-mail."""
    from leerkring.core.models import AuditEntry

    AuditEntry.objects.create(
        actor=request.user, action="bench.row", target_type="bench", target_id=1, target_repr="-"
    )
    return HttpResponseRedirect("/bijeenkomsten/")


urlpatterns = [
    path("bench/plafond/", ceiling),
    path("bench/een-rij/", one_row),
    *project_urlpatterns,
]
