"""Admin list filters of one choice: the rows that meet a condition defined by the app that owns the model
(the staff dashboard links each of its « À traiter maintenant » counts to one of them)."""

from collections.abc import Callable

from django.contrib import admin
from django.db.models import QuerySet


def condition_filter(
    *, title, parameter: str, value: str, label, apply: Callable[[QuerySet], QuerySet]
) -> type[admin.SimpleListFilter]:
    """A `SimpleListFilter` whose one choice `?<parameter>=<value>` (shown as `label`) keeps the rows of
    `apply(queryset)`; any other value leaves the list as it is."""

    def lookups(self, request, model_admin):
        return [(value, label)]

    def queryset(self, request, queryset):
        return apply(queryset) if self.value() == value else queryset

    return type(
        f"{parameter.title()}ConditionFilter",
        (admin.SimpleListFilter,),
        {"title": title, "parameter_name": parameter, "lookups": lookups, "queryset": queryset},
    )
