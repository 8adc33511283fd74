"""The team's repositories page (/promotion/depots/): the fellow's current team's repositories, the form to
declare one under a free licence, and « Retirer » on each (POST, after a confirmation dialog)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eig.gate import gate
from fellowship.forms_repositories import RepositoryForm
from fellowship.models import Repository
from fellowship.repositories import (
    FELLOWS_WITH_A_TEAM,
    LICENCES_DECREE_URL,
    REPOSITORY_TEAM,
    fellow_current,
    repository_declare,
    repository_remove,
    team_repositories,
)


def repository_get(pk: int) -> Repository:
    return get_object_or_404(Repository, pk=pk)


@gate(FELLOWS_WITH_A_TEAM)
def repositories(request):
    fellow = fellow_current(request.user)
    challenge = fellow.challenge
    form = RepositoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            repository = repository_declare(challenge=challenge, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("url" if error.code == "repository_unique_url" else None, error.messages)
        else:
            messages.success(request, _("Le dépôt « %(name)s » est déclaré.") % {"name": repository.name})
            return redirect("fellowship:repositories")
    context = {
        "challenge": challenge,
        "repositories": list(team_repositories(challenge)),
        "form": form,
        "decree_url": LICENCES_DECREE_URL,
    }
    return render(request, "fellowship/repositories/page.html", context)


@gate(REPOSITORY_TEAM, load=repository_get)
@require_POST
def repository_remove_view(request, repository: Repository):
    repository_remove(repository=repository, by=request.user)
    messages.success(request, _("Le dépôt « %(name)s » est retiré.") % {"name": repository.name})
    return redirect("fellowship:repositories")
