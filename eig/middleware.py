from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from eig.permissions import has_second_factor, is_programme_staff


class StaffSecondFactorMiddleware:
    """Programme staff reach the admin only with two-factor authentication turned on (when
    STAFF_MFA_REQUIRED, the default outside development); otherwise they are sent to set it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_MFA_REQUIRED
            and request.path.startswith(reverse("admin:index"))
            and is_programme_staff(request.user)
            and not has_second_factor(request.user)
        ):
            messages.warning(
                request,
                _("Activez l'authentification à deux facteurs pour accéder à l'administration du programme."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
