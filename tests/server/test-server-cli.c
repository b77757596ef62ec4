/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-cli.c: espace-famille-server's command line and bad input */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ef-test-server.h"
#include "ef-test-db.h"

#define PROGRAM "espace-famille-server"
#define EXIT_USAGE 2

/* A directory of each test's own. */
typedef EfTestDir Fixture;

/* The sorted names in @dir, joined with spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Checks that @err is exactly one line "espace-famille-server: …". */
static void
assert_one_error_line (const char *err)
{
  g_assert_nonnull (err);
  g_test_message ("stderr: %s", err);
  g_assert_true (g_str_has_prefix (err, PROGRAM ": "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_null (strstr (err, "WARNING"));
}

static int
run (const char * const *argv,
     char              **out,
     char              **err)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) argv);

  g_test_message ("%s %s", PROGRAM, joined);
  return ef_test_server_run_command (argv, out, err);
}

static void
test_listen_malformed (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const values[] = {
    "nope", "127.0.0.1:99999", "1.2.3:80", "", "127.0.0.1", "127.0.0.1:", ":8080",
    "127.0.0.1:80x", "127.0.0.1:-1", "localhost:65536", "example.org:80", "[::1]", "[::1]:",
    "::1:80", "[nope]:80", "[127.0.0.1]:80", "256.0.0.1:80", "127.0.0.1:0000080",
  };
  g_autofree char *db = ef_test_dir_path (fixture, "x.db");

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const char *argv[] = { "serve", "--db", db, "--listen", values[i], NULL };
      g_autofree char *err = NULL;
      g_autofree char *listing = NULL;

      g_assert_cmpint (run (argv, NULL, &err), ==, EXIT_USAGE);
      assert_one_error_line (err);
      listing = list_dir (fixture->dir);
      g_assert_cmpstr (listing, ==, "");
    }
}

static void
test_listen_remote_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const values[] = { "0.0.0.0:0", "[::]:0", "192.0.2.1:8080" };
  g_autofree char *db = ef_test_dir_path (fixture, "x.db");

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const char *argv[] = { "serve", "--db", db, "--listen", values[i], NULL };
      g_autofree char *err = NULL;
      g_autofree char *listing = NULL;

      g_assert_cmpint (run (argv, NULL, &err), ==, EXIT_USAGE);
      assert_one_error_line (err);
      g_assert_nonnull (strstr (err, "--allow-remote"));
      listing = list_dir (fixture->dir);
      g_assert_cmpstr (listing, ==, "");
    }
}

/* Runs serve and demo on @db, which must fail with one line and leave the
 * folder as @listing. */
static void
assert_db_refused (Fixture    *fixture,
                   const char *db,
                   const char *listing)
{
  const char *serve_argv[] = { "serve", "--db", db, "--listen", "127.0.0.1:0", NULL };
  const char *demo_argv[] = { "demo", "--db", db, NULL };
  const char * const *argvs[] = { serve_argv, demo_argv };

  for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (run (argvs[i], &out, &err), ==, EXIT_USAGE);
      assert_one_error_line (err);
      g_assert_cmpstr (out, ==, "");
      after = list_dir (fixture->dir);
      g_assert_cmpstr (after, ==, listing);
    }
}

static void
test_db_missing_folder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "missing", "x.db", NULL);

  assert_db_refused (fixture, db, "");
}

static void
test_db_is_folder (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *db = ef_test_dir_path (fixture, "folder");
  g_autofree char *inside = NULL;

  g_assert_cmpint (g_mkdir (db, 0700), ==, 0);
  assert_db_refused (fixture, db, "folder");
  inside = list_dir (db);
  g_assert_cmpstr (inside, ==, "");
}

static void
test_db_not_sqlite (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const contents[] = {
    "hello, I am not a database\n",
    "SQLite format 3\0garbage garbage garbage garbage garbage garbage garbage garbage "
    "garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage",
  };
  g_autofree char *db = ef_test_dir_path (fixture, "garbage.db");

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      gsize len = i == 0 ? strlen (contents[i]) : 100;
      gsize after_len;

      g_file_set_contents (db, contents[i], len, &error);
      g_assert_no_error (error);
      assert_db_refused (fixture, db, "garbage.db");

      /* Untouched. */
      g_file_get_contents (db, &after, &after_len, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (after, after_len, contents[i], len);
    }
}

