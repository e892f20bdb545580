"""Parquet writing and reading with the schema version in the file metadata.

Files are replaced atomically (temporary file in the same folder, fsync, rename), so a run
killed at any moment leaves the previous table readable and intact.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import SCHEMA_VERSION, arrow_schema

META_VERSION = b"kehoach.schema_version"
META_TABLE = b"kehoach.table"


class SchemaVersionError(Exception):
    """A Parquet file written by an incompatible kehoach version."""


def rows_to_table(table: str, rows: list[dict]) -> pa.Table:
    schema = arrow_schema(table)
    unknown = {k for row in rows for k in row} - set(schema.names)
    if unknown:
        raise ValueError(f"{table}: columns not in the schema: {sorted(unknown)}")
    arrow = pa.Table.from_pylist(rows, schema=schema)
    return arrow.replace_schema_metadata({META_VERSION: SCHEMA_VERSION.encode(), META_TABLE: table.encode()})


def write_table(table: str, arrow: pa.Table, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{table}.parquet"
    arrow = arrow.replace_schema_metadata({META_VERSION: SCHEMA_VERSION.encode(), META_TABLE: table.encode()})
    fd, tmp = tempfile.mkstemp(prefix=f".{table}.", suffix=".tmp", dir=out_dir)
    try:
        with os.fdopen(fd, "wb") as handle:
            pq.write_table(arrow, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _fsync_dir(out_dir)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_table(table: str, out_dir: Path) -> pa.Table | None:
    """The table as written, or None when absent; refuses a file of another schema version."""
    path = out_dir / f"{table}.parquet"
    if not path.exists():
        return None
    arrow = pq.read_table(path)
    meta = arrow.schema.metadata or {}
    version = meta.get(META_VERSION, b"?").decode()
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise SchemaVersionError(
            f"{path} was written with schema version {version}; this kehoach writes {SCHEMA_VERSION}. "
            "Re-run with --force into an empty folder.")
    return _to_schema(arrow, arrow_schema(table))


def _to_schema(arrow: pa.Table, schema: pa.Schema) -> pa.Table:
    """Same major version: columns added since the file was written come back as nulls (a
    minor version adds columns, never renames or re-types one)."""
    columns = [arrow.column(f.name) if f.name in arrow.schema.names else pa.nulls(len(arrow), f.type)
               for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)
