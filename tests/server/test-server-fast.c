/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-fast.c: the planning GET answered by the fast path, on the
 * real binary over raw HTTP
 *
 * The fast path must answer exactly as libsoup does, and give libsoup
 * every request of another shape with the bytes it read. Its answers are
 * compared with libsoup's to the same request sent the libsoup way (with a
 * header the fast path does not take: "Connection: keep-alive", which
 * changes nothing for HTTP/1.1). Which of the two had each connection is
 * read from the server's debug messages (G_MESSAGES_DEBUG, on its standard
 * output), and its request lines from its standard error, which the test
 * points to a file.
 */

#define G_LOG_DOMAIN "EfTest"

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ef-test-api.h"
#include "ef-test-db.h"

static const char * const test_clock_args[] = { "--test-clock", NULL };

#define HANDED_OVER "A connection goes to libsoup (answers of the fast path: "
#define CLOSED "A connection of the fast path is closed (answers: "
#define PLANNING_LOG " EF_TENANT=7249 EF_METHOD=GET EF_ROUTE=/{tenant}/api/v1/members/{id}/planning" \
                     " EF_STATUS=200 EF_DURATION_MS="

typedef struct
{
  EfTestServer *server;
  SoupSession  *session;
  char         *log_path;
  char         *token;
  gint64        child;
  gint64        stranger;   /* a child of another family */
} Fixture;

/* A connection and what was read of it, not taken yet. */
typedef struct
{
  GSocketConnection *connection;
  GString           *pending;
} Raw;

static void
raw_free (Raw *raw)
{
  g_clear_object (&raw->connection);
  g_string_free (raw->pending, TRUE);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Raw, raw_free)

/* ------------------------------------------------------------ fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;
  const char *db;
  int saved_stderr, log_fd;

  /* The server's standard error (inherited) is a file of the test's. */
  log_fd = g_file_open_tmp ("ef-test-fast-XXXXXX.log", &fixture->log_path, &error);
  g_assert_no_error (error);
  g_setenv ("G_MESSAGES_DEBUG", "EfServer", TRUE);
  saved_stderr = dup (STDERR_FILENO);
  g_assert_cmpint (dup2 (log_fd, STDERR_FILENO), ==, STDERR_FILENO);
  fixture->server = ef_test_server_start (TRUE, test_clock_args);
  g_assert_cmpint (dup2 (saved_stderr, STDERR_FILENO), ==, STDERR_FILENO);
  close (saved_stderr);
  close (log_fd);
  g_unsetenv ("G_MESSAGES_DEBUG");

  db = ef_test_server_get_db_path (fixture->server);
  fixture->session = ef_test_api_session_new ();
  ef_test_api_demo_account (fixture->server, &email, &password);
  fixture->child = ef_test_db_query_int (db, "SELECT m.id FROM members m JOIN accounts a ON a.family_id = m.family_id"
                                             " WHERE m.role = 'child' ORDER BY m.position, m.id LIMIT 1");
  ef_test_db_exec (db, "INSERT INTO families (tenant_id, name, address_line1, address_line2, postal_code, city,"
                       "  created_at, updated_at) VALUES ('7249', 'Autre', '1 rue', '', '64140', 'Billère', 0, 0);"
                       "INSERT INTO members (family_id, position, role, first_name, last_name, birth_date, updated_at)"
                       " VALUES ((SELECT max (id) FROM families), 0, 'child', 'Autre', 'Enfant', '2018-01-01', 0);");
  fixture->stranger = ef_test_db_query_int (db, "SELECT id FROM members WHERE first_name = 'Autre'");
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, "2026-10-05T08:00:00+02:00");
  fixture->token = ef_test_api_login (fixture->session, fixture->server, email, password);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->server, ef_test_server_free);
  g_clear_object (&fixture->session);
  g_unlink (fixture->log_path);
  g_free (fixture->log_path);
  g_free (fixture->token);
}

/* Stops the server and returns what it wrote on its standard error and
 * then on its standard output. */
