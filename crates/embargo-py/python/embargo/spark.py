"""The PySpark batch job: screens a CSV or Parquet dataset of customers on
a Spark cluster and writes the results as Parquet, with the columns of
``embargo screen --input`` output.

    spark-submit --master spark://HOST:7077 integrations/spark/screen_job.py \\
        --store embargo.db --input customers.csv --output results.parquet

(or ``python -m embargo.spark ...`` with ``--master``). The store file is
shipped to the executors with ``SparkContext.addFile``; each Python worker
opens it once and screens its partitions with ``Screener.screen_many``,
which runs the batch pipeline of the CLI, so every row scores as
``embargo screen --input`` scores it. Rows reach the screener and results
leave it as Arrow batches (``mapInArrow``: pyarrow and pandas on the
executors). Rows are numbered over the whole dataset in the JVM (see
``numbered``), so ``row`` and ``ref`` (the row number when the data has
no reference column) are the CLI's; ``line`` is null, a line of the
input having no meaning once Spark has split it. The executors need the
``embargo`` wheel (with its ``spark`` extra) installed in the Python that ``PYSPARK_PYTHON`` names.
Nothing in the job depends on the cluster: pointed at a larger one it
scales out by its partitions.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Dict, Iterable, Iterator, Optional, Sequence

from embargo._native import OUTPUT_COLUMNS

#: The Spark schema of the output, in ``OUTPUT_COLUMNS`` order.
OUTPUT_SCHEMA = (
    "`ref` string, `row` long, `line` long, `query` string, `score` double, "
    "`id` string, `name` string, `matched_name` string, `schema` string, "
    "`programs` array<string>, `explanation` string"
)

#: The column the job numbers rows in (1-based, over the whole dataset).
ROW_COLUMN = "__embargo_row"

#: Output records per Arrow batch handed back to Spark.
OUTPUT_BATCH = 8192

# One screener per Python worker process and store, built on first use.
_SCREENERS: Dict[str, Any] = {}


def _screener(path: str) -> Any:
    screener = _SCREENERS.get(path)
    if screener is None:
        from embargo import Screener

        screener = Screener.open(path)
        _SCREENERS[path] = screener
    return screener


def _arrow_schema() -> Any:
    """``OUTPUT_SCHEMA`` as a pyarrow schema (built on the executors)."""
    import pyarrow as pa

    return pa.schema(
        [
            ("ref", pa.string()),
            ("row", pa.int64()),
            ("line", pa.int64()),
            ("query", pa.string()),
            ("score", pa.float64()),
            ("id", pa.string()),
            ("name", pa.string()),
            ("matched_name", pa.string()),
            ("schema", pa.string()),
            ("programs", pa.list_(pa.string())),
            ("explanation", pa.string()),
        ]
    )


def screen_batches(store_name: str, options: Dict[str, Any], all_rows: bool) -> Any:
    """The ``mapInArrow`` function: Arrow batches of one partition in (each
    row numbered in ``ROW_COLUMN``, which ``screen_many`` reads as its row
    number), Arrow batches of output records out. Rows and results cross
    between the JVM and Python as Arrow columns, not one pickled object
    per row: most of what Spark adds to the screening itself.
    ``store_name`` is the name the store was shipped under."""

    def run(batches: Iterable[Any]) -> Iterator[Any]:
        import pyarrow as pa
        from pyspark import SparkFiles

        schema = _arrow_schema()

        def rows() -> Iterator[dict]:
            # Column lists zipped into dicts: cheaper than to_pylist; a
            # null value is left out by screen_many as a missing one.
            for batch in batches:
                columns = batch.to_pydict()
                names = list(columns)
                for values in zip(*columns.values()):
                    yield dict(zip(names, values))

        screener = _screener(SparkFiles.get(store_name))
        columns: Dict[str, list] = {column: [] for column in OUTPUT_COLUMNS}
        count = 0
        results = screener.screen_many(rows(), row_key=ROW_COLUMN, **options)
        for result in results:
            for record in result.records(all=all_rows):
                record["line"] = None
                for column in OUTPUT_COLUMNS:
                    columns[column].append(record[column])
                count += 1
                if count == OUTPUT_BATCH:
                    yield pa.RecordBatch.from_pydict(columns, schema=schema)
                    columns = {column: [] for column in OUTPUT_COLUMNS}
                    count = 0
        if count:
            yield pa.RecordBatch.from_pydict(columns, schema=schema)

    return run


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


def numbered(frame: Any, partitions: int) -> Any:
    """``frame`` with its rows numbered from 1 in ``ROW_COLUMN``, in the
    order of its partitions (a file's order), in at least ``partitions``
    partitions. The numbering stays in the JVM: each row's place in its
    partition (``monotonically_increasing_id`` keeps that in its low 33
    bits) plus the rows of the partitions before it, counted in a first
    pass when there is more than one. A file Spark reads as one partition
    (a small or unsplittable CSV) needs no count; it is then spread over
    ``partitions`` by its row numbers (a hash partitioning: no sort, and
    the same on a retried task). Rows carry their numbers, so no
    partition needs consecutive ones."""
    from pyspark.sql import functions as F

    if ROW_COLUMN in frame.columns:
        raise SystemExit(f"--input: the column name {ROW_COLUMN!r} is the job's own")
    read_partitions = frame.rdd.getNumPartitions()
    if read_partitions <= 1:
        rows = frame.withColumn(ROW_COLUMN, F.monotonically_increasing_id() + 1)
    else:
        rows = _numbered_across_partitions(frame)
    if read_partitions < partitions:
        rows = rows.repartition(partitions, ROW_COLUMN)
    return rows


def _numbered_across_partitions(frame: Any) -> Any:
    """``numbered`` for a frame of several partitions: a count per
    partition, then each row's offset plus its place in its partition."""
    from pyspark.sql import functions as F

    tagged = frame.withColumn("__embargo_partition", F.spark_partition_id()).withColumn(
        "__embargo_id", F.monotonically_increasing_id()
    )
    counts = sorted(
        (row[0], row[1]) for row in tagged.groupBy("__embargo_partition").count().collect()
    )
    offsets = []
    total = 0
    for partition, count in counts:
        offsets.append((partition, total))
        total += count
    table = frame.sparkSession.createDataFrame(
        offsets, "`__embargo_partition` int, `__embargo_offset` long"
    )
    place = F.col("__embargo_id") - F.shiftleft(F.col("__embargo_partition").cast("long"), 33)
    return (
        tagged.join(F.broadcast(table), "__embargo_partition")
        .withColumn(ROW_COLUMN, F.col("__embargo_offset") + place + 1)
        .drop("__embargo_partition", "__embargo_id", "__embargo_offset")
    )


def run_job(spark: Any, args: argparse.Namespace) -> int:
    """Screens ``args.input`` into ``args.output``; the number of output rows
    is not counted (that would read the data again)."""
    store = os.path.abspath(args.store)
    if not os.path.isfile(store):
        raise SystemExit(f"--store: {store}: no such file")
    spark.sparkContext.addFile(store)
    frame = read_input(spark, args.input, args.input_format, args.delimiter)
    rows = numbered(frame, args.partitions or spark.sparkContext.defaultParallelism)
    options = {
        "jobs": args.jobs,
        "threshold": args.threshold,
        "limit": args.limit,
        "type": args.type,
        "columns": args.columns,
    }
    out = rows.mapInArrow(
        screen_batches(os.path.basename(store), options, args.all), OUTPUT_SCHEMA
    )
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
