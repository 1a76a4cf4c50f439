#!/usr/bin/env python3
"""Fit and cross-validate a calibrated score model against embargo's hand-tuned name score.

Item 6 of the matching-quality work asks whether a small fitted model should
replace the hand-tuned name score. This script answers it with numbers. The
model is a logistic regression over what an alignment of two names found
(crates/embargo-core/src/matching/name_evidence.rs):

    P(match) = sigmoid(b + w1*logit(coverage) + w2*family_disagrees
                       + w3*partial_given_name + w4*typo_share
                       + w5*initial_share + w6*single_word)

with an offset for the route on which a rare listed family name stands
alone. The script

1. builds a labelled pair corpus from the public list files with
   tools/pairs/build_pairs.py (unless --corpus gives one) and adds the
   hand-written pairs of tools/pairs/handwritten.csv (weighted x3);
2. asks `embargo evaluate --pairs CORPUS --features FEATURES` for each
   pair's evidence and hand-tuned score, with the word statistics of the
   store given by --db;
3. fits the weights by weighted logistic regression (damped Newton, a
   little L2), matches and non-matches weighted to count equally, signs
   fixed in advance (coverage can only help, every sign against a match
   can only hurt; a weight of the wrong sign is held at 0);
4. reports the fit honestly: 5-fold cross-validation with folds split by
   listed name (no listed name is in both parts), log-loss, Brier score,
   ROC AUC, F1 at the default threshold 0.7 and at the best threshold,
   per group, a reliability table, and the same figures for the
   hand-tuned score on the same pairs.

Pairs whose names share nothing (coverage 0: a pseudonym, a translation)
are left out of the fit: no weight on name evidence can find them.

Python 3.11, standard library only. Usage:

    cargo build --release -p embargo-cli
    embargo --db /tmp/pairs.db import ../shared/data/ofac/2024-05
    embargo --db /tmp/pairs.db import ../shared/data/ofac/consolidated-2025-12
    embargo --db /tmp/pairs.db import ../shared/data/un/consolidated-2026-02-27.xml
    python3 tools/calibrate/fit.py ../shared/data target/release/embargo \\
        --db /tmp/pairs.db --work /tmp/calibrate
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HANDWRITTEN = ROOT / "tools/pairs/handwritten.csv"
BUILD_PAIRS = ROOT / "tools/pairs/build_pairs.py"

COVERAGE_CLAMP = 0.001
EXACT_MATCH_FLOOR = 0.95  # the floor an exact whole name would get
NAME_SCALE = 0.9  # matching/mod.rs
THRESHOLD = 0.7
L2 = 1e-3

# name, sign (+1: must be >= 0, -1: must be <= 0, 0: free)
FEATURES = [
    ("INTERCEPT", 0),
    ("COVERAGE", +1),
    ("FAMILY_DISAGREES", -1),
    ("PARTIAL_GIVEN_NAME", -1),
    ("TYPO_SHARE", -1),
    ("INITIAL_SHARE", -1),
    ("SINGLE_WORD", -1),
]


def logit(p: float) -> float:
    p = min(max(p, COVERAGE_CLAMP), 1.0 - COVERAGE_CLAMP)
    return math.log(p / (1.0 - p))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass
class Row:
    x: list[float]
    coverage: float
    y: int
    weight: float
    exact: bool
    alone: float | None
    hand_tuned: float
    listed: str
    group: str


def read_rows(path: Path, hand_weight: float, hand_names: set[tuple[str, str]]) -> list[Row]:
    rows = []
    with path.open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["coverage"] == "" or float(r["coverage"]) <= 0.0:
                continue  # nothing shared: no weight on name evidence finds it
            coverage = float(r["coverage"])
            fd = int(r["family_disagrees"])
            pg = int(r["partial_given_name"])
            typo = float(r["typo_share"])
            init = float(r["initial_share"])
            single = int(r["single_word"])
            x = [1.0, logit(coverage), fd, pg, typo, init, single]
            exact = coverage >= 1.0 and not fd and not pg and typo <= 0 and init <= 0
            alone = float(r["family_alone_factor"]) if r["family_alone_factor"] else None
            is_hand = (r["name1"], r["name2"]) in hand_names
            rows.append(
                Row(
                    x=x,
                    coverage=coverage,
                    y=1 if r["is_match"] == "true" else 0,
                    weight=hand_weight if is_hand else 1.0,
                    exact=exact,
                    alone=alone,
                    hand_tuned=NAME_SCALE * float(r["score"]),
                    listed=r["name2"],
                    group=r["group"],
                )
            )
    return rows


def balance(rows: list[Row]) -> list[float]:
    """Row weights making matches and non-matches weigh the same."""
    pos = sum(r.weight for r in rows if r.y)
    neg = sum(r.weight for r in rows if not r.y)
    total = pos + neg
    return [r.weight * total / (2 * (pos if r.y else neg)) for r in rows]


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def penalized_loss(rows, weights, beta, idx) -> float:
    total = 0.0
    for r, w in zip(rows, weights):
        z = sum(beta[j] * r.x[j] for j in idx)
        # log(1 + e^z) - y z, computed without overflow
        total += w * (max(z, 0.0) + math.log1p(math.exp(-abs(z))) - r.y * z)
    return total + 0.5 * L2 * len(rows) * sum(beta[j] ** 2 for j in idx if j != 0)


def newton(rows: list[Row], weights: list[float], active: list[bool]) -> list[float]:
    """Weighted L2 logistic regression over the active features: Newton's
    method with step halving, so that every step lowers the loss."""
    idx = [j for j, a in enumerate(active) if a]
    beta = [0.0] * len(FEATURES)
    loss = penalized_loss(rows, weights, beta, idx)
    for _ in range(100):
        grad = [0.0] * len(idx)
        hess = [[0.0] * len(idx) for _ in idx]
        for r, w in zip(rows, weights):
            p = sigmoid(sum(beta[j] * r.x[j] for j in idx))
            g = w * (p - r.y)
            h = w * p * (1 - p)
            for a_, ja in enumerate(idx):
                grad[a_] += g * r.x[ja]
                for b_, jb in enumerate(idx):
                    hess[a_][b_] += h * r.x[ja] * r.x[jb]
        for a_, ja in enumerate(idx):
            if ja != 0:
                grad[a_] += L2 * len(rows) * beta[ja]
                hess[a_][a_] += L2 * len(rows)
        step = solve(hess, grad)
        scale = 1.0
        while scale > 1e-6:
            trial = beta[:]
            for a_, ja in enumerate(idx):
                trial[ja] -= scale * step[a_]
            trial_loss = penalized_loss(rows, weights, trial, idx)
            if trial_loss <= loss:
                break
            scale /= 2
        else:
            break
        beta, improvement, loss = trial, loss - trial_loss, trial_loss
        if improvement < 1e-9 * max(loss, 1.0):
            break
    return beta


def fit(rows: list[Row]) -> tuple[list[float], float]:
    """Fits the weights with their signs, then the family-alone offset."""
    weights = balance(rows)
    active = [True] * len(FEATURES)
    while True:
        beta = newton(rows, weights, active)
        wrong = [
            j
            for j, (_, sign) in enumerate(FEATURES)
            if active[j] and sign and beta[j] * sign < 0
        ]
        if not wrong:
            break
        for j in wrong:
            active[j] = False
    best = (float("inf"), 0.0)
    offset = -3.0
    while offset <= 3.0 + 1e-9:
        loss = log_loss(rows, weights, beta, offset)
        best = min(best, (loss, round(offset, 2)))
        offset += 0.05
    return beta, best[1]


def predict(row: Row, beta: list[float], offset: float) -> float:
    p = sigmoid(sum(b * x for b, x in zip(beta, row.x)))
    if row.exact:
        p = max(p, EXACT_MATCH_FLOOR)
    if row.alone is not None:
        p = max(p, sigmoid(beta[0] + beta[1] * logit(row.alone) + offset))
    return p


def log_loss(rows, weights, beta, offset) -> float:
    total = 0.0
    for r, w in zip(rows, weights):
        p = min(max(predict(r, beta, offset), 1e-9), 1 - 1e-9)
        total -= w * (r.y * math.log(p) + (1 - r.y) * math.log(1 - p))
    return total / sum(weights)


def auc(scored: list[tuple[float, int]]) -> float:
    scored = sorted(scored)
    pos = sum(y for _, y in scored)
    neg = len(scored) - pos
    if not pos or not neg:
        return float("nan")
    rank_sum, i = 0.0, 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][0] == scored[i][0]:
            j += 1
        avg = (i + j + 1) / 2
        rank_sum += avg * sum(y for _, y in scored[i:j])
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def f1_at(scored: list[tuple[float, int]], threshold: float) -> float:
    tp = sum(1 for p, y in scored if p >= threshold and y)
    fp = sum(1 for p, y in scored if p >= threshold and not y)
    fn = sum(1 for p, y in scored if p < threshold and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_f1(scored: list[tuple[float, int]]) -> tuple[float, float]:
    """The best F1 over thresholds 0.30 to 0.95 and where it is."""
    return max((f1_at(scored, t / 100), t / 100) for t in range(30, 96))


def report(name: str, rows: list[Row], beta, offset) -> dict:
    weights = balance(rows)
    scored = [(predict(r, beta, offset), r.y) for r in rows]
    brier = sum(w * (p - y) ** 2 for (p, y), w in zip(scored, weights)) / sum(weights)
    return {
        "part": name,
        "pairs": len(rows),
        "log_loss": log_loss(rows, weights, beta, offset),
        "brier": brier,
        "auc": auc(scored),
        "f1": f1_at(scored, THRESHOLD),
    }


def cross_validate(rows: list[Row], folds: int, seed: int) -> list[tuple[Row, float]]:
    """Out-of-fold predictions, folds split by listed name."""
    listed = sorted({r.listed for r in rows})
    random.Random(seed).shuffle(listed)
    fold_of = {name: i % folds for i, name in enumerate(listed)}
    out = []
    for k in range(folds):
        train = [r for r in rows if fold_of[r.listed] != k]
        test = [r for r in rows if fold_of[r.listed] == k]
        beta, offset = fit(train)
        stats = report(f"fold {k + 1}", test, beta, offset)
        print(
            f"  fold {k + 1}: {stats['pairs']:5} pairs  log-loss {stats['log_loss']:.3f}  "
            f"Brier {stats['brier']:.3f}  AUC {stats['auc']:.3f}  F1@{THRESHOLD} {stats['f1']:.3f}"
        )
        out.extend((r, predict(r, beta, offset)) for r in test)
    return out


def hand_tuned(row: Row) -> float:
    """The hand-tuned score `embargo` gives the pair on its name alone."""
    return row.hand_tuned


def per_group(predictions: list[tuple[Row, float]]) -> None:
    """Out-of-fold F1 (or accuracy for one-class groups) per group, beside
    the hand-tuned score's."""
    groups = sorted({r.group for r, _ in predictions})
    print("  group                          pairs  fitted  hand-tuned   (F1, or accuracy)")
    for g in groups:
        inside = [(r, p) for r, p in predictions if r.group == g]
        new = [(p, r.y) for r, p in inside]
        old = [(hand_tuned(r), r.y) for r, _ in inside]

        def measure(scored):
            if all(y for _, y in scored) or not any(y for _, y in scored):
                return sum(1 for p, y in scored if (p >= THRESHOLD) == bool(y)) / len(scored)
            return f1_at(scored, THRESHOLD)

        print(f"  {g:30} {len(inside):5}  {measure(new):6.3f}  {measure(old):10.3f}")


