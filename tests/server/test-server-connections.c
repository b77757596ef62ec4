/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-connections.c: what the server keeps of the connections its
 * clients close
 *
 * libsoup 3.2 keeps an object per kept-alive connection that its client
 * closes between two requests (with its streams and two handlers tied to
 * the SoupServer), for as long as the server runs, unless the server
 * takes the connection back from it. The server runs in this process, on
 * a loopback port: the streams it gives libsoup are counted while they
 * live (_ef_server_count_live_connections()), and the sweep that the
 * server runs every few seconds is run at once
 * (_ef_server_sweep_connections()). The clients are in a thread of their
 * own, with blocking sockets, while the main context serves them.
 */

#define G_LOG_DOMAIN "EfTest"

#include "config.h"

#include <sys/socket.h>

#include <string.h>

#include <glib/gstdio.h>

#include "store/ef-store.h"
#include "ef-demo.h"
#include "ef-server.h"

/* Answered by libsoup (the fast path takes only the planning GET): the
 * router's 404, on a connection kept alive. */
#define REQUEST "GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
#define N_CONNECTIONS 24

typedef struct
{
  char     *dir;
  EfServer *server;
  guint16   port;
} Fixture;

typedef void (*ClientFunc) (Fixture *fixture);

typedef struct
{
  Fixture   *fixture;
  ClientFunc func;
  gint       done;
} Client;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *url = NULL;
  EfStore *store;

  fixture->dir = g_dir_make_tmp ("ef-test-connections-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->dir, "test.sqlite", NULL);
  store = ef_store_open (db_path, &error);
  g_assert_no_error (error);
  fixture->server = ef_server_new (store);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_assert_true (ef_server_listen (fixture->server, G_INET_SOCKET_ADDRESS (address), &error));
  g_assert_no_error (error);
  url = ef_server_dup_url (fixture->server);
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->port = (guint16) g_uri_get_port (uri);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->server);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;

  client->func (client->fixture);
  g_atomic_int_set (&client->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* @func in a thread of its own, the main context serving it meanwhile. */
static void
run_client (Fixture    *fixture,
            ClientFunc  func)
{
  Client client = { fixture, func, FALSE };
  GThread *thread = g_thread_new ("client", client_thread, &client);

  while (!g_atomic_int_get (&client.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
}

static gboolean
on_wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Sweeps until the server knows no connection (their clients closed
 * them all), serving meanwhile: the server reads their ends as the main
 * context runs. A bound on the rounds, not on time, so that a server that
 * never notices fails rather than hangs. */
static void
sweep_until_none (Fixture *fixture)
{
  guint wake = g_timeout_add (20, on_wake_cb, NULL);
  guint round;

  for (round = 0; round < 1000; round++)
    {
      if (_ef_server_sweep_connections (fixture->server) == 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  g_assert_cmpuint (round, <, 1000);
}

/* Once the server knows none of them any more, libsoup keeps nothing of
 * the connections either. */
static void
assert_all_released (Fixture *fixture)
{
  sweep_until_none (fixture);
  g_assert_cmpuint (_ef_server_count_live_connections (fixture->server), ==, 0);
}

static GSocketConnection *
connect_to_server (Fixture *fixture)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", fixture->port, NULL, &error);
  g_assert_no_error (error);
  return connection;
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

/* Sends REQUEST and reads its whole answer: a 404 kept alive. */
static void
request (GSocketConnection *connection)
{
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  const char *end = NULL;
  char buffer[4096];

  send_text (connection, REQUEST);
  /* Its headers, then the body they announce. */
  while ((end = strstr (answer->str, "\r\n\r\n")) == NULL ||
         answer->len - (gsize) (end + 4 - answer->str) <
           g_ascii_strtoull (strstr (answer->str, "Content-Length: ") + 16, NULL, 10))
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (answer, buffer, n);
    }
  g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 404"));
  g_assert_null (strstr (answer->str, "Connection: close"));
}

static void
close_connection (GSocketConnection *connection)
{
  g_autoptr(GError) error = NULL;

  g_io_stream_close (G_IO_STREAM (connection), NULL, &error);
  g_assert_no_error (error);
}

static void
requests_then_close (Fixture *fixture)
{
  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      g_autoptr(GSocketConnection) connection = connect_to_server (fixture);

      request (connection);
      if (i % 2 == 1)
        request (connection);
      close_connection (connection);
    }
}

/* Connections kept alive by libsoup, closed by their clients while it
 * waits for their next request: once the server has seen them closed,
 * libsoup keeps nothing of them. */
static void
test_closed_connections_released (Fixture       *fixture,
                                  gconstpointer  data)
{
  run_client (fixture, requests_then_close);
  assert_all_released (fixture);
}

static void
partial_requests_then_close (Fixture *fixture)
{
  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      g_autoptr(GSocketConnection) connection = connect_to_server (fixture);

      request (connection);
      /* The beginning of a second request, then the end. */
      send_text (connection, "GET /nothing-h");
      close_connection (connection);
    }
}

/* The same when the client closes in the middle of its next request. */
static void
test_partial_requests_released (Fixture       *fixture,
                                gconstpointer  data)
{
  run_client (fixture, partial_requests_then_close);
  assert_all_released (fixture);
}

static void
requests_then_reset (Fixture *fixture)
{
  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      g_autoptr(GSocketConnection) connection = connect_to_server (fixture);
      GSocket *socket = g_socket_connection_get_socket (connection);
      struct linger linger = { 1, 0 };

      request (connection);
      /* Closed with a reset (RST), not an end (FIN). */
      g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger,
                                   sizeof linger), ==, 0);
      close_connection (connection);
    }
}

