"""Pictures for the notebooks (arrays, curves, networks), drawn with matplotlib (no image files).

* :func:`draw_broadcasting`: A + B as grids, the entries that broadcasting repeats in grey;
* :func:`draw_unrolled_image`: a small (h, w, 3) image and the column reshape makes of it, entry by entry;
* :func:`draw_sigmoid`, :func:`draw_log_losses`: the sigmoid and its slope; the two losses -log a, -log(1 - a);
* :func:`draw_descent_path`: gradient descent over the contours of a one-feature logistic regression's cost;
* :func:`draw_network`: the units of each layer as circles and every connection as a line;
* :func:`draw_computation_graph`: the graph of J = 3(a + bc), forward values or backward derivatives;
* :func:`draw_blocks`: the forward and backward passes of an L-layer network as blocks, with the
  caches that go from each forward block to its backward block.

Each function draws on the axes it is given (a new figure when none) and returns them.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
import numpy as np
from matplotlib.patches import Rectangle


CHANNEL_COLOURS = ("#f4b6b6", "#b9e3b5", "#b7cdf0")  # red, green and blue entries of an image, lightly tinted


def _grid(ax, values, corner, shaded=None, colours=None):
    """A matrix drawn as a grid of unit squares with its values, top-left square at ``corner``.

    ``shaded``: booleans of the shape of ``values``, True where a square is a broadcast copy (grey, dashed
    edges, its value in grey); ``colours``: a face colour per square."""
    x0, y0 = corner
    rows, columns = values.shape
    fontsize = 9 if max(len(f"{v:g}") for v in values.flat) <= 3 else 7
    for i in range(rows):
        for j in range(columns):
            copy = shaded is not None and shaded[i, j]
            face = "#e4e4e4" if copy else (colours[i][j] if colours is not None else "white")
            ax.add_patch(Rectangle((x0 + j, y0 - i - 1), 1, 1, facecolor=face, edgecolor="grey" if copy else "black",
                                   linewidth=1, linestyle="--" if copy else "-"))
            ax.text(x0 + j + 0.5, y0 - i - 0.5, f"{values[i, j]:g}", ha="center", va="center", fontsize=fontsize,
                    color="grey" if copy else "black", style="italic" if copy else "normal")


def _stretched_axes(shape, target):
    """The axes along which an array of ``shape`` (already 2-D) is repeated to reach ``target``."""
    return [axis for axis in range(2) if shape[axis] == 1 and target[axis] > 1]


def draw_broadcasting(A, B, ax=None):
    """A + B for two arrays of at most 2 axes, drawn as grids: A and B stretched to the common shape, then the sum.

    The squares that broadcasting adds (copies along a length-1 axis) are grey with dashed edges, the
    original entries white; a caption under each operand says which axis was stretched. A rank-1 B of shape (n,) counts as a
    row (1, n), as NumPy treats it. Raises NumPy's ValueError when the shapes do not broadcast.
    """
    A, B = np.atleast_2d(A), np.atleast_2d(B)
    shape = np.broadcast_shapes(A.shape, B.shape)
    rows, columns = shape
    ax = _axes(ax, (3 * columns + 5, rows + 2))
    x = 0
    for k, (operand, name) in enumerate(((A, "A"), (B, "B"), (A + B, "A + B"))):
        stretched = _stretched_axes(operand.shape, shape)
        full = np.broadcast_to(operand, shape)
        copies = np.ones(shape, dtype=bool)
        copies[:operand.shape[0], :operand.shape[1]] = False
        _grid(ax, full, (x, 0), shaded=copies)
        how = {(): "", (0,): "\nrow repeated down (axis 0)", (1,): "\ncolumn repeated across (axis 1)",
               (0, 1): "\nrepeated along both axes"}[tuple(stretched)]
        ax.text(x + columns / 2, -rows - 0.3, f"{name}: {operand.shape}{how}", ha="center", va="top", fontsize=10)
        if k < 2:
            ax.text(x + columns + 1.25, -rows / 2, "+" if k == 0 else "=", ha="center", va="center", fontsize=18)
        x += columns + 2.5
    ax.set_xlim(-1, x - 1.5)
    ax.set_ylim(-rows - 1.6, 0.3)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def draw_unrolled_image(image, ax=None):
    """A small image of shape (h, w, 3) as its three colour channels, and the column (h*w*3, 1) that
    ``image.reshape(h * w * 3, 1)`` makes of it: every entry of the column is labelled with the index
    [i, j, c] it comes from, and tinted with its channel's colour, so that the order shows (the last axis,
    the channel, changes fastest: the three colours of pixel [0, 0] come first). At most 48 entries."""
    image = np.asarray(image)
    h, w, c = image.shape
    if c != 3 or h * w * c > 48:
        raise ValueError(f"draw_unrolled_image draws a small colour image (h, w, 3) of at most 48 numbers, "
                         f"not one of shape {image.shape}")
    n = h * w * c
    ax = _axes(ax, (3.2 * w + 4, max(4.0, 0.42 * n + 1)))
    top = n / 2 + h / 2
    for channel, name in enumerate(("red", "green", "blue")):
        x0 = channel * (w + 0.8)
        _grid(ax, image[:, :, channel], (x0, top - 1),
              colours=[[CHANNEL_COLOURS[channel]] * w for _ in range(h)])
        ax.text(x0 + w / 2, top - 0.8, f"channel {channel}\n({name})", ha="center", va="bottom", fontsize=9)
    ax.text(3 * (w + 0.8) / 2 - 0.4, top - h - 1.6, f"image, shape {image.shape}", ha="center", va="top",
            fontsize=10)
    column_x = 3 * (w + 0.8) + 3.2
    column = image.reshape(n, 1)
    for k in range(n):
        i, j, channel = np.unravel_index(k, image.shape)
        ax.add_patch(Rectangle((column_x, n / 2 - k - 1), 1.2, 1, facecolor=CHANNEL_COLOURS[channel],
                               edgecolor="black", linewidth=1))
        ax.text(column_x + 0.6, n / 2 - k - 0.5, f"{column[k, 0]:g}", ha="center", va="center", fontsize=8)
        ax.text(column_x + 1.35, n / 2 - k - 0.5, f"[{i}, {j}, {channel}]", ha="left", va="center", fontsize=8,
                color="dimgrey")
    ax.text(column_x + 0.6, -n / 2 - 0.3, f"column, shape ({n}, 1)", ha="center", va="top", fontsize=10)
    _arrow(ax, (3 * (w + 0.8) - 0.3, top - 1 - h / 2), (column_x - 0.2, top - 1 - h / 2),
           f"reshape({n}, 1)", colour="grey")
    ax.set_xlim(-0.3, column_x + 3.4)
    ax.set_ylim(-n / 2 - 1.4, top + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _sigmoid_curves(z):
    """sigma(z) and its slope, written with tanh and cosh (equal to 1 / (1 + e^-z) and its derivative)."""
    return 0.5 * (1 + np.tanh(z / 2)), 0.25 / np.cosh(z / 2) ** 2


def draw_sigmoid(ax=None, z_range=6.0):
    """The sigmoid sigma(z) and its slope sigma'(z) for z from -z_range to z_range: two lines, the sigmoid
    first. The slope is largest, 1/4, at z = 0 (marked) and nearly 0 for large |z|, where the curve is flat."""
    ax = _axes(ax, (6.5, 3.6))
    z = np.linspace(-z_range, z_range, 401)
    value, slope = _sigmoid_curves(z)
    ax.plot(z, value, color="C0", linewidth=2, label="$\\sigma(z)$")
    ax.plot(z, slope, color="C3", linewidth=2, linestyle="--", label="slope $\\sigma'(z)$")
    ax.scatter([0, 0], [0.5, 0.25], color=["C0", "C3"], zorder=3)
    ax.annotate("$\\sigma(0) = 0.5$", (0, 0.5), xytext=(8, -4), textcoords="offset points", fontsize=9)
    ax.annotate("largest slope: $\\sigma'(0) = 0.25$", (0, 0.25), xytext=(8, 4), textcoords="offset points",
                fontsize=9)
    ax.grid(color="lightgrey", linewidth=0.6)
    ax.set_xlabel("$z$")
    ax.set_ylim(-0.05, 1.05)
    ax.legend(loc="upper left", fontsize=9)
    ax.set_title("the sigmoid and its slope", fontsize=11)
    return ax


def draw_log_losses(ax=None):
    """The loss of one example as a function of the prediction a in (0, 1): -log a when y = 1 (first
    line) and -log(1 - a) when y = 0 (second line). Each is 0 for a perfect prediction and grows without
    bound for a confident wrong one."""
    ax = _axes(ax, (6.5, 3.6))
    a = np.linspace(0.005, 0.995, 397)
    ax.plot(a, -np.log(a), color="C2", linewidth=2, label="$y = 1$: $-\\log a$")
    ax.plot(a, -np.log(1 - a), color="C1", linewidth=2, label="$y = 0$: $-\\log(1 - a)$")
    ax.annotate("y = 1 but a near 0:\nconfident and wrong", (0.02, -np.log(0.02)), xytext=(0.08, 2.4), fontsize=9,
                arrowprops={"arrowstyle": "->", "color": "grey"})
    ax.set_xlabel("prediction $a = \\hat y$")
    ax.set_ylabel("loss $\\mathcal{L}(a, y)$")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 5.5)
    ax.legend(loc="upper center", fontsize=9)
    ax.set_title("the loss of one example", fontsize=11)
    return ax


def logistic_cost(w, b, x, y):
    """The cost J(w, b) of logistic regression with one feature, on examples ``x`` with labels ``y`` (1-D
    arrays): the mean of log(1 + e^(-z)) over the cats and log(1 + e^z) over the others, z = w x + b, for
    numbers w, b or for grids of them (arrays of one shape)."""
    w, b = np.asarray(w, dtype=float)[..., None], np.asarray(b, dtype=float)[..., None]
    z = w * np.asarray(x, dtype=float) + b
    return np.logaddexp(0, np.where(np.asarray(y) == 1, -z, z)).mean(axis=-1)


def descent_path(x, y, start=(-2.0, 3.0), learning_rate=1.0, iterations=30, eps=1e-6):
    """The iterates (w, b) of gradient descent on :func:`logistic_cost`, from ``start``: an array of shape
    (iterations + 1, 2), the start first. The slopes are two-sided differences of the cost (as a gradient
    check computes them), so the path does not depend on any code of the exercises."""
    path = [np.asarray(start, dtype=float)]
    for _ in range(iterations):
        w, b = path[-1]
        slope = np.array([logistic_cost(w + eps, b, x, y) - logistic_cost(w - eps, b, x, y),
                          logistic_cost(w, b + eps, x, y) - logistic_cost(w, b - eps, x, y)]) / (2 * eps)
        path.append(path[-1] - learning_rate * slope)
    return np.array(path)


def draw_descent_path(x, y, start=(-2.0, 3.0), learning_rate=1.0, iterations=30, ax=None):
    """Contours of the cost J(w, b) of a one-feature logistic regression on (x, y), a bowl seen from above,
    and the path of gradient descent over it from ``start`` (one dot per iterate, the start and the end
    marked). Returns the axes; the path is ``ax.lines[0]``."""
    ax = _axes(ax, (6.5, 5))
    path = descent_path(x, y, start, learning_rate, iterations)
    w_low, b_low = path.min(axis=0) - 1.5
    w_high, b_high = path.max(axis=0) + 1.5
    W, B = np.meshgrid(np.linspace(w_low, w_high, 121), np.linspace(b_low, b_high, 121))
    J = logistic_cost(W, B, x, y)
    contours = ax.contour(W, B, J, levels=np.quantile(J, np.linspace(0.02, 0.9, 12)), cmap="viridis",
                          linewidths=1)
    ax.clabel(contours, fontsize=7, fmt="%.2f")
    ax.plot(path[:, 0], path[:, 1], "o-", color="C3", markersize=3, linewidth=1.2,
            label=f"gradient descent, $\\alpha$ = {learning_rate:g}, {iterations} steps")
    ax.annotate("start", path[0], xytext=(6, 6), textcoords="offset points", fontsize=9, color="C3")
    ax.annotate("end", path[-1], xytext=(6, -12), textcoords="offset points", fontsize=9, color="C3")
    ax.set_xlabel("weight $w$")
    ax.set_ylabel("bias $b$")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("the cost $J(w, b)$ seen from above: each step goes downhill", fontsize=11)
    return ax


MAX_DRAWN = 7  # a wider layer shows its first and last units, with a gap and its size
GAP = 2.5  # between layers, in unit heights


def _axes(ax, size):
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _drawn_units(size):
    """The positions (0 = top) of the units drawn for a layer of ``size`` units, None for the gap."""
    if size <= MAX_DRAWN:
        return list(range(size))
    shown = MAX_DRAWN - 1
    return list(range(shown // 2)) + [None] + list(range(size - (shown - shown // 2), size))


def draw_network(layer_sizes, ax=None, names=None, layer_titles=None):
    """Draw a fully connected network with ``layer_sizes`` units per layer, inputs on the left.

    ``names``: optional names of the units, one list per layer (shown under each circle).
    ``layer_titles``: optional caption under each layer; by default x, a^[1], ..., and ŷ.
    A layer wider than 7 units shows its first and last units, a vertical ellipsis and its size.
    """
    ax = _axes(ax, (2.2 * len(layer_sizes) + 1, 4.5))
    spots = []  # per layer, (x, y) of each drawn unit
    for i, size in enumerate(layer_sizes):
        drawn = _drawn_units(size)
        top = (len(drawn) - 1) / 2
        layer = []
        for k, unit in enumerate(drawn):
            if unit is None:
                ax.text(GAP * i, top - k, "\u22ee", ha="center", va="center", fontsize=16)
            else:
                layer.append((GAP * i, top - k, unit))
        spots.append(layer)
    for left, right in zip(spots[:-1], spots[1:]):
        for x0, y0, _ in left:
            for x1, y1, _ in right:
                ax.plot([x0, x1], [y0, y1], color="lightgrey", linewidth=0.8, zorder=1)
    for i, layer in enumerate(spots):
        for x, y, unit in layer:
            ax.add_patch(Circle((x, y), 0.22, facecolor="white", edgecolor=f"C{min(i, 1) if i < len(spots) - 1 else 3}",
                                linewidth=2, zorder=2))
            if names is not None and unit < len(names[i]):
                ax.annotate(names[i][unit], (x, y), xytext=(0, -22), textcoords="offset points", ha="center",
                            fontsize=9)
    titles = layer_titles or (["x"] + [f"$a^{{[{l}]}}$" for l in range(1, len(layer_sizes) - 1)] + ["$\\hat y$"])
    lowest = min(y for layer in spots for _, y, _ in layer)
    for i, (size, title) in enumerate(zip(layer_sizes, titles)):
        ax.text(GAP * i, lowest - 0.6, f"{title}\n{size} unit{'s' if size != 1 else ''}", ha="center", va="top",
                fontsize=10)
    ax.set_xlim(-0.8, GAP * (len(layer_sizes) - 1) + 0.8)
    ax.set_ylim(lowest - 1.8, -lowest + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _box(ax, xy, text, colour="C0", width=1.5, height=0.7):
    x, y = xy
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.05",
                                facecolor="white", edgecolor=colour, linewidth=2, zorder=2))
    ax.text(x, y, text, ha="center", va="center", fontsize=10, zorder=3)


def _arrow(ax, start, end, label="", colour="grey", label_offset=(0, 0.12)):
    """An arrow from ``start`` to ``end`` (points on the edges of boxes), with a label above its middle."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, color=colour, linewidth=1.5,
                                 shrinkA=1, shrinkB=1, zorder=1))
    if label:
        ax.text((start[0] + end[0]) / 2 + label_offset[0], (start[1] + end[1]) / 2 + label_offset[1], label,
                ha="center", va="bottom", fontsize=9, color=colour)


