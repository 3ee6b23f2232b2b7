"""Reading input tables from CSV files or one Excel workbook, keeping line numbers for messages.

Files are only ever opened for reading. Every cell is read as text; typing and
checking happen in :mod:`mintgraph.validate`, which reports problems with the
``line`` recorded here.

What a German Excel produces is read as it is:

* **encoding** — UTF-8 with or without byte-order mark, else Windows-1252 (what
  "CSV (Trennzeichen-getrennt)" writes); a file with NUL bytes is not text;
* **delimiter** — comma, semicolon or tab, chosen by which one splits the header into
  the most known column names (:func:`sniff_delimiter`);
* **column names** — matched case-, space-, hyphen- and underscore-insensitively, and
  German aliases (``Name``, ``Typ``, ``Kreis`` …, see ``docs/data-format.md``) map to the
  canonical names (:func:`canonical_header`);
* **workbooks** — one ``.xlsx`` file with a sheet per table (:func:`read_workbook`).

Example
-------
>>> from pathlib import Path
>>> from mintgraph.schema import TABLES
>>> raw = read_table(Path("data/actors.csv"), TABLES["actors"])  # doctest: +SKIP
>>> raw.rows[0].line, raw.rows[0].values["id"]                   # doctest: +SKIP
(2, 'regionalmanagement-nordhessen')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from mintgraph.errors import Problem
from mintgraph.schema import TABLES, Table

MAX_FIELD_SIZE = 1_000_000

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""The characters :meth:`str.splitlines` splits at: a line of a file ends at each."""

CELL_SPACES = "\t\x1f \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
"""The other whitespace (what :meth:`str.strip` removes): it can stand inside a line."""


@dataclass
class RawRow:
    """One data row: its first line number in the file and its cells by column name."""

    line: int
    values: dict[str, str]


@dataclass
class RawTable:
    """A table as read from disk, before validation, held column by column.

    ``columns`` maps every header name to the stripped cells of that column, and
    ``lines[i]`` is the line (or spreadsheet row) where data row ``i`` starts. The rows
    are also available one by one as :attr:`rows`; :meth:`from_rows` builds a table
    from them.

    >>> raw = RawTable.from_rows(TABLES["actors"], Path("actors.csv"), ["id", "name"],
    ...                          [RawRow(2, {"id": "a", "name": "A"}), RawRow(4, {"id": "b"})])
    >>> raw.columns, raw.lines
    ({'id': ['a', 'b'], 'name': ['A', '']}, [2, 4])
    >>> raw.rows[1]
    RawRow(line=4, values={'id': 'b', 'name': ''})
    """

    table: Table
    path: Path
    header: list[str] = field(default_factory=list)
    columns: dict[str, list[str]] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    present: bool = True
    label: str = ""  # how messages name the table's file; default: the file name

    def __post_init__(self) -> None:
        if not self.label:
            self.label = self.path.name

    @property
    def rows(self) -> list[RawRow]:
        """The data rows one by one (built on each access; use :attr:`columns` for speed)."""
        names = list(self.columns)
        cells = zip(*self.columns.values(), strict=True) if names else ([] for _ in self.lines)
        return [
            RawRow(line, dict(zip(names, row, strict=True)))
            for line, row in zip(self.lines, cells, strict=True)
        ]

    @classmethod
    def from_rows(
        cls,
        table: Table,
        path: Path,
        header: list[str],
        rows: list[RawRow],
        present: bool = True,
        label: str = "",
    ) -> RawTable:
        """A table from rows whose ``values`` hold stripped cells (a missing cell counts as empty)."""
        columns = {h: [row.values.get(h, "") for row in rows] for h in header}
        return cls(table, path, list(header), columns, [row.line for row in rows], present, label)


def normalise_header(name: str) -> str:
    """Column names match case-insensitively; spaces, hyphens and underscores count as one ``_``.

    >>> normalise_header("  Actor_ID "), normalise_header("Actor ID"), normalise_header("E-Mail")
    ('actor_id', 'actor_id', 'e_mail')
    """
    return re.sub(r"[\s_\-]+", "_", str(name).strip().lstrip("\ufeff").strip().casefold())


