"""Turn a student's sandbox results into verdicts: checks against the reference's, score, feedback text."""
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from nndl.student_files.nndl_checks import Check, compare, problems
from nndl.grading.specs import Case, Spec
from nndl.jail.run import CallResult
from nndl.jail.wire import Opaque
from nndl.grading.untrusted_text import clean_code, clean_error, clean_signature, own_lines, round_figures

MAX_MESSAGES = 6

# ``[(diagnosis, a mutant's result for the same call)]``: the catalogued mistakes that may explain a result
Explanations = Sequence[tuple[str, CallResult | None]]


class ReferenceFailure(RuntimeError):
    """The instructor's reference solution failed: a course bug, never the student's."""


@dataclass(frozen=True)
class Verdict:
    """The outcome of one test cell: its checks, the points it is worth, and a sandbox-level problem.

    Checked where it is made: a verdict that cannot be scored (no grade id, points that are not a
    finite number of at least 0, a check that is not a :class:`Check`) raises ``ValueError`` there."""

    grade_id: str
    checks: tuple[Check, ...]
    points: float
    problem: str = ""  # a sandbox-level problem, in plain words

    def __post_init__(self) -> None:
        object.__setattr__(self, "checks", tuple(self.checks))
        object.__setattr__(self, "points", float(self.points))
        if not isinstance(self.grade_id, str) or not self.grade_id:
            raise ValueError(f"a verdict names its test cell (a grade id), not {self.grade_id!r}")
        if not math.isfinite(self.points) or self.points < 0:
            raise ValueError(f"a verdict's points are a finite number of at least 0, not {self.points!r}")
        if not all(isinstance(c, Check) for c in self.checks):
            raise ValueError("a verdict's checks are Check records")
        if not isinstance(self.problem, str):
            raise ValueError(f"a verdict's problem is plain text, not {type(self.problem).__name__}")

    @property
    def passed(self) -> int:
        return sum(c.passed for c in self.checks)

    @property
    def score(self) -> float:
        if not self.checks:
            return 0.0
        return min(self.points, round(self.points * self.passed / len(self.checks), 2))

    def text(self) -> str:
        """The feedback a student reads under the test cell."""
        total = len(self.checks)
        lines = [f"{self.passed} of {total} checks passed: {self.score:g} of {self.points:g} points."]
        if self.problem:
            lines.append(f"Note: {self.problem}.")
        failed = [c for c in self.checks if not c.passed]
        for diagnosis in dict.fromkeys(c.diagnosis for c in failed if c.diagnosis):
            lines.append(_wrapped(f"Likely mistake: {diagnosis}", "  "))
        for check in failed[:MAX_MESSAGES]:
            lines.append(_wrapped(f"\u2717 {check.message}", "  "))
        if len(failed) > MAX_MESSAGES:
            lines.append(f"  ... and {len(failed) - MAX_MESSAGES} more failed checks.")
        return "\n".join(lines) + "\n"


WIDTH = 100  # characters per line of feedback: the verdict is preformatted text, which does not wrap by itself


def _wrapped(text: str, indent: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_long_words=False, break_on_hyphens=False)


def failure_text(target: str, student: CallResult, reference: CallResult | None, own_code: str = "") -> str:
    """Why a student's call failed, in words a student can act on, bounded so that it cannot carry hidden
    inputs out (``own_code``: the notebook's code as handed in; see :mod:`nndl.grading.untrusted_text`)."""
    lines = own_lines(own_code)
    if student.get("error") == "signature":
        expected = reference_code(reference.get("signature")) if reference else ""
        got = clean_signature(student.get("signature"), target, own_code)
        return (f"`{target}` cannot be called the way the course calls it: its signature should be "
                f"{target}{expected or '(...)'}, yours is {target}{got or '(...)'}. Keep the parameters of "
                "the exercise, in their order.")
    line = clean_code(student.get("line"), lines)
    text = clean_error(student.get("error"), target, line)
    return f"{text} (raised at: {line})" if line else text


def reference_code(text: object, limit: int = 200) -> str:
    """The reference's signature (the course's own text): one line, cut short."""
    return (str(text or "").splitlines() or [""])[0][:limit]


def _case_check(what: str, checks: Sequence[Check], hint: str = "", prefix: str = "", diagnosis: str = "") -> Check:
    """One check for one case: passed when every property passed, else the first messages and the hint once
    (or, when a catalogued mistake explains the result, its diagnosis first and the details after)."""
    passed = all(c.passed for c in checks)
    failed = list(dict.fromkeys(m.rstrip(".") for m in problems(checks)))
    more = f"; and {len(failed) - 3} more" if len(failed) > 3 else ""
    details = "; ".join(failed[:3]) + more + "."
    if passed:
        message = ""
    else:  # a recognised mistake's diagnosis replaces the generic hint (the verdict shows it once)
        message = prefix + details + (f" {hint}" if hint and not diagnosis else "")
    return Check(what, "case", passed, message, diagnosis="" if passed else diagnosis)


def _same(a: Any, b: Any, spec: Spec) -> bool:
    """Equal within the spec's tolerance, and of the same kinds (an int is not a float here, nor a bool array
    an int array): what a mutant must share with a student's result to explain it."""
    return all(c.passed for c in compare(a, b, "result", spec.rtol, spec.atol, quiet=True)) and _kinds(a) == _kinds(b)


