/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-store.c: the store, its migrations and its tenants, on
 * SQLite and (as test-server-store-pg) on PostgreSQL */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <glib/gstdio.h>

#include "ef-common.h"
#include "ef-test-db.h"
#include "ef-test-server.h"
#include "ef-demo.h"
#include "store/ef-db.h"
#include "store/ef-store.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-maintenance.h"
#include "store/ef-store-planning.h"

typedef struct
{
  char *dir;
  char *db_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = ef_test_make_dir ();
  fixture->db_path = ef_test_db_new_location (fixture->dir, "store.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  /* A PostgreSQL database goes when the program ends. */

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->db_path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static void
test_open_migrates (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autoptr(EfStore) again = NULL;

  store = ef_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ef_store_get_schema_version (store), ==, ef_store_get_latest_schema_version ());
  g_assert_cmpuint (ef_store_get_latest_schema_version (), >=, 1);
  g_assert_cmpstr (ef_store_get_path (store), ==, fixture->db_path);

  /* A second connection, while the first is open (WAL: both work). */
  again = ef_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ef_store_get_schema_version (again), ==, ef_store_get_latest_schema_version ());
}

static void
test_tenant_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = ef_store_open (fixture->db_path, &error);
  g_autoptr(EfPortal) demo = ef_demo_build_portal ();
  g_autoptr(EfPortal) loaded = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) actual = NULL;

  g_assert_no_error (error);
  g_assert_true (ef_demo_populate (store, &error));
  g_assert_no_error (error);
  g_assert_true (ef_demo_populate (store, &error));
  g_assert_no_error (error);

  loaded = ef_store_load_portal (store, EF_DEMO_TENANT_ID, &error);
  g_assert_no_error (error);

  /* What is stored is what the demo said, through the shared codec. */
  expected = ef_portal_to_json (demo);
  actual = ef_portal_to_json (loaded);
  g_assert_true (json_node_equal (expected, actual));
}

static void
test_tenant_services_update (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = ef_store_open (fixture->db_path, &error);
  g_autoptr(EfPortal) first = ef_portal_new ("abc", "Ville A", "", "Europe/Paris");
  g_autoptr(EfPortal) second = ef_portal_new ("abc", "Ville B", "Tel", "Europe/Paris");
  g_autoptr(EfPortal) loaded = NULL;
  g_autoptr(EfService) s1 = ef_service_new ("one", "One", "");
  g_autoptr(EfService) s2 = ef_service_new ("two", "Two", "");
  g_autoptr(EfService) s3 = ef_service_new ("three", "Three", "3");
  g_autoptr(EfService) got = NULL;
  GListModel *services;

  g_assert_no_error (error);
  ef_portal_add_service (first, s1);
  ef_portal_add_service (first, s2);
  g_assert_true (ef_store_replace_tenant (store, first, &error));
  g_assert_no_error (error);

  /* Reordered, one gone, one new. */
  ef_portal_add_service (second, s3);
  ef_portal_add_service (second, s2);
  g_assert_true (ef_store_replace_tenant (store, second, &error));
  g_assert_no_error (error);

  loaded = ef_store_load_portal (store, "abc", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ef_portal_get_name (loaded), ==, "Ville B");
  g_assert_cmpstr (ef_portal_get_contact (loaded), ==, "Tel");
  services = ef_portal_get_services (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (services), ==, 2);
  got = g_list_model_get_item (services, 0);
  g_assert_cmpstr (ef_service_get_id (got), ==, "three");
}

static void
test_tenant_unknown (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const ids[] = { "7249", "", "a/b", "72 49", "é", "x'; DROP TABLE tenants; --" };
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = ef_store_open (fixture->db_path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(EfPortal) portal = ef_store_load_portal (store, ids[i], &local_error);

      g_assert_null (portal);
      g_assert_error (local_error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT);
    }
  g_assert_false (ef_tenant_id_is_valid (NULL));
  g_assert_false (ef_tenant_id_is_valid ("123456789012345678901234567890123"));
  g_assert_true (ef_tenant_id_is_valid ("12345678901234567890123456789012"));
  g_assert_true (ef_tenant_id_is_valid ("Billere64"));
}

