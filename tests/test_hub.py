"""The whole term on the hub, at the command level, as the real Unix users.

``nndl hub setup`` makes the accounts (an instructor and two students from a roster), nbgrader's exchange and
the instructor's course folder; the instructor releases with nbgrader; each student fetches, fills in and
submits as their own user (``runuser``); the instructor's ``nndl hub collect-grade-release`` collects, grades
in the jail and releases feedback; each student fetches their own page and reads their own score.  Then a
student tries to reach what is not theirs, and a regrade after a resubmission replaces the feedback.
Then ``nndl hub`` starts the real hub, and the term runs again in Chromium (``browser_term``): Validate, two
submissions and a late one, late work under the course's late policy, each student's feedback in their own
browser session, an extension that replaces everyone's feedback.
Runs as root (it makes Unix users, removed at the end).
"""
import csv
import datetime
import json
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
from nbgrader.api import Gradebook

from nndl.course import REPO_ROOT
from nndl.demo import nth_mistake
from nndl.mistakes import DIAGNOSES, MISTAKES
from nndl.hub import accounts
from nndl.hub.course_folder import run_as
from nndl.simulate import filled_notebook

pytestmark = pytest.mark.hub

A = "w2_numpy_basics"
INSTRUCTOR, RIGHT, WRONG = "nndlhub-inst", "nndlhub-ada", "nndlhub-bob"
# the students of the term in the browser: one errs, then submits again; one hands in the solution; one is late
ERRING, SOLVING, LATE = "nndlhub-cat", "nndlhub-dan", "nndlhub-eve"
STUDENTS = (RIGHT, WRONG, ERRING, SOLVING, LATE)
EVERYONE = (INSTRUCTOR, *STUDENTS)
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
    roster.write_text("id,name,email,lms_id\n" + "".join(f"{user},{user[8:].title()} Hub,{user[8:]}@example.edu,{n}\n"
                                                          for n, user in enumerate(STUDENTS, 1001)))
    hub_dir, exchange = work / "hub", work / "exchange"
    try:
        options = ["--roster", str(roster), "--hub-dir", str(hub_dir), "--exchange", str(exchange),
                   "--instructor", INSTRUCTOR, "--port", str(free_port()), "--only", A]
        setup = ok(subprocess.run([NNDL, "--root", str(REPO_ROOT), "hub", "setup", *options],
                                  capture_output=True, text=True))
        yield {"hub_dir": hub_dir, "exchange": exchange, "course": home(INSTRUCTOR) / "nndl", "setup": setup,
               "options": options, "roster": roster}
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




# ---- The term in the browser: Chromium through the hub's login page, JupyterLab and nbgrader's Assignment List ----