static char *
stop_and_read_log (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *log = NULL;

  g_assert_cmpint (ef_test_server_stop (fixture->server), ==, 0);
  g_file_get_contents (fixture->log_path, &log, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_splice (out, ef_test_server_get_stdout (fixture->server), 0, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, &error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_strconcat (log, "\n", g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                      NULL);
}

static guint
count (const char *text,
       const char *what)
{
  guint n = 0;

  for (const char *at = strstr (text, what); at != NULL; at = strstr (at + 1, what))
    n++;
  return n;
}

/* Asserts how many connections went to libsoup, and how many the fast
 * path closed, after so many answers of its own. Those that went to
 * libsoup at once include the fixture's own (its session's): at least
 * @expected of them. */
static void
assert_connections (const char *log,
                    const char *prefix,
                    guint       answers,
                    guint       expected)
{
  g_autofree char *line = g_strdup_printf ("%s%u)", prefix, answers);
  guint n = count (log, line);

  if (answers == 0 && strcmp (prefix, HANDED_OVER) == 0 ? n < expected : n != expected)
    {
      g_test_message ("%s", log);
      g_test_message ("%s: %u, not %u", line, n, expected);
      g_test_fail ();
    }
}

/* ---------------------------------------------------------------- raw */

static Raw *
raw_connect (Fixture *fixture)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  Raw *raw = g_new0 (Raw, 1);

  raw->connection = g_socket_client_connect_to_uri (client, ef_test_server_get_url (fixture->server),
                                                    80, NULL, &error);
  g_assert_no_error (error);
  /* An answer that never comes fails the test, not the suite's time. */
  g_socket_set_timeout (g_socket_connection_get_socket (raw->connection), 30);
  raw->pending = g_string_new (NULL);
  return raw;
}

static void
raw_send_len (Raw        *raw,
              const char *text,
              gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (raw->connection)),
                             text, length, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
raw_send (Raw        *raw,
          const char *text)
{
  raw_send_len (raw, text, strlen (text));
}

/* Reads more: FALSE at the end of the stream. */
static gboolean
raw_read_more (Raw *raw)
{
  g_autoptr(GError) error = NULL;
  char buffer[4096];
  gssize n;

  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (raw->connection)),
                           buffer, sizeof buffer, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    return FALSE;
  g_assert_no_error (error);
  g_string_append_len (raw->pending, buffer, n);
  return n > 0;
}

/* The next whole answer (its head, and the body its Content-Length says,
 * none after HEAD), or what came before the end of the stream. */
static char *
raw_read_answer (Raw      *raw,
                 gboolean  head_only)
{
  for (;;)
    {
      const char *end = strstr (raw->pending->str, "\r\n\r\n");

      if (end != NULL)
        {
          gsize head_length = end + 4 - raw->pending->str;
          g_autofree char *head = g_ascii_strdown (raw->pending->str, head_length);
          const char *length_at = strstr (head, "\r\ncontent-length: ");
          gsize length = head_length;
          char *answer;

          if (length_at != NULL && !head_only)
            length += g_ascii_strtoull (length_at + strlen ("\r\ncontent-length: "), NULL, 10);
          if (raw->pending->len >= length)
            {
              answer = g_strndup (raw->pending->str, length);
              g_string_erase (raw->pending, 0, length);
              return answer;
            }
        }
      if (!raw_read_more (raw))
        {
          char *rest = g_strdup (raw->pending->str);

          g_string_truncate (raw->pending, 0);
          return rest;
        }
    }
}

/* Whether the server closed the connection (nothing more to read). */
static void
assert_closed (Raw *raw)
{
  g_assert_false (raw_read_more (raw));
  g_assert_cmpuint (raw->pending->len, ==, 0);
}

/* A planning request's head: @method, the member's planning for @query,
 * @version, the Host and the fixture's session, then @extra headers. */
static char *
planning_head (Fixture    *fixture,
               const char *method,
               gint64      member,
               const char *query,
               const char *version,
               const char *extra)
{
  return g_strdup_printf ("%s /7249/api/v1/members/%" G_GINT64_FORMAT "/planning?%s %s\r\n"
                          "Host: 127.0.0.1\r\n"
                          "Authorization: Bearer %s\r\n"
                          "%s"
                          "\r\n", method, member, query, version, fixture->token, extra);
}

