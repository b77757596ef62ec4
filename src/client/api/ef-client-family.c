/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-family.c: the family, enrolments, planning and reservations
 *
 * The part of EfClient that needs a session. Every call here is sent with
 * the session's token; see ef-client.c for what happens when it ended.
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <libsoup/soup.h>

#include "ef-client-json.h"
#include "ef-client-private.h"

static void
on_family_loaded (EfClient *self,
                  gpointer  result)
{
  _ef_client_set_family (self, EF_FAMILY (result));
}

static void
on_member_updated (EfClient *self,
                   gpointer  result)
{
  _ef_client_replace_member (self, EF_MEMBER (result));
}

/**
 * ef_client_get_family_async:
 * @self: an #EfClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads the family of the account signed in (GET {portal}/api/v1/family);
 * it also becomes #EfClient:family and fills #EfClient:members.
 */
void
ef_client_get_family_async (EfClient            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  EfRequest *request;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_family_async);

  request = _ef_request_new (SOUP_METHOD_GET, "/family", EF_REQUEST_SIGNED_IN);
  _ef_request_set_parser (request, (EfAnswerParser) _ef_family_new_from_json, g_object_unref,
                          on_family_loaded);
  _ef_client_send (self, request, g_steal_pointer (&task));
}

/**
 * ef_client_get_family_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the family
 */
EfFamily *
ef_client_get_family_finish (EfClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_family_async, error);
}

/**
 * ef_client_update_member_async:
 * @self: an #EfClient
 * @member_id: a member of the family
 * @patch: the contact fields to change
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Changes a member's contact fields (PATCH {portal}/api/v1/members/{id}),
 * all or none. Refused fields are %EF_CLIENT_ERROR_VALIDATION, with a
 * sentence for each in ef_client_error_get_field_messages(). The member as
 * changed replaces the old one in #EfClient:members.
 */
void
ef_client_update_member_async (EfClient            *self,
                               gint64               member_id,
                               EfMemberPatch       *patch,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *path = NULL;
  EfRequest *request;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (member_id > 0);
  g_return_if_fail (patch != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_update_member_async);

  body = ef_member_patch_to_json (patch);
  path = g_strdup_printf ("/members/%" G_GINT64_FORMAT, member_id);
  request = _ef_request_new ("PATCH", path, EF_REQUEST_SIGNED_IN);
  _ef_request_set_json_body (request, body);
  _ef_request_set_parser (request, (EfAnswerParser) _ef_member_new_from_json, g_object_unref,
                          on_member_updated);
  _ef_client_send (self, request, g_steal_pointer (&task));
}

/**
 * ef_client_update_member_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the member as changed
 */
EfMember *
ef_client_update_member_finish (EfClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_update_member_async, error);
}

/**
 * ef_client_get_enrolments_async:
 * @self: an #EfClient
 * @member_id: a member of the family
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads the activities the town hall enrolled a member in
 * (GET {portal}/api/v1/members/{id}/enrolments).
 */
void
ef_client_get_enrolments_async (EfClient            *self,
                                gint64               member_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (member_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_enrolments_async);

  path = g_strdup_printf ("/members/%" G_GINT64_FORMAT "/enrolments", member_id);
  _ef_client_send_parsed (self, g_steal_pointer (&task), SOUP_METHOD_GET, path, NULL,
                          (EfAnswerParser) _ef_enrolments_new_from_json, g_object_unref);
}

/**
 * ef_client_get_enrolments_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of #EfEnrolment
 */
GListModel *
ef_client_get_enrolments_finish (EfClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_enrolments_async, error);
}

/* The planning's days are those of the portal's time zone. */
static void
handle_planning (EfClient *self,
                 gpointer  result)
{
  ef_server_clock_set_time_zone (ef_client_get_clock (self), ef_planning_get_time_zone (result));
}

/**
 * ef_client_get_planning_async:
 * @self: an #EfClient
 * @member_id: a member of the family
 * @first_day: the first day
 * @last_day: the last day (included), at most 400 days after @first_day
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads a member's planning (GET {portal}/api/v1/members/{id}/planning):
 * every day of every activity the member is enrolled in, read in a worker
 * thread.
 */
void
ef_client_get_planning_async (EfClient            *self,
                              gint64               member_id,
                              EfDay                first_day,
                              EfDay                last_day,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *path = NULL;
  EfRequest *request;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (member_id > 0);
  g_return_if_fail (ef_day_is_valid (first_day));
  g_return_if_fail (ef_day_is_valid (last_day));
  g_return_if_fail (first_day <= last_day);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_planning_async);

  from = ef_day_format_iso (first_day);
  to = ef_day_format_iso (last_day);
  path = g_strdup_printf ("/members/%" G_GINT64_FORMAT "/planning?from=%s&to=%s",
                          member_id, from, to);
  request = _ef_request_new (SOUP_METHOD_GET, path, EF_REQUEST_SIGNED_IN);
  _ef_request_set_parser (request, (EfAnswerParser) _ef_planning_new_from_json,
                          g_object_unref, handle_planning);
  _ef_client_send (self, request, g_steal_pointer (&task));
}

/**
 * ef_client_get_planning_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the planning
 */
EfPlanning *
ef_client_get_planning_finish (EfClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_planning_async, error);
}

/**
 * ef_client_save_reservations_async:
 * @self: an #EfClient
 * @changes: the changes to save, with the planning versions they were
 *   made on (ef_pending_changes_set_version())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Saves every pending change in one batch (POST
 * {portal}/api/v1/reservations), all or nothing. @changes is not touched:
 * after a success, clear it and take the new versions from the result;
 * after %EF_CLIENT_ERROR_VERSION_CONFLICT, load the planning again and
 * ef_pending_changes_rebase(); after %EF_CLIENT_ERROR_DEADLINE_PASSED (or
 * %EF_CLIENT_ERROR_DAY_CLOSED, %EF_CLIENT_ERROR_NOT_ENROLLED), show
 * ef_client_error_get_rejected_changes(). With no change, nothing is sent.
 */
void
ef_client_save_reservations_async (EfClient            *self,
                                   EfPendingChanges    *changes,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (EF_IS_PENDING_CHANGES (changes));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_save_reservations_async);

  if (g_list_model_get_n_items (G_LIST_MODEL (changes)) == 0)
    {
      g_task_return_pointer (task, g_object_new (EF_TYPE_RESERVATION_RESULT, NULL),
                             g_object_unref);
      return;
    }

  body = ef_pending_changes_to_batch (changes, &error);
  if (body == NULL)
    {
      g_critical ("Cannot save the reservations: %s", error->message);
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL,
                               "%s", error->message);
      return;
    }

  _ef_client_send_parsed (self, g_steal_pointer (&task), SOUP_METHOD_POST, "/reservations", body,
                          (EfAnswerParser) _ef_reservation_result_new_from_json, g_object_unref);
}

/**
 * ef_client_save_reservations_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): what the portal did
 */
EfReservationResult *
ef_client_save_reservations_finish (EfClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_save_reservations_async, error);
}
