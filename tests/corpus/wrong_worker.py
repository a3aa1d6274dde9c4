"""A broken worker process for `test_workers`: answers its first request with nonsense,
its second with too few files, then exits with an error (leaving a mark that it ran)."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

#: Written into the cache folder the test points akhbar at.
MARK = "wrong-worker-ran"

if __name__ == "__main__":
    (Path(os.environ["AKHBAR_CACHE_DIR"]) / MARK).touch()
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    pickle.load(requests)
    pickle.dump("nonsense", answers)
    answers.flush()
    pickle.load(requests)
    pickle.dump([], answers)
    answers.flush()
    sys.exit(1)
