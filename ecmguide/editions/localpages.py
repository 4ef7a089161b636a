"""A task force's own Markdown pages (jurisdictions/<edition>/*.md): checks with messages, and the
safe source the build renders.

They come in by pull request like overlays, so they are untrusted. The guarantee is the build's:
a local page is never evaluated as a template (its placeholders become unguessable tokens), its
front matter is rebuilt from checked, escaped values, and its rendered HTML is cleaned by
sanitize.py before the guide's own HTML (contacts, fact boxes) is put in the tokens' place.

The checks here come first and explain: template code, raw HTML, links other than web, mail,
phone or relative ones, images that are not files of the edition's folder, and front matter other
than a short plain title and description are refused with file and line.
"""

from __future__ import annotations

import functools
import html.parser
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from ecmguide.core.errors import InputError, Problem
from ecmguide.core.textsafety import unsafe_character
from ecmguide.editions.budgets import MAX_PAGE_BYTES

ALLOWED_PLACEHOLDERS = re.compile(
    r"\{\{\s*(jurisdiction|task_force_contacts\(\)|facts_table\(\)|federal_table\(\)|"
    r'in_jurisdiction\("[a-z-]+"\)|handout_link\("[a-z-]+"\))\s*\}\}'
)
PLACEHOLDER_PARTS = re.compile(r'([a-z_]+)(?:\((?:"([a-z-]+)")?\))?')
INLINE_PLACEHOLDERS = {"jurisdiction"}
PLACEHOLDER_NAMES = {
    "jurisdiction": "{{ jurisdiction }}",
    "task_force_contacts": "{{ task_force_contacts() }}",
    "facts_table": "{{ facts_table() }}",
    "federal_table": "{{ federal_table() }}",
    "in_jurisdiction": '{{ in_jurisdiction("advocates") }}',
    "handout_link": '{{ handout_link("advocates") }}',
}
TEMPLATE = re.compile(r"\{\{|\{%|\{#|%\}|#\}")
RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
LINK_SCHEMES = ("http", "https", "mailto", "tel")
FRONT_MATTER_KEYS = {"title": 120, "description": 300}  # key -> longest value, in characters
MAX_FRONT_MATTER_BYTES = 2048
IMAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,100}\.(png|jpe?g|webp)")  # a file in the edition's folder
IMAGE_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n", "PNG"),
    ".jpg": (b"\xff\xd8\xff", "JPEG"),
    ".jpeg": (b"\xff\xd8\xff", "JPEG"),
    ".webp": (b"RIFF", "WEBP"),
}
MAX_IMAGE_BYTES = 512 * 1024
MAX_IMAGE_PIXELS = 4096 * 4096


# ---------------------------------------------------------------- front matter


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter block or None, body, number of lines before the body), by mkdocs' own rule."""
    from ecmguide.core.generator import front_matter_re

    YAML_RE = front_matter_re()
    m = YAML_RE.match(text)
    if not m:
        return None, text, 0
    return m.group(1), text[m.end() :], text[: m.end()].count("\n")


def front_matter(block: str | None, display: str) -> tuple[dict[str, str], list[Problem]]:
    """The checked front matter values; problems name the page and the line."""
    from ecmguide.core import safeyaml
    from ecmguide.law.valuechecks import LABEL_FORBIDDEN

    if block is None:
        return {}, []
    size = len(block.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        return {}, [
            Problem(
                display,
                1,
                "",
                f"front matter is {size} bytes; keep it under {MAX_FRONT_MATTER_BYTES} "
                "(a title and a description only)",
            )
        ]
    try:
        data, lines = safeyaml.loads(block.encode("utf-8"), display)  # bounded: no aliases, no tags, no depth
    except InputError as exc:
        return {}, [
            Problem(p.file, p.line + 1 if p.line else 1, p.field, f"front matter: {p.message}") for p in exc.problems
        ]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(display, 2, "", "front matter must be fields such as title: and description:")]
    out, problems = {}, []
    for key, value in data.items():
        line = lines.get((key,), 1) + 1
        if key not in FRONT_MATTER_KEYS:
            problems.append(
                Problem(
                    display,
                    line,
                    str(key),
                    "not allowed in a local page's front matter; "
                    f"use only {', '.join(FRONT_MATTER_KEYS)}, or delete it",
                )
            )
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(display, line, key, 'expected plain text in quotes, e.g. "Local resources"'))
            continue
        value = value.strip()
        limit = FRONT_MATTER_KEYS[key]
        found = unsafe_character(value)
        bad = LABEL_FORBIDDEN.search(value)
        if len(value) > limit:
            problems.append(Problem(display, line, key, f"is {len(value)} characters; keep it under {limit}"))
        elif found:
            problems.append(Problem(display, line, key, f"contains {found[1]}; delete it and type the text plainly"))
        elif bad:
            problems.append(
                Problem(
                    display,
                    line,
                    key,
                    f"contains {bad.group(0)!r}; front matter is plain text (no < > {{ }} [ ] ` * _ | # \\)",
                )
            )
        else:
            out[key] = value
    return out, problems


