"""The pictures the notebooks draw of networks (nndl/student_files/diagrams.py): what a student sees in them."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch  # noqa: E402

from nndl.course import REPO_ROOT  # noqa: E402
from nndl.student_files.diagrams import draw_blocks, draw_computation_graph, draw_network  # noqa: E402


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
