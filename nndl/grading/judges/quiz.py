"""The judge of a weekly self-check: one check per question, each wrong answer told why it is wrong.

A hidden region grades the student's ``answers`` dict with it::

    grade_value("answers", against_reference=False, judge=judges.quiz({
        "q1": judges.choice("c", a="why a is wrong ...", b="why b is wrong ...", d="..."),
        "q2": judges.shape((3, 4), "what the right shape is and why"),
        "q3": judges.number(19, "how to count them"),
    }))

Answers are read as :mod:`nndl.student_files.self_check` reads them in the public check (a
letter in either case, a shape as a tuple, a list or an array), so every way of writing a right
answer scores.  The key lives in the hidden region only, which the release strips.  The reference
solution's answers must score full marks: a key that disagrees with them is a course bug, and the
judge says so (:class:`~nndl.grading.judge.ReferenceFailure`) instead of grading.
"""
from dataclasses import dataclass, field

import numpy as np

from nndl.student_files.nndl_checks import Check
from nndl.student_files.self_check import NUMBER, SHAPE, Form, one_of


@dataclass(frozen=True)
class Question:
    """The key of one question: its form, its right answer and what a wrong answer is told."""

    form: Form
    key: object
    explanation: str  # why the right answer is right: told to every wrong answer
    wrong: dict = field(default_factory=dict)  # a wrong letter -> why that option is wrong
    tolerance: float = 0.0  # numbers: relative tolerance

    def is_right(self, answer):
        if answer is None:
            return False
        if self.form is NUMBER:
            return bool(np.isclose(answer, self.key, rtol=self.tolerance, atol=0))
        return answer == self.key

    def feedback(self, answer):
        """What a student who answered ``answer`` (as read; None: not readable) is told."""
        if answer is None:
            return f"the answer should be {self.form.words}. {self.explanation}"
        why = self.wrong.get(answer, "")
        return f"{why} {self.explanation}".strip() if why else self.explanation


def choice(key, explanation="", letters="abcd", **wrong):
    """A multiple-choice question: ``key`` the right letter, ``wrong`` a message per wrong letter."""
    if key not in letters or key in wrong or set(wrong) - set(letters):
        raise ValueError(f"choice: key {key!r} must be one of {letters!r} and have no wrong-answer message")
    missing = set(letters) - set(wrong) - {key}
    if missing and not explanation:
        raise ValueError(f"choice: options {sorted(missing)} have no message and there is no explanation")
    return Question(one_of(letters), key, explanation, dict(wrong))


def shape(key, explanation, wrong=None):
    """A question answered by a shape (a tuple of whole numbers); ``wrong``: a likely wrong shape -> why."""
    return Question(SHAPE, tuple(int(k) for k in key), explanation, dict(wrong or {}))


def number(key, explanation, wrong=None, tolerance=0.0):
    """A question answered by a number, right within ``tolerance`` (relative); ``wrong``: a likely wrong
    number -> why."""
    return Question(NUMBER, float(key), explanation, {float(k): v for k, v in (wrong or {}).items()},
                    tolerance=tolerance)


def quiz(questions, name="answers"):
    """The judge of a self-check: ``questions`` maps a question's key in the dict ``name`` to its
    :class:`Question`. One check per question, in order; a wrong answer's message teaches."""
    def judge(case, student, reference):
        reference_answers = (reference[0] or {}).get("value") if reference else None
        wrong_key = [q for q, question in questions.items()
                     if not isinstance(reference_answers, dict)
                     or not question.is_right(question.form.read(reference_answers.get(q)))]
        if wrong_key:
            from nndl.grading.judge import ReferenceFailure

            raise ReferenceFailure(f"the reference's {name} disagree with the self-check's key on {wrong_key}")
        result = student[0]
        if not result.get("ok"):
            return []  # the failed call is already one failed check
        answers = result["value"]
        if not isinstance(answers, dict):
            return [Check(f"{name}[{q!r}]", "case", False, f"{name} should be a dict, such as {{\"q1\": \"a\", "
                          "...}.") for q in questions]
        checks = []
        for q, question in questions.items():
            what = f"{name}[{q!r}]"
            if q not in answers:
                checks.append(Check(what, "case", False, f"{q}: no answer. {question.explanation}"))
                continue
            answer = question.form.read(answers[q])
            passed = question.is_right(answer)
            checks.append(Check(what, "case", passed, "" if passed else f"{q}: {question.feedback(answer)}"))
        return checks

    judge.questions = dict(questions)  # for tests: the key, read where the hidden region is run
    return judge
