"""Type stub of zhenggai._native, the Rust side of zhenggai (python/src/lib.rs).

Records come as dicts (what json.loads with parse_float=Decimal makes of the
CLI's JSON). Use the
package's functions (zhenggai.parse, parse_many, tables, Parser): this
module is their engine, not an API of its own.
"""

from typing import Any, Dict, Iterator, List, Optional, Tuple

SCHEMA_VERSION: str
SCHEMA: str

class Parser:
    def __init__(self, rules_dir: Optional[str] = None, user_dicts: List[str] = ...) -> None: ...
    def parse_path(
        self,
        path: str,
        *,
        to: Optional[str] = None,
        with_text: bool = False,
        encoding: Optional[str] = None,
        html: Optional[bool] = None,
        max_bytes: Optional[int] = None,
    ) -> Dict[str, Any]: ...
    def parse_bytes(
        self,
        data: bytes,
        *,
        to: Optional[str] = None,
        with_text: bool = False,
        encoding: Optional[str] = None,
        html: Optional[bool] = None,
        max_bytes: Optional[int] = None,
    ) -> Dict[str, Any]: ...
    def parse_many(
        self,
        paths: List[str],
        *,
        jobs: Optional[int] = None,
        ext: Optional[List[str]] = None,
        follow: bool = False,
        to: Optional[str] = None,
        with_text: bool = False,
        encoding: Optional[str] = None,
        html: Optional[bool] = None,
        max_bytes: Optional[int] = None,
    ) -> Batch: ...

class Batch(Iterator[Dict[str, Any]]):
    def __iter__(self) -> Batch: ...
    def __next__(self) -> Dict[str, Any]: ...
    def __len__(self) -> int: ...
    def close(self) -> None: ...

class TableBuilder:
    def __init__(self) -> None: ...
    def add(self, json: str) -> None: ...
    def columns(self) -> Dict[str, List[Tuple[str, List[object]]]]: ...

def table_columns() -> List[Tuple[str, List[Tuple[str, str]]]]: ...