/* A well-formed planning GET, with @extra headers. */
static char *
planning_request (Fixture    *fixture,
                  gint64      member,
                  const char *query,
                  const char *extra)
{
  return planning_head (fixture, "GET", member, query, "HTTP/1.1", extra);
}

/* The answer to @request on a new connection, which the server keeps. */
static char *
answer_alone (Fixture    *fixture,
              const char *request)
{
  g_autoptr(Raw) raw = raw_connect (fixture);

  raw_send (raw, request);
  return raw_read_answer (raw, FALSE);
}

#define KEEP_ALIVE "Connection: keep-alive\r\n"
#define NOVEMBER "from=2026-11-01&to=2026-11-30"

/* -------------------------------------------------------------- tests */

static void
test_fast_same_answer (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *fast_request = planning_request (fixture, fixture->child, NOVEMBER, "");
  g_autofree char *soup_request = planning_request (fixture, fixture->child, NOVEMBER, KEEP_ALIVE);
  g_autofree char *reversed = planning_request (fixture, fixture->child,
                                                "to=2026-11-30&from=2026-11-01", "");
  g_autofree char *fast = answer_alone (fixture, fast_request);
  g_autofree char *soup = answer_alone (fixture, soup_request);
  g_autofree char *fast_reversed = answer_alone (fixture, reversed);
  g_autofree char *log = NULL;

  /* The same bytes, Date and "now" included: the test clock stands still. */
  g_assert_true (g_str_has_prefix (fast, "HTTP/1.1 200 OK\r\nServer: espace-famille-server/"));
  g_assert_nonnull (strstr (fast, "\r\nDate: Mon, 05 Oct 2026 06:00:00 GMT\r\n"));
  g_assert_cmpstr (fast, ==, soup);
  g_assert_cmpstr (fast_reversed, ==, soup);

  log = stop_and_read_log (fixture);
  assert_connections (log, CLOSED, 1, 2);
  assert_connections (log, HANDED_OVER, 0, 1);
  /* Each request has its line, as libsoup's have. */
  g_assert_cmpuint (count (log, PLANNING_LOG), ==, 3);
  g_assert_cmpuint (count (log, "GET /{tenant}/api/v1/members/{id}/planning 200 "), ==, 3);
}

/* Queries of other shapes than from=…&to=…: the same answers as
 * libsoup's, whichever side gives them. */
static void
test_fast_query_shapes (Fixture       *fixture,
                        gconstpointer  data)
{
  const char * const queries[] = {
    "from=2026-11-01&to=2026-11-30&to=2026-11-30",
    "from=2026-11-01&from=2026-11-02",
    "from=2026-11-01",
    "from=2026-11-01&",
    "&to=2026-11-30",
    "fro=2026-11-01&to=2026-11-30",
    "from=2026-11-01&to=",
    "from=&to=2026-11-30",
    "to=2026-11-30&from=2026-11-01",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *fast_request = planning_request (fixture, fixture->child, queries[i], "");
      g_autofree char *soup_request = planning_request (fixture, fixture->child, queries[i],
                                                        KEEP_ALIVE);
      g_autofree char *fast = answer_alone (fixture, fast_request);
      g_autofree char *soup = answer_alone (fixture, soup_request);

      g_test_message ("%s: %.*s", queries[i], (int) strcspn (fast, "\r"), fast);
      g_assert_true (g_str_has_prefix (fast, "HTTP/1.1 "));
      g_assert_cmpstr (fast, ==, soup);
    }
}

static void
test_fast_pipelined (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Raw) raw = raw_connect (fixture);
  g_autoptr(GString) three = g_string_new (NULL);
  g_autofree char *log = NULL;
  g_autofree char *last = NULL;

  for (guint day = 1; day <= 3; day++)
    {
      g_autofree char *query = g_strdup_printf ("from=2026-11-01&to=2026-11-0%u", day);
      g_autofree char *request = planning_request (fixture, fixture->child, query, "");

      g_string_append (three, request);
    }
  /* In one write: answered in order. */
  raw_send (raw, three->str);
  for (guint day = 1; day <= 3; day++)
    {
      g_autofree char *answer = raw_read_answer (raw, FALSE);
      g_autofree char *to = g_strdup_printf ("\"to\":\"2026-11-0%u\"", day);

      g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
      g_assert_nonnull (strstr (answer, to));
    }

  /* Then a request of HTTP/1.0: libsoup's, on the same connection. */
  raw_send (raw, "GET /healthz HTTP/1.0\r\n\r\n");
  last = raw_read_answer (raw, FALSE);
  g_assert_true (g_str_has_prefix (last, "HTTP/1.0 200 OK\r\n"));

  log = stop_and_read_log (fixture);
  assert_connections (log, HANDED_OVER, 3, 1);
}

