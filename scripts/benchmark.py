"""Time the whole `vaultlint check` on a large generated vault and on real vaults.

    python scripts/benchmark.py [--notes 5000] [--runs 5] [VAULT ...]

Each figure is the median wall time of whole-process runs (after one warm-up), with the
per-note cost. Real vaults given on the command line are measured as they are; the
labs-wiki corpus in ../shared/corpora is measured when it is there. Keep the numbers in
docs/performance.md, and measure before and after any change to the hot path.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LABS_WIKI = REPO.parent / "shared" / "corpora" / "labs-wiki"
WORDS = [
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
]


def generate(root: Path, count: int, seed: int = 7) -> None:
    """A vault shaped like an LLM wiki: frontmatter, sections, lists, links, tags, callouts."""
    rng = random.Random(seed)
    (root / ".obsidian").mkdir(parents=True)
    names = [f"note-{index:05d}" for index in range(count)]
    for index, name in enumerate(names):
        folder = root / ("concepts", "entities", "sources")[index % 3]
        folder.mkdir(exist_ok=True)
        links = rng.sample(names, k=min(6, count))
        sentence = lambda: " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."  # noqa: E731
        body = [
            "---",
            f"title: {name}",
            "type: concept",
            "created: 2026-01-02",
            "updated: 2026-02-03",
            "tags: [wiki, generated]",
            f'sources: ["[[{links[0]}]]"]',
            "---",
            f"# {name}",
            "",
            " ".join(sentence() for _ in range(4)) + f" See [[{links[1]}#Background]].",
            "",
            "## Background",
            "",
            *(f"- {sentence()} #topic/{rng.choice(WORDS)}" for _ in range(5)),
            "",
            "> [!note] Aside",
            f"> {sentence()}",
            "",
            "## Connections",
            "",
            *(f"- [[{target}]] — {sentence()}" for target in links[2:]),
            "",
            "## Sources",
            "",
            f"- [[{links[0]}]] ^src",
            "",
        ]
        (folder / f"{name}.md").write_text("\n".join(body), encoding="utf-8")


def time_check(vault: Path, runs: int, config: Path | None, cache: Path | None = None) -> float:
    """Median wall time; with `cache`, warm runs reading a cache the warm-up wrote there,
    else cold runs without any cache (never written into the vault: corpora are read-only)."""
    command = [sys.executable, "-m", "vaultlint", "check", "--exit-zero", "-q", str(vault)]
    command += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    if config is not None:
        command += ["--config", str(config)]
    subprocess.run(command, capture_output=True, check=True)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(label: str, vault: Path, runs: int, config: Path | None = None) -> None:
    notes = sum(1 for path in vault.rglob("*.md") if ".obsidian" not in path.parts)
    cold = time_check(vault, runs, config)
    with tempfile.TemporaryDirectory() as cache:
        warm = time_check(vault, runs, config, Path(cache))
    print(
        f"{label:<28} {notes:>7} notes  cold {cold:6.2f} s ({cold / notes * 1e6:5.0f} µs/note)"
        f"  warm {warm:6.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("vaults", nargs="*", type=Path)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        generated = Path(folder) / "vault"
        generate(generated, arguments.notes)
        report("generated", generated, arguments.runs)
        preset = Path(folder) / "llm-wiki.toml"
        preset.write_text('extends = "llm-wiki"\n', encoding="utf-8")
        report("generated, llm-wiki preset", generated, arguments.runs, preset)
    if LABS_WIKI.is_dir():
        report("labs-wiki", LABS_WIKI, arguments.runs)
        config = REPO / "tests" / "corpora" / "labs-wiki.toml"
        report("labs-wiki, its page types", LABS_WIKI, arguments.runs, config)
    for vault in arguments.vaults:
        report(vault.name, vault, arguments.runs)


if __name__ == "__main__":
    main()