static void
test_tenant_invalid_settings (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = ef_store_open (fixture->db_path, &error);
  g_autoptr(EfPortal) portal = NULL;

  g_assert_no_error (error);
  g_assert_true (ef_demo_populate (store, &error));

  /* Someone edited the row by hand. */
  ef_test_db_exec (fixture->db_path, "UPDATE tenants SET time_zone = 'Mars/Olympus'");

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*invalid settings*");
  portal = ef_store_load_portal (store, EF_DEMO_TENANT_ID, &error);
  g_test_assert_expected_messages ();
  g_assert_null (portal);
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG);
}

static void
test_refuses_too_new (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = NULL;

  store = ef_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, ef_store_close);

  ef_test_db_exec (fixture->db_path, ef_test_store_is_postgresql ()
                                     ? "UPDATE ef_schema SET version = 4242"
                                     : "PRAGMA user_version = 4242");

  store = ef_store_open (fixture->db_path, &error);
  g_assert_null (store);
  g_assert_error (error, EF_STORE_ERROR, EF_STORE_ERROR_TOO_NEW);
  if (!ef_test_store_is_postgresql ())
    g_assert_true (g_file_test (fixture->db_path, G_FILE_TEST_IS_REGULAR));
}

/* PostgreSQL: a database with another program's tables is refused, and
 * one that cannot be reached is named without its password. */
static void
test_postgresql_refusals (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autofree char *unreachable = NULL;

  if (!ef_test_store_is_postgresql ())
    {
      g_test_skip ("PostgreSQL only");
      return;
    }

  ef_test_db_exec (fixture->db_path, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')");
  store = ef_store_open (fixture->db_path, &error);
  g_assert_null (store);
  g_assert_error (error, EF_STORE_ERROR, EF_STORE_ERROR_NOT_DATABASE);
  g_assert_cmpint (ef_test_db_query_int (fixture->db_path, "SELECT count(*) FROM notes"), ==, 1);
  g_clear_error (&error);

  unreachable = g_strdup ("postgresql://ef:Secret-Word@127.0.0.1:1/nowhere?connect_timeout=2");
  store = ef_store_open (unreachable, &error);
  g_assert_null (store);
  g_assert_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "Secret-Word"));
  g_assert_nonnull (strstr (error->message, "nowhere"));
}

static gint64
backend_pid (EfDb *db)
{
  EfDbStmt *stmt = ef_db_prepare (db, "SELECT pg_backend_pid ()", FALSE);
  gint64 pid;

  g_assert_nonnull (stmt);
  g_assert_cmpint (ef_db_step (stmt), ==, EF_DB_ROW);
  pid = ef_db_column_int64 (stmt, 0);
  ef_db_finalize (stmt);
  return pid;
}

/* The connection's PostgreSQL process, ended from another connection, as
 * a restart of the server would. */
static void
terminate_pid (Fixture *fixture,
               gint64   pid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT ")", pid);

  g_assert_cmpint (ef_test_db_query_int (fixture->db_path, sql), ==, 1);
}

static void
terminate_backend (Fixture *fixture,
                   EfDb    *db)
{
  terminate_pid (fixture, backend_pid (db));
}

static int
run_once (EfDb       *db,
          const char *sql)
{
  EfDbStmt *stmt = ef_db_prepare (db, sql, FALSE);
  int rc;

  g_assert_nonnull (stmt);
  rc = ef_db_step (stmt);
  ef_db_finalize (stmt);
  return rc;
}

/* PostgreSQL: a connection lost inside a transaction is not made anew
 * until the transaction ends; the statements after the loss fail instead
 * of being kept one by one on a new connection. */
