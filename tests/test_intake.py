"""Taking in submitted/: no submission or student folder can stop the class or read the course.

One class, graded once through ``nndl grade`` (real nbgrader, real jail), holds an honest student
beside every attack on the reading of submitted/: deep JSON, a FIFO, links into source/, stray
entries, and notebooks handed in under another name.  Plain ``nbgrader autograde`` and
``nndl collect`` are attacked with links too.
"""
import contextlib
import io
import json
import os
import subprocess
import sys
import zipfile

import nbformat
import pytest

from nndl.cli import main
from nndl.simulate import filled_notebook, scores, submit
from support import course_copy, secret_lines

A = "w2_numpy_basics"
SHORT_LIMITS = """
c.CourseSettings.timeout = 90
c.CourseSettings.cell_timeout = 4
c.CourseSettings.call_timeout = 4
"""
DEEP = "[" * 200_000 + "]" * 200_000
ATTACKERS = ["link_notebook", "link_student", "link_assignment"]


def _deep_in_metadata(nb):
    text = nbformat.writes(nb)
    at = text.index('"nbgrader": {') + len('"nbgrader": {')
    return text[:at] + f'"deep": {DEEP}, ' + text[at:]


def build_class(root):
    solution = filled_notebook(root, A)
    submit(root, "honest", A, solution)
    submit(root, "deep_cells", A, '{"cells": [' + DEEP + '], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    submit(root, "deep_metadata", A, _deep_in_metadata(solution))
    nested = '{"cells": [], "metadata": {"deep": ' + "[" * 500 + "]" * 500 + '}, "nbformat": 4, "nbformat_minor": 5}'
    submit(root, "nested_500", A, nested)  # Python's parser takes it; nbformat and nbgrader might not

    fifo = root / "submitted" / "fifo" / A
    fifo.mkdir(parents=True)
    os.mkfifo(fifo / f"{A}.ipynb")  # opening it would block the grader for ever
    (root / "submitted" / "fifo_folder").mkdir()
    os.mkfifo(root / "submitted" / "fifo_folder" / A)

    folder = root / "submitted" / "link_notebook" / A
    folder.mkdir(parents=True)
    (folder / f"{A}.ipynb").symlink_to(f"../../../source/{A}/{A}.ipynb")
    (root / "submitted" / "link_student").symlink_to("../source")
    (root / "submitted" / "link_assignment").mkdir()
    (root / "submitted" / "link_assignment" / A).symlink_to(f"../../source/{A}")

    (root / "submitted" / "notes.txt").write_text("remember to grade")
    (root / "submitted" / ".ipynb_checkpoints").mkdir()
    (root / "submitted" / "honest" / "not_an_assignment").mkdir()

    for student, names in {"renamed": [f"{A}-Copy1.ipynb"], "two_copies": [f"{A}-Copy1.ipynb", f"{A} (1).ipynb"],
                           "untitled": ["Untitled.ipynb"]}.items():
        folder = root / "submitted" / student / A
        folder.mkdir(parents=True)
        for name in names:
            nbformat.write(solution, folder / name)
    wrong = filled_notebook(root, A, mistakes={"sigmoid": ("1 / (1 + np.exp(-x))", "1 / (1 - np.exp(-x))")})
    (root / "submitted" / "renamed_wrong" / A).mkdir(parents=True)
    nbformat.write(wrong, root / "submitted" / "renamed_wrong" / A / "my work.ipynb")
    (root / "submitted" / "unrelated" / A).mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('hello')")]),
                   root / "submitted" / "unrelated" / A / "Untitled.ipynb")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("course"), [A], extra_config=SHORT_LIMITS)
    build_class(root)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["--root", str(root), "grade", "--workers", "2"])
    return root, status, out.getvalue()


def total(root, student):
    return sum(score for score, _ in scores(root, A, student).values()), \
        sum(top for _, top in scores(root, A, student).values())


def notes(report, name):
    return [line for line in report.splitlines() if line.strip().startswith(f"{name} /")]


def test_the_class_is_graded_and_the_honest_student_gets_full_marks(graded):
    root, status, report = graded
    assert status == 0, report
    got, top = total(root, "honest")
    assert got == top > 0


@pytest.mark.security
@pytest.mark.parametrize("student, words", [("deep_cells", "nested"), ("deep_metadata", "nested"),
                                            ("nested_500", "nested"), ("fifo", "unreadable")])
def test_a_pathological_notebook_scores_zero_and_is_named(graded, student, words):
    root, _, report = graded
    assert any(words in line for line in notes(report, student)), report
    assert total(root, student)[0] == 0
    page = root / "feedback" / student / A / f"{A}.html"
    assert words in page.read_text()


@pytest.mark.security
@pytest.mark.parametrize("name, words", [("fifo_folder", "not a folder"), ("notes.txt", "not a folder"),
                                         (".ipynb_checkpoints", ""), ("honest", "not_an_assignment is not an assignment"),
                                         ("link_student", "symbolic link"), ("link_assignment", "symbolic link")])
def test_stray_entries_and_links_in_submitted_are_set_aside_with_a_note(graded, name, words):
    _, _, report = graded
    assert any(words in line for line in notes(report, name)) or (not words and not notes(report, name)), report


@pytest.mark.security
@pytest.mark.parametrize("student", ATTACKERS)
def test_links_into_the_course_score_nothing_and_leak_nothing(graded, student):
    root, _, report = graded
    with contextlib.suppress(Exception):
        assert total(root, student)[0] == 0
    secrets = secret_lines(A)
    assert secrets
    for folder in ("autograded", "feedback"):
        for path in (root / folder).glob(f"{student}/**/*"):
            if path.is_file():
                text = path.read_bytes().decode("utf-8", "replace")
                assert not [line for line in secrets if line in text], path
    assert any("symbolic link" in line for line in notes(report, student)), report


