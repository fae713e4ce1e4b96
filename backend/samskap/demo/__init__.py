"""The demo: two programmes built from the seed documents, loaded through the services.

`samskap load-demo` (and `make run`) call `load_demo`. It creates «Nordre Follo 2020» (Ski
and Oppegård, seed 002 with seeds 000, 001 and 004) and «Nye Kristiansand 2020»
(Kristiansand, Songdalen and Søgne, seed 003). Two programmes side by side show that
programmes are kept apart: each has its own people, groups and deadlines.

Loading is idempotent: every record carries an `external_id` under `demo:nf:` or `demo:kr:`
and is looked up before it is created, so a second run creates nothing and changes
nothing. The caller commits.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from samskap.demo import governance, kristiansand, nordre_follo
from samskap.demo.accounts import ensure_accounts
from samskap.demo.loader import KINDS, DemoLoader

__all__ = ["KINDS", "load_demo"]


async def load_demo(session: AsyncSession) -> dict[str, int]:
    """Create what is missing of the demo; return how many records of each kind were made."""
    loader = DemoLoader(session)
    await nordre_follo.build(loader)
    await kristiansand.build(loader)
    governance_counts = await governance.build(loader)
    return loader.counts() | governance_counts | {"accounts": await ensure_accounts(session)}
