"""The staff dashboard of the demo data's cohort in Chromium: programme staff sign in with their second
factor and see the funnel as SVG bars as wide as the numbers of the table beside them; a number of the
table leads to the admin list of exactly as many rows, and so does each item of « À traiter maintenant »
(EIG 9, in its auditions); no WCAG 2.1 A/AA violation and nothing out of its
box at 375 px and 1280 px; nothing inline, nothing the Content-Security-Policy blocks."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from cohorts.models import Cohort
from eig.management.commands.seed_demo import seed_demo
from tests.e2e.helpers import WIDTHS, assert_no_axe_violation, layout_problems, log_in_with_totp, watch_csp
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.e2e

STAFF_EMAIL = "pilote@example.org"
TITLE = "Tableau de bord de la promotion EIG 8"
# What the browser saw of the policy: the `securitypolicyviolation` events, recorded from the first byte.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
# Anything inline in the DOM: a script without a source, a style element, an event handler attribute. (The
# DSFR's script sets custom properties through the CSSOM, which the policy allows: the style attributes it
# leaves in the DOM are checked in the HTML the server sent instead.)
INLINE_CONTENT = """() => {
  const found = [];
  for (const script of document.querySelectorAll("script:not([src])")) found.push(`script ${script.type}`);
  for (const element of document.querySelectorAll("style")) found.push("style");
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on")) found.push(`${element.tagName.toLowerCase()} ${attribute.name}`);
    }
  }
  return found;
}"""


class InlineFinder(HTMLParser):
    """The inline scripts, styles and event handlers of an HTML document, as the server sent it."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "style" or (tag == "script" and "src" not in names):
            self.found.append(tag)
        self.found += [f"{tag} {name}" for name in names if name == "style" or name.startswith("on")]


