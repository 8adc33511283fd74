"""The one module of steps and checks every browser test goes through: signing up and in (with the second
factor of staff and jurors), the Content-Security-Policy watch, axe-core's WCAG check and the widths every
page must hold, ticking DSFR inputs, moving through the application form and ranking wishes.

A live server cannot move time: a test that follows a cohort through several phases moves the cohort's
calendar instead (tests.cohorts.factories.cohort_move_to); the pages read it from the database on every
request."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.eig.factories import DEFAULT_PASSWORD, TOTP_SECRET, current_totp_code

CONFIRMATION_LINK = re.compile(r"http://\S+/comptes/confirm-email/\S+/")


def watch_csp(page: Page) -> list[str]:
    """The Content-Security-Policy stays enforced: anything it blocks shows up in the console. The list it
    returns fills as the page runs; a test ends with `assert csp_violations == []`."""
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)
    return violations


def session_cookie(user, site_url: str) -> dict:
    """The session cookie of a signed-in user (a forced login: the login form has its own tests), as a
    browser context takes it (`context.add_cookies([...])`)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": site_url}


def sign_in(page: Page, site_url: str, user) -> None:
    """The browser gets the session of a signed-in user, without the login form (nor its second-factor step)."""
    page.context.add_cookies([session_cookie(user, site_url)])


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
    fill_sign_up_and_confirm(page, mailoutbox, email, password, first_name, last_name)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma candidature")
    expect(page.get_by_role("link", name=email)).to_be_visible()


def fill_sign_up_and_confirm(
    page: Page,
    mailoutbox,
    email: str,
    password: str,
    first_name: str = "Ada",
    last_name: str = "Lovelace",
    role: str = "Je souhaite candidater au programme",
) -> None:
    """On the sign-up page: fill it in (`role`: the label of the role chosen), then confirm the address
    with the e-mailed link, which signs the person in where they were going."""
    page.get_by_label("Prénom").fill(first_name)
    page.get_by_label("Nom", exact=True).fill(last_name)
    page.get_by_label("Courriel").fill(email)
    tick(page, role)
    # The first password's label also holds the password rules (DSFR hint text), hence the pattern.
    page.get_by_label(re.compile(r"Mot de passe(?! \(confirmation\))")).fill(password)
    page.get_by_label("Mot de passe (confirmation)").fill(password)
    page.get_by_role("button", name="Création de compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre adresse e-mail")
    [link] = CONFIRMATION_LINK.findall(mailoutbox[-1].body)
    page.goto(link)
    page.get_by_role("button", name="Confirmer").click()


def log_in(page: Page, site_url: str, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto(site_url + reverse("account_login"))
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("link", name=email)).to_be_visible()


STAFF_HOME = "Piloter les promotions"  # The admin's title: programme staff land there.


def log_in_with_totp(
    page: Page, site_url: str, email: str, password: str = DEFAULT_PASSWORD, *, lands_on: str | None = STAFF_HOME
) -> None:
    """Password, then the code of the authenticator app (staff and jurors have two-factor authentication).
    Staff land on the admin (eig.adapters.ROLE_HOMES); for anyone else, `lands_on=None`: the header then
    shows their address."""
    page.goto(site_url + reverse("account_login"))
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("mfa_authenticate")) + "$"))
    page.locator("input[name=code]").fill(current_totp_code(TOTP_SECRET))
    page.get_by_role("button", name="Connexion").click()
    if lands_on is None:
        expect(page.get_by_role("link", name=email)).to_be_visible()
    else:
        expect(page.get_by_role("heading", level=1)).to_have_text(lands_on)


def tick(page: Page, label: str, group: str | None = None) -> None:
    """Check a DSFR radio or checkbox the way a person does: by clicking its label (the DSFR draws the box
    over the input)."""
    scope = page.get_by_role("group", name=re.compile(re.escape(group))) if group else page
    scope.locator("label").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()
    expect(scope.get_by_label(label, exact=True)).to_be_checked()


