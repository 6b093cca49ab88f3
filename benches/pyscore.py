#!/usr/bin/env python3
"""The comparison baseline of SPEC section 12: a plain Python + PyYAML scorer.

Reads the same rule sets and assessments as `readiness score` with PyYAML's libyaml loader
(yaml.CSafeLoader; YAML floats are read as exact decimal.Decimal from their text, like the
engine), scores them as SPEC section 5 says with exact fractions.Fraction arithmetic, and prints
one tab-separated line per assessment and rule set:

    file  country  ruleset  score  coverage  band  verdict

score and coverage in percent rounded half away from zero to two decimals, like the JSON report
(`-` when undefined). It does what the spec asks and no more: no validation beyond what scoring
needs, no gaps, no report.

usage: pyscore.py --rules DIR_OR_FILE ASSESSMENT_FILE_OR_DIR...
       pyscore.py --parse-only ...          only load every file (the PyYAML parse floor)
       pyscore.py --check REPORT.jsonl ...  also compare with `readiness score --format jsonl`
"""

import argparse
import datetime
import json
import os
import sys
from decimal import Decimal
from fractions import Fraction

import yaml

if not hasattr(yaml, "CSafeLoader"):
    sys.exit("pyscore.py: PyYAML was built without libyaml (yaml.CSafeLoader missing)")


class Loader(yaml.CSafeLoader):
    """libyaml parser; floats become exact Decimals from their source text."""


Loader.add_constructor(
    "tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node))
)

DEFAULT_BANDS = [
    (Fraction(0), "Early stage"),
    (Fraction(20), "Some level of preparation"),
    (Fraction(40), "Moderately prepared"),
    (Fraction(60), "Good level of preparation"),
    (Fraction(80), "Well advanced"),
]


def F(x):
    """Exact fraction of a YAML number (int or Decimal)."""
    return Fraction(x)


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=Loader)


def yaml_files(path):
    if os.path.isdir(path):
        return sorted(
            os.path.join(path, n) for n in os.listdir(path) if n.endswith((".yaml", ".yml"))
        )
    return [path]


class RuleSet:
    def __init__(self, doc):
        self.id = doc["ruleset"]
        scale = doc.get("scale") or {}
        self.lo = F(scale.get("min", 0))
        self.hi = F(scale.get("max", 4))
        self.target = F(doc.get("target", self.hi))
        self.aggregation = doc.get("aggregation", "mean")
        self.ready_at = F(doc.get("ready_at", 75))
        self.min_coverage = F(doc.get("min_coverage", 80))
        bands = doc.get("bands")
        self.bands = [(F(b["from"]), b["label"]) for b in bands] if bands else DEFAULT_BANDS
        self.benchmarks = []
        for b in doc["benchmarks"]:
            criteria = []
            for c in b["criteria"]:
                ind = c.get("indicator")
                crit = {
                    "id": c["id"],
                    "weight": F(c.get("weight", 1)),
                    "required": bool(c.get("required", False)),
                }
                if ind:
                    crit["floor"], crit["goal"] = F(ind["floor"]), F(ind["target"])
                    crit["t"] = Fraction(1)
                else:
                    crit["floor"] = None
                    crit["t"] = (F(c.get("target", self.target)) - self.lo) / (self.hi - self.lo)
                criteria.append(crit)
            self.benchmarks.append({
                "id": b["id"],
                "weight": F(b.get("weight", 1)),
                "aggregation": b.get("aggregation", self.aggregation),
                "min_score": F(b["min_score"]) if "min_score" in b else None,
                "criteria": criteria,
            })
        self.ids = {c["id"] for b in self.benchmarks for c in b["criteria"]}

    def normalised(self, crit, rating):
        """s_c, or None for not applicable."""
        if "not_applicable" in rating:
            return None
        if crit["floor"] is None:
            return (F(rating["level"]) - self.lo) / (self.hi - self.lo)
        s = (F(rating["value"]) - crit["floor"]) / (crit["goal"] - crit["floor"])
        return min(Fraction(1), max(Fraction(0), s))

    def band(self, score):
        label = self.bands[0][1]
        for start, name in self.bands:
            if start <= score:
                label = name
        return label

    def score(self, ratings, waived):
        """(S_R or None, C_R, band or None, verdict) for one assessment, SPEC section 5."""
        benches = []  # (benchmark, [(crit, s or 'na' or None)])
        for b in self.benchmarks:
            items = []
            for c in b["criteria"]:
                r = ratings.get(c["id"])
                items.append((c, "na" if r is not None and "not_applicable" in r
                              else (None if r is None else self.normalised(c, r))))
            benches.append((b, items))

        results = []  # (benchmark, applicable, S_b or None, sum_w_applicable, items)
        for b, items in benches:
            a = [(c, s) for c, s in items if s != "na"]
            q = [(c, s) for c, s in a if s is not None]
            sb = None
            if q:
                if b["aggregation"] == "min":
                    sb = 100 * min(s for _, s in q)
                else:
                    sb = 100 * sum(c["weight"] * s for c, s in q) / sum(c["weight"] for c, _ in q)
            results.append((b, bool(a), sb, sum(c["weight"] for c, _ in a), items))

        applicable_w = sum(b["weight"] for b, ok, _, _, _ in results if ok)
        coverage = Fraction(0)
        for b, ok, _, sum_a, items in results:
            if not ok:
                continue
            for c, s in items:
                if s not in ("na", None):
                    coverage += (b["weight"] / applicable_w) * (c["weight"] / sum_a)
        coverage *= 100
        scored = [(b["weight"], sb) for b, _, sb, _, _ in results if sb is not None]
        total = (sum(w * s for w, s in scored) / sum(w for w, _ in scored)) if scored else None

        def met(c, s):
            return s not in ("na", None) and s >= c["t"]

        required = [(c, s) for _, _, _, _, items in results for c, s in items
                    if c["required"] and c["id"] not in waived]
        if total is None or coverage < self.min_coverage or any(s is None for _, s in required):
            verdict = "insufficient-evidence"
        elif (any(s != "na" and not met(c, s) for c, s in required)
              or any(b["min_score"] is not None and sb is not None and sb < b["min_score"]
                     for b, _, sb, _, _ in results)
              or total < self.ready_at):
            verdict = "not-ready"
        else:
            verdict = "ready"
        return total, coverage, (self.band(total) if total is not None else None), verdict


