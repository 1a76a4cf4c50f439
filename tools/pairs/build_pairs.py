#!/usr/bin/env python3
"""Build a labelled corpus of name pairs from the public sanctions list files.

The corpus is a CSV in the format `embargo evaluate --pairs` reads:

    name1,name2,schema,is_match,group

`name1` is a query name, `name2` a listed name of type `schema`, `is_match`
whether they name the same entity, `group` the kind of pair.

Matches are names of one entity, as the lists themselves give them:

* `person-alias`, `org-alias`, `vessel-alias`: a strong alias (OFAC
  `alt.csv`, UN `Good` aliases, OFSI `AKA`/`FKA` rows, FCDO aliases)
  against the entity's primary name;
* `person-weak-alias`, `org-weak-alias`: OFAC weak aliases (`a.k.a. '...'`
  in remarks) and UN `Low` quality aliases;
* `cross-script`: a name in another script (UN `NAME_ORIGINAL_SCRIPT`, FCDO
  non-Latin names) against the Latin primary name;
* `cross-list`: the same entity named by two lists, linked by a UN
  reference number given in the UK lists, by the FCDO's OFSI group id, or
  by the same date of birth and a shared full name;
* `person-typo`: the yente `positives_un_treated.csv` rows (typos,
  reshuffled parts) against the clean `positives_un_untreated.csv` rows.

No pair is labelled a non-match when its names cannot be told apart by
name alone: the same words, all words of one in the other, or each word a
spelling variant of a word of the other (Sergei/Sergey, Meyer/Mayer),
legal forms aside: such namesakes are for birth dates and identifiers to
separate, not names.

Other names that share nothing with the primary name (no uncommon word,
few common letters, not its initials: a renamed vessel, a pseudonym, a
translation) are left out, as no name comparison can find them.

Non-matches are the most similar names of different entities:

* `person-same-family`, `person-same-given`: persons sharing the family
  name but not the given names, or the reverse (the most similar such
  pair in each bucket);
* `org-shared-words`: organisations sharing a frequent word (`Trading`,
  `Company`, a city) and nothing that makes one name part of the other;
* `person-hard-negative`, `org-hard-negative`, `vessel-hard-negative`,
  `aircraft-hard-negative`:
  results of `embargo screen` for a listed name that belong to a different
  entity (never two entities the lists link, nor the same name with the
  same date of birth);
* `synthetic-negative`: the yente synthetic people against the nearest
  listed name the screener finds.

Usage:

    python3 tools/pairs/build_pairs.py DATA_DIR EMBARGO_BIN OUTPUT.csv \\
        [--split HELD_OUT.csv] [--db STORE] [--seed 7] [--per-group 500] \\
        [--screen-queries 2500] [--synthetic 2500] [--ids]

DATA_DIR is the shared data folder (`../shared/data`), EMBARGO_BIN the
release binary (`cargo build --release -p embargo-cli`). Without `--db` a
temporary store is made from OFAC SDN 2024-05, the OFAC consolidated list
and the UN XML. `--split` writes a stratified 20 % of each group there and
the rest to OUTPUT. `--ids` adds a column with the entity ids of each pair,
for reviewing labels. Output is deterministic for a seed: every candidate
list is sorted before seeded sampling, and rows are sorted. Standard
library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PERSON, ORG, VESSEL, AIRCRAFT = "Person", "Organization", "Vessel", "Aircraft"
HEADER = ["name1", "name2", "schema", "is_match", "group"]
MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


@dataclass
class Entity:
    """One listed entity and the names and facts the pairs need."""

    eid: str
    source: str
    schema: str
    primary: str
    # (name, kind): kind is "alias", "weak" or "script".
    names: list[tuple[str, str]] = field(default_factory=list)
    dobs: set[str] = field(default_factory=set)
    un_ref: str | None = None
    ofsi_group: str | None = None
    family: str | None = None
    given: str | None = None


# --- names -----------------------------------------------------------------

def fold(text: str) -> str:
    """Lower case without accents, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Apostrophes and ayn/hamza marks join: QA'IDA is qaida, SA'ID said.
    bare = re.sub(r"['\u2018\u2019\u02bb\u02bc\u02be\u02bf`]", "", bare)
    return re.sub(r"[\W_]+", " ", bare.lower()).strip()


def words(text: str) -> frozenset[str]:
    return frozenset(fold(text).split())


