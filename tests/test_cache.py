"""The cache of parsed notes: same results as without it, rebuilt when anything changes,
never trusted when corrupt, never a reason to fail."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support import make_vault, run_cli
from test_robustness import FRONT, PIECES

from vaultlint.cache import decode, encode
from vaultlint.parse import parse_document

NOTES = {
    "a.md": "---\ntitle: A\ntags: [x]\n---\n# A\n\nSee [[b#Part]] and [[missing]]. Currently ok.\n",
    "b.md": "\ufeff# B\r\n\r\n## Part\r\n\r\n- item ^id\r\n",
}


def _report(capsys, vault: Path, *args: str) -> list[dict[str, object]]:
    result = run_cli(
        capsys, "check", "--output-format", "json", "--today", "2026-11-25", *args, cwd=vault
    )
    assert result.code in (0, 1), result.err
    return result.json()


def _entries(vault: Path) -> list[Path]:
    """The parsed-note entries (not the whole-run results kept beside them)."""
    return sorted(
        p for p in (vault / ".vaultlint_cache").glob("*/*.json") if p.parent.name != "runs"
    )


@settings(max_examples=80, deadline=None)
@given(front=FRONT, body=st.lists(PIECES, max_size=30).map("".join))
def test_a_cached_document_equals_a_fresh_parse(front: str, body: str):
    document = parse_document("n.md", front + body)
    again = decode(json.loads(json.dumps(encode(document))))
    assert again == document
    assert again.source.line_starts == document.source.line_starts


def test_second_run_reads_the_cache_and_reports_the_same(tmp_path, capsys):
    vault = make_vault(tmp_path, NOTES)
    first = _report(capsys, vault)
    assert len(_entries(vault)) == 2
    assert (vault / ".vaultlint_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    stamps = {path: path.stat().st_mtime_ns for path in _entries(vault)}
    assert _report(capsys, vault) == first
    assert {path: path.stat().st_mtime_ns for path in _entries(vault)} == stamps  # all hits


def test_a_changed_note_is_parsed_again(tmp_path, capsys):
    vault = make_vault(tmp_path, NOTES)
    _report(capsys, vault)
    (vault / "a.md").write_text("# A\n\nSee [[b#Nowhere]].\n")
    codes = [f["code"] for f in _report(capsys, vault)]
    assert codes == ["LNK003"]


def test_a_touched_but_unchanged_note_is_recognised_by_its_content(tmp_path, capsys):
    vault = make_vault(tmp_path, NOTES)
    first = _report(capsys, vault)
    os.utime(vault / "a.md", ns=(1, 1))  # a checkout resets modification times
    assert _report(capsys, vault) == first


def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(tmp_path, capsys):
    vault = make_vault(tmp_path, NOTES)
    first = _report(capsys, vault)
    entries = _entries(vault)
    entries[0].write_text("{not json")
    data = json.loads(entries[1].read_text())
    data["document"]["links"] = "nonsense"
    entries[1].write_text(json.dumps(data))
    shutil.rmtree(vault / ".vaultlint_cache" / "runs")  # make the run read the entries
    assert _report(capsys, vault) == first
    assert _report(capsys, vault) == first


def test_an_unwritable_cache_is_a_notice_not_an_error(tmp_path, capsys):
    vault = make_vault(tmp_path, NOTES)
    (vault / ".vaultlint_cache").write_text("a file where the folder should be")
    result = run_cli(capsys, "check", "--output-format", "json", cwd=vault)
    assert result.code == 1 and len(result.json()) == 2
    assert result.err.count("cannot write the cache") == 1


def test_no_cache_and_cache_dir(tmp_path, capsys):
    vault = make_vault(tmp_path / "v", NOTES)
    first = _report(capsys, vault, "--no-cache")
    assert not (vault / ".vaultlint_cache").exists()
    elsewhere = tmp_path / "cache"
    assert _report(capsys, vault, "--cache-dir", str(elsewhere)) == first
    entries = [p for p in elsewhere.glob("*/*.json") if "runs" not in p.parts]
    assert len(entries) == 2 and not (vault / ".vaultlint_cache").exists()


def test_an_unchanged_vault_reuses_the_last_runs_findings_without_parsing(tmp_path, capsys):
    from vaultlint.engine import CheckRequest, check

    vault = make_vault(tmp_path, NOTES)
    request = CheckRequest((vault,), vault, today="2026-11-25")
    (first,) = check(request)
    (second,) = check(request)
    assert second.findings == first.findings
    assert second.index.documents.parsed() == []  # nothing read or parsed
    (other_day,) = check(CheckRequest((vault,), vault, today="2026-11-26"))
    assert other_day.index.documents.parsed() != []  # "today" is part of what was checked
    (vault / "c.md").write_text("[[a]]\n")  # any file added, changed or removed counts
    (third,) = check(request)
    assert third.index.documents.parsed() != [] and third.findings == first.findings


def test_results_are_not_reused_across_rule_selections(tmp_path, capsys):
    vault = make_vault(tmp_path, NOTES)
    everything = _report(capsys, vault)
    only_links = _report(capsys, vault, "--select", "LNK001")
    assert {f["code"] for f in only_links} == {"LNK001"} and len(everything) > len(only_links)
    assert _report(capsys, vault) == everything


def test_two_vaults_can_share_one_cache_dir(tmp_path, capsys):
    shared = tmp_path / "cache"
    one = make_vault(tmp_path / "one", {"a.md": "[[abcdef]]\n"})
    two = make_vault(tmp_path / "two", {"a.md": "[[ghijkl]]\n"})
    for path in (one / "a.md", two / "a.md"):
        os.utime(path, ns=(5, 5))  # same name, size and time, different text
    first = _report(capsys, one, "--cache-dir", str(shared))
    second = _report(capsys, two, "--cache-dir", str(shared))
    assert "abcdef" in first[0]["message"] and "ghijkl" in second[0]["message"]
    assert _report(capsys, one, "--cache-dir", str(shared)) == first


def test_an_edit_that_restores_size_and_time_is_still_seen(tmp_path, capsys):
    vault = make_vault(tmp_path, {"a.md": "# A\n\nLinks [[b]].\n", "b.md": "# B\n"})
    assert _report(capsys, vault) == []
    path = vault / "a.md"
    info = path.stat()
    path.write_text("# A\n\nLinks [[c]].\n")  # same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the old time
    assert [f["code"] for f in _report(capsys, vault)] == ["LNK001"]
    assert [f["code"] for f in _report(capsys, vault, "--select", "LNK001")] == ["LNK001"]


def test_reused_results_follow_the_targets(tmp_path, capsys):
    vault = make_vault(
        tmp_path,
        {"A.md": "[[B]]\n", "B.md": "[[A]]\n", "a/x.png": "x", "b/y.png": "y"},
    )
    first = _report(capsys, vault, "--select", "LNK009", "a")
    second = _report(capsys, vault, "--select", "LNK009", "b")
    assert [f["path"] for f in first] == ["a/x.png"] and [f["path"] for f in second] == ["b/y.png"]
