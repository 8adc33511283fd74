import secrets

from django import template
from django.template.base import token_kwargs
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.html import avoid_wrapping
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


@register.tag("table")
def do_table(parser, token):
    """A table in the DSFR's table markup, its rows written in the block:

        {% table caption=_("Les défis que vous portez") id="my-challenges" %}
          <thead>…</thead><tbody>…</tbody>
        {% endtable %}

    Long texts wrap in their cells (`fr-table--multiline`); a table still too wide for the screen (many
    columns, an e-mail address) scrolls inside its own container, never the page. That container is a
    region named by the caption, reachable with the keyboard (WCAG 2.1.1), and it holds whatever is
    positioned inside it (a screen-reader-only text, say) so that nothing escapes it to widen the page.
    `caption` is required; `extra_classes` adds DSFR table classes (`fr-table--no-caption` hides it).
    django-dsfr's own `dsfr_table` takes its cells as strings (no row headers, no links or badges in a
    cell, no focusable region): this tag writes the same markup around rows written in the template."""
    bits = token.split_contents()
    options = token_kwargs(bits[1:], parser)
    if len(options) != len(bits) - 1 or "caption" not in options:
        raise template.TemplateSyntaxError(f'Usage: {{% {bits[0]} caption=… [id="…"] [extra_classes="…"] %}}')
    nodelist = parser.parse(("endtable",))
    parser.delete_first_token()
    return TableNode(nodelist, options)


class TableNode(template.Node):
    def __init__(self, nodelist, options):
        self.nodelist = nodelist
        self.options = options

    def render(self, context):
        options = {name: value.resolve(context) for name, value in self.options.items()}
        table_id = options.get("id") or f"table-{secrets.token_hex(4)}"
        return render_to_string(
            "_partials/table.html",
            {
                "id": table_id,
                "caption": options["caption"],
                "extra_classes": options.get("extra_classes", ""),
                # The block is template markup, rendered (and its variables escaped) by the engine.
                "rows": mark_safe(self.nodelist.render(context)),
            },
        )
