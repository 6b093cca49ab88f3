#!/usr/bin/env bash
# Benchmark harness for SPEC section 12 (performance and memory targets). See benches/README.md.
#
#   benches/run.sh                 build, generate (once), measure, print ratios against targets
#
# Environment (all optional):
#   BENCH_DATA=DIR      where the synthetic files go (default target/bench-data; never the repo
#                       proper: the generated 10,000 assessments are about 2 GB)
#   BENCH_SMALL=1000    assessments in the timed batch
#   BENCH_LARGE=10000   assessments in the large batch (memory only)
#   BENCH_RUNS=3        runs per timing; the best (lowest) wall time is kept
#   BENCH_PY_RUNS=$BENCH_RUNS  runs of the Python baseline (about 20-30 s each on 1,000 files)
#   BENCH_SEED=12       generator seed
#   BENCH_PY_PARSE=1    also time PyYAML just loading the files (context, not a target)
#   BENCH_HYPERFINE=1   time each command with hyperfine (its runs in a row) instead of rounds
#   BENCH_PRIORITY=1    run in a new session whose scheduler autogroup has nice -20 (root only):
#                       with autogroups, background jobs in other sessions get an equal share of
#                       the CPU whatever their nice value; this gives the run the machine
set -euo pipefail

if [[ -n ${BENCH_PRIORITY:-} && -z ${BENCH_IN_SESSION:-} ]]; then
  export BENCH_IN_SESSION=1
  exec setsid -w bash -c 'echo -20 > /proc/self/autogroup 2>/dev/null \
    || echo "run.sh: warning: cannot set the autogroup nice value" >&2; exec "$0" "$@"' "$0" "$@"
fi
PRIORITY="normal"
[[ -r /proc/self/autogroup ]] && PRIORITY=$(sed 's/^.* nice /autogroup nice /' /proc/self/autogroup)

cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/target/release/readiness
DATA=${BENCH_DATA:-$ROOT/target/bench-data}
SMALL=${BENCH_SMALL:-1000}
LARGE=${BENCH_LARGE:-10000}
RUNS=${BENCH_RUNS:-3}
PY_RUNS=${BENCH_PY_RUNS:-$RUNS}
SEED=${BENCH_SEED:-12}
JOBS_ALL=$(nproc)

die() { echo "run.sh: $*" >&2; exit 2; }

# --- prerequisites -------------------------------------------------------------------------
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
case "$DATA/" in
  "$ROOT/target/"*) ;;
  "$ROOT/"*) die "BENCH_DATA=$DATA is inside the repository; use /tmp/... or target/..." ;;
esac
((LARGE >= SMALL)) || die "BENCH_LARGE ($LARGE) must be at least BENCH_SMALL ($SMALL)"
python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null \
  || die "PyYAML with libyaml is needed: pip install pyyaml (the wheels include libyaml)"
