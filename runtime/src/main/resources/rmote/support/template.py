"""rmote.support.template: the engine behind rmote.protocol.Template.

It turns a template into Python code, one line of code per line of template (str.splitlines), so
a traceback's line number is the template's; compile_template(source) gives that code, which
appends each output line to __out, and every structure error is a SyntaxError with the template
line and column. A support module (docs/tools.md): the controller sends it once per connection,
with the first tool whose source mentions Template or render_template."""

_OPEN = ("for", "if", "while", "with", "try", "def", "class")
_CONT = ("elif", "else", "except", "finally")
_END = ("endfor", "endif", "endwhile", "endwith", "endtry", "end")


def _error(message, number, column, line):
    return SyntaxError(message, ("<template>", number, column, line))


def _split_interpolations(line, number):
    parts = []
    text = []
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c == "\\" and line.startswith("${", i + 1):
            text.append("${")
            i += 3
            continue
        if c == "$" and i + 1 < n and line[i + 1] == "{":
            j = i + 2
            depth = 1
            quote = None
            while j < n:
                ch = line[j]
                if quote:
                    if ch == "\\":
                        j += 1
                    elif line.startswith(quote, j):
                        j += len(quote) - 1
                        quote = None
                elif ch in "\"'":
                    quote = line[j:j + 3] if line[j:j + 3] in ('"' * 3, "'" * 3) else ch
                    j += len(quote) - 1
                elif ch in "([{":
                    depth += 1
                elif ch in ")]}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n:
                raise _error("unterminated ${", number, i + 1, line)
            if text:
                parts.append(repr("".join(text)))
                text = []
            parts.append("__str(%s)" % line[i + 2:j])
            i = j + 1
            continue
        text.append(c)
        i += 1
    if text:
        parts.append(repr("".join(text)))
    return parts


def compile_template(source):
    code = []
    blocks = []
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        pad = "    " * len(blocks)
        if stripped.startswith("##"):
            code.append("")
            continue
        if stripped.startswith("%") and not stripped.startswith("%%"):
            stmt = stripped[1:].strip()
            word = stmt.split(None, 1)[0].rstrip(":(") if stmt else "end"
            column = line.index("%") + 1
            if word in _END:
                if not blocks:
                    raise _error("%% %s closes no open block" % (stmt or ""), number, column, line)
                blocks.pop()
                code.append(pad + "pass")
            elif word in _CONT:
                if not blocks:
                    raise _error("%% %s outside a block" % word, number, column, line)
                code.append("    " * (len(blocks) - 1) + (stmt if stmt.endswith(":") else stmt + ":"))
            elif word in _OPEN or stmt.endswith(":"):
                code.append(pad + (stmt if stmt.endswith(":") else stmt + ":"))
                blocks.append((number, column, line))
            else:
                code.append(pad + stmt)
            continue
        if stripped.startswith("%%"):
            line = line.replace("%%", "%", 1)
        parts = _split_interpolations(line, number)
        code.append(pad + "__out.append(%s)" % (" + ".join(parts) if parts else "''"))
    if blocks:
        number, column, line = blocks[-1]
        raise _error("block not closed (no end line for it)", number, column, line)
    return "\n".join(code) + "\n"


_compiled = {}


def render_function(source):
    """The render function of `source` (keyword arguments: the variables); the same function for
    the same source while it stays among the last 256 compiled."""
    fn = _compiled.get(source)
    if fn is None:
        code = _code(source)

        def fn(**variables):
            return _run(code, source, variables)

        if len(_compiled) >= 256:
            _compiled.clear()
        _compiled[source] = fn
    return fn


def _code(source):
    text = compile_template(source)
    try:
        return compile(text, "<template>", "exec")
    except SyntaxError as e:
        lines = source.splitlines()
        line = lines[e.lineno - 1] if e.lineno and e.lineno <= len(lines) else None
        raise SyntaxError("%s in template line %s" % (e.msg, e.lineno), ("<template>", e.lineno, None, line))


def _run(code, source, variables):
    out = []
    ns = dict(variables)
    ns["__out"] = out
    ns["__str"] = str
    try:
        exec(code, ns)
    except NameError as e:
        number = None
        tb = e.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<template>":
                number = tb.tb_lineno
            tb = tb.tb_next
        if number is None:
            raise
        lines = source.splitlines()
        error = NameError("%s (template line %d: %s)" % (e, number, lines[number - 1].strip()))
        error.template_line = number
        raise error from None
    return "\n".join(out)
