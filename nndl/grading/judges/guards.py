"""The failed-call guard: a judge of a hidden region looks at a result only when the student's call returned.

When the student's main call raised, :func:`nndl.grading.verdicts.judge_case` already counts it as one failed
check, with a message saying why.  A judge then adds nothing, or, when the case must count the same
number of checks whether the call failed or not, one failed check per property it would have judged.
The message never repeats the student's error text: :mod:`nndl.grading.verdicts` shows it once, cleaned.
"""
import functools

from nndl.student_files.nndl_checks import Check


def returned(result):
    """True when ``result`` (one sandbox result) is a call that returned a value."""
    return isinstance(result, dict) and bool(result.get("ok")) and "value" in result


def when_call_succeeded(judge=None, *, target="", still_counted=()):
    """Run ``judge(case, student, reference)`` only when the student's main call returned.

    Otherwise return no check, or with ``still_counted`` (names of properties) one failed check per name,
    named ``f"{target} on {case.label}"``.  Use as ``@when_call_succeeded`` or
    ``when_call_succeeded(target="optimize", still_counted=("costs", "inputs"))(judge)``.
    """
    def wrap(judge):
        @functools.wraps(judge)
        def guarded(case, student, reference):
            if returned(student[0] if student else None):
                return judge(case, student, reference)
            what = f"{target} on {case.label}"
            return [Check(what, name, False, f"{what}: the call failed, so its {name} could not be checked.")
                    for name in still_counted]
        return guarded

    return wrap if judge is None else wrap(judge)
