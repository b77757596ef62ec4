/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-staff.c: the town hall's back office
 *
 * The part of EfClient that a staff session uses: finding a family,
 * recording what it pays at the counter, its receipt, and the lists of the
 * children expected on a day. The portal refuses these to a parent.
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <libsoup/soup.h>

#include "ef-client-json.h"
#include "ef-client-private.h"

/* The API's names of the channels a payment can come through. */
static const char * const channel_names[] = {
  [EF_PAYMENT_CHANNEL_ONLINE_CARD] = "online_card",
  [EF_PAYMENT_CHANNEL_CASH] = "cash",
  [EF_PAYMENT_CHANNEL_CHEQUE] = "cheque",
  [EF_PAYMENT_CHANNEL_DIRECT_DEBIT] = "direct_debit",
  [EF_PAYMENT_CHANNEL_TRANSFER] = "transfer",
};

static void
send_raw (EfClient   *self,
          GTask      *task,
          const char *path,
          const char *accept)
{
  EfRequest *request = _ef_request_new (SOUP_METHOD_GET, path, EF_REQUEST_SIGNED_IN);

  _ef_request_set_raw (request, accept);
  _ef_client_send (self, request, task);
}

/* The payment a counter's request recorded or cancelled: either way the
 * family's invoices changed (EfClient::billing-changed). */
static EfStaffPayment *
finish_payment_change (EfClient      *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       GError       **error)
{
  EfStaffPayment *payment = _ef_client_finish_pointer (self, result, source_tag, error);

  if (payment != NULL)
    ef_client_notify_billing_changed (self);
  return payment;
}

/**
 * ef_client_search_families_async:
 * @self: an #EfClient
 * @query: (nullable): words of a family's name, a member's name, an e-mail
 *   address or a reference; accents and case do not matter
 * @page: which page of results, from 1
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Finds the families of the agent's services
 * (GET {portal}/api/v1/staff/families?q=…&page=…).
 */
void
ef_client_search_families_async (EfClient            *self,
                                 const char          *query,
                                 guint                page,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (page > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_search_families_async);
  escaped = g_uri_escape_string (query != NULL ? query : "", NULL, FALSE);
  path = g_strdup_printf ("/staff/families?q=%s&page=%u", escaped, page);
  _ef_client_send_parsed (self, g_steal_pointer (&task), SOUP_METHOD_GET, path, NULL,
               (EfAnswerParser) _ef_staff_search_new_from_json,
               (GDestroyNotify) _ef_staff_search_free);
}

/**
 * ef_client_search_families_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @total: (out) (optional): how many families match, on every page
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of
 *   #EfStaffFamilySummary, the page asked for
 */
GListModel *
ef_client_search_families_finish (EfClient      *self,
                                  GAsyncResult  *result,
                                  guint         *total,
                                  GError       **error)
{
  g_autoptr (EfStaffSearch) search = NULL;

  search = _ef_client_finish_pointer (self, result, ef_client_search_families_async, error);
  if (search == NULL)
    return NULL;

  if (total != NULL)
    *total = search->total;
  return g_steal_pointer (&search->families);
}

/**
 * ef_client_get_staff_family_async:
 * @self: an #EfClient
 * @family_id: a family of the agent's services
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads a family with its members, enrolments and invoices
 * (GET {portal}/api/v1/staff/families/{id}).
 */
void
ef_client_get_staff_family_async (EfClient            *self,
                                  gint64               family_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (family_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_staff_family_async);
  path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT, family_id);
  _ef_client_send_parsed (self, g_steal_pointer (&task), SOUP_METHOD_GET, path, NULL,
               (EfAnswerParser) _ef_staff_family_new_from_json, g_object_unref);
}

/**
 * ef_client_get_staff_family_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the family
 */
EfStaffFamily *
ef_client_get_staff_family_finish (EfClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_staff_family_async, error);
}