static void
one_request (Fixture *fixture)
{
  g_autoptr(GSocketConnection) connection = connect_to_server (fixture);

  request (connection);
  close_connection (connection);
}

/* The same when the client resets its connection: the server neither
 * crashes nor keeps them, and serves the next one. */
static void
test_reset_connections_released (Fixture       *fixture,
                                 gconstpointer  data)
{
  run_client (fixture, requests_then_reset);
  assert_all_released (fixture);
  run_client (fixture, one_request);
  assert_all_released (fixture);
}

static GSocketConnection *kept;

static void
open_kept (Fixture *fixture)
{
  kept = connect_to_server (fixture);
  request (kept);
}

static void
use_kept_then_close (Fixture *fixture)
{
  request (kept);
  request (kept);
  close_connection (kept);
  g_clear_object (&kept);
}

/* A kept-alive connection that its client does not close stays
 * libsoup's, sweep or not, and is served again. */
static void
test_kept_connection_served (Fixture       *fixture,
                             gconstpointer  data)
{
  run_client (fixture, open_kept);
  /* Whatever the server has read of it by now. */
  for (guint i = 0; i < 8; i++)
    {
      g_assert_cmpuint (_ef_server_sweep_connections (fixture->server), ==, 1);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpuint (_ef_server_count_live_connections (fixture->server), ==, 1);
  run_client (fixture, use_kept_then_close);
  assert_all_released (fixture);
}


/* A client on the main thread, its socket blocking: the kernel accepts
 * its connection and takes its request without the server; its answer is
 * read while the main context serves it. */
static GSocket *
connect_from_port (Fixture *fixture,
                   guint16  port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocketAddress) server = g_inet_socket_address_new (loopback, fixture->port);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, local, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_connect (socket, server, NULL, &error));
  g_assert_no_error (error);
  return socket;
}

static guint16
local_port (GSocket *socket)
{
  g_autoptr(GSocketAddress) address = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/* Runs a turn of the main context, which serves, then appends to @into
 * what the server has sent on @socket meanwhile. Returns FALSE at the
 * connection's end. */
static gboolean
serve_and_receive (GSocket *socket,
                   GString *into)
{
  g_autoptr(GError) error = NULL;
  char buffer[4096];
  gssize n;

  g_main_context_iteration (NULL, FALSE);
  n = g_socket_receive_with_blocking (socket, buffer, sizeof buffer, FALSE, NULL, &error);
  if (n < 0)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
      return TRUE;
    }
  g_string_append_len (into, buffer, n);
  return n > 0;
}

/* Sends @n_requests times REQUEST at once, and reads their answers while
 * the main context serves them (sweeping at each turn with @sweep); with
 * @half_close, the client's end follows the requests at once. Returns
 * how many answers came whole. */
