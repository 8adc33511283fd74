import copy

import redis
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from eig.contact import ContactSubject, contact_message_send
from eig.forms import AccountDeleteForm, ContactForm, IdentityForm
from eig.gate import SIGNED_IN, gate
from eig.legal import legal_context
from eig.privacy import declarations
from eig.privacy_services import account_delete, kept_reasons, personal_data_zip
from eig.services import user_update_identity


class RefusedInput(BadRequest):
    """A request refused with a message for the visitor (French, shown on the 400 page)."""


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "down" for a health probe
        return "error"
    return "ok"


def _redis_status() -> str:
    if not settings.REDIS_URL:
        return "not_configured"
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
    except redis.RedisError:
        return "error"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness for the load balancer: 200 when every configured service answers."""
    checks = {"database": _database_status(), "redis": _redis_status()}
    healthy = all(status != "error" for status in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


@require_GET
def switch_language(request, language: str):
    """Switch the interface language with a plain link (the DSFR language selector uses links)."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if check_for_language(language) and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=False,
            samesite="Lax",
        )
    return response


# The error pages, drawn by one template (templates/error.html): their code, title and what to do.
ERROR_PAGES = {
    400: (
        gettext_lazy("Erreur 400"),
        gettext_lazy("Requête refusée"),
        gettext_lazy(
            "La page n'a pas pu lire ce qui lui a été envoyé. Revenez en arrière et recommencez ; si le problème "
            "continue, écrivez à l'équipe du programme."
        ),
    ),
    403: (
        gettext_lazy("Erreur 403"),
        gettext_lazy("Accès refusé"),
        gettext_lazy(
            "Votre compte ne permet pas d'ouvrir cette page. Si vous pensez que c'est une erreur, vérifiez que vous "
            "êtes connecté·e avec le bon compte ou écrivez à l'équipe du programme."
        ),
    ),
    404: (
        gettext_lazy("Erreur 404"),
        gettext_lazy("Page introuvable"),
        gettext_lazy(
            "La page que vous cherchez n'existe pas ou n'est pas (encore) publique. Si vous avez tapé l'adresse, "
            "vérifiez-la ; sinon, le lien que vous avez suivi est peut-être ancien."
        ),
    ),
}


def error_page(request, status: int, message: str = ""):
    """An error page in the site's look and the visitor's language (the error may come before the locale is set)."""
    code, title, explanation = ERROR_PAGES[status]
    context = {"code": code, "title": title, "explanation": explanation, "message": message}
    with translation.override(translation.get_language_from_request(request)):
        return render(request, "error.html", context, status=status)


def bad_request(request, exception):
    """The 400 page, with the reason when it is one for the visitor (RefusedInput); any other reason (a bad host
    header, a broken upload) stays in the logs."""
    return error_page(request, 400, str(exception) if isinstance(exception, RefusedInput) else "")


def permission_denied(request, exception):
    return error_page(request, 403)


def page_not_found(request, exception):
    return error_page(request, 404)


def safe_next_url(request) -> str:
    """The `next` page named by the query string or the form, if it belongs to this site; else ""."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


@gate(SIGNED_IN)
def identity(request):
    """Every signed-in person's own page: their first and last name, usual name, pronouns and the
    language of their e-mails. A `next` page (the application form, for instance) is returned to
    after saving."""
    # The form works on a copy: a refused form leaves the signed-in user (shown in the header) as stored.
    form = IdentityForm(request.POST or None, instance=copy.copy(request.user))
    next_url = safe_next_url(request)
    if request.method == "POST" and form.is_valid():
        user_update_identity(user=request.user, **form.cleaned_data)
        messages.success(request, _("Votre identité est enregistrée."))
        return redirect(next_url or "identity")
    return render(request, "eig/identity.html", {"form": form, "next_url": next_url})


# --- The public pages every State site has (templates/pages/, values from settings: eig.legal) ----------


def _public_page(template_name: str):
    """A public page drawn with the deployment's values, read from settings on each request."""

    @require_GET
    def view(request):
        return render(request, template_name, legal_context())

    return view


legal_notice = _public_page("pages/legal.html")
personal_data = _public_page("pages/personal_data.html")
accessibility = _public_page("pages/accessibility.html")

CONTACT_RATE_LIMITED = gettext_lazy(
    "Vous avez envoyé trop de messages en peu de temps : votre message n'est pas parti. Réessayez dans une "
    "heure ; votre texte est conservé ci-dessous."
)


def contact(request):
    """The contact form: a message to the programme's team through the outbox, with the visitor as Reply-To.
    Open to everyone; a signed-in person finds their name and address filled in, and `?sujet=` chooses the
    subject (the accessibility statement links to it with « accessibilite »). Messages are rate limited
    (ACCOUNT_RATE_LIMITS["contact"], per address and per sender's e-mail): over the limit, the page answers
    429 with what was typed. A filled honeypot gets the confirmation and sends nothing."""
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
    if request.GET.get("sujet") in ContactSubject.values:
        initial["subject"] = request.GET["sujet"]
    form = ContactForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if ratelimit.consume(request, action="contact", key=data["email"].lower()):
            if not form.is_robot():
                contact_message_send(
                    name=data["name"],
                    email=data["email"],
                    subject=data["subject"],
                    message=data["message"],
                    user=request.user,
                )
            messages.success(
                request,
                _("Votre message est envoyé à l'équipe du programme. Elle vous répondra à l'adresse %(email)s.")
                % {"email": data["email"]},
            )
            return redirect("contact")
        form.add_error(None, CONTACT_RATE_LIMITED)
        status = 429
    return render(request, "pages/contact.html", {"form": form, **legal_context()}, status=status)


# --- The rights of the person (docs/personal-data.md): « Mes données », the export ZIP, account deletion.


def _sections(user) -> list[dict]:
    """Each app's section of « Mes données » (eig.privacy declarations with a template)."""
    return [
        {"template": declaration.template, **(declaration.context(user) if declaration.context else {})}
        for declaration in declarations()
        if declaration.template
    ]


@gate(SIGNED_IN)
@never_cache
def my_data(request):
    """What the platform holds about the person, how to download it, correct it, or delete the account."""
    return render(request, "eig/my_data.html", {"sections": _sections(request.user)})


@gate(SIGNED_IN)
@never_cache
@require_GET
def my_data_download(request):
    """The ZIP of everything the platform holds about the person: a JSON and their files."""
    response = HttpResponse(personal_data_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-eig.zip"'
    return response


@gate(SIGNED_IN)
@never_cache
def account_delete_view(request):
    """The rules first, then a confirmation by a typed phrase; the session ends."""
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reasons = account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Votre compte est supprimé."))
        for reason in reasons:
            messages.info(request, reason)
        return redirect("/")
    context = {"form": form, "kept": kept_reasons(request.user), "sections": _sections(request.user)}
    return render(request, "eig/account_delete.html", context)
