"""Week 1, introduction: the reference functions against independent oracles, every figure the text
quotes checked on the data it names (the scale experiment of scale_demo.py), and grading through real
nbgrader: the solution earns full marks, a blank notebook none, and each catalogued mistake costs points
on its own function only and is named in the feedback."""
import re
import sys

import numpy as np
import pytest

from nndl.build.notebook_text import read_authored, strip_solution_markers
from nndl.course import REPO_ROOT
from nndl.mistakes import MISTAKES as CATALOG, MORE as CATALOG_MORE
from support import GradingContract, feedback_text, grade_mistakes

A = "w1_introduction"
STUDENT_FILES = REPO_ROOT / "nndl" / "student_files"
TEXT = (REPO_ROOT / "notebooks" / f"{A}.py").read_text()

MISTAKES = CATALOG[A]
# every further catalogued mistake (nndl.mistakes.MORE) is graded by the grading contract
SELF_CHECK = '"q1": (5, 3), "q2": 32, "q3": "b", "q4": "c", "q5": "c"'
MORE_MISTAKES = {
    # one wrong answer in the self-check costs that question's share of its points, and nothing else
    "self_check_transposed_shape": ("self_check", (SELF_CHECK, SELF_CHECK.replace("(5, 3)", "(3, 5)"))),
}

# Right answers written another way: each must score full marks.
EQUIVALENT = {
    "relu_where": ("relu", ("a = np.maximum(0, z)", "a = np.where(z > 0, z, 0.0)")),
    "relu_times_mask": ("relu", ("a = np.maximum(0, z)", "a = z * (z > 0)")),
    "neuron_matmul": ("neuron", ("z = np.dot(w.T, X) + b", "z = w.T @ X + b")),
    "neuron_sum_keepdims": ("neuron", ("z = np.dot(w.T, X) + b", "z = np.sum(w * X, axis=0, keepdims=True) + b")),
    "layer_transposed_product": ("layer_forward", ("Z = np.dot(W, A_prev) + b", "Z = np.dot(A_prev.T, W.T).T + b")),
    "self_check_other_forms": ("self_check", (SELF_CHECK, '"q1": [5, 3], "q2": 32.0, "q3": "B", "q4": " (c) ", "q5": "C"')),
    "count_with_zip": ("count_parameters", (
        "total = 0\n    for l in range(1, len(layer_dims)):\n"
        "        total += layer_dims[l] * layer_dims[l - 1] + layer_dims[l]",
        "total = sum(n * n_prev + n for n_prev, n in zip(layer_dims[:-1], layer_dims[1:]))")),
}

POINTS = {"relu": 1, "neuron": 2, "layer_forward": 2, "tiny_network": 3, "count_parameters": 2, "self_check": 2}


# ---------------------------------------------------------------- the reference functions, directly

@pytest.fixture(scope="module")
def ref():
    nb = read_authored(REPO_ROOT / "notebooks" / f"{A}.py", A)
    namespace = {"np": np}
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            exec(strip_solution_markers(cell.source), namespace)
    return namespace


def test_relu_is_max_zero_entry_by_entry_and_leaves_its_input_alone(ref):
    z = np.random.default_rng(0).normal(size=(3, 4))
    before = z.copy()
    a = ref["relu"](z)
    assert a.shape == z.shape and np.array_equal(z, before)
    assert all(a[i, j] == (z[i, j] if z[i, j] > 0 else 0.0) for i in range(3) for j in range(4))


def test_a_layer_is_its_units_one_by_one_and_a_neuron_is_a_layer_of_one(ref):
    rng = np.random.default_rng(1)
    A_prev, W, b = rng.normal(size=(4, 6)), rng.normal(size=(3, 4)), rng.normal(size=(3, 1))
    A = ref["layer_forward"](A_prev, W, b)
    for j in range(3):  # unit j on example i: max(0, sum_k W[j, k] A_prev[k, i] + b[j])
        for i in range(6):
            assert np.isclose(A[j, i], max(0.0, sum(W[j, k] * A_prev[k, i] for k in range(4)) + b[j, 0]))
        assert np.allclose(ref["neuron"](A_prev, W[j:j + 1].T, float(b[j, 0])), A[j:j + 1])


