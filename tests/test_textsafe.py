"""textsafe: what registry text shows, as the writing commands and the loader judge it."""
import shlex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_cli.textsafe import says_nothing, shell_word


@pytest.mark.parametrize("text", ["", " ", "\u3000", "\n\t", "\u200b", "\ufeff", "\u2060\u3000", "\x07", "\u2028", " \u200d "])
def test_a_text_of_spaces_controls_and_invisible_marks_says_nothing(text):
    # (a zero-width space as a report's note cleared 久未报告 reporting nothing)
    assert says_nothing(text)


@pytest.mark.parametrize("text", ["已完成", " 已完成", "\u200b已完成", "\ufeffx", "\x07!", "a\u200b", "。"])
def test_a_text_with_anything_that_shows_says_something(text):
    assert not says_nothing(text)


def test_an_excerpt_keeps_both_ends_and_cuts_no_character_from_its_accent():
    from rectify_cli.textsafe import display_width, excerpt

    text = "e\u0301" * 100  # (é written as e and a combining accent: 100 cells)
    cut = excerpt(text, 20)
    assert cut == "e\u0301" * 12 + "…" + "e\u0301" * 7
    assert display_width(cut) == 20
    assert excerpt("short", 20) == "short"


@pytest.mark.parametrize("text, word", [
    ("拉萨市", "拉萨市"), ("台账/tasks.yaml", "台账/tasks.yaml"), ("2019-06-30", "2019-06-30"),
    ("台账 副本/tasks.yaml", "'台账 副本/tasks.yaml'"), ("拉萨市（牵头）", "'拉萨市（牵头）'"), ("a'b", "'a'\"'\"'b'"),
    ("$HOME", "'$HOME'"), ("", "''"),
])
def test_a_shell_word_is_quoted_only_where_a_shell_would_read_it_otherwise(text, word):
    """'拉萨市' was quoted (shlex takes every non-ASCII letter for unsafe): noise in a Chinese hint."""
    assert shell_word(text) == word
    assert shlex.split(word) == [text]


@pytest.mark.parametrize("text, word", [
    ("拉萨市", "拉萨市"), ("D:\\台账\\tasks.yaml", "D:\\台账\\tasks.yaml"), ("gansu:45.5", "gansu:45.5"),
    ("D:\\整改 台账\\tasks.yaml", '"D:\\整改 台账\\tasks.yaml"'), ("gan su:45.5", '"gan su:45.5"'),
    ("拉萨市（牵头）", '"拉萨市（牵头）"'), ("D:\\整改 台账\\", '"D:\\整改 台账\\\\"'), ('a"b', '"a\\"b"'),
    ('a\\"b', '"a\\\\\\"b"'), ("", '""'),
])
def test_a_shell_word_on_windows_is_quoted_as_its_shells_read_it(monkeypatch, text, word):
    """On Windows a command to paste is read by cmd.exe or PowerShell, and each program's
    arguments by the C runtime's rules: 'D:\\台账\\tasks.yaml' (the single quotes of a POSIX shell,
    the backslash counted unsafe) reached rectify with its quotes from cmd.exe, a path that is not
    there. A backslash is plain there; a word is quoted with double quotes, a quote in it and the
    backslashes before one or before the closing quote doubled as CommandLineToArgvW reads them."""
    import rectify_cli.textsafe as textsafe

    monkeypatch.setattr(textsafe.sys, "platform", "win32")
    assert shell_word(text) == word


@settings(max_examples=500)
@given(st.text(st.one_of(st.characters(), st.sampled_from("\t\n\r\x1b\x85\u061c\u200e\u202e\u2066\u2028\u2029\u3000 红"))))
def test_text_that_python_calls_printable_is_left_as_it_is(text):
    """printable returns text str.isprintable accepts as it is: it holds no control, mark or
    separator that printable escapes or breaks the line at, nor a tab or line break."""
    from rectify_cli.textsafe import _CONTROL, printable

    if text.isprintable():
        assert not _CONTROL.search(text) and not set(text) & set("\u2028\u2029\n\t")
        assert printable(text) == printable(text, single_line=True) == text
