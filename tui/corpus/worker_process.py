"""What a corpus worker process runs: it answers each request (file keys) with the parsed
files' cache rows (see `tui.corpus.workers`, which sends the requests).

A worker is either a fresh interpreter (``python -m tui.corpus.worker_process``) or a
process forked at start-up (`tui.corpus.forked_workers`); both run `serve_requests`.
"""

from __future__ import annotations

import pickle
import sys
from typing import IO, Any

from tui.corpus import reading
from tui.corpus.article import Problem
from tui.corpus.cache import FileKey, FileRows, ParsedFile, rows_of

#: A worker's answer for one file: its rows, or a problem not worth caching (path, message).
Answer = FileRows | tuple[str, str]


def answer_of(parsed: ParsedFile | Problem) -> Answer:
    """What a worker sends back for one parsed file."""
    if isinstance(parsed, Problem):
        return (parsed.path, parsed.message)
    return rows_of(parsed)


def serve_requests(requests: IO[bytes], answers: IO[bytes]) -> None:
    """Answer each request read from *requests* (pickled file keys) on *answers*, until the
    requests end."""
    while True:
        try:
            keys: list[Any] = pickle.load(requests)
        except EOFError:
            return
        answer = [answer_of(reading.parse_file(FileKey(*key))) for key in keys]
        pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


if __name__ == "__main__":
    _requests, _answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the answers
    serve_requests(_requests, _answers)
