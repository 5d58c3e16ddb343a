"""The pictures the notebooks draw (nndl/student_files/diagrams.py): what a student sees in them."""
import ast
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from nndl.course import REPO_ROOT  # noqa: E402
from nndl.student_files.diagrams import draw_blocks, draw_computation_graph, draw_network  # noqa: E402
from nndl.student_files.diagrams import (descent_path, draw_broadcasting, draw_descent_path,  # noqa: E402
                                         draw_log_losses, draw_sigmoid, draw_unrolled_image, logistic_cost)


def grid_squares(ax):
    """(x, y, copy?) of every square of the grids drawn on ``ax``, a copy being a square broadcasting adds."""
    return [(p.get_x(), p.get_y(), p.get_linestyle() == "--") for p in ax.patches if isinstance(p, Rectangle)]


@pytest.mark.parametrize("B, copies, caption", [
    (np.array([[10, 20, 30, 40]]), 8, "B: (1, 4)\nrow repeated down (axis 0)"),
    (np.array([[100], [200], [300]]), 9, "B: (3, 1)\ncolumn repeated across (axis 1)"),
    (np.array([10, 20, 30, 40]), 8, "B: (1, 4)\nrow repeated down (axis 0)")])
def test_broadcasting_shows_which_axis_is_stretched_and_the_right_sum(ax, B, copies, caption):
    A = np.arange(12).reshape(3, 4)
    draw_broadcasting(A, B, ax)
    squares = grid_squares(ax)
    assert len(squares) == 3 * 12  # A, B stretched to (3, 4), A + B
    assert sum(copy for _, _, copy in squares) == copies
    top_row = max(y for _, y, _ in squares)
    stretched_b = [(x, y) for x, y, copy in squares if copy]
    if B.shape[-1] == 4:  # a row: its copies are the rows below the first
        assert all(y < top_row for _, y in stretched_b) and len({x for x, _ in stretched_b}) == 4
    else:  # a column: its copies are the columns right of the first, in every row
        assert len({y for _, y in stretched_b}) == 3 and len({x for x, _ in stretched_b}) == 3
    assert caption in texts(ax) and "A + B: (3, 4)" in texts(ax)
    shown = texts(ax)
    total = (A + B).ravel()
    assert [float(t) for t in shown[-len(total) - 1:-1]] == list(total)  # the sum's squares, row by row


def test_broadcasting_stretches_both_operands_of_an_outer_sum_and_refuses_what_numpy_refuses(ax):
    draw_broadcasting(np.array([[1], [2], [3]]), np.array([[10, 20, 30, 40]]), ax)
    assert sum(copy for _, _, copy in grid_squares(ax)) == 9 + 8
    assert "A: (3, 1)\ncolumn repeated across (axis 1)" in texts(ax)
    with pytest.raises(ValueError):
        draw_broadcasting(np.zeros((3, 4)), np.zeros(3), ax)


def test_the_unrolled_image_lists_its_entries_in_the_order_reshape_gives_them(ax):
    image = np.random.default_rng(3).integers(0, 100, size=(2, 3, 3))
    draw_unrolled_image(image, ax)
    labels = [t for t in ax.texts if t.get_text().startswith("[")]
    assert [t.get_text() for t in labels] == [f"[{i}, {j}, {c}]" for i, j, c in np.ndindex(2, 3, 3)]
    column_x = {round(t.get_position()[0], 6) for t in labels}.pop() - 0.75
    values = [t for t in ax.texts if round(t.get_position()[0], 6) == round(column_x, 6) and t.get_text().isdigit()]
    assert [int(t.get_text()) for t in values] == list(image.reshape(2 * 3 * 3, 1)[:, 0])
    column = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() == 1.2]
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in column]
    assert colours[:3] == ["#f4b6b6", "#b9e3b5", "#b7cdf0"] and colours == colours[:3] * 6  # R, G, B, R, ...
    assert "column, shape (18, 1)" in texts(ax) and "image, shape (2, 3, 3)" in texts(ax)
    with pytest.raises(ValueError):
        draw_unrolled_image(np.zeros((64, 64, 3)), ax)