def test_tiny_network_is_two_layers_stacked(ref):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(4, 5))
    p = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=(3, 1)),
         "W2": rng.normal(size=(1, 3)), "b2": np.array([[-0.5]])}
    hidden = ref["layer_forward"](x, p["W1"], p["b1"])
    assert np.allclose(ref["tiny_network"](x, p), ref["layer_forward"](hidden, p["W2"], p["b2"]))


@pytest.mark.parametrize("layer_dims", [[4, 3, 1], [2, 1], [12288, 1], [2, 64, 64, 1], [10, 8, 6, 4, 1]])
def test_count_parameters_counts_the_entries_of_every_weight_and_bias(ref, layer_dims):
    shapes = [s for n_prev, n in zip(layer_dims[:-1], layer_dims[1:]) for s in ((n, n_prev), (n, 1))]
    count = ref["count_parameters"](layer_dims)
    assert type(count) is int and count == sum(int(np.prod(s)) for s in shapes)


def test_the_counts_the_text_quotes(ref):
    assert ref["count_parameters"]([4, 3, 1]) == 19 == 3 * 4 + 3 + 1 * 3 + 1
    assert "19 in all" in TEXT and "$3 \\cdot 4 + 3 = 15$" in TEXT and "$1 \\cdot 3 + 1 = 4$" in TEXT
    assert "64 \\cdot 64 \\cdot 3 = 12288" in TEXT and 64 * 64 * 3 == 12288


def test_the_hand_made_house_network_prices_as_the_public_check_says(ref):
    nb = read_authored(REPO_ROOT / "notebooks" / f"{A}.py", A)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "house_parameters")
    namespace = {"np": np}
    exec(cell.source, namespace)
    prices = ref["tiny_network"](namespace["two_houses"], namespace["house_parameters"])
    assert np.allclose(prices, [[410.0, 11.0]]) and "np.array([[410.0, 11.0]])" in TEXT
    # the second house's "school quality" unit is below 0 before its ReLU: the check can tell A1 from Z1
    hidden_z = namespace["house_parameters"]["W1"] @ namespace["two_houses"] + namespace["house_parameters"]["b1"]
    assert hidden_z[2, 1] < 0


# ---------------------------------------------------------------- the scale experiment and what the text says of it

@pytest.fixture(scope="module")
def scale_demo():
    sys.path.insert(0, str(STUDENT_FILES))
    try:
        import scale_demo
    finally:
        sys.path.remove(str(STUDENT_FILES))
    return scale_demo


@pytest.fixture(scope="module")
def curves(scale_demo):
    return scale_demo.learning_curves()


def test_the_experiment_is_the_one_the_text_describes(scale_demo):
    assert scale_demo.SIZES == [20, 60, 200, 600, 2000, 6000]
    assert "training sets of 20, 60, 200,\n# 600, 2,000 and 6,000 examples" in TEXT
    assert scale_demo.TEST_SIZE == 5000 and "5,000 points it never\n# saw" in TEXT
    assert scale_demo.MODELS == {"logistic regression": [2, 1], "small network": [2, 3, 1],
                                 "medium network": [2, 12, 1], "large network": [2, 64, 64, 1]}
    for dims in scale_demo.MODELS.values():
        assert f"`{dims}`" in TEXT
    import inspect

    assert inspect.signature(scale_demo.train).parameters["steps"].default == 3000 and "(3000 steps" in TEXT


def test_three_percent_label_noise_caps_accuracy_near_97_percent(scale_demo):
    assert scale_demo.LABEL_NOISE == 0.03 and "3 % of the labels are flipped" in TEXT
    X, Y = scale_demo.held_out_set()
    best = float(np.mean(scale_demo.true_labels(X) == Y))  # the true boundary itself
    assert 0.96 <= best <= 0.98 and "best possible accuracy is about 97 %" in TEXT


def test_the_data_are_seeded_and_not_linearly_separable(scale_demo):
    X, Y = scale_demo.training_set(600)
    X2, Y2 = scale_demo.training_set(600)
    assert X.shape == (2, 600) and Y.shape == (1, 600) and np.array_equal(X, X2) and np.array_equal(Y, Y2)
    assert 0.3 < Y.mean() < 0.7
    test_X, _ = scale_demo.held_out_set()
    assert not np.array_equal(X, test_X[:, :600])