def round2(x):
    """Half away from zero to two decimals, exactly, as a string."""
    if x is None:
        return "-"
    n = x * 100
    q = (abs(n.numerator) * 2 + n.denominator) // (2 * n.denominator)
    q = -q if n < 0 else q
    return str(Decimal(q).scaleb(-2))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rules", action="append", required=True)
    ap.add_argument("--parse-only", action="store_true")
    ap.add_argument("--check", metavar="JSONL")
    ap.add_argument("assessments", nargs="+")
    args = ap.parse_args()

    files = [f for p in args.assessments for f in yaml_files(p)]
    rule_files = [f for p in args.rules for f in yaml_files(p)]
    if args.parse_only:
        for path in rule_files + files:
            load(path)
        print(f"parsed {len(rule_files) + len(files)} files")
        return

    rulesets = {}
    for path in rule_files:
        r = RuleSet(load(path))
        rulesets[r.id] = r

    out = sys.stdout
    lines = []
    for path in files:
        doc = load(path)
        ratings = doc.get("ratings") or {}
        as_of = doc["as_of"]
        waived = set()
        for cid, w in (doc.get("waivers") or {}).items():
            exp = w.get("expires")
            if exp is None or (isinstance(exp, datetime.date) and exp >= as_of):
                waived.add(cid)
        chosen = doc.get("rulesets") or [r for r in rulesets if rulesets[r].ids & ratings.keys()]
        for rid in chosen:
            total, cov, band, verdict = rulesets[rid].score(ratings, waived)
            line = (path, str(doc["country"]), rid, round2(total), round2(cov), band or "-", verdict)
            if args.check:
                lines.append(line)
            out.write("\t".join(line) + "\n")

    if args.check:
        check(args.check, lines)


def check(jsonl, lines):
    """Compares score, coverage, band and verdict with readiness's JSONL report, line by line."""
    ours = {(os.path.normpath(l[0]), l[2]): l[3:] for l in lines}
    seen = bad = 0
    with open(jsonl) as f:
        for line in f:
            rep = json.loads(line, parse_float=Decimal)
            for rs in rep["rulesets"]:
                key = (os.path.normpath(rep["file"]), rs["id"])
                if key not in ours:
                    continue
                seen += 1
                fmt = lambda v: "-" if v is None else str(Decimal(v).quantize(Decimal("0.01")))
                theirs = (fmt(rs["score"]), fmt(rs["coverage"]), rs["band"] or "-", rs["verdict"])
                if theirs != ours[key]:
                    bad += 1
                    if bad <= 5:
                        print(f"MISMATCH {key}: pyscore {ours[key]} readiness {theirs}", file=sys.stderr)
    print(f"check: {seen} (file, rule set) pairs compared, {bad} mismatches", file=sys.stderr)
    if bad or not seen:
        sys.exit(1)


if __name__ == "__main__":
    main()
