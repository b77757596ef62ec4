/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-billing.c: invoices, billing runs, payments and their
 * allocations, and the family's history
 *
 * An invoice is an issued document: its lines keep the child's name and
 * the label as billed, and only paid payments change its balance.
 * Invoice labels are the municipality's French text, not interface
 * strings: they are not translated.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-store-private.h"
#include "ef-store-billing.h"

static const char * const payment_channels[] = {
  EF_PAYMENT_CHANNEL_ONLINE_CARD,
  EF_PAYMENT_CHANNEL_CASH,
  EF_PAYMENT_CHANNEL_CHEQUE,
  EF_PAYMENT_CHANNEL_DIRECT_DEBIT,
  EF_PAYMENT_CHANNEL_TRANSFER,
};

static const char * const payment_statuses[] = {
  EF_PAYMENT_STATUS_PENDING,
  EF_PAYMENT_STATUS_PAID,
  EF_PAYMENT_STATUS_REFUSED,
  EF_PAYMENT_STATUS_CANCELLED,
  EF_PAYMENT_STATUS_EXPIRED,
};

/* The municipality's French month names, for invoice labels. */
static const char * const french_months[] = {
  "janvier", "février", "mars", "avril", "mai", "juin",
  "juillet", "août", "septembre", "octobre", "novembre", "décembre",
};

#define INVOICE_COLUMNS \
  "i.id, i.tenant_id, i.family_id, i.number, i.service_id, i.issue_day," \
  " i.period_start, i.period_end, i.label, i.amount_cents, i.balance_cents, i.status," \
  " i.due_day, i.created_at," \
  " EXISTS (SELECT 1 FROM payment_allocations pa JOIN payments p ON p.id = pa.payment_id" \
  "          WHERE pa.invoice_id = i.id AND p.status = 'pending')"

#define PAYMENT_COLUMNS \
  "id, tenant_id, family_id, channel, status, amount_cents, reference, label," \
  " created_at, updated_at, paid_at, cheque_number, receipt_number, agent_name," \
  " coalesce (account_id, 0), cancelled_at, cancel_reason, cancelled_paid_at," \
  " coalesce ((SELECT o.refund_due FROM payment_operations o" \
  "            WHERE o.payment_id = payments.id), 0)"

/* ------------------------------------------------------------- helpers */

/* Steps @stmt to its row, whose column 2 is a family id: "not found" when
 * there is none, or when @family_id is not 0 and the row is another family's. */
static gboolean
step_family_row (EfStore       *self,
                 EfDbStmt  *stmt,
                 gint64         family_id,
                 const char    *not_found,
                 const char    *what,
                 GError       **error)
{
  int rc = _ef_store_step (self, stmt, what, error);

  if (rc == EF_DB_ROW && (family_id == 0 || ef_db_column_int64 (stmt, 2) == family_id))
    return TRUE;
  if (rc == EF_DB_ROW || rc == EF_DB_DONE)
    g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, not_found);
  return FALSE;
}

/* What an invoice or a payment is read with, one or many. */
typedef struct {
  gpointer       (*from_row)      (EfDbStmt *stmt);
  gboolean       (*load_children) (EfStore *self, gpointer item, GError **error);
  GDestroyNotify   free;
  const char      *not_found;
  const char      *what;
} Record;

/* The one row of @sql, where ?1 is @key (or @id when @key is NULL) and
 * ?2 @tenant_id, made into a @record with its children; NOT_FOUND when
 * there is none, or when it is not @family_id's (unless 0). */
static gpointer
load_record (EfStore       *self,
             const Record  *record,
             const char    *sql,
             gint64         id,
             const char    *key,
             const char    *tenant_id,
             gint64         family_id,
             GError       **error)
{
  g_autoptr(EfDbStmt) stmt = _ef_store_prepare (self, sql, error);
  gpointer item;

  if (stmt == NULL)
    return NULL;
  if (key != NULL)
    ef_db_bind_text (stmt, 1, key, -1);
  else
    ef_db_bind_int64 (stmt, 1, id);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  if (!step_family_row (self, stmt, family_id, record->not_found, record->what, error))
    return NULL;
  item = record->from_row (stmt);
  if (!record->load_children (self, item, error))
    {
      record->free (item);
      return NULL;
    }
  return item;
}

static gboolean
in_list (const char         *text,
         const char * const *list,
         gsize               n)
{
  if (text == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (strcmp (text, list[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
ef_payment_channel_is_valid (const char *channel)
{
  return in_list (channel, payment_channels, G_N_ELEMENTS (payment_channels));
}

gboolean
ef_payment_status_is_valid (const char *status)
{
  return in_list (status, payment_statuses, G_N_ELEMENTS (payment_statuses));
}

void
ef_invoice_line_free (EfInvoiceLine *line)
{
  if (line == NULL)
    return;
  g_free (line->member_name);
  g_free (line->label);
  g_free (line);
}

void
ef_invoice_free (EfInvoice *invoice)
{
  if (invoice == NULL)
    return;
  g_free (invoice->tenant_id);
  g_free (invoice->number);
  g_free (invoice->service_id);
  g_free (invoice->label);
  g_free (invoice->status);
  g_clear_pointer (&invoice->lines, g_ptr_array_unref);
  g_clear_pointer (&invoice->payments, g_array_unref);
  g_free (invoice);
}

static void
clear_invoice_payment (gpointer data)
{
  EfInvoicePayment *payment = data;

  g_clear_pointer (&payment->channel, g_free);
}

/* An empty invoice, with its (empty) lines and payments. */
static EfInvoice *
invoice_new (void)
{
  EfInvoice *invoice = g_new0 (EfInvoice, 1);

  invoice->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_invoice_line_free);
  invoice->payments = g_array_new (FALSE, TRUE, sizeof (EfInvoicePayment));
  g_array_set_clear_func (invoice->payments, clear_invoice_payment);
  return invoice;
}

static void
clear_allocation (gpointer data)
{
  EfPaymentAllocation *allocation = data;

  g_clear_pointer (&allocation->invoice_number, g_free);
}

void
ef_payment_free (EfPayment *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->tenant_id);
  g_free (payment->channel);
  g_free (payment->status);
  g_free (payment->reference);
  g_free (payment->label);
  g_free (payment->cheque_number);
  g_free (payment->receipt_number);
  g_free (payment->agent_name);
  g_free (payment->cancel_reason);
  g_clear_pointer (&payment->allocations, g_array_unref);
  g_free (payment);
}

void
ef_billing_settings_free (EfBillingSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->iban);
  g_free (settings->bic);
  g_free (settings);
}

void
ef_billing_report_free (EfBillingReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->invoice_ids, g_array_unref);
  g_free (report);
}

void
ef_connection_entry_free (EfConnectionEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->email);
  g_free (entry->result);
  g_free (entry->client);
  g_free (entry);
}

static EfDay
last_day_of_month (int year,
                   int month)
{
  return ef_day_add (month == 12 ? ef_day_new (year + 1, 1, 1) : ef_day_new (year, month + 1, 1), -1);
}

