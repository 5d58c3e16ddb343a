"""The corrections of issue 11 that can be checked: the course's text and reference code say what
is true (L2 on columns, the cost plot's x axis, no promise of a week 5, boolean checks read as
sentences, the hard stubs come with skeletons in the release)."""
import re

import nbformat
import numpy as np
import pytest

from nndl.build.notebook_text import read_authored, strip_solution_markers
from nndl.course import REPO_ROOT, assignments

SKELETONS = {"w3_planar_data": ["nn_model"], "w4_deep_network": ["L_model_backward"],
             "w4_deep_application": ["two_layer_model", "L_layer_model"]}


def reference_function(assignment, grade_id):
    nb = read_authored(REPO_ROOT / "notebooks" / f"{assignment}.py", assignment)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    namespace = {"np": np}
    exec(strip_solution_markers(cell.source), namespace)
    return namespace[grade_id]


def test_the_L2_reference_works_on_rank_1_arrays_rows_and_columns():
    L2 = reference_function("w2_numpy_basics", "L2")
    yhat, y = np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1.0, 0, 0, 1, 1])
    for shape in ((5,), (1, 5), (5, 1)):
        assert np.isclose(L2(yhat.reshape(shape), y.reshape(shape)), 0.43)


def test_plot_costs_puts_each_cost_at_its_iteration_for_any_number_of_iterations(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from test_w4_deep_application import reference_namespace

    ref = reference_namespace()
    monkeypatch.setattr(plt, "show", lambda *a, **k: None)
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(4, 6)), (rng.uniform(size=(1, 6)) < 0.5).astype(float)
    for iterations in (700, 250):
        _, costs = ref["L_layer_model"](X, Y, [4, 3, 1], learning_rate=0.1, num_iterations=iterations)
        plt.figure()
        ref["plot_costs"](costs, 0.1, "test")
        line = plt.gca().lines[0]
        assert list(line.get_xdata()) == [i for i in range(iterations) if i % 100 == 0]
        assert np.allclose(line.get_ydata(), costs)
        plt.close("all")


def authored(name):
    return (REPO_ROOT / "notebooks" / f"{name}.py").read_text()


@pytest.mark.parametrize("name", assignments())
def test_no_notebook_promises_a_week_this_course_does_not_have(name):
    text = authored(name)
    assert not re.search(r"week[ -]5|later in the course|next weeks", text, re.IGNORECASE)


@pytest.mark.parametrize("name", assignments())
def test_no_public_check_compares_a_boolean_with_true(name):
    assert not re.search(r"expect\(.*,\s*(True|False)\s*,", authored(name))


@pytest.mark.parametrize("assignment", sorted(SKELETONS))
def test_hard_stubs_show_a_step_by_step_skeleton_in_the_release(assignment):
    nb = nbformat.read(REPO_ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in nb.cells}
    for grade_id in SKELETONS[assignment]:
        source = cells[grade_id]
        gaps = source.count("# YOUR CODE HERE")
        assert gaps >= 2 and source.count("raise NotImplementedError()") == gaps
        assert len(re.findall(r"about \d+ lines?", source)) == gaps, "every gap says how long it is"


def public_checks(name):
    """(grade id, call) for every public check (expect, require) in the test cells of one notebook."""
    import ast

    from nndl.grading.release import public_part

    nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            for node in ast.walk(ast.parse(public_part(cell.source))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("expect", "require"):
                    yield meta["grade_id"], node


@pytest.mark.parametrize("name", assignments())
def test_every_public_check_comes_with_a_hint(name):
    """Each public check says what it expected and what came back (expect and require do), and a hint."""
    import ast

    checks = list(public_checks(name))
    missing = [f"{gid}, line {node.lineno}" for gid, node in checks
               if not any(k.arg == "hint" and not (isinstance(k.value, ast.Constant) and not k.value.value)
                          for k in node.keywords)]
    assert checks and missing == []


@pytest.mark.parametrize("name", assignments())
def test_public_test_cells_use_checks_not_bare_asserts(name):
    """A bare assert would show a traceback and no "what came back"; require says both."""
    from nndl.grading.release import public_part

    nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
    cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
             and not c.metadata["nbgrader"].get("solution")]
    assert not [c.metadata["nbgrader"]["grade_id"] for c in cells
                if re.search(r"^\s*assert\b", public_part(c.source), re.M)]


