"""Judging in the grader process: what a student's sandbox sends back can never fake a pass,
crash the grader or carry hidden inputs into the feedback."""
import numpy as np
import pytest

from nndl.grading.mutants import same
from nndl.grading.verdicts import clean_error, judge_cell
from nndl.jail.call_result import CallResult
from nndl.jail.run import _well_formed
from nndl.grading.specs import Case, Spec
from nndl.jail.wire import Opaque
from nndl.student_files.nndl_checks import compare

def by_id(spec, results):
    """The jail's answer for ``spec`` (the cell's first spec): its results keyed by call id."""
    return dict(zip([key for ids in spec.call_ids(0) for key in ids], results))


OWN_CODE = "def compute_cost(A2, Y, parameters):\n    assert A2.shape == (1, m)\n    x = 123456789\n"


def judged(spec, points, student, reference, own_code=OWN_CODE):
    return judge_cell("t", [spec], points, by_id(spec, student), by_id(spec, reference), own_code=own_code)


REFERENCES = [np.ones((2, 3)), 0.5, {"dw": np.zeros((2, 1)), "db": 0.0}, (np.zeros(2), 1.0), [1.0, 2.0]]


def verdict(student_value, reference_value):
    spec = Spec("f", [Case("a case")])
    return judged(spec, 2.0, [CallResult(True, student_value)], [CallResult(True, reference_value)])


@pytest.mark.parametrize("reference", REFERENCES, ids=["array", "float", "dict", "tuple", "list"])
@pytest.mark.parametrize("forged", [Opaque("not checked"), {"not checked": 0}, "not checked"],
                         ids=["object-named-not-checked", "dict-key-not-checked", "string"])
def test_values_whose_description_says_not_checked_still_fail(reference, forged):
    assert verdict(forged, reference).score == 0.0


def test_a_right_answer_passes_and_the_score_never_exceeds_the_points():
    assert verdict(np.ones((2, 3)), np.ones((2, 3))).score == 2.0
    spec = Spec("f", [Case("a"), Case("b"), Case("c")])
    right, wrong = CallResult(True, 1.0), CallResult(True, 2.0)
    # scores are rounded to cents: 0.996 points would round up to 1.0 for a full pass, above the cell's points
    assert judged(spec, 0.996, [right] * 3, [right] * 3).score == 0.996
    assert judged(spec, 3.0, [right, wrong, right], [right] * 3).score == 2.0
    assert judged(spec, 1.0, [right, wrong, right], [right] * 3).score == 0.67


def test_numbers_too_large_for_a_float_fail_without_crashing():
    assert verdict(10 ** 400, 0.5).score == 0.0


@pytest.mark.parametrize("got, expected", [(np.array(0.25), 0.25), (0.25, np.array(0.25)),
                                           (np.float64(0.25), np.array(0.25))])
def test_a_number_in_a_shape_0_array_counts_as_a_number(got, expected):
    assert all(c.passed for c in compare(got, expected))


def test_the_expected_boolean_is_not_revealed():
    message = " ".join(c.message for c in compare(None, True, "answer"))
    assert "True" not in message and "bool" in message


PI = "3.14159265"
# (what a hostile function raises, the line it claims raised it): none may bring the hidden input's digits out
SMUGGLED = [
    ("ValueError: three point one four one five nine two six five", ""),
    ("ValueError: dbebfgcfgf", ""),  # a letter for each digit
    ("ValueError: d.bebfgcfgf", ""),
    ("ValueError: " + "".join(chr(0x660 + int(d)) if d.isdigit() else d for d in PI), ""),  # Arabic-Indic
    ("ValueError: " + "".join(chr(0xFF10 + int(d)) if d.isdigit() else d for d in PI), ""),  # fullwidth
    ("ValueError: " + PI, ""),
    ("Leak_3_14159265: x", ""),  # an exception class named after the value
    ("Leak_three_one_four_one_five_nine: x", ""),
    ("ValueError: three one four one five nine", "raise ValueError('three one four one five nine')"),  # not their line
    ("AssertionError", "x = 3.14159265"),
    ("`f` ran for more than 3.14159265 s", ""),
    ("`f3_14159265` is not a function", ""),
    ("ValueError: shapes (3,14159) and (265,1) not aligned: dbebfg", ""),
]


