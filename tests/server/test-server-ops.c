/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-ops.c: what an operations team runs, on the real binary:
 * backup (while a year of reservations is being saved), restore, check,
 * GET /healthz, the request log, the graceful stop, the systemd unit
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ef-test-api.h"
#include "ef-test-db.h"

#define EXIT_ERROR 1
#define EXIT_USAGE 2

static const char * const test_clock_args[] = { "--test-clock", NULL };

/* A directory of each test's own. */
typedef EfTestDir Fixture;

/* ----------------------------------------------------------- helpers */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted names in @dir, joined with spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Runs the server binary; its output goes to the test's log. */
static int
run (const char * const *argv,
     char              **out,
     char              **err)
{
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  g_autofree char *line = g_strjoinv (" ", (char **) argv);
  int status = ef_test_server_run_command (argv, &out_text, &err_text);

  g_test_message ("$ espace-famille-server %s → %d\n%s%s", line, status, out_text, err_text);
  if (out != NULL)
    *out = g_steal_pointer (&out_text);
  if (err != NULL)
    *err = g_steal_pointer (&err_text);
  return status;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("“%s” should not be in:\n%s", part, text);
}

/* Every reservation as "member/activity/day", sorted. */
static char *
reservation_state (const char *path)
{
  return ef_test_db_query_lines (path,
                                 "SELECT r.member_id || '/' || a.code || '/' || r.day"
                                 "  FROM reservations r JOIN activities a ON a.id = r.activity_id ORDER BY 1");
}

static char *
make_demo_db (Fixture    *fixture,
              const char *name)
{
  char *db = ef_test_dir_path (fixture, name);
  const char *argv[] = { "demo", "--db", db, NULL };

  g_assert_cmpint (run (argv, NULL, NULL), ==, 0);
  return db;
}

static guint
latest_schema_version (const char *demo_db)
{
  return (guint) ef_test_db_query_int (demo_db, "PRAGMA user_version");
}

