/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-server.c: the HTTP server, its routes and its database */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <glib-unix.h>
#include <libsoup/soup.h>

#include "handlers/ef-planning-handler.h"
#include "http/ef-fast-http.h"
#include "http/ef-http.h"
#include "store/ef-store-maintenance.h"
#include "ef-log.h"
#include "ef-planning.h"
#include "ef-server.h"

/* Connections the kernel queues before the main loop accepts them. */
#define LISTEN_BACKLOG 128
/* After a failed accept (out of file descriptors…), how long to wait
 * before trying again, in ms. */
#define ACCEPT_RETRY_MS 100
/* What the kept plannings may take unless told: about 2,500 months of a
 * child with two activities. */
#define PLANNING_TEXTS_MAX_BYTES (16 * 1024 * 1024)

/* On a message from its headers to its end: when it began (a gint64 of
 * g_get_monotonic_time()). A message with it is a request in flight. */
#define REQUEST_STARTED_KEY "ef-request-started"
/* On a message in flight: its Connection, if it is one we accepted. */
#define REQUEST_CONNECTION_KEY "ef-request-connection"
/* How often connections closed by their peer are looked for, in seconds,
 * and from how many at once. */
#define SWEEP_INTERVAL_SECONDS 2
#define SWEEP_MIN_CONNECTIONS 64

struct _EfServer
{
  GObject     parent_instance;

  SoupServer *soup;
  EfRouter   *router;
  EfStore    *store;
  EfPlanningRulesCache *rules_cache;
  EfPlanningTextCache  *planning_texts;

  /* Store jobs off the main loop (ef_server_run_store_job()). */
  guint         n_store_connections;
  char         *store_location;   /* what the pool's connections open */
  GThreadPool  *store_jobs;       /* created on first use: after a fork */
  GAsyncQueue  *idle_stores;      /* EfStore, opened as the jobs need them */
  guint         n_opened_stores;
  GMutex        stores_lock;

  gboolean    test_clock;     /* its time is in the store (one for all processes) */
  char       *date_header;    /* the Date of answers in date_header_second */
  char       *server_header;  /* libsoup's Server, for the fast path's answers */
  gint64      date_header_second;
  char       *sendmail;

  GPtrArray  *sockets;        /* the listening sockets */
  GPtrArray  *accept_sources; /* ours on each of them: on_listen_socket_ready_cb() */
  guint       accept_retry_id;
  gboolean    accept_failing; /* said once until an accept succeeds again */
  guint       n_in_flight;    /* requests from their headers to their end */
  gboolean    stopping;       /* no new connections; answers close theirs */

  /* The connections accepted and not yet closed: see
   * sweep_connections(). */
  GHashTable *connections;    /* set of Connection */
  /* The peer's address object given to libsoup with each connection: its
   * messages give that very object back (a new connection from the same
   * address and port, after a reset, has another one). */
  GHashTable *by_peer;        /* GSocketAddress → Connection in connections */
  guint       sweep_id;
  guint       sweep_at;       /* so many connections: sweep at once */
  /* libsoup before 3.4: the connections it keeps alive are taken back
   * from it to be closed (release_idle_connection()). */
  gboolean    release_idle;
  /* The streams given to libsoup and not yet released by it (tests):
   * shared with their weak references, which may outlive the server. */
  guint      *n_live_streams;
};

/* A connection we accepted, and its requests in flight. Held by the
 * table and by each of its messages in flight (main loop only). */
typedef struct
{
  guint    ref_count;
  GSocket *socket;
  guint    n_in_flight;
  EfServer *server;
  GSocketAddress *peer;       /* (nullable): given to libsoup, in self->by_peer */
  EfFastConnection *fast;     /* while the fast path has it (ef-fast-http.h) */
  guint    n_fast_answers;
  gpointer answering;         /* the FastRequest whose answer is being sent */
  GIOStream *stream;          /* libsoup's, once the fast path handed it over */
  /* While libsoup waits for its next request: the last one it answered,
   * through which it can be taken back (release_idle_connection()). */
  SoupServerMessage *idle_msg;
  guint    release_id;        /* its peer closed it: on_release_cb() */
} Connection;

static Connection *
connection_ref (Connection *connection)
{
  connection->ref_count++;
  return connection;
}

static void
connection_unref (gpointer data)
{
  Connection *connection = data;

  if (--connection->ref_count > 0)
    return;
  g_clear_pointer (&connection->fast, ef_fast_connection_unref);
  g_clear_handle_id (&connection->release_id, g_source_remove);
  /* The stream may outlive it (libsoup's): it holds the end still, but
   * calls nobody. */
  if (connection->idle_msg != NULL)
    ef_fast_stream_hold_end (connection->stream, NULL, NULL);
  g_clear_object (&connection->idle_msg);
  g_clear_object (&connection->stream);
  g_clear_object (&connection->peer);
  g_object_unref (connection->socket);
  g_free (connection);
}

/* The server forgets @connection (which may be freed then). */
static void
forget_connection (EfServer   *self,
                   Connection *connection)
{
  if (connection->peer != NULL)
    g_hash_table_remove (self->by_peer, connection->peer);
  g_hash_table_remove (self->connections, connection);
}

static void watch_listening_sockets (EfServer *self);

G_DEFINE_FINAL_TYPE (EfServer, ef_server, G_TYPE_OBJECT)

/* Every answer says what time it is on the server's clock, the test
 * clock's when one is set: clients read "now" and "today" from it. libsoup
 * writes the machine's time; ours replaces it, before the handler for the
 * answers it sends later and after it for those it sends now (the clock
 * route changes the time it answers). */
static const char *
get_date_header (EfServer *self)
{
  g_autoptr(GDateTime) now = ef_server_get_now (self);
  gint64 second = g_date_time_to_unix (now);

  /* Written once a second, not twice a request. */
  if (self->date_header == NULL || second != self->date_header_second)
    {
      g_free (self->date_header);
      self->date_header = soup_date_time_to_string (now, SOUP_DATE_HTTP);
      self->date_header_second = second;
    }
  return self->date_header;
}

static void
set_date_header (EfServer          *self,
                 SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date",
                                get_date_header (self));
}

static void
on_request_cb (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  EfServer *self = user_data;

  set_date_header (self, msg);
  ef_router_dispatch (self->router, msg);
  set_date_header (self, msg);
}

/* @value in decimal, as printf's "%" G_GINT64_FORMAT writes it. */
static void
format_integer (char   *text,
                gsize   size,
                gint64  value)
{
  char digits[24];
  gsize n = 0, i = 0;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      digits[n++] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  g_assert (size > n + 1);
  if (value < 0)
    text[i++] = '-';
  while (n > 0)
    text[i++] = digits[--n];
  text[i] = '\0';
}

/* One line per request, with journald fields. Never the path (ids,
 * tokens), the query, a header or a body: the route's template, the
 * tenant, the status and the time it took. */
