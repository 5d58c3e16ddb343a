"""Handed-in files that are a module of reference solutions the course itself ships, which grading leaves out.

``release/w4_deep_application/dnn_steps.py`` holds the reference solutions of ``w4_deep_network``
(see :mod:`nndl.build.solution_module`). A ``w4_deep_network`` submission that hands that file in
next to its notebook and imports it would be graded on the course's own answers. So before a
submission reaches a worker, every file handed in next to its notebooks is compared with the
modules the course ships: one named like such a module, or one whose function definitions
include a reference solution of the assignment being graded (compared as syntax trees, so
renaming the file, reformatting it or changing comments and docstrings does not hide it), is not
taken in; the jail never sees it, and ``import dnn_steps`` fails there as in a blank submission.

The notebook itself is not filtered: a ``%%writefile`` cell that writes the module out, or the
functions pasted into cells, are the student's own cells, copying that only a similarity check
can find.
"""
import ast
import functools
import json
from dataclasses import dataclass
from pathlib import Path

MARKER = '"""Functions from the {} notebook'  # how nndl.build.solution_module begins each module it writes


@dataclass(frozen=True)
class ShippedSolutions:
    """The course's shipped modules of one assignment's reference solutions, as plain values."""

    assignment: str
    modules: tuple  # (module file name, the assignment whose release ships it)
    solutions: frozenset  # normalised syntax trees of the reference solutions (not the provided functions)


def _normalised_functions(code):
    """Each top-level function of ``code`` as a syntax-tree dump without its name and docstring."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return set()
    found = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                    and isinstance(body[0].value.value, str):
                body = body[1:]
            found.add(ast.dump(ast.Module(body=[*body], type_ignores=[])) + ast.dump(node.args))
    return found


def _provided_code(root, assignment):
    """The code of the assignment's locked (provided, not graded) cells: what every student already has."""
    path = Path(root) / "source" / assignment / f"{assignment}.ipynb"
    try:
        cells = json.loads(path.read_text())["cells"]
    except (OSError, ValueError, KeyError):
        return ""
    return "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"
                     and c.get("metadata", {}).get("nbgrader", {}).get("locked")
                     and not c.get("metadata", {}).get("nbgrader", {}).get("grade"))


@functools.lru_cache(maxsize=32)
def shipped_solutions(root, assignment):
    """What the course at ``root`` ships of ``assignment``'s reference solutions (found in ``source/*/``)."""
    root = Path(root)
    marker = MARKER.format(assignment)
    modules, solutions = [], set()
    for path in sorted(root.glob("source/*/*.py")):
        try:
            text = path.read_text()
        except (OSError, UnicodeDecodeError):
            continue
        if path.parent.name != assignment and text.startswith(marker):
            modules.append((path.name, path.parent.name))
            solutions |= _normalised_functions(text)
    solutions -= _normalised_functions(_provided_code(root, assignment))
    return ShippedSolutions(assignment, tuple(modules), frozenset(solutions))


def is_shipped_solution(name, data, course):
    """Why the handed-in file ``name`` (its bytes ``data``) must not be taken in, or None.

    ``course``: :func:`shipped_solutions` of the assignment being graded."""
    for module, shipped_with in course.modules:
        if Path(name).stem == Path(module).stem:
            return (f"{name} has the name of {module}, the module of {course.assignment}'s reference solutions "
                    f"that {shipped_with} ships; it was not taken in")
    if not course.solutions or not name.endswith(".py"):
        return None
    try:
        code = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    copied = _normalised_functions(code) & course.solutions
    if copied:
        where = course.modules[0] if course.modules else ("a module", "another assignment")
        return (f"{name} holds {len(copied)} of {course.assignment}'s reference solutions, as {where[0]} "
                f"(shipped with {where[1]}) has them; it was not taken in")
    return None
