#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# load-planning.sh: a month's planning under load, beside nginx serving the
# same bytes as a static file, in the same run (see docs/benchmarks.md)
#
#   tests/bench/load-planning.sh BUILD/src/server/espace-famille-server
#   meson test -C BUILD --benchmark load-planning
#
# Needs wrk, nginx, curl and sqlite3 (build-aux/ensure-deps --bench). The
# server runs the demo data in a throw-away folder; wrk asks the planning of
# one child for November 2026 (GET …/members/ID/planning, signed in) at
# each number of connections, for EF_LOAD_DURATION seconds (default 5), then
# the same against nginx (worker_processes auto, keep-alive; like ours, one
# log line per request, to /dev/null).
# Prints one table, ours beside nginx with the ratio, and whether the goals
# of issue 14 are met. The whole run is bounded: (1 + server set-ups) ×
# connection counts × duration, plus a few seconds to start: 60 s by
# default, 80 s with EF_LOAD_BEFORE.
#
# Environment:
#   EF_LOAD_DURATION     seconds per measure (default 5)
#   EF_LOAD_CONNECTIONS  connection counts (default "1 16 64 256")
#   EF_LOAD_WORKERS      `serve --workers` values to measure (default "1 N",
#                        N the number of processors when more than one)
#   EF_LOAD_BEFORE       another espace-famille-server binary (an older
#                        build) measured too, with one worker: "before"
#
# Exit status: 0 when every request got a 2xx answer (goals met or not),
# 1 when some did not (the figures are then not valid), 77 when a tool is
# missing (meson reads it as skipped).
set -euo pipefail