static void
log_request_line (const char *method,
                  const char *route,
                  const char *tenant,
                  guint       status,
                  gint64      duration_ms,
                  gboolean    aborted)
{
  char status_text[16];
  char duration_text[32];
  g_autofree char *message = NULL;

  if (tenant == NULL || !ef_tenant_id_is_valid (tenant))
    tenant = "-";
  if (route == NULL)
    route = "-";
  format_integer (status_text, sizeof status_text, status);
  format_integer (duration_text, sizeof duration_text, duration_ms);
  message = g_strconcat (method, " ", route, " ", status_text, " ", duration_text, " ms",
                         aborted ? " (aborted)" : "", NULL);

  /* The fields that g_log_structured() would pass, in its order, without
   * its printf: one line a request. */
  {
    const GLogField fields[] = {
      { "MESSAGE", message, -1 },
      { "PRIORITY", "6", -1 },   /* G_LOG_LEVEL_INFO */
      { "GLIB_DOMAIN", G_LOG_DOMAIN, -1 },
      { EF_LOG_FIELD_PREFIX "TENANT", tenant, -1 },
      { EF_LOG_FIELD_PREFIX "METHOD", method, -1 },
      { EF_LOG_FIELD_PREFIX "ROUTE", route, -1 },
      { EF_LOG_FIELD_PREFIX "STATUS", status_text, -1 },
      { EF_LOG_FIELD_PREFIX "DURATION_MS", duration_text, -1 },
    };

    g_log_structured_array (G_LOG_LEVEL_INFO, fields, G_N_ELEMENTS (fields));
  }
}

static void
log_request (SoupServerMessage *msg,
             gint64             duration_ms,
             gboolean           aborted)
{
  log_request_line (soup_server_message_get_method (msg), ef_router_get_message_route (msg, NULL),
                    ef_router_get_message_route (msg, "tenant"),
                    soup_server_message_get_status (msg), duration_ms, aborted);
}

static void
on_message_got_headers_cb (SoupServerMessage *msg,
                           gpointer           user_data)
{
  EfServer *self = user_data;
  gint64 *started;

  if (g_object_get_data (G_OBJECT (msg), REQUEST_STARTED_KEY) != NULL)
    return;

  started = g_new (gint64, 1);
  *started = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), REQUEST_STARTED_KEY, started, g_free);
  self->n_in_flight++;
  {
    Connection *connection = g_hash_table_lookup (self->by_peer,
                                                  soup_server_message_get_remote_address (msg));

    if (connection != NULL)
      {
        connection->n_in_flight++;
        g_object_set_data_full (G_OBJECT (msg), REQUEST_CONNECTION_KEY,
                                connection_ref (connection), connection_unref);
        /* libsoup has read a request: the connection is not idle. */
        if (connection->idle_msg != NULL)
          {
            g_clear_object (&connection->idle_msg);
            ef_fast_stream_release_end (connection->stream);
          }
      }
  }

  /* While stopping, a client that reuses its connection is told to open
   * another (to the next server) after this answer. */
  if (self->stopping)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");
}

static void
on_request_started_cb (SoupServer        *soup,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  /* Not in flight yet: a kept-alive connection waits here for its next
   * request, which may never come. */
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_message_got_headers_cb),
                           user_data, G_CONNECT_DEFAULT);
}

/* An idle connection of libsoup whose peer closed it
 * (wait_for_next_request()): taken back from libsoup, which forgets it
 * then ("disconnected"), and closed. libsoup has not read its end, so
 * that its next message is there to be dropped. */
static void
release_idle_connection (Connection *connection)
{
  g_autoptr(SoupServerMessage) msg = g_steal_pointer (&connection->idle_msg);
  g_autoptr(GIOStream) stolen = NULL;

  /* The stream calls nobody any more, whoever keeps it. */
  ef_fast_stream_hold_end (connection->stream, NULL, NULL);
  stolen = soup_server_message_steal_connection (msg);

  if (stolen != NULL)
    g_io_stream_close (stolen, NULL, NULL);
  g_io_stream_close (connection->stream, NULL, NULL);
}

static gboolean
on_release_cb (gpointer user_data)
{
  Connection *connection = user_data;
  EfServer *self = connection->server;

  connection->release_id = 0;
  if (connection->idle_msg == NULL || g_socket_is_closed (connection->socket))
    return G_SOURCE_REMOVE;
  release_idle_connection (connection);
  /* Last: the table may hold the last reference. */
  forget_connection (self, connection);
  return G_SOURCE_REMOVE;
}

/* libsoup has read the end that @stream holds back: the connection is
 * released as soon as libsoup's read has returned. */
static void
on_end_held_cb (GIOStream *stream,
                gpointer   user_data)
{
  Connection *connection = user_data;

  if (connection->release_id == 0)
    connection->release_id = g_idle_add_full (G_PRIORITY_HIGH, on_release_cb, connection, NULL);
}

/* Whether libsoup keeps the connection of @msg, answered, for the next
 * request, as it decides (soup_server_message_is_keepalive(), private):
 * not after an answer that ends with the connection; in HTTP/1.0 only
 * when the answer says "Keep-Alive"; in HTTP/1.1 unless either side said
 * "close". */
static gboolean
keeps_connection (SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  if (soup_message_headers_get_encoding (response) == SOUP_ENCODING_EOF)
    return FALSE;
  if (soup_server_message_get_http_version (msg) == SOUP_HTTP_1_0)
    return soup_message_headers_header_contains (response, "Connection", "Keep-Alive");
  return !soup_message_headers_header_contains (request, "Connection", "close") &&
         !soup_message_headers_header_contains (response, "Connection", "close");
}

/* libsoup 3.2 never closes a kept-alive connection whose peer closes it
 * while it waits for the next request, nor forgets it (libsoup 3.4 does
 * both itself): its SoupServer keeps the connection's object, its streams
 * and two handlers for as long as it runs, and each accept costs more than
 * the one before. libsoup gives no handle on that object but through a
 * message of the connection: the last one it answered is kept, and the
 * connection's end is held back from libsoup (ef_fast_stream_hold_end())
 * so that it waits, with its next message ready, until the server takes
 * the connection back and closes it (release_idle_connection()): at once
 * when libsoup reads that end, or when the sweep finds it. */
static void
wait_for_next_request (EfServer          *self,
                       Connection        *connection,
                       SoupServerMessage *msg)
{
  /* libsoup closes it after this answer: nothing of it is needed. */
  if (!keeps_connection (msg))
    g_clear_object (&connection->stream);
  if (!self->release_idle || connection->stream == NULL ||
      g_io_stream_is_closed (connection->stream))
    return;

  /* Answered: what it carried is not needed while it is kept. */
  soup_message_body_truncate (soup_server_message_get_request_body (msg));
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  g_set_object (&connection->idle_msg, msg);
  ef_fast_stream_hold_end (connection->stream, on_end_held_cb, connection);
}

