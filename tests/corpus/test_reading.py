"""Reading one file's bytes (`reading._read`): whole, however the system hands them over,
and never more than one byte past the size limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.corpus import reading

TEXT = "عنوان الخبر\n\nنص الخبر.\n".encode() * 50


def test_the_whole_file_is_read_even_in_small_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT)
    real_read = os.read
    monkeypatch.setattr(reading.os, "read", lambda fd, n: real_read(fd, min(n, 7)))
    data, info = reading._read(str(path))
    assert data == TEXT
    assert info.st_size == len(TEXT)


def test_a_file_over_the_limit_is_read_one_byte_past_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_bytes(TEXT)
    data, _ = reading._read(str(path))
    assert data == TEXT[:101]


def test_an_empty_file_reads_as_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert reading._read(str(path))[0] == b""


def test_a_folder_is_not_read(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="not a regular file"):
        reading._read(str(tmp_path))
