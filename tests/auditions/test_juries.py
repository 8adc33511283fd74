"""Juries in the admin: staff build a jury (its challenges, its members' addresses and roles, its
availabilities), see each member's invitation state, and invite the members by e-mail from the list."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from auditions.admin import JuryAdmin
from auditions.models import JurorBooking, Jury, JuryRole
from auditions.services import jury_member_invite
from eig.dates import paris_datetime
from eig.models import OutboxEmail
from tests.auditions.factories import AuditionFactory, JuryFactory, JuryMemberFactory, auditions_day
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:auditions_jury_changelist")


def pending(jury, email, **values):
    return JuryMemberFactory(jury=jury, user=None, email=email, invited_at=None, accepted_at=None, **values)


def jury_form_data(cohort, challenges, members=(), availabilities=()) -> dict:
    data = {
        "cohort": cohort.pk,
        "name": "Jury Mer",
        "challenges": [challenge.pk for challenge in challenges],
        "video_link": "",
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "availabilities-TOTAL_FORMS": str(len(availabilities)),
        "availabilities-INITIAL_FORMS": "0",
    }
    for index, (email, role) in enumerate(members):
        data |= {f"members-{index}-email": email, f"members-{index}-role": role}
    for index, (day, start, end) in enumerate(availabilities):
        data |= {
            f"availabilities-{index}-starts_at_0": day,
            f"availabilities-{index}-starts_at_1": start,
            f"availabilities-{index}-ends_at_0": day,
            f"availabilities-{index}-ends_at_1": end,
        }
    return data


def test_the_list_has_its_columns_filter_and_invitation_actions(client, admin_staff):
    response = client.get(CHANGELIST)

    assert JuryAdmin.list_display == ("name", "cohort", "challenges_display", "member_count", "pending_count")
    assert JuryAdmin.list_filter == ("cohort",)
    assert list(response.context["cl"].model_admin.get_actions(response.wsgi_request)) == [
        "invite_members",
        "resend_invitations",
    ]


def test_the_list_shows_challenges_members_and_pending_invitations(client, admin_staff):
    jury = JuryFactory(name="Jury Mer", challenges=[])
    jury.challenges.set([ChallengeFactory(cohort=jury.cohort, name=name) for name in ("Signaux Faibles", "Gobelins")])
    JuryMemberFactory(jury=jury)
    pending(jury, "b@example.org")

    page = Page(client.get(CHANGELIST).content.decode())

    assert page.texts("td", css_class="field-challenges_display") == ["Gobelins, Signaux Faibles"]
    assert page.texts("td", css_class="field-member_count") == ["2"]
    assert page.texts("td", css_class="field-pending_count") == ["1"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_query_count_does_not_grow(client, admin_staff, django_assert_num_queries, count):
    cohort = CohortFactory(phase="auditions")
    for _ in range(count):
        JuryFactory(cohort=cohort, members=2)

    # session, user, second factor, count, count, cohort filter, juries, their challenges, their members
    with django_assert_num_queries(9):
        response = client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == count


def test_staff_build_a_jury_with_members_and_availabilities_in_paris_time(client, admin_staff):
    cohort = CohortFactory(phase="auditions")
    challenge = ChallengeFactory(cohort=cohort, selected=True)
    data = jury_form_data(
        cohort,
        [challenge],
        members=[(" Jure@Example.org ", JuryRole.PRESIDENT), ("porteur@mer.gouv.fr", JuryRole.PROJECT_LEAD)],
        availabilities=[("12/05/2027", "09:00", "12:30")],
    )

    response = client.post(reverse("admin:auditions_jury_add"), data)

    jury = Jury.objects.get()
    assert response.status_code == 302
    assert list(jury.challenges.all()) == [challenge]
    assert sorted(jury.members.values_list("email", "role", "user", "invited_at")) == [
        ("jure@example.org", "president", None, None),
        ("porteur@mer.gouv.fr", "project_lead", None, None),
    ]
    availability = jury.availabilities.get()
    assert availability.starts_at.isoformat() == "2027-05-12T07:00:00+00:00"
    assert availability.ends_at.isoformat() == "2027-05-12T10:30:00+00:00"


def test_a_challenge_of_another_cohort_is_refused_in_french(client, admin_staff):
    cohort = CohortFactory(phase="auditions")
    other = ChallengeFactory(selected=True, name="Hopkins", cohort=CohortFactory(phase="finished"))

    response = client.post(reverse("admin:auditions_jury_add"), jury_form_data(cohort, [other]))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["challenges"] == [
        "Un jury auditionne pour les défis de sa promotion ; d'une autre promotion : Hopkins."
    ]
    assert Jury.objects.count() == 0


def test_a_member_twice_is_refused_in_french(client, admin_staff):
    cohort = CohortFactory(phase="auditions")
    data = jury_form_data(cohort, [], members=[("a@example.org", "outside"), ("A@example.org", "staff")])

    response = client.post(reverse("admin:auditions_jury_add"), data)

    members = response.context["inline_admin_formsets"][0].formset
    assert response.status_code == 200
    assert (members.non_form_errors(), members.errors[1]) == (
        ["Corrigez les données en double dans email."],
        {"__all__": ["Corrigez les valeurs en double ci-dessous."]},
    )
    assert Jury.objects.count() == 0


def test_the_change_page_shows_each_member_invitation_state(client, admin_staff):
    jury = JuryFactory()
    accepted = JuryMemberFactory(jury=jury, email="a@example.org")
    waiting = jury_member_invite(member=pending(jury, "b@example.org"), by=admin_staff)
    pending(jury, "c@example.org")

    page = Page(client.get(reverse("admin:auditions_jury_change", args=[jury.pk])).content.decode())

    accepted.refresh_from_db()
    assert page.texts("td", css_class="field-invitation_display") == [
        f"Acceptée le {paris_datetime(accepted.accepted_at)}",
        f"Envoyée le {paris_datetime(waiting.invited_at)}, en attente",
        "Pas encore envoyée",
        "—",  # the empty row to add a member
        "—",  # the template of the rows the « add » link draws
    ]


@pytest.mark.parametrize(
    ("action", "sent", "message"),
    [
        ("invite_members", ["b@example.org"], "1 invitation envoyée : b@example.org."),
        (
            "resend_invitations",
            ["a@example.org", "b@example.org"],
            "2 invitations envoyées : a@example.org, b@example.org.",
        ),
    ],
)
def test_the_invitation_actions_email_the_members_who_have_not_accepted(client, admin_staff, action, sent, message):
    """Inviting reaches those never invited; resending, everyone who has not accepted."""
    jury = JuryFactory(name="Jury Mer")
    pending(jury, "b@example.org")
    jury_member_invite(member=pending(jury, "a@example.org"), by=admin_staff)
    JuryMemberFactory(jury=jury)
    OutboxEmail.objects.all().delete()

    response = client.post(CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: [jury.pk]}, follow=True)

    page = Page(response.content.decode())
    assert sorted(email.to[0] for email in OutboxEmail.objects.all()) == sent
    assert page.texts("li", inside=page.find_all("ul", css_class="messagelist")[0]) == [message]


def test_inviting_when_everyone_was_invited_says_so(client, admin_staff):
    jury = JuryFactory(members=1)

    response = client.post(CHANGELIST, {"action": "invite_members", ACTION_CHECKBOX_NAME: [jury.pk]}, follow=True)

    page = Page(response.content.decode())
    assert OutboxEmail.objects.count() == 0
    assert page.texts("li", inside=page.find_all("ul", css_class="messagelist")[0]) == [
        "Aucune invitation envoyée : chaque membre de ces jurys a déjà été invité·e ou a accepté."
    ]


def test_removing_a_juror_frees_their_time(client, admin_staff):
    jury = JuryFactory()
    member = JuryMemberFactory(jury=jury)
    AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=9))
    data = jury_form_data(jury.cohort, jury.challenges.all()) | {
        "name": jury.name,
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "1",
        "members-0-id": member.pk,
        "members-0-jury": jury.pk,
        "members-0-email": member.email,
        "members-0-role": member.role,
        "members-0-DELETE": "on",
    }

    response = client.post(reverse("admin:auditions_jury_change", args=[jury.pk]), data)

    assert response.status_code == 302
    assert JurorBooking.objects.filter(juror=member.user).count() == 0


def test_programme_staff_build_juries_by_their_role(client):
    """Staff without Django permissions (not superusers) add a jury with its members from the admin."""
    client.force_login(UserFactory(staff=True, second_factor=True))
    cohort = CohortFactory(phase="auditions")
    data = jury_form_data(
        cohort, [ChallengeFactory(cohort=cohort, selected=True)], members=[("a@example.org", "staff")]
    )

    assert client.get(reverse("admin:auditions_jury_add")).status_code == 200
    assert client.get(reverse("admin:auditions_audition_add")).status_code == 200
    assert client.post(reverse("admin:auditions_jury_add"), data).status_code == 302
    assert list(Jury.objects.get().members.values_list("email", flat=True)) == ["a@example.org"]