def _right(xy, width=1.5):
    return xy[0] + width / 2 + 0.05, xy[1]


def _left(xy, width=1.5):
    return xy[0] - width / 2 - 0.05, xy[1]


def draw_computation_graph(a, b, c, ax=None, backward=False):
    """The graph of J = 3(a + bc): u = bc, v = a + u, J = 3v, with the values for these a, b and c.

    With ``backward=True`` each edge also carries the derivative of J with respect to the node it
    leaves, as the chain rule computes it from right to left (dJ/dv = 3, dJ/du = 3, dJ/da = 3,
    dJ/db = 3c, dJ/dc = 3b).
    """
    ax = _axes(ax, (9, 3.6))
    u, v = b * c, a + b * c
    J = 3 * v
    nodes = {"a": (0, 1.2), "b": (0, 0), "c": (0, -1.2), "u": (2.5, -0.6), "v": (5, 0.3), "J": (7.5, 0.3)}
    text = {"a": f"a = {a:g}", "b": f"b = {b:g}", "c": f"c = {c:g}", "u": f"u = bc\n= {u:g}",
            "v": f"v = a + u\n= {v:g}", "J": f"J = 3v\n= {J:g}"}
    derivative = {"a": 3, "b": 3 * c, "c": 3 * b, "u": 3, "v": 3}
    for name, xy in nodes.items():
        _box(ax, xy, text[name], colour="C0" if name in "abc" else "C1")
    for start, end in [("b", "u"), ("c", "u"), ("a", "v"), ("u", "v"), ("v", "J")]:
        label = f"dJ/d{start} = {derivative[start]:g}" if backward else ""
        _arrow(ax, _right(nodes[start]), _left(nodes[end]), label, colour="C3" if backward else "grey")
    ax.set_title("backward: derivatives of J, from right to left" if backward else
                 "forward: values, from left to right", fontsize=11)
    ax.set_xlim(-1, 8.5)
    ax.set_ylim(-1.9, 1.9)
    ax.axis("off")
    return ax


