"""zhenggai (整改): Chinese rectification-progress notices as records.

Turns published notices (巡察/巡视整改进展情况的通报) into the records of
zhenggai's output contract, as plain dicts and lists, and a batch of them
into pandas DataFrames::

    import zhenggai
    record = zhenggai.parse("notice.txt")            # one notice: a dict
    frames = zhenggai.tables(zhenggai.parse_many(["notices/"]))
    frames["issues"].groupby("publisher").size()

A record is the JSON that ``zhenggai parse`` writes, as
``json.loads(line, parse_float=decimal.Decimal)`` reads it: whole numbers
are ``int`` (665700, 28640000000), the others ``decimal.Decimal``
(``Decimal('87.5')``), so money and rates are exact; dates are ISO strings
(``"2024-05-08"``); spans are ``[start, end)`` code-point offsets, so
``text[start:end]`` is an item's original text. ``json.dumps(record,
default=float, ensure_ascii=False, separators=(",", ":"))`` is the CLI's
NDJSON line byte for byte (no number in a record has more than 15
significant digits, so the float of a Decimal prints as the same digits).

An input that cannot be read or parsed (missing, empty, binary, too large,
undecodable) gives an error record, as in the command line:
``{"schema_version", "source", "error": {"code", "message"}}``; with
``strict=True`` it raises :class:`ParseError` instead. Bad arguments raise
``TypeError`` or ``ValueError``.
"""

from __future__ import annotations

import decimal
import json
import os
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Union,
)

from . import _native

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "SCHEMA",
    "SCHEMA_VERSION",
    "ParseError",
    "Parser",
    "Records",
    "parse",
    "parse_many",
    "tables",
]

#: The contract version every record names in ``schema_version``.
SCHEMA_VERSION: str = _native.SCHEMA_VERSION
#: The output contract as JSON Schema 2020-12 (text), every property described.
SCHEMA: str = _native.SCHEMA

Record = Dict[str, Any]
PathLike = Union[str, "os.PathLike[str]"]
Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


