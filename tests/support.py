"""Helpers for the end-to-end tests: a throwaway course folder, real nbgrader, real kernels."""
import functools
import io
import os
import shutil
import tempfile
from contextlib import contextmanager

import pytest
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from nndl.build.notebook_text import read_authored
from nndl.course import REPO_ROOT, nbgrader_api
from nndl.grading.specs import hidden_region
from nndl.simulate import scores, submit

COURSE_FILES = ["grader_config.py", "nbgrader_config.py"]
TOKEN = "nndl-test-token"


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url, path, method="GET"):
    """A request to a Jupyter server's API with the tests' token; the decoded JSON answer."""
    import json
    import urllib.request

    request = urllib.request.Request(url + path, method=method, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


@contextmanager
def jupyter_server(root, app="server", env=None, log=None):
    """A real Jupyter server (with nbgrader's formgrader) at the course root; yields its URL.

    ``app="lab"`` starts JupyterLab instead, as ``make lab`` does; ``env`` is its environment
    (default: the tests', with the course's ``jupyter/`` configuration); ``log`` a file for its output."""
    import subprocess
    import sys
    import time

    port = free_port()
    if env is None:  # the course's Jupyter configuration, as `make lab` uses it (the formgrader's page policy)
        env = dict(os.environ, JUPYTER_CONFIG_PATH=str(REPO_ROOT / "jupyter"))
    out = open(log, "w") if log else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-m", "jupyter", app, "--no-browser", f"--port={port}",
                             "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={TOKEN}", "--allow-root"],
                            cwd=root, stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(60):  # bounded wait for the server to answer
            try:
                call(url, "/api/status")
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if log:
            out.close()


def tls_flags(certs, role):
    """The `dask scheduler`/`dask worker` flags that make it speak TLS with ``certs``' ``role`` certificate."""
    return (f"--tls-ca-file {certs.ca} --tls-cert {certs.cert(role)} --tls-key {certs.key(role)}" if certs else "")


