"""The repositories in the admin: staff find them by cohort and licence, declare one (with the teams' rules)
and are named as its declarant."""

import pytest
from django.urls import reverse

from fellowship.models import Repository
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.fellowship.factories import RepositoryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:fellowship_repository_changelist")


@pytest.fixture
def staff(client):
    user = UserFactory(staff=True)
    client.force_login(user)
    return user


def listed(response) -> list[str]:
    return sorted(repository.name for repository in response.context["cl"].result_list)


def test_staff_filter_the_repositories_by_cohort_and_licence(client, staff):
    old, new = CohortFactory(phase="finished", number=5), CohortFactory(phase="programme", number=6)
    RepositoryFactory(name="ancien", challenge=ChallengeFactory(cohort=old, selected=True, with_parts=False))
    for name, licence in (("libre", "EUPL-1.2"), ("permissif", "MIT")):
        RepositoryFactory(
            name=name, licence=licence, challenge=ChallengeFactory(cohort=new, selected=True, with_parts=False)
        )

    assert listed(client.get(CHANGELIST)) == ["ancien", "libre", "permissif"]
    assert listed(client.get(CHANGELIST, {"challenge__cohort__id__exact": new.pk})) == ["libre", "permissif"]
    assert listed(client.get(CHANGELIST, {"licence__exact": "EUPL-1.2"})) == ["libre"]


def test_staff_declare_a_repository_and_are_its_declarant(client, staff):
    challenge = ChallengeFactory(cohort=CohortFactory(phase="programme"), selected=True, with_parts=False)
    data = {"challenge": challenge.pk, "name": "outil", "url": "https://forge.gouv.fr/outil/", "licence": "MIT"}

    response = client.post(reverse("admin:fellowship_repository_add"), {**data, "description": ""})

    assert response.status_code == 302
    assert list(Repository.objects.values_list("name", "url", "declared_by")) == [
        ("outil", "https://forge.gouv.fr/outil", staff.pk)
    ]


def test_the_admin_keeps_the_teams_rules(client, staff):
    repository = RepositoryFactory(url="https://github.com/etalab/outil")
    add = reverse("admin:fellowship_repository_add")
    data = {"challenge": repository.challenge_id, "name": "bis", "licence": "MIT", "description": ""}

    not_web = client.post(add, {**data, "url": "ftp://forge.gouv.fr/outil"})
    duplicate = client.post(add, {**data, "url": "https://github.com/etalab/outil/"})
    not_free = client.post(add, {**data, "url": "https://forge.gouv.fr/x", "licence": "proprietary"})

    assert not_web.context["adminform"].form.errors == {
        "url": ["Indiquez l'adresse web du dépôt, commençant par https:// (par exemple https://github.com/…)."]
    }
    assert duplicate.context["adminform"].form.errors == {"__all__": ["Ce dépôt est déjà déclaré pour ce défi."]}
    assert list(not_free.context["adminform"].form.errors) == ["licence"]
    assert Repository.objects.count() == 1
