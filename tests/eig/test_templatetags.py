import datetime as dt

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from eig.templatetags.eig_tags import allauth_colour, file_size, paris_datetime
from tests.html_parsing import Page


def test_paris_datetime_converts_from_utc_and_names_the_zone():
    # 21:59 UTC in April is 23:59 in Paris (summer time).
    value = dt.datetime(2022, 4, 19, 21, 59, tzinfo=dt.UTC)

    with translation.override("fr"):
        assert paris_datetime(value) == "19 avril 2022 à 23:59 (heure de Paris)"


def test_paris_datetime_in_winter():
    value = dt.datetime(2022, 1, 24, 8, 0, tzinfo=dt.UTC)

    with translation.override("fr"):
        assert paris_datetime(value) == "24 janvier 2022 à 09:00 (heure de Paris)"


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (None, ""),
        (1, "1\xa0octet"),
        (900, "900\xa0octets"),
        (2048, "2\xa0ko"),
        (5 * 1024 * 1024, "5\xa0Mo"),
        (int(1.5 * 1024 * 1024), "1,5\xa0Mo"),
        (3 * 1024**3, "3\xa0Go"),
    ],
)
def test_file_size_in_the_units_french_readers_know(size, shown):
    with translation.override("fr"):
        assert file_size(size) == shown


def render_table(source: str, **context) -> Page:
    return Page(Template("{% load eig_tags %}" + source).render(Context(context)))


def test_table_tag_draws_a_dsfr_table_that_scrolls_in_a_keyboard_region_named_by_its_caption():
    page = render_table(
        '{% table caption=caption id="my-challenges" %}<tbody><tr><td>{{ name }}</td></tr></tbody>{% endtable %}',
        caption="Les défis que vous portez",
        name="<Lab Santé>",
    )

    [table] = page.find_all("div", id="my-challenges")
    assert table.classes == ["fr-table", "fr-table--multiline"]
    [region] = page.find_all("div", css_class="fr-table__container", inside=table)
    assert (region.attrs["tabindex"], region.attrs["role"], region.attrs["aria-labelledby"]) == (
        "0",
        "region",
        "my-challenges-caption",
    )
    assert page.texts("caption", id="my-challenges-caption") == ["Les défis que vous portez"]
    # The rows are the block's, escaped as any template variable.
    assert page.texts("td", inside=region) == ["<Lab Santé>"]
    assert [element.tag for element in page.find_all(inside=region)] == [
        "div",
        "table",
        "caption",
        "tbody",
        "tr",
        "td",
    ]


def test_table_tag_without_id_gets_one_of_its_own_and_takes_extra_classes():
    page = render_table(
        '{% table caption="Étapes" extra_classes="fr-table--no-caption" %}{% endtable %}'
        '{% table caption="Étapes" %}{% endtable %}'
    )

    tables = page.find_all(css_class="fr-table")
    assert [table.classes for table in tables] == [
        ["fr-table", "fr-table--multiline", "fr-table--no-caption"],
        ["fr-table", "fr-table--multiline"],
    ]
    ids = [table.attrs["id"] for table in tables]
    assert len(set(ids)) == 2
    assert [region.attrs["aria-labelledby"] for region in page.find_all(css_class="fr-table__container")] == [
        f"{table_id}-caption" for table_id in ids
    ]


def test_table_tag_requires_a_caption():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load eig_tags %}{% table id="x" %}{% endtable %}')


def test_alert_tag_draws_a_dsfr_alert_around_its_block():
    page = render_table(
        '{% alert type="error" title=title heading_tag="h2" id="save-errors" role="alert" small=True '
        'extra_classes="fr-mb-4w" %}<ul><li>{{ error }}</li></ul>{% endalert %}',
        title="Vos vœux ne sont pas enregistrés",
        error="<Rang> manquant",
    )

    [alert] = page.find_all("div")
    assert (alert.classes, alert.attrs["id"], alert.attrs["role"]) == (
        ["fr-alert", "fr-alert--error", "fr-alert--sm", "fr-mb-4w"],
        "save-errors",
        "alert",
    )
    assert page.texts("h2", css_class="fr-alert__title", inside=alert) == ["Vos vœux ne sont pas enregistrés"]
    assert page.texts("li", inside=alert) == ["<Rang> manquant"]


def test_alert_tag_as_an_error_summary_is_focusable_and_named_by_its_title():
    page = render_table(
        '{% alert type="error" title="2 erreurs" heading_tag="h2" title_id="t" id="s" summary=True %}{% endalert %}'
    )

    [alert] = page.find_all("div")
    assert (
        alert.classes,
        alert.attrs["tabindex"],
        alert.attrs["aria-labelledby"],
        "data-error-summary" in alert.attrs,
    ) == (
        ["fr-alert", "fr-alert--error"],
        "-1",
        "t",
        True,
    )
    assert "role" not in alert.attrs
    assert page.texts("h2", id="t") == ["2 erreurs"]


def test_alert_tag_requires_a_type():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load eig_tags %}{% alert title="x" %}{% endalert %}')


def test_callout_tag_draws_a_title_a_text_and_its_block():
    page = render_table(
        '{% callout title="Prochaine étape" heading_tag="h3" text=text id="next-step" extra_classes="fr-mt-4w" %}'
        '<a class="fr-btn" href="/">Compléter</a>{% endcallout %}',
        text="Complétez <votre> candidature.",
    )

    [callout] = page.find_all("div")
    assert (callout.classes, callout.attrs["id"]) == (["fr-callout", "fr-mt-4w"], "next-step")
    assert [(element.tag, element.classes, element.text) for element in page.find_all(inside=callout)] == [
        ("h3", ["fr-callout__title"], "Prochaine étape"),
        ("p", ["fr-callout__text"], "Complétez <votre> candidature."),
        ("a", ["fr-btn"], "Compléter"),
    ]


def test_callout_tag_as_a_section_named_by_its_title():
    page = render_table(
        '{% callout element="section" title="Aperçu" heading_tag="h2" title_id="apercu-title" %}{% endcallout %}'
    )

    [section] = page.find_all("section")
    assert (section.classes, section.attrs["aria-labelledby"], page.texts("h2", id="apercu-title")) == (
        ["fr-callout"],
        "apercu-title",
        ["Aperçu"],
    )


@pytest.mark.parametrize(
    ("tags", "colour"),
    [
        (["success", "email", "verified"], "success"),
        (["mfa", "key", "primary"], "info"),
        (["danger"], "error"),
        (["session", "current"], ""),
    ],
)
def test_allauth_elements_take_the_dsfr_colour_their_tags_name(tags, colour):
    assert allauth_colour(tags) == colour
