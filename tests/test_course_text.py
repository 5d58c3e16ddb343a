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