static void
assert_healthy (const char *db)
{
  const char *argv[] = { "check", "--db", db, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* `check` reads a SQLite file; PostgreSQL has its own tools, which the
   * command names rather than pretend. */
  if (g_str_has_prefix (db, "postgresql://"))
    {
      g_assert_cmpint (run (argv, &out, &err), !=, 0);
      assert_contains (err, "pg_amcheck");
      return;
    }
  g_assert_cmpint (run (argv, &out, NULL), ==, 0);
  assert_contains (out, "The database is healthy.");
}

/* ------------------------------------------------------------- check */

static void
test_check_healthy (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *db = make_demo_db (fixture, "town.db");
  const char *argv[] = { "check", "--db", db, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = list_dir (fixture->dir);
  g_autofree char *listing_after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *version_line = NULL;
  gsize before_length, after_length;

  g_assert_true (g_file_get_contents (db, &before, &before_length, NULL));
  g_assert_cmpint (run (argv, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  version_line = g_strdup_printf ("Schema version: %u (this espace-famille-server knows versions up to %u)",
                                  latest_schema_version (db), latest_schema_version (db));
  assert_contains (out, version_line);
  assert_contains (out, "The database is healthy.");
  assert_lacks (out, "Problem");

  /* Read-only: not a byte changed, and no -wal or -shm left behind. */
  g_assert_true (g_file_get_contents (db, &after, &after_length, NULL));
  g_assert_cmpuint (before_length, ==, after_length);
  g_assert_true (memcmp (before, after, before_length) == 0);
  listing_after = list_dir (fixture->dir);
  g_assert_cmpstr (listing_after, ==, listing);
}

static void
test_check_problems (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *db = make_demo_db (fixture, "town.db");
  const char *argv[] = { "check", "--db", db, NULL };
  g_autofree char *out = NULL;
  gint64 reservations;

  /* What the schema's foreign keys would have refused, written with them
   * off; and what they cannot see. */
  ef_test_db_exec (db,
                   "PRAGMA foreign_keys = OFF;"
                   /* a reservation of a deleted child */
                   "INSERT INTO reservations (member_id, activity_id, day, created_at)"
                   "  VALUES (999999, (SELECT min (id) FROM activities), '2026-10-01', 0);"
                   /* an invoice line without its invoice */
                   "INSERT INTO invoice_lines (invoice_id, position, member_name, label, quantity,"
                   "  unit_price_cents, amount_cents) VALUES (999999, 1, 'X', 'Repas', 1, 100, 100);"
                   /* allocations of a deleted payment */
                   "DELETE FROM payments WHERE id = (SELECT min (payment_id) FROM payment_allocations);"
                   /* a session of a deleted account */
                   "INSERT INTO sessions (tenant_id, account_id, token_hash, client, created_at,"
                   "  last_seen_at, expires_at) VALUES ('7249', 999999, printf ('%064d', 1), 't', 0, 0, 0);"
                   /* an account given to a child of another family */
                   "INSERT INTO families (tenant_id, name, address_line1, address_line2, postal_code, city,"
                   "  created_at, updated_at) VALUES ('7249', 'Autre', '1 rue', '', '64140', 'Billère', 0, 0);"
                   "INSERT INTO members (family_id, position, role, first_name, last_name, birth_date,"
                   "  updated_at) VALUES (last_insert_rowid (), 0, 'child', 'Autre', 'Enfant', '2018-01-01', 0);"
                   "UPDATE accounts SET member_id = last_insert_rowid ()"
                   "  WHERE id = (SELECT min (id) FROM accounts);"
                   /* an invoice whose amount is not its lines' */
                   "UPDATE invoices SET amount_cents = amount_cents + 100"
                   "  WHERE id = (SELECT min (id) FROM invoices);");
  reservations = ef_test_db_query_int (db, "SELECT count(*) FROM reservations");

  /* Dated prices (schema 6): an activity must keep at least one. */
  if (ef_test_db_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'activity_prices'") > 0)
    ef_test_db_exec (db, "DELETE FROM activity_prices WHERE activity_id = (SELECT min (id) FROM activities);");

  g_assert_cmpint (run (argv, &out, NULL), ==, EXIT_ERROR);
  if (latest_schema_version (db) >= 6)
    assert_contains (out, "Problem: 1 activity has no price\n");
  assert_contains (out, "Problem: 1 row of “reservations” refers to a row of “members” that does not exist\n");
  assert_contains (out, "Problem: 1 row of “invoice_lines” refers to a row of “invoices” that does not exist\n");
  /* As many as the payment had invoices. */
  assert_contains (out, " of “payment_allocations” refer");
  assert_contains (out, " of “payments” that do");
  assert_contains (out, "Problem: 1 row of “sessions” refers to a row of “accounts” that does not exist\n");
  assert_contains (out, "Problem: 1 account belongs to a member of another family\n");
  assert_contains (out, "Problem: 1 invoice’s amount is not the sum of its lines\n");
  assert_contains (out, "problems found.\n");
  assert_lacks (out, "healthy");

  /* It found them without repairing anything. */
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM reservations"), ==, reservations);
}

static void
test_check_cross_tenant (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *db = make_demo_db (fixture, "town.db");
  const char *argv[] = { "check", "--db", db, NULL };
  g_autofree char *out = NULL;

  /* A second town, whose activity a Billère child is enrolled in and
   * reserved for: every foreign key holds, the data does not. */
  ef_test_db_exec (db,
                   "INSERT INTO tenants (id, name, contact, time_zone, deadline_days_before, deadline_hour,"
                   "  deadline_minute, deadline_counted_weekdays, deadline_skip_public_holidays,"
                   "  deadline_skip_school_holidays)"
                   "  SELECT 'pau', 'Pau', contact, time_zone, deadline_days_before, deadline_hour,"
                   "    deadline_minute, deadline_counted_weekdays, deadline_skip_public_holidays,"
                   "    deadline_skip_school_holidays FROM tenants WHERE id = '7249';"
                   "INSERT INTO services (tenant_id, id, position, name, description)"
                   "  VALUES ('pau', 'education', 0, 'Éducation', '');"
                   "INSERT INTO activities (tenant_id, service_id, code, name, site, weekdays, unit_price_cents)"
                   "  VALUES ('pau', 'education', 'cantine', 'Cantine', 'École', 62, 300);"
                   "INSERT INTO enrolments (member_id, activity_id, site, first_day, last_day, created_at)"
                   "  SELECT min (id), last_insert_rowid (), 'École', '2026-09-01', '2027-07-03', 0"
                   "    FROM members WHERE role = 'child';"
                   "INSERT INTO reservations (member_id, activity_id, day, created_at)"
                   "  SELECT member_id, activity_id, '2026-10-01', 0 FROM enrolments"
                   "   WHERE id = last_insert_rowid ();"
                   "UPDATE sessions SET tenant_id = 'pau' WHERE id = (SELECT min (id) FROM sessions);");

  g_assert_cmpint (run (argv, &out, NULL), ==, EXIT_ERROR);
  assert_contains (out, "Problem: 1 enrolment is in an activity of another municipality than the child’s\n");
  assert_contains (out, "Problem: 1 reservation is for an activity of another municipality than the child’s\n");
  assert_lacks (out, "refer");
}

static void
test_check_unusable (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *db = make_demo_db (fixture, "town.db");
  g_autofree char *missing = ef_test_dir_path (fixture, "missing.db");
  g_autofree char *text = ef_test_dir_path (fixture, "notes.txt");
  g_autofree char *other = ef_test_dir_path (fixture, "other.db");
  g_autofree char *newer = ef_test_dir_path (fixture, "newer.db");
  g_autofree char *newer_sql = NULL;
  g_autofree char *newer_words = NULL;
  g_autofree char *err = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *listing_after = NULL;
  const char *missing_argv[] = { "check", "--db", missing, NULL };
  const char *text_argv[] = { "check", "--db", text, NULL };
  const char *other_argv[] = { "check", "--db", other, NULL };
  const char *newer_argv[] = { "check", "--db", newer, NULL };
  const char *no_db_argv[] = { "check", NULL };
  const char *extra_argv[] = { "check", "--db", db, "extra", NULL };
  guint latest = latest_schema_version (db);

  g_assert_true (g_file_set_contents (text, "Not a database\n", -1, NULL));
  ef_test_db_exec (other, "CREATE TABLE t (x INTEGER);");
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (newer, contents, length, NULL));
  }
  newer_sql = g_strdup_printf ("PRAGMA user_version = %u;", latest + 1);
  ef_test_db_exec (newer, newer_sql);
  listing = list_dir (fixture->dir);

  g_assert_cmpint (run (missing_argv, NULL, &err), ==, EXIT_USAGE);
  assert_contains (err, "does not exist");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (text_argv, NULL, &err), ==, EXIT_USAGE);
  assert_contains (err, "not a SQLite database");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (other_argv, NULL, &err), ==, EXIT_USAGE);
  assert_contains (err, "of another program");
  g_clear_pointer (&err, g_free);

  /* A newer schema: said so, and no verdict on what it cannot know. */
  g_assert_cmpint (run (newer_argv, NULL, &err), ==, EXIT_USAGE);
  newer_words = g_strdup_printf ("has schema version %u but this espace-famille-server knows versions up to %u only: use a newer espace-famille-server",
                                 latest + 1, latest);
  assert_contains (err, newer_words);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (no_db_argv, NULL, &err), ==, EXIT_USAGE);
  assert_contains (err, "--db");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (extra_argv, NULL, NULL), ==, EXIT_USAGE);

  /* Nothing created, nothing left behind. */
  listing_after = list_dir (fixture->dir);
  g_assert_cmpstr (listing_after, ==, listing);
}

