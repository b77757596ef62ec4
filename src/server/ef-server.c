/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-server.c: the HTTP server, its routes and its database */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "http/ef-http.h"
#include "store/ef-store-maintenance.h"
#include "ef-log.h"
#include "ef-planning.h"
#include "ef-server.h"

/* Connections the kernel queues before the main loop accepts them. */
#define LISTEN_BACKLOG 128

/* On a message from its headers to its end: when it began (a gint64 of
 * g_get_monotonic_time()). A message with it is a request in flight. */
#define REQUEST_STARTED_KEY "ef-request-started"

struct _EfServer
{
  GObject     parent_instance;

  SoupServer *soup;
  EfRouter   *router;
  EfStore    *store;
  EfPlanningRulesCache *rules_cache;

  gboolean    test_clock;
  GDateTime  *test_now;       /* NULL: the machine's clock */
  char       *sendmail;

  GPtrArray  *sockets;        /* the listening sockets */
  guint       n_in_flight;    /* requests from their headers to their end */
  gboolean    stopping;       /* no new connections; answers close theirs */
};

G_DEFINE_FINAL_TYPE (EfServer, ef_server, G_TYPE_OBJECT)

/* Every answer says what time it is on the server's clock, the test
 * clock's when one is set: clients read "now" and "today" from it. libsoup
 * writes the machine's time; ours replaces it, before the handler for the
 * answers it sends later and after it for those it sends now (the clock
 * route changes the time it answers). */
static void
set_date_header (EfServer          *self,
                 SoupServerMessage *msg)
{
  g_autoptr(GDateTime) now = ef_server_get_now (self);
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", date);
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

/* One line per request, with journald fields. Never the path (ids,
 * tokens), the query, a header or a body: the route's template, the
 * tenant, the status and the time it took. */
static void
log_request (SoupServerMessage *msg,
             gint64             duration_ms,
             gboolean           aborted)
{
  const char *method = soup_server_message_get_method (msg);
  const char *route = ef_router_get_message_route (msg, NULL);
  const char *tenant = ef_router_get_message_route (msg, "tenant");
  guint status = soup_server_message_get_status (msg);
  char status_text[16];
  char duration_text[32];

  if (tenant == NULL || !ef_tenant_id_is_valid (tenant))
    tenant = "-";
  if (route == NULL)
    route = "-";
  g_snprintf (status_text, sizeof status_text, "%u", status);
  g_snprintf (duration_text, sizeof duration_text, "%" G_GINT64_FORMAT, duration_ms);

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    EF_LOG_FIELD_PREFIX "TENANT", tenant,
                    EF_LOG_FIELD_PREFIX "METHOD", method,
                    EF_LOG_FIELD_PREFIX "ROUTE", route,
                    EF_LOG_FIELD_PREFIX "STATUS", status_text,
                    EF_LOG_FIELD_PREFIX "DURATION_MS", duration_text,
                    "MESSAGE", "%s %s %u %s ms%s", method, route, status, duration_text,
                    aborted ? " (aborted)" : "");
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

static void
end_request (EfServer          *self,
             SoupServerMessage *msg,
             gboolean           aborted)
{
  gint64 *started = g_object_get_data (G_OBJECT (msg), REQUEST_STARTED_KEY);

  if (started == NULL)
    return;

  log_request (msg, (g_get_monotonic_time () - *started + 500) / 1000, aborted);
  g_object_set_data (G_OBJECT (msg), REQUEST_STARTED_KEY, NULL);
  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;
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
  g_clear_pointer (&self->sockets, g_ptr_array_unref);
  g_clear_pointer (&self->router, ef_router_free);
  g_clear_pointer (&self->rules_cache, ef_planning_rules_cache_free);
  g_clear_pointer (&self->store, ef_store_close);
  g_clear_pointer (&self->test_now, g_date_time_unref);
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
  self->router = ef_router_new ();
  self->rules_cache = ef_planning_rules_cache_new ();
  self->sockets = g_ptr_array_new_with_free_func (g_object_unref);

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
  return self;
}

EfStore *
ef_server_get_store (EfServer *self)
{
  g_return_val_if_fail (EF_IS_SERVER (self), NULL);
  return self->store;
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

gboolean
ef_server_listen (EfServer            *self,
                  GInetSocketAddress  *address,
                  GError             **error)
{
  g_autoptr(GSocket) socket = NULL;

  g_return_val_if_fail (EF_IS_SERVER (self), FALSE);
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), FALSE);

  /* Our own socket for its backlog: with GSocketListener's 10, the kernel
   * drops the SYNs of clients that connect together, and they retry only
   * a second later. */
  socket = g_socket_new (g_socket_address_get_family (G_SOCKET_ADDRESS (address)),
                         G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, G_SOCKET_ADDRESS (address), TRUE, error) ||
      !g_socket_listen (socket, error))
    return FALSE;

  if (!soup_server_listen_socket (self->soup, socket, 0, error))
    return FALSE;
  g_ptr_array_add (self->sockets, g_steal_pointer (&socket));
  return TRUE;
}

char *
ef_server_dup_url (EfServer *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (EF_IS_SERVER (self), NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

void
ef_server_shutdown (EfServer *self)
{
  g_return_if_fail (EF_IS_SERVER (self));

  soup_server_disconnect (self->soup);
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

  if (self->test_now != NULL)
    return g_date_time_ref (self->test_now);
  return g_date_time_new_now_utc ();
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
  g_return_if_fail (self->test_clock);

  g_clear_pointer (&self->test_now, g_date_time_unref);
  if (now != NULL)
    self->test_now = g_date_time_to_utc (now);
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
