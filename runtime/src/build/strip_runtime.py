"""Writes the runtime as the bootstrap sends it: without comments, docstrings and blank lines.

Usage: python3 strip_runtime.py SOURCE TARGET

Beside TARGET it writes TARGET.lzma: the CRC-32 of the stripped runtime (u32, big-endian), the
length of its LZMA form (u32), the runtime compressed as the bootstrap sends it (the .lzma
container), then its zlib form for a Python without lzma. Compressing it here spares
every JVM that connects the work at class initialisation (xz-java, interpreted in a fresh JVM, took
about a sixth of its first connect); the controller uses the file only if the CRC matches the
runtime it loads, and compresses it itself otherwise (no lzma in the Python that built it, a build
that skipped this step).

The build runs it in runtime's process-classes phase (runtime/pom.xml), over the copy of
runtime.py that the resources phase put in target/classes. Python's own tokenizer finds the
comments and the bare string statements, so a '#' or a blank line inside a string is left alone.
A string that was a block's only statement becomes `pass`. Before writing, the result is parsed
and must give the same syntax tree as the source less its bare strings, or the build fails.
test_runtime.py checks the same on every interpreter, 3.6 included.
"""
import ast
import io
import os
import struct
import sys
import tokenize
import zlib

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


FIRST_USE = "# compiled on first use"


def _defs(tree, last_line):
    """(qualified name, def node, the line after it) of each function at the top level or in a
    top-level class; the line after a def is where the next statement, or its decorator, starts."""
    def starts(node):
        return min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])

    top = tree.body
    for i, node in enumerate(top):
        after = starts(top[i + 1]) if i + 1 < len(top) else last_line + 1
        if isinstance(node, ast.FunctionDef):
            yield node.name, node, after
        elif isinstance(node, ast.ClassDef):
            for j, member in enumerate(node.body):
                if isinstance(member, ast.FunctionDef):
                    end = starts(node.body[j + 1]) if j + 1 < len(node.body) else after
                    yield node.name + "." + member.name, member, end


def marked(source):
    """The qualified names of the functions right under a FIRST_USE comment line."""
    lines = source.splitlines()
    wanted = {i + 2 for i, line in enumerate(lines) if line.strip() == FIRST_USE}
    names = []
    for name, node, _ in _defs(ast.parse(source), len(lines)):
        if node.lineno in wanted:
            if node.decorator_list:
                sys.exit("strip_runtime: %s is decorated; only plain functions compile on first use" % name)
            wanted.discard(node.lineno)
            names.append(name)
    if wanted:
        sys.exit("strip_runtime: no plain function under %r on lines %s" % (FIRST_USE, sorted(wanted)))
    return names


def compile_later(stripped, names):
    """The stripped runtime with each named function's source moved into _LATER and a stub in its
    place that compiles it on its first call (runtime.py's _first_use). A method's source is kept
    under `if 1:`, indented as it was, so that no line of a string in it changes."""
    lines = stripped.splitlines(True)
    later = {}
    spans = []
    for name, node, after in _defs(ast.parse(stripped), len(lines)):
        if name in names:
            spans.append((node.lineno - 1, after - 1, name, node))
    for start, end, name, node in sorted(spans, reverse=True):
        text = "".join(lines[start:end])
        later[name] = "if 1:\n" + text if node.col_offset else text
        pad = " " * node.col_offset
        lines[start:end] = ["%sdef %s(*a, **k):\n%s return _first_use(%r)(*a, **k)\n" % (pad, node.name, pad, name)]
    table = [i for i, line in enumerate(lines) if line == "_LATER = {}\n"]
    if len(table) != 1:
        sys.exit("strip_runtime: the runtime needs one line '_LATER = {}' at the top level")
    lines[table[0]] = "_LATER = {%s}\n" % ", ".join("%r: %s" % (k, _literal(later[k])) for k in sorted(later))
    return "".join(lines)


def _literal(text):
    """text as a Python literal: raw and triple-quoted where that can hold it, as the source
    compresses better than repr's escapes (the payload has a size budget)."""
    for quote in ("'''", '"""'):
        if quote not in text and not text.endswith(("\\", quote[0])):
            return "r" + quote + text + quote
    return repr(text)


# ---- compiled in parts --------------------------------------------------------------------
# CPython's parser takes memory in proportion to the source it is given, and in a fresh process
# each new page of it is a page fault: on this project's paravirtualised VMs about 17 us each, so
# one compile of the whole runtime took 18 to 23 ms, and 5.5 ms the second time in the same
# process. Compiled a few kilobytes at a time, the parser reuses its memory from one part to the
# next: about a third of the page faults and half the time. The payload therefore compiles its
# parts one after the other into _CODE, then runs each in the module's own namespace; the last
# statement (the start of main) stays outside the loop, so that its frame's caller is still the
# first stage. _CODE stays: it is what the runtime marshals when the controller asks for its
# bytecode (docs/protocol.md, "Starting from bytecode").
PART_SIZE = 3000