/* ------------------------------------------------------------ backup */

static void
test_backup_refuses_overwrite (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *db = make_demo_db (fixture, "town.db");
  g_autofree char *to = ef_test_dir_path (fixture, "backup.db");
  g_autofree char *missing_folder = g_build_filename (fixture->dir, "nope", "backup.db", NULL);
  g_autofree char *missing_db = ef_test_dir_path (fixture, "missing.db");
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *listing = NULL;
  const char *argv[] = { "backup", "--db", db, "--to", to, NULL };
  const char *force_argv[] = { "backup", "--db", db, "--to", to, "--force", NULL };
  const char *itself_argv[] = { "backup", "--db", db, "--to", db, "--force", NULL };
  const char *folder_argv[] = { "backup", "--db", db, "--to", missing_folder, NULL };
  const char *missing_argv[] = { "backup", "--db", missing_db, "--to", to, "--force", NULL };
  const char *no_to_argv[] = { "backup", "--db", db, NULL };
  GStatBuf buf;

  g_assert_true (g_file_set_contents (to, "last week's backup", -1, NULL));
  listing = list_dir (fixture->dir);

  g_assert_cmpint (run (argv, &out, &err), ==, EXIT_ERROR);
  assert_contains (err, "backup.db” exists: add --force to replace it");
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (to, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "last week's backup");
  {
    g_autofree char *listing_after = list_dir (fixture->dir);

    /* No half-written part file left beside it. */
    g_assert_cmpstr (listing_after, ==, listing);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (force_argv, &out, &err), ==, 0);
  assert_contains (out, "Backed up “");
  assert_contains (out, "backup.db”: ");
  assert_contains (out, " s\n");
  g_assert_cmpstr (err, ==, "");
  assert_healthy (to);
  /* Personal data: for its owner only. One file, no write-ahead log. */
  g_assert_cmpint (g_stat (to, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_cmpint (ef_test_db_query_int (to, "SELECT count(*) FROM reservations"), ==,
                              ef_test_db_query_int (db, "SELECT count(*) FROM reservations"));
  {
    g_autofree char *mode = ef_test_db_query_lines (to, "PRAGMA journal_mode");

    g_assert_cmpstr (mode, ==, "delete\n");
  }

  /* Never over the database itself, not even with --force. */
  g_assert_cmpint (run (itself_argv, NULL, NULL), ==, EXIT_USAGE);
  assert_healthy (db);

  g_assert_cmpint (run (folder_argv, NULL, NULL), ==, EXIT_USAGE);
  g_assert_cmpint (run (no_to_argv, NULL, NULL), ==, EXIT_USAGE);
  g_assert_cmpint (run (missing_argv, NULL, NULL), ==, EXIT_USAGE);
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  assert_healthy (to);
}

/* A whole school year of batches, toggling every day that can change, for
 * the demo family's children, while backups are taken. */
typedef struct
{
  Fixture      *fixture;
  EfTestServer *server;
  SoupSession  *session;
  GMainLoop    *loop;
  char         *token;
  gint64        children[2];
  gint64        versions[2];  /* before the first batch */
  char         *changes[2];   /* the changes of an even and of an odd batch */
  guint         batch_size;
  guint         applied;      /* batches answered 200 */
  guint         failed;
  gboolean      stopping;
  gboolean      posting;

  guint         n_backups;
  guint         backups_done;
  guint         started_at[4];  /* batches applied when each backup began… */
  guint         ended_at[4];    /* …and ended */
  int           statuses[4];
  char         *outputs[4];
} YearRun;

static void post_next_batch (YearRun *year);
static void start_backup (YearRun *year);

static char *
backup_path (YearRun *year,
             guint    i)
{
  g_autofree char *name = g_strdup_printf ("backup-%u.db", i);

  return ef_test_dir_path (year->fixture, name);
}

static void
on_batch_sent_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  YearRun *year = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  year->posting = FALSE;
  if (error == NULL && soup_message_get_status (msg) == 200)
    year->applied++;
  else
    {
      g_test_message ("batch %u: %s %u %.*s", year->applied, error ? error->message : "",
                      soup_message_get_status (msg),
                      bytes ? (int) g_bytes_get_size (bytes) : 0,
                      bytes ? (const char *) g_bytes_get_data (bytes, NULL) : "");
      year->failed++;
      year->stopping = TRUE;
    }

  if (year->stopping)
    {
      if (year->backups_done == year->n_backups || year->failed > 0)
        g_main_loop_quit (year->loop);
      return;
    }
  /* The first backup begins once a batch has been saved. */
  if (year->applied == 1 && year->backups_done == 0)
    start_backup (year);
  post_next_batch (year);
}

static void
post_next_batch (YearRun *year)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;
  char *body;
  guint k = year->applied;

  body = g_strdup_printf ("{\"changes\": [%s], \"versions\": {\"%" G_GINT64_FORMAT "\": %" G_GINT64_FORMAT ","
                          " \"%" G_GINT64_FORMAT "\": %" G_GINT64_FORMAT "}}",
                          year->changes[k % 2],
                          year->children[0], year->versions[0] + k,
                          year->children[1], year->versions[1] + k);
  url = g_strconcat (ef_test_server_get_url (year->server), "/7249/api/v1/reservations", NULL);
  msg = soup_message_new ("POST", url);
  auth = g_strconcat ("Bearer ", year->token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  bytes = g_bytes_new_take (body, strlen (body));
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);

  year->posting = TRUE;
  soup_session_send_and_read_async (year->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    on_batch_sent_cb, year);
}

