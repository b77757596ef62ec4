/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-billing-handler.c: the counter's money and the daily lists —
 * payments taken at the town hall, their receipts and cancellation, and
 * who is expected on a day (JSON, CSV, PDF)
 *
 * The receipt and the lists are the municipality's documents: fixed
 * French, like the invoice.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "billing/ef-billing.h"
#include "ef-common.h"
#include "family/ef-family.h"
#include "http/ef-auth.h"
#include "http/ef-http.h"
#include "http/ef-request.h"
#include "staff/ef-staff-pdf.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-families.h"
#include "store/ef-store-staff.h"
#include "ef-payment-handler.h"
#include "ef-planning.h"
#include "ef-server.h"
#include "ef-staff-handler-private.h"

/* The most invoices one payment at the counter may pay. */
#define MAX_PAYMENT_INVOICES 50

typedef struct {
  SoupServerMessage *msg;
  char              *filename;
} DocumentJob;

static const char * const french_weekdays[] = {
  "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
};

static const char * const french_months[] = {
  "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
  "septembre", "octobre", "novembre", "décembre",
};

/* ------------------------------------------------------------- helpers */

static void
document_job_free (DocumentJob *job)
{
  g_clear_object (&job->msg);
  g_free (job->filename);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocumentJob, document_job_free)

static void
respond_document (SoupServerMessage *msg,
                  const char        *content_type,
                  const char        *filename,
                  const char        *data,
                  gsize              length)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *disposition = g_strdup_printf ("inline; filename=\"%s\"", filename);

  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, length);
}

static void
on_document_rendered_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(DocumentJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  soup_server_message_unpause (job->msg);
  bytes = ef_staff_pdf_render_finish (result, &error);
  if (bytes == NULL)
    {
      ef_http_respond_error (job->msg, error);
      return;
    }
  respond_document (job->msg, "application/pdf", job->filename,
                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static DocumentJob *
document_job_new (SoupServerMessage *msg,
                  char              *filename)
{
  DocumentJob *job = g_new0 (DocumentJob, 1);

  job->msg = g_object_ref (msg);
  job->filename = filename;
  /* The drawing runs in a worker thread; the request waits, paused. */
  soup_server_message_pause (msg);
  return job;
}

/* The query's ?day= (@text), or @fallback without one; answers 422 and
 * returns FALSE when it is no day, or out of bounds. */
static gboolean
read_day (SoupServerMessage *msg,
          const char        *text,
          EfDay              fallback,
          EfDay             *day)
{
  g_autoptr(GError) error = NULL;

  *day = text != NULL ? ef_day_parse_iso (text, NULL) : fallback;
  if (*day == EF_DAY_INVALID)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_DATE,
                                 "The query parameter 'day' must be a date written YYYY-MM-DD");
      return FALSE;
    }
  if (!ef_request_check_day_bounds ("day", *day, &error))
    {
      ef_http_respond_error (msg, error);
      return FALSE;
    }
  return TRUE;
}

/* "jeudi 8 octobre 2026" (1er for the first of a month). */
static char *
french_long_day (EfDay day)
{
  int y, m, d;

  ef_day_get_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%s %d%s %s %d", french_weekdays[ef_day_get_weekday (day) - 1], d,
                          d == 1 ? "er" : "", french_months[m - 1], y);
}

