"""gunicorn settings for `make serve` (read by gunicorn from the working directory).

Several sync workers: the app keeps no per-process state (answers live in the
URL, content is loaded read-only at start-up, the database is shared), so any
worker answers any request. The request limits sit ABOVE the app's own
(MAX_QUERY_LENGTH, MAX_HEADER_COUNT, MAX_HEADER_BYTES in guide/__init__.py), so
an oversized request reaches the app and gets a translated page rather than
gunicorn's bare error; tests/test_hostile_input.py checks the order.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
preload_app = False  # each worker builds its own app and database pool: nothing shared across a fork
timeout = 30
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = os.environ.get("ACCESS_LOG") or None
