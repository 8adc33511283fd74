"""Long texts are Markdown (eig.markdown): CommonMark rendered safely against hostile input, headings
fitted under the page's own, and a plain text for search and excerpts."""

import time

from django import forms
from django.template import Context, Template

from eig.forms import MarkdownTextarea, markdown_fields
from eig.markdown import markdown_excerpt, markdown_to_text, render_markdown
from tests.html_parsing import Page

REL = 'rel="nofollow noopener noreferrer"'

# A real challenge page, as agents paste it: headings, lists, bold, italics, links, lines cut at 80.
REAL_TEXT = """## Le contexte

Chaque année, **des milliers de dossiers** sont traités à la main par les agents des
services déconcentrés, qui *ressaisissent* des données déjà connues de l'État.

- un tableur partagé ;
- un prototype jamais mis en production.

Voir [le rapport](https://www.numerique.gouv.fr/rapport) ou écrire à [l'équipe](mailto:eig@numerique.gouv.fr)."""


def test_render_markdown_renders_headings_lists_emphasis_links_and_joins_hard_wrapped_lines():
    assert render_markdown(REAL_TEXT) == (
        "<h3>Le contexte</h3>\n"
        "<p>Chaque année, <strong>des milliers de dossiers</strong> sont traités à la main par les agents des\n"
        "services déconcentrés, qui <em>ressaisissent</em> des données déjà connues de l'État.</p>\n"
        "<ul>\n<li>un tableur partagé ;</li>\n<li>un prototype jamais mis en production.</li>\n</ul>\n"
        f'<p>Voir <a href="https://www.numerique.gouv.fr/rapport" {REL}>le rapport</a> ou écrire à '
        f'<a href="mailto:eig@numerique.gouv.fr" {REL}>l\'équipe</a>.</p>\n'
    )


def test_render_markdown_of_an_empty_text_is_empty():
    assert render_markdown("") == ""
    assert render_markdown("  \n ") == ""


def test_render_markdown_shows_raw_html_as_text():
    assert render_markdown('<script>alert("x")</script> <b onclick="x()">gras</b>') == (
        '<p>&lt;script&gt;alert("x")&lt;/script&gt; &lt;b onclick="x()"&gt;gras&lt;/b&gt;</p>\n'
    )


def test_render_markdown_shows_an_html_block_as_text():
    assert render_markdown('<div style="position:fixed">\n<iframe src="https://evil.example"></iframe>\n</div>') == (
        '<p>&lt;div style="position:fixed"&gt;\n'
        '&lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;\n&lt;/div&gt;</p>\n'
    )


def test_render_markdown_keeps_only_http_https_and_mailto_links():
    text = (
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](jav&#x09;ascript:alert(1)) "
        "[d](data:text/html;base64,PHNjcmlwdD4=) [e](vbscript:msgbox) [f](/admin/) [g](file:///etc/passwd) "
        "<javascript:alert(1)> [h](http://exemple.fr)"
    )

    assert render_markdown(text) == (
        f'<p>a b c d e f g javascript:alert(1) <a href="http://exemple.fr" {REL}>h</a></p>\n'
    )


def test_render_markdown_drops_link_titles_even_hostile_ones():
    text = '[le site](https://exemple.fr "<script>alert(1)</script>") [autre](https://exemple.fr \'" onmouseover="x\')'

    assert render_markdown(text) == (
        f'<p><a href="https://exemple.fr" {REL}>le site</a> <a href="https://exemple.fr" {REL}>autre</a></p>\n'
    )


def test_render_markdown_never_loads_an_image_but_links_to_it():
    text = (
        "![Le logo](https://exemple.fr/logo.png) ![pixel](data:image/png;base64,iVBORw0KGgo=) "
        "![](https://exemple.fr/sans-texte.png) [![photo](https://exemple.fr/p.jpg)](https://exemple.fr/page)"
    )

    html = render_markdown(text)

    assert "<img" not in html
    assert html == (
        f'<p><a href="https://exemple.fr/logo.png" {REL}>Le logo</a> pixel '
        f'<a href="https://exemple.fr/sans-texte.png" {REL}>https://exemple.fr/sans-texte.png</a> '
        f'<a href="https://exemple.fr/page" {REL}>photo</a></p>\n'
    )


def test_render_markdown_of_deeply_nested_lists_stays_bounded_and_well_formed():
    text = "\n".join("  " * depth + "- niveau" for depth in range(500))

    html = render_markdown(text)

    page = Page(html)
    # markdown-it's own nesting limit: a hostile text cannot build an unbounded tree.
    assert len(page.find_all("ul")) <= 20
    assert html.count("<ul>") == html.count("</ul>")
    assert html.count("<li>") == html.count("</li>")


def test_render_markdown_of_deeply_nested_quotes_stays_bounded():
    html = render_markdown("> " * 5000 + "fin")

    assert html.count("<blockquote>") <= 20
    assert html.count("<blockquote>") == html.count("</blockquote>")


