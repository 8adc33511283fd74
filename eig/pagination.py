"""One page of a long list, for templates/_partials/pagination.html (the one pagination of the site)."""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int) -> Page:
    """The page `?page=` asks for (the last one when past the end, the first when not a number), with
    `pages_list`: its elided page range (1 … 4 5 6 7 8 … 20), which the pagination partial draws."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.pages_list = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page