# A catalogued mistake per notebook, and what the public check of its function must say when it fails:
# the check that failed, what was expected and what came back, and a hint about the mistake itself.
PUBLIC_FAILURES = {
    "w2_numpy_basics": ("softmax_columns", "softmax of a (2, 5) matrix has the right shape but wrong values",
                        "sum along axis=1"),
    "w2_logistic_regression": ("propagate", "cost is the wrong number", "mind the minus sign"),
    "w3_planar_data": ("backward_propagation", "dW1 has the right shape but wrong values",
                       "the derivative of tanh, 1 - A1 squared"),
    "w4_deep_network": ("dAL_is_dZL", "dW2 has the right shape but wrong values", "AL - Y is dZ, not dAL"),
    "w4_deep_application": ("two_layer_model", "costs[1] is the wrong number", "A2 - Y is dZ2, not dA2"),
}


@pytest.mark.parametrize("name", sorted(PUBLIC_FAILURES))
def test_a_failed_public_check_names_the_likely_mistake(name, tmp_path):
    """The filled release with one catalogued mistake, run in a jail as a student runs it: the test cell of the
    mistaken function shows one plain verdict (no traceback): what failed, expected and got, and the hint."""
    import shutil

    from nndl.course import find_data_dir
    from nndl.grading.release import SKIP_TAG, jail_cells
    from nndl.jail.run import run_notebook
    from nndl.mistakes import catalogue
    from nndl.simulate import filled_notebook

    mistake_name, failure, hint = PUBLIC_FAILURES[name]
    mistake = next(m for m in catalogue(name) if m.name == mistake_name)
    shutil.copytree(REPO_ROOT / "release" / name, tmp_path / name)
    nb = filled_notebook(REPO_ROOT, name, mistakes={mistake.grade_id: (mistake.old, mistake.new)})
    source = nbformat.read(REPO_ROOT / "source" / name / f"{name}.ipynb", as_version=4)
    skip = {c.get("id") for c in source.cells if SKIP_TAG in c.get("metadata", {}).get("tags", [])}
    run = run_notebook(jail_cells(nb, skip, []), {}, tmp_path / name, data_dir=find_data_dir(REPO_ROOT))
    index = next(i for i, c in enumerate(nb.cells)
                 if c.metadata.get("nbgrader", {}).get("grade_id") == f"{mistake.grade_id}_tests")
    errors = [o for o in run.cells[index].outputs if o["output_type"] == "error"]
    assert len(errors) == 1 and len(errors[0]["traceback"]) == 1, run.cells[index].outputs
    text = " ".join(errors[0]["traceback"][0].split())
    assert text.startswith(f"\u2717 {failure}") and hint in text
    assert "expected:" in text and "got:" in text


@pytest.mark.parametrize("name", assignments())
def test_no_heading_of_the_text_is_stuck_in_a_code_cell(name):
    """A missing ``# %% [markdown]`` marker turns the text after a code cell into comments of that cell:
    the student would read a section heading as code."""
    nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
    stuck = [(i, line) for i, c in enumerate(nb.cells) if c.cell_type == "code"
             for line in c.source.splitlines() if re.match(r"#+ #{1,4} \S", line)]
    assert not stuck


def notebook_texts():
    """(where, text) for every cell of every notebook, as authored (notebooks/) and as built (source/, release/)."""
    for name in assignments():
        yield f"notebooks/{name}.py", authored(name)
        for folder in ("source", "release"):
            nb = nbformat.read(REPO_ROOT / folder / name / f"{name}.ipynb", as_version=4)
            for i, cell in enumerate(nb.cells):
                yield f"{folder}/{name} cell {i}", cell.source


def test_no_notebook_text_holds_a_control_character():
    """A backslash eaten by a Python string ("\\b", "\\f") leaves a control byte behind: \\bigl renders as
    "igl", \\frac as "rac"."""
    bad = [(where, hex(ord(ch))) for where, text in notebook_texts()
           for ch in set(re.findall(r"[\x00-\x08\x0b-\x1f\x7f]", text))]
    assert bad == []


# The TeX commands the course's formulas use; a word from this list written without its backslash
# ("frac{", "hat y") is a formula that lost its backslash.
TEX_COMMANDS = ("frac", "sum", "sigma", "hat", "bigl", "bigr", "Bigl", "Bigr", "left", "right", "cdot", "text",
                "mathrm", "lVert", "rVert", "lvert", "rvert", "partial", "varepsilon", "epsilon", "alpha",
                "theta", "qquad", "quad", "log", "exp", "max", "sqrt", "begin", "end", "approx", "times", "dots",
                "ldots", "le", "ge", "infty", "odot", "tanh", "mathbb", "mathcal", "operatorname")


