"""GiveCellsIds: a sanitize step after nbgrader's OverwriteCells, which puts a deleted test cell back without the
cell id that notebook format 4.5 requires; nbformat would then warn ("MissingIDFieldWarning: Cell is missing an
id field") on the terminal of `nndl grade` for every such notebook. Each cell without an id gets a fresh one."""
from nbformat.corpus.words import generate_corpus_id
from nbgrader.preprocessors import NbGraderPreprocessor


class GiveCellsIds(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        if (nb.get("nbformat"), nb.get("nbformat_minor", 0)) >= (4, 5):
            taken = {cell.get("id") for cell in nb.cells}
            for cell in nb.cells:
                if not cell.get("id"):
                    cell["id"] = _fresh(taken)
        return nb, resources


def _fresh(taken):
    while (new := generate_corpus_id()) in taken:
        pass
    taken.add(new)
    return new
