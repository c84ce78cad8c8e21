"""Template: renders the runtime's Mako-like templates on the remote (rmote.protocol.Template),
to a string or atomically to a file with a diff."""
import typing

from rmote.protocol import Template as TemplateRenderer
from rmote.protocol import Tool
from rmote.support.files import write_file

_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class FileMode(typing.NamedTuple):
    octal: str


class FileChange(typing.NamedTuple):
    path: str
    changed: bool
    diff: str
    in_place: bool
    warnings: typing.List[str]


def _render(template, keep_trailing_newline, variables, kwargs):
    if variables:
        kwargs = dict(variables, **kwargs)
    text = template.render(**kwargs)
    if keep_trailing_newline and template.source[-1:] and template.source[-1] in _BREAKS:
        text += "\n"
    return text


class Template(Tool):
    @staticmethod
    def render(
        template: str,
        *,
        keep_trailing_newline: bool = False,
        variables: typing.Optional[typing.Dict[str, str]] = None,
        **kwargs: object
    ) -> str:
        return _render(TemplateRenderer(template), keep_trailing_newline, variables, kwargs)

    @staticmethod
    def render_file(
        path: str,
        *,
        keep_trailing_newline: bool = False,
        variables: typing.Optional[typing.Dict[str, str]] = None,
        **kwargs: object
    ) -> str:
        with open(path, encoding="utf-8") as f:
            template = f.read()
        return _render(TemplateRenderer(template), keep_trailing_newline, variables, kwargs)

    @staticmethod
    def render_compiled(
        template: "rmote.protocol.Template",
        *,
        keep_trailing_newline: bool = False,
        variables: typing.Optional[typing.Dict[str, str]] = None,
        **kwargs: object
    ) -> str:
        return _render(template, keep_trailing_newline, variables, kwargs)

    @staticmethod
    def render_to(
        path: str,
        template: "rmote.protocol.Template",
        *,
        mode: typing.Optional[FileMode] = None,
        owner: typing.Optional[str] = None,
        group: typing.Optional[str] = None,
        keep_trailing_newline: bool = False,
        dry_run: bool = False,
        variables: typing.Optional[typing.Dict[str, str]] = None,
        **kwargs: object
    ) -> FileChange:
        """Renders `template` (a Template, or its source as a str) and writes the result to
        `path` atomically, as FileSystem.write_str does; keeps the template's final line break
        when asked: a cron.d entry needs it (fabric #1388)."""
        if isinstance(template, str):
            template = TemplateRenderer(template)
        text = _render(template, keep_trailing_newline, variables, kwargs)
        bits = None if mode is None else (mode if isinstance(mode, int) else int(mode.octal, 8))
        w = write_file(path, text.encode("utf-8"), bits, owner, group, dry_run)
        return FileChange(path, w.changed, w.diff, w.in_place, list(w.warnings))
