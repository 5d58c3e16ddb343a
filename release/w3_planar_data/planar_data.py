# Generated from nndl/student_files/planar_data.py by `nndl build`: edit that file, not this copy.
"""Small two-dimensional data sets for week 3, and a plot of a classifier's decision regions.

Everything here is made from a seed, so every run (and every student) sees the
same points:

* :func:`load_planar_dataset`: the "flower", points scattered along the petals
  of a rose curve, the petals shared out between two classes so that no straight
  line separates them;
* :func:`load_extra_datasets`: four more 2-D problems (noisy circles, noisy
  moons, blobs, Gaussian quantiles) made with scikit-learn's generators;
* :func:`plot_dataset` and :func:`plot_decision_boundary`: scatter plots, the
  second one over the regions a classifier assigns to each class.

Data come in the course's layout: ``X`` of shape ``(2, m)`` (one column per
example) and ``Y`` of shape ``(1, m)`` holding 0 and 1.
"""
import numpy as np

# Which class each of the eight petals of the flower belongs to, going round
# counter-clockwise from the positive x axis.
PETAL_CLASSES = (0, 1, 0, 1, 1, 0, 1, 0)


def load_planar_dataset(m=400, seed=2, petal_length=4.0, noise=0.15):
    """The flower: ``m`` points along the eight petals of the rose ``r = |sin(4 theta)|``.

    Each class gets ``m // 2`` points. A point of a class picks one of that
    class's petals, an angle inside it and a distance from the centre that
    follows the petal's outline, then both get Gaussian noise (``noise``), so
    neighbouring petals overlap a little near the centre.

    Returns ``X`` (2, m) float and ``Y`` (1, m) uint8, the examples of class 0 first.
    """
    rng = np.random.default_rng(seed)
    petal_width = 2 * np.pi / len(PETAL_CLASSES)
    labels = np.repeat([0, 1], [m // 2, m - m // 2])
    petals_of = {c: np.flatnonzero(np.array(PETAL_CLASSES) == c) for c in (0, 1)}
    petal = np.where(labels == 0,
                     rng.choice(petals_of[0], size=m),
                     rng.choice(petals_of[1], size=m))
    theta = (petal + rng.uniform(size=m)) * petal_width + rng.normal(scale=noise, size=m)
    radius = petal_length * np.abs(np.sin(4 * theta)) + rng.normal(scale=noise, size=m)
    X = np.vstack([radius * np.cos(theta), radius * np.sin(theta)])
    Y = labels.reshape(1, m).astype(np.uint8)
    return X, Y


def load_extra_datasets(m=200, seed=3):
    """Four more 2-D problems, each as ``(X (2, m), Y (1, m))``, in a dict keyed by name.

    * ``"noisy_circles"``: a ring of one class around a disc of the other;
    * ``"noisy_moons"``: two interleaved half-moons;
    * ``"blobs"``: six Gaussian clusters, alternately labelled 0 and 1;
    * ``"gaussian_quantiles"``: one Gaussian cloud split by distance from its
      centre (inner points one class, outer points the other).
    """
    from sklearn import datasets

    raw = {
        "noisy_circles": datasets.make_circles(n_samples=m, factor=0.5, noise=0.3, random_state=seed),
        "noisy_moons": datasets.make_moons(n_samples=m, noise=0.2, random_state=seed),
        "blobs": datasets.make_blobs(n_samples=m, centers=6, n_features=2, cluster_std=1.0,
                                     random_state=seed),
        "gaussian_quantiles": datasets.make_gaussian_quantiles(n_samples=m, n_features=2, n_classes=2,
                                                               cov=0.5, random_state=seed),
    }
    out = {}
    for name, (points, labels) in raw.items():
        if name == "blobs":
            labels = labels % 2
        out[name] = (points.T.astype(float), labels.reshape(1, -1).astype(np.uint8))
    return out


def _axes(ax):
    import matplotlib.pyplot as plt

    return ax if ax is not None else plt.gca()


def plot_dataset(X, Y, ax=None, title=None):
    """Scatter the columns of ``X`` (2, m), coloured by their labels ``Y`` (1, m)."""
    ax = _axes(ax)
    ax.scatter(X[0], X[1], c=np.ravel(Y), s=14, cmap="coolwarm", edgecolors="k", linewidths=0.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


def plot_decision_boundary(predict, X, Y, ax=None, title=None, steps=300):
    """Colour the plane by the class ``predict`` gives each point, then scatter the data on top.

    ``predict`` takes an array of points of shape ``(2, k)`` (one point per
    column, like ``X``) and returns ``k`` labels in any shape, for example
    ``lambda P: predict(parameters, P)``. The plotted area is the data's range
    plus a margin, sampled on a ``steps`` x ``steps`` grid.
    """
    ax = _axes(ax)
    margin = 0.1 * (X.max(axis=1) - X.min(axis=1)) + 0.5
    lo, hi = X.min(axis=1) - margin, X.max(axis=1) + margin
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps))
    grid = np.vstack([g1.ravel(), g2.ravel()])
    labels = np.asarray(predict(grid), dtype=float).reshape(g1.shape)
    ax.contourf(g1, g2, labels, levels=[-0.5, 0.5, 1.5], cmap="coolwarm", alpha=0.35)
    return plot_dataset(X, Y, ax=ax, title=title)
