"""Strict, bounded YAML loading that remembers the line of every key.

Overlay files come from pull requests, so they are untrusted: no anchors or aliases (alias bombs),
no custom tags, no duplicate keys, bounded size and depth. Every failure is a Problem with a line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ecmguide.core.errors import InputError, Problem

MAX_BYTES = 512 * 1024
MAX_DEPTH = 12
ALLOWED_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
PLAIN_TEXT_TAGS = {"tag:yaml.org,2002:value", "tag:yaml.org,2002:merge"}  # "=" and "<<" typed as values

Path_ = tuple  # a path into the document: keys and list indices


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases and deep nesting while composing."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "anchors and aliases (*name) are not allowed; write the value out", event.start_mark
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                None, None, "anchors (&name) are not allowed; write the value out", event.start_mark
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(None, None, f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load(path: Path, display: str | None = None) -> tuple[object, dict[Path_, int]]:
    """Return (data, lines) for a YAML file, or raise InputError naming file and line."""
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError([Problem(name, 0, "", f"cannot read the file ({exc.strerror}); check the path")]) from None
    if size > MAX_BYTES:
        raise InputError(
            [
                Problem(
                    name,
                    0,
                    "",
                    f"file is {size} bytes, over the {MAX_BYTES}-byte limit; an overlay should be a few kilobytes",
                )
            ]
        )
    raw = path.read_bytes()
    return loads(raw, name)


def loads(raw: bytes, name: str) -> tuple[object, dict[Path_, int]]:
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(name, 0, "", f"file is {len(raw)} bytes, over the {MAX_BYTES}-byte limit")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(name, line, "", "not valid UTF-8 text; save the file as UTF-8")]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    node = _compose_fast(text)
    loader = None
    try:
        if node is _SLOW:  # the bounded pure-Python loader: it also words every error precisely
            loader = _Loader(text)
            node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = (exc.problem or str(exc)).strip()
        if "\\t" in problem or "'\\t'" in problem or "tab" in problem.lower():
            problem += " (tabs are not allowed for indentation; use spaces)"
        raise InputError(
            [Problem(name, line, "", f"YAML syntax error at column {mark.column + 1 if mark else 0}: {problem}")]
        ) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    "",
                    f"control character #x{exc.character:04x} is not allowed; "
                    "delete it (it is often pasted in invisibly)",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, 0, "", f"YAML error: {' '.join(str(exc).split())}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None, {(): 1}
    lines: dict[Path_, int] = {}
    problems: list[Problem] = []
    data = _construct(node, (), lines, problems, name, _ScalarBuilder())
    if problems:
        raise InputError(problems)
    return data, lines


_SLOW = object()


def _compose_fast(text: str):
    """The node tree by libyaml, when it is available and the text holds no anchor, alias or deep nesting.

    The events are read first (in C) and checked for what the pure-Python loader refuses; anything
    unusual, or any error, returns _SLOW so that loader runs and words the problem with its line.
    """
    if not getattr(yaml, "__with_libyaml__", False):
        return _SLOW
    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return _SLOW
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth >= MAX_DEPTH:
                    return _SLOW
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return _SLOW


def _construct(node, path, lines, problems, name, scalars):
    lines.setdefault(path, node.start_mark.line + 1)
    if node.tag in PLAIN_TEXT_TAGS and isinstance(node, yaml.ScalarNode):
        return node.value
    if node.tag not in ALLOWED_TAGS:
        problems.append(Problem(name, node.start_mark.line + 1, _dotted(path), f"unknown tag {node.tag!r}; remove it"))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(name, key_node.start_mark.line + 1, _dotted(path), "keys must be plain words"))
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in out:
                problems.append(
                    Problem(
                        name,
                        line,
                        _dotted(path + (key,)),
                        f"duplicate key (first at line {lines[path + (key,)]}); keep one",
                    )
                )
                continue
            lines[path + (key,)] = line
            out[key] = _construct(value_node, path + (key,), lines, problems, name, scalars)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (i,), lines, problems, name, scalars) for i, item in enumerate(node.value)]
    try:
        return yaml.SafeLoader.construct_object(scalars, node)
    except (yaml.YAMLError, ValueError) as exc:
        if node.tag.endswith(":timestamp"):
            return node.value  # looks like a date but is not one: the validator explains dates
        problems.append(Problem(name, node.start_mark.line + 1, _dotted(path), f"cannot read value: {exc}"))
        return None


class _ScalarBuilder(yaml.SafeLoader):
    def __init__(self):  # no stream needed: only scalar construction is used
        yaml.constructor.SafeConstructor.__init__(self)


def _dotted(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