/* The default prefix: the service id's first three letters or digits. */
static char *
default_prefix (const char *service_id)
{
  GString *prefix = g_string_new (NULL);

  for (const char *p = service_id; *p != '\0' && prefix->len < 3; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (prefix, *p);
  if (prefix->len == 0)
    g_string_append (prefix, "F");
  return g_string_free (prefix, FALSE);
}

static gboolean
prefix_is_valid (const char *prefix)
{
  gsize len = strlen (prefix);

  if (len < 1 || len > 8)
    return FALSE;
  for (const char *p = prefix; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/* Splits "PREFIX-FYYMMNNNNN" into its prefix, YYMM and sequence. */
static gboolean
parse_number (const char  *number,
              char       **prefix,
              char       **yymm,
              guint       *sequence)
{
  const char *dash = strrchr (number, '-');

  if (dash == NULL || dash == number || dash[1] != 'F' || strlen (dash + 2) != 9)
    return FALSE;
  for (const char *p = dash + 2; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  *prefix = g_strndup (number, dash - number);
  *yymm = g_strndup (dash + 2, 4);
  *sequence = (guint) g_ascii_strtoull (dash + 6, NULL, 10);
  return TRUE;
}

/* --------------------------------------------------------------- reads */

static gboolean
append_line (EfDbStmt  *stmt,
             gpointer       user_data,
             GError       **error)
{
  EfInvoiceLine *line = g_new0 (EfInvoiceLine, 1);

  line->member_id = ef_db_column_int64 (stmt, 0);
  line->member_name = _ef_store_column_dup (stmt, 1);
  line->activity_id = ef_db_column_int64 (stmt, 2);
  line->label = _ef_store_column_dup (stmt, 3);
  line->quantity = ef_db_column_int64 (stmt, 4);
  line->unit_price = ef_db_column_int64 (stmt, 5);
  line->amount = ef_db_column_int64 (stmt, 6);
  g_ptr_array_add (user_data, line);
  return TRUE;
}

static gpointer
invoice_from_row (EfDbStmt *stmt)
{
  EfInvoice *invoice = invoice_new ();

  invoice->id = ef_db_column_int64 (stmt, 0);
  invoice->tenant_id = _ef_store_column_dup (stmt, 1);
  invoice->family_id = ef_db_column_int64 (stmt, 2);
  invoice->number = _ef_store_column_dup (stmt, 3);
  invoice->service_id = _ef_store_column_dup (stmt, 4);
  invoice->issue_day = _ef_store_column_day (stmt, 5);
  invoice->period_start = _ef_store_column_day (stmt, 6);
  invoice->period_end = _ef_store_column_day (stmt, 7);
  invoice->label = _ef_store_column_dup (stmt, 8);
  invoice->amount = ef_db_column_int64 (stmt, 9);
  invoice->balance = ef_db_column_int64 (stmt, 10);
  invoice->status = _ef_store_column_dup (stmt, 11);
  invoice->due_day = _ef_store_column_day (stmt, 12);
  invoice->created_at = ef_db_column_int64 (stmt, 13);
  invoice->pending_payment = ef_db_column_int64 (stmt, 14) != 0;
  return invoice;
}

/* The paid payments allocated to @invoice, oldest first: what settled it
 * (or part of it). Payments in any other status took nothing from it. */
static gboolean
append_invoice_payment (EfDbStmt  *stmt,
                        gpointer       user_data,
                        GError       **error)
{
  EfInvoicePayment payment = {
    .payment_id = ef_db_column_int64 (stmt, 0),
    .channel = _ef_store_column_dup (stmt, 1),
    .amount = ef_db_column_int64 (stmt, 2),
    .paid_at = ef_db_column_int64 (stmt, 3),
  };

  g_array_append_val ((GArray *) user_data, payment);
  return TRUE;
}

static gboolean
load_invoice_children (EfStore   *self,
                       gpointer   item,
                       GError   **error)
{
  EfInvoice *invoice = item;

  /* Its lines, then the paid payments allocated to it, oldest first:
   * what settled it (or part of it). Payments in any other status took
   * nothing from it. */
  return _ef_store_for_each_row_of (self,
                                    "SELECT member_id, member_name, activity_id, label, quantity,"
                                    "       unit_price_cents, amount_cents"
                                    "  FROM invoice_lines WHERE invoice_id = ?1 ORDER BY position",
                                    invoice->id, append_line, invoice->lines,
                                    "loading invoice lines", error) &&
         _ef_store_for_each_row_of (self,
                                    "SELECT p.id, p.channel, pa.amount_cents, p.paid_at"
                                    "  FROM payment_allocations pa JOIN payments p ON p.id = pa.payment_id"
                                    " WHERE pa.invoice_id = ?1 AND p.status = 'paid'"
                                    " ORDER BY p.paid_at, p.id",
                                    invoice->id, append_invoice_payment, invoice->payments,
                                    "loading an invoice's payments", error);
}

static const Record invoice_record = {
  invoice_from_row, load_invoice_children, (GDestroyNotify) ef_invoice_free,
  "No such invoice.", "loading an invoice",
};

EfInvoice *
ef_store_get_invoice (EfStore     *self,
                      const char  *tenant_id,
                      gint64       family_id,
                      gint64       invoice_id,
                      GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  return load_record (self, &invoice_record,
                      "SELECT " INVOICE_COLUMNS " FROM invoices i"
                      " WHERE i.id = ?1 AND i.tenant_id = ?2",
                      invoice_id, NULL, tenant_id, family_id, error);
}

EfInvoice *
ef_store_find_invoice_by_number (EfStore     *self,
                                 const char  *tenant_id,
                                 const char  *number,
                                 GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL && number != NULL, NULL);

  return load_record (self, &invoice_record,
                      "SELECT " INVOICE_COLUMNS " FROM invoices i"
                      " WHERE i.number = ?1 AND i.tenant_id = ?2",
                      0, number, tenant_id, 0, error);
}

GPtrArray *
ef_store_list_invoices (EfStore     *self,
                        const char  *tenant_id,
                        gint64       family_id,
                        const char  *status,
                        GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) invoices = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  if (status != NULL && strcmp (status, "to_pay") != 0 && strcmp (status, "settled") != 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "Unknown invoice status “%s”: use to_pay or settled.", status);
      return NULL;
    }

  stmt = _ef_store_prepare (self,
                            "SELECT " INVOICE_COLUMNS " FROM invoices i"
                            " WHERE i.family_id = ?1 AND i.tenant_id = ?2"
                            "   AND (?3 IS NULL OR i.status = ?3)"
                            " ORDER BY i.issue_day DESC, i.number DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, family_id);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  if (status != NULL)
    ef_db_bind_text (stmt, 3, status, -1);

  invoices = _ef_store_collect_rows (self, stmt, invoice_from_row, (GDestroyNotify) ef_invoice_free,
                                     "listing invoices", error);
  if (invoices == NULL)
    return NULL;
  for (guint i = 0; i < invoices->len; i++)
    if (!load_invoice_children (self, g_ptr_array_index (invoices, i), error))
      return NULL;
  return g_steal_pointer (&invoices);
}

gboolean
ef_store_get_finance (EfStore     *self,
                      const char  *tenant_id,
                      gint64       family_id,
                      EfCents     *total_due,
                      guint       *n_to_pay,
                      EfDay       *oldest_due_day,
                      GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "SELECT coalesce (sum (balance_cents), 0), count (*), min (due_day)"
                            "  FROM invoices"
                            " WHERE family_id = ?1 AND tenant_id = ?2 AND status = 'to_pay'",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, family_id);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  if (ef_db_step (stmt) != EF_DB_ROW)
    {
      _ef_store_set_sql_error (self, error, "computing the financial situation");
      return FALSE;
    }
  if (total_due != NULL)
    *total_due = ef_db_column_int64 (stmt, 0);
  if (n_to_pay != NULL)
    *n_to_pay = (guint) ef_db_column_int64 (stmt, 1);
  if (oldest_due_day != NULL)
    *oldest_due_day = _ef_store_column_day (stmt, 2);
  return TRUE;
}

static gboolean
append_allocation (EfDbStmt  *stmt,
                   gpointer       user_data,
                   GError       **error)
{
  EfPaymentAllocation allocation = {
    .invoice_id = ef_db_column_int64 (stmt, 0),
    .invoice_number = _ef_store_column_dup (stmt, 1),
    .amount = ef_db_column_int64 (stmt, 2),
  };

  g_array_append_val ((GArray *) user_data, allocation);
  return TRUE;
}

static gpointer
payment_from_row (EfDbStmt *stmt)
{
  EfPayment *payment = g_new0 (EfPayment, 1);

  payment->id = ef_db_column_int64 (stmt, 0);
  payment->tenant_id = _ef_store_column_dup (stmt, 1);
  payment->family_id = ef_db_column_int64 (stmt, 2);
  payment->channel = _ef_store_column_dup (stmt, 3);
  payment->status = _ef_store_column_dup (stmt, 4);
  payment->amount = ef_db_column_int64 (stmt, 5);
  payment->reference = _ef_store_column_dup_or_null (stmt, 6);
  payment->label = _ef_store_column_dup (stmt, 7);
  payment->created_at = ef_db_column_int64 (stmt, 8);
  payment->updated_at = ef_db_column_int64 (stmt, 9);
  payment->paid_at = ef_db_column_int64 (stmt, 10);
  payment->cheque_number = _ef_store_column_dup_or_null (stmt, 11);
  payment->receipt_number = _ef_store_column_dup_or_null (stmt, 12);
  payment->agent_name = _ef_store_column_dup_or_null (stmt, 13);
  payment->account_id = ef_db_column_int64 (stmt, 14);
  payment->cancelled_at = ef_db_column_int64 (stmt, 15);
  payment->cancel_reason = _ef_store_column_dup_or_null (stmt, 16);
  payment->cancelled_paid_at = ef_db_column_int64 (stmt, 17);
  payment->refund_due = ef_db_column_int64 (stmt, 18) != 0;
  payment->allocations = g_array_new (FALSE, TRUE, sizeof (EfPaymentAllocation));
  g_array_set_clear_func (payment->allocations, clear_allocation);
  return payment;
}

static gboolean
load_payment_children (EfStore   *self,
                       gpointer   item,
                       GError   **error)
{
  EfPayment *payment = item;

  return _ef_store_for_each_row_of (self,
                                    "SELECT pa.invoice_id, i.number, pa.amount_cents"
                                    "  FROM payment_allocations pa JOIN invoices i ON i.id = pa.invoice_id"
                                    " WHERE pa.payment_id = ?1 ORDER BY i.number",
                                    payment->id, append_allocation, payment->allocations,
                                    "loading payment allocations", error);
}

static const Record payment_record = {
  payment_from_row, load_payment_children, (GDestroyNotify) ef_payment_free,
  "No such payment.", "loading a payment",
};

EfPayment *
ef_store_get_payment (EfStore     *self,
                      const char  *tenant_id,
                      gint64       family_id,
                      gint64       payment_id,
                      GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  return load_record (self, &payment_record,
                      "SELECT " PAYMENT_COLUMNS " FROM payments WHERE id = ?1 AND tenant_id = ?2",
                      payment_id, NULL, tenant_id, family_id, error);
}

EfPayment *
ef_store_find_payment_by_reference (EfStore     *self,
                                    const char  *tenant_id,
                                    const char  *reference,
                                    GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL && reference != NULL, NULL);

  return load_record (self, &payment_record,
                      "SELECT " PAYMENT_COLUMNS " FROM payments"
                      " WHERE reference = ?1 AND tenant_id = ?2",
                      0, reference, tenant_id, 0, error);
}

