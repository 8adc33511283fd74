"""Staff's way into the auditions: each cohort with juries, its exact figures, and the links where staff act."""

import pytest
from django.urls import reverse

from auditions.models import AuditionStatus
from auditions.services import audition_cancel
from tests.auditions.factories import AuditionFactory, JuryFactory, auditions_day
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("auditions:staff_hub")


def test_the_hub_gives_each_cohorts_figures_and_its_pages(client):
    jury = JuryFactory()
    cohort = jury.cohort
    JuryFactory(cohort=cohort)
    booked = [AuditionFactory(jury=jury, at=auditions_day(cohort, hour=hour)) for hour in (9, 10, 11)]
    AuditionFactory(jury=jury)
    type(booked[0]).objects.filter(pk=booked[0].pk).update(status=AuditionStatus.CONFIRMED)
    type(booked[1]).objects.filter(pk=booked[1].pk).update(status=AuditionStatus.CHANGE_REQUESTED)
    audition_cancel(audition=AuditionFactory(jury=jury, at=auditions_day(cohort, hour=14)), by=None)
    JuryFactory()  # another cohort's
    client.force_login(UserFactory(staff=True))

    response = client.get(URL)

    figures = {
        row.name: (row.jury_count, row.audition_count, row.unbooked_count, row.confirmed_count, row.change_count)
        for row in response.context["cohorts"]
    }
    assert figures[cohort.name] == (2, 4, 1, 1, 1)
    assert len(figures) == 2
    content = response.content.decode()
    assert reverse("auditions:schedule", args=[cohort.pk]) in content
    assert reverse("auditions:declarations", args=[cohort.pk]) in content
    assert reverse("auditions:validation") not in content  # staff, not the director


def test_the_director_also_finds_the_validation(client):
    client.force_login(UserFactory(director=True))

    assert reverse("auditions:validation") in client.get(URL).content.decode()


def test_the_header_leads_staff_to_the_hub_and_jurors_to_their_auditions(client):
    jury = JuryFactory(members=1)
    client.force_login(UserFactory(staff=True))
    assert f'href="{URL}"' in client.get(reverse("home")).content.decode()

    client.force_login(jury.members.get().user)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("auditions:my_auditions")}"' in home
    assert f'href="{URL}"' not in home


@pytest.mark.parametrize("cohorts", [1, 3])
def test_the_same_queries_for_1_and_3_cohorts(client, django_assert_num_queries, cohorts, settings):
    settings.STAFF_MFA_REQUIRED = True
    for _ in range(cohorts):
        jury = JuryFactory()
        AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=9))
    client.force_login(UserFactory(staff=True))
    client.get(URL)

    # The session, the user, the second factor, the cohorts with their figures.
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200