static void
test_fast_byte_at_a_time (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *request = planning_request (fixture, fixture->child, NOVEMBER, "");
  g_autofree char *whole = answer_alone (fixture, request);
  g_autoptr(Raw) raw = raw_connect (fixture);
  g_autofree char *answer = NULL;
  g_autofree char *log = NULL;

  for (const char *c = request; *c != '\0'; c++)
    {
      raw_send_len (raw, c, 1);
      g_usleep (200);
    }
  answer = raw_read_answer (raw, FALSE);
  g_assert_cmpstr (answer, ==, whole);

  log = stop_and_read_log (fixture);
  assert_connections (log, CLOSED, 1, 2);
}

static void
test_fast_then_libsoup (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *get = planning_request (fixture, fixture->child, NOVEMBER, "");
  const char *body = "{\"reservations\": []}";
  g_autofree char *post = g_strdup_printf ("POST /7249/api/v1/reservations HTTP/1.1\r\n"
                                           "Host: 127.0.0.1\r\n"
                                           "Authorization: Bearer %s\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "\r\n%s", fixture->token, strlen (body), body);
  g_autofree char *post_alone = answer_alone (fixture, post);
  g_autoptr(Raw) raw = raw_connect (fixture);
  g_autofree char *all = g_strconcat (get, post, get, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *log = NULL;

  /* A GET, a POST (libsoup's from there on) and a GET, in one write. */
  raw_send (raw, all);
  first = raw_read_answer (raw, FALSE);
  second = raw_read_answer (raw, FALSE);
  third = raw_read_answer (raw, FALSE);
  g_assert_true (g_str_has_prefix (first, "HTTP/1.1 200 OK\r\n"));
  g_assert_cmpstr (second, ==, post_alone);
  g_assert_cmpstr (third, ==, first);

  log = stop_and_read_log (fixture);
  assert_connections (log, HANDED_OVER, 1, 1);
  assert_connections (log, HANDED_OVER, 0, 1);
}

static void
test_fast_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *bad_token = g_strdup (fixture->token);
  struct {
    gint64      member;
    const char *query;
    gboolean    bad_token;
    const char *status;
  } cases[] = {
    { fixture->child, NOVEMBER, TRUE, "401" },
    { fixture->stranger, NOVEMBER, FALSE, "404" },
    { 999999, NOVEMBER, FALSE, "404" },
    { fixture->child, "from=2026-13-01&to=2026-11-30", FALSE, "422" },
    { fixture->child, "from=2026-11-30&to=2026-11-01", FALSE, "422" },
    { fixture->child, "from=2026-01-01&to=2027-12-31", FALSE, "422" },
  };
  g_autofree char *log = NULL;

  /* Another token of the same shape. */
  bad_token[0] = bad_token[0] == 'A' ? 'B' : 'A';
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *saved = g_strdup (fixture->token);
      g_autofree char *fast_request = NULL;
      g_autofree char *soup_request = NULL;
      g_autofree char *fast = NULL;
      g_autofree char *soup = NULL;
      g_autofree char *status = g_strdup_printf ("HTTP/1.1 %s ", cases[i].status);

      if (cases[i].bad_token)
        {
          g_free (fixture->token);
          fixture->token = g_strdup (bad_token);
        }
      fast_request = planning_request (fixture, cases[i].member, cases[i].query, "");
      soup_request = planning_request (fixture, cases[i].member, cases[i].query, KEEP_ALIVE);
      g_free (fixture->token);
      fixture->token = g_steal_pointer (&saved);
      fast = answer_alone (fixture, fast_request);
      soup = answer_alone (fixture, soup_request);
      g_test_message ("%s", fast);
      g_assert_true (g_str_has_prefix (fast, status));
      g_assert_cmpstr (fast, ==, soup);
    }

  log = stop_and_read_log (fixture);
  assert_connections (log, HANDED_OVER, 0, 2 * G_N_ELEMENTS (cases));
  g_assert_cmpuint (count (log, PLANNING_LOG), ==, 0);
}

