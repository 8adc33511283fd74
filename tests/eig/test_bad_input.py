"""No input gives a server error: NUL bytes and values of the wrong type in every admin list, export
and action (every registered ModelAdmin, read from the admin's registry, so a new one is covered at
once), and in a sample of the public and candidate pages. Each gets a 4xx or the admin's own fallback,
with a French message."""

import html

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import AdministrationFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

NUL = "\x00"
NUL_REFUSED = "L'adresse de la page contient un caractère invisible non autorisé (NUL)"
NUL_IN_FIELD = "Le caractère nul n’est pas autorisé."
WRONG_FILTERS = "Les filtres de l'adresse ne sont pas valides : la liste complète est affichée."
WRONG_SELECTION = "Les lignes choisies ne sont pas reconnues : cochez-les dans la liste, puis relancez l'action."
WRONG_EXPORT = "Les filtres de l'adresse ne sont pas valides : rien n'a été exporté. Choisissez-les dans la liste."

reverse("admin:index")  # the URLconf first: it takes django-dsfr's model out of the admin
MODEL_ADMINS = sorted(admin.site._registry.values(), key=lambda model_admin: str(model_admin.opts))


def admin_id(model_admin) -> str:
    return str(model_admin.opts)


def changelist_url(model_admin) -> str:
    return reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist")


@pytest.fixture
def superuser(client):
    """A superuser (every admin, every action), signed in."""
    user = UserFactory(superuser=True)
    client.force_login(user)
    return user


def as_user(user, url: str):
    request = RequestFactory().get(url)
    request.user = user
    return request


def filter_parameters(model_admin, user) -> list[str]:
    """Every query parameter of the list's filters and date hierarchy."""
    changelist = model_admin.get_changelist_instance(as_user(user, changelist_url(model_admin)))
    names = [name for spec in changelist.filter_specs for name in spec.expected_parameters()]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def refused_for_nul(response) -> tuple:
    return response.status_code, NUL_REFUSED in html.unescape(response.content.decode())


@pytest.mark.parametrize("model_admin", MODEL_ADMINS, ids=admin_id)
def test_admin_list_refuses_nul_bytes_in_filters_search_ordering_and_pages(client, superuser, model_admin):
    url = changelist_url(model_admin)
    parameters = ["q", "o", "p", *filter_parameters(model_admin, superuser)]

    outcomes = {name: refused_for_nul(client.get(url, {name: f"a{NUL}b"})) for name in parameters}

    assert outcomes == dict.fromkeys(parameters, (400, True))


@pytest.mark.parametrize("model_admin", MODEL_ADMINS, ids=admin_id)
def test_admin_list_with_values_of_the_wrong_type(client, superuser, model_admin):
    """A page number, an ordering or a filter of the wrong type: the list (Django ignores a bad
    ordering or choice), or the admin's fallback to the whole list, which says why. Never a 5xx."""
    url = changelist_url(model_admin)
    queries = [{"p": "deux"}, {"p": "-1"}, {"p": "99999"}, {"o": "pas-une-colonne"}, {"o": "99"}]
    queries += [{name: value} for name in filter_parameters(model_admin, superuser) for value in ("abc", "2026-13-45")]

    outcomes = []
    for query in queries:
        response = client.get(url, query, follow=True)
        fell_back = response.redirect_chain == [(f"{url}?e=1", 302)]
        outcomes.append((query, response.status_code, messages_of(response) == [WRONG_FILTERS] if fell_back else None))

    assert [outcome for outcome in outcomes if outcome[1:] not in {(200, None), (200, True)}] == []


def date_parameters(model_admin, user) -> list[str]:
    """The list's date filters and date hierarchy, and a date lookup on each date field of the model."""
    names = [
        name
        for name in filter_parameters(model_admin, user)
        if name.endswith(("__gte", "__lt", "__year", "__month", "__day"))
    ]
    date_fields = [field for field in model_admin.model._meta.fields if isinstance(field, models.DateField)]
    return names + [f"{field.name}__gte" for field in date_fields]


@pytest.mark.parametrize("model_admin", MODEL_ADMINS, ids=admin_id)
def test_admin_list_with_a_wrong_date_falls_back_with_a_message(client, superuser, model_admin):
    parameters = date_parameters(model_admin, superuser)
    url = changelist_url(model_admin)

    outcomes = {}
    for name in parameters:
        response = client.get(url, {name: "hier"}, follow=True)
        outcomes[name] = (response.redirect_chain, response.status_code, messages_of(response))

    assert outcomes == dict.fromkeys(parameters, ([(f"{url}?e=1", 302)], 200, [WRONG_FILTERS]))


@pytest.mark.parametrize("model_admin", MODEL_ADMINS, ids=admin_id)
def test_admin_actions_refuse_choices_that_are_not_rows(client, superuser, model_admin):
    url = changelist_url(model_admin)
    actions = list(model_admin.get_actions(as_user(superuser, url)))
    choices = ["abc", "1.5", "", NUL, f"1{NUL}"]

    outcomes = {}
    for action in actions:
        for choice in choices:
            data = {"action": action, ACTION_CHECKBOX_NAME: ["1", choice], "index": "0"}
            response = client.post(url, data, follow=True)
            outcomes[(action, choice)] = (response.redirect_chain, messages_of(response))

    assert outcomes == {
        (action, choice): ([(url, 302)], [WRONG_SELECTION]) for action in actions for choice in choices
    }


EXPORTING_ADMINS = [model_admin for model_admin in MODEL_ADMINS if getattr(model_admin, "list_exports", None)]


def export_urls(model_admin) -> list[str]:
    prefix = f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_export"
    return [reverse(f"{prefix}_{fmt}") for fmt in model_admin.list_exports]


