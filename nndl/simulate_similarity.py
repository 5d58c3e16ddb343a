"""Simulated work for the similarity check: correct solutions written independently, and disguised copies.

``VARIANTS`` holds, per graded function, several genuinely different correct bodies (np.sum or
``.sum()``, a loop or a vectorised expression, other intermediate steps and orders), each in
place of the reference's lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION``.  An
independent student takes one at random per function, and sometimes adds a touch of their own
(``TOUCHES``: a check or a conversion of the result) as students do.  ``disguise`` makes a copy
the way a student hides one: variables renamed, independent statements swapped, comments added.
"""
import re

from nndl.build.notebook_text import strip_solution_markers

VARIANTS = {
    "w2_numpy_basics": {
        "basic_sigmoid": ["    s = 1.0 / (1.0 + math.exp(-x))\n",
                          "    e = math.exp(-x)\n    s = 1 / (e + 1)\n",
                          "    s = math.exp(x) / (math.exp(x) + 1)\n",
                          "    s = 1 / (1 + math.e ** (-x))\n"],
        "sigmoid": ["    s = 1.0 / (1.0 + np.exp(-x))\n",
                    "    e = np.exp(-x)\n    s = 1 / (1 + e)\n",
                    "    s = np.reciprocal(1 + np.exp(-x))\n",
                    "    s = 0.5 * (1 + np.tanh(x / 2))\n"],
        "sigmoid_derivative": ["    s = 1 / (1 + np.exp(-x))\n    ds = s * (1 - s)\n",
                               "    ds = sigmoid(x) * (1 - sigmoid(x))\n",
                               "    s = sigmoid(x)\n    ds = s - s ** 2\n",
                               "    s = sigmoid(x)\n    ds = np.multiply(s, 1 - s)\n"],
        "image2vector": ["    v = image.reshape(-1, 1)\n",
                         "    h, w, c = image.shape\n    v = image.reshape((h * w * c, 1))\n",
                         "    v = image.flatten().reshape(-1, 1)\n",
                         "    v = np.reshape(image, (image.size, 1))\n"],
        "normalize_rows": ["    norms = np.sqrt(np.sum(x ** 2, axis=1, keepdims=True))\n    x = x / norms\n",
                           "    x = x / np.linalg.norm(x, ord=2, axis=1, keepdims=True)\n",
                           "    norms = np.linalg.norm(x, axis=1).reshape(-1, 1)\n    x = x / norms\n",
                           "    rows = []\n    for row in x:\n        rows.append(row / np.sqrt((row * row).sum()))\n"
                           "    x = np.array(rows)\n"],
        "softmax": ["    x_exp = np.exp(x)\n    s = x_exp / x_exp.sum(axis=1, keepdims=True)\n",
                    "    e = np.exp(x)\n    total = np.sum(e, axis=1).reshape(-1, 1)\n    s = e / total\n",
                    "    s = np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)\n",
                    "    s = np.zeros(x.shape)\n    for i in range(x.shape[0]):\n        e = np.exp(x[i])\n"
                    "        s[i] = e / e.sum()\n"],
        "L1": ["    loss = np.abs(y - yhat).sum()\n",
               "    loss = sum(abs(y - yhat))\n",
               "    loss = 0\n    for i in range(len(y)):\n        loss += abs(y[i] - yhat[i])\n",
               "    diff = yhat - y\n    loss = np.sum(np.absolute(diff))\n"],
        "L2": ["    loss = np.dot(y - yhat, y - yhat)\n",
               "    d = y - yhat\n    loss = np.sum(d * d)\n",
               "    loss = np.sum(np.square(yhat - y))\n",
               "    loss = 0\n    for a, b in zip(yhat, y):\n        loss += (a - b) ** 2\n"],
    },
    "w3_planar_data": {
        "layer_sizes": ["    n_x, n_y = X.shape[0], Y.shape[0]\n    n_h = 4\n",
                        "    n_x = np.shape(X)[0]\n    n_y = np.shape(Y)[0]\n    n_h = 4\n",
                        "    n_h = 4\n    n_x = len(X)\n    n_y = len(Y)\n"],
        "initialize_parameters": [
            "    W1 = 0.01 * np.random.randn(n_h, n_x)\n    b1 = np.zeros(shape=(n_h, 1))\n"
            "    W2 = 0.01 * np.random.randn(n_y, n_h)\n    b2 = np.zeros(shape=(n_y, 1))\n",
            "    W1 = np.random.randn(n_h, n_x) / 100\n    W2 = np.random.randn(n_y, n_h) / 100\n"
            "    b1 = np.zeros((n_h, 1))\n    b2 = np.zeros((n_y, 1))\n",
            "    W1 = np.random.randn(n_h, n_x) * 0.01\n    b1 = np.zeros((n_h, 1), dtype=float)\n"
            "    W2 = np.random.randn(n_y, n_h) * 0.01\n    b2 = np.zeros((n_y, 1), dtype=float)\n"],
        "forward_propagation": [
            "    Z1 = W1 @ X + b1\n    A1 = np.tanh(Z1)\n    Z2 = W2 @ A1 + b2\n    A2 = 1 / (1 + np.exp(-Z2))\n",
            "    Z1 = np.matmul(W1, X) + b1\n    A1 = np.tanh(Z1)\n    Z2 = np.matmul(W2, A1) + b2\n    A2 = sigmoid(Z2)\n",
            "    Z1 = W1.dot(X) + b1\n    A1 = np.tanh(Z1)\n    Z2 = W2.dot(A1) + b2\n    A2 = sigmoid(Z2)\n"],
        "compute_cost": [
            "    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)\n"
            "    cost = -np.sum(logprobs) / m\n",
            "    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m\n",
            "    cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))\n"],
        "backward_propagation": [
            "    dZ2 = A2 - Y\n    dW2 = (1 / m) * dZ2 @ A1.T\n    db2 = (1 / m) * dZ2.sum(axis=1, keepdims=True)\n"
            "    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n    dW1 = (1 / m) * dZ1 @ X.T\n"
            "    db1 = (1 / m) * dZ1.sum(axis=1, keepdims=True)\n",
            "    dZ2 = A2 - Y\n    dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))\n"
            "    dW1 = np.dot(dZ1, X.T) / m\n    db1 = np.sum(dZ1, axis=1, keepdims=True) / m\n"
            "    dW2 = np.dot(dZ2, A1.T) / m\n    db2 = np.sum(dZ2, axis=1, keepdims=True) / m\n",
            "    dZ2 = A2 - Y\n    dW2 = np.matmul(dZ2, A1.T) / m\n    db2 = np.mean(dZ2, axis=1, keepdims=True)\n"
            "    dZ1 = np.matmul(W2.T, dZ2) * (1 - np.tanh(cache['Z1']) ** 2)\n    dW1 = np.matmul(dZ1, X.T) / m\n"
            "    db1 = np.mean(dZ1, axis=1, keepdims=True)\n"],
        "update_parameters": [
            "    W1 = W1 - grads['dW1'] * learning_rate\n    b1 = b1 - grads['db1'] * learning_rate\n"
            "    W2 = W2 - grads['dW2'] * learning_rate\n    b2 = b2 - grads['db2'] * learning_rate\n",
            "    dW1, db1 = grads['dW1'], grads['db1']\n    dW2, db2 = grads['dW2'], grads['db2']\n"
            "    W1 = W1 - learning_rate * dW1\n    b1 = b1 - learning_rate * db1\n"
            "    W2 = W2 - learning_rate * dW2\n    b2 = b2 - learning_rate * db2\n",
            "    W1 = W1 - np.multiply(learning_rate, grads['dW1'])\n    b1 = b1 - np.multiply(learning_rate, grads['db1'])\n"
            "    W2 = W2 - np.multiply(learning_rate, grads['dW2'])\n    b2 = b2 - np.multiply(learning_rate, grads['db2'])\n"],
        "predict": ["    A2, cache = forward_propagation(X, parameters)\n    predictions = np.where(A2 > 0.5, 1, 0)\n",
                    "    A2 = forward_propagation(X, parameters)[0]\n    predictions = np.round(A2).astype(int)\n",
                    "    output, _ = forward_propagation(X, parameters)\n    predictions = (output > 0.5) * 1\n"],
    },
}