static void
end_request (EfServer          *self,
             SoupServerMessage *msg,
             gboolean           aborted)
{
  gint64 *started = g_object_get_data (G_OBJECT (msg), REQUEST_STARTED_KEY);
  Connection *connection;

  if (started == NULL)
    return;

  log_request (msg, (g_get_monotonic_time () - *started + 500) / 1000, aborted);
  g_object_set_data (G_OBJECT (msg), REQUEST_STARTED_KEY, NULL);
  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;
  connection = g_object_get_data (G_OBJECT (msg), REQUEST_CONNECTION_KEY);
  if (connection != NULL)
    {
      g_assert (connection->n_in_flight > 0);
      connection->n_in_flight--;
      wait_for_next_request (self, connection, msg);
      g_object_set_data (G_OBJECT (msg), REQUEST_CONNECTION_KEY, NULL);
    }
}

static void
on_request_finished_cb (SoupServer        *soup,
                        SoupServerMessage *msg,
                        gpointer           user_data)
{
  end_request (user_data, msg, FALSE);
}

static void
on_request_aborted_cb (SoupServer        *soup,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  /* libsoup also says "aborted" for an answer of 500 it wrote whole. */
  end_request (user_data, msg, soup_server_message_get_status (msg) != SOUP_STATUS_INTERNAL_SERVER_ERROR);
}

/* forget_connection() for the entry of @iter, in self->connections. */
static void
untrack_swept (EfServer       *self,
               GHashTableIter *iter,
               Connection     *connection)
{
  if (connection->peer != NULL)
    g_hash_table_remove (self->by_peer, connection->peer);
  g_hash_table_iter_remove (iter);
}

/* libsoup 3.2 never closes a kept-alive connection that its client closes
 * while it waits for the next request (libsoup 3.4 does): the socket
 * would stay in CLOSE-WAIT, its descriptor open, until the process runs out
 * of them. Every few seconds, and whenever the connections have doubled, a
 * connection with no request in flight whose peer has closed it (a read
 * that would return end-of-file, peeked) is closed here: taken back from
 * libsoup when it waits for a request (wait_for_next_request()), closed
 * under it otherwise. */
static void
sweep_connections (EfServer *self)
{
  GHashTableIter iter;
  Connection *connection;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, (gpointer *) &connection, NULL))
    {
      char byte;
      gssize n;

      /* Closed by libsoup (an answer with Connection: close, a stop). */
      if (g_socket_is_closed (connection->socket))
        {
          untrack_swept (self, &iter, connection);
          continue;
        }
      /* The fast path's closes itself when its peer does. */
      if (connection->n_in_flight > 0 || connection->fast != NULL)
        continue;
      n = recv (g_socket_get_fd (connection->socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
      if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)))
        continue;
      if (connection->idle_msg != NULL)
        {
          /* Taken back only once libsoup has read the end held back
           * (on_end_held_cb()): before, libsoup may have finished its
           * waiting message, and stealing through it would crash. It reads
           * it as soon as the main loop runs. */
          if (!ef_fast_stream_get_end_held (connection->stream))
            continue;
          release_idle_connection (connection);
        }
      else
        g_socket_close (connection->socket, NULL);
      untrack_swept (self, &iter, connection);
    }
  /* Under a burst of connections, not only every few seconds: again when
   * their number has doubled. */
  self->sweep_at = MAX (2 * g_hash_table_size (self->connections), SWEEP_MIN_CONNECTIONS);
}

