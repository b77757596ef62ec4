#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# load-store.sh: the planning and the year batch under load, on SQLite and
# on PostgreSQL with one and two `serve` instances, on a small and a large
# tenant (see docs/benchmarks.md and docs/scaling.md)
#
#   tests/bench/load-store.sh BUILD/src/server/espace-famille-server
#   meson test -C BUILD --benchmark load-store
#
# Needs wrk, curl, jq, sqlite3, psql and PostgreSQL's initdb/pg_ctl
# (build-aux/pg-cluster starts a throw-away cluster). Each database is the
# demo town plus generated families (tests/bench/gen-tenant.sh): a small
# tenant (EF_LOAD_SMALL_FAMILIES, default 1,000) on SQLite and PostgreSQL,
# a large one (EF_LOAD_FAMILIES, default 100,000) on PostgreSQL and, with
# EF_LOAD_SQLITE_BIG=1, on SQLite too. Reserved: the activities of
# EF_LOAD_RESERVE (default "restaurant-scolaire": both children's meals on
# every open day of the school year 2026-2027; "all" for the care too).
#
# The servers run with --test-clock, set to 2026-08-20 12:00 (Paris): the
# whole school year is changeable whatever today's date. 66 families (spread
# over the tenant: bench-1, bench-1+N/66, …) sign in through the API; each of
# wrk's 64 connections works for its own family, on its eldest child:
#   get    GET …/members/ID/planning of November 2026 (about 30 days);
#   batch  POST …/reservations: every open day of the school year of the
#          child's morning care (155 changes, about 11 KB), all reserved or
#          all freed in turn, with the version of the child's planning that
#          the previous answer gave (the first one read from the database).
#          A member has one request in flight at most, so no 409 is
#          expected: every measured batch is a real one, applied in full;
#          a 409, or a 200 that did not apply every change, is counted as
#          an error.
# Set-ups, EF_LOAD_DURATION seconds each (default 5), 64 connections: the
# small tenant on SQLite (one `serve`), on PostgreSQL (one `serve`, then
# two: two wrk at 32 connections each, at the same time, one per
# instance; requests/s summed, latencies the larger of the two); then the
# large tenant on PostgreSQL (and SQLite), one `serve`.
#
# EF_LOAD_ROUNDS (default 1) repeats the measures (not the generation).
#
# Prints the sizes of the databases, one table (with the 1-minute load
# average before and after each measure), the goal (large tenant at most
# 1.5 times the small one's p50 and p99, per round), and exits 0 when every
# request succeeded, 1 when some did not, 77 when a tool is missing (meson
# reads it as skipped). Generating the large tenant takes minutes (printed:
# 3-6 min on a busy 2-core machine, the two engines side by side).
set -euo pipefail

