"""The sanitiser every page passes a student's work through (nndl.grading.sanitize), over a table of
hostile inputs: what a browser would get from each. Fast: no grading, no browser (those are in
tests/test_browser_attacks.py)."""
import re

import pytest

from nndl.grading.csp import feedback_policy, formgrader_policy, script_hash
from nndl.grading.sanitize import clean_html, markdown2html

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
CELL = {"cell": {"attachments": {"notes.txt": {"text/plain": "aGk="}, "empty.png": {}, "ok.png": {"image/png": PNG},
                                 "svg.svg": {"image/svg+xml": "PHN2Zz48L3N2Zz4="}}}}

# markdown a student wrote -> a piece the page must not contain (nor any javascript: link, remote URL, style)
HOSTILE_MARKDOWN = {
    "inline link": "[here](javascript:fetch('/api/contents/x',{method:'PUT'}))",
    "reference link": "[here][r]\n\n[r]: javascript:alert(1)",
    "autolink": "<javascript:alert(1)>",
    "entity-encoded scheme": "[e](jav&#x61;script:alert(1))",
    "decimal entities": "[e](&#106;&#97;vascript:alert(1))",
    "tab inside the scheme": "[e](java\tscript:alert(1))",
    "raw html link": "<a href='javascript:alert(1)'>h</a>",
    "upper-case scheme": "<a href='JAVASCRIPT:alert(1)'>h</a>",
    "vbscript": "[v](vbscript:msgbox(1))",
    "data html link": "[d](data:text/html;base64,PHNjcmlwdD4=)",
    "link to the server's API": "[api](/api/contents/pwned)",
    "remote html image": "<img src=http://evil.example/x.png>",
    "remote markdown image": "![](http://evil.example/y.png)",
    "remote reference image": "![x][p]\n\n[p]: //evil.example/z.png",
    "style beacon": '<p style="background:url(http://evil.example/s)">s</p>',
    "style import": "<div style=\"@import 'http://evil.example/i.css'\">s</div>",
    "style tag": "<style>body{background:url(http://evil.example/t)}</style>",
    "script": "<script>alert(1)</script>",
    "event handler": '<b onmouseover="alert(1)">b</b>',
    "svg script": "<svg><script>alert(1)</script></svg>",
    "svg image": '<svg><image href="http://evil.example/v.png"/></svg>',
    "iframe": "<iframe src=http://evil.example></iframe>",
    "form": "<form action=http://evil.example><button>go</button></form>",
    "meta refresh": '<meta http-equiv="refresh" content="0;url=http://evil.example">',
    "base": '<base href="http://evil.example/">',
    "object": '<object data="http://evil.example/o.swf"></object>',
    "srcset": '<img src="data:image/png;base64,' + PNG + '" srcset="http://evil.example/w.png 2x">',
    "svg data image": "![s](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
}
SAFE_ATTRIBUTES = {"class", "id", "title", "alt", "href", "src", "width", "height"}


def unsafe_parts(page):
    """What in ``page``, as a browser parses it, could run, fetch or link somewhere it should not."""
    from bs4 import BeautifulSoup

    found = []
    for element in BeautifulSoup(page, "html.parser").find_all(True):
        if element.name in ("script", "style", "svg", "iframe", "form", "meta", "base", "object", "link", "image"):
            found.append(element.name)
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name not in SAFE_ATTRIBUTES:
                found.append(f"{element.name}[{name}]")
            elif name == "href" and not re.match(r"(https?:|mailto:|#)", value, re.I):
                found.append(f"href={value}")
            elif name == "src" and not re.match(r"data:image/(png|jpeg|gif);base64,", value, re.I):
                found.append(f"src={value}")
    return found


@pytest.mark.parametrize("name", HOSTILE_MARKDOWN)
def test_hostile_markdown_reaches_the_page_inert(name):
    page = markdown2html(CELL, HOSTILE_MARKDOWN[name])
    assert unsafe_parts(page) == [], page


@pytest.mark.parametrize("html", [v for v in HOSTILE_MARKDOWN.values() if v.startswith("<")])
def test_hostile_html_output_reaches_the_page_inert(html):
    assert unsafe_parts(clean_html(html)) == [], clean_html(html)


def test_the_check_itself_sees_what_nbconvert_lets_through():
    """nbconvert's own renderer, uncleaned, does give a browser what these tests look for."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    raw = MarkdownWithMath(renderer=IPythonRenderer(escape=False)).render(
        HOSTILE_MARKDOWN["remote markdown image"] + HOSTILE_MARKDOWN["raw html link"])
    assert "src=http://evil.example/y.png" in unsafe_parts(raw) and "href=javascript:alert(1)" in unsafe_parts(raw)


def test_an_unsafe_link_keeps_its_text_as_plain_text():
    assert markdown2html(CELL, "[read this](javascript:alert(1))").strip() == "<p><a>read this</a></p>"


def test_broken_attachments_show_as_notes_and_good_ones_as_images():
    page = markdown2html(CELL, "![a](attachment:notes.txt) ![b](attachment:empty.png) ![c](attachment:gone.png) "
                               "![d](attachment:ok.png) ![e](attachment:svg.svg)")
    for name in ("notes.txt", "empty.png", "gone.png", "svg.svg"):
        assert f"[attachment {name}: missing or not an image, not shown]" in page
    assert f'<img src="data:image/png;base64,{PNG}" alt="d">' in page


def test_a_remote_image_becomes_a_visible_note():
    assert "[remote image removed]" in markdown2html(CELL, "![x](https://evil.example/x.png)")


def test_ordinary_prose_links_and_maths_come_through():
    page = markdown2html(CELL, "Some *prose* with $x < y$, $$\\sum_i a_i^2$$, [docs](https://numpy.org), "
                               "[mail](mailto:a@b.c), [up](#top) and <https://example.org>.")
    assert "<em>prose</em>" in page and "$x &lt; y$" in page and "$$\\sum_i a_i^2$$" in page
    for target in ("https://numpy.org", "mailto:a@b.c", "#top", "https://example.org"):
        assert f'href="{target}"' in page


def test_the_feedback_policy_lets_only_the_heads_scripts_run():
    policy = feedback_policy("<head><script>var a = 1;</script></head>", [b"mathjax"])
    assert script_hash("var a = 1;") in policy and script_hash(b"mathjax") in policy
    assert "default-src 'none'" in policy and "unsafe-inline'; img" in policy and "script-src 'unsafe" not in policy


def test_the_formgrader_policy_trusts_no_script_of_the_notebook():
    page = ('<head><script>var id = 1;</script></head><body><span onclick="toggle(1);"></span>'
            '<div id="notebook-container"><script>alert(1)</script><b onclick="alert(2)">x</b></div>')
    policy = formgrader_policy(page)
    assert script_hash("var id = 1;") in policy and script_hash("toggle(1);") in policy
    assert script_hash("alert(1)") not in policy and script_hash("alert(2)") not in policy
    assert "'unsafe-inline'" not in policy.split("; style-src")[0]
