"""spark-submit entry point of the embargo screening job: the job itself is
``embargo.spark`` in the ``embargo`` wheel (see README.md beside this
file), which the driver and the executors must have installed."""

import sys

from embargo.spark import main

if __name__ == "__main__":
    sys.exit(main())
