"""The dashboard links a count to its admin list only for those whom that list opens for."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from figures.funnel import cohort_funnel
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


def dashboard_hrefs(client, cohort) -> set[str]:
    html = client.get(reverse("figures:dashboard", args=[cohort.pk])).content.decode()
    return {url.replace("&", "&amp;") for url in all_urls(cohort) if url.replace("&", "&amp;") in html}


def all_urls(cohort) -> set[str]:
    funnel = cohort_funnel(cohort, now=timezone.now())
    rows = [*funnel.challenges, *funnel.applications]
    return {cell.url for row in rows for cell in [row.total, *row.by_profile, *row.by_band]}


def test_links_shown_only_where_the_admin_list_opens(client):
    cohort = CohortFactory(phase="candidates_call")
    ChallengeFactory(cohort=cohort, submitted=True)
    ApplicationFactory(cohort=cohort, complete=True)
    challenge_urls = {url for url in all_urls(cohort) if "/challenges/" in url}
    application_urls = {url for url in all_urls(cohort) if "/applications/" in url}
    # Programme staff open the applications list by their role; the challenges list asks Django's permission.
    staff = UserFactory(staff=True)
    client.force_login(staff)

    without_permission = dashboard_hrefs(client, cohort)
    staff.user_permissions.add(Permission.objects.get(codename="view_challenge"))
    staff = type(staff).objects.get(pk=staff.pk)
    client.force_login(staff)
    with_permission = dashboard_hrefs(client, cohort)

    assert len(challenge_urls) == 2
    assert without_permission == {url.replace("&", "&amp;") for url in application_urls}
    assert with_permission == {url.replace("&", "&amp;") for url in application_urls | challenge_urls}
