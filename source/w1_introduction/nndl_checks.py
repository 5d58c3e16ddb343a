# Generated from nndl/student_files/nndl_checks.py by `nndl build`: edit that file, not this copy.
"""Compare a value with the value it should have: type, then shape, then values.

This one module serves twice:

* students get a copy next to each notebook (``nndl_checks.py``) and call
  :func:`expect` in the public test cells;
* the grader imports it to compare a student's outputs with the reference's,
  outside the student's kernel.

It holds no solutions and no hidden inputs, only the comparison rules, and
depends on numpy alone.
"""
from dataclasses import dataclass
from typing import Any

import numpy as np

RTOL = 1e-6
ATOL = 1e-8


@dataclass(frozen=True)
class Check:
    """One checked property of one value ("type", "shape" or "values")."""

    what: str
    kind: str
    passed: bool
    message: str = ""
    skipped: bool = False  # not checked because an earlier property of the same value failed
    diagnosis: str = ""  # the likely misconception behind a failure, when the grader recognised one


def describe(value: Any, quiet: bool = False) -> str:
    """A short, value-free description of what came back: type and shape.

    ``quiet`` (the grader's hidden checks): nothing the code under test chose freely (dict
    keys, class names) is repeated, so hidden inputs cannot be smuggled into feedback."""
    if isinstance(value, np.ndarray):
        if quiet:
            return f"an array of shape {_shape_text(value.shape)} holding {_kind_text(value.dtype)}"
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (bool, np.bool_)):
        return f"the boolean {value}"
    if isinstance(value, np.generic):
        return f"a numpy scalar ({type(value).__name__})"
    if isinstance(value, (int, float)):
        return f"a Python {type(value).__name__}"
    if isinstance(value, dict):
        return f"a dict with {len(value)} keys" if quiet else f"a dict with keys {sorted(map(str, value))}"
    if isinstance(value, (tuple, list)):
        if quiet and len(value) > SHOWN_SIZE:
            return f"a {type(value).__name__} of more than {SHOWN_SIZE} items"
        return f"a {type(value).__name__} of length {len(value)}"
    if value is None:
        return "None (did you forget a return statement?)"
    if quiet and type(value).__module__ != "builtins":
        return "an object of a kind the grader does not read (not an array, number, dict, list or tuple)"
    return f"an object of type {type(value).__name__}"


# The grader's hidden checks (``quiet``) echo only what a few bits can say about a result the
# student's code chose (it has seen the hidden inputs): sizes up to SHOWN_SIZE, kinds of dtype,
# relative errors to their power of ten, how many entries differ in words.
SHOWN_SIZE = 10


def _shape_text(shape: tuple[int, ...], expected: tuple[int, ...] | None = None) -> str:
    """A shape the code under test chose, as the grader repeats it: each size that is small or one of
    the expected shape's (a transpose, a missing axis) as it is, any other as ``…``."""
    allowed = set(expected or ()) | {1}
    if len(shape) > max(2, len(expected or ()) + 1):
        return "(more axes than expected)"
    sizes = [str(d) if d <= SHOWN_SIZE or d in allowed else "…" for d in shape]
    return "(" + ", ".join(sizes) + ("," if len(sizes) == 1 else "") + ")"


def _kind_text(dtype: np.dtype) -> str:
    kinds = {"b": "booleans", "i": "integers", "u": "integers", "f": "floats", "c": "complex numbers",
             "U": "text", "S": "bytes"}
    return kinds.get(dtype.kind, "values of another kind")


def _about(error: float) -> str:
    """A relative error as its power of ten (1e-3), so that it says how wrong, not which value."""
    if not np.isfinite(error):
        return "not computable"
    if error <= 0:
        return "0"
    return f"1e{max(-12, min(0, int(np.round(np.log10(error))))):+d}".replace("+0", "0").replace("1e0", "1")


def _how_many(bad: int, size: int) -> str:
    if bad >= size:
        return "all entries differ" if size > 1 else "the entry differs"
    return "most entries differ" if bad > size / 2 else "some entries differ"


def _is_number(value: Any) -> bool:
    """A real number: Python or numpy, or a numpy array of shape () holding one (np.squeeze gives those)."""
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, np.ndarray):
        return value.ndim == 0 and value.dtype.kind in "iuf"
    return isinstance(value, (int, float, np.integer, np.floating))


def rel_error(x: Any, y: Any) -> float:
    """max |x - y| / max(1e-8, |x| + |y|), the field's usual relative error (nan if not computable)."""
    try:
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        with np.errstate(all="ignore"):
            return float(np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y)), initial=0.0))
    except (OverflowError, TypeError, ValueError):
        return float("nan")


def _values_close(got: Any, expected: Any, rtol: float, atol: float) -> bool:
    try:
        if isinstance(got, np.ndarray) and isinstance(expected, np.ndarray) and np.array_equal(got, expected):
            return True  # the usual case, and a tenth of the work of allclose on big arrays
        got = np.asarray(got, dtype=float)
        expected = np.asarray(expected, dtype=float)
        return bool(np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True))
    except (OverflowError, TypeError, ValueError):  # e.g. an int too large for a float
        return False


