"""Long texts are Markdown (CommonMark), rendered safely, and read as plain text for search and excerpts.

Rendering: markdown-it-py with raw HTML off (typed HTML shows as text), then nh3 (the Ammonia
sanitiser) with an allow-list of tags, so that nothing but what Markdown produces can reach a page.
Links keep only the http, https and mailto schemes (any other link shows as its text) and carry
`rel="nofollow noopener noreferrer"`; images are never loaded: an image becomes a link to it.
Headings are fitted under the page's own: the text's top heading becomes `heading_level`, each deeper
level one below it, never past h6, so that a text never skips a level nor outranks its page.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr"}
    | {f"h{level}" for level in range(1, 7)}
)
# "*": no attribute on every tag (nh3 would otherwise keep `title` and `lang` everywhere).
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "*": set()}
LINK_REL = "nofollow noopener noreferrer"
# Whatever the text's headings, the page's own heading stays above them.
DEFAULT_HEADING_LEVEL = 3

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def link_is_allowed(url: str) -> bool:
    """Only absolute http, https and mailto links: no javascript:, data:, file: nor relative links."""
    match = _SCHEME.match(url.strip())
    return bool(match) and match[1].lower() in ALLOWED_SCHEMES


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False, "breaks": False})
    # Every destination is parsed as a link, so that a refused one shows as the link's text rather than
    # as its markup; _safe_inline decides which links are kept.
    parser.validateLink = lambda url: True
    return parser


_MARKDOWN = _parser()
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=set(ALLOWED_SCHEMES),
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)


def _heading_levels(tokens: list[Token], heading_level: int) -> dict[int, int]:
    """The level each of the text's heading levels becomes: in order, from `heading_level` down, capped at 6."""
    used = sorted({int(token.tag[1]) for token in tokens if token.type == "heading_open"})
    return {level: min(6, heading_level + rank) for rank, level in enumerate(used)}


def _safe_inline(children: list[Token]) -> list[Token]:
    """Links with a refused destination become their text; images become a link to them (or their text
    inside a link, where a second link cannot go)."""
    result, dropped, depth = [], [], 0
    for token in children:
        if token.type == "link_open":
            allowed = depth == 0 and link_is_allowed(str(token.attrGet("href") or ""))
            dropped.append(not allowed)
            if allowed:
                depth += 1
                token.attrs = {"href": token.attrs["href"]}  # no title: it would only be a tooltip
                result.append(token)
            continue
        if token.type == "link_close":
            if not dropped.pop():
                depth -= 1
                result.append(token)
            continue
        if token.type == "image":
            result.extend(_image_as_link(token, inside_link=depth > 0))
            continue
        result.append(token)
    return result


def _image_as_link(token: Token, *, inside_link: bool) -> list[Token]:
    src = str(token.attrGet("src") or "")
    alt = "".join(child.content for child in token.children or [] if child.type in {"text", "code_inline"})
    if inside_link or not link_is_allowed(src):
        return [Token("text", "", 0, content=alt)] if alt else []
    # Without a description, the link reads its address, which the plain text leaves out.
    text = Token("text", "", 0, content=alt) if alt else Token("text", "", 0, content=src, meta={"address": True})
    return [Token("link_open", "a", 1, attrs={"href": src}), text, Token("link_close", "a", -1)]


def _tokens(text: str, heading_level: int) -> list[Token]:
    tokens = _MARKDOWN.parse(text or "")
    levels = _heading_levels(tokens, heading_level)
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{levels[int(token.tag[1])]}"
        elif token.type == "inline" and token.children:
            token.children = _safe_inline(token.children)
    return tokens


def render_markdown(text: str, *, heading_level: int = DEFAULT_HEADING_LEVEL) -> SafeString:
    """The text as safe HTML: CommonMark without raw HTML, sanitised, headings from `heading_level` (1 to 6)."""
    if not (text or "").strip():
        return mark_safe("")
    heading_level = min(max(int(heading_level), 1), 6)
    html = _MARKDOWN.renderer.render(_tokens(text, heading_level), _MARKDOWN.options, {})
    return mark_safe(_CLEANER.clean(html))


# Blocks after which the plain text goes on on a new line.
_BLOCK_ENDS = {"paragraph_close", "heading_close", "list_item_close", "blockquote_close", "hr"}


def markdown_to_text(text: str) -> str:
    """The text without its markup, one line per block: what search indexes and excerpts show.
    Link and image destinations are left out; their text is kept."""
    lines, current = [], []
    for token in _tokens(text, DEFAULT_HEADING_LEVEL):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in {"text", "code_inline"} and not child.meta.get("address"):
                    current.append(child.content)
                elif child.type in {"softbreak", "hardbreak"}:
                    current.append(" ")
        elif token.type in {"fence", "code_block"}:
            current.append(token.content)
        if token.type in _BLOCK_ENDS or token.type in {"fence", "code_block"}:
            line = _SPACES.sub(" ", "".join(current).replace("\n", " ")).strip()
            if line:
                lines.append(line)
            current = []
    return "\n".join(lines)


def markdown_excerpt(text: str, *, length: int = 200) -> str:
    """The plain text on one line, cut after a whole word to at most `length` characters (with « … »)."""
    plain = " ".join(markdown_to_text(text).split())
    if len(plain) <= length:
        return plain
    cut = plain[: length - 1]
    if " " in cut and not plain[length - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return f"{cut.rstrip(' ,;:.')}…"
