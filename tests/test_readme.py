"""The README's data dictionary is generated from the schemas: it must not drift."""
from schemas.tables import data_dictionary_markdown

from .conftest import ROOT


def test_readme_data_dictionary_matches_schemas():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert data_dictionary_markdown().strip() in readme, "run `kehoach schema` and paste it into README.md"


def test_readme_lists_every_error_code_with_its_meaning():
    from schemas.tables import ERROR_CODES

    readme = (ROOT / "README.md").read_text("utf-8")
    for code, meaning in ERROR_CODES.items():
        assert f"| `{code}` | {meaning} |" in readme, code
