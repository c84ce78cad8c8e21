"""Writes the runtime as the bootstrap sends it: without comments, docstrings and blank lines.

Usage: python3 strip_runtime.py SOURCE TARGET

The build runs it in runtime's process-classes phase (runtime/pom.xml), over the copy of
runtime.py that the resources phase put in target/classes. Python's own tokenizer finds the
comments and the bare string statements, so a '#' or a blank line inside a string is left alone.
A string that was a block's only statement becomes `pass`. Before writing, the result is parsed
and must give the same syntax tree as the source less its bare strings, or the build fails.
test_runtime.py checks the same on every interpreter, 3.6 included.
"""
import ast
import io
import sys
import tokenize

_SKIP = (tokenize.NL, tokenize.COMMENT)


def _neighbour(tokens, i, step):
    i += step
    while 0 <= i < len(tokens) and tokens[i].type in _SKIP:
        i += step
    return tokens[i] if 0 <= i < len(tokens) else None


def strip(source):
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    inside_strings = set()  # lines that begin within a string: kept as they are
    drop = set()
    cut = {}
    replace = {}
    for i, tok in enumerate(tokens):
        if tok.type == tokenize.STRING:
            inside_strings.update(range(tok.start[0] + 1, tok.end[0] + 1))
        if tok.type == tokenize.COMMENT:
            cut[tok.start[0]] = tok.start[1]
            continue
        if tok.type != tokenize.STRING:
            continue
        before = _neighbour(tokens, i, -1)
        after = tokens[i + 1]
        if after.type != tokenize.NEWLINE:
            continue
        if before is not None and before.type not in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                                                      tokenize.ENCODING):
            continue
        lines = range(tok.start[0], tok.end[0] + 1)
        following = _neighbour(tokens, i + 1, 1)
        if (before is not None and before.type == tokenize.INDENT
                and following.type in (tokenize.DEDENT, tokenize.ENDMARKER)):
            replace[tok.start[0]] = " " * tok.start[1] + "pass\n"
            drop.update(lines[1:])
        else:
            drop.update(lines)
    out = []
    for number, line in enumerate(source.splitlines(True), 1):
        if number in replace:
            out.append(replace[number])
        elif number in drop:
            continue
        elif number in inside_strings:
            out.append(line)
        else:
            if number in cut:
                line = line[:cut[number]].rstrip() + "\n"
            if line.strip():
                out.append(line)
    return "".join(out)


def without_bare_strings(tree):
    """The tree less its bare string statements, an emptied body holding `pass`."""
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list) or not body or not isinstance(body[0], ast.stmt):
                continue
            kept = [s for s in body if not (isinstance(s, ast.Expr) and _is_str(s.value))]
            if len(kept) != len(body):
                setattr(node, field, kept or [ast.Pass()])
    return tree


def _is_str(node):
    if sys.version_info >= (3, 8):
        return isinstance(node, ast.Constant) and isinstance(node.value, str)
    return isinstance(node, ast.Str)


def main(source_path, target_path):
    with open(source_path, encoding="utf-8") as f:
        source = f.read()
    stripped = strip(source)
    expected = ast.dump(without_bare_strings(ast.parse(source)))
    if ast.dump(ast.parse(stripped)) != expected:
        sys.exit("strip_runtime: the stripped runtime is not the same program as %s" % source_path)
    try:
        with open(target_path, encoding="utf-8") as f:
            if f.read() == stripped:
                # Rewriting it would make the jar, and every module that depends on it, stale:
                # a build with nothing changed would recompile them all.
                return
    except OSError:
        pass
    with open(target_path, "w", encoding="utf-8") as f:
        f.write(stripped)
    print("strip_runtime: %d -> %d bytes" % (len(source.encode("utf-8")), len(stripped.encode("utf-8"))))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
