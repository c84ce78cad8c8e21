"""Prints what PythonScanner should find in Python sources, as read by Python's own ast.

Usage: python3 ast_outline.py FILE...  For each file: a line "=== FILE", then either "!error" (Python
cannot parse it, or it is not UTF-8) or the outline, in the format ScannerCrossCheckTest renders.
"""
import ast
import re
import sys

if sys.version_info < (3, 8):
    sys.exit(3)  # ast.get_source_segment and positional-only parameters arrived in 3.8

KINDS = ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD", "VAR_POSITIONAL", "KEYWORD_ONLY", "VAR_KEYWORD")


class Source:
    """ast.get_source_segment, but with the lines split once: it is called thousands of times."""

    def __init__(self, text):
        # Only the line ends ast counts: str.splitlines would also split at form feeds.
        self.lines = [line.encode("utf-8") for line in re.split(r"(?<=\n)|(?<=\r)(?!\n)", text)]

    def segment(self, node):
        if node is None:
            return None
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            return self.lines[first][node.col_offset:node.end_col_offset].decode("utf-8")
        parts = [self.lines[first][node.col_offset:]] + self.lines[first + 1:last]
        parts.append(self.lines[last][:node.end_col_offset])
        return b"".join(parts).decode("utf-8")


def seg(source, node):
    return unwrap(source.segment(node))


def unwrap(value):
    """Drops parentheses around a whole expression: the scanner keeps them, ast does not."""
    while value is not None and value.startswith("(") and value.endswith(")") and wraps(value):
        value = value[1:-1].strip()
    return value


def wraps(value):
    depth = 0
    for i, c in enumerate(value):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0 and i < len(value) - 1:
                return False
    return True


def text(value):
    if value is None:
        return "-"
    return "'" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + "'"


def texts(values):
    return "[" + ", ".join(text(v) for v in values) + "]"


def head(node):
    """The last part of a dotted name made only of names, else None."""
    parts = node
    while isinstance(parts, ast.Attribute):
        parts = parts.value
    if not isinstance(parts, ast.Name):
        return None
    return node.attr if isinstance(node, ast.Attribute) else node.id


def named_tuple(source, stmt, prefix, out, depth):
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
        return False
    call = stmt.value
    if not isinstance(call, ast.Call):
        return False
    kind = head(call.func)
    if kind not in ("namedtuple", "NamedTuple"):
        return False
    target = stmt.targets[0]
    keywords = {k.arg: k.value for k in call.keywords if k.arg is not None}
    spec = call.args[1] if len(call.args) > 1 else keywords.get("fields" if kind == "NamedTuple" else "field_names")
    fields = []
    if kind == "NamedTuple":
        if spec is not None:
            if isinstance(spec, (ast.List, ast.Tuple)):
                for e in spec.elts:
                    if isinstance(e, ast.Tuple) and len(e.elts) == 2 and isinstance(e.elts[0], ast.Constant) \
                            and isinstance(e.elts[0].value, str):
                        fields.append((e.elts[0].value, seg(source, e.elts[1]), None))
        else:
            for k in call.keywords:
                if k.arg is not None and k.arg != "typename":
                    fields.append((k.arg, seg(source, k.value), None))
    elif spec is not None:
        names = []
        if isinstance(spec, ast.Constant) and isinstance(spec.value, str):
            names = spec.value.replace(",", " ").split()
        elif isinstance(spec, (ast.List, ast.Tuple)):
            names = [e.value.strip() for e in spec.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        defaults = keywords.get("defaults")
        given = [seg(source, e) for e in defaults.elts] if isinstance(defaults, (ast.List, ast.Tuple)) else []
        first = len(names) - len(given)
        for i, name in enumerate(names):
            fields.append((name, None, given[i - first] if i >= first and i - first >= 0 else None))
    pad = "  " * depth
    out.append("%sclass %s line=%d bases=['namedtuple'] decorators=[]" % (pad, prefix + target.id, target.lineno))
    for name, annotation, default in fields:
        out.append("%s  field %s line=%d ann=%s default=%s" % (pad, name, target.lineno, text(annotation), text(default)))
    return True


def params(source, args):
    out = []
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for i, a in enumerate(positional):
        kind = KINDS[0] if i < len(args.posonlyargs) else KINDS[1]
        out.append((a.arg, kind, seg(source, a.annotation), seg(source, defaults[i])))
    if args.vararg:
        out.append((args.vararg.arg, KINDS[2], seg(source, args.vararg.annotation), None))
    for a, d in zip(args.kwonlyargs, args.kw_defaults):
        out.append((a.arg, KINDS[3], seg(source, a.annotation), seg(source, d)))
    if args.kwarg:
        out.append((args.kwarg.arg, KINDS[4], seg(source, args.kwarg.annotation), None))
    return out


def outline_class(source, node, prefix, out, depth):
    pad = "  " * depth
    name = prefix + node.name
    out.append("%sclass %s line=%d bases=%s decorators=%s" % (
        pad, name, node.lineno, texts(seg(source, b) for b in node.bases),
        texts(seg(source, d) for d in node.decorator_list)))
    methods, fields, assigns, nested = [], [], [], []
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            methods.append("%s  def %s line=%d async=%s decorators=%s returns=%s" % (
                pad, stmt.name, stmt.lineno, isinstance(stmt, ast.AsyncFunctionDef),
                texts(seg(source, d) for d in stmt.decorator_list), text(seg(source, stmt.returns))))
            for p in params(source, stmt.args):
                methods.append("%s    param %s %s ann=%s default=%s" % (pad, p[0], p[1], text(p[2]), text(p[3])))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.simple:
            fields.append("%s  field %s line=%d ann=%s default=%s" % (
                pad, stmt.target.id, stmt.target.lineno, text(seg(source, stmt.annotation)),
                text(seg(source, stmt.value))))
        elif isinstance(stmt, ast.ClassDef):
            outline_class(source, stmt, name + ".", nested, depth + 1)
        elif named_tuple(source, stmt, name + ".", nested, depth + 1):
            pass
        elif isinstance(stmt, ast.Assign) and all(isinstance(t, ast.Name) for t in stmt.targets):
            for t in stmt.targets:
                assigns.append("%s  assign %s line=%d value=%s" % (pad, t.id, t.lineno, text(seg(source, stmt.value))))
    out.extend(methods + fields + assigns + nested)


def outline(text):
    tree = ast.parse(text)
    source = Source(text)
    out = []
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef):
            outline_class(source, stmt, "", out, 0)
        else:
            named_tuple(source, stmt, "", out, 0)
    return out


def main():
    for path in sys.argv[1:]:
        print("=== " + path)
        try:
            with open(path, encoding="utf-8") as f:
                source = f.read()
            lines = outline(source)
        except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError, MemoryError):
            print("!error")
            continue
        for line in lines:
            print(line)


sys.stdout.reconfigure(encoding="utf-8")
main()
