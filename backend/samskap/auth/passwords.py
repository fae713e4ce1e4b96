"""Password hashing with Argon2id.

Hashing is slow and memory-hard on purpose, so requests hash in worker threads (Argon2
releases the GIL), a bounded number at a time: the event loop keeps serving other requests,
and a burst of logins queues instead of taking all the memory.
"""

from functools import lru_cache

from anyio import CapacityLimiter, to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from samskap.config import get_settings


@lru_cache
def _hasher(time_cost: int, memory_cost: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost)


def hasher() -> PasswordHasher:
    settings = get_settings()
    return _hasher(settings.argon2_time_cost, settings.argon2_memory_cost_kib)


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Checks against `dummy_hash()` when there is no account, which fails just as slowly."""
    try:
        valid = hasher().verify(password_hash or dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return valid and password_hash is not None


# Verified against when the account does not exist, so that a wrong e-mail address takes
# as long as a wrong password and does not reveal which accounts exist.
@lru_cache
def dummy_hash() -> str:
    return hash_password("not-a-real-password")


@lru_cache
def _workers(count: int) -> CapacityLimiter:
    return CapacityLimiter(count)


def _limiter() -> CapacityLimiter:
    return _workers(get_settings().password_hash_workers)


async def hash_password_in_worker(password: str) -> str:
    return await to_thread.run_sync(hash_password, password, limiter=_limiter())


async def verify_password_in_worker(password_hash: str | None, password: str) -> bool:
    return await to_thread.run_sync(verify_password, password_hash, password, limiter=_limiter())
