"""How the text of a link is read: links spec, section 1 (`vaultlint.linktext`)."""

from __future__ import annotations

import unicodedata

import pytest

from vaultlint.linktext import (
    LinkText,
    clean_target,
    decode_uri,
    is_external,
    read_markdown_destination,
    read_wikilink,
    split_target,
)

# -- read_wikilink: the text between `[[` and `]]` --------------------------------------


@pytest.mark.parametrize(
    ("inner", "target", "linkpath", "subpath", "display"),
    [
        ("Note", "Note", "Note", "", None),
        ("a|b", "a", "a", "", "b"),
        # split at the FIRST '|' only: the display keeps the rest
        ("a|b|c", "a", "a", "", "b|c"),
        # a single backslash ending the target is dropped (table-safe alias)
        ("a\\|b", "a", "a", "", "b"),
        # only ONE backslash is dropped
        ("a\\\\|b", "a\\", "a\\", "", "b"),
        # a '|' as the first character does not split
        ("|x", "|x", "|x", "", None),
        # empty display text is kept as the empty string, not None
        ("Note|", "Note", "Note", "", ""),
        # target and display are trimmed
        ("  Note  |  Shown  ", "Note", "Note", "", "Shown"),
        (" spaced ", "spaced", "spaced", "", None),
        # NBSP becomes a space, then the target is trimmed
        ("a\u00a0b\u00a0", "a b", "a b", "", None),
        ("\u00a0Note\u00a0|x", "Note", "Note", "", "x"),
        # split at the first '#': the linkpath is NOT trimmed again
        ("Note #H", "Note #H", "Note ", "#H", None),
        ("#Heading", "#Heading", "", "#Heading", None),
        ("#^block-1", "#^block-1", "", "#^block-1", None),
        ("a#H1#H2", "a#H1#H2", "a", "#H1#H2", None),
        ("Note#[^fn]", "Note#[^fn]", "Note", "#[^fn]", None),
        ("Note#H|Shown", "Note#H", "Note", "#H", "Shown"),
        # embeds: size and alt text live in the display part; the target is unchanged
        ("img.png|100x200", "img.png", "img.png", "", "100x200"),
        ("img.png|alt|100", "img.png", "img.png", "", "alt|100"),
        ("Doc.pdf#page=3", "Doc.pdf#page=3", "Doc.pdf", "#page=3", None),
        ("folder/sub/Note", "folder/sub/Note", "folder/sub/Note", "", None),
    ],
)
def test_read_wikilink(
    inner: str, target: str, linkpath: str, subpath: str, display: str | None
) -> None:
    assert read_wikilink(inner) == LinkText(target, linkpath, subpath, display)


def test_read_wikilink_nfd_target_becomes_nfc() -> None:
    nfd = "Cafe\u0301"  # 'e' + combining acute accent
    assert not unicodedata.is_normalized("NFC", nfd)
    result = read_wikilink(nfd + "#Re\u0301sume\u0301|Cafe\u0301")
    assert result.target == "Caf\u00e9#R\u00e9sum\u00e9"
    assert result.linkpath == "Caf\u00e9"
    assert result.subpath == "#R\u00e9sum\u00e9"
    assert unicodedata.is_normalized("NFC", result.target)
    # the display text is shown as written: only the target is normalised
    assert result.display == nfd


def test_read_wikilink_keeps_inner_spaces_and_case() -> None:
    result = read_wikilink("My  Long Note")
    assert result.target == "My  Long Note"
    assert result.linkpath == "My  Long Note"


# -- clean_target / split_target ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Note", "Note"),
        ("  Note\t", "Note"),
        ("\u00a0Note\u00a0", "Note"),
        ("a\u00a0\u00a0b", "a  b"),
        ("Cafe\u0301", "Caf\u00e9"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_clean_target(raw: str, cleaned: str) -> None:
    assert clean_target(raw) == cleaned


@pytest.mark.parametrize(
    ("target", "linkpath", "subpath"),
    [
        ("Note", "Note", ""),
        ("Note#H", "Note", "#H"),
        ("Note #H", "Note ", "#H"),
        ("#H", "", "#H"),
        ("a#b#c", "a", "#b#c"),
        ("a#^id", "a", "#^id"),
        ("", "", ""),
        ("#", "", "#"),
    ],
)
def test_split_target(target: str, linkpath: str, subpath: str) -> None:
    assert split_target(target) == (linkpath, subpath)
    assert linkpath + subpath == target


# -- is_external ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "destination",
    [
        "https://obsidian.md",
        "http://example.com/a%20b#frag",
        "mailto:someone@example.com",
        "obsidian://open?vault=V&file=F",
        "file:///home/me/notes/x.md",
        "ftp://host/file",
        "zotero://select/items/ABC",
        "HTTPS://EXAMPLE.COM",
    ],
)
def test_absolute_urls_are_external(destination: str) -> None:
    assert is_external(destination)


