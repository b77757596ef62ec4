/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-proxy-resolver.c: the system proxy settings, but never for loopback
 *
 * A default SoupSession asks g_proxy_resolver_get_default(), which follows
 * $http_proxy or the desktop settings and so may send 127.0.0.1 through a
 * proxy that cannot reach it. Portals on the local machine (the reference
 * server in a demo or a test) must always be reached directly, whatever
 * no_proxy says; every other host keeps the system's choice.
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <string.h>

#include "ef-proxy-resolver.h"

struct _EfProxyResolver
{
  GObject         parent_instance;

  GProxyResolver *inner;
};

static void ef_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EfProxyResolver, ef_proxy_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      ef_proxy_resolver_iface_init))

static gboolean
uri_is_loopback (const char *uri)
{
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  return parsed != NULL && ef_host_is_loopback (g_uri_get_host (parsed));
}

static char **
direct_proxies (void)
{
  char **proxies = g_new0 (char *, 2);

  proxies[0] = g_strdup ("direct://");
  return proxies;
}

static void
on_inner_lookup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  char **proxies;

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, &error);
  if (proxies == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static gboolean
ef_proxy_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static char **
ef_proxy_resolver_lookup (GProxyResolver  *resolver,
                          const char      *uri,
                          GCancellable    *cancellable,
                          GError         **error)
{
  EfProxyResolver *self = EF_PROXY_RESOLVER (resolver);

  if (uri_is_loopback (uri) || self->inner == NULL)
    return direct_proxies ();

  return g_proxy_resolver_lookup (self->inner, uri, cancellable, error);
}

static void
ef_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                const char          *uri,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  EfProxyResolver *self = EF_PROXY_RESOLVER (resolver);
  g_autoptr (GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_proxy_resolver_lookup_async);

  if (uri_is_loopback (uri) || self->inner == NULL)
    {
      g_task_return_pointer (task, direct_proxies (), (GDestroyNotify) g_strfreev);
      return;
    }

  g_proxy_resolver_lookup_async (self->inner, uri, cancellable, on_inner_lookup_cb,
                                 g_steal_pointer (&task));
}

static char **
ef_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ef_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = ef_proxy_resolver_is_supported;
  iface->lookup = ef_proxy_resolver_lookup;
  iface->lookup_async = ef_proxy_resolver_lookup_async;
  iface->lookup_finish = ef_proxy_resolver_lookup_finish;
}

static void
ef_proxy_resolver_dispose (GObject *object)
{
  EfProxyResolver *self = EF_PROXY_RESOLVER (object);

  g_clear_object (&self->inner);

  G_OBJECT_CLASS (ef_proxy_resolver_parent_class)->dispose (object);
}

static void
ef_proxy_resolver_class_init (EfProxyResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ef_proxy_resolver_dispose;
}

static void
ef_proxy_resolver_init (EfProxyResolver *self)
{
}

/**
 * ef_proxy_resolver_new:
 * @inner: (nullable): the resolver to ask for every non-loopback host,
 *   usually g_proxy_resolver_get_default(); %NULL means always direct
 *
 * Returns: (transfer full): a new #GProxyResolver
 */
GProxyResolver *
ef_proxy_resolver_new (GProxyResolver *inner)
{
  EfProxyResolver *self;

  g_return_val_if_fail (inner == NULL || G_IS_PROXY_RESOLVER (inner), NULL);

  self = g_object_new (EF_TYPE_PROXY_RESOLVER, NULL);
  if (inner != NULL)
    self->inner = g_object_ref (inner);

  return G_PROXY_RESOLVER (self);
}

/**
 * ef_host_is_loopback:
 * @host: (nullable): a host name or an IP address literal (without brackets)
 *
 * Returns: %TRUE for "localhost", 127.0.0.0/8 and ::1
 */
gboolean
ef_host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  len = strlen (host);
  if (host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}
