/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family-handler.c: the caller's family and its members' contact fields
 *
 * Everything is scoped by the caller's family: another family's member is
 * answered exactly like a member that does not exist (404).
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "http/ef-auth.h"
#include "http/ef-http.h"
#include "http/ef-request.h"
#include "store/ef-store-families.h"
#include "ef-server.h"
#include "ef-family-handler.h"

void
ef_family_handler_get (SoupServerMessage *msg,
                       GHashTable        *params,
                       gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  caller = ef_auth_require_caller (server, msg, tenant_id);
  if (caller == NULL)
    return;

  family = ef_store_load_family (ef_server_get_store (server), caller->tenant_id,
                                 caller->family_id, &error);
  if (family == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  node = ef_family_record_to_json (family);
  ef_http_respond_json (msg, SOUP_STATUS_OK, node);
}

void
ef_family_handler_patch_member (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) details = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  EfMember *member;
  gint64 member_id;

  caller = ef_auth_require_caller (server, msg, tenant_id);
  if (caller == NULL)
    return;

  member_id = ef_request_parse_id (g_hash_table_lookup (params, "id"));
  family = ef_store_load_family (store, caller->tenant_id, caller->family_id, &error);
  if (family == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  member = member_id > 0 ? ef_family_find_member (family, member_id) : NULL;
  if (member == NULL)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "No such member");
      return;
    }

  body = ef_request_read_json_object (msg, &error);
  if (body == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  before = ef_member_record_to_json (member);
  details = json_array_new ();
  if (!ef_member_apply_patch (member, body, details))
    {
      ef_http_respond_api_error_full (msg, EF_API_ERROR_VALIDATION,
                                      "Some fields are invalid or cannot be changed", details);
      return;
    }

  /* An agent in the family's pages changes what the family may, audited
   * with what it was and what it became (new pick-up persons' ids
   * included). */
  now = ef_server_get_now (server);
  if (caller->on_behalf)
    {
      g_autofree char *target = g_strdup_printf ("member:%" G_GINT64_FORMAT, member->id);
      EfStaffAuditEntry entry = {
        .agent = caller->agent,
        .family_id = family->id,
        .action = "member_update",
        .target = target,
        .before = before,
        .via = caller->via,
        .at = g_date_time_to_unix (now),
      };

      if (!ef_store_begin_write (store, &error))
        {
          ef_http_respond_error (msg, error);
          return;
        }
      if (ef_store_update_member_contact (store, family->id, member, entry.at, &error))
        {
          node = ef_member_record_to_json (member);
          entry.after = node;
        }
      if (node == NULL ||
          !ef_store_add_staff_audit (store, &entry, &error) ||
          !ef_store_commit_write (store, &error))
        {
          ef_store_rollback_write (store);
          ef_http_respond_error (msg, error);
          return;
        }
    }
  else if (!ef_store_update_member_contact (store, family->id, member, g_date_time_to_unix (now),
                                            &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  else
    node = ef_member_record_to_json (member);

  ef_http_respond_json (msg, SOUP_STATUS_OK, node);
}