def test_the_sigmoid_and_its_slope_whose_largest_value_is_a_quarter_at_zero(ax):
    draw_sigmoid(ax)
    assert len(ax.lines) == 2
    (z, value), (z_slope, slope) = [line.get_xydata().T for line in ax.lines]
    assert np.allclose(value, 1 / (1 + np.exp(-z)))
    assert np.allclose(slope, np.gradient(value, z), atol=1e-3)  # the slope of the drawn curve
    assert z_slope[np.argmax(slope)] == pytest.approx(0) and slope.max() == pytest.approx(0.25)
    assert slope[np.abs(z_slope) >= 5].max() < 0.01  # "nearly 0 once |z| is more than about 5"


def test_the_two_losses_are_mirror_images_zero_when_right_and_log_2_when_undecided(ax):
    draw_log_losses(ax)
    assert len(ax.lines) == 2
    (a, if_cat), (a_other, if_not) = [line.get_xydata().T for line in ax.lines]
    assert np.allclose(if_cat, -np.log(a)) and np.allclose(if_not, -np.log(1 - a_other))
    assert np.allclose(if_cat, if_not[::-1])
    assert np.interp(0.5, a, if_cat) == pytest.approx(np.log(2), abs=1e-3) and round(np.log(2), 2) == 0.69
    assert if_cat[-1] < 0.01 and if_cat[0] > 5


X_LINE = np.array([-3.0, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0])  # the week-2 notebook's data
Y_LINE = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1])


def test_gradient_descent_walks_down_the_cost_bowl_to_its_bottom(ax):
    draw_descent_path(X_LINE, Y_LINE, start=(-2.0, 3.0), learning_rate=1.0, iterations=30, ax=ax)
    path = ax.lines[0].get_xydata()
    assert len(ax.lines) == 1 and len(path) == 31 and tuple(path[0]) == (-2.0, 3.0)
    assert ax.collections, "the contours of the cost"
    costs = logistic_cost(path[:, 0], path[:, 1], X_LINE, Y_LINE)
    assert np.all(np.diff(costs) < 0), "every step goes downhill"
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    assert np.all(np.diff(steps) < 0) and steps[-1] < steps[0] / 50, "the steps shrink as the bowl flattens"
    # an independent oracle: the cost's minimum by many more steps with the analytic gradient of logistic regression
    w, b = 0.0, 0.0
    for _ in range(20000):
        a = 1 / (1 + np.exp(-(w * X_LINE + b)))
        w, b = w - np.mean((a - Y_LINE) * X_LINE), b - np.mean(a - Y_LINE)
    assert np.linalg.norm(path[-1] - (w, b)) < 0.1 and costs[-1] - logistic_cost(w, b, X_LINE, Y_LINE) < 1e-3


def test_the_descent_path_takes_the_steps_of_the_analytic_gradient():
    path = descent_path(X_LINE, Y_LINE, start=(0.5, -1.0), learning_rate=0.5, iterations=5)
    w, b = 0.5, -1.0
    for k in range(1, 6):
        a = 1 / (1 + np.exp(-(w * X_LINE + b)))
        w, b = w - 0.5 * np.mean((a - Y_LINE) * X_LINE), b - 0.5 * np.mean(a - Y_LINE)
        assert np.allclose(path[k], (w, b), atol=1e-7)