def draw_blocks(L, ax=None):
    """The passes of an L-layer network: forward blocks on top (layer l takes A^[l-1], gives A^[l] and
    keeps a cache), backward blocks below (layer l takes dA^[l] and its cache, gives dA^[l-1], dW^[l]
    and db^[l]), and the cache arrow from each forward block down to its backward block."""
    ax = _axes(ax, (2.4 * L + 3, 4.2))
    for l in range(1, L + 1):
        x = 2.4 * l
        kind = "sigmoid" if l == L else "relu"
        _box(ax, (x, 1.5), f"layer {l}\nforward\n({kind})", colour="C0", height=0.9)
        _box(ax, (x, -1.5), f"layer {l}\nbackward\n({kind})", colour="C3", height=0.9)
        source = _right((x - 2.4, 1.5)) if l > 1 else (x - 1.9, 1.5)
        _arrow(ax, source, _left((x, 1.5)), f"$A^{{[{l - 1}]}}$", colour="C0")
        target = _right((x, -1.5))
        _arrow(ax, _left((x + 2.4, -1.5)) if l < L else (x + 1.9, -1.5), target, f"$dA^{{[{l}]}}$", colour="C3")
        _arrow(ax, (x, 1.0), (x, -1.0), f"cache {l}", colour="grey", label_offset=(0.45, -0.1))
        ax.text(x, -2.12, f"$dW^{{[{l}]}}, db^{{[{l}]}}$", ha="center", va="top", fontsize=9, color="C3")
    _arrow(ax, _right((2.4 * L, 1.5)), (2.4 * L + 1.9, 1.5), f"$A^{{[{L}]}} = \\hat Y$", colour="C0")
    ax.text(2.4 * L + 2.0, 1.5, "cost", ha="left", va="center", fontsize=10)
    ax.text(2.4 * L + 2.0, -1.5, "from\nthe cost", ha="left", va="center", fontsize=10)
    ax.set_xlim(0.3, 2.4 * L + 2.9)
    ax.set_ylim(-2.9, 2.3)
    ax.axis("off")
    return ax