def _skipped(what: str, kinds: tuple[str, ...], reason: str) -> list[Check]:
    return [Check(what, kind, False, f"{what}: {kind} not checked ({reason})", skipped=True) for kind in kinds]


def problems(checks: list[Check]) -> list[str]:
    """The messages of the checks that failed, leaving out those only skipped after an earlier failure."""
    return [c.message for c in checks if not c.passed and not c.skipped]


def compare(got: Any, expected: Any, what: str = "result", rtol: float = RTOL, atol: float = ATOL, hint: str = "",
            quiet: bool = False) -> list[Check]:
    """Return the list of :class:`Check` comparing ``got`` with ``expected``.

    * arrays: type, shape, values (values within ``rtol``/``atol``);
    * Python or numpy numbers: type (any real number, not an array), values;
    * booleans, strings, None: type, values (exact);
    * dicts: the keys, then each expected key in turn;
    * tuples and lists: type and length, then each item in turn.

    When a check fails the later ones of the same value count as failed too,
    so a score proportional to the passed checks rewards getting the
    structure right first.  Messages name ``what`` and show shapes and types;
    they print values only where a student is meant to see them (``expect``).
    """
    tip = f" {hint}" if hint else ""
    if _is_number(expected) and isinstance(expected, np.ndarray):
        expected = expected[()]
    if isinstance(expected, np.ndarray):
        return _compare_array(got, expected, what, rtol, atol, tip, quiet)
    if _is_number(expected):
        return _compare_number(got, expected, what, rtol, atol, tip, quiet)
    if isinstance(expected, dict):
        return _compare_dict(got, expected, what, rtol, atol, hint, quiet)
    if isinstance(expected, (tuple, list)):
        return _compare_sequence(got, expected, what, rtol, atol, hint, quiet)
    return _compare_exact(got, expected, what, tip, quiet)


def _compare_array(got: Any, expected: np.ndarray, what: str, rtol: float, atol: float, tip: str,
                   quiet: bool) -> list[Check]:
    """An array: its type, then its shape, then its values."""
    kinds = ("type", "shape", "values")
    if not isinstance(got, np.ndarray):
        return [
            Check(what, "type", False, f"{what} should be a numpy array of shape {expected.shape}, "
                                       f"but it is {describe(got, quiet)}.{tip}"),
            *_skipped(what, kinds[1:], "the type is wrong")]
    checks = [Check(what, "type", True)]
    if got.shape != expected.shape:
        shown = _shape_text(got.shape, expected.shape) if quiet else got.shape
        return checks + [
            Check(what, "shape", False, f"{what} has shape {shown}, expected {expected.shape}.{tip}"),
            *_skipped(what, kinds[2:], "the shape is wrong")]
    checks.append(Check(what, "shape", True))
    if got.dtype.kind in "biuf" and _values_close(got, expected, rtol, atol):
        return checks + [Check(what, "values", True)]
    detail = _array_difference(got, expected, rtol, atol, quiet)
    return checks + [Check(what, "values", False, f"{what} has the right shape but wrong values: {detail}.{tip}")]


def _array_difference(got: np.ndarray, expected: np.ndarray, rtol: float, atol: float, quiet: bool) -> str:
    """How two arrays of the same shape differ, in words (``quiet``: only a few bits of it)."""
    if got.dtype.kind not in "biuf":
        return f"it holds {_kind_text(got.dtype) if quiet else got.dtype}, not numbers"
    bad = int(np.sum(~np.isclose(got.astype(float), expected, rtol=rtol, atol=atol)))
    if quiet:
        return f"{_how_many(bad, expected.size)} (relative error about {_about(rel_error(got, expected))})"
    diff = np.abs(got.astype(float) - expected.astype(float))
    return (f"{bad} of {expected.size} entries differ (largest difference "
            f"{np.nanmax(diff) if np.isfinite(diff).any() else float('nan'):.3g}, "
            f"relative error {rel_error(got, expected):.3g})")


def _compare_number(got: Any, expected: Any, what: str, rtol: float, atol: float, tip: str,
                    quiet: bool) -> list[Check]:
    """A real number (Python or numpy): its type (any real number, not an array), then its value."""
    if not _is_number(got):
        return [Check(what, "type", False, f"{what} should be a number (a Python float), "
                                           f"but it is {describe(got, quiet)}.{tip}"),
                *_skipped(what, ("values",), "the type is wrong")]
    if _values_close(got, expected, rtol, atol):
        return [Check(what, "type", True), Check(what, "values", True)]
    error = rel_error(got, expected)
    return [Check(what, "type", True),
            Check(what, "values", False, f"{what} is the wrong number (relative error "
                                         f"{_about(error) if quiet else format(error, '.3g')}).{tip}")]