def in_parts(payload):
    """The payload as code that compiles it PART_SIZE bytes at a time, cut between top-level
    statements, and then runs the parts; the last statement stays as code after the loop."""
    lines = payload.splitlines(True)
    tree = ast.parse(payload)
    starts = [min([n.lineno] + [d.lineno for d in getattr(n, "decorator_list", [])]) for n in tree.body]
    starts[0] = 1
    parts, current = [], ""
    for start, end in zip(starts[:-1], starts[1:]):
        current += "".join(lines[start - 1:end - 1])
        if len(current) >= PART_SIZE:
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    loop = ("_CODE = [compile(_part, \"<string>\", \"exec\") for _part in (%s,)]\n"
            "for _part in _CODE:\n    exec(_part)\n") % ", ".join(_literal(part) for part in parts)
    return loop + "".join(lines[starts[-1] - 1:])


def unwrap(tree):
    """The tree of a payload made by in_parts, with its parts back in place of the code that
    compiles and runs them."""
    found = parts(tree)
    if found is not None:
        body = []
        for part in found:
            body.extend(ast.parse(part).body)
        tree.body[0:2] = body
    return tree


def parts(tree):
    """The parts of a payload made by in_parts, in order; None if tree is not one."""
    if len(tree.body) < 2:
        return None
    first, loop = tree.body[0], tree.body[1]
    if not (isinstance(first, ast.Assign) and [getattr(t, "id", None) for t in first.targets] == ["_CODE"]
            and isinstance(first.value, ast.ListComp) and isinstance(loop, ast.For)
            and getattr(loop.iter, "id", None) == "_CODE"):
        return None
    return ast.literal_eval(first.value.generators[0].iter)


def put_back(tree):
    """The tree of a runtime with parts compiled on first use, each part back in its stub's place
    and _LATER empty: the tree of the stripped runtime that compile_later was given (a payload
    in parts is unwrapped first)."""
    unwrap(tree)
    later = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["_LATER"]:
            later = ast.literal_eval(node.value)
            node.value = ast.Dict(keys=[], values=[])

    def swap(body, prefix):
        for i, node in enumerate(body):
            if isinstance(node, ast.ClassDef) and not prefix:
                swap(node.body, node.name + ".")
            elif isinstance(node, ast.FunctionDef) and prefix + node.name in later:
                part = ast.parse(later[prefix + node.name]).body[0]
                body[i] = part.body[0] if prefix else part

    swap(tree.body, "")
    return tree


def main(source_path, target_path):
    with open(source_path, encoding="utf-8") as f:
        source = f.read()
    stripped = strip(source)
    expected = ast.dump(without_bare_strings(ast.parse(source)))
    if ast.dump(ast.parse(stripped)) != expected:
        sys.exit("strip_runtime: the stripped runtime is not the same program as %s" % source_path)
    names = marked(source)
    payload = compile_later(stripped, names)
    if ast.dump(put_back(ast.parse(payload))) != expected:
        sys.exit("strip_runtime: moving %s to _LATER changed the program" % ", ".join(names))
    stripped = in_parts(payload)
    if ast.dump(put_back(ast.parse(stripped))) != expected:
        sys.exit("strip_runtime: compiling the runtime in parts changed the program")
    _write_if_changed(target_path + ".lzma", _compressed(stripped.encode("utf-8")))
    if _write_if_changed(target_path, stripped.encode("utf-8")):
        print("strip_runtime: %d -> %d bytes" % (len(source.encode("utf-8")), len(stripped.encode("utf-8"))))


def _compressed(data):
    """CRC-32, LZMA length, LZMA and zlib forms of data, as Bootstrap reads them; None without lzma."""
    try:
        import lzma
    except ImportError:
        return None
    # The settings of Bootstrap's own compression: preset 9 (the extreme variant came out larger),
    # a dictionary just over twice the data (holds it all; a larger one only costs the remote memory).
    dict_size = max(4096, (1 << (len(data).bit_length() - 1)) * 2)
    body = lzma.compress(data, format=lzma.FORMAT_ALONE,
                         filters=[{"id": lzma.FILTER_LZMA1, "preset": 9,
                                   "dict_size": dict_size}])
    return struct.pack(">II", zlib.crc32(data) & 0xFFFFFFFF, len(body)) + body + zlib.compress(data, 9)


def _write_if_changed(path, data):
    """Writes data (None: removes the file); False if the file already held it."""
    try:
        with open(path, "rb") as f:
            if data is not None and f.read() == data:
                # Rewriting it would make the jar, and every module that depends on it, stale:
                # a build with nothing changed would recompile them all.
                return False
    except OSError:
        if data is None:
            return False
    if data is None:
        os.remove(path)
        return True
    with open(path, "wb") as f:
        f.write(data)
    return True


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
