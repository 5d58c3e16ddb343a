"""The course in a real browser: Debian's Chromium, driven by Playwright, on JupyterLab started as
``make lab`` starts it (the environment's ``bin/`` on PATH, the course's ``jupyter/`` configuration).

A student opens a release notebook, runs a cell, fills a graded function wrongly then rightly and
reads the public check's message each time, then clicks nbgrader's Validate; an instructor opens
the formgrader from the Nbgrader menu and sees the graded class, with the submissions whose tests
failed marked; a student opens their feedback page with the network cut off and reads its maths.
Screenshots of each step go to ``artifacts/browser/<test name>/`` (kept by CI).
"""
import json
import os
import re
import sys
from pathlib import Path

import nbformat
import pytest

from nndl.course import REPO_ROOT, nbgrader_api
from nndl.mistakes import MISTAKES
from nndl.simulate import filled_notebook
from support import TOKEN, browser_tab, chromium, course_copy, grade_class, jupyter_server

pytestmark = pytest.mark.browser

A = "w2_numpy_basics"
MATHS_AND_A_TRAP = r"My notes: $\sigma'(x) = \sigma(x)(1 - \sigma(x))$ and $\href{javascript:alert(1)}{a link}$"
WAIT = 60_000  # ms: generous, the machine may be busy


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course with a small class graded by real nbgrader (the jail, the hidden checks) and its feedback."""
    root = course_copy(tmp_path_factory.mktemp("course"), [A])
    chen = filled_notebook(root, A, mistakes={"softmax": MISTAKES[A]["softmax"]})
    chen.cells.insert(1, nbformat.v4.new_markdown_cell(MATHS_AND_A_TRAP))
    grade_class(root, A, {"ada": filled_notebook(root, A), "blake": filled_notebook(root, A, blank=True), "chen": chen})
    api = nbgrader_api(root)
    for student in ("ada", "blake", "chen"):
        made = api.generate_feedback(A, student, force=True)
        assert made["success"], made["log"][-3000:]
    return root


@pytest.fixture(scope="module")
def lab(course, tmp_path_factory):
    """JupyterLab at the course root, as ``make lab`` starts it, with fresh user settings: every cell in
    the page (no virtual scrolling, so a cell can be found by its text) and no news to announce."""
    user = tmp_path_factory.mktemp("jupyterlab-user")
    settings = {"notebook-extension/tracker": {"windowingMode": "none"},
                "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False}}
    for name, values in settings.items():
        path = user / "settings" / "@jupyterlab" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               JUPYTER_CONFIG_PATH=str(REPO_ROOT / "jupyter"), JUPYTERLAB_SETTINGS_DIR=str(user / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(user / "workspaces"))
    with jupyter_server(course, app="lab", env=env, log=user / "jupyterlab.log") as url:
        yield url


@pytest.fixture
def page(browser, request):
    """A fresh browser tab; ``page.shot(name)`` saves a screenshot under artifacts/browser/<test name>/."""
    with browser_tab(browser, request.node.name, WAIT) as tab:
        yield tab


def test_a_student_works_through_an_exercise_and_validates(browser, lab, page):
    from playwright.sync_api import expect

    page.goto(f"{lab}/lab/tree/release/{A}/{A}.ipynb?token={TOKEN}")
    setup = page.locator(".jp-CodeCell", has_text="from nndl_checks import expect")
    setup.wait_for()
    idle = page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"Python 3.*\| Idle")).first
    idle.wait_for(timeout=2 * WAIT)  # the kernel has started
    page.shot("notebook-open")

    def run(cell, count):
        cell.locator(".cm-content").click()
        page.keyboard.press("Shift+Enter")
        expect(cell.locator(".jp-InputArea-prompt")).to_have_text(f"[{count}]:")
        idle.wait_for()

    run(setup, 1)
    exercise = page.locator(".jp-CodeCell", has_text="def basic_sigmoid(x)")
    check = page.locator(".jp-CodeCell", has_text="expect(basic_sigmoid(1.0)")

    def answer(body, count):
        exercise.locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(f"def basic_sigmoid(x):\n    s = {body}\n    return s\n")
        run(exercise, count)
        run(check, count + 1)
        return " ".join(check.locator(".jp-OutputArea").inner_text().split())

    said = answer("1 / (1 + math.exp(x))", 2)  # the sign of x forgotten
    page.shot("wrong-answer")
    assert "✗ basic_sigmoid(1.0) is the wrong number" in said and "mind the minus sign" in said
    said = answer("1 / (1 + math.exp(-x))", 4)
    page.shot("right-answer")
    assert "✓ basic_sigmoid(1.0): type, shape and values are right" in said
    assert "✓ basic_sigmoid(-2.0)" in said and "✗" not in said

    page.keyboard.press("Control+S")  # and wait until saved: Validate saves too, and two saves at once
    expect(page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0)  # make Lab ask "File Changed"
    page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Validation Results", timeout=3 * WAIT)
    page.shot("validated")
    report = dialog.inner_text()
    # nbgrader ran the saved notebook: the exercise done passes, the ones still to write are listed
    assert "`sigmoid` is not written yet" in report
    assert "basic_sigmoid" not in report


def test_an_instructor_sees_the_graded_class_in_the_formgrader(browser, lab, page):
    page.goto(f"{lab}/lab?token={TOKEN}")
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Formgrader$")).click()
    formgrader = page.frame_locator("iframe").first
    formgrader.locator("table tbody tr", has_text=A).first.wait_for()  # Manage Assignments lists the course
    page.shot("formgrader")
    formgrader.locator("a", has_text="Manual Grading").first.click()
    formgrader.locator("a", has_text=A).first.click()  # the assignment,
    formgrader.locator("a", has_text=A).last.click()  # then its notebook
    formgrader.locator("table tbody tr", has_text="Submission").first.wait_for()
    formgrader.locator("button", has_text="Show All Names").click()
    rows = formgrader.locator("table tbody tr")
    rows.filter(has_text="blake").wait_for()
    page.shot("graded-class")
    seen = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        student, score = cells.nth(1).inner_text().strip(), cells.nth(2).inner_text().strip()
        tests_failed = cells.nth(7).locator(".glyphicon-ok").count() == 1  # the "Tests Failed?" tick
        seen[student] = (score, tests_failed)
    headers = formgrader.locator("table thead th").all_inner_texts()
    assert " ".join(headers[7].split()) == "Tests Failed?"
    assert seen == {"ada": ("14 / 14", False), "blake": ("0 / 14", True), "chen": (seen["chen"][0], True)}
    assert seen["chen"][0].endswith("/ 14") and seen["chen"][0] not in ("0 / 14", "14 / 14")


def test_a_feedback_page_renders_its_maths_without_the_internet(browser, course, page):
    asked = []

    def cut_off(route):
        asked.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    page.context.route("**/*", cut_off)
    page.goto((course / "feedback" / "chen" / A / f"{A}.html").as_uri())
    page.locator("mjx-container svg").first.wait_for()
    page.wait_for_load_state("load")
    page.shot("feedback")
    formulas = page.locator("mjx-container")
    assert formulas.count() >= 10 and page.locator("mjx-merror").count() == 0  # typeset, none in error
    assert [url for url in asked if not url.startswith("file:")] == []
    # the student's own TeX cannot make a javascript: link (MathJax's safe extension runs first)
    links = page.evaluate("[...document.querySelectorAll('mjx-container [href]')].map(a => a.getAttribute('href'))")
    assert "javascript:alert(1)" not in links
    toc = page.locator("#toc").inner_text()
    assert "Tests of softmax()" in toc and "Test cell" not in toc
