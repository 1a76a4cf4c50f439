#!/usr/bin/env python3
"""Build embargo's table of common surnames from the US Census 1990 surname list.

The matcher must tell a typo of a listed name from a different real name one
edit away (`Johnston` is not `JOHNSON`, `Rosenberg` is not `ROTENBERG`). Which
words are real, common surnames is a fact about populations, not about the
sanctions lists, so embargo reads it from a public names corpus: the surname
frequency list the US Census Bureau published from the 1990 census (88,799
surnames held by 90 % of the population, a work of the US government and in
the public domain). The file `dist.all.last` ships in the PyPI package
`names` (0.3.0); this script reads it from there and writes the
MOST_SURNAMES most common, lower-cased, one a line, most common first (the
line number is the rank), to
crates/embargo-core/src/matching/data/surnames.txt.

Usage (any Python 3.9+):

    pip download names==0.3.0 --no-deps --no-binary :all: -d /tmp/names
    tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python3 tools/names/build_surnames.py /tmp/names/names-0.3.0/names/dist.all.last
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "crates/embargo-core/src/matching/data/surnames.txt"
# Surnames held by fewer people are left out: the census list's tail is
# mostly one family each, too rare to say a word is a name of its own.
MOST_SURNAMES = 40_000


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    source = Path(sys.argv[1])
    names: list[tuple[int, str]] = []
    for line_number, line in enumerate(source.read_text(encoding="ascii").splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4 or not fields[0].isalpha():
            sys.exit(f"{source}:{line_number}: expected NAME FREQ CUMULATIVE RANK, got {line!r}")
        rank = int(fields[3])
        if rank <= MOST_SURNAMES:
            names.append((rank, fields[0].lower()))
    if len(names) < MOST_SURNAMES * 0.9:
        sys.exit(f"{source}: only {len(names)} surnames; is this dist.all.last?")
    names.sort()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(f"{name}\n" for _, name in names), encoding="ascii")
    print(f"wrote {len(names)} surnames to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
