/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reminders-handler.c: the reminders by e-mail a parent asks for
 *
 * {"available", "deadlines", "due_dates", "hours_before"}: "available"
 * says whether the municipality sends them (email-reminders in its
 * settings), the others are the parent's own choice, kept even while the
 * municipality does not send them. Only the parent's own session: an
 * agent on behalf of the family is answered 403.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "http/ef-auth.h"
#include "http/ef-http.h"
#include "http/ef-request.h"
#include "store/ef-store-reminders.h"
#include "store/ef-store-town.h"
#include "ef-server.h"
#include "ef-reminders-handler.h"

static void
respond (SoupServerMessage        *msg,
         EfServer                 *server,
         const char               *tenant_id,
         const EfAccountReminders *reminders)
{
  g_autoptr(EfTown) town = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  EfRemindersRecord record;

  town = ef_store_load_town (ef_server_get_store (server), tenant_id, &error);
  if (town == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  record = (EfRemindersRecord) {
    .available = town->email_reminders,
    .deadlines = reminders->deadlines,
    .due_dates = reminders->due_dates,
    .hours_before = reminders->hours_before,
  };
  node = ef_reminders_record_to_json (&record);
  ef_http_respond_json (msg, SOUP_STATUS_OK, node);
}

void
ef_reminders_handler_get (SoupServerMessage *msg,
                          GHashTable        *params,
                          gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GError) error = NULL;
  EfAccountReminders reminders;

  caller = ef_auth_require_parent (server, msg, tenant_id,
                                   "Only the parent chooses the reminders");
  if (caller == NULL)
    return;

  if (!ef_store_get_account_reminders (ef_server_get_store (server), caller->account_id,
                                       &reminders, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  respond (msg, server, caller->tenant_id, &reminders);
}

void
ef_reminders_handler_put (SoupServerMessage *msg,
                          GHashTable        *params,
                          gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  EfAccountReminders reminders = { FALSE, FALSE, EF_REMINDERS_DEFAULT_HOURS };
  EfRemindersRecord choice;

  caller = ef_auth_require_parent (server, msg, tenant_id,
                                   "Only the parent chooses the reminders");
  if (caller == NULL)
    return;

  body = ef_request_read_json_node (msg, &error);
  if (body == NULL || !ef_reminders_choice_from_json (body, &choice, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  if (choice.hours_before < 1 || choice.hours_before > EF_REMINDERS_MAX_HOURS)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD,
                                 "hours_before: from 1 to 168 hours");
      return;
    }
  reminders.deadlines = choice.deadlines;
  reminders.due_dates = choice.due_dates;
  reminders.hours_before = (guint) choice.hours_before;

  now = ef_server_get_now (server);
  if (!ef_store_set_account_reminders (ef_server_get_store (server), caller->account_id,
                                       &reminders, g_date_time_to_unix (now), &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  respond (msg, server, caller->tenant_id, &reminders);
}
