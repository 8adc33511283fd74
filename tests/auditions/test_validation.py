"""The director's validation: a closed deliberation validated freezes a version of its lists (number,
who, when, entries copied); reopening asks a reason, and the next validation makes the next version
carrying it, the earlier one unchanged; the candidates are told after each validation, each once, and
only those whose outcome changed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from auditions.deliberation import Decision, deliberation_decide, deliberation_reopen, deliberation_validate
from auditions.models import DeliberationStatus, ListKind, ListVersion
from eig.models import OutboxEmail
from tests.auditions.factories import deliberation_closed, deliberation_world
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

MAIN, WAITING, NOT_RETAINED = ListKind.MAIN, ListKind.WAITING, ListKind.NOT_RETAINED


@pytest.fixture
def director():
    return UserFactory(director=True, second_factor=True)


def version_entries(version: ListVersion) -> list[tuple]:
    return sorted(version.entries.values_list("application", "kind", "rank", "note"))


def test_validating_freezes_version_one_with_its_entries_who_and_when(director):
    world = deliberation_world(candidates=3)
    deliberation_closed(world, (MAIN, 1), (WAITING, 1), (NOT_RETAINED, None))

    version = deliberation_validate(deliberation=world.deliberation, by=director)

    world.deliberation.refresh_from_db()
    first, second, third = world.applications
    assert (version.number, version.validated_by, version.reason) == (1, director, "")
    assert version.validated_at is not None
    assert version_entries(version) == sorted(
        [(first.pk, MAIN, 1, ""), (second.pk, WAITING, 1, ""), (third.pk, NOT_RETAINED, None, "")]
    )
    assert (world.deliberation.status, world.deliberation.validated_at is not None) == (
        DeliberationStatus.VALIDATED,
        True,
    )


def test_an_open_deliberation_cannot_be_validated(director):
    world = deliberation_world(candidates=1)

    with pytest.raises(ValidationError) as error:
        deliberation_validate(deliberation=world.deliberation, by=director)

    assert error.value.messages == ["Une délibération « En cours » ne peut pas passer à « Validée par la direction »."]
    assert ListVersion.objects.count() == 0


def test_reopening_asks_for_a_reason(director):
    world = deliberation_world(candidates=1)
    deliberation_closed(world, (MAIN, 1))
    deliberation_validate(deliberation=world.deliberation, by=director)

    with pytest.raises(ValidationError) as error:
        deliberation_reopen(deliberation=world.deliberation, by=director, reason="   ")

    assert error.value.messages == ["Indiquez le motif de la réouverture : il accompagnera la prochaine version."]
    world.deliberation.refresh_from_db()
    assert world.deliberation.status == DeliberationStatus.VALIDATED


def test_a_change_after_validation_makes_version_two_with_its_reason_and_leaves_version_one(director):
    world = deliberation_world(candidates=2)
    first, second = world.applications
    deliberation_closed(world, (MAIN, 1), (WAITING, 1))
    version_one = deliberation_validate(deliberation=world.deliberation, by=director)

    deliberation_reopen(deliberation=world.deliberation, by=director, reason="Désistement du lauréat")
    deliberation_closed(world, (NOT_RETAINED, None), (MAIN, 1))
    version_two = deliberation_validate(deliberation=world.deliberation, by=director)

    assert (version_two.number, version_two.reason) == (2, "Désistement du lauréat")
    assert version_entries(version_two) == sorted([(first.pk, NOT_RETAINED, None, ""), (second.pk, MAIN, 1, "")])
    assert version_entries(version_one) == sorted([(first.pk, MAIN, 1, ""), (second.pk, WAITING, 1, "")])
    assert list(world.deliberation.transitions.values_list("to_status", "note")) == [
        ("closed", ""),
        ("validated", ""),
        ("open", "Désistement du lauréat"),
        ("closed", ""),
        ("validated", ""),
    ]


def test_a_validated_version_does_not_change_when_the_jury_decides_again(director):
    world = deliberation_world(candidates=1)
    (application,) = world.applications
    deliberation_closed(world, (MAIN, 1))
    version = deliberation_validate(deliberation=world.deliberation, by=director)
    deliberation_reopen(deliberation=world.deliberation, by=director, reason="Erreur de rang")

    deliberation_decide(
        deliberation=world.deliberation, decisions=[Decision(application.pk, WAITING, 3)], by=world.jurors[0]
    )

    assert version_entries(version) == [(application.pk, MAIN, 1, "")]


# --- The candidates told ---------------------------------------------------------------------------------


def sent() -> list[tuple]:
    return sorted((email.to[0], email.subject, email.template) for email in OutboxEmail.objects.all())


def test_after_validation_each_candidate_is_told_their_outcome_once(director):
    world = deliberation_world(candidates=3)
    laureate, waiting, not_retained = (application.candidate for application in world.applications)
    deliberation_closed(world, (MAIN, 1), (WAITING, 2), (NOT_RETAINED, None))
    challenge = world.deliberation.challenge.name

    deliberation_validate(deliberation=world.deliberation, by=director)

    template = "emails/auditions/result"
    assert sent() == sorted(
        [
            (laureate.email, f"[EIG] Vous êtes lauréat·e du défi {challenge}", template),
            (waiting.email, f"[EIG] Vous êtes sur la liste complémentaire du défi {challenge}", template),
            (not_retained.email, f"[EIG] Le résultat de votre audition pour le défi {challenge}", template),
        ]
    )
    body = OutboxEmail.objects.get(to=[waiting.email]).body
    assert "Vous êtes en position 2 :" in body
    assert "/auditions/mes-resultats/" in body


def test_a_new_version_tells_only_the_candidates_whose_outcome_changed(director):
    world = deliberation_world(candidates=3)
    moved_up, moved_down, unchanged = (application.candidate for application in world.applications)
    deliberation_closed(world, (WAITING, 1), (MAIN, 1), (NOT_RETAINED, None))
    deliberation_validate(deliberation=world.deliberation, by=director)
    OutboxEmail.objects.all().delete()

    deliberation_reopen(deliberation=world.deliberation, by=director, reason="Désistement")
    deliberation_closed(world, (MAIN, 1), (WAITING, 1), (NOT_RETAINED, None))
    deliberation_validate(deliberation=world.deliberation, by=director)

    assert sorted(email.to[0] for email in OutboxEmail.objects.all()) == sorted([moved_up.email, moved_down.email])
    assert unchanged.email not in {address for email in OutboxEmail.objects.all() for address in email.to}
    assert "ce message remplace le précédent" in OutboxEmail.objects.get(to=[moved_up.email]).body


def test_the_email_is_written_in_the_candidates_language(director):
    world = deliberation_world(candidates=1)
    candidate = world.applications[0].candidate
    candidate.language = "en"
    candidate.save()
    deliberation_closed(world, (MAIN, 1))

    deliberation_validate(deliberation=world.deliberation, by=director)

    assert list(OutboxEmail.objects.values_list("to", "language")) == [([candidate.email], "en")]


# --- The pages ---------------------------------------------------------------------------------------------


def test_the_validation_page_lists_the_closed_deliberations_with_their_lists(client, director):
    world = deliberation_world(candidates=2)
    deliberation_closed(world, (MAIN, 1), (NOT_RETAINED, None))
    open_world = deliberation_world(candidates=1)
    client.force_login(director)

    response = client.get(reverse("auditions:validation"))

    assert [item.pk for item in response.context["to_validate"]] == [world.deliberation.pk]
    assert open_world.deliberation.pk not in [item.pk for item in response.context["validated"]]
    assert response.context["validated"] == []


def test_the_director_validates_from_the_page(client, director):
    world = deliberation_world(candidates=1)
    deliberation_closed(world, (MAIN, 1))
    client.force_login(director)

    response = client.post(reverse("auditions:deliberation_validate", args=[world.deliberation.pk]), follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        f"Les listes « {world.deliberation} » sont validées (version 1) : les candidat·es sont prévenu·es."
    ]
    assert ListVersion.objects.get().validated_by == director


def test_validating_twice_from_the_page_makes_one_version(client, director):
    world = deliberation_world(candidates=1)
    deliberation_closed(world, (MAIN, 1))
    client.force_login(director)
    url = reverse("auditions:deliberation_validate", args=[world.deliberation.pk])

    client.post(url, follow=True)
    response = client.post(url, follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        "Une délibération « Validée par la direction » ne peut pas passer à « Validée par la direction »."
    ]
    assert ListVersion.objects.count() == 1
    assert OutboxEmail.objects.count() == 1


def test_reopening_without_a_reason_keeps_the_page_and_says_why(client, director):
    world = deliberation_world(candidates=1)
    deliberation_closed(world, (MAIN, 1))
    client.force_login(director)
    url = reverse("auditions:deliberation_reopen", args=[world.deliberation.pk])

    response = client.post(url, {"reason": ""})
    reopened = client.post(url, {"reason": "Une note a été corrigée"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Ce champ est obligatoire."]}
    assert reopened.status_code == 302
    world.deliberation.refresh_from_db()
    assert world.deliberation.status == DeliberationStatus.OPEN


def test_staff_who_are_not_the_director_cannot_validate(client):
    world = deliberation_world(candidates=1)
    deliberation_closed(world, (MAIN, 1))
    client.force_login(UserFactory(staff=True, second_factor=True))

    response = client.post(reverse("auditions:deliberation_validate", args=[world.deliberation.pk]))

    assert response.status_code == 403
    assert ListVersion.objects.count() == 0


@pytest.mark.parametrize("deliberations", [1, 3])
def test_the_validation_page_query_count_does_not_grow(
    client, settings, director, django_assert_num_queries, deliberations
):
    settings.STAFF_MFA_REQUIRED = True  # the gate asks for the second factor (one query), as in production
    for _ in range(deliberations):
        deliberation_closed(deliberation_world(candidates=2), (MAIN, 1), (WAITING, 1))
    client.force_login(director)
    client.get(reverse("auditions:validation"))

    with django_assert_num_queries(8):
        response = client.get(reverse("auditions:validation"))

    assert len(response.context["to_validate"]) == deliberations
