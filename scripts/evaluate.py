#!/usr/bin/env python
"""Score medfacts against hand-made gold facts (../shared/corpus-dev by default).

A prediction matches a gold fact when (doc, item, quantity) agree — distinct
keys on both sides.  Prints precision/recall/F1 of those keys, then, over the
matched keys, the share whose region, status, date and official (surname)
agree; then per-document misses and extras.

    python scripts/evaluate.py                       # ingest the dev HTML into a temp warehouse and score
    python scripts/evaluate.py --db warehouse/medfacts.duckdb --no-ingest
    python scripts/evaluate.py --json                # machine-readable figures
    python scripts/evaluate.py --halves              # also score the two halves, and corpus/ (the first 21) vs the other 44

Halves keep rule work honest: develop a construction on one half (A: enA*, ruA*,
seed*) and check on the other (B: enB*, ruB*) that it helped before tuning further.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEV = ROOT.parent / "shared" / "corpus-dev"
ATTRIBUTES = ("region", "status", "date", "official")
HALVES = {"A": ("enA", "ruA", "seed"), "B": ("enB", "ruB")}


def half_of(doc: str) -> str:
    return next((name for name, prefixes in HALVES.items() if doc.startswith(prefixes)), "A")


def surname(name: str | None) -> str | None:
    return name.split()[-1].lower().replace("ё", "е") if name else None


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_predictions(db: Path) -> list[dict]:
    from warehouse.store import Warehouse

    with Warehouse(db, read_only=True) as warehouse:
        columns, rows = warehouse.query(
            "SELECT source, item, quantity, status, region, official, date, quantity_text, sentence, rule, fact_id "
            "FROM facts ORDER BY source, start_char"
        )
    predictions = []
    for row in rows:
        record = dict(zip(columns, row))
        record["doc"] = Path(record["source"]).stem
        predictions.append(record)
    return predictions


def key(fact: dict) -> tuple:
    return fact["doc"], fact["item"], round(float(fact["quantity"]), 3)


def score(gold: list[dict], predictions: list[dict], docs: set[str] | None = None) -> dict:
    if docs is not None:
        predictions = [p for p in predictions if p["doc"] in docs]
    gold_by_key, pred_by_key = defaultdict(list), defaultdict(list)
    for fact in gold:
        gold_by_key[key(fact)].append(fact)
    for fact in predictions:
        pred_by_key[key(fact)].append(fact)
    matched = set(gold_by_key) & set(pred_by_key)
    precision = len(matched) / len(pred_by_key) if pred_by_key else 0.0
    recall = len(matched) / len(gold_by_key) if gold_by_key else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    agree = {attribute: 0 for attribute in ATTRIBUTES}
    disagreements = defaultdict(list)
    for k in sorted(matched):
        g, p = gold_by_key[k][0], pred_by_key[k][0]
        for attribute in ATTRIBUTES:
            if attribute == "official":
                same = surname(g["official"]) == surname(p["official"])
            else:
                same = g[attribute] == p[attribute]
            if same:
                agree[attribute] += 1
            else:
                disagreements[attribute].append((k, g[attribute], p[attribute]))
    accuracy = {a: (agree[a] / len(matched) if matched else 0.0) for a in ATTRIBUTES}
    return {
        "gold": len(gold_by_key), "predicted": len(pred_by_key), "matched": len(matched),
        "precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy,
        "misses": sorted(set(gold_by_key) - matched), "extras": sorted(set(pred_by_key) - matched),
        "gold_by_key": gold_by_key, "pred_by_key": pred_by_key, "disagreements": disagreements,
    }


def ingest_dev(html_dir: Path, db: Path) -> None:
    from extract.run.ingest import ingest
    from extract.acquire.sources import expand
    from warehouse.store import Warehouse

    with Warehouse(db) as warehouse:
        report = ingest(expand([str(html_dir)]), warehouse)
    if report.skipped:
        for source, reason, message in report.skipped:
            print(f"skipped {source}: {message}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="corpus-dev folder (gold.jsonl, html/)")
    parser.add_argument("--db", type=Path, help="warehouse to score (default: a fresh temp one)")
    parser.add_argument("--no-ingest", action="store_true", help="score --db as it is")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--details", action="store_true", help="also list attribute disagreements")
    parser.add_argument("--halves", action="store_true", help="also score halves A (enA, ruA, seed) and B (enB, ruB)")
    args = parser.parse_args()

    gold = load_gold(args.dev / "gold.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "eval.duckdb"
        if not args.no_ingest:
            ingest_dev(args.dev / "html", db)
        predictions = load_predictions(db)
    docs = {g["doc"] for g in gold} | {json.loads(l)["doc"] for l in (args.dev / "manifest.jsonl").read_text().splitlines() if l.strip()}
    result = score(gold, predictions, docs)
    parts = {"all": result}
    if args.halves:
        for name in HALVES:
            subset = {d for d in docs if half_of(d) == name}
            parts[f"half {name}"] = score([g for g in gold if g["doc"] in subset], predictions, subset)
        # The 21 articles the first rules were written on ship as corpus/; the other 44 came later.
        seen = {path.stem for path in (ROOT / "corpus").glob("*.html")} & docs
        for name, subset in (("corpus/", seen), ("others", docs - seen)):
            parts[name] = score([g for g in gold if g["doc"] in subset], predictions, subset)
    figures = ("gold", "predicted", "matched", "precision", "recall", "f1", "accuracy")
    if args.json:
        print(json.dumps({name: {k: part[k] for k in figures} for name, part in parts.items()} if args.halves
                         else {k: result[k] for k in figures}, indent=2))
        return 0
    print(f"{'facts':<10}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}   "
          + "  ".join(f"{a:>8}" for a in ATTRIBUTES))
    for name, part in parts.items():
        print(f"{name:<10}{part['gold']:>6}{part['predicted']:>6}{part['matched']:>7}"
              f"{part['precision']:>7.3f}{part['recall']:>7.3f}{part['f1']:>7.3f}   "
              + "  ".join(f"{part['accuracy'][a]:>8.3f}" for a in ATTRIBUTES))
    by_doc = defaultdict(lambda: ([], []))
    for k in result["misses"]:
        by_doc[k[0]][0].append(k)
    for k in result["extras"]:
        by_doc[k[0]][1].append(k)
    for doc in sorted(by_doc):
        misses, extras = by_doc[doc]
        print(f"\n{doc}")
        for k in misses:
            print(f"  miss  {k[1]:<22} {k[2]:>10g}  «{result['gold_by_key'][k][0]['evidence']}»")
        for k in extras:
            p = result["pred_by_key"][k][0]
            print(f"  extra {k[1]:<22} {k[2]:>10g}  «{p['sentence'][:110]}» [{p['rule']}]")
    if args.details:
        for attribute, rows in result["disagreements"].items():
            print(f"\n{attribute} disagreements:")
            for k, g, p in rows:
                print(f"  {k[0][:28]:<28} {k[1]:<20} {k[2]:>8g}  gold={g}  pred={p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
