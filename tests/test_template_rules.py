"""Rules every template keeps, read from the templates themselves (the browser sweep, tests/e2e/test_a11y_sweep.py,
checks the pages they make): what a rule here catches never reaches a page."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.html_parsing import Page

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def is_site_page(path: Path) -> bool:
    """Our DSFR pages and their fragments: not e-mails, not the Django admin's pages (its own markup)."""
    return (
        path.relative_to(TEMPLATES).parts[0] not in {"emails", "admin"}
        and '{% extends "admin/' not in path.read_text()
    )


PAGE_TEMPLATES = sorted(path for path in TEMPLATES.rglob("*.html") if is_site_page(path))
# The one template that writes a <table>: the `table` tag's (eig/templatetags/eig_tags.py).
TABLE_TEMPLATE = TEMPLATES / "_partials" / "table.html"
# The one template that writes a badge: django-dsfr's, with an id and a title (templates/dsfr/badge.html).
BADGE_TEMPLATE = TEMPLATES / "dsfr" / "badge.html"
# The templates that write an alert or a callout: the `alert` and `callout` tags' (eig/templatetags/eig_tags.py).
COMPONENT_TEMPLATES = {TEMPLATES / "_partials" / "alert.html", TEMPLATES / "_partials" / "callout.html"}
# Pages still writing their alerts and callouts by hand (the multi-step forms, the review pages), moved onto the
# tags with the rest of their rework: this list only shrinks.
HAND_WRITTEN_ALERTS = {
    TEMPLATES / name
    for name in (
        "_partials/multistep/_deadline.html",
        "_partials/multistep/recap.html",
        "_partials/multistep/step.html",
        "applications/review/application.html",
        "applications/review/queue.html",
        "applications/review/ranking.html",
        "challenges/agent/_fieldsets.html",
        "challenges/agent/_step_positions.html",
        "applications/review/scope_page.html",
        "cohorts/scorecard_page.html",
    )
}


def template_id(path: Path) -> str:
    return str(path.relative_to(TEMPLATES))


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=template_id)
def test_buttons_with_an_icon_show_their_text(path):
    """In a DSFR button group, a button with an icon shows its icon alone (its text clipped) unless the group
    says where the icon goes (`fr-btns-group--icon-left` or `--icon-right`)."""
    page = Page(path.read_text())
    groups = [element for element in page.elements if "fr-btns-group" in element.classes]

    icon_only = [
        button.text
        for group in groups
        if not {"fr-btns-group--icon-left", "fr-btns-group--icon-right"} & set(group.classes)
        for button in page.find_all(css_class="fr-btn", inside=group)
        if any(name.startswith("fr-icon-") for name in button.classes)
    ]

    assert icon_only == []


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=template_id)
def test_tables_go_through_the_table_tag(path):
    """Every table is drawn by `{% table %}`: it wraps long texts, and a table too wide for a phone scrolls in a
    region reachable with the keyboard instead of widening the page."""
    tables = Page(path.read_text()).find_all("table")

    assert len(tables) == (1 if path == TABLE_TEMPLATE else 0)


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=template_id)
def test_badges_go_through_the_badge_tags(path):
    """Every badge is drawn by `{% status_badge %}` (a status, in the colour declared next to its enum, eig/badges.py)
    or `{% badge %}`: no page writes a badge's markup or picks a badge colour class itself."""
    badge_classes = re.findall(r"fr-badge(?!s-group)[\w-]*", path.read_text())

    assert badge_classes == ([] if path != BADGE_TEMPLATE else ["fr-badge"])


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=template_id)
def test_alerts_and_callouts_go_through_their_tags(path):
    """Alerts and callouts are django-dsfr's (`dsfr_alert`, `dsfr_callout`) or, when their body holds more than one
    paragraph of text, ours (`{% alert %}`, `{% callout %}`): one markup for each."""
    components = re.findall(r'class="fr-(?:alert|callout)[\s"{]', path.read_text())

    assert (len(components) > 0) == (path in COMPONENT_TEMPLATES or path in HAND_WRITTEN_ALERTS)


def test_the_list_of_hand_written_alerts_names_existing_templates():
    assert sorted(str(path) for path in HAND_WRITTEN_ALERTS if not path.exists()) == []
