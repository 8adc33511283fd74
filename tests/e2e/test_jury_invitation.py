"""A jury built in the admin and a juror invited, in Chromium: staff create the jury with its challenge and a
member's address, invite the members from the list; the juror, without an account, follows the e-mailed
link, signs up, lands back on the invitation, accepts and is sent to enrol a second factor, which they do.
axe-core finds no WCAG 2.1 A/AA violation on the invitation page and the enrolment page, at 375 and 1280 px."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from auditions.models import Jury, JuryMember
from cohorts.models import Cohort
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import (
    AXE,
    AXE_CONTEXT_ARGS,
    WIDTHS,
    assert_no_axe_violation,
    fill_sign_up_and_confirm,
    layout_problems,
    log_in_with_totp,
    run_admin_action,
)
from tests.eig.factories import UserFactory, current_totp_code

pytestmark = [pytest.mark.e2e, AXE]

STAFF_EMAIL = "equipe@example.org"
JUROR_EMAIL = "jure.exterieure@example.org"
PASSWORD = "un-jury-bien-protege-2027"
INVITATION_LINK = re.compile(r"http://\S+(/auditions/invitations/\S+/)")


@pytest.fixture
def cohort(site_url) -> Cohort:
    cohort = CohortFactory(name="EIG 12", phase="auditions")
    ChallengeFactory(cohort=cohort, selected=True, name="Signaux Faibles")
    UserFactory(superuser=True, second_factor=True, email=STAFF_EMAIL)
    return cohort


def build_jury_and_invite(page: Page, site_url: str, cohort: Cohort) -> None:
    log_in_with_totp(page, site_url, STAFF_EMAIL)
    page.goto(site_url + reverse("admin:auditions_jury_add"))
    page.locator("select[name=cohort]").select_option(label=str(cohort))
    page.locator("input[name=name]").fill("Jury Signaux")
    # The two lists of challenges: choose one, move it to the jury's.
    page.locator("#id_challenges_from").select_option(label="Signaux Faibles (EIG 12)")
    page.locator("#id_challenges_add").click()
    page.locator("input[name=members-0-email]").fill(JUROR_EMAIL)
    page.locator("select[name=members-0-role]").select_option("outside")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Jury Signaux")
    jury = Jury.objects.get(name="Jury Signaux")
    assert [challenge.name for challenge in jury.challenges.all()] == ["Signaux Faibles"]

    run_admin_action(page, site_url, "admin:auditions_jury_changelist", [jury.pk], "invite_members")
    expect(page.locator(".messagelist")).to_have_text(f"1 invitation envoyée : {JUROR_EMAIL}.")


def check_page(page: Page) -> None:
    """No WCAG violation and nothing wider than the screen, on a phone and on a laptop."""
    for size in WIDTHS.values():
        page.set_viewport_size(size)
        assert_no_axe_violation(page)
        assert layout_problems(page) == []


def juror_signs_up_accepts_and_enrols(juror: Page, site_url: str, mailoutbox, check=check_page) -> None:
    """The invited juror, without an account, follows the e-mailed invitation link, signs up, lands back on
    the invitation, accepts and enrols a second factor; `check(page)` runs on each of those pages."""
    [invitation] = [message for message in mailoutbox if message.to == [JUROR_EMAIL]]
    assert invitation.subject == "[EIG] Invitation à siéger au jury « Jury Signaux » (EIG 12)"
    [path] = INVITATION_LINK.findall(invitation.body)
    # Without an account: to the sign-up page, then back to the invitation once the address is confirmed.
    juror.goto(site_url + path)
    expect(juror).to_have_url(re.compile(re.escape(reverse("account_signup"))))
    fill_sign_up_and_confirm(
        juror,
        mailoutbox,
        JUROR_EMAIL,
        PASSWORD,
        "Camille",
        "Durand",
        role="Je suis invité·e à siéger dans un jury d'audition",
    )

    expect(juror.get_by_role("heading", level=1)).to_have_text("Invitation à siéger dans un jury")
    expect(juror.locator("#jury-challenges")).to_have_text("Signaux Faibles")
    check(juror)

    # Accepted, the juror is sent to the two-factor page, where they choose an authenticator app (or a
    # security key: tests/e2e/test_security_key.py); allauth first asks for the password again (signed in
    # by the confirmation link), then shows the enrolment.
    juror.get_by_role("button", name="Accepter l'invitation").click()
    expect(juror).to_have_url(re.compile(re.escape(reverse("mfa_index")) + "$"))
    expect(juror.get_by_text(re.compile("Un·e juré·e active l'authentification à deux facteurs"))).to_be_visible()
    check(juror)
    juror.locator(f"a[href='{reverse('mfa_activate_totp')}']").click()
    expect(juror).to_have_url(re.compile(re.escape(reverse("account_reauthenticate"))))
    check(juror)
    juror.locator("input[name=password]").fill(PASSWORD)
    juror.get_by_role("button", name="Confirmer").click()
    expect(juror).to_have_url(re.compile(re.escape(reverse("mfa_activate_totp")) + "$"))
    check(juror)

    secret = juror.locator("#authenticator_secret").input_value()
    juror.locator("input[name=code]").fill(current_totp_code(secret))
    juror.get_by_role("button", name="Activer").click()
    expect(juror).not_to_have_url(re.compile(re.escape(reverse("mfa_activate_totp")) + "$"))


def test_staff_invite_a_juror_who_signs_up_accepts_and_enrols_a_second_factor(
    page: Page, browser: Browser, browser_context_args, site_url, cohort, mailoutbox
):
    build_jury_and_invite(page, site_url, cohort)
    with browser.new_context(**browser_context_args, **AXE_CONTEXT_ARGS) as context:
        juror_signs_up_accepts_and_enrols(context.new_page(), site_url, mailoutbox)

    member = JuryMember.objects.get(email=JUROR_EMAIL)
    assert (member.user.email, member.user.is_juror, member.accepted_at is not None) == (JUROR_EMAIL, True, True)
    assert member.user.authenticator_set.filter(type="totp").exists()
