"""Reading and writing CSV the way spreadsheets and people actually produce it.

Reading: a header row is required; UTF-8 with or without a BOM; CRLF or LF; quoted commas and newlines;
`,` `;` or tab, whichever yields the expected header; strict quoting. Writing: UTF-8 with a BOM (so
Excel shows £ and names right) and every cell that a spreadsheet would run as a formula escaped with a
leading `'` (OWASP CSV injection); reading removes exactly that escape, so a round trip is lossless.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path

from engage_tui.errors import EngageError, ImportRefused, shown

DELIMITERS = (",", ";", "\t")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
RISKY_STARTS = frozenset("=+-@\t\r'")
"""First characters of a cell that may need escaping (a quote may guard a formula start behind it)."""

HOURS_COLUMNS = ("officer", "date", "category", "hours", "area", "audience", "activity", "notes")
"""The columns of hours as CSV: what `import hours` reads and `export entries` writes."""


def is_workbook(path: Path) -> bool:
    """A path ending `.xlsx` asks for a workbook; any other, for CSV."""
    return path.suffix.lower() == ".xlsx"


def _guarded(value: str) -> bool:
    """A formula start, perhaps behind quotes the user typed (`'=x` must survive a round trip too)."""
    return value.lstrip("'").startswith(FORMULA_STARTS)


def escape_cell(value: object) -> object:
    """A text cell a spreadsheet would treat as a formula gets a leading `'`; numbers pass as they are."""
    if isinstance(value, str) and _guarded(value):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Undo `escape_cell`: drop one `'` only where it guards a formula start."""
    if value.startswith("'") and _guarded(value):
        return value[1:]
    return value


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], escaped: bool = False
) -> int:
    """Write a CSV return (BOM, CRLF as Excel expects, cells escaped — or already `escaped` by a
    caller that knows which cells can hold text); returns the number of rows.

    The BOM is written by hand and the rest as plain UTF-8: Python's `utf-8-sig` codec runs in Python
    for every write, which costs more than the CSV writer itself on a million rows."""
    counter = itertools.count()
    cells = rows if escaped else ([escape_cell(cell) for cell in row] for row in rows)
    with written_aside(path) as partial, partial.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\ufeff")
        writer = csv.writer(handle)
        writer.writerow([escape_cell(h) for h in header])
        writer.writerows(map(itemgetter(0), zip(cells, counter, strict=False)))  # counts at C speed
    return next(counter)


def write_csv_lines(path: Path, header: Sequence[str], lines: Iterable[bytes | memoryview]) -> int:
    """`write_csv` for rows that come already written as CSV, escaped, one a line, each ending in LF
    (PostgreSQL's `COPY … TO STDOUT`): the same BOM, header and CRLF row ends; returns the number of
    rows. A newline inside a quoted cell stays as it is, as the CSV writer keeps it."""
    head = io.StringIO()
    csv.writer(head).writerow([escape_cell(h) for h in header])
    rows = 0
    with written_aside(path) as partial, partial.open("wb") as handle:
        handle.write(("\ufeff" + head.getvalue()).encode("utf-8"))
        while chunk := list(itertools.islice(lines, 10_000)):
            handle.write(_crlf(chunk))
            rows += len(chunk)
    return rows


def _crlf(lines: list[bytes | memoryview]) -> bytes:
    """Lines ending in LF as one run of lines ending in CRLF. Where no cell of theirs holds a newline
    (nearly always) one replace does it — a third of the export's own time at a million rows, against
    a slice of every line; else each line's own LF, the last byte, is the one made CRLF."""
    run = b"".join(lines)
    if run.count(b"\n") == len(lines):
        return run.replace(b"\n", b"\r\n")
    return b"\r\n".join([line[:-1] for line in lines]) + b"\r\n"


@contextmanager
def written_aside(path: Path) -> Iterator[Path]:
    """Where to write the file `path`: beside it, renamed to it once whole, so that a full disk never
    leaves half a return under its name (a pipe or a device, e.g. --out /dev/stdout, is written as it
    is); a failure to write is a refusal naming the file."""
    partial = path if path.exists() and not path.is_file() else path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield partial
        if partial != path:
            os.replace(partial, path)
    except OSError as error:
        raise EngageError(
            f"out: cannot write {shown(str(path), 200)}: {error.strerror or error}", field="out"
        ) from None
    finally:
        if partial != path:
            partial.unlink(missing_ok=True)


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (BOM dropped), or a refusal naming the line and byte that are not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            source,
            [
                f"line {line}: byte 0x{data[error.start]:02x} at offset {error.start} is not UTF-8; "
                "save the file as 'CSV UTF-8' and import it again"
            ],
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportRefused(source, [f"line {line}: contains a NUL byte; this is not a text CSV file"])
    return text


def _normalise(name: str) -> str:
    """A header cell as matched: case and runs of spaces folded (`Officer `, `OFFICER`)."""
    return " ".join(name.split()).lower()


Rows = Iterator[tuple[int, dict[str, str] | str]]
"""What a reader yields: (row number, {column: cell}) for a data row, or (row number, problem)."""

