"""Long texts in templates: `{{ text|markdown }}` (safe HTML; `|markdown:4` makes the text's top heading
an h4), `{{ text|markdown_text }}` (without markup) and `{{ text|markdown_excerpt:200 }}` (one line, cut)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from eig.markdown import DEFAULT_HEADING_LEVEL, markdown_excerpt, markdown_to_text, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, heading_level=DEFAULT_HEADING_LEVEL) -> SafeString:
    """The Markdown text as sanitised HTML, its headings from `heading_level` down, in a `.eig-markdown`
    block (static/css/eig.css keeps its headings at a text's size, under the page's own)."""
    html = render_markdown(str(text or ""), heading_level=heading_level)
    return format_html('<div class="eig-markdown">{}</div>', html) if html else mark_safe("")


@register.filter(name="markdown_text")
def markdown_text_filter(text) -> str:
    """The text without its markup (for plain-text e-mails)."""
    return markdown_to_text(str(text or ""))


@register.filter(name="markdown_excerpt")
def markdown_excerpt_filter(text, length=200) -> str:
    """The text without markup on one line, cut after a word to at most `length` characters."""
    return markdown_excerpt(str(text or ""), length=int(length))