/* Of EfPayment with their allocations: every row of @stmt. */
static GPtrArray *
read_payments (EfStore       *self,
               EfDbStmt  *stmt,
               GError       **error)
{
  g_autoptr(GPtrArray) payments = NULL;

  payments = _ef_store_collect_rows (self, stmt, payment_from_row, (GDestroyNotify) ef_payment_free,
                                     "listing payments", error);
  if (payments == NULL)
    return NULL;
  for (guint i = 0; i < payments->len; i++)
    if (!load_payment_children (self, g_ptr_array_index (payments, i), error))
      return NULL;
  return g_steal_pointer (&payments);
}

GPtrArray *
ef_store_list_family_payments (EfStore     *self,
                               const char  *tenant_id,
                               gint64       family_id,
                               const char  *status,
                               GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  if (status != NULL && !ef_payment_status_is_valid (status))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "Unknown payment status “%s”: use pending, paid, refused, cancelled or expired.",
                   status);
      return NULL;
    }

  stmt = _ef_store_prepare (self,
                            "SELECT " PAYMENT_COLUMNS " FROM payments"
                            " WHERE family_id = ?1 AND tenant_id = ?2"
                            "   AND (?3 IS NULL OR status = ?3)"
                            " ORDER BY created_at DESC, id DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, family_id);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  if (status != NULL)
    ef_db_bind_text (stmt, 3, status, -1);
  return read_payments (self, stmt, error);
}

GPtrArray *
ef_store_list_payments (EfStore     *self,
                        const char  *tenant_id,
                        gint64       family_id,
                        gint64       from,
                        gint64       to,
                        GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT " PAYMENT_COLUMNS " FROM payments"
                            " WHERE family_id = ?1 AND tenant_id = ?2"
                            "   AND created_at >= ?3 AND created_at < ?4"
                            " ORDER BY created_at DESC, id DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, family_id);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  ef_db_bind_int64 (stmt, 3, from);
  ef_db_bind_int64 (stmt, 4, to);
  return read_payments (self, stmt, error);
}

GPtrArray *
ef_store_list_counter_payments (EfStore     *self,
                                const char  *tenant_id,
                                gint64       from,
                                gint64       to,
                                GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT " PAYMENT_COLUMNS " FROM payments"
                            " WHERE tenant_id = ?1 AND channel <> '" EF_PAYMENT_CHANNEL_ONLINE_CARD "'"
                            "   AND created_at >= ?2 AND created_at < ?3"
                            " ORDER BY created_at, id",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_int64 (stmt, 2, from);
  ef_db_bind_int64 (stmt, 3, to);
  return read_payments (self, stmt, error);
}

static gpointer
connection_entry_from_row (EfDbStmt *stmt)
{
  EfConnectionEntry *entry = g_new0 (EfConnectionEntry, 1);

  entry->at = ef_db_column_int64 (stmt, 0);
  entry->email = _ef_store_column_dup (stmt, 1);
  entry->result = _ef_store_column_dup (stmt, 2);
  entry->client = _ef_store_column_dup (stmt, 3);
  return entry;
}

GPtrArray *
ef_store_list_connections (EfStore     *self,
                           const char  *tenant_id,
                           gint64       family_id,
                           gint64       from,
                           gint64       to,
                           GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT c.at, a.email, c.result, c.client"
                            "  FROM connections c JOIN accounts a ON a.id = c.account_id"
                            " WHERE a.family_id = ?1 AND c.tenant_id = ?2"
                            "   AND c.at >= ?3 AND c.at < ?4"
                            " ORDER BY c.at DESC, c.id DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, family_id);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  ef_db_bind_int64 (stmt, 3, from);
  ef_db_bind_int64 (stmt, 4, to);

  return _ef_store_collect_rows (self, stmt, connection_entry_from_row,
                                 (GDestroyNotify) ef_connection_entry_free,
                                 "listing connections", error);
}

/* ------------------------------------------------------------ settings */

EfBillingSettings *
ef_store_load_billing_settings (EfStore     *self,
                                const char  *tenant_id,
                                GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  EfBillingSettings *settings;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT invoice_due_days, online_payment_enabled, payment_iban, payment_bic,"
                            "       bill_overrides"
                            "  FROM tenants WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  rc = _ef_store_step (self, stmt, "loading billing settings", error);
  if (rc == EF_DB_DONE)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                   "Unknown municipality “%s”.", tenant_id);
      return NULL;
    }
  if (rc != EF_DB_ROW)
    return NULL;
  settings = g_new0 (EfBillingSettings, 1);
  settings->due_days = (guint) ef_db_column_int64 (stmt, 0);
  settings->online_payment_enabled = ef_db_column_int64 (stmt, 1) != 0;
  settings->iban = _ef_store_column_dup_or_null (stmt, 2);
  settings->bic = _ef_store_column_dup_or_null (stmt, 3);
  settings->bill_overrides = ef_db_column_int64 (stmt, 4) != 0;
  return settings;
}