def test_the_week_2_notebooks_draw_the_new_pictures_and_ship_the_module():
    calls = {"w2_numpy_basics": ["draw_broadcasting(", "draw_unrolled_image("],
             "w2_logistic_regression": ["draw_sigmoid(", "draw_log_losses(", "draw_descent_path("]}
    for name, wanted in calls.items():
        assert (REPO_ROOT / "release" / name / "diagrams.py").is_file()
        text = (REPO_ROOT / "notebooks" / f"{name}.py").read_text()
        assert "from diagrams import" in text and all(call in text for call in wanted)
    # the data and the run the week-2 text describes ("11 examples", "30 steps ... from (w, b) = (-2, 3) with
    # alpha = 1") are the ones tested above
    text = (REPO_ROOT / "notebooks" / "w2_logistic_regression.py").read_text()
    x_line, y_line = (ast.literal_eval(re.search(rf"^{name} = np.array\((.*)\)$", text, re.M).group(1))
                      for name in ("x_line", "y_line"))
    assert x_line == list(X_LINE) and y_line == list(Y_LINE) and len(x_line) == 11
    assert "draw_descent_path(x_line, y_line, start=(-2.0, 3.0), learning_rate=1.0, iterations=30)" in text
    assert "11 examples on a line" in text and "the 30 steps of gradient\n# descent from $(w, b) = (-2, 3)$" in text


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_a_small_network_shows_every_unit_and_every_connection(ax):
    draw_network([3, 4, 1], ax)
    assert sum(isinstance(p, Circle) for p in ax.patches) == 8
    assert len(ax.lines) == 3 * 4 + 4 * 1
    assert ["x\n3 units", "$a^{[1]}$\n4 units", "$\\hat y$\n1 unit"] == [t for t in texts(ax) if "unit" in t]


def test_a_wide_layer_shows_a_few_units_a_gap_and_its_size(ax):
    draw_network([12288, 1], ax)
    circles = sum(isinstance(p, Circle) for p in ax.patches)
    assert circles == 6 + 1 and len(ax.lines) == 6
    assert "\u22ee" in texts(ax) and "x\n12288 units" in texts(ax)


def test_unit_names_are_written_under_their_units(ax):
    draw_network([2, 1], ax, names=[["size", "bedrooms"], ["price"]])
    assert {"size", "bedrooms", "price"} <= set(texts(ax))


@pytest.mark.parametrize("a, b, c", [(5, 3, 2), (-1, 0.5, 4)])
def test_the_computation_graph_shows_the_values_forward_and_the_chain_rule_backward(ax, a, b, c):
    draw_computation_graph(a, b, c, ax)
    shown = " ".join(texts(ax))
    assert f"= {b * c:g}" in shown and f"= {a + b * c:g}" in shown and f"= {3 * (a + b * c):g}" in shown
    assert "dJ/d" not in shown
    ax.clear()
    draw_computation_graph(a, b, c, ax, backward=True)
    shown = texts(ax)
    assert {"dJ/dv = 3", "dJ/du = 3", "dJ/da = 3", f"dJ/db = {3 * c:g}", f"dJ/dc = {3 * b:g}"} <= set(shown)


@pytest.mark.parametrize("L", [2, 4])
def test_the_block_diagram_has_a_forward_and_a_backward_block_and_a_cache_per_layer(ax, L):
    draw_blocks(L, ax)
    boxes = [t for t in texts(ax) if t.startswith("layer ")]
    assert sum("forward" in t for t in boxes) == L and sum("backward" in t for t in boxes) == L
    assert [t for t in texts(ax) if t.startswith("cache")] == [f"cache {l}" for l in range(1, L + 1)]
    assert sum(isinstance(p, FancyBboxPatch) for p in ax.patches) == 2 * L
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == 3 * L + 1
    assert "sigmoid" in boxes[-1] and all("relu" in t for t in boxes[:-2])


@pytest.mark.parametrize("name", ["w1_introduction", "w2_logistic_regression", "w3_planar_data",
                                  "w4_deep_network", "w4_deep_application"])
def test_each_notebook_that_draws_networks_ships_the_module(name):
    release = REPO_ROOT / "release" / name
    assert (release / "diagrams.py").is_file()
    assert "from diagrams import" in (REPO_ROOT / "notebooks" / f"{name}.py").read_text()


# ---------------------------------------------------------------- weeks 3 and 4: slopes, learning rates, backward
# blocks, sawtooth functions (issue 25)

import re  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402

from nndl.build.notebook_text import read_authored  # noqa: E402
from nndl.build.solution_module import solution_module  # noqa: E402
from nndl.student_files.diagrams import (draw_activation_slopes, draw_backward_chain, draw_learning_rates,  # noqa: E402
                                        draw_linear_backward, draw_sawtooth, sawtooth, tent)
from nndl.student_files.planar_data import load_planar_dataset, plot_decision_boundary  # noqa: E402
from support import output_text, quoted, solution_run  # noqa: E402


