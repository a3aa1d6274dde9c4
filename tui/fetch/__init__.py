"""Fetching news from the web: the HTTP client, the article store, and the fetch run.

Nothing here imports Textual: `fetch_feeds` is called by `akhbar fetch` and, from a thread
worker, by the app's refresh key.
"""