static void
test_postgresql_connection_lost (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *message = NULL;
  EfDb *db;

  if (!ef_test_store_is_postgresql ())
    {
      g_test_skip ("PostgreSQL only");
      return;
    }

  db = ef_db_open (fixture->db_path, FALSE, &message);
  g_assert_null (message);
  g_assert_nonnull (db);
  g_assert_true (ef_db_exec (db, "CREATE TABLE kept (n INTEGER)"));

  /* Ended by the caller's ROLLBACK. */
  g_assert_true (ef_db_exec (db, "BEGIN"));
  g_assert_cmpint (run_once (db, "INSERT INTO kept VALUES (1)"), ==, EF_DB_DONE);
  terminate_backend (fixture, db);
  g_assert_cmpint (run_once (db, "INSERT INTO kept VALUES (2)"), ==, EF_DB_FAILED);
  g_assert_cmpint (run_once (db, "INSERT INTO kept VALUES (3)"), ==, EF_DB_FAILED);
  g_assert_cmpstr (ef_db_errcode (db), ==, "08006");
  g_assert_false (ef_db_exec (db, "INSERT INTO kept VALUES (4)"));
  g_assert_true (ef_db_in_transaction (db));
  g_assert_true (ef_db_transaction_failed (db));
  g_assert_true (ef_db_exec (db, "ROLLBACK"));
  g_assert_false (ef_db_in_transaction (db));
  g_assert_cmpint (ef_test_db_query_int (fixture->db_path, "SELECT count(*) FROM kept"), ==, 0);

  /* Then connected again. */
  g_assert_cmpint (run_once (db, "INSERT INTO kept VALUES (5)"), ==, EF_DB_DONE);
  g_assert_cmpint (ef_test_db_query_int (fixture->db_path, "SELECT count(*) FROM kept"), ==, 1);

  /* Ended by a COMMIT, which keeps nothing and says so. */
  g_assert_true (ef_db_exec (db, "BEGIN"));
  g_assert_cmpint (run_once (db, "INSERT INTO kept VALUES (6)"), ==, EF_DB_DONE);
  terminate_backend (fixture, db);
  g_assert_cmpint (run_once (db, "INSERT INTO kept VALUES (7)"), ==, EF_DB_FAILED);
  g_assert_false (ef_db_exec (db, "COMMIT"));
  g_assert_false (ef_db_in_transaction (db));
  g_assert_true (ef_db_exec (db, "INSERT INTO kept VALUES (8)"));
  g_assert_cmpint (ef_test_db_query_int (fixture->db_path, "SELECT count(*) FROM kept"), ==, 2);
  g_assert_cmpint (ef_test_db_query_int (fixture->db_path, "SELECT sum(n) FROM kept"), ==, 13);

  /* A statement prepared on the old connection and let go in a spoilt
   * transaction is not deallocated on the new one, inside the next
   * transaction, where that would fail and spoil it. */
  {
    EfDbStmt *stmt = ef_db_prepare (db, "SELECT count(*) FROM kept", TRUE);
    gint64 pid = backend_pid (db);

    g_assert_cmpint (ef_db_step (stmt), ==, EF_DB_ROW);
    g_assert_true (ef_db_exec (db, "BEGIN"));
    g_assert_false (ef_db_exec (db, "SELECT 1 / 0"));
    g_assert_true (ef_db_transaction_failed (db));
    ef_db_finalize (stmt);
    g_assert_true (ef_db_exec (db, "ROLLBACK"));
    terminate_pid (fixture, pid);
  }
  g_assert_true (ef_db_exec (db, "BEGIN"));
  g_assert_cmpint (run_once (db, "INSERT INTO kept VALUES (100)"), ==, EF_DB_DONE);
  g_assert_true (ef_db_exec (db, "COMMIT"));
  g_assert_cmpint (ef_test_db_query_int (fixture->db_path, "SELECT sum(n) FROM kept"), ==, 113);

  ef_db_close (db);
}

static void
test_failure_leaves_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "store.db", NULL);
  g_autofree char *garbage = g_build_filename (fixture->dir, "garbage.db", NULL);

  store = ef_store_open (missing, &error);
  g_assert_null (store);
  g_assert_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN);
  g_clear_error (&error);

  store = ef_store_open (fixture->dir, &error);
  g_assert_null (store);
  g_assert_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN);
  g_clear_error (&error);

  /* A file, whichever engine the other tests use. */
  g_assert_true (g_file_set_contents (garbage, "not a database, not at all, no", -1, NULL));
  store = ef_store_open (garbage, &error);
  g_assert_null (store);
  g_assert_error (error, EF_STORE_ERROR, EF_STORE_ERROR_NOT_DATABASE);
  g_assert_cmpint (g_unlink (garbage), ==, 0);
}

/* Migration 8: failed sign-ins counted per e-mail, account or not, over a
 * sliding window; a lock per e-mail; attempts forgotten after a day. */