static guint
pipelined_requests (Fixture *fixture,
                    GSocket *socket,
                    guint    n_requests,
                    gboolean half_close,
                    gboolean sweep)
{
  g_autoptr(GString) requests = g_string_new (NULL);
  g_autoptr(GString) answers = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint n_answers = 0;

  for (guint i = 0; i < n_requests; i++)
    g_string_append (requests, REQUEST);
  g_assert_cmpint (g_socket_send (socket, requests->str, requests->len, NULL, &error), ==,
                   (gssize) requests->len);
  g_assert_no_error (error);
  if (half_close)
    {
      g_assert_true (g_socket_shutdown (socket, FALSE, TRUE, &error));
      g_assert_no_error (error);
    }

  /* A bound on the turns, not on time. */
  for (guint turn = 0; turn < 100000 && n_answers < n_requests; turn++)
    {
      if (sweep)
        _ef_server_sweep_connections (fixture->server);
      if (!serve_and_receive (socket, answers))
        break;
      n_answers = 0;
      for (const char *at = strstr (answers->str, "HTTP/1.1 404"); at != NULL;
           at = strstr (at + 1, "HTTP/1.1 404"))
        n_answers++;
    }
  return n_answers;
}

/* Requests sent together, the client's end right after them, while the
 * server sweeps at every turn of its main loop: each is answered. */
static void
test_pipelined_half_closed_served (Fixture       *fixture,
                                   gconstpointer  data)
{
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(GSocket) socket = connect_from_port (fixture, 0);

      g_assert_cmpuint (pipelined_requests (fixture, socket, 3, TRUE, TRUE), ==, 3);
      g_socket_close (socket, NULL);
    }
  assert_all_released (fixture);
}

/* A connection kept alive that its client resets, and a new connection
 * from the very same address and port, both seen by the server at once:
 * the first is released all the same, the second served. */
static void
test_reused_peer_port_released (Fixture       *fixture,
                                gconstpointer  data)
{
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GSocket) first = connect_from_port (fixture, 0);
      g_autoptr(GSocket) second = NULL;
      struct linger linger = { 1, 0 };
      guint16 port = local_port (first);

      g_assert_cmpuint (pipelined_requests (fixture, first, 1, FALSE, FALSE), ==, 1);
      /* Waiting for its next request now. */
      for (guint turn = 0; turn < 100; turn++)
        g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (_ef_server_count_live_connections (fixture->server), ==, 1);

      /* Reset (no TIME_WAIT: the port is free at once), then the same
       * port again, before the server runs. */
      g_assert_cmpint (setsockopt (g_socket_get_fd (first), SOL_SOCKET, SO_LINGER, &linger,
                                   sizeof linger), ==, 0);
      g_socket_close (first, NULL);
      second = connect_from_port (fixture, port);
      g_assert_cmpuint (pipelined_requests (fixture, second, 1, FALSE, FALSE), ==, 1);
      g_socket_close (second, NULL);
      assert_all_released (fixture);
    }
}

/* Sends @text, reads until the server closes the connection, and
 * returns what came. */
static char *
request_until_closed (GSocket    *socket,
                      const char *text)
{
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint turn;

  g_assert_cmpint (g_socket_send (socket, text, strlen (text), NULL, &error), ==,
                   (gssize) strlen (text));
  g_assert_no_error (error);
  /* A bound on the turns, not on time. */
  for (turn = 0; turn < 100000 && serve_and_receive (socket, answer); turn++)
    ;
  g_assert_cmpuint (turn, <, 100000);
  return g_string_free (g_steal_pointer (&answer), FALSE);
}

/* Answers after which libsoup closes the connection (the client said
 * "close", or spoke HTTP/1.0: libsoup 3.2 keeps no HTTP/1.0 connection,
 * "Keep-Alive" or not): nothing is kept of them once closed, without a
 * sweep. */