Cells = Iterator[tuple[int, tuple[str, ...] | str]]
"""What a reader yields, cheaper: (row number, the cells in the import's column order — a column
the file lacks is blank) for a data row, or (row number, problem) for a malformed one."""


def read_rows(data: bytes, source: str, columns: Sequence[str], required: Sequence[str]) -> Rows:
    """(row number, {column: cell}) for each data row, or (row number, problem) for a malformed one."""
    return as_dicts(read_cells(data, source, columns, required), columns)


def as_dicts(cells: Cells, columns: Sequence[str]) -> Rows:
    """A reader's rows as {column: cell}."""
    for number, row in cells:
        yield number, row if isinstance(row, str) else dict(zip(columns, row, strict=True))


def read_cells(data: bytes, source: str, columns: Sequence[str], required: Sequence[str]) -> Cells:
    """(row number, cells in `columns` order) for each data row, or (row number, problem) for a
    malformed one.

    Rows are numbered as a spreadsheet shows them: the header is row 1; blank rows are skipped. A
    broken quote ends the file with a refusal, since nothing after it can be trusted. The whole file
    is checked as UTF-8 first, then read as a stream (a million rows decoded at once would take four
    bytes a character).
    """
    text = decode(data, source)
    if not text.strip():
        raise ImportRefused(source, ["the file is empty; it needs a header row: " + ",".join(columns)])
    first = (text[: text.find("\n") + 1 or None].splitlines() or [""])[0]
    del text
    delimiter, header = _sniff(first, source, columns, required)
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    width = len(header)
    pick = cell_picker(header, columns)
    number = 1
    try:
        next(reader)
        for row in reader:
            number += 1
            joined = "".join(row)
            if not joined.strip():
                continue
            if len(row) != width:
                if len(row) > width:
                    yield number, f"row {number}: {len(row)} cells but the header has {width}"
                    continue
                row.extend([""] * (width - len(row)))
            cells = pick(row)
            if "'" in joined:
                cells = tuple(cell if cell[:1] != "'" else unescape_cell(cell) for cell in cells)
            yield number, cells
    except csv.Error as error:
        raise ImportRefused(
            source, [f"row {number + 1} (line {reader.line_num}): {error}; is a quote left open?"]
        ) from None


def cell_picker(header: Sequence[str], columns: Sequence[str]) -> Callable[[list[str]], tuple[str, ...]]:
    """A function from a row (padded to the header's width) to its cells in `columns` order, a
    column the header lacks read as blank; it runs once a row, so it works in C where it can."""
    slots = [i for _, i in column_slots(header, columns)]
    if slots == list(range(len(header))):  # the header names the columns in their own order
        return tuple
    get: Callable[[list[str]], tuple[str, ...]] = (
        itemgetter(*slots) if len(slots) > 1 else lambda row: (row[slots[0]],)
    )
    if max(slots) < len(header):
        return get
    return lambda row: get([*row, ""])


def column_slots(header: Sequence[str], columns: Sequence[str]) -> list[tuple[str, int]]:
    """(column, its index in a row); a column the header lacks points one past it, at a blank."""
    return [(name, header.index(name) if name in header else len(header)) for name in columns]


def _sniff(first: str, source: str, columns: Sequence[str], required: Sequence[str]) -> tuple[str, list[str]]:
    """The delimiter whose header row (`first`, the file's first line) names every required column,
    and that header."""
    for delimiter in DELIMITERS:
        header = [_normalise(h) for h in next(csv.reader([first], delimiter=delimiter))]
        if names_required(header, source, columns, required, 1):
            return delimiter, header
    raise no_header(source, columns, required, 1, first)


def names_required(
    header: Sequence[str], source: str, columns: Sequence[str], required: Sequence[str], number: int
) -> bool:
    """Whether a header row names every required column; one that also names an unknown column
    is refused (its data would be silently dropped)."""
    if not set(required) <= set(header):
        return False
    _check_header(header, source, columns, number)
    return True


def no_header(
    source: str, columns: Sequence[str], required: Sequence[str], number: int, found: str
) -> ImportRefused:
    return ImportRefused(
        source,
        [
            f"row {number}: the header must name {','.join(required)} "
            f"(columns: {','.join(columns)}); found {shown(found, 80)}"
        ],
    )


def _check_header(header: Sequence[str], source: str, columns: Sequence[str], number: int) -> None:
    """Every column known, and none named twice: with `hours,hours` one of the two would be dropped
    unseen, and with `officer,Officer` an entry would go to whichever officer came first."""
    unknown = [h for h in header if h not in columns]
    if unknown:
        raise ImportRefused(
            source,
            [
                f"row {number}: unknown column(s) {', '.join(shown(h) for h in unknown)}; "
                f"the columns are {','.join(columns)}"
            ],
        )
    twice = [name for name in dict.fromkeys(header) if header.count(name) > 1]
    if twice:
        places = "; ".join(
            f"{name!r} is columns " + " and ".join(str(i + 1) for i, h in enumerate(header) if h == name)
            for name in twice
        )
        raise ImportRefused(
            source, [f"row {number}: a column is named twice ({places}); keep one of each and import again"]
        )
