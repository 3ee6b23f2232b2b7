"""Writing files safely: atomically (a temporary file renamed into place, so an interrupted run
leaves the previous file), with the usual permissions, text cells a spreadsheet would run as a
formula neutralised, and user-supplied ids turned into safe file names. Every output goes
through here (tables, pages, workbook, exports, survey forms).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
>>> atomic_write_text(p, table_csv(pd.DataFrame({"name": ["=1+1"]}))); p.read_text()
"name\\n'=1+1\\n"
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from mintgraph.interrupts import check, uninterrupted

__all__ = [
    "FORMULA_PREFIXES",
    "StagedFiles",
    "atomic_write_bytes",
    "atomic_write_text",
    "fill",
    "neutralise_formula",
    "paused_cycle_collector",
    "safe_filename",
    "safe_text_columns",
    "table_csv",
    "write_all",
]

_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextlib.contextmanager
def paused_cycle_collector() -> Iterator[None]:
    """Python's cyclic garbage collector off for a block, on again after it if it was on before.

    For bulk work that allocates millions of small containers and keeps them (reading and
    checking every cell, building the graph and its tables): each full collection walks every
    object alive only to find almost nothing. Reference counting frees memory as usual.

    >>> with paused_cycle_collector():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                # what the block made and kept joins the oldest generation, as if it had
                # survived the collections skipped: else the first young collection after the
                # block walks all of it (0.3 s at 100,000 actors, after the command's last line)
                gc.freeze()
                gc.unfreeze()
            gc.enable()


@uninterrupted
def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and an atomic rename.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.bin"
    >>> atomic_write_bytes(p, b"PK"); p.read_bytes()
    b'PK'
    """
    tmp = _temporary_beside(Path(path), data)
    try:
        check()  # Ctrl-C pressed (and perhaps lost in a library): the target stays as it was
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _temporary_beside(path: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file in ``path``'s folder (made if missing), with the
    usual file permissions; return its name. Removed again if the writing fails. Its callers are
    :func:`~mintgraph.interrupts.uninterrupted`, so that no Ctrl-C leaves the file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp creates 0600; give the file the usual permissions
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def fill(tmp: str, text: str | bytes) -> None:
    """Write ``text`` (UTF-8; bytes as they are) into the temporary file ``tmp`` that
    :meth:`StagedFiles.reserve` staged."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(tmp, "wb") as fh:
        fh.write(data)


