"""The dashboard's links lead to admin lists: a link is shown only to those whom that list opens for (its
`ModelAdmin`'s view permission), the count alone otherwise, so that no figure leads to a refusal."""

import dataclasses
import functools
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve


def link_opener(request):
    """A function url -> url, or "" when the admin list at `url` does not open for the request's user
    (one permission check per list, whatever the number of links to it)."""

    @functools.cache
    def viewable(path: str) -> bool:
        try:
            model_admin = getattr(resolve(path).func, "model_admin", None)
        except Resolver404:
            return False
        return model_admin is None or model_admin.has_view_permission(request)

    def opener(url: str) -> str:
        return url if url and viewable(urlsplit(url).path) else ""

    return opener


def with_links(items: list, opener) -> list:
    """Dataclass instances (cells, items) with their `url` kept only when it opens."""
    return [dataclasses.replace(item, url=opener(item.url)) for item in items]


def no_link(url: str) -> str:
    """The opener of a public page: no count leads to the admin."""
    return ""


def funnel_links(funnel, opener):
    """The funnel (figures.funnel.Funnel) with only the links that `opener` keeps."""
    for row in [*funnel.challenges, *funnel.applications]:
        row.total = dataclasses.replace(row.total, url=opener(row.total.url))
        row.by_profile = with_links(row.by_profile, opener)
        row.by_band = with_links(row.by_band, opener)
    return funnel
