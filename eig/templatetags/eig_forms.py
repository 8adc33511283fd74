"""Helpers for the crispy-forms "dsfr" template pack (templates/dsfr/).

The pack never writes a field's markup itself: it prepares the bound field here, then hands it to
django-dsfr's own snippet (`field.as_field_group`).
"""

from django import template
from django.utils.translation import gettext as _
from dsfr.utils import dsfr_input_class_attr

register = template.Library()


def _merge_classes(*class_strings: str) -> str:
    """Space-separated classes in first-seen order, without duplicates."""
    classes: dict[str, None] = {}
    for class_string in class_strings:
        for name in (class_string or "").split():
            classes[name] = None
    return " ".join(classes)


@register.filter
def dsfr_field(bound_field):
    """The bound field with django-dsfr's widget classes (fr-input, fr-select…) and group class.

    django-dsfr only adds its class when the widget has none, so classes given through crispy's
    `Field("name", css_class="…")` are kept and the DSFR class is added in front of them. Applying
    it before the snippet renders also lets the snippet pick the right group (`fr-select-group`).
    """
    if bound_field.is_hidden:
        return bound_field
    widget_attrs = bound_field.field.widget.attrs
    extra_classes = widget_attrs.pop("class", "")
    dsfr_input_class_attr(bound_field)
    merged = _merge_classes(widget_attrs.get("class", ""), extra_classes)
    if merged:
        widget_attrs["class"] = merged
    return bound_field


@register.filter
def dsfr_button_classes(crispy_input) -> str:
    """DSFR classes for a crispy input (Submit, Button, Reset): primary for submit, else secondary.

    crispy's own default classes (Bootstrap's `btn btn-primary`…) are dropped; classes given
    with `css_class` are kept.
    """
    default_classes = type(crispy_input).field_classes.split()
    own_classes = [name for name in crispy_input.field_classes.split() if name not in default_classes]
    variant = "" if crispy_input.input_type == "submit" else "fr-btn--secondary"
    return _merge_classes("fr-btn", variant, " ".join(own_classes))


@register.filter
def dsfr_top_errors(form) -> list:
    """Errors not shown next to a visible field: the form's own, then those of hidden fields."""
    errors = list(form.non_field_errors())
    for field in form.hidden_fields():
        errors.extend(_("%(label)s : %(error)s") % {"label": field.label, "error": error} for error in field.errors)
    return errors


@register.filter
def dsfr_allauth_button_classes(tags) -> str:
    """DSFR classes for an allauth `button` element, from its tags ("prominent", "danger"…)."""
    tags = set(tags or ())
    if tags & {"danger", "delete"}:
        return "fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-delete-line"
    if tags & {"outline", "secondary"}:
        return "fr-btn fr-btn--secondary"
    if tags & {"link", "cancel", "minor"}:
        return "fr-btn fr-btn--tertiary"
    # "prominent", "primary" or no tag at all: the page's main action.
    return "fr-btn"


@register.filter
def dsfr_error_summary(form) -> list[dict]:
    """Every error of the form, for its error summary: first those not shown next to a visible field, then
    each visible field's, labelled with the field and linked to its input (`anchor`: the input's id)."""
    items = [{"message": message, "anchor": ""} for message in dsfr_top_errors(form)]
    for field in form.visible_fields():
        items.extend(
            {
                "message": _("%(label)s : %(error)s") % {"label": field.label, "error": error},
                "anchor": field.id_for_label,
            }
            for error in field.errors
        )
    return items
