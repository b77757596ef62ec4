/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-limits.c: what the server accepts at the edges — days far
 * in the past or future, and the headers every answer carries
 *
 * The server runs as its own process: a GLib-CRITICAL there (e.g. from a
 * GDateTime that overflows) does not fail this test by itself, so every
 * test also checks that the server still answers and stops cleanly
 * (G_DEBUG=fatal-criticals, when set, makes a critical kill it). */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "ef-test-api.h"
#include "ef-test-db.h"
#include "ef-test-server.h"

typedef struct
{
  EfTestServer *server;
  SoupSession  *session;
  char         *token;
  char         *staff_token;
  gint64        child;
  gint64        family;
} Fixture;

static const char *
db_path (Fixture *fixture)
{
  return ef_test_server_get_db_path (fixture->server);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *args[] = { "--test-clock", NULL };
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autofree char *staff_email = NULL;
  g_autofree char *staff_password = NULL;
  g_autofree char *sql = NULL;

  fixture->server = ef_test_server_start (TRUE, args);
  fixture->session = ef_test_api_session_new ();
  ef_test_api_demo_account (fixture->server, &email, &password);
  ef_test_api_demo_staff_account (fixture->server, &staff_email, &staff_password);
  fixture->token = ef_test_api_login (fixture->session, fixture->server, email, password);
  fixture->staff_token = ef_test_api_login (fixture->session, fixture->server,
                                            staff_email, staff_password);
  sql = g_strdup_printf ("SELECT family_id FROM accounts WHERE email = '%s'", email);
  fixture->family = ef_test_db_query_int (db_path (fixture), sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT min (id) FROM members WHERE role = 'child' AND family_id = %"
                         G_GINT64_FORMAT, fixture->family);
  fixture->child = ef_test_db_query_int (db_path (fixture), sql);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Still up and serving, then a clean stop: nothing crashed. */
  {
    g_autoptr(JsonNode) health = NULL;
    guint status;

    health = ef_test_api_request (fixture->session, fixture->server, "GET", "/healthz",
                                  NULL, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
  }
  g_assert_cmpint (ef_test_server_stop (fixture->server), ==, 0);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
  g_free (fixture->token);
  g_free (fixture->staff_token);
}

/* @method @path as @token: must be 422 with @code. */
static void
expect_422 (Fixture    *fixture,
            const char *method,
            const char *path,
            const char *token,
            const char *body,
            const char *code)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  g_test_message ("%s %s %s", method, path, body ? body : "");
  answer = ef_test_api_request (fixture->session, fixture->server, method, path, token, body,
                                &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (ef_test_api_error_code (answer), ==, code);
}

static void
test_days_out_of_bounds (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const edges[] = { "0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31" };

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      const char *day = edges[i];
      g_autofree char *from_only = g_strdup_printf ("/7249/api/v1/history/payments?from=%s", day);
      g_autofree char *to_only = g_strdup_printf ("/7249/api/v1/history/connections?to=%s", day);
      g_autofree char *planning_from = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                                        "/planning?from=%s&to=2026-10-10",
                                                        fixture->child, day);
      g_autofree char *planning_to = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                                      "/planning?from=2026-10-05&to=%s",
                                                      fixture->child, day);
      g_autofree char *staff_planning = g_strdup_printf ("/7249/api/v1/staff/members/%" G_GINT64_FORMAT
                                                         "/planning?from=%s&to=%s",
                                                         fixture->child, day, day);
      g_autofree char *attendance = g_strdup_printf ("/7249/api/v1/staff/lists/attendance?day=%s", day);
      g_autofree char *enrol_path = g_strdup_printf ("/7249/api/v1/staff/families/%" G_GINT64_FORMAT
                                                     "/enrolments", fixture->family);
      g_autofree char *enrol = g_strdup_printf ("{\"member\": %" G_GINT64_FORMAT ", \"activity\": "
                                                "\"cantine\", \"from\": \"%s\", \"to\": \"%s\"}",
                                                fixture->child, day, day);
      g_autofree char *reserve = g_strdup_printf ("{\"changes\": [{\"member\": %" G_GINT64_FORMAT ","
                                                  " \"activity\": \"cantine\", \"day\": \"%s\","
                                                  " \"reserved\": true}], \"versions\": {\"%"
                                                  G_GINT64_FORMAT "\": 0}}",
                                                  fixture->child, day, fixture->child);

      expect_422 (fixture, "GET", from_only, fixture->token, NULL, "invalid_field");
      expect_422 (fixture, "GET", to_only, fixture->token, NULL, "invalid_field");
      expect_422 (fixture, "GET", planning_from, fixture->token, NULL, "invalid_field");
      expect_422 (fixture, "GET", planning_to, fixture->token, NULL, "invalid_field");
      expect_422 (fixture, "POST", "/7249/api/v1/reservations", fixture->token, reserve,
                  "invalid_field");
      expect_422 (fixture, "GET", staff_planning, fixture->staff_token, NULL, "invalid_field");
      expect_422 (fixture, "GET", attendance, fixture->staff_token, NULL, "invalid_field");
      expect_422 (fixture, "POST", enrol_path, fixture->staff_token, enrol, "invalid_field");
    }

  /* The edges themselves are days like others. */
  {
    g_autoptr(JsonNode) answer = NULL;
    guint status;

    answer = ef_test_api_request (fixture->session, fixture->server, "GET",
                                  "/7249/api/v1/history/payments?from=2000-01-01&to=2000-12-31",
                                  fixture->token, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_clear_pointer (&answer, json_node_unref);
    answer = ef_test_api_request (fixture->session, fixture->server, "GET",
                                  "/7249/api/v1/history/payments?from=2100-01-01&to=2100-12-31",
                                  fixture->token, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
  }
}

/* The test clock, too: near year 9999 the server's date arithmetic would
 * overflow. */
static void
test_clock_out_of_bounds (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const edges[] = {
    "{\"now\": \"9999-12-31T23:00:00Z\"}", "{\"now\": \"0001-01-01T00:00:00Z\"}",
    "{\"now\": \"2101-01-01T00:00:00+00:00\"}", "{\"now\": \"1999-12-31T23:59:59+00:00\"}",
  };
  g_autoptr(JsonNode) ok = NULL;
  g_autoptr(JsonNode) portal = NULL;
  guint status;

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    expect_422 (fixture, "PUT", "/7249/api/v1/_test/clock", fixture->token, edges[i],
                "invalid_field");
  ok = ef_test_api_request (fixture->session, fixture->server, "PUT", "/7249/api/v1/_test/clock",
                            fixture->token, "{\"now\": \"2100-12-31T12:00:00+01:00\"}", &status);
  g_assert_cmpuint (status, ==, 204);
  portal = ef_test_api_request (fixture->session, fixture->server, "GET", "/7249/api/v1/portal",
                                fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

/* Every JSON answer, errors included, is not to be kept or sniffed. */
static void
test_headers (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const paths[] = {
    "/healthz", "/7249/api/v1/portal", "/7249/api/v1/family", "/7249/api/v1/invoices",
    "/7249/api/v1/payments", "/7249/api/v1/history/payments", "/7249/api/v1/nowhere",
    "/nowhere",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (ef_test_server_get_url (fixture->server), paths[i], NULL);
      g_autofree char *auth = g_strdup_printf ("Bearer %s", fixture->token);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      SoupMessageHeaders *headers;

      g_test_message ("%s", paths[i]);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      body = soup_session_send_and_read (fixture->session, msg, NULL, &error);
      g_assert_no_error (error);
      headers = soup_message_get_response_headers (msg);
      g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Content-Type-Options"), ==, "nosniff");
      g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "no-store");
    }
}

/* GET @path_and_query with @header_size bytes of an extra header (0:
 * none): the status (0 when the connection was dropped) and the body. */
static guint
send_long (Fixture     *fixture,
           const char  *path_and_query,
           gsize        header_size,
           JsonNode   **answer)
{
  g_autofree char *url = g_strconcat (ef_test_server_get_url (fixture->server), path_and_query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  if (header_size > 0)
    {
      g_autofree char *value = g_strnfill (header_size, 'h');

      soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Big", value);
    }
  body = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  if (error != NULL)
    return 0;
  headers = soup_message_get_response_headers (msg);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "application/json");
  *answer = json_from_string (g_bytes_get_data (body, NULL), NULL);
  return soup_message_get_status (msg);
}

/* A long path, query or header gets a JSON answer, not a dropped
 * connection — up to libsoup's own limit of 64 KiB for the request line
 * and headers together, beyond which libsoup drops it unanswered. */
static void
test_long_requests (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *long_path = NULL;
  g_autofree char *long_query = NULL;
  g_autofree char *huge_path = NULL;
  g_autofree char *filler = g_strnfill (60 * 1024, 'a');
  g_autofree char *huge_filler = g_strnfill (70 * 1024, 'a');

  long_path = g_strconcat ("/7249/api/v1/", filler, NULL);
  long_query = g_strconcat ("/7249/api/v1/portal?x=", filler, NULL);
  huge_path = g_strconcat ("/7249/api/v1/", huge_filler, NULL);

  {
    g_autoptr(JsonNode) answer = NULL;

    g_assert_cmpuint (send_long (fixture, long_path, 0, &answer), ==, 414);
    g_assert_cmpstr (ef_test_api_error_code (answer), ==, "uri_too_long");
  }
  {
    g_autoptr(JsonNode) answer = NULL;

    g_assert_cmpuint (send_long (fixture, long_query, 0, &answer), ==, 414);
    g_assert_cmpstr (ef_test_api_error_code (answer), ==, "uri_too_long");
  }
  {
    g_autoptr(JsonNode) answer = NULL;

    g_assert_cmpuint (send_long (fixture, "/7249/api/v1/portal", 60 * 1024, &answer), ==, 431);
    g_assert_cmpstr (ef_test_api_error_code (answer), ==, "headers_too_large");
  }
  {
    g_autoptr(JsonNode) answer = NULL;

    /* Under the limits: served as usual. */
    g_assert_cmpuint (send_long (fixture, "/7249/api/v1/portal", 4096, &answer), ==, 200);
  }
  {
    g_autoptr(JsonNode) answer = NULL;

    /* Past libsoup's limit: dropped, and the server goes on (teardown). */
    g_assert_cmpuint (send_long (fixture, huge_path, 0, &answer), ==, 0);
  }
}

/* The server's open file descriptors (its sockets among them). */
static guint
count_descriptors (Fixture *fixture)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", (int) ef_test_server_get_pid (fixture->server));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* One request on a connection of its own, kept alive by the server, then
 * closed by the client while the server waits for its next request. */
static void
request_then_close (Fixture *fixture)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  GInputStream *in;
  const char *request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const char *url = ef_test_server_get_url (fixture->server);
  char buffer[4096];

  connection = g_socket_client_connect_to_uri (client, url, 80, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  /* The whole answer: its headers, then the body they announce. */
  while (strstr (answer->str, "\r\n\r\n") == NULL ||
         answer->len - (strstr (answer->str, "\r\n\r\n") + 4 - answer->str) <
           (gsize) g_ascii_strtoull (strstr (answer->str, "Content-Length: ") + 16, NULL, 10))
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (answer, buffer, n);
    }
  g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 200"));
  g_io_stream_close (G_IO_STREAM (connection), NULL, &error);
  g_assert_no_error (error);
}

/* Connections their clients close while kept alive do not stay open in
 * the server (libsoup 3.2 leaves them in CLOSE-WAIT; the server closes
 * them within seconds): 300 of them, and the server has no more
 * descriptors than before, however long it runs. */
static void
test_closed_connections (Fixture       *fixture,
                         gconstpointer  data)
{
  guint before = count_descriptors (fixture), after = 0;

  for (guint i = 0; i < 300; i++)
    request_then_close (fixture);

  /* Swept every 2 s: wait up to 10 s for it. */
  for (guint wait = 0; wait < 100; wait++)
    {
      after = count_descriptors (fixture);
      if (after <= before)
        break;
      g_usleep (100 * 1000);
    }
  g_test_message ("descriptors: %u before, %u after 300 closed connections", before, after);
  g_assert_cmpuint (after, <=, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/limits/days-out-of-bounds", test_days_out_of_bounds);
  ADD ("/limits/clock-out-of-bounds", test_clock_out_of_bounds);
  ADD ("/limits/headers", test_headers);
  ADD ("/limits/long-requests", test_long_requests);
  ADD ("/limits/closed-connections", test_closed_connections);

  return g_test_run ();
}
