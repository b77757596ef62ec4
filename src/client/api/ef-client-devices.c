/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-devices.c: the computers the account is remembered on
 * (GET {portal}/api/v1/account/devices, DELETE …/account/devices/{id})
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <libsoup/soup.h>

#include "ef-client-private.h"
#include "ef-client-json.h"

/**
 * ef_client_list_devices_async:
 * @self: an #EfClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Lists the computers the signed-in account is remembered on ("remember
 * me"), the one last used first; this computer's is marked current.
 */
void
ef_client_list_devices_async (EfClient            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (EF_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_list_devices_async);
  _ef_client_send_parsed (self, task, SOUP_METHOD_GET, "/account/devices", NULL,
                          (EfAnswerParser) _ef_devices_new_from_json, g_object_unref);
}

/**
 * ef_client_list_devices_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of #EfDevice
 */
GListModel *
ef_client_list_devices_finish (EfClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_list_devices_async, error);
}

/**
 * ef_client_forget_device_async:
 * @self: an #EfClient
 * @device: one of ef_client_list_devices_finish()'s
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Forgets @device on the portal: it has to sign in with the password
 * again, and its sessions end.
 */
void
ef_client_forget_device_async (EfClient            *self,
                               EfDevice            *device,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (EF_IS_DEVICE (device));

  path = g_strdup_printf ("/account/devices/%" G_GINT64_FORMAT, ef_device_get_id (device));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_forget_device_async);
  _ef_client_send (self, _ef_request_new ("DELETE", path, EF_REQUEST_SIGNED_IN), task);
}

/**
 * ef_client_forget_device_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: whether the portal forgot it
 */
gboolean
ef_client_forget_device_finish (EfClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_client_forget_device_async,
                        FALSE);

  return _ef_client_propagate_boolean (result, error);
}