/* "08/10/2026 à 10 h 30" in @tz. */
static char *
french_instant (gint64     instant,
                GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_strdup_printf ("%02d/%02d/%04d à %d\u00A0h\u00A0%02d",
                          g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                          g_date_time_get_year (local), g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

static char *
french_method (const EfPayment *payment)
{
  if (g_str_equal (payment->channel, EF_PAYMENT_CHANNEL_CASH))
    return g_strdup ("Espèces");
  if (g_str_equal (payment->channel, EF_PAYMENT_CHANNEL_CHEQUE))
    return payment->cheque_number != NULL
           ? g_strdup_printf ("Chèque n°\u00A0%s", payment->cheque_number)
           : g_strdup ("Chèque");
  if (g_str_equal (payment->channel, EF_PAYMENT_CHANNEL_TRANSFER))
    return g_strdup ("Virement");
  if (g_str_equal (payment->channel, EF_PAYMENT_CHANNEL_DIRECT_DEBIT))
    return g_strdup ("Prélèvement");
  return g_strdup ("Carte bancaire en ligne");
}

/* The payment of the path, if the caller's agent sees it; otherwise
 * answers 404 and returns NULL. */
static EfPayment *
lookup_payment (EfServer          *server,
                SoupServerMessage *msg,
                GHashTable        *params,
                const EfCaller    *caller)
{
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfPayment) payment = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = ef_request_parse_id (g_hash_table_lookup (params, "id"));

  if (id > 0)
    payment = ef_store_get_payment (store, caller->tenant_id, 0, id, &error);
  if (payment == NULL)
    {
      _ef_staff_respond_not_found (msg, error, "No such payment");
      return NULL;
    }
  if (!_ef_staff_check_family (server, msg, caller, payment->family_id, "No such payment"))
    return NULL;
  if (!_ef_staff_sees_payment (store, caller->agent, payment, &error))
    {
      if (error != NULL)
        ef_http_respond_error (msg, error);
      else
        ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "No such payment");
      return NULL;
    }
  return g_steal_pointer (&payment);
}

/* The audit's picture of a payment's invoices: number, amount, balance. */
static JsonNode *
invoices_state (EfStore          *store,
                const EfPayment  *payment,
                GError          **error)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  for (guint i = 0; i < payment->allocations->len; i++)
    {
      const EfPaymentAllocation *allocation = &g_array_index (payment->allocations,
                                                              EfPaymentAllocation, i);
      g_autoptr(EfInvoice) invoice = ef_store_get_invoice (store, payment->tenant_id, 0,
                                                           allocation->invoice_id, error);
      JsonObject *item;

      if (invoice == NULL)
        {
          json_node_unref (node);
          return NULL;
        }
      item = json_object_new ();
      json_object_set_int_member (item, "id", invoice->id);
      json_object_set_string_member (item, "number", invoice->number);
      json_object_set_int_member (item, "balance_cents", invoice->balance);
      json_object_set_string_member (item, "status", invoice->status);
      json_array_add_object_element (array, item);
    }
  return node;
}

/* ------------------------------------------------------------- payments */

typedef gpointer (*RequestReader) (JsonNode  *node,
                                   GError   **error);

/* The request's body read by @reader (its codec), its "via" in *@via,
 * and whether it has the member @optional (if not NULL) in *@has; answers
 * the error and returns NULL otherwise. */
static gpointer
read_request (SoupServerMessage  *msg,
              char              **via,
              RequestReader       reader,
              const char         *optional,
              gboolean           *has)
{
  g_autoptr(JsonObject) body = _ef_staff_read_body (msg, via);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gpointer request;

  if (body == NULL)
    return NULL;
  if (optional != NULL)
    *has = json_object_has_member (body, optional);
  node = json_node_init_object (json_node_alloc (), body);
  request = reader (node, &error);
  if (request == NULL)
    ef_http_respond_error (msg, error);
  return request;
}

/* The audit's view of @payment: the API's payment with the state of its
 * invoices (@invoices). */
static JsonNode *
payment_state (const EfPayment *payment,
               GTimeZone       *tz,
               JsonNode        *invoices)
{
  JsonNode *node = _ef_staff_payment_to_json (payment, tz);

  json_object_set_member (json_node_get_object (node), "invoices", json_node_ref (invoices));
  return node;
}

/* Audits a payment's change (@before, NULL for a new one, to @after),
 * commits the write the caller began, and answers @after, without its
 * invoices, with @status. FALSE with @error otherwise: the caller rolls
 * back. */
static gboolean
audit_and_respond (EfServer           *server,
                   SoupServerMessage  *msg,
                   const EfCaller     *caller,
                   gint64              family_id,
                   const char         *action,
                   const char         *target,
                   JsonNode           *before,
                   JsonNode           *after,
                   const char         *via,
                   guint               status,
                   GError            **error)
{
  if (!_ef_staff_audit (server, caller, family_id, action, target, before, after, via, error) ||
      !ef_store_commit_write (ef_server_get_store (server), error))
    return FALSE;
  json_object_remove_member (json_node_get_object (after), "invoices");
  ef_http_respond_json (msg, status, after);
  return TRUE;
}

