"""Sanctions screening with embargo's engine, from Python.

    >>> from embargo import Screener
    >>> screener = Screener.open("embargo.db")      # an embargo store
    >>> screener.screen("Kim Sang-man", dob="1965")[0].score

``Screener.open`` reads the active lists of a store made by ``embargo
import``/``embargo update``; ``Screener.from_files`` reads list files
directly (OFAC CSV, UN XML, FollowTheMoney JSON lines, custom CSV);
``Screener.demo`` is the bundled 8-entity demo list.

Scores are those of the ``embargo`` command: the same Rust code screens,
with the GIL released. ``screen_many`` screens an iterable of dicts in
parallel through the pipeline of ``embargo screen --input``;
``screen_frame`` does so for a pandas DataFrame; ``scan`` finds mentions
in free text. ``python -m embargo.spark`` is the PySpark batch job.
"""

from embargo._native import (
    DEFAULT_LIMIT,
    DEFAULT_THRESHOLD,
    OUTPUT_COLUMNS,
    EmbargoError,
    Match,
    Mention,
    RowResult,
    ScreenMany,
    Screener,
)

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_THRESHOLD",
    "OUTPUT_COLUMNS",
    "EmbargoError",
    "Match",
    "Mention",
    "RowResult",
    "ScreenMany",
    "Screener",
]