@pytest.mark.parametrize(
    "destination",
    [
        "Note.md",
        "Note",
        "folder/Note.md",
        "./Note.md",
        "../a/Note.md",
        "/abs/Note.md",
        "#Heading",
        "Three%20laws%20of%20motion",
        "",
        "1abc:not-a-scheme",  # a scheme starts with a letter
    ],
)
def test_relative_destinations_are_internal(destination: str) -> None:
    assert not is_external(destination)


# -- decode_uri: JavaScript's decodeURI ----------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "decoded"),
    [
        ("Note.md", "Note.md"),
        ("", ""),
        ("My%20Note.md", "My Note.md"),
        ("Three%20laws%20of%20motion", "Three laws of motion"),
        ("%C3%A9t%C3%A9.md", "\u00e9t\u00e9.md"),
        ("%c3%a9", "\u00e9"),  # lower-case hex is fine
        ("%E2%82%AC", "\u20ac"),
        ("%F0%9F%98%80", "\U0001f600"),
        ("%41%42", "AB"),
        # '#', '/', '?' and the other reserved characters stay escaped
        ("a%23b.md", "a%23b.md"),
        ("a%2Fb.md", "a%2Fb.md"),
        ("a%2fb.md", "a%2fb.md"),  # kept as written, case included
        ("a%3Fb.md", "a%3Fb.md"),
        ("%20%23%20", " %23 "),
        ("%C3%A9%2F%C3%A9", "\u00e9%2F\u00e9"),
        # '%25' is not reserved: it decodes to a literal '%'
        ("100%25.md", "100%.md"),
    ],
)
def test_decode_uri(encoded: str, decoded: str) -> None:
    assert decode_uri(encoded) == decoded


@pytest.mark.parametrize("reserved", list(";/?:@&=+$,#"))
def test_decode_uri_keeps_every_reserved_escape(reserved: str) -> None:
    escape = f"%{ord(reserved):02X}"
    assert decode_uri(f"x{escape}y") == f"x{escape}y"


@pytest.mark.parametrize(
    "encoded",
    [
        "100%.md",  # '%' not followed by two hex digits
        "%",
        "a%2",
        "%zz",
        "%E0%A4%A",  # truncated escape
        "%C3%28",  # invalid UTF-8 continuation byte
        "%FF",  # never valid in UTF-8
        "%C3",  # lone lead byte
        "%80",  # lone continuation byte
        "%ED%A0%80",  # UTF-8 encoded surrogate
        "%C0%AF",  # overlong encoding
        "%C3%23%A9",  # a reserved escape cannot sit inside a multi-byte sequence
    ],
)
def test_decode_uri_fails_where_javascript_throws(encoded: str) -> None:
    assert decode_uri(encoded) is None


# -- read_markdown_destination ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("destination", "target", "linkpath", "subpath"),
    [
        ("Note.md", "Note.md", "Note.md", ""),
        ("My%20Note.md#Some%20Heading", "My Note.md#Some Heading", "My Note.md", "#Some Heading"),
        ("#Heading", "#Heading", "", "#Heading"),
        ("Three%20laws%20of%20motion", "Three laws of motion", "Three laws of motion", ""),
        # %23 stays escaped, so it does not split off a subpath
        ("C%23%20notes.md", "C%23 notes.md", "C%23 notes.md", ""),
        ("a%2Fb.md", "a%2Fb.md", "a%2Fb.md", ""),
        # decoded NBSP is cleaned and trimmed like a wikilink target
        ("%C2%A0Note.md%20", "Note.md", "Note.md", ""),
        # decoded NFD becomes NFC
        ("Cafe%CC%81.md", "Caf\u00e9.md", "Caf\u00e9.md", ""),
    ],
)
def test_read_markdown_destination(
    destination: str, target: str, linkpath: str, subpath: str
) -> None:
    assert read_markdown_destination(destination) == LinkText(target, linkpath, subpath, None)


@pytest.mark.parametrize("destination", ["100%.md", "%C3%28.md", "a%ZZ.md"])
def test_read_markdown_destination_not_indexed_when_decoding_fails(destination: str) -> None:
    assert read_markdown_destination(destination) is None