def key(text: str) -> str:
    """Equal for the same words in any order, case or punctuation."""
    return " ".join(sorted(fold(text).split()))


def is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 for c in letters)


def query_form(name: str, schema: str) -> str:
    """`LAST, First Middle` (OFAC's order for persons) as `First Middle LAST`."""
    if schema == PERSON and name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if last and first:
            return f"{first} {last}"
    return name


def nested(a: str, b: str) -> bool:
    """Whether all words of one name are words of the other."""
    wa, wb = words(a), words(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


# Words that say what kind of organisation a name is, not which one.
FORM_WORDS = frozenset("""
    jsc pjsc ojsc cjsc ao pao oao zao ooo tov llc ltd limited company co corp
    corporation inc incorporated joint stock public open closed liability gmbh ag
    sa s a de cv srl plc llp lp the of and group holding holdings
""".split())


def skeleton(word: str) -> str:
    """Consonants without repeats: Ameen and Amin, Saeed and Said agree."""
    consonants = re.sub(r"[aeiou]", "", word)
    return re.sub(r"(.)\1+", r"\1", consonants)


def variant(w: str, v: str) -> bool:
    """Whether two words may be spellings of one name."""
    if w == v or difflib.SequenceMatcher(None, w, v).ratio() >= 0.7:
        return True
    return bool(skeleton(w)) and skeleton(w) == skeleton(v)


def core_words(name: str) -> list[str]:
    """The name's words in order, legal forms and single letters aside."""
    found = [w for w in fold(name).split() if w not in FORM_WORDS and len(w) > 1]
    return found or fold(name).split()


def too_close(a: str, b: str) -> bool:
    """Whether two names cannot be told apart by name alone, so that a pair
    of them must not be labelled a non-match: the same words, all words of
    one in the other, each word of the shorter a spelling variant of a
    word of the longer (Sergei/Sergey, Ameen/Amin, Meyer/Mayer), or the
    same letters with other word breaks (Ansarallah/Ansar Allah), legal
    forms aside. Names with different numbers are told apart (FUND 8,
    FUND 9), and so are short codes one letter apart (EP-MNK, EP-MNC)."""
    if key(a) == key(b) or nested(a, b):
        return True
    numbers_a, numbers_b = re.findall(r"\d+", a), re.findall(r"\d+", b)
    if (numbers_a or numbers_b) and sorted(numbers_a) != sorted(numbers_b):
        return False
    wa, wb = set(core_words(a)), set(core_words(b))
    if wa <= wb or wb <= wa:
        return True
    shorter, longer = sorted((wa, wb), key=len)
    if all(any(variant(w, v) for v in longer) for w in shorter):
        return True
    joined = lambda n: {"".join(core_words(n)), "".join(core_words(query_form(n, PERSON)))}
    return any(min(len(x), len(y)) >= 8 and difflib.SequenceMatcher(None, x, y).ratio() >= 0.8
               for x in joined(a) for y in joined(b))


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, key(a), key(b)).ratio()


def clean(text: str | None) -> str:
    text = (text or "").strip()
    return "" if text == "-0-" else re.sub(r"\s+", " ", text)


# --- dates -----------------------------------------------------------------

def ofac_dobs(remarks: str) -> set[str]:
    found = set()
    for day, month, year in re.findall(
            r"DOB (?:circa )?(?:(\d{1,2}) )?(?:([A-Z][a-z]{2}) )?(\d{4})(?! to)", remarks):
        found.add(iso(year, MONTHS.get(month.lower()) if month else None, day))
    return found


def iso(year: str, month: int | str | None, day: str | None) -> str:
    parts = [year]
    if month and int(month):
        parts.append(f"{int(month):02d}")
        if day and day.isdigit() and int(day):
            parts.append(f"{int(day):02d}")
    return "-".join(parts)


def slashed_dob(text: str) -> str | None:
    """`dd/mm/yyyy` with `00` or `dd`/`mm` for unknown parts."""
    match = re.fullmatch(r"(\w{2})/(\w{2})/(\d{4})", text.strip())
    if not match:
        return None
    day, month, year = match.groups()
    return iso(year, month if month.isdigit() else None, day if day.isdigit() else None)


# --- readers ---------------------------------------------------------------

