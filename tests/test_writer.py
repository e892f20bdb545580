"""The Parquet writer: schema version in every file, checked on read; columns added by a minor
version come back as nulls from older files; another major version is refused."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from schemas.tables import SCHEMA_VERSION, arrow_schema
from schemas.writer import META_VERSION, SchemaVersionError, read_table, rows_to_table, write_table

PAGE = dict(doc_id="abc", page=1, text_source="ocr", confidence=0.95, chars=1200, ocr_mean_conf=95.0,
            legacy_encoding=None, warnings=[], ocr_raw_text="SỞ Y TẾ")


def test_written_file_carries_the_schema_version(tmp_path):
    write_table("pages", rows_to_table("pages", [PAGE]), tmp_path)
    meta = pq.read_schema(tmp_path / "pages.parquet").metadata
    assert meta[META_VERSION] == SCHEMA_VERSION.encode()
    assert read_table("pages", tmp_path).to_pylist() == [PAGE]


def test_older_minor_version_file_reads_with_new_columns_null(tmp_path):
    old = arrow_schema("pages").remove(arrow_schema("pages").get_field_index("ocr_raw_text"))
    row = {k: v for k, v in PAGE.items() if k != "ocr_raw_text"}
    table = pa.Table.from_pylist([row], schema=old).replace_schema_metadata({META_VERSION: b"1.0"})
    pq.write_table(table, tmp_path / "pages.parquet")
    got = read_table("pages", tmp_path)
    assert got.schema.names == arrow_schema("pages").names
    assert got.to_pylist() == [dict(row, ocr_raw_text=None)]


def test_other_major_version_is_refused_with_a_hint(tmp_path):
    table = rows_to_table("pages", [PAGE]).replace_schema_metadata({META_VERSION: b"2.0"})
    pq.write_table(table, tmp_path / "pages.parquet")
    with pytest.raises(SchemaVersionError, match="--force into an empty folder"):
        read_table("pages", tmp_path)