def test_exports_are_those_of_the_challenges_and_the_applications():
    assert [admin_id(model_admin) for model_admin in EXPORTING_ADMINS] == [
        "applications.application",
        "challenges.challenge",
    ]


@pytest.mark.parametrize("model_admin", EXPORTING_ADMINS, ids=admin_id)
def test_exports_refuse_nul_bytes(client, superuser, model_admin):
    parameters = ["q", "o", *filter_parameters(model_admin, superuser)]

    outcomes = {
        (url, name): refused_for_nul(client.get(url, {name: NUL}))
        for url in export_urls(model_admin)
        for name in parameters
    }

    assert outcomes == {(url, name): (400, True) for url in export_urls(model_admin) for name in parameters}


@pytest.mark.parametrize("model_admin", EXPORTING_ADMINS, ids=admin_id)
def test_exports_with_a_wrong_filter_go_back_to_the_list_with_a_message(client, superuser, model_admin):
    outcomes = {}
    for url in export_urls(model_admin):
        response = client.get(url, {"submitted_at__gte": "hier"}, follow=True)
        outcomes[url] = (response.redirect_chain, messages_of(response))

    assert outcomes == dict.fromkeys(export_urls(model_admin), ([(changelist_url(model_admin), 302)], [WRONG_EXPORT]))


@pytest.mark.parametrize("model_admin", MODEL_ADMINS, ids=admin_id)
def test_admin_object_pages_with_an_id_that_is_not_one(client, superuser, model_admin):
    """Django's admin sends a wrong id back to the admin's index, saying so in French (a read-only
    admin refuses its delete page first); a NUL byte in it is refused."""
    prefix = f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}"
    views = ["change", "history"]
    if model_admin.has_delete_permission(as_user(superuser, "/")):
        views.append("delete")

    outcomes = {}
    for view in views:
        wrong = client.get(reverse(f"{prefix}_{view}", args=["pas-un-identifiant"]), follow=True)
        with_nul = client.get(reverse(f"{prefix}_{view}", args=[f"1{NUL}"]))
        said = [message.endswith("n’existe pas. Peut-être a-t-il été supprimé\xa0?") for message in messages_of(wrong)]
        outcomes[view] = (wrong.redirect_chain, said, refused_for_nul(with_nul))

    assert outcomes == dict.fromkeys(views, ([(reverse("admin:index"), 302)], [True], (400, True)))


# --- A sample of the public and candidate pages ------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/defis/?q=sant%C3%A9%00",
        "/defis/?city=%00",
        "/defis/archives/?cohort=%00",
        "/administrations/invitations/jeton%00/",
        "/langue/en/?next=/%00",
        "/comptes/login/?next=%00",
        "/candidature/%00/",
    ],
)
def test_public_pages_refuse_nul_bytes_in_the_address(client, url):
    response = client.get(url)

    assert refused_for_nul(response) == (400, True)
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_the_refusal_page_speaks_the_visitor_language(client):
    response = client.get("/defis/?q=%00", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.context["message"] == (
        "L'adresse de la page contient un caractère invisible non autorisé (NUL) : "
        "retapez-la ou revenez à la page précédente."
    )
    assert response.context["LANGUAGE_CODE"] == "en"


def test_pages_for_signed_in_users_refuse_nul_bytes_in_the_address(client):
    client.force_login(UserFactory(staff=True))

    outcomes = [
        refused_for_nul(client.get(url)) for url in ("/preselection/?cohort=%00", "/selection-des-defis/?x=%00")
    ]

    assert outcomes == [(400, True), (400, True)]


def test_a_session_cookie_with_a_nul_byte_is_dropped_not_a_server_error(client):
    CohortFactory()
    client.cookies["sessionid"] = f"abcdefgh{NUL}ijklmnop"

    response = client.get(reverse("home"))

    assert (response.status_code, response.context["user"].is_authenticated) == (200, False)


def test_candidate_form_with_nul_bytes_keeps_what_was_typed(client):
    application = ApplicationFactory(cohort=CohortFactory(phase="candidates_call"))
    client.force_login(application.candidate)

    response = client.post(
        reverse("applications:edit", args=[2]),
        {"career_path": f"Dix ans{NUL} de métier", "years_of_experience": "10", "action": "draft"},
    )

    form = response.context["form"]
    assert (response.status_code, form.errors["career_path"]) == (200, [NUL_IN_FIELD])
    assert (form["career_path"].value(), form["years_of_experience"].value()) == (f"Dix ans{NUL} de métier", "10")


def test_agent_form_with_nul_bytes_is_refused_on_its_field(client):
    agent = UserFactory(agent=True)
    client.force_login(agent)

    response = client.post(
        reverse("challenges:administration"),
        {"action": "propose", "propose-name": f"Direction{NUL}", "propose-acronym": "DN"},
    )

    assert (response.status_code, response.context["propose_form"].errors["name"]) == (200, [NUL_IN_FIELD])


def test_join_form_with_a_nul_choice_is_refused_on_its_field(client):
    AdministrationFactory()
    client.force_login(UserFactory(agent=True))

    response = client.post(reverse("challenges:administration"), {"action": "join", "join-administration": NUL})

    assert (response.status_code, response.context["join_form"].errors["administration"]) == (200, [NUL_IN_FIELD])


def test_login_with_nul_bytes_is_refused_on_the_form(client):
    response = client.post(reverse("account_login"), {"login": f"a{NUL}@example.org", "password": f"x{NUL}"})

    assert (response.status_code, "_auth_user_id" in client.session) == (200, False)
    assert response.context["form"].errors["login"] == ["Saisissez une adresse de courriel valide.", NUL_IN_FIELD]
