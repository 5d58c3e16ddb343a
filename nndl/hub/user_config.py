"""Each hub user's own Jupyter configuration, written into their home by ``nndl hub``.

nbgrader reads ``~/.jupyter/nbgrader_config.py`` wherever its commands run, so this is where a user learns
the course id and where the exchange is (the Assignment List, ``nbgrader fetch_assignment``, ``submit``,
``release_assignment`` and ``collect`` all need both).  Students also get the formgrader and the
create-assignment toolbar switched off: the Assignment List and Validate are what they use.  The course's own
``jupyter/`` folder (``make lab``, which switches the Assignment List off) is not used by the hub.
"""
import json
from pathlib import Path

from nndl.hub.accounts import write_owned

STUDENT_OFF_LAB = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"]
STUDENT_OFF_SERVER = ["nbgrader.server_extensions.formgrader"]


def nbgrader_config(course_id, exchange):
    return ("# Written by `nndl hub`: the course this account takes part in and nbgrader's exchange.\n"
            "c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.course_id = {course_id!r}\n"
            f"c.Exchange.root = {str(exchange)!r}\n")


def write_student(user, home, course_id, exchange):
    jupyter = Path(home) / ".jupyter"
    write_owned(jupyter / "nbgrader_config.py", nbgrader_config(course_id, exchange), user)
    write_owned(jupyter / "labconfig" / "page_config.json",
                json.dumps({"disabledExtensions": {name: True for name in STUDENT_OFF_LAB}}, indent=2), user)
    write_owned(jupyter / "jupyter_server_config.json",
                json.dumps({"ServerApp": {"jpserver_extensions": {name: False for name in STUDENT_OFF_SERVER}}},
                           indent=2), user)


def write_instructor(user, home, course_id, exchange):
    jupyter = Path(home) / ".jupyter"
    write_owned(jupyter / "nbgrader_config.py", nbgrader_config(course_id, exchange), user)
    # the course's Content-Security-Policy for pages the formgrader shows (as `make lab` has it)
    write_owned(jupyter / "jupyter_server_config.json",
                json.dumps({"ServerApp": {"jpserver_extensions": {"nndl.grading.csp": True}}}, indent=2), user)