def header_names(table: Table) -> dict[str, str]:
    """Map every accepted (normalised) header name of ``table`` to its column's canonical name.

    >>> header_names(TABLES["actors"])["kreis"], header_names(TABLES["cooperations"])["partner_1"]
    ('region', 'source')
    """
    names: dict[str, str] = {}
    for col in table.columns:
        for alias in (col.name, *col.aliases):
            names.setdefault(normalise_header(alias), col.name)
    return names


def canonical_header(cells: list[str], table: Table) -> list[str]:
    """The header cells as canonical column names; unknown names stay as normalised.

    >>> canonical_header(["Name", "Typ", "Kreis", "Akteur-ID", "Farbe"], TABLES["actors"])
    ['name', 'type', 'region', 'id', 'farbe']
    """
    names = header_names(table)
    return [names.get(normalise_header(c), normalise_header(c)) for c in cells]


DELIMITERS = (",", ";", "\t")
"""The delimiters :func:`sniff_delimiter` chooses from."""


def sniff_delimiter(text: str, table: Table) -> str:
    """The delimiter that splits the first non-blank line into the most known column names.

    Ties go to the one giving more cells, then to the comma. Excel in a German locale
    writes semicolons (the comma is the decimal separator there).

    >>> sniff_delimiter("id;name;type;region\\na;Uni, Kassel;school;06611", TABLES["actors"])
    ';'
    >>> sniff_delimiter("id,name\\n", TABLES["actors"])
    ','
    """
    return _sniff_line(_first_line(text.splitlines()), table)


def _first_line(lines: list[str]) -> str:
    return next((line for line in lines if line.strip()), "")


def _sniff_line(first: str, table: Table) -> str:
    names = header_names(table)

    def rank(delimiter: str) -> tuple[int, int, int]:
        cells = next(csv.reader([first], delimiter=delimiter), [])
        known = sum(normalise_header(c) in names for c in cells)
        return known, len(cells), -DELIMITERS.index(delimiter)

    return max(DELIMITERS, key=rank)


def decode(data: bytes) -> tuple[str | None, str]:
    """Decode a file's bytes: UTF-8 (with or without BOM), else Windows-1252.

    Returns ``(text, encoding)``, or ``(None, reason)`` for binary data.

    >>> decode("Universität".encode("cp1252"))
    ('Universität', 'cp1252')
    >>> decode(b"\\xef\\xbb\\xbfid")
    ('id', 'utf-8-sig')
    >>> decode(b"PK\\x03\\x04\\x00\\x00")[0] is None
    True
    """
    if b"\x00" in data[:65536]:
        return None, "binary data (NUL bytes)"
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, "neither UTF-8 nor Windows-1252 text"


def read_table(path: Path, table: Table) -> tuple[RawTable, list[Problem]]:
    """Read one CSV file as text cells, with the line number of every row.

    A missing optional file yields an empty table with ``present=False``.
    Problems that make the file unreadable (missing required file, not UTF-8,
    no header, duplicate column names, rows longer than the header) are returned,
    not raised.
    """
    raw = RawTable(table=table, path=path)
    name = path.name
    if not path.is_file():
        raw.present = False
        if table.required:
            return raw, [Problem(name, None, None, "file is missing", f"expected in {path.parent}")]
        return raw, []
    try:
        data = path.read_bytes()
    except OSError as exc:
        return raw, [Problem(name, None, None, f"cannot be read: {exc.strerror}")]
    text, encoding = decode(data)
    if text is None:
        return raw, [Problem(name, None, None, f"not a text file: {encoding}", "save it as CSV UTF-8")]
    return read_text(text, table, path)


def read_text(
    text: str, table: Table, path: Path, *, careful: bool = False
) -> tuple[RawTable, list[Problem]]:
    """Read the decoded text of a CSV file (see :func:`read_table`) into a :class:`RawTable`.

    Lines are what :meth:`str.splitlines` splits on, and a quoted cell may span several
    of them. Blank rows and rows of only delimiters are skipped, empty cells beyond the
    header are dropped, and a row is numbered by the line where it starts.

    Text without a quote character is split directly (``careful=False``, the default);
    anything else, or ``careful=True``, goes through :mod:`csv`. Both give the same table
    and the same problems.

    >>> raw, problems = read_text('id;name\\na;"Zwei\\nZeilen"\\n\\n;;\\nb; B ;\\n', TABLES["actors"],
    ...                           Path("actors.csv"))
    >>> raw.header, raw.columns, raw.lines, problems
    (['id', 'name'], {'id': ['a', 'b'], 'name': ['Zwei\\nZeilen', 'B']}, [2, 6], [])
    """
    raw = RawTable(table=table, path=path)
    lines = text.splitlines()
    delimiter = _sniff_line(_first_line(lines), table)
    if not careful and _plain(text, lines):
        return _read_plain(raw, lines, delimiter, _may_need_strip(text, delimiter))
    csv.field_size_limit(MAX_FIELD_SIZE)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    return _read_rows(raw, reader)