def read_csv(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def load_ofac(folder: Path, prefix: str, source: str) -> list[Entity]:
    """An OFAC legacy CSV set: `sdn`/`alt`/`sdn_comments` or the `cons_` files."""
    main, alt, comments = (("sdn.csv", "alt.csv", "sdn_comments.csv") if prefix == "sdn"
                           else ("cons_prim.csv", "cons_alt.csv", "cons_comments.csv"))
    extra: dict[str, str] = defaultdict(str)
    if (folder / comments).exists():
        for row in read_csv(folder / comments):
            if len(row) >= 2:
                extra[row[0].strip()] += row[1]
    entities: dict[str, Entity] = {}
    for row in read_csv(folder / main):
        if len(row) < 12:
            continue
        num, name, kind = row[0].strip(), clean(row[1]), clean(row[2]).lower()
        schema = {"individual": PERSON, "vessel": VESSEL, "aircraft": AIRCRAFT}.get(kind, ORG)
        remarks = clean(row[11]) + extra.get(num, "")
        entity = Entity(f"{source}:{num}", source, schema, name, dobs=ofac_dobs(remarks))
        for weak in re.findall(r"[afn]\.k\.a\. '([^']+)'", remarks):
            entity.names.append((weak.strip(), "weak"))
        if schema == PERSON and "," in name:
            entity.family, entity.given = (p.strip() for p in name.split(",", 1))
        entities[num] = entity
    for row in read_csv(folder / alt):
        if len(row) >= 4 and row[0].strip() in entities:
            alias = clean(row[3])
            if alias:
                entities[row[0].strip()].names.append((alias, "alias"))
    return list(entities.values())


def text_of(element: ET.Element, tag: str) -> str:
    return clean(element.findtext(tag))


def load_un(path: Path) -> list[Entity]:
    entities = []
    root = ET.parse(path).getroot()
    for tag, schema in (("INDIVIDUAL", PERSON), ("ENTITY", ORG)):
        for record in root.iter(tag):
            parts = [text_of(record, t) for t in
                     ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            primary = " ".join(p for p in parts if p)
            ref = text_of(record, "REFERENCE_NUMBER")
            if not primary or not ref:
                continue
            entity = Entity(f"un:{ref}", "un", schema, primary, un_ref=ref)
            for alias in record.iter(f"{tag}_ALIAS"):
                name = text_of(alias, "ALIAS_NAME")
                if name:
                    weak = text_of(alias, "QUALITY").lower() in ("low", "very low")
                    entity.names.append((name, "weak" if weak else "alias"))
            script = text_of(record, "NAME_ORIGINAL_SCRIPT")
            if script:
                entity.names.append((script, "script"))
            for dob in record.iter("INDIVIDUAL_DATE_OF_BIRTH"):
                date, year = text_of(dob, "DATE"), text_of(dob, "YEAR")
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date[:10]):
                    entity.dobs.add(date[:10])
                elif re.fullmatch(r"\d{4}", year):
                    entity.dobs.add(year)
            entities.append(entity)
    return entities


UN_REF = re.compile(r"\b([A-Z]{2}[ie])\.(\d{3})\b")


def load_ofsi(path: Path) -> list[Entity]:
    """The legacy OFSI CSV: rows of one `Group ID` are one target."""
    rows = read_csv(path, encoding="cp1252")[2:]
    groups: dict[str, list[list[str]]] = defaultdict(list)
    for row in rows:
        if len(row) == 29 and row[28].strip():
            groups[row[28].strip()].append(row)
    entities = []
    for group_id, members in sorted(groups.items()):
        schema = PERSON if members[0][23] == "Individual" else ORG
        named = []
        for row in members:
            given = " ".join(clean(p) for p in row[1:6] if clean(p))
            family = clean(row[0])
            name = f"{given} {family}".strip() if schema == PERSON else family
            if name:
                named.append((row[24], name, given, family))
        if not named:
            continue
        prime = next((n for n in named if n[0] == "Prime Alias"), named[0])
        entity = Entity(f"uk-ofsi:{group_id}", "uk-ofsi", schema, prime[1], ofsi_group=group_id)
        if schema == PERSON:
            entity.given, entity.family = prime[2] or None, prime[3] or None
        for _, name, _, _ in named:
            if name != prime[1]:
                entity.names.append((name, "alias"))
        for row in members:
            dob = slashed_dob(row[7])
            if dob:
                entity.dobs.add(dob)
            ref = UN_REF.search(row[22])
            if ref and not entity.un_ref:
                entity.un_ref = f"{ref.group(1)}.{ref.group(2)}"
        entities.append(entity)
    return entities


def load_fcdo(path: Path) -> list[Entity]:
    """The FCDO UK Sanctions List XML (excerpt)."""
    entities = []
    for record in ET.parse(path).getroot().iter("Designation"):
        kind = text_of(record, "IndividualEntityShip")
        schema = {"Individual": PERSON, "Ship": VESSEL}.get(kind, ORG)
        names = []
        for name in record.iter("Name"):
            given = " ".join(text_of(name, f"Name{i}") for i in range(1, 6)
                             if text_of(name, f"Name{i}"))
            family = text_of(name, "Name6")
            full = f"{given} {family}".strip()
            if full:
                names.append((text_of(name, "NameType"), full, given, family))
        if not names:
            continue
        prime = next((n for n in names if n[0] == "Primary Name"), names[0])
        entity = Entity(f"uk-fcdo:{text_of(record, 'UniqueID')}", "uk-fcdo", schema, prime[1],
                        un_ref=text_of(record, "UNReferenceNumber") or None,
                        ofsi_group=text_of(record, "OFSIGroupID") or None)
        if schema == PERSON:
            entity.given, entity.family = prime[2] or None, prime[3] or None
        entity.names += [(n[1], "alias") for n in names if n is not prime]
        entity.names += [(clean(n.text), "script") for n in record.iter("NameNonLatinScript")
                         if clean(n.text)]
        for dob in record.iter("DOB"):
            parsed = slashed_dob(dob.text or "")
            if parsed:
                entity.dobs.add(parsed)
        entities.append(entity)
    return entities


# --- linking the same entity across lists ----------------------------------

class Clusters:
    """Union-find over entity ids: entities the lists say are one."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, eid: str) -> str:
        while self.parent.get(eid, eid) != eid:
            eid = self.parent[eid]
        return eid

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def all_names(entity: Entity) -> list[str]:
    return [entity.primary] + [n for n, _ in entity.names]


def link(entities: list[Entity]) -> tuple[Clusters, list[tuple[Entity, Entity, str]]]:
    """Cross-list links: UN references, FCDO→OFSI group ids, and persons with
    the same date of birth and a shared full name on two lists."""
    clusters = Clusters()
    links = []
    by_ref = {e.un_ref: e for e in entities if e.source == "un" and e.un_ref}
    by_group = {e.ofsi_group: e for e in entities if e.source == "uk-ofsi"}
    for entity in entities:
        if entity.source != "un" and entity.un_ref in by_ref:
            links.append((entity, by_ref[entity.un_ref], "un-reference"))
        if entity.source == "uk-fcdo" and entity.ofsi_group in by_group:
            links.append((entity, by_group[entity.ofsi_group], "ofsi-group"))
    by_name_dob: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for entity in entities:
        if entity.schema != PERSON:
            continue
        for name in {key(query_form(n, PERSON)) for n in all_names(entity)}:
            for dob in entity.dobs:
                if len(name.split()) >= 2:
                    by_name_dob[(name, dob)].append(entity)
    seen = {(a.eid, b.eid) for a, b, _ in links}
    for (_, _), found in sorted(by_name_dob.items()):
        for a in found:
            for b in found:
                if a.source < b.source and (a.eid, b.eid) not in seen:
                    seen.add((a.eid, b.eid))
                    links.append((a, b, "name-and-birth-date"))
    for a, b, _ in links:
        clusters.join(a.eid, b.eid)
    return clusters, links


def same_person(a: Entity, b: Entity) -> bool:
    """Same name and same birth date: one entity however the lists file it."""
    if not a.dobs & b.dobs:
        return False
    keys_a = {key(query_form(n, a.schema)) for n in all_names(a)}
    return any(key(query_form(n, b.schema)) in keys_a for n in all_names(b))


def may_be_same(a: Entity, b: Entity, clusters: Clusters) -> bool:
    """Whether two entities might be one: linked, same name and birth date,
    or on two lists without birth years that tell them apart (lists file
    one entity under different spellings, so only disjoint years are proof
    of two)."""
    if clusters.find(a.eid) == clusters.find(b.eid) or same_person(a, b):
        return True
    if a.source != b.source:
        years_a, years_b = {d[:4] for d in a.dobs}, {d[:4] for d in b.dobs}
        return not (years_a and years_b) or bool(years_a & years_b)
    return False


# --- pair building ---------------------------------------------------------

@dataclass(frozen=True, order=True)
class PairRow:
    group: str
    name1: str
    name2: str
    schema: str
    is_match: bool
    ids: str = ""


def kind_prefix(schema: str) -> str:
    return {PERSON: "person", VESSEL: "vessel", AIRCRAFT: "aircraft"}.get(schema, "org")


def common_words(entities: list[Entity], top: int = 300) -> frozenset[str]:
    """The most frequent words of all listed names (`al`, `mohammed`,
    `company`, `bank`): sharing one says nothing."""
    counts: dict[str, int] = defaultdict(int)
    for entity in entities:
        for word in set().union(*(words(n) for n in all_names(entity))):
            counts[word] += 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return frozenset(ranked[:top])


def related(a: str, b: str, common: frozenset[str], letters: float = 0.6) -> bool:
    """Whether two names of one entity look alike at all: a shared word
    that is not common, similar letters, or one the initials of the other.
    Aliases that fail this are other names (renamed vessels, pseudonyms,
    translations) that no name comparison can find."""
    wa, wb = words(a), words(b)
    if any(len(w) >= 3 for w in (wa & wb) - common):
        return True
    if similarity(a, b) >= letters:
        return True
    initials = lambda ws: "".join(w[0] for w in fold(ws).split())
    short = [w for w in (fold(a), fold(b)) if " " not in w]
    return any(len(w) >= 3 and (initials(b).startswith(w) or initials(a).startswith(w))
               for w in short)


def alias_pairs(entities: list[Entity], common: frozenset[str]) -> list[PairRow]:
    """Each other name of an entity against its primary name; other names
    that are not [`related`] to it are left out."""
    rows = []
    for entity in entities:
        # Vessels are renamed to names of the same shape (LENA, HENNA).
        letters = 0.8 if entity.schema in (VESSEL, AIRCRAFT) else 0.6
        for name, kind in entity.names:
            if key(name) == key(entity.primary) or not fold(name):
                continue
            if kind != "script" and not related(name, entity.primary, common, letters):
                continue
            if kind == "script":
                group = "cross-script"
            elif kind == "weak":
                group = f"{kind_prefix(entity.schema)}-weak-alias"
            else:
                group = f"{kind_prefix(entity.schema)}-alias"
            query = name if kind == "script" else query_form(name, entity.schema)
            rows.append(PairRow(group, query, entity.primary, entity.schema, True, entity.eid))
    return rows


def cross_list_pairs(links: list[tuple[Entity, Entity, str]],
                     common: frozenset[str]) -> list[PairRow]:
    """For each link, the name of one list most like the other list's primary
    name without being the same words (and [`related`] to it)."""
    rows = []
    for a, b, _ in links:
        if a.schema != b.schema:
            continue
        target = query_form(b.primary, b.schema)
        candidates = sorted(
            (query_form(n, a.schema) for n in all_names(a) if is_latin(n)),
            key=lambda n: (-similarity(n, target), n))
        for name in candidates:
            if key(name) != key(target) and related(name, b.primary, common):
                rows.append(PairRow("cross-list", name, b.primary, b.schema, True,
                                    f"{a.eid}|{b.eid}"))
                break
    return rows


def most_similar_pair(members: list[Entity], clusters: Clusters, name_of) -> tuple[Entity, Entity] | None:
    best, best_score = None, -1.0
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if may_be_same(a, b, clusters):
                continue
            na, nb = name_of(a), name_of(b)
            if key(na) == key(nb) or nested(na, nb) or too_close(a.primary, b.primary):
                continue
            score = similarity(na, nb)
            if score > best_score:
                best, best_score = (a, b), score
    return best


def bucket_negatives(entities: list[Entity], clusters: Clusters, rng: random.Random) -> list[PairRow]:
    """Persons sharing a family name (or the given names) and organisations
    sharing a frequent word: the most similar different pair per bucket."""
    rows = []
    persons = [e for e in entities if e.schema == PERSON and e.family and e.given
               and is_latin(e.primary)]
    for group, bucket_key, differing in (
            ("person-same-family", lambda e: fold(e.family), lambda e: e.given),
            ("person-same-given", lambda e: fold(e.given), lambda e: e.family)):
        buckets: dict[str, list[Entity]] = defaultdict(list)
        for entity in persons:
            buckets[bucket_key(entity)].append(entity)
        for bucket, members in sorted(buckets.items()):
            members = sorted(members, key=lambda e: e.eid)
            if len(members) > 25:
                members = rng.sample(members, 25)
            found = most_similar_pair(
                [m for m in members if fold(differing(m))], clusters, differing)
            if found:
                a, b = found
                rows.append(PairRow(group, query_form(a.primary, PERSON), b.primary, PERSON,
                                    False, f"{a.eid}|{b.eid}"))
    orgs = [e for e in entities if e.schema == ORG and is_latin(e.primary)]
    frequency: dict[str, int] = defaultdict(int)
    for entity in orgs:
        for word in words(entity.primary):
            frequency[word] += 1
    common = sorted(w for w, n in frequency.items() if n >= 15 and len(w) > 2 and not w.isdigit())
    for word in common:
        members = sorted((e for e in orgs if word in words(e.primary)), key=lambda e: e.eid)
        for _ in range(3):
            sample = rng.sample(members, min(len(members), 20))
            found = most_similar_pair(sample, clusters, lambda e: e.primary)
            if found:
                a, b = found
                rows.append(PairRow("org-shared-words", a.primary, b.primary, ORG, False,
                                    f"{a.eid}|{b.eid}"))
    return rows


def run_screen(binary: str, db: Path, queries: list[tuple[str, str, str]], workdir: Path) -> list[dict]:
    """Screens (ref, name, type) rows; the JSON-lines results."""
    source, output = workdir / "queries.csv", workdir / "results.jsonl"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ref", "name", "type"])
        writer.writerows(queries)
    subprocess.run([binary, "--db", str(db), "screen", "--input", str(source), "--format", "jsonl",
                    "--all", "--threshold", "0.5", "--limit", "10", "--output", str(output),
                    "--quiet"], check=True)
    with output.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def screen_negatives(binary: str, db: Path, entities: list[Entity], clusters: Clusters,
                     count: int, rng: random.Random, workdir: Path) -> list[PairRow]:
    """Listed names screened against the store: results of other entities."""
    by_id = {e.eid: e for e in entities}
    stored = sorted((e for e in entities if e.source in ("ofac-sdn", "ofac-cons", "un")
                     and is_latin(e.primary)), key=lambda e: e.eid)
    sample = rng.sample(stored, min(count, len(stored)))
    queries = [(e.eid, query_form(e.primary, e.schema), e.schema.lower()) for e in sample]
    rows = []
    for result in run_screen(binary, db, queries, workdir):
        query, other = by_id.get(result.get("ref")), by_id.get(result.get("id") or "")
        matched = result.get("matched_name") or ""
        if not query or not other or not matched or other.eid == query.eid:
            continue
        if may_be_same(query, other, clusters):
            continue
        name1 = result.get("query") or ""
        if too_close(name1, matched):
            continue
        group = f"{kind_prefix(other.schema)}-hard-negative"
        rows.append(PairRow(group, name1, matched, other.schema, False, f"{query.eid}|{other.eid}"))
    return rows


def synthetic_negatives(binary: str, db: Path, data: Path, count: int, rng: random.Random,
                        workdir: Path) -> list[PairRow]:
    """The yente synthetic people against their nearest listed name."""
    queries = []
    for file in ("negatives_global.csv", "negatives_us.csv"):
        rows = read_csv(data / "screening-sets" / file)[1:]
        for at in sorted(rng.sample(range(len(rows)), min(count, len(rows)))):
            if rows[at] and rows[at][0].strip():
                queries.append((f"{file}:{at}", rows[at][0].strip(), "person"))
    best: dict[str, dict] = {}
    for result in run_screen(binary, db, queries, workdir):
        if result.get("id") and result.get("ref") not in best:
            best[result["ref"]] = result
    return [PairRow("synthetic-negative", r["query"], r["matched_name"], PERSON, False,
                    f"{ref}|{r['id']}") for ref, r in sorted(best.items())
            if not too_close(r["query"], r["matched_name"])]


def typo_pairs(data: Path) -> list[PairRow]:
    """Perturbed UN names against the clean rows they were made from."""
    folder = data / "screening-sets"
    treated = read_csv(folder / "positives_un_treated.csv")[1:]
    clean_rows = read_csv(folder / "positives_un_untreated.csv")[1:]
    return [PairRow("person-typo", t[0].strip(), c[0].strip(), PERSON, True, f"line {at + 2}")
            for at, (t, c) in enumerate(zip(treated, clean_rows))
            if t and c and t[0].strip() and c[0].strip() and key(t[0]) != key(c[0])]


def make_store(binary: str, data: Path, db: Path) -> None:
    for path in ("ofac/2024-05", "ofac/consolidated-2025-12", "un/consolidated-2026-02-27.xml"):
        subprocess.run([binary, "--db", str(db), "import", str(data / path)], check=True,
                       stdout=subprocess.DEVNULL)


# --- output ----------------------------------------------------------------

def cap(rows: list[PairRow], per_group: int, rng: random.Random) -> list[PairRow]:
    """At most `per_group` rows per group, one row per (name1, name2)."""
    by_group: dict[str, dict[tuple[str, str], PairRow]] = defaultdict(dict)
    for row in sorted(rows):
        by_group[row.group].setdefault((row.name1, row.name2), row)
    kept = []
    for group in sorted(by_group):
        candidates = sorted(by_group[group].values())
        kept += rng.sample(candidates, min(per_group, len(candidates)))
    return sorted(kept)


def split(rows: list[PairRow], rng: random.Random) -> tuple[list[PairRow], list[PairRow]]:
    """A stratified 20 % per group, held out."""
    train, held_out = [], []
    by_group: dict[str, list[PairRow]] = defaultdict(list)
    for row in rows:
        by_group[row.group].append(row)
    for group in sorted(by_group):
        members = sorted(by_group[group])
        rng.shuffle(members)
        cut = round(len(members) * 0.2)
        held_out += members[:cut]
        train += members[cut:]
    return sorted(train), sorted(held_out)


def write(path: Path, rows: list[PairRow], with_ids: bool) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER + (["ids"] if with_ids else []))
        for row in rows:
            fields = [row.name1, row.name2, row.schema, "true" if row.is_match else "false",
                      row.group]
            writer.writerow(fields + ([row.ids] if with_ids else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("binary", help="the embargo binary (release build)")
    parser.add_argument("output", type=Path, help="the pairs CSV to write")
    parser.add_argument("--split", type=Path, help="write a held-out 20 %% of each group here")
    parser.add_argument("--db", type=Path, help="a store with OFAC SDN, consolidated and UN "
                        "[default: a temporary one]")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-group", type=int, default=500, help="most pairs per group")
    parser.add_argument("--screen-queries", type=int, default=2500,
                        help="listed names screened for hard negatives")
    parser.add_argument("--synthetic", type=int, default=2500,
                        help="synthetic negatives screened per file")
    parser.add_argument("--ids", action="store_true", help="add a column of entity ids")
    args = parser.parse_args(argv)
    data = args.data
    for needed in ("ofac/2024-05/sdn.csv", "un/consolidated-2026-02-27.xml",
                   "uk/ofsi-conlist-2020-04-27.csv", "screening-sets/negatives_us.csv"):
        if not (data / needed).exists():
            parser.error(f"{data / needed} is missing: is {data} the shared data folder?")
    rng = random.Random(args.seed)
    entities = (load_ofac(data / "ofac/2024-05", "sdn", "ofac-sdn")
                + load_ofac(data / "ofac/consolidated-2025-12", "cons", "ofac-cons")
                + load_un(data / "un/consolidated-2026-02-27.xml")
                + load_ofsi(data / "uk/ofsi-conlist-2020-04-27.csv")
                + load_fcdo(data / "uk/fcdo-uk-sanctions-list-2026-03-26-excerpt.xml"))
    clusters, links = link(entities)
    print(f"{len(entities)} entities, {len(links)} cross-list links", file=sys.stderr)
    common = common_words(entities)
    rows = alias_pairs(entities, common) + cross_list_pairs(links, common) + typo_pairs(data)
    rows += bucket_negatives(entities, clusters, rng)
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        db = args.db
        if db is None:
            db = workdir / "lists.db"
            make_store(args.binary, data, db)
        rows += screen_negatives(args.binary, db, entities, clusters, args.screen_queries,
                                 rng, workdir)
        rows += synthetic_negatives(args.binary, db, data, args.synthetic, rng, workdir)
    rows = cap(rows, args.per_group, rng)
    if args.split:
        rows, held_out = split(rows, rng)
        write(args.split, held_out, args.ids)
    write(args.output, rows, args.ids)
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.group] += 1
    for group, count in sorted(counts.items()):
        print(f"{group:24} {count:6}", file=sys.stderr)
    print(f"{'total':24} {len(rows):6} -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