static void
test_fast_other_shapes (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *long_value = g_strnfill (9000, 'a');
  g_autofree char *long_header = g_strconcat ("X-Long: ", long_value, "\r\n", NULL);
  struct {
    const char *method;
    const char *version;
    const char *extra;
    const char *expected;     /* the answer's beginning */
    gboolean    closed;       /* then the connection closed */
  } cases[] = {
    { "GET", "HTTP/1.0", "", "HTTP/1.0 200 OK\r\n", TRUE },
    { "HEAD", "HTTP/1.1", "", "HTTP/1.1 200 OK\r\n", FALSE },
    { "GET", "HTTP/1.1", "Connection: close\r\n", "HTTP/1.1 200 OK\r\n", TRUE },
    { "GET", "HTTP/1.1", long_header, "HTTP/1.1 ", FALSE },
    /* libsoup skips a line without a colon. */
    { "GET", "HTTP/1.1", "No colon here\r\n", "HTTP/1.1 200 OK\r\n", FALSE },
    /* libsoup refuses the head whole, its version unread. */
    { "GET", "HTTP/1.1", "X-Nul: a\1b\r\n", "HTTP/1.0 400 Bad Request\r\n", TRUE },
  };
  g_autofree char *log = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Raw) raw = raw_connect (fixture);
      g_autofree char *request = planning_head (fixture, cases[i].method, fixture->child, NOVEMBER,
                                                cases[i].version, cases[i].extra);
      g_autofree char *answer = NULL;
      char *nul = strchr (request, '\1');

      /* A NUL inside the head, written as such. */
      if (nul != NULL)
        *nul = '\0';
      raw_send_len (raw, request, nul != NULL ? strlen (request) + 1 + strlen (nul + 1)
                                              : strlen (request));
      answer = raw_read_answer (raw, strcmp (cases[i].method, "HEAD") == 0);
      g_test_message ("%.*s", (int) strcspn (answer, "\r"), answer);
      g_assert_true (g_str_has_prefix (answer, cases[i].expected));
      if (cases[i].closed)
        assert_closed (raw);
    }

  log = stop_and_read_log (fixture);
  assert_connections (log, HANDED_OVER, 0, G_N_ELEMENTS (cases));
  /* All but HEAD, and the NUL refused. */
  g_assert_cmpuint (count (log, PLANNING_LOG), ==, 4);
}

/* Heads the fast path must leave to libsoup, each followed by the same
 * planning GET on the same connection: libsoup answers both, as it does
 * without the fast path (no request smuggled past either reader). */
static void
test_fast_guards (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *auth = g_strdup_printf ("Authorization: Bearer %s\r\n", fixture->token);
  g_autofree char *plain = planning_request (fixture, fixture->child, NOVEMBER, "");
  struct {
    const char *extra;        /* headers */
    const char *body;
    const char *expected;     /* the first answer's beginning */
  } cases[] = {
    { "Transfer-Encoding: chunked\r\n", "0\r\n\r\n", "HTTP/1.1 200 OK\r\n" },
    { "Content-Length: 5\r\n", "hello", "HTTP/1.1 200 OK\r\n" },
    { "Content-Length: 0\r\nContent-Length: 0\r\n", "", "HTTP/1.1 " },
    { "Host: 127.0.0.1\r\n", "", "HTTP/1.1 " },
    { NULL /* the Authorization again */, "", "HTTP/1.1 " },
    { "Expect: 100-continue\r\n", "", "HTTP/1.1 " },
    { "Upgrade: websocket\r\n", "", "HTTP/1.1 " },
  };
  g_autofree char *log = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Raw) raw = raw_connect (fixture);
      g_autofree char *head = planning_request (fixture, fixture->child, NOVEMBER,
                                                cases[i].extra != NULL ? cases[i].extra : auth);
      g_autofree char *request = g_strconcat (head, cases[i].body, plain, NULL);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;

      raw_send (raw, request);
      first = raw_read_answer (raw, FALSE);
      g_test_message ("%.*s", (int) strcspn (first, "\r"), first);
      g_assert_true (g_str_has_prefix (first, cases[i].expected));
      /* 100 Continue comes before the answer. */
      if (g_str_has_prefix (first, "HTTP/1.1 100 "))
        {
          g_free (first);
          first = raw_read_answer (raw, FALSE);
        }
      if (strstr (first, "\r\nConnection: close\r\n") != NULL)
        continue;
      second = raw_read_answer (raw, FALSE);
      g_assert_true (g_str_has_prefix (second, "HTTP/1.1 200 OK\r\n"));
    }

  log = stop_and_read_log (fixture);
  /* None of them answered by the fast path. */
  g_assert_cmpuint (count (log, HANDED_OVER "0)"), >=, G_N_ELEMENTS (cases));
  g_assert_cmpuint (count (log, HANDED_OVER "1)"), ==, 0);
  g_assert_cmpuint (count (log, CLOSED "1)"), ==, 0);
}

