"""Nothing a student must not see reaches release/: no solution, no hidden test, no reference output."""
import re

import nbformat
import pytest

from nndl.build.notebook_text import read_authored
from nndl.course import REPO_ROOT, assignments
from nndl.grading.specs import hidden_region
from support import secret_lines

RELEASE = REPO_ROOT / "release"
MARKERS = re.compile(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS)")


def release_text(release=RELEASE):
    """Every text file under a release folder, as one string per file."""
    return {p: p.read_text(errors="replace") for p in release.rglob("*")
            if p.is_file() and p.suffix in (".ipynb", ".py", ".txt", ".md", ".json", ".html")}


def provided_lines(name):
    """The lines another notebook gives its students on purpose: its code outside solution regions
    and hidden tests (say a skeleton's `for i in range(num_iterations):`)."""
    path = REPO_ROOT / "notebooks" / f"{name}.py"
    if not path.is_file():
        return set()
    lines = set()
    for cell in read_authored(path, name).cells:
        if cell.cell_type != "code":
            continue
        source = cell.source
        if cell.metadata.get("nbgrader", {}).get("grade"):
            source = source.replace(hidden_region(source), "")
        kept, inside = [], False
        for line in source.splitlines():
            if line.strip() in ("### BEGIN SOLUTION", "### END SOLUTION"):
                inside = line.strip() == "### BEGIN SOLUTION"
            elif not inside:
                kept.append(line.strip())
        lines |= set(kept)
    return lines


def leaks(name, release=RELEASE, allowed=()):
    """(file, line) pairs where a secret line of assignment ``name`` appears under ``release``.

    Files in ``allowed`` (shipped reference functions) may hold solution lines, never hidden-test lines.
    A line that another assignment's notebook provides to its students on purpose is no secret there.
    """
    secrets, hidden = secret_lines(name), secret_lines(name, kinds=("hidden",))
    assert secrets, "the scan found nothing to look for: it would pass vacuously"
    found = set()
    for path, text in release_text(release).items():
        folder = path.relative_to(release).parts[0]
        lines = hidden if path in allowed else secrets
        if folder != name:
            lines = lines - provided_lines(folder)
        found |= {(path.name, line) for line in lines if line in text}
    return found


def shipped_solution_modules():
    """release files that deliberately carry an earlier notebook's reference functions (header ship_solutions)."""
    allowed = {}
    for name in assignments():
        nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
        spec = nb.metadata["nndl"].get("ship_solutions")
        if spec:
            allowed[RELEASE / name / spec["module"]] = spec["from"]
    return allowed


def test_release_has_no_solution_or_hidden_test_markers():
    leaks = [str(p) for p, text in release_text().items() if MARKERS.search(text)]
    assert not leaks


@pytest.mark.parametrize("name", assignments())
def test_release_holds_no_reference_solution_or_hidden_test_line(name):
    # a module of shipped reference functions (released after its origin) may repeat lines of its
    # origin or of any earlier assignment (course order), e.g. the same two-layer initialisation
    order = assignments()
    allowed = {path for path, origin in shipped_solution_modules().items()
               if order.index(name) <= order.index(origin)}
    assert not leaks(name, allowed=allowed)


