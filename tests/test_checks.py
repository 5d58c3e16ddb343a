"""The comparison engine students and grader share: type, then shape, then values, each with a useful message."""
import numpy as np
import pytest

from nndl.student_files.nndl_checks import compare, expect, rel_error


def failed(got, expected):
    return [c for c in compare(got, expected, "f(x)") if not c.passed]


def test_a_right_array_passes_every_check():
    assert failed(np.ones((2, 3)), np.ones((2, 3))) == []


def test_wrong_type_is_reported_first_and_names_what_came_back():
    first = failed([1.0, 1.0], np.ones(2))[0]
    assert first.kind == "type" and "numpy array of shape (2,)" in first.message and "list" in first.message


def test_wrong_shape_is_reported_before_values():
    first = failed(np.ones((1, 3)), np.ones((3, 1)))[0]
    assert first.kind == "shape" and "(1, 3)" in first.message and "(3, 1)" in first.message


def test_wrong_values_report_how_many_entries_and_how_far():
    checks = failed(np.array([1.0, 2.0, 3.5]), np.array([1.0, 2.0, 3.0]))
    assert [c.kind for c in checks] == ["values"]
    assert "1 of 3 entries differ" in checks[0].message


def test_tolerance_accepts_rounding_noise():
    assert failed(np.array([0.1 + 1e-12]), np.array([0.1])) == []


def test_a_float_is_expected_and_an_array_is_refused():
    assert failed(0.5, 0.5) == [] and failed(np.float64(0.5), 0.5) == []
    assert failed(np.array([[0.5]]), 0.5)[0].kind == "type"


def test_dicts_are_checked_key_by_key():
    expected = {"dw": np.zeros((2, 1)), "db": 0.0}
    msgs = [c.message for c in failed({"dw": np.zeros((2, 1)), "db": 1.0}, expected)]
    assert len(msgs) == 1 and "['db']" in msgs[0]
    assert "missing" in failed({"dw": np.zeros((2, 1))}, expected)[0].message


def test_tuples_are_checked_item_by_item():
    assert failed((np.zeros(2), 1.0), (np.zeros(2), 1.0)) == []
    assert failed((np.zeros(2),), (np.zeros(2), 1.0))[0].kind == "type"


def test_none_says_a_return_may_be_missing():
    assert "return" in failed(None, np.ones(2))[0].message


def test_expect_prints_a_tick_or_raises_with_expected_and_got(capsys):
    expect(np.ones(2), np.ones(2), "g(x)")
    assert "\u2713 g(x)" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="expected"):
        expect(np.array([1.0, 5.0]), np.ones(2), "g(x)", hint="look at g")


def test_rel_error_is_the_usual_formula():
    assert rel_error(np.array([1.0]), np.array([3.0])) == pytest.approx(0.5)
    assert rel_error(np.zeros(2), np.zeros(2)) == 0.0


def test_in_a_notebook_a_failed_check_and_an_unwritten_stub_read_as_sentences(tmp_path):
    """Jupyter shows a failed public check without the checker's traceback, and a stub left as it is
    as "not written yet"; both stay errors, so nbgrader's Validate still sees them."""
    import shutil

    from nndl.course import REPO_ROOT
    from nndl.jail.run import run_notebook

    shutil.copy(REPO_ROOT / "nndl" / "student_files" / "nndl_checks.py", tmp_path)
    cells = [
        "import numpy as np\nfrom nndl_checks import expect\ndef sigmoid(x):\n    raise NotImplementedError()",
        "expect(sigmoid(np.zeros(2)), np.array([0.5, 0.5]), 'sigmoid(0)')",
        "def sigmoid(x):\n    return 0 * x\nexpect(sigmoid(np.zeros(2)), np.array([0.5, 0.5]), 'sigmoid(0)')",
    ]
    run = run_notebook([{"kind": "code", "index": i, "source": c} for i, c in enumerate(cells)], {}, tmp_path)
    stub, wrong = run.cells[1].outputs[0], run.cells[2].outputs[0]
    assert stub["output_type"] == "error" and stub["traceback"] == [
        "\u2717 `sigmoid` is not written yet: replace `raise NotImplementedError()` in it with your code, run its "
        "cell, then run this cell again."]
    assert wrong["output_type"] == "error" and len(wrong["traceback"]) == 1
    assert wrong["traceback"][0].startswith("\u2717 sigmoid(0) has the right shape but wrong values")
    assert "expected: array([0.5, 0.5])" in wrong["traceback"][0] and "nndl_checks.py" not in wrong["traceback"][0]


def test_require_prints_a_tick_or_says_what_was_expected_and_what_came_back(capsys):
    from nndl.student_files.nndl_checks import CheckFailed, require

    require(True, "every weight small", "the largest is 0.01")
    assert capsys.readouterr().out == "\u2713 every weight small\n"
    with pytest.raises(CheckFailed) as failure:
        require(False, "every weight small (|w| < 0.1)", "the largest is 1.7", hint="Scale by 0.01.")
    assert str(failure.value) == "expected every weight small (|w| < 0.1), but the largest is 1.7. Scale by 0.01."
