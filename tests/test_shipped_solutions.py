"""The release order: the course's own module of w4_deep_network's reference solutions (dnn_steps.py,
shipped with w4_deep_application) neither leaves early nor earns points when handed back in."""
import datetime
import os
import shutil
import subprocess
import sys

import pytest
from nbgrader.api import Gradebook

from nndl.course import REPO_ROOT, nbgrader_api
from nndl.grading.shipped_solutions import is_shipped_solution, shipped_solutions
from nndl.pipeline.autograde import grade_class
from nndl.simulate import filled_notebook, scores, submit
from support import course_copy

pytestmark = pytest.mark.security
A, APPLICATION = "w4_deep_network", "w4_deep_application"
MODULE = REPO_ROOT / "release" / APPLICATION / "dnn_steps.py"


def importing(root, module):
    """The blank release notebook with every solution cell's stub replaced by ``from <module> import *``."""
    nb = filled_notebook(root, A, blank=True)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code":
            cell.source = f"from {module} import *"
    return nb


@pytest.fixture(scope="module")
def copied_class(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("course"), [A, APPLICATION])
    submit(root, "blank", A, filled_notebook(root, A, blank=True))
    folder = submit(root, "copied_module", A, importing(root, "dnn_steps"))
    shutil.copy(MODULE, folder / "dnn_steps.py")
    folder = submit(root, "renamed_module", A, importing(root, "my_steps"))
    (folder / "my_steps.py").write_text("# my own work\n" + MODULE.read_text().replace('"""Functions from', '"""Mine'))
    folder = submit(root, "solution", A, filled_notebook(root, A))
    (folder / "notes.py").write_text("def helper(x):\n    return 2 * x\n")  # an unrelated file is taken in
    outcomes = {o.student: o for o in grade_class(root, workers=2)}
    return root, outcomes


@pytest.mark.parametrize("student", ["copied_module", "renamed_module"])
def test_a_submission_importing_the_shipped_solutions_scores_like_the_blank_it_is(copied_class, student):
    root, outcomes = copied_class
    assert scores(root, A, student) == scores(root, A, "blank")
    assert any("not taken in" in p.text for p in outcomes[student].problems), outcomes[student].problems
    assert sum(s for s, _ in scores(root, A, "solution").values()) > sum(s for s, _ in scores(root, A, student).values())


def test_honest_work_and_its_own_files_are_untouched(copied_class):
    root, outcomes = copied_class
    assert all(score == top for score, top in scores(root, A, "solution").values())
    assert not any("not taken in" in p.text for p in outcomes["solution"].problems)


def test_the_filter_knows_the_shipped_module_by_name_and_by_content():
    course = shipped_solutions(REPO_ROOT, A)
    data = MODULE.read_bytes()
    assert is_shipped_solution("dnn_steps.py", b"", course)
    assert is_shipped_solution("anything.py", data, course)
    assert is_shipped_solution("anything.py", b"def helper(x):\n    return 2 * x\n", course) is None
    assert is_shipped_solution("dnn_steps.py", data, shipped_solutions(REPO_ROOT, APPLICATION)) is None


def nndl_build(root, *args, env=None):
    return subprocess.run([sys.executable, "-m", "nndl.cli", "--root", str(root), "build", *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=600)


def set_due(root, assignment, when):
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        gb.update_or_create_assignment(assignment, duedate=when)


def test_building_the_application_before_the_step_by_step_deadline_refuses(tmp_path):
    root = tmp_path
    for name in ("grader_config.py", "nbgrader_config.py"):
        shutil.copy(REPO_ROOT / name, root)
    (root / "notebooks").mkdir()
    for name in (A, APPLICATION):
        shutil.copy(REPO_ROOT / "notebooks" / f"{name}.py", root / "notebooks")
    assert nndl_build(root, A).returncode == 0
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)

    refused = nndl_build(root, APPLICATION)  # no due date recorded
    assert refused.returncode != 0 and "due date" in refused.stderr and "Traceback" not in refused.stderr
    assert not (root / "release" / APPLICATION / "dnn_steps.py").exists()

    set_due(root, A, now + datetime.timedelta(days=2))
    refused = nndl_build(root, APPLICATION)
    assert refused.returncode != 0 and "has not passed" in refused.stderr
    assert not (root / "release" / APPLICATION / "dnn_steps.py").exists()

    assert nndl_build(root, APPLICATION, env={"NNDL_RELEASE_BEFORE_DEADLINE": "1"}).returncode == 0  # on purpose

    set_due(root, A, now - datetime.timedelta(minutes=1))
    shutil.rmtree(root / "release" / APPLICATION)
    built = nndl_build(root, APPLICATION)
    assert built.returncode == 0, built.stderr
    assert (root / "release" / APPLICATION / "dnn_steps.py").exists()


def test_the_plain_nbgrader_autograde_command_leaves_the_shipped_module_out_too(copied_class):
    """nbgrader copies every handed-in file into the graded folder; the jail must still not find dnn_steps."""
    root, _ = copied_class
    before = scores(root, A, "blank")
    result = nbgrader_api(root).autograde(A, "copied_module", force=True)
    assert result["success"], result["log"]
    assert scores(root, A, "copied_module") == before
    assert not (root / "autograded" / "copied_module" / A / "dnn_steps.py").exists()