static void
on_backup_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  YearRun *year = user_data;
  GSubprocess *process = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint i = year->backups_done;

  g_subprocess_communicate_utf8_finish (process, result, &out, &err, &error);
  g_assert_no_error (error);
  year->ended_at[i] = year->applied;
  year->statuses[i] = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  year->outputs[i] = g_strconcat (out, err, NULL);
  g_object_unref (process);

  year->backups_done++;
  if (year->backups_done < year->n_backups)
    start_backup (year);
  else
    {
      year->stopping = TRUE;
      if (!year->posting)
        g_main_loop_quit (year->loop);
    }
}

static void
start_backup (YearRun *year)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *to = backup_path (year, year->backups_done);
  const char *argv[] = { ef_test_server_binary (), "backup",
                         "--db", ef_test_server_get_db_path (year->server), "--to", to, NULL };
  GSubprocess *process;

  year->started_at[year->backups_done] = year->applied;
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_backup_done_cb, year);
}

/* The JSON changes that toggle every changeable day of the school year
 * for @member, from its planning; @toggled: their opposite. */
static void
append_year_changes (YearRun  *year,
                     gint64    member,
                     GString  *changes,
                     GString  *opposite)
{
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT "/planning"
                                           "?from=2026-09-01&to=2027-07-03", member);
  g_autoptr(JsonNode) planning = NULL;
  JsonArray *activities;
  guint status;

  planning = ef_test_api_request (year->session, year->server, "GET", path, year->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  activities = json_object_get_array_member (json_node_get_object (planning), "activities");
  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonObject *entry = json_array_get_object_element (activities, i);
      JsonArray *days = json_object_get_array_member (entry, "days");

      for (guint j = 0; j < json_array_get_length (days); j++)
        {
          JsonObject *day = json_array_get_object_element (days, j);
          gboolean reserved;

          if (!json_object_get_boolean_member (day, "changeable"))
            continue;
          reserved = g_str_equal (json_object_get_string_member (day, "state"), "reserved");
          for (guint k = 0; k < 2; k++)
            {
              GString *text = k == 0 ? changes : opposite;

              g_string_append_printf (text, "%s{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"%s\","
                                      " \"day\": \"%s\", \"reserved\": %s}",
                                      text->len > 0 ? ", " : "", member,
                                      json_object_get_string_member (entry, "activity"),
                                      json_object_get_string_member (day, "day"),
                                      (k == 0) != reserved ? "true" : "false");
            }
          year->batch_size++;
        }
    }
}

