from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eig.gate import ADMIN, gate_refusal
from eig.views import RefusedInput, bad_request

NUL = "\x00"


class NulBytesMiddleware:
    """PostgreSQL stores no NUL character in text: a NUL byte in a URL or its query string would end in
    a server error wherever it reaches a query (an admin filter, a token in a URL). No visitor types
    one, so such a request is refused here, once for every page, with a 400 and a French message. A
    cookie carrying one is dropped instead (as if absent: a fresh session replaces it), so that a
    browser holding a bad cookie is not locked out. Forms are left to their fields, which refuse a
    NUL character with a message on the field and keep everything typed (Django's
    ProhibitNullCharactersValidator); admin actions' choices to AdminActionsMiddleware."""

    message = gettext_lazy(
        "L'adresse de la page contient un caractère invisible non autorisé (NUL) : "
        "retapez-la ou revenez à la page précédente."
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name in [name for name, value in request.COOKIES.items() if NUL in name or NUL in value]:
            del request.COOKIES[name]
        if NUL in request.path or any(
            NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()
        ):
            return bad_request(request, RefusedInput(self.message))
        return self.get_response(request)


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


class AdminInputMiddleware:
    """What a hand-typed admin URL or form may carry, refused with a message for every ModelAdmin
    (ours and third-party ones), in one place:

    - an action names the chosen rows by primary key (`_selected_action`); Django's admin turns them
      into a query as they come, so a value that is not a key would end in a server error: it is
      refused before the action runs, back on the list with a message;
    - a filter of the wrong type (`?submitted_at__gte=hier`) makes the admin fall back to the whole
      list (`?e=1`) without a word: the list then says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        model_admin = getattr(view_func, "model_admin", None)
        if model_admin is None:
            return None
        if request.method == "POST" and "action" in request.POST:
            return self._check_selection(request, model_admin)
        if ERROR_FLAG in request.GET and request.resolver_match.url_name.endswith("_changelist"):
            messages.warning(
                request, _("Les filtres de l'adresse ne sont pas valides : la liste complète est affichée.")
            )
        return None

    @staticmethod
    def _check_selection(request, model_admin):
        primary_key = model_admin.model._meta.pk
        for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
            try:
                if NUL in value:
                    raise ValidationError(NUL)
                primary_key.to_python(value)
            except ValidationError:
                messages.error(
                    request,
                    _("Les lignes choisies ne sont pas reconnues : cochez-les dans la liste, puis relancez l'action."),
                )
                return redirect(request.get_full_path())
        return None
