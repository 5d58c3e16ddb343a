"""Make what a student wrote safe to show in a browser: feedback pages and the formgrader.

A page shows a student's markdown cells (rendered), their code cells' outputs (HTML, SVG, markdown)
and their cell attachments.  All of it passes :func:`clean_html` on its way into a page: the
course's templates render markdown with :func:`markdown2html` (nbconvert's renderer, then
:func:`clean_html`) and nbconvert's ``clean_html`` filter, which cleans outputs when
``sanitize_html`` is on, is replaced by this module's (both set up in ``grader_config.py``).
Cleaning the *rendered* HTML is what makes every spelling of a link the same: markdown links,
reference links, autolinks, entity-encoded schemes and raw HTML all arrive as ``<a href>``.

The rules, the same on every page:

* links go to ``http:``, ``https:``, ``mailto:`` or an ``#anchor`` of the page; any other target
  (``javascript:``, ``data:``, a path on the server that shows the page) is removed and the link
  text stays as plain text;
* no remote resource at all: an image shows only when it is embedded (``data:image/png``, ``jpeg``
  or ``gif``, base64) or a cell attachment of one of those types; any other image becomes a visible
  note in brackets, so a missing or non-image attachment is text, never an error;
* no ``style`` attribute (a style can load a URL) and no tag outside a short list of text
  tags (script, style, iframe, form, svg, ... are shown as text, never run).

The page's own scripts (MathJax) are the template's, not cleaned; a Content-Security-Policy
forbids any other (``nndl.grading.csp``).

``clean_cells`` also tidies the autograded notebook file itself (opened as a live notebook in
JupyterLab, which has its own sanitiser): script-like markdown is neutralised there too and
attachments that are not plain base64 images are dropped.  Ordinary prose and LaTeX are left
byte for byte as written.
"""
import re

import bleach
from bleach.html5lib_shim import Filter, convert_entities
from jinja2 import pass_context
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

SAFE_TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em", "h1",
             "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s",
             "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
             "u", "ul", "var"}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif"}
BASE64 = re.compile(r"^[A-Za-z0-9+/=\s]*$")
EMBEDDED_IMAGE = re.compile(r"^data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=\s]+$", re.IGNORECASE)
LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)


def _normalised(url):
    """``url`` as a browser reads it: entities decoded, control characters and blanks gone."""
    return re.sub(r"[`\x00-\x20\x7f-\xa0\s]+", "", convert_entities(url or ""))


def _allowed_attribute(tag, name, value):
    if name in ("class", "id", "title", "alt"):
        return True
    if tag == "a" and name == "href":
        return bool(LINK.match(_normalised(value)))
    if tag == "img" and name in ("width", "height"):
        return value.isdigit()
    return tag == "img" and name == "src"  # judged by ImagesEmbeddedOnly, which sees where it pointed


class ImagesEmbeddedOnly(Filter):
    """An ``<img>`` whose source is not an embedded PNG, JPEG or GIF becomes a note in brackets that
    says why it is not shown (a remote image would tell its host who opened the page, and when)."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "img":
                src = _normalised(dict(token["data"]).get((None, "src"), ""))
                if not EMBEDDED_IMAGE.match(src):
                    yield {"type": "Characters", "data": _image_note(src)}
                    continue
            yield token


def _image_note(src):
    if src.lower().startswith("attachment:"):
        return f"[attachment {src[len('attachment:'):]}: missing or not an image, not shown]"
    if not src:
        return "[image without a source]"
    return "[remote image removed]" if "//" in src else "[image removed: not embedded in the notebook]"


CLEANER = bleach.Cleaner(tags=SAFE_TAGS, attributes=_allowed_attribute,
                         protocols=["http", "https", "mailto", "data", "attachment"], strip=False,
                         filters=[ImagesEmbeddedOnly])


def clean_html(text):
    """HTML a student's notebook produced, made safe to put in a page (the rules: module docstring).
    Registered as the exporters' ``clean_html`` filter."""
    text = text.decode() if isinstance(text, bytes) else str(text)
    return CLEANER.clean(text)


class EmbeddedAttachments(IPythonRenderer):
    """nbconvert's markdown renderer, except that ``![](attachment:name)`` never stops the page: an
    attachment that is missing, empty or not an image is left as its ``attachment:`` URL, which
    :func:`clean_html` turns into a note; other image URLs are never fetched or read from disk."""

    def _embed_image_or_attachment(self, src):
        if src.startswith("attachment:"):
            bundle = self.attachments.get(src[len("attachment:"):])
            for mime in sorted(IMAGE_TYPES & set(bundle if isinstance(bundle, dict) else ())):
                if isinstance(bundle[mime], str) and BASE64.match(bundle[mime]):
                    return f"data:{mime};base64,{bundle[mime]}"
        return src


@pass_context
def markdown2html(context, source):
    """The templates' ``markdown2html`` filter: a markdown cell (or markdown output) rendered as
    nbconvert renders it, with its attachments, then cleaned."""
    cell = context.get("cell", {}) if context else {}
    attachments = cell.get("attachments") if isinstance(cell, dict) else None
    renderer = EmbeddedAttachments(escape=False, attachments=attachments if isinstance(attachments, dict) else {},
                                   embed_images=False)
    return clean_html(MarkdownWithMath(renderer=renderer).render(source))


DANGER = re.compile(r"<\s*/?\s*(script|iframe|frame|object|embed|style|link|meta|base|form|input|button|svg|math|"
                    r"template|textarea|select|video|audio|source|applet)\b|\bon[a-z]+\s*=|javascript\s*:|"
                    r"vbscript\s*:|data\s*:\s*text/html|srcdoc\s*=", re.IGNORECASE)
MATH = re.compile(r"(\$\$.*?\$\$|\$[^$\n]+?\$)", re.DOTALL)


def clean_text(text):
    """Markdown ``text`` as it is when harmless, else with every unsafe tag and attribute neutralised.

    Maths (``$...$``, ``$$...$$``) goes to the page as it is, so there ``<`` and ``>`` become
    ``\\lt`` and ``\\gt`` (the same symbols for MathJax, no tag for a browser); the rest is
    cleaned with bleach."""
    if not DANGER.search(text):
        return text
    parts = MATH.split(text)
    for i, part in enumerate(parts):
        if i % 2:
            parts[i] = part.replace("<", "\\lt ").replace(">", "\\gt ")
        else:
            parts[i] = bleach.clean(part, tags=SAFE_TAGS, attributes={"a": ["href", "title"], "*": ["class"]},
                                    protocols=["http", "https", "mailto"], strip=False)
    return "".join(parts)


def clean_cells(nb):
    """Clean the markdown and raw cells of ``nb`` in place; returns how many were changed."""
    changed = 0
    for cell in nb.cells:
        if cell.cell_type not in ("markdown", "raw"):
            continue
        cleaned = clean_text(cell.source)
        if cleaned != cell.source:
            cell.source, changed = cleaned, changed + 1
        attachments = cell.get("attachments")
        if attachments:
            safe = {name: {m: d for m, d in (bundle or {}).items() if m in IMAGE_TYPES and isinstance(d, str)
                           and BASE64.match(d)} for name, bundle in attachments.items() if isinstance(bundle, dict)}
            safe = {name: bundle for name, bundle in safe.items() if bundle}
            if safe != attachments:
                cell["attachments"], changed = safe, changed + 1
    return changed
