from django.views.generic import TemplateView

from .table import PERSONAL_DATA, RULES_BY_KEY


class PrivacyStatementView(TemplateView):
    """The privacy statement: every kind of personal data and how long it is kept, rendered
    from the retention table, so that what it says is what the code does."""

    template_name = "leerkring/privacy.html"

    def get_context_data(self, **kwargs):
        rows = [
            {"what": g.what, "why": g.why, "retention": g.retention(), "health": g.health}
            for g in PERSONAL_DATA
        ]
        return super().get_context_data(
            gegevens=rows, health_period=RULES_BY_KEY["aanmelding_behoeften"].period(), **kwargs
        )
