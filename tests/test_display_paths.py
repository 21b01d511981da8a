"""Paths in reports: relative to the current directory when the note is inside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultlint.report import display_path

parts = st.sampled_from(["a", "b", "ab", "a b", "..", ".", "é", "x.md"])


@pytest.mark.skipif(os.sep != "/", reason="the string path is for POSIX")
@settings(max_examples=300, deadline=None)
@given(
    st.lists(parts, min_size=1, max_size=4),
    st.lists(parts.filter(lambda p: p not in ("..", ".")), max_size=3),
    st.lists(parts.filter(lambda p: p not in ("..", ".")), max_size=4),
)
def test_display_path_is_the_path_relative_to_the_cwd_or_absolute(note, root_parts, cwd_parts):
    root = Path("/", "vault", *root_parts)
    cwd = Path("/", *cwd_parts)
    relative = "/".join(note)
    absolute = Path(os.path.abspath(root / relative))
    try:
        expected = absolute.relative_to(cwd).as_posix()
    except ValueError:
        expected = absolute.as_posix()
    assert display_path(root, relative, cwd) == expected