gboolean
ef_store_save_billing_settings (EfStore                  *self,
                                const char               *tenant_id,
                                const EfBillingSettings  *settings,
                                GError                  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL && settings != NULL, FALSE);

  if (settings->due_days > 365)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                           "Invoices must be due within 365 days.");
      return FALSE;
    }
  stmt = _ef_store_prepare (self,
                            "UPDATE tenants SET invoice_due_days = ?2, online_payment_enabled = ?3,"
                            "  payment_iban = ?4, payment_bic = ?5 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_int64 (stmt, 2, settings->due_days);
  ef_db_bind_int64 (stmt, 3, settings->online_payment_enabled ? 1 : 0);
  ef_db_bind_text (stmt, 4, settings->iban, -1);
  ef_db_bind_text (stmt, 5, settings->bic, -1);
  if (!_ef_store_step_done (self, stmt, "saving billing settings", error))
    return FALSE;
  if (ef_db_changes (self->db) == 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                   "Unknown municipality “%s”.", tenant_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
ef_store_set_service_invoice_prefix (EfStore     *self,
                                     const char  *tenant_id,
                                     const char  *service_id,
                                     const char  *prefix,
                                     GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL && service_id != NULL, FALSE);

  if (prefix != NULL && !prefix_is_valid (prefix))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                   "Invalid invoice prefix “%s”: 1 to 8 letters or digits.", prefix);
      return FALSE;
    }
  stmt = _ef_store_prepare (self,
                            "UPDATE services SET invoice_prefix = ?3 WHERE tenant_id = ?1 AND id = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, service_id, -1);
  ef_db_bind_text (stmt, 3, prefix, -1);
  if (!_ef_store_step_done (self, stmt, "setting an invoice prefix", error))
    return FALSE;
  if (ef_db_changes (self->db) == 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No service “%s”.", service_id);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------- writing */

/* Raises the sequence of @prefix and @yymm to at least @sequence. */
static gboolean
raise_sequence (EfStore     *self,
                const char  *tenant_id,
                const char  *prefix,
                const char  *yymm,
                guint        sequence,
                GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  stmt = _ef_store_prepare (self,
                            "INSERT INTO invoice_sequences (tenant_id, prefix, yymm, last)"
                            " VALUES (?1, ?2, ?3, ?4)"
                            " ON CONFLICT (tenant_id, prefix, yymm) DO UPDATE SET"
                            "  last = CASE WHEN excluded.last > invoice_sequences.last"
                            "    THEN excluded.last ELSE invoice_sequences.last END",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, prefix, -1);
  ef_db_bind_text (stmt, 3, yymm, -1);
  ef_db_bind_int64 (stmt, 4, sequence);
  return _ef_store_step_done (self, stmt, "numbering invoices", error);
}

static gboolean
read_sequence (EfStore     *self,
               const char  *tenant_id,
               const char  *prefix,
               const char  *yymm,
               guint       *sequence,
               GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  stmt = _ef_store_prepare (self,
                            "SELECT last FROM invoice_sequences"
                            " WHERE tenant_id = ?1 AND prefix = ?2 AND yymm = ?3",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, prefix, -1);
  ef_db_bind_text (stmt, 3, yymm, -1);
  rc = ef_db_step (stmt);
  if (rc == EF_DB_ROW)
    *sequence = (guint) ef_db_column_int64 (stmt, 0);
  else if (rc == EF_DB_DONE)
    *sequence = 0;
  else
    {
      _ef_store_set_sql_error (self, error, "numbering invoices");
      return FALSE;
    }
  return TRUE;
}

/* The statements a run of invoice writes reuses. */
typedef struct {
  EfDbStmt *invoice;
  EfDbStmt *line;
  EfDbStmt *recipients;
  EfDbStmt *mail;
} InvoiceWriter;

static void
invoice_writer_clear (InvoiceWriter *writer)
{
  g_clear_pointer (&writer->invoice, ef_db_finalize);
  g_clear_pointer (&writer->line, ef_db_finalize);
  g_clear_pointer (&writer->recipients, ef_db_finalize);
  g_clear_pointer (&writer->mail, ef_db_finalize);
}

static gboolean
invoice_writer_init (EfStore        *self,
                     InvoiceWriter  *writer,
                     GError        **error)
{
  writer->invoice = _ef_store_prepare (self,
                                       "INSERT INTO invoices (tenant_id, family_id, number, service_id,"
                                       "  billing_run_id, issue_day, period_start, period_end, label,"
                                       "  amount_cents, balance_cents, status, due_day, created_at)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10,"
                                       "  CASE WHEN ?10 = 0 THEN 'settled' ELSE 'to_pay' END, ?11, ?12) RETURNING id",
                                       error);
  if (writer->invoice == NULL)
    return FALSE;
  writer->line = _ef_store_prepare (self,
                                    "INSERT INTO invoice_lines (invoice_id, position, member_id, member_name,"
                                    "  activity_id, label, quantity, unit_price_cents, amount_cents)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                    error);
  if (writer->line == NULL)
    return FALSE;
  writer->recipients = _ef_store_prepare (self,
                                          "SELECT email FROM accounts WHERE family_id = ?1 ORDER BY id",
                                          error);
  if (writer->recipients == NULL)
    return FALSE;
  writer->mail = _ef_store_prepare (self,
                                    "INSERT INTO outbox (tenant_id, kind, recipient, subject, body,"
                                    "  created_at, status)"
                                    " VALUES (?1, 'invoice', ?2, ?3, ?4, ?5, 'queued')",
                                    error);
  return writer->mail != NULL;
}

/* Inserts @invoice (its amount already the sum of its lines) and its
 * lines; sets its id. */
static gboolean
write_invoice (EfStore        *self,
               InvoiceWriter  *writer,
               EfInvoice      *invoice,
               gint64          billing_run_id,
               GError        **error)
{
  EfDbStmt *stmt = writer->invoice;

  ef_db_reset (stmt);
  ef_db_clear_bindings (stmt);
  ef_db_bind_text (stmt, 1, invoice->tenant_id, -1);
  ef_db_bind_int64 (stmt, 2, invoice->family_id);
  ef_db_bind_text (stmt, 3, invoice->number, -1);
  ef_db_bind_text (stmt, 4, invoice->service_id, -1);
  if (billing_run_id > 0)
    ef_db_bind_int64 (stmt, 5, billing_run_id);
  _ef_store_bind_day (stmt, 6, invoice->issue_day);
  _ef_store_bind_day (stmt, 7, invoice->period_start);
  _ef_store_bind_day (stmt, 8, invoice->period_end);
  ef_db_bind_text (stmt, 9, invoice->label, -1);
  ef_db_bind_int64 (stmt, 10, invoice->amount);
  _ef_store_bind_day (stmt, 11, invoice->due_day);
  ef_db_bind_int64 (stmt, 12, invoice->created_at);
  invoice->id = _ef_store_step_insert (self, stmt, "writing an invoice", error);
  if (invoice->id == 0)
    return FALSE;

  for (guint i = 0; i < invoice->lines->len; i++)
    {
      EfInvoiceLine *line = g_ptr_array_index (invoice->lines, i);

      stmt = writer->line;
      ef_db_reset (stmt);
      ef_db_clear_bindings (stmt);
      ef_db_bind_int64 (stmt, 1, invoice->id);
      ef_db_bind_int64 (stmt, 2, i + 1);
      if (line->member_id > 0)
        ef_db_bind_int64 (stmt, 3, line->member_id);
      ef_db_bind_text (stmt, 4, line->member_name, -1);
      if (line->activity_id > 0)
        ef_db_bind_int64 (stmt, 5, line->activity_id);
      ef_db_bind_text (stmt, 6, line->label, -1);
      ef_db_bind_int64 (stmt, 7, line->quantity);
      ef_db_bind_int64 (stmt, 8, line->unit_price);
      ef_db_bind_int64 (stmt, 9, line->amount);
      if (!_ef_store_step_done (self, stmt, "writing an invoice line", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
queue_invoice_mail (EfStore            *self,
                    InvoiceWriter      *writer,
                    const EfInvoice    *invoice,
                    const char         *family_name,
                    EfInvoiceMailFunc   mail_func,
                    gpointer            user_data,
                    gint64              now,
                    GError            **error)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  EfDbStmt *recipients = writer->recipients;
  int rc;

  if (mail_func == NULL || !mail_func (invoice, family_name, &subject, &body, user_data))
    return TRUE;

  ef_db_reset (recipients);
  ef_db_bind_int64 (recipients, 1, invoice->family_id);
  while ((rc = ef_db_step (recipients)) == EF_DB_ROW)
    {
      EfDbStmt *mail = writer->mail;

      ef_db_reset (mail);
      ef_db_bind_text (mail, 1, invoice->tenant_id, -1);
      ef_db_bind_text (mail, 2, (const char *) ef_db_column_text (recipients, 0), -1);
      ef_db_bind_text (mail, 3, subject, -1);
      ef_db_bind_text (mail, 4, body, -1);
      ef_db_bind_int64 (mail, 5, now);
      if (!_ef_store_step_done (self, mail, "queueing an invoice mail", error))
        return FALSE;
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "finding a family's accounts");
      return FALSE;
    }
  return TRUE;
}

static gint64
add_invoice_in_transaction (EfStore               *self,
                            const char            *tenant_id,
                            gint64                 family_id,
                            const EfInvoiceDraft  *draft,
                            gint64                 now,
                            gboolean              *created,
                            GError               **error)
{
  const EfInvoiceDraftLine *lines = draft->lines;
  g_autoptr(EfDbStmt) family = NULL;
  g_autoptr(EfInvoice) existing = NULL;
  g_autoptr(EfInvoice) invoice = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *yymm = NULL;
  InvoiceWriter writer = { 0 };
  guint sequence;
  gboolean ok;

  existing = ef_store_find_invoice_by_number (self, tenant_id, draft->number, &local_error);
  if (existing != NULL)
    {
      *created = FALSE;
      return existing->id;
    }
  if (!g_error_matches (local_error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  family = _ef_store_prepare (self, "SELECT 1 FROM families WHERE id = ?1 AND tenant_id = ?2", error);
  if (family == NULL)
    return 0;
  ef_db_bind_int64 (family, 1, family_id);
  ef_db_bind_text (family, 2, tenant_id, -1);
  if (ef_db_step (family) != EF_DB_ROW)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such family.");
      return 0;
    }

  invoice = invoice_new ();
  invoice->tenant_id = g_strdup (tenant_id);
  invoice->family_id = family_id;
  invoice->number = g_strdup (draft->number);
  invoice->service_id = g_strdup (draft->service_id);
  invoice->label = g_strdup (draft->label);
  invoice->issue_day = draft->issue_day;
  invoice->period_start = draft->period_start;
  invoice->period_end = draft->period_end;
  invoice->due_day = draft->due_day;
  invoice->created_at = now;
  for (guint i = 0; i < draft->n_lines; i++)
    {
      EfInvoiceLine *line = g_new0 (EfInvoiceLine, 1);

      if (lines[i].quantity <= 0 || lines[i].unit_price < 0 ||
          lines[i].unit_price > G_MAXINT64 / lines[i].quantity / 1024)
        {
          ef_invoice_line_free (line);
          g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                               "An invoice line needs a positive quantity and price.");
          return 0;
        }
      line->member_id = lines[i].member_id;
      line->member_name = g_strdup (lines[i].member_name ? lines[i].member_name : "");
      line->activity_id = lines[i].activity_id;
      line->label = g_strdup (lines[i].label);
      line->quantity = lines[i].quantity;
      line->unit_price = lines[i].unit_price;
      line->amount = lines[i].quantity * lines[i].unit_price;
      invoice->amount += line->amount;
      g_ptr_array_add (invoice->lines, line);
    }

  ok = invoice_writer_init (self, &writer, error) &&
       write_invoice (self, &writer, invoice, 0, error);
  invoice_writer_clear (&writer);
  if (!ok)
    return 0;

  /* Keep the numbers `bill` gives after this one. */
  if (parse_number (draft->number, &prefix, &yymm, &sequence) &&
      !raise_sequence (self, tenant_id, prefix, yymm, sequence, error))
    return 0;

  *created = TRUE;
  return invoice->id;
}

gint64
ef_store_add_invoice (EfStore               *self,
                      const char            *tenant_id,
                      gint64                 family_id,
                      const EfInvoiceDraft  *draft,
                      gint64                 now,
                      gboolean              *created,
                      GError               **error)
{
  gboolean dummy;
  gint64 id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (tenant_id != NULL && draft != NULL, 0);
  g_return_val_if_fail (draft->number != NULL && draft->service_id != NULL, 0);
  g_return_val_if_fail (draft->label != NULL, 0);
  g_return_val_if_fail (draft->n_lines == 0 || draft->lines != NULL, 0);

  if (!_ef_store_begin (self, error))
    return 0;
  id = add_invoice_in_transaction (self, tenant_id, family_id, draft, now,
                                   created ? created : &dummy, error);
  if (id == 0 || !_ef_store_commit (self, error))
    {
      _ef_store_rollback (self);
      return 0;
    }
  return id;
}

/* -------------------------------------------------------------- billing */

typedef struct {
  char   *id;
  char   *name;
  char   *prefix;
  gint64  run_id;       /* 0: already billed, skipped */
  guint   n_invoices;
  EfCents total;
} ServiceRun;

static void
service_run_free (ServiceRun *run)
{
  g_free (run->id);
  g_free (run->name);
  g_free (run->prefix);
  g_free (run);
}

static GPtrArray *
load_service_runs (EfStore     *self,
                   const char  *tenant_id,
                   const char  *month_text,
                   gint64       now,
                   guint       *n_already,
                   GError     **error)
{
  g_autoptr(EfDbStmt) services = NULL;
  g_autoptr(EfDbStmt) billed = NULL;
  g_autoptr(EfDbStmt) insert = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) service_run_free);
  int rc;

  services = _ef_store_prepare (self,
                                "SELECT id, name, invoice_prefix FROM services"
                                " WHERE tenant_id = ?1 ORDER BY position",
                                error);
  billed = _ef_store_prepare (self,
                              "SELECT 1 FROM billing_runs"
                              " WHERE tenant_id = ?1 AND month = ?2 AND service_id = ?3",
                              error);
  insert = _ef_store_prepare (self,
                              "INSERT INTO billing_runs (tenant_id, month, service_id, ran_at,"
                              "  n_invoices, total_cents) VALUES (?1, ?2, ?3, ?4, 0, 0) RETURNING id",
                              error);
  if (services == NULL || billed == NULL || insert == NULL)
    return NULL;

  *n_already = 0;
  ef_db_bind_text (services, 1, tenant_id, -1);
  while ((rc = ef_db_step (services)) == EF_DB_ROW)
    {
      ServiceRun *run = g_new0 (ServiceRun, 1);

      run->id = _ef_store_column_dup (services, 0);
      run->name = _ef_store_column_dup (services, 1);
      run->prefix = ef_db_column_type (services, 2) != EF_DB_TYPE_NULL
                    ? _ef_store_column_dup (services, 2) : default_prefix (run->id);
      g_ptr_array_add (runs, run);

      ef_db_reset (billed);
      ef_db_bind_text (billed, 1, tenant_id, -1);
      ef_db_bind_text (billed, 2, month_text, -1);
      ef_db_bind_text (billed, 3, run->id, -1);
      rc = ef_db_step (billed);
      if (rc == EF_DB_ROW)
        {
          (*n_already)++;
          continue;
        }
      if (rc != EF_DB_DONE)
        break;

      ef_db_reset (insert);
      ef_db_bind_text (insert, 1, tenant_id, -1);
      ef_db_bind_text (insert, 2, month_text, -1);
      ef_db_bind_text (insert, 3, run->id, -1);
      ef_db_bind_int64 (insert, 4, now);
      run->run_id = _ef_store_step_insert (self, insert, "starting a billing run", error);
      if (run->run_id == 0)
        return NULL;
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading services");
      return NULL;
    }
  return g_steal_pointer (&runs);
}

static ServiceRun *
find_run (GPtrArray  *runs,
          const char *service_id)
{
  for (guint i = 0; i < runs->len; i++)
    {
      ServiceRun *run = g_ptr_array_index (runs, i);

      if (strcmp (run->id, service_id) == 0)
        return run;
    }
  return NULL;
}

typedef struct {
  EfStore           *store;
  InvoiceWriter      writer;
  const char        *tenant_id;
  int                year;
  int                month;
  EfDay              issue_day;
  EfDay              due_day;
  EfDay              period_start;
  EfDay              period_end;
  char               yymm[8];
  gint64             now;
  EfInvoiceMailFunc  mail_func;
  gpointer           user_data;
  EfBillingReport   *report;
  GHashTable        *sequences;     /* prefix → GUINT_TO_POINTER (last) */
  gboolean           bill_overrides;
} BillingRun;

static gboolean
flush_invoice (BillingRun  *run,
               ServiceRun  *service,
               EfInvoice   *invoice,
               const char  *family_name,
               GError     **error)
{
  gpointer last;
  guint sequence;

  if (!g_hash_table_lookup_extended (run->sequences, service->prefix, NULL, &last))
    {
      if (!read_sequence (run->store, run->tenant_id, service->prefix, run->yymm, &sequence, error))
        return FALSE;
    }
  else
    sequence = GPOINTER_TO_UINT (last);
  if (sequence >= 99999)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                   "No invoice number left for %s in %s.", service->prefix, run->yymm);
      return FALSE;
    }
  sequence++;
  g_hash_table_insert (run->sequences, service->prefix, GUINT_TO_POINTER (sequence));

  invoice->number = g_strdup_printf ("%s-F%s%05u", service->prefix, run->yymm, sequence);
  invoice->label = g_strdup_printf ("%s — %s %d", service->name,
                                    french_months[run->month - 1], run->year);
  invoice->balance = invoice->amount;
  invoice->status = g_strdup (invoice->amount == 0 ? "settled" : "to_pay");

  if (!write_invoice (run->store, &run->writer, invoice, service->run_id, error) ||
      !queue_invoice_mail (run->store, &run->writer, invoice, family_name,
                           run->mail_func, run->user_data, run->now, error))
    return FALSE;

  service->n_invoices++;
  service->total += invoice->amount;
  run->report->n_invoices++;
  run->report->total += invoice->amount;
  g_array_append_val (run->report->invoice_ids, invoice->id);
  return TRUE;
}

static EfInvoice *
new_billed_invoice (BillingRun *run,
                    gint64      family_id,
                    const char *service_id)
{
  EfInvoice *invoice = invoice_new ();

  invoice->tenant_id = g_strdup (run->tenant_id);
  invoice->family_id = family_id;
  invoice->service_id = g_strdup (service_id);
  invoice->issue_day = run->issue_day;
  invoice->period_start = run->period_start;
  invoice->period_end = run->period_end;
  invoice->due_day = run->due_day;
  invoice->created_at = run->now;
  return invoice;
}

static gboolean
bill_reservations (BillingRun  *run,
                   GPtrArray   *services,
                   GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(EfInvoice) invoice = NULL;
  g_autofree char *family_name = NULL;
  ServiceRun *service = NULL;
  int rc;

  /* One row per child, activity and price of each family, grouped by
   * family and service: the lines of one invoice come one after the other.
   * The price of a day is the one that started last on or before it (an
   * activity written without its prices has its unit price). Days
   * on which the activity no longer runs (closed, out of its school years,
   * a closed day of the town) are not invoiced. */
  stmt = _ef_store_prepare (run->store,
                            "SELECT f.id, f.name, a.service_id, m.id,"
                            "       m.first_name || ' ' || m.last_name,"
                            "       a.id, a.name, coalesce (p.price_cents, a.unit_price_cents),"
                            "       count (*), p.start_day,"
                            "       (SELECT min (n.start_day) FROM activity_prices n"
                            "         WHERE n.activity_id = a.id AND n.start_day > p.start_day),"
                            "       (SELECT count (*) FROM activity_prices c"
                            "         WHERE c.activity_id = a.id AND c.start_day > ?2 AND c.start_day <= ?3)"
                            "  FROM activities a"
                            "  JOIN reservations r ON r.activity_id = a.id"
                            "  JOIN members m ON m.id = r.member_id"
                            "  JOIN families f ON f.id = m.family_id"
                            "  LEFT JOIN activity_prices p ON p.activity_id = a.id"
                            "   AND p.start_day = (SELECT max (s.start_day) FROM activity_prices s"
                            "                       WHERE s.activity_id = a.id AND s.start_day <= r.day)"
                            " WHERE a.tenant_id = ?1 AND f.tenant_id = ?1"
                            "   AND r.day >= ?2 AND r.day <= ?3"
                            /* Made past the deadline by an agent's override: as
                             * the agent said, or as the town says. */
                            "   AND (r.override_at IS NULL OR coalesce (r.override_billed, ?4) = 1)"
                            "   AND (a.closed_from IS NULL OR r.day < a.closed_from)"
                            "   AND NOT EXISTS (SELECT 1 FROM closed_days d"
                            "                    WHERE d.tenant_id = ?1 AND d.day = r.day)"
                            "   AND (NOT EXISTS (SELECT 1 FROM activity_school_years x"
                            "                     WHERE x.activity_id = a.id)"
                            "        OR EXISTS (SELECT 1 FROM activity_school_years x"
                            "                     JOIN school_years y"
                            "                       ON y.tenant_id = x.tenant_id AND y.code = x.school_year"
                            "                    WHERE x.activity_id = a.id"
                            "                      AND r.day BETWEEN y.first_day AND y.last_day))"
                            " GROUP BY f.id, a.service_id, m.id, a.id, p.start_day, p.price_cents"
                            " ORDER BY f.id, a.service_id, m.position, m.id, a.name, a.id, p.start_day",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, run->tenant_id, -1);
  _ef_store_bind_day (stmt, 2, run->period_start);
  _ef_store_bind_day (stmt, 3, run->period_end);
  ef_db_bind_int64 (stmt, 4, run->bill_overrides ? 1 : 0);

  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      gint64 family_id = ef_db_column_int64 (stmt, 0);
      const char *service_id = (const char *) ef_db_column_text (stmt, 2);
      EfInvoiceLine *line;

      if (invoice == NULL || invoice->family_id != family_id ||
          strcmp (invoice->service_id, service_id) != 0)
        {
          if (invoice != NULL &&
              !flush_invoice (run, service, invoice, family_name, error))
            return FALSE;
          g_clear_pointer (&invoice, ef_invoice_free);

          service = find_run (services, service_id);
          if (service == NULL || service->run_id == 0)
            {
              service = NULL;
              continue;     /* billed before, or no longer a service */
            }
          invoice = new_billed_invoice (run, family_id, service_id);
          g_free (family_name);
          family_name = _ef_store_column_dup (stmt, 1);
        }
      if (invoice == NULL)
        continue;

      line = g_new0 (EfInvoiceLine, 1);
      line->member_id = ef_db_column_int64 (stmt, 3);
      line->member_name = _ef_store_column_dup (stmt, 4);
      line->activity_id = ef_db_column_int64 (stmt, 5);
      line->unit_price = ef_db_column_int64 (stmt, 7);
      line->quantity = ef_db_column_int64 (stmt, 8);
      line->amount = line->unit_price * line->quantity;
      /* When the price changes during the month, each line says the days
       * its price covers: the invoice is the town's French letter. */
      if (ef_db_column_int64 (stmt, 11) > 0)
        {
          EfDay from = MAX (_ef_store_column_day (stmt, 9), run->period_start);
          EfDay next = _ef_store_column_day (stmt, 10);
          EfDay to = next != EF_DAY_INVALID ? MIN (ef_day_add (next, -1), run->period_end)
                                            : run->period_end;
          int from_m, from_d, to_m, to_d;

          ef_day_get_ymd (from, NULL, &from_m, &from_d);
          ef_day_get_ymd (to, NULL, &to_m, &to_d);
          line->label = g_strdup_printf ("%s (du %02d/%02d au %02d/%02d)",
                                         (const char *) ef_db_column_text (stmt, 6),
                                         from_d, from_m, to_d, to_m);
        }
      else
        line->label = _ef_store_column_dup (stmt, 6);
      invoice->amount += line->amount;
      g_ptr_array_add (invoice->lines, line);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (run->store, error, "reading the month's reservations");
      return FALSE;
    }
  if (invoice != NULL && !flush_invoice (run, service, invoice, family_name, error))
    return FALSE;
  return TRUE;
}

