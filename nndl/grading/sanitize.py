"""Make what a student wrote safe to show in a browser: feedback pages and the formgrader.

nbconvert's ``sanitize_html`` (on in ``grader_config.py``) cleans HTML *outputs*, but
nbgrader's feedback and formgrade templates render markdown and raw cells as they are.
So before the autograded notebook is written, every markdown or raw cell that holds
anything that could run script (a script, style or frame tag, an event handler, a
``javascript:`` link) is cleaned with bleach, and attachments that are not plain
base64 images are dropped.  Ordinary prose and LaTeX are left byte for byte as written.
"""
import re

import bleach

DANGER = re.compile(r"<\s*/?\s*(script|iframe|frame|object|embed|style|link|meta|base|form|input|button|svg|math|"
                    r"template|textarea|select|video|audio|source|applet)\b|\bon[a-z]+\s*=|javascript\s*:|"
                    r"vbscript\s*:|data\s*:\s*text/html|srcdoc\s*=", re.IGNORECASE)
SAFE_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
             "i", "img", "kbd", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup", "table", "tbody",
             "td", "th", "thead", "tr", "u", "ul"}
SAFE_ATTRIBUTES = {"a": ["href", "title"], "img": ["src", "alt", "title", "width", "height"], "*": ["class"]}
BASE64 = re.compile(r"^[A-Za-z0-9+/=\s]*$")
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif"}


MATH = re.compile(r"(\$\$.*?\$\$|\$[^$\n]+?\$)", re.DOTALL)


def clean_text(text):
    """``text`` as it is when harmless, else with every unsafe tag and attribute neutralised.

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
            parts[i] = bleach.clean(part, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES,
                                    protocols=["http", "https", "mailto", "attachment"], strip=False)
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
