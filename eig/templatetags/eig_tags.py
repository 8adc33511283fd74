import secrets

from django import template
from django.template.base import token_kwargs
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.html import avoid_wrapping
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from dsfr.templatetags.dsfr_tags import dsfr_badge

from eig.badges import label_and_colour
from eig.dates import paris_date, paris_datetime

register = template.Library()

register.filter("paris_datetime", paris_datetime)
register.filter("paris_date", paris_date)


@register.filter
def file_size(value: int | None) -> str:
    """A file size in the units French readers know (octets, ko, Mo, Go; multiples of 1,024, as their
    systems count), one decimal at most and unbroken: « 5 Mo », « 1,5 Mo ». (Django's filesizeformat
    says « Mio », which nobody reads.)"""
    if value is None:
        return ""
    if value < 1024:
        return avoid_wrapping(ngettext("%(size)s octet", "%(size)s octets", value) % {"size": value})
    units = [_("%(size)s ko"), _("%(size)s Mo"), _("%(size)s Go")]
    size, unit = value / 1024, 0
    while size >= 1024 and unit < len(units) - 1:
        size, unit = size / 1024, unit + 1
    rounded = round(size, 1)
    number = formats.number_format(rounded, decimal_pos=0 if rounded == int(rounded) else 1)
    return avoid_wrapping(units[unit] % {"size": number})


@register.simple_tag
def badge(
    label: str, colour: str = "", small: bool = True, id: str = "", title: str = "", inline: bool = False
) -> str:
    """A DSFR badge, through django-dsfr's badge (its template, templates/dsfr/badge.html, also takes an id, a
    title and `inline` for a <span> where a paragraph may not stand): `colour` is one of eig.badges.COLOURS.

        {% badge _("Évalué") "success" %}  {% badge _("Désaccord") "warning" small=False %}"""
    classes = ["fr-badge--sm"] if small else []
    if colour:
        classes.append(f"fr-badge--{colour}")
    tag_data = dsfr_badge(label=label, extra_classes=" ".join(classes))["self"]
    return render_to_string("dsfr/badge.html", {"self": {**tag_data, "id": id, "title": title, "inline": inline}})


# allauth's element tags ("warning,email,unverified") that name a DSFR colour, the first found winning.
ALLAUTH_COLOURS = {
    "danger": "error",
    "error": "error",
    "warning": "warning",
    "success": "success",
    "primary": "info",
    "info": "info",
}


@register.filter
def allauth_colour(tags: list[str] | None, default: str = "") -> str:
    """The DSFR colour of an allauth element (its alerts and badges) from its tags (a list, allauth splits them)."""
    return next((colour for tag, colour in ALLAUTH_COLOURS.items() if tag in (tags or ())), default)


@register.simple_tag
def status_badge(value, field: str = "status", label: str = "", **options) -> str:
    """A status as a badge of its declared colour (eig/badges.py); `badge`'s options apply:

        {% status_badge challenge %}  {% status_badge challenge "derogation_status" %}  {% status_badge row.state %}
        {% status_badge application small=False id="application-status" %}

    `value` is a model instance (its `field`) or a status enum member; `label` replaces the status's own."""
    status_label, colour = label_and_colour(value, field)
    return badge(label or status_label, colour, **options)


class ComponentNode(template.Node):
    """A DSFR component whose body is written in the template, between `{% <name> … %}` and `{% end<name> %}`:
    templates/_partials/<name>.html draws its options, its `body` and a `uid` (a fresh id, for the ids its markup
    needs)."""

    def __init__(self, name: str, nodelist, options):
        self.name = name
        self.nodelist = nodelist
        self.options = options

    def render(self, context):
        return render_to_string(
            f"_partials/{self.name}.html",
            {
                **{name: value.resolve(context) for name, value in self.options.items()},
                "uid": f"{self.name}-{secrets.token_hex(4)}",
                # The block is template markup, rendered (and its variables escaped) by the engine.
                "body": mark_safe(self.nodelist.render(context)),
            },
        )


def component(name: str, usage: str, required: tuple[str, ...] = ()):
    """Registers the block tag `{% name option=… %}…{% endname %}`, drawn by templates/_partials/<name>.html."""

    def compile_component(parser, token):
        bits = token.split_contents()
        options = token_kwargs(bits[1:], parser)
        if len(options) != len(bits) - 1 or not set(required) <= set(options):
            raise template.TemplateSyntaxError(f"Usage: {{% {name} {usage} %}}…{{% end{name} %}}")
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return ComponentNode(name, nodelist, options)

    register.tag(name, compile_component)


# A table in the DSFR's table markup, its rows written in the block:
#
#     {% table caption=_("Les défis que vous portez") id="my-challenges" %}
#       <thead>…</thead><tbody>…</tbody>
#     {% endtable %}
#
# Long texts wrap in their cells (`fr-table--multiline`); a table still too wide for the screen (many columns, an
# e-mail address) scrolls inside its own container, never the page. That container is a region named by the
# caption, reachable with the keyboard (WCAG 2.1.1), and it holds whatever is positioned inside it (a
# screen-reader-only text, say) so that nothing escapes it to widen the page. `caption` is required;
# `extra_classes` adds DSFR table classes (`fr-table--no-caption` hides it). django-dsfr's own `dsfr_table` takes
# its cells as strings (no row headers, no links or badges in a cell, no focusable region).
component("table", 'caption=… [id="…"] [extra_classes="…"]', required=("caption",))

# A DSFR alert whose body holds more than django-dsfr's `dsfr_alert` can (which puts its content in one
# paragraph and always adds role="alert"): paragraphs, a list, links.
#
#     {% alert type="error" title=_("Vos vœux ne sont pas enregistrés") heading_tag="h2" id="save-errors" %}
#       <p>…</p><ul>…</ul>
#     {% endalert %}
#
# `type` is info, success, warning or error; `small=True` for the small alert; `title_id` names the alert by its
# title (aria-labelledby); `summary=True` makes it the form's error summary, which static/js/error-summary.js
# focuses (tabindex="-1", data-error-summary).
component(
    "alert", 'type="…" [title=… heading_tag="h2"] [id="…"] [role="alert"] [small=True] [extra_classes="…"]', ("type",)
)

# A DSFR callout whose body holds more than django-dsfr's `dsfr_callout` can (one paragraph, no id): `text` is
# its first paragraph, the block adds what follows (a list, a link, a button). `title_id` names it by its title;
# `element="section"` makes it a region of the page.
#
#     {% callout title=_("Prochaine étape") heading_tag="h3" text=next_step.text id="next-step" %}{% endcallout %}
component("callout", '[title=… heading_tag="h2" title_classes="…" title_id="…"] [text=…] [id="…"] [extra_classes="…"]')