def _json_number(value: Any) -> Any:
    """``json.dumps`` default: a Decimal as the float that prints its digits."""
    if isinstance(value, decimal.Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class ParseError(Exception):
    """An input that yielded an error record, raised with ``strict=True``.

    ``record`` is the error record, ``code`` its error code (``io_error``,
    ``decode_error``, ``empty_input``, ``not_text``, ``too_large``,
    ``too_complex``), ``path`` the input's path (``None`` for bytes or text).
    """

    def __init__(self, record: Record) -> None:
        self.record: Record = record
        error = record.get("error") or {}
        self.code: str = error.get("code", "error")
        self.path: Optional[str] = (record.get("source") or {}).get("path")
        where = f"{self.path}: " if self.path else ""
        super().__init__(f"{where}{self.code}: {error.get('message', '')}")


def _checked_record(record: Record, strict: bool) -> Record:
    if strict and "error" in record:
        raise ParseError(record)
    return record


def _check(name: str, value: Any, kind: type, what: str, optional: bool = True) -> None:
    """TypeError unless ``value`` is a ``kind`` (or None, when optional)."""
    if value is None and optional:
        return
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise TypeError(f"{name} must be {what}, not {type(value).__name__}")


def _options(
    to: Optional[str], with_text: bool, encoding: Optional[str], html: Optional[bool], max_bytes: Optional[int]
) -> Dict[str, Any]:
    _check("to", to, str, "'original', 'simplified', 'traditional' or None")
    _check("with_text", with_text, bool, "a bool", optional=False)
    _check("encoding", encoding, str, "an encoding label (utf-8, gb18030, big5 …) or None")
    _check("html", html, bool, "a bool or None")
    _check("max_bytes", max_bytes, int, "a number of bytes (an int) or None")
    if max_bytes is not None and max_bytes < 1:
        raise ValueError(f"max_bytes={max_bytes}: a notice has at least one byte")
    return {"to": to, "with_text": with_text, "encoding": encoding, "html": html, "max_bytes": max_bytes}


def _path(name: str, value: Any) -> str:
    """A path argument as str (a PathLike, or bytes decoded as the OS does)."""
    if isinstance(value, (str, os.PathLike)):
        path = os.fspath(value)
        return os.fsdecode(path) if isinstance(path, bytes) else path
    raise TypeError(f"{name} must be a path (str or os.PathLike), not {type(value).__name__}")


def _paths(paths: Any) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [_path("paths", paths)]
    if isinstance(paths, (bytes, bytearray, Mapping)) or not isinstance(paths, Iterable):
        raise TypeError(f"paths must be a path or an iterable of paths, not {type(paths).__name__}")
    return [_path(f"paths[{index}]", path) for index, path in enumerate(paths)]


class Records(Iterator[Record]):
    """The records of :meth:`Parser.parse_many`, in input order.

    An iterator: records are parsed ahead on Rust threads (a bounded
    window, so memory stays flat however many inputs) and handed over one
    at a time. ``len()`` is the number of inputs; ``close()`` (or leaving a
    ``with`` block) stops the batch early.
    """

    def __init__(self, batch: Any, strict: bool) -> None:
        self._batch = batch
        self._strict = strict

    def __iter__(self) -> "Records":
        return self

    def __next__(self) -> Record:
        return _checked_record(next(self._batch), self._strict)

    def __len__(self) -> int:
        return len(self._batch)

    def close(self) -> None:
        """Stops the batch: the workers stop after the inputs they parse."""
        self._batch.close()

    def __enter__(self) -> "Records":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


class Parser:
    """A parser with its rules and dictionaries, loaded once.

    ``Parser()`` has the built-in rules (what :func:`parse` uses);
    ``Parser(rules_dir="my-rules")`` reads the rules files that ``zhenggai
    rules export`` writes (a file the folder lacks stays built in), and
    ``user_dict`` adds jieba words (``word [frequency] [tag]`` a line; a
    path or a list of paths). A file that does not read is a ValueError
    naming the file, the line and the field.
    """

    def __init__(
        self,
        rules_dir: Optional[PathLike] = None,
        user_dict: Union[PathLike, Sequence[PathLike], None] = None,
    ) -> None:
        rules = None if rules_dir is None else _path("rules_dir", rules_dir)
        if user_dict is None:
            words: List[str] = []
        elif isinstance(user_dict, (str, os.PathLike)):
            words = [_path("user_dict", user_dict)]
        elif isinstance(user_dict, (list, tuple)):
            words = [_path(f"user_dict[{index}]", path) for index, path in enumerate(user_dict)]
        else:
            raise TypeError(f"user_dict must be a path or a list of paths, not {type(user_dict).__name__}")
        self._native = _native.Parser(rules, words)

    def parse(
        self,
        source: Source,
        *,
        to: Optional[str] = None,
        with_text: bool = False,
        encoding: Optional[str] = None,
        html: Optional[bool] = None,
        max_bytes: Optional[int] = None,
        strict: bool = False,
    ) -> Record:
        """Parses one notice into its record (a dict).

        ``source`` is a path (``str`` or ``os.PathLike``; ``source.path`` is
        the path as given), the notice's ``bytes`` (in any supported
        encoding), or its text as a ``str`` that holds a line break (a
        notice has lines; a path has none). A directory is a ValueError
        (:meth:`parse_many` walks directories).

        ``to``: ``'simplified'`` or ``'traditional'`` converts the record's
        text fields (OpenCC, phrase by phrase); ``with_text`` adds the
        decoded ``text`` the spans index; ``encoding`` forces one (utf-8,
        gb18030, gbk, big5, utf-16le, utf-16be; a byte-order mark still
        wins); ``max_bytes`` is the most bytes a notice may have (default
        64 MiB, as ``zhenggai parse --max-bytes``; a larger input is the
        error record ``too_large``); ``html`` reads the input as a saved web
        page (``True``) or as text (``False``); by default a
        ``.html``/``.htm`` file is a page and
        other input is told by its content. With ``strict``, an input that
        cannot be read or parsed raises :class:`ParseError` instead of
        giving its error record.
        """
        options = _options(to, with_text, encoding, html, max_bytes)
        _check("strict", strict, bool, "a bool", optional=False)
        if isinstance(source, (bytes, bytearray, memoryview)):
            record = self._native.parse_bytes(bytes(source), **options)
        elif isinstance(source, str) and ("\n" in source or "\r" in source):
            record = self._native.parse_bytes(source.encode("utf-8"), **options)
        elif isinstance(source, (str, os.PathLike)):
            record = self._native.parse_path(_path("source", source), **options)
        else:
            raise TypeError(
                f"source must be a path (str or os.PathLike), bytes, or a notice's text, not {type(source).__name__}"
            )
        return _checked_record(record, strict)

    def parse_many(
        self,
        paths: Union[PathLike, Iterable[PathLike]],
        *,
        jobs: Optional[int] = None,
        ext: Optional[Sequence[str]] = None,
        follow: bool = False,
        to: Optional[str] = None,
        with_text: bool = False,
        encoding: Optional[str] = None,
        html: Optional[bool] = None,
        max_bytes: Optional[int] = None,
        strict: bool = False,
    ) -> Records:
        """Parses files and directories as ``zhenggai parse`` does: records in order.

        Files are taken as given, directories walked recursively in name
        order (``.txt``, ``.htm``, ``.html``, or the extensions of ``ext``;
        symbolic links followed only inside the directory unless
        ``follow``). Yields one record per input, in that order, error
        records in place (with ``strict``, the first raises
        :class:`ParseError`); ``source.path`` is the path as found. ``jobs``
        threads parse (default: every core; more than the cores are
        clamped), without the GIL, a bounded window ahead of the reader.
        The other keywords are :meth:`parse`'s.
        """
        if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool)):
            raise TypeError(f"jobs must be an int or None, not {type(jobs).__name__}")
        if jobs is not None and jobs < 1:
            raise ValueError(f"jobs={jobs}: at least one job runs")
        if ext is not None:
            if isinstance(ext, str):
                ext = [ext]
            ext = list(ext)
            for item in ext:
                _check("ext", item, str, "a list of extensions ('txt', 'html')", optional=False)
        _check("follow", follow, bool, "a bool", optional=False)
        _check("strict", strict, bool, "a bool", optional=False)
        options = _options(to, with_text, encoding, html, max_bytes)
        batch = self._native.parse_many(_paths(paths), jobs=jobs, ext=ext, follow=follow, **options)
        return Records(batch, strict)