def formulas(text):
    """The $...$ and $$...$$ formulas of a markdown text, code spans left out."""
    text = re.sub(r"`[^`\n]*`", "", text)
    for match in re.finditer(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", text, re.S):
        yield match.group(1) if match.group(1) is not None else match.group(2)


def formula_problems(formula):
    """What is wrong with one formula: unbalanced braces, a \\left without \\right (or \\bigl without
    \\bigr), a \\begin without its \\end, a known command without its backslash."""
    problems = []
    body = re.sub(r"\\[{}]", "", formula)
    depth = 0
    for ch in body:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            break
    if depth != 0:
        problems.append("unbalanced braces")
    for left, right in (("left", "right"), ("bigl", "bigr"), ("Bigl", "Bigr")):
        if len(re.findall(rf"\\{left}(?![a-zA-Z])", formula)) != len(re.findall(rf"\\{right}(?![a-zA-Z])", formula)):
            problems.append(f"\\{left} without \\{right}")
    if re.findall(r"\\begin\{(\w+)\}", formula) != re.findall(r"\\end\{(\w+)\}", formula):
        problems.append("\\begin without its \\end")
    for command in TEX_COMMANDS:
        if len(command) > 2 and re.search(rf"(?<![\\a-zA-Z]){command}(?=[{{(\\])", formula):
            problems.append(f"{command} without its backslash")
    return problems


def test_formula_check_catches_the_broken_formulas_it_is_for():
    assert formula_problems(r"dA^{[L]} = -\bigl(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\bigr)") == []
    assert formula_problems("dA = -\x08igl(\x0crac{Y}{A}\\bigr)") != []
    assert "frac without its backslash" in formula_problems("frac{1}{2}")
    assert "unbalanced braces" in formula_problems(r"\frac{1}{2")
    assert "\\bigl without \\bigr" in formula_problems(r"\bigl( x")
    assert list(formulas("cost $J = \\frac{1}{m}$, code `$x$` and $$a\n+ b$$")) == ["J = \\frac{1}{m}", "a\n+ b"]


@pytest.mark.parametrize("name", assignments())
def test_every_formula_of_the_text_is_well_formed(name):
    nb = nbformat.read(REPO_ROOT / "release" / name / f"{name}.ipynb", as_version=4)
    found = [(i, formula) for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
             for formula in formulas(cell.source)]
    bad = [(i, formula, formula_problems(formula)) for i, formula in found if formula_problems(formula)]
    assert found and bad == []


@pytest.mark.parametrize("name", assignments())
def test_every_graded_stub_in_the_release_says_what_it_takes_and_returns(name):
    """A function stub has a docstring that names every argument (and says what it returns); a cell that
    sets variables names each of them in a comment: a student never meets a bare `# YOUR CODE HERE`."""
    import ast

    release = nbformat.read(REPO_ROOT / "release" / name / f"{name}.ipynb", as_version=4)
    source = {c.metadata["nbgrader"]["grade_id"]: c.source for c in
              nbformat.read(REPO_ROOT / "source" / name / f"{name}.ipynb", as_version=4).cells
              if c.metadata.get("nbgrader", {}).get("solution")}
    missing, stubs = [], 0
    for cell in release.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        stubs += 1
        tree = ast.parse(cell.source)
        functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        if functions:
            for function in functions:
                doc = ast.get_docstring(function) or ""
                names = [a.arg for a in function.args.args]
                missing += [f"{function.name}: {a}" for a in names if not re.search(rf"\b{a}\b", doc)]
                if not re.search(r"\bReturns?\b", doc):
                    missing.append(f"{function.name}: what it returns")
        else:
            comments = " ".join(line for line in cell.source.splitlines() if line.lstrip().startswith("#"))
            solution = source[meta["grade_id"]].split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
            for node in ast.parse(textwrap_dedent(solution)).body:
                for target in getattr(node, "targets", []):
                    if isinstance(target, ast.Name) and not re.search(rf"\b{target.id}\b", comments):
                        missing.append(f"{meta['grade_id']}: {target.id}")
    assert stubs and missing == []


def textwrap_dedent(text):
    import textwrap

    return textwrap.dedent(text)


def test_week_3_gradient_check_prints_the_relative_differences_its_text_promises(monkeypatch, capsys):
    """Week 3's demo compares backpropagation with finite differences by the norm-based relative difference
    (the measure week 4 uses too) and the text says "around 1e-7 or smaller": the reference gives that."""
    import matplotlib

    matplotlib.use("Agg")
    from nndl.build.notebook_text import strip_solution_markers
    from nndl.grading.release import public_part

    name = "w3_planar_data"
    nb = nbformat.read(REPO_ROOT / "source" / name / f"{name}.ipynb", as_version=4)
    assert "relative difference" in authored(name) and "\\lVert g - g_{\\text{approx}} \\rVert_2" in authored(name)
    monkeypatch.chdir(REPO_ROOT / "release" / name)
    monkeypatch.syspath_prepend(str(REPO_ROOT / "release" / name))
    namespace = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or "nndl-instructor-only" in cell.metadata.get("tags", []):
            continue
        code = strip_solution_markers(public_part(cell.source))
        if "def numerical_gradients" in code:
            capsys.readouterr()
            exec(code, namespace)
            break
        if "load_planar_dataset" in code or cell.metadata.get("nbgrader", {}).get("solution") \
                or "def sigmoid" in code or cell.metadata.get("nbgrader", {}).get("grade_id") == "setup":
            exec(code, namespace)
    lines = [line for line in capsys.readouterr().out.splitlines() if "relative difference" in line]
    assert len(lines) == 4 and all(float(line.split()[-1]) < 1e-7 for line in lines)


@pytest.mark.parametrize("name", assignments())
def test_exercises_are_numbered_once_each_in_order(name):
    numbers = [int(n) for heading in re.findall(r"^# ###+ Exercise.*$", authored(name), re.M)
               for n in re.findall(r"Exercise (\d+)\b", heading)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_corrected_statements_of_issue_25():
    """What the text used to say wrongly stays gone: deeper networks do not raise the training accuracy
    (week 4's 4-layer network trains to 98.6 %, logistic regression to 99.04 %); sigmoid_derivative is this
    week's exercise; ReLU'(0) = 0 is no more "the usual choice" than 1; the data matrix is X in week 1."""
    logistic = authored("w2_logistic_regression")
    assert "raise both numbers" not in logistic and "last week's exercise" not in logistic
    assert "usual choice" not in authored("w4_deep_network")
    week1 = authored("w1_introduction")
    assert "def neuron(X, w, b):" in week1 and "def tiny_network(X, parameters):" in week1
    assert "`x` has shape" not in week1 and "inputs `x` of shape" not in week1


def solution_fragments(source):
    """The code a student is asked to write in a solution cell: each statement between the solution markers,
    and the right-hand side of each assignment or return (whitespace collapsed; short pieces left out)."""
    inside, found = False, set()
    for line in source.splitlines():
        text = line.strip()
        if text.startswith("### BEGIN SOLUTION"):
            inside = True
        elif text.startswith("### END SOLUTION"):
            inside = False
        elif inside and text and not text.startswith(("#", '"', "'")):
            assigned = re.match(r"^(?:return\s+|[\w\[\]\"'{}., ]+?\s*[-+*/]?=(?!=)\s*)(.+)$", text)
            parts = [text] + ([assigned.group(1)] if assigned else [])
            found |= {" ".join(p.split()) for p in parts if len(p.strip()) >= 8}
    return found


@pytest.mark.parametrize("name", assignments())
def test_no_diagnosis_of_a_mistake_quotes_the_line_the_student_must_write(name):
    """A diagnosis (notebooks/mistakes.toml, read to a student whose result matches the mistake) names the slip or
    the concept ("the 1/m is missing", "a transpose"), never the code of the answer: no statement of the reference
    solution's answer, nor the right-hand side of one, nor the catalogue's own correct text appears in it."""
    from nndl.mistakes import catalogue

    nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
    answers = {c.metadata["nbgrader"]["grade_id"]: solution_fragments(c.source) for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    mistakes = catalogue(name)
    assert mistakes or name not in ("w2_numpy_basics", "w4_deep_network")
    quoting = []
    for mistake in mistakes:
        said = " ".join(mistake.diagnosis.split())
        code = answers[mistake.grade_id] | {" ".join(mistake.old.split())} if len(mistake.old.strip()) >= 8 else \
            answers[mistake.grade_id]
        quoting += [(mistake.name, piece) for piece in sorted(code) if piece in said]
    assert not quoting, "\n".join(f"{n}: {p}" for n, p in quoting)
