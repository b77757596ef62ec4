/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-faults.c: the real server under injected faults
 *
 * - kill -9 in the middle of a year's batch, over and over (100 rounds
 *   unless EF_TEST_FAULT_ROUNDS says otherwise), at delays spread over the
 *   batch's own duration: after each restart the batch is there whole or
 *   not at all, with its audit lines and one version step, and a batch
 *   whose 200 reached the client is always there;
 * - the disk full (SQLite, the database on a small tmpfs mounted in a
 *   mount namespace of this program's own; root only, skipped otherwise):
 *   writes answer 507 storage_full, the database stays intact, reads and
 *   /healthz still answer, and once there is room again the same writes
 *   succeed;
 * - PostgreSQL's disk_full (SQLSTATE 53100), raised by triggers since the
 *   cluster's disk is not the test's to fill: the same 507 storage_full,
 *   nothing written, and the same writes succeed once it stops.
 *
 * Run on SQLite and, as test-server-faults-pg, on PostgreSQL (the real
 * disk full is SQLite's, disk_full PostgreSQL's).
 */

#define _GNU_SOURCE   /* unshare() */
#define G_LOG_DOMAIN "EfTest"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sched.h>
#include <sys/mount.h>
#endif

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ef-test-api.h"
#include "ef-test-db.h"

#define DEFAULT_ROUNDS 100
/* Before the deadline of every day of the school year 2026-2027. */
#define BEFORE_THE_YEAR "2026-08-20T12:00:00+02:00"
#define TMPFS_SIZE "8m"

static const char * const clock_args[] = { "--test-clock", NULL };

/* The tmpfs of the disk-full test, or why there is none. */
static char *tmpfs_dir;
static char *tmpfs_refusal;

/* ---------------------------------------------------------------- helpers */

static gint64
first_member (const char *db,
              const char *role_test)
{
  g_autofree char *sql = g_strdup_printf ("SELECT m.id FROM members m"
                                          "  JOIN accounts a ON a.family_id = m.family_id"
                                          " WHERE a.tenant_id = '7249' AND a.kind = 'parent'"
                                          "   AND m.role %s"
                                          " ORDER BY m.position, m.id LIMIT 1", role_test);
  gint64 id = ef_test_db_query_int (db, sql);

  g_assert_cmpint (id, >, 0);
  return id;
}

static JsonNode *
year_planning (SoupSession  *session,
               EfTestServer *server,
               const char   *token,
               gint64        member)
{
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                           "/planning?from=2026-09-01&to=2027-07-03", member);
  JsonNode *planning;
  guint status;

  planning = ef_test_api_request (session, server, "GET", path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return planning;
}

static gint64
planning_version (JsonNode *planning)
{
  return json_object_get_int_member (json_node_get_object (planning), "version");
}

/* "activity day" → TRUE when reserved, for every day of @planning. */
static GHashTable *
reserved_days (JsonNode *planning)
{
  GHashTable *days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *activities = json_object_get_array_member (json_node_get_object (planning), "activities");

  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonObject *entry = json_array_get_object_element (activities, i);
      JsonArray *list = json_object_get_array_member (entry, "days");

      for (guint j = 0; j < json_array_get_length (list); j++)
        {
          JsonObject *day = json_array_get_object_element (list, j);

          g_hash_table_insert (days,
                               g_strdup_printf ("%s %s", json_object_get_string_member (entry, "activity"),
                                                json_object_get_string_member (day, "day")),
                               GINT_TO_POINTER (g_str_equal (json_object_get_string_member (day, "state"),
                                                             "reserved")));
        }
    }
  return days;
}

/* How many changes of @batch (the body of POST reservations) @planning
 * shows as made. */
static guint
n_changes_made (const char *batch,
                JsonNode   *planning)
{
  g_autoptr(JsonNode) body = json_from_string (batch, NULL);
  g_autoptr(GHashTable) days = reserved_days (planning);
  JsonArray *changes;
  guint n = 0;

  g_assert_nonnull (body);
  changes = json_object_get_array_member (json_node_get_object (body), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      g_autofree char *key = g_strdup_printf ("%s %s", json_object_get_string_member (change, "activity"),
                                              json_object_get_string_member (change, "day"));
      gpointer reserved;

      g_assert_true (g_hash_table_lookup_extended (days, key, NULL, &reserved));
      if (GPOINTER_TO_INT (reserved) == json_object_get_boolean_member (change, "reserved"))
        n++;
    }
  return n;
}