static gboolean
finish_runs (BillingRun  *run,
             GPtrArray   *services,
             GError     **error)
{
  g_autoptr(EfDbStmt) update = NULL;
  GHashTableIter iter;
  gpointer prefix, last;

  update = _ef_store_prepare (run->store,
                              "UPDATE billing_runs SET n_invoices = ?2, total_cents = ?3 WHERE id = ?1",
                              error);
  if (update == NULL)
    return FALSE;
  for (guint i = 0; i < services->len; i++)
    {
      ServiceRun *service = g_ptr_array_index (services, i);

      if (service->run_id == 0)
        continue;
      run->report->n_services_billed++;
      ef_db_reset (update);
      ef_db_bind_int64 (update, 1, service->run_id);
      ef_db_bind_int64 (update, 2, service->n_invoices);
      ef_db_bind_int64 (update, 3, service->total);
      if (!_ef_store_step_done (run->store, update, "finishing a billing run", error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, run->sequences);
  while (g_hash_table_iter_next (&iter, &prefix, &last))
    if (!raise_sequence (run->store, run->tenant_id, prefix, run->yymm,
                         GPOINTER_TO_UINT (last), error))
      return FALSE;
  return TRUE;
}

EfBillingReport *
ef_store_bill_month (EfStore            *self,
                     const char         *tenant_id,
                     int                 year,
                     int                 month,
                     EfDay               issue_day,
                     gint64              now,
                     EfInvoiceMailFunc   mail_func,
                     gpointer            user_data,
                     GError            **error)
{
  g_autoptr(EfBillingSettings) settings = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GHashTable) sequences = NULL;
  g_autoptr(EfBillingReport) report = NULL;
  char month_text[8];
  BillingRun run = { 0 };
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);
  g_return_val_if_fail (ef_day_is_valid (issue_day), NULL);

  if (year < 2000 || year > 2099 || month < 1 || month > 12)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                   "Invalid month %04d-%02d.", year, month);
      return NULL;
    }
  settings = ef_store_load_billing_settings (self, tenant_id, error);
  if (settings == NULL)
    return NULL;

  report = g_new0 (EfBillingReport, 1);
  report->invoice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sequences = g_hash_table_new (g_str_hash, g_str_equal);
  g_snprintf (month_text, sizeof month_text, "%04d-%02d", year, month);

  run.store = self;
  run.tenant_id = tenant_id;
  run.year = year;
  run.month = month;
  run.issue_day = issue_day;
  run.due_day = ef_day_add (issue_day, (int) settings->due_days);
  run.bill_overrides = settings->bill_overrides;
  run.period_start = ef_day_new (year, month, 1);
  run.period_end = last_day_of_month (year, month);
  g_snprintf (run.yymm, sizeof run.yymm, "%02d%02d", year % 100, month);
  run.now = now;
  run.mail_func = mail_func;
  run.user_data = user_data;
  run.report = report;
  run.sequences = sequences;

  if (!_ef_store_begin (self, error))
    return NULL;
  services = load_service_runs (self, tenant_id, month_text, now, &report->n_services_already, error);
  ok = services != NULL &&
       invoice_writer_init (self, &run.writer, error) &&
       bill_reservations (&run, services, error) &&
       finish_runs (&run, services, error);
  invoice_writer_clear (&run.writer);
  if (!ok || !_ef_store_commit (self, error))
    {
      _ef_store_rollback (self);
      return NULL;
    }
  return g_steal_pointer (&report);
}