static void
test_login_throttle (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = ef_store_open (fixture->db_path, &error);
  const gint64 t0 = 1768201200;
  gint64 locked_until = -1;

  g_assert_no_error (error);
  g_assert_true (ef_demo_populate (store, &error));
  g_assert_no_error (error);

  /* Four failures, then one 15 minutes after the first: no lock. */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (ef_store_record_login_failure (store, EF_DEMO_TENANT_ID, 0, "nobody@example.fr",
                                                    "192.0.2.1", t0 + i, "", 5, 900, 900,
                                                    &locked_until, &error));
      g_assert_no_error (error);
      g_assert_cmpint (locked_until, ==, 0);
    }
  g_assert_true (ef_store_record_login_failure (store, EF_DEMO_TENANT_ID, 0, "nobody@example.fr",
                                                "192.0.2.1", t0 + 900, "", 5, 900, 900,
                                                &locked_until, &error));
  g_assert_cmpint (locked_until, ==, 0);
  g_assert_cmpint (ef_store_get_login_lock (store, EF_DEMO_TENANT_ID, "nobody@example.fr",
                                            t0 + 900, &error), ==, 0);

  /* Another at the same instant: five within 15 minutes lock the
   * unknown e-mail. */
  g_assert_true (ef_store_record_login_failure (store, EF_DEMO_TENANT_ID, 0, "nobody@example.fr",
                                                "192.0.2.1", t0 + 900, "", 5, 900, 900,
                                                &locked_until, &error));
  g_assert_cmpint (locked_until, ==, t0 + 1800);
  g_assert_cmpint (ef_store_get_login_lock (store, EF_DEMO_TENANT_ID, "nobody@example.fr",
                                            t0 + 1000, &error), ==, t0 + 1800);
  g_assert_cmpint (ef_store_get_login_lock (store, EF_DEMO_TENANT_ID, "nobody@example.fr",
                                            t0 + 1800, &error), ==, 0);
  g_assert_cmpint (ef_store_get_login_lock (store, EF_DEMO_TENANT_ID, "other@example.fr",
                                            t0 + 1000, &error), ==, 0);

  /* Per address: all six; gone a day later. */
  g_assert_cmpint (ef_store_count_attempts (store, EF_DEMO_TENANT_ID, EF_ATTEMPT_LOGIN_ADDRESS,
                                            "192.0.2.1", t0 - 1, &error), ==, 6);
  g_assert_true (ef_store_add_attempt (store, EF_DEMO_TENANT_ID, EF_ATTEMPT_RESET_EMAIL,
                                       "nobody@example.fr", t0 + 2 * 86400, &error));
  g_assert_cmpint (ef_store_count_attempts (store, EF_DEMO_TENANT_ID, EF_ATTEMPT_LOGIN_ADDRESS,
                                            "192.0.2.1", 0, &error), ==, 0);
  g_assert_no_error (error);
}

/* What libpq says of a connection string it cannot read or reach never
 * reaches a message with the password in it. */
static void
test_no_password_in_messages (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char * const locations[] = {
    "postgresql://ef:TopSecret99@[::1/espace",
    "postgresql://ef:Top%ZZSecret99@localhost/espace",
    "postgresql:///espace?host=/nonexistent&user=ef&password=TopSecret99",
    "postgresql://ef:TopSecret99@127.0.0.1:1/espace?connect_timeout=2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (locations); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EfStore) store = ef_store_open (locations[i], &error);

      g_assert_null (store);
      g_assert_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN);
      g_test_message ("%s", error->message);
      g_assert_null (strstr (error->message, "TopSecret99"));
      g_assert_null (strstr (error->message, "ZZSecret"));
    }
}

/* A server's store leaves its checkpoints to a thread: the pages its
 * commits put in the log reach the database file without anyone asking. */