static gboolean
on_sweep_cb (gpointer user_data)
{
  EfServer *self = user_data;

  sweep_connections (self);
  if (g_hash_table_size (self->connections) > 0)
    return G_SOURCE_CONTINUE;
  self->sweep_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_stream_finalized_cb (gpointer  data,
                        GObject  *stream)
{
  guint *n_live_streams = data;

  (*n_live_streams)--;
  g_rc_box_release (n_live_streams);
}

/* @stream goes to libsoup: counted while it lives. */
static void
count_stream (EfServer  *self,
              GIOStream *stream)
{
  (*self->n_live_streams)++;
  g_object_weak_ref (G_OBJECT (stream), on_stream_finalized_cb, g_rc_box_acquire (self->n_live_streams));
}

/* A connection accepted: known until it is closed (sweep_connections()). */
static Connection *
track_connection (EfServer *self,
                  GSocket  *client)
{
  Connection *connection = g_new0 (Connection, 1);

  connection->ref_count = 1;
  connection->socket = g_object_ref (client);
  connection->server = self;
  /* Before it is added: its peer may have closed it already, and the
   * sweep would free it under its caller. */
  if (g_hash_table_size (self->connections) + 1 >= MAX (self->sweep_at, SWEEP_MIN_CONNECTIONS))
    sweep_connections (self);
  g_hash_table_add (self->connections, connection);
  if (self->sweep_id == 0)
    self->sweep_id = g_timeout_add_seconds (SWEEP_INTERVAL_SECONDS, on_sweep_cb, self);
  return connection;
}

/* The fast path (ef-fast-http.h) */

/* A planning GET the fast path answers. */
typedef struct
{
  Connection       *connection;
  EfFastConnection *fast;
  const char       *route;    /* the router's */
  char             *tenant;
  gint64            started;
  char             *date;     /* with a pool: the Date when it began */
  gboolean          close;    /* the server was stopping when it began */
} FastRequest;

static void
fast_request_free (FastRequest *request)
{
  connection_unref (request->connection);
  ef_fast_connection_unref (request->fast);
  g_free (request->tenant);
  g_free (request->date);
  g_free (request);
}

/* The request is no longer in flight. */
static void
end_fast_request (EfServer    *self,
                  FastRequest *request)
{
  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;
  g_assert (request->connection->n_in_flight > 0);
  request->connection->n_in_flight--;
}

/* What libsoup writes for ef_http_respond_json_text() with 200, after
 * on_request_cb(): the same headers in the same order. Its Date is written
 * last, after the handler, unless the handler answered later (a store job
 * of the pool): then before the handler's headers, with the time it began
 * (@date). */
static GBytes *
fast_answer_head (EfServer   *self,
                  gsize       body_length,
                  gboolean    close,
                  const char *date)
{
  GString *head = g_string_sized_new (320);
  char length_text[32];

  g_string_append (head, "HTTP/1.1 200 OK\r\nServer: ");
  g_string_append (head, self->server_header);
  g_string_append (head, "\r\n");
  if (close)
    g_string_append (head, "Connection: close\r\n");
  if (date != NULL)
    {
      g_string_append (head, "Date: ");
      g_string_append (head, date);
      g_string_append (head, "\r\n");
    }
  g_string_append (head,
                   "Cache-Control: no-store\r\n"
                   "X-Content-Type-Options: nosniff\r\n"
                   "Content-Type: " EF_HTTP_JSON_CONTENT_TYPE "\r\n");
  if (date == NULL)
    {
      g_string_append (head, "Date: ");
      g_string_append (head, get_date_header (self));
      g_string_append (head, "\r\n");
    }
  format_integer (length_text, sizeof length_text, (gint64) body_length);
  g_string_append (head, "Content-Length: ");
  g_string_append (head, length_text);
  g_string_append (head, "\r\n\r\n");
  return g_string_free_to_bytes (head);
}

static void
on_fast_planning_done (GBytes       *body,
                       const GError *error,
                       gpointer      data)
{
  FastRequest *request = data;
  EfServer *self = request->connection->server;
  g_autoptr(GBytes) head = NULL;

  if (body == NULL)
    {
      /* The handler answers the error, on libsoup's side (a store that
       * failed once fails again, or answers). */
      end_fast_request (self, request);
      ef_fast_connection_hand_over (request->fast);
      fast_request_free (request);
      return;
    }

  head = fast_answer_head (self, g_bytes_get_size (body), request->close, request->date);
  request->connection->n_fast_answers++;
  /* In flight until the answer is sent, as libsoup's requests are (a stop
   * waits for it): on_fast_answered_cb(). */
  g_assert (request->connection->answering == NULL);
  request->connection->answering = request;
  ef_fast_connection_respond (request->fast, head, body, request->close);
}

static void
on_fast_answered_cb (EfFastConnection *fast,
                     gboolean          sent,
                     gpointer          user_data)
{
  Connection *connection = user_data;
  FastRequest *request = g_steal_pointer (&connection->answering);

  g_return_if_fail (request != NULL);
  end_fast_request (connection->server, request);
  log_request_line ("GET", request->route, request->tenant, SOUP_STATUS_OK,
                    (g_get_monotonic_time () - request->started + 500) / 1000, !sent);
  fast_request_free (request);
}

/* The query the handler reads the same: from=…&to=… in either order,
 * nothing escaped. */
static gboolean
read_planning_query (const char  *query,
                     char       **from,
                     char       **to)
{
  const char *amp = query != NULL ? strchr (query, '&') : NULL;
  const char *pairs[2][2];

  /* Two pairs: one "&". */
  if (amp == NULL || strchr (amp + 1, '&') != NULL)
    return FALSE;
  pairs[0][0] = query;
  pairs[0][1] = amp;
  pairs[1][0] = amp + 1;
  pairs[1][1] = amp + 1 + strlen (amp + 1);
  for (guint i = 0; i < 2; i++)
    {
      const char *start = pairs[i][0], *end = pairs[i][1];
      gsize length = (gsize) (end - start);
      char **value = length >= 5 && strncmp (start, "from=", 5) == 0 ? from
                     : length >= 3 && strncmp (start, "to=", 3) == 0 ? to : NULL;

      if (value == NULL || *value != NULL)
        return FALSE;
      start = (const char *) memchr (start, '=', length) + 1;
      *value = g_strndup (start, (gsize) (end - start));
    }
  return TRUE;
}

static gboolean
on_fast_request_cb (EfFastConnection    *fast,
                    const EfFastRequest *fast_request,
                    gpointer             user_data)
{
  Connection *connection = user_data;
  EfServer *self = connection->server;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  EfRouteHandler handler = NULL;
  FastRequest *request;
  const char *route;

  route = ef_router_match_route (self->router, "GET", fast_request->path, &handler, &params);
  if (route == NULL || handler != ef_planning_handler_get_planning)
    return FALSE;
  if (!read_planning_query (fast_request->query, &from, &to))
    {
      g_clear_pointer (&from, g_free);
      g_clear_pointer (&to, g_free);
      return FALSE;
    }

  request = g_new0 (FastRequest, 1);
  request->connection = connection_ref (connection);
  request->fast = ef_fast_connection_ref (fast);
  request->route = route;
  request->tenant = g_strdup (g_hash_table_lookup (params, "tenant"));
  request->started = g_get_monotonic_time ();
  /* As libsoup decides it, when the request's head is read. */
  request->close = self->stopping;
  if (self->n_store_connections > 0)
    request->date = g_strdup (get_date_header (self));
  self->n_in_flight++;
  connection->n_in_flight++;
  if (!ef_planning_handler_start_fast (self, params, from, to,
                                       ef_auth_bearer_token (fast_request->authorization),
                                       on_fast_planning_done, request))
    {
      end_fast_request (self, request);
      fast_request_free (request);
      return FALSE;
    }
  return TRUE;
}

static void
on_fast_hand_over_cb (EfFastConnection *fast,
                      GIOStream        *stream,
                      gpointer          user_data)
{
  Connection *connection = user_data;
  EfServer *self = connection->server;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&connection->fast, ef_fast_connection_unref);
  g_debug ("A connection goes to libsoup (answers of the fast path: %u)",
           connection->n_fast_answers);
  local = g_socket_get_local_address (connection->socket, &error);
  if (local != NULL)
    remote = g_socket_get_remote_address (connection->socket, &error);
  if (remote != NULL)
    {
      connection->stream = g_object_ref (stream);
      count_stream (self, stream);
      /* Before libsoup sees it: it may read a request, and emit
       * got-headers, while accepting it. */
      connection->peer = g_object_ref (remote);
      g_hash_table_insert (self->by_peer, remote, connection);
    }
  if (remote == NULL || !soup_server_accept_iostream (self->soup, stream, local, remote, &error))
    {
      g_debug ("Cannot serve a connection: %s", error->message);
      g_io_stream_close (stream, NULL, NULL);
    }
  connection_unref (connection);
}

static void
on_fast_closed_cb (EfFastConnection *fast,
                   gpointer          user_data)
{
  Connection *connection = user_data;
  EfServer *self = connection->server;

  g_clear_pointer (&connection->fast, ef_fast_connection_unref);
  g_debug ("A connection of the fast path is closed (answers: %u)", connection->n_fast_answers);
  forget_connection (self, connection);
  connection_unref (connection);
}

static const EfFastHttpCallbacks fast_callbacks = {
  .request = on_fast_request_cb,
  .hand_over = on_fast_hand_over_cb,
  .closed = on_fast_closed_cb,
  .answered = on_fast_answered_cb,
};