/* A head whose lines end with bare line feeds (a hand-written probe) is
 * libsoup's at once: answered, the connection left open. */
static void
test_fast_bare_line_feeds (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const heads[] = {
    "GET /healthz HTTP/1.1\nHost: 127.0.0.1\n\n",
    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\n",
    "GET /healthz HTTP/1.0\n\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      g_autoptr(Raw) raw = raw_connect (fixture);
      g_autofree char *answer = NULL;

      /* Not closed by this side: the answer must not wait for more. */
      raw_send (raw, heads[i]);
      answer = raw_read_answer (raw, FALSE);
      g_assert_true (g_str_has_prefix (answer, "HTTP/1."));
      g_assert_nonnull (strstr (answer, " 200 OK\r\n"));
    }
}

/* Each request's reads are of the database as it is when it comes: on one
 * connection kept alive, a session touched, then one ended by another
 * process, which the next request finds. */
static void
test_fast_sees_writes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *request = planning_request (fixture, fixture->child, NOVEMBER, "");
  g_autoptr(GDateTime) later = g_date_time_new_from_iso8601 ("2026-10-05T08:05:00+02:00", NULL);
  const char *db = ef_test_server_get_db_path (fixture->server);
  g_autoptr(Raw) raw = raw_connect (fixture);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *log = NULL;

  /* Five minutes after the sign-in: the session is touched. */
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, "2026-10-05T08:05:00+02:00");
  raw_send (raw, request);
  first = raw_read_answer (raw, FALSE);
  g_assert_true (g_str_has_prefix (first, "HTTP/1.1 200 OK\r\n"));
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT max (last_seen_at) FROM sessions"), ==,
                   g_date_time_to_unix (later));
  raw_send (raw, request);
  second = raw_read_answer (raw, FALSE);
  g_assert_cmpstr (second, ==, first);

  ef_test_db_exec (db, "UPDATE sessions SET ended_at = last_seen_at");
  raw_send (raw, request);
  third = raw_read_answer (raw, FALSE);
  g_assert_true (g_str_has_prefix (third, "HTTP/1.1 401 "));

  log = stop_and_read_log (fixture);
  assert_connections (log, HANDED_OVER, 2, 1);
}

typedef struct
{
  Raw        *raw;
  const char *text;
} Writer;

static gpointer
write_all_thread (gpointer data)
{
  Writer *writer = data;

  raw_send (writer->raw, writer->text);
  return NULL;
}

#define SLOW_READER_REQUESTS 1000

static void
test_fast_slow_reader (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *request = planning_request (fixture, fixture->child, NOVEMBER, "");
  g_autofree char *first = answer_alone (fixture, request);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(Raw) raw = raw_connect (fixture);
  g_autofree char *other = NULL;
  g_autofree char *log = NULL;
  Writer writer = { raw, NULL };
  GThread *thread;

  /* Some megabytes of answers that the client does not read yet: the
   * server waits until it can write, reads no more meanwhile, and serves
   * the other connections. */
  for (guint i = 0; i < SLOW_READER_REQUESTS; i++)
    g_string_append (all, request);
  writer.text = all->str;
  thread = g_thread_new ("writer", write_all_thread, &writer);
  g_usleep (G_USEC_PER_SEC / 2);
  other = answer_alone (fixture, request);
  g_assert_cmpstr (other, ==, first);

  for (guint i = 0; i < SLOW_READER_REQUESTS; i++)
    {
      g_autofree char *answer = raw_read_answer (raw, FALSE);

      g_assert_cmpstr (answer, ==, first);
    }
  g_thread_join (thread);

  log = stop_and_read_log (fixture);
  assert_connections (log, CLOSED, SLOW_READER_REQUESTS, 1);
  assert_connections (log, CLOSED, 1, 2);
}