def inline_in_html(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


@pytest.fixture
def demo_cohort(site_url) -> Cohort:
    seed_demo(now=timezone.now())
    UserFactory(superuser=True, email=STAFF_EMAIL)
    return Cohort.objects.get(number=8)


def open_dashboard(page: Page, site_url: str, cohort: Cohort) -> None:
    log_in_with_totp(page, site_url, STAFF_EMAIL)
    page.goto(site_url + reverse("figures:dashboard", args=[cohort.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def table_counts(page: Page, table_id: str) -> dict[str, list[int]]:
    """Each row of the table: its header, then its numbers (the cells that hold one)."""
    rows = page.locator(f"#{table_id} tbody tr").evaluate_all(
        """rows => rows.map(row => [row.querySelector("th").innerText.trim(),
            [...row.querySelectorAll("td")].map(cell => cell.innerText.trim())])"""
    )
    return {label: [int(cell.split()[0]) for cell in cells if re.match(r"^\d+", cell)] for label, cells in rows}


def chart_rects(page: Page, chart: str) -> list[list[list[str]]]:
    """The (x, width) of the rectangles of each bar of the chart whose caption is `chart`."""
    figure = page.locator("figure.eig-chart", has=page.get_by_text(chart, exact=True))
    return figure.locator("svg.eig-chart__bar").evaluate_all(
        """bars => bars.map(bar => [...bar.querySelectorAll("rect")].map(
            rect => [rect.getAttribute("x"), rect.getAttribute("width")]))"""
    )


def test_dashboard_shows_the_funnel_as_charts_as_wide_as_its_tables(new_page, site_url, demo_cohort):
    page = new_page(axe=False)
    open_dashboard(page, site_url, demo_cohort)

    totals = {label: numbers[0] for label, numbers in table_counts(page, "funnel-applications").items()}
    assert totals == {
        "Brouillons": 0,
        "Déposées": 17,
        "Présélectionnées": 15,
        "Auditionnées": 15,
        "Lauréates": 9,
        "Entrepreneur·es de la promotion": 4,
    }
    # The funnel: one centred rectangle per stage, as wide as its count against the largest.
    assert chart_rects(page, "Les candidatures, étape par étape") == [
        [["50.00", "0.00"]],
        [["0.00", "100.00"]],
        [["5.88", "88.24"]],
        [["5.88", "88.24"]],
        [["23.53", "52.94"]],
        [["38.24", "23.53"]],
    ]
    # By profile: one rectangle per profile that has applications at that stage, end to end, as wide as the
    # numbers of the profiles' table.
    by_profile = table_counts(page, "funnel-profiles")
    rects = chart_rects(page, "Les candidatures par profil")
    largest = max(totals.values())
    for (label, counts), bar in zip(list(by_profile.items())[1:], rects, strict=True):
        # The first number is the row's total, then one per profile.
        widths = [f"{count * 100 / largest:.2f}" for count in counts[1:] if count]
        assert [width for _x, width in bar] == widths, label
    assert sum(len(bar) for bar in rects) == sum(
        1 for counts in list(by_profile.values())[1:] for n in counts[1:] if n
    )
    expect(page.get_by_role("table", name="Les candidatures par étape et par ancienneté")).to_be_visible()
    expect(page.get_by_role("link", name="Télécharger l'entonnoir (CSV)")).to_be_visible()


def test_a_count_of_the_table_is_the_count_of_its_admin_list(new_page, site_url, demo_cohort):
    page = new_page(axe=False)
    open_dashboard(page, site_url, demo_cohort)
    laureates = page.locator("#funnel-applications tbody tr", has=page.get_by_text("Lauréates", exact=True))
    expect(laureates.get_by_role("link")).to_have_text("9")

    laureates.get_by_role("link").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sélectionnez l’objet candidature à changer")
    expect(page.locator("#result_list tbody tr")).to_have_count(9)
    expect(page.locator("p.paginator")).to_contain_text("9 candidatures")


@pytest.mark.parametrize("width", WIDTHS)
def test_dashboard_is_accessible_and_fits(new_page, site_url, demo_cohort, width):
    page = new_page(axe=True)
    page.set_viewport_size(WIDTHS[width])
    open_dashboard(page, site_url, demo_cohort)

    assert_no_axe_violation(page)
    assert layout_problems(page) == []


def test_dashboard_has_nothing_inline_and_nothing_the_policy_blocks(new_page, site_url, demo_cohort):
    page = new_page(axe=False)
    console_violations = watch_csp(page)
    page.add_init_script(RECORD_VIOLATIONS)
    open_dashboard(page, site_url, demo_cohort)
    page.wait_for_load_state("load")

    assert page.evaluate(INLINE_CONTENT) == []
    sent = page.request.get(site_url + reverse("figures:dashboard", args=[demo_cohort.pk]))
    assert (sent.status, inline_in_html(sent.text())) == (200, [])
    assert page.evaluate("window.cspViolations") == []
    assert console_violations == []


def test_each_item_needing_attention_leads_to_the_list_of_exactly_those(new_page, site_url, demo_cohort):
    """EIG 9, in its auditions: what the demo leaves to do, each item clicked through to its admin list."""
    page = new_page(axe=True)
    log_in_with_totp(page, site_url, STAFF_EMAIL)
    dashboard = site_url + reverse("figures:dashboard", args=[Cohort.objects.get(number=9).pk])
    page.goto(dashboard)
    items = page.locator("#a-traiter-liste a")
    labels = items.all_inner_texts()
    assert labels == ["3 auditions sans créneau confirmé", "5 auditions passées dont des grilles manquent"]
    page.set_viewport_size(WIDTHS["375px"])
    assert_no_axe_violation(page)
    assert layout_problems(page) == []

    listed = []
    for label in labels:
        page.goto(dashboard)
        page.get_by_role("link", name=label).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Sélectionnez l’objet audition à changer")
        listed.append(page.locator("#result_list tbody tr").count())

    assert listed == [int(label.split()[0]) for label in labels]
