/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-billing-handler.c: invoices, their PDF, the financial situation, and
 * the history of connections and payments
 *
 * Everything is scoped to the caller's family: another family's invoice
 * ids answer 404 exactly like ids that do not exist.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "billing/ef-billing.h"
#include "http/ef-auth.h"
#include "http/ef-http.h"
#include "http/ef-request.h"
#include "store/ef-store-accounts.h"
#include "ef-server.h"
#include "ef-billing-handler.h"
#include "ef-staff-handler-private.h"
#include "ef-payment-handler.h"

/* The longest history range one request may ask for. */
#define HISTORY_MAX_DAYS 400
/* Without from/to: the last 31 days, today included. */
#define HISTORY_DEFAULT_DAYS 31

typedef struct {
  SoupServerMessage *msg;
  char              *number;
} PdfJob;

static void
pdf_job_free (PdfJob *job)
{
  g_clear_object (&job->msg);
  g_free (job->number);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfJob, pdf_job_free)

/* Whether the caller sees @invoice: a parent sees the family's; an agent
 * on the family's behalf, those of the agent's services (as on the staff
 * routes). */
static gboolean
caller_sees_invoice (const EfCaller  *caller,
                     const EfInvoice *invoice)
{
  return caller->agent == NULL || _ef_staff_sees_invoice (caller->agent, invoice);
}

/* The invoice of the path, if it is the caller's family's; otherwise
 * answers 404 and returns NULL. */
static EfInvoice *
lookup_own_invoice (EfServer          *server,
                    SoupServerMessage *msg,
                    GHashTable        *params,
                    const EfCaller    *caller)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ef_request_path_id (msg, params, "No such invoice");
  EfInvoice *invoice = NULL;

  if (id == 0)
    return NULL;
  if (ef_payment_handler_expire_stale (server, caller->tenant_id, &error))
    invoice = ef_store_get_invoice (ef_server_get_store (server), caller->tenant_id,
                                    caller->family_id, id, &error);
  if (invoice != NULL && !caller_sees_invoice (caller, invoice))
    {
      g_clear_pointer (&invoice, ef_invoice_free);
      g_set_error_literal (&error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such invoice");
    }
  if (invoice == NULL)
    ef_http_respond_error (msg, error);
  return invoice;
}

