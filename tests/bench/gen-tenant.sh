#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# gen-tenant.sh: adds N families to the demo town (tenant 7249), for load
# tests on a large tenant (see tests/bench/load-store.sh, docs/scaling.md)
#
#   tests/bench/gen-tenant.sh DB FAMILIES DAYS_FILE
#
# DB is what `espace-famille-server --db` takes: a SQLite file, or a
# postgresql:// connection string; `demo --db DB` must have filled it. Each
# family "bench-K" (K = 1…FAMILIES) gets a parent ("Alex Banc") with an
# account parentK@bench.example.fr whose password is the demo's
# (Billere-Demo-2026: the demo account's argon2id hash is copied), and two
# children enrolled as the demo's two children are (the meal and the
# morning care, the meal and the evening care, the whole school year
# 2026-2027). DAYS_FILE lists "ACTIVITY_CODE DAY" lines: the days to
# reserve, per activity (load-store.sh takes the open days of the demo
# children's plannings, as the server answers them). EF_GEN_ACTIVITIES
# (default: all of DAYS_FILE's activities) limits the reservations to some
# activities, e.g. "restaurant-scolaire" for the meals only.
#
# Rows go in with set-based INSERT … SELECT through psql or sqlite3, one
# transaction, not through the store: the same rows as the store would
# write, without the audit log of reservations (as for rows imported from
# an older system) and without planning versions (version 0). Then ANALYZE
# (and VACUUM on PostgreSQL, so that autovacuum does not start during a
# measure). Prints the row counts of families, accounts, enrolments and
# reservations, and the time taken.
set -euo pipefail

db=${1:?usage: gen-tenant.sh DB FAMILIES DAYS_FILE}
families=${2:?usage: gen-tenant.sh DB FAMILIES DAYS_FILE}
days_file=${3:?usage: gen-tenant.sh DB FAMILIES DAYS_FILE}
activities=${EF_GEN_ACTIVITIES:-}
tenant=7249
demo_email=parent@example.fr
now=$(date +%s)
start=$(date +%s.%N)

case "$families" in
  ''|*[!0-9]*) echo "gen-tenant: FAMILIES must be a number" >&2; exit 2 ;;
esac

# The days, as SQL rows ('code', 'day'), in batches of 500.
days_sql() {
  awk -v want=" $activities " '
    NF == 2 && (want == "  " || index (want, " " $1 " ") > 0) {
      if (n % 500 == 0) printf "%sINSERT INTO bench_days (code, day) VALUES ", (n > 0 ? ";\n" : "")
      else printf ", "
      printf "('\''%s'\'', '\''%s'\'')", $1, $2
      n++
    }
    END { if (n > 0) print ";" }' "$days_file"
}

case "$db" in
  postgresql://*|postgres://*)
    engine=pg
    temp="CREATE TEMP TABLE"
    # Numbers 1…N; generate_series where PostgreSQL has it.
    numbers="SELECT g FROM generate_series (1, $families) AS g"
    run_sql() { psql -X -q -v ON_ERROR_STOP=1 "$db" >/dev/null; }
    query() { psql -X -A -t -q -v ON_ERROR_STOP=1 "$db" -c "$1"; }
    ;;
  *)
    engine=sqlite
    temp="CREATE TEMP TABLE"
    numbers="WITH RECURSIVE g (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < $families) SELECT n FROM g"
    [ -f "$db" ] || { echo "gen-tenant: $db does not exist (run demo --db first)" >&2; exit 1; }
    run_sql() { sqlite3 -bail "$db" >/dev/null; }
    query() { sqlite3 "$db" "$1"; }
    ;;
esac

[ "$(query "SELECT count(*) FROM accounts WHERE tenant_id = '$tenant' AND email = '$demo_email'")" = 1 ] ||
  { echo "gen-tenant: no demo account in $db (run demo --db first)" >&2; exit 1; }
[ "$(query "SELECT count(*) FROM families WHERE tenant_id = '$tenant' AND reference LIKE 'bench-%'")" = 0 ] ||
  { echo "gen-tenant: $db already has bench families" >&2; exit 1; }

# The secondary indexes of reservations are dropped before the load and
# made again after it, from their own definitions (read here): sorting once
# is much faster than inserting tens of millions of entries one by one at
# random places.
if [ "$engine" = pg ]; then
  index_list="SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema () AND tablename = 'reservations' AND indexdef NOT LIKE '%UNIQUE%'"
  drop_indexes=$(query "$index_list" | awk -F'|' '{ printf "DROP INDEX %s;\n", $1 }')
  create_indexes=$(query "$index_list" | awk -F"|" '{ sub (/ ON ONLY /, " ON ", $2); printf "%s;\n", $2 }')