@pytest.fixture
def row():
    def make(n):
        fig, axes = plt.subplots(1, n)
        row.figures.append(fig)
        return axes
    row.figures = []
    yield make
    for fig in row.figures:
        plt.close(fig)


def line_slopes(line):
    x, y = line.get_data()
    return np.diff(y) / np.diff(x)


def test_the_slope_figure_draws_each_tangent_with_the_derivative_as_its_slope(row):
    axes = draw_activation_slopes(row(2), at=(-3, -1, 0, 1, 3))
    for ax, (name, derivative) in zip(axes, [("sigmoid", lambda z: 0.25 / np.cosh(z / 2) ** 2),
                                             ("tanh", lambda z: 1 / np.cosh(z) ** 2)]):
        tangents = [line for line in ax.lines if line.get_gid() == "tangent"]
        assert len(tangents) == 5
        for line in tangents:
            x, y = line.get_data()
            middle = (x[0] + x[-1]) / 2
            assert np.allclose(line_slopes(line), derivative(middle))
        dashed = next(line for line in ax.lines if line.get_linestyle() == "--")
        z, slope = dashed.get_data()
        assert np.allclose(slope, derivative(z)) and z[np.argmax(slope)] == 0
        labels = texts(ax)
        assert f"slope {derivative(0):.2g}" in labels and f"slope {derivative(3):.2g}" in labels
        assert ax.get_title().startswith(f"{name}: steepest at 0, slope {derivative(0):g}")
    assert "slope 1" in texts(axes[1]) and "slope 0.25" in texts(axes[0])


def test_the_slopes_quoted_in_week_3_are_those_of_the_curves():
    text = quoted("w3_planar_data")
    tanh_slope = lambda z: 1 - np.tanh(z) ** 2
    sigmoid_slope = lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2
    assert tanh_slope(0) == 1 and sigmoid_slope(0) == 0.25
    assert "where the tanh has slope 1 and the sigmoid only 0.25" in text
    assert f"At $z = \\pm 1$ the tanh's slope is already down to {tanh_slope(1):.2f}" in text
    assert f"at $z = \\pm 3$ it is {tanh_slope(3):.2g} (the sigmoid's {sigmoid_slope(3):.2g})" in text


def test_the_learning_rate_figure_shows_every_cost_curve_and_every_boundary(row):
    X, Y = load_planar_dataset()
    runs = [("too small", 0.05, np.linspace(0.69, 0.6, 50), lambda P: P[0] > 0),
            ("right", 1.2, np.linspace(0.69, 0.2, 50), lambda P: (P[0] * P[1] > 0).astype(int)),
            ("too large", 25.0, np.array([0.69, 0.9, np.nan, 0.4] * 10), lambda P: np.ones(P.shape[1]))]
    axes = draw_learning_rates(runs, X, Y, plot_decision_boundary, axes=row(4))
    curves = axes[0].get_lines()
    assert len(curves) == 3
    for curve, (_, _, costs, _) in zip(curves, runs):
        assert np.array_equal(curve.get_ydata(), costs, equal_nan=True)
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == [
        "α = 0.05 (too small)", "α = 1.2 (right)", "α = 25 (too large)"]
    assert axes[0].get_ylim()[1] == pytest.approx(0.9 * 1.05)
    for ax, (name, rate, costs, predict) in zip(axes[1:], runs):
        correct = 100 * np.mean(np.ravel(predict(X)) == np.ravel(Y))
        assert ax.get_title() == f"α = {rate:g} ({name}): {correct:.1f} % correct\nafter {len(costs)} steps"
        assert ax.collections  # the shaded plane and the points
    assert axes[3].get_title().startswith("α = 25 (too large): 50.0 % correct")