_default: Optional[Parser] = None


def _parser() -> Parser:
    global _default
    if _default is None:
        _default = Parser()
    return _default


def parse(
    source: Source,
    *,
    to: Optional[str] = None,
    with_text: bool = False,
    encoding: Optional[str] = None,
    html: Optional[bool] = None,
    max_bytes: Optional[int] = None,
    strict: bool = False,
) -> Record:
    """Parses one notice with the built-in rules: see :meth:`Parser.parse`.

    >>> record = parse("corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt")  # doctest: +SKIP
    >>> len(record["issues"])  # doctest: +SKIP
    5
    """
    return _parser().parse(
        source, to=to, with_text=with_text, encoding=encoding, html=html, max_bytes=max_bytes, strict=strict
    )


def parse_many(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    jobs: Optional[int] = None,
    ext: Optional[Sequence[str]] = None,
    follow: bool = False,
    to: Optional[str] = None,
    with_text: bool = False,
    encoding: Optional[str] = None,
    html: Optional[bool] = None,
    max_bytes: Optional[int] = None,
    strict: bool = False,
) -> Records:
    """Parses files and directories with the built-in rules: see :meth:`Parser.parse_many`."""
    return _parser().parse_many(
        paths,
        jobs=jobs,
        ext=ext,
        follow=follow,
        to=to,
        with_text=with_text,
        encoding=encoding,
        html=html,
        max_bytes=max_bytes,
        strict=strict,
    )


#: How each kind of cell becomes a pandas column: counts and offsets as
#: nullable integers, values as floats (exact for whole numbers up to 2**53),
#: text and days (ISO text, as in the records: a notice may state only a
#: month, ``2024-05``) as pandas keeps text (its ``str`` dtype from pandas 3
#: on, objects before).
_DTYPES = {"integer": "Int64", "number": "float64", "boolean": "bool"}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "zhenggai.tables() builds pandas DataFrames and pandas is not installed: "
            "pip install pandas (or pip install 'zhenggai[pandas]')"
        ) from error
    return pandas


def tables(records: Union[Iterable[Mapping[str, Any]], Mapping[str, Any]]) -> Dict[str, "pandas.DataFrame"]:
    """The flat tables of records, as pandas DataFrames.

    ``records``: records as :func:`parse` and :func:`parse_many` give them
    (or read back from ``zhenggai parse`` output with ``json.loads``), an
    iterable (consumed once, streaming) or one record. Returns the tables of
    ``zhenggai parse --format csv --table …``, with the same columns:

    * ``notices``: one row per input (``compare``'s columns: path, status,
      title, publisher, target, inspection facts, genre, counts of issues
      and measures, every metric, flags, error); error records are rows
      here, and only here;
    * ``issues``, ``measures``, ``quantities``, ``dates`` and ``metrics``
      (one row per metric: key, value, unit, span, the values of a sum's
      parts as ``3 + 5``): one row per item, each starting with path,
      title, publisher, target and genre, so that no table needs a join.

    Counts and offsets are nullable integers (``Int64``), values floats,
    days ISO text (``pandas.to_datetime`` reads them; a notice may state
    only a month, ``2024-05``), other text as pandas stores text; a missing
    value is ``NA``/``NaN``/``None``. Unlike the CSV, text is as the record
    states it (no spreadsheet quoting).
    pandas is imported here, and only here.
    """
    pandas = _pandas()
    if isinstance(records, Mapping):
        records = [records]
    elif isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
        raise TypeError(f"records must be an iterable of records (dicts), not {type(records).__name__}")
    builder = _native.TableBuilder()
    for index, record in enumerate(records):
        if not isinstance(record, Mapping):
            raise TypeError(f"records[{index}] must be a record (a dict), not {type(record).__name__}")
        try:
            text = json.dumps(record, default=_json_number, ensure_ascii=False)
            builder.add(text)
        except (TypeError, ValueError) as error:
            raise type(error)(f"records[{index}]: {error}") from None
    text = "str" if int(pandas.__version__.split(".")[0]) >= 3 else object
    kinds = dict(_native.table_columns())
    frames: Dict[str, Any] = {}
    for name, columns in builder.columns().items():
        kind_of = dict(kinds[name])
        data = {
            column: pandas.Series(values, dtype=_DTYPES.get(kind_of[column], text), name=column)
            for column, values in columns
        }
        frames[name] = pandas.DataFrame(data, columns=[column for column, _ in columns])
    return frames