# ---------------------------------------------------------------- weeks 3 and 4: slopes, learning rates, backward
# blocks, sawtooth functions

def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


ACTIVATIONS = {  # name: (g, g')
    "sigmoid": (_sigmoid, lambda z: _sigmoid(z) * (1 - _sigmoid(z))),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
}


def draw_activation_slopes(axes=None, at=(-3, -1, 0, 1, 3), half_width=0.6):
    """The sigmoid and the tanh, each with its slope: the curve g(z), its derivative g'(z) dashed, and at each
    z of ``at`` a short tangent, the straight line of slope g'(z) that touches the curve there, labelled with
    that slope. The tanh is steepest at 0, slope 1; the sigmoid too, slope 1/4; both flatten out far from 0."""
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(12, 4))
    z = np.linspace(-5, 5, 401)
    for ax, (name, (g, dg)) in zip(axes, ACTIVATIONS.items()):
        ax.plot(z, g(z), color="C0", linewidth=2, label=f"{name}(z)")
        ax.plot(z, dg(z), "--", color="C1", label=f"slope {name}'(z)")
        for z0 in at:
            slope = dg(z0)
            zs = np.array([z0 - half_width, z0 + half_width])
            ax.plot(zs, g(z0) + slope * (zs - z0), color="C3", linewidth=2.5, gid="tangent")
            left = z0 <= 0  # the curves rise: above and to the left of a point, or below and to the right, is free
            ax.annotate(f"slope {slope:.2g}", (z0, g(z0)), xytext=(-8, 6) if left else (8, -14),
                        textcoords="offset points", ha="right" if left else "left", fontsize=9, color="C3")
        ax.axhline(0, color="grey", linewidth=0.5)
        ax.axvline(0, color="grey", linewidth=0.5)
        ax.set_xlabel("z")
        ax.set_title(f"{name}: steepest at 0, slope {dg(0.0):g}; nearly flat far from 0")
        ax.legend(loc="upper left", fontsize=9)
    return axes


