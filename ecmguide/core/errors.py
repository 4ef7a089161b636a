"""One error type for bad input, carrying problems that name file, line and field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" fails the build; "warning" is only reported

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = f"{self.field}: " if self.field else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{label}{self.message}"


class InputError(Exception):
    """Raised when overlays, manifests or pages are not usable; str() is ready to print."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
