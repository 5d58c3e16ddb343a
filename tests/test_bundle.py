"""Instructor bundles unpacked in a worker: the data files of bundles that carry the same data land in one
shared folder (so a worker starts one template jail, not one per assignment), and never in the folder
of other data."""
import re
from pathlib import Path

from nndl.pipeline.bundle import make_bundle, unpack
from support import course_copy

A, B = "w2_numpy_basics", "w1_introduction"


def data_dir_of(course):
    return Path(re.search(r"CourseSettings\.data_dir = '([^']+)'", (course / "nbgrader_config.py").read_text())[1])


def test_bundles_with_the_same_data_share_one_data_folder_and_other_data_gets_its_own(tmp_path, monkeypatch):
    root = tmp_path / "course"
    root.mkdir()
    course_copy(root, [A, B])
    images = tmp_path / "images"
    images.mkdir()
    (images / "train.h5").write_bytes(b"first images")
    monkeypatch.setenv("NNDL_DATA_DIR", str(images))
    home = tmp_path / "worker"
    home.mkdir()
    first, second = (unpack(make_bundle(root, a, []), home / a, home) for a in (A, B))
    shared = data_dir_of(first)
    assert data_dir_of(second) == shared and shared.parent == home
    assert {p.name: p.read_bytes() for p in shared.iterdir()} == {"train.h5": b"first images"}

    (images / "train.h5").write_bytes(b"other images")
    third = unpack(make_bundle(root, A, []), home / "again", home)
    assert data_dir_of(third) != shared
    assert (data_dir_of(third) / "train.h5").read_bytes() == b"other images"
    assert (shared / "train.h5").read_bytes() == b"first images"  # the first bundles' data is untouched
    assert not list(home.glob(".nndl-data-*")), "no half-unpacked data folder is left behind"