server=${1:?usage: load-planning.sh SERVER_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
lua="$here/load-report.lua"
duration=${EF_LOAD_DURATION:-5}
connections=${EF_LOAD_CONNECTIONS:-"1 16 64 256"}
ncpu=$(nproc)
if [ -z "${EF_LOAD_WORKERS:-}" ]; then
  workers_list="1"
  [ "$ncpu" -gt 1 ] && workers_list="1 $ncpu"
else
  workers_list=$EF_LOAD_WORKERS
fi

for tool in wrk nginx curl sqlite3; do
  if ! command -v "$tool" >/dev/null && ! [ -x "/usr/sbin/$tool" ]; then
    echo "load-planning: $tool is missing (build-aux/ensure-deps --bench installs it); skipped" >&2
    exit 77
  fi
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

export LC_ALL=C LANGUAGE=
# meson's MALLOC_PERTURB_ (and a test environment's MALLOC_CHECK_) would
# slow the server's every allocation, and not nginx's.
unset MALLOC_PERTURB_ MALLOC_CHECK_
tmp=$(mktemp -d "${TMPDIR:-/tmp}/load-planning.XXXXXX")
pids=()
main_pid=$BASHPID
cleanup() {
  # Only the script itself cleans up, never a subshell of it.
  [ "$BASHPID" = "$main_pid" ] || return 0
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

db="$tmp/load.db"
demo_out=$("$server" demo --db "$db")
email=$(sed -n 's/^Demo account: \(.*\) \/ .*$/\1/p' <<<"$demo_out")
password=$(sed -n 's/^Demo account: .* \/ \(.*\)$/\1/p' <<<"$demo_out")
member=$(sqlite3 "$db" "SELECT m.id FROM members m JOIN accounts a ON a.family_id = m.family_id
                        WHERE a.tenant_id = '7249' AND m.role = 'child' ORDER BY m.position, m.id LIMIT 1")
path="/7249/api/v1/members/$member/planning?from=2026-11-01&to=2026-11-30"

# Starts `serve --workers N` on a free port: sets urls[N] and spids[N].
declare -A urls spids
start_server() {
  local workers=$1 out="$tmp/serve-$1.out" url="" args=() binary=$server database=$db
  if [ "$workers" = before ]; then
    # Its own database: it may not know the newest schema.
    binary=$EF_LOAD_BEFORE
    database="$tmp/before.db"
    "$binary" demo --db "$database" >/dev/null
  elif [ "$workers" != 1 ]; then
    args=(--workers "$workers")
  fi
  "$binary" serve --db "$database" --listen 127.0.0.1:0 "${args[@]}" >"$out" 2>/dev/null &
  pids+=("$!")
  spids[$workers]=$!
  for _ in $(seq 100); do
    url=$(sed -n 's/^LISTENING \(.*\)$/\1/p' "$out")
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "load-planning: serve --workers $workers did not start" >&2; exit 1; }
  urls[$workers]=${url%/}
}

[ -z "${EF_LOAD_BEFORE:-}" ] || workers_list="before $workers_list"
for w in $workers_list; do
  start_server "$w"
done

sign_in() {
  curl -sf -H 'Content-Type: application/json' \
       -d "{\"email\": \"$email\", \"password\": \"$password\", \"client\": \"load-planning\"}" \
       "$1/7249/api/v1/auth/login" | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p'
}
declare -A tokens
for w in $workers_list; do
  tokens[$w]=$(sign_in "${urls[$w]}")
  [ -n "${tokens[$w]}" ] || { echo "load-planning: cannot sign in" >&2; exit 1; }
done
first_url=${urls[1]:-${urls[${workers_list##* }]}}
token=${tokens[1]:-${tokens[${workers_list##* }]}}

# nginx serves the very bytes of the planning, with the same type.
mkdir -p "$tmp/www"
curl -sf -H "Authorization: Bearer $token" "$first_url$path" >"$tmp/www/planning.json"
size=$(stat -c %s "$tmp/www/planning.json")
chmod 755 "$tmp" "$tmp/www"
chmod 644 "$tmp/www/planning.json"
# nginx on a port below Linux's ephemeral range (32768 up), where the
# servers started with port 0 (ours, other tests') are; another attempt
# when the port is taken.
start_nginx() {
  nginx_port=$(( 10000 + RANDOM % 20000 ))
  cat >"$tmp/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log /dev/null;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  client_body_temp_path $tmp/nginx-body;
  proxy_temp_path $tmp/nginx-proxy;
  fastcgi_temp_path $tmp/nginx-fastcgi;
  uwsgi_temp_path $tmp/nginx-uwsgi;
  scgi_temp_path $tmp/nginx-scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { root $tmp/www; default_type application/json; try_files /planning.json =404; }
  }
}
EOF
  "$nginx_bin" -p "$tmp" -c "$tmp/nginx.conf" 2>>"$tmp/nginx-start.log" &
  nginx_pid=$!
  for _ in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/" && return 0
    kill -0 "$nginx_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  kill "$nginx_pid" 2>/dev/null || true
  return 1
}
for attempt in 1 2 3 4 5; do
  if start_nginx; then
    pids+=("$nginx_pid")
    break
  fi
  wait "$nginx_pid" 2>/dev/null || true
  [ "$attempt" -lt 5 ] || { echo "load-planning: nginx did not start:" >&2; cat "$tmp/nginx-start.log" >&2; exit 1; }
done

# CPU time (user and system, in clock ticks) of a process and its
# children: the workers, or nginx's.
cpu_ticks() {
  local total=0 p f
  for p in "$1" $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
    read -r -a f <"/proc/$p/stat" || continue
    total=$(( total + f[13] + f[14] ))
  done
  echo "$total"
}
hz=$(getconf CLK_TCK)

# One wrk run against URL, the server's process being PID; prints
# "rps p50 p99 max errors cpu", cpu the server's CPU time per request in µs
# (what the machine's other work inflates the least).
measure() {
  local url=$1 conns=$2 pid=$3 bearer=${4:-$token} threads=2 line before after
  [ "$conns" -lt 2 ] && threads=1
  before=$(cpu_ticks "$pid")
  line=$(wrk -t "$threads" -c "$conns" -d "${duration}s" --timeout 5s -s "$lua" \
             -H "Authorization: Bearer $bearer" "$url" | grep '^RESULT ' || true)
  after=$(cpu_ticks "$pid")
  # wrk itself failed: one error, no figures.
  [ -n "$line" ] || { echo "0 0 0 0 1 0"; return; }
  awk -v ticks=$((after - before)) -v hz="$hz" \
      '{ for (i = 2; i <= NF; i++) { split ($i, kv, "="); v[kv[1]] = kv[2] }
         printf "%s %s %s %s %d %.0f\n", v["rps"], v["p50_us"], v["p99_us"], v["max_us"],
                v["non2xx"] + v["connect"] + v["read"] + v["write"] + v["timeout"],
                (v["requests"] > 0 ? ticks * 1e6 / hz / v["requests"] : 0) }' <<<"$line"
}

ms() { awk -v us="$1" 'BEGIN { printf (us < 10000 ? "%.2f" : "%.1f"), us / 1000 }'; }

echo "# load-planning: $(date -u '+%Y-%m-%d %H:%M UTC'), $ncpu processors, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# GET $path ($size bytes), wrk ${duration} s per line, nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///')"
echo
echo "| workers | connections | ours req/s | nginx req/s | ratio | ours p50 | ours p99 | ours max | nginx p99 | CPU/request ours, nginx | errors |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"

failed=0
goals=()
for c in $connections; do
  read -r n_rps n_p50 n_p99 n_max n_err n_cpu < <(measure "http://127.0.0.1:$nginx_port/" "$c" "$nginx_pid")
  for w in $workers_list; do
    read -r o_rps o_p50 o_p99 o_max o_err o_cpu < <(measure "${urls[$w]}$path" "$c" "${spids[$w]}" "${tokens[$w]}")
    ratio=$(awk -v a="$o_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '| %s | %s | %.0f | %.0f | %s | %s ms | %s ms | %s ms | %s ms | %s µs, %s µs | %s |\n' \
           "$w" "$c" "$o_rps" "$n_rps" "$ratio" "$(ms "$o_p50")" "$(ms "$o_p99")" "$(ms "$o_max")" \
           "$(ms "$n_p99")" "$o_cpu" "$n_cpu" "$((o_err + n_err))"
    [ $((o_err + n_err)) -eq 0 ] || failed=1
    if [ "$c" = 64 ]; then
      met=$(awk -v r="$ratio" -v p="$o_p99" 'BEGIN { print (r >= 0.25 && p <= 10000) ? "met" : "NOT met" }')
      goals+=("workers $w, 64 connections: ratio >= 0.25 and p99 <= 10 ms: $met")
    elif [ "$c" = 256 ]; then
      met=$(awk -v p="$o_p99" 'BEGIN { print (p <= 50000) ? "met" : "NOT met" }')
      goals+=("workers $w, 256 connections: p99 <= 50 ms: $met")
    fi
  done
done
echo
for g in "${goals[@]}"; do echo "goal: $g"; done
[ "$failed" -eq 0 ] || echo "load-planning: some requests failed; the figures above are not valid" >&2
exit "$failed"