void
ef_billing_handler_list_invoices (SoupServerMessage *msg,
                                  GHashTable        *params,
                                  gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(EfBillingSettings) settings = NULL;
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonNode) body = NULL;
  const char *status = NULL;
  gboolean ok;

  caller = ef_auth_require_caller (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  query = ef_request_parse_query (msg, &ok);
  if (!ok)
    return;
  if (query != NULL)
    status = g_hash_table_lookup (query, "status");
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;

  /* An invoice whose online payment ran out of time is payable again. */
  if (ef_payment_handler_expire_stale (server, caller->tenant_id, &error))
    settings = ef_store_load_billing_settings (store, caller->tenant_id, &error);
  if (settings != NULL)
    invoices = ef_store_list_invoices (store, caller->tenant_id, caller->family_id, status, &error);
  if (invoices == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_invoice_record_free);
  for (guint i = 0; i < invoices->len; i++)
    if (caller_sees_invoice (caller, g_ptr_array_index (invoices, i)))
      g_ptr_array_add (records, ef_billing_invoice_record_new (g_ptr_array_index (invoices, i),
                                                               settings, tz));
  body = ef_invoice_list_to_json (records);
  ef_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
ef_billing_handler_get_invoice (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfInvoice) invoice = NULL;
  g_autoptr(EfBillingSettings) settings = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;

  caller = ef_auth_require_caller (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  invoice = lookup_own_invoice (server, msg, params, caller);
  if (invoice == NULL)
    return;
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;
  settings = ef_store_load_billing_settings (ef_server_get_store (server), caller->tenant_id, &error);
  if (settings == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  body = ef_billing_invoice_to_json (invoice, settings, tz);
  ef_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
on_pdf_rendered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PdfJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *disposition = NULL;
  SoupMessageHeaders *headers;

  soup_server_message_unpause (job->msg);
  bytes = ef_invoice_pdf_render_finish (result, &error);
  if (bytes == NULL)
    {
      ef_http_respond_error (job->msg, error);
      return;
    }

  headers = soup_server_message_get_response_headers (job->msg);
  disposition = g_strdup_printf ("inline; filename=\"facture-%s.pdf\"", job->number);
  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (job->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (job->msg, "application/pdf", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

void
ef_billing_handler_get_invoice_pdf (SoupServerMessage *msg,
                                    GHashTable        *params,
                                    gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GError) error = NULL;
  EfInvoice *invoice;
  EfInvoicePdf *pdf;
  PdfJob *job;

  caller = ef_auth_require_caller (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  invoice = lookup_own_invoice (server, msg, params, caller);
  if (invoice == NULL)
    return;

  job = g_new0 (PdfJob, 1);
  job->msg = g_object_ref (msg);
  job->number = g_strdup (invoice->number);

  pdf = ef_billing_build_pdf (ef_server_get_store (server), invoice, &error);
  if (pdf == NULL)
    {
      pdf_job_free (job);
      ef_http_respond_error (msg, error);
      return;
    }

  /* The drawing runs in a worker thread; the request waits, paused. */
  soup_server_message_pause (msg);
  ef_invoice_pdf_render_async (pdf, NULL, on_pdf_rendered_cb, job);
}

/* The family's situation, of the invoices the caller sees. */
static gboolean
get_finance (EfStore         *store,
             const EfCaller  *caller,
             EfCents         *total_due,
             guint           *n_to_pay,
             EfDay           *oldest,
             GError         **error)
{
  g_autoptr(GPtrArray) invoices = NULL;

  if (caller->agent == NULL || caller->agent->admin)
    return ef_store_get_finance (store, caller->tenant_id, caller->family_id,
                                 total_due, n_to_pay, oldest, error);

  invoices = ef_store_list_invoices (store, caller->tenant_id, caller->family_id, "to_pay", error);
  if (invoices == NULL)
    return FALSE;
  for (guint i = 0; i < invoices->len; i++)
    {
      const EfInvoice *invoice = g_ptr_array_index (invoices, i);

      if (!caller_sees_invoice (caller, invoice))
        continue;
      *total_due += invoice->balance;
      (*n_to_pay)++;
      if (!ef_day_is_valid (*oldest) || invoice->due_day < *oldest)
        *oldest = invoice->due_day;
    }
  return TRUE;
}

void
ef_billing_handler_get_finance (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfBillingSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  EfFinanceRecord finance;
  EfCents total_due = 0;
  guint n_to_pay = 0;
  EfDay oldest = EF_DAY_INVALID;

  caller = ef_auth_require_caller (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  settings = ef_store_load_billing_settings (store, caller->tenant_id, &error);
  if (settings == NULL ||
      !get_finance (store, caller, &total_due, &n_to_pay, &oldest, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }

  finance = (EfFinanceRecord) {
    .total_due = total_due,
    .invoices_to_pay = n_to_pay,
    .oldest_due_date = oldest,
    .online_payment_enabled = settings->online_payment_enabled,
  };
  body = ef_finance_record_to_json (&finance);
  ef_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* Reads ?from=&to= (days, inclusive) into the instants [@start, @end) in
 * @tz; answers the error and returns FALSE when they are not valid. */
static gboolean
read_history_range (EfServer          *server,
                    SoupServerMessage *msg,
                    GTimeZone         *tz,
                    EfDay             *from,
                    EfDay             *to,
                    gint64            *start,
                    gint64            *end)
{
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GDateTime) now = ef_server_get_now (server);
  g_autoptr(GDateTime) start_instant = NULL;
  g_autoptr(GDateTime) end_instant = NULL;
  const char *names[] = { "from", "to" };
  EfDay *days[] = { from, to };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  query = ef_request_parse_query (msg, &ok);
  if (!ok)
    return FALSE;

  *to = ef_day_from_instant (now, tz);
  *from = ef_day_add (*to, -(HISTORY_DEFAULT_DAYS - 1));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *text = query ? g_hash_table_lookup (query, names[i]) : NULL;

      if (text == NULL)
        continue;
      *days[i] = ef_day_parse_iso (text, NULL);
      if (*days[i] == EF_DAY_INVALID)
        {
          g_autofree char *message = g_strdup_printf ("The query parameter '%s' must be a date "
                                                      "written YYYY-MM-DD", names[i]);

          ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_DATE, message);
          return FALSE;
        }
      if (!ef_request_check_day_bounds (names[i], *days[i], &error))
        {
          ef_http_respond_error (msg, error);
          return FALSE;
        }
    }
  /* Only 'from': up to today, or to the range's longest. */
  if (query != NULL && g_hash_table_contains (query, "from") && !g_hash_table_contains (query, "to") &&
      *to - *from + 1 > HISTORY_MAX_DAYS)
    *to = ef_day_add (*from, HISTORY_MAX_DAYS - 1);
  if (query != NULL && g_hash_table_contains (query, "to") && !g_hash_table_contains (query, "from"))
    *from = ef_day_add (*to, -(HISTORY_DEFAULT_DAYS - 1));

  if (*from > *to)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_DATE, "'from' is after 'to'");
      return FALSE;
    }
  if (*to - *from + 1 > HISTORY_MAX_DAYS)
    {
      g_autofree char *message = g_strdup_printf ("A history covers at most %d days", HISTORY_MAX_DAYS);

      ef_http_respond_api_error (msg, EF_API_ERROR_VALIDATION, message);
      return FALSE;
    }

  start_instant = ef_day_at_time (*from, 0, 0, tz);
  end_instant = ef_day_at_time (ef_day_add (*to, 1), 0, 0, tz);
  *start = g_date_time_to_unix (start_instant);
  *end = g_date_time_to_unix (end_instant);
  return TRUE;
}

/* What the history routes share: the signed-in family, the tenant's
 * time zone, and the range of days asked (as instants too). */
typedef struct {
  EfCaller  *caller;
  GTimeZone *tz;
  EfDay      from, to;
  gint64     start, end;
} History;

static void
history_clear (History *history)
{
  g_clear_pointer (&history->caller, ef_caller_free);
  g_clear_pointer (&history->tz, g_time_zone_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (History, history_clear)

/* Fills @history for the request; answers the error and returns FALSE
 * when the caller, the tenant or the range will not do. */
static gboolean
history_begin (EfServer          *server,
               SoupServerMessage *msg,
               GHashTable        *params,
               History           *history)
{
  history->caller = ef_auth_require_caller (server, msg, g_hash_table_lookup (params, "tenant"));
  if (history->caller == NULL)
    return FALSE;
  history->tz = ef_request_tenant_time_zone (server, msg, history->caller->tenant_id);
  return history->tz != NULL &&
         read_history_range (server, msg, history->tz, &history->from, &history->to,
                             &history->start, &history->end);
}

/* Answers the history @record with @writer, its codec. */
static void
history_respond (SoupServerMessage      *msg,
                 const History          *history,
                 EfHistoryRecord        *record,
                 JsonNode             *(*writer) (const EfHistoryRecord *record))
{
  g_autoptr(JsonNode) body = NULL;

  record->from = history->from;
  record->to = history->to;
  body = writer (record);
  ef_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
ef_billing_handler_get_connections (SoupServerMessage *msg,
                                    GHashTable        *params,
                                    gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_auto(History) history = { 0 };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfHistoryRecord) record = NULL;

  if (!history_begin (server, msg, params, &history))
    return;

  entries = ef_store_list_connections (ef_server_get_store (server), history.caller->tenant_id,
                                       history.caller->family_id, history.start, history.end,
                                       &error);
  if (entries == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  record = ef_connection_history_record_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      const EfConnectionEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (entry->at);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, history.tz);
      EfConnectionEntryRecord *item = g_new0 (EfConnectionEntryRecord, 1);

      item->at = ef_instant_format_iso (utc, history.tz);
      item->day = ef_day_from_instant (utc, history.tz);
      item->time = g_date_time_format (local, "%H:%M");
      item->result = g_strdup (entry->result);
      item->success = g_str_equal (entry->result, "ok");
      item->client = g_strdup (entry->client);
      item->email = g_strdup (entry->email);
      g_ptr_array_add (record->items, item);
    }
  history_respond (msg, &history, record, ef_connection_history_record_to_json);
}

void
ef_billing_handler_get_payments (SoupServerMessage *msg,
                                 GHashTable        *params,
                                 gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_auto(History) history = { 0 };
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfHistoryRecord) record = NULL;

  if (!history_begin (server, msg, params, &history))
    return;

  payments = ef_store_list_payments (ef_server_get_store (server), history.caller->tenant_id,
                                     history.caller->family_id, history.start, history.end,
                                     &error);
  if (payments == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  record = ef_payment_history_record_new ();
  for (guint i = 0; i < payments->len; i++)
    {
      const EfPayment *payment = g_ptr_array_index (payments, i);

      /* An agent on the family's behalf: the payments of its services. */
      if (history.caller->agent != NULL &&
          !_ef_staff_sees_payment (ef_server_get_store (server), history.caller->agent, payment,
                                   &error))
        {
          if (error != NULL)
            {
              ef_http_respond_error (msg, error);
              return;
            }
          continue;
        }
      g_ptr_array_add (record->items, ef_billing_payment_entry_record_new (payment, history.tz));
    }
  history_respond (msg, &history, record, ef_payment_history_record_to_json);
}
