"""Every date-time of every admin is in Paris time and says so: typed with a labelled date and Paris time
(eig/forms_datetime.py), shown read-only and in lists with « (heure de Paris) » (eig/formats/)."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.admin.utils import display_for_field
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from challenges.models import Challenge
from eig.forms_datetime import ParisDateTimeField, ParisSplitDateTimeWidget
from tests.challenges.factories import ChallengeFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


def editable_datetime_fields():
    """(admin, model field) for every DateTimeField an admin (or one of its inlines) may put in a form."""
    request = RequestFactory().get("/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    for model_admin in admin.site._registry.values():
        admins = [model_admin, *model_admin.get_inline_instances(request)]
        for each in admins:
            for field in each.model._meta.get_fields():
                if isinstance(field, models.DateTimeField) and field.editable:
                    yield pytest.param(each, field, request, id=f"{type(each).__name__}.{field.name}")


@pytest.mark.parametrize(("model_admin", "field", "request_"), list(editable_datetime_fields()))
def test_every_admin_types_date_times_in_paris_time(model_admin, field, request_):
    form_field = model_admin.formfield_for_dbfield(field, request_)

    assert isinstance(form_field, ParisDateTimeField)
    assert isinstance(form_field.widget, ParisSplitDateTimeWidget)


def test_read_only_date_times_say_paris_time_in_french_and_english():
    value = dt.datetime(2027, 4, 19, 21, 59, tzinfo=dt.UTC)
    field = Challenge._meta.get_field("submitted_at")

    with translation.override("fr"):
        french = display_for_field(value, field, "—")
    with translation.override("en"):
        english = display_for_field(value, field, "—")

    assert (french, english) == ("19 avril 2027 à 23:59 (heure de Paris)", "April 19, 2027, 23:59 (Paris time)")


def test_challenge_admin_page_shows_its_submission_date_in_paris_time(client):
    challenge = ChallengeFactory(submitted=True, submitted_at=dt.datetime(2027, 3, 18, 22, 59, tzinfo=dt.UTC))
    client.force_login(UserFactory(superuser=True))

    response = client.get(reverse("admin:challenges_challenge_change", args=[challenge.pk]))

    page = Page(response.content.decode())
    [row] = page.find_all("div", css_class="field-submitted_at")
    assert page.texts("div", css_class="readonly", inside=row) == ["18 mars 2027 à 23:59 (heure de Paris)"]