@pytest.mark.parametrize("error, line", SMUGGLED)
def test_error_text_carries_no_spelled_encoded_or_unicode_digits(error, line):
    spec = Spec("f", [Case("a case")])
    text = judged(spec, 1.0, [CallResult(False, error=error, line=line)], [CallResult(True, 0.5)]).text()
    flat = text.lower().replace(" ", "").replace("_", "")
    for spelled in ("14159", "onefourone", "bebfg", "fourone", "\u0661", "\uff11"):
        assert spelled not in flat, text
    assert not any(c.isdigit() and not c.isascii() for c in text)


@pytest.mark.parametrize("error, line, shown", [
    ("ValueError: operands could not be broadcast together with shapes (3,4) (4,3) ", "",
     "ValueError: operands could not be broadcast together (their shapes differ)"),
    ("ZeroDivisionError: float division by zero", "", "ZeroDivisionError: division by zero"),
    ("NameError: name 'tmp3141' is not defined", "", "NameError: a name is not defined"),
    ("IndexError: index 31415 is out of bounds for axis 0 with size 3", "", "IndexError: an index is out of bounds"),
    ("ValueError: bad shape", "raise ValueError('bad shape')", "ValueError: bad shape"),
    ("ValueError: bad shape", "", "ValueError"),
    ("ValueError: some free text", "", "ValueError"),
    ("MyOwnError: anything", "", "an exception of the notebook's own class"),
    ("AssertionError", "", "AssertionError"),
    ("`f` ran for more than 10 s", "", "`f` ran past its time limit"),
    ("`evil` is not defined when this test cell runs", "", "`f` is not defined when this test cell runs"),
    ("", "", "failed"),
    ("3.14159", "", "failed"),
])
def test_the_error_cleaner_keeps_only_known_sentences_and_the_students_own(error, line, shown):
    assert clean_error(error, "f", line) == shown


def test_a_signature_is_shown_only_as_the_notebook_wrote_it():
    spec = Spec("compute_cost", [Case("a case")])
    text = judged(spec, 1.0, [CallResult(False, error="signature", signature="(A2, three_one_four=3.14159)")],
                  [CallResult(True, 0.5, signature="(A2, Y)")]).text()
    assert "three" not in text and "14159" not in text and "yours is compute_cost(...)" in " ".join(text.split())


@pytest.mark.parametrize("malformed", [[{"ok": True, "id": "a"}], [{"ok": "yes", "value": 1, "id": "a"}],
                                       [{"id": "a"}], [{"ok": False, "error": 3, "id": "a"}]])
def test_malformed_results_count_as_failed_calls(malformed):
    assert _well_formed(malformed, ["a"])["a"].ok is False
    assert _well_formed("x", ["a"]) is None


@pytest.mark.parametrize("wrong", [{"ok": True, "value": 1.0, "args_after": "not a list"},
                                   {"ok": True, "value": 1.0, "line": 42},
                                   {"ok": False, "error": "ValueError", "signature": ["(x)"]},
                                   {"ok": False, "error": {"text": "ValueError"}}])
def test_a_result_whose_fields_have_the_wrong_types_is_a_failed_call_the_feedback_names(wrong):
    """A jail that sends a result with a field of the wrong type (a forged frame, say) does not crash the
    grader: the call scores nothing, and the feedback says its result could not be read."""
    spec = Spec("f", [Case("a case")], inputs_unchanged=True)
    key = spec.call_ids(0)[0][0]
    student = _well_formed([{**wrong, "id": key}], [key])
    verdict = judge_cell("t", [spec], 1.0, student, {key: CallResult(True, 1.0, args_after=[])})
    assert verdict.passed == 0 and "f on a case: no readable result" in verdict.text()