static void
test_backup_during_year_batches (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GString) even = g_string_new (NULL);
  g_autoptr(GString) odd = g_string_new (NULL);
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autofree char *children = NULL;
  g_autofree char *initial = NULL;
  g_autofree char *toggled = NULL;
  g_auto(GStrv) ids = NULL;
  const char *db;
  gint64 initial_audits;
  YearRun year = { 0 };
  guint overlapping = 0;

  /* SQLite only: a backup of the file while batches are written, hex (randomblob ()). */
  if (ef_test_store_is_postgresql ())
    {
      g_test_skip ("SQLite file handling");
      return;
    }

  year.fixture = fixture;
  year.loop = loop;
  year.n_backups = G_N_ELEMENTS (year.statuses);
  year.server = ef_test_server_start (TRUE, test_clock_args);
  year.session = ef_test_api_session_new ();
  db = ef_test_server_get_db_path (year.server);
  ef_test_api_demo_account (year.server, &email, &password);

  /* A database of some 20 MB (mails with their bodies), so that a backup
   * takes many steps while the batches are written. */
  ef_test_db_exec (db,
                   "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)"
                   " INSERT INTO outbox (tenant_id, kind, recipient, subject, body, created_at, status)"
                   " SELECT '7249', 'invitation', 'someone@example.fr', 'Invitation',"
                   "        hex (randomblob (4000)), 0, 'sent' FROM n;");

  /* Before the school year: every day of it can still change. */
  ef_test_api_set_clock (year.session, year.server, NULL, "2026-08-20T12:00:00+02:00");
  year.token = ef_test_api_login (year.session, year.server, email, password);

  children = ef_test_db_query_lines (db, "SELECT m.id FROM members m JOIN accounts a ON a.family_id = m.family_id"
                                         " WHERE m.role = 'child' ORDER BY m.position, m.id LIMIT 2");
  ids = g_strsplit (children, "\n", -1);
  g_assert_cmpuint (g_strv_length (ids), >=, 2);
  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *sql = NULL;

      year.children[c] = g_ascii_strtoll (ids[c], NULL, 10);
      sql = g_strdup_printf ("SELECT coalesce ((SELECT version FROM planning_versions"
                             " WHERE member_id = %" G_GINT64_FORMAT "), 0)", year.children[c]);
      year.versions[c] = ef_test_db_query_int (db, sql);
      append_year_changes (&year, year.children[c], even, odd);
    }
  g_assert_cmpuint (year.batch_size, >, 500);
  year.changes[0] = even->str;
  year.changes[1] = odd->str;

  initial = reservation_state (db);
  initial_audits = ef_test_db_query_int (db, "SELECT count(*) FROM reservation_audit");

  post_next_batch (&year);
  g_main_loop_run (loop);
  g_assert_cmpuint (year.failed, ==, 0);
  g_assert_cmpuint (year.backups_done, ==, year.n_backups);

  g_assert_cmpint (ef_test_server_stop (year.server), ==, 0);

  for (guint i = 0; i < year.n_backups; i++)
    {
      g_autofree char *path = backup_path (&year, i);
      g_autofree char *state = NULL;
      g_autofree char *sql = NULL;
      const char *activities_argv[] = { "activities", "--db", path, "--tenant", "7249", NULL };
      gint64 n, n_other;

      g_test_message ("backup %u: %s", i, year.outputs[i]);
      g_assert_cmpint (year.statuses[i], ==, 0);
      assert_contains (year.outputs[i], "Backed up");

      /* It passes check, and the server's own code opens it. */
      assert_healthy (path);
      g_assert_cmpint (run (activities_argv, NULL, NULL), ==, 0);

      /* One instant of the database: both children's planning versions
       * moved by the same number of whole batches, the reservations are
       * those of that many batches, with their audit rows. */
      sql = g_strdup_printf ("SELECT version FROM planning_versions WHERE member_id = %" G_GINT64_FORMAT,
                             year.children[0]);
      n = ef_test_db_query_int (path, sql) - year.versions[0];
      g_free (sql);
      sql = g_strdup_printf ("SELECT version FROM planning_versions WHERE member_id = %" G_GINT64_FORMAT,
                             year.children[1]);
      n_other = ef_test_db_query_int (path, sql) - year.versions[1];
      g_test_message ("backup %u: %" G_GINT64_FORMAT " batches (between %u and %u answered)",
                      i, n, year.started_at[i], year.ended_at[i]);
      g_assert_cmpint (n, ==, n_other);
      g_assert_cmpint (n, >=, year.started_at[i]);
      g_assert_cmpint (n, <=, year.ended_at[i] + 1);
      if ((guint) n != year.started_at[i] || (guint) n != year.ended_at[i])
        overlapping++;

      state = reservation_state (path);
      if (n == 1 && toggled == NULL)
        toggled = g_strdup (state);
      if (n % 2 == 0)
        g_assert_cmpstr (state, ==, initial);
      else
        {
          g_assert_cmpstr (state, !=, initial);
          if (toggled != NULL)
            g_assert_cmpstr (state, ==, toggled);
        }
      g_assert_cmpint (ef_test_db_query_int (path, "SELECT count(*) FROM reservation_audit"), ==,
                                  initial_audits + n * year.batch_size);
      /* The latest audit row of every day says what the day is. */
      g_assert_cmpint (ef_test_db_query_int (path,
                                             "SELECT count(*) FROM ("
                                             "  SELECT member_id, activity_id, day, reserved_after,"
                                             "         row_number () OVER (PARTITION BY member_id, activity_id, day"
                                             "                             ORDER BY id DESC) AS rank"
                                             "    FROM reservation_audit) a"
                                             " WHERE a.rank = 1 AND a.reserved_after <> EXISTS ("
                                             "   SELECT 1 FROM reservations r WHERE r.member_id = a.member_id"
                                             "      AND r.activity_id = a.activity_id AND r.day = a.day)"),
                                  ==, 0);
    }
  g_test_message ("%u batches saved; %u of %u backups ran while batches were saved",
                  year.applied, overlapping, year.n_backups);
  g_assert_cmpuint (year.applied, >=, 2);

  /* The last backup, restored in place of the database: the server serves
   * it, at the planning version the backup holds. */
  {
    g_autofree char *last = backup_path (&year, year.n_backups - 1);
    g_autofree char *sql = g_strdup_printf ("SELECT version FROM planning_versions"
                                            " WHERE member_id = %" G_GINT64_FORMAT, year.children[0]);
    g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT "/planning"
                                             "?from=2026-09-01&to=2026-09-30", year.children[0]);
    const char *restore_argv[] = { "restore", "--db", db, "--from", last, "--force", NULL };
    g_autoptr(JsonNode) planning = NULL;
    gint64 version = ef_test_db_query_int (last, sql);
    guint status;

    g_assert_cmpint (run (restore_argv, NULL, NULL), ==, 0);
    assert_healthy (db);
    ef_test_server_restart (year.server, test_clock_args);
    ef_test_api_set_clock (year.session, year.server, NULL, "2026-08-20T12:00:00+02:00");
    g_free (year.token);
    year.token = ef_test_api_login (year.session, year.server, email, password);
    planning = ef_test_api_request (year.session, year.server, "GET", path, year.token, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (planning), "version"), ==, version);
    g_assert_cmpint (ef_test_server_stop (year.server), ==, 0);
  }

  for (guint i = 0; i < year.n_backups; i++)
    g_free (year.outputs[i]);
  g_free (year.token);
  g_clear_object (&year.session);
  ef_test_server_free (year.server);
}

