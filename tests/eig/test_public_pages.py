"""The pages every State site has carry the deployment's values (settings.LEGAL, settings.ACCESSIBILITY,
settings.CONTACT_EMAIL): the legal notice, the personal data page, the accessibility statement (RGAA model)
and the footer's accessibility status."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

LEGAL = {
    "publisher": "Agence nationale des essais",
    "publisher_address": "1 rue du Test, 99999 Testville",
    "publication_director": "Camille Directrice",
    "host_name": "Hébergeur d'essai SAS",
    "host_address": "2 quai des Serveurs, 88888 Nuage",
    "controller": "Responsable d'essai",
    "controller_address": "3 place du Traitement, 77777 Données",
    "dpo_email": "dpo@essai.gouv.fr",
    "dpo_address": "DPO, 4 allée du Registre, 66666 Conformité",
    "source_code_url": "https://git.example.org/eig",
}
AUDITED = {
    "status": "partiellement",
    "audit_date": dt.date(2026, 3, 14),
    "auditor": "Audits Accessibles SARL",
    "audit_rate": "72",
    "non_conformities": ["Le glisser-déposer du planning n'a pas d'alternative au clavier.", "Un PDF non balisé."],
    "contact_email": "a11y@essai.gouv.fr",
    "statement_date": dt.date(2026, 4, 2),
}
NOT_AUDITED = {**AUDITED, "status": "non", "audit_date": None, "auditor": "", "audit_rate": "", "non_conformities": []}


@pytest.fixture
def deployment(settings):
    settings.LEGAL = LEGAL
    settings.ACCESSIBILITY = AUDITED
    settings.CONTACT_EMAIL = "programme@essai.gouv.fr"
    settings.SITE_URL = "https://eig.essai.gouv.fr"


def page(client, url_name: str) -> Page:
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return Page(response.content.decode())


def text(page: Page, element_id: str) -> str:
    [element] = page.find_all(id=element_id)
    return element.text


def test_legal_notice_carries_the_deployment_values(client, deployment):
    legal = page(client, "footer-legal-notice")

    assert text(legal, "publisher") == (
        "Cette plateforme du programme Entrepreneurs d'intérêt général est éditée par Agence nationale des essais, "
        "1 rue du Test, 99999 Testville."
    )
    assert text(legal, "publication-director") == "Camille Directrice"
    assert (
        text(legal, "host")
        == "La plateforme est hébergée par Hébergeur d'essai SAS, 2 quai des Serveurs, 88888 Nuage."
    )
    assert text(legal, "licence") == (
        "Le code source de la plateforme est un logiciel libre, publié sous la licence GNU Affero General Public "
        "License, version 3 ou ultérieure (AGPL-3.0-or-later). Consulter le code source"
    )
    assert legal.find_all("a", id="source-code-link")[0].attrs["href"] == "https://git.example.org/eig"
    links = {element.attrs["href"] for element in legal.find_all("a", inside=legal.main)}
    assert {reverse("footer-personal-data"), reverse("footer-accessibility-status"), reverse("contact")} <= links


def test_legal_notice_without_a_source_code_address_has_no_link(client, deployment, settings):
    settings.LEGAL = {**LEGAL, "source_code_url": ""}

    legal = page(client, "footer-legal-notice")

    assert legal.find_all("a", id="source-code-link") == []


def test_personal_data_page_carries_the_deployment_values(client, deployment):
    data = page(client, "footer-personal-data")

    assert text(data, "controller") == (
        "Le responsable des traitements est Responsable d'essai, 3 place du Traitement, 77777 Données."
    )
    assert text(data, "dpo") == (
        "Ou au délégué à la protection des données : dpo@essai.gouv.fr, ou par courrier : DPO, 4 allée du Registre, "
        "66666 Conformité."
    )
    assert data.find_all("a", id="cnil-link")[0].attrs["href"] == "https://www.cnil.fr/fr/plaintes"
    [processings] = data.find_all("div", id="processings")
    assert data.texts("th", scope="row", inside=processings) == [
        "Appel à projets (défis)",
        "Appel à candidatures et présélection",
        "Auditions",
        "Affectation et offres",
        "Vie de la promotion",
        "Formulaire de contact",
        "Sécurité et traçabilité",
    ]
    assert "l'hébergeur de la plateforme, Hébergeur d'essai SAS," in text(data, "recipients")
    assert f"{reverse('contact')}?sujet=donnees" in {element.attrs["href"] for element in data.find_all("a")}
    [right] = data.find_all("li", id="my-data-right")
    assert [link.attrs["href"] for link in data.find_all("a", inside=right)] == [reverse("my_data")]


def test_personal_data_page_has_the_retention_section_with_its_table(client, deployment):
    data = page(client, "footer-personal-data")

    # The table's rows are the cohort's periods (tests/cohorts/test_retention_periods.py).
    [section] = data.find_all("section", id="retention")
    assert data.texts("h2", inside=section) == ["Durées de conservation"]
    assert [table.attrs["id"] for table in data.find_all("div", css_class="fr-table", inside=section)] == [
        "retention-periods"
    ]


def test_accessibility_statement_of_an_audited_site(client, deployment):
    statement = page(client, "footer-accessibility-status")

    assert text(statement, "conformity") == (
        "La plateforme est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité "
        "(RGAA), version 4.1.2. Les non-conformités sont énumérées ci-dessous."
    )
    assert text(statement, "test-results") == (
        "L'audit de conformité réalisé le 14 mars 2026 par Audits Accessibles SARL révèle que 72 % des critères du "
        "RGAA sont respectés."
    )
    assert statement.texts("li", inside=statement.find_all(id="non-conformities")[0]) == AUDITED["non_conformities"]
    assert text(statement, "statement-date") == "Cette déclaration a été établie le 2 avril 2026."
    assert statement.texts("li", inside=statement.find_all(id="accessibility-contact")[0]) == [
        "le formulaire de contact",
        "le courriel : a11y@essai.gouv.fr",
    ]
    assert statement.texts("h2", inside=statement.main) == [
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Établissement de cette déclaration d'accessibilité",
        "Retour d'information et contact",
        "Voies de recours",
    ]
    assert statement.texts("li", inside=statement.find_all(id="recourse")[0])[-1] == (
        "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse "
        "71120, 75342 Paris CEDEX 07."
    )


def test_accessibility_statement_without_audit_says_so(client, deployment, settings):
    settings.ACCESSIBILITY = NOT_AUDITED

    statement = page(client, "footer-accessibility-status")

    assert text(statement, "conformity") == (
        "La plateforme est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), "
        "version 4.1.2. Aucun audit n'a encore été réalisé."
    )
    assert text(statement, "non-conformities") == (
        "Aucun audit n'ayant encore été réalisé, les non-conformités ne sont pas encore établies."
    )


@pytest.mark.parametrize(
    ("status", "label"),
    [("non", "Accessibilité : non conforme"), ("partiellement", "Accessibilité : partiellement conforme")],
)
def test_footer_shows_the_statement_status(client, deployment, settings, status, label):
    settings.ACCESSIBILITY = {**AUDITED, "status": status}

    home = page(client, "home")

    footer_links = home.texts("a", css_class="fr-footer__bottom-link")
    assert footer_links == ["Plan du site", label, "Mentions légales", "Données personnelles", "Nous contacter"]


def test_sitemap_lists_the_contact_page(client):
    sitemap = page(client, "footer-sitemap")

    assert reverse("contact") in {element.attrs["href"] for element in sitemap.find_all("a", inside=sitemap.main)}
