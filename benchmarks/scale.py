"""How `vaultlint check` scales: cold, warm and one-note incremental runs at several sizes.

    python benchmarks/scale.py [--sizes 1000,10000,50000] [--runs 3] [--config FILE] [VAULT ...]

Each size gets a seeded, generated vault of notes of about 3.5 KB shaped like an LLM wiki
(frontmatter, sections, wikilinks with headings and aliases, embeds, lists, a table, code, a
callout, dated and undated claims). For each it measures whole `vaultlint check` processes:

- cold: no cache (`--no-cache`);
- warm: a second run over the unchanged vault, reading the cache the first run wrote;
- incremental: one note edited, then `vaultlint check NOTE` (what pre-commit runs), with the
  cache;

reporting the median wall time of `--runs` runs and the peak resident memory (GNU time's
maximum RSS). Vaults given on the command line, and labs-wiki in ../shared/corpora when it is
there (also with its own page types, tests/corpora/labs-wiki.toml), are measured on copies.
`--config` measures the generated vaults with a configuration, e.g. one saying
`extends = "llm-wiki"`. `--peers N` first times markdownlint-cli2 and mdsmith (their default
checks) beside a cold vaultlint on one generated vault of N notes, run by run. Results go to
docs/performance.md with the machine and the date.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LABS_WIKI = REPO.parent / "shared" / "corpora" / "labs-wiki"
WORDS = (
    "agent",
    "vault",
    "note",
    "link",
    "source",
    "claim",
    "page",
    "model",
    "graph",
    "index",
    "schema",
    "date",
    "wiki",
    "context",
    "memory",
    "retrieval",
    "embedding",
    "training",
    "evaluation",
    "pipeline",
    "dataset",
    "benchmark",
    "token",
    "prompt",
    "cache",
    "parser",
    "section",
    "heading",
    "property",
    "alias",
)
FOLDERS = ("concepts", "entities", "sources", "synthesis")


def _sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate(root: Path, count: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    (root / ".obsidian").mkdir(parents=True)
    names = [f"page-{number:06d}" for number in range(count)]
    (root / "attachments").mkdir()
    for number in range(min(count, 50)):  # what the notes embed
        (root / "attachments" / f"diagram-{number}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for number, name in enumerate(names):
        folder = root / FOLDERS[number % len(FOLDERS)]
        folder.mkdir(exist_ok=True)
        links = rng.sample(names, k=min(8, count))
        year = rng.choice([2023, 2024, 2025, 2026])
        picture = f"diagram-{number % min(count, 50)}.png"
        body = [
            "---",
            f"title: Page {number}",
            f"type: {('concept', 'entity', 'source', 'synthesis')[number % 4]}",
            "created: 2026-01-02",
            "updated: 2026-02-03",
            f"aliases: [P{number}]",
            "tags: [wiki, generated]",
            f'sources: ["[[{links[0]}]]"]',
            "---",
            f"# Page {number}",
            "",
            " ".join(_sentence(rng) for _ in range(4))
            + f" See [[{links[1]}#Background|the background]] and ![[{picture}]].",
            "",
            "## Background",
            "",
            f"In {year}, {_sentence(rng, 10)} It is currently {_sentence(rng, 6).lower()}",
            "",
            *(f"- {_sentence(rng)} #topic/{rng.choice(WORDS)}" for _ in range(6)),
            "",
            "| metric | value | note |",
            "|---|---|---|",
            *(
                f"| {rng.choice(WORDS)} | {rng.randint(1, 99)} | {_sentence(rng, 5)} |"
                for _ in range(4)
            ),
            "",
            "```python",
            *(
                f"value_{i} = compute('{rng.choice(WORDS)}')  # {rng.choice(WORDS)}"
                for i in range(6)
            ),
            "```",
            "",
            "> [!note] Aside",
            f"> {_sentence(rng)} {_sentence(rng)}",
            "",
            "## Details",
            "",
            *(_sentence(rng, 18) for _ in range(6)),
            "",
            "## Connections",
            "",
            *(f"- [[{target}]] — {_sentence(rng, 9)}" for target in links[2:]),
            "",
            "## Sources",
            "",
            f"- [[{links[0]}]] ^src",
            "",
        ]
        (folder / f"{name}.md").write_text("\n".join(body), encoding="utf-8")


def _run(command: list[str], cwd: Path, any_exit: bool = False) -> tuple[float, int]:
    """Wall seconds and peak RSS in MiB of one whole process (GNU time's %M: the largest
    process, the parent or one of its workers, not their sum)."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1) and not any_exit:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr[-500:]}")
    kib = int(done.stderr.strip().splitlines()[-1])
    return seconds, kib // 1024