static void
test_db_other_program (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *db = ef_test_dir_path (fixture, "other.db");

  ef_test_db_exec (db, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');");
  assert_db_refused (fixture, db, "other.db");
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM sqlite_schema"), ==, 1);
}

static void
test_db_too_new (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *db = ef_test_dir_path (fixture, "new.db");
  const char *demo_argv[] = { "demo", "--db", db, NULL };
  g_autofree char *err = NULL;

  g_assert_cmpint (run (demo_argv, NULL, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  ef_test_db_exec (db, "PRAGMA user_version = 999; PRAGMA journal_mode = DELETE;");

  assert_db_refused (fixture, db, "new.db");
  g_assert_cmpint (ef_test_db_query_int (db, "PRAGMA user_version"), ==, 999);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM tenants"), ==, 1);
}

static void
test_demo_idempotent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *db = ef_test_dir_path (fixture, "demo.db");
  const char *argv[] = { "demo", "--db", db, NULL };
  g_autofree char *listing = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run (argv, NULL, &err), ==, 0);
      g_assert_cmpstr (err, ==, "");
    }

  /* Closed cleanly: no -wal or -shm left. */
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "demo.db");

  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM tenants"), ==, 1);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM tenants WHERE id = '7249' AND name = 'Ville de Billère'"), ==, 1);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM services WHERE tenant_id = '7249'"), ==, 3);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT deadline_days_before * 100 + deadline_hour FROM tenants"), ==, 309);
  g_assert_cmpint (ef_test_db_query_int (db, "PRAGMA user_version"), >=, 1);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
}

static void
test_demo_resets (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *db = ef_test_dir_path (fixture, "demo.db");
  const char *argv[] = { "demo", "--db", db, NULL };

  /* demo resets the demo tenant: settings changed since come back. */
  g_assert_cmpint (run (argv, NULL, NULL), ==, 0);
  ef_test_db_exec (db,
                   "UPDATE tenants SET name = 'Autre', deadline_hour = 10;"
                   "INSERT INTO services (tenant_id, id, position, name, description)"
                   " VALUES ('7249', 'extra', 9, 'Extra', '');");
  g_assert_cmpint (run (argv, NULL, NULL), ==, 0);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM tenants WHERE name = 'Ville de Billère' AND deadline_hour = 9"), ==, 1);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM services"), ==, 3);
}

static void
test_listen_in_use (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EfTestServer) server = ef_test_server_start (TRUE, NULL);
  g_autofree char *db = ef_test_dir_path (fixture, "x.db");
  const char *url = ef_test_server_get_url (server);
  const char *host_port = url + strlen ("http://");
  const char *argv[] = { "serve", "--db", db, "--listen", host_port, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Not a usage error: the address was fine, but taken. */
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_cmpint (run (argv, &out, &err), ==, 1);
  assert_one_error_line (err);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (ef_test_server_stop (server), ==, 0);
}

static void
test_unknown_command (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const argvs[][4] = {
    { "frobnicate", NULL },
    { "--frobnicate", NULL },
    { "serve", "--frobnicate", NULL },
    { "demo", "--db", NULL },
    { "demo", "extra", NULL },
    { "serve", NULL },                 /* --db is required */
    { "routes", "--db", "x", NULL },
    { NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (argvs[i], &out, &err), ==, EXIT_USAGE);
      g_assert_cmpstr (err, !=, "");
      g_assert_cmpstr (out, ==, "");
    }
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  static const struct {
    const char *argv[3];
    const char *expect;
  } cases[] = {
    { { "--help", NULL }, "serve" },
    { { "serve", "--help", NULL }, "--listen" },
    { { "serve", "--help", NULL }, "--allow-remote" },
    { { "demo", "--help", NULL }, "--db" },
    { { "routes", "--help", NULL }, "routes" },
    { { "--version", NULL }, PROGRAM " " PACKAGE_VERSION "\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (cases[i].argv, &out, &err), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_nonnull (strstr (out, cases[i].expect));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, ef_test_dir_set_up, func, ef_test_dir_tear_down)

  ADD ("/server/cli/listen/malformed", test_listen_malformed);
  ADD ("/server/cli/listen/remote-refused", test_listen_remote_refused);
  ADD ("/server/cli/listen/in-use", test_listen_in_use);
  ADD ("/server/cli/db/missing-folder", test_db_missing_folder);
  ADD ("/server/cli/db/is-folder", test_db_is_folder);
  ADD ("/server/cli/db/not-sqlite", test_db_not_sqlite);
  ADD ("/server/cli/db/other-program", test_db_other_program);
  ADD ("/server/cli/db/too-new", test_db_too_new);
  ADD ("/server/cli/demo/idempotent", test_demo_idempotent);
  ADD ("/server/cli/demo/resets", test_demo_resets);
  ADD ("/server/cli/unknown-command", test_unknown_command);
  ADD ("/server/cli/help", test_help);

#undef ADD

  return g_test_run ();
}
