"""A larger dataset of people for the Spark benchmark, from the screening
sets' rows: COPIES times the rows of IN, copy 0 as read and each later
copy k pairing every given name with the family name of another row in
the same script (the k * 7919th after it among that script's rows), the
full name rebuilt from its parts. Names repeat as words do in a real
customer base, but few whole rows do, so no run of the benchmark screens
a row its screeners have seen before.

    python3 recombine.py IN.csv OUT.csv COPIES

IN has the screening sets' columns (full_name, first_name, middle_name,
last_name, ...); rows without both a given and a family name are copied
as they are.
"""

import csv
import sys
import unicodedata

STRIDE = 7919


def script(word: str) -> str:
    """The Unicode script of the first letter of ``word`` (LATIN, CJK...)."""
    for char in word:
        if char.isalpha():
            return unicodedata.name(char, "?").split()[0]
    return "?"


def main(source: str, target: str, copies: int) -> None:
    with open(source, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise SystemExit(f"{source}: no rows")
    by_script: dict = {}
    place: dict = {}
    for at, row in enumerate(rows):
        if row.get("first_name") and row.get("last_name"):
            same = by_script.setdefault(script(row["last_name"]), [])
            place[at] = len(same)
            same.append(at)
    with open(target, "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        out.writeheader()
        for copy in range(copies):
            for at, row in enumerate(rows):
                if copy and at in place:
                    same = by_script[script(row["last_name"])]
                    other = rows[same[(place[at] + copy * STRIDE) % len(same)]]
                    row = dict(row, last_name=other["last_name"])
                    parts = (row["first_name"], row.get("middle_name", ""), row["last_name"])
                    row["full_name"] = " ".join(part for part in parts if part)
                out.writerow(row)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