def test_the_linear_backward_block_takes_dZ_and_the_cache_and_gives_the_three_gradients(ax):
    draw_linear_backward(ax)
    shown = texts(ax)
    assert "linear_backward\nlayer l" in shown
    assert "$dZ^{[l]}$" in shown and "$dA^{[l-1]} = W^{[l]T} dZ^{[l]}$" in shown
    assert "$dW^{[l]} = \\frac{1}{m} dZ^{[l]} A^{[l-1]T}$" in shown
    assert "$db^{[l]} = \\frac{1}{m} \\sum_{i=1}^{m} dZ^{[l](i)}$" in shown
    assert any("$(A^{[l-1]}, W^{[l]}, b^{[l]})$" in t for t in shown)
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == 5
    dZ_in = [p for p in ax.patches if isinstance(p, FancyArrowPatch)][0].get_path().vertices
    assert dZ_in[0][0] > dZ_in[-1][0]  # dZ enters from the right


@pytest.mark.parametrize("L", [2, 3, 5])
def test_the_backward_chain_runs_from_dAL_on_the_right_to_dA0_on_the_left(ax, L):
    draw_backward_chain(L, ax)
    shown = texts(ax)
    boxes = [t for t in shown if t.endswith("\nbackward")]
    assert boxes == [b for l in range(1, L + 1)
                     for b in ("sigmoid\nbackward" if l == L else "relu\nbackward", "linear\nbackward")]
    assert [t for t in shown if t.startswith("cache")] == [f"cache {l}" for l in range(1, L + 1)]
    assert [t for t in shown if t.startswith("$dW")] == [f"$dW^{{[{l}]}}, db^{{[{l}]}}$" for l in range(1, L + 1)]
    labels = {t for t in shown if (t.startswith("$dA^{[") or t.startswith("$dZ")) and "=" not in t}
    assert labels == {f"$dA^{{[{l}]}}$" for l in range(L + 1)} | {f"$dZ^{{[{l}]}}$" for l in range(1, L + 1)}
    dAL = next(t for t in ax.texts if t.get_text().startswith("$dA^{[L]} = "))
    assert dAL.get_position()[0] > max(t.get_position()[0] for t in ax.texts if t.get_text().startswith("cache"))
    # per layer: dA in, dZ between the two steps, two cache arrows, dW/db out; and dA^[0] out on the left
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == 5 * L + 1


def pieces(x, y):
    """The number of straight pieces of the broken line through the points (x, y)."""
    slopes = np.diff(y) / np.diff(x)
    return 1 + int(np.sum(~np.isclose(slopes[1:], slopes[:-1])))


def test_the_tent_is_two_relu_units_and_k_tents_make_2_to_the_k_pieces():
    x = np.linspace(0, 1, 2 ** 12 + 1)
    assert np.allclose(tent(x), 2 * np.minimum(x, 1 - x))
    for k in range(1, 9):
        assert pieces(x, sawtooth(x, k)) == 2 ** k
        assert np.isclose(sawtooth(x, k).max(), 1) and np.isclose(sawtooth(x, k).min(), 0)


def test_the_sawtooth_figure_shows_2_to_the_k_pieces_and_the_units_each_network_needs(row):
    axes = draw_sawtooth((1, 2, 3, 4), axes=row(5))
    for ax, k in zip(axes, (1, 2, 3, 4)):
        (line,) = ax.get_lines()
        assert pieces(*line.get_data()) == 2 ** k
        assert ax.get_title() == f"k = {k}: {2 ** k} straight pieces"
    deep, shallow = axes[4].get_lines()
    ks = deep.get_xdata()
    assert np.array_equal(deep.get_ydata(), 2 * ks) and np.array_equal(shallow.get_ydata(), 2.0 ** ks - 1)
    text = quoted("w4_deep_network")
    assert "with $2^{k-1}$ teeth, $2^k$ straight pieces" in text
    assert (f"at least $2^k - 1$ units for the same function: {2 ** 4 - 1} for $k = 4$, and already "
            f"{2 ** 10 - 1} for $k = 10$, where the deep network uses {2 * 10}") in text


def week_3_reference():
    folder = str(REPO_ROOT / "nndl" / "student_files")
    sys.path.insert(0, folder)
    try:
        namespace = {}
        exec(compile(solution_module(REPO_ROOT, "w3_planar_data"), "<w3 reference>", "exec"), namespace)
    finally:
        sys.path.remove(folder)
    return namespace