@contextmanager
def dask_cluster(tmp_path, worker_shell="exec {worker}", env=None, certs=None, worker_certs=None):
    """A `dask scheduler` and one `dask worker`, started as programs, the worker by ``sh -c worker_shell``
    (``{worker}``: its command line) with ``env`` added to its environment; yields the scheduler's address.

    With ``certs`` (a course's :class:`~nndl.pipeline.certificates.Certificates`) the scheduler speaks TLS only,
    with the course's scheduler certificate, and the worker presents ``worker_certs``' (default: ``certs``)."""
    import json
    import subprocess
    import sys
    import time

    state = tmp_path / "scheduler.json"
    scheduler = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                 "--no-dashboard", "--scheduler-file", str(state)]
    if certs:
        scheduler += ["--protocol", "tls"] + tls_flags(certs, "scheduler").split()
    procs = [subprocess.Popen(scheduler, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(120):
            if state.exists() and state.stat().st_size:
                break
            time.sleep(0.25)
        worker = (f"{sys.executable} -m distributed.cli.dask_worker --scheduler-file {state} --nthreads 1 "
                  f"--nworkers 1 --no-dashboard --local-directory {tmp_path / 'worker'} "
                  f"{tls_flags(worker_certs or certs, 'worker')}")
        procs.append(subprocess.Popen(["sh", "-c", worker_shell.format(worker=worker)],
                                      env={**os.environ, **(env or {})},
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        yield json.loads(state.read_text())["address"]
    finally:
        stop(procs)


CHROMIUM = os.environ.get("NNDL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = REPO_ROOT / "artifacts" / "browser"


@contextmanager
def chromium():
    """Debian's Chromium, headless, driven by Playwright (whose own browser download is not used);
    the test is skipped, saying why, where either is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's (`apt-get install chromium`, as .ci/run does) "
                    "or set NNDL_CHROMIUM to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def browser_tab(browser, name, timeout=60_000):
    """A fresh tab of ``browser`` (1400 x 1000, its own context: ``tab.context``); ``tab.shot(label)`` saves a
    screenshot under artifacts/browser/<name>/, and one more, "last", is saved when the test ends."""
    import re

    folder = SCREENSHOTS / re.sub(r"[^\w.-]", "_", name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(timeout)
    shots = iter(range(1, 100))
    tab.shot = lambda label: tab.screenshot(path=str(folder / f"{next(shots):02d}-{label}.png"))
    try:
        yield tab
    finally:
        tab.shot("last")
        context.close()


def stop(procs, timeout=20):
    """End the programs a test started, the last started first (killed if they do not end in ``timeout`` s)."""
    import subprocess

    for proc in reversed(procs):
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()


def course_copy(dest, assignments, extra_config=""):
    """A course folder at ``dest`` with the committed source/ and release/ of ``assignments``.

    The assignments are registered in a fresh gradebook by real
    ``nbgrader generate_assignment``.  ``extra_config`` is appended to the
    copied grader_config.py (shorter time limits for tests, say).
    """
    dest = Path(dest)
    for name in COURSE_FILES:
        shutil.copy(REPO_ROOT / name, dest / name)
    if extra_config:
        with open(dest / "grader_config.py", "a") as f:
            f.write("\n" + extra_config + "\n")
    (dest / "notebooks").mkdir(exist_ok=True)
    shutil.copy(REPO_ROOT / "notebooks" / "mistakes.toml", dest / "notebooks")  # the mistakes grading names
    for name in assignments:
        shutil.copy(REPO_ROOT / "notebooks" / f"{name}.py", dest / "notebooks")
        shutil.copytree(REPO_ROOT / "source" / name, dest / "source" / name)
        result = nbgrader_api(dest).generate_assignment(name, force=True)
        assert result["success"], result["log"]
    return dest


def grade_class(root, assignment, notebooks):
    """Submit ``notebooks`` (student id -> notebook) and grade them as ``nndl grade`` does (real nbgrader
    in each worker, two workers), without feedback pages.  Plain ``nbgrader autograde`` is tested
    in tests/test_nbgrader_cli.py.

    Returns ``(results, full)``: student id -> {grade id: score}, and grade id -> max score.
    """
    from nndl.pipeline.autograde import grade_class as grade_on_workers

    for student, nb in notebooks.items():
        submit(root, student, assignment, nb)
    outcomes = grade_on_workers(root, [(student, assignment) for student in notebooks], workers=2, feedback=False,
                                stream=io.StringIO())
    failed = [(o.student, [str(p) for p in o.problems]) for o in outcomes if not o.graded]
    assert not failed, failed
    results, full = {}, {}
    for student in notebooks:
        graded = scores(root, assignment, student)
        results[student] = {gid: score for gid, (score, _) in graded.items()}
        full = {gid: top for gid, (_, top) in graded.items()}
    return results, full


def solution_run(name):
    """The release of ``name`` with the solutions filled in, run top to bottom in a real kernel with this
    environment's NNDL_DATA_DIR: run once per test session (the later notebooks train for a minute),
    in a folder of its own.  Raises on the first error; the executed notebook is shared, do not change it."""
    return _solution_run(name, os.environ.get("NNDL_DATA_DIR"))


@functools.cache
def _solution_run(name, data_dir):
    from nndl.simulate import filled_notebook

    folder = Path(tempfile.mkdtemp(prefix=f"nndl-solution-{name}-")) / name
    shutil.copytree(REPO_ROOT / "release" / name, folder)
    nbformat.write(filled_notebook(REPO_ROOT, name), folder / f"{name}.ipynb")
    return execute(folder / f"{name}.ipynb", timeout=900)


def output_text(nb):
    """Everything an executed notebook printed, in order."""
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def quoted(name):
    """The notebook's text as authored (``notebooks/<name>.py``), its comment lines joined and its spaces
    evened out, for checking what it quotes."""
    lines = (REPO_ROOT / "notebooks" / f"{name}.py").read_text().splitlines()
    return " ".join(" ".join(line[2:] if line.startswith("# ") else line for line in lines).split())


def autograded_notebook(root, assignment, student):
    return nbformat.read(Path(root) / "autograded" / student / assignment / f"{assignment}.ipynb", as_version=4)


def execute(path, timeout=600):
    """Run a notebook top to bottom in a real kernel, in its own folder; raises on the first error."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    return nb


def root_assignment(root):
    """The one assignment of a test course."""
    return next(p.name for p in (Path(root) / "source").iterdir() if p.is_dir())


def feedback_text(root, assignment, student, grade_id):
    """What a student reads under one test cell of their autograded notebook (lines joined: the
    verdict is wrapped for reading, and a phrase may continue on the next line)."""
    nb = autograded_notebook(root, assignment, student)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return " ".join("".join(o.get("text", "") for o in cell.outputs).split())


def lost_points(results, full, student):
    """The grade ids on which ``student`` scored less than full marks."""
    return {gid for gid, score in results[student].items() if score < full[gid]}


def secret_lines(name, kinds=("solution", "hidden")):
    """Distinctive lines of the reference solutions and/or of the hidden tests of one assignment."""
    nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
    lines = set()
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and "solution" in kinds:
            region = cell.source.split("### BEGIN SOLUTION")[1:]
            lines |= {l.strip() for part in region for l in part.split("### END SOLUTION")[0].splitlines()}
        if meta.get("grade") and "hidden" in kinds:
            lines |= {l.strip() for l in hidden_region(cell.source).splitlines()}
    if kinds == ("hidden",):  # a hidden-test line that the notebook's own code also has is no secret
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code"
                         and not c.metadata.get("nbgrader", {}).get("grade"))
        lines = {l for l in lines if l not in code}
    # short or generic lines (e.g. "return s", "pass") say nothing about the answer, nor do lines that
    # the public modules shipped to every student contain anyway
    public = "\n".join(p.read_text() for p in (REPO_ROOT / "nndl" / "student_files").glob("*.py"))
    return {l for l in lines if len(l) >= 20 and not l.startswith("#") and l not in public}


def grade_mistakes(tmp_path_factory, assignment, mistakes, more=None, extra=None, classic=None, equivalent=None):
    """Grade a typical class of one assignment with real nbgrader: the solution, the blank
    release, one student per mistake ("mistake_<grade id>"), per further mistake of the
    catalogue (``nndl.mistakes.MORE``, student "more_<name>") and of the test module
    (``more``: name -> (grade id, change), student "more_<name>" too), the solution written the
    classic course's way (``classic``: grade id -> source, student "classic") and each
    equivalent answer (``equivalent``: name -> (grade id, change), "equivalent_<name>").
    ``extra(root)`` may add notebooks of its own.  Returns ``(root, results, full)`` as
    :func:`grade_class`."""
    from nndl.mistakes import MORE
    from nndl.simulate import filled_notebook

    catalogued = {m.name: (m.grade_id, (m.old, m.new)) for m in MORE.get(assignment, [])}
    assert not set(catalogued) & set(more or {}), "a mistake of the test module has a catalogued mistake's name"
    root = course_copy(tmp_path_factory.mktemp("course"), [assignment])
    notebooks = {"solution": filled_notebook(root, assignment), "blank": filled_notebook(root, assignment, blank=True)}
    for grade_id, change in mistakes.items():
        notebooks[f"mistake_{grade_id}"] = filled_notebook(root, assignment, mistakes={grade_id: change})
    for name, (grade_id, change) in {**catalogued, **(more or {})}.items():
        notebooks[f"more_{name}"] = filled_notebook(root, assignment, mistakes={grade_id: change})
    if classic:
        notebooks["classic"] = filled_notebook(root, assignment, mistakes=classic)
    for name, (grade_id, change) in (equivalent or {}).items():
        notebooks[f"equivalent_{name}"] = filled_notebook(root, assignment, mistakes={grade_id: change})
    notebooks.update(extra(root) if extra else {})
    results, full = grade_class(root, assignment, notebooks)
    return root, results, full


def catalogued_mistake(assignment, name):
    from nndl.mistakes import MORE

    return next(m for m in MORE[assignment] if m.name == name)


SELF_CHECKS = ("self_check",)  # grade ids of the weekly self-checks (nndl.grading.judges.quiz)


class GradingContract:
    """What every notebook's grading must do, through real nbgrader; a test module subclasses it as
    ``TestGrading`` next to a module-level ``graded`` fixture (see :func:`grade_mistakes`) and sets

    * ``ASSIGNMENT``: its name (every mistake that ``nndl.mistakes.MORE`` catalogues for it is
      graded as a student of its own and must lose points on its function and on those of its
      ``also``, nowhere else, with its diagnosis in the feedback of its function);
    * ``MISTAKES``: grade id -> change, one plausible mistake per graded function;
    * ``POINTS``: grade id -> points of its test cell;
    * ``MORE``: name -> (grade id, change) or (grade id, change, test cells that lose points);
    * ``CLASSIC``: solution grade id -> source written the classic course's way (the ``graded``
      fixture submits it as student "classic"), and ``EQUIVALENT``: name -> (grade id, change),
      answers that differ from the reference but are right (students "equivalent_<name>").

    ``tests/conftest.py`` makes one test per mistake and per equivalent answer.
    """

    ASSIGNMENT = ""
    MISTAKES, POINTS, MORE, CLASSIC, EQUIVALENT = {}, {}, {}, {}, {}

    def test_solution_scores_full_marks(self, graded):
        _, results, full = graded
        assert results["solution"] == full
        assert full == {f"{g}_tests": p for g, p in self.POINTS.items()}

    def test_blank_release_scores_zero(self, graded):
        _, results, _ = graded
        assert set(results["blank"].values()) == {0.0}

    def test_each_mistake_loses_points_on_its_function_only(self, graded, grade_id):
        _, results, full = graded
        assert lost_points(results, full, f"mistake_{grade_id}") == {f"{grade_id}_tests"}

    def test_each_mistake_is_named_in_its_feedback(self, graded, grade_id):
        from nndl.mistakes import DIAGNOSES

        root, _, _ = graded
        assignment = root_assignment(root)
        diagnosis = DIAGNOSES.get(assignment, {}).get(grade_id)
        assert diagnosis, f"mistake {grade_id} of {assignment} has no diagnosis in notebooks/mistakes.toml"
        assert diagnosis in feedback_text(root, assignment, f"mistake_{grade_id}", f"{grade_id}_tests")

    def test_every_graded_function_has_at_least_three_catalogued_mistakes(self):
        from collections import Counter

        from nndl.mistakes import catalogue

        counts = Counter(m.grade_id for m in catalogue(self.ASSIGNMENT))
        # a self-check is no function: its judge has a message for every wrong answer (tests/test_quiz.py)
        functions = [g for g in self.POINTS if g not in SELF_CHECKS]
        assert {g: counts[g] for g in functions if counts[g] < 3} == {}

    def test_each_catalogued_mistake_loses_points_where_expected(self, graded, catalogued):
        _, results, full = graded
        mistake = catalogued_mistake(self.ASSIGNMENT, catalogued)
        expected = {f"{g}_tests" for g in (mistake.grade_id, *mistake.also)}
        assert lost_points(results, full, f"more_{catalogued}") == expected

    def test_each_catalogued_mistake_is_named_in_its_feedback(self, graded, catalogued):
        root, _, _ = graded
        mistake = catalogued_mistake(self.ASSIGNMENT, catalogued)
        text = feedback_text(root, self.ASSIGNMENT, f"more_{catalogued}", f"{mistake.grade_id}_tests")
        assert f"Likely mistake: {mistake.diagnosis}" in text

    def test_classic_solution_scores_full_marks(self, graded):
        _, results, full = graded
        if not self.CLASSIC:
            pytest.skip("this notebook matches the classic contract without a separate classic solution")
        assert set(self.CLASSIC) <= set(self.POINTS) and results["classic"] == full

    def test_equivalent_answers_score_full_marks(self, graded, equivalent):
        _, results, full = graded
        assert results[f"equivalent_{equivalent}"] == full

    def test_more_mistakes_lose_points_where_expected(self, graded, name):
        _, results, full = graded
        entry = self.MORE[name]
        losers = entry[2] if len(entry) > 2 else [entry[0]]
        assert lost_points(results, full, f"more_{name}") == {f"{g}_tests" for g in losers}
