# nbgrader reads this file from the course root (and ignores --config FILE), so it
# only hands over to the course's real configuration in grader_config.py.
c = get_config()  # noqa: F821
load_subconfig("grader_config.py")  # noqa: F821