static void
test_closing_answer_released (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char *closing[] = {
    "GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    "GET /nothing-here HTTP/1.0\r\n\r\n",
    "GET /nothing-here HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (closing); i++)
    {
      g_autoptr(GSocket) socket = connect_from_port (fixture, 0);
      g_autofree char *answer = request_until_closed (socket, closing[i]);
      guint turn;

      g_assert_true (g_str_has_prefix (answer, "HTTP/1."));
      g_assert_nonnull (strstr (answer, " 404 "));
      for (turn = 0; turn < 1000 && _ef_server_count_live_connections (fixture->server) > 0;
           turn++)
        g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (_ef_server_count_live_connections (fixture->server), ==, 0);
    }
}

/* A request that the server answers late (a sign-in: the password is
 * checked in a thread), sent on a kept-alive connection just before its
 * client resets it and connects again from the same address and port: the
 * late answer is the first connection's, not the new one's, and nothing
 * is kept of either once closed. */
static void
test_late_answer_after_reuse (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char body[] = "{\"email\":\"" EF_DEMO_ACCOUNT_EMAIL "\",\"password\":\"not it\"}";
  g_autofree char *login = g_strdup_printf ("POST /" EF_DEMO_TENANT_ID "/api/v1/auth/login HTTP/1.1\r\n"
                                            "Host: 127.0.0.1\r\nConnection: close\r\n"
                                            "Content-Type: application/json\r\n"
                                            "Content-Length: %zu\r\n\r\n%s",
                                            strlen (body), body);
  g_autoptr(GSocket) first = NULL;
  g_autoptr(GSocket) second = NULL;
  g_autoptr(GError) error = NULL;
  struct linger linger = { 1, 0 };
  guint16 port;

  g_assert_true (ef_demo_populate (ef_server_get_store (fixture->server), &error));
  g_assert_no_error (error);
  g_assert_true (ef_demo_populate_family (ef_server_get_store (fixture->server), &error));
  g_assert_no_error (error);

  /* Kept alive by libsoup, waiting for its next request. */
  first = connect_from_port (fixture, 0);
  port = local_port (first);
  g_assert_cmpuint (pipelined_requests (fixture, first, 1, FALSE, FALSE), ==, 1);
  for (guint turn = 0; turn < 100; turn++)
    g_main_context_iteration (NULL, FALSE);

  /* The sign-in, the reset, and the same port again, before the server
   * runs; then a request on the new connection, answered and kept. */
  g_assert_cmpint (g_socket_send (first, login, strlen (login), NULL, &error), ==,
                   (gssize) strlen (login));
  g_assert_no_error (error);
  g_assert_cmpint (setsockopt (g_socket_get_fd (first), SOL_SOCKET, SO_LINGER, &linger,
                               sizeof linger), ==, 0);
  g_socket_close (first, NULL);
  second = connect_from_port (fixture, port);
  g_assert_cmpuint (pipelined_requests (fixture, second, 1, FALSE, FALSE), ==, 1);
  g_assert_cmpuint (pipelined_requests (fixture, second, 1, FALSE, FALSE), ==, 1);

  /* Until the sign-in has been answered and both are gone. */
  g_socket_close (second, NULL);
  assert_all_released (fixture);
}

/* The connection whose accept makes the server sweep (SWEEP_MIN_CONNECTIONS
 * of them at once) was closed by its client before the server accepted
 * it: the sweep closes it, and the accept does not use it after (valgrind
 * saw a use after free). */
static void
test_sweep_at_accept (Fixture       *fixture,
                      gconstpointer  data)
{
  GSocket *sockets[64];
  guint turn;

  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    sockets[i] = connect_from_port (fixture, 0);
  g_socket_close (sockets[G_N_ELEMENTS (sockets) - 1], NULL);
  /* Accepted, all of them; the closed one gone, the open ones the fast
   * path's still. */
  for (turn = 0; turn < 1000 && _ef_server_sweep_connections (fixture->server) != 63; turn++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (_ef_server_sweep_connections (fixture->server), ==, 63);
  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    {
      g_socket_close (sockets[i], NULL);
      g_object_unref (sockets[i]);
    }
  assert_all_released (fixture);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/server/connections/closed-released", test_closed_connections_released);
  ADD ("/server/connections/partial-released", test_partial_requests_released);
  ADD ("/server/connections/reset-released", test_reset_connections_released);
  ADD ("/server/connections/kept-served", test_kept_connection_served);
  ADD ("/server/connections/pipelined-half-closed", test_pipelined_half_closed_served);
  ADD ("/server/connections/reused-peer-port", test_reused_peer_port_released);
  ADD ("/server/connections/closing-answer-released", test_closing_answer_released);
  ADD ("/server/connections/late-answer-after-reuse", test_late_answer_after_reuse);
  ADD ("/server/connections/sweep-at-accept", test_sweep_at_accept);

  return g_test_run ();
}