void
ef_staff_handler_record_payment (SoupServerMessage *msg,
                                 GHashTable        *params,
                                 gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfOfflinePaymentRequestRecord) request = NULL;
  g_autoptr(GArray) allocations = NULL;
  g_autoptr(EfPayment) payment = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) invoices_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  g_autofree char *target = NULL;
  EfOfflinePayment offline = { 0 };
  gboolean has_amount;
  gint64 family_id, payment_id;

  caller = _ef_staff_require_family (server, msg, params, &family_id);
  if (caller == NULL)
    return;
  request = read_request (msg, &via, (RequestReader) ef_offline_payment_request_record_from_json,
                          "amount_cents", &has_amount);
  if (request == NULL)
    return;
  if (request->invoices->len == 0 || request->invoices->len > MAX_PAYMENT_INVOICES)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD,
                                 "invoices: 1 to 50 invoice ids");
      return;
    }
  if (has_amount && (request->invoices->len != 1 || request->amount <= 0))
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD,
                                 "amount_cents: above 0, and only for one invoice");
      return;
    }
  if (g_strcmp0 (request->channel, EF_PAYMENT_CHANNEL_CHEQUE) == 0 &&
      (request->cheque_number == NULL || *request->cheque_number == '\0'))
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD,
                                 "cheque_number: a cheque needs its number");
      return;
    }
  if (request->note != NULL && g_utf8_strlen (request->note, -1) > 200)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD, "note: at most 200 characters");
      return;
    }
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;

  /* Each invoice is the family's and of the agent's services. */
  if (!ef_payment_handler_expire_stale (server, caller->tenant_id, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  allocations = g_array_new (FALSE, TRUE, sizeof (EfPaymentAllocation));
  for (guint i = 0; i < request->invoices->len; i++)
    {
      g_autoptr(EfInvoice) invoice = NULL;
      EfPaymentAllocation allocation = { 0 };

      invoice = ef_store_get_invoice (store, caller->tenant_id, family_id,
                                      g_array_index (request->invoices, gint64, i), &error);
      if (invoice == NULL || !_ef_staff_sees_invoice (caller->agent, invoice))
        {
          _ef_staff_respond_not_found (msg, error, "No such invoice");
          return;
        }
      allocation.invoice_id = invoice->id;
      allocation.amount = request->amount;
      g_array_append_val (allocations, allocation);
    }

  offline.channel = request->channel;
  offline.cheque_number = request->cheque_number;
  offline.reference = request->reference;
  offline.label = request->note;
  offline.account_id = caller->account_id;
  offline.agent_name = caller->agent->name;
  offline.allocations = (const EfPaymentAllocation *) allocations->data;
  offline.n_allocations = allocations->len;

  if (!ef_store_begin_write (store, &error))
    goto fail;
  payment_id = ef_store_add_offline_payment (store, caller->tenant_id, family_id, &offline,
                                             ef_server_get_now_unix (server), &error);
  if (payment_id == 0 ||
      (payment = ef_store_get_payment (store, caller->tenant_id, family_id, payment_id, &error)) == NULL ||
      (invoices_after = invoices_state (store, payment, &error)) == NULL)
    goto fail;
  after = payment_state (payment, tz, invoices_after);
  target = g_strdup_printf ("payment:%" G_GINT64_FORMAT, payment_id);
  if (!audit_and_respond (server, msg, caller, family_id, "payment_record", target, NULL, after,
                          via, SOUP_STATUS_CREATED, &error))
    goto fail;
  return;

fail:
  ef_store_rollback_write (store);
  ef_http_respond_error (msg, error);
}

void
ef_staff_handler_cancel_payment (SoupServerMessage *msg,
                                 GHashTable        *params,
                                 gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfPayment) payment = NULL;
  g_autoptr(EfPayment) cancelled = NULL;
  g_autoptr(EfPaymentCancelRequestRecord) request = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) invoices_before = NULL;
  g_autoptr(JsonNode) invoices_after = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  g_autofree char *target = NULL;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL || (payment = lookup_payment (server, msg, params, caller)) == NULL)
    return;
  request = read_request (msg, &via, (RequestReader) ef_payment_cancel_request_record_from_json,
                          NULL, NULL);
  if (request == NULL)
    return;
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;

  target = g_strdup_printf ("payment:%" G_GINT64_FORMAT, payment->id);
  if (!ef_store_begin_write (store, &error) ||
      (invoices_before = invoices_state (store, payment, &error)) == NULL ||
      !ef_store_cancel_payment (store, caller->tenant_id, payment->id, g_strstrip (request->reason),
                                ef_server_get_now_unix (server), &error) ||
      (cancelled = ef_store_get_payment (store, caller->tenant_id, 0, payment->id, &error)) == NULL ||
      (invoices_after = invoices_state (store, cancelled, &error)) == NULL)
    goto fail;
  before = payment_state (payment, tz, invoices_before);
  after = payment_state (cancelled, tz, invoices_after);
  if (!audit_and_respond (server, msg, caller, payment->family_id, "payment_cancel", target, before,
                          after, via, SOUP_STATUS_OK, &error))
    goto fail;
  return;