static gint64
n_audit_lines (const char *db,
               gint64      member)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM reservation_audit WHERE member_id = %"
                                          G_GINT64_FORMAT, member);

  return ef_test_db_query_int (db, sql);
}

/* PostgreSQL: until the database has nothing running but idle sessions
 * (a killed server's backend may still be committing what it was sent).
 * SQLite's writer dies with its process. */
static void
wait_until_database_idle (const char *db)
{
  if (!ef_test_db_is_postgresql (db))
    return;
  for (guint i = 0; i < 200; i++)
    {
      if (ef_test_db_query_int (db,
                                "SELECT count(*) FROM pg_stat_activity"
                                " WHERE datname = current_database () AND pid <> pg_backend_pid ()"
                                "   AND state <> 'idle'") == 0)
        return;
      g_usleep (50 * 1000);
    }
  g_error ("the database is still busy 10 s after the server was killed");
}

/* One batch, posted from a thread of its own: the server may die before,
 * during or after it. */
typedef struct {
  const char *url;
  const char *token;
  const char *body;
  guint       status;       /* 0: no answer */
  gint64      answered_at;
} Batch;

static gpointer
post_batch (gpointer data)
{
  Batch *batch = data;
  g_autoptr(SoupSession) session = ef_test_api_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", batch->url);
  g_autofree char *auth = g_strconcat ("Bearer ", batch->token, NULL);
  g_autoptr(GBytes) body = g_bytes_new_static (batch->body, strlen (batch->body));
  g_autoptr(GBytes) reply = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  batch->answered_at = g_get_monotonic_time ();
  if (reply != NULL)
    batch->status = soup_message_get_status (msg);
  return NULL;
}

static guint
rounds_asked (void)
{
  const char *text = g_getenv ("EF_TEST_FAULT_ROUNDS");
  guint64 n;

  if (text == NULL || *text == '\0')
    return DEFAULT_ROUNDS;
  if (!g_ascii_string_to_unsigned (text, 10, 2, 100000, &n, NULL))
    g_error ("EF_TEST_FAULT_ROUNDS=%s: a number of rounds from 2 is expected", text);
  return n;
}

/* ----------------------------------------------- kill -9 during a batch */

static void
set_up_before_the_year (EfTestDemo    *demo,
                        gconstpointer  data)
{
  ef_test_demo_start (demo);
  ef_test_demo_sign_in (demo, BEFORE_THE_YEAR);
}