def draw_learning_rates(runs, X, Y, plot_boundary, axes=None):
    """Gradient descent with several learning rates, side by side: first the cost of every run against the
    iteration, then the decision boundary each run ends with.

    ``runs``: a list of ``(name, learning_rate, costs, predict)``: a word for the run ("too small"), its
    learning rate, the cost at every iteration and a function that takes points as columns (2, k) and returns
    their labels. ``plot_boundary``: the function that shades the plane, ``plot_decision_boundary`` of
    ``planar_data`` (given as an argument, so that this module needs no data module).
    """
    if axes is None:
        _, axes = plt.subplots(1, len(runs) + 1, figsize=(5 * (len(runs) + 1), 4.6))
    cost_ax = axes[0]
    for k, (name, rate, costs, _) in enumerate(runs):
        cost_ax.plot(np.arange(len(costs)), costs, color=f"C{k}", linewidth=1.5 if k < len(runs) - 1 else 0.8,
                     zorder=len(runs) - k, label=f"α = {rate:g} ({name})")  # the jumpy last run behind the others
    finite = [c for _, _, costs, _ in runs for c in costs if np.isfinite(c)]
    cost_ax.set_ylim(0, min(max(finite), 1.5) * 1.05)
    cost_ax.set_xlabel("iteration")
    cost_ax.set_ylabel("cost J")
    cost_ax.set_title("the cost during training")
    cost_ax.legend(fontsize=9)
    for ax, (name, rate, costs, predict) in zip(axes[1:], runs):
        accuracy = float(np.mean(np.ravel(predict(X)) == np.ravel(Y)))
        plot_boundary(predict, X, Y, ax=ax,
                      title=f"α = {rate:g} ({name}): {100 * accuracy:.1f} % correct\nafter {len(costs)} steps")
    return axes