/* ----------------------------------------------------------- restore */

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EfTestServer) server = ef_test_server_start (TRUE, NULL);
  g_autoptr(SoupSession) session = ef_test_api_session_new ();
  g_autoptr(JsonNode) answer = NULL;
  const char *db = ef_test_server_get_db_path (server);
  g_autofree char *backup = ef_test_dir_path (fixture, "backup.db");
  g_autofree char *not_db = ef_test_dir_path (fixture, "notes.txt");
  g_autofree char *newer = ef_test_dir_path (fixture, "newer.db");
  g_autofree char *fresh = ef_test_dir_path (fixture, "fresh.db");
  g_autofree char *kept = g_strconcat (db, ".before-restore", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *newer_sql = NULL;
  const char *backup_argv[] = { "backup", "--db", db, "--to", backup, NULL };
  const char *restore_argv[] = { "restore", "--db", db, "--from", backup, NULL };
  const char *force_argv[] = { "restore", "--db", db, "--from", backup, "--force", NULL };
  const char *not_db_argv[] = { "restore", "--db", db, "--from", not_db, "--force", NULL };
  const char *newer_argv[] = { "restore", "--db", db, "--from", newer, "--force", NULL };
  const char *fresh_argv[] = { "restore", "--db", fresh, "--from", backup, NULL };
  gint64 reservations = ef_test_db_query_int (db, "SELECT count(*) FROM reservations");
  guint status;

  /* SQLite only: the file restored, its -wal and .before-restore copy. */
  if (ef_test_store_is_postgresql ())
    {
      g_test_skip ("SQLite file handling");
      return;
    }

  g_assert_cmpint (reservations, >, 0);
  g_assert_cmpint (run (backup_argv, NULL, NULL), ==, 0);

  /* Never under a running server. */
  g_assert_cmpint (run (force_argv, NULL, &err), ==, EXIT_ERROR);
  assert_contains (err, "A server is serving the database");
  assert_contains (err, "stop it first");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_server_stop (server), ==, 0);

  /* Something went wrong with the data. */
  ef_test_db_exec (db, "DELETE FROM reservations;");

  g_assert_cmpint (run (restore_argv, NULL, &err), ==, EXIT_ERROR);
  assert_contains (err, "exists: add --force to replace it");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM reservations"), ==, 0);

  /* A bad backup costs nothing. */
  g_assert_true (g_file_set_contents (not_db, "Not a backup\n", -1, NULL));
  g_assert_cmpint (run (not_db_argv, NULL, NULL), ==, EXIT_USAGE);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (newer, contents, length, NULL));
  }
  newer_sql = g_strdup_printf ("PRAGMA user_version = %u;", latest_schema_version (backup) + 1);
  ef_test_db_exec (newer, newer_sql);
  g_assert_cmpint (run (newer_argv, NULL, &err), ==, EXIT_USAGE);
  assert_contains (err, "use a newer espace-famille-server");
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run (force_argv, &out, &err), ==, 0);
  assert_contains (out, "Restored “");
  assert_contains (out, "The database it replaced is kept as “");
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM reservations"), ==, reservations);
  g_assert_cmpint (ef_test_db_query_int (kept, "SELECT count(*) FROM reservations"), ==, 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_healthy (db);

  /* The server starts on it. */
  ef_test_server_restart (server, NULL);
  answer = ef_test_api_request (session, server, "GET", "/healthz", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (ef_test_server_stop (server), ==, 0);

  /* Into a new place: nothing to keep. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fresh_argv, &out, NULL), ==, 0);
  assert_lacks (out, "kept");
  assert_healthy (fresh);
}

/* ----------------------------------------------------------- healthz */

static void
test_healthz (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EfTestServer) server = ef_test_server_start (TRUE, NULL);
  g_autoptr(SoupSession) session = ef_test_api_session_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) failed = NULL;
  g_autoptr(JsonNode) refused = NULL;
  JsonObject *object;
  guint status;

  answer = ef_test_api_request (session, server, "GET", "/healthz", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  object = json_node_get_object (answer);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "database"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);

  refused = ef_test_api_request (session, server, "POST", "/healthz", NULL, "{}", &status);
  g_assert_cmpuint (status, ==, 405);

  /* The database file is gone from under the server. */
  if (ef_test_store_is_postgresql ())
    {
      g_test_skip ("SQLite file handling: the rest truncates the database file");
      return;
    }
  g_assert_cmpint (truncate (ef_test_server_get_db_path (server), 0), ==, 0);
  failed = ef_test_api_request (session, server, "GET", "/healthz", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 503);
  object = json_node_get_object (failed);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (object, "database"), ==, "error");

  ef_test_server_kill (server);
}

/* -------------------------------------------------------------- logs */

static char *
request_text (SoupSession *session,
              const char  *method,
              const char  *url,
              const char  *token,
              const char  *body,
              guint       *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

static void
test_request_log (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *db = make_demo_db (fixture, "town.db");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GOutputStream) captured = g_memory_output_stream_new_resizable ();
  g_autoptr(SoupSession) session = ef_test_api_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) login = NULL;
  g_autofree char *line = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *log = NULL;
  g_autofree char *login_body = NULL;
  g_auto(GStrv) log_lines = NULL;
  const char *argv[] = { ef_test_server_binary (), "serve", "--db", db, "--listen", "127.0.0.1:0", NULL };
  const char *token;
  guint n_request_lines = 0;
  guint status;

  /* Whatever the environment says about debug output. */
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines), FALSE);
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "LISTENING "));
  base = g_strdup (line + strlen ("LISTENING "));
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

