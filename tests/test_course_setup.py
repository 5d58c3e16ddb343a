"""What a fresh clone gives an instructor and a student before any grading: `make lab`, the course's
Jupyter configuration, and the data/ folder."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from nndl.course import REPO_ROOT, find_data_dir

NBGRADER_LAB = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader"


def test_make_lab_puts_the_venv_on_path_and_the_course_config_first():
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}  # under `make test`
    out = subprocess.run(["make", "--no-print-directory", "-n", "-W", ".venv/.installed", "lab"], cwd=REPO_ROOT,
                         capture_output=True, text=True, check=True, env=env).stdout
    text = " ".join(line.rstrip("\\") for line in out.strip().splitlines() if "jupyter" in line or "cd " in line)
    assert text.startswith("cd . &&"), text  # COURSE=demo starts it in the demo's course instead
    assert f'PATH="{REPO_ROOT}/.venv/bin:$PATH"' in text
    assert f'JUPYTER_CONFIG_PATH="{REPO_ROOT}/jupyter' in text
    assert f"{REPO_ROOT}/.venv/bin/jupyter lab" in text and "--allow-root" in text  # root: JupyterLab refuses without it
    demo = subprocess.run(["make", "--no-print-directory", "-n", "-W", ".venv/.installed", "lab", "COURSE=demo",
                           "LAB_ARGS=--port 9999"], cwd=REPO_ROOT, capture_output=True, text=True, check=True,
                          env=env).stdout
    assert "cd demo &&" in demo and demo.rstrip().endswith("--port 9999")


def test_the_course_config_switches_off_the_exchange_views_of_nbgrader_only():
    page = json.loads((REPO_ROOT / "jupyter" / "labconfig" / "page_config.json").read_text())
    off = {name for name, disabled in page["disabledExtensions"].items() if disabled}
    assert off == {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:course-list"}
    shipped = "".join(p.read_text(errors="ignore") for p in (NBGRADER_LAB / "static").glob("*.js"))
    plugins = set(re.findall(r'id:\s*"(@jupyter/nbgrader:[a-z-]+)"', shipped))
    assert off <= plugins, plugins  # the ids nbgrader really uses
    server = json.loads((REPO_ROOT / "jupyter" / "jupyter_server_config.json").read_text())
    nbgrader = {k: v for k, v in server["ServerApp"]["jpserver_extensions"].items() if k.startswith("nbgrader")}
    assert nbgrader == {"nbgrader.server_extensions.assignment_list": False,
                        "nbgrader.server_extensions.course_list": False}


def test_the_server_loads_the_formgrader_and_validate_but_not_the_assignment_list(tmp_path):
    """The real server configuration, as `make lab` starts it (no HTTP server is started)."""
    probe = ("import json\n"
             "from jupyter_server.serverapp import ServerApp\n"
             "app = ServerApp()\n"
             "app.initialize(argv=['--allow-root'], find_extensions=True, new_httpserver=False)\n"
             "print(json.dumps({k: v for k, v in app.jpserver_extensions.items() if 'nbgrader' in k}))\n")
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(REPO_ROOT / "jupyter")}
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == {
        "nbgrader.server_extensions.assignment_list": False, "nbgrader.server_extensions.course_list": False,
        "nbgrader.server_extensions.formgrader": True, "nbgrader.server_extensions.validate_assignment": True}


def test_data_folder_is_in_the_repository_and_its_images_never_are():
    readme = (REPO_ROOT / "data" / "README.md").read_text()
    assert "train_catvnoncat.h5" in readme and "test_catvnoncat.h5" in readme and "NNDL_DATA_DIR" in readme
    tracked = subprocess.run(["git", "ls-files", "data"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.split()
    assert tracked == ["data/README.md"]
    ignored = subprocess.run(["git", "check-ignore", "data/train_catvnoncat.h5", "data/test_catvnoncat.h5"],
                             cwd=REPO_ROOT, capture_output=True, text=True).stdout.split()
    assert ignored == ["data/train_catvnoncat.h5", "data/test_catvnoncat.h5"]


def test_a_data_folder_holding_only_its_readme_is_no_data(tmp_path, monkeypatch):
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "README.md").write_text("put the images here")
    assert find_data_dir(tmp_path) is None
    (tmp_path / "data" / "train_catvnoncat.h5").write_bytes(b"")
    assert find_data_dir(tmp_path) == str(tmp_path / "data")


def test_grader_configs_course_settings_are_what_grading_and_the_pipeline_read(tmp_path):
    """One home for the course's settings: a time limit set in grader_config.py (c.CourseSettings) is the one the
    grading step and `nndl grade`'s preflight run the jail with."""
    from nndl.course import load_config
    from nndl.course_settings import CourseSettings
    from nndl.grading.preprocessor import GradeInJail

    for name in ("grader_config.py", "nbgrader_config.py"):
        (tmp_path / name).write_text((REPO_ROOT / name).read_text())
    with open(tmp_path / "grader_config.py", "a") as f:
        f.write("\nc.CourseSettings.cell_timeout = 7\nc.CourseSettings.name_mistakes = False\n")
    config = load_config(tmp_path)
    settings = CourseSettings.of(config)
    assert settings.run_options(True, None)["cell_seconds"] == 7 and not settings.name_mistakes
    assert GradeInJail(config=config).settings.cell_timeout == 7
    assert CourseSettings.of(load_config(REPO_ROOT)).cell_timeout == 120  # the course's own grader_config.py
