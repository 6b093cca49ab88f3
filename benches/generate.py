#!/usr/bin/env python3
"""Synthetic benchmark data for `readiness` (SPEC section 12).

Writes, under OUT:
  rules/synthetic.yaml          one rule set: 10 benchmarks x 50 criteria (SYN-1 .. SYN-10,
                                criteria SYN-3.17 etc.), ~10% indicator criteria in both
                                directions, varied weights, one `aggregation: min` benchmark with a
                                `min_score` gate, two required criteria
  assessments/a00001.yaml ...   N assessments rating every criterion: a level (0..4) or an indicator
                                value, evidence of ~200 characters, 1-2 sources, a confidence,
                                sometimes a rating date

The formats are exactly those of SPEC sections 3-4 (the engine rejects unknown keys). Output is
deterministic for a given --seed: assessment i draws from Random(seed * 1_000_003 + i), so the
first 1,000 files of a 10,000-file run equal a 1,000-file run.

usage: generate.py OUT N [--seed S] [--jobs J]
"""

import argparse
import multiprocessing
import os
import random
import sys
import textwrap

RULESET_ID = "synthetic-bench"
BENCHMARKS = 10
CRITERIA = 50
MIN_BENCHMARK = 3            # SYN-3 aggregates with `min` and has a min_score gate
REQUIRED = {"SYN-1.1", "SYN-6.2"}
SCALE_MAX = 4

WORDS = (
    "ministry parliament defence budget reform oversight committee procurement audit law "
    "brigade interoperability staff training exercise civilian control transparency election "
    "minority judiciary corruption strategy review planning personnel doctrine logistics "
    "partnership objective implementation report assessment observed adopted published "
    "commission inspector general annual programme capability readiness deployment mission "
    "contribution police border security intelligence service accountability media court "
    "ombudsman regional conflict settlement dialogue agreement framework standard quarterly"
).split()
PUBLISHERS = ["NATO", "OSCE/ODIHR", "Council of Europe", "Freedom House", "SIPRI", "World Bank"]


