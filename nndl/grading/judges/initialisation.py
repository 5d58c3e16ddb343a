"""The judge of a random initialiser: its values cannot match the reference's, so their shapes and
spread are judged instead."""
import numpy as np

from nndl.student_files.nndl_checks import Check

from nndl.grading.judges.guards import when_call_succeeded


def random_initialisation(name, dims_of, scales_of, exact_keys=False):
    """A judge for a random initialiser, whose values cannot match the reference's.

    ``dims_of(case)`` gives the layer sizes [n0, n1, ..., nL]; ``scales_of(case)`` the expected
    spread (standard deviation) of each W. One check per case: W{l} of shape (n_l, n_{l-1}) with
    that spread and centred on zero, b{l} zeros of shape (n_l, 1), and with ``exact_keys`` nothing else.
    """
    @when_call_succeeded
    def judge(case, student, reference):
        what = f"{name} on {case.label}"
        params = student[0].value
        if not isinstance(params, dict):
            return [Check(what, "case", False, f"{what} should return a dict of arrays.")]
        dims, scales = dims_of(case), scales_of(case)
        problems = []
        for l in range(1, len(dims)):
            W, b = params.get(f"W{l}"), params.get(f"b{l}")
            if not isinstance(W, np.ndarray) or W.shape != (dims[l], dims[l - 1]):
                problems.append(f"W{l} should be an array of shape {(dims[l], dims[l - 1])}")
            elif not isinstance(b, np.ndarray) or b.shape != (dims[l], 1):
                problems.append(f"b{l} should be an array of shape {(dims[l], 1)}")
            elif np.any(b != 0):
                problems.append(f"b{l} should be all zeros")
            else:
                n, target = W.size, scales[l - 1]
                spread = float(np.std(W))
                allowed = max(0.1, 4 / np.sqrt(2 * n))  # about four standard errors of a sample spread
                if abs(spread / target - 1) > allowed:
                    problems.append(f"the entries of W{l} have spread (standard deviation) {spread:.3g}, "
                                    f"expected about {target:.3g}")
                elif abs(float(np.mean(W))) > 4 * target / np.sqrt(n):
                    problems.append(f"the entries of W{l} should be centred on zero")
        if exact_keys and len(params) != 2 * (len(dims) - 1):
            problems.append(f"the dict should hold exactly {2 * (len(dims) - 1)} arrays, W1, b1, ..., "
                            f"W{len(dims) - 1}, b{len(dims) - 1}")
        if problems:
            return [Check(what, "case", False, f"{what}: " + "; ".join(problems[:2]) + ".")]
        return [Check(what, "case", True)]

    return judge
