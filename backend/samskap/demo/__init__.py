"""The demo: three programmes built from the seed documents, loaded through the services.

`samskap load-demo` (and `make run`) call `load_demo`. It creates «Nordre Follo 2020» (Ski
and Oppegård, seed 002 with seeds 000, 001 and 004) «Nye Kristiansand 2020»
(Kristiansand, Songdalen and Søgne, seed 003), and «Sørum arbeidslag» (work teams steered by
their measured effect, seed 001). Programmes side by side show that programmes are kept apart:
each has its own people, groups and deadlines. Both merger programmes have a participation
link with a fixed token (see the README), employees' ideas in every status assessed by a
three-party forum at its meetings (nordre_follo_participation.py, kristiansand_participation.py).

Loading is idempotent: every record carries an `external_id` under `demo:nf:`, `demo:kr:` or
`demo:so:` (or, without one, is matched on what identifies it) and is looked up before it is
created, so a second run creates nothing and changes nothing. The caller commits.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from samskap.demo import governance, kristiansand, nordre_follo, nordre_follo_participation, sorum
from samskap.demo.accounts import ensure_accounts
from samskap.demo.loader import KINDS, DemoLoader
from samskap.jobs.outbox import OUTBOX_OFF

__all__ = ["KINDS", "load_demo"]


async def load_demo(session: AsyncSession) -> dict[str, int]:
    """Create what is missing of the demo; return how many records of each kind were made.

    Loading it announces nothing: no webhook, reminder or invitation goes out for the
    demo's thousands of records at once (the session's outbox is off)."""
    session.info[OUTBOX_OFF] = True
    loader = DemoLoader(session)
    await nordre_follo.build(loader)
    await kristiansand.build(loader)
    await sorum.build(loader)
    governance_counts = await governance.build(loader)
    # Nordre Follo's ideas, involvement plan and decision trail build on the decision and
    # consultation meeting governance makes.
    await nordre_follo_participation.build(loader)
    # Events come from the programmes (Nordre Follo's gatherings) and from governance.
    events = {"events": loader.created["events"] + governance_counts.pop("events", 0)}
    return (
        loader.counts() | events | governance_counts | {"accounts": await ensure_accounts(session)}
    )
