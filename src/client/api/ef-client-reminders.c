/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-reminders.c: the reminders by e-mail the parent asks for
 * (GET and PUT {portal}/api/v1/account/reminders)
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <libsoup/soup.h>

#include "ef-client-private.h"

/* Runs in a worker: reads a Reminders with its codec. */
static gpointer
parse_reminders (JsonNode  *node,
                 GError   **error)
{
  g_autofree EfEmailReminders *reminders = g_new0 (EfEmailReminders, 1);
  EfRemindersRecord record;

  if (!ef_reminders_record_from_json (node, &record, error))
    return NULL;
  reminders->available = record.available;
  reminders->deadlines = record.deadlines;
  reminders->due_dates = record.due_dates;
  reminders->hours_before = (guint) record.hours_before;
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
  g_autoptr (JsonNode) body = NULL;
  EfRemindersRecord choice;
  GTask *task;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (reminders != NULL);
  g_return_if_fail (reminders->hours_before >= 1 && reminders->hours_before <= 168);

  choice = (EfRemindersRecord) {
    .deadlines = reminders->deadlines,
    .due_dates = reminders->due_dates,
    .hours_before = reminders->hours_before,
  };
  body = ef_reminders_choice_to_json (&choice);

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