server=${1:?usage: load-store.sh SERVER_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
gen="$here/gen-tenant.sh"
pg_cluster="$here/../../build-aux/pg-cluster"
duration=${EF_LOAD_DURATION:-5}
small=${EF_LOAD_SMALL_FAMILIES:-1000}
big=${EF_LOAD_FAMILIES:-100000}
sqlite_big=${EF_LOAD_SQLITE_BIG:-0}
rounds=${EF_LOAD_ROUNDS:-1}
reserve=${EF_LOAD_RESERVE:-restaurant-scolaire}
[ "$reserve" = all ] && reserve=
connections=64
care=accueil-matin
clock='{"now": "2026-08-20T12:00:00+02:00"}'

for tool in wrk curl jq sqlite3 psql; do
  if ! command -v "$tool" >/dev/null; then
    echo "load-store: $tool is missing; skipped" >&2
    exit 77
  fi
done
if ! command -v pg_ctl >/dev/null && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "load-store: PostgreSQL (initdb, pg_ctl) is missing; skipped" >&2
  exit 77
fi

export LC_ALL=C LANGUAGE=
unset MALLOC_PERTURB_ MALLOC_CHECK_
tmp=$(mktemp -d "${TMPDIR:-/tmp}/load-store.XXXXXX")
chmod 755 "$tmp"
pids=()
main_pid=$BASHPID
cluster_up=0
cleanup() {
  [ "$BASHPID" = "$main_pid" ] || return 0
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "$cluster_up" = 0 ] || "$pg_cluster" stop "$tmp/pg" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

loadavg() { cut -d' ' -f1 /proc/loadavg; }
echo "# load-store: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) processors, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# --- The databases -----------------------------------------------------------

base=$("$pg_cluster" start "$tmp/pg" | tail -n 1)
cluster_up=1
pg_db() { echo "${base/\/\/\/postgres\?/\/\/\/$1?}"; }
for name in small big; do
  psql -X -q -v ON_ERROR_STOP=1 "$base" \
       -c "CREATE DATABASE $name TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
done

declare -A dbs families
dbs[sqlite-small]="$tmp/small.db"; families[sqlite-small]=$small
dbs[pg-small]=$(pg_db small);      families[pg-small]=$small
dbs[pg-big]=$(pg_db big);          families[pg-big]=$big
setups=${EF_LOAD_SETUPS:-"sqlite-small pg-small pg-big"}
if [ "$sqlite_big" = 1 ]; then
  dbs[sqlite-big]="$tmp/big.db"; families[sqlite-big]=$big
  [ -n "${EF_LOAD_SETUPS:-}" ] || setups="$setups sqlite-big"
fi
for s in $(printf '%s\n' sqlite-small $setups | sort -u); do
  "$server" demo --db "${dbs[$s]}" >/dev/null
done

# Starts `serve --test-clock` on DB, on a free port, and sets its clock:
# sets url to its URL.
start_server() {
  local db=$1 out
  url=""
  out=$(mktemp "$tmp/serve.XXXXXX")
  "$server" serve --db "$db" --listen 127.0.0.1:0 --test-clock >"$out" 2>/dev/null &
  pids+=("$!")
  for _ in $(seq 100); do
    url=$(sed -n 's/^LISTENING \(.*\)$/\1/p' "$out")
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "load-store: serve did not start on $db" >&2; exit 1; }
  url=${url%/}
  curl -sf -o /dev/null -X PUT -H 'Content-Type: application/json' -d "$clock" \
       "$url/7249/api/v1/_test/clock" || { echo "load-store: cannot set the test clock" >&2; exit 1; }
  # Its first requests (the rules loaded, statements prepared, the
  # database's pages read) are not measured.
  [ -z "${families_file:-}" ] || warm_up "$url" "$families_file"
}

warm_up() {
  sed 's/$/ 0 0/' "$2" >"$tmp/warm"
  run_wrk get "$1" 8 1 "$tmp/warm" 1 >/dev/null
}

sign_in() {
  curl -sf -H 'Content-Type: application/json' \
       -d "{\"email\": \"$2\", \"password\": \"Billere-Demo-2026\", \"client\": \"load-store\"}" \
       "$1/7249/api/v1/auth/login" | jq -r '.token // empty'
}