# The result variable of each function (what a touch checks or converts).
RESULTS = {"basic_sigmoid": "s", "sigmoid": "s", "sigmoid_derivative": "ds", "image2vector": "v",
           "normalize_rows": "x", "softmax": "s", "L1": "loss", "L2": "loss", "layer_sizes": "n_h",
           "initialize_parameters": "b2", "forward_propagation": "A2", "compute_cost": "cost",
           "backward_propagation": "db1", "update_parameters": "b2", "predict": "predictions"}
TOUCHES = ["    assert {r} is not None\n", "    {r} = np.asarray({r})\n", "    {r} = np.array({r}, dtype=float)\n",
           "    assert not np.any(np.isnan({r}))\n", "    {r} = np.copy({r})\n", "    print('{r}:', np.shape({r}))\n",
           "    assert np.all(np.isfinite({r})), '{r}'\n", "    {r} = {r} + 0.0\n"]


def with_body(reference_source, body):
    """A solution cell whose (first) solution region holds ``body``, without nbgrader's markers."""
    start, end = "    ### BEGIN SOLUTION\n", "    ### END SOLUTION\n"
    if start not in reference_source:
        return strip_solution_markers(reference_source)
    head, rest = reference_source.split(start, 1)
    return strip_solution_markers(head + start + body + end + rest.split(end, 1)[1])