fail:
  ef_store_rollback_write (store);
  ef_http_respond_error (msg, error);
}

void
ef_staff_handler_get_receipt (SoupServerMessage *msg,
                              GHashTable        *params,
                              gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfPayment) payment = NULL;
  g_autoptr(EfPortal) portal = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(EfReceiptPdf) pdf = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  gint64 paid_at;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL || (payment = lookup_payment (server, msg, params, caller)) == NULL)
    return;
  if (payment->receipt_number == NULL)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND,
                                 "No receipt: the payment was not taken by the town hall");
      return;
    }
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;
  portal = ef_store_load_portal (store, caller->tenant_id, &error);
  if (portal != NULL)
    family = ef_store_load_family (store, caller->tenant_id, payment->family_id, &error);
  if (family == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  paid_at = payment->paid_at > 0 ? payment->paid_at : payment->cancelled_paid_at;
  if (paid_at <= 0)
    paid_at = payment->created_at;

  pdf = ef_receipt_pdf_new ();
  pdf->municipality = g_strdup (ef_portal_get_name (portal));
  pdf->contact = g_strdup (ef_portal_get_contact (portal));
  pdf->family_name = g_strdup (family->name);
  pdf->address = ef_billing_format_address (family->address);
  pdf->receipt_number = g_strdup (payment->receipt_number);
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (paid_at);

    pdf->day = ef_day_from_instant (utc, tz);
  }
  pdf->paid_at = french_instant (paid_at, tz);
  pdf->method = french_method (payment);
  pdf->agent_name = g_strdup (payment->agent_name);
  pdf->amount = payment->amount;
  for (guint i = 0; i < payment->allocations->len; i++)
    {
      const EfPaymentAllocation *allocation = &g_array_index (payment->allocations,
                                                              EfPaymentAllocation, i);
      g_autoptr(EfInvoice) invoice = ef_store_get_invoice (store, caller->tenant_id, 0,
                                                           allocation->invoice_id, &error);

      if (invoice == NULL)
        {
          ef_http_respond_error (msg, error);
          return;
        }
      ef_receipt_pdf_add_line (pdf, invoice->number, invoice->label, allocation->amount,
                               invoice->balance);
    }
  if (payment->cancelled_at > 0)
    {
      g_autofree char *when = french_instant (payment->cancelled_at, tz);

      pdf->cancelled = g_strdup_printf ("Annulé le %s. Motif\u00A0: %s", when,
                                        payment->cancel_reason ? payment->cancel_reason : "");
    }

  ef_receipt_pdf_render_async (g_steal_pointer (&pdf), NULL, on_document_rendered_cb,
                               document_job_new (msg, g_strdup_printf ("recu-%s.pdf",
                                                                       payment->receipt_number)));
}

/* ---------------------------------------------------------------- lists */

typedef struct {
  const EfActivity *activity;
  const char       *closed;     /* why nobody is expected, or NULL */
  GPtrArray        *children;   /* of EfAttendance (in the list) */
} ActivityList;

static void
activity_list_free (ActivityList *list)
{
  g_ptr_array_unref (list->children);
  g_free (list);
}

