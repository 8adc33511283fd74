"""gunicorn's settings for the load benchmark (benchmarks/load.py), as a production machine of the
same size would run it: sync workers, the usual (2 × cores) + 1 rule cut to one per core on the 2-core
benchmark machine, where PostgreSQL and the load generator share the cores (more workers only queue on
the same CPUs). Override with WEB_CONCURRENCY."""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# A slow page under load is measured, not killed.
timeout = 120
# Connections kept open between requests (the benchmark reuses one per thread).
keepalive = 5
accesslog = None
errorlog = "-"
loglevel = "warning"