def test_results_are_matched_to_cases_by_id_never_by_position():
    """A jail that skips, repeats, reorders or invents results cannot move one case's result onto another."""
    sent = [5, None, {"ok": True, "value": 2.0, "id": "c"}, {"ok": True, "value": 9.0, "id": "zz"},
            {"ok": True, "value": 1.0, "id": "a"}, {"ok": True, "value": 7.0, "id": "a"}]
    assert {k: r.to_dict() for k, r in _well_formed(sent, ["a", "b", "c"]).items()} == {
        "a": {"ok": True, "value": 1.0}, "c": {"ok": True, "value": 2.0}}
    spec = Spec("f", [Case("first"), Case("second"), Case("third")])
    ids = [key for ids in spec.call_ids(0) for key in ids]
    student = {ids[2]: CallResult(True, 3.0), ids[0]: CallResult(True, 1.0)}  # the second is missing
    verdict = judge_cell("t", [spec], 3.0, student, by_id(spec, [CallResult(True, v) for v in (1.0, 2.0, 3.0)]))
    assert [c.passed for c in verdict.checks] == [True, False, True] and verdict.score == 2.0


def test_results_that_would_unpack_too_large_are_refused_before_reading(tmp_path):
    from nndl.jail import wire

    stem = str(tmp_path / "r")
    np.savez_compressed(stem + ".npz", a0=np.zeros((1000, 1000)))  # 8 MB unpacked, a few KB on disk
    (tmp_path / "r.json").write_text('{"array": "a0", "scalar": false}')
    assert wire.load(stem).shape == (1000, 1000)
    with pytest.raises(ValueError, match="too much data"):
        wire.load(stem, max_bytes=1_000_000)


def test_a_wrong_signature_says_which_signature_is_expected():
    spec = Spec("compute_cost", [Case("a case")])
    text = judged(spec, 1.0, [CallResult(False, error="signature", signature="(A2, Y, parameters)")],
                      [CallResult(True, 0.5, signature="(A2, Y)")]).text()
    text = " ".join(text.split())
    assert "signature should be compute_cost(A2, Y), yours is compute_cost(A2, Y, parameters)" in text


def test_an_error_shows_the_students_line_but_not_long_numbers():
    spec = Spec("f", [Case("a case")])
    text = judged(spec, 1.0, [CallResult(False, error="AssertionError", line="assert A2.shape == (1, m)")],
                      [CallResult(True, 0.5)]).text()
    text = " ".join(text.split())
    assert "AssertionError (raised at: assert A2.shape == (1, m))" in text
    leaky = judged(spec, 1.0, [CallResult(False, error="ValueError", line="x = 123456789")],
                       [CallResult(True, 0.5)]).text()
    assert "123456789" not in leaky
    forged = judged(spec, 1.0, [CallResult(False, error="ValueError", line="# three one four one five nine")],
                    [CallResult(True, 0.5)]).text()
    assert "three" not in forged and "ValueError" in forged  # a line the notebook does not have is not shown


def test_feedback_lines_wrap_at_a_readable_width():
    spec = Spec("f", [Case("a case with a long label " * 3)])
    text = judged(spec, 1.0, [CallResult(True, np.zeros((2, 3)))],
                      [CallResult(True, np.ones((2, 3)))]).text()
    assert max(len(line) for line in text.splitlines()) <= 100 and "\n    " in text


def test_a_mutant_keeps_only_the_test_cells_where_it_differs_from_the_reference(tmp_path):
    """The mutant cache holds what can explain a failure: a wrong softmax changes softmax's results
    only, so nothing of the other cells is stored (they are large for the cat images)."""
    from nndl.course import load_config
    from nndl.grading.mutants import mutant_results
    from nndl.course_settings import CourseSettings
    from nndl.grading.release import load_release
    from support import course_copy

    root = course_copy(tmp_path, ["w2_numpy_basics"])
    config = load_config(root)
    settings = CourseSettings.of(config)
    release = load_release(config, "w2_numpy_basics", "w2_numpy_basics", config.CourseDirectory.db_url)
    found = {mistake.name: results for mistake, results in
             mutant_results(release, tmp_path / "cache", root, **settings.run_options(True, None))}
    assert set(found["softmax"]) == {"softmax_tests"}
    # a mistake of sigmoid that changes what sigmoid_derivative computes too
    assert set(found["sigmoid_parentheses"]) == {"sigmoid_tests", "sigmoid_derivative_tests"}
    assert all(found.values()) and len(found) >= 24


