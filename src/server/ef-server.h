/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-server.h: the HTTP server, its routes and its database */

#pragma once

#include <gio/gio.h>

#include "http/ef-router.h"
#include "store/ef-store.h"

G_BEGIN_DECLS

#define EF_TYPE_SERVER (ef_server_get_type ())
G_DECLARE_FINAL_TYPE (EfServer, ef_server, EF, SERVER, GObject)

/* Takes ownership of @store. */
EfServer   *ef_server_new            (EfStore             *store);
EfStore    *ef_server_get_store      (EfServer            *self);

/* Starts listening on @address (port 0: any free port). */
gboolean    ef_server_listen         (EfServer            *self,
                                      GInetSocketAddress  *address,
                                      GError             **error);
/* "http://127.0.0.1:PORT/" once listening. */
char       *ef_server_dup_url        (EfServer            *self);
/* Stops listening and closes the database. */
void        ef_server_shutdown       (EfServer            *self);

/* Registers every API route on @router; @server is the handlers' data
 * (NULL only to list the routes). Defined in ef-server-routes.c. */
void        ef_server_install_routes (EfRouter            *router,
                                      EfServer            *server);

G_END_DECLS