# ---------------------------------------------------------------- what a page links to


class _Refs(html.parser.HTMLParser):
    """Every link target and image source of rendered HTML (entities decoded, as a browser reads them)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if tag == "a" and name == "href" and value is not None:
                self.links.append(value)
            elif tag == "img" and name == "src" and value is not None:
                self.images.append(value)


def _render(body: str) -> str:
    from ecmguide.editions.localrender import render

    return render(ALLOWED_PLACEHOLDERS.sub("", body))[0]


@functools.lru_cache(maxsize=256)
def references(text: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(link targets, image sources) of a page as it is rendered, each with its line in the file: reference-style
    links and links split over lines included (the targets come from the parse, not from the source text)."""
    from ecmguide.editions.localrender import targets

    _, body, offset = split_front_matter(text)
    links, images = targets(ALLOWED_PLACEHOLDERS.sub("", body))
    return (
        [(t, line + offset if line else 0) for t, line in links],
        [(s, line + offset if line else 0) for s, line in images],
    )


def page_images(text: str) -> list[str]:
    """The edition-folder image files a page shows (only plain file names can be; see check_page)."""
    return sorted({src for src, _ in references(text)[1] if IMAGE_NAME.fullmatch(src)})


def scheme(url: str) -> str:
    return urlsplit(url.strip()).scheme.lower()  # urlsplit drops tabs and newlines, as browsers do


def _line_of(text: str, needle: str) -> int:
    for probe in (needle, needle.strip()[:40], needle.replace("&", "&amp;")):
        if probe and probe in text:
            return text[: text.index(probe)].count("\n") + 1
    return 0


# ---------------------------------------------------------------- image files


def check_image_file(path: Path, display: str) -> str | None:
    """Why an image file (a logo or a page's picture) cannot be published, or None."""
    suffix = path.suffix.lower()
    if suffix not in IMAGE_MAGIC:
        return f"{display} must be one of: {', '.join(IMAGE_MAGIC)}"
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return (
            f"{display} is {size // 1024} KB, over the {MAX_IMAGE_BYTES // 1024} KB limit for images; make it smaller"
        )
    data = path.read_bytes()
    magic, kind = IMAGE_MAGIC[suffix]
    if not data.startswith(magic) or (kind == "WEBP" and data[8:12] != b"WEBP"):
        return f"{display} is not a {kind} image (its content does not match its {suffix} extension); save it as {kind}"
    try:
        import io

        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            if img.format != kind:
                return f"{display} is not a {kind} image; save it as {kind}"
            if img.width * img.height > MAX_IMAGE_PIXELS:
                return f"{display} is {img.width}x{img.height} pixels; keep it under 4096x4096"
            img.verify()
    except Exception as exc:  # Pillow's errors for damaged files are of many kinds
        return f"{display} cannot be read as a {kind} image ({type(exc).__name__}); save it again"
    return None


# ---------------------------------------------------------------- the checks


def _template_message(text: str) -> str:
    """Template code that is not one of the placeholders: suggest the nearest placeholder by name."""
    import difflib

    name = re.search(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)", text)
    hint = difflib.get_close_matches(name.group(1).lower(), list(PLACEHOLDER_NAMES), n=1, cutoff=0.6) if name else []
    if hint:
        return (
            f"unknown placeholder {name.group(1)!r}; did you mean {PLACEHOLDER_NAMES[hint[0]]}? Local pages may use "
            "only the guide's placeholders"
        )
    return (
        "template code is not allowed in local pages; only the guide's placeholders, e.g. "
        "{{ task_force_contacts() }} or {{ jurisdiction }}"
    )