def independent_solution(references, assignment, rng, touch=0.3):
    """grade id -> cell source: one correct way, at random, per function (the reference among them)."""
    cells = {}
    for grade_id, reference in references.items():
        choices = VARIANTS.get(assignment, {}).get(grade_id)
        if not choices:
            cells[grade_id] = strip_solution_markers(reference)
            continue
        k = rng.randrange(len(choices) + 1)
        if k == len(choices):
            body = reference.split("### BEGIN SOLUTION\n", 1)[1].split("    ### END SOLUTION", 1)[0]
        else:
            body = choices[k]
        if grade_id in RESULTS and rng.random() < touch:
            body += rng.choice(TOUCHES).format(r=RESULTS[grade_id])
        cells[grade_id] = with_body(reference, body)
    return cells


def _assigned(line):
    match = re.match(r"\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*[-+*/]?=(?!=)", line)
    return {n.strip() for n in match.group(1).split(",")} if match else set()


def disguise(source, starter, rng, rename=True, reorder=True, comment=True):
    """A copy of a cell as a student hides it: its own variables renamed, independent statements swapped,
    comments added.  ``starter`` is the release cell (its lines are left alone)."""
    starter_lines = {l.strip() for l in starter.splitlines()}
    lines = source.splitlines()
    own = [i for i, l in enumerate(lines) if l.strip() and l.strip() not in starter_lines]
    if reorder:
        for i, j in zip(own, own[1:]):
            a, b = lines[i], lines[j]
            same_indent = len(a) - len(a.lstrip()) == len(b) - len(b.lstrip())
            simple = not a.rstrip().endswith(":") and not b.rstrip().endswith(":")
            uses = lambda names, text: any(re.search(rf"(?<![\w.]){re.escape(n)}(?!\w)", text) for n in names)
            if j == i + 1 and same_indent and simple and _assigned(a) and _assigned(b) \
                    and not uses(_assigned(a), b) and not uses(_assigned(b), a):
                lines[i], lines[j] = b, a
                break
    if rename:
        names = set()
        for i in own:
            names |= _assigned(lines[i])
        for n in sorted(names):
            new = f"{n}_{rng.choice(['tmp', 'val', 'out', 'res'])}"
            lines = [re.sub(rf"(?<![\w.'\"]){re.escape(n)}(?![\w'\"])", new, l) for l in lines]
    if comment:
        out = []
        for i, l in enumerate(lines):
            if i in own and not l.rstrip().endswith(":"):
                indent = l[:len(l) - len(l.lstrip())]
                out.append(f"{indent}# step {rng.randint(1, 9)}: compute this")
                l += "  # my own work"
            out.append(l)
        lines = out
    return "\n".join(lines) + "\n"