/* ------------------------------------------------------------ payments */

static gint64
insert_payment (EfStore                    *self,
                const char                 *tenant_id,
                gint64                      family_id,
                const char                 *channel,
                const char                 *reference,
                const char                 *label,
                gint64                      account_id,
                const EfPaymentAllocation  *allocations,
                guint                       n_allocations,
                gint64                      now,
                GError                    **error)
{
  g_autoptr(EfDbStmt) invoice = NULL;
  g_autoptr(EfDbStmt) payment = NULL;
  g_autoptr(EfDbStmt) allocation = NULL;
  EfCents total = 0;
  gint64 payment_id;

  if (!ef_payment_channel_is_valid (channel))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "Unknown payment channel “%s”.", channel ? channel : "");
      return 0;
    }
  if (n_allocations == 0)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                           "A payment needs at least one invoice.");
      return 0;
    }
  if (reference != NULL && (reference[0] == '\0' || strlen (reference) > 64))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           "A payment reference has 1 to 64 characters.");
      return 0;
    }

  invoice = _ef_store_prepare (self,
                               "SELECT family_id, number, balance_cents, status FROM invoices"
                               " WHERE id = ?1 AND tenant_id = ?2",
                               error);
  if (invoice == NULL)
    return 0;
  for (guint i = 0; i < n_allocations; i++)
    {
      const EfPaymentAllocation *a = &allocations[i];
      const char *number;

      for (guint j = 0; j < i; j++)
        if (allocations[j].invoice_id == a->invoice_id)
          {
            g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                                 "The same invoice appears twice in one payment.");
            return 0;
          }
      ef_db_reset (invoice);
      ef_db_bind_int64 (invoice, 1, a->invoice_id);
      ef_db_bind_text (invoice, 2, tenant_id, -1);
      if (ef_db_step (invoice) != EF_DB_ROW ||
          ef_db_column_int64 (invoice, 0) != family_id)
        {
          g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such invoice.");
          return 0;
        }
      number = (const char *) ef_db_column_text (invoice, 1);
      if (strcmp ((const char *) ef_db_column_text (invoice, 3), "settled") == 0)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                       "Invoice %s is already settled.", number);
          return 0;
        }
      if (a->amount <= 0 || a->amount > ef_db_column_int64 (invoice, 2))
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                       "The amount for invoice %s must be above 0 and at most its balance.",
                       number);
          return 0;
        }
      total += a->amount;
    }

  payment = _ef_store_prepare (self,
                               "INSERT INTO payments (tenant_id, family_id, channel, status,"
                               "  amount_cents, reference, label, account_id, created_at, updated_at)"
                               " VALUES (?1, ?2, ?3, 'pending', ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id",
                               error);
  if (payment == NULL)
    return 0;
  ef_db_bind_text (payment, 1, tenant_id, -1);
  ef_db_bind_int64 (payment, 2, family_id);
  ef_db_bind_text (payment, 3, channel, -1);
  ef_db_bind_int64 (payment, 4, total);
  ef_db_bind_text (payment, 5, reference, -1);
  ef_db_bind_text (payment, 6, label ? label : "", -1);
  if (account_id > 0)
    ef_db_bind_int64 (payment, 7, account_id);
  ef_db_bind_int64 (payment, 8, now);
  if (ef_db_step (payment) != EF_DB_ROW)
    {
      if (ef_db_error_kind (self->db) == EF_DB_ERROR_UNIQUE)
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                     "A payment with the reference “%s” already exists.", reference);
      else
        _ef_store_set_sql_error (self, error, "creating a payment");
      return 0;
    }
  payment_id = ef_db_column_int64 (payment, 0);
  if (!_ef_store_step_done (self, payment, "creating a payment", error))
    return 0;

  allocation = _ef_store_prepare (self,
                                  "INSERT INTO payment_allocations (payment_id, invoice_id, amount_cents)"
                                  " VALUES (?1, ?2, ?3)",
                                  error);
  if (allocation == NULL)
    return 0;
  for (guint i = 0; i < n_allocations; i++)
    {
      ef_db_reset (allocation);
      ef_db_bind_int64 (allocation, 1, payment_id);
      ef_db_bind_int64 (allocation, 2, allocations[i].invoice_id);
      ef_db_bind_int64 (allocation, 3, allocations[i].amount);
      if (!_ef_store_step_done (self, allocation, "allocating a payment", error))
        return 0;
    }
  return payment_id;
}

