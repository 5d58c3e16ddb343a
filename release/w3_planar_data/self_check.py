# Generated from nndl/student_files/self_check.py by `nndl build`: edit that file, not this copy.
"""The weekly self-check: how an answer is written down (never what it is).

This one module serves twice:

* students get a copy next to the notebooks that end with a self-check; its public test cell
  calls :func:`check_answers`, which looks only at the *form* of each answer (a letter, a
  shape, a number), never at whether it is right;
* the grader reads every answer with the same readers (:func:`read_letter`, :func:`read_shape`,
  :func:`read_number`), so an answer the public check accepts is read the same way when graded:
  ``"B"``, ``" b "`` and ``"(b)"`` are all the letter b, ``(3, 4)``, ``[3, 4]`` and
  ``np.array([3, 4])`` all the shape (3, 4).

It holds no answers and depends on numpy alone.
"""
import re
from dataclasses import dataclass

import numpy as np


def read_letter(value):
    """The lowercase letter ``value`` names ("b", "B", " (b) ", "b)"), or None."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*\(?\s*([A-Za-z])\s*\)?\.?\s*", value)
    return match.group(1).lower() if match else None


def read_shape(value):
    """The shape ``value`` gives as a tuple of ints ((3, 4), [3, 4], an array of whole numbers), or None."""
    if isinstance(value, (str, bytes, dict)) or value is None:
        return None
    try:
        sizes = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    if sizes.ndim != 1 or sizes.size == 0 or np.any(sizes != np.round(sizes)) or np.any(sizes < 0):
        return None
    return tuple(int(s) for s in sizes)


def read_number(value):
    """``value`` as a float when it is one number (an int, a float, a numpy scalar), or None."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        return None
    number = float(value)
    return number if np.isfinite(number) else None


@dataclass(frozen=True)
class Form:
    """How the answer to one question is written: its reader and the words that describe it."""

    reader: object
    words: str
    letters: str = ""  # for a multiple-choice question, the letters that may be chosen

    def read(self, value):
        answer = self.reader(value)
        if self.letters and answer is not None and answer not in self.letters:
            return None
        return answer


def one_of(letters):
    """A multiple-choice question whose options are ``letters`` ("abcd")."""
    listed = ", ".join(f'"{c}"' for c in letters)
    return Form(read_letter, f"one letter among {listed}", letters)


SHAPE = Form(read_shape, "a shape, a tuple of whole numbers such as (3, 4)")
NUMBER = Form(read_number, "a number, such as 12 or 0.5")


def check_answers(answers, forms):
    """Public check of a self-check: ``answers`` is a dict with one answer of the right form per
    question of ``forms`` (question -> :class:`Form`). Says nothing of whether an answer is right."""
    try:
        from nndl_checks import CheckFailed
    except ImportError:  # the grader's own copy
        from nndl.student_files.nndl_checks import CheckFailed

    if not isinstance(answers, dict):
        raise CheckFailed(f"expected answers to be a dict, such as {{\"q1\": \"a\", ...}}, but it is a "
                          f"{type(answers).__name__}.")
    problems = []
    for question, form in forms.items():
        if question not in answers:
            problems.append(f"{question}: no answer yet (answers has no key \"{question}\")")
        elif form.read(answers[question]) is None:
            problems.append(f"{question}: the answer should be {form.words}")
    if problems:
        raise CheckFailed("Some answers are missing or not in the expected form:\n" + "\n".join(problems))
    print(f"\u2713 all {len(forms)} answers are in the expected form (whether they are right, "
          "the feedback tells you after grading)")