SIGN_FORGOTTEN = "def basic_sigmoid(x):\n    s = 1 / (1 + math.exp(x))\n    return s\n"  # typed by the erring student
LAB_SETTINGS = {"notebook-extension/tracker": {"windowingMode": "none"},  # every cell in the page, found by its text
                "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False}}


def log_in(tab, hub, user):
    """The hub's login page, as a person fills it in; returns when the user's JupyterLab is open."""
    for name, values in LAB_SETTINGS.items():
        accounts.write_owned(home(user) / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
                             / f"{name}.jupyterlab-settings", json.dumps(values), user)
    tab.goto(f"{hub['url']}/hub/login")
    tab.fill("#username_input", user)
    tab.fill("#password_input", hub["passwords"][user])
    tab.shot("login")
    tab.click("#login_submit")
    tab.wait_for_url(re.compile(rf"/user/{user}/lab"), timeout=180_000)


def assignment_list(tab):
    """Nbgrader > Assignment List; its released, fetched and submitted lists."""
    tab.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    tab.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    return (tab.locator("#released_assignments_list"), tab.locator("#fetched_assignments_list"),
            tab.locator("#submitted_assignments_list"))


def fetch(tab):
    from playwright.sync_api import expect

    released, fetched, _ = assignment_list(tab)
    released.get_by_role("button", name="Fetch").click()
    expect(fetched).to_contain_text(A)
    tab.shot("fetched")


def submit(tab, count, label):
    """Click Submit in the Assignment List; the submitted list then shows ``count`` submissions of A."""
    from playwright.sync_api import expect

    _, fetched, submitted = assignment_list(tab)
    fetched.get_by_role("button", name="Submit").click()
    expect(submitted.locator("[id$='-submissions'] > .list_item")).to_have_count(count + 1)  # the first row is empty
    tab.shot(label)


def fetch_feedback(tab, hub, user, show=None):
    """Fetch Feedback in the Assignment List, then open the page it fetched (and scroll to the text ``show``, for
    a screenshot of it); returns the text the student reads."""
    from playwright.sync_api import expect

    tab.goto(f"{hub['url']}/user/{user}/lab")
    _, _, submitted = assignment_list(tab)
    submitted.get_by_role("button", name="Fetch Feedback").click()
    expect(submitted).to_contain_text("view feedback")
    tab.shot("feedback-fetched")
    pages = sorted((home(user) / A / "feedback").glob(f"*/{A}.html"))
    assert pages, f"the Assignment List fetched no feedback for {user}"
    tab.goto(f"{hub['url']}/user/{user}/files/{pages[-1].relative_to(home(user))}")
    tab.shot("feedback-page")
    if show and tab.get_by_text(show).count():  # (not there: the tests say what is wrong)
        tab.get_by_text(show).first.scroll_into_view_if_needed()
        tab.shot("feedback-message")
    return " ".join(tab.locator("body").inner_text().split())


def inbound(hub, user):
    """The timestamps of ``user``'s submissions in the exchange, oldest first (as root)."""
    folders = (hub["exchange"] / "nndl" / "inbound").glob(f"{user}+{A}+*")
    return sorted((folder / "timestamp.txt").read_text().strip() for folder in folders)


@pytest.fixture(scope="module")
def browser_term(hub):
    """The term of issue #23, in Chromium, one browser session per student (screenshots in
    artifacts/browser/hub_<student>/): ERRING fetches, types basic_sigmoid wrongly and clicks Validate, submits;
    then hands in a notebook whose only mistake is in softmax and submits again; SOLVING fetches and submits the
    solution.  The due date passes; ERRING submits the solution (late: it must not count) and LATE, on the command
    line, hands in the solution for the first time (late: the course's late policy applies).  The instructor runs
    ``nndl hub collect-grade-release`` with ``c.LateSubmissionPlugin.penalty_method = "zero"`` in the course's
    grader_config.py; each student fetches their feedback in their own session."""
    from playwright.sync_api import expect

    from support import browser_tab, chromium

    course, seen = hub["course"], {}
    with chromium() as browser, browser_tab(browser, f"hub_{ERRING}") as erring, \
            browser_tab(browser, f"hub_{SOLVING}") as solving:
        with open(course / "grader_config.py", "a") as config:  # the course's late policy: late work scores 0
            config.write('\nc.LateSubmissionPlugin.penalty_method = "zero"\n')
        ok(as_user(INSTRUCTOR, "nbgrader", "release_assignment", A, "--force", cwd=course))
        ok(as_user(INSTRUCTOR, "nbgrader", "db", "assignment", "add", A, "--duedate=2099-01-01 00:00:00 UTC",
                   cwd=course))
        log_in(erring, hub, ERRING)
        fetch(erring)
        erring.goto(f"{hub['url']}/user/{ERRING}/lab/tree/{A}/{A}.ipynb")
        exercise = erring.locator(".jp-CodeCell", has_text="def basic_sigmoid(x)")
        exercise.locator(".cm-content").click()
        erring.keyboard.press("Control+A")
        erring.keyboard.insert_text(SIGN_FORGOTTEN)
        erring.keyboard.press("Control+S")
        expect(erring.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0)
        erring.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).click()
        dialog = erring.locator(".jp-Dialog")
        expect(dialog).to_contain_text("Validation Results", timeout=180_000)
        erring.shot("validated")
        seen["validate"] = " ".join(dialog.inner_text().split())
        dialog.get_by_role("button").last.click()
        submit(erring, 1, "submitted-once")
        hand_in_file(ERRING, filled_notebook(REPO_ROOT, A, mistakes={"softmax": MISTAKES[A]["softmax"]}))
        submit(erring, 2, "submitted-twice")

        log_in(solving, hub, SOLVING)
        fetch(solving)
        hand_in_file(SOLVING, filled_notebook(REPO_ROOT, A))
        submit(solving, 1, "submitted")

        time.sleep(1.2)  # the due date, to the second, after every submission so far
        due = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        ok(as_user(INSTRUCTOR, "nbgrader", "db", "assignment", "add", A, f"--duedate={due:%Y-%m-%d %H:%M:%S} UTC",
                   cwd=course))
        seen["due"] = f"{due:%Y-%m-%d %H:%M:%S}"
        time.sleep(1.5)
        hand_in_file(ERRING, filled_notebook(REPO_ROOT, A))  # the solution, after the due date
        submit(erring, 3, "submitted-late")
        ok(as_user(LATE, "nbgrader", "fetch_assignment", A))
        hand_in(LATE, filled_notebook(REPO_ROOT, A))

        seen["inbound"] = {user: inbound(hub, user) for user in (ERRING, SOLVING, LATE)}
        ok(as_user(INSTRUCTOR, "nndl", "hub", "collect-grade-release", A, cwd=course))

        seen["page"] = {ERRING: fetch_feedback(erring, hub, ERRING, show=DIAGNOSES[A]["softmax"][:40]), SOLVING: fetch_feedback(solving, hub, SOLVING)}
        # ERRING's browser asks the hub for SOLVING's feedback page
        theirs = next((home(SOLVING) / A / "feedback").glob(f"*/{A}.html")).relative_to(home(SOLVING))
        status = erring.goto(f"{hub['url']}/user/{SOLVING}/files/{theirs}").status
        authorize = erring.get_by_role("button", name="Authorize")  # were the hub to ask, the student would agree
        if authorize.count():
            authorize.click()
            erring.wait_for_load_state()
        erring.shot("another-students-feedback")
        seen["theirs"] = (status, erring.locator("body").inner_text())
        ok(as_user(LATE, "nbgrader", "fetch_feedback", A))
        seen["page"][LATE] = " ".join(fetched_feedback(LATE).split())
        seen["gradebook"], seen["export"] = grades(hub)
        seen["collected"] = {user: collected_timestamp(course, user) for user in (ERRING, LATE)}

        # the instructor grants an extension past every submission, then grades and releases again
        extended = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
        ok(as_user(INSTRUCTOR, "nbgrader", "db", "assignment", "add", A,
                   f"--duedate={extended:%Y-%m-%d %H:%M:%S} UTC", cwd=course))
        ok(as_user(INSTRUCTOR, "nndl", "hub", "collect-grade-release", A, cwd=course))
        seen["regraded"] = {ERRING: fetch_feedback(erring, hub, ERRING), SOLVING: fetch_feedback(solving, hub, SOLVING)}
        ok(as_user(LATE, "nbgrader", "fetch_feedback", A))
        seen["regraded"][LATE] = " ".join(fetched_feedback(LATE).split())
        seen["regraded_gradebook"], seen["regraded_export"] = grades(hub)
        seen["feedback_folders"] = {user: len(list((home(user) / A / "feedback").glob("*/")))
                                    for user in (ERRING, SOLVING, LATE)}
    return seen