static void
test_kill_during_year_batch (EfTestDemo    *demo,
                             gconstpointer  data)
{
  const char *db = ef_test_server_get_db_path (demo->server);
  guint n_rounds = rounds_asked ();
  gint64 child = first_member (db, "= 'child'");
  gint64 durations[3], duration;
  guint n_changes = 0;
  guint n_acknowledged = 0, n_unanswered = 0, n_all = 0, n_none = 0, n_partial = 0, n_lost = 0;
  gint64 started = g_get_monotonic_time ();

  /* The batch's duration, measured without a kill but as the rounds send
   * it (the server just restarted, the planning read twice, the batch
   * from a new thread and connection): three whole batches, each applied. */
  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      g_autoptr(JsonNode) planning = NULL;
      g_autofree char *path = NULL;
      g_autofree char *body = NULL;
      Batch batch = { NULL, demo->token, NULL, 0, 0 };
      gint64 start;

      g_assert_cmpint (ef_test_server_stop (demo->server), ==, 0);
      ef_test_server_restart (demo->server, clock_args);
      path = g_strconcat (ef_test_server_get_url (demo->server), "/7249/api/v1/reservations", NULL);
      planning = year_planning (demo->session, demo->server, demo->token, child);
      body = ef_test_api_year_batch (demo->session, demo->server, demo->token, &child, 1, &n_changes);
      g_assert_cmpuint (n_changes, >, 150);
      batch.url = path;
      batch.body = body;
      start = g_get_monotonic_time ();
      g_thread_join (g_thread_new ("batch", post_batch, &batch));
      g_assert_cmpuint (batch.status, ==, 200);
      durations[i] = batch.answered_at - start;
      g_clear_pointer (&planning, json_node_unref);
      planning = year_planning (demo->session, demo->server, demo->token, child);
      g_assert_cmpuint (n_changes_made (body, planning), ==, n_changes);
    }
  /* The median of the three. */
  duration = MAX (MIN (durations[0], durations[1]),
                  MIN (MAX (durations[0], durations[1]), durations[2]));
  g_test_message ("a year's batch of %u changes: %" G_GINT64_FORMAT " ms (median of 3)", n_changes,
                  duration / 1000);

  for (guint round = 0; round < n_rounds; round++)
    {
      g_autoptr(JsonNode) before = year_planning (demo->session, demo->server, demo->token, child);
      g_autoptr(JsonNode) after = NULL;
      g_autofree char *body = ef_test_api_year_batch (demo->session, demo->server, demo->token, &child, 1,
                                                      &n_changes);
      g_autofree char *path = g_strconcat (ef_test_server_get_url (demo->server), "/7249/api/v1/reservations",
                                           NULL);
      gint64 version = planning_version (before);
      gint64 audit = n_audit_lines (db, child);
      /* From 0 to 1.25 times the batch's duration: the last kills land
       * after the answer. */
      gint64 delay = duration * 5 * round / (4 * (n_rounds - 1));
      Batch batch = { path, demo->token, body, 0, 0 };
      GThread *thread;
      guint made;

      g_assert_cmpuint (n_changes_made (body, before), ==, 0);
      thread = g_thread_new ("batch", post_batch, &batch);
      g_usleep (delay);
      ef_test_server_kill (demo->server);
      g_thread_join (thread);
      wait_until_database_idle (db);
      ef_test_server_restart (demo->server, clock_args);

      after = year_planning (demo->session, demo->server, demo->token, child);
      made = n_changes_made (body, after);
      if (batch.status == 200)
        n_acknowledged++;
      else
        {
          /* Killed before the answer: no answer at all, never an error. */
          g_assert_cmpuint (batch.status, ==, 0);
          n_unanswered++;
        }

      if (made == 0)
        {
          n_none++;
          g_assert_cmpint (planning_version (after), ==, version);
          g_assert_cmpint (n_audit_lines (db, child), ==, audit);
          if (batch.status == 200)
            {
              n_lost++;
              g_test_message ("round %u: the batch was answered 200, then lost", round);
            }
        }
      else if (made == n_changes)
        {
          n_all++;
          g_assert_cmpint (planning_version (after), ==, version + 1);
          g_assert_cmpint (n_audit_lines (db, child), ==, audit + n_changes);
        }
      else
        {
          n_partial++;
          if (batch.status == 200)
            n_lost++;
          g_test_message ("round %u: %u of the %u changes were kept", round, made, n_changes);
        }
      g_test_message ("round %u: killed after %" G_GINT64_FORMAT " ms, answer %u, %u of %u changes kept",
                      round, delay / 1000, batch.status, made, n_changes);
    }

  g_test_message ("%u rounds of %u changes in %" G_GINT64_FORMAT " s: killed after the answer %u, "
                  "before it %u; batch kept whole %u, not at all %u, partly %u; acknowledged and lost %u",
                  n_rounds, n_changes, (g_get_monotonic_time () - started) / G_USEC_PER_SEC, n_acknowledged,
                  n_unanswered, n_all, n_none, n_partial, n_lost);
  g_assert_cmpuint (n_partial, ==, 0);
  g_assert_cmpuint (n_lost, ==, 0);
  g_assert_cmpuint (n_all + n_none, ==, n_rounds);
  /* The delays do reach into the batch: some rounds keep nothing. */
  g_assert_cmpuint (n_none, >, 0);
}

