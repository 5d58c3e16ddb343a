"""One test per catalogued mistake for every notebook's GradingContract (see support.py)."""
from support import GradingContract


def pytest_generate_tests(metafunc):
    cls = metafunc.cls
    if cls is None or not issubclass(cls, GradingContract):
        return
    if "grade_id" in metafunc.fixturenames:
        metafunc.parametrize("grade_id", sorted(cls.MISTAKES))
    if "name" in metafunc.fixturenames:
        metafunc.parametrize("name", sorted(cls.MORE))
    if "catalogued" in metafunc.fixturenames:
        from nndl.mistakes import MORE

        metafunc.parametrize("catalogued", sorted(m.name for m in MORE.get(cls.ASSIGNMENT, [])))
    if "equivalent" in metafunc.fixturenames:
        metafunc.parametrize("equivalent", sorted(cls.EQUIVALENT))