def draw_linear_backward(ax=None):
    """The backward block of the linear step of layer l, ``linear_backward``: dZ^[l] comes in from the right,
    the cache (A^[l-1], W^[l], b^[l]) kept by the forward pass comes in from above, and out go dA^[l-1] to the
    left (for the layer below) and dW^[l], db^[l] downwards (for the update), each with its formula."""
    ax = _axes(ax, (9, 4.2))
    centre = (0, 0)
    _box(ax, centre, "linear_backward\nlayer l", colour="C3", width=2.6, height=1.0)
    _arrow(ax, (3.6, 0), (1.35, 0), "$dZ^{[l]}$", colour="C3")
    _arrow(ax, (-1.35, 0), (-3.6, 0), "$dA^{[l-1]} = W^{[l]T} dZ^{[l]}$", colour="C3")
    _arrow(ax, (0, 1.9), (0, 0.55), "", colour="grey")
    ax.text(0, 1.95, "cache from the forward pass: $(A^{[l-1]}, W^{[l]}, b^{[l]})$", ha="center", va="bottom",
            fontsize=10, color="grey")
    _arrow(ax, (-0.6, -0.55), (-1.6, -1.6), "", colour="C3")
    _arrow(ax, (0.6, -0.55), (1.6, -1.6), "", colour="C3")
    ax.text(-1.7, -1.7, "$dW^{[l]} = \\frac{1}{m} dZ^{[l]} A^{[l-1]T}$", ha="center", va="top", fontsize=10,
            color="C3")
    ax.text(1.7, -1.7, "$db^{[l]} = \\frac{1}{m} \\sum_{i=1}^{m} dZ^{[l](i)}$", ha="center", va="top", fontsize=10,
            color="C3")
    ax.text(4.0, 0, "from the\nlayer's\nactivation", ha="left", va="center", fontsize=9)
    ax.text(-4.0, 0, "to the\nlayer\nbelow", ha="right", va="center", fontsize=9)
    ax.set_xlim(-5.2, 5.2)
    ax.set_ylim(-2.6, 2.5)
    ax.axis("off")
    return ax


