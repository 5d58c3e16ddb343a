"""The nndl command: build the course, take in and grade a class, report, or run the demo."""
import argparse
import os
import sys

USER_ERRORS = (OSError, ValueError, RuntimeError)  # what a user's mistake raises: a sentence, no traceback


def main(argv=None):
    """Run one ``nndl`` command; a mistake of the user's is one sentence and exit status 1 (``--debug``:
    the traceback too)."""
    from nndl.course import NoCourse

    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("nndl: interrupted", file=sys.stderr)
        return 130
    except (NoCourse, *USER_ERRORS) as error:
        if "--debug" in argv:
            raise
        print(f"nndl: {error}", file=sys.stderr)
        return 1


def _main(argv):
    parser = argparse.ArgumentParser(prog="nndl", description=__doc__)
    parser.add_argument("--root", help="the course folder (default: $NNDL_COURSE_ROOT, else the first folder "
                                       "holding grader_config.py from here upwards)")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="notebooks/*.py -> source/ and release/ (with nbgrader)")
    build.add_argument("assignments", nargs="*", help="only these assignments (default: all)")
    build.add_argument("--before-deadline", action="store_true",
                       help="build a release that ships another assignment's solutions before that one's due date "
                            "(maintainers regenerating the committed release/; never hand it to students early)")
    collect = sub.add_parser("collect", help="take in an LMS download (zip or folder of <student>__<notebook>.ipynb)")
    collect.add_argument("assignment")
    collect.add_argument("download", help="a .zip file or a folder of notebooks")
    grade = sub.add_parser("grade", help="autograde submitted/ in parallel, make feedback, write the report")
    grade.add_argument("assignments", nargs="*", help="only these assignments (default: all submitted)")
    grade.add_argument("--workers", type=int, help="parallel graders on this machine (default: one per core)")
    grade.add_argument("--scheduler", help="grade on the Dask cluster whose scheduler is at this address "
                                           "(tls://host:8786; default: $DASK_SCHEDULER_ADDRESS, else this machine)")
    grade.add_argument("--certs", metavar="FOLDER", help="the course's certificates for a tls:// scheduler "
                                                         "(default: $NNDL_CERTS, else <course root>/.nndl-certs)")
    grade.add_argument("--insecure", action="store_true",
                       help="allow a plain tcp:// scheduler, which anyone who reaches it can use (every report says so)")
    grade.add_argument("--unisolated", action="store_true",
                       help="run student code WITHOUT the jail, where none can be made (every report says so)")
    grade.add_argument("--all", action="store_true", dest="regrade_all",
                       help="grade every submission, even when the last run left some not graded (by default "
                            "the next run grades exactly those)")
    grade.add_argument("--help-below", type=float, default=60.0, metavar="PERCENT",
                       help="list students whose total is below PERCENT as needing help (default: 60)")
    cluster = sub.add_parser("cluster", help="set up a Dask cluster that only the course's machines can join")
    cluster_sub = cluster.add_subparsers(dest="cluster_command", required=True)
    certs = cluster_sub.add_parser("certs", help="make the course's CA and its scheduler, worker and client "
                                                 "certificates, and print the commands that use them")
    certs.add_argument("--folder", help="where they go (default: $NNDL_CERTS, else <course root>/.nndl-certs)")
    certs.add_argument("--hosts", nargs="+", metavar="HOST",
                       help="the scheduler's host names or IP addresses (default: this machine's name, localhost)")
    certs.add_argument("--port", type=int, default=8786, help="the scheduler's port in the printed commands")
    simulate = sub.add_parser("simulate", help="submit a simulated class (a realistic mix) into submitted/")
    simulate.add_argument("assignments", nargs="*", help="only these assignments (default: all)")
    simulate.add_argument("--students", type=int, required=True, help="how many students")
    simulate.add_argument("--seed", type=int, default=0, help="the same seed gives the same class")
    demo = sub.add_parser("demo", help="release, grade a simulated class and report, in ./demo")
    demo.add_argument("--workers", type=int, help="parallel graders (default: one per core)")
    demo.add_argument("--folder", help="where the demo course goes (default: demo/ in this checkout)")
    export = sub.add_parser("export", help="grades to the LMS: Canvas and Moodle import files and a plain CSV")
    export.add_argument("--format", choices=["canvas", "moodle", "plain"], help="only this format (default: all three)")
    export.add_argument("--roster", help="the roster CSV id,name,email,lms_id (default: roster.csv at the course root)")
    export.add_argument("--to", help="the file to write, with --format (default: reports/<format>_grades.csv)")
    similar = sub.add_parser("similarity", help="solution cells that look copied (from classmates or --against files)")
    similar.add_argument("assignment")
    similar.add_argument("--against", help="a folder of known solutions (.py, .ipynb, searched recursively)")
    similar.add_argument("--threshold", type=float, default=0.6, help="report pairs sharing at least this share "
                         "of their distinctive code fragments (Jaccard, 0..1; default 0.6)")
    similar.add_argument("--common", type=float, default=0.1, help="code fragments in more than this share "
                         "of the class are common knowledge, not evidence (default 0.1)")
    similar.add_argument("--chance", type=float, default=1.0, help="and fewer than this many pairs of the "
                         "class would be as alike by coincidence (default 1)")
    hub = sub.add_parser("hub", help="the course on a JupyterHub here: accounts, nbgrader's exchange, the hub "
                                     "(as root); collect-grade-release: the instructor's command after a deadline")
    hub.add_argument("action", nargs="?", default="start", choices=["start", "setup", "collect-grade-release"],
                     help="start (default): set up, then run JupyterHub; setup: only set up; collect-grade-release "
                          "ASSIGNMENT: nbgrader collect, nndl grade, nbgrader release_feedback (as the instructor)")
    hub.add_argument("assignment", nargs="?", help="the assignment of collect-grade-release")
    hub.add_argument("--roster", help="the roster CSV id,name,email,lms_id (default: roster.csv at the course root, "
                                      "else the demo roster)")
    hub.add_argument("--hub-dir", help="where the hub's configuration, state and passwords go (default: .hub/)")
    hub.add_argument("--exchange", default="/srv/nbgrader/exchange", help="nbgrader's exchange root")
    hub.add_argument("--instructor", default="nndl-instructor", help="the instructor's Unix user")
    hub.add_argument("--ip", default="127.0.0.1", help="the address the hub listens on (default: loopback)")
    hub.add_argument("--port", type=int, default=8000, help="the hub's port (it also uses the next two)")
    hub.add_argument("--only", nargs="*", metavar="ASSIGNMENT",
                     help="generate only these assignments in the instructor's new course folder (default: all)")
    args = parser.parse_args(argv)
    if args.command != "demo":
        from nndl.course import alembic_on_path, find_course_root

        alembic_on_path()  # nbgrader runs `alembic` when it makes a gradebook, even with the venv not activated
        given = args.root or os.environ.get("NNDL_COURSE_ROOT")
        args.root = str(find_course_root(args.root))
        if not given:  # found from the current folder upwards: say which
            print(f"course: {args.root}", file=sys.stderr)
        _known_assignments(args)

    if args.command == "build":
        from nndl.build.assignments import build as run_build

        for name in run_build(args.root, args.assignments or None, args.before_deadline or None):
            print(f"built source/{name}/ and release/{name}/")
    elif args.command == "collect":
        from nndl.pipeline.collect import collect_download

        for student in collect_download(args.root, args.assignment, args.download):
            print(f"collected {student}")
    elif args.command == "grade":
        from nndl.course import course_root
        from nndl.grading.release import CourseFault
        from nndl.jail.bwrap import JailUnavailable
        from nndl.grading.problems import Problem
        from nndl.pipeline.autograde import Outcome, find_submissions, grade_class
        from nndl.pipeline.certificates import MissingCertificates
        from nndl.pipeline.cluster import ClusterRefused
        from nndl.pipeline.report import write_report

        from nndl.pipeline import not_graded

        set_aside = []  # (entry of submitted/, what was done with it): a stray file, a link, an unknown folder
        jobs = find_submissions(args.root, args.assignments or None, set_aside)
        pending = not_graded.read(course_root(args.root))
        if pending and not args.assignments and not args.regrade_all:
            left = {(n.student, n.assignment) for n in pending}
            retry = [job for job in jobs if job in left]
            not_graded.write(course_root(args.root), [], left - set(retry))  # those gone from submitted/
            if retry:
                jobs, set_aside = retry, []
                print(f"The last run left {len(retry)} submission(s) not graded; grading exactly those "
                      "(`nndl grade --all` grades every submission).", file=sys.stderr)
        if not jobs and not set_aside:
            print(f"nothing to grade: {args.root}/submitted/ holds no <student>/<assignment>/ folder", file=sys.stderr)
            return 1
        try:
            outcomes = grade_class(args.root, jobs, workers=args.workers, unisolated=args.unisolated,
                                   scheduler=args.scheduler, certs=args.certs, insecure=args.insecure) if jobs else []
        except (CourseFault, JailUnavailable, ClusterRefused, MissingCertificates) as error:
            print(f"nndl grade: {error}", file=sys.stderr)
            return 2
        outcomes += [Outcome(name, "?", graded=False, problems=[Problem(why)]) for name, why in set_aside]
        write_report(args.root, outcomes, threshold=args.help_below)
        left = [o for o in outcomes if o.not_graded]
        if left:
            print("\n" + not_graded.summary([not_graded.NotGraded(o.student, o.assignment, o.not_graded)
                                                for o in left]), file=sys.stderr)
            return not_graded.EXIT_NOT_GRADED
    elif args.command == "export":
        from nndl.export.roster import RosterError
        from nndl.export.run import FORMATS, export as run_export

        if args.to and not args.format:
            parser.error("--to needs --format (one file per format)")
        try:
            done = run_export(args.root, [args.format] if args.format else list(FORMATS), args.to, args.roster)
        except RosterError as error:
            print(f"nndl export: {error}", file=sys.stderr)
            return 2
        for message in dict.fromkeys(m for _, _, warnings in done for m in warnings):
            print(f"warning: {message}", file=sys.stderr)
        for name, path, _ in done:
            print(f"wrote {path} ({name})")
    elif args.command == "cluster":
        from nndl.pipeline.certificates import course_certificates, make_certificates

        certs = course_certificates(args.root, args.folder)
        try:
            hosts = make_certificates(certs, args.hosts or ())
        except FileExistsError as error:
            print(f"nndl cluster certs: {error}", file=sys.stderr)
            return 1
        except OSError as error:
            print(f"nndl cluster certs: cannot write {certs.folder}: {error.strerror or error}", file=sys.stderr)
            return 1
        commands = certs.commands(hosts[0], args.port)
        print(f"made the course's CA and its scheduler, worker and client certificates in {certs.folder} "
              f"(keys readable by you only; never commit them)")
        print("\nOn the scheduler's machine (it listens on tls:// only):\n  " + commands["scheduler"])
        print("On each grading machine, with ca.pem, worker.pem and worker-key.pem copied there:\n  "
              + commands["worker"])
        print("Then grade:\n  " + commands["grade"])
    elif args.command == "simulate":
        from collections import Counter

        from nndl.simulate import simulate_class

        plan = simulate_class(args.root, args.students, args.assignments or None, args.seed)
        mix = Counter(kind for work in plan.values() for kind in work.values())
        print(f"simulated {len(plan)} students: " + ", ".join(f"{n} {kind}" for kind, n in mix.most_common()))
    elif args.command == "hub":
        return _hub(args, parser)
    elif args.command == "demo":
        from nndl.demo import run_demo

        run_demo(args.folder, workers=args.workers)
    elif args.command == "similarity":
        from nndl.similarity.run import run_similarity

        try:
            print(run_similarity(args.root, args.assignment, args.against, args.threshold, args.common, args.chance)[0])
        except FileNotFoundError as error:
            print(f"nndl similarity: {error}", file=sys.stderr)
            return 2
    return 0


