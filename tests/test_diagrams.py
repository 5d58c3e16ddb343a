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
