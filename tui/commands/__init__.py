"""One module per `akhbar` sub-command; each defines `register(subparsers)`.

A command module parses nothing itself beyond its own arguments and keeps heavy imports inside
its `run` function, so `akhbar --help` and start-up stay fast.
"""
