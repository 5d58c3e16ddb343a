"""`nndl similarity`: disguised copies are found, independent work and starter code are not flagged."""
import csv
import json
import random
import shutil
from pathlib import Path

import pytest

from nndl.cli import main
from nndl.simulate import filled_notebook, submit
from nndl.simulate_similarity import VARIANTS, disguise, with_body

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def course(tmp_path):
    for name in ("grader_config.py", "nbgrader_config.py"):
        shutil.copy(REPO / name, tmp_path / name)
    for kind in ("source", "release"):
        for name in ("w2_numpy_basics", "w3_planar_data"):
            shutil.copytree(REPO / kind / name, tmp_path / kind / name)
    return tmp_path


def cells(root, kind, assignment):
    nb = json.loads((root / kind / assignment / f"{assignment}.ipynb").read_text())
    return {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in nb["cells"]
            if c["metadata"].get("nbgrader", {}).get("solution")}


def written(root, assignment, pick, extra=""):
    """grade id -> cell: variant number ``pick(grade_id)`` of every function (with ``extra`` lines added)."""
    reference = cells(root, "source", assignment)
    out = {}
    for grade_id, variants in VARIANTS[assignment].items():
        out[grade_id] = with_body(reference[grade_id], variants[pick(grade_id) % len(variants)] + extra)
    return out


def hand_in(root, student, assignment, sources):
    submit(root, student, assignment, filled_notebook(root, assignment, mistakes=sources))


def similarity(root, *args):
    assert main(["--root", str(root), "similarity", *args]) == 0
    with open(root / "reports" / f"similarity_{args[0]}.csv") as f:
        return [r for r in csv.DictReader(f) if r["score"]]


@pytest.mark.parametrize("assignment", ["w2_numpy_basics", "w3_planar_data"])
def test_a_renamed_reordered_commented_copy_is_found(course, assignment):
    rng = random.Random(4)
    original = written(course, assignment, lambda g: 0, extra="    assert True, 'checked by hand'\n")
    starter = cells(course, "release", assignment)
    copy = {g: disguise(src, starter[g], rng) for g, src in original.items()}
    assert copy != original and all("# my own work" in c for c in copy.values())
    hand_in(course, "alice", assignment, original)
    hand_in(course, "mallory", assignment, copy)
    hand_in(course, "carol", assignment, written(course, assignment, lambda g: 1))
    pairs = similarity(course, assignment)
    assert [(p["a"], p["b"]) for p in pairs] == [("alice", "mallory")]
    assert float(pairs[0]["score"]) > 0.9
    assert set(pairs[0]["functions_alike"].split()) == set(VARIANTS[assignment])
    page = course / "reports" / pairs[0]["page"]
    assert "class='match'" in page.read_text()
    assert "alice__mallory.html" in (page.parent / "index.html").read_text()


def test_independent_differently_written_solutions_are_not_flagged(course):
    for assignment in ("w2_numpy_basics", "w3_planar_data"):
        hand_in(course, "alice", assignment, written(course, assignment, lambda g: 0))
        hand_in(course, "bob", assignment, written(course, assignment, lambda g: 1))
        hand_in(course, "carol", assignment, written(course, assignment, lambda g: 2))
        assert similarity(course, assignment, "--threshold", "0.3") == []


def test_the_reference_solution_is_information_not_a_copy(course):
    for student in ("alice", "bob", "carol"):
        submit(course, student, "w2_numpy_basics", filled_notebook(course, "w2_numpy_basics"))
    assert similarity(course, "w2_numpy_basics") == []
    with open(course / "reports" / "similarity_w2_numpy_basics.csv") as f:
        rows = list(csv.DictReader(f))
    assert [(r["a"], r["b"]) for r in rows] == [(s, "(reference solution)") for s in ("alice", "bob", "carol")]


def test_blank_submissions_are_skipped_with_a_note(course, capsys):
    for student in ("alice", "bob", "carol"):
        submit(course, student, "w3_planar_data", filled_notebook(course, "w3_planar_data", blank=True))
    assert similarity(course, "w3_planar_data", "--threshold", "0.01") == []
    out = capsys.readouterr().out
    assert out.count("blank: nothing written beyond the starter code") == 3