def test_the_reference_cache_on_disk_gives_back_the_results_it_was_given(tmp_path):
    """A grader started later (another worker, the next run) judges by the reference's results read from the
    cache's files, not by running the reference again: they come back as the same results, typed."""
    from nndl.grading import reference

    results = {"t": {"a": CallResult(True, np.arange(3.0), args_after=[np.ones(2)], signature="(x)"),
                     "b": CallResult(False, error="ValueError", line="raise ValueError"), "c": None}, "u": None}
    assert reference.cached("reference-vtest", tmp_path, lambda: results) is results
    reference._memory.clear()
    again = reference.cached("reference-vtest", tmp_path, lambda: pytest.fail("computed again"))
    assert again["u"] is None and again["t"]["c"] is None and isinstance(again["t"]["a"], CallResult)
    assert all(same(again["t"][k], results["t"][k]) for k in "ab")


@pytest.mark.parametrize("a, b, equal", [
    (np.array([1.0, np.nan]), np.array([1.0, np.nan]), True), (np.array([1.0]), np.array([1]), False),
    ({"x": [1, (2.0,)]}, {"x": [1, (2.0,)]}, True), ({"x": [1, (2.0,)]}, {"x": [1, [2.0]]}, False),
    (float("nan"), float("nan"), True), (1, 1.0, False), (np.zeros((2, 1)), np.zeros(2), False)])
def test_results_are_the_same_only_when_identical_in_kind_shape_and_value(a, b, equal):
    assert same(a, b) is equal


def test_a_hidden_regions_own_judge_prints_figures_to_two_digits_only():
    """A judge written for one function (here the random initialiser's) prints a spread computed from the
    student's result: a student could set that spread to a hidden value; feedback keeps two digits of it."""
    from nndl.grading import judges

    spec = Spec("init", [Case("layers [4, 3]")], against_reference=False,
                judge=judges.random_initialisation("init", lambda case: [4, 3], lambda case: [0.01]))
    W = np.random.default_rng(1).normal(size=(3, 4))
    W = (W - W.mean()) / W.std() * 0.314159
    text = judged(spec, 1.0, [CallResult(True, {"W1": W, "b1": np.zeros((3, 1))})],
                  [CallResult(True, None)]).text()
    assert "spread (standard deviation) 0.31," in text and "0.314" not in text


@pytest.mark.parametrize("grade_id, points", [("", 2.0), ("t", float("nan")), ("t", -1.0), ("t", float("inf"))],
                         ids=["no grade id", "nan points", "negative points", "endless points"])
def test_a_verdict_that_cannot_be_scored_is_refused_where_it_is_made(grade_id, points):
    """A test cell's points come from the course's notebook: a verdict whose score could not be a
    number of points (nan, below 0, endless) stops where it is made, rather than reaching a gradebook."""
    from nndl.grading.verdicts import Verdict
    from nndl.student_files.nndl_checks import Check

    with pytest.raises(ValueError, match="grade id|points"):
        Verdict(grade_id, [Check("f", "case", True)], points)


def test_a_verdict_is_a_record_its_feedback_cannot_change_after_it_was_scored():
    from dataclasses import FrozenInstanceError

    from nndl.grading.verdicts import Verdict
    from nndl.student_files.nndl_checks import Check

    made = Verdict("t", [Check("f", "case", True), Check("f", "case", False, "f on a case: wrong")], 2)
    assert (made.score, made.passed, made.points) == (1.0, 1, 2.0) and isinstance(made.checks, tuple)
    with pytest.raises(FrozenInstanceError):
        made.points = 10.0
    with pytest.raises(ValueError, match="Check records"):
        Verdict("t", [{"passed": True}], 2.0)  # a check as a loose dict is not a check
