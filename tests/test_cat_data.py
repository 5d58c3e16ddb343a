"""The cat / non-cat loader: the real HDF5 layout, clear errors for bad files, a loud fallback."""
import numpy as np
import pytest

from nndl.student_files import cat_data


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NNDL_DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def small_set():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, size=(6, 64, 64, 3), dtype=np.uint8)
    return x, np.array([[0, 1, 1, 0, 1, 0]]), x[:2], np.array([[1, 0]]), np.array([b"non-cat", b"cat"])


def test_files_in_the_course_layout_load_with_labels_as_a_row(data_dir, capsys):
    cat_data.write_h5(data_dir, *small_set())
    train_x, train_y, test_x, test_y, classes = cat_data.load_cat_data()
    assert train_x.shape == (6, 64, 64, 3) and train_x.dtype == np.uint8
    assert train_y.tolist() == [[0, 1, 1, 0, 1, 0]] and test_y.shape == (1, 2)
    assert classes.tolist() == [b"non-cat", b"cat"]
    assert f"from {data_dir}" in capsys.readouterr().out


def test_a_truncated_file_is_named_with_a_clear_error(data_dir):
    cat_data.write_h5(data_dir, *small_set())
    path = data_dir / cat_data.TRAIN_FILE
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(cat_data.CatDataError, match="cannot be read as HDF5"):
        cat_data.load_cat_data()


def test_a_file_with_the_wrong_layout_says_what_is_missing(data_dir):
    import h5py

    cat_data.write_h5(data_dir, *small_set())
    with h5py.File(data_dir / cat_data.TEST_FILE, "w") as f:
        f.create_dataset("images", data=np.zeros((2, 64, 64, 3), dtype=np.uint8))
    with pytest.raises(cat_data.CatDataError, match=r"lacks \['test_set_x', 'test_set_y', 'list_classes'\]"):
        cat_data.load_cat_data()


def test_images_of_the_wrong_shape_are_refused(data_dir):
    x, y, tx, ty, classes = small_set()
    cat_data.write_h5(data_dir, x[:, :32], y, tx, ty, classes)
    with pytest.raises(cat_data.CatDataError, match=r"\(m, 64, 64, 3\) uint8"):
        cat_data.load_cat_data()


def test_without_the_files_a_labelled_synthetic_stand_in_is_used(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    train_x, train_y, test_x, test_y, _ = cat_data.load_cat_data()
    out = capsys.readouterr().out
    assert "SYNTHETIC STAND-IN IMAGES" in out and "NNDL_DATA_DIR" in out and "data/" in out
    assert train_x.shape == (209, 64, 64, 3) and test_x.shape == (50, 64, 64, 3)
    assert set(np.unique(train_y)) == {0, 1} and np.array_equal(train_x, cat_data.load_cat_data(False)[0])


def test_the_real_files_when_present_have_the_documented_shapes():
    folder = cat_data.find_data_dir()
    if folder is None:
        pytest.skip("the real cat images are not here (set NNDL_DATA_DIR to the folder with the .h5 files)")
    train_x, train_y, test_x, test_y, classes = cat_data.load_cat_data(verbose=False)
    assert (train_x.shape, test_x.shape) == ((209, 64, 64, 3), (50, 64, 64, 3))
    assert (int(train_y.sum()), int(test_y.sum())) == (72, 33)


def test_figures_computed_on_the_stand_in_come_with_a_reminder(data_dir, capsys):
    cat_data.load_cat_data(verbose=False)  # no files here: the stand-in
    cat_data.remind_if_stand_in()
    assert "SYNTHETIC STAND-IN" in capsys.readouterr().out
    cat_data.write_h5(data_dir, *small_set())
    cat_data.load_cat_data(verbose=False)  # the real layout: no reminder
    cat_data.remind_if_stand_in()
    assert capsys.readouterr().out == ""