@pytest.mark.parametrize("line", [-0.9, -0.3, 0.3, 0.9])
def test_the_checkerboard_has_four_by_four_cells(scale_demo, line):
    grid = np.linspace(-1, 1, 4001)
    for x1, x2 in ((grid, np.full_like(grid, line)), (np.full_like(grid, line), grid)):  # a row, a column
        labels = scale_demo.true_labels(np.vstack([x1, x2]))[0]
        assert np.count_nonzero(np.diff(labels)) == 3  # three borders: four cells
    assert "checkerboard of four by four cells" in TEXT


def test_logistic_regression_stays_a_coin_toss(curves):
    assert all(abs(a - 0.5) < 0.02 for a in curves["logistic regression"])
    assert "Logistic regression stays within 2\n#   points of 50 %, a coin toss, whatever the amount of data" in TEXT


def test_the_small_models_stop_profiting_early(curves):
    assert max(curves["small network"]) < 0.60
    assert "never gets 10 points above a coin toss" in TEXT
    medium = curves["medium network"]
    assert medium[4] > max(medium[:4]) and abs(medium[5] - medium[4]) < 0.01  # gains up to 2,000, then < 1 point
    assert "The medium network gains up to 2,000 examples, then less than 1\n#   point more" in TEXT


def test_the_large_network_gains_at_every_size_and_ends_near_the_best_possible(curves, scale_demo):
    large = curves["large network"]
    assert all(later > earlier for earlier, later in zip(large, large[1:]))
    assert large[5] - large[3] > 0.04  # 600 -> 6,000 examples
    assert (1 - scale_demo.LABEL_NOISE) - large[-1] < 0.05
    assert ("gains at every step\n#   of the experiment, from 20 to 6,000 examples: still more than 4 points\n#   "
            "between 600 and 6,000, and it ends within 5 points of the best possible") in TEXT


def test_the_more_data_the_more_size_matters(curves):
    names = ("logistic regression", "small network", "medium network", "large network")
    first = [curves[name][0] for name in names]
    last = [curves[name][-1] for name in names]
    assert max(first) - min(first) < 0.16
    assert last == sorted(last) and len(set(last)) == 4
    assert last[-1] - last[0] > 0.40
    assert ("With 20 examples the four\n#   models lie within 16 points of each other; with 6,000 the order is the\n#   "
            "order of size, and the large network is more than 40 points ahead of\n#   logistic regression") in TEXT


def test_the_readme_quotes_the_experiment_as_it_comes_out(curves):
    row = next(line for line in (REPO_ROOT / "README.md").read_text().splitlines()
               if line.startswith("| `w1_introduction` | 2-D synthetic data"))
    assert "6,000 examples" in row and "[2, 64, 64, 1]" in row
    assert f"(logistic regression: {100 * curves['logistic regression'][-1]:.1f} %)" in row
    assert row.endswith(f"| {100 * curves['large network'][-1]:.1f} % |")


def test_the_text_quotes_no_other_percentage_of_the_experiment():
    """Every percentage in the notebook's text is one of those checked above."""
    quoted = set(re.findall(r"(\d+) %", TEXT))
    assert quoted == {"3", "97", "50"}, quoted


# ---------------------------------------------------------------- grading through real nbgrader

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_mistakes(tmp_path_factory, A, MISTAKES, more=MORE_MISTAKES, equivalent=EQUIVALENT)


class TestGrading(GradingContract):
    ASSIGNMENT = A
    MISTAKES, POINTS, MORE, EQUIVALENT = MISTAKES, POINTS, MORE_MISTAKES, EQUIVALENT


def test_the_in_place_relu_is_told_it_changed_its_input(graded):
    root, _, _ = graded
    name = next(m.name for m in CATALOG_MORE[A] if "z[z < 0] = 0" in m.new)
    text = feedback_text(root, A, f"more_{name}", "relu_tests")
    assert "changed in place" in text


def test_a_wrong_self_check_answer_costs_its_share_and_is_told_why(graded):
    root, results, _ = graded
    assert results["more_self_check_transposed_shape"]["self_check_tests"] == 1.6  # 4 of 5 questions right
    text = feedback_text(root, A, "more_self_check_transposed_shape", "self_check_tests")
    assert "q1: (3, 5) puts the inputs in the rows: that is the transpose of W." in text
    assert "q2:" not in text and "q3:" not in text