def measure(label: str, vault: Path, runs: int, config: Path | None = None) -> str:
    notes = sum(1 for path in vault.rglob("*.md") if ".obsidian" not in path.parts)
    base = [sys.executable, "-m", "vaultlint", "check", "--exit-zero", "-q", "-o", "/dev/null"]
    base += ["--config", str(config)] if config is not None else []
    with tempfile.TemporaryDirectory() as cache_dir:
        cache = ["--cache-dir", cache_dir]
        cold = [_run([*base, "--no-cache", str(vault)], vault) for _ in range(runs)]
        _run([*base, *cache, str(vault)], vault)  # fills the cache
        warm = [_run([*base, *cache, str(vault)], vault) for _ in range(runs)]
        one = next(p for p in sorted(vault.rglob("*.md")) if ".obsidian" not in p.parts)
        original = one.read_bytes()
        incremental = []
        try:
            for number in range(runs):
                one.write_bytes(original + f"\nEdited {number}.\n".encode())
                incremental.append(_run([*base, *cache, str(one)], vault))
        finally:
            one.write_bytes(original)

    def median(samples: list[tuple[float, int]]) -> str:
        return f"{statistics.median(s for s, _ in samples):.2f} s"

    peak = max(m for s in (cold, warm, incremental) for _, m in s)
    size_kib = sum(p.stat().st_size for p in vault.rglob("*.md")) // 1024
    return (
        f"| {label} | {notes:,} | {size_kib / 1024:.0f} MB | {median(cold)} | {median(warm)} "
        f"| {median(incremental)} | {peak} MiB |"
    )


# Other Markdown linters, each doing its default check (pinned: ratios must be comparable).
MARKDOWNLINT = "markdownlint-cli2@0.22.1"
MDSMITH = "mdsmith==0.57.0"


def install_peers(folder: Path) -> dict[str, list[str] | str]:
    """Each peer's command line, or why it could not be installed (the row stays)."""
    peers: dict[str, list[str] | str] = {}
    folder.mkdir(parents=True, exist_ok=True)
    node = folder / "node_modules" / ".bin" / "markdownlint-cli2"
    if not node.exists():
        done = (
            subprocess.run(
                ["npm", "install", "--prefix", str(folder), MARKDOWNLINT],
                capture_output=True,
                text=True,
            )
            if shutil.which("npm")
            else None
        )
        if done is None or done.returncode != 0:
            peers[MARKDOWNLINT] = "npm install failed" if done else "npm not found"
    if MARKDOWNLINT not in peers:
        peers[MARKDOWNLINT] = [str(node), "**/*.md"]
    venv = folder / "venv"
    mdsmith = venv / "bin" / "mdsmith"
    if not mdsmith.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True)
        done = (
            subprocess.run(
                [str(venv / "bin" / "pip"), "install", "-q", MDSMITH],
                capture_output=True,
                text=True,
            )
            if made.returncode == 0
            else None
        )
        if done is None or done.returncode != 0:
            peers[MDSMITH] = "pip install failed"
    if MDSMITH not in peers:
        peers[MDSMITH] = [str(mdsmith), "check", "."]
    return peers


def measure_peers(
    vault: Path, runs: int, peers: dict[str, list[str] | str], config: Path | None
) -> list[str]:
    """Cold vaultlint and each peer in turn on the same vault, run by run (a drift of the
    machine's speed then touches both), with vaultlint's ratio to each."""
    base = [sys.executable, "-m", "vaultlint", "check", "--exit-zero", "-q", "-o", "/dev/null"]
    base += ["--config", str(config)] if config is not None else []
    rows = []
    for name, command in peers.items():
        if isinstance(command, str):
            rows.append(f"| {name} | not measured: {command} | | |")
            continue
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(_run([*base, "--no-cache", str(vault)], vault, any_exit=True)[0])
            theirs.append(_run(command, vault, any_exit=True)[0])
        mine, other = statistics.median(ours), statistics.median(theirs)
        rows.append(f"| {name} | {other:.2f} s | {mine:.2f} s | {mine / other:.2f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--config", type=Path, help="configuration for the generated vaults")
    parser.add_argument(
        "--peers",
        type=int,
        metavar="N",
        help="also time markdownlint-cli2 and mdsmith beside a cold vaultlint on a vault of N "
        "notes (installed on first use into ~/.cache/vaultlint-bench)",
    )
    parser.add_argument("vaults", nargs="*", type=Path, metavar="VAULT")
    arguments = parser.parse_args()
    if arguments.peers:
        peers = install_peers(Path.home() / ".cache" / "vaultlint-bench")
        print("| tool | its time | vaultlint cold | vaultlint ÷ tool |")
        print("|---|---:|---:|---:|")
        with tempfile.TemporaryDirectory() as folder:
            vault = Path(folder) / "vault"
            generate(vault, arguments.peers)
            for row in measure_peers(vault, arguments.runs, peers, arguments.config):
                print(row, flush=True)
        print()
    print("| vault | notes | size | cold | warm | one note edited | peak memory |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for size in (int(part) for part in arguments.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            vault = Path(folder) / "vault"
            generate(vault, size)
            label = f"generated {size:,}" + (", with --config" if arguments.config else "")
            print(measure(label, vault, arguments.runs, arguments.config), flush=True)
    real: list[tuple[str, Path, Path | None]] = [(v.name, v, None) for v in arguments.vaults]
    if LABS_WIKI.is_dir():
        types = REPO / "tests" / "corpora" / "labs-wiki.toml"
        real += [("labs-wiki", LABS_WIKI, None), ("labs-wiki, its page types", LABS_WIKI, types)]
    for label, source, config in real:
        with tempfile.TemporaryDirectory() as folder:  # a copy: corpora are read-only
            copy = Path(folder) / source.name
            shutil.copytree(source, copy)
            print(measure(label, copy, arguments.runs, config), flush=True)


if __name__ == "__main__":
    main()
