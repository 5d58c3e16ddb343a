"""Plain nbgrader commands, run at the course root, use the course's configuration."""
import csv
import subprocess
import sys

from nndl.mistakes import MISTAKES
from nndl.simulate import filled_notebook, scores, submit
from support import course_copy

A = "w2_numpy_basics"


def nbgrader(root, *args):
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, capture_output=True, text=True)


def test_plain_nbgrader_autograde_and_export_use_the_hidden_checks(tmp_path):
    root = course_copy(tmp_path, [A])
    submit(root, "good", A, filled_notebook(root, A))
    submit(root, "wrong", A, filled_notebook(root, A, mistakes={"softmax": MISTAKES[A]["softmax"]},
                                               extra_code={"softmax": "np.allclose = lambda *a, **k: True"}))
    result = nbgrader(root, "autograde", A)
    assert result.returncode == 0, result.stderr[-3000:]
    assert sum(s for s, _ in scores(root, A, "good").values()) == 14
    wrong = scores(root, A, "wrong")
    assert wrong["softmax_tests"][0] < 3 and sum(s for s, _ in wrong.values()) < 14
    assert nbgrader(root, "export").returncode == 0
    rows = {r["student_id"]: float(r["score"]) for r in csv.DictReader(open(root / "grades.csv"))}
    assert rows["good"] == 14.0 and rows["wrong"] < 14.0


def test_the_course_id_and_gradebook_come_from_grader_config(tmp_path):
    root = course_copy(tmp_path, [A])
    result = nbgrader(root, "db", "assignment", "list")
    assert result.returncode == 0 and A in result.stdout + result.stderr
    assert (root / "gradebook.db").exists()


def test_plain_autograde_raises_no_false_alarm_for_untouched_test_cells(tmp_path):
    root = course_copy(tmp_path, [A])
    submit(root, "good", A, filled_notebook(root, A))
    nb = filled_notebook(root, A)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "L1_tests")
    cell.source += "\nprint('edited by the student')"
    submit(root, "editor", A, nb)
    result = nbgrader(root, "autograde", A)
    assert result.returncode == 0, result.stderr[-3000:]
    alarms = [line for line in result.stderr.splitlines() if "has changed!" in line]
    assert len(alarms) == 1 and "L1_tests" in alarms[0]  # only the cell the student really edited
    assert sum(s for s, _ in scores(root, A, "good").values()) == 14
