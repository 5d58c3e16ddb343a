"""The feedback page a student reads, as plain ``nbgrader generate_feedback`` writes it with the course's
configuration: test cells named after what they test, maths that renders without the internet.
(``tests/test_browser.py`` opens such a page in a real browser with the network cut off.)"""
import re
import subprocess
import sys
from importlib.resources import files

import nbformat
import pytest

from nndl.course import REPO_ROOT
from nndl.grading.feedback import MATHJAX_FILE, NameTestCells, mathjax_sources
from nndl.simulate import filled_notebook
from support import course_copy, grade_class

A = "w2_numpy_basics"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("course"), [A])
    grade_class(root, A, {"blank": filled_notebook(root, A, blank=True)})
    made = subprocess.run([sys.executable, "-m", "nbgrader", "generate_feedback", A, "--student", "blank", "--force"],
                          cwd=root, capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stderr[-3000:]
    return (root / "feedback" / "blank" / A / f"{A}.html").read_text()


def graded_functions(assignment):
    nb = nbformat.read(REPO_ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    return [c.metadata.nbgrader["grade_id"].removesuffix("_tests") for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata.nbgrader.get("solution")]


def test_the_table_of_contents_names_each_test_cell_after_its_function(page):
    toc = page.split('<div id="toc">')[1].split("</div>")[0]
    names = re.findall(r"Tests of <code>([^<]+)</code>", toc)
    assert names == [f"{name}()" for name in graded_functions(A)] and len(names) == 8
    assert "Test cell" not in toc


def test_an_answer_that_is_not_a_function_is_named_as_it_is():
    """w2_logistic_regression's first exercise sets three numbers (``dataset_sizes``), not a function."""
    nb = nbformat.read(REPO_ROOT / "release" / "w2_logistic_regression" / "w2_logistic_regression.ipynb", as_version=4)
    NameTestCells().preprocess(nb, {})
    named = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["nndl_tests_of"] for c in nb.cells
             if "nndl_tests_of" in c.metadata.get("nbgrader", {})}
    assert named["dataset_sizes_tests"] == "dataset_sizes"
    assert named["sigmoid_tests"] == "sigmoid()" and named["propagate_tests"] == "propagate()"


def test_maths_needs_nothing_from_the_internet(page):
    import base64
    import gzip

    head = page.split("<body")[0]
    # the scripts inlined in the head are MathJax's one-file build (compressed) and its safe extension,
    # as the package ships them
    shipped = files("mathjax") / "static" / "mathjax" / MATHJAX_FILE
    assert shipped.is_file() and "MathJax" in shipped.read_text()[:100_000]
    packed = re.search(r'atob\("([A-Za-z0-9+/=]+)"\)', head).group(1)
    assert gzip.decompress(base64.b64decode(packed)) == shipped.read_bytes()
    assert mathjax_sources()["safe"] in head
    rest = page.replace(packed, "").replace(mathjax_sources()["safe"], "")
    assert re.findall(r"<script[^>]*\bsrc=", rest) == []  # no script loaded from anywhere
    assert not re.search(r"https?://[^\"' ]*(mathjax|cdn)", rest, re.I)  # no MathJax URL, CDN or other
    assert re.search(r"\$\$\\sigma\(x\) = \\frac\{1\}\{1 \+ e\^\{-x\}\}\$\$", page)  # the maths is there to typeset


def test_a_page_weighs_about_a_megabyte_not_three(page):
    """A class's feedback is mostly MathJax, once per page: 2.3 MB of it made a 300-student class's
    feedback about 4 GB. Compressed, a page of this notebook stays under 1.3 MB."""
    assert len(page.encode()) < 1_300_000


def test_pages_made_in_one_process_each_show_their_own_students_code():
    """Feedback pages remember how they coloured each code cell and rendered each Markdown cell (most
    cells are the same for everyone): two students with different code and different written answers
    in the same cells must each see their own."""
    from nndl.grading.feedback import FeedbackExporter

    def page_of(body, answer="unchanged"):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import numpy as np"),
                                             nbformat.v4.new_code_cell(f"def sigmoid(z):\n    return {body}"),
                                             nbformat.v4.new_markdown_cell(f"**Answer:** {answer}")])
        nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
        html, _ = FeedbackExporter(template_name="classic").from_notebook_node(nb)
        return re.sub(r"<[^>]+>", "", html)

    first, second = page_of("1 / (1 + np.exp(-z))"), page_of("np.tanh(z)")
    assert "Answer: unchanged" in first and "Answer: unchanged" in second
    assert "Answer: it saturates" in page_of("np.tanh(z)", "it saturates")
    assert "1 / (1 + np.exp(-z))" in first.replace("&#39;", "'") and "np.tanh" not in first
    assert "np.tanh(z)" in second and "np.exp(-z)" not in second
    assert first.count("import numpy as np") == second.count("import numpy as np") == 1