static const char *
closed_text (EfClosedReason reason)
{
  switch (reason)
    {
    case EF_CLOSED_REASON_WEEKEND: return "Fermé le week-end";
    case EF_CLOSED_REASON_PUBLIC_HOLIDAY: return "Jour férié";
    case EF_CLOSED_REASON_SCHOOL_HOLIDAY: return "Vacances scolaires";
    case EF_CLOSED_REASON_CLOSED_DAY: return "Fermé ce jour";
    case EF_CLOSED_REASON_NOT_RUNNING: return "L’activité n’a pas lieu ce jour";
    case EF_CLOSED_REASON_NONE:
    case EF_CLOSED_REASON_NOT_ENROLLED:
    default:
      return NULL;
    }
}

/* RFC 4180 quoting when needed; a ";" list for French spreadsheets. */
static void
append_csv_field (GString    *out,
                  const char *text,
                  gboolean    last)
{
  if (strpbrk (text, ";\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ";");
}

static JsonNode *
lists_to_json (EfDay       day,
               GPtrArray  *lists)
{
  g_autoptr(EfAttendanceListsRecord) record = ef_attendance_lists_record_new ();

  record->day = day;
  for (guint i = 0; i < lists->len; i++)
    {
      const ActivityList *list = g_ptr_array_index (lists, i);
      EfAttendanceActivityRecord *item = ef_attendance_activity_record_new ();
      EfAttendanceSiteRecord *site = NULL;

      item->activity = g_strdup (list->activity->code);
      item->name = g_strdup (list->activity->name);
      item->service = g_strdup (list->activity->service_id);
      item->closed = g_strdup (list->closed);
      item->count = list->children->len;
      record->total += list->children->len;
      for (guint j = 0; j < list->children->len; j++)
        {
          const EfAttendance *attendance = g_ptr_array_index (list->children, j);
          EfAttendanceChildRecord child = {
            .member_id = attendance->member_id,
            .first_name = attendance->first_name,
            .last_name = attendance->last_name,
            .family_id = attendance->family_id,
            .family_name = attendance->family_name,
            .override = attendance->override,
          };

          if (site == NULL || g_strcmp0 (site->site, attendance->site) != 0)
            {
              site = ef_attendance_site_record_new (attendance->site);
              g_ptr_array_add (item->sites, site);
            }
          site->count++;
          g_ptr_array_add (site->children, ef_attendance_child_record_copy (&child));
        }
      g_ptr_array_add (record->activities, item);
    }
  return ef_attendance_lists_record_to_json (record);
}

static char *
lists_to_csv (EfDay       day,
              GPtrArray  *lists,
              gsize      *length)
{
  /* A byte order mark, so that spreadsheets read the accents as UTF-8. */
  GString *out = g_string_new ("\xEF\xBB\xBF");
  g_autofree char *day_text = ef_day_format_iso (day);

  append_csv_field (out, "Date", FALSE);
  append_csv_field (out, "Activité", FALSE);
  append_csv_field (out, "Site", FALSE);
  append_csv_field (out, "Nom", FALSE);
  append_csv_field (out, "Prénom", FALSE);
  append_csv_field (out, "Famille", FALSE);
  append_csv_field (out, "Hors délai", TRUE);
  for (guint i = 0; i < lists->len; i++)
    {
      const ActivityList *list = g_ptr_array_index (lists, i);

      for (guint j = 0; j < list->children->len; j++)
        {
          const EfAttendance *attendance = g_ptr_array_index (list->children, j);

          append_csv_field (out, day_text, FALSE);
          append_csv_field (out, list->activity->name, FALSE);
          append_csv_field (out, attendance->site, FALSE);
          append_csv_field (out, attendance->last_name, FALSE);
          append_csv_field (out, attendance->first_name, FALSE);
          append_csv_field (out, attendance->family_name, FALSE);
          append_csv_field (out, attendance->override ? "oui" : "non", TRUE);
        }
    }
  *length = out->len;
  return g_string_free (out, FALSE);
}

static EfListPdf *
lists_to_pdf (const char *municipality,
              EfDay       day,
              GPtrArray  *lists)
{
  EfListPdf *pdf = ef_list_pdf_new ();
  g_autofree char *long_day = french_long_day (day);

  pdf->municipality = g_strdup (municipality);
  pdf->title = g_strdup_printf ("Liste du %s", long_day);
  pdf->day_label = g_strdup (long_day);
  pdf->day = day;
  for (guint i = 0; i < lists->len; i++)
    {
      const ActivityList *list = g_ptr_array_index (lists, i);
      EfListSection *section = NULL;
      const char *current = NULL;

      if (list->children->len == 0)
        {
          ef_list_pdf_add_section (pdf, list->activity->name, list->closed);
          continue;
        }
      for (guint j = 0; j < list->children->len; j++)
        {
          const EfAttendance *attendance = g_ptr_array_index (list->children, j);
          g_autofree char *last = g_utf8_strup (attendance->last_name, -1);

          if (current == NULL || g_strcmp0 (current, attendance->site) != 0)
            {
              g_autofree char *heading = g_strdup_printf ("%s — %s", list->activity->name,
                                                          attendance->site);

              section = ef_list_pdf_add_section (pdf, heading, NULL);
              current = attendance->site;
            }
          ef_list_section_add_row (section, last, attendance->first_name, attendance->family_name,
                                   attendance->override ? "réservé hors délai" : NULL);
        }
    }
  return pdf;
}

void
ef_staff_handler_get_attendance (SoupServerMessage *msg,
                                 GHashTable        *params,
                                 gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(EfPlanningRules) rules = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *site_name = NULL;
  const char *day_text = NULL, *activity_code = NULL, *site = NULL, *format = "json";
  const EfActivity *only = NULL;
  GPtrArray *activities;
  gboolean ok;
  EfDay day;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  query = ef_request_parse_query (msg, &ok);
  if (!ok)
    return;
  if (query != NULL)
    {
      day_text = g_hash_table_lookup (query, "day");
      activity_code = g_hash_table_lookup (query, "activity");
      site = g_hash_table_lookup (query, "site");
      if (g_hash_table_contains (query, "format"))
        format = g_hash_table_lookup (query, "format");
    }
  if (!g_str_equal (format, "json") && !g_str_equal (format, "csv") && !g_str_equal (format, "pdf"))
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD, "format: json, csv or pdf");
      return;
    }

  rules = ef_server_get_planning_rules (server, caller->tenant_id, &error);
  if (rules == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  /* Without a day: tomorrow, in the tenant's time zone on the server's
   * clock (the kitchen's list). */
  now = ef_server_get_now (server);
  if (!read_day (msg, day_text,
                 ef_day_add (ef_day_from_instant (now, ef_planning_rules_get_time_zone (rules)), 1),
                 &day))
    return;
  if (activity_code != NULL)
    {
      only = ef_planning_rules_find_activity (rules, activity_code);
      if (only == NULL)
        {
          ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD, "activity: no such activity");
          return;
        }
      if (!ef_staff_agent_has_service (caller->agent, only->service_id))
        {
          ef_http_respond_api_error (msg, EF_API_ERROR_FORBIDDEN,
                                     "The activity is another service's");
          return;
        }
    }

  attendance = ef_store_list_attendance (store, caller->tenant_id, day, &error);
  if (attendance == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  if (site != NULL)
    {
      site_name = ef_store_get_site_name (store, caller->tenant_id, site, &error);
      if (site_name == NULL)
        {
          if (error != NULL && error->domain != EF_API_ERROR)
            ef_http_respond_error (msg, error);
          else
            ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD, "site: no such site");
          return;
        }
    }

  /* Every activity of the agent's services (or the one asked for), in
   * the town's order, with who is expected: nobody on a day it is
   * closed. */
  activities = ef_planning_rules_get_activities (rules);
  lists = g_ptr_array_new_with_free_func ((GDestroyNotify) activity_list_free);
  for (guint i = 0; i < activities->len; i++)
    {
      const EfActivity *activity = g_ptr_array_index (activities, i);
      EfClosedReason reason;
      ActivityList *list;

      if ((only != NULL && activity != only) ||
          !ef_staff_agent_has_service (caller->agent, activity->service_id))
        continue;
      reason = ef_planning_rules_closed_reason (rules, activity, NULL, day);
      list = g_new0 (ActivityList, 1);
      list->activity = activity;
      list->closed = closed_text (reason);
      list->children = g_ptr_array_new ();
      for (guint j = 0; j < attendance->len && list->closed == NULL; j++)
        {
          EfAttendance *item = g_ptr_array_index (attendance, j);

          if (item->activity_id == activity->id &&
              (site_name == NULL || g_strcmp0 (item->site, site_name) == 0))
            g_ptr_array_add (list->children, item);
        }
      /* A closed activity is listed only when it was asked for. */
      if (list->closed != NULL && only == NULL && reason != EF_CLOSED_REASON_CLOSED_DAY)
        {
          activity_list_free (list);
          continue;
        }
      g_ptr_array_add (lists, list);
    }

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) body = lists_to_json (day, lists);

      ef_http_respond_json (msg, SOUP_STATUS_OK, body);
    }
  else if (g_str_equal (format, "csv"))
    {
      g_autofree char *filename = NULL;
      g_autofree char *text = NULL;
      g_autofree char *iso = ef_day_format_iso (day);
      gsize length;

      text = lists_to_csv (day, lists, &length);
      filename = g_strdup_printf ("liste-%s.csv", iso);
      respond_document (msg, "text/csv; charset=utf-8", filename, text, length);
    }
  else
    {
      g_autofree char *iso = ef_day_format_iso (day);
      EfListPdf *pdf = lists_to_pdf (ef_planning_rules_get_tenant_name (rules), day, lists);

      ef_list_pdf_render_async (pdf, NULL, on_document_rendered_cb,
                                document_job_new (msg, g_strdup_printf ("liste-%s.pdf", iso)));
    }
}