static void
test_background_checkpoint (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autoptr(GArray) children = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (EfReservationWrite));
  GStatBuf before, after;
  EfDay first_day = ef_day_new (2020, 1, 1);

  if (ef_test_store_is_postgresql ())
    {
      g_test_skip ("SQLite only");
      return;
    }

  store = ef_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (ef_demo_populate (store, &error));
  g_assert_no_error (error);
  ef_store_checkpoint (store);
  ef_store_checkpoint_in_background (store);
  children = ef_store_list_account_children (store, EF_DEMO_TENANT_ID, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (children->len, >, 0);
  activities = ef_store_list_activities (store, EF_DEMO_TENANT_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, >, 0);
  g_assert_cmpint (g_stat (fixture->db_path, &before), ==, 0);

  /* Three thousand days reserved and cancelled by turns: a few thousand
   * pages of log, as many rows as a school year's batches. */
  for (guint i = 0; i < 3000; i++)
    {
      EfReservationWrite write = {
        g_array_index (children, gint64, 0),
        ((EfActivity *) g_ptr_array_index (activities, 0))->id,
        first_day + i, TRUE, FALSE, -1
      };

      g_array_append_val (writes, write);
    }
  for (guint round = 0; round < 8; round++)
    {
      for (guint i = 0; i < writes->len; i++)
        g_array_index (writes, EfReservationWrite, i).reserved = round % 2 == 0;
      g_assert_true (ef_store_begin_write (store, &error));
      g_assert_true (ef_store_write_reservations (store, EF_DEMO_TENANT_ID,
                                                  (const EfReservationWrite *) writes->data,
                                                  writes->len, 0, "cli", 1798000000, &error));
      g_assert_no_error (error);
      g_assert_true (ef_store_commit_write (store, &error));
      g_assert_no_error (error);
    }

  /* The file grows as the thread copies the log's new pages into it. */
  for (guint waited = 0; waited < 200; waited++)
    {
      g_assert_cmpint (g_stat (fixture->db_path, &after), ==, 0);
      if (after.st_size > before.st_size)
        break;
      g_usleep (50 * 1000);
    }
  g_assert_cmpint (after.st_size, >, before.st_size);
}

/* ef_store_begin_reads(): one snapshot for several reads on SQLite, until
 * ef_store_end_reads(); nothing on PostgreSQL. */
static void
test_reads (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = ef_store_open (fixture->db_path, &error);
  g_autoptr(EfStore) other = ef_store_open (fixture->db_path, &error);
  gint64 now_us = -1;

  g_assert_no_error (error);
  if (ef_test_store_is_postgresql ())
    {
      g_assert_false (ef_store_begin_reads (store));
      g_assert_false (ef_store_in_reads (store));
      ef_store_end_reads (store);
      return;
    }

  g_assert_true (ef_store_begin_reads (store));
  g_assert_true (ef_store_in_reads (store));
  /* Not inside another transaction, its own included. */
  g_assert_false (ef_store_begin_reads (store));
  g_assert_true (ef_store_get_test_clock (store, &now_us, &error));
  g_assert_no_error (error);
  g_assert_cmpint (now_us, ==, 0);

  /* Another connection writes meanwhile: not seen until the end. */
  g_assert_true (ef_store_set_test_clock (other, G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  g_assert_true (ef_store_get_test_clock (store, &now_us, &error));
  g_assert_cmpint (now_us, ==, 0);
  ef_store_end_reads (store);
  g_assert_false (ef_store_in_reads (store));
  g_assert_true (ef_store_get_test_clock (store, &now_us, &error));
  g_assert_no_error (error);
  g_assert_cmpint (now_us, ==, G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC);

  /* Ended twice: nothing more. */
  ef_store_end_reads (store);
  g_assert_true (ef_store_begin_reads (store));
  ef_store_end_reads (store);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/server/store/open-migrates", test_open_migrates);
  ADD ("/server/store/login-throttle", test_login_throttle);
  ADD ("/server/store/tenant/round-trip", test_tenant_round_trip);
  ADD ("/server/store/tenant/services-update", test_tenant_services_update);
  ADD ("/server/store/tenant/unknown", test_tenant_unknown);
  ADD ("/server/store/tenant/invalid-settings", test_tenant_invalid_settings);
  ADD ("/server/store/too-new", test_refuses_too_new);
  ADD ("/server/store/failure-leaves-nothing", test_failure_leaves_nothing);
  ADD ("/server/store/postgresql-refusals", test_postgresql_refusals);
  ADD ("/server/store/postgresql-connection-lost", test_postgresql_connection_lost);
  ADD ("/server/store/no-password-in-messages", test_no_password_in_messages);
  ADD ("/server/store/background-checkpoint", test_background_checkpoint);
  ADD ("/server/store/reads", test_reads);

#undef ADD

  return g_test_run ();
}
