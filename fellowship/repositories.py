"""The teams' source code repositories: a team publishes its code under a free licence (the programme's
rule; the licences a public body may use are those of the décret n° 2017-638, `fellowship.models.Licence`),
and declares each repository here. The fellows of the challenge's team and programme staff declare and
remove them; the public cohort page lists them (fellowship.selectors_public)."""

from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eig.constraints import refused_by_constraints
from eig.gate import Rule
from eig.models import Role
from eig.permissions import has_role, is_programme_staff
from fellowship.models import Fellow, Licence, Repository
from fellowship.spaces import user_fellowships

# The addresses a repository may have: a web page, never a local path or another protocol.
URL_SCHEMES = ("http", "https")
# The text the décret n° 2017-638 gives the list of free licences in (article D. 323-2-1 of the code des
# relations entre le public et l'administration).
LICENCES_DECREE_URL = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000034502557"
URL_MESSAGE = gettext_lazy(
    "Indiquez l'adresse web du dépôt, commençant par https:// (par exemple https://github.com/…)."
)
LICENCE_MESSAGE = gettext_lazy(
    "Choisissez une des licences libres de la liste : le code du programme est publié sous licence libre."
)


def fellow_current(user) -> Fellow | None:
    """The user's fellowship in their most recent cohort (their current team), with its challenge and
    cohort; None when they are no fellow."""
    if not has_role(user, Role.FELLOW):
        return None
    return next(iter(user_fellowships(user)), None)


def is_team_fellow(user, challenge_id: int) -> bool:
    """Whether `user` is a fellow in the team of that challenge."""
    return has_role(user, Role.FELLOW) and Fellow.objects.filter(challenge_id=challenge_id, user=user).exists()


def can_manage_repositories(user, challenge_id: int) -> bool:
    """The fellows of the challenge's team and programme staff declare and remove its repositories."""
    return is_programme_staff(user) or is_team_fellow(user, challenge_id)


# The team's repositories page: fellows with a team.
FELLOWS_WITH_A_TEAM = Rule({Role.FELLOW: lambda user, obj=None: fellow_current(user) is not None})
# Removing a repository (the object): the fellows of its team.
REPOSITORY_TEAM = Rule({Role.FELLOW: lambda user, repository: is_team_fellow(user, repository.challenge_id)})


def url_normalised(url: str) -> str:
    """The address as stored: without surrounding spaces nor a trailing slash, so that the same repository
    typed twice is refused by the unique constraint."""
    return url.strip().rstrip("/")


def url_check(url: str) -> None:
    """A repository's address is a web address (http or https) with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc:
        raise ValidationError(URL_MESSAGE, code="url")


def licence_check(licence: str) -> None:
    if licence not in Licence.values:
        raise ValidationError(LICENCE_MESSAGE, code="licence")


@transaction.atomic
def repository_declare(*, challenge, by, name: str, url: str, licence: str, description: str = "") -> Repository:
    """Declare a repository of the challenge's team, by one of its fellows or staff. Refused (ValidationError,
    in French) for an address that is not http(s), a licence outside the free licences' list, or an address
    already declared for the challenge (the database's unique constraint)."""
    if not can_manage_repositories(by, challenge.pk):
        raise PermissionDenied(_("Seul·es les entrepreneur·es de l'équipe déclarent les dépôts de son défi."))
    url = url_normalised(url)
    url_check(url)
    licence_check(licence)
    with refused_by_constraints():
        return Repository.objects.create(
            challenge=challenge,
            name=name.strip(),
            url=url,
            licence=licence,
            description=description.strip(),
            declared_by=by,
        )


@transaction.atomic
def repository_remove(*, repository: Repository, by) -> None:
    """Remove a repository of the team, by one of its fellows or staff."""
    if not can_manage_repositories(by, repository.challenge_id):
        raise PermissionDenied(_("Seul·es les entrepreneur·es de l'équipe retirent les dépôts de son défi."))
    repository.delete()


def team_repositories(challenge) -> QuerySet[Repository]:
    """The challenge's repositories, by name."""
    return Repository.objects.filter(challenge=challenge).order_by("name", "id")