def test_render_markdown_renders_a_20000_character_text_whole_and_fast():
    paragraph = "Un **défi** d'intérêt général, avec des [liens](https://exemple.fr) et *du style*. " * 4
    text = "\n\n".join([paragraph.strip()] * 61)
    assert len(text) >= 20_000

    started = time.perf_counter()
    html = render_markdown(text)
    elapsed = time.perf_counter() - started

    assert html.count("<p>") == 61
    assert html.count("<strong>défi</strong>") == 244
    assert elapsed < 2


def test_render_markdown_survives_pathological_brackets_and_emphasis():
    for text in ("[" * 20_000, "*a " * 7_000, "**" * 10_000, "`" * 20_000, "<" * 20_000):
        html = render_markdown(text)

        assert "<script" not in html
        assert Page(html).elements[0].tag in {"p", "hr", "pre"}


def test_render_markdown_puts_the_texts_top_heading_at_the_given_level():
    text = "## Contexte\n\n### Détail\n\n## Solution"

    assert render_markdown(text, heading_level=3) == "<h3>Contexte</h3>\n<h4>Détail</h4>\n<h3>Solution</h3>\n"
    assert render_markdown(text, heading_level=4) == "<h4>Contexte</h4>\n<h5>Détail</h5>\n<h4>Solution</h4>\n"


def test_render_markdown_heading_one_becomes_the_given_level():
    assert render_markdown("# Titre\n\n## Sous-titre", heading_level=2) == "<h2>Titre</h2>\n<h3>Sous-titre</h3>\n"


def test_render_markdown_caps_deep_headings_at_h6_and_never_skips_a_level():
    text = "# Un\n\n### Trois\n\n###### Six"

    assert render_markdown(text, heading_level=3) == "<h3>Un</h3>\n<h4>Trois</h4>\n<h5>Six</h5>\n"
    assert render_markdown(text, heading_level=5) == "<h5>Un</h5>\n<h6>Trois</h6>\n<h6>Six</h6>\n"


def test_render_markdown_keeps_the_start_of_an_ordered_list_and_code():
    assert render_markdown("3. trois\n4. quatre\n\n`<b>`") == (
        '<ol start="3">\n<li>trois</li>\n<li>quatre</li>\n</ol>\n<p><code>&lt;b&gt;</code></p>\n'
    )


def test_markdown_to_text_removes_markup_and_link_destinations():
    assert markdown_to_text(REAL_TEXT) == (
        "Le contexte\n"
        "Chaque année, des milliers de dossiers sont traités à la main par les agents des services déconcentrés, "
        "qui ressaisissent des données déjà connues de l'État.\n"
        "un tableur partagé ;\n"
        "un prototype jamais mis en production.\n"
        "Voir le rapport ou écrire à l'équipe."
    )


def test_markdown_to_text_keeps_image_texts_and_drops_their_addresses():
    text = "![Le logo](https://exemple.fr/logo.png) et [ici](javascript:alert(1)) ![](https://exemple.fr/x.png)"

    assert markdown_to_text(text) == "Le logo et ici"


def test_markdown_excerpt_cuts_after_a_whole_word():
    text = "## Titre\n\nUn **texte** assez long pour être coupé proprement."

    assert markdown_excerpt(text, length=30) == "Titre Un texte assez long…"
    assert markdown_excerpt(text, length=200) == "Titre Un texte assez long pour être coupé proprement."


def test_template_filters_render_markdown_plain_text_and_excerpt():
    template = Template(
        "{% load eig_markdown %}{{ text|markdown:4 }}|{{ text|markdown_text }}|{{ text|markdown_excerpt:12 }}"
    )

    rendered = template.render(Context({"text": "# Titre\n\n**gras** <i>"}))

    assert rendered == (
        '<div class="eig-markdown"><h4>Titre</h4>\n<p><strong>gras</strong> &lt;i&gt;</p>\n</div>'
        "|Titre\ngras &lt;i&gt;|Titre gras…"
    )


def test_markdown_filter_of_an_empty_text_is_empty():
    assert Template("{% load eig_markdown %}[{{ text|markdown }}]").render(Context({"text": ""})) == "[]"


class LongTextForm(forms.Form):
    story = forms.CharField(label="Votre parcours", help_text="En quelques lignes.", widget=MarkdownTextarea)
    summary = forms.CharField(label="Résumé", widget=forms.Textarea)


def test_markdown_textarea_shows_the_formatting_help_and_is_described_by_it():
    page = Page(str(LongTextForm()))

    [textarea] = page.find_all("textarea", name="story")
    assert textarea.attrs["aria-describedby"] == "id_story_helptext id_story_markdown"
    [help_text] = page.find_all("p", id="id_story_markdown")
    assert help_text.text == (
        "Mise en forme : ## Titre en début de ligne, - élément pour une liste, **gras**, *italique*, "
        "[texte](https://…) pour un lien ; une ligne vide sépare deux paragraphes."
    )
    assert [element.attrs["id"] for element in page.find_all("p", css_class="fr-hint-text")] == ["id_story_markdown"]


def test_markdown_fields_lists_the_fields_typed_in_markdown():
    assert markdown_fields(LongTextForm) == ["story"]