def reliability(predictions: list[tuple[Row, float]]) -> None:
    """Predicted score against the observed (balanced) share of matches."""
    print("  score bin   pairs  mean score  observed share of matches (balanced)")
    rows = [r for r, _ in predictions]
    weights = balance(rows)
    for lo in [i / 10 for i in range(10)]:
        hi = lo + 0.1
        inside = [
            (p, r.y, w)
            for (r, p), w in zip(predictions, weights)
            if lo <= p < hi or (hi >= 1.0 and p >= 1.0)
        ]
        if not inside:
            continue
        wsum = sum(w for _, _, w in inside)
        mean = sum(p * w for p, _, w in inside) / wsum
        obs = sum(y * w for _, y, w in inside) / wsum
        print(f"  {lo:.1f}-{hi:.1f}   {len(inside):6}  {mean:10.3f}  {obs:10.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("binary", help="the embargo binary (release build)")
    parser.add_argument("--db", type=Path, required=True,
                        help="a store with OFAC SDN, consolidated and UN (word statistics)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/calibrate"),
                        help="folder for the corpus and features files")
    parser.add_argument("--corpus", type=Path, help="use this pairs CSV instead of building one")
    parser.add_argument("--hand-weight", type=float, default=3.0,
                        help="weight of each hand-written pair (default 3)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus
    if corpus is None:
        corpus = args.work / "pairs.csv"
        subprocess.run(
            [sys.executable, str(BUILD_PAIRS), str(args.data), args.binary, str(corpus),
             "--db", str(args.db)],
            check=True,
        )
    combined = args.work / "combined.csv"
    hand_names = set()
    with combined.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name1", "name2", "schema", "is_match", "group"])
        for path in [corpus, HANDWRITTEN]:
            with path.open(newline="", encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    writer.writerow([r["name1"], r["name2"], r.get("schema", ""),
                                     r["is_match"], r.get("group") or "all"])
                    if path == HANDWRITTEN:
                        hand_names.add((r["name1"], r["name2"]))
    features = args.work / "features.csv"
    subprocess.run(
        [args.binary, "--db", str(args.db), "evaluate", "--pairs", str(combined),
         "--features", str(features)],
        check=True, stdout=subprocess.DEVNULL,
    )
    rows = read_rows(features, args.hand_weight, hand_names)
    pos = sum(r.y for r in rows)
    print(f"{len(rows)} pairs with evidence ({pos} matches, {len(rows) - pos} non-matches)")

    print(f"cross-validation ({args.folds} folds by listed name):")
    predictions = cross_validate(rows, args.folds, args.seed)
    cv_scored = [(p, r.y) for r, p in predictions]
    old = [(hand_tuned(r), r.y) for r in rows]
    for label, scored in [("fitted model (out-of-fold)", cv_scored), ("hand-tuned score", old)]:
        f1, at = best_f1(scored)
        print(f"  {label:27} AUC {auc(scored):.3f}  F1@{THRESHOLD} "
              f"{f1_at(scored, THRESHOLD):.3f}  best F1 {f1:.3f} at {at:.2f}")
    per_group(predictions)
    reliability(predictions)

    beta, offset = fit(rows)
    full = report("all", rows, beta, offset)
    print("weights on all pairs:")
    for (name, _), value in zip(FEATURES, beta):
        print(f"  {name:20} {value:8.4f}")
    print(f"  {'FAMILY_ALONE':20} {offset:8.4f}")
    print(f"in-sample: log-loss {full['log_loss']:.3f}  AUC {full['auc']:.3f}  "
          f"F1@{THRESHOLD} {full['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
