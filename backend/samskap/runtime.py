"""How a serving process sets up Python's cyclic garbage collector.

A request allocates some thousands of objects (the ORM's states, the framework's scopes,
the request's dependencies), most of them freed by reference counting; the collector's
youngest generation, collected after every 700 allocations by default, ran several times a
request and took a tenth of a read's CPU under load (py-spy on `make bench`'s GET one task:
`weakref.finalize.__init__`, where the pool's checkout allocates, at 5 %). Collected every
50,000 allocations instead, it runs about once in fifteen requests, and each run still
finds the request cycles (a few MB at most between runs: the worker's peak memory did not
change). The objects made at start-up (routes, schemas, mappers: some 330,000) live as long
as the process: frozen, the full collections no longer walk them.
"""

import gc

YOUNGEST_THRESHOLD = 50_000


def tune_collector() -> None:
    """Once the application is built: freeze what exists, collect the young less often."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST_THRESHOLD, middle, oldest)