def read_utf8(raw: bytes, display: str) -> tuple[str, Problem | None]:
    """A page's text, or a problem naming the line and byte where it stops being UTF-8."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", Problem(
            display,
            line,
            "",
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02X}); save the page "
            "as UTF-8 (in most editors: Save as, Encoding: UTF-8)",
        )


def check_page(text: str, display: str, folder: Path | None = None, folder_display: str = "") -> list[Problem]:
    problems = []
    if len(text.encode("utf-8")) > MAX_PAGE_BYTES:
        return [
            Problem(
                display,
                0,
                "",
                f"page is {len(text.encode('utf-8')) // 1024} KB, over the limit of "
                f"{MAX_PAGE_BYTES // 1024} KB for one local page; split it",
            )
        ]
    block, body, offset = split_front_matter(text)
    _, fm_problems = front_matter(block, display)
    problems += fm_problems
    from ecmguide.law.schema import DISCIPLINES

    for n, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if n <= offset:
            continue
        remainder = ALLOWED_PLACEHOLDERS.sub("", line)
        if TEMPLATE.search(remainder):
            problems.append(Problem(display, n, "", _template_message(remainder)))
        if RAW_HTML.search(line):
            problems.append(Problem(display, n, "", "raw HTML is not allowed in local pages; write Markdown"))
        for m in ALLOWED_PLACEHOLDERS.finditer(line):
            if m.group(1) not in INLINE_PLACEHOLDERS and line.strip() != m.group(0):
                problems.append(Problem(display, n, "", f"put {m.group(0)} on a line of its own"))
            arg = PLACEHOLDER_PARTS.fullmatch(m.group(1)).group(2)
            if arg and arg not in DISCIPLINES:
                problems.append(
                    Problem(display, n, "", f'unknown discipline "{arg}"; use one of: {", ".join(DISCIPLINES)}')
                )
        found = unsafe_character(line)
        if found and "TAB" not in found[1]:
            problems.append(Problem(display, n, "", f"contains {found[1]}; delete it and type the text plainly"))
    if problems:
        return problems  # links are read from rendered HTML, which needs a well-formed page
    links, images = references(text)
    for target, line in links:
        if scheme(target) not in ("", *LINK_SCHEMES):
            problems.append(
                Problem(
                    display,
                    line or _line_of(text, target),
                    "",
                    f"link to {target[:40]!r} is not allowed; "
                    "use an https:// address, mailto:, tel: or a page of the guide",
                )
            )
    where = f"{folder_display}/" if folder_display else "the edition's folder"
    for src, line in images:
        line = line or _line_of(text, src)
        if not IMAGE_NAME.fullmatch(src):
            problems.append(
                Problem(
                    display,
                    line,
                    "",
                    f"image {src[:60]!r} is not allowed; local pages show only "
                    f"image files from {where} (.png, .jpg, .webp), e.g. ![Map of the county](map.png)",
                )
            )
            continue
        if folder is None:
            continue
        path = folder / src
        if path.is_symlink() or not path.is_file():
            problems.append(
                Problem(display, line, "", f"image {src!r} is not a file in {where}; add the file or fix the name")
            )
            continue
        why = check_image_file(path, f"{folder_display}/{src}")
        if why:
            problems.append(Problem(display, line, "", f"image {why}"))
    return problems


# ---------------------------------------------------------------- the source the build renders


def prepare(text: str, display: str) -> tuple[str, dict[str, tuple[str, str]]]:
    """The page as the build renders it, and its placeholder tokens.

    Front matter is rebuilt from checked values (escaped, as JSON, which mkdocs reads as YAML) with
    render_macros: false, so the macros plugin never evaluates the page; each placeholder becomes a
    random token (a page cannot know it, so it cannot fake one) mapped to (name, argument).
    """
    import json

    from markupsafe import escape

    problems = check_page(text, display)
    if problems:
        raise InputError(problems)
    block, body, _ = split_front_matter(text)
    meta, _ = front_matter(block, display)
    tokens: dict[str, tuple[str, str]] = {}

    def token(m: re.Match) -> str:
        name, arg = PLACEHOLDER_PARTS.fullmatch(m.group(1)).groups()
        key = f"ecmph{secrets.token_hex(12)}"
        tokens[key] = (name, arg or "")
        return key

    body = ALLOWED_PLACEHOLDERS.sub(token, body)
    header = {k: str(escape(v)) for k, v in meta.items()}
    header["render_macros"] = False
    return f"---\n{json.dumps(header, ensure_ascii=True)}\n---\n\n{body}", tokens


def edition_files(root: Path, edition) -> list[str]:
    """Files of an edition's folder that reach its site: pages, the images they show, the logo."""
    folder = Path(edition.file).with_suffix("")  # jurisdictions/<code>/
    out = [p.file for p in edition.extra_pages]
    for page in edition.extra_pages:
        text = (root / page.file).read_text(encoding="utf-8", errors="replace")
        out += [str(folder / name) for name in page_images(text)]
    if edition.logo:
        out.append(edition.logo)
    return sorted(set(out))
