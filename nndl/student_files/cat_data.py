"""Load the course's cat / non-cat images (HDF5), or a clearly labelled stand-in.

Where the real files are looked for, in order:

1. the folder named by the environment variable ``NNDL_DATA_DIR``;
2. a folder ``data/`` here or in one of the parent folders (the course
   repository keeps it at its root).

The files are ``train_catvnoncat.h5`` (``train_set_x`` (m, 64, 64, 3) uint8,
``train_set_y`` (m,), ``list_classes`` [b'non-cat', b'cat']) and
``test_catvnoncat.h5`` (the same with ``test_``).  They are not ours to
redistribute, so a fresh copy of the course does not have them: without
them, :func:`load_cat_data` says so loudly and returns SYNTHETIC stand-in
images made here (same shapes and types), so every notebook still runs.
"""
import os
from pathlib import Path

import numpy as np

TRAIN_FILE = "train_catvnoncat.h5"
TEST_FILE = "test_catvnoncat.h5"
NUM_PX = 64


# Whether the last call of load_cat_data() fell back to the synthetic stand-in (None: not called yet).
USED_STAND_IN = None


class CatDataError(Exception):
    """A data file exists but cannot be used (corrupt, or not in the expected layout)."""


def find_data_dir(start=None):
    """The folder holding both real files, or None."""
    candidates = []
    if os.environ.get("NNDL_DATA_DIR"):
        candidates.append(Path(os.environ["NNDL_DATA_DIR"]).expanduser())
    here = Path(start or os.getcwd()).resolve()
    candidates += [folder / "data" for folder in (here, *here.parents)]
    for folder in candidates:
        if (folder / TRAIN_FILE).is_file() and (folder / TEST_FILE).is_file():
            return folder
    return None


def read_split(path, split):
    """Read one HDF5 file of the course layout; ``split`` is "train" or "test".

    Returns ``(x, y, classes)`` with x (m, 64, 64, 3) uint8, y (1, m), classes
    an array of bytes.  Raises :class:`CatDataError` saying what is wrong.
    """
    import h5py

    try:
        with h5py.File(path, "r") as f:
            missing = [k for k in (f"{split}_set_x", f"{split}_set_y", "list_classes") if k not in f]
            if missing:
                raise CatDataError(f"{path} is not a cat/non-cat {split} file: it lacks {missing} "
                                   f"(it has {sorted(f.keys())})")
            x = np.array(f[f"{split}_set_x"][:])
            y = np.array(f[f"{split}_set_y"][:])
            classes = np.array(f["list_classes"][:])
    except CatDataError:
        raise
    except (OSError, ValueError) as error:
        raise CatDataError(f"{path} cannot be read as HDF5 ({error}); is the file complete?") from error
    if x.ndim != 4 or x.shape[1:] != (NUM_PX, NUM_PX, 3) or x.dtype != np.uint8:
        raise CatDataError(f"{path}: {split}_set_x should be (m, 64, 64, 3) uint8, "
                           f"found {x.shape} {x.dtype}")
    if y.shape != (x.shape[0],):
        raise CatDataError(f"{path}: {split}_set_y should have shape ({x.shape[0]},), found {y.shape}")
    if not set(np.unique(y)) <= {0, 1}:
        raise CatDataError(f"{path}: {split}_set_y should hold only 0 and 1")
    return x, y.reshape(1, -1), classes


