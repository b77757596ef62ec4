/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-proxy-resolver.h: the system proxy settings, but never for loopback */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EF_TYPE_PROXY_RESOLVER (ef_proxy_resolver_get_type ())
G_DECLARE_FINAL_TYPE (EfProxyResolver, ef_proxy_resolver, EF, PROXY_RESOLVER, GObject)

GProxyResolver *ef_proxy_resolver_new     (GProxyResolver *inner);
gboolean        ef_host_is_loopback       (const char     *host);

G_END_DECLS
