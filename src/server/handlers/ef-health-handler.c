/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-health-handler.c: GET /healthz
 *
 * For the service manager, the reverse proxy and the monitoring: no
 * tenant, no session. 200 once the database answers a read, 503 when it
 * cannot be read. It says nothing a stranger could use besides the
 * version.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "http/ef-http.h"
#include "store/ef-store-maintenance.h"
#include "ef-server.h"
#include "ef-health-handler.h"

void
ef_health_handler_get (SoupServerMessage *msg,
                       GHashTable        *params,
                       gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  EfStore *store = ef_server_get_store (server);
  gboolean healthy;

  healthy = store != NULL && ef_store_ping (store, &error);
  if (!healthy)
    g_warning ("Health check: the database cannot be read: %s",
               error != NULL ? error->message : "it is closed");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, healthy ? "ok" : "error");
  json_builder_set_member_name (builder, "database");
  json_builder_add_string_value (builder, healthy ? "ok" : "error");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_end_object (builder);

  body = json_builder_get_root (builder);
  ef_http_respond_json (msg, healthy ? SOUP_STATUS_OK : SOUP_STATUS_SERVICE_UNAVAILABLE, body);
}
