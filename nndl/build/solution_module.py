"""Turn one notebook's reference solutions into a module another notebook imports.

The deep-network application builds on the step-by-step notebook's functions.
Rather than writing them twice, its header says
``nndl: {ship_solutions: {from: w4_deep_network, module: dnn_steps.py}}`` and
the build writes that module from the step-by-step notebook's locked and
solution cells: their imports and top-level function definitions, in order,
solution markers removed.  (This module does reach the application's release:
release the application after the step-by-step notebook's deadline.)
"""
import ast

from nndl.build.notebook_text import read_authored, strip_solution_markers

NOT_SHIPPED_IMPORTS = {"nndl_checks"}


def _kept_definitions(code):
    """The import statements and the function definitions of a cell, as two lists of source text."""
    tree = ast.parse(code)
    imports, functions = [], []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = {alias.name for alias in node.names} if isinstance(node, ast.Import) else {node.module}
            if not modules & NOT_SHIPPED_IMPORTS:
                imports.append(ast.get_source_segment(code, node))
        elif isinstance(node, ast.FunctionDef):
            functions.append(ast.get_source_segment(code, node, padded=True))
    return imports, functions


def solution_module(root, assignment):
    """Source text of the module holding ``assignment``'s provided and reference functions."""
    nb = read_authored(root / "notebooks" / f"{assignment}.py", f"notebooks/{assignment}.py")
    imports, functions = [], []
    for cell in nb.cells:
        role = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or role.get("grade") or not (role.get("locked") or role.get("solution")):
            continue  # test cells are locked too, but their hidden regions must never ship
        cell_imports, cell_functions = _kept_definitions(strip_solution_markers(cell.source))
        imports += [i for i in cell_imports if i not in imports]
        functions += cell_functions
    docstring = (f'"""Functions from the {assignment} notebook (its provided code and reference solutions).\n\n'
                 f'Generated from notebooks/{assignment}.py by `nndl build`: do not edit.\n"""')
    return "\n\n\n".join([docstring + "\n" + "\n".join(imports), *functions]) + "\n"
