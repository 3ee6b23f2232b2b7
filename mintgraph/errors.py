"""Problems found in user data, and the one exception type that carries them.

Example
-------
>>> p = Problem("actors.csv", 5, "region", "unknown district code '06999'")
>>> str(p)
"actors.csv, row 5, column 'region': unknown district code '06999'"
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in the input, located by file, row (line in the file) and column.

    ``row`` is the line number in the file as a text editor or spreadsheet shows it
    (the header is row 1, the first data row is row 2); ``None`` when the problem
    concerns the whole file.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    hint: str = ""
    severity: str = "error"  # "error" stops the analysis, "warning" does not

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = f"{', '.join(where)}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def to_dict(self) -> dict[str, object]:
        """Return the problem as a plain dict (for JSON output)."""
        return asdict(self)


class DataError(Exception):
    """Raised when input data cannot be used; carries every problem found.

    ``str(error)`` is one line: the first problem, and how many more there are.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == "error"] or list(problems)
        first = str(self.problems[0]) if self.problems else "invalid data"
        more = len(self.problems) - 1
        suffix = (
            f" (and {more} more problem{'s' if more != 1 else ''}; run 'mintgraph validate')" if more else ""
        )
        super().__init__(first + suffix)