static void
accept_client (EfServer *self,
               GSocket  *client)
{
  Connection *connection;

  g_socket_set_option (client, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  connection = track_connection (self, client);
  /* Ours first: the fast path reads the first request and gives the
   * connection to libsoup unless it answers it itself. Each holds the
   * other until the fast path closes the connection or hands it over. */
  connection->fast = ef_fast_connection_new (client, &fast_callbacks, connection_ref (connection));
}

static gboolean
on_accept_retry_cb (gpointer user_data)
{
  EfServer *self = user_data;

  self->accept_retry_id = 0;
  if (!self->stopping)
    watch_listening_sockets (self);
  return G_SOURCE_REMOVE;
}

/* Accepts every connection waiting before any more request is served.
 * libsoup's own listener accepts one connection per main loop iteration,
 * at the default priority: under load, each new connection then waited for
 * every busy connection to be served once per connection queued before it
 * (p99 of seconds at 256 connections). Ours has a higher priority and
 * empties the queue; libsoup's listener stays (a server without one closes
 * every connection after its first answer), with nothing left to accept. */
static gboolean
on_listen_socket_ready_cb (GSocket      *socket,
                           GIOCondition  condition,
                           gpointer      user_data)
{
  EfServer *self = user_data;

  for (guint i = 0; i < LISTEN_BACKLOG; i++)
    {
      g_autoptr(GSocket) client = NULL;
      g_autoptr(GError) error = NULL;

      client = g_socket_accept (socket, NULL, &error);
      if (client == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;

          /* Stopping: the socket was shut down. Otherwise (out of file
           * descriptors, a connection reset while queued…) the socket
           * stays readable: try again a little later rather than spin. */
          if (!self->stopping)
            {
              if (!self->accept_failing)
                g_warning ("Cannot accept connections, trying again every %u ms: %s",
                           ACCEPT_RETRY_MS, error->message);
              self->accept_failing = TRUE;
              if (self->accept_retry_id == 0)
                self->accept_retry_id = g_timeout_add (ACCEPT_RETRY_MS, on_accept_retry_cb, self);
            }
          g_ptr_array_set_size (self->accept_sources, 0);
          return G_SOURCE_REMOVE;
        }
      self->accept_failing = FALSE;
      accept_client (self, client);
    }
  return G_SOURCE_CONTINUE;
}

static void
destroy_source (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

/* Our accept source on each listening socket, at a higher priority than
 * the connections: on_listen_socket_ready_cb(). */
static void
watch_listening_sockets (EfServer *self)
{
  g_ptr_array_set_size (self->accept_sources, 0);
  for (guint i = 0; i < self->sockets->len; i++)
    {
      GSocket *socket = g_ptr_array_index (self->sockets, i);
      GSource *source;

      /* An empty queue must answer "would block", not wait. */
      g_socket_set_blocking (socket, FALSE);
      source = g_socket_create_source (socket, G_IO_IN, NULL);
      g_source_set_priority (source, G_PRIORITY_HIGH);
      g_source_set_callback (source, G_SOURCE_FUNC (on_listen_socket_ready_cb), self, NULL);
      g_source_attach (source, NULL);
      g_ptr_array_add (self->accept_sources, source);
    }
}

/* The connections the fast path still has: libsoup's are closed by
 * soup_server_disconnect(). */
static void
close_fast_connections (EfServer *self)
{
  g_autoptr(GPtrArray) fast = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_fast_connection_unref);
  GHashTableIter iter;
  Connection *connection;

  if (self->connections == NULL)
    return;
  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, (gpointer *) &connection, NULL))
    if (connection->fast != NULL)
      g_ptr_array_add (fast, ef_fast_connection_ref (connection->fast));
  for (guint i = 0; i < fast->len; i++)
    ef_fast_connection_close (g_ptr_array_index (fast, i));
}

static void
ef_server_finalize (GObject *object)
{
  EfServer *self = EF_SERVER (object);

  if (self->soup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->soup, self);
      soup_server_disconnect (self->soup);
    }
  g_clear_object (&self->soup);
  close_fast_connections (self);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_clear_pointer (&self->by_peer, g_hash_table_unref);
  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_pointer (&self->n_live_streams, g_rc_box_release);
  g_clear_handle_id (&self->accept_retry_id, g_source_remove);
  g_clear_pointer (&self->accept_sources, g_ptr_array_unref);
  g_clear_pointer (&self->sockets, g_ptr_array_unref);
  g_clear_pointer (&self->router, ef_router_free);
  /* The jobs end first: they use the pool's connections and the rules. */
  if (self->store_jobs != NULL)
    g_thread_pool_free (g_steal_pointer (&self->store_jobs), FALSE, TRUE);
  if (self->idle_stores != NULL)
    {
      EfStore *store;

      while ((store = g_async_queue_try_pop (self->idle_stores)) != NULL)
        ef_store_close (store);
      g_clear_pointer (&self->idle_stores, g_async_queue_unref);
    }
  g_mutex_clear (&self->stores_lock);
  g_free (self->store_location);
  g_clear_pointer (&self->rules_cache, ef_planning_rules_cache_free);
  g_clear_pointer (&self->planning_texts, ef_planning_text_cache_free);
  g_clear_pointer (&self->date_header, g_free);
  g_clear_pointer (&self->server_header, g_free);
  g_clear_pointer (&self->store, ef_store_close);
  g_clear_pointer (&self->sendmail, g_free);

  G_OBJECT_CLASS (ef_server_parent_class)->finalize (object);
}

static void
ef_server_class_init (EfServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_server_finalize;
}

static void
ef_server_init (EfServer *self)
{
  /* raw-paths: the router decodes each segment itself, so that an encoded
   * "/" inside a parameter cannot change the shape of the path. */
  self->soup = soup_server_new ("server-header", PACKAGE_NAME "-server/" PACKAGE_VERSION " ",
                                "raw-paths", TRUE,
                                NULL);
  g_object_get (self->soup, "server-header", &self->server_header, NULL);
  self->router = ef_router_new ();
  self->rules_cache = ef_planning_rules_cache_new ();
  self->planning_texts = ef_planning_text_cache_new (PLANNING_TEXTS_MAX_BYTES);
  g_mutex_init (&self->stores_lock);
  self->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  self->accept_sources = g_ptr_array_new_with_free_func (destroy_source);
  self->connections = g_hash_table_new_full (NULL, NULL, connection_unref, NULL);
  self->by_peer = g_hash_table_new (NULL, NULL);
  self->n_live_streams = g_rc_box_new0 (guint);
  self->release_idle = soup_get_major_version () == 3 && soup_get_minor_version () < 4;

  ef_http_limit_request_body (self->soup, EF_HTTP_DEFAULT_MAX_BODY_SIZE);
  soup_server_add_handler (self->soup, NULL, on_request_cb, self, NULL);
  g_signal_connect (self->soup, "request-started",
                    G_CALLBACK (on_request_started_cb), self);
  g_signal_connect (self->soup, "request-finished",
                    G_CALLBACK (on_request_finished_cb), self);
  g_signal_connect (self->soup, "request-aborted",
                    G_CALLBACK (on_request_aborted_cb), self);

  ef_server_install_routes (self->router, self);
}

EfServer *
ef_server_new (EfStore *store)
{
  EfServer *self;

  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (EF_TYPE_SERVER, NULL);
  self->store = store;
  ef_store_checkpoint_in_background (store);
  return self;
}

EfStore *
ef_server_get_store (EfServer *self)
{
  g_return_val_if_fail (EF_IS_SERVER (self), NULL);
  return self->store;
}

void
ef_server_set_store_connections (EfServer *self,
                                 guint     n)
{
  g_return_if_fail (EF_IS_SERVER (self));
  g_return_if_fail (self->store_jobs == NULL);

  self->n_store_connections = n;
}

