"""Time link resolution alone: all links of a generated vault of 10,000 notes, 100,000 links.

    python scripts/benchmark_resolve.py [--notes 10000] [--links 100000]

Notes are spread over nested folders with some duplicate names (so that the root-first,
folder-first and shortest-path steps all run); links mix bare names, paths, relative paths,
headings and misses. Prints the best of five rounds, in seconds and per link.
"""

from __future__ import annotations

import argparse
import random
import time

from vaultlint.document import Link, LinkKind
from vaultlint.index import VaultIndex
from vaultlint.linktext import read_wikilink


def vault_paths(count: int, rng: random.Random) -> list[str]:
    folders = [f"area-{a}/topic-{t}" for a in range(20) for t in range(10)]
    paths = []
    for number in range(count):
        name = f"note-{number % (count * 9 // 10)}"  # about a tenth share a name
        paths.append(f"{rng.choice(folders)}/{name}.md")
    return sorted(set(paths))


def links(paths: list[str], count: int, rng: random.Random) -> list[tuple[Link, str]]:
    made = []
    for _ in range(count):
        target = rng.choice(paths)
        stem = target[:-3]
        kind = rng.random()
        if kind < 0.6:
            inner = stem.rsplit("/", 1)[-1]
        elif kind < 0.75:
            inner = stem
        elif kind < 0.85:
            inner = stem.rsplit("/", 1)[-1] + "#Background"
        elif kind < 0.95:
            inner = "/".join(stem.split("/")[-2:])
        else:
            inner = f"missing-{rng.randrange(1000)}"
        text = read_wikilink(inner)
        link = Link(
            LinkKind.WIKILINK,
            (0, 0),
            f"[[{inner}]]",
            text.target,
            text.linkpath,
            text.subpath,
            text.display,
        )
        made.append((link, rng.choice(paths)))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--links", type=int, default=100_000)
    arguments = parser.parse_args()
    rng = random.Random(11)
    paths = vault_paths(arguments.notes, rng)
    sample = links(paths, arguments.links, rng)
    best = float("inf")
    for _ in range(5):
        index = VaultIndex(unreadable=set(paths))  # a fresh index: build and memo included
        start = time.perf_counter()
        for link, source in sample:
            index.resolve(link, source)
        best = min(best, time.perf_counter() - start)
    print(
        f"{len(paths)} notes, {len(sample)} links: {best:.3f} s "
        f"({best / len(sample) * 1e6:.2f} µs per link, index build included)"
    )


if __name__ == "__main__":
    main()