def test_a_copy_of_a_known_py_file_is_named_by_it(course, tmp_path_factory):
    assignment = "w2_numpy_basics"
    published = written(course, assignment, lambda g: 3, extra="    assert 1 > 0\n")
    repo = tmp_path_factory.mktemp("known") / "someone" / "dl-course"
    (repo / "week2").mkdir(parents=True)
    (repo / "week2" / "numpy_basics.py").write_text(
        "import math\nimport numpy as np\n\n" + "\n\n".join(published.values()))
    (repo / "README.md").write_text("solutions")
    starter = cells(course, "release", assignment)
    rng = random.Random(1)
    hand_in(course, "mallory", assignment, {g: disguise(s, starter[g], rng) for g, s in published.items()})
    hand_in(course, "alice", assignment, written(course, assignment, lambda g: 0))
    pairs = similarity(course, assignment, "--against", str(repo.parent))
    assert [(p["a"], p["b"], p["b_is_known_solution"]) for p in pairs] == \
        [("mallory", "dl-course/week2/numpy_basics.py", "True")]
    assert set(pairs[0]["functions_alike"].split()) == set(VARIANTS[assignment])


def test_pages_escape_what_a_student_wrote_and_the_csv_runs_no_formula(course):
    assignment = "w2_numpy_basics"
    hostile = "    note = '<script>alert(1)</script>'  # </pre><script>x()</script>\n"
    work = written(course, assignment, lambda g: 1, extra=hostile)
    hand_in(course, "=HYPERLINK(1)", assignment, work)
    hand_in(course, "<img src=x onerror=alert(2)>", assignment, work)
    pairs = similarity(course, assignment)
    assert [(p["a"], p["b"]) for p in pairs] == [("<img src=x onerror=alert(2)>", "'=HYPERLINK(1)")]
    pages = list((course / "reports" / "similarity" / assignment).glob("*.html"))
    assert len(pages) == 2  # the pair and the index
    for page in pages:
        text = page.read_text()
        assert "<script" not in text and "<img" not in text and "http" not in text
    pair_page = next(p for p in pages if p.name != "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pair_page


def test_symlinked_submissions_are_not_read(course, capsys):
    assignment = "w3_planar_data"
    work = written(course, assignment, lambda g: 2, extra="    assert True\n")
    hand_in(course, "alice", assignment, work)
    (course / "submitted" / "eve").symlink_to(course / "submitted" / "alice")
    notebook = course / "submitted" / "bob" / assignment / f"{assignment}.ipynb"
    notebook.parent.mkdir(parents=True)
    notebook.symlink_to(course / "submitted" / "alice" / assignment / f"{assignment}.ipynb")
    assert similarity(course, assignment, "--threshold", "0.01") == []
    out = capsys.readouterr().out
    assert "not compared: eve: a symbolic link (not read)" in out
    assert f"not compared: bob: {assignment}.ipynb is a symbolic link (not read)" in out
    # the same work handed in as a real file is found: the links alone hid nothing
    shutil.copy(notebook.resolve(), course / "real.ipynb")
    notebook.unlink()
    shutil.copy(course / "real.ipynb", notebook)
    assert [(p["a"], p["b"]) for p in similarity(course, assignment)] == [("alice", "bob")]


def test_what_much_of_the_class_writes_is_not_evidence(course):
    """25 students write the same (non-reference) way, with nothing of their own: no pair is flagged;
    two of them who share a habit of their own in every function are."""
    assignment = "w2_numpy_basics"
    same = written(course, assignment, lambda g: 1)
    for k in range(25):
        hand_in(course, f"s{k:02d}", assignment, same)
    assert similarity(course, assignment) == []
    habit = written(course, assignment, lambda g: 1, extra="    assert np.ndim(x) >= 0, 'a habit of mine'\n")
    hand_in(course, "s00", assignment, habit)
    hand_in(course, "s01", assignment, habit)
    pairs = similarity(course, assignment)
    assert [(p["a"], p["b"]) for p in pairs] == [("s00", "s01")]
    assert float(pairs[0]["chance_pairs"]) < 1


def test_a_copy_of_a_known_notebook_is_found(course, tmp_path_factory):
    assignment = "w3_planar_data"
    published = written(course, assignment, lambda g: 1, extra="    assert True, 'published'\n")
    repo = tmp_path_factory.mktemp("known")
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": "%matplotlib inline\nimport numpy as np"}]
          + [{"cell_type": "code", "metadata": {}, "outputs": [], "source": s} for s in published.values()],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (repo / "Planar data classification.ipynb").write_text(json.dumps(nb))
    hand_in(course, "mallory", assignment, published)
    hand_in(course, "alice", assignment, written(course, assignment, lambda g: 0))
    pairs = similarity(course, assignment, "--against", str(repo))
    assert [(p["a"], p["b"]) for p in pairs] == [("mallory", "Planar data classification.ipynb")]
