"""The PySpark batch job: screens a CSV or Parquet dataset of customers on
a Spark cluster and writes the results as Parquet, with the columns of
``embargo screen --input`` output.

    spark-submit --master spark://HOST:7077 integrations/spark/screen_job.py \\
        --store embargo.db --input customers.csv --output results.parquet

(or ``python -m embargo.spark ...`` with ``--master``). The store file is
shipped to the executors with ``SparkContext.addFile``; each Python worker
opens it once and screens its partitions with ``Screener.screen_many``,
which runs the batch pipeline of the CLI, so every row scores as ``embargo
screen --input`` scores it. Rows are numbered over the whole dataset
(``zipWithIndex``), so ``row`` and ``ref`` (the row number when the data
has no reference column) are the CLI's; ``line`` is null, a line of the
input having no meaning once Spark has split it. The executors need the
``embargo`` wheel installed in the Python that ``PYSPARK_PYTHON`` names.
Nothing in the job depends on the cluster: pointed at a larger one it
scales out by its partitions.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from embargo._native import OUTPUT_COLUMNS

#: The Spark schema of the output, in ``OUTPUT_COLUMNS`` order.
OUTPUT_SCHEMA = (
    "`ref` string, `row` long, `line` long, `query` string, `score` double, "
    "`id` string, `name` string, `matched_name` string, `schema` string, "
    "`programs` array<string>, `explanation` string"
)

# One screener per Python worker process and store, built on first use.
_SCREENERS: Dict[str, Any] = {}


def _screener(path: str) -> Any:
    screener = _SCREENERS.get(path)
    if screener is None:
        from embargo import Screener

        screener = Screener.open(path)
        _SCREENERS[path] = screener
    return screener


def screen_partition(
    store_name: str, options: Dict[str, Any], all_rows: bool
) -> Any:
    """The ``mapPartitions`` function: ``(Row, index)`` pairs in, output
    tuples out. ``store_name`` is the name the store was shipped under."""

    def run(items: Iterable[Tuple[Any, int]]) -> Iterator[tuple]:
        from pyspark import SparkFiles

        items = iter(items)
        first = next(items, None)
        if first is None:
            return
        screener = _screener(SparkFiles.get(store_name))

        def rows() -> Iterator[dict]:
            yield _values(first[0])
            for row, _ in items:
                yield _values(row)

        for result in screener.screen_many(rows(), first_row=first[1] + 1, **options):
            for record in result.records(all=all_rows):
                record["line"] = None
                yield tuple(record[column] for column in OUTPUT_COLUMNS)

    return run


def _values(row: Any) -> dict:
    return {key: value for key, value in row.asDict().items() if value is not None}


def read_input(spark: Any, path: str, fmt: Optional[str], delimiter: str) -> Any:
    """The dataset as a DataFrame: Parquet, or CSV with a header row, every
    column read as text (RFC 4180 quoting, quoted line breaks allowed)."""
    fmt = fmt or ("parquet" if path.rstrip("/").endswith(".parquet") else "csv")
    if fmt == "parquet":
        return spark.read.parquet(path)
    if fmt != "csv":
        raise SystemExit(f"--input-format: {fmt!r} is not csv or parquet")
    return (
        spark.read.option("header", True)
        .option("inferSchema", False)
        .option("multiLine", True)
        .option("escape", '"')
        .option("sep", delimiter)
        .csv(path)
    )


def spread(indexed: Any, partitions: int) -> Any:
    """``(Row, index)`` pairs in at least ``partitions`` partitions, each a
    run of consecutive indexes in order (what ``first_row`` needs). A file
    Spark reads as one partition (a small or unsplittable CSV) is split by
    index ranges; otherwise the partitions are kept as read."""
    if indexed.getNumPartitions() >= partitions:
        return indexed
    total = max(1, indexed.count())

    def part(index: int) -> int:
        return min(partitions - 1, index * partitions // total)

    return (
        indexed.map(lambda pair: (pair[1], pair[0]))
        .repartitionAndSortWithinPartitions(partitions, part)
        .map(lambda pair: (pair[1], pair[0]))
    )


def run_job(spark: Any, args: argparse.Namespace) -> int:
    """Screens ``args.input`` into ``args.output``; the number of output rows
    is not counted (that would read the data twice)."""
    store = os.path.abspath(args.store)
    if not os.path.isfile(store):
        raise SystemExit(f"--store: {store}: no such file")
    spark.sparkContext.addFile(store)
    frame = read_input(spark, args.input, args.input_format, args.delimiter)
    indexed = spread(frame.rdd.zipWithIndex(), args.partitions or spark.sparkContext.defaultParallelism)
    options = {
        "jobs": args.jobs,
        "threshold": args.threshold,
        "limit": args.limit,
        "type": args.type,
        "columns": args.columns,
    }
    results = indexed.mapPartitions(
        screen_partition(os.path.basename(store), options, args.all)
    )
    out = spark.createDataFrame(results, schema=OUTPUT_SCHEMA)
    out.write.mode("overwrite" if args.overwrite else "errorifexists").parquet(args.output)
    return 0


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m embargo.spark",
        description="Screen a CSV or Parquet dataset on Spark; write Parquet "
        "with the columns of `embargo screen --input` output.",
    )
    parser.add_argument("--store", required=True, help="embargo store (SQLite file) to screen against")
    parser.add_argument("--input", required=True, help="CSV (header row) or Parquet dataset")
    parser.add_argument("--output", required=True, help="Parquet output folder")
    parser.add_argument("--input-format", choices=["csv", "parquet"], help="default: from the name (.parquet) else csv")
    parser.add_argument("--delimiter", default=",", help="CSV delimiter (default ',')")
    parser.add_argument("--columns", help="field=column mapping, as `embargo screen --columns`")
    parser.add_argument("--threshold", type=float, help="lowest score reported (default 0.7)")
    parser.add_argument("--limit", type=int, help="most results per row (default 10)")
    parser.add_argument("--type", help="type screened for rows that give none")
    parser.add_argument("--all", action="store_true", help="also write rows without results")
    parser.add_argument("--jobs", type=int, default=1, help="screening threads per Spark task (default 1: one per task slot)")
    parser.add_argument("--partitions", type=int, help="at least this many partitions (default: the cluster's default parallelism)")
    parser.add_argument("--master", help="Spark master URL (default: spark-submit's)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing output")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of ``python -m embargo.spark`` and of
    ``integrations/spark/screen_job.py``."""
    args = parse_args(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("embargo-screen")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        return run_job(spark, args)
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
