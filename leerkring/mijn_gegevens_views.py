"""My data, readable (leerkring/mijn_gegevens.py): the page, always of the person who is
logged in (there is no id in its address), with the status box of its PDF."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from leerkring.core.rendering.services import render_request
from leerkring.core.rendering.views import render_status_context

from .mijn_gegevens import MIJN_GEGEVENS_PDF, personal_data_readable


class PersonalDataView(LoginRequiredMixin, TemplateView):
    """The status box asks the core's status view again while the PDF is being made
    (render_status_context's `status_url`), not this page."""

    template_name = "leerkring/mijn_gegevens.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        # Asking for the PDF compares the data with what the last PDF showed: it is made
        # again only when something changed.
        render_request(kind=MIJN_GEGEVENS_PDF.kind, object_id=user.pk)
        return super().get_context_data(
            **personal_data_readable(user=user),
            **render_status_context(pdf_kind=MIJN_GEGEVENS_PDF, obj=user, user=user),
            **kwargs,
        )
