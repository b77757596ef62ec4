/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-portal-handler.c: GET /{tenant}/api/v1/portal
 *
 * Public: what the login page shows before anyone signs in (the town's
 * name, how to reach its services, the deadline rule).
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "http/ef-http.h"
#include "ef-server.h"
#include "ef-portal-handler.h"

void
ef_portal_handler_get (SoupServerMessage *msg,
                       GHashTable        *params,
                       gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfPortal) portal = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  portal = ef_store_load_portal (ef_server_get_store (server),
                                 g_hash_table_lookup (params, "tenant"),
                                 &error);
  if (portal == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  /* What time it is for the town: clients take their "today" from it. */
  now = ef_server_get_now (server);
  ef_portal_set_now (portal, now);
  body = ef_portal_to_json (portal);
  ef_http_respond_json (msg, SOUP_STATUS_OK, body);
}