gint64
ef_store_create_payment (EfStore                    *self,
                         const char                 *tenant_id,
                         gint64                      family_id,
                         const char                 *channel,
                         const char                 *reference,
                         const char                 *label,
                         gint64                      account_id,
                         const EfPaymentAllocation  *allocations,
                         guint                       n_allocations,
                         gint64                      now,
                         GError                    **error)
{
  gint64 id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (tenant_id != NULL, 0);
  g_return_val_if_fail (n_allocations == 0 || allocations != NULL, 0);

  if (!_ef_store_begin (self, error))
    return 0;
  id = insert_payment (self, tenant_id, family_id, channel, reference, label, account_id,
                       allocations, n_allocations, now, error);
  if (id == 0 || !_ef_store_commit (self, error))
    {
      _ef_store_rollback (self);
      return 0;
    }
  return id;
}

/* Inside a transaction: the payment's status, or NULL with NOT_FOUND. */
static char *
read_payment_status (EfStore     *self,
                     const char  *tenant_id,
                     gint64       payment_id,
                     GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  stmt = _ef_store_prepare (self, "SELECT status FROM payments WHERE id = ?1 AND tenant_id = ?2", error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, payment_id);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  rc = ef_db_step (stmt);
  if (rc == EF_DB_ROW)
    return _ef_store_column_dup (stmt, 0);
  if (rc == EF_DB_DONE)
    g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such payment.");
  else
    _ef_store_set_sql_error (self, error, "reading a payment");
  return NULL;
}

/* Inside a transaction: reduces the balances by the payment's allocations
 * and marks it paid. */
static gboolean
apply_payment (EfStore     *self,
               gint64       payment_id,
               gint64       now,
               GError     **error)
{
  g_autoptr(EfDbStmt) allocations = NULL;
  g_autoptr(EfDbStmt) reduce = NULL;
  g_autoptr(EfDbStmt) paid = NULL;
  int rc;

  allocations = _ef_store_prepare (self,
                                   "SELECT invoice_id, amount_cents FROM payment_allocations"
                                   " WHERE payment_id = ?1",
                                   error);
  reduce = _ef_store_prepare (self,
                              "UPDATE invoices SET balance_cents = balance_cents - ?2,"
                              "  status = CASE WHEN balance_cents = ?2 THEN 'settled' ELSE 'to_pay' END"
                              " WHERE id = ?1 AND balance_cents >= ?2",
                              error);
  paid = _ef_store_prepare (self,
                            "UPDATE payments SET status = 'paid', paid_at = ?2, updated_at = ?2"
                            " WHERE id = ?1",
                            error);
  if (allocations == NULL || reduce == NULL || paid == NULL)
    return FALSE;

  ef_db_bind_int64 (allocations, 1, payment_id);
  while ((rc = ef_db_step (allocations)) == EF_DB_ROW)
    {
      ef_db_reset (reduce);
      ef_db_bind_int64 (reduce, 1, ef_db_column_int64 (allocations, 0));
      ef_db_bind_int64 (reduce, 2, ef_db_column_int64 (allocations, 1));
      if (!_ef_store_step_done (self, reduce, "reducing a balance", error))
        return FALSE;
      if (ef_db_changes (self->db) != 1)
        {
          g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                               "The payment is above what is still due on one of its invoices.");
          return FALSE;
        }
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "reading payment allocations");
      return FALSE;
    }
  ef_db_bind_int64 (paid, 1, payment_id);
  ef_db_bind_int64 (paid, 2, now);
  return _ef_store_step_done (self, paid, "settling a payment", error);
}

gboolean
ef_store_settle_payment (EfStore     *self,
                         const char  *tenant_id,
                         gint64       payment_id,
                         gint64       now,
                         gboolean    *changed,
                         GError     **error)
{
  g_autofree char *status = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);

  if (changed != NULL)
    *changed = FALSE;
  if (!_ef_store_begin (self, error))
    return FALSE;
  status = read_payment_status (self, tenant_id, payment_id, error);
  if (status == NULL)
    goto fail;
  if (strcmp (status, EF_PAYMENT_STATUS_PAID) == 0)
    {
      _ef_store_rollback (self);
      return TRUE;
    }
  if (strcmp (status, EF_PAYMENT_STATUS_REFUSED) == 0)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                           "A refused payment cannot become paid.");
      goto fail;
    }
  if (!apply_payment (self, payment_id, now, error) || !_ef_store_commit (self, error))
    goto fail;
  if (changed != NULL)
    *changed = TRUE;
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}

gboolean
ef_store_set_payment_status (EfStore     *self,
                             const char  *tenant_id,
                             gint64       payment_id,
                             const char  *status,
                             gint64       now,
                             gboolean    *changed,
                             GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autofree char *current = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);

  if (changed != NULL)
    *changed = FALSE;
  if (!ef_payment_status_is_valid (status) ||
      strcmp (status, EF_PAYMENT_STATUS_PAID) == 0 ||
      strcmp (status, EF_PAYMENT_STATUS_PENDING) == 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "A payment can only be set to refused, cancelled or expired, not “%s”.",
                   status ? status : "");
      return FALSE;
    }
  if (!_ef_store_begin (self, error))
    return FALSE;
  current = read_payment_status (self, tenant_id, payment_id, error);
  if (current == NULL)
    goto fail;
  if (strcmp (current, status) == 0)
    {
      _ef_store_rollback (self);
      return TRUE;
    }
  if (strcmp (current, EF_PAYMENT_STATUS_PENDING) != 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                   "The payment is %s: its status can no longer change.", current);
      goto fail;
    }
  stmt = _ef_store_prepare (self, "UPDATE payments SET status = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  ef_db_bind_int64 (stmt, 1, payment_id);
  ef_db_bind_text (stmt, 2, status, -1);
  ef_db_bind_int64 (stmt, 3, now);
  if (!_ef_store_step_done (self, stmt, "changing a payment's status", error) || !_ef_store_commit (self, error))
    goto fail;
  if (changed != NULL)
    *changed = TRUE;
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}

/* Inside a transaction: the next receipt number of the tenant's year, in
 * its time zone, "R2026-00001". */
static char *
next_receipt_number (EfStore     *self,
                     const char  *tenant_id,
                     gint64       now,
                     GError     **error)
{
  g_autoptr(EfDbStmt) zone = NULL;
  g_autoptr(EfDbStmt) next = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = NULL;
  gint64 last;
  int year;

  zone = _ef_store_prepare (self, "SELECT time_zone FROM tenants WHERE id = ?1", error);
  if (zone == NULL)
    return NULL;
  ef_db_bind_text (zone, 1, tenant_id, -1);
  if (ef_db_step (zone) == EF_DB_ROW)
    tz = ef_time_zone_new ((const char *) ef_db_column_text (zone, 0), NULL);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, tz);
  year = g_date_time_get_year (local);

  next = _ef_store_prepare (self,
                            "INSERT INTO receipt_sequences (tenant_id, year, last) VALUES (?1, ?2, 1)"
                            " ON CONFLICT (tenant_id, year) DO UPDATE SET last = receipt_sequences.last + 1"
                            " RETURNING last",
                            error);
  if (next == NULL)
    return NULL;
  ef_db_bind_text (next, 1, tenant_id, -1);
  ef_db_bind_int64 (next, 2, year);
  if (ef_db_step (next) != EF_DB_ROW)
    {
      if (ef_db_error_kind (self->db) == EF_DB_ERROR_CONSTRAINT)
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                     "No receipt number left in %d.", year);
      else
        _ef_store_set_sql_error (self, error, "numbering a receipt");
      return NULL;
    }
  last = ef_db_column_int64 (next, 0);
  if (ef_db_step (next) != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "numbering a receipt");
      return NULL;
    }
  return g_strdup_printf ("R%04d-%05" G_GINT64_FORMAT, year, last);
}

