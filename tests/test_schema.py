"""One declaration of the config and rule-file shapes (gialint.schema): the
loaders validate with it, and the JSON Schemas for editors in docs/schemas/
are generated from it (and kept current)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from gialint.config import load_config
from gialint.ruleset import builtin_rule_files, load_rule_file
from gialint.schema import SCHEMA_FILES, json_schema, schema_text
from gialint.tomlpos import ConfigError

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schemas"


@pytest.mark.parametrize("which", sorted(SCHEMA_FILES))
def test_schema_files_are_up_to_date(which):
    current = (SCHEMAS / SCHEMA_FILES[which]).read_text(encoding="utf-8")
    assert current == schema_text(which), (
        f"docs/schemas/{SCHEMA_FILES[which]} is out of date: run `python -m gialint.schema`")


def _validator(which: str) -> Draft7Validator:
    schema = json_schema(which)
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def _errors(which: str, data: dict) -> list[str]:
    return [e.message for e in _validator(which).iter_errors(data)]


@pytest.mark.parametrize("path", builtin_rule_files(), ids=lambda p: p.name)
def test_builtin_rule_files_validate(path):
    assert _errors("rules", tomllib.loads(path.read_text(encoding="utf-8"))) == []


def _readme_examples() -> list[dict]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [tomllib.loads(block) for block in re.findall(r"```toml\n(.*?)```", readme, re.S)]


def test_readme_examples_validate():
    configs = [d for d in _readme_examples() if "rule" not in d]
    # ([rule.params] alone is a fragment, not a rule file)
    rule_files = [d for d in _readme_examples() if isinstance(d.get("rule"), list)]
    assert configs and rule_files
    for data in configs:
        assert _errors("config", data) == []
    for data in rule_files:
        assert _errors("rules", data) == []


# shape errors: the loader and the JSON Schema both refuse them
BAD_CONFIGS = [
    'bogus = 1\n', 'select = "GIA101"\n', 'select = [1, 2]\n', 'fail-on = 3\n', 'fail-on = "fatal"\n',
    'severity = "error"\n', '[severity]\nGIA110 = "fatal"\n', '[per-file-ignores]\n"*.txt" = "GIA101"\n',
    'edition = "2030"\n', 'organ-type = "city"\n', 'deadline = "3月31日"\n', 'lang = "fr"\n',
    'max-file-size = "lots"\n', 'max-file-size = 0\n', 'exclude = [true]\n',
]


@pytest.mark.parametrize("text", BAD_CONFIGS)
def test_bad_config_refused_by_both(tmp_path, text):
    path = tmp_path / "gialint.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(path)
    assert _errors("config", tomllib.loads(text))


RULE = """\
[[rule]]
id = "GIA901"
name = "work-plan"
category = "consistency"
severity = "warning"
editions = ["2019", "2021"]
kind = "pattern"
summary.zh = "工作计划"
summary.en = "Work plan"
message.zh = "发现“{match}”"
message.en = "Found “{match}”"

[rule.params]
patterns = ["工作计划"]
"""

BAD_RULES = [
    ('id = "GIA901"', 'id = "X1"'), ('name = "work-plan"', 'name = "Work Plan"'),
    ('category = "consistency"', 'category = "style"'), ('severity = "warning"', 'severity = "fatal"'),
    ('editions = ["2019", "2021"]', 'editions = []'), ('kind = "pattern"', 'kind = "patern"'),
    ('patterns = ["工作计划"]', 'patterns = "工作计划"'), ('patterns = ["工作计划"]', 'bogus = 1'),
    ('summary.zh = "工作计划"', 'colour = "red"\nsummary.zh = "工作计划"'),
    ('message.en = "Found “{match}”"', 'message.fr = "x"'), ('message.en = "Found “{match}”"', ''),
    ('summary.zh = "工作计划"', 'variants.nope = "x"\nsummary.zh = "工作计划"'),
    ('summary.zh = "工作计划"', 'example.ugly = "x"\nsummary.zh = "工作计划"'),
]


def test_the_rule_example_is_valid(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(RULE, encoding="utf-8")
    assert load_rule_file(path, user=True)
    assert _errors("rules", tomllib.loads(RULE)) == []


@pytest.mark.parametrize("old,new", BAD_RULES, ids=[n[:24] for _, n in BAD_RULES])
def test_bad_rule_refused_by_both(tmp_path, old, new):
    text = RULE.replace(old, new)
    assert text != RULE
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_rule_file(path, user=True)
    assert _errors("rules", tomllib.loads(text))


def test_schemas_are_json():
    for name in SCHEMA_FILES.values():
        json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
