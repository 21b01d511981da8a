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
`extends = "llm-wiki"`. Results go to docs/performance.md with the machine and the date.
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


def _run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS in MiB of one whole process (GNU time's %M)."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--config", type=Path, help="configuration for the generated vaults")
    parser.add_argument("vaults", nargs="*", type=Path, metavar="VAULT")
    arguments = parser.parse_args()
    print("| vault | notes | size | cold | warm | one note edited | peak memory |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for size in (int(part) for part in arguments.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            vault = Path(folder) / "vault"
            generate(vault, size)
            label = f"generated {size:,}" + (", with --config" if arguments.config else "")
            print(measure(label, vault, arguments.runs, arguments.config), flush=True)
    real = [(vault.name, vault, None) for vault in arguments.vaults]
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
