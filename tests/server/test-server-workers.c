/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-workers.c: `serve --workers N`, N processes on one port
 *
 * What a worker must share with the others is in the database: a session
 * opened through one connection is valid on every other one, whichever
 * worker the kernel gives it to. A stop stops every worker; a worker that
 * dies stops the others.
 */

#define G_LOG_DOMAIN "EfTest"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ef-test-api.h"

#define N_CONNECTIONS 24

static const char * const workers_args[] = { "--workers", "2", NULL };

/* A request on a connection of its own (a new session each time). */
static guint
request_alone (EfTestServer *server,
               const char   *method,
               const char   *path,
               const char   *token)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = ef_test_api_request (session, server, method, path, token, NULL, &status);
  return status;
}

/* The pids of @pid's children, from /proc; NULL when the kernel does not
 * say. */
static GArray *
children_of (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task/%d/children", (int) pid, (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  GArray *pids;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  fields = g_strsplit (g_strstrip (text), " ", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    if (*fields[i] != '\0')
      {
        GPid child = (GPid) g_ascii_strtoll (fields[i], NULL, 10);

        g_array_append_val (pids, child);
      }
  return pids;
}

/* After the server has exited, nobody listens on its port any more. */
static void
assert_port_closed (const char *url)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri),
                                                (guint16) g_uri_get_port (uri), NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_workers_share_sessions (void)
{
  g_autoptr(EfTestServer) server = ef_test_server_start (TRUE, workers_args);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = g_strdup (ef_test_server_get_url (server));
  g_autoptr(GArray) children = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  children = children_of (ef_test_server_get_pid (server));
  if (children != NULL)
    g_assert_cmpuint (children->len, ==, 2);

  for (guint i = 0; i < N_CONNECTIONS; i++)
    g_assert_cmpuint (request_alone (server, "GET", "/healthz", NULL), ==, 200);

  ef_test_api_demo_account (server, &email, &password);
  token = ef_test_api_login (session, server, email, password);
  for (guint i = 0; i < N_CONNECTIONS; i++)
    g_assert_cmpuint (request_alone (server, "GET", "/7249/api/v1/auth/session", token), ==, 200);

  /* Signed out through one connection: refused on all the others. */
  answer = ef_test_api_request (session, server, "POST", "/7249/api/v1/auth/logout", token, NULL, &status);
  g_assert_cmpuint (status / 100, ==, 2);
  for (guint i = 0; i < N_CONNECTIONS; i++)
    g_assert_cmpuint (request_alone (server, "GET", "/7249/api/v1/auth/session", token), ==, 401);

  /* SIGTERM stops every worker: the port is closed once the server has
   * exited. */
  g_assert_cmpint (ef_test_server_stop (server), ==, 0);
  assert_port_closed (url);
}

static void
test_worker_death_stops_all (void)
{
  g_autoptr(EfTestServer) server = ef_test_server_start (TRUE, workers_args);
  g_autofree char *url = g_strdup (ef_test_server_get_url (server));
  g_autoptr(GArray) children = children_of (ef_test_server_get_pid (server));

  if (children == NULL)
    {
      g_test_skip ("/proc/PID/task/PID/children is missing");
      return;
    }
  g_assert_cmpuint (children->len, ==, 2);
  g_assert_cmpuint (request_alone (server, "GET", "/healthz", NULL), ==, 200);

  /* Whether the parent sees the death before our SIGTERM or after, it
   * stops the other worker and says the stop was not clean. */
  g_assert_cmpint (kill (g_array_index (children, GPid, 0), SIGKILL), ==, 0);
  g_assert_cmpint (ef_test_server_stop (server), ==, 1);
  assert_port_closed (url);
}

static void
test_workers_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ef-test-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "test.db", NULL);
  const char *pool_on_sqlite[] = { "serve", "--db", db, "--listen", "127.0.0.1:0",
                                   "--db-connections", "2", NULL };
  const char *big_pool[] = { "serve", "--db", db, "--listen", "127.0.0.1:0",
                             "--db-connections", "65", NULL };
  const char *zero[] = { "serve", "--db", db, "--listen", "127.0.0.1:0", "--workers", "0", NULL };
  const char *too_many[] = { "serve", "--db", db, "--listen", "127.0.0.1:0", "--workers", "65", NULL };
  g_autofree char *err = NULL;

  /* Threads with connections of their own are PostgreSQL's. */
  g_assert_cmpint (ef_test_server_run_command (pool_on_sqlite, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--db-connections"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_server_run_command (big_pool, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--db-connections"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_server_run_command (zero, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--workers"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_server_run_command (too_many, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--workers"));

  g_remove (db);
  g_rmdir (dir);
}

/* The test clock is the database's: set through one worker, every worker
 * dates its answers with it. */
static void
test_workers_share_clock (void)
{
  static const char * const args[] = { "--workers", "2", "--test-clock", NULL };
  g_autoptr(EfTestServer) server = ef_test_server_start (TRUE, args);
  g_autoptr(SoupSession) session = ef_test_api_session_new ();

  ef_test_api_set_clock (session, server, NULL, "2027-03-15T10:00:00+01:00");
  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      g_autoptr(SoupSession) alone = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
      g_autofree char *url = g_strconcat (ef_test_server_get_url (server), "/healthz", NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = soup_session_send_and_read (alone, msg, NULL, NULL);
      g_autoptr(GDateTime) date = NULL;

      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      date = soup_date_time_new_from_http_string (
        soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date"));
      g_assert_nonnull (date);
      g_assert_cmpint (g_date_time_to_unix (date), ==, 1805101200);  /* 2027-03-15 09:00 UTC */
    }
  g_assert_cmpint (ef_test_server_stop (server), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/workers/share-sessions", test_workers_share_sessions);
  g_test_add_func ("/server/workers/death-stops-all", test_worker_death_stops_all);
  g_test_add_func ("/server/workers/refused", test_workers_refused);
  g_test_add_func ("/server/workers/share-clock", test_workers_share_clock);

  return g_test_run ();
}
