"""Nobody but programme staff reaches any page of the Django admin; staff reach every one."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


def admin_urls() -> list[str]:
    """Every admin page: the index, each app's index, and each registered model's pages."""
    urls = [reverse("admin:index"), reverse("admin:password_change"), reverse("admin:jsi18n")]
    app_labels = sorted({model._meta.app_label for model in admin.site._registry})
    urls += [reverse("admin:app_list", args=[label]) for label in app_labels]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        urls += [reverse(f"{prefix}_{view}", args=[1]) for view in ("change", "delete", "history")]
    return urls


ADMIN_URLS = admin_urls()


def test_admin_urls_cover_every_registered_model():
    assert len(ADMIN_URLS) == 3 + len({m._meta.app_label for m in admin.site._registry}) + 5 * len(
        admin.site._registry
    )


def test_admin_pages_anonymous_redirected_to_login(client):
    login_url = reverse("account_login")

    final = {url: client.get(url, follow=True) for url in ADMIN_URLS}

    assert {url: r.redirect_chain[-1][0] for url, r in final.items() if r.request["PATH_INFO"] != login_url} == {}
    assert {url: r.status_code for url, r in final.items() if r.status_code != 200} == {}


@pytest.mark.parametrize("role", ["candidate", "agent", "juror"])
def test_admin_pages_refused_to_non_staff(client, role):
    client.force_login(UserFactory(**{role: True}))

    outcomes = {url: client.get(url, follow=True).status_code for url in ADMIN_URLS}

    assert {url: status for url, status in outcomes.items() if status != 403} == {}


def test_admin_login_page_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Flogin%2F"


def test_admin_every_page_opens_for_staff(client):
    from eig.management.commands.seed_demo import seed_demo

    seed_demo()
    staff = UserFactory(superuser=True)
    client.force_login(staff)
    statuses = {}
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        obj = model._default_manager.first()
        statuses[reverse(f"{prefix}_changelist")] = client.get(reverse(f"{prefix}_changelist")).status_code
        add = client.get(reverse(f"{prefix}_add"))
        # A read-only admin (no adding, for anyone) refuses its add page on purpose.
        if model_admin.has_add_permission(add.wsgi_request) or add.status_code != 403:
            statuses[reverse(f"{prefix}_add")] = add.status_code
        if obj is not None:
            url = reverse(f"{prefix}_change", args=[obj.pk])
            statuses[url] = client.get(url).status_code
    statuses[reverse("admin:index")] = client.get(reverse("admin:index")).status_code

    assert {url: status for url, status in statuses.items() if status != 200} == {}


def test_admin_staff_without_second_factor_sent_to_set_it_up(client):
    client.force_login(UserFactory(staff=True, second_factor=False))

    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[0] == (reverse("mfa_index"), 302)
    assert [str(m) for m in response.context["messages"]] == [
        "Activez l'authentification à deux facteurs pour accéder à l'administration du programme."
    ]


def test_admin_staff_without_second_factor_allowed_when_not_required(client, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(UserFactory(superuser=True, second_factor=False))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert response.context["title"] == "Piloter les promotions"
