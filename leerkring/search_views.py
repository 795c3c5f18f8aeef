"""The search page (/zoeken/), which the box in every page's header sends to."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from leerkring.core.forms import CleanTextMixin
from leerkring.core.search import MAX_QUERY_CHARS

from .search import site_search


class SearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(
        label=_("Zoekwoorden"),
        max_length=MAX_QUERY_CHARS,
        required=False,
        error_messages={
            "max_length": _("Je zoekopdracht is te lang. Gebruik hoogstens %(limit_value)d tekens.")
        },
    )


class SearchView(TemplateView):
    template_name = "leerkring/search.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        query = form.cleaned_data["q"].strip() if form.is_valid() else ""
        groups = site_search(user=self.request.user, query=query) if query else []
        return super().get_context_data(
            form=form,
            query=query,
            groups=groups,
            total=sum(len(group.hits) for group in groups),
            **kwargs,
        )