@pytest.mark.parametrize("student, note", [("renamed", f"graded {A}-Copy1.ipynb as {A}.ipynb"),
                                           ("renamed_wrong", f"graded my work.ipynb as {A}.ipynb")])
def test_a_notebook_under_another_name_is_graded_as_the_release_notebook(graded, student, note):
    root, _, report = graded
    assert any(note in line for line in notes(report, student)), report
    graded_scores = scores(root, A, student)
    lost = {gid for gid, (score, top) in graded_scores.items() if score < top}
    if student == "renamed":
        assert lost == set()
    else:
        assert "sigmoid_tests" in lost and len(lost) < len(graded_scores) / 2, lost


def test_two_candidate_notebooks_are_graded_and_flagged_for_review(graded):
    root, _, report = graded
    lines = notes(report, "two_copies")
    assert any("review:" in line for line in lines) and any("graded " in line for line in lines), report
    got, top = total(root, "two_copies")
    assert got == top


def test_a_notebook_that_is_not_the_assignment_stays_not_submitted(graded):
    _, _, report = graded
    assert any("not submitted" in line for line in notes(report, "unrelated")), report


@pytest.mark.security
def test_nbgrader_autograde_at_the_course_root_refuses_a_linked_student(tmp_path):
    root = course_copy(tmp_path, [A], extra_config=SHORT_LIMITS)
    (root / "submitted").mkdir()
    (root / "submitted" / "mallory").symlink_to("../source")
    folder = root / "submitted" / "eve" / A
    folder.mkdir(parents=True)
    (folder / f"{A}.ipynb").symlink_to(f"../../../source/{A}/{A}.ipynb")
    submit(root, "honest", A, filled_notebook(root, A))
    result = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", A], cwd=root, capture_output=True,
                            text=True)
    assert result.returncode != 0
    assert "mallory" in result.stderr and "symbolic link" in result.stderr, result.stderr[-3000:]
    assert "eve" in result.stderr
    got, top = total(root, "honest")
    assert got == top > 0  # the others are graded
    secrets = secret_lines(A)
    for student in ("mallory", "eve"):
        for path in (root / "autograded").glob(f"{student}/**/*"):
            if path.is_file():
                assert not [line for line in secrets if line in path.read_text(errors="replace")], path


@pytest.mark.security
def test_collect_never_follows_a_link_nor_a_member_outside_the_archive(tmp_path, capsys):
    from nndl.pipeline.collect import collect_download

    (tmp_path / "course").mkdir()
    root = course_copy(tmp_path / "course", [A])
    download = tmp_path / "download"
    download.mkdir()
    nbformat.write(filled_notebook(root, A, blank=True), download / f"s001__{A}.ipynb")
    (download / f"s002__{A}.ipynb").symlink_to(root / "source" / A / f"{A}.ipynb")
    with zipfile.ZipFile(download / "more.zip", "w") as z:
        z.writestr(f"../s003__{A}.ipynb", nbformat.writes(filled_notebook(root, A, blank=True)))
        z.writestr(f"s004__{A}.ipynb", nbformat.writes(filled_notebook(root, A, blank=True)))
    assert collect_download(root, A, download) == ["s001", "s004"]
    err = capsys.readouterr().err
    assert f"s002__{A}.ipynb: a symbolic link, not followed" in err and "s003" in err and "'..'" in err, err
    assert not (root / "submitted" / "s002").exists()
    secrets = secret_lines(A)
    for path in (root / "submitted").rglob("*.ipynb"):
        assert not [line for line in secrets if line in path.read_text()], path


def test_the_worker_turns_a_notebook_its_parser_cannot_take_into_a_problem(tmp_path):
    """Defence in depth: ``nndl grade`` never sends such a notebook, but a worker that got one reports it."""
    from nndl.pipeline import worker
    from nndl.pipeline.bundle import make_bundle
    from nndl.pipeline.preflight import preflight
    from nndl.pipeline.worker import Submission

    root = course_copy(tmp_path, [A], extra_config=SHORT_LIMITS)
    bundle = make_bundle(root, A, preflight(root, [A]).cache_keys[A])
    deep = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    deep = deep[:-1] + ', "deep": ' + DEEP + "}"
    try:
        out = worker.grade_submission(bundle, Submission("deep", A, {f"{A}.ipynb": deep.encode()}), feedback=False)
    finally:
        worker.forget_courses()
    assert not out.graded and out.problems, out


@pytest.mark.security
@pytest.mark.parametrize("link", ["student", "assignment"])
def test_a_job_naming_a_linked_folder_is_refused_when_read(tmp_path, link):
    """``grade_class`` given jobs by hand (not found by find_submissions) still never reads through a link."""
    from nndl.pipeline.intake import read_submission

    root = course_copy(tmp_path, [A])
    (root / "submitted").mkdir()
    if link == "student":
        (root / "submitted" / "mallory").symlink_to("../source")
    else:
        (root / "submitted" / "mallory").mkdir()
        (root / "submitted" / "mallory" / A).symlink_to(f"../../source/{A}")
    submission, problems, pages = read_submission(root, "mallory", A, [A])
    assert submission is None and not pages
    assert [p.text for p in problems] == [f"submitted/mallory{'' if link == 'student' else '/' + A} is a symbolic "
                                          "link; links in submitted/ are never followed, so it was not read"]