def save_and_continue(page: Page, next_title: str) -> None:
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.locator(".fr-stepper__title")).to_contain_text(next_title)


def run_admin_action(page: Page, site_url: str, changelist: str, pks: list[int], action: str) -> None:
    """On the admin's change list `changelist` (a URL name), tick the rows of `pks` and run the bulk
    `action`: a decision opens its confirmation page."""
    page.goto(site_url + reverse(changelist))
    for pk in pks:
        page.locator(f"input[name=_selected_action][value='{pk}']").check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Envoyer").click()


# --- the wishes page ----------------------------------------------------------------------------------


def rank_select(page: Page, letter: str):
    """The rank drop-down of the challenge named « Défi <letter> »."""
    return page.get_by_label(f"Rang du défi « Défi {letter} »")


def table_order(page: Page) -> list[str]:
    """The challenges in the order the page shows them."""
    return page.locator("[data-wish-row]").evaluate_all("rows => rows.map(row => row.dataset.name)")


def saved_order(application) -> list[str]:
    """The challenges of the application's saved wishes, by rank."""
    return list(application.wishes.order_by("rank").values_list("challenge__name", flat=True))


# --- the deliberation ----------------------------------------------------------------------------------


def jury_decides_and_closes(page: Page, decisions: list[tuple[str, str, str, str]]) -> None:
    """On a deliberation's page: for each (candidate's full name, decision's value, rank, note), the
    candidate's decision; then « Enregistrer les décisions » and « Clore la délibération »."""
    for name, kind, rank, note in decisions:
        decision = page.get_by_role("group", name=name)
        decision.get_by_label("Décision").select_option(kind)
        decision.get_by_label("Rang sur la liste").fill(rank)
        decision.get_by_label("Motif").fill(note)
    page.get_by_role("button", name="Enregistrer les décisions").click()
    expect(page.get_by_text("Les décisions du jury sont enregistrées.")).to_be_visible()
    page.get_by_role("button", name="Clore la délibération").click()
    expect(
        page.get_by_text("La délibération est close : la direction du programme peut maintenant valider les listes.")
    ).to_be_visible()


# --- accessibility and layout checks -------------------------------------------------------------

# The WCAG 2.1 A and AA rules of axe-core, as every accessibility test of the suite runs them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe is injected into the page: an accessibility module lets it past the Content-Security-Policy with
# `pytestmark = [pytest.mark.e2e, AXE]` (pytest-playwright's marker for the browser context's arguments),
# or AXE_CONTEXT_ARGS for a context it opens itself. Every other browser test runs under the enforced policy.
AXE_CONTEXT_ARGS = {"bypass_csp": True}
AXE = pytest.mark.browser_context_args(**AXE_CONTEXT_ARGS)
# The widths every page must hold: a small phone and a laptop.
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
WIDTHS = {"375px": PHONE, "1280px": DESKTOP}


def axe_violations(page: Page, *, include: str | None = None, exclude: tuple[str, ...] = ()) -> tuple[int, str]:
    """The number of WCAG 2.1 A/AA violations on the page (inside the elements matching `include` if given,
    outside those matching `exclude`), and a readable report of them."""
    context = include
    if exclude:
        context = {"exclude": [[selector] for selector in exclude]} | ({"include": [[include]]} if include else {})
    results = Axe().run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results.violations_count, results.generate_report()