else
  index_list="SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reservations' AND sql IS NOT NULL"
  drop_indexes=$(query "$index_list" | awk -F'|' '{ printf "DROP INDEX %s;\n", $1 }')
  create_indexes=$(query "$index_list" | awk -F'|' '{ printf "%s;\n", $2 }')
fi

{
  if [ "$engine" = sqlite ]; then
    # A bulk load: a large cache, the journal in memory (the file is
    # throw-away until the commit anyway).
    echo "PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON;"
  else
    # The foreign keys' checks (triggers, one per row and key) would take
    # most of the time: the rows are built from the referenced ones, so
    # they are skipped (session_replication_role needs a superuser, which
    # the throw-away cluster's user is). No other trigger is on these
    # tables.
    echo "SET work_mem = '256MB'; SET maintenance_work_mem = '512MB';"
    echo "SET session_replication_role = replica;"
  fi
  echo "BEGIN;"
  echo "$temp bench_days (code TEXT NOT NULL, day TEXT NOT NULL);"
  days_sql
  echo "$temp bench_n (n BIGINT PRIMARY KEY);"
  echo "INSERT INTO bench_n (n) $numbers;"
  cat <<EOF
INSERT INTO families (tenant_id, reference, name, address_line1, address_line2, postal_code,
                      city, created_at, updated_at)
  SELECT '$tenant', 'bench-' || n, 'Famille Banc ' || n, n || ' rue du Banc', '', '64140',
         'Billère', $now, $now
    FROM bench_n ORDER BY n;
$temp bench_roles (position BIGINT, reference TEXT, role TEXT, first_name TEXT, birth_date TEXT);
INSERT INTO bench_roles VALUES (0, 'parent', 'responsible', 'Alex', '1985-06-01'),
                               (1, 'child1', 'child', 'Camille', '2016-05-02'),
                               (2, 'child2', 'child', 'Noé', '2019-10-03');
INSERT INTO members (family_id, reference, position, role, first_name, last_name, birth_date,
                     email, updated_at)
  SELECT f.id, r.reference, r.position, r.role, r.first_name, 'Banc', r.birth_date,
         CASE WHEN r.position = 0 THEN 'parent' || substr (f.reference, 7) || '@bench.example.fr' END,
         $now
    FROM families f CROSS JOIN bench_roles r
   WHERE f.tenant_id = '$tenant' AND f.reference LIKE 'bench-%'
   ORDER BY f.id, r.position;
INSERT INTO accounts (tenant_id, kind, family_id, member_id, email, password_hash, created_at,
                      password_changed_at)
  SELECT '$tenant', 'parent', m.family_id, m.id, m.email,
         (SELECT password_hash FROM accounts WHERE tenant_id = '$tenant' AND email = '$demo_email'),
         $now, $now
    FROM members m JOIN families f ON f.id = m.family_id
   WHERE f.tenant_id = '$tenant' AND f.reference LIKE 'bench-%' AND m.position = 0
   ORDER BY m.id;
-- The demo's children, by position: the bench children are enrolled as they are.
$temp bench_demo_children (position BIGINT PRIMARY KEY, member_id BIGINT);
INSERT INTO bench_demo_children (position, member_id)
  SELECT m.position, m.id FROM accounts a JOIN members m ON m.family_id = a.family_id
   WHERE a.tenant_id = '$tenant' AND a.email = '$demo_email' AND m.role = 'child'
     AND m.position IN (1, 2);
INSERT INTO enrolments (member_id, activity_id, site, first_day, last_day, created_at)
  SELECT m.id, e.activity_id, e.site, e.first_day, e.last_day, $now
    FROM members m
    JOIN families f ON f.id = m.family_id
    JOIN bench_demo_children d ON d.position = m.position
    JOIN enrolments e ON e.member_id = d.member_id
   WHERE f.tenant_id = '$tenant' AND f.reference LIKE 'bench-%' AND m.role = 'child'
   ORDER BY m.id, e.activity_id;
$drop_indexes
INSERT INTO reservations (member_id, activity_id, day, created_at)
  SELECT e.member_id, e.activity_id, bd.day, $now
    FROM enrolments e
    JOIN members m ON m.id = e.member_id
    JOIN families f ON f.id = m.family_id
    JOIN activities a ON a.id = e.activity_id
    JOIN bench_days bd ON bd.code = a.code
   WHERE f.tenant_id = '$tenant' AND f.reference LIKE 'bench-%'
     AND bd.day BETWEEN e.first_day AND e.last_day
   ORDER BY e.member_id, e.activity_id, bd.day;
$create_indexes
COMMIT;
EOF
  if [ "$engine" = sqlite ]; then
    echo "ANALYZE;"
  else
    echo "VACUUM (ANALYZE) families, members, accounts, enrolments, reservations;"
  fi
} | run_sql

secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
for table in families accounts enrolments reservations; do
  printf '%s=%s ' "$table" "$(query "SELECT count(*) FROM $table")"
done
echo "seconds=$secs"