def _compare_dict(got: Any, expected: dict, what: str, rtol: float, atol: float, hint: str,
                  quiet: bool) -> list[Check]:
    """A dict: its keys, then each expected key's value in turn."""
    tip = f" {hint}" if hint else ""
    if not isinstance(got, dict):
        return [Check(what, "type", False, f"{what} should be a dict with keys {sorted(expected)}, "
                                           f"but it is {describe(got, quiet)}.{tip}")]
    missing = [k for k in expected if k not in got]
    if missing:
        return [Check(what, "keys", False, f"{what} is missing the key(s) {missing}.{tip}")]
    checks = [Check(what, "keys", True)]
    for key, value in expected.items():
        checks += compare(got[key], value, f"{what}[{key!r}]", rtol, atol, hint, quiet)
    return checks


def _compare_sequence(got: Any, expected: tuple | list, what: str, rtol: float, atol: float, hint: str,
                      quiet: bool) -> list[Check]:
    """A tuple or list: its type and length, then each item in turn."""
    tip = f" {hint}" if hint else ""
    kind = type(expected).__name__
    if not isinstance(got, (tuple, list)) or len(got) != len(expected):
        return [Check(what, "type", False, f"{what} should be a {kind} of {len(expected)} items, "
                                           f"but it is {describe(got, quiet)}.{tip}")]
    checks = [Check(what, "type", True)]
    for i, (g, e) in enumerate(zip(got, expected)):
        checks += compare(g, e, f"{what}[{i}]", rtol, atol, hint, quiet)
    return checks


def _compare_exact(got: Any, expected: Any, what: str, tip: str, quiet: bool) -> list[Check]:
    """Booleans, strings, None and anything else: the same type, then exact equality."""
    same_type = isinstance(got, type(expected)) or (isinstance(expected, bool) and isinstance(got, np.bool_))
    if not same_type:
        return [Check(what, "type", False, f"{what} should be of type {type(expected).__name__}, "
                                           f"but it is {describe(got, quiet)}.{tip}"),
                *_skipped(what, ("values",), "the type is wrong")]
    try:
        equal = type(got) is type(expected) and bool(got == expected)
    except Exception:  # noqa: BLE001 - a value whose == misbehaves is not equal
        equal = False
    return [Check(what, "type", True),
            Check(what, "values", equal, "" if equal else f"{what} has the wrong value.{tip}")]


def expect(got: Any, expected: Any, what: str = "result", rtol: float = RTOL, atol: float = ATOL,
           hint: str = "") -> None:
    """Public check for students: print a tick, or raise AssertionError saying what is wrong.

    Unlike the grader, it shows the expected values: these cases are public.
    """
    failed = [c for c in compare(got, expected, what, rtol, atol, hint) if not c.passed]
    if not failed:
        print(f"\u2713 {what}: type, shape and values are right")
        return
    first = failed[0]
    lines = [first.message]
    if first.kind == "values":
        with np.printoptions(precision=8, suppress=True, threshold=20):
            lines += [f"  expected: {np.asarray(expected)!r}" if isinstance(expected, np.ndarray) else f"  expected: {expected!r}",
                      f"  got:      {got!r}"]
    raise CheckFailed("\n".join(lines))


def require(passed: bool, what: str, came_back: str, hint: str = "") -> None:
    """Public check of a property rather than of one value (a range, a type, a count): print a tick, or
    raise :class:`CheckFailed` saying what was expected, what came back and the hint."""
    if passed:
        print(f"\u2713 {what}")
        return
    raise CheckFailed(f"expected {what}, but {came_back}." + (f" {hint}" if hint else ""))


class CheckFailed(AssertionError):
    """A public check that failed: Jupyter shows its message alone, not the checker's traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython's hook for exceptions that draw themselves
        return ["✗ " + str(self).replace("\n", "\n  ")]


def _not_written_yet(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> Any:
    """An exercise left as its stub says so in words, instead of a NotImplementedError traceback."""
    name, tb_start = None, tb
    while tb is not None:
        if tb.tb_frame.f_code.co_name != "<module>":
            name = tb.tb_frame.f_code.co_name
        tb = tb.tb_next
    if name is None:
        return shell.showtraceback((etype, value, tb_start), tb_offset=tb_offset)
    # still an error (Validate and the grader must see one), drawn as one plain sentence
    shell._showtraceback(etype, value, [f"\u2717 `{name}` is not written yet: replace `raise NotImplementedError()` "
                                        "in it with your code, run its cell, then run this cell again."])
    return None


def _install() -> None:
    try:
        shell = get_ipython()  # noqa: F821 - defined in IPython and Jupyter only
    except NameError:
        return
    try:
        shell.set_custom_exc((NotImplementedError,), _not_written_yet)
    except Exception:  # noqa: BLE001 - an unusual shell: keep its own tracebacks
        pass


_install()
