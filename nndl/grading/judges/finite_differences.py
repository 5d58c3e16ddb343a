"""Gradients checked against two-sided finite differences: one method, the one week 4 explains.

The whole gradient is compared at once, with the relative difference

    ||g - g_approx|| / (||g|| + ||g_approx||)

(0 when they agree, 1 when one is the negative of the other, 1/3 when one is twice the other, whatever
the scale of the cost); an entry-wise error is not used, since entries whose true slope is near zero
make it look wrong for a right gradient.  Two ways to get ``g_approx``:

* :func:`numerical_gradient`: the grader's own cost function of a dict of parameters;
* :class:`OwnGradientCheck`: the student's *own* cost, from extra calls of the student's function
  with one argument entry nudged up and down (``extra=`` of ``grade``), so that the gradients are
  judged against the cost the student returns, whatever that cost is.
"""
import numpy as np

from nndl.grading.judges.reading import one_number
from nndl.student_files.nndl_checks import Check

TOLERANCE = 1e-6  # a right gradient gives about 1e-10 to 1e-8 with the steps used here
NOISE = 1e-7  # differences smaller than this (in norm) are below what finite differences resolve


def relative_difference(g, g_approx):
    """||g - g_approx|| / (||g|| + ||g_approx||) over all entries (arrays, or lists/tuples of them, taken
    as one long vector); 0.0 when both are zero.  Raises ValueError when the sizes differ."""
    g, g_approx = _vector(g), _vector(g_approx)
    if g.shape != g_approx.shape:
        raise ValueError(f"{g.size} entries against {g_approx.size}")
    scale = np.linalg.norm(g) + np.linalg.norm(g_approx)
    return 0.0 if scale == 0 else float(np.linalg.norm(g - g_approx) / scale)


def agree(g, g_approx, tolerance=TOLERANCE):
    """True when the gradient ``g`` matches its estimate: relative difference below ``tolerance``, or a
    difference too small for finite differences to tell (norm below ``NOISE``)."""
    g, g_approx = _vector(g), _vector(g_approx)
    if g.shape != g_approx.shape or not np.all(np.isfinite(g)):
        return False
    return relative_difference(g, g_approx) < tolerance or float(np.linalg.norm(g - g_approx)) < NOISE


def _vector(value):
    if isinstance(value, (list, tuple)):
        return np.concatenate([_vector(v) for v in value]) if value else np.zeros(0)
    return np.asarray(value, dtype=float).reshape(-1)


def numerical_gradient(cost, parameters, eps=1e-7):
    """Two-sided differences of ``cost(parameters)`` (a number) for every entry of every array of the
    dict ``parameters``; a dict of arrays of the same keys and shapes.  ``parameters`` is not changed."""
    estimate = {}
    for name, value in parameters.items():
        slope = np.zeros(np.shape(value), dtype=float)
        for index in np.ndindex(slope.shape):
            up = {k: np.array(v, dtype=float) for k, v in parameters.items()}
            down = {k: np.array(v, dtype=float) for k, v in parameters.items()}
            up[name][index] += eps
            down[name][index] -= eps
            slope[index] = (cost(up) - cost(down)) / (2 * eps)
        estimate[name] = slope
    return estimate


def _nudged(value, index, step):
    """A copy of ``value`` (a number or an array) with the entry at ``index`` moved by ``step``."""
    if isinstance(value, np.ndarray):
        moved = value.astype(float, copy=True)
        moved[index] += step
        return moved
    return float(value) + step


def _indices(value):
    return list(np.ndindex(np.shape(value))) if isinstance(value, np.ndarray) else [()]


class OwnGradientCheck:
    """The student's gradients against finite differences of the student's own cost.

    ``target``: the function graded; ``arguments``: {name: position} of the arguments to nudge (numbers
    or arrays); ``gradient_of(value, name)``: the student's gradient for that argument, read from the
    main call's value; ``cost_of(value)``: the cost, a number, from any call's value; ``advice``: {name:
    what to look at when that gradient is wrong}.  Give ``extra=check.extra, judge=check.judge`` to
    ``grade``: one check per argument, "d<name> gradient check".
    """

    def __init__(self, target, arguments, gradient_of, cost_of, advice, eps=1e-5, tolerance=TOLERANCE):
        self.target, self.arguments, self.advice = target, dict(arguments), dict(advice)
        self.gradient_of, self.cost_of = gradient_of, cost_of
        self.eps, self.tolerance = eps, tolerance

    def extra(self, case):
        """The calls the check needs: per argument, per entry, the argument nudged up, then down."""
        from nndl.grading.specs import Case  # here: specs imports this package

        calls = []
        for name, position in self.arguments.items():
            value = case.args[position]
            for index in _indices(value):
                where = f"{name}[{', '.join(map(str, index))}]" if index else name
                for step, word in ((self.eps, "up"), (-self.eps, "down")):
                    args = list(case.args)
                    args[position] = _nudged(value, index, step)
                    calls.append(Case(f"{case.label}, {where} nudged {word}", tuple(args), dict(case.kwargs)))
        return calls

    def judge(self, case, student, reference):
        what = f"{self.target} on {case.label}"
        kinds = [f"d{name} gradient check" for name in self.arguments]
        try:
            if not all(isinstance(r, dict) and r.get("ok") for r in student):
                raise ValueError("a call failed")
            costs = iter(one_number(self.cost_of(r["value"])) for r in student[1:])
            verdicts = {}
            for name, position in self.arguments.items():
                slopes = [(next(costs) - next(costs)) / (2 * self.eps) for _ in _indices(case.args[position])]
                mine = np.asarray(self.gradient_of(student[0]["value"], name), dtype=float).reshape(-1)
                verdicts[name] = agree(mine, np.array(slopes), self.tolerance)
        except Exception:  # noqa: BLE001 - whatever came back could not be checked
            message = (f"{what}: the gradient check could not run (the gradients and the cost must be "
                       "readable as numbers).")
            return [Check(what, kind, False, message) for kind in kinds]
        return [Check(what, kind, ok, "" if ok else
                      f"{what}: d{name} is not the slope of your cost in {name} (gradient check failed). "
                      f"{self.advice.get(name, '')}".rstrip())
                for (name, ok), kind in zip(verdicts.items(), kinds)]
