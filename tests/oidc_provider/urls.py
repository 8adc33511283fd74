from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import Group
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tests.oidc_provider.validator import MFA_GROUP


@csrf_exempt
@require_POST
def sign_in(request):
    """The identity provider's own sign-in: the agent (created on first use) with their names, and
    whether this sign-in used a second factor."""
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
