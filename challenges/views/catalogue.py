"""The public catalogue: the current cohort's challenges once revealed, each challenge's page, and
the archive of past cohorts. Open to everyone; what is public is decided by challenges.selectors."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.forms_catalogue import ArchiveFilterForm, CatalogueFilterForm
from challenges.models import ContactKind
from challenges.selectors import (
    catalogue_administrations,
    catalogue_cities,
    challenge_public_get,
    challenges_archive,
    challenges_catalogue,
    cohorts_in_archive,
    profiles_sought,
)
from cohorts.selectors import cohort_current
from cohorts.windows import Step
from eig.cities import city_group_of
from eig.pagination import paginate

CATALOGUE_PAGE_SIZE = 12
ARCHIVE_PAGE_SIZE = 24


def cards(page) -> list[dict]:
    return [{"challenge": challenge, "profiles": profiles_sought(challenge)} for challenge in page]


def catalogue_list(request):
    """The current cohort's public challenges, searched and filtered from the query string."""
    now = timezone.now()
    cohort = cohort_current(now=now)
    cities = catalogue_cities(cohort=cohort, now=now)
    form = CatalogueFilterForm(
        request.GET or None,
        cities=cities,
        administrations=catalogue_administrations(cohort=cohort, now=now),
    )
    criteria = form.criteria()
    challenges = challenges_catalogue(
        cohort=cohort,
        now=now,
        search=criteria.get("q", ""),
        profile=criteria.get("profile", ""),
        city=city_group_of(criteria["city"], cities) if "city" in criteria else None,
        administration=criteria.get("administration"),
    )
    if criteria.get("q"):
        # Ranked in one query: the paginator then counts and slices the list without searching again.
        challenges = list(challenges)
    page = paginate(request, challenges, CATALOGUE_PAGE_SIZE)
    return render(
        request,
        "challenges/catalogue/list.html",
        {
            "cohort": cohort,
            "revealed": cohort is not None and cohort.window(Step.WISHES).has_opened(now),
            "form": form,
            "is_filtered": bool(criteria),
            "page_obj": page,
            "cards": cards(page),
        },
    )


def catalogue_detail(request, pk: int):
    """A public challenge: everything a candidate needs, never its contacts' e-mails or phones."""
    now = timezone.now()
    challenge = challenge_public_get(pk=pk, now=now)
    if challenge is None:
        raise Http404(_("Ce défi n'existe pas ou n'est pas public."))
    current = cohort_current(now=now)
    links = [{"url": reverse("catalogue:list"), "title": _("Les défis")}]
    if current is None or challenge.cohort_id != current.pk:
        links.append({"url": reverse("catalogue:archive"), "title": _("Archives")})
    contacts = challenge.public_contacts
    return render(
        request,
        "challenges/catalogue/detail.html",
        {
            "challenge": challenge,
            "profiles": profiles_sought(challenge),
            "positions": challenge.positions.all(),
            "sponsors": [contact for contact in contacts if contact.kind == ContactKind.SPONSOR],
            "project_leads": [contact for contact in contacts if contact.kind == ContactKind.PROJECT_LEAD],
            "breadcrumb_data": {"links": links, "current": challenge.name},
        },
    )


def catalogue_archive(request):
    """Past cohorts' public challenges, one section per cohort, optionally one cohort only."""
    now = timezone.now()
    current = cohort_current(now=now)
    form = ArchiveFilterForm(request.GET or None, cohorts=cohorts_in_archive(now=now, current=current))
    challenges = challenges_archive(now=now, current=current, cohort=form.criteria().get("cohort"))
    page = paginate(request, challenges, ARCHIVE_PAGE_SIZE)
    return render(
        request,
        "challenges/catalogue/archive.html",
        {
            "form": form,
            "page_obj": page,
            "cards": cards(page),
            "breadcrumb_data": {
                "links": [{"url": reverse("catalogue:list"), "title": _("Les défis")}],
                "current": _("Archives"),
            },
        },
    )