def grades(hub):
    """What the gradebook holds for the browser's students, and the plain export (the course's late policy) of it."""
    course = hub["course"]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        found = {user: gb.find_submission(A, user) for user in (ERRING, SOLVING, LATE)}
        graded = {user: {"score": s.score, "max": s.max_score, "late": s.total_seconds_late,
                         "penalty": s.late_submission_penalty,
                         "lost": {g.name for n in s.notebooks for g in n.grades if g.score < g.max_score}}
                  for user, s in found.items()}
    plain = course / "reports" / "hub_test_plain.csv"
    ok(as_user(INSTRUCTOR, "nndl", "export", "--format", "plain", "--to", str(plain), "--roster", str(hub["roster"]),
               cwd=course))
    with open(plain, newline="") as f:
        return graded, {row["student_id"]: row for row in csv.DictReader(f)}


def collected_timestamp(course, user):
    return (course / "submitted" / user / A / "timestamp.txt").read_text().strip()


@pytest.mark.browser
def test_validate_shows_the_student_their_wrong_answer(browser_term):
    said = browser_term["validate"]
    assert said.startswith("Validation Results The following cell failed"), said
    assert "✗ basic_sigmoid(1.0) is the wrong number" in said, said


@pytest.mark.browser
def test_the_last_submission_before_the_due_date_is_the_one_graded(browser_term):
    on_time = [stamp for stamp in browser_term["inbound"][ERRING] if stamp < browser_term["due"]]
    assert len(on_time) == 2 and len(browser_term["inbound"][ERRING]) == 3, browser_term["inbound"][ERRING]
    assert browser_term["collected"][ERRING] == on_time[-1]
    graded = browser_term["gradebook"][ERRING]
    assert graded["lost"] == {"softmax_tests"}, f"the graded submission lost points on {graded['lost']}"
    assert graded["late"] == 0 and 0 < graded["score"] < graded["max"]


