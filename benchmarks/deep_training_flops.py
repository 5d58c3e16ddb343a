"""How close does training the week-4 deep network come to the machine's matrix-multiply speed?

Run ``python benchmarks/deep_training_flops.py [--iterations N] [--repeats R]``.  In one run it

1. trains the [12288, 20, 7, 5, 1] network of ``w4_deep_application`` with the course's own
   reference code (the application's ``L_layer_model`` on the step-by-step notebook's
   functions, taken from ``notebooks/`` exactly as the build ships them), on the real cat
   images when ``cat_data`` finds them and on the synthetic stand-in otherwise;
2. counts the floating-point operations of the matrix products one training iteration needs
   (forward ``W[l] @ A[l-1]``; backward ``dZ[l] @ A[l-1].T`` and ``W[l].T @ dZ[l]``, the
   latter for l = 1 too: the course's contract returns dA0, though training never uses it),
   2 operations per multiply-add;
3. times the same products alone, on arrays of exactly the same shapes and memory layouts,
   written into preallocated outputs: what this machine's BLAS achieves on these shapes;
4. prints both rates in GFLOP/s and their ratio (training / bare products).

The best of ``--repeats`` runs counts for each, so a busy moment does not decide the result.
The measurement is made with the BLAS's default number of threads and again with one thread
(through threadpoolctl, when installed); the ratio is meaningful only on an otherwise idle
machine: other busy processes slow multi-threaded BLAS calls down far more than Python code.
Everything else in a training step (activations, the cost, the updates, Python overhead) only
takes time, so the ratio says how much of the time goes to work that is not matrix products.
"""
import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from nndl.build.notebook_text import read_authored, strip_solution_markers  # noqa: E402
from nndl.build.solution_module import solution_module  # noqa: E402
from nndl.student_files import cat_data  # noqa: E402

LAYERS = [12288, 20, 7, 5, 1]


def course_functions():
    """The step-by-step reference functions plus the application's provided helpers and reference L_layer_model."""
    namespace = {}
    exec(compile(solution_module(REPO_ROOT, "w4_deep_network"), "dnn_steps.py", "exec"), namespace)
    app = read_authored(REPO_ROOT / "notebooks" / "w4_deep_application.py", "w4_deep_application")
    for cell in app.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") in ("helpers", "L_layer_model"):
            exec(compile(strip_solution_markers(cell.source), "L_layer_model", "exec"), namespace)
    return namespace


def load_data():
    found = cat_data.find_data_dir()
    train_x_orig, train_y, _, _, _ = cat_data.load_cat_data(verbose=False)
    X = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255
    which = f"the real cat images from {found}" if found else "the SYNTHETIC stand-in images (real ones not found)"
    return X, train_y.astype(float), which


def flops_per_iteration(layers, m):
    forward = sum(2 * layers[l] * layers[l - 1] * m for l in range(1, len(layers)))
    dW = forward
    dA_prev = forward
    return forward + dW + dA_prev


def bare_products(X, layers, iterations):
    """The training's matrix products, same shapes and layouts, into preallocated outputs: seconds."""
    rng = np.random.default_rng(0)
    m = X.shape[1]
    Ws = [None] + [rng.normal(size=(layers[l], layers[l - 1])) for l in range(1, len(layers))]
    As = [X] + [np.abs(rng.normal(size=(layers[l], m))) for l in range(1, len(layers))]
    dZs = [None] + [rng.normal(size=(layers[l], m)) for l in range(1, len(layers))]
    Zs = [None] + [np.empty((layers[l], m)) for l in range(1, len(layers))]
    dWs = [None] + [np.empty_like(W) for W in Ws[1:]]
    dAs = [np.empty((layers[l], m)) for l in range(len(layers))]
    L = len(layers) - 1
    start = time.perf_counter()
    for _ in range(iterations):
        for l in range(1, L + 1):
            np.matmul(Ws[l], As[l - 1], out=Zs[l])
        for l in range(L, 0, -1):
            np.matmul(dZs[l], As[l - 1].T, out=dWs[l])
            np.matmul(Ws[l].T, dZs[l], out=dAs[l - 1])
    return time.perf_counter() - start


def training(functions, X, Y, iterations):
    start = time.perf_counter()
    _, costs = functions["L_layer_model"](X, Y, LAYERS, num_iterations=iterations)
    return time.perf_counter() - start, costs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200, help="training iterations per run (default 200)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each measurement; the best counts")
    args = parser.parse_args(argv)

    functions = course_functions()
    X, Y, which = load_data()
    m = X.shape[1]
    flops = flops_per_iteration(LAYERS, m) * args.iterations
    print(f"data: {which}; X {X.shape} ({'F' if X.flags.f_contiguous else 'C'}-ordered {X.dtype})")
    print(f"network {LAYERS}, {args.iterations} iterations, "
          f"{flops_per_iteration(LAYERS, m) / 1e6:.1f} MFLOP of matrix products per iteration")
    print(f"cores: {os.cpu_count()}; load average before the run: {os.getloadavg()[0]:.2f}")

    ratios = {}
    for threads in (None, 1):
        label = "default BLAS threads" if threads is None else "1 BLAS thread"
        with limit_threads(threads) as active:
            if active is None and threads is not None:
                print(f"({label}: skipped, threadpoolctl is not installed)")
                continue
            bare_products(X, LAYERS, 5)  # warm up the BLAS threads and caches
            train_times, bare_times = [], []
            for _ in range(args.repeats):  # interleaved, so that both see the same machine
                seconds, costs = training(functions, X, Y, args.iterations)
                train_times.append(seconds)
                bare_times.append(bare_products(X, LAYERS, args.iterations))
        train_rate = flops / min(train_times) / 1e9
        bare_rate = flops / min(bare_times) / 1e9
        ratios[label] = train_rate / bare_rate
        print(f"{label} ({active} in use):")
        print(f"  training:             best {min(train_times):.3f} s of {args.repeats} -> {train_rate:6.1f} GFLOP/s "
              f"(cost {costs[0]:.4f} -> {costs[-1]:.4f})")
        print(f"  bare matrix products: best {min(bare_times):.3f} s of {args.repeats} -> {bare_rate:6.1f} GFLOP/s")
        print(f"  ratio (training / bare products): {ratios[label]:.2f}")
    return ratios


class limit_threads:
    """Context manager: run the BLAS with ``threads`` threads (None: leave it); yields the count in use."""

    def __init__(self, threads):
        self.threads = threads
        self.limiter = None

    def __enter__(self):
        try:
            from threadpoolctl import threadpool_info, threadpool_limits
        except ImportError:
            return None
        if self.threads is not None:
            self.limiter = threadpool_limits(limits=self.threads, user_api="blas")
        counts = [p["num_threads"] for p in threadpool_info() if p.get("user_api") == "blas"]
        return max(counts) if counts else None

    def __exit__(self, *exc):
        if self.limiter is not None:
            self.limiter.restore_original_limits()
        return False


if __name__ == "__main__":
    main()
