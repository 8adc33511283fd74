"""The accessibility sweep's list of pages (tests/a11y_sweep.py) is complete and right: every project URL,
every allauth URL and every registered ModelAdmin is swept (or listed with the reason it is not a page), and
each page's URL builds on the sweep's data. The browser sweep itself is tests/e2e/test_a11y_sweep.py."""

import pytest
from django.contrib import admin
from django.urls import get_resolver

from tests.a11y_sweep import ADMIN_PAGES, NOT_PAGES, PAGES, ROLES, sweep_world
from tests.test_access_control import project_url_names

SWEPT = {swept.name for swept in PAGES}


def allauth_url_names() -> set[str]:
    [accounts] = [pattern for pattern in get_resolver().url_patterns if str(pattern.pattern) == "comptes/"]
    return project_url_names(accounts.url_patterns)


def test_every_project_url_is_swept_or_not_a_page():
    assert sorted(project_url_names() - SWEPT - set(NOT_PAGES)) == []


def test_every_account_url_is_swept_or_not_a_page():
    assert sorted(allauth_url_names() - SWEPT - set(NOT_PAGES)) == []


def test_pages_not_swept_are_real_urls():
    assert sorted(set(NOT_PAGES) - project_url_names() - allauth_url_names()) == []


def test_every_registered_model_has_its_list_and_change_pages_swept():
    expected = set()
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        expected |= {f"{prefix}_changelist", f"{prefix}_change"}

    assert sorted(expected - {swept.name for swept in ADMIN_PAGES}) == []


def test_each_page_is_swept_once_per_role_by_known_roles():
    cases = [(swept.name, role) for swept in PAGES for role in swept.roles]

    assert sorted(case for case in cases if cases.count(case) > 1) == []
    assert sorted({role for _, role in cases} - set(ROLES)) == []


@pytest.mark.django_db
def test_every_swept_url_builds_on_the_sweep_data():
    """Each page's arguments exist in the data (an admin change page needs a row of its model)."""
    world = sweep_world()

    urls = [swept.url(world) for swept in PAGES]

    assert [url for url in urls if not url.startswith("/")] == []
    assert urls[:2] == ["/", "/accessibilite/"]
