/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-devices-handler.c: the computers an account is remembered on
 *
 * The account's own remembered devices (store/ef-store-devices.h), as its
 * owner sees them, and a way to forget one from another: its tokens stop
 * working and the sessions it opened end. Only the account's own session:
 * an agent acting for a family is answered 403, for the family's
 * devices are not the agent's business.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "http/ef-auth.h"
#include "http/ef-http.h"
#include "http/ef-request.h"
#include "store/ef-store-devices.h"
#include "ef-server.h"
#include "ef-devices-handler.h"

static EfCaller *
require_own_session (EfServer          *server,
                     SoupServerMessage *msg,
                     const char        *tenant_id)
{
  EfCaller *caller = ef_auth_require_session (server, msg, tenant_id);

  if (caller != NULL && caller->on_behalf)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_FORBIDDEN,
                                 "Only the account's own session sees its devices");
      g_clear_pointer (&caller, ef_caller_free);
    }
  return caller;
}

void
ef_devices_handler_list (SoupServerMessage *msg,
                         GHashTable        *params,
                         gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  caller = require_own_session (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;

  devices = ef_store_list_devices (ef_server_get_store (server), caller->account_id,
                                   caller->session_id, ef_server_get_now_unix (server), &error);
  if (devices == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_device_record_free);
  for (guint i = 0; i < devices->len; i++)
    {
      const EfStoreDevice *device = g_ptr_array_index (devices, i);
      EfDeviceRecord *record = g_new0 (EfDeviceRecord, 1);

      record->id = device->id;
      record->client = g_strdup (device->client);
      record->since = ef_instant_format_unix_iso (device->since, tz);
      record->last_used_at = ef_instant_format_unix_iso (device->last_used_at, tz);
      record->expires_at = ef_instant_format_unix_iso (device->expires_at, tz);
      record->current = device->current;
      g_ptr_array_add (records, record);
    }
  node = ef_device_list_to_json (records);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  ef_http_respond_json (msg, SOUP_STATUS_OK, node);
}

void
ef_devices_handler_forget (SoupServerMessage *msg,
                           GHashTable        *params,
                           gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found;
  gint64 id;

  caller = require_own_session (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  id = ef_request_path_id (msg, params, "No such device");
  if (id == 0)
    return;

  if (!ef_store_revoke_device (ef_server_get_store (server), caller->account_id, id,
                               ef_server_get_now_unix (server), &found, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  if (!found)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "No such device");
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}