def synthetic_images(m, seed):
    """``m`` stand-in 64x64 RGB images and labels: warm, round "cats" vs cool, striped "non-cats".

    Made from noise by this module, so they can be shipped and regenerated
    anywhere.  They are not photographs; a model trained on them learns
    colour and shape statistics only.
    """
    rng = np.random.default_rng(seed)
    y = (rng.uniform(size=m) < 0.35).astype(np.int64)
    rows, cols = np.mgrid[0:NUM_PX, 0:NUM_PX] / NUM_PX
    x = np.empty((m, NUM_PX, NUM_PX, 3))
    for i in range(m):
        base = rng.uniform(0.2, 0.8, size=3)
        texture = rng.normal(scale=0.12, size=(NUM_PX, NUM_PX, 1))
        image = base + texture + 0.1 * rng.normal(size=(NUM_PX, NUM_PX, 3))
        cy, cx, r = rng.uniform(0.35, 0.65), rng.uniform(0.35, 0.65), rng.uniform(0.18, 0.3)
        blob = ((rows - cy) ** 2 + (cols - cx) ** 2 < r ** 2)[..., None]
        if y[i]:  # a warm disc with two "ears"
            fur = np.array([0.85, 0.55, 0.25]) * rng.uniform(0.7, 1.1)
            ears = ((np.abs(cols - cx) - r * 0.6) ** 2 + (rows - (cy - r)) ** 2 < (r * 0.35) ** 2)[..., None]
            image = np.where(blob | ears, fur + texture, image)
        else:  # cool stripes, sometimes a cool disc
            stripes = np.sin(2 * np.pi * rng.uniform(2, 6) * (rows + rng.uniform() * cols))[..., None]
            image = image * 0.7 + 0.15 * stripes + np.array([0.05, 0.1, 0.2])
            if rng.uniform() < 0.5:
                image = np.where(blob, np.array([0.3, 0.5, 0.8]) + texture, image)
        x[i] = image
    return (np.clip(x, 0, 1) * 255).astype(np.uint8), y


def synthetic_data():
    """The stand-in data set: 209 training and 50 test images, as load_cat_data returns them."""
    train_x, train_y = synthetic_images(209, seed=2024)
    test_x, test_y = synthetic_images(50, seed=2025)
    classes = np.array([b"non-cat", b"cat"])
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1), classes


def write_h5(folder, train_x, train_y, test_x, test_y, classes):
    """Write a data set in the course's HDF5 layout (used for the stand-in and in tests)."""
    import h5py

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for split, x, y in (("train", train_x, train_y), ("test", test_x, test_y)):
        with h5py.File(folder / f"{split}_catvnoncat.h5", "w") as f:
            f.create_dataset(f"{split}_set_x", data=x)
            f.create_dataset(f"{split}_set_y", data=np.asarray(y).reshape(-1))
            f.create_dataset("list_classes", data=classes)


def load_cat_data(verbose=True):
    """Return ``train_x, train_y, test_x, test_y, classes`` (x: (m, 64, 64, 3) uint8, y: (1, m)).

    Uses the real files when :func:`find_data_dir` finds them; otherwise the
    synthetic stand-in, announced in the output.
    """
    global USED_STAND_IN
    folder = find_data_dir()
    if folder is not None:
        train_x, train_y, classes = read_split(folder / TRAIN_FILE, "train")
        test_x, test_y, _ = read_split(folder / TEST_FILE, "test")
        USED_STAND_IN = False
        if verbose:
            print(f"Loaded the cat / non-cat images from {folder}")
        return train_x, train_y, test_x, test_y, classes
    if verbose:
        print("=" * 78)
        print("NOTE: the real cat / non-cat images were not found, so this notebook uses")
        print("SYNTHETIC STAND-IN IMAGES (coloured shapes, not photos). Accuracies and")
        print("pictures below will not match the text. To use the real images, put")
        print(f"{TRAIN_FILE} and {TEST_FILE} in the course's data/ folder,")
        print("or set the environment variable NNDL_DATA_DIR to the folder holding them.")
        print("=" * 78)
    USED_STAND_IN = True
    return synthetic_data()


def remind_if_stand_in():
    """Print a one-line reminder next to computed figures when load_cat_data() used the synthetic stand-in."""
    if USED_STAND_IN:
        print("(Reminder: these figures come from the SYNTHETIC STAND-IN images; the figures quoted in the "
              "text are for the real cat images.)")