def sentence(rng, n_words):
    words = [rng.choice(WORDS) for _ in range(n_words)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def text_of_length(rng, target):
    """Plain prose of about `target` characters (letters, spaces and full stops only)."""
    out = []
    while sum(len(s) + 1 for s in out) < target:
        out.append(sentence(rng, rng.randint(6, 14)))
    return " ".join(out)


def folded(text, indent):
    """A `>-` folded block scalar, wrapped like the hand-written files."""
    pad = " " * indent
    lines = textwrap.wrap(text, width=96)
    return ">-\n" + "\n".join(pad + line for line in lines)


def indicator_for(b, c):
    """Every tenth criterion is an indicator, alternating higher- and lower-is-better."""
    if c % 10 != 5:
        return None
    if (b + c // 10) % 2 == 0:
        return {"unit": "% of GDP", "floor": "0.5", "target": "2.0", "lo": 0.0, "hi": 3.0}
    return {"unit": "rating (1 best, 7 worst)", "floor": "7", "target": "2.5", "lo": 1.0, "hi": 7.0}


def ruleset_yaml(rng):
    out = [
        "# Synthetic rule set for the benchmark harness (benches/generate.py). Not a real framework.",
        f"ruleset: {RULESET_ID}",
        "title: Synthetic benchmark rule set",
        'version: "1.0"',
        "summary: " + folded(text_of_length(rng, 400), 2),
        "sources:",
    ]
    for i in range(1, 6):
        out += [
            f"  - id: src-{i}",
            f"    title: Synthetic source document {i}",
            f"    publisher: {PUBLISHERS[i % len(PUBLISHERS)]}",
            f"    year: {2000 + i}",
        ]
    out += [
        "scale: { min: 0, max: 4, labels: { 0: Early stage, 1: Some preparation, "
        "2: Moderately prepared, 3: Good preparation, 4: Well advanced } }",
        "target: 3",
        "aggregation: mean",
        "ready_at: 75",
        "min_coverage: 80",
        "max_evidence_age_days: 730",
        "benchmarks:",
    ]
    for b in range(1, BENCHMARKS + 1):
        out += [
            f"  - id: SYN-{b}",
            f"    title: Synthetic benchmark {b} {sentence(rng, 4)[:-1].lower()}",
            f"    weight: {1 + (b % 3)}",
        ]
        if b == MIN_BENCHMARK:
            out += ["    aggregation: min", "    min_score: 25"]
        out.append("    criteria:")
        for c in range(1, CRITERIA + 1):
            cid = f"SYN-{b}.{c}"
            out += [f"      - id: {cid}", f"        title: {sentence(rng, 7)[:-1]}"]
            w = rng.choice(["1", "1", "1", "2", "3", "0.5"])
            if w != "1":
                out.append(f"        weight: {w}")
            ind = indicator_for(b, c)
            if ind:
                out.append(
                    f'        indicator: {{ unit: "{ind["unit"]}", floor: {ind["floor"]}, '
                    f'target: {ind["target"]} }}'
                )
            else:
                if c % 7 == 0:
                    out.append(f"        target: {rng.choice([2, 4])}")
                out.append("        guidance:")
                for lvl in (0, 2, 4):
                    out.append(f"          {lvl}: {text_of_length(rng, 80)}")
            if cid in REQUIRED:
                out.append("        required: true")
            out.append("        remediation: " + folded(text_of_length(rng, 150), 10))
            out.append(f"        sources: [src-{1 + c % 5}]")
            if c % 4 == 0:
                out.append(f"        related: [SYN-{b % BENCHMARKS + 1}.{c}]")
    return "\n".join(out) + "\n"


def assessment_yaml(rng, i):
    # Each country has its own maturity, so verdicts and bands vary across the batch.
    maturity = rng.uniform(0.8, 4.0)
    year = 2005 + i % 15
    lines = [
        "# Synthetic assessment for the benchmark harness (benches/generate.py).",
        f"country: Synthland {i}",
        f"as_of: {year}-12-31",
        f"rulesets: [{RULESET_ID}]",
        "assessors: [Synthetic desk]",
        "notes: Synthetic benchmark data, not an assessment of any country.",
        "ratings:",
    ]
    for b in range(1, BENCHMARKS + 1):
        for c in range(1, CRITERIA + 1):
            lines.append(f"  SYN-{b}.{c}:")
            ind = indicator_for(b, c)
            if ind:
                q = min(1.0, max(0.0, rng.gauss(maturity / SCALE_MAX, 0.2)))
                lo, hi = ind["lo"], ind["hi"]
                better_high = float(ind["floor"]) < float(ind["target"])
                v = lo + q * (hi - lo) if better_high else hi - q * (hi - lo)
                lines.append(f"    value: {v:.1f}")
            else:
                lvl = int(round(min(SCALE_MAX, max(0, rng.gauss(maturity, 0.9)))))
                lines.append(f"    level: {lvl}")
            lines.append("    evidence: " + folded(text_of_length(rng, rng.randint(170, 230)), 6))
            srcs = [f'"{rng.choice(PUBLISHERS)}, report {rng.randint(1, 99)}, {year}"'
                    for _ in range(rng.randint(1, 2))]
            lines.append(f"    sources: [{', '.join(srcs)}]")
            lines.append(f"    confidence: {rng.choice(['low', 'medium', 'medium', 'high'])}")
            if rng.random() < 0.2:
                lines.append(f"    as_of: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    return "\n".join(lines) + "\n"


def write_assessment(job):
    out, seed, i = job
    rng = random.Random(seed * 1_000_003 + i)
    with open(os.path.join(out, f"a{i:05d}.yaml"), "w") as f:
        f.write(assessment_yaml(rng, i))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output directory (rules/ and assessments/ are created in it)")
    ap.add_argument("n", type=int, help="number of assessments")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    args = ap.parse_args()
    rules = os.path.join(args.out, "rules")
    assessments = os.path.join(args.out, "assessments")
    os.makedirs(rules, exist_ok=True)
    os.makedirs(assessments, exist_ok=True)
    with open(os.path.join(rules, "synthetic.yaml"), "w") as f:
        f.write(ruleset_yaml(random.Random(args.seed)))
    jobs = [(assessments, args.seed, i) for i in range(1, args.n + 1)]
    if args.jobs > 1 and args.n > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            for _ in pool.imap_unordered(write_assessment, jobs, chunksize=25):
                pass
    else:
        for job in jobs:
            write_assessment(job)
    print(f"wrote 1 rule set and {args.n} assessments under {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