gint64
ef_store_add_offline_payment (EfStore                 *self,
                              const char              *tenant_id,
                              gint64                   family_id,
                              const EfOfflinePayment  *payment,
                              gint64                   now,
                              GError                 **error)
{
  g_autoptr(EfDbStmt) balance = NULL;
  g_autoptr(EfDbStmt) details = NULL;
  g_autoptr(GArray) allocations = NULL;
  g_autofree char *receipt = NULL;
  gboolean is_cheque, owned;
  gint64 id = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (tenant_id != NULL && payment != NULL, 0);
  g_return_val_if_fail (payment->n_allocations == 0 || payment->allocations != NULL, 0);

  if (g_strcmp0 (payment->channel, EF_PAYMENT_CHANNEL_ONLINE_CARD) == 0 ||
      !ef_payment_channel_is_valid (payment->channel))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "Unknown offline payment channel “%s”: use cash, cheque, transfer or direct_debit.",
                   payment->channel ? payment->channel : "");
      return 0;
    }
  is_cheque = g_str_equal (payment->channel, EF_PAYMENT_CHANNEL_CHEQUE);
  if (is_cheque && payment->cheque_number != NULL &&
      (payment->cheque_number[0] == '\0' || g_utf8_strlen (payment->cheque_number, -1) > 32))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           "A cheque's number has 1 to 32 characters.");
      return 0;
    }
  if (!is_cheque && payment->cheque_number != NULL)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           "Only a cheque has a cheque number.");
      return 0;
    }

  if (!_ef_store_begin_owned (self, &owned, error))
    return 0;

  /* An amount of 0 takes the whole balance, read in the transaction. */
  allocations = g_array_sized_new (FALSE, TRUE, sizeof (EfPaymentAllocation), payment->n_allocations);
  balance = _ef_store_prepare (self,
                               "SELECT balance_cents FROM invoices"
                               " WHERE id = ?1 AND tenant_id = ?2 AND family_id = ?3",
                               error);
  if (balance == NULL)
    goto fail;
  for (guint i = 0; i < payment->n_allocations; i++)
    {
      EfPaymentAllocation allocation = payment->allocations[i];

      allocation.invoice_number = NULL;
      if (allocation.amount == 0)
        {
          ef_db_reset (balance);
          ef_db_bind_int64 (balance, 1, allocation.invoice_id);
          ef_db_bind_text (balance, 2, tenant_id, -1);
          ef_db_bind_int64 (balance, 3, family_id);
          if (ef_db_step (balance) == EF_DB_ROW)
            allocation.amount = ef_db_column_int64 (balance, 0);
        }
      g_array_append_val (allocations, allocation);
    }

  id = insert_payment (self, tenant_id, family_id, payment->channel, payment->reference,
                       payment->label, payment->account_id,
                       (const EfPaymentAllocation *) allocations->data, allocations->len, now, error);
  if (id == 0 || !apply_payment (self, id, now, error))
    goto fail;
  receipt = next_receipt_number (self, tenant_id, now, error);
  if (receipt == NULL)
    goto fail;
  details = _ef_store_prepare (self,
                               "UPDATE payments SET cheque_number = ?2, receipt_number = ?3,"
                               "  agent_name = ?4 WHERE id = ?1",
                               error);
  if (details == NULL)
    goto fail;
  ef_db_bind_int64 (details, 1, id);
  _ef_store_bind_text_or_null (details, 2, payment->cheque_number);
  ef_db_bind_text (details, 3, receipt, -1);
  _ef_store_bind_text_or_null (details, 4, payment->agent_name);
  if (!_ef_store_step_done (self, details, "numbering a payment's receipt", error) ||
      !_ef_store_end_owned (self, owned, TRUE, error))
    return 0;
  return id;

fail:
  _ef_store_end_owned (self, owned, FALSE, NULL);
  return 0;
}

gint64
ef_store_record_offline_payment (EfStore     *self,
                                 const char  *tenant_id,
                                 const char  *number,
                                 const char  *channel,
                                 EfCents      amount,
                                 const char  *label,
                                 gint64       now,
                                 GError     **error)
{
  g_autoptr(EfInvoice) invoice = NULL;
  EfPaymentAllocation allocation = { 0 };
  EfOfflinePayment payment = { 0 };
  gint64 id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (tenant_id != NULL && number != NULL, 0);

  if (g_strcmp0 (channel, EF_PAYMENT_CHANNEL_ONLINE_CARD) == 0 || !ef_payment_channel_is_valid (channel))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "Unknown offline payment channel “%s”: use cash, cheque, transfer or direct_debit.",
                   channel ? channel : "");
      return 0;
    }
  if (!_ef_store_begin (self, error))
    return 0;
  invoice = ef_store_find_invoice_by_number (self, tenant_id, number, error);
  if (invoice == NULL)
    goto fail;
  if (amount <= 0 || amount > invoice->balance)
    {
      g_autofree char *balance = ef_money_format_full (invoice->balance, ".", "", "%s");

      g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                   "The amount must be above 0 and at most the balance of invoice %s (%s).",
                   number, balance);
      goto fail;
    }
  allocation.invoice_id = invoice->id;
  allocation.amount = amount;
  /* The command line's note may hold a cheque's number: it stays a note. */
  payment.channel = channel;
  payment.label = label;
  payment.allocations = &allocation;
  payment.n_allocations = 1;
  id = ef_store_add_offline_payment (self, tenant_id, invoice->family_id, &payment, now, error);
  if (id == 0 || !_ef_store_commit (self, error))
    goto fail;
  return id;

fail:
  _ef_store_rollback (self);
  return 0;
}

gboolean
ef_store_cancel_payment (EfStore     *self,
                         const char  *tenant_id,
                         gint64       payment_id,
                         const char  *reason,
                         gint64       now,
                         GError     **error)
{
  g_autoptr(EfPayment) payment = NULL;
  g_autoptr(EfDbStmt) restore = NULL;
  g_autoptr(EfDbStmt) cancel = NULL;
  gboolean owned;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);

  if (reason == NULL || reason[0] == '\0' || g_utf8_strlen (reason, -1) > 200)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           "A cancellation needs its reason (1 to 200 characters).");
      return FALSE;
    }
  if (!_ef_store_begin_owned (self, &owned, error))
    return FALSE;

  payment = ef_store_get_payment (self, tenant_id, 0, payment_id, error);
  if (payment == NULL)
    goto fail;
  if (g_str_equal (payment->channel, EF_PAYMENT_CHANNEL_ONLINE_CARD))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                           "An online card payment cannot be cancelled here: the provider refunds it.");
      goto fail;
    }
  if (!g_str_equal (payment->status, EF_PAYMENT_STATUS_PAID))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                   "The payment is %s: only a paid payment can be cancelled.", payment->status);
      goto fail;
    }

  restore = _ef_store_prepare (self,
                               "UPDATE invoices SET balance_cents = balance_cents + ?2, status = 'to_pay'"
                               " WHERE id = ?1 AND balance_cents + ?2 <= amount_cents",
                               error);
  cancel = _ef_store_prepare (self,
                              "UPDATE payments SET status = 'cancelled', cancelled_paid_at = paid_at,"
                              "  paid_at = NULL, cancelled_at = ?2, cancel_reason = ?3, updated_at = ?2"
                              " WHERE id = ?1",
                              error);
  if (restore == NULL || cancel == NULL)
    goto fail;
  for (guint i = 0; i < payment->allocations->len; i++)
    {
      const EfPaymentAllocation *allocation = &g_array_index (payment->allocations,
                                                              EfPaymentAllocation, i);

      ef_db_reset (restore);
      ef_db_bind_int64 (restore, 1, allocation->invoice_id);
      ef_db_bind_int64 (restore, 2, allocation->amount);
      if (!_ef_store_step_done (self, restore, "restoring a balance", error))
        goto fail;
      if (ef_db_changes (self->db) != 1)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                       "Invoice %s cannot owe more than its amount.", allocation->invoice_number);
          goto fail;
        }
    }
  ef_db_bind_int64 (cancel, 1, payment_id);
  ef_db_bind_int64 (cancel, 2, now);
  ef_db_bind_text (cancel, 3, reason, -1);
  if (!_ef_store_step_done (self, cancel, "cancelling a payment", error))
    goto fail;
  return _ef_store_end_owned (self, owned, TRUE, error);

fail:
  _ef_store_end_owned (self, owned, FALSE, NULL);
  return FALSE;
}
