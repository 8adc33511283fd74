"""Each status's badge colour is declared once, next to its enum (eig/badges.py), and drawn by `{% status_badge %}`
through django-dsfr's badge template."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.template import Context, Template
from django.utils import translation

from applications.models import Application, ApplicationStatus
from challenges.models import AdministrationMembership, Challenge, ChallengeStatus, DerogationStatus, MembershipStatus
from cohorts.calendar import StepState
from eig.badges import BADGES, COLOURS, status_badges
from tests.html_parsing import Page

SHOWN_STATUSES = [ChallengeStatus, ApplicationStatus, MembershipStatus, DerogationStatus, StepState]


@pytest.mark.parametrize("choices", SHOWN_STATUSES, ids=lambda choices: choices.__name__)
def test_each_status_shown_in_a_badge_has_a_declared_colour(choices):
    assert set(BADGES[choices]) == set(choices)
    assert set(BADGES[choices].values()) <= set(COLOURS)


def test_submitted_has_one_colour_for_challenges_and_applications():
    assert (
        BADGES[ChallengeStatus][ChallengeStatus.SUBMITTED],
        BADGES[ApplicationStatus][ApplicationStatus.SUBMITTED],
    ) == (
        "new",
        "new",
    )


def test_declaring_badges_refuses_a_status_without_a_colour_or_an_unknown_colour():
    class Light(models.TextChoices):
        RED = "red", "Rouge"
        GREEN = "green", "Vert"

    with pytest.raises(ImproperlyConfigured):
        status_badges(Light, {Light.RED: "error"})
    with pytest.raises(ImproperlyConfigured):
        status_badges(Light, {Light.RED: "error", Light.GREEN: "green-menthe"})
    assert Light not in BADGES


def render(template: str, **context) -> Page:
    with translation.override("fr"):
        return Page(Template("{% load i18n eig_tags %}" + template).render(Context(context)))


@pytest.mark.parametrize(
    ("challenge_status", "classes"),
    [
        ("draft", ["fr-badge", "fr-badge--sm", "fr-badge--info"]),
        ("submitted", ["fr-badge", "fr-badge--sm", "fr-badge--new"]),
        ("selected", ["fr-badge", "fr-badge--sm", "fr-badge--success"]),
        ("not_selected", ["fr-badge", "fr-badge--sm", "fr-badge--error"]),
        ("withdrawn", ["fr-badge", "fr-badge--sm"]),
    ],
)
def test_status_badge_of_a_model_instance_in_its_status_colour(challenge_status, classes):
    page = render("{% status_badge challenge %}", challenge=Challenge(status=challenge_status))

    [badge] = page.find_all("p")
    assert (badge.classes, badge.text) == (classes, ChallengeStatus(challenge_status).label)


def test_status_badge_of_another_field_with_its_own_label_size_and_id():
    challenge = Challenge(status="draft", derogation_status="granted")

    page = render(
        '{% status_badge challenge "derogation_status" label="Dérogation" small=False id="x" %}', challenge=challenge
    )

    [badge] = page.find_all("p")
    assert (badge.classes, badge.text, badge.attrs["id"]) == (["fr-badge", "fr-badge--success"], "Dérogation", "x")


def test_status_badge_of_an_enum_member_and_of_a_membership():
    page = render(
        "{% status_badge state %}{% status_badge membership %}",
        state=StepState.UPCOMING,
        membership=AdministrationMembership(status=MembershipStatus.DECLINED),
    )

    assert [(badge.classes, badge.text) for badge in page.find_all("p")] == [
        (["fr-badge", "fr-badge--sm", "fr-badge--info"], "À venir"),
        (["fr-badge", "fr-badge--sm", "fr-badge--error"], "Refusé"),
    ]


def test_badge_escapes_its_label_and_can_stand_inline_with_a_title():
    page = render('{% badge label "warning" inline=True title="Attention" %}', label="<b>Désaccord</b>")

    [badge] = page.find_all("span")
    assert (badge.classes, badge.text, badge.attrs["title"], page.find_all("b")) == (
        ["fr-badge", "fr-badge--sm", "fr-badge--warning"],
        "<b>Désaccord</b>",
        "Attention",
        [],
    )


def test_application_badge_on_the_candidate_page_colour():
    page = render(
        '{% status_badge application small=False id="application-status" %}',
        application=Application(status="submitted"),
    )

    assert page.find_all("p", id="application-status")[0].classes == ["fr-badge", "fr-badge--new"]