/* ------------------------------------------------------------- takings */

void
ef_staff_handler_get_day_payments (SoupServerMessage *msg,
                                   GHashTable        *params,
                                   gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStaffDayPaymentsRecord) record = ef_staff_day_payments_record_new ();
  g_autoptr(JsonNode) node = NULL;
  gboolean ok;
  EfDay day;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  query = ef_request_parse_query (msg, &ok);
  if (!ok)
    return;
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;
  now = ef_server_get_now (server);
  if (!read_day (msg, query ? g_hash_table_lookup (query, "day") : NULL,
                 ef_day_from_instant (now, tz), &day))
    return;

  /* The day in the tenant's time zone: 23 or 25 hours when clocks change. */
  start = ef_day_at_time (day, 0, 0, tz);
  end = ef_day_at_time (ef_day_add (day, 1), 0, 0, tz);
  payments = ef_store_list_counter_payments (store, caller->tenant_id,
                                             g_date_time_to_unix (start),
                                             g_date_time_to_unix (end), &error);
  if (payments == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  /* Family id → its name, or NULL when the agent may not read it. */
  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < payments->len; i++)
    {
      const EfPayment *payment = g_ptr_array_index (payments, i);
      EfStaffPaymentRecord *item;
      gpointer name;

      if (!g_hash_table_lookup_extended (names, &payment->family_id, NULL, &name))
        {
          g_autoptr(EfFamily) family = NULL;

          if (ef_store_check_staff_family (store, caller->agent, payment->family_id, &error))
            family = ef_store_load_family (store, caller->tenant_id, payment->family_id, &error);
          if (family == NULL && error != NULL && error->domain != EF_API_ERROR)
            {
              ef_http_respond_error (msg, error);
              return;
            }
          g_clear_error (&error);
          name = family != NULL ? g_strdup (family->name) : NULL;
          g_hash_table_insert (names, g_memdup2 (&payment->family_id, sizeof (gint64)), name);
        }
      if (name == NULL)
        continue;
      if (!_ef_staff_sees_payment (store, caller->agent, payment, &error))
        {
          if (error != NULL)
            {
              ef_http_respond_error (msg, error);
              return;
            }
          continue;
        }

      item = _ef_staff_payment_record_new (payment, tz);
      item->family_name = g_strdup (name);
      g_ptr_array_add (record->payments, item);
      record->count++;
      if (!g_str_equal (payment->status, EF_PAYMENT_STATUS_PAID))
        continue;
      for (guint j = 0; ef_counter_channels[j] != NULL; j++)
        if (g_str_equal (payment->channel, ef_counter_channels[j]))
          record->totals[j] += payment->amount;
      record->total += payment->amount;
    }

  record->day = day;
  node = ef_staff_day_payments_record_to_json (record);
  ef_http_respond_json (msg, SOUP_STATUS_OK, node);
}