def test_the_one_example_backprop_column_averaged_over_the_examples_is_the_vectorised_column():
    """Week 3's side-by-side table: the per-example formulas, averaged over the examples, give what the
    vectorised reference computes; and the table says just those formulas."""
    ref = week_3_reference()
    rng = np.random.default_rng(25)
    n_x, n_h, m = 3, 5, 7
    params = {"W1": rng.normal(size=(n_h, n_x)), "b1": rng.normal(size=(n_h, 1)),
              "W2": rng.normal(size=(1, n_h)), "b2": rng.normal(size=(1, 1))}
    X, Y = rng.normal(size=(n_x, m)), (rng.uniform(size=(1, m)) < 0.5).astype(float)
    vectorised = ref["backward_propagation"](params, ref["forward_propagation"](X, params)[1], X, Y)
    total = {name: 0 for name in vectorised}
    for i in range(m):
        x, y = X[:, [i]], Y[:, [i]]
        a1 = np.tanh(params["W1"] @ x + params["b1"])
        a2 = 1 / (1 + np.exp(-(params["W2"] @ a1 + params["b2"])))
        dz2 = a2 - y  # the left column of the table, row by row
        dW2, db2 = dz2 @ a1.T, dz2
        dz1 = params["W2"].T @ dz2 * (1 - a1 ** 2)
        dW1, db1 = dz1 @ x.T, dz1
        for name, value in {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}.items():
            total[name] = total[name] + value / m
    for name in ("dW1", "db1", "dW2", "db2"):
        assert np.allclose(total[name], vectorised[name]), name
    table = [line for line in (REPO_ROOT / "notebooks" / "w3_planar_data.py").read_text().splitlines()
             if re.match(r"# \| [1-6] \|", line)]
    cells = [[c.strip() for c in line[2:].strip("|").split("|")] for line in table]
    assert [c[1] for c in cells] == [
        "$dz^{[2]} = a^{[2]} - y$", "$dW^{[2]} = dz^{[2]}\\, a^{[1]T}$", "$db^{[2]} = dz^{[2]}$",
        "$dz^{[1]} = W^{[2]T} dz^{[2]} \\odot \\bigl(1 - (a^{[1]})^2\\bigr)$", "$dW^{[1]} = dz^{[1]}\\, x^{T}$",
        "$db^{[1]} = dz^{[1]}$"]
    assert [c[2] for c in cells] == [
        "$dZ^{[2]} = A^{[2]} - Y$", "$dW^{[2]} = \\frac{1}{m}\\, dZ^{[2]} A^{[1]T}$",
        "$db^{[2]} = \\frac{1}{m} \\sum_{i=1}^{m} dZ^{[2](i)}$",
        "$dZ^{[1]} = W^{[2]T} dZ^{[2]} \\odot \\bigl(1 - (A^{[1]})^2\\bigr)$",
        "$dW^{[1]} = \\frac{1}{m}\\, dZ^{[1]} X^{T}$", "$db^{[1]} = \\frac{1}{m} \\sum_{i=1}^{m} dZ^{[1](i)}$"]
    shapes = {"dZ2": (1, m), "dW2": params["W2"].shape, "db2": params["b2"].shape, "dZ1": (n_h, m),
              "dW1": params["W1"].shape, "db1": params["b1"].shape}
    symbolic = {1: "1", m: "m", n_h: "n_h", n_x: "n_x"}
    assert [c[3] for c in cells] == [f"$({symbolic[r]}, {symbolic[c]})$" for r, c in shapes.values()]


NEW_FIGURES = {"w3_planar_data": ["draw_activation_slopes", "draw_learning_rates"],
               "w4_deep_network": ["draw_sawtooth", "draw_linear_backward", "draw_backward_chain"]}


@pytest.mark.parametrize("name", sorted(NEW_FIGURES))
def test_each_new_figure_is_drawn_in_an_ungraded_cell_with_a_caption(name):
    nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
    for function in NEW_FIGURES[name]:
        index = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and f"{function}(" in c.source)
        cell = nb.cells[index]
        assert "nbgrader" not in cell.metadata and "skip-in-grading" in cell.metadata.get("tags", [])
        before, after = nb.cells[index - 1], nb.cells[index + 1]
        assert before.cell_type == "markdown" and after.cell_type == "markdown"
        assert "figure" in before.source or "picture" in before.source or "figure shows" in after.source


