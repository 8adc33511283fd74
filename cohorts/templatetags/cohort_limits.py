"""The programme's limits (cohorts.limits) in templates, e-mails included:
`{% load cohort_limits %}{% programme_limits as limits %}` then `{{ limits.MAX_WISHES }}`."""

from django import template

from cohorts import limits as programme

register = template.Library()


@register.simple_tag
def programme_limits() -> dict:
    """Every limit by its constant's name, and WISHES_RANGE as a sentence says it (« de 3 à 5 »)."""
    values = {name: value for name, value in vars(programme).items() if name.isupper()}
    values["WISHES_RANGE"] = programme.range_text(programme.MIN_WISHES, programme.MAX_WISHES)
    return values