# The open days of each activity, as the server answers the demo children's
# plannings: what the generator reserves and the batches change.
start_server "${dbs[sqlite-small]}"
token=$(sign_in "$url" parent@example.fr)
[ -n "$token" ] || { echo "load-store: cannot sign in" >&2; exit 1; }
for member in $(sqlite3 "${dbs[sqlite-small]}" "SELECT m.id FROM members m JOIN accounts a ON a.family_id = m.family_id
                                                 WHERE a.email = 'parent@example.fr' AND m.role = 'child'"); do
  curl -sf -H "Authorization: Bearer $token" \
       "$url/7249/api/v1/members/$member/planning?from=2026-09-01&to=2027-07-03"
done | jq -r '.activities[] | .activity as $a | .days[] | select(.changeable) | "\($a) \(.day)"' |
  sort -u >"$tmp/days.txt"
kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'
n_days=$(grep -c "^$care " "$tmp/days.txt" || true)
[ "$n_days" -gt 0 ] || { echo "load-store: no open day of $care" >&2; exit 1; }

# The generation, the large tenants in the background (one per engine).
gen_pids=()
for s in $setups; do
  EF_GEN_ACTIVITIES=$reserve "$gen" "${dbs[$s]}" "${families[$s]}" "$tmp/days.txt" >"$tmp/gen-$s.out" &
  gen_pids+=("$!")
done
for pid in "${gen_pids[@]}"; do wait "$pid"; done
for s in $setups; do
  echo "# $s: ${families[$s]} generated families: $(cat "$tmp/gen-$s.out")"
done

# --- The clients ---------------------------------------------------------------

cat >"$tmp/load-store.lua" <<'EOF'
-- Each connection works for its own family: a member is never in two
-- requests at once, and its planning version follows the answers.
local mode = os.getenv ("EF_BENCH_MODE")
local nthreads = tonumber (os.getenv ("EF_BENCH_THREADS"))
local activity = os.getenv ("EF_BENCH_ACTIVITY")
local threads, n_threads = {}, 0

function setup (thread)
  thread:set ("tid", n_threads)
  n_threads = n_threads + 1
  table.insert (threads, thread)
end

local pool, by_id, days, cursor = {}, {}, {}, 0
bad, conflicts = 0, 0

function init (args)
  local i = 0
  for line in io.lines (os.getenv ("EF_BENCH_MEMBERS")) do
    local id, token, version, reserved = line:match ("^(%d+) (%S+) (%d+) (%d)$")
    if id then
      if i % nthreads == tid then
        local m = { id = id, token = token, version = tonumber (version),
                    reserved = reserved == "1", busy = false, bodies = {} }
        table.insert (pool, m)
        by_id[id] = m
      end
      i = i + 1
    end
  end
  for line in io.lines (os.getenv ("EF_BENCH_DAYS")) do
    local code, day = line:match ("^(%S+) (%S+)$")
    if code == activity then table.insert (days, day) end
  end
end

-- The changes of a batch of @m, all @want.
local function changes (m, want)
  if m.bodies[want] == nil then
    local parts = {}
    for k, day in ipairs (days) do
      parts[k] = string.format ('{"member": %s, "activity": "%s", "day": "%s", "reserved": %s}',
                                m.id, activity, day, want and "true" or "false")
    end
    m.bodies[want] = '{"changes": [' .. table.concat (parts, ", ") .. '], "versions": {"' .. m.id .. '": '
  end
  return m.bodies[want]
end

function request ()
  local m
  if mode == "get" then
    cursor = cursor % #pool + 1
    m = pool[cursor]
    return wrk.format ("GET", "/7249/api/v1/members/" .. m.id .. "/planning?from=2026-11-01&to=2026-11-30",
                       { ["Authorization"] = "Bearer " .. m.token })
  end
  for _ = 1, #pool do
    cursor = cursor % #pool + 1
    if not pool[cursor].busy then m = pool[cursor]; break end
  end
  -- Every member busy (after an error left one so): a 409 will count it.
  m = m or pool[cursor]
  m.busy = true
  return wrk.format ("POST", "/7249/api/v1/reservations",
                     { ["Authorization"] = "Bearer " .. m.token, ["Content-Type"] = "application/json" },
                     changes (m, not m.reserved) .. m.version .. "}}")
end

if mode == "batch" then
  function response (status, headers, body)
    local id, version = body:match ('"versions"%s*:%s*{%s*"(%d+)"%s*:%s*(%d+)')
    local applied = tonumber (body:match ('"applied"%s*:%s*(%d+)') or "-1")
    local m = id and by_id[id]
    if status == 200 and m then
      m.version = tonumber (version)
      m.reserved = not m.reserved
      m.busy = false
      if applied ~= #days then bad = bad + 1 end
    elseif status == 409 then
      -- Counted as an error; the member goes on with the current version.
      conflicts = conflicts + 1
      local cid, cversion = body:match ('"member"%s*:%s*(%d+)%s*,%s*"version"%s*:%s*(%d+)')
      if cid and by_id[cid] then
        by_id[cid].version = tonumber (cversion)
        by_id[cid].busy = false
      end
      if os.getenv ("EF_LOAD_VERBOSE") then io.stderr:write (body .. "\n") end
    elseif status == 200 then
      bad = bad + 1
    end
  end
end

function done (summary, latency, requests)
  local e, b, c = summary.errors, 0, 0
  for _, t in ipairs (threads) do
    b = b + (t:get ("bad") or 0)
    c = c + (t:get ("conflicts") or 0)
  end
  io.write (string.format (
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d max_us=%d " ..
    "non2xx=%d connect=%d read=%d write=%d timeout=%d bad=%d conflicts=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile (50), latency:percentile (99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout, b, c))
end
EOF

# The families of a set-up, spread over the tenant, signed in through
# URL: their eldest child's id and the token, "ID TOKEN" lines in FILE.
# Two more families than connections: wrk calls request () once before
# the run to check the script (thread 0 of each wrk), which leaves one
# family of that thread marked busy, never sent.
pool=$((connections + 2))
sign_in_families() {
  local s=$1 url=$2 file=$3 n=${families[$1]} step k i ids=() emails=() jobs=()
  step=$(( n / pool )); [ "$step" -ge 1 ] || step=1
  for ((i = 0; i < pool; i++)); do
    k=$(( 1 + i * step ))
    emails+=("parent$k@bench.example.fr")
    ids+=("$(db_query "$s" "SELECT m.id FROM members m JOIN families f ON f.id = m.family_id
                            WHERE f.tenant_id = '7249' AND f.reference = 'bench-$k' AND m.position = 1")")
  done
  # A few at a time: each costs an argon2id check (~0.15 s of CPU).
  for ((i = 0; i < pool; i++)); do
    sign_in "$url" "${emails[i]}" >"$tmp/token.$i" &
    jobs+=("$!")
    if [ "${#jobs[@]}" -ge 4 ]; then wait "${jobs[@]}"; jobs=(); fi
  done
  [ "${#jobs[@]}" -eq 0 ] || wait "${jobs[@]}"
  : >"$file"
  for ((i = 0; i < pool; i++)); do
    [ -s "$tmp/token.$i" ] || { echo "load-store: ${emails[i]} cannot sign in" >&2; exit 1; }
    echo "${ids[i]} $(cat "$tmp/token.$i")" >>"$file"
  done
}

db_query() {
  case "${dbs[$1]}" in
    postgresql://*) psql -X -A -t -q -v ON_ERROR_STOP=1 "${dbs[$1]}" -c "$2" ;;
    *) sqlite3 "${dbs[$1]}" "$2" ;;
  esac
}

# "ID TOKEN VERSION RESERVED" for the Lua script, from "ID TOKEN" lines:
# the planning version and whether the care's first batch day is reserved,
# read from the database before each batch measure.
member_state() {
  local s=$1 file=$2 first list
  first=$(sed -n "s/^$care //p" "$tmp/days.txt" | head -n 1)
  list=$(cut -d' ' -f1 "$file" | paste -sd, -)
  db_query "$s" "SELECT m.id, coalesce (v.version, 0),
                        (SELECT count(*) FROM reservations r
                          WHERE r.member_id = m.id AND r.day = '$first' AND r.activity_id =
                                (SELECT id FROM activities WHERE tenant_id = '7249' AND code = '$care'))
                   FROM members m LEFT JOIN planning_versions v ON v.member_id = m.id
                  WHERE m.id IN ($list)" >"$tmp/versions"
  awk 'NR == FNR { split ($0, f, "|"); state[f[1]] = f[2] " " f[3]; next }
       { print $1, $2, ($1 in state ? state[$1] : "x") }' "$tmp/versions" "$file"
}

# One wrk run: prints its RESULT line (or nothing).
run_wrk() {
  local mode=$1 url=$2 conns=$3 threads=$4 members=$5 seconds=${6:-$duration}
  EF_BENCH_MODE=$mode EF_BENCH_THREADS=$threads EF_BENCH_ACTIVITY=$care \
  EF_BENCH_MEMBERS=$members EF_BENCH_DAYS="$tmp/days.txt" \
    wrk -t "$threads" -c "$conns" -d "${seconds}s" --timeout 5s -s "$tmp/load-store.lua" "$url" |
    grep '^RESULT ' || true
}

# Measures MODE against the URLs (one per instance; the connections split
# between them), the families' file being FILE: prints
# "rps p50 p99 max errors".
measure() {
  local s=$1 mode=$2 file=$3 i n line
  shift 3
  local urls=("$@") outs=() wpids=()
  n=${#urls[@]}
  if [ "$mode" = batch ]; then
    member_state "$s" "$file" >"$tmp/state"
  else
    sed 's/$/ 0 0/' "$file" >"$tmp/state"
  fi
  for ((i = 0; i < n; i++)); do
    # Instance i gets every n-th family.
    awk -v n="$n" -v i="$i" 'NR % n == i' "$tmp/state" >"$tmp/state.$i"
    outs+=("$tmp/wrk.$i")
    run_wrk "$mode" "${urls[i]}" $((connections / n)) $(( n == 1 ? 2 : 1 )) "$tmp/state.$i" >"$tmp/wrk.$i" &
    wpids+=("$!")
  done
  wait "${wpids[@]}"
  [ -z "${EF_LOAD_VERBOSE:-}" ] || cat "${outs[@]}" >&2
  cat "${outs[@]}" | awk -v n="$n" '
    { for (i = 2; i <= NF; i++) { split ($i, kv, "="); v[kv[1]] = kv[2] }
      rps += v["rps"]
      if (v["p50_us"] > p50) p50 = v["p50_us"]
      if (v["p99_us"] > p99) p99 = v["p99_us"]
      if (v["max_us"] > max) max = v["max_us"]
      err += v["non2xx"] + v["connect"] + v["read"] + v["write"] + v["timeout"] + v["bad"]
      lines++ }
    END { if (lines < n) err += 1; printf "%.1f %d %d %d %d\n", rps, p50, p99, max, err }'
}

ms() { awk -v us="$1" 'BEGIN { printf (us < 10000 ? "%.2f" : "%.1f"), us / 1000 }'; }

echo "# GET …/planning of November 2026; POST …/reservations of $n_days changes (the school year of $care);"
echo "# $connections connections, wrk ${duration} s per line; reserved at generation: ${reserve:-all activities}"
echo
# The size of the reservations of the school year 2026-2027, table and
# indexes: PostgreSQL's partition; SQLite's whole file (mostly them).
for s in $setups; do
  case "$s" in
    pg-*) echo "# $s: reservations_2026 $(db_query "$s" "SELECT pg_table_size ('reservations_2026') / 1048576 || ' MiB + indexes ' || pg_indexes_size ('reservations_2026') / 1048576 || ' MiB'"), database $(db_query "$s" "SELECT pg_database_size (current_database ()) / 1048576") MiB" ;;
    *) echo "# $s: database file $(( $(stat -c %s "${dbs[$s]}") / 1048576 )) MiB" ;;
  esac
done
echo
echo "| round | database | families | instances | request | req/s | p50 | p99 | max | errors | load avg before → after |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"

failed=0
declare -A result
row() {
  local s=$1 instances=$2 mode=$3 rps p50 p99 max err load
  shift 3
  load=$(loadavg)
  read -r rps p50 p99 max err < <(measure "$s" "$mode" "$tmp/families-$s" "$@")
  result[$round/$s/$instances/$mode]="$p50 $p99"
  load="$load → $(loadavg)"
  printf '| %s | %s | %s | %s | %s | %.0f | %s ms | %s ms | %s ms | %s | %s |\n' \
         "$round" "${s%%-*}" "${families[$s]}" "$instances" \
         "$([ "$mode" = get ] && echo "planning GET" || echo "year batch POST")" \
         "$rps" "$(ms "$p50")" "$(ms "$p99")" "$(ms "$max")" "$err" "$load"
  [ "$err" -eq 0 ] || failed=1
  # The requests still queued when wrk stopped (seconds of batches) are
  # served before the next measure: until the planning versions of the
  # families stop changing (on PostgreSQL the batches run in threads, so a
  # request behind them, such as /healthz, answers before they are done).
  local before after list
  list=$(cut -d' ' -f1 "$tmp/families-$s" | paste -sd, -)
  after=$(db_query "$s" "SELECT coalesce (sum (version), 0) FROM planning_versions WHERE member_id IN ($list)")
  for _ in $(seq 120); do
    sleep 1
    before=$after
    after=$(db_query "$s" "SELECT coalesce (sum (version), 0) FROM planning_versions WHERE member_id IN ($list)")
    [ "$after" != "$before" ] || break
  done
}

for round in $(seq "$rounds"); do
for s in $setups; do
  families_file=
  start_server "${dbs[$s]}"
  first=$url
  sign_in_families "$s" "$first" "$tmp/families-$s"
  families_file=$tmp/families-$s
  warm_up "$first" "$families_file"
  if [ "$s" = pg-small ]; then
    start_server "${dbs[$s]}"
    second=$url
    row "$s" 1 get "$first"
    row "$s" 2 get "$first" "$second"
    row "$s" 1 batch "$first"
    row "$s" 2 batch "$first" "$second"
    kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'
  else
    row "$s" 1 get "$first"
    row "$s" 1 batch "$first"
  fi
  kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'
done
done

echo
for round in $(seq "$rounds"); do
for engine in pg sqlite; do
  [ -n "${result[$round/$engine-big/1/get]:-}" ] || continue
  for mode in get batch; do
    read -r s50 s99 <<<"${result[$round/$engine-small/1/$mode]}"
    read -r b50 b99 <<<"${result[$round/$engine-big/1/$mode]}"
    awk -v e="$engine" -v m="$mode" -v round="$round" -v s50="$s50" -v s99="$s99" -v b50="$b50" -v b99="$b99" \
        -v small="$small" -v big="$big" 'BEGIN {
      r50 = (s50 > 0 ? b50 / s50 : 0); r99 = (s99 > 0 ? b99 / s99 : 0)
      printf "goal, round %d: %s, %s, %d vs %d families: p50 x%.2f, p99 x%.2f (at most x1.5): %s\n",
             round, e, (m == "get" ? "planning GET" : "year batch POST"), big, small, r50, r99,
             (r50 <= 1.5 && r99 <= 1.5) ? "met" : "NOT met" }'
  done
done
done
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$failed" -eq 0 ] || echo "load-store: some requests failed; the figures above are not valid" >&2
exit "$failed"