class StagedFiles:
    """Files written now to temporary files beside their targets and moved into place together
    by :meth:`commit` (each by an atomic rename); a run stopped before that (an error, Ctrl-C)
    removes the temporary files and leaves every target as it was.

    A run that writes many large pages keeps none of them in memory: each goes to its temporary
    file as soon as it is made.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with StagedFiles() as staged:
    ...     staged.add(out / "a.txt", "eins")
    ...     before = (out / "a.txt").exists()
    ...     written = staged.commit()
    >>> before, [p.name for p in written], (out / "a.txt").read_text()
    (False, ['a.txt'], 'eins')
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, str]] = []
        self._made: list[Path] = []  # folders made for the files, removed again if nothing is committed

    @uninterrupted
    def add(self, path: Path, text: str | bytes, *, at: int | None = None) -> None:
        """Write ``text`` (UTF-8; bytes as they are) to a temporary file beside ``path``;
        :meth:`commit` moves it there, in the order of the files added (``at``: this file's place
        in it, default the last)."""
        path = Path(path)
        missing, folder = [], path.parent
        while not folder.exists():  # the folders this file makes, removed again by discard()
            missing.append(folder)
            folder = folder.parent
        self._made.extend(reversed(missing))
        data = text.encode("utf-8") if isinstance(text, str) else text
        staged = (path, _temporary_beside(path, data))
        self._staged.insert(len(self._staged) if at is None else at, staged)

    @uninterrupted
    def reserve(self, path: Path) -> str:
        """Stage an empty temporary file beside ``path`` and return its name, for a page that
        another process writes into (:func:`fill`); :meth:`commit` moves it into place, and a
        run stopped before that removes it, whatever that process did.

        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> with StagedFiles() as staged:
        ...     fill(staged.reserve(out / "b.txt"), "zwei")
        ...     written = staged.commit()
        >>> (out / "b.txt").read_text()
        'zwei'
        """
        self.add(path, b"")
        return self._staged[-1][1]

    @uninterrupted
    def commit(self) -> list[Path]:
        """Move every staged file into place, in the order added; return the paths.

        All of them or, after Ctrl-C (:func:`mintgraph.interrupts.check`), none: a Ctrl-C while
        the files are moved is raised once they all are."""
        check()
        done = []
        while self._staged:
            path, tmp = self._staged[0]
            os.replace(tmp, path)
            self._staged.pop(0)
            done.append(path)
        self._made.clear()
        return done

    def discard(self) -> None:
        """Remove the temporary files not yet committed, and the folders made for them if empty."""
        for _, tmp in self._staged:
            Path(tmp).unlink(missing_ok=True)
        self._staged.clear()
        for folder in reversed(self._made):  # the deepest first
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._made.clear()

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def write_all(texts: Iterable[tuple[Path, str | bytes]]) -> list[Path]:
    """Write each ``(path, text)`` (UTF-8; bytes as they are) of ``texts``, which may make them
    one by one: all of them or, after an error or Ctrl-C, none (:class:`StagedFiles`, which also
    removes the folders it made). Returns the paths.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_all([(out / "a.csv", "x\\n"), (out / "b.csv", "y\\n")])]
    ['a.csv', 'b.csv']
    """
    with StagedFiles() as staged:
        for path, text in texts:
            staged.add(path, text)
        return staged.commit()


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file and an atomic rename.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write_text(p, "hallo"); p.read_text()
    'hallo'
    """
    atomic_write_bytes(path, text.encode("utf-8"))  # as written: no newline translation


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is read as a formula by spreadsheet programs."""


def neutralise_formula(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made inert with a leading ``'``.

    The OWASP rule against CSV injection: ``=HYPERLINK(...)``, ``+1``, ``-1+2``, ``@SUM(...)``
    or a cell starting with a tab or carriage return is prefixed with a single quote, which
    Excel and LibreOffice show as text. Numbers and other values pass unchanged.

    >>> print(neutralise_formula('=HYPERLINK("http://x","klick")'))
    '=HYPERLINK("http://x","klick")
    >>> neutralise_formula("Uni"), neutralise_formula(-1.5)
    ('Uni', -1.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_text_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The table with :func:`neutralise_formula` applied to every text (object) column."""
    changed = {}
    for column in table.columns:
        values = table[column]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        flags = [isinstance(v, str) and v.startswith(FORMULA_PREFIXES) for v in values.tolist()]
        risky = pd.Series(flags, index=values.index, dtype=bool)
        if risky.any():
            values = values.copy()  # only the risky cells change; the column keeps its values and dtype
            values[risky] = "'" + values[risky]
            changed[column] = values
    return table.assign(**changed) if changed else table


def table_csv(table: pd.DataFrame, *, excel: bool = False) -> str:
    """A table as CSV text: UTF-8, comma, ``\\n`` line ends, full float precision, empty = missing.

    Text cells that a spreadsheet would run as formulas are neutralised (:func:`neutralise_formula`).
    ``excel=True`` writes what a German Excel opens by double-click: a byte-order mark, ``;``
    between cells and decimal commas (``--excel``).

    >>> print(table_csv(pd.DataFrame({"name": ["=1+1", "Uni"], "degree": [-1, 2]})), end="")
    name,degree
    '=1+1,-1
    Uni,2
    >>> table_csv(pd.DataFrame({"name": ["Uni"], "density": [0.25]}), excel=True)
    '\\ufeffname;density\\nUni;0,25\\n'
    """
    safe = safe_text_columns(table)
    if excel:
        return "\ufeff" + safe.to_csv(index=False, lineterminator="\n", sep=";", decimal=",")
    return safe.to_csv(index=False, lineterminator="\n")


def safe_filename(identifier: str) -> str:
    """A file name for a user-supplied id: letters, digits, ``-`` and ``_`` kept, anything else replaced.

    A changed id gets a short hash of the original, so two ids never share a file.

    >>> safe_filename("mint-wmk"), safe_filename("../etc/passwd")
    ('mint-wmk', '___etc_passwd-e96c47ea')
    """
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "_", identifier)[:80]
    if cleaned == identifier and cleaned:
        return cleaned
    return f"{cleaned}-{hashlib.sha1(identifier.encode('utf-8')).hexdigest()[:8]}"
