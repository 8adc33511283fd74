import re

import pytest
from django.urls import reverse

from tests.cohorts.factories import CohortFactory

pytestmark = pytest.mark.django_db


def test_page_content_security_policy_forbids_inline_code(client):
    response = client.get(reverse("home"))

    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";") if directive
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"


def test_page_has_no_inline_script_or_style(client):
    response = client.get(reverse("home"))

    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert len(scripts) == 3  # the DSFR module and nomodule scripts, the length counter
    assert [attrs for attrs in scripts if "src=" not in attrs] == []
    assert " style=" not in html
    assert "<style" not in html


def test_page_in_french_by_default(client):
    CohortFactory(name="EIG 12")

    response = client.get(reverse("home"))

    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Calendrier de la promotion EIG 12" in html


def test_language_switch_to_english_and_back(client):
    CohortFactory(name="EIG 12")

    switched = client.get(reverse("switch_language", args=["en"]) + "?next=/")
    english = client.get(reverse("home"))
    client.get(reverse("switch_language", args=["fr"]) + "?next=/")
    french = client.get(reverse("home"))

    assert switched["Location"] == "/"
    assert '<html lang="en"' in english.content.decode()
    assert "EIG 12 cohort calendar" in english.content.decode()
    assert "Calendrier de la promotion EIG 12" in french.content.decode()


def test_language_switch_refuses_external_redirect(client):
    response = client.get(reverse("switch_language", args=["en"]) + "?next=https://example.com/")

    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("url_name", "title"),
    [
        ("footer-accessibility-status", "Déclaration d'accessibilité"),
        ("footer-legal-notice", "Mentions légales"),
        ("footer-personal-data", "Données personnelles"),
        ("footer-sitemap", "Plan du site"),
    ],
)
def test_footer_pages_are_public(client, url_name, title):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_page_not_found_in_the_site_look(client):
    response = client.get("/cette-page-n-existe-pas/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in html
    assert 'class="fr-header"' in html


def test_permission_denied_in_the_site_look(client):
    from tests.eig.factories import UserFactory

    client.force_login(UserFactory(candidate=True))

    response = client.get(reverse("admin:index"), follow=True)

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Accès refusé</h1>" in html
