"""Week 2, numpy basics: the solution earns full marks, a blank notebook none, and each
typical mistake costs points on its own function only, through real nbgrader."""
import html

import pytest

from nndl.course import nbgrader_api
from nndl.mistakes import MISTAKES as CATALOG
from nndl.simulate import filled_notebook
from support import GradingContract, grade_mistakes, lost_points, output_text, quoted, secret_lines, solution_run

A = "w2_numpy_basics"

MISTAKES = CATALOG[A]

MORE_MISTAKES = {}

# right answers written another way: the classic course's L2 on its vectors of shape (m,) keeps every point
EQUIVALENT = {
    "L2_dot": ("L2", ("np.sum((y - yhat) ** 2)", "np.dot(y - yhat, y - yhat)")),
    "L2_sum_of_dot": ("L2", ("np.sum((y - yhat) ** 2)", "np.sum(np.dot(yhat - y, yhat - y))")),
}

CHEATS = {
    # patch numpy's comparison in the student's process
    "cheat_allclose": "np.allclose = lambda *a, **k: True\nnp.isclose = lambda a, b, **k: np.ones_like(a, dtype=bool)\n",
    # redefine the public check helper and the module it comes from
    # read the reference from the instructor's source/ folder next door, use it, and print it into the feedback
    "cheat_reads_source": ("import glob, json\n"
                           "for path in glob.glob('../../../source/*/*.ipynb') + glob.glob('../../source/*/*.ipynb'):\n"
                           "    for c in json.load(open(path))['cells']:\n"
                           "        code = ''.join(c['source'])\n"
                           "        print(code)\n"
                           "        if code.startswith('def softmax'):\n"
                           "            exec(code)\n"),
    "cheat_helpers": ("def expect(*args, **kwargs):\n    print('all good')\n"
                      "import nndl_checks\nnndl_checks.compare = lambda *a, **k: []\n"
                      "import sys\nsys.modules['nndl.student_files.nndl_checks'] = nndl_checks\n"),
}


@pytest.mark.slow
def test_the_timings_print_what_the_text_leads_a_student_to_expect():
    """The timing cell prints, for np.outer, the element-wise product and a general np.dot, how many times
    faster NumPy was than loops and that both gave the same result; the text quotes no measured time or ratio
    as a fact. (How fast is not asserted: a timed test fails on a loaded machine. The CI rehearsal measured
    50, 67 and 2,503 times with the other tests running, 700 to 20,000 times on a quieter machine.)"""
    import re

    text = output_text(solution_run(A))
    lines = re.findall(r"^(np\.outer\(x1, x2\)|W1 \* W2|np\.dot\(W1, x1\)) +loops .*: ([\d,]+) times faster "
                       r"\(same result: (\w+)\)$", text, re.M)
    assert [name for name, _, _ in lines] == ["np.outer(x1, x2)", "W1 * W2", "np.dot(W1, x1)"]
    assert all(same == "True" for _, _, same in lines)
    ratios = [int(ratio.replace(",", "")) for _, ratio, _ in lines]
    assert all(ratio > 0 for ratio in ratios), ratios
    said = quoted(A)
    assert "tens of times faster on a busy machine, and often thousands of times on an idle one" in " ".join(said.split())
    assert "yours will differ" in said and not re.search(r"\d+ ?ms\b", said)


def noisy_and_cheating_students(root):
    # right answer, noisy: the test cell's kernel output holds a warning on stderr
    notebooks = {"warns": filled_notebook(root, A, mistakes={"sigmoid": (
        "s = 1 / (1 + np.exp(-x))",
        "import warnings\n    warnings.warn('this warning is harmless')\n    s = 1 / (1 + np.exp(-x))")})}
    for name, code in CHEATS.items():
        notebooks[name] = filled_notebook(root, A, mistakes={"softmax": MISTAKES["softmax"]},
                                          extra_code={"softmax": code})
    return notebooks


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_mistakes(tmp_path_factory, A, MISTAKES, more=MORE_MISTAKES, equivalent=EQUIVALENT,
                          extra=noisy_and_cheating_students)


class TestGrading(GradingContract):
    ASSIGNMENT = A
    MISTAKES, MORE, EQUIVALENT = MISTAKES, MORE_MISTAKES, EQUIVALENT
    POINTS = {"basic_sigmoid": 1, "sigmoid": 2, "sigmoid_derivative": 2, "image2vector": 2,
              "normalize_rows": 2, "softmax": 3, "L1": 1, "L2": 1}


def test_a_right_answer_that_prints_a_warning_keeps_its_points(graded):
    _, results, full = graded
    assert results["warns"] == full


@pytest.mark.parametrize("cheat", sorted(CHEATS))
def test_cheats_do_not_rescue_a_wrong_function(graded, cheat):
    _, results, full = graded
    assert lost_points(results, full, cheat) == {"softmax_tests"}
    assert results[cheat]["softmax_tests"] <= 0.25 * full["softmax_tests"]


@pytest.mark.parametrize("student", ["blank", "cheat_helpers", "cheat_reads_source"])
def test_feedback_shows_the_verdicts_but_no_hidden_test_or_reference_code(graded, student):
    root, _, _ = graded
    outcome = nbgrader_api(root).generate_feedback(A, student, force=True)
    assert outcome["success"], outcome["log"]
    page = html.unescape((root / "feedback" / student / A / f"{A}.html").read_text())
    assert "checks passed" in page and "softmax on a (3, 4) matrix" in page
    assert not {line for line in secret_lines(A) if line in page}
    assert "HIDDEN TESTS" not in page and "grade(\"softmax\"" not in page
