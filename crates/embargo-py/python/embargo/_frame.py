"""``Screener.screen_frame``: a pandas DataFrame screened through
``screen_many``, the result a DataFrame with the columns of ``embargo
screen --input`` output (``OUTPUT_COLUMNS``). pandas is imported only
here, so the package works without it."""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Optional, Union

from embargo._native import OUTPUT_COLUMNS


def _rows(frame: Any) -> Iterator[dict]:
    names = [str(column) for column in frame.columns]
    for values in frame.itertuples(index=False, name=None):
        yield dict(zip(names, values))


def screen_frame(
    screener: Any,
    frame: Any,
    *,
    columns: Optional[Union[str, Mapping[str, str]]] = None,
    all: bool = False,
    jobs: Optional[int] = None,
    threshold: Optional[float] = None,
    limit: Optional[int] = None,
    type: Optional[str] = None,
) -> Any:
    """Screens every row of ``frame``; one output row per (row, result),
    plus one per row without results when ``all`` is true. ``row`` is the
    1-based position of the input row; malformed rows are left out (see
    ``screen_many`` to read their errors)."""
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - depends on the env
        raise ImportError(
            "screen_frame needs pandas: pip install 'embargo[pandas]'"
        ) from error
    if not isinstance(frame, pandas.DataFrame):
        raise TypeError(f"frame: a pandas DataFrame was expected, got {frame.__class__.__name__}")
    records = []
    for result in screener.screen_many(
        _rows(frame),
        jobs=jobs,
        threshold=threshold,
        limit=limit,
        type=type,
        columns=columns,
    ):
        records.extend(result.records(all=all))
    return pandas.DataFrame.from_records(records, columns=list(OUTPUT_COLUMNS))