/* Sends the head of a sign-in announcing a body, and waits for "100
 * Continue": the request is in flight until the body comes. */
static Raw *
begin_slow_login (Fixture *fixture,
                  gsize    length)
{
  Raw *raw = raw_connect (fixture);
  g_autofree char *head = g_strdup_printf ("POST /7249/api/v1/auth/login HTTP/1.1\r\n"
                                           "Host: 127.0.0.1\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "Expect: 100-continue\r\n"
                                           "\r\n", length);
  g_autofree char *interim = NULL;

  raw_send (raw, head);
  interim = raw_read_answer (raw, TRUE);
  g_assert_true (g_str_has_prefix (interim, "HTTP/1.1 100 "));
  return raw;
}

/* Until the server refuses new connections: it is stopping. */
static void
wait_refused (Fixture *fixture)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocketConnection) other = NULL;

      other = g_socket_client_connect_to_uri (client, ef_test_server_get_url (fixture->server), 80,
                                              NULL, &error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
        return;
      g_usleep (10 * 1000);
    }
  g_assert_not_reached ();
}

static void
test_fast_while_stopping (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *fast_request = planning_request (fixture, fixture->child, NOVEMBER, "");
  g_autofree char *soup_request = planning_request (fixture, fixture->child, NOVEMBER, KEEP_ALIVE);
  g_autoptr(Raw) fast = raw_connect (fixture);
  g_autoptr(Raw) soup = raw_connect (fixture);
  g_autoptr(Raw) slow = begin_slow_login (fixture, 2);
  g_autofree char *fast_before = NULL;
  g_autofree char *soup_before = NULL;
  g_autofree char *fast_after = NULL;
  g_autofree char *soup_after = NULL;
  g_autofree char *log = NULL;

  /* Two kept-alive connections, one of each. */
  raw_send (fast, fast_request);
  raw_send (soup, soup_request);
  fast_before = raw_read_answer (fast, FALSE);
  soup_before = raw_read_answer (soup, FALSE);
  g_assert_cmpstr (fast_before, ==, soup_before);

  /* The server stops, waiting for the sign-in in flight: the requests
   * that come meanwhile are answered, with Connection: close, and their
   * connections closed. */
  g_assert_cmpint (kill (ef_test_server_get_pid (fixture->server), SIGTERM), ==, 0);
  wait_refused (fixture);
  raw_send (fast, fast_request);
  raw_send (soup, soup_request);
  fast_after = raw_read_answer (fast, FALSE);
  soup_after = raw_read_answer (soup, FALSE);
  g_assert_nonnull (strstr (fast_after, "\r\nConnection: close\r\n"));
  g_assert_cmpstr (fast_after, ==, soup_after);
  assert_closed (fast);
  assert_closed (soup);

  raw_send (slow, "{}");
  log = stop_and_read_log (fixture);
  assert_connections (log, CLOSED, 2, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/server/fast" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/same-answer", test_fast_same_answer);
  ADD ("/pipelined", test_fast_pipelined);
  ADD ("/byte-at-a-time", test_fast_byte_at_a_time);
  ADD ("/then-libsoup", test_fast_then_libsoup);
  ADD ("/errors", test_fast_errors);
  ADD ("/other-shapes", test_fast_other_shapes);
  ADD ("/while-stopping", test_fast_while_stopping);
  ADD ("/slow-reader", test_fast_slow_reader);
  ADD ("/guards", test_fast_guards);
  ADD ("/bare-line-feeds", test_fast_bare_line_feeds);
  ADD ("/sees-writes", test_fast_sees_writes);
  ADD ("/query-shapes", test_fast_query_shapes);

  return g_test_run ();
}
