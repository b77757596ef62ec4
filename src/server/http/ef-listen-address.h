/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-listen-address.h: the --listen HOST:PORT argument */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Parses "127.0.0.1:8080", "localhost:0" or "[::1]:8080". The host is an
 * IPv4 address, a bracketed IPv6 address or "localhost" (127.0.0.1); names
 * are not resolved. The port is 0 (any free port) to 65535. Errors are
 * G_IO_ERROR_INVALID_ARGUMENT with a translated message. */
GInetSocketAddress *ef_listen_address_parse       (const char         *text,
                                                   GError            **error);
gboolean            ef_listen_address_is_loopback (GInetSocketAddress *address);

G_END_DECLS