/* -------------------------------------------------------------- disk full */

/* A mount namespace of this process's own, with a small tmpfs in it: run
 * before any thread, so that every server started later shares it. */
static void
prepare_tmpfs (void)
{
#ifdef __linux__
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (geteuid () != 0)
    {
      tmpfs_refusal = g_strdup ("mounting a tmpfs needs root");
      return;
    }
  if (unshare (CLONE_NEWNS) != 0)
    {
      tmpfs_refusal = g_strdup_printf ("no mount namespace: %s", g_strerror (errno));
      return;
    }
  /* Nothing mounted here goes back to the machine's namespace. */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      tmpfs_refusal = g_strdup_printf ("cannot make the mounts private: %s", g_strerror (errno));
      return;
    }
  dir = g_dir_make_tmp ("ef-faults-XXXXXX", &error);
  if (dir == NULL)
    {
      tmpfs_refusal = g_strdup (error->message);
      return;
    }
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=" TMPFS_SIZE ",mode=0700") != 0)
    {
      tmpfs_refusal = g_strdup_printf ("mounting a tmpfs was refused: %s", g_strerror (errno));
      g_rmdir (dir);
      return;
    }
  tmpfs_dir = g_steal_pointer (&dir);
#else
  tmpfs_refusal = g_strdup ("mount namespaces are Linux's");
#endif
}

static void
remove_tmpfs (void)
{
#ifdef __linux__
  if (tmpfs_dir == NULL)
    return;
  if (umount2 (tmpfs_dir, MNT_DETACH) != 0)
    g_warning ("cannot unmount %s: %s", tmpfs_dir, g_strerror (errno));
  g_rmdir (tmpfs_dir);
#endif
}

/* Writes zeros into @path until the file system says it is full; returns
 * the bytes written. */
static gint64
fill_up (const char *path)
{
  static char block[64 * 1024];
  gint64 written = 0;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  for (;;)
    {
      gssize n = write (fd, block, sizeof block);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_assert_cmpint (errno, ==, ENOSPC);
          break;
        }
      written += n;
    }
  /* The last bytes of the last page. */
  while (write (fd, block, 1) == 1)
    written++;
  g_assert_cmpint (errno, ==, ENOSPC);
  g_assert_cmpint (close (fd), ==, 0);
  return written;
}

static char *
integrity_check (const char *path)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *result = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (result, "%s%s", result->len > 0 ? "\n" : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return g_string_free (result, FALSE);
}

/* A write that the full disk refuses: 507 storage_full, which says so. */
static void
assert_refused_for_space (SoupSession  *session,
                          EfTestServer *server,
                          const char   *method,
                          const char   *path,
                          const char   *token,
                          const char   *body)
{
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *error;
  guint status;

  answer = ef_test_api_request (session, server, method, path, token, body, &status);
  g_assert_nonnull (answer);
  error = json_object_get_object_member (json_node_get_object (answer), "error");
  g_test_message ("%s %s on a full disk: %u %s: %s", method, path, status,
                  json_object_get_string_member (error, "code"),
                  json_object_get_string_member (error, "message"));
  g_assert_cmpuint (status, ==, SOUP_STATUS_INSUFFICIENT_STORAGE);
  g_assert_cmpstr (ef_test_api_error_code (answer), ==, "storage_full");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                   "The server's storage is full: nothing was saved; try again later");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (error, "details")), ==, 0);
}

