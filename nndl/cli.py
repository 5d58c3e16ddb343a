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
                                           "(tcp://host:8786; default: $DASK_SCHEDULER_ADDRESS, else this machine)")
    grade.add_argument("--unisolated", action="store_true",
                       help="run student code WITHOUT the jail, where none can be made (every report says so)")
    grade.add_argument("--all", action="store_true", dest="regrade_all",
                       help="grade every submission, even when the last run left some not graded (by default "
                            "the next run grades exactly those)")
    grade.add_argument("--help-below", type=float, default=60.0, metavar="PERCENT",
                       help="list students whose total is below PERCENT as needing help (default: 60)")
    simulate = sub.add_parser("simulate", help="submit a simulated class (a realistic mix) into submitted/")
    simulate.add_argument("assignments", nargs="*", help="only these assignments (default: all)")
    simulate.add_argument("--students", type=int, required=True, help="how many students")
    simulate.add_argument("--seed", type=int, default=0, help="the same seed gives the same class")
    demo = sub.add_parser("demo", help="release, grade a simulated class and report, in ./demo")
    demo.add_argument("--workers", type=int, help="parallel graders (default: one per core)")
    demo.add_argument("--folder", help="where the demo course goes (default: demo/ in this checkout)")
    similar = sub.add_parser("similarity", help="solution cells that look copied (from classmates or --against files)")
    similar.add_argument("assignment")
    similar.add_argument("--against", help="a folder of known solutions (.py, .ipynb, searched recursively)")
    similar.add_argument("--threshold", type=float, default=0.6, help="report pairs sharing at least this share "
                         "of their distinctive code fragments (Jaccard, 0..1; default 0.6)")
    similar.add_argument("--common", type=float, default=0.1, help="code fragments in more than this share "
                         "of the class are common knowledge, not evidence (default 0.1)")
    similar.add_argument("--chance", type=float, default=1.0, help="and fewer than this many pairs of the "
                         "class would be as alike by coincidence (default 1)")
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
        from nndl.course import course_root
        from nndl.grading.release import CourseFault
        from nndl.jail.bwrap import JailUnavailable
        from nndl.grading.problems import Problem
        from nndl.pipeline.autograde import Outcome, find_submissions, grade_class
        from nndl.pipeline.report import write_report

        from nndl.pipeline import not_graded

        unreadable = []
        jobs = find_submissions(args.root, args.assignments or None, unreadable)
        pending = not_graded.read(course_root(args.root))
        if pending and not args.assignments and not args.regrade_all:
            left = {(n.student, n.assignment) for n in pending}
            retry = [job for job in jobs if job in left]
            not_graded.write(course_root(args.root), [], left - set(retry))  # those gone from submitted/
            if retry:
                jobs, unreadable = retry, []
                print(f"The last run left {len(retry)} submission(s) not graded; grading exactly those "
                      "(`nndl grade --all` grades every submission).", file=sys.stderr)
        if not jobs and not unreadable:
            print("nothing to grade: submitted/<student>/<assignment>/ is empty", file=sys.stderr)
            return 1
        try:
            outcomes = grade_class(args.root, jobs, workers=args.workers, unisolated=args.unisolated,
                                   scheduler=args.scheduler) if jobs else []
        except (CourseFault, JailUnavailable) as error:
            print(f"nndl grade: {error}", file=sys.stderr)
            return 2
        outcomes += [Outcome(student, "?", graded=False, problems=[Problem(f"unreadable: {why}")]) for student, why in unreadable]
        write_report(args.root, outcomes, threshold=args.help_below)
        left = [o for o in outcomes if o.not_graded]
        if left:
            print("\n" + not_graded.summary([not_graded.NotGraded(o.student, o.assignment, o.not_graded)
                                                for o in left]), file=sys.stderr)
            return not_graded.EXIT_NOT_GRADED
    elif args.command == "simulate":
        from collections import Counter

        from nndl.simulate import simulate_class

        plan = simulate_class(args.root, args.students, args.assignments or None, args.seed)
        mix = Counter(kind for work in plan.values() for kind in work.values())
        print(f"simulated {len(plan)} students: " + ", ".join(f"{n} {kind}" for kind, n in mix.most_common()))
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


if __name__ == "__main__":
    sys.exit(main())
