"""The whole term on the hub, at the command level, as the real Unix users.

``nndl hub setup`` makes the accounts (an instructor and two students from a roster), nbgrader's exchange and
the instructor's course folder; the instructor releases with nbgrader; each student fetches, fills in and
submits as their own user (``runuser``); the instructor's ``nndl hub collect-grade-release`` collects, grades
in the jail and releases feedback; each student fetches their own page and reads their own score.  Then a
student tries to reach what is not theirs, and a regrade after a resubmission replaces the feedback.
Runs as root (it makes Unix users, removed at the end).
"""
import datetime
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
import requests

from nndl.course import REPO_ROOT
from nndl.demo import nth_mistake
from nndl.hub import accounts
from nndl.hub.course_folder import run_as
from nndl.simulate import filled_notebook

pytestmark = pytest.mark.hub

A = "w2_numpy_basics"
INSTRUCTOR, RIGHT, WRONG = "nndlhub-inst", "nndlhub-ada", "nndlhub-bob"
BROWSING = "nndlhub-cat"  # the student of the browser test
EVERYONE = (INSTRUCTOR, RIGHT, WRONG, BROWSING)
# The accounts run the hub's installation: a venv from a system Python that every user can enter (the tests'
# own Python may live in /root).  `make test` makes it, as `make hub` does.
HUB_BIN = REPO_ROOT / ".venv-hub" / "bin"
NNDL = str(HUB_BIN / "nndl")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ok(done):
    assert done.returncode == 0, f"{done.args}\nstdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}"
    return done


def as_user(user, *args, cwd=None):
    return run_as(user, list(args), cwd=cwd or accounts.pwd.getpwnam(user).pw_dir, check=False, bin_dir=HUB_BIN)


def home(user):
    return Path(accounts.pwd.getpwnam(user).pw_dir)


def hand_in_file(user, notebook):
    """The student's fetched notebook, edited as that student would (written as the student)."""
    path = home(user) / A / f"{A}.ipynb"
    text = nbformat.writes(notebook)
    ok(subprocess.run(["runuser", "-u", user, "--", "tee", str(path)], input=text, text=True, capture_output=True))


def hand_in(user, notebook):
    hand_in_file(user, notebook)
    ok(as_user(user, "nbgrader", "submit", A))


def fetched_feedback(user):
    """The newest feedback page the student fetched, as text."""
    pages = sorted((home(user) / A / "feedback").glob(f"*/{A}.html"))
    assert pages, f"{user} fetched no feedback"
    return pages[-1].read_text()


