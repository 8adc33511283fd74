"""City names as agents type them in free text, read for a filter: « Vincennes Cedex », « PARIS 7e »,
« St-Denis » and « Saint-Denis La Plaine » are variants of a commune that the catalogue lists once.

`city_key` is what variants share: no case, accents, hyphens nor apostrophes, « St »/« Ste » spelled
out, without « Cedex » and its number nor an arrondissement (« Paris 7e », « Lyon 3ème »).
`city_groups` also files a locality after a commune of the same list under that commune (« Saint-Denis
La Plaine » under « Saint-Denis »), and gives each group one readable label."""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_CEDEX = re.compile(r"\bcedex\b(\s*\d{1,3})?", re.IGNORECASE)
# « 7e », « 7 e », « 7ème », « 7eme », « 1er », « 1re », « 07 », optionally followed by « arrondissement ».
_ARRONDISSEMENT = re.compile(
    r"(?<=\S)\s+\d{1,2}\s*(e|è|er|re|ème|eme|è?me)?(\s+arr(ondissement|\.)?)?\s*$", re.IGNORECASE
)
_SEPARATORS = re.compile(r"[\s\-‐‑–—'’_.,/]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def city_without_cedex(name: str) -> str:
    """The city as typed, without « Cedex » and its number, nor the spaces or dashes they leave."""
    cleaned = _CEDEX.sub(" ", name or "")
    return re.sub(r"\s+", " ", cleaned).strip(" -")


def _commune(name: str) -> str:
    """The city without Cedex nor arrondissement, as typed otherwise."""
    return _ARRONDISSEMENT.sub("", city_without_cedex(name)).strip(" -")


def _words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return [_ABBREVIATIONS.get(word, word) for word in _SEPARATORS.split(ascii_text) if word]


def city_key(name: str) -> str:
    """What every spelling of a commune shares: « Saint-Denis », « ST DENIS CEDEX 02 » → « saint denis »."""
    return " ".join(_words(_commune(name)))


@dataclass(frozen=True)
class CityGroup:
    """One commune of a filter: its key, the label shown, and every spelling typed (`variants`)."""

    key: str
    label: str
    variants: tuple[str, ...]


def _label(spellings: list[str]) -> str:
    """The most readable spelling: mixed case over all capitals or lower case, « Saint » over « St »,
    then the most frequent, then the first alphabetically."""
    counts = Counter(spellings)

    def score(spelling: str):
        shouting = spelling.isupper() or spelling.islower()
        abbreviated = any(word.casefold().strip(".") in _ABBREVIATIONS for word in _SEPARATORS.split(spelling))
        return (shouting, abbreviated, -counts[spelling], spelling)

    best = min(counts, key=score)
    return _title(best) if best.isupper() or best.islower() else best


# Words that stay in lower case inside a commune's name (« Bourg-la-Reine », « Aix-en-Provence »).
_SMALL_WORDS = {"la", "le", "les", "de", "du", "des", "en", "sur", "sous", "lès", "lez", "et", "aux", "au"}


def _title(name: str) -> str:
    """« SAINT-DENIS », « bourg-la-reine » → « Saint-Denis », « Bourg-la-Reine »."""
    words = re.split(r"([\s\-'’]+)", name.lower())
    titled = [
        word if index > 0 and word in _SMALL_WORDS and words[index - 1].strip() == "-" else word.capitalize()
        for index, word in enumerate(words)
    ]
    return "".join(titled)


def city_groups(names) -> list[CityGroup]:
    """The cities of `names` grouped by commune, in French alphabetical order of their labels.

    A locality written after a commune of the list, separated by a space (« Saint-Denis La Plaine »,
    « Puteaux La Défense »), joins that commune's group; a hyphenated name (« Bourg-la-Reine ») is a
    commune of its own."""
    typed = sorted({name for name in names if name and name.strip()})
    by_key: dict[str, list[str]] = {}
    for name in typed:
        by_key.setdefault(city_key(name), []).append(name)
    by_key.pop("", None)
    parent = {key: _commune_of_locality(key, variants, by_key) for key, variants in by_key.items()}
    groups: dict[str, list[str]] = {}
    for key, variants in by_key.items():
        groups.setdefault(parent[key], []).extend(variants)
    result = [
        CityGroup(key, _label([_commune(name) for name in by_key[key]]), tuple(sorted(variants)))
        for key, variants in groups.items()
    ]
    return sorted(result, key=lambda group: (alphabetical_key(group.label), group.key))


def _commune_of_locality(key: str, variants: list[str], keys) -> str:
    """The key of the commune of the list that this city is a locality of (the longest one), or its own."""
    for variant in variants:
        words = _commune(variant).split(" ")
        for end in range(len(words) - 1, 0, -1):
            prefix = city_key(" ".join(words[:end]))
            if prefix != key and prefix in keys:
                return prefix
    return key


def city_group_of(name: str, groups: list[CityGroup]) -> CityGroup | None:
    """The group a city belongs to (by any of its spellings or its label), or None."""
    key = city_key(name)
    for group in groups:
        if key == group.key or any(city_key(variant) == key for variant in group.variants):
            return group
    return None


def alphabetical_key(text: str) -> str:
    """Sort key that files « Évry » under E, as a French reader expects."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
