"""Rebuild first_names.txt and last_names.txt from the `names` PyPI package (MIT; US census 1990 lists).

Run once by hand, never at run time:  pip install names==0.3.0 && python tasks/data/build_name_lists.py
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAST_NAMES_KEPT = 5000  # the census list is 88k long; the head covers most people, the tail is noise


def read_census(name: str, limit: int | None = None) -> list[str]:
    rows = (files("names") / name).read_text().splitlines()
    return [row.split()[0].lower() for row in rows[:limit] if row.strip()]


def main() -> None:
    first = sorted(set(read_census("dist.male.first") + read_census("dist.female.first")))
    last = sorted(set(read_census("dist.all.last", LAST_NAMES_KEPT)))
    (HERE / "first_names.txt").write_text("\n".join(first) + "\n")
    (HERE / "last_names.txt").write_text("\n".join(last) + "\n")
    print(f"{len(first)} first names, {len(last)} last names")


if __name__ == "__main__":
    main()
