/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-billing.c: invoices, the financial situation, payments, history
 *
 * The part of EfClient about money and the family's history. Every call
 * needs a session; see ef-client.c for what happens when it ended.
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <libsoup/soup.h>

#include "ef-client-json.h"
#include "ef-client-private.h"

/* GET @path, read by @parse in a worker, for the caller of the
 * function @source_tag. */
static void
send_get (EfClient            *self,
          gpointer             source_tag,
          const char          *path,
          EfAnswerParser       parse,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  _ef_client_send_parsed (self, task, SOUP_METHOD_GET, path, NULL, parse, g_object_unref);
}

/* "?from=…&to=…", or "" for the portal's default range. */
static char *
range_query (EfDay first_day,
             EfDay last_day)
{
  g_autoptr (GString) query = g_string_new ("");

  if (ef_day_is_valid (first_day))
    {
      g_autofree char *from = ef_day_format_iso (first_day);

      g_string_append_printf (query, "?from=%s", from);
    }
  if (ef_day_is_valid (last_day))
    {
      g_autofree char *to = ef_day_format_iso (last_day);

      g_string_append_printf (query, "%sto=%s", query->len > 0 ? "&" : "?", to);
    }

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/**
 * ef_client_get_invoices_async:
 * @self: an #EfClient
 * @filter: which invoices
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads the family's invoices, newest first (GET {portal}/api/v1/invoices).
 */
void
ef_client_get_invoices_async (EfClient            *self,
                              EfInvoiceFilter      filter,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  static const char * const paths[] = {
    [EF_INVOICE_FILTER_ALL] = "/invoices",
    [EF_INVOICE_FILTER_TO_PAY] = "/invoices?status=to_pay",
    [EF_INVOICE_FILTER_SETTLED] = "/invoices?status=settled",
  };

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (filter <= EF_INVOICE_FILTER_SETTLED);

  send_get (self, ef_client_get_invoices_async, paths[filter],
            (EfAnswerParser) _ef_invoices_new_from_json, cancellable, callback, user_data);
}

/**
 * ef_client_get_invoices_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of #EfInvoice
 */
GListModel *
ef_client_get_invoices_finish (EfClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_invoices_async, error);
}

/**
 * ef_client_get_invoice_async:
 * @self: an #EfClient
 * @invoice_id: an invoice of the family
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads one invoice (GET {portal}/api/v1/invoices/{id}).
 */
void
ef_client_get_invoice_async (EfClient            *self,
                             gint64               invoice_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (invoice_id > 0);

  path = g_strdup_printf ("/invoices/%" G_GINT64_FORMAT, invoice_id);
  send_get (self, ef_client_get_invoice_async, path,
            (EfAnswerParser) _ef_invoice_new_from_json, cancellable, callback, user_data);
}

/**
 * ef_client_get_invoice_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the invoice
 */
EfInvoice *
ef_client_get_invoice_finish (EfClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_invoice_async, error);
}

/**
 * ef_client_get_invoice_pdf_async:
 * @self: an #EfClient
 * @invoice_id: an invoice of the family
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Downloads the invoice as a PDF document
 * (GET {portal}/api/v1/invoices/{id}/pdf).
 */
void
ef_client_get_invoice_pdf_async (EfClient            *self,
                                 gint64               invoice_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  EfRequest *request;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (invoice_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_invoice_pdf_async);
  path = g_strdup_printf ("/invoices/%" G_GINT64_FORMAT "/pdf", invoice_id);
  request = _ef_request_new (SOUP_METHOD_GET, path, EF_REQUEST_SIGNED_IN);
  _ef_request_set_raw (request, "application/pdf");
  _ef_client_send (self, request, g_steal_pointer (&task));
}

/**
 * ef_client_get_invoice_pdf_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the bytes of the PDF document
 */
GBytes *
ef_client_get_invoice_pdf_finish (EfClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_invoice_pdf_async, error);
}

/**
 * ef_client_get_finance_async:
 * @self: an #EfClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads what the family still owes (GET {portal}/api/v1/finance).
 */
void
ef_client_get_finance_async (EfClient            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{

  g_return_if_fail (EF_IS_CLIENT (self));

  send_get (self, ef_client_get_finance_async, "/finance",
            (EfAnswerParser) _ef_finance_new_from_json, cancellable, callback, user_data);
}

/**
 * ef_client_get_finance_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the financial situation
 */
EfFinance *
ef_client_get_finance_finish (EfClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_finance_async, error);
}

