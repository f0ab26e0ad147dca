"""Model rows read and written by hand, converted as the ORM converts its own.

For the reads and writes made on every request (the signed-in user, the child a page opens, the
audit row): building and compiling an ORM query cost 0.25 to 0.7 ms of Python each, where running
the same SQL costs a fifth of that or less (issue 6). A row read here becomes the same instance the
ORM would make: its columns in the model's field order (``columns``), each value passed through the
converters the ORM would apply (SQLite returns a UUID as hex digits and a boolean as 0 or 1), then
``Model.from_db``. A row written here (``insert``) is sent as the ORM would send it: each value
prepared by its field (``get_db_prep_save``). Neither runs a model's ``save`` or its signals: use
them only for models with neither.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Field, Model

type _Converter = Callable[[Any, Any, Any], Any]


def columns(model: type[Model], alias: str) -> str:
    """The model's columns for a SELECT list, in the order ``instance`` takes them: ``alias.col, ...``."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(f.column or f.attname)}" for f in model._meta.concrete_fields)


def instance[M: Model](model: type[M], values: Sequence[Any]) -> M:
    """The instance the ORM would make of a row whose values are in ``columns``' order."""
    converted = list(values)
    for index, (expression, converters) in _converters(model, connection.vendor):
        value = converted[index]
        for convert in converters:
            value = convert(value, expression, connection)
        converted[index] = value
    return model.from_db(connection.alias, [f.attname for f in model._meta.concrete_fields], converted)


def instance_and_joined[M: Model, J: Model](model: type[M], joined: type[J], row: Sequence[Any]) -> tuple[M, J | None]:
    """The instances of a row that selects ``columns(model, ...)`` then ``columns(joined, ...)`` of
    a LEFT JOIN: the second is None when the join found no row (its key is NULL)."""
    split = len(model._meta.concrete_fields)
    found = row[split] is not None
    return instance(model, row[:split]), (instance(joined, row[split:]) if found else None)


def insert(model: type[Model], values: dict[str, Any]) -> None:
    """Insert one row of ``model``: ``values`` by field attribute name (``user_id``, not ``user``),
    every column the table needs without a database default among them."""
    fields = [_field(model, name) for name in values]
    with connection.cursor() as cursor:
        cursor.execute(
            _insert_sql(model, tuple(values)),
            [field.get_db_prep_save(value, connection) for field, value in zip(fields, values.values(), strict=True)],
        )


@cache
def _insert_sql(model: type[Model], names: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    listed = ", ".join(quote(_field(model, name).column or name) for name in names)
    marks = ", ".join(["%s"] * len(names))
    return f"INSERT INTO {quote(model._meta.db_table)} ({listed}) VALUES ({marks})"  # noqa: S608 - names from the model


def _field(model: type[Model], name: str) -> Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, Field) or not field.concrete:
        raise ValueError(f"{model.__name__}.{name} is not a column")
    return field


@cache
def _converters(model: type[Model], vendor: str) -> list[tuple[int, tuple[Any, list[_Converter]]]]:
    """For each field that needs it, the backend's and the field's converters, as the SQL compiler
    gathers them (``SQLCompiler.get_converters``). Kept per model and database kind: they never change."""
    found = []
    for index, field in enumerate(model._meta.concrete_fields):
        expression = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        if converters:
            found.append((index, (expression, converters)))
    return found