if [[ ! -x /usr/bin/time ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    die "GNU time (/usr/bin/time) is needed for peak memory: apt-get install time"
  fi
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- build ---------------------------------------------------------------------------------
echo "== cargo build --release"
cargo build --release --quiet
# The stage timer links the readiness library; it is optional (a library API change only skips it).
STAGES=
cp Cargo.lock benches/stages/Cargo.lock
if CARGO_TARGET_DIR="$ROOT/target" cargo build --release --quiet --manifest-path benches/stages/Cargo.toml; then
  STAGES=$ROOT/target/release/readiness-stages
else
  echo "warning: benches/stages did not build; the exact parse floor is skipped" >&2
fi

# --- data ----------------------------------------------------------------------------------
# The large set is generated once per (generator, seed, size); the small set is hard links to
# its first SMALL assessments (generate.py makes assessment i the same whatever N is).
BIG=$DATA/n$LARGE
SMALLDIR=$DATA/n$SMALL
stamp="generate.py $(sha256sum benches/generate.py | cut -c1-16) seed=$SEED n=$LARGE"
if [[ "$(cat "$BIG/.stamp" 2>/dev/null)" != "$stamp" ]]; then
  echo "== generating $LARGE assessments into $BIG"
  rm -rf "$BIG"
  python3 benches/generate.py "$BIG" "$LARGE" --seed "$SEED"
  echo "$stamp" > "$BIG/.stamp"
fi
if [[ $SMALL != "$LARGE" && "$(cat "$SMALLDIR/.stamp" 2>/dev/null)" != "$stamp small=$SMALL" ]]; then
  rm -rf "$SMALLDIR"
  mkdir -p "$SMALLDIR/assessments"
  cp -al "$BIG/rules" "$SMALLDIR/rules"
  (cd "$BIG/assessments" && ln $(seq -f 'a%05g.yaml' 1 "$SMALL") "$SMALLDIR/assessments/")
  echo "$stamp small=$SMALL" > "$SMALLDIR/.stamp"
fi
RULES_S=$SMALLDIR/rules
ASSESS_S=$SMALLDIR/assessments
count=$(find "$ASSESS_S" -name '*.yaml' | wc -l)
((count == SMALL)) || die "$ASSESS_S holds $count assessments, expected $SMALL"
size_s=$(du -sm --apparent-size "$ASSESS_S" | cut -f1)
size_l=$(du -sm --apparent-size "$BIG/assessments" | cut -f1)

# --- sanity: valid input, and the two scorers agree --------------------------------------
echo "== checking the generated files and the Python baseline"
"$BIN" validate "$RULES_S" "$ASSESS_S/a00001.yaml" > "$TMP/validate.txt" 2>&1 \
  || { cat "$TMP/validate.txt" >&2; die "the generated files do not validate"; }
tail -1 "$TMP/validate.txt"
mkdir -p "$TMP/check"
ln "$ASSESS_S"/a000[0-4]?.yaml "$TMP/check/" 2>/dev/null \
  || cp "$ASSESS_S"/a000[0-4]?.yaml "$TMP/check/"
"$BIN" score --rules "$RULES_S" "$TMP/check" --format jsonl > "$TMP/check.jsonl"
python3 benches/pyscore.py --rules "$RULES_S" "$TMP/check" --check "$TMP/check.jsonl" > /dev/null

# Warm the page cache so the first timed run does not pay for the disk.
find "$BIG" -name '*.yaml' -exec cat {} + > /dev/null

# --- measuring -----------------------------------------------------------------------------
# Default: rounds. Each round runs every command once, one after the other, so the commands whose
# times are divided by each other meet the same background load; each keeps its lowest wall time
# and lowest user+system time over the rounds. With BENCH_HYPERFINE=1, hyperfine runs each
# command's runs in a row instead (CPU is then hyperfine's mean user+system).
declare -A WALL CPU RSS
once() { # once KEY COMMAND...: one timed run, folded into WALL/CPU/RSS[KEY]
  local key=$1 t0 t1 u s m w c
  shift
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S %M' -o "$TMP/time" "$@" > /dev/null 2> "$TMP/stderr" \
    || { cat "$TMP/stderr" >&2; die "$key failed: $*"; }
  t1=$(date +%s.%N)
  read -r u s m < "$TMP/time"
  w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  c=$(awk -v a="$u" -v b="$s" 'BEGIN { printf "%.3f", a + b }')
  if [[ -z ${WALL[$key]:-} ]] || awk -v a="$w" -v b="${WALL[$key]}" 'BEGIN { exit !(a < b) }'; then WALL[$key]=$w; fi
  if [[ -z ${CPU[$key]:-} ]] || awk -v a="$c" -v b="${CPU[$key]}" 'BEGIN { exit !(a < b) }'; then CPU[$key]=$c; fi
  if ((m > ${RSS[$key]:-0})); then RSS[$key]=$m; fi
  printf '   %-12s wall %8ss  cpu %8ss  peak %8s KiB\n' "$key" "$w" "$c" "$m"
}
hyperfine_measure() { # hyperfine_measure KEY RUNS COMMAND...
  local key=$1 runs=$2 cmd
  shift 2
  cmd=$(printf '%q ' "$@")
  "$HYPERFINE" --style basic --runs "$runs" --export-json "$TMP/$key.json" -- "$cmd"
  read -r "WALL[$key]" "CPU[$key]" < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.3f %.3f" % (min(r["times"]), r["user"] + r["system"]))' "$TMP/$key.json")
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# The commands are split on blanks: the data path must hold no spaces.
[[ $DATA != *" "* ]] || die "BENCH_DATA must not contain spaces"
SCORE="$BIN score --rules $RULES_S $ASSESS_S --format jsonl"
declare -A CMDS=(
  [score_j1]="$SCORE --jobs 1"
  [validate]="$BIN validate $RULES_S $ASSESS_S"
  [score_j2]="$SCORE --jobs 2"
  [score_jall]="$SCORE --jobs $JOBS_ALL"
  [python]="python3 benches/pyscore.py --rules $RULES_S $ASSESS_S"
  [python_parse]="python3 benches/pyscore.py --parse-only --rules $RULES_S $ASSESS_S"
)
KEYS=(score_j1 validate score_j2)
if ((JOBS_ALL != 2)); then KEYS+=(score_jall); fi
PY_KEYS=(python)
if [[ -n ${BENCH_PY_PARSE:-} ]]; then PY_KEYS+=(python_parse); fi
echo "== measuring ($SMALL assessments, best of $RUNS, Python best of $PY_RUNS; load average $LOAD_BEFORE)"
for key in "${KEYS[@]}" "${PY_KEYS[@]}"; do echo "   $key: ${CMDS[$key]}"; done
HYPERFINE=
if [[ -n ${BENCH_HYPERFINE:-} ]]; then
  HYPERFINE=$(command -v hyperfine) || die "BENCH_HYPERFINE=1 needs hyperfine (apt-get install hyperfine)"
  for key in "${KEYS[@]}"; do hyperfine_measure "$key" "$RUNS" ${CMDS[$key]}; done
  for key in "${PY_KEYS[@]}"; do hyperfine_measure "$key" "$PY_RUNS" ${CMDS[$key]}; done
else
  rounds=$((RUNS > PY_RUNS ? RUNS : PY_RUNS))
  for ((r = 1; r <= rounds; r++)); do
    echo "-- round $r"
    if ((r <= RUNS)); then for key in "${KEYS[@]}"; do once "$key" ${CMDS[$key]}; done; fi
    if ((r <= PY_RUNS)); then for key in "${PY_KEYS[@]}"; do once "$key" ${CMDS[$key]}; done; fi
  done
fi
if ((JOBS_ALL == 2)); then
  WALL[score_jall]=${WALL[score_j2]} CPU[score_jall]=${CPU[score_j2]}
fi
echo "== peak memory, --format jsonl --jobs $JOBS_ALL to /dev/null"
RSS[mem_small]=0 RSS[mem_large]=0
once mem_small "$BIN" score --rules "$RULES_S" "$ASSESS_S" --format jsonl --jobs "$JOBS_ALL"
once mem_large "$BIN" score --rules "$BIG/rules" "$BIG/assessments" --format jsonl --jobs "$JOBS_ALL"
if [[ -n $STAGES ]]; then
  echo "== stage timings, one thread ($SMALL assessments)"
  "$STAGES" "$RULES_S" "$ASSESS_S" | tee "$TMP/stages"
  read -r FLOOR_EXACT PIPE_EXACT < <(awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["floor"], v["total"] }' "$TMP/stages")
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- results -------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { # verdict VALUE OP TARGET
  if awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { exit !((op == "<=") ? v <= t : v >= t) }'; then
    echo "met"
  else
    echo "NOT MET"
  fi
}
r_floor=$(ratio "${WALL[score_j1]}" "${WALL[validate]}")
r_floor_cpu=$(ratio "${CPU[score_j1]}" "${CPU[validate]}")
if [[ -n $STAGES ]]; then
  r_exact=$(ratio "$PIPE_EXACT" "$FLOOR_EXACT")
  r_exact_cli=$(ratio "${WALL[score_j1]}" "$FLOOR_EXACT")
fi
r_jobs=$(ratio "${WALL[score_j1]}" "${WALL[score_j2]}")
r_mem=$(ratio "${RSS[mem_large]}" "${RSS[mem_small]}")
r_py1=$(ratio "${WALL[python]}" "${WALL[score_j1]}")
r_py1_cpu=$(ratio "${CPU[python]}" "${CPU[score_j1]}")
r_pyall=$(ratio "${WALL[python]}" "${WALL[score_jall]}")
per_file() { awk -v t="$1" -v n="$SMALL" 'BEGIN { printf "%.1f", 1000 * t / n }'; }

{
  echo
  echo "== readiness benchmarks, SPEC section 12 ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo "machine: $JOBS_ALL cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load average $LOAD_BEFORE before, $LOAD_AFTER after; $PRIORITY"
  echo "readiness $(git describe --always --dirty 2>/dev/null || echo '?'), timing: $([[ -n $HYPERFINE ]] && echo hyperfine || echo interleaved rounds), best of $RUNS wall (Python: $PY_RUNS)"
  echo "data: 1 rule set (10 benchmarks x 50 criteria), $SMALL assessments ($size_s MB), $LARGE assessments ($size_l MB)"
  echo
  printf '%-58s %10s %10s\n' "measurement ($SMALL assessments)" "wall s" "cpu s"
  printf '%-58s %10s %10s\n' "readiness score --format jsonl --jobs 1" "${WALL[score_j1]}" "${CPU[score_j1]}"
  printf '%-58s %10s %10s\n' "readiness validate (parse+validate floor)" "${WALL[validate]}" "${CPU[validate]}"
  printf '%-58s %10s %10s\n' "readiness score --format jsonl --jobs 2" "${WALL[score_j2]}" "${CPU[score_j2]}"
  ((JOBS_ALL != 2)) && printf '%-58s %10s %10s\n' "readiness score --format jsonl --jobs $JOBS_ALL" "${WALL[score_jall]}" "${CPU[score_jall]}"
  printf '%-58s %10s %10s\n' "python3 benches/pyscore.py (PyYAML CSafeLoader + fractions)" "${WALL[python]}" "${CPU[python]}"
  [[ -n ${WALL[python_parse]:-} ]] && printf '%-58s %10s %10s\n' "python3 benches/pyscore.py --parse-only (PyYAML load only)" "${WALL[python_parse]}" "${CPU[python_parse]}"
  echo "per assessment: score ${WALL[score_j1]}s -> $(per_file "${WALL[score_j1]}") ms, validate $(per_file "${WALL[validate]}") ms, Python $(per_file "${WALL[python]}") ms"
  echo
  printf '%-58s %8s %10s  %s\n' "target" "measured" "target" "status"
  printf '%-58s %8s %10s  %s\n' "1. score / parse+validate floor, --jobs 1 (cpu: $r_floor_cpu)" "$r_floor" "<= 1.25" "$(verdict "$r_floor" '<=' 1.25)"
  if [[ -n $STAGES ]]; then
    printf '%-58s %8s %10s  %s\n' "1b. pipeline / exact parse floor, in-process (CLI: $r_exact_cli)" "$r_exact" "<= 1.25" "$(verdict "$r_exact" '<=' 1.25)"
  fi
  printf '%-58s %8s %10s  %s\n' "2. speed-up --jobs 2 over --jobs 1" "$r_jobs" ">= 1.70" "$(verdict "$r_jobs" '>=' 1.7)"
  printf '%-58s %8s %10s  %s\n' "3. peak RSS $LARGE / $SMALL (${RSS[mem_large]} / ${RSS[mem_small]} KiB)" "$r_mem" "<= 1.30" "$(verdict "$r_mem" '<=' 1.3)"
  printf '%-58s %8s %10s  %s\n' "4a. Python / readiness --jobs 1 (cpu: $r_py1_cpu)" "$r_py1" ">= 5" "$(verdict "$r_py1" '>=' 5)"
  printf '%-58s %8s %10s  %s\n' "4b. Python / readiness --jobs $JOBS_ALL" "$r_pyall" ">= 10" "$(verdict "$r_pyall" '>=' 10)"
  echo "(1: the parse floor of SPEC 12 is YAML deserialisation alone; the binary has no such mode, so"
  echo " 'readiness validate' -- read, parse and validate, no scoring or report -- stands in: a"
  echo " parse+validate floor, above the true floor, which flatters the ratio. 1b: benches/stages times"
  echo " read+parse exactly with the engine's own loader, in one process, against the whole pipeline"
  echo " run the same way; 'CLI' divides the score --jobs 1 wall time by that floor.)"
  if [[ -n $STAGES ]]; then echo; grep -v '^RESULT' "$TMP/stages"; fi
} | tee "$DATA/results-latest.txt"
echo "(also in $DATA/results-latest.txt)"