#define URL(path) (g_free (url), url = g_strconcat (base, path, NULL))

  answer = request_text (session, "GET", URL ("/healthz"), NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, g_free);

  login_body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\", \"client\": \"tests\"}",
                                "parent@example.fr", "Billere-Demo-2026");
  answer = request_text (session, "POST", URL ("/7249/api/v1/auth/login"), NULL, login_body, &status);
  g_assert_cmpuint (status, ==, 200);
  login = json_from_string (answer, &error);
  g_assert_no_error (error);
  token = json_object_get_string_member (json_node_get_object (login), "token");
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 16);
  g_clear_pointer (&answer, g_free);

  answer = request_text (session, "GET", URL ("/7249/api/v1/family"), token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, g_free);

  answer = request_text (session, "POST", URL ("/7249/api/v1/auth/login"), NULL,
                         "{\"email\": \"parent@example.fr\", \"password\": \"Wrong-Password-99\"}", &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, g_free);

  answer = request_text (session, "POST", URL ("/7249/api/v1/auth/password-reset/SECRETRESETTOKEN1234567890"),
                         NULL, "{\"password\": \"Nouveau-Mot-2027\"}", &status);
  g_assert_cmpuint (status, >=, 400);
  g_clear_pointer (&answer, g_free);

  answer = request_text (session, "GET", URL ("/7249/api/v1/portal?email=parent%40example.fr&q=QUERYSECRET"),
                         NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, g_free);

  answer = request_text (session, "GET", URL ("/nowhere/parent@example.fr"), NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&answer, g_free);
#undef URL

  g_subprocess_send_signal (process, SIGTERM);
  g_output_stream_splice (captured, g_subprocess_get_stderr_pipe (process),
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  log = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (captured)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (captured)));
  g_test_message ("%s", log);

  /* One line per request, with its fields. */
  assert_contains (log, " EF_TENANT=- EF_METHOD=GET EF_ROUTE=/healthz EF_STATUS=200 EF_DURATION_MS=");
  assert_contains (log, " EF_TENANT=7249 EF_METHOD=POST EF_ROUTE=/{tenant}/api/v1/auth/login EF_STATUS=200 EF_DURATION_MS=");
  assert_contains (log, " EF_TENANT=7249 EF_METHOD=POST EF_ROUTE=/{tenant}/api/v1/auth/login EF_STATUS=401 EF_DURATION_MS=");
  assert_contains (log, " EF_TENANT=7249 EF_METHOD=GET EF_ROUTE=/{tenant}/api/v1/family EF_STATUS=200 EF_DURATION_MS=");
  assert_contains (log, " EF_ROUTE=/{tenant}/api/v1/auth/password-reset/{token} EF_STATUS=4");
  assert_contains (log, " EF_TENANT=7249 EF_METHOD=GET EF_ROUTE=/{tenant}/api/v1/portal EF_STATUS=200 ");
  assert_contains (log, " EF_TENANT=- EF_METHOD=GET EF_ROUTE=- EF_STATUS=404 ");
  assert_contains (log, "POST /{tenant}/api/v1/auth/login 200 ");
  log_lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; log_lines[i] != NULL; i++)
    if (strstr (log_lines[i], " EF_ROUTE=") != NULL)
      n_request_lines++;
  g_assert_cmpuint (n_request_lines, ==, 7);

  /* Never a secret, an address or a query. */
  assert_lacks (log, "Billere-Demo-2026");
  assert_lacks (log, "Wrong-Password-99");
  assert_lacks (log, "Nouveau-Mot-2027");
  assert_lacks (log, token);
  assert_lacks (log, "SECRETRESETTOKEN");
  assert_lacks (log, "example.fr");
  assert_lacks (log, "parent%40");
  assert_lacks (log, "QUERYSECRET");
  assert_lacks (log, "?email");
  assert_lacks (log, "nowhere");
}

/* ------------------------------------------------------ graceful stop */

static GSocketConnection *
connect_to (EfTestServer *server,
            GError      **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  const char *host_port = ef_test_server_get_url (server) + strlen ("http://");

  return g_socket_client_connect_to_host (client, host_port, 80, NULL, error);
}

/* Reads until the end of the headers ("\r\n\r\n") or of the stream. */
static char *
read_answer (GSocketConnection *connection,
             gboolean           until_end)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char c;

  for (;;)
    {
      gssize n = g_input_stream_read (in, &c, 1, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        break;
      g_string_append_c (text, c);
      if (!until_end && g_str_has_suffix (text->str, "\r\n\r\n"))
        break;
    }
  return g_strdup (text->str);
}

static void
send_text (GSocketConnection *connection,
           const char        *text)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Sends the headers of a sign-in that announces @length bytes of body and
 * waits for "100 Continue": from then, the request is in the server's
 * hands, its body still to come. */
static GSocketConnection *
begin_slow_login (EfTestServer *server,
                  gsize         length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = connect_to (server, &error);
  g_autofree char *headers = NULL;
  g_autofree char *interim = NULL;

  g_assert_no_error (error);
  headers = g_strdup_printf ("POST /7249/api/v1/auth/login HTTP/1.1\r\n"
                             "Host: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\n"
                             "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                             "Expect: 100-continue\r\n"
                             "Connection: close\r\n"
                             "\r\n", length);
  send_text (connection, headers);
  interim = read_answer (connection, FALSE);
  g_assert_true (g_str_has_prefix (interim, "HTTP/1.1 100 "));
  return g_steal_pointer (&connection);
}