def assert_no_axe_violation(page: Page, *, include: str | None = None, exclude: tuple[str, ...] = ()) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation on the page (its report is the failure's message)."""
    count, report = axe_violations(page, include=include, exclude=exclude)
    assert count == 0, report


def check_phone(page: Page) -> None:
    """The page at 375 px (it stays there): no WCAG violation, nothing out of its box."""
    page.set_viewport_size(PHONE)
    assert_no_axe_violation(page)
    assert layout_problems(page) == []


def layout_problems(page: Page, *, boxes: bool = True) -> list[str]:
    """What does not fit the viewport, in plain words (an empty list when everything fits):
    - a page wider than the viewport (the visitor would scroll the whole page sideways);
    and, unless `boxes` is false (the Django admin: its own layout, only asked not to widen the page):
    - an element whose content is wider than its box (clipped, or spilling over its neighbours), outside a
      region made to scroll (a table's wrapper), e.g. a button whose text is hidden behind its icon;
    - a region that scrolls sideways but cannot be reached with the keyboard;
    - a drop-down list too narrow to show the option it holds."""
    return page.evaluate(LAYOUT_PROBLEMS_SCRIPT, boxes)


LAYOUT_PROBLEMS_SCRIPT = """(boxes) => {
  const problems = [];
  const tolerance = 1;  // sub-pixel rounding
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + tolerance) {
    problems.push(`page ${root.scrollWidth} px wide in a ${root.clientWidth} px viewport`);
  }
  if (!boxes) return problems;
  const describe = (element) => {
    const id = element.id ? `#${element.id}` : "";
    const classes = [...element.classList].map((name) => `.${name}`).join("");
    const text = (element.innerText || element.value || "").replace(/\\s+/g, " ").trim().slice(0, 60);
    return `<${element.tagName.toLowerCase()}${id}${classes}> « ${text} »`;
  };
  const scrollsSideways = (style) => style.overflowX === "auto" || style.overflowX === "scroll";
  // Text for screen readers only (the DSFR's and the Django admin's classes), and what is not shown.
  const unseen = (element) =>
    element.closest(".fr-sr-only, .visually-hidden, [hidden], [aria-hidden=true], svg, template") !== null ||
    !element.checkVisibility({ visibilityProperty: true });
  // The DSFR's header buttons on a phone (menu, search) show their icon alone, by design: their text is their
  // accessible name.
  const iconOnlyByDesign = (element) => element.closest(".fr-header__navbar .fr-btn") !== null;
  const insideScroller = (element) => {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (scrollsSideways(getComputedStyle(parent))) return true;
    }
    return false;
  };
  // The text of `element` that lies outside its box, sideways (a box wider than its parent because of the
  // DSFR's negative margins, with its text inside, is fine).
  const textOutside = (element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const left = box.left + parseFloat(style.borderLeftWidth) - tolerance;
    const right = box.right - parseFloat(style.borderRightWidth) + tolerance;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const scrolledWithin = (node) => {
      for (let parent = node.parentElement; parent && parent !== element; parent = parent.parentElement) {
        if (scrollsSideways(getComputedStyle(parent))) return true;
      }
      return false;
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || unseen(node.parentElement) || iconOnlyByDesign(node.parentElement)) continue;
      if (scrolledWithin(node)) continue;
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0 && (rect.right > right || rect.left < left)) return node.textContent.trim().slice(0, 60);
      }
    }
    return null;
  };
  const overflowing = [];
  for (const element of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(element);
    if (style.display === "inline" || style.display === "contents" || unseen(element)) continue;
    if (element.clientWidth === 0 || element.scrollWidth <= element.clientWidth + tolerance) continue;
    if (scrollsSideways(style)) {
      if (element.tabIndex < 0) problems.push(`scrolls sideways without keyboard access: ${describe(element)}`);
      continue;
    }
    if (insideScroller(element) || iconOnlyByDesign(element)) continue;
    const text = textOutside(element);
    if (text !== null) overflowing.push([element, text]);
  }
  // The innermost element is where the text overflows; its ancestors only report it again.
  for (const [element, text] of overflowing) {
    if (!overflowing.some(([other]) => other !== element && element.contains(other))) {
      problems.push(`text out of its box (« ${text} »): ${describe(element)}`);
    }
  }
  const canvas = document.createElement("canvas").getContext("2d");
  for (const select of document.querySelectorAll("select")) {
    const option = select.options[select.selectedIndex];
    if (!option || unseen(select)) continue;
    const style = getComputedStyle(select);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const label = option.text.trim();
    if (canvas.measureText(label).width > room + tolerance) {
      problems.push(`drop-down list too narrow for its option « ${label} »: ${describe(select)}`);
    }
  }
  return problems;
}"""