def _plain(text: str, lines: list[str]) -> bool:
    """Whether splitting each line at the delimiter gives exactly what :mod:`csv` reads.

    It does without quote characters and NUL bytes, and while no line could hold a field
    longer than :mod:`csv` accepts (the limit is checked per character, a line's own end
    may count as one).
    """
    if '"' in text or "\x00" in text:
        return False
    return len(text) < MAX_FIELD_SIZE or max(map(len, lines), default=0) < MAX_FIELD_SIZE


def _may_need_strip(text: str, delimiter: str) -> bool:
    """Whether a cell of ``text`` split at line breaks and ``delimiter`` may start or end with whitespace.

    Such a cell has a whitespace character of :data:`CELL_SPACES` next to the start or end of
    the text, a delimiter or a line break.

    >>> _may_need_strip("id,name\\na,Uni Kassel\\n", ","), _may_need_strip("id,name\\na, Uni\\n", ",")
    (False, True)
    """
    spaces = [space for space in CELL_SPACES if space != delimiter and space in text]
    if not spaces:
        return False
    if text[:1] in spaces or text[-1:] in spaces:
        return True
    bounds = [delimiter, *(b for b in LINE_BREAKS if b in text)]
    return any(space + b in text or b + space in text for space in spaces for b in bounds)


def _read_plain(
    raw: RawTable, lines: list[str], delimiter: str, strip: bool = True
) -> tuple[RawTable, list[Problem]]:
    """Fill ``raw`` from lines without quotes: line ``i`` is row ``i + 1``.

    ``strip=False`` promises that no cell starts or ends with whitespace (see :func:`_may_need_strip`).
    """
    start = next((i for i, line in enumerate(lines) if line.replace(delimiter, "").strip()), None)
    if start is None:
        return raw, [_empty_file(raw)]
    problems = _set_header(raw, lines[start].split(delimiter), start + 1)
    body = lines[start + 1 :]
    width = len(raw.header)
    if problems:
        return raw, problems
    if not all(map((width - 1).__eq__, map(str.count, body, repeat(delimiter)))):
        kept: list[list[str]] = []
        starts: list[int] = []
        numbered = ((start + 2 + k, line.split(delimiter)) for k, line in enumerate(body))
        problems = _body(raw, numbered, kept, starts)
        _fill(raw, kept, starts)
        return raw, problems
    # every line has the header's number of cells: split all at once and take every width-th cell
    flat = delimiter.join(body).split(delimiter) if body else []
    _store(raw, flat, list(range(start + 2, start + 2 + len(body))), strip)
    return raw, []


def _store(raw: RawTable, flat: list[str], lines: list[int], strip: bool = True) -> None:
    """Store rows of exactly the header's width, given one after the other in ``flat``.

    Rows whose cells are all blank are dropped; ``strip=False`` promises stripped cells.
    """
    width = len(raw.header)
    columns = [flat[j::width] for j in range(width)]
    if strip:
        columns = [[*map(str.strip, column)] for column in columns]
    if width and "" in columns[0]:
        blank = {i for i, cell in enumerate(columns[0]) if not cell and not any(col[i] for col in columns)}
        if blank:
            keep = [i for i in range(len(lines)) if i not in blank]
            columns = [[col[i] for i in keep] for col in columns]
            lines = [lines[i] for i in keep]
    raw.columns = dict(zip(raw.header, columns, strict=True))
    raw.lines = lines


def _empty_file(raw: RawTable) -> Problem:
    return Problem(raw.label, None, None, "file is empty", "the first line must name the columns")