/**
 * ef_client_record_payment_async:
 * @self: an #EfClient
 * @family_id: the family that pays
 * @channel: how it pays, anything but %EF_PAYMENT_CHANNEL_ONLINE_CARD
 * @invoice_ids: (array length=n_invoice_ids): the invoices it pays
 * @n_invoice_ids: how many (1 to 50)
 * @amount: the amount paid on the only invoice, or 0 to settle every
 *   invoice's balance
 * @cheque_number: (nullable): the cheque's number, needed for a cheque
 * @note: (nullable): a note for the town hall, at most 200 characters
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Records a payment made at the counter
 * (POST {portal}/api/v1/staff/families/{id}/payments); its receipt is then
 * ef_client_get_receipt_pdf_async().
 */
void
ef_client_record_payment_async (EfClient            *self,
                                gint64               family_id,
                                EfPaymentChannel     channel,
                                const gint64        *invoice_ids,
                                guint                n_invoice_ids,
                                EfCents              amount,
                                const char          *cheque_number,
                                const char          *note,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (EfOfflinePaymentRequestRecord) request = ef_offline_payment_request_record_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (family_id > 0);
  g_return_if_fail (channel > EF_PAYMENT_CHANNEL_ONLINE_CARD && channel < G_N_ELEMENTS (channel_names));
  g_return_if_fail (invoice_ids != NULL && n_invoice_ids > 0);
  g_return_if_fail (amount >= 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_record_payment_async);

  /* The codec leaves out what is NULL or 0: an empty number or note too. */
  request->channel = g_strdup (channel_names[channel]);
  g_array_append_vals (request->invoices, invoice_ids, n_invoice_ids);
  request->amount = amount;
  if (cheque_number != NULL && *cheque_number != '\0')
    request->cheque_number = g_strdup (cheque_number);
  if (note != NULL && *note != '\0')
    request->note = g_strdup (note);
  body = ef_offline_payment_request_record_to_json (request);

  path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/payments", family_id);
  _ef_client_send_parsed (self, g_steal_pointer (&task), SOUP_METHOD_POST, path, body,
               (EfAnswerParser) _ef_staff_payment_new_from_json, g_object_unref);
}

/**
 * ef_client_record_payment_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the recorded payment
 */
EfStaffPayment *
ef_client_record_payment_finish (EfClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_payment_change (self, result, ef_client_record_payment_async, error);
}

/**
 * ef_client_get_receipt_pdf_async:
 * @self: an #EfClient
 * @payment_id: a payment recorded at the counter
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Downloads the payment's receipt, a PDF document
 * (GET {portal}/api/v1/staff/payments/{id}/receipt).
 */
void
ef_client_get_receipt_pdf_async (EfClient            *self,
                                 gint64               payment_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (payment_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_receipt_pdf_async);
  path = g_strdup_printf ("/staff/payments/%" G_GINT64_FORMAT "/receipt", payment_id);
  send_raw (self, g_steal_pointer (&task), path, "application/pdf");
}

/**
 * ef_client_get_receipt_pdf_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the bytes of the PDF document
 */
GBytes *
ef_client_get_receipt_pdf_finish (EfClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_receipt_pdf_async, error);
}

/**
 * ef_client_cancel_payment_async:
 * @self: an #EfClient
 * @payment_id: a payment recorded at the counter
 * @reason: why, for the town hall's audit
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Cancels a payment: its invoices are due again
 * (POST {portal}/api/v1/staff/payments/{id}/cancel).
 */
void
ef_client_cancel_payment_async (EfClient            *self,
                                gint64               payment_id,
                                const char          *reason,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  EfPaymentCancelRequestRecord request = { .reason = (char *) reason };
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (payment_id > 0);
  g_return_if_fail (reason != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_cancel_payment_async);

  body = ef_payment_cancel_request_record_to_json (&request);

  path = g_strdup_printf ("/staff/payments/%" G_GINT64_FORMAT "/cancel", payment_id);
  _ef_client_send_parsed (self, g_steal_pointer (&task), SOUP_METHOD_POST, path, body,
               (EfAnswerParser) _ef_staff_payment_new_from_json, g_object_unref);
}