static void
assert_answers (SoupSession  *session,
                EfTestServer *server,
                const char   *path,
                const char   *token)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = ef_test_api_request (session, server, "GET", path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_disk_full (void)
{
  g_autoptr(EfTestServer) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *db = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autofree char *token = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *member_path = NULL;
  g_autofree char *check = NULL;
  const char *patch = "{\"email\": \"nouvelle.adresse@example.org\"}";
  gint64 child, adult, version;
  guint n_changes;

  if (ef_test_store_is_postgresql ())
    {
      g_test_skip ("SQLite only: PostgreSQL's disk is the cluster's");
      return;
    }
  if (tmpfs_dir == NULL)
    {
      g_test_skip (tmpfs_refusal);
      return;
    }

  db = g_build_filename (tmpfs_dir, "faults.db", NULL);
  filler = g_build_filename (tmpfs_dir, "filler", NULL);
  {
    const char *demo_argv[] = { "demo", "--db", db, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (ef_test_server_run_command (demo_argv, NULL, &err), ==, 0);
  }
  server = ef_test_server_start_on (db, clock_args);
  session = ef_test_api_session_new ();
  ef_test_api_demo_account (server, &email, &password);
  ef_test_api_set_clock (session, server, NULL, BEFORE_THE_YEAR);
  /* Signed in before the disk fills: signing in writes. */
  token = ef_test_api_login (session, server, email, password);
  child = first_member (db, "= 'child'");
  adult = first_member (db, "<> 'child'");
  member_path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT, adult);
  batch = ef_test_api_year_batch (session, server, token, &child, 1, &n_changes);
  before = year_planning (session, server, token, child);
  version = planning_version (before);

  g_test_message ("filler: %" G_GINT64_FORMAT " KiB", fill_up (filler) / 1024);

  /* The writes are refused, the same way each time. */
  for (guint i = 0; i < 2; i++)
    {
      assert_refused_for_space (session, server, "POST", "/7249/api/v1/reservations", token, batch);
      assert_refused_for_space (session, server, "PATCH", member_path, token, patch);
    }

  /* Nothing of them was written, nothing broken; reads and /healthz go on. */
  check = integrity_check (db);
  g_assert_cmpstr (check, ==, "ok");
  g_clear_pointer (&after, json_node_unref);
  after = year_planning (session, server, token, child);
  g_assert_cmpint (planning_version (after), ==, version);
  g_assert_cmpuint (n_changes_made (batch, after), ==, 0);
  assert_answers (session, server, "/7249/api/v1/family", token);
  assert_answers (session, server, "/healthz", NULL);

  /* Room again: the same writes succeed. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  {
    g_autoptr(JsonNode) answer = NULL;
    guint status;

    answer = ef_test_api_request (session, server, "POST", "/7249/api/v1/reservations", token, batch, &status);
    g_assert_cmpuint (status, ==, 200);
    g_clear_pointer (&answer, json_node_unref);
    answer = ef_test_api_request (session, server, "PATCH", member_path, token, patch, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (answer), "email"), ==,
                     "nouvelle.adresse@example.org");
  }
  g_clear_pointer (&after, json_node_unref);
  after = year_planning (session, server, token, child);
  g_assert_cmpint (planning_version (after), ==, version + 1);
  g_assert_cmpuint (n_changes_made (batch, after), ==, n_changes);
  g_assert_cmpint (n_audit_lines (db, child), >=, n_changes);

  /* A clean stop, and the file checks whole. */
  g_assert_cmpint (ef_test_server_stop (server), ==, 0);
  g_clear_pointer (&check, g_free);
  check = integrity_check (db);
  g_assert_cmpstr (check, ==, "ok");

  g_clear_pointer (&server, ef_test_server_free);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
}

/* ------------------------------------------- PostgreSQL's disk_full */

/* Every write to these tables fails as PostgreSQL fails on a full disk:
 * SQLSTATE 53100, disk_full. */
static const char install_disk_full[] =
  "CREATE FUNCTION ef_test_disk_full () RETURNS trigger LANGUAGE plpgsql AS $$"
  " BEGIN"
  "   RAISE EXCEPTION 'could not extend file: No space left on device'"
  "     USING ERRCODE = 'disk_full';"
  " END $$;"
  "CREATE TRIGGER ef_test_disk_full BEFORE INSERT OR UPDATE OR DELETE ON reservations"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_test_disk_full ();"
  "CREATE TRIGGER ef_test_disk_full BEFORE INSERT OR UPDATE OR DELETE ON reservation_audit"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_test_disk_full ();"
  "CREATE TRIGGER ef_test_disk_full BEFORE INSERT OR UPDATE OR DELETE ON planning_versions"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_test_disk_full ();"
  "CREATE TRIGGER ef_test_disk_full BEFORE INSERT OR UPDATE OR DELETE ON members"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_test_disk_full ();";

static const char remove_disk_full[] =
  "DROP TRIGGER ef_test_disk_full ON reservations;"
  "DROP TRIGGER ef_test_disk_full ON reservation_audit;"
  "DROP TRIGGER ef_test_disk_full ON planning_versions;"
  "DROP TRIGGER ef_test_disk_full ON members;"
  "DROP FUNCTION ef_test_disk_full ();";

static void
test_pg_disk_full (EfTestDemo    *demo,
                   gconstpointer  data)
{
  const char *db = ef_test_server_get_db_path (demo->server);
  const char *patch = "{\"email\": \"nouvelle.adresse@example.org\"}";
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *member_path = NULL;
  g_autofree char *email_sql = NULL;
  g_autofree char *email = NULL;
  gint64 child, adult, version, n_audit;
  guint n_changes, status;

  if (!ef_test_store_is_postgresql ())
    {
      g_test_skip ("PostgreSQL only: SQLite's full disk is /faults/disk-full's");
      return;
    }

  child = first_member (db, "= 'child'");
  adult = first_member (db, "<> 'child'");
  member_path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT, adult);
  email_sql = g_strdup_printf ("SELECT coalesce (email, '') FROM members WHERE id = %" G_GINT64_FORMAT, adult);
  email = ef_test_db_query_text (db, email_sql);
  batch = ef_test_api_year_batch (demo->session, demo->server, demo->token, &child, 1, &n_changes);
  before = year_planning (demo->session, demo->server, demo->token, child);
  version = planning_version (before);
  n_audit = n_audit_lines (db, child);

  ef_test_db_exec (db, install_disk_full);
  for (guint i = 0; i < 2; i++)
    {
      assert_refused_for_space (demo->session, demo->server, "POST", "/7249/api/v1/reservations",
                                demo->token, batch);
      assert_refused_for_space (demo->session, demo->server, "PATCH", member_path, demo->token, patch);
    }

  /* Nothing of them was written; reads and /healthz go on. */
  after = year_planning (demo->session, demo->server, demo->token, child);
  g_assert_cmpint (planning_version (after), ==, version);
  g_assert_cmpuint (n_changes_made (batch, after), ==, 0);
  g_assert_cmpint (n_audit_lines (db, child), ==, n_audit);
  {
    g_autofree char *unchanged = ef_test_db_query_text (db, email_sql);

    g_assert_cmpstr (unchanged, ==, email);
  }
  assert_answers (demo->session, demo->server, "/7249/api/v1/family", demo->token);
  assert_answers (demo->session, demo->server, "/healthz", NULL);

  /* Room again: the same writes succeed. */
  ef_test_db_exec (db, remove_disk_full);
  answer = ef_test_api_request (demo->session, demo->server, "POST", "/7249/api/v1/reservations",
                                demo->token, batch, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_node_unref);
  answer = ef_test_api_request (demo->session, demo->server, "PATCH", member_path, demo->token, patch,
                                &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (answer), "email"), ==,
                   "nouvelle.adresse@example.org");
  g_clear_pointer (&after, json_node_unref);
  after = year_planning (demo->session, demo->server, demo->token, child);
  g_assert_cmpint (planning_version (after), ==, version + 1);
  g_assert_cmpuint (n_changes_made (batch, after), ==, n_changes);
  g_assert_cmpint (n_audit_lines (db, child), >=, n_audit + n_changes);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Before g_test_init() and any thread. */
  prepare_tmpfs ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/faults/kill-during-year-batch", EfTestDemo, NULL, set_up_before_the_year,
              test_kill_during_year_batch, ef_test_demo_tear_down);
  g_test_add_func ("/faults/disk-full", test_disk_full);
  g_test_add ("/faults/pg-disk-full", EfTestDemo, NULL, set_up_before_the_year,
              test_pg_disk_full, ef_test_demo_tear_down);

  status = g_test_run ();
  remove_tmpfs ();
  g_free (tmpfs_dir);
  g_free (tmpfs_refusal);
  return status;
}