def _set_header(raw: RawTable, header_cells: list[str], header_line: int) -> list[Problem]:
    """Set ``raw.header`` from the header cells; problems: columns without a name or named twice."""
    name = raw.label
    while header_cells and not header_cells[-1].strip():
        header_cells = header_cells[:-1]
    raw.header = canonical_header(header_cells, raw.table)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for pos, col in enumerate(raw.header, start=1):
        if not col:
            problems.append(Problem(name, header_line, None, f"column {pos} has no name"))
        elif col in seen:
            first, second = header_cells[seen[col] - 1].strip(), header_cells[pos - 1].strip()
            same = "" if first == second else f": '{first}' and '{second}' mean the same"
            problems.append(
                Problem(
                    name,
                    header_line,
                    col,
                    f"column name appears twice (columns {seen[col]} and {pos}{same})",
                    "keep one of them",
                )
            )
        else:
            seen[col] = pos
    return problems


def _body(
    raw: RawTable, rows: Iterator[tuple[int, list[str]]], kept: list[list[str]], starts: list[int]
) -> list[Problem]:
    """Append the data rows (padded to the header's width) to ``kept`` and their lines to ``starts``."""
    problems: list[Problem] = []
    width = len(raw.header)
    for start, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        while len(cells) > width and not cells[-1].strip():
            cells = cells[:-1]  # trailing empty cells (a trailing delimiter, formatted sheet cells)
        if len(cells) > width:
            problems.append(
                Problem(
                    raw.label,
                    start,
                    None,
                    f"row has {len(cells)} cells but the header has {width}",
                    "check for an unquoted comma",
                )
            )
            continue
        kept.append(cells + [""] * (width - len(cells)) if len(cells) < width else cells)
        starts.append(start)
    return problems


def _fill(raw: RawTable, kept: list[list[str]], starts: list[int]) -> None:
    """Store the padded rows ``kept`` column by column, cells stripped."""
    columns = zip(*kept, strict=True) if kept else ([] for _ in raw.header)
    raw.columns = {h: [*map(str.strip, col)] for h, col in zip(raw.header, columns, strict=True)}
    raw.lines = starts


def _read_rows(raw: RawTable, reader: Iterator[list[str]]) -> tuple[RawTable, list[Problem]]:
    """Fill ``raw`` from a row iterator (a csv reader, or sheet rows) with line numbers.

    A csv error ends the table: the rows before it are kept, and the error comes last.
    """
    starts, records, error = _collect(reader, raw.label)
    start = next((i for i, cells in enumerate(records) if any(c.strip() for c in cells)), None)
    if start is None:
        return raw, [error or _empty_file(raw)]
    problems = _set_header(raw, records[start], starts[start])
    if problems:
        return raw, problems
    body, lines = records[start + 1 :], starts[start + 1 :]
    width = len(raw.header)
    if all(map(width.__eq__, map(len, body))):
        _store(raw, list(chain.from_iterable(body)), lines)
    else:
        kept: list[list[str]] = []
        kept_lines: list[int] = []
        problems = _body(raw, zip(lines, body, strict=True), kept, kept_lines)
        _fill(raw, kept, kept_lines)
    return raw, problems + ([error] if error else [])


def _collect(reader: Iterator[list[str]], label: str) -> tuple[list[int], list[list[str]], Problem | None]:
    """All rows of ``reader`` with the line each starts on, and the csv error that ended it, if any."""
    starts: list[int] = []
    records: list[list[str]] = []
    try:
        if hasattr(reader, "line_num"):  # a csv reader: a row may span several lines
            previous_end = 0
            for cells in reader:
                starts.append(previous_end + 1)
                records.append(cells)
                previous_end = reader.line_num
        else:
            records = list(reader)
            starts = list(range(1, len(records) + 1))
    except csv.Error as exc:
        return (
            starts,
            records,
            Problem(label, getattr(reader, "line_num", None), None, f"not a valid CSV file: {exc}"),
        )
    return starts, records, None


