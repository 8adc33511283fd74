"""Steps shared by the browser tests: signing up and in (with the staff's second factor), ticking DSFR
inputs, moving through the application form, and moving a cohort's calendar.

A live server cannot move time, so a test that follows a cohort through several phases moves the cohort's
calendar instead: the pages read it from the database on every request."""

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from cohorts.calendar import typical_calendar
from cohorts.models import Cohort
from tests.eig.factories import DEFAULT_PASSWORD, TOTP_SECRET, current_totp_code

CONFIRMATION_LINK = re.compile(r"http://\S+/comptes/confirm-email/\S+/")

# Days since the projects call opened (see cohorts.calendar.TYPICAL_OFFSETS_DAYS) for each phase.
CANDIDATES_CALL = 60
PRESELECTION = 90  # The call is closed, the results are not out yet.
WISHES = 108
AFTER_WISHES = 115


def watch_csp(page: Page) -> list[str]:
    """The Content-Security-Policy stays enforced: anything it blocks shows up in the console."""
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)
    return violations


def cohort_move_to(cohort: Cohort, *, days_since_start: int) -> None:
    """Place the cohort's whole calendar so that now falls `days_since_start` days after its projects call opened."""
    dates = typical_calendar(timezone.now() - dt.timedelta(days=days_since_start))
    Cohort.objects.filter(pk=cohort.pk).update(**dates)
    cohort.refresh_from_db()


def sign_up_as_candidate(
    page: Page,
    site_url: str,
    mailoutbox,
    email: str,
    password: str,
    first_name: str = "Ada",
    last_name: str = "Lovelace",
) -> None:
    """Sign up as a candidate, then confirm the address with the e-mailed link: confirming signs the
    candidate in, on their space."""
    page.goto(site_url + reverse("account_signup"))
    page.get_by_label("Prénom").fill(first_name)
    page.get_by_label("Nom", exact=True).fill(last_name)
    page.get_by_label("Courriel").fill(email)
    page.get_by_role("radio", name="Je souhaite candidater au programme").check()
    # The first password's label also holds the password rules (DSFR hint text), hence the pattern.
    page.get_by_label(re.compile(r"Mot de passe(?! \(confirmation\))")).fill(password)
    page.get_by_label("Mot de passe (confirmation)").fill(password)
    page.get_by_role("button", name="Création de compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre adresse e-mail")
    [link] = CONFIRMATION_LINK.findall(mailoutbox[-1].body)
    page.goto(link)
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma candidature")
    expect(page.get_by_role("link", name=email)).to_be_visible()


def log_in(page: Page, site_url: str, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto(site_url + reverse("account_login"))
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("link", name=email)).to_be_visible()


def log_in_with_totp(page: Page, site_url: str, email: str, password: str = DEFAULT_PASSWORD) -> None:
    """Password, then the code of the authenticator app (staff have two-factor authentication); staff land
    on the admin."""
    page.goto(site_url + reverse("account_login"))
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("mfa_authenticate")) + "$"))
    page.locator("input[name=code]").fill(current_totp_code(TOTP_SECRET))
    page.get_by_role("button", name="Connexion").click()
    # Programme staff land on the admin (eig.adapters.ROLE_HOMES).
    expect(page.get_by_role("heading", level=1)).to_have_text("Piloter les promotions")


def tick(page: Page, label: str, group: str | None = None) -> None:
    """Check a DSFR radio or checkbox the way a person does: by clicking its label (the DSFR draws the box
    over the input)."""
    scope = page.get_by_role("group", name=re.compile(re.escape(group))) if group else page
    scope.locator("label").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()
    expect(scope.get_by_label(label, exact=True)).to_be_checked()


def save_and_continue(page: Page, next_title: str) -> None:
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.locator(".fr-stepper__title")).to_contain_text(next_title)
