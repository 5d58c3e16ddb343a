"""The weekly self-checks: the readers every way of writing a right answer goes through, the quiz
judge (one check per question, a teaching message for each wrong answer, partial credit), every
notebook's self-check against its own key, and the key kept out of release/."""
import re

import nbformat
import numpy as np
import pytest

from nndl.build.notebook_text import read_authored, strip_solution_markers
from nndl.course import REPO_ROOT
from nndl.grading import judges
from nndl.grading.verdicts import ReferenceFailure, judge_cell
from nndl.grading.specs import hidden_region, read_specs
from nndl.jail.call_result import CallResult
from nndl.jail.wire import Opaque
from nndl.student_files.self_check import (NUMBER, SHAPE, check_answers, one_of, read_letter, read_number,
                                           read_shape)

WEEKS = ["w1_introduction", "w2_logistic_regression", "w3_planar_data", "w4_deep_network"]


# ---------------------------------------------------------------- the readers (student side and grader side)

@pytest.mark.parametrize("written", ["b", "B", " b ", "(b)", "b)", "(B) ", "b."])
def test_a_letter_is_read_in_either_case_with_or_without_brackets(written):
    assert read_letter(written) == "b"


@pytest.mark.parametrize("written", ["", "bc", "b or c", 2, None, ["b"], "option b"])
def test_what_is_not_one_letter_is_not_read_as_one(written):
    assert read_letter(written) is None


@pytest.mark.parametrize("written", [(3, 4), [3, 4], np.array([3, 4]), (np.int64(3), 4), (3.0, 4.0)])
def test_a_shape_is_read_from_a_tuple_a_list_or_an_array(written):
    assert read_shape(written) == (3, 4)


@pytest.mark.parametrize("written", ["(3, 4)", 3, (3.5, 4), (-3, 4), (), [[3, 4]], {"rows": 3}, None,
                                     ("3", "x")])
def test_what_is_not_a_shape_is_not_read_as_one(written):
    assert read_shape(written) is None


@pytest.mark.parametrize("written, number", [(32, 32.0), (32.0, 32.0), (np.int64(32), 32.0), (0.5, 0.5)])
def test_a_number_is_read_from_an_int_a_float_or_a_numpy_scalar(written, number):
    assert read_number(written) == number


@pytest.mark.parametrize("written", ["32", True, None, float("nan"), [32]])
def test_what_is_not_one_number_is_not_read_as_one(written):
    assert read_number(written) is None


def test_a_letter_outside_the_options_is_not_an_answer():
    assert one_of("abcd").read("e") is None and one_of("abcd").read("D") == "d"


# ---------------------------------------------------------------- the public check: the form only

FORMS = {"q1": SHAPE, "q2": NUMBER, "q3": one_of("abcd")}


def test_the_public_check_accepts_any_well_formed_answers_right_or_wrong(capsys):
    check_answers({"q1": (5, 3), "q2": 32, "q3": "b"}, FORMS)
    check_answers({"q1": [1, 1], "q2": 0.5, "q3": "D"}, FORMS)
    assert capsys.readouterr().out.count("\u2713 all 3 answers are in the expected form") == 2


@pytest.mark.parametrize("answers, said", [
    ({"q1": (5, 3), "q2": 32}, 'q3: no answer yet'),
    ({"q1": "5 by 3", "q2": 32, "q3": "b"}, "q1: the answer should be a shape"),
    ({"q1": (5, 3), "q2": 32, "q3": "e"}, 'q3: the answer should be one letter among "a", "b", "c", "d"'),
    ([(5, 3), 32, "b"], "expected answers to be a dict"),
])
def test_the_public_check_says_which_answer_is_missing_or_malformed(answers, said):
    # by name: self_check raises the CheckFailed of whichever nndl_checks it finds first (the shipped copy, when an
    # earlier test put a release folder on sys.path, or the grader's own)
    with pytest.raises(Exception, match=re.escape(said)) as raised:
        check_answers(answers, FORMS)
    assert type(raised.value).__name__ == "CheckFailed"