/**
 * ef_client_create_payment_async:
 * @self: an #EfClient
 * @invoice_ids: (array length=n_invoice_ids): the invoices to pay, whole
 * @n_invoice_ids: how many (1 to 50)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Starts an online payment of whole invoices (POST
 * {portal}/api/v1/payments): open #EfPayment:provider-url in the browser,
 * then follow the payment with ef_client_get_payment_async(). An invoice
 * already in a payment under way is %EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS;
 * nothing left to pay, %EF_CLIENT_ERROR_INVOICE_NOT_PAYABLE; no online
 * payment at this municipality, %EF_CLIENT_ERROR_PAYMENT_UNAVAILABLE.
 */
void
ef_client_create_payment_async (EfClient            *self,
                                const gint64        *invoice_ids,
                                guint                n_invoice_ids,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) body = NULL;
  EfRequest *request;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (invoice_ids != NULL);
  g_return_if_fail (n_invoice_ids > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_create_payment_async);

  body = ef_payment_request_to_json (invoice_ids, n_invoice_ids);

  request = _ef_request_new (SOUP_METHOD_POST, "/payments", EF_REQUEST_SIGNED_IN);
  _ef_request_set_json_body (request, body);
  _ef_request_set_parser (request, (EfAnswerParser) _ef_payment_new_from_json, g_object_unref,
                          NULL);
  _ef_client_send (self, request, g_steal_pointer (&task));
}

/**
 * ef_client_create_payment_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the pending payment
 */
EfPayment *
ef_client_create_payment_finish (EfClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_create_payment_async, error);
}

/**
 * ef_client_get_payment_async:
 * @self: an #EfClient
 * @payment_id: a payment of the family
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads a payment and its status (GET {portal}/api/v1/payments/{id}).
 */
void
ef_client_get_payment_async (EfClient            *self,
                             gint64               payment_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (payment_id > 0);

  path = g_strdup_printf ("/payments/%" G_GINT64_FORMAT, payment_id);
  send_get (self, ef_client_get_payment_async, path,
            (EfAnswerParser) _ef_payment_new_from_json, cancellable, callback, user_data);
}

/**
 * ef_client_get_payment_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the payment
 */
EfPayment *
ef_client_get_payment_finish (EfClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_payment_async, error);
}

/**
 * ef_client_get_payments_async:
 * @self: an #EfClient
 * @pending_only: only the payments still pending
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads the family's payments of every channel, newest first, each as
 * ef_client_get_payment_async() gives it (GET {portal}/api/v1/payments).
 * A pending online payment whose time is over on the portal's clock comes
 * as expired. With @pending_only, the online payments under way: those
 * that a previous run of the application started and must still follow.
 */
void
ef_client_get_payments_async (EfClient            *self,
                              gboolean             pending_only,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (EF_IS_CLIENT (self));

  send_get (self, ef_client_get_payments_async,
            pending_only ? "/payments?status=pending" : "/payments",
            (EfAnswerParser) _ef_payments_new_from_json, cancellable, callback, user_data);
}

/**
 * ef_client_get_payments_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of #EfPayment
 */
GListModel *
ef_client_get_payments_finish (EfClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_payments_async, error);
}

/**
 * ef_client_get_connection_history_async:
 * @self: an #EfClient
 * @first_day: the first day, or %EF_DAY_INVALID for 30 days before @last_day
 * @last_day: the last day (included), or %EF_DAY_INVALID for today
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads the sign-ins on the family's accounts, newest first
 * (GET {portal}/api/v1/history/connections).
 */
void
ef_client_get_connection_history_async (EfClient            *self,
                                        EfDay                first_day,
                                        EfDay                last_day,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *query = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));

  query = range_query (first_day, last_day);
  path = g_strconcat ("/history/connections", query, NULL);
  send_get (self, ef_client_get_connection_history_async, path,
            (EfAnswerParser) _ef_connection_history_new_from_json, cancellable, callback,
            user_data);
}

/**
 * ef_client_get_connection_history_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of #EfConnectionEntry
 */
GListModel *
ef_client_get_connection_history_finish (EfClient      *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_connection_history_async, error);
}

/**
 * ef_client_get_payment_history_async:
 * @self: an #EfClient
 * @first_day: the first day, or %EF_DAY_INVALID for 30 days before @last_day
 * @last_day: the last day (included), or %EF_DAY_INVALID for today
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Loads the family's payments, newest first
 * (GET {portal}/api/v1/history/payments).
 */
void
ef_client_get_payment_history_async (EfClient            *self,
                                     EfDay                first_day,
                                     EfDay                last_day,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *query = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));

  query = range_query (first_day, last_day);
  path = g_strconcat ("/history/payments", query, NULL);
  send_get (self, ef_client_get_payment_history_async, path,
            (EfAnswerParser) _ef_payment_history_new_from_json, cancellable, callback, user_data);
}

/**
 * ef_client_get_payment_history_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): a #GListModel of #EfPaymentEntry
 */
GListModel *
ef_client_get_payment_history_finish (EfClient      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_payment_history_async, error);
}