def score_of(page):
    found = re.search(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", page)
    assert found, "no score on the feedback page"
    return float(found[1]), float(found[2])


@pytest.fixture(scope="module")
def term():
    if os.geteuid() != 0:
        pytest.skip("the hub tier makes Unix users: run it as root (CI does)")
    if not (HUB_BIN / "nndl").exists():
        pytest.skip("no .venv-hub (the hub's venv from a system Python): `make .venv-hub/.installed`, as `make test` does")
    for user in EVERYONE:
        accounts.remove_user(user)
    work = Path(tempfile.mkdtemp(prefix="nndl-hub-test-", dir="/srv"))
    os.chmod(work, 0o755)
    roster = work / "roster.csv"
    roster.write_text(f"id,name,email,lms_id\n{RIGHT},Ada R,ada@example.edu,1\n{WRONG},Bob W,bob@example.edu,2\n"
                      f"{BROWSING},Cat B,cat@example.edu,3\n")
    hub_dir, exchange = work / "hub", work / "exchange"
    try:
        options = ["--roster", str(roster), "--hub-dir", str(hub_dir), "--exchange", str(exchange),
                   "--instructor", INSTRUCTOR, "--port", str(free_port()), "--only", A]
        setup = ok(subprocess.run([NNDL, "--root", str(REPO_ROOT), "hub", "setup", *options],
                                  capture_output=True, text=True))
        yield {"hub_dir": hub_dir, "exchange": exchange, "course": home(INSTRUCTOR) / "nndl", "setup": setup,
               "options": options}
    finally:
        for user in EVERYONE:
            accounts.remove_user(user)
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def graded(term):
    """Released, fetched, submitted by both students (one right, one wrong), collected, graded, released."""
    course = term["course"]
    ok(as_user(INSTRUCTOR, "nbgrader", "release_assignment", A, cwd=course))
    for user in (RIGHT, WRONG):
        ok(as_user(user, "nbgrader", "fetch_assignment", A))
    hand_in(RIGHT, filled_notebook(REPO_ROOT, A))
    hand_in(WRONG, filled_notebook(REPO_ROOT, A, mistakes=nth_mistake(A, 0)))
    ok(as_user(INSTRUCTOR, "nndl", "hub", "collect-grade-release", A, cwd=course))
    for user in (RIGHT, WRONG):
        ok(as_user(user, "nbgrader", "fetch_feedback", A))
    return term


def test_setup_makes_private_accounts_and_keeps_the_passwords_from_all_but_root(term):
    out = term["setup"].stdout
    passwords = term["hub_dir"] / "passwords.csv"
    assert oct(passwords.stat().st_mode & 0o777) == "0o600" and passwords.stat().st_uid == 0
    saved = accounts.read_passwords(passwords)
    assert set(saved) == set(EVERYONE)
    assert all(password in out for password in saved.values()), "new passwords are printed once"
    for user in EVERYONE:
        assert home(user).stat().st_mode & 0o777 == 0o700
    config = (term["hub_dir"] / "jupyterhub_config.py").read_text()
    assert 'authenticator_class = "pam"' in config and INSTRUCTOR in config and RIGHT in config
    assert (term["course"] / "release" / A / f"{A}.ipynb").is_file()


def test_each_student_finds_their_own_score_in_their_feedback(graded):
    right, wrong = score_of(fetched_feedback(RIGHT)), score_of(fetched_feedback(WRONG))
    assert right[0] == right[1] > 0, f"the right solution scored {right}"
    assert wrong[0] < wrong[1], f"the wrong solution scored {wrong}"


@pytest.mark.parametrize("what", ["home", "fetched", "feedback", "inbound", "exchange feedback", "course",
                                  "gradebook", "source", "autograded", "passwords", "hub state"])
def test_a_student_cannot_reach_what_is_not_theirs(graded, what):
    course, exchange = graded["course"], graded["exchange"] / "nndl"
    other = home(RIGHT)
    target = {"home": other, "fetched": other / A / f"{A}.ipynb",
              "feedback": next((other / A / "feedback").glob(f"*/{A}.html")),
              "inbound": exchange / "inbound", "exchange feedback": exchange / "feedback",
              "course": course, "gradebook": course / "gradebook.db", "source": course / "source" / A,
              "autograded": course / "autograded" / RIGHT, "passwords": graded["hub_dir"] / "passwords.csv",
              "hub state": graded["hub_dir"]}[what]
    assert target.exists()
    command = ["ls", str(target)] if target.is_dir() else ["cat", str(target)]
    done = as_user(WRONG, *command)
    assert done.returncode != 0 and "Permission denied" in done.stderr, f"{WRONG} reached {target}"


def test_a_resubmission_regraded_replaces_the_feedback(graded):
    before = fetched_feedback(WRONG)
    hand_in(WRONG, filled_notebook(REPO_ROOT, A))
    ok(as_user(INSTRUCTOR, "nndl", "hub", "collect-grade-release", A, cwd=graded["course"]))
    ok(as_user(WRONG, "nbgrader", "fetch_feedback", A))
    after = score_of(fetched_feedback(WRONG))
    assert after[0] == after[1] and after != score_of(before)



def test_what_is_handed_in_after_the_due_date_does_not_replace_work_handed_in_before(graded):
    """nbgrader collect --before-duedate: the last submission before the due date counts."""
    course = graded["course"]
    due = datetime.datetime.now(datetime.timezone.utc)
    ok(as_user(INSTRUCTOR, "nbgrader", "db", "assignment", "add", A,
               f"--duedate={due:%Y-%m-%d %H:%M:%S} UTC", cwd=course))
    time.sleep(1.5)
    hand_in(RIGHT, filled_notebook(REPO_ROOT, A, blank=True))  # late, and blank
    ok(as_user(INSTRUCTOR, "nndl", "hub", "collect-grade-release", A, cwd=course))
    ok(as_user(RIGHT, "nbgrader", "fetch_feedback", A))
    scored = score_of(fetched_feedback(RIGHT))
    assert scored[0] == scored[1] > 0, f"the late blank notebook replaced the work on time: {scored}"
    collected = (course / "submitted" / RIGHT / A / "timestamp.txt").read_text()
    assert collected < f"{due:%Y-%m-%d %H:%M:%S}", collected

def wait_for(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def hub(term):
    """The real JupyterHub (and its configurable-http-proxy) started by `nndl hub` (setting up again first, which
    keeps every account, password and the course folder), on loopback."""
    config = term["hub_dir"] / "jupyterhub_config.py"
    port = int(re.search(r"c\.JupyterHub\.port = (\d+)", config.read_text())[1])
    passwords = accounts.read_passwords(term["hub_dir"] / "passwords.csv")
    log = open(term["hub_dir"] / "test-hub.log", "w")
    process = subprocess.Popen([NNDL, "--root", str(REPO_ROOT), "hub", *term["options"]], cwd="/",
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def up():
        assert process.poll() is None, (term["hub_dir"] / "test-hub.log").read_text()[-3000:]
        try:
            return requests.get(f"{url}/hub/api", timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    try:
        wait_for(up, 90, "the hub")
        assert accounts.read_passwords(term["hub_dir"] / "passwords.csv") == passwords
        yield {"url": url, "passwords": passwords, **term}
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def login(hub, user, password):
    session = requests.Session()
    form = session.get(f"{hub['url']}/hub/login").text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form)[1]
    answer = session.post(f"{hub['url']}/hub/login", data={"username": user, "password": password, "_xsrf": xsrf},
                          allow_redirects=False)
    return session, answer


def started(hub, session, user):
    """Start the user's server through the hub and wait until JupyterLab answers that user (following the
    hub's OAuth redirects, as a browser does: that gives the session the server's cookie)."""
    session.get(f"{hub['url']}/hub/spawn")

    def lab():
        page = session.get(f"{hub['url']}/user/{user}/lab")
        return page.status_code == 200 and page.url.endswith(f"/user/{user}/lab")

    try:
        wait_for(lab, 120, f"{user}'s server")
    except AssertionError:
        raise AssertionError((hub["hub_dir"] / "test-hub.log").read_text()[-5000:]) from None


def test_the_hub_takes_only_the_real_password_and_keeps_each_server_to_its_user(graded, hub):
    _, refused = login(hub, WRONG, "not-the-password")
    assert refused.status_code == 403
    instructor, answer = login(hub, INSTRUCTOR, hub["passwords"][INSTRUCTOR])
    assert answer.status_code == 302
    started(hub, instructor, INSTRUCTOR)
    listing = instructor.get(f"{hub['url']}/user/{INSTRUCTOR}/api/contents").json()
    assert "gradebook.db" in {entry["name"] for entry in listing["content"]}, "the instructor's server opens the course"
    student, answer = login(hub, WRONG, hub["passwords"][WRONG])
    assert answer.status_code == 302
    started(hub, student, WRONG)
    mine = student.get(f"{hub['url']}/user/{WRONG}/api/contents/{A}").json()
    assert f"{A}.ipynb" in {entry["name"] for entry in mine["content"]}
    theirs = student.get(f"{hub['url']}/user/{INSTRUCTOR}/api/contents", allow_redirects=True)
    assert theirs.status_code in (403, 404) and "gradebook.db" not in theirs.text


@pytest.mark.browser
def test_a_student_fetches_submits_and_reads_their_feedback_in_the_browser(graded, hub):
    """Through the hub's login page and nbgrader's Assignment List, in Chromium; screenshots go to
    artifacts/browser/<this test>/."""
    from playwright.sync_api import expect

    from support import SCREENSHOTS, chromium

    folder = SCREENSHOTS / "hub_student_term"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shots = iter(range(1, 100))
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(60_000)

        def shot(name):
            page.screenshot(path=str(folder / f"{next(shots):02d}-{name}.png"))

        try:
            page.goto(f"{hub['url']}/hub/login")
            page.fill("#username_input", BROWSING)
            page.fill("#password_input", hub["passwords"][BROWSING])
            shot("login")
            page.click("#login_submit")
            page.wait_for_url(re.compile(rf"/user/{BROWSING}/lab"), timeout=180_000)
            page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
            page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
            released = page.locator("#released_assignments_list")
            released.get_by_role("button", name="Fetch").click()
            fetched = page.locator("#fetched_assignments_list")
            expect(fetched).to_contain_text(A)
            shot("fetched")
            # the student's work: the right answers, written into the fetched notebook as the student
            hand_in_file(BROWSING, filled_notebook(REPO_ROOT, A))
            fetched.get_by_role("button", name="Submit").click()
            submitted = page.locator("#submitted_assignments_list")
            expect(submitted).to_contain_text(A)
            shot("submitted")

            ok(as_user(INSTRUCTOR, "nndl", "hub", "collect-grade-release", A, cwd=hub["course"]))

            page.reload()
            page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
            page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
            submitted = page.locator("#submitted_assignments_list")
            submitted.get_by_role("button", name="Fetch Feedback").click()
            expect(submitted).to_contain_text("view feedback")
            shot("feedback-fetched")
            pages = sorted((home(BROWSING) / A / "feedback").glob(f"*/{A}.html"))
            assert pages, "the Assignment List fetched no feedback"
            path = pages[-1].relative_to(home(BROWSING))
            page.goto(f"{hub['url']}/user/{BROWSING}/files/{path}")
            shot("feedback-page")
            scored = score_of(page.content())
            assert scored[0] == scored[1] > 0, f"the right solution scored {scored}"
        finally:
            shot("last")
            context.close()
