# Generated from nndl/student_files/diagrams.py by `nndl build`: edit that file, not this copy.
"""Pictures of networks for the notebooks, drawn with matplotlib (no image files).

* :func:`draw_network`: the units of each layer as circles and every connection as a line;
* :func:`draw_computation_graph`: the graph of J = 3(a + bc), forward values or backward derivatives;
* :func:`draw_blocks`: the forward and backward passes of an L-layer network as blocks, with the
  caches that go from each forward block to its backward block.

Each function draws on the axes it is given (a new figure when none) and returns them.
"""
import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

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