@pytest.mark.browser
def test_each_student_reads_their_own_score_in_the_browser(browser_term):
    for user in (ERRING, SOLVING):
        graded = browser_term["gradebook"][user]
        assert score_of(browser_term["page"][user]) == (graded["score"], graded["max"]), user
    assert score_of(browser_term["page"][SOLVING])[0] == browser_term["gradebook"][SOLVING]["max"]


@pytest.mark.browser
def test_the_erring_student_reads_the_failed_checks_message(browser_term):
    page = browser_term["page"][ERRING]
    assert DIAGNOSES[A]["softmax"] in page
    assert "basic_sigmoid(1.0) is the wrong number" not in page, "the first submission's mistake was graded"


@pytest.mark.browser
def test_no_student_sees_another_students_feedback(browser_term):
    assert DIAGNOSES[A]["softmax"] not in browser_term["page"][SOLVING]
    status, text = browser_term["theirs"]
    assert status == 403 and "Score:" not in text, f"{ERRING} asked for {SOLVING}'s feedback page and got {status}"


@pytest.mark.browser
def test_late_work_is_flagged_and_scored_as_the_course_policy_says(browser_term):
    assert browser_term["collected"][LATE] > browser_term["due"]
    graded = browser_term["gradebook"][LATE]
    assert graded["late"] > 0 and graded["score"] == graded["max"] == graded["penalty"] > 0, graded
    penalty = re.search(r"Late submission penalty \(Score: -([\d.]+)\)", browser_term["page"][LATE])
    assert penalty and float(penalty[1]) == graded["penalty"], "the late student's page does not say the penalty"
    row, on_time = browser_term["export"][LATE], browser_term["export"][SOLVING]
    assert (row[f"{A} score"], row[f"{A} status"]) == ("0", "late"), row
    assert (on_time[f"{A} score"], on_time[f"{A} status"]) == (f"{graded['max']:g}", "submitted"), on_time


@pytest.mark.browser
def test_grading_and_releasing_again_replaces_each_students_feedback(browser_term):
    """After an extension past every submission: ERRING's last submission (the solution) now counts, LATE's
    penalty is gone from the page they had fetched (the same submission, its page replaced), SOLVING keeps
    full marks; each sees it in their own feedback."""
    for user in (ERRING, SOLVING, LATE):
        graded = browser_term["regraded_gradebook"][user]
        assert graded["late"] == 0 and graded["score"] == graded["max"] and graded["lost"] == set(), (user, graded)
        assert score_of(browser_term["regraded"][user]) == (graded["max"], graded["max"]), user
    assert "Late submission penalty" not in browser_term["regraded"][LATE]
    assert browser_term["feedback_folders"] == {ERRING: 2, SOLVING: 1, LATE: 1}  # one per submission graded
    row = browser_term["regraded_export"][LATE]
    assert (row[f"{A} score"], row[f"{A} status"]) == (f"{browser_term['regraded_gradebook'][LATE]['max']:g}",
                                                       "submitted"), row