guint
ef_server_get_store_connections (EfServer *self)
{
  g_return_val_if_fail (EF_IS_SERVER (self), 0);
  return self->n_store_connections;
}

typedef struct {
  EfServer          *server;
  SoupServerMessage *msg;
  EfServerStoreFunc  func;
  EfServerStoreDone  done;
  gpointer           data;
  GDestroyNotify     data_free;
  gpointer           result;
  GError            *error;
} StoreJob;

static void
store_job_free (StoreJob *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_error (&job->error);
  g_clear_object (&job->msg);
  g_clear_object (&job->server);
  g_free (job);
}

/* A connection of the pool: an idle one, a new one while there are fewer
 * than n_store_connections, or the next one given back. */
static EfStore *
acquire_store (EfServer  *self,
               GError   **error)
{
  EfStore *store = g_async_queue_try_pop (self->idle_stores);
  gboolean open_one = FALSE;

  if (store != NULL)
    return store;

  g_mutex_lock (&self->stores_lock);
  if (self->n_opened_stores < self->n_store_connections)
    {
      self->n_opened_stores++;
      open_one = TRUE;
    }
  g_mutex_unlock (&self->stores_lock);

  if (!open_one)
    return g_async_queue_pop (self->idle_stores);

  store = ef_store_open (self->store_location, error);
  if (store == NULL)
    {
      g_mutex_lock (&self->stores_lock);
      self->n_opened_stores--;
      g_mutex_unlock (&self->stores_lock);
    }
  return store;
}

static gboolean
store_job_done_cb (gpointer user_data)
{
  StoreJob *job = user_data;

  job->done (job->msg, job->result, job->error, job->data);
  if (job->msg != NULL)
    soup_server_message_unpause (job->msg);
  store_job_free (job);
  return G_SOURCE_REMOVE;
}

static void
run_store_job_cb (gpointer data,
                  gpointer user_data)
{
  StoreJob *job = data;
  EfServer *self = user_data;
  EfStore *store = acquire_store (self, &job->error);

  if (store != NULL)
    {
      job->result = job->func (store, job->data, &job->error);
      g_async_queue_push (self->idle_stores, store);
    }
  if (job->result == NULL && job->error == NULL)
    g_set_error_literal (&job->error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                         "No database connection for this request");
  /* The answer is written in the main loop, where the message lives. */
  g_main_context_invoke (NULL, store_job_done_cb, job);
}

void
ef_server_run_store_job (EfServer           *self,
                         SoupServerMessage  *msg,
                         EfServerStoreFunc   func,
                         EfServerStoreDone   done,
                         gpointer            data,
                         GDestroyNotify      data_free)
{
  g_autoptr(GError) error = NULL;
  StoreJob *job;

  g_return_if_fail (EF_IS_SERVER (self));

  job = g_new0 (StoreJob, 1);
  job->server = g_object_ref (self);
  job->msg = msg != NULL ? g_object_ref (msg) : NULL;
  job->func = func;
  job->done = done;
  job->data = data;
  job->data_free = data_free;

  if (self->n_store_connections == 0)
    {
      job->result = func (self->store, data, &job->error);
      done (msg, job->result, job->error, data);
      store_job_free (job);
      return;
    }

  if (self->store_jobs == NULL)
    {
      self->store_location = g_strdup (ef_store_get_path (self->store));
      self->idle_stores = g_async_queue_new ();
      self->store_jobs = g_thread_pool_new (run_store_job_cb, self, (int) self->n_store_connections,
                                            FALSE, &error);
      g_assert_no_error (error);
    }
  if (msg != NULL)
    soup_server_message_pause (msg);
  if (!g_thread_pool_push (self->store_jobs, job, &error))
    {
      job->error = g_steal_pointer (&error);
      store_job_done_cb (job);
    }
}

/**
 * ef_server_get_planning_rules:
 * @self: an #EfServer
 * @tenant_id: a tenant
 * @error: return location for an error
 *
 * Returns: (transfer full): the tenant's current planning rules, shared
 *   between requests while the store says they have not changed
 */
EfPlanningRules *
ef_server_get_planning_rules (EfServer    *self,
                              const char  *tenant_id,
                              GError     **error)
{
  g_return_val_if_fail (EF_IS_SERVER (self), NULL);

  return ef_planning_rules_cache_lookup (self->rules_cache, self->store, tenant_id, error);
}

EfPlanningRules *
ef_server_get_planning_rules_with (EfServer    *self,
                                   EfStore     *store,
                                   const char  *tenant_id,
                                   GError     **error)
{
  g_return_val_if_fail (EF_IS_SERVER (self), NULL);

  return ef_planning_rules_cache_lookup (self->rules_cache, store, tenant_id, error);
}

void
ef_server_set_planning_cache_size (EfServer *self,
                                   gsize     max_bytes)
{
  g_return_if_fail (EF_IS_SERVER (self));

  g_clear_pointer (&self->planning_texts, ef_planning_text_cache_free);
  if (max_bytes > 0)
    self->planning_texts = ef_planning_text_cache_new (max_bytes);
}

/* The plannings' texts kept for their next request (ef-planning.h). */
EfPlanningTextCache *
ef_server_get_planning_texts (EfServer *self)
{
  g_return_val_if_fail (EF_IS_SERVER (self), NULL);

  return self->planning_texts;
}

/* A listening socket on @address; with @reuse_port, others may listen on
 * the same address and port (SO_REUSEPORT), the kernel sharing the new
 * connections between them. */
static GSocket *
listen_on (GInetSocketAddress  *address,
           gboolean             reuse_port,
           GError             **error)
{
  g_autoptr(GSocket) socket = NULL;

  /* Our own socket for its backlog: with GSocketListener's 10, the kernel
   * drops the SYNs of clients that connect together, and they retry only
   * a second later. */
  socket = g_socket_new (g_socket_address_get_family (G_SOCKET_ADDRESS (address)),
                         G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!reuse_port)
    {
      if (!g_socket_bind (socket, G_SOCKET_ADDRESS (address), TRUE, error))
        return NULL;
    }
  else
    {
      struct sockaddr_storage native;
      g_autofree char *text = NULL;

      /* g_socket_bind() turns SO_REUSEPORT off on a stream socket. */
      if (!g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, TRUE, error) ||
          !g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, TRUE, error) ||
          !g_socket_address_to_native (G_SOCKET_ADDRESS (address), &native, sizeof native, error))
        return NULL;
      if (bind (g_socket_get_fd (socket), (struct sockaddr *) &native,
                g_socket_address_get_native_size (G_SOCKET_ADDRESS (address))) != 0)
        {
          int saved_errno = errno;

          text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "%s: %s", text, g_strerror (saved_errno));
          return NULL;
        }
    }
  if (!g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

gboolean
ef_server_listen (EfServer            *self,
                  GInetSocketAddress  *address,
                  GError             **error)
{
  g_autoptr(GSocket) socket = NULL;

  g_return_val_if_fail (EF_IS_SERVER (self), FALSE);
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), FALSE);

  socket = listen_on (address, FALSE, error);
  return socket != NULL && ef_server_listen_socket (self, socket, error);
}

