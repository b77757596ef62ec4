/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-server-routes.c: the API's routes, in one table
 *
 * docs/openapi.yaml documents exactly these routes; test-openapi-routes
 * keeps the two equal.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "handlers/ef-portal-handler.h"
#include "ef-server.h"

static const struct {
  const char     *method;
  const char     *pattern;
  EfRouteHandler  handler;
} routes[] = {
  { "GET", "/{tenant}/api/v1/portal", ef_portal_handler_get },
};

void
ef_server_install_routes (EfRouter *router,
                          EfServer *server)
{
  g_return_if_fail (router != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    ef_router_add (router, routes[i].method, routes[i].pattern, routes[i].handler, server);
}
