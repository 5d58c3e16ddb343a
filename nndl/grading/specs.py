"""What a hidden-test region says, and how it is read.

The hidden region of a test cell (between ``### BEGIN HIDDEN TESTS`` and
``### END HIDDEN TESTS``) is a few lines of Python run in the grader process,
never in the student's kernel.  It can use ``np``, ``rng`` (a generator
seeded from the cell's grade id, so inputs are random but the same every
run) and three names::

    grade("sigmoid",
          case("a (4, 7) matrix", rng.normal(size=(4, 7))),
          case("a single example, shape (1, 1)", rng.normal(size=(1, 1))),
          hint="apply 1 / (1 + e^-x) elementwise with np.exp")
    grade_value("m_train", hint="count the examples, not the pixels")

``case(label, *args, **kwargs)`` is one call of the function; the label is
what a student reads in the feedback, so it describes the input without
giving it away.  Every case is judged against the reference solution run on
the same input: type, then shape, then values; it is one check, passed only
when all three match.  ``grade`` also takes ``rtol``/``atol``, ``hint`` (added
to failure messages), ``inputs_unchanged=True`` (one more check per case: the
call left its arguments as they were), and ``extra``/``judge`` for checks of
your own, such as finite differences::

    grade("propagate", case("4 features, 3 examples", w, b, X, Y),
          extra=lambda c: [case("w nudged", w + eps * e_i, b, X, Y) for ...],
          judge=lambda c, student, reference: [Check(...)])

``judge`` gets the case and two lists of sandbox results ``[main, *extra]``,
each a dict with ``ok`` and ``value`` (or ``error``: the student's call may
have failed), and returns more :class:`Check` objects
(``Check(what, kind, passed, message)``); ready-made judges are in
:mod:`nndl.grading.judges` (``judges`` in the region).  With ``against_reference=False``
(random initialisers, say) the result is not compared with the reference's
and only the judge's checks count, plus one failed check if the call failed.

Specs are judged in the order the region lists them, cases in order within
a spec; a judge may hand what it saw to a later judge of the same cell
(``judges.OwnResults``, see :mod:`nndl.grading.judges.chaining`); each cell's
region runs in a fresh namespace and shares nothing with another region.
"""
import zlib
from dataclasses import dataclass, field

import numpy as np

from nndl.grading import judges
from nndl.student_files.nndl_checks import Check, rel_error

BEGIN = "### BEGIN HIDDEN TESTS"
END = "### END HIDDEN TESTS"


@dataclass
class Case:
    label: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    extra: list = field(default_factory=list)  # more calls (Cases) made for this case's own judge


@dataclass
class Spec:
    """The hidden checks of one function (or variable) in one test cell."""

    target: str
    cases: list
    kind: str = "call"  # "call" a function, or read a "value"
    rtol: float = 1e-6
    atol: float = 1e-8
    hint: str = ""
    inputs_unchanged: bool = False  # also check that the call did not modify its arguments
    against_reference: bool = True  # False: no comparison with the reference; only ``judge`` decides
    extra: object = None  # extra(case) -> [Case]: more calls of the target, for ``judge``
    judge: object = None  # judge(case, student_results, reference_results) -> [Check]; results = [main, *extra]

    def __post_init__(self):
        if self.extra is not None:
            for c in self.cases:
                c.extra = list(self.extra(c))

    def call_ids(self, index):
        """Per case, the ids of its calls (main call first): ``"<spec index>:<target>:<case>.<call>"``."""
        return [[f"{index}:{self.target}:{k}.{i}" for i in range(1 + len(case.extra))]
                for k, case in enumerate(self.cases)]

    def calls(self, index=0):
        """The sandbox calls this spec needs, each with its id (see :meth:`call_ids`): per case, the main
        call then its extra calls.  The jail answers each id, so a result can never be judged as another's."""
        ids = self.call_ids(index)
        return [{"id": ids[k][i], "target": self.target, "kind": self.kind, "args": list(c.args),
                 "kwargs": dict(c.kwargs), "keep_args": self.inputs_unchanged and i == 0}
                for k, case in enumerate(self.cases) for i, c in enumerate([case, *case.extra])]


def case(label, *args, **kwargs):
    return Case(label, args, kwargs)


def hidden_region(source):
    """The text between the hidden-test markers of a cell ('' when there is none)."""
    if BEGIN not in source:
        return ""
    start = source.index(BEGIN) + len(BEGIN)
    end = source.index(END, start) if END in source[start:] else len(source)
    return source[start:end]


def seed_for(grade_id):
    return zlib.crc32(grade_id.encode())


def read_specs(grade_id, source):
    """Run a test cell's hidden region (instructor code) and return its specs."""
    specs = []

    def grade(target, *cases, **options):
        specs.append(Spec(target, list(cases), **options))

    def grade_value(target, **options):
        specs.append(Spec(target, [Case(f"the variable {target}")], kind="value", **options))

    namespace = {"np": np, "rng": np.random.default_rng(seed_for(grade_id)), "case": case,
                 "grade": grade, "grade_value": grade_value, "Check": Check, "rel_error": rel_error,
                 "judges": judges}
    exec(compile(hidden_region(source), f"<hidden tests of {grade_id}>", "exec"), namespace)
    return specs