gboolean
ef_server_listen_socket (EfServer  *self,
                         GSocket   *socket,
                         GError   **error)
{
  g_return_val_if_fail (EF_IS_SERVER (self), FALSE);
  g_return_val_if_fail (G_IS_SOCKET (socket), FALSE);

  if (!soup_server_listen_socket (self->soup, socket, 0, error))
    return FALSE;
  g_ptr_array_add (self->sockets, g_object_ref (socket));
  watch_listening_sockets (self);
  return TRUE;
}

/* The address of a listening socket, as soup_server_get_uris() writes it
 * ("http://[::1]:8080/" for IPv6), which libsoup 3.2 cannot be asked
 * without leaking the socket's address object. */
static char *
dup_socket_url (GSocket *socket)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autofree char *host = NULL;
  GInetSocketAddress *inet;

  if (local == NULL || !G_IS_INET_SOCKET_ADDRESS (local))
    return NULL;
  inet = G_INET_SOCKET_ADDRESS (local);
  host = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
  return g_uri_join (G_URI_FLAGS_NONE, "http", NULL, host,
                     g_inet_socket_address_get_port (inet), "/", NULL, NULL);
}

char *
ef_server_dup_url (EfServer *self)
{
  g_return_val_if_fail (EF_IS_SERVER (self), NULL);

  if (self->sockets->len == 0)
    return NULL;
  return dup_socket_url (g_ptr_array_index (self->sockets, 0));
}

void
ef_server_shutdown (EfServer *self)
{
  g_return_if_fail (EF_IS_SERVER (self));

  g_clear_handle_id (&self->accept_retry_id, g_source_remove);
  g_ptr_array_set_size (self->accept_sources, 0);
  soup_server_disconnect (self->soup);
  close_fast_connections (self);
  if (self->store != NULL)
    ef_store_checkpoint (self->store);
  g_clear_pointer (&self->store, ef_store_close);
}

static gboolean
on_stop_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ef_server_stop (EfServer *self,
                guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id;
  guint n_unfinished;

  g_return_val_if_fail (EF_IS_SERVER (self), FALSE);

  /* New connections are refused from now on: shutdown() makes the kernel
   * stop listening, and libsoup's accept then fails and stops watching.
   * The connections already accepted carry on (soup_server_disconnect()
   * would cut them). */
  self->stopping = TRUE;
  for (guint i = 0; i < self->sockets->len; i++)
    g_socket_shutdown (g_ptr_array_index (self->sockets, i), TRUE, TRUE, NULL);

  if (self->n_in_flight > 0)
    g_debug ("Stopping: %u requests to finish", self->n_in_flight);

  timeout_id = g_timeout_add (timeout_ms, on_stop_timeout_cb, &timed_out);
  while (self->n_in_flight > 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);

  n_unfinished = self->n_in_flight;
  if (n_unfinished > 0)
    g_warning ("Stopped after %u ms, requests unfinished: %u", timeout_ms, n_unfinished);

  ef_server_shutdown (self);
  return n_unfinished == 0;
}

/**
 * ef_server_get_now:
 * @self: an #EfServer
 *
 * Returns: (transfer full): the current instant in UTC, from the test
 *   clock when one is set.
 */
GDateTime *
ef_server_get_now (EfServer *self)
{
  g_return_val_if_fail (EF_IS_SERVER (self), NULL);

  if (self->test_clock && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;
      gint64 now_us = 0;

      if (!ef_store_get_test_clock (self->store, &now_us, &error))
        g_warning ("Reading the test clock: %s", error->message);
      if (now_us != 0)
        {
          g_autoptr(GDateTime) second = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);

          return g_date_time_add (second, now_us % G_USEC_PER_SEC);
        }
    }
  return g_date_time_new_now_utc ();
}

gint64
ef_server_get_now_unix (EfServer *self)
{
  g_autoptr(GDateTime) now = ef_server_get_now (self);

  return g_date_time_to_unix (now);
}

void
ef_server_enable_test_clock (EfServer *self)
{
  g_return_if_fail (EF_IS_SERVER (self));
  self->test_clock = TRUE;
}

gboolean
ef_server_has_test_clock (EfServer *self)
{
  g_return_val_if_fail (EF_IS_SERVER (self), FALSE);
  return self->test_clock;
}

void
ef_server_set_test_now (EfServer  *self,
                        GDateTime *now)
{
  g_return_if_fail (EF_IS_SERVER (self));
  g_autoptr(GError) error = NULL;
  gint64 now_us = 0;

  g_return_if_fail (self->test_clock);

  if (now != NULL)
    now_us = g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
  if (!ef_store_set_test_clock (self->store, now_us, &error))
    g_warning ("Setting the test clock: %s", error->message);
}

void
ef_server_set_sendmail (EfServer   *self,
                        const char *path)
{
  g_return_if_fail (EF_IS_SERVER (self));

  g_free (self->sendmail);
  self->sendmail = g_strdup (path);
}

const char *
ef_server_get_sendmail (EfServer *self)
{
  g_return_val_if_fail (EF_IS_SERVER (self), NULL);
  return self->sendmail;
}

guint
_ef_server_count_live_connections (EfServer *self)
{
  g_return_val_if_fail (EF_IS_SERVER (self), 0);
  return *self->n_live_streams;
}

guint
_ef_server_sweep_connections (EfServer *self)
{
  g_return_val_if_fail (EF_IS_SERVER (self), 0);
  sweep_connections (self);
  return g_hash_table_size (self->connections);
}

char *
ef_server_dup_portal_url (EfServer   *self,
                          const char *tenant_id,
                          const char *public_url)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (EF_IS_SERVER (self), NULL);

  if (public_url != NULL && *public_url != '\0')
    return g_strdup (public_url);

  url = ef_server_dup_url (self);
  if (url == NULL)
    return g_strdup_printf ("http://127.0.0.1/%s", tenant_id);
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  return g_strdup_printf ("%s/%s", url, tenant_id);
}

/* Worker processes (serve --workers N) */

/* How long after the stop timeout a worker that has not exited is killed. */
#define WORKER_KILL_GRACE_MS 5000

struct _EfServerWorkers
{
  GPtrArray  *sockets;          /* one listening socket per worker, until forked */
  GArray     *pids;             /* GPid of each worker, 0 once it has exited */
  guint       n_running;
  guint       stop_timeout_ms;
  gboolean    stopping;         /* the workers were told to stop */
  gboolean    failed;           /* a worker ended on its own, or badly */
  guint       kill_id;
  guint       term_id;          /* SIGTERM and SIGINT, from the fork on */
  guint       int_id;
  GMainLoop  *loop;
};

static void
signal_workers (EfServerWorkers *self,
                int              signum)
{
  for (guint i = 0; i < self->pids->len; i++)
    {
      GPid pid = g_array_index (self->pids, GPid, i);

      if (pid > 0)
        kill (pid, signum);
    }
}

