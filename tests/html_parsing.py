"""A small HTML reader for tests: elements with their attributes and text, without a browser."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    ancestors: list["Element"] = field(default_factory=list, repr=False)
    text_parts: list[str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def is_inside(self, other: "Element") -> bool:
        return any(ancestor is other for ancestor in self.ancestors)

    @property
    def text(self) -> str:
        """The element's text with whitespace collapsed, as a reader sees it."""
        return re.sub(r"\s+", " ", "".join(self.text_parts)).strip()


class Page(HTMLParser):
    """Every element of a page, in document order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, ancestors=list(self._open))
        self.elements.append(element)
        if tag not in VOID_ELEMENTS:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, {name: value or "" for name, value in attrs}, ancestors=list(self._open)))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text_parts.append(data)

    def find_all(
        self, tag: str | None = None, *, css_class: str | None = None, inside: Element | None = None, **attrs: str
    ) -> list[Element]:
        """Elements by tag name, class, container and exact attribute values (`type_="text"` for `type`)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            element
            for element in self.elements
            if (tag is None or element.tag == tag)
            and (css_class is None or css_class in element.classes)
            and (inside is None or element.is_inside(inside))
            and all(element.attrs.get(name) == value for name, value in wanted.items())
        ]

    def texts(self, tag: str | None = None, **criteria) -> list[str]:
        return [element.text for element in self.find_all(tag, **criteria)]

    def form_values(self, form: Element) -> dict[str, list[str]]:
        """What a browser posts for `form` as it stands (its buttons left out): the inputs' values, the checked
        boxes, the textareas' text as typed and the selected options."""
        values: dict[str, list[str]] = {}
        for element in self.find_all(inside=form):
            name = element.attrs.get("name")
            kind = element.attrs.get("type", "text")
            if not name or (element.tag == "input" and kind in {"submit", "button", "image", "reset", "file"}):
                continue
            if element.tag == "input" and (kind not in {"checkbox", "radio"} or "checked" in element.attrs):
                values.setdefault(name, []).append(
                    element.attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")
                )
            elif element.tag == "textarea":
                # A browser drops the newline that follows <textarea>.
                values.setdefault(name, []).append("".join(element.text_parts).removeprefix("\n"))
            elif element.tag == "select":
                for option in self.find_all("option", inside=element):
                    if "selected" in option.attrs:
                        values.setdefault(name, []).append(option.attrs.get("value", option.text))
        return values

    @property
    def main(self) -> Element:
        return self.find_all("main")[0]

    @property
    def lang(self) -> str | None:
        html = self.find_all("html")
        return html[0].attrs.get("lang") if html else None
