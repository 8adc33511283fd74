from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from eig.gate import ADMIN, gate_refusal


class AdminGateMiddleware:
    """Every page of the Django admin goes through the gate (eig.gate): programme staff only, with a
    second factor. The admin's own login page is left to the admin, which
    hands it to allauth's (rate limited, second factor aware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_root = reverse("admin:index")
        if request.path.startswith(admin_root) and request.path != reverse("admin:login"):
            refusal = gate_refusal(
                request,
                ADMIN,
                second_factor_message=_(
                    "Activez l'authentification à deux facteurs pour accéder à l'administration du programme."
                ),
            )
            if refusal is not None:
                return refusal
        return self.get_response(request)


class PrivatePagesMiddleware:
    """A page answered to a signed-in user carries their data (names, files, scores): no cache, shared
    or local, may keep it (`Cache-Control: private, no-store`). The directives are added to those a view
    set, never in place of them, so a stricter header stays as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