static void
test_graceful_stop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EfTestServer) server = ef_test_server_start (TRUE, NULL);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autofree char *body = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *wal = g_strconcat (ef_test_server_get_db_path (server), "-wal", NULL);
  gboolean refused = FALSE;

  ef_test_api_demo_account (server, &email, &password);
  body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\"}", email, password);
  connection = begin_slow_login (server, strlen (body));

  g_assert_cmpint (kill (ef_test_server_get_pid (server), SIGTERM), ==, 0);

  /* The server refuses new connections as soon as it handles the signal. */
  for (guint i = 0; i < 200 && !refused; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocketConnection) other = connect_to (server, &error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
        refused = TRUE;
      else
        g_usleep (10 * 1000);
    }
  g_assert_true (refused);

  /* The request it had begun still gets its whole answer. */
  send_text (connection, body);
  answer = read_answer (connection, TRUE);
  g_test_message ("%s", answer);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 "));
  assert_contains (answer, "\"token\"");

  g_assert_cmpint (ef_test_server_stop (server), ==, 0);
  /* The write-ahead log was folded back: the database is one file. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_healthy (ef_test_server_get_db_path (server));
}

static void
test_graceful_stop_bound (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const args[] = { "--stop-timeout", "1", NULL };
  g_autoptr(EfTestServer) server = ef_test_server_start (TRUE, args);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *rest = NULL;
  gint64 started;
  double elapsed;

  /* A client that never sends the body it announced. */
  connection = begin_slow_login (server, 100);

  started = g_get_monotonic_time ();
  g_assert_cmpint (ef_test_server_stop (server), ==, 0);
  elapsed = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_test_message ("stopped in %.2f s", elapsed);
  g_assert_cmpfloat (elapsed, >=, 0.9);
  g_assert_cmpfloat (elapsed, <, 8.0);

  /* Its connection was closed without an answer. */
  rest = read_answer (connection, TRUE);
  g_assert_cmpstr (rest, ==, "");
}

/* -------------------------------------------------------- data files */

static void
test_systemd_unit (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const wanted[] = {
    "\nDynamicUser=yes\n", "\nStateDirectory=espace-famille\n", "\nProtectSystem=strict\n",
    "\nProtectHome=yes\n", "\nPrivateTmp=yes\n", "\nNoNewPrivileges=yes\n",
    "\nRestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX\n",
    "\nSystemCallFilter=@system-service\n", "\nCapabilityBoundingSet=\n",
    "\nRestart=on-failure\n",
    " serve --db %S/espace-famille/espace-famille.db --listen 127.0.0.1:8080\n",
  };
  const char *root = g_getenv ("EF_SOURCE_ROOT");
  g_autofree char *source = NULL;
  g_autofree char *template = NULL;
  g_autofree char *bindir = NULL;
  g_autofree char *unit_text = NULL;
  g_autofree char *unit = ef_test_dir_path (fixture, "espace-famille-server.service");
  g_autofree char *analyze = g_find_program_in_path ("systemd-analyze");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (root);
  source = g_build_filename (root, "data", "espace-famille-server.service.in", NULL);
  g_assert_true (g_file_get_contents (source, &template, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    assert_contains (template, wanted[i]);

  if (analyze == NULL)
    {
      g_test_skip ("systemd-analyze is not installed");
      return;
    }

  /* As meson configures it, with the binary just built. */
  bindir = g_path_get_dirname (ef_test_server_binary ());
  parts = g_strsplit (template, "@bindir@", -1);
  unit_text = g_strjoinv (bindir, parts);
  g_assert_true (g_file_set_contents (unit, unit_text, -1, NULL));

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              analyze, "verify", unit, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("systemd-analyze verify: %s%s", out, err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  /* Unknown or misspelt settings are only warnings: none allowed. */
  assert_lacks (err, "espace-famille-server.service:");
}

static void
test_nginx_site (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const wanted[] = {
    "return 301 https://", "ssl_certificate ", "Strict-Transport-Security",
    "server 127.0.0.1:8080;", "proxy_pass http://espace_famille;",
    "proxy_set_header X-Forwarded-Proto $scheme;",
    /* The server refuses bodies over 1 MiB (EF_HTTP_DEFAULT_MAX_BODY_SIZE). */
    "client_max_body_size 1m;",
    "proxy_read_timeout ",
  };
  const char *root = g_getenv ("EF_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (root);
  path = g_build_filename (root, "docs", "nginx-espace-famille.conf", NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    assert_contains (text, wanted[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, ef_test_dir_set_up, func, ef_test_dir_tear_down)

  ADD ("/ops/check/healthy", test_check_healthy);
  ADD ("/ops/check/problems", test_check_problems);
  ADD ("/ops/check/cross-tenant", test_check_cross_tenant);
  ADD ("/ops/check/unusable", test_check_unusable);
  ADD ("/ops/backup/refuses-overwrite", test_backup_refuses_overwrite);
  ADD ("/ops/backup/during-year-batches", test_backup_during_year_batches);
  ADD ("/ops/restore", test_restore);
  ADD ("/ops/healthz", test_healthz);
  ADD ("/ops/request-log", test_request_log);
  ADD ("/ops/graceful-stop", test_graceful_stop);
  ADD ("/ops/graceful-stop/bound", test_graceful_stop_bound);
  ADD ("/ops/systemd-unit", test_systemd_unit);
  ADD ("/ops/nginx-site", test_nginx_site);

  return g_test_run ();
}
