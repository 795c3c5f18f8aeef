from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse


class LoginInsteadOf404Middleware:
    """A logged-out visitor whom a view answers 404 is sent to the log-in page with `next`
    instead (D8). Every view answers 404 for what the visitor may not see as well as for what
    does not exist, so the log-in page appears in both cases and an id still reveals nothing;
    after logging in, the same URL answers 404 to whoever may not see it.

    One place rather than one check per view: object lookups, permission checks and
    `get_object_or_404` all raise Http404, and all of them are caught here. A view whose 404
    is the right answer for anyone (a secret token in the URL, read by a calendar app or a
    mail scanner) says so with `login_instead_of_404 = False`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Http404) or request.user.is_authenticated:
            return None
        match = request.resolver_match
        view = getattr(match.func, "view_class", match.func) if match else None
        if view is None or not getattr(view, "login_instead_of_404", True):
            return None
        return redirect_to_login(request.get_full_path(), reverse("account_login"))