def _kinds(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _kinds(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [type(value).__name__] + [_kinds(v) for v in value]
    if isinstance(value, np.ndarray):
        return f"array of {value.dtype.kind}"
    return type(value).__name__


def _diagnosis(got: Any, explain: Explanations, spec: Spec, key: str = "value", reference: Any = None) -> str:
    """The diagnosis of the first mutant whose result ``got`` matches, or "".

    Only a mutant whose result differs from the reference's (``reference``, when given) can
    explain anything: one that changed some other function gives the reference's answer here."""
    for diagnosis, result in explain:
        if not (isinstance(result, dict) and result.get("ok") and key in result):
            continue
        try:
            if reference is not None and _same(result[key], reference, spec):
                continue
            if _same(got, result[key], spec):
                return diagnosis
        except Exception:  # noqa: BLE001 - an explanation is optional; judging goes on without it
            continue
    return ""


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def _in_place_message(what: str, after: Sequence[Any] | None, before: Sequence[Any]) -> str:
    """Which argument the call changed, and how to avoid it."""
    for i, (new, old) in enumerate(zip(after or [], before)):
        if not all(c.passed for c in compare(new, old, what, 0, 0, quiet=True)):
            which = ORDINALS[i] if i < len(ORDINALS) else f"argument {i + 1}"
            if isinstance(old, dict):
                return (f"{what}: the function changed its {which} argument, the caller's dict, in place (it "
                        "assigned into it). Build a new dict, or copy it first (copy.deepcopy).")
            return (f"{what}: the function changed its {which} argument, an array, in place (with -=, +=, *=, /= "
                    "or an assignment into it). Work on a new array: W = W - ..., not W -= ....")
    return f"{what}: the function changed its input arguments in place; work on copies."


def judge_case(spec: Spec, case: Case, student: CallResult | None, reference: CallResult | None,
               explain: Explanations = (), own_code: str = "") -> list[Check]:
    """The checks of one case: the result (type, shape, values) and, if asked, untouched inputs.

    ``explain``: ``[(diagnosis, mutant result)]`` for this case, from :mod:`nndl.grading.mutants`."""
    what = f"{spec.target} on {case.label}" if spec.kind == "call" else spec.target
    if reference is None or not reference.get("ok"):
        raise ReferenceFailure(f"the reference solution failed on {what}: {reference and reference.get('error')}")
    if student is None:
        return [Check(what, "case", False, f"{what}: no result (the notebook stopped before this test).")]
    if not student.get("ok"):
        return [Check(what, "case", False, f"{what}: {failure_text(spec.target, student, reference, own_code)}")]
    value = student["value"]
    if isinstance(value, Opaque):  # a value the wire does not carry; its (student-chosen) type name is not shown
        value = Opaque("unsupported")
    if not spec.against_reference:
        return []
    if spec.kind == "call":  # name the case once, then the parts of its result
        compared = compare(value, reference["value"], "result", spec.rtol, spec.atol, quiet=True)
        prefix = f"{what}: "
    else:
        compared, prefix = compare(value, reference["value"], what, spec.rtol, spec.atol, quiet=True), ""
    diagnosis = "" if all(c.passed for c in compared) else _diagnosis(value, explain, spec,
                                                                       reference=reference["value"])
    checks = [_case_check(what, compared, spec.hint, prefix=prefix, diagnosis=diagnosis)]
    if spec.inputs_unchanged:
        after = student.get("args_after")
        same = all(c.passed for c in compare(after, list(case.args), what, 0, 0))
        if same:
            checks.append(Check(what, "inputs", True))
        else:
            moved = [(d, r) for d, r in explain if isinstance(r, dict) and r.get("args_after") is not None
                     and not all(c.passed for c in compare(r["args_after"], list(case.args), what, 0, 0))]
            diagnosis = _diagnosis(after, moved, spec, key="args_after")
            checks.append(Check(what, "inputs", False, _in_place_message(what, after, list(case.args)),
                                diagnosis=diagnosis))
    return checks


def judge_cell(grade_id: str, specs: Sequence[Spec], points: float, student_results: Mapping[str, CallResult] | None,
               reference_results: Mapping[str, CallResult] | None, problem: str = "",
               mutants: Iterable[tuple[str, Mapping[str, CallResult] | None]] = (), own_code: str = "") -> Verdict:
    """Turn the jail's results of one test cell into a :class:`Verdict`.

    Results are ``{call id: result}`` (see :meth:`nndl.grading.specs.Spec.call_ids`); a call with
    no result counts as failed.  ``mutants``: ``[(diagnosis, results of this test cell)]``, the
    catalogued mistakes that may explain a failed case (they change messages, never scores).
    ``own_code``: the notebook's code as handed in; a "raised at" line is shown only if it is one of its lines."""
    student_results, reference_results = student_results or {}, reference_results or {}
    checks = []
    for index, spec in enumerate(specs):
        for case, ids in zip(spec.cases, spec.call_ids(index)):
            student = [student_results.get(key) for key in ids]
            reference = [reference_results.get(key) for key in ids]
            explain = [(diagnosis, (results or {}).get(ids[0])) for diagnosis, results in mutants]
            checks += judge_case(spec, case, student[0], reference[0], explain, own_code)
            if spec.judge is not None:
                own = spec.judge(case, [r or {"ok": False, "error": "no result"} for r in student], reference)
                if any(not c.passed for c in own) and student[0] and student[0].get("ok") and reference[0]:
                    diagnosis = _diagnosis(student[0]["value"], explain, spec, reference=reference[0].get("value"))
                    own = [replace(c, diagnosis=diagnosis) if not c.passed and diagnosis else c for c in own]
                checks += [replace(c, message=round_figures(c.message)) for c in own]
    return Verdict(grade_id, tuple(checks), points, problem)
