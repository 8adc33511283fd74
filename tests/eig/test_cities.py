"""Cities typed in free text, grouped for a filter (eig.cities)."""

import pytest

from eig.cities import CityGroup, city_group_of, city_groups, city_key, city_without_cedex


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Vincennes", "vincennes"),
        ("Vincennes Cedex", "vincennes"),
        ("VINCENNES CEDEX 05", "vincennes"),
        ("Saint-Denis", "saint denis"),
        ("St Denis", "saint denis"),
        ("ST-DENIS CEDEX 02", "saint denis"),
        ("Sainte-Geneviève-des-Bois", "sainte genevieve des bois"),
        ("Ste Geneviève des Bois", "sainte genevieve des bois"),
        ("Paris 7e", "paris"),
        ("Paris 07", "paris"),
        ("paris 13ème", "paris"),
        ("Paris 1er arrondissement", "paris"),
        ("Lyon 3e", "lyon"),
        ("Lyon Cedex 3", "lyon"),
        ("Évry-Courcouronnes", "evry courcouronnes"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("  ", ""),
    ],
)
def test_city_key_ignores_case_accents_dashes_abbreviations_cedex_and_arrondissements(typed, key):
    assert city_key(typed) == key


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("Vincennes Cedex", "Vincennes"),
        ("Saint-Denis La Plaine Cedex", "Saint-Denis La Plaine"),
        ("PARIS CEDEX 07", "PARIS"),
        ("Lyon-Cedex", "Lyon"),
        ("Cedex", ""),
        ("Paris 7e", "Paris 7e"),
        ("Cédexville", "Cédexville"),
    ],
)
def test_city_without_cedex_removes_cedex_and_its_number_only(typed, saved):
    assert city_without_cedex(typed) == saved


def test_city_groups_lists_each_commune_once_with_a_readable_label():
    typed = [
        "Vincennes Cedex",
        "Vincennes",
        "Saint-Denis",
        "Saint-Denis La Plaine Cedex",
        "ST DENIS",
        "PARIS",
        "Paris 7e",
        "paris",
        "Évry",
        "Bourg-la-Reine",
        "BOURG-LA-REINE",
        "",
    ]

    assert city_groups(typed) == [
        CityGroup("bourg la reine", "Bourg-la-Reine", ("BOURG-LA-REINE", "Bourg-la-Reine")),
        CityGroup("evry", "Évry", ("Évry",)),
        CityGroup("paris", "Paris", ("PARIS", "Paris 7e", "paris")),
        CityGroup("saint denis", "Saint-Denis", ("ST DENIS", "Saint-Denis", "Saint-Denis La Plaine Cedex")),
        CityGroup("vincennes", "Vincennes", ("Vincennes", "Vincennes Cedex")),
    ]


def test_city_groups_keeps_a_locality_whose_commune_is_not_listed():
    assert city_groups(["Saint-Denis La Plaine", "Puteaux"]) == [
        CityGroup("puteaux", "Puteaux", ("Puteaux",)),
        CityGroup("saint denis la plaine", "Saint-Denis La Plaine", ("Saint-Denis La Plaine",)),
    ]


def test_city_groups_keeps_a_hyphenated_commune_apart_from_a_shorter_one():
    assert [group.label for group in city_groups(["Bourg", "Bourg-la-Reine"])] == ["Bourg", "Bourg-la-Reine"]


def test_city_groups_titles_a_commune_typed_only_in_capitals():
    assert city_groups(["SAINT-GERMAIN-EN-LAYE CEDEX"]) == [
        CityGroup("saint germain en laye", "Saint-Germain-en-Laye", ("SAINT-GERMAIN-EN-LAYE CEDEX",))
    ]


def test_city_group_of_finds_the_group_of_any_spelling():
    groups = city_groups(["Saint-Denis", "Saint-Denis La Plaine Cedex", "Lyon"])

    assert city_group_of("Saint-Denis", groups) == groups[1]
    assert city_group_of("st-denis", groups) == groups[1]
    assert city_group_of("Saint-Denis La Plaine", groups) == groups[1]
    assert city_group_of("Marseille", groups) is None