# ---------------------------------------------------------------- the judge

QUESTIONS = {
    "q1": judges.shape((5, 3), "W has one row per unit.", wrong={(3, 5): "(3, 5) is the transpose of W."}),
    "q2": judges.number(32, "Count weights and biases.", wrong={25: "25 counts the weights only."}),
    "q3": judges.choice("b", "Raw signals are unstructured.", a="A table is structured.", c="Clicks: a table.",
                        d="A spreadsheet is a table."),
}
RIGHT = {"q1": (5, 3), "q2": 32, "q3": "b"}


def quiz_verdict(student_answers, reference_answers=RIGHT, ok=True):
    spec_options = {"against_reference": False, "judge": judges.quiz(QUESTIONS)}
    from nndl.grading.specs import Case, Spec

    spec = Spec("answers", [Case("the variable answers")], kind="value", **spec_options)
    key = spec.call_ids(0)[0][0]
    student = {key: CallResult(True, student_answers) if ok else CallResult(False, error="NameError: answers")}
    return judge_cell("self_check_tests", [spec], 2, student, {key: CallResult(True, reference_answers)})


@pytest.mark.parametrize("answers", [RIGHT, {"q1": [5, 3], "q2": 32.0, "q3": "B"},
                                     {"q1": np.array([5, 3]), "q2": np.int64(32), "q3": " (b) ", "q9": "extra"}],
                         ids=["as-the-key", "list-float-upper-case", "array-numpy-int-brackets"])
def test_every_way_of_writing_the_right_answers_scores_full_marks(answers):
    verdict = quiz_verdict(answers)
    assert verdict.score == 2 and len(verdict.checks) == 3


def test_one_check_per_question_and_each_wrong_answer_is_told_why():
    verdict = quiz_verdict({"q1": (3, 5), "q2": 25, "q3": "d"})
    assert verdict.score == 0 and [c.passed for c in verdict.checks] == [False, False, False]
    text = " ".join(verdict.text().split())
    assert "q1: (3, 5) is the transpose of W. W has one row per unit." in text
    assert "q2: 25 counts the weights only. Count weights and biases." in text
    assert "q3: A spreadsheet is a table. Raw signals are unstructured." in text


def test_a_wrong_answer_without_its_own_message_gets_the_explanation():
    verdict = quiz_verdict({"q1": (7, 7), "q2": 31, "q3": "b"})
    text = " ".join(verdict.text().split())
    assert "q1: W has one row per unit." in text and "q2: Count weights and biases." in text


def test_partial_credit_is_the_share_of_right_answers():
    assert quiz_verdict({"q1": (5, 3), "q2": 32, "q3": "a"}).score == pytest.approx(2 * 2 / 3, abs=0.01)
    assert quiz_verdict({"q1": (5, 3), "q2": 0, "q3": "a"}).score == pytest.approx(2 / 3, abs=0.01)


def test_missing_and_malformed_answers_fail_with_the_form_expected():
    verdict = quiz_verdict({"q1": "(5, 3)", "q3": "e"})
    text = " ".join(verdict.text().split())
    assert verdict.score == 0
    assert "q1: the answer should be a shape" in text and "q2: no answer." in text
    assert 'q3: the answer should be one letter among "a", "b", "c", "d"' in text


@pytest.mark.parametrize("sent", [[(5, 3), 32, "b"], Opaque("malformed"), "b"], ids=["list", "opaque", "str"])
def test_answers_that_are_not_a_dict_fail_every_question(sent):
    verdict = quiz_verdict(sent)
    assert verdict.score == 0 and len(verdict.checks) == 3
    assert "answers should be a dict" in verdict.text()


def test_answers_never_defined_score_zero():
    verdict = quiz_verdict(None, ok=False)
    assert verdict.score == 0 and not any(c.passed for c in verdict.checks)


def test_a_key_that_disagrees_with_the_reference_answers_is_a_course_bug():
    with pytest.raises(ReferenceFailure, match=r"\['q3'\]"):
        quiz_verdict(RIGHT, reference_answers={**RIGHT, "q3": "c"})


