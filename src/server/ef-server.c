/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-server.c: the HTTP server, its routes and its database */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <libsoup/soup.h>

#include "http/ef-http.h"
#include "ef-server.h"

struct _EfServer
{
  GObject     parent_instance;

  SoupServer *soup;
  EfRouter   *router;
  EfStore    *store;
};

G_DEFINE_FINAL_TYPE (EfServer, ef_server, G_TYPE_OBJECT)

static void
on_request_cb (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  EfServer *self = user_data;

  ef_router_dispatch (self->router, msg);
}

static void
on_request_finished_cb (SoupServer        *soup,
                        SoupServerMessage *msg,
                        gpointer           user_data)
{
  GUri *uri = soup_server_message_get_uri (msg);

  g_debug ("%s %s %u",
           soup_server_message_get_method (msg),
           uri ? g_uri_get_path (uri) : "-",
           soup_server_message_get_status (msg));
}

static void
ef_server_finalize (GObject *object)
{
  EfServer *self = EF_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->router, ef_router_free);
  g_clear_pointer (&self->store, ef_store_close);

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

  ef_http_limit_request_body (self->soup, EF_HTTP_DEFAULT_MAX_BODY_SIZE);
  soup_server_add_handler (self->soup, NULL, on_request_cb, self, NULL);
  g_signal_connect (self->soup, "request-finished",
                    G_CALLBACK (on_request_finished_cb), self);

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

gboolean
ef_server_listen (EfServer            *self,
                  GInetSocketAddress  *address,
                  GError             **error)
{
  g_return_val_if_fail (EF_IS_SERVER (self), FALSE);
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), FALSE);

  return soup_server_listen (self->soup, G_SOCKET_ADDRESS (address), 0, error);
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
  g_clear_pointer (&self->store, ef_store_close);
}