/**
 * ef_client_cancel_payment_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the cancelled payment
 */
EfStaffPayment *
ef_client_cancel_payment_finish (EfClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_payment_change (self, result, ef_client_cancel_payment_async, error);
}

/**
 * ef_client_get_day_payments_async:
 * @self: an #EfClient
 * @day: the day, in the portal's calendar (see ef_client_get_today())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads the payments the counter recorded on @day, cancelled ones
 * included, with their totals (GET {portal}/api/v1/staff/payments?day=…).
 */
void
ef_client_get_day_payments_async (EfClient            *self,
                                  EfDay                day,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (ef_day_is_valid (day));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_day_payments_async);
  iso = ef_day_format_iso (day);
  path = g_strdup_printf ("/staff/payments?day=%s", iso);
  _ef_client_send_parsed (self, g_steal_pointer (&task), SOUP_METHOD_GET, path, NULL,
               (EfAnswerParser) _ef_day_payments_new_from_json,
               (GDestroyNotify) _ef_day_payments_free);
}

/**
 * ef_client_get_day_payments_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @totals: (out) (optional): the day's totals, cancelled payments left out
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of #EfStaffPayment,
 *   oldest first
 */
GListModel *
ef_client_get_day_payments_finish (EfClient         *self,
                                   GAsyncResult     *result,
                                   EfPaymentTotals  *totals,
                                   GError          **error)
{
  g_autoptr (EfDayPayments) day = NULL;

  day = _ef_client_finish_pointer (self, result, ef_client_get_day_payments_async, error);
  if (day == NULL)
    return NULL;

  if (totals != NULL)
    *totals = day->totals;
  return g_steal_pointer (&day->payments);
}

static char *
lists_path (EfDay       day,
            const char *format)
{
  g_autofree char *iso = ef_day_format_iso (day);

  return g_strdup_printf ("/staff/lists/attendance?day=%s&format=%s", iso, format);
}

/**
 * ef_client_get_daily_lists_async:
 * @self: an #EfClient
 * @day: the day, in the portal's calendar (see ef_client_get_today())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads the children expected on @day at each activity of the agent's
 * services (GET {portal}/api/v1/staff/lists/attendance?day=…).
 */
void
ef_client_get_daily_lists_async (EfClient            *self,
                                 EfDay                day,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (ef_day_is_valid (day));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_daily_lists_async);
  path = lists_path (day, "json");
  _ef_client_send_parsed (self, g_steal_pointer (&task), SOUP_METHOD_GET, path, NULL,
               (EfAnswerParser) _ef_daily_lists_new_from_json, g_object_unref);
}

/**
 * ef_client_get_daily_lists_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of #EfDailyList
 */
GListModel *
ef_client_get_daily_lists_finish (EfClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_daily_lists_async, error);
}

/**
 * ef_client_get_daily_lists_document_async:
 * @self: an #EfClient
 * @day: the day, in the portal's calendar
 * @format: a CSV table or a PDF document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Downloads the lists of @day to save or print
 * (GET {portal}/api/v1/staff/lists/attendance?day=…&format=csv|pdf).
 */
void
ef_client_get_daily_lists_document_async (EfClient            *self,
                                          EfDay                day,
                                          EfDailyListFormat    format,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  gboolean pdf = format == EF_DAILY_LIST_FORMAT_PDF;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (ef_day_is_valid (day));
  g_return_if_fail (format <= EF_DAILY_LIST_FORMAT_PDF);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_daily_lists_document_async);
  path = lists_path (day, pdf ? "pdf" : "csv");
  send_raw (self, g_steal_pointer (&task), path, pdf ? "application/pdf" : "text/csv");
}

/**
 * ef_client_get_daily_lists_document_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the document's bytes
 */
GBytes *
ef_client_get_daily_lists_document_finish (EfClient      *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_daily_lists_document_async, error);
}
