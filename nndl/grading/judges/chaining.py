"""Chaining one graded result into the next, within one hidden region.

Some functions are judged against what the student's *own* earlier function gives (the first cost of
``optimize`` against the student's ``propagate``, ``predict`` against the student's
``forward_propagation``), so that one mistake costs points in its own exercise only.  The region grades
the earlier function first, on the same cases, with ``judge=own.record`` (and ``against_reference=False``:
the recording adds no check); the later judge reads ``own.of(case)``::

    start_cost = judges.OwnResults(judges.cost_of_propagate)
    grade("propagate", *runs, against_reference=False, judge=start_cost.record)
    grade("optimize", *runs, against_reference=False, judge=judges.gradient_descent_run(start_cost))

Cases are matched by label, so both ``grade`` calls take the same labels.  Each region's record is its
own object, made in the region: nothing is shared between regions (the grader runs every region in a
fresh namespace; an instructor's notebook runs them all in one).
"""


class OwnResults:
    """What the student's own function returned on each case (read by ``read``), for a later judge."""

    def __init__(self, read=None):
        self._read = read or (lambda value: value)
        self._seen = {}

    def record(self, case, student, reference):
        """A judge that keeps the student's result of this case (None when the call failed or ``read``
        cannot read it) and adds no check."""
        main = student[0] if student else None
        try:
            value = self._read(main["value"]) if isinstance(main, dict) and main.get("ok") else None
        except Exception:  # noqa: BLE001 - what cannot be read counts as not there
            value = None
        self._seen[case.label] = value
        return []

    def of(self, case):
        """What was recorded for this case, or for the case of this label (None if nothing usable was)."""
        return self._seen.get(case if isinstance(case, str) else case.label)
