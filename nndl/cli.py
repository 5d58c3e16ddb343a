"""The ``nndl`` command: build the course, grade a class, run the demo."""
import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="nndl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="notebooks/*.py -> source/ and release/ (with nbgrader)")
    build.add_argument("assignments", nargs="*", help="only these assignments (default: all)")
    build.add_argument("--root", help="course root (default: this checkout)")
    args = parser.parse_args(argv)

    if args.command == "build":
        from nndl.build.assignments import build as run_build

        for name in run_build(args.root, args.assignments or None):
            print(f"built source/{name}/ and release/{name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
