"""Judges of forward passes that return an output and caches: the output must match the reference's
exactly; a cache is checked for the arrays it holds, not for how it lays them out inside (that layout is
graded where it is made, with ``linear_forward``)."""
import numpy as np

from nndl.student_files.nndl_checks import Check, compare, problems as failures

from nndl.grading.judges.guards import when_call_succeeded


def output_and_layer_cache(target, output="A"):
    """A judge of one layer's ``(A, cache)``: A exactly, the cache a pair ``(linear_cache, activation_cache)``
    whose second part is exactly Z and whose first holds the arrays of the linear cache."""
    @when_call_succeeded
    def judge(case, student, reference):
        what = f"{target} on {case.label}"
        got, (output_ref, (linear_ref, Z_ref)) = student[0].value, reference[0].value
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return [Check(what, "case", False, f"{what} should return a tuple ({output}, cache).")]
        problems = failures(compare(got[0], output_ref, f"{what}: {output}"))
        cache = got[1]
        if not isinstance(cache, (tuple, list)) or len(cache) != 2:
            problems.append(f"{what}: the cache should be a tuple (linear_cache, activation_cache).")
        else:
            problems += failures(compare(cache[1], Z_ref, f"{what}: cache[1] (the activation cache)"))
            problems.append(same_arrays(cache[0], linear_ref, f"{what}: cache[0] (the linear cache)"))
        return _one_check(what, problems)
    return judge


def output_and_caches(target, output="AL"):
    """A judge of a whole network's ``(AL, caches)``: AL exactly, and one cache per layer, in layer order,
    each holding that layer's arrays (A_prev, W, b and Z)."""
    @when_call_succeeded
    def judge(case, student, reference):
        what = f"{target} on {case.label}"
        got, (output_ref, caches_ref) = student[0].value, reference[0].value
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return [Check(what, "case", False, f"{what} should return a tuple ({output}, caches).")]
        problems = failures(compare(got[0], output_ref, f"{what}: {output}"))
        caches = got[1]
        if not isinstance(caches, (tuple, list)) or len(caches) != len(caches_ref):
            problems.append(f"{what}: caches should be a list of {len(caches_ref)} caches, one per layer.")
        else:
            for l, (mine, ref) in enumerate(zip(caches, caches_ref), start=1):
                problems.append(same_arrays(mine, ref, f"{what}: caches[{l - 1}] (layer {l})"))
        return _one_check(what, problems)
    return judge


def _one_check(what, problems):
    """One check for the case, failed with its first two problems when there are any."""
    problems = [p for p in problems if p]
    return [Check(what, "case", not problems, " ".join(problems[:2]))]


def arrays_in(value):
    """Every array inside nested tuples and lists, in order."""
    if isinstance(value, (tuple, list)):
        return [a for item in value for a in arrays_in(item)]
    return [value]


def same_arrays(got, expected, what, rtol=1e-6, atol=1e-8):
    """A failure message when ``got`` does not hold the arrays of ``expected`` (in any order, nested in
    tuples or lists the same way or not), else ""."""
    wanted = arrays_in(expected)
    found = arrays_in(got) if isinstance(got, (tuple, list)) else []
    if len(found) != len(wanted):
        return f"{what} should hold {len(wanted)} arrays."
    for array in wanted:
        match = next((i for i, g in enumerate(found) if isinstance(g, np.ndarray) and g.shape == array.shape
                      and np.allclose(g, array, rtol=rtol, atol=atol)), None)
        if match is None:
            return f"{what} does not hold the expected array of shape {array.shape}."
        found.pop(match)
    return ""
