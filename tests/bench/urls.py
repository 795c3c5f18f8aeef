"""The project's pages, plus a ceiling for the meeting list: the same template rendered from
the list's context held in memory, so the difference is what the database costs."""

from django.template.response import TemplateResponse
from django.urls import path

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


urlpatterns = [path("bench/plafond/", ceiling), *project_urlpatterns]