static gboolean
on_workers_kill_cb (gpointer user_data)
{
  EfServerWorkers *self = user_data;

  g_warning ("Workers still running %u ms after the stop timeout: killing them",
             WORKER_KILL_GRACE_MS);
  signal_workers (self, SIGKILL);
  self->failed = TRUE;
  self->kill_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_workers (EfServerWorkers *self)
{
  if (self->stopping)
    return;

  /* Each worker lets its requests finish for up to the stop timeout, as
   * a single server does; one that hangs beyond it is killed. */
  self->stopping = TRUE;
  signal_workers (self, SIGTERM);
  self->kill_id = g_timeout_add (self->stop_timeout_ms + WORKER_KILL_GRACE_MS,
                                 on_workers_kill_cb, self);
}

static gboolean
on_workers_quit_signal_cb (gpointer user_data)
{
  /* A second signal while stopping changes nothing. */
  stop_workers (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_worker_exited_cb (GPid     pid,
                     gint     wait_status,
                     gpointer user_data)
{
  EfServerWorkers *self = user_data;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->pids->len; i++)
    if (g_array_index (self->pids, GPid, i) == pid)
      g_array_index (self->pids, GPid, i) = 0;
  g_spawn_close_pid (pid);
  g_assert (self->n_running > 0);
  self->n_running--;

  if (!g_spawn_check_wait_status (wait_status, &error))
    {
      g_message ("Worker %d ended: %s", (int) pid, error->message);
      self->failed = TRUE;
    }
  else if (!self->stopping)
    {
      g_message ("Worker %d exited on its own", (int) pid);
      self->failed = TRUE;
    }

  /* The workers serve together or not at all: the service manager
   * restarts the whole server (and G_DEBUG=fatal-warnings in the tests
   * must not turn this into a crash: a message, not a warning). */
  if (!self->stopping)
    {
      g_message ("Stopping the other workers");
      stop_workers (self);
    }

  if (self->n_running == 0)
    g_main_loop_quit (self->loop);
}

/**
 * ef_server_workers_new:
 * @address: where to listen (port 0: any free port)
 * @n_workers: how many worker processes will serve
 * @error: return location for an error
 *
 * Binds one listening socket per worker on the same address and port
 * (SO_REUSEPORT: the kernel shares the new connections between them), so
 * that a worker only ever accepts from its own queue.
 *
 * Returns: (transfer full): the workers, not started yet, or %NULL
 */
EfServerWorkers *
ef_server_workers_new (GInetSocketAddress  *address,
                       guint                n_workers,
                       GError             **error)
{
  EfServerWorkers *self;
  g_autoptr(GInetSocketAddress) bound = NULL;

  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), NULL);
  g_return_val_if_fail (n_workers >= 1, NULL);

  self = g_new0 (EfServerWorkers, 1);
  self->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  self->pids = g_array_new (FALSE, TRUE, sizeof (GPid));

  for (guint i = 0; i < n_workers; i++)
    {
      GSocket *socket = listen_on (bound != NULL ? bound : address, TRUE, error);

      if (socket == NULL)
        {
          ef_server_workers_free (self);
          return NULL;
        }
      g_ptr_array_add (self->sockets, socket);

      /* With port 0, the others take the port that the first one got. */
      if (bound == NULL)
        {
          bound = G_INET_SOCKET_ADDRESS (g_socket_get_local_address (socket, error));
          if (bound == NULL)
            {
              ef_server_workers_free (self);
              return NULL;
            }
        }
    }
  return self;
}

void
ef_server_workers_free (EfServerWorkers *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->term_id, g_source_remove);
  g_clear_handle_id (&self->int_id, g_source_remove);
  g_clear_pointer (&self->sockets, g_ptr_array_unref);
  g_clear_pointer (&self->pids, g_array_unref);
  g_free (self);
}

char *
ef_server_workers_dup_url (EfServerWorkers *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->sockets->len > 0, NULL);

  return dup_socket_url (g_ptr_array_index (self->sockets, 0));
}

gboolean
ef_server_workers_fork (EfServerWorkers  *self,
                        GSocket         **worker_socket,
                        GError          **error)
{
  pid_t parent = getpid ();

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (worker_socket != NULL && *worker_socket == NULL, FALSE);
  g_return_val_if_fail (self->pids->len == 0, FALSE);

  /* What stdio holds would otherwise be written once per process. */
  fflush (NULL);

  for (guint i = 0; i < self->sockets->len; i++)
    {
      pid_t pid = fork ();

      if (pid < 0)
        {
          int saved_errno = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          signal_workers (self, SIGTERM);
          for (guint j = 0; j < self->pids->len; j++)
            waitpid (g_array_index (self->pids, GPid, j), NULL, 0);
          g_array_set_size (self->pids, 0);
          return FALSE;
        }

      if (pid == 0)
        {
#ifdef __linux__
          /* A worker never outlives the process that supervises it. */
          if (prctl (PR_SET_PDEATHSIG, SIGTERM) == 0 && getppid () != parent)
            _exit (1);
#endif
          *worker_socket = g_object_ref (g_ptr_array_index (self->sockets, i));
          return TRUE;
        }

      g_array_append_val (self->pids, pid);
      self->n_running++;
    }

  /* The parent keeps no listening socket: a connection queued on a socket
   * that no worker accepts from would wait forever. */
  g_ptr_array_set_size (self->sockets, 0);
  /* From now on a SIGTERM stops the workers, also one that comes before
   * ef_server_workers_run() (once the workers answer, say). */
  self->term_id = g_unix_signal_add (SIGTERM, on_workers_quit_signal_cb, self);
  self->int_id = g_unix_signal_add (SIGINT, on_workers_quit_signal_cb, self);
  return TRUE;
}

static gboolean
on_signal_after_stop_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
ef_server_workers_run (EfServerWorkers *self,
                       guint            stop_timeout_ms)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->loop == NULL, FALSE);

  self->stop_timeout_ms = stop_timeout_ms;
  self->loop = g_main_loop_new (NULL, FALSE);
  for (guint i = 0; i < self->pids->len; i++)
    g_child_watch_add (g_array_index (self->pids, GPid, i), on_worker_exited_cb, self);

  if (self->n_running > 0)
    g_main_loop_run (self->loop);

  /* Stopped: a SIGTERM or SIGINT from now on changes nothing. GLib gives a
   * signal its default action back (death by it) with the last of its
   * sources for it: these stay until the process ends, and never run. */
  g_unix_signal_add (SIGTERM, on_signal_after_stop_cb, NULL);
  g_unix_signal_add (SIGINT, on_signal_after_stop_cb, NULL);
  g_clear_handle_id (&self->term_id, g_source_remove);
  g_clear_handle_id (&self->int_id, g_source_remove);
  g_clear_handle_id (&self->kill_id, g_source_remove);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  return !self->failed;
}
