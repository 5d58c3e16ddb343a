"""The ``nndl`` command: build the course, take in and grade a class, report, or run the demo."""
import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="nndl", description=__doc__)
    parser.add_argument("--root", help="course root (default: this checkout, or $NNDL_COURSE_ROOT)")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="notebooks/*.py -> source/ and release/ (with nbgrader)")
    build.add_argument("assignments", nargs="*", help="only these assignments (default: all)")
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
    args = parser.parse_args(argv)

    if args.command == "build":
        from nndl.build.assignments import build as run_build

        for name in run_build(args.root, args.assignments or None):
            print(f"built source/{name}/ and release/{name}/")
    elif args.command == "collect":
        from nndl.pipeline.collect import collect_download

        for student in collect_download(args.root, args.assignment, args.download):
            print(f"collected {student}")
    elif args.command == "grade":
        from nndl.grading.release import CourseFault
        from nndl.jail.bwrap import JailUnavailable
        from nndl.grading.problems import Problem
        from nndl.pipeline.autograde import Outcome, find_submissions, grade_class
        from nndl.pipeline.certificates import MissingCertificates
        from nndl.pipeline.cluster import ClusterRefused
        from nndl.pipeline.report import write_report

        unreadable = []
        jobs = find_submissions(args.root, args.assignments or None, unreadable)
        if not jobs and not unreadable:
            print("nothing to grade: submitted/<student>/<assignment>/ is empty", file=sys.stderr)
            return 1
        try:
            outcomes = grade_class(args.root, jobs, workers=args.workers, unisolated=args.unisolated,
                                   scheduler=args.scheduler, certs=args.certs, insecure=args.insecure) if jobs else []
        except (CourseFault, JailUnavailable, ClusterRefused, MissingCertificates) as error:
            print(f"nndl grade: {error}", file=sys.stderr)
            return 2
        outcomes += [Outcome(student, "?", graded=False, problems=[Problem(f"unreadable: {why}")]) for student, why in unreadable]
        write_report(args.root, outcomes, threshold=args.help_below)
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
    elif args.command == "demo":
        from nndl.demo import run_demo

        run_demo(args.folder, workers=args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
