"""Unix accounts for the hub: one per rostered student and one for the instructor.

Each person is a real Unix user with a home of their own (mode 0700), because that is what keeps one student
out of another's files: JupyterHub's LocalProcessSpawner runs each server as its user, and nbgrader's exchange
relies on file permissions.  Logins go through PAM, so each account gets a random password (set with
``chpasswd``); new passwords are printed once and kept, mode 0600, in the hub folder (``passwords.csv``).
"""
import csv
import os
import pwd
import re
import secrets
import subprocess
from pathlib import Path

# What useradd accepts and nbgrader can use as a student id (it becomes a folder name and part of file names).
USERNAME = re.compile(r"[a-z_][a-z0-9_-]{0,31}")


def check_username(name, what="student id"):
    """Refuse a roster id that cannot be a Unix user name: the hub's student ids are the users' names."""
    if not USERNAME.fullmatch(name):
        raise ValueError(f"{what} {name!r} cannot be a Unix user name (lower-case letters, digits, _ and -, "
                         "starting with a letter or _, at most 32 characters); change it in the roster")
    return name


def exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def ensure_user(name, comment=""):
    """The Unix user ``name`` with a private home (0700), created if missing; returns its passwd entry."""
    if not exists(name):
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", "--comment", comment[:60].replace(":", " "),
                        name], check=True)
    entry = pwd.getpwnam(name)
    os.chmod(entry.pw_dir, 0o700)
    return entry


def remove_user(name):
    """Delete the user and its home (tests clean up after themselves)."""
    if exists(name):
        subprocess.run(["userdel", "--remove", name], check=False, capture_output=True)


def read_passwords(path):
    path = Path(path)
    if not path.is_file():
        return {}
    with open(path, newline="") as f:
        return {row["user"]: row["password"] for row in csv.DictReader(f)}


def set_passwords(path, users):
    """Give each of ``users`` that has none in ``path`` a fresh random password (chpasswd); returns the new
    ones, {user: password}.  Passwords already there are kept, so rerunning ``nndl hub`` changes nobody's."""
    known = read_passwords(path)
    new = {user: secrets.token_urlsafe(12) for user in users if user not in known}
    if new:
        lines = "".join(f"{user}:{password}\n" for user, password in new.items())
        subprocess.run(["chpasswd"], input=lines, text=True, check=True)
        known.update(new)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["user", "password"])
            writer.writerows(sorted(known.items()))
        os.chmod(path, 0o600)
    return new


def write_owned(path, text, user, mode=0o644):
    """Write ``text`` to ``path`` (making its folders) owned by ``user``: a file of that user's own config."""
    entry = pwd.getpwnam(user)
    path = Path(path)
    folder = path.parent
    made = []
    while not folder.exists():
        made.append(folder)
        folder = folder.parent
    for folder in reversed(made):
        folder.mkdir()
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    path.write_text(text)
    os.chmod(path, mode)
    os.chown(path, entry.pw_uid, entry.pw_gid)