def test_a_choice_needs_a_valid_key_and_a_message_for_every_wrong_option():
    with pytest.raises(ValueError):
        judges.choice("e", "why", a="x")
    with pytest.raises(ValueError):
        judges.choice("b", "", a="x", c="y")  # d has no message and there is no explanation
    with pytest.raises(ValueError):
        judges.choice("b", "why", b="the key cannot be wrong")


# ---------------------------------------------------------------- every week's self-check

def cells(name):
    nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")}


def self_check(name):
    """(the reference answers, the judge's questions, the public check's forms) of a week's self-check."""
    by_id = cells(name)
    namespace = {}
    exec(strip_solution_markers(by_id["self_check"].source), namespace)
    test = by_id["self_check_tests"].source
    (spec,) = read_specs("self_check_tests", test)
    public = {}
    exec(test.replace(hidden_region(test), "").replace("check_answers(answers, ", "forms = (").replace(
        "from self_check", "from nndl.student_files.self_check"), public)
    return namespace["answers"], spec.judge.questions, public["forms"], spec


@pytest.mark.parametrize("name", WEEKS)
def test_each_week_ends_with_a_self_check_of_four_to_six_questions(name):
    answers, questions, forms, spec = self_check(name)
    assert 4 <= len(questions) <= 6 and spec.target == "answers" and spec.kind == "value"
    assert list(cells(name))[-2:] == ["self_check", "self_check_tests"]
    assert set(answers) == set(questions) == set(forms)
    assert all(forms[q] == questions[q].form for q in questions), "the public check and the key disagree on a form"


@pytest.mark.parametrize("name", WEEKS)
def test_the_reference_answers_score_full_marks(name):
    answers, questions, _, spec = self_check(name)
    checks = spec.judge(spec.cases[0], [CallResult(True, answers)], [CallResult(True, answers)])
    assert len(checks) == len(questions) and all(c.passed for c in checks)


@pytest.mark.parametrize("name", WEEKS)
def test_every_wrong_option_of_every_week_has_its_own_message(name):
    _, questions, _, _ = self_check(name)
    for q, question in questions.items():
        assert question.explanation, f"{name} {q} has no explanation"
        if question.form.letters:
            assert set(question.wrong) == set(question.form.letters) - {question.key}, f"{name} {q}"


# ---------------------------------------------------------------- the key stays out of release/

@pytest.mark.parametrize("name", WEEKS)
def test_the_release_holds_no_key(name):
    answers, questions, _, _ = self_check(name)
    folder = REPO_ROOT / "release" / name
    texts = {p.name: p.read_text() for p in folder.iterdir() if p.suffix in (".ipynb", ".py")}
    assert f"{name}.ipynb" in texts and "self_check.py" in texts
    nb = nbformat.reads(texts[f"{name}.ipynb"], as_version=4)
    texts[f"{name}.ipynb"] = "\n".join(c.source for c in nb.cells)  # as a student reads it, not JSON-escaped
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "self_check")
    assert "raise NotImplementedError()" in cell.source and "answers = {" not in cell.source.replace("# answers", "")
    for file, text in texts.items():
        assert "judges.quiz" not in text and "grade_value" not in text, file
        for q, question in questions.items():
            assert question.explanation[:60] not in text, (file, q)
            assert not any(message[:60] in text for message in question.wrong.values()), (file, q)
            written = repr(answers[q]).replace("'", '"')
            assert f'"{q}": {written}' not in text, (file, q)


@pytest.mark.parametrize("name", WEEKS)
def test_the_public_check_passes_any_well_formed_answers_so_it_cannot_probe_the_key(name, capsys):
    answers, questions, forms, _ = self_check(name)
    wrong = {q: ("a" if answers[q] != "a" else "b") if question.form.letters else
             ((1, 1) if question.form is SHAPE else 1) for q, question in questions.items()}
    for tried in (answers, wrong):
        check_answers(tried, forms)
    assert capsys.readouterr().out.count("answers are in the expected form") == 2
