from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import Group
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.utils.html import format_html
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from tests.oidc_provider.validator import MFA_GROUP

# The page a browser is sent to by the authorisation endpoint (LOGIN_URL), as an agent's identity provider
# shows one: a test in Chromium fills it in.
SIGN_IN_PAGE = """<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Fournisseur d'identité de test</title></head>
<body>
<main>
<h1>Fournisseur d'identité de test</h1>
<form method="post" action="/connexion/">
<input type="hidden" name="next" value="{}">
<p><label for="email">Adresse électronique</label> <input id="email" name="email" type="email" required></p>
<p><label for="given_name">Prénom</label> <input id="given_name" name="given_name"></p>
<p><label for="usual_name">Nom d'usage</label> <input id="usual_name" name="usual_name"></p>
<p><input id="mfa" name="mfa" type="checkbox" value="1"> <label for="mfa">Second facteur utilisé</label></p>
<p><button type="submit">Se connecter au fournisseur</button></p>
</form>
</main>
</body>
</html>"""


@csrf_exempt
@require_http_methods(["GET", "POST"])
def sign_in(request):
    """The identity provider's own sign-in: the agent (created on first use) with their names, and
    whether this sign-in used a second factor."""
    if request.method == "GET":
        return HttpResponse(format_html(SIGN_IN_PAGE, request.GET.get("next", "")))
    email = request.POST["email"]
    user, _ = get_user_model().objects.get_or_create(username=email, defaults={"email": email})
    user.email = email
    user.first_name = request.POST.get("given_name", "")
    user.last_name = request.POST.get("usual_name", "")
    user.save()
    group, _ = Group.objects.get_or_create(name=MFA_GROUP)
    if request.POST.get("mfa") == "1":
        user.groups.add(group)
    else:
        user.groups.remove(group)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponseRedirect(request.POST["next"]) if request.POST.get("next") else HttpResponse("ok")


urlpatterns = [
    path("connexion/", sign_in),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
