/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-reminders.c: the reminders by e-mail the parent asks for
 * (GET and PUT {portal}/api/v1/account/reminders)
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <libsoup/soup.h>

#include "ef-client-private.h"

/* Runs in a worker: reads {"available", "deadlines", "due_dates",
 * "hours_before"}. */
static gpointer
parse_reminders (JsonNode  *node,
                 GError   **error)
{
  g_autofree EfEmailReminders *reminders = g_new0 (EfEmailReminders, 1);
  JsonObject *object;
  gint64 hours = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           "The reminders must be a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!ef_json_get_bool (object, "available", FALSE, &reminders->available, error)
      || !ef_json_get_bool (object, "deadlines", FALSE, &reminders->deadlines, error)
      || !ef_json_get_bool (object, "due_dates", FALSE, &reminders->due_dates, error)
      || !ef_json_get_int (object, "hours_before", FALSE, &hours, error))
    return NULL;
  if (hours < 1 || hours > 168)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           "hours_before: from 1 to 168");
      return NULL;
    }
  reminders->hours_before = (guint) hours;
  return g_steal_pointer (&reminders);
}

static gboolean
finish_reminders (EfClient          *self,
                  GAsyncResult      *result,
                  gpointer           source_tag,
                  EfEmailReminders  *reminders,
                  GError           **error)
{
  g_autofree EfEmailReminders *answer = _ef_client_finish_pointer (self, result, source_tag,
                                                                    error);

  if (answer == NULL)
    return FALSE;
  if (reminders != NULL)
    *reminders = *answer;
  return TRUE;
}

/**
 * ef_client_get_email_reminders_async:
 * @self: an #EfClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Reads which reminders by e-mail the signed-in parent asked for, and
 * whether the municipality sends them.
 */
void
ef_client_get_email_reminders_async (EfClient            *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (EF_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_email_reminders_async);
  _ef_client_send_parsed (self, task, SOUP_METHOD_GET, "/account/reminders", NULL,
                          parse_reminders, g_free);
}

/**
 * ef_client_get_email_reminders_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @reminders: (out caller-allocates) (optional): where to store them
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: whether @reminders was read
 */
gboolean
ef_client_get_email_reminders_finish (EfClient          *self,
                                      GAsyncResult      *result,
                                      EfEmailReminders  *reminders,
                                      GError           **error)
{
  return finish_reminders (self, result, ef_client_get_email_reminders_async, reminders, error);
}

/**
 * ef_client_set_email_reminders_async:
 * @self: an #EfClient
 * @reminders: what the parent asks for (@available is not sent)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Saves which reminders by e-mail the signed-in parent asks for.
 */
void
ef_client_set_email_reminders_async (EfClient               *self,
                                     const EfEmailReminders *reminders,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (reminders != NULL);
  g_return_if_fail (reminders->hours_before >= 1 && reminders->hours_before <= 168);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "deadlines");
  json_builder_add_boolean_value (builder, reminders->deadlines);
  json_builder_set_member_name (builder, "due_dates");
  json_builder_add_boolean_value (builder, reminders->due_dates);
  json_builder_set_member_name (builder, "hours_before");
  json_builder_add_int_value (builder, reminders->hours_before);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_set_email_reminders_async);
  _ef_client_send_parsed (self, task, SOUP_METHOD_PUT, "/account/reminders", body,
                          parse_reminders, g_free);
}

/**
 * ef_client_set_email_reminders_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @reminders: (out caller-allocates) (optional): what the portal saved
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: whether they were saved
 */
gboolean
ef_client_set_email_reminders_finish (EfClient          *self,
                                      GAsyncResult      *result,
                                      EfEmailReminders  *reminders,
                                      GError           **error)
{
  return finish_reminders (self, result, ef_client_set_email_reminders_async, reminders, error);
}