def headed_cells(name):
    """(the headings the cell sits under, innermost first, the cell) for every cell of the authored notebook."""
    headings = {}
    for cell in read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name).cells:
        if cell.cell_type == "markdown":
            for hashes, title in re.findall(r"^(#{2,4}) (.*)$", cell.source, re.M):
                headings = {level: t for level, t in headings.items() if level < len(hashes)}
                headings[len(hashes)] = title
        yield [headings[level] for level in sorted(headings, reverse=True)], cell


def test_week_4_marks_its_optional_parts_and_grades_one_initialisation_scale():
    cells = list(headed_cells("w4_deep_network"))
    optional = lambda headings: any(h.startswith("Optional") for h in headings)
    graded = [(h, c) for h, c in cells if c.metadata.get("nbgrader", {}).get("points")]
    assert len(graded) == 11 and sum(c.metadata["nbgrader"]["points"] for _, c in graded) == 28
    assert not [h for h, _ in graded if optional(h)]
    experiments = {"schemes = ": "Optional: three initialisation scales",
                   "equal_start = ": "Optional: why the weights must start different",
                   "check_my_backward(": "Optional: your own backward pass",
                   "mystery_backward_passes(": "Optional: debugging a network",
                   "output_layer_both_ways(": "Optional: debugging a network"}
    for marker, heading in experiments.items():
        under = [h for h, c in cells if c.cell_type == "code" and marker in c.source]
        assert under and all(any(t.startswith(heading) for t in h) for h in under), marker
    # the text of the two initialisation exercises names one scale; the other two are named in the experiment
    for exercise in ("Exercise 1: `initialize_parameters`", "Exercise 2: `initialize_parameters_deep`"):
        text = " ".join(c.source for h, c in cells if h[:1] == [exercise] and c.cell_type == "markdown")
        assert "0.01" in text and "sqrt" not in text, exercise
    experiment = " ".join(c.source for h, c in cells if h[:1] and h[0].startswith("Optional: three initialisation scales"))
    assert "He initialisation" in experiment and "1/\\sqrt{n^{[l-1]}}" in experiment
    assert '"1/sqrt(n)"' in experiment and '"He, sqrt(2/n)"' in experiment
    solutions = [c.source for _, c in cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith(
        "initialize_parameters") and c.metadata["nbgrader"].get("solution")]
    assert len(solutions) == 2 and all("* 0.01" in s and "sqrt" not in s for s in solutions)


@pytest.mark.slow
def test_the_learning_rate_figures_quoted_in_week_3():
    """The three runs of week 3's learning-rate comparison, as the reference run prints them."""
    found = {float(rate): (float(first), float(last), int(up), int(steps), float(median), float(accuracy))
             for rate, first, last, up, steps, median, accuracy in re.findall(
                 r"learning rate +([\d.]+) \(.*?\): cost ([\d.]+) -> (\S+), up on (\d+) of (\d+) steps, median "
                 r"cost over the last 500 steps (\S+), accuracy ([\d.]+) %", output_text(solution_run("w3_planar_data")))}
    assert set(found) == {0.05, 1.2, 25.0}
    text = quoted("w3_planar_data")
    first, last, up, steps, _, accuracy = found[0.05]
    assert up == 0 and f"fallen from {first:.3f} to {last:.3f}" in text and f"{accuracy:.1f} % correct" in text
    assert accuracy < 60
    first, last, up, steps, _, accuracy = found[1.2]
    assert up == 0 and f"levels off at {last:.3f}" in text and f"{accuracy:.1f} % correct, as in the run above" in text
    assert f"well above the {last:.3f} of" in text
    # the large rate is chaotic (its path depends on the last bit of rounding): the text quotes only what holds
    _, _, up, steps, median, _ = found[25.0]
    assert 0.4 < up / steps < 0.6 and "goes *up* on about half of the steps" in text
    assert 0.3 < median < 0.5 and median > found[1.2][1] + 0.05 and "typically around 0.4" in text
