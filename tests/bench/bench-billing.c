/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-billing.c: billing a month for 10,000 families with the real
 * `espace-famille-server bill`, and drawing an invoice PDF
 * (see docs/benchmarks.md)
 *
 * Targets: a month billed for 10,000 families in ≤ 10 s; one invoice PDF
 * in ≤ 20 ms.
 */

#define G_LOG_DOMAIN "EfBench"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "billing/ef-billing.h"
#include "ef-test-server.h"

#define N_FAMILIES   10000
#define N_PDF        200

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* 10,000 families of two children, each child with the meal on every
 * school day of November 2026 and the evening care on Mondays and
 * Thursdays, written straight into the database: importing them through
 * the CLI would take longer than what is measured. */
static void
populate (const char *path)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "PRAGMA foreign_keys = ON; BEGIN;");
  sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO families (tenant_id, reference, name, address_line1, address_line2,"
    "   postal_code, city, created_at, updated_at)"
    " SELECT '7249', 'bench-' || i, 'Famille Bench ' || i, i || ' rue de la Paix', '',"
    "   '64140', 'Billère', 0, 0 FROM n;", N_FAMILIES);
  exec_sql (db, sql);
  exec_sql (db,
    "INSERT INTO members (family_id, position, role, first_name, last_name, birth_date, updated_at)"
    " SELECT f.id, c.position, 'child', c.first_name, 'Bench', '2017-01-01', 0"
    "   FROM families f,"
    "        (SELECT 1 AS position, 'Alice' AS first_name UNION SELECT 2, 'Bruno') c"
    "  WHERE f.reference GLOB 'bench-*';");
  exec_sql (db,
    "WITH RECURSIVE d(day) AS (SELECT '2026-11-01' UNION ALL"
    "   SELECT date (day, '+1 day') FROM d WHERE day < '2026-11-30')"
    " INSERT INTO reservations (member_id, activity_id, day, created_at)"
    " SELECT m.id, a.id, d.day, 0"
    "   FROM members m JOIN families f ON f.id = m.family_id, activities a, d"
    "  WHERE f.reference GLOB 'bench-*' AND d.day <> '2026-11-11'"
    "    AND ((a.code = 'restaurant-scolaire' AND strftime ('%w', d.day) IN ('1', '2', '4', '5'))"
    "      OR (a.code = 'accueil-soir' AND strftime ('%w', d.day) IN ('1', '4')));");
  exec_sql (db, "COMMIT;");
  sqlite3_close (db);
}

static double
bench_bill (const char *path)
{
  const char *argv[] = { "bill", "--db", path, "--tenant", "7249", "--month", "2026-11",
                         "--date", "2026-12-01", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = ef_test_server_run_command (argv, &out, &err);
  double seconds = (g_get_monotonic_time () - start) / 1e6;

  if (status != 0)
    g_error ("bill failed: %s", err);
  printf ("# %s", out);
  return seconds;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
bench_pdf (const char *path,
           double     *p50,
           double     *p99,
           gsize      *size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = ef_store_open (path, &error);
  g_autoptr(EfInvoice) invoice = NULL;
  g_autoptr(EfInvoicePdf) pdf = NULL;
  g_autoptr(GBytes) first = NULL;
  double times[N_PDF];

  g_assert_no_error (error);
  invoice = ef_store_find_invoice_by_number (store, "7249", "pop-F261100001", &error);
  g_assert_no_error (error);
  pdf = ef_billing_build_pdf (store, g_steal_pointer (&invoice), &error);
  g_assert_no_error (error);

  /* The first render loads the fonts: not counted. */
  first = ef_invoice_pdf_render (pdf, &error);
  g_assert_no_error (error);
  *size = g_bytes_get_size (first);
  for (guint i = 0; i < N_PDF; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) bytes = ef_invoice_pdf_render (pdf, &error);

      g_assert_no_error (error);
      times[i] = (g_get_monotonic_time () - start) / 1e3;
      g_assert_true (g_bytes_equal (bytes, first));
    }
  qsort (times, N_PDF, sizeof (double), compare_doubles);
  *p50 = times[N_PDF / 2];
  *p99 = times[(N_PDF * 99) / 100];
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-billing-XXXXXX", &error);
  g_autofree char *path = NULL;
  const char *demo[] = { "demo", "--db", NULL, NULL };
  double bill_seconds, p50, p99;
  gsize size;
  gint64 n_lines;
  int status;

  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  demo[2] = path;
  status = ef_test_server_run_command (demo, NULL, NULL);
  g_assert_cmpint (status, ==, 0);
  populate (path);

  bill_seconds = bench_bill (path);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    sqlite3_open (path, &db);
    sqlite3_prepare_v2 (db, "SELECT count(*) FROM invoice_lines", -1, &stmt, NULL);
    sqlite3_step (stmt);
    n_lines = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  printf ("bill a month, %d families (%lld invoice lines): %.2f s (target <= 10 s: %s)\n",
          N_FAMILIES + 1, (long long) n_lines, bill_seconds, bill_seconds <= 10.0 ? "met" : "MISSED");

  bench_pdf (path, &p50, &p99, &size);
  printf ("invoice PDF (%zu bytes), %d renders: p50 %.2f ms, p99 %.2f ms (target <= 20 ms: %s)\n",
          size, N_PDF, p50, p99, p99 <= 20.0 ? "met" : "MISSED");

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return bill_seconds <= 10.0 && p99 <= 20.0 ? 0 : 1;
}