SHEET_NAMES: dict[str, tuple[str, ...]] = {
    "actors": ("Akteure",),
    "networks": ("Netzwerke",),
    "memberships": ("Mitgliedschaften", "Mitglieder"),
    "cooperations": ("Kooperationen",),
    "activities": ("Aktivitäten", "Angebote"),
    "network_links": ("Netzwerkverbindungen", "Netzwerk-Links"),
    "duplicates": ("Dubletten",),
    "regions": ("Kreise", "Regionen"),
}
"""German sheet names accepted besides the table names (``actors`` …) and file names (``actors.csv``)."""

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
"""Files read as a workbook with one sheet per table."""


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV export would hold.

    >>> cell_text(2016.0), cell_text(1.5), cell_text(None), cell_text(" x ")
    ('2016', '1.5', '', ' x ')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def sheet_for(table: Table, sheet_names: list[str]) -> str | None:
    """The sheet holding ``table``: by table name, file name or German name (case-insensitive).

    >>> sheet_for(TABLES["actors"], ["Kooperationen", "Akteure"])
    'Akteure'
    """
    wanted = {normalise_header(n) for n in (table.name, table.filename, *SHEET_NAMES.get(table.name, ()))}
    return next((s for s in sheet_names if normalise_header(s) in wanted), None)


def open_workbook(path: Path, label: str | None = None) -> tuple[Any, Problem | None]:
    """Open an ``.xlsx`` file for reading values (cached results of formulas, never formulas).

    Returns ``(workbook, None)``, or ``(None, problem)`` when it cannot be read; the problem
    names the file as ``label`` (default: its name).

    >>> open_workbook(Path("no/such.xlsx"))[1].message
    'cannot be read: No such file or directory'
    """
    import warnings
    import zipfile

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            return load_workbook(path, read_only=False, data_only=True), None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "not an Excel workbook (.xlsx)"
        return None, Problem(label or path.name, None, None, f"cannot be read: {reason}")
    except (SyntaxError, TypeError, AttributeError, IndexError, RecursionError, MemoryError) as exc:
        # malformed XML inside the workbook (ElementTree's ParseError is a SyntaxError), an
        # entity bomb refused by the parser, or a part openpyxl cannot make sense of
        sheet = broken_sheet(path)
        where = f" [{sheet}]" if sheet else ""
        detail = str(exc).split(":")[0] if isinstance(exc, SyntaxError) else type(exc).__name__
        return None, Problem(
            f"{label or path.name}{where}",
            None,
            None,
            f"cannot be read: the workbook is damaged ({detail})",
            "open it in Excel or LibreOffice and save it again as .xlsx",
        )


def broken_sheet(path: Path) -> str | None:
    """The name of the first sheet of a workbook whose XML does not parse, or None.

    Sheet names come from ``xl/workbook.xml`` and its relationships; each sheet part is parsed
    with :mod:`xml.etree.ElementTree` (whose expat refuses entity expansion bombs).
    """
    import posixpath
    import xml.etree.ElementTree as ET
    import zipfile

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        with zipfile.ZipFile(path) as archive:
            book = ET.fromstring(archive.read("xl/workbook.xml"))
            rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target", "") for r in rels}
            for sheet in book.iter(f"{main}sheet"):
                target = targets.get(sheet.get(f"{rel}id"), "")
                part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
                try:
                    ET.fromstring(archive.read(part))
                except (SyntaxError, KeyError):
                    return sheet.get("name")
    except (OSError, KeyError, SyntaxError, zipfile.BadZipFile):
        return None
    return None


def read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every table of a workbook (one sheet per table, see :data:`SHEET_NAMES`).

    Row numbers are the spreadsheet's; messages name the file and sheet, e.g.
    ``mint.xlsx [Akteure], row 5, column 'region'``. A missing optional sheet yields an
    empty table with ``present=False`` (the shipped districts stand in for ``regions``).
    """
    raws: dict[str, RawTable] = {}
    book, problem = open_workbook(path)
    if problem is not None:
        return raws, [problem]
    problems: list[Problem] = []
    for name, table in TABLES.items():
        sheet = sheet_for(table, book.sheetnames)
        raw = RawTable(table=table, path=path, label=f"{path.name} [{sheet or name}]")
        if sheet is None:
            raw.present = False
            if table.required:
                problems.append(
                    Problem(
                        path.name,
                        None,
                        None,
                        f"sheet '{name}' is missing",
                        "sheets: " + ", ".join(book.sheetnames),
                    )
                )
            raws[name] = raw
            continue
        rows = ([cell_text(v) for v in row] for row in book[sheet].iter_rows(values_only=True))
        raws[name], found = _read_rows(raw, rows)
        problems += found
    return raws, problems
