"""Page schemas (SCH): page types, sections, frontmatter fields, section contracts,
`vaultlint schema` and `vaultlint new`, through the CLI as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from support import LABS_WIKI, check_labs_wiki, make_vault, needs_labs_wiki, run_cli

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "entities" / "andrej-karpathy.md"
TODAY = ("--today", "2026-11-25")

PAGE_TYPES = """
[page-types.entity]
type-names = ["entity", "person"]
paths = ["people/**"]
folder = "entities"

[page-types.entity.fields]
title = { type = "text", required = true, min-length = 1 }
created = { type = "date", required = true }

[[page-types.entity.sections]]
heading = "Background"
also = ["Overview"]

[[page-types.entity.sections]]
heading = "Connections"
items = "links"

[[page-types.entity.sections]]
heading = "Sources"
also = ["Source"]
items = "citations"

[page-types.source]
paths = ["sources/**"]

[page-types.synthesis]
cites = ["source", "page"]

[[page-types.synthesis.sections]]
heading = "Sources"
items = "citations"
"""

FRONT = "---\ntitle: Bob\ntype: entity\ncreated: 2026-01-05\n---\n"
GOOD_BODY = (
    "# Bob\n\nLead.\n\n## Background\n\nText.\n\n## Connections\n\n- [[alice]] — friend\n\n"
    "## Sources\n\n- [[notes]]\n"
)


def vault_with(tmp_path: Path, files: dict[str, str], config: str = PAGE_TYPES) -> Path:
    base = {
        "vaultlint.toml": config,
        "alice.md": "---\ntitle: Alice\n---\nAlice [[bob]] [[notes]]\n",
        "sources/notes.md": "---\ntitle: Notes\n---\n# Notes\n\n[[bob]]\n",
    }
    return make_vault(tmp_path, {**base, **files})


def sch(capsys, vault: Path, *args: str, path: str = "bob.md") -> list[tuple[int, int, str]]:
    result = run_cli(
        capsys, "check", "--output-format", "json", "--select", "SCH", *TODAY, *args, cwd=vault
    )
    assert result.code in (0, 1), result.err
    return [(f["line"], f["column"], f["code"]) for f in result.json() if f["path"] == path]


def messages(capsys, vault: Path, code: str, path: str = "bob.md") -> list[str]:
    result = run_cli(
        capsys, "check", "--output-format", "json", "--select", code, *TODAY, cwd=vault
    )
    return [f["message"] for f in result.json() if f["path"] == path]


# --- choosing the page type ------------------------------------------------------------


def test_a_valid_page_has_no_schema_finding(tmp_path, capsys):
    vault = vault_with(tmp_path, {"bob.md": FRONT + GOOD_BODY})
    assert sch(capsys, vault) == []


def test_type_from_frontmatter_alias_value_and_from_path(tmp_path, capsys):
    body = "# Bob\n\n## Background\n\nText.\n"
    vault = vault_with(
        tmp_path,
        {
            "bob.md": "---\ntitle: Bob\ntype: Person\ncreated: 2026-01-05\n---\n" + body,
            "people/carol.md": "---\ntitle: Carol\ncreated: 2026-01-05\n---\n" + body,
            "people/dan.md": "---\ntitle: Dan\ntype: synthesis\n---\n# Dan\n\n## Sources\n\n"
            "- [[notes]]\n",
        },
    )
    assert [code for *_, code in sch(capsys, vault)] == ["SCH001", "SCH001"]
    assert [code for *_, code in sch(capsys, vault, path="people/carol.md")] == [
        "SCH001",
        "SCH001",
    ]
    # The frontmatter's type wins over the folder: dan is a synthesis page, which is valid.
    assert sch(capsys, vault, path="people/dan.md") == []


def test_a_note_of_no_type_gets_no_schema_finding(tmp_path, capsys):
    vault = vault_with(tmp_path, {"bob.md": "# Bob\n\nNo sections at all.\n"})
    assert sch(capsys, vault) == []


def test_unknown_type_value_is_reported_at_the_value_with_a_suggestion(tmp_path, capsys):
    vault = vault_with(tmp_path, {"bob.md": "---\ntitle: Bob\ntype: entitty\n---\n# Bob\n"})
    assert sch(capsys, vault) == [(3, 7, "SCH009")]
    (message,) = messages(capsys, vault, "SCH009")
    assert "did you mean 'entity'?" in message


def test_type_key_is_configurable(tmp_path, capsys):
    config = 'type-key = "kind"\n' + PAGE_TYPES
    vault = vault_with(
        tmp_path,
        {"bob.md": "---\ntitle: Bob\nkind: entity\ncreated: 2026-01-05\n---\n# Bob\n\ntext\n"},
        config,
    )
    assert [code for *_, code in sch(capsys, vault)] == ["SCH001"] * 3


# --- sections ------------------------------------------------------------------------------


def test_missing_section_names_the_heading_and_where_to_add_it(tmp_path, capsys):
    body = "# Bob\n\n## Background\n\nText.\n\n## Connections\n\n- [[alice]] — friend\n"
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == [(12, 1, "SCH001")]  # at the heading it must follow
    (message,) = messages(capsys, vault, "SCH001")
    assert message == (
        "missing section `## Sources`, required on entity pages: add it after `## Connections`"
    )


def test_missing_first_section_is_placed_before_the_next_one(tmp_path, capsys):
    body = "# Bob\n\n## Connections\n\n- [[alice]] — friend\n\n## Sources\n\n- [[notes]]\n"
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    (message,) = messages(capsys, vault, "SCH001")
    assert message.endswith("add it before `## Connections`")


def test_headings_match_case_insensitively_without_trailing_punctuation(tmp_path, capsys):
    body = GOOD_BODY.replace("## Background", "## **background:**").replace(
        "## Sources", "## SOURCE."
    )
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == []


def test_first_heading_may_be_any_level(tmp_path, capsys):
    """No `# Title`: the page starts at `##`, or sections are `###` under a lone title."""
    no_title = GOOD_BODY.replace("# Bob\n\n", "")
    deeper = GOOD_BODY.replace("## ", "### ")
    vault = vault_with(tmp_path, {"bob.md": FRONT + no_title, "b2.md": FRONT + deeper})
    assert sch(capsys, vault) == []
    assert sch(capsys, vault, path="b2.md") == []


def test_section_level_can_be_fixed_in_the_schema(tmp_path, capsys):
    config = PAGE_TYPES.replace('heading = "Background"', 'heading = "Background"\nlevel = 3')
    vault = vault_with(tmp_path, {"bob.md": FRONT + GOOD_BODY}, config)
    assert [code for *_, code in sch(capsys, vault)] == ["SCH001"]


def test_empty_section_is_reported_at_its_heading(tmp_path, capsys):
    body = GOOD_BODY.replace("- [[notes]]\n", "%% to do %%\n")
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == [(18, 1, "SCH002")]


def test_a_section_whose_content_is_in_a_subsection_is_not_empty(tmp_path, capsys):
    body = GOOD_BODY.replace("- [[notes]]\n", "### Papers\n\n- [[notes]]\n")
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == []
    empty_sub = GOOD_BODY.replace("- [[notes]]\n", "### Papers\n")
    (tmp_path / "bob.md").write_text(FRONT + empty_sub, encoding="utf-8")
    assert sch(capsys, vault) == [(18, 1, "SCH002")]


def test_optional_or_may_be_empty_sections_are_not_reported_empty(tmp_path, capsys):
    config = PAGE_TYPES.replace('also = ["Overview"]', 'also = ["Overview"]\nempty = true')
    body = GOOD_BODY.replace("Text.\n\n", "")
    vault = vault_with(tmp_path, {"bob.md": FRONT + body}, config)
    assert sch(capsys, vault) == []


def test_sections_out_of_order(tmp_path, capsys):
    body = (
        "# Bob\n\n## Sources\n\n- [[notes]]\n\n## Background\n\nText.\n\n"
        "## Connections\n\n- [[alice]] — friend\n"
    )
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    # One move puts it right: Sources belongs after Connections.
    assert sch(capsys, vault) == [(8, 1, "SCH003")]
    assert "move it after `## Connections`" in messages(capsys, vault, "SCH003")[0]


def test_duplicate_section_under_another_accepted_spelling(tmp_path, capsys):
    body = GOOD_BODY + "\n## Source\n\n- [[notes]]\n"
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == [(22, 1, "SCH004")]
    assert "(first on line 18)" in messages(capsys, vault, "SCH004")[0]


def test_near_miss_heading_is_renamed_by_a_safe_fix(tmp_path, capsys):
    body = GOOD_BODY.replace("## Connections", "## Conections")
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == [(14, 4, "SCH005")]  # not also a missing section
    result = run_cli(capsys, "check", "--select", "SCH", "--fix", *TODAY, cwd=vault)
    assert result.code == 0, result.out + result.err
    assert (tmp_path / "bob.md").read_text(encoding="utf-8") == FRONT + GOOD_BODY


def test_missing_section_fix_inserts_a_stub_at_the_required_place_unsafely(tmp_path, capsys):
    body = "# Bob\r\n\r\n## Background\r\n\r\nText.\r\n\r\n## Sources\r\n\r\n- [[notes]]\r\n"
    front = FRONT.replace("\n", "\r\n")
    vault = vault_with(tmp_path, {"bob.md": front + body})
    run_cli(capsys, "check", "--select", "SCH", "--fix", *TODAY, cwd=vault)
    assert (tmp_path / "bob.md").read_bytes().decode() == front + body  # unsafe: not applied
    result = run_cli(
        capsys, "check", "--select", "SCH", "--fix", "--unsafe-fixes", *TODAY, cwd=vault
    )
    fixed = (tmp_path / "bob.md").read_bytes().decode("utf-8")
    assert fixed == front + body.replace("## Sources\r\n", "## Connections\r\n\r\n## Sources\r\n")
    assert result.code == 1  # the stub is an empty required section now
    assert sch(capsys, vault) == [(12, 1, "SCH002")]


def test_missing_last_section_at_end_of_a_note_without_final_newline(tmp_path, capsys):
    body = "# Bob\n\n## Background\n\nText.\n\n## Connections\n\n- [[alice]] — friend"
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    run_cli(capsys, "check", "--select", "SCH", "--fix", "--unsafe-fixes", *TODAY, cwd=vault)
    assert (tmp_path / "bob.md").read_text(encoding="utf-8") == FRONT + body + "\n\n## Sources\n"


def test_an_empty_note_is_left_to_vlt004(tmp_path, capsys):
    vault = vault_with(tmp_path, {"bob.md": FRONT})
    result = run_cli(capsys, "check", "--output-format", "json", *TODAY, cwd=vault)
    assert [f["code"] for f in result.json() if f["path"] == "bob.md"] == ["VLT004"]


# --- frontmatter fields ---------------------------------------------------------------------

FIELD_TYPES = """
[page-types.note]
paths = ["**"]
[page-types.note.fields]
f = {{ {spec} }}
"""


@pytest.mark.parametrize(
    ("spec", "good", "bad"),
    [
        ('type = "text"', "hello", "[a, b]"),
        ('type = "text"', "1984", "true"),
        ('type = "number"', "2.5", '"2.5"'),
        ('type = "integer"', "3", "2.5"),
        ('type = "boolean"', "false", "no"),
        ('type = "date"', "2026-01-05", "2026-02-30"),
        ('type = "date"', "2026-01-05", "Jan 5 2026"),
        ('type = "datetime"', "2026-01-05T10:30", "2026-01-05T25:00"),
        ('type = "list"', "[a, b]", "a"),
        ('type = "list", items = "date"', "[2026-01-01]", "[2026-01-01, soon]"),
        ('type = "link"', '"[[note]]"', "note"),
        ('type = "url"', "https://example.org/x", "example.org"),
        ('type = "text", values = ["seed", "mature"]', "seed", "ripe"),
        ('type = "text", pattern = "[a-f0-9]{8}"', "deadbeef", "xyz"),
        ('type = "text", max-length = 5', "short", "much too long"),
        ('type = "text", required = true, min-length = 1', "x", '""'),
    ],
)
def test_field_types(tmp_path, capsys, spec, good, bad):
    config = FIELD_TYPES.format(spec=spec)
    vault = vault_with(
        tmp_path,
        {"good.md": f"---\nf: {good}\n---\ntext\n", "bad.md": f"---\nf: {bad}\n---\ntext\n"},
        config,
    )
    assert sch(capsys, vault, path="good.md") == []
    found = sch(capsys, vault, path="bad.md")
    assert len(found) == 1 and found[0][2] == "SCH007" and found[0][0] == 2, found


def test_invalid_list_item_is_reported_at_the_item(tmp_path, capsys):
    config = FIELD_TYPES.format(spec='type = "list", items = "link"')
    vault = vault_with(tmp_path, {"bob.md": '---\nf:\n  - "[[a]]"\n  - plain\n---\ntext\n'}, config)
    assert sch(capsys, vault) == [(4, 5, "SCH007")]
    (message,) = messages(capsys, vault, "SCH007")
    assert message == (
        'frontmatter field `f`: item 2: expected a quoted link such as "[[note]]", got "plain" '
        "(note pages)"
    )


def test_missing_required_field(tmp_path, capsys):
    vault = vault_with(tmp_path, {"bob.md": "---\ntitle: Bob\ntype: entity\n---\n" + GOOD_BODY})
    assert sch(capsys, vault) == [(1, 1, "SCH006")]
    (message,) = messages(capsys, vault, "SCH006")
    assert "`created` (a date (YYYY-MM-DD))" in message


def test_a_typed_page_without_frontmatter_gets_one_missing_field_finding(tmp_path, capsys):
    vault = vault_with(tmp_path, {"people/bob.md": GOOD_BODY})
    assert sch(capsys, vault, path="people/bob.md") == [(1, 1, "SCH006")]


def test_any_of_fields(tmp_path, capsys):
    config = PAGE_TYPES.replace(
        '[page-types.source]\npaths = ["sources/**"]',
        '[page-types.source]\npaths = ["sources/**"]\nany-of = [["url", "raw"]]\n'
        '[page-types.source.fields]\nurl = "url"\nraw = "text"',
    )
    vault = vault_with(tmp_path, {}, config)
    assert [c for *_, c in sch(capsys, vault, path="sources/notes.md")] == ["SCH006"]
    (tmp_path / "sources/notes.md").write_text("---\nraw: raw/x.md\n---\n# Notes\n\n[[bob]]\n")
    assert sch(capsys, vault, path="sources/notes.md") == []


def test_unknown_fields_are_reported_only_when_forbidden(tmp_path, capsys):
    front = (
        "---\ntitle: Bob\ntype: entity\ncreated: 2026-01-05\nudpated: x\naliases: [B]\n"
        "cssclasses: [wide]\nvaultlint-disable: [LNK008]\n---\n"
    )
    vault = vault_with(tmp_path, {"bob.md": front + GOOD_BODY})
    assert sch(capsys, vault) == []
    config = PAGE_TYPES.replace(
        'folder = "entities"', 'folder = "entities"\nunknown-fields = "forbid"'
    )
    (tmp_path / "vaultlint.toml").write_text(config, encoding="utf-8")
    assert sch(capsys, vault) == [(5, 1, "SCH008")]


def test_created_and_updated_dates_are_left_to_dat006(tmp_path, capsys):
    front = "---\ntitle: Bob\ntype: entity\ncreated: Jan 5\n---\n"
    vault = vault_with(tmp_path, {"bob.md": front + GOOD_BODY})
    result = run_cli(capsys, "check", "--output-format", "json", *TODAY, cwd=vault)
    assert [f["code"] for f in result.json() if f["path"] == "bob.md"] == ["DAT006"]


def test_broken_yaml_is_left_to_vlt003(tmp_path, capsys):
    front = "---\ntitle: Bob: x\ntype: entity\n---\n"
    vault = vault_with(tmp_path, {"people/bob.md": front + GOOD_BODY})
    result = run_cli(capsys, "check", "--output-format", "json", *TODAY, cwd=vault)
    assert [f["code"] for f in result.json() if f["path"] == "people/bob.md"] == ["VLT003"]


# --- Obsidian's property types ---------------------------------------------------------------


def test_obsidian_property_types_are_checked_for_every_note(tmp_path, capsys):
    vault = vault_with(
        tmp_path,
        {
            ".obsidian/types.json": '{"types": {"rating": "number", "done": "checkbox", '
            '"topics": "multitext", "when": "date"}}',
            "free.md": "---\nrating: high\ndone: yes\ntopics: one\nwhen: 2026-01-01\n---\ntext\n",
        },
    )
    assert sch(capsys, vault, path="free.md") == [(2, 9, "SCH007"), (3, 7, "SCH007")]
    assert "(.obsidian/types.json)" in messages(capsys, vault, "SCH007", path="free.md")[0]


def test_obsidian_types_apply_without_any_page_type_and_by_default(tmp_path, capsys):
    vault = make_vault(
        tmp_path,
        {
            ".obsidian/types.json": '{"types": {"rating": "number"}}',
            "a.md": "---\nrating: x\n---\nt\n",
        },
    )
    result = run_cli(capsys, "check", "--output-format", "json", *TODAY, cwd=vault)
    assert [f["code"] for f in result.json()] == ["SCH007"]


def test_page_type_wins_over_obsidian_type_and_the_disagreement_is_said_once(tmp_path, capsys):
    vault = vault_with(
        tmp_path,
        {
            ".obsidian/types.json": '{"types": {"title": "number"}}',
            "bob.md": FRONT + GOOD_BODY,
            "carol.md": FRONT.replace("Bob", "Carol") + GOOD_BODY,
        },
    )
    result = run_cli(
        capsys, "check", "--output-format", "json", "--select", "SCH", *TODAY, cwd=vault
    )
    assert [f for f in result.json() if f["path"] in ("bob.md", "carol.md")] == []
    warnings = [line for line in result.err.splitlines() if "types.json" in line]
    assert len(warnings) == 1
    assert "vaultlint.toml: page type 'entity' declares 'title' as text" in warnings[0]


# --- section contracts ----------------------------------------------------------------------


def test_connections_items(tmp_path, capsys):
    connections = (
        "- [[alice]] / [[notes]] — both\n"
        "- **[[alice]]**, [[notes]]: bold and joined\n"
        "- [[alice]]\n"
        "- Alice, who knows\n"
        "- [ ] [[alice]] — a task item\n"
        "\nA loose paragraph.\n"
    )
    body = GOOD_BODY.replace("- [[alice]] — friend\n", connections)
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == [(18, 3, "SCH011"), (19, 3, "SCH010"), (22, 1, "SCH010")]


def test_sources_items(tmp_path, capsys):
    sources = (
        "- [[notes]]\n"
        "- https://example.org/paper\n"
        "- [a paper](https://example.org/p)\n"
        "- raw/2026-01-01-thread.md\n"
        "- [[alice]]\n"
        "- a book I read\n"
        "- [[missing-page]]\n"
    )
    body = GOOD_BODY.replace("- [[notes]]\n", sources)
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == [(24, 3, "SCH013"), (25, 3, "SCH012")]
    assert messages(capsys, vault, "SCH013")[0] == (
        "[[alice]] is a wiki page, which entity pages do not cite as a source: cite source "
        "pages, raw files or URLs instead"
    )
    # the unresolved link is the links family's finding only
    result = run_cli(capsys, "check", "--output-format", "json", *TODAY, cwd=vault)
    assert [f["code"] for f in result.json() if f["line"] == 26] == ["LNK001"]


def test_synthesis_pages_may_cite_wiki_pages(tmp_path, capsys):
    vault = vault_with(
        tmp_path,
        {"syn.md": "---\ntype: synthesis\n---\n# S\n\n## Sources\n\n- [[alice]]\n- [[notes]]\n"},
    )
    assert sch(capsys, vault, path="syn.md") == []


def test_min_items(tmp_path, capsys):
    config = PAGE_TYPES.replace('items = "links"', 'items = "links"\nmin-items = 2')
    vault = vault_with(tmp_path, {"bob.md": FRONT + GOOD_BODY}, config)
    assert sch(capsys, vault) == [(14, 1, "SCH014")]


# --- configuration errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        (
            ('type = "date"', 'type = "dat"'),
            "page-types.entity.fields.created.type",
            "unknown field type 'dat'",
        ),
        (
            ('heading = "Sources"', 'heading = "Background"'),
            "page-types.entity.sections",
            "listed twice",
        ),
        (
            ("min-length = 1 }", 'pattern = "(" }'),
            "page-types.entity.fields.title.pattern",
            "not a valid regular expression",
        ),
        (
            ('items = "links"', 'items = "link"'),
            "page-types.entity.sections.1.items",
            "must be one of",
        ),
        (
            ('cites = ["source", "page"]', 'cites = ["book"]'),
            "page-types.synthesis.cites",
            "unknown citation kind",
        ),
    ],
)
def test_schema_configuration_errors_name_the_file_and_key(tmp_path, capsys, change, key, words):
    config = PAGE_TYPES.replace(*change)
    assert config != PAGE_TYPES
    vault = vault_with(tmp_path, {"bob.md": FRONT + GOOD_BODY}, config)
    result = run_cli(capsys, "check", cwd=vault)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "vaultlint.toml" in lines[0] and f"'{key}" in lines[0] and words in lines[0]


def test_user_page_types_replace_a_preset_type_by_name(tmp_path, capsys):
    config = 'extends = "llm-wiki"\n[page-types.entity]\npaths = ["people/**"]\n'
    vault = vault_with(tmp_path, {"bob.md": FRONT + "# Bob\n\nJust a lead.\n"}, config)
    assert sch(capsys, vault) == []  # the user's entity type declares no sections
    assert "concept" in run_cli(capsys, "schema", cwd=vault).out  # the preset's others stay


# --- vaultlint schema and vaultlint new ---------------------------------------------------


def test_schema_command_prints_json_schema(tmp_path, capsys):
    vault = vault_with(tmp_path, {})
    result = run_cli(capsys, "schema", "person", cwd=vault)
    assert result.code == 0, result.err
    schema = json.loads(result.out)
    assert schema["title"] == "entity"
    assert schema["required"] == ["title", "created"]
    assert schema["properties"]["created"]["format"] == "date"
    everything = json.loads(run_cli(capsys, "schema", cwd=vault).out)
    assert sorted(everything) == ["entity", "source", "synthesis"]
    assert run_cli(capsys, "schema", "nope", cwd=vault).code == 2


def test_schema_of_the_preset_is_valid_json_schema(capsys):
    result = run_cli(capsys, "schema", "--vault", REPO / "examples", cwd=REPO)
    for name, schema in json.loads(result.out).items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert name


def test_new_writes_a_note_that_meets_its_schema(tmp_path, capsys):
    vault = vault_with(tmp_path, {})
    result = run_cli(capsys, "new", "person", "Naval: How to Get Rich?", *TODAY, cwd=vault)
    assert result.code == 0, result.err
    assert result.out.strip() == "entities/naval-how-to-get-rich.md"
    text = (tmp_path / "entities/naval-how-to-get-rich.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Naval: How to Get Rich?"\ncreated: 2026-11-25\n')
    found = sch(capsys, vault, path="entities/naval-how-to-get-rich.md")
    assert [code for *_, code in found] == ["SCH002"] * 3  # only the sections to fill in
    again = run_cli(capsys, "new", "person", "Naval: How to Get Rich?", *TODAY, cwd=vault)
    assert again.code == 2 and "already exists" in again.err
    assert (tmp_path / "entities/naval-how-to-get-rich.md").read_text(encoding="utf-8") == text


def test_new_needs_values_it_cannot_invent(tmp_path, capsys):
    config = PAGE_TYPES.replace(
        'created = { type = "date", required = true }',
        'created = { type = "date", required = true }\nurl = { type = "url", required = true }',
    )
    vault = vault_with(tmp_path, {}, config)
    result = run_cli(capsys, "new", "entity", "Bob", cwd=vault)
    assert result.code == 2 and "url" in result.err and "--set" in result.err
    assert not (tmp_path / "entities").exists()
    ok = run_cli(
        capsys, "new", "entity", "Bob", "--set", "url=https://b.org", "--folder", "", cwd=vault
    )
    assert ok.code == 0, ok.err
    assert 'url: "https://b.org"' in (tmp_path / "bob.md").read_text(encoding="utf-8")


def test_new_without_page_types_is_a_usage_error(tmp_path, capsys):
    vault = make_vault(tmp_path, {"a.md": "x\n"})
    result = run_cli(capsys, "new", "entity", "Bob", cwd=vault)
    assert result.code == 2 and "no page types" in result.err


# --- the seed page --------------------------------------------------------------------------


@pytest.mark.parametrize("today", ["2026-02-03", "2026-11-25", "2031-06-30"])
def test_seed_page_gets_exactly_one_schema_finding(capsys, today):
    result = run_cli(
        capsys,
        "check",
        "--output-format",
        "json",
        "--select",
        "SCH",
        "--today",
        today,
        SEED,
        cwd=REPO,
    )
    (finding,) = result.json()
    assert (finding["line"], finding["column"], finding["code"]) == (55, 1, "SCH002")
    assert finding["message"].startswith("section `## Sources` is empty: ")
    assert SEED.read_text(encoding="utf-8").splitlines()[54] == "## Sources"


def test_every_preset_page_type_compiles(capsys):
    result = run_cli(capsys, "schema", "--vault", REPO / "examples", cwd=REPO)
    assert result.code == 0, result.err
    assert {"entity", "concept", "source", "synthesis", "index"} <= set(json.loads(result.out))


# --- a real wiki ----------------------------------------------------------------------------


@needs_labs_wiki
def test_labs_wiki_with_its_own_page_types(capsys):
    """The configuration written for labs-wiki's templates runs cleanly, and findings checked
    by hand are among its report."""
    result = check_labs_wiki(capsys, "SCH")
    assert result.code == 1
    assert "error" not in result.err
    root = LABS_WIKI.resolve()
    found = {
        (
            (REPO / f["path"]).resolve().relative_to(root).as_posix(),
            f["line"],
            f["column"],
            f["code"],
        )
        for f in result.json()
    }
    for expected in [
        ("wiki/concepts/custom-agents-in-vs-code.md", 121, 3, "SCH012"),
        ("wiki/concepts/linear-regression.md", 19, 7, "SCH007"),
        ("wiki/entities/reproducible-explainable-effective-agentic-ai-se.md", 28, 1, "SCH001"),
        ("wiki/entities/lightgbm.md", 44, 3, "SCH010"),
        ("wiki/sources/llm-wiki.md", 22, 1, "SCH001"),
    ]:
        assert expected in found
    codes = {code for *_, code in found}
    assert "SCH009" not in codes  # every type value of the vault is declared
    assert "SCH002" not in codes  # no template section is left empty


# --- review findings: each of these once went wrong -----------------------------------------


def test_sections_are_found_at_any_level_below_the_title(tmp_path, capsys):
    body = GOOD_BODY.replace("# Bob\n\nLead.\n\n", "# Bob\n\n### Note\n\nIntro.\n\n")
    pasted = GOOD_BODY + "\n# Pasted excerpt\n\ntext\n"
    vault = vault_with(tmp_path, {"bob.md": FRONT + body, "b2.md": FRONT + pasted})
    assert sch(capsys, vault) == []
    assert sch(capsys, vault, path="b2.md") == []


def test_a_lone_title_gets_level_two_stubs(tmp_path, capsys):
    vault = vault_with(tmp_path, {"bob.md": FRONT + "# Bob\n\nLead.\n"})
    run_cli(capsys, "check", "--select", "SCH001", "--fix", "--unsafe-fixes", *TODAY, cwd=vault)
    assert (tmp_path / "bob.md").read_text(encoding="utf-8") == (
        FRONT + "# Bob\n\nLead.\n\n## Background\n\n## Connections\n\n## Sources\n"
    )


def test_headings_with_block_ids_tags_and_comments_still_match(tmp_path, capsys):
    body = (
        GOOD_BODY.replace("## Connections", "## Connections ^conn")
        .replace("## Sources", "## Sources #todo")
        .replace("## Background", "## **Background**: %% check %%")
    )
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == []


def test_another_word_is_not_a_misspelling(tmp_path, capsys):
    body = GOOD_BODY.replace("## Sources", "## Resources")
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert [code for *_, code in sch(capsys, vault)] == ["SCH001"]
    numbered = GOOD_BODY.replace("## Sources", "## 2. Sources")
    (tmp_path / "bob.md").write_text(FRONT + numbered, encoding="utf-8")
    assert [code for *_, code in sch(capsys, vault)] == ["SCH001"]


def test_renaming_a_heading_other_notes_link_to_is_unsafe(tmp_path, capsys):
    body = GOOD_BODY.replace("## Connections", "## Conections")
    vault = vault_with(tmp_path, {"bob.md": FRONT + body, "f.md": "See [[bob#Conections]].\n"})
    result = run_cli(
        capsys, "check", "--output-format", "json", "--select", "SCH005", *TODAY, cwd=vault
    )
    (finding,) = result.json()
    assert finding["fix"] == "unsafe" and "f.md" in finding["message"]
    run_cli(capsys, "check", "--select", "SCH005", "--fix", *TODAY, cwd=vault)
    assert (tmp_path / "bob.md").read_text(encoding="utf-8") == FRONT + body


@pytest.mark.parametrize(
    ("line", "expected"),
    [("created: ''", "SCH007"), ("created:", "SCH007"), ("title: ''", "SCH007")],
)
def test_empty_required_values_are_reported(tmp_path, capsys, line, expected):
    front = FRONT.replace(line.split(":")[0] + ":", "old:", 1).replace("---\n", f"---\n{line}\n", 1)
    vault = vault_with(tmp_path, {"bob.md": front + GOOD_BODY})
    assert expected in [code for *_, code in sch(capsys, vault)]


@pytest.mark.parametrize("value", ["[entity]", "7"])
def test_a_type_that_is_not_one_text_is_reported(tmp_path, capsys, value):
    vault = vault_with(tmp_path, {"bob.md": f"---\ntitle: Bob\ntype: {value}\n---\n# Bob\n"})
    assert sch(capsys, vault) == [(3, 7, "SCH009")]
    assert "not one text value" in messages(capsys, vault, "SCH009")[0]


def test_new_stays_inside_the_vault(tmp_path, capsys):
    vault = vault_with(tmp_path / "v", {})
    for folder in ("../out", "a/../../out", ".obsidian"):
        result = run_cli(capsys, "new", "entity", "Esc", "--folder", folder, *TODAY, cwd=vault)
        assert result.code == 2, folder
    assert not (tmp_path / "out").exists()


def test_new_writes_the_type_name_asked_for_and_refuses_a_note_of_another_type(tmp_path, capsys):
    vault = vault_with(tmp_path, {})
    run_cli(capsys, "new", "person", "Carol", *TODAY, cwd=vault)
    assert "\ntype: person\n" in (tmp_path / "entities/carol.md").read_text(encoding="utf-8")
    other = run_cli(capsys, "new", "entity", "Dan", "--set", "type=synthesis", *TODAY, cwd=vault)
    assert other.code == 2 and "page type 'synthesis', not page type 'entity'" in other.err
    config = PAGE_TYPES + '\n[page-types.meeting]\ntype-names = []\nfolder = "meetings"\n'
    (tmp_path / "vaultlint.toml").write_text(config, encoding="utf-8")
    untyped = run_cli(capsys, "new", "meeting", "Standup", *TODAY, cwd=vault)
    assert untyped.code == 2 and "would have no page type" in untyped.err
    assert not (tmp_path / "meetings").exists()


def test_new_with_a_long_or_multi_line_title(tmp_path, capsys):
    vault = vault_with(tmp_path, {})
    long = run_cli(capsys, "new", "entity", "word " * 80, *TODAY, cwd=vault)
    assert long.code == 0, long.err
    assert len(Path(long.out.strip()).name) <= 83
    assert run_cli(capsys, "new", "entity", "one\ntwo", *TODAY, cwd=vault).code == 2


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            (
                'created = { type = "date", required = true }',
                'created = { type = "date", default = "soon" }',
            ),
            "default",
        ),
        (
            (
                'created = { type = "date", required = true }',
                'created = { type = "integer", values = [1, "a"] }',
            ),
            "values",
        ),
        (
            ('folder = "entities"', 'folder = "entities"\nany-of = [["nope"]]'),
            "not a declared field",
        ),
        (
            (
                'created = { type = "date", required = true }',
                'created = { type = "date", min-length = 3 }',
            ),
            "apply to text",
        ),
    ],
)
def test_more_page_type_mistakes_are_configuration_errors(tmp_path, capsys, change, words):
    vault = vault_with(tmp_path, {}, PAGE_TYPES.replace(*change))
    result = run_cli(capsys, "check", cwd=vault)
    assert result.code == 2 and words in result.err
    assert run_cli(capsys, "schema", cwd=vault).err.startswith("vaultlint: configuration error:")


def test_a_sources_section_with_only_a_callout_cites_nothing(tmp_path, capsys):
    body = GOOD_BODY.replace("- [[notes]]\n", "> [!note]\n> nothing yet\n")
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == [(18, 1, "SCH012")]


def test_one_misplaced_section_is_one_finding(tmp_path, capsys):
    body = (
        "# Bob\n\n## Connections\n\n- [[alice]] — friend\n\n## Sources\n\n- [[notes]]\n\n"
        "## Background\n\nText.\n"
    )
    vault = vault_with(tmp_path, {"bob.md": FRONT + body})
    assert sch(capsys, vault) == [(16, 1, "SCH003")]
    assert "move it before `## Connections`" in messages(capsys, vault, "SCH003")[0]


def test_schema_says_which_fields_one_of_is_needed_and_the_type_values(capsys):
    result = run_cli(capsys, "schema", "source", "--vault", REPO / "examples", cwd=REPO)
    schema = json.loads(result.out)
    assert schema["allOf"] == [
        {"anyOf": [{"required": ["url"]}, {"required": ["raw"]}, {"required": ["source_path"]}]}
    ]
    assert schema["properties"]["type"]["enum"] == ["source"]