def draw_backward_chain(L, ax=None):
    """The backward pass of an L-layer network as a chain, from right to left: dA^[L] (the derivative of the
    loss with respect to the output) enters on the right; in each layer, the activation's backward step (sigmoid
    in layer L, ReLU below) turns dA^[l] into dZ^[l], and linear_backward turns dZ^[l] into dA^[l-1], which goes
    on to the layer below, and dW^[l], db^[l], which go down to the update. Cache l, kept by the forward pass,
    comes in from above to both steps of layer l."""
    step, width, half = 4.8, 1.5, 1.1
    ax = _axes(ax, (0.55 * (step * L + 8), 3.6))
    for l in range(1, L + 1):
        x = step * l
        kind = "sigmoid" if l == L else "relu"
        act, lin = (x + half, 0), (x - half, 0)
        _box(ax, act, f"{kind}\nbackward", colour="C3", width=width, height=0.8)
        _box(ax, lin, "linear\nbackward", colour="C3", width=width, height=0.8)
        _arrow(ax, _left(act, width), _right(lin, width), f"$dZ^{{[{l}]}}$", colour="C3")
        source = _left((step * (l + 1) - half, 0), width) if l < L else (x + 3.2, 0)
        _arrow(ax, source, _right(act, width), f"$dA^{{[{l}]}}$", colour="C3")
        for box in (act, lin):
            _arrow(ax, (x, 1.5), (box[0], 0.47), "", colour="grey")
        ax.text(x, 1.55, f"cache {l}", ha="center", va="bottom", fontsize=9, color="grey")
        _arrow(ax, (lin[0], -0.4), (lin[0], -1.3), "", colour="C3")
        ax.text(lin[0], -1.35, f"$dW^{{[{l}]}}, db^{{[{l}]}}$", ha="center", va="top", fontsize=10, color="C3")
    _arrow(ax, _left((step - half, 0), width), (step - 3.2, 0), "$dA^{[0]}$", colour="C3")
    ax.text(step - 3.3, 0, "(unused)", ha="right", va="center", fontsize=8, color="grey")
    ax.text(step * L + 3.3, 0.0, "$dA^{[L]} = -\\left(\\frac{Y}{A^{[L]}} - \\frac{1 - Y}{1 - A^{[L]}}\\right)$",
            ha="left", va="center", fontsize=10, color="C3")
    ax.set_xlim(step - 4.4, step * L + 8.0)
    ax.set_ylim(-2.0, 2.1)
    ax.axis("off")
    ax.set_title(f"the backward pass of an L = {L} layer network: from the cost (right) to layer 1 (left)", fontsize=11)
    return ax


def tent(x):
    """The tent map on [0, 1], t(x) = 2 min(x, 1 - x), computed as two ReLU units: 2 ReLU(x) - 4 ReLU(x - 1/2)."""
    return 2 * np.maximum(0, x) - 4 * np.maximum(0, x - 0.5)


def sawtooth(x, k):
    """The tent map applied k times, t(t(...t(x))): what a network of k hidden layers of 2 ReLU units computes."""
    for _ in range(k):
        x = tent(x)
    return x


def draw_sawtooth(depths=(1, 2, 3, 4), axes=None):
    """Why deep: one panel per k of ``depths`` with the tent map composed k times (2^k straight pieces), and a
    last panel with the number of ReLU units each kind of network needs for it: 2k in k layers of 2, at least
    2^k - 1 in a single hidden layer (n units of one input make at most n + 1 pieces)."""
    if axes is None:
        _, axes = plt.subplots(1, len(depths) + 1, figsize=(3.6 * (len(depths) + 1), 3.4))
    for ax, k in zip(axes, depths):
        x = np.linspace(0, 1, 2 ** (k + 2) + 1)  # every corner of the zigzag is on this grid
        ax.plot(x, sawtooth(x, k), color="C0", linewidth=1.8)
        ax.set_title(f"k = {k}: {2 ** k} straight pieces", fontsize=10)
        ax.set_xlabel("x")
        ax.set_ylim(-0.05, 1.1)
    axes[0].set_ylabel("t applied k times")
    ks = np.arange(1, 11)
    units = axes[len(depths)]
    units.semilogy(ks, 2 * ks, marker="o", label="deep: k layers of 2 units, 2k")
    units.semilogy(ks, 2.0 ** ks - 1, marker="s", label="one hidden layer: at least $2^k - 1$")
    units.set_xlabel("k")
    units.set_title("ReLU units needed", fontsize=10)
    units.legend(fontsize=8)
    return axes
