"""Columns that hold a closed vocabulary are declared as that vocabulary and read back as it,
so the type checker (`make lint` runs mypy) sees `Project.status` as a `ProjectStatus`; the
schema keeps them plain text, as the migrations made them."""

import inspect
import typing

from sqlalchemy import select
from sqlalchemy.orm import Mapped

from samskap.db import Base
from samskap.kit.types import EnumText
from samskap.models import enums
from samskap.models.enums import Vocabulary

VOCABULARIES = {
    cls
    for _, cls in inspect.getmembers(enums, inspect.isclass)
    if issubclass(cls, Vocabulary) and cls is not Vocabulary
}


def _declared(model: type) -> dict[str, type]:
    """Each mapped attribute's declared type, with Optional taken away: `Mapped[X | None]` -> X."""
    declared = {}
    for name, hint in typing.get_type_hints(model).items():
        if typing.get_origin(hint) is not Mapped:
            continue
        (inner,) = typing.get_args(hint)
        args = [a for a in typing.get_args(inner) if a is not type(None)]
        declared[name] = args[0] if len(args) == 1 else inner
    return declared


def vocabulary_columns() -> list[tuple[type, str, type]]:
    """(model, attribute, vocabulary) for every column declared as a vocabulary."""
    return [
        (mapper.class_, name, declared)
        for mapper in Base.registry.mappers
        for name, declared in _declared(mapper.class_).items()
        if declared in VOCABULARIES
    ]


class TestVocabularyColumns:
    def test_every_vocabulary_is_the_declared_type_of_the_columns_holding_it(self):
        stored = {vocabulary for _, _, vocabulary in vocabulary_columns()}
        assert sorted(v.__name__ for v in VOCABULARIES - stored) == []

    def test_each_such_column_stores_its_vocabulary_as_text(self):
        for model, name, vocabulary in vocabulary_columns():
            column_type = model.__table__.c[name].type
            assert isinstance(column_type, EnumText), f"{model.__name__}.{name}"
            assert column_type.enum is vocabulary, f"{model.__name__}.{name}"

    async def test_the_demo_reads_back_as_the_vocabularies(self, demo):
        """Every vocabulary column of every demo record holds a member of its vocabulary."""
        checked = set()
        async with demo.app.state.sessions() as session:
            for model, name, vocabulary in vocabulary_columns():
                values = (await session.scalars(select(getattr(model, name)))).all()
                for value in values:
                    if value is not None:
                        assert type(value) is vocabulary, f"{model.__name__}.{name}: {value!r}"
                        checked.add((model.__name__, name))
        # The demo fills nearly every such column; this guards against checking nothing.
        assert len(checked) >= 20, sorted(checked)