def _hub(args, parser):
    """``nndl hub [start|setup]`` (root) and ``nndl hub collect-grade-release ASSIGNMENT`` (the instructor)."""
    if args.action == "collect-grade-release":
        from nndl.hub.loop import collect_grade_release

        if not args.assignment:
            parser.error("collect-grade-release needs the assignment")
        return collect_grade_release(args.root, args.assignment)
    from nndl.hub.setup import setup_hub, start_hub

    hub = setup_hub(args.root, roster=args.roster, hub_dir=args.hub_dir, exchange=args.exchange,
                    instructor=args.instructor, ip=args.ip, port=args.port, assignments=args.only)
    print(f"hub configuration: {hub.config}\ninstructor: {hub.instructor} (course folder {hub.course})\n"
          f"students: {', '.join(hub.students)}\nexchange: {hub.exchange}")
    if hub.new_passwords:
        print("new passwords (shown once; all are kept in " f"{hub.passwords_file}, readable by root only):")
        for user, password in hub.new_passwords.items():
            print(f"  {user}  {password}")
    if args.action == "start":
        print(f"starting JupyterHub on http://{args.ip}:{args.port}/", flush=True)
        start_hub(hub)
    return 0


def _known_assignments(args):
    """Refuse an assignment name the course does not have (a typo would otherwise collect or grade nothing)."""
    from nndl.course import known_assignments

    named = list(getattr(args, "assignments", None) or [])
    named += [args.assignment] if getattr(args, "assignment", None) else []
    named += list(getattr(args, "only", None) or [])
    known = known_assignments(args.root)
    unknown = [name for name in named if name not in known]
    if unknown:
        raise ValueError(f"this course has no assignment {', '.join(unknown)} (it has {', '.join(known)})")


if __name__ == "__main__":
    sys.exit(main())