@pytest.mark.parametrize("name", assignments())
def test_release_notebooks_have_no_outputs(name):
    nb = nbformat.read(RELEASE / name / f"{name}.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("kind", ["solution", "hidden test"])
def test_the_scan_catches_a_planted_leak(tmp_path, kind):
    """The scan itself works: a line of a solution or of a hidden test pasted into a release copy is found."""
    name = assignments()[0]
    nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution" if kind == "solution" else "grade"))
    if kind == "solution":
        source = cell.source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
    else:
        source = hidden_region(cell.source)
    planted = max(source.splitlines(), key=len).strip()
    copy = tmp_path / name
    copy.mkdir()
    (copy / "notes.txt").write_text("student scratch\n" + planted + "\n")
    assert (copy / "notes.txt", planted) in {(copy / f, l) for f, l in leaks(name, release=tmp_path)}


# --- Hints that give the answer away -------------------------------------------------------------
# A hint names the idea and the likely slip, never the line a student is asked to write. The scan below
# pulls every code-like fragment out of the hints of a graded function (its public checks' hints and the
# hidden region's and its judges' messages, which reach the feedback), pastes it into the release stub as the function's body (as
# ``return <fragment>`` and as statements) and runs the public checks on it: none may pass.

def hint_strings(source):
    """The hint texts of one region of a test cell: every ``hint=`` argument, with a string variable
    (``where = "..."``, then ``hint=where``) resolved."""
    import ast

    def text(node, env):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return env.get(node.id)
        if isinstance(node, ast.JoinedStr):
            return "".join(v.value if isinstance(v, ast.Constant) else " " for v in node.values)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = text(node.left, env), text(node.right, env)
            return left + right if left is not None and right is not None else None
        return None

    tree, env, found = ast.parse(source), {}, []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = text(node.value, env)
            if value is not None:
                env[node.targets[0].id] = value
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                value = text(keyword.value, env) if keyword.arg == "hint" else None
                if value and value not in found:
                    found.append(value)
    return found


def message_strings(source):
    """Every longer string of a hidden region: the messages its judges write into the feedback."""
    import ast

    return [node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 20]


def code_fragments(hint):
    """Every run of words in a hint that parses as Python doing something (a call, an operation, an
    attribute, an assignment), each as ("expr", code) or ("exec", code)."""
    import ast

    words = hint.split()
    found = []
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            piece = " ".join(words[i:j]).strip(".,;:")
            for kind in ("eval", "exec"):
                try:
                    tree = ast.parse(piece, mode=kind)
                except (SyntaxError, ValueError):
                    continue
                nodes = list(ast.walk(tree))
                if any(isinstance(n, (ast.Call, ast.BinOp, ast.UnaryOp, ast.Attribute, ast.Subscript, ast.Assign,
                                      ast.AugAssign)) for n in nodes):
                    found.append(("expr" if kind == "eval" else "exec", piece))
                    break
    return list(dict.fromkeys(found))


def filled_stub(stub, body):
    """The release stub with its first gap replaced by ``body`` (its other gaps by ``pass``)."""
    lines, out, first = stub.splitlines(), [], True
    for line in lines:
        if line.strip() == "raise NotImplementedError()":
            indent = line[: len(line) - len(line.lstrip())]
            out += [indent + b for b in (body.splitlines() if first else ["pass"])]
            first = False
        else:
            out.append(line)
    return "\n".join(out)


def hint_leaks(name):
    """(grade id, body) for every body made of a hint's code that passes the function's public checks."""
    import contextlib
    import io
    import os
    import sys
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    from nndl.build.notebook_text import strip_solution_markers
    from nndl.course import find_data_dir
    from nndl.grading.release import SKIP_TAG, public_part

    source = nbformat.read(REPO_ROOT / "source" / name / f"{name}.ipynb", as_version=4)
    release = nbformat.read(RELEASE / name / f"{name}.ipynb", as_version=4)
    stubs = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in release.cells}
    cells = [c for c in source.cells if c.cell_type == "code" and SKIP_TAG not in c.metadata.get("tags", [])]
    folder, data_dir = RELEASE / name, find_data_dir(REPO_ROOT)
    old_cwd, old_env = os.getcwd(), os.environ.get("NNDL_DATA_DIR")
    os.chdir(folder)
    sys.path.insert(0, str(folder))
    if data_dir:
        os.environ["NNDL_DATA_DIR"] = str(data_dir)
    namespace, leaked = {"__name__": "__main__"}, []
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for k, cell in enumerate(cells):
                meta = cell.metadata.get("nbgrader", {})
                gid = meta.get("grade_id")
                tests = next((c for c in cells[k + 1:] if c.metadata.get("nbgrader", {}).get("grade_id")
                              == f"{gid}_tests"), None) if meta.get("solution") else None
                if tests is not None:
                    public = public_part(tests.source)
                    hidden = hidden_region(tests.source)
                    hints = list(dict.fromkeys(hint_strings(public) + hint_strings(hidden) + message_strings(hidden)))
                    bodies = []
                    for hint in hints:
                        fragments = code_fragments(hint)
                        bodies += [f"return {code}" if kind == "expr" else code for kind, code in fragments]
                        bodies += [code for kind, code in fragments if kind == "expr"]
                        statements = [code for kind, code in fragments if kind == "exec"]
                        if len(statements) > 1:
                            bodies.append("\n".join(statements))
                    for body in dict.fromkeys(bodies):
                        trial = dict(namespace)
                        try:
                            exec(compile(filled_stub(stubs[gid], body), f"<{gid} stub>", "exec"), trial)
                            exec(compile(public, f"<{gid} checks>", "exec"), trial)
                        except BaseException:  # noqa: BLE001 - any failure is what we want
                            continue
                        leaked.append((gid, body))
                code = strip_solution_markers(cell.source) if meta.get("solution") else (
                    public_part(cell.source) if meta.get("grade") else cell.source)
                if "nndl-instructor-only" in cell.metadata.get("tags", []):
                    continue
                exec(compile(code, f"<{name} cell {k}>", "exec"), namespace)
    finally:
        os.chdir(old_cwd)
        sys.path.remove(str(folder))
        if old_env is None:
            os.environ.pop("NNDL_DATA_DIR", None)
        else:
            os.environ["NNDL_DATA_DIR"] = old_env
        import matplotlib.pyplot as plt

        plt.close("all")
    return leaked


def test_code_fragments_finds_the_code_in_a_hint():
    hint = "Use 1 / (1 + np.exp(-z)); then db = np.sum(A - Y) / m, one number: mind the 1/m."
    found = dict((code, kind) for kind, code in code_fragments(hint))
    assert found.get("1 / (1 + np.exp(-z))") == "expr" and found.get("db = np.sum(A - Y) / m") == "exec"


@pytest.mark.parametrize("name", assignments())
def test_no_hint_pasted_into_its_stub_passes_the_public_checks(name):
    assert hint_leaks(name) == []


def test_the_hint_scan_catches_a_hint_that_is_the_answer(monkeypatch):
    """The scan works: give basic_sigmoid's check the answer as its hint and the scan reports it."""
    name = "w2_numpy_basics"
    real = hint_strings
    answer = "Write 1 / (1 + math.exp(-x)) and you are done."
    monkeypatch.setitem(globals(), "hint_strings", lambda source: real(source) + [answer])
    assert ("basic_sigmoid", "return 1 / (1 + math.exp(-x))") in hint_leaks(name)
