"""The meeting page."""

from django.views.generic import TemplateView

from leerkring.core.views import PermissionRequiredOr404Mixin

from ..forms import AanmeldingForm
from ..models import Bijeenkomst
from ..selectors import attendance as attendance_selectors
from ..selectors import berichten as berichten_selectors
from ..selectors import evaluatie as evaluatie_selectors
from ..selectors import online as online_selectors
from ..selectors import registration as registration_selectors
from ..selectors import waitlist as waitlist_selectors
from ..selectors import werkgroepen as werkgroepen_selectors
from . import venue as venue_views
from .common import BijeenkomstMixin
from .documenten import documenten_context


def bijeenkomst_page_context(*, user, bijeenkomst: Bijeenkomst, form=None) -> dict:
    """What the meeting page shows this person. The page itself and a registration form sent
    back with a mistake (AanmeldingCreateView) both render it from here."""
    mine = registration_selectors.with_own_actions(
        registration_selectors.aanmelding_of(bijeenkomst=bijeenkomst, user=user)
    )
    can_attendance = user.has_perm("bijeenkomsten.view_attendance", bijeenkomst)
    return {
        "bijeenkomst": bijeenkomst,
        "details": user.has_perm("bijeenkomsten.view_details", bijeenkomst),
        "can_register": user.has_perm("bijeenkomsten.register", bijeenkomst),
        "can_manage": user.has_perm("bijeenkomsten.manage", bijeenkomst),
        "problem": registration_selectors.registration_problem(bijeenkomst),
        "mine": mine,
        "position": waitlist_selectors.waitlist_position(mine) if mine else None,
        "form": form or AanmeldingForm(),
        "attendance": attendance_selectors.attendance_per_gemeente(
            bijeenkomst=bijeenkomst, user=user
        )
        if can_attendance
        else None,
        "online_url": online_selectors.online_link(user=user, bijeenkomst=bijeenkomst),
        **venue_views.venue_context(user=user, bijeenkomst=bijeenkomst),
        "werkgroepen": werkgroepen_selectors.werkgroepen_as_seen(
            user=user, bijeenkomst=bijeenkomst
        ),
        **documenten_context(user=user, bijeenkomst=bijeenkomst),
        "evaluatie_box": evaluatie_selectors.page_context(user=user, bijeenkomst=bijeenkomst),
        "berichten": berichten_selectors.bericht_list_for_meeting(
            user=user, bijeenkomst=bijeenkomst
        ),
    }


class BijeenkomstDetailView(BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView):
    template_name = "bijeenkomsten/bijeenkomst_detail.html"
    permission_required = "bijeenkomsten.view_bijeenkomst"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **bijeenkomst_page_context(user=self.request.user, bijeenkomst=self.get_bijeenkomst()),
            **kwargs,
        )
