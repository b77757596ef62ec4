/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-billing.c: the contract's Invoice and PaymentEntry, as plain
 * records and their JSON */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include "ef-codec-billing.h"
#include "ef-codec-private.h"
#include "ef-json.h"

const char * const ef_invoice_statuses[] = { "to_pay", "settled", NULL };
const char * const ef_not_payable_reasons[] = {
  "settled", "pending_payment", "not_payable_online", NULL
};
const char * const ef_payment_channels[] = {
  "online_card", "cash", "cheque", "direct_debit", "transfer", NULL
};
const char * const ef_payment_statuses[] = {
  "pending", "paid", "refused", "cancelled", "expired", NULL
};

const char * const ef_invoice_record_members[] = {
  "id", "number", "service", "label", "issue_date", "period", "due_date",
  "amount_cents", "balance_cents", "paid_cents", "status", "payable_online",
  "not_payable_reason", "lines", "children", "payments", NULL
};
const char * const ef_invoice_period_members[] = { "start", "end", NULL };
const char * const ef_invoice_line_record_members[] = {
  "member", "member_name", "activity", "label", "quantity", "unit_price_cents",
  "amount_cents", NULL
};
const char * const ef_invoice_child_record_members[] = {
  "member", "name", "total_cents", NULL
};
const char * const ef_invoice_payment_record_members[] = {
  "id", "channel", "amount_cents", "paid_at", NULL
};
const char * const ef_payment_entry_record_members[] = {
  "id", "at", "day", "time", "channel", "status", "amount_cents", "paid_at",
  "invoice_numbers", "allocations", "refund_due", NULL
};
const char * const ef_payment_allocation_record_members[] = {
  "invoice", "number", "amount_cents", NULL
};

/* ------------------------------------------------------------ records */

void
ef_invoice_line_record_free (EfInvoiceLineRecord *line)
{
  if (line == NULL)
    return;
  g_free (line->member_name);
  g_free (line->label);
  g_free (line);
}

void
ef_invoice_child_record_free (EfInvoiceChildRecord *child)
{
  if (child == NULL)
    return;
  g_free (child->name);
  g_free (child);
}

void
ef_invoice_payment_record_free (EfInvoicePaymentRecord *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->channel);
  g_free (payment->paid_at);
  g_free (payment);
}

EfInvoiceRecord *
ef_invoice_record_new (void)
{
  EfInvoiceRecord *invoice = g_new0 (EfInvoiceRecord, 1);

  invoice->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_invoice_line_record_free);
  invoice->children =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ef_invoice_child_record_free);
  invoice->payments =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ef_invoice_payment_record_free);
  return invoice;
}

void
ef_invoice_record_free (EfInvoiceRecord *invoice)
{
  if (invoice == NULL)
    return;
  g_free (invoice->number);
  g_free (invoice->service);
  g_free (invoice->label);
  g_free (invoice->status);
  g_free (invoice->not_payable_reason);
  g_ptr_array_unref (invoice->lines);
  g_ptr_array_unref (invoice->children);
  g_ptr_array_unref (invoice->payments);
  g_free (invoice);
}

gboolean
ef_invoice_record_equal (const EfInvoiceRecord *a,
                         const EfInvoiceRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->id != b->id ||
      g_strcmp0 (a->number, b->number) != 0 ||
      g_strcmp0 (a->service, b->service) != 0 ||
      g_strcmp0 (a->label, b->label) != 0 ||
      a->issue_date != b->issue_date ||
      a->period_start != b->period_start ||
      a->period_end != b->period_end ||
      a->due_date != b->due_date ||
      a->amount != b->amount ||
      a->balance != b->balance ||
      a->paid != b->paid ||
      g_strcmp0 (a->status, b->status) != 0 ||
      a->payable_online != b->payable_online ||
      g_strcmp0 (a->not_payable_reason, b->not_payable_reason) != 0 ||
      a->lines->len != b->lines->len ||
      a->children->len != b->children->len ||
      a->payments->len != b->payments->len)
    return FALSE;
  for (guint i = 0; i < a->lines->len; i++)
    {
      const EfInvoiceLineRecord *la = g_ptr_array_index (a->lines, i);
      const EfInvoiceLineRecord *lb = g_ptr_array_index (b->lines, i);

      if (la->member_id != lb->member_id ||
          g_strcmp0 (la->member_name, lb->member_name) != 0 ||
          la->activity_id != lb->activity_id ||
          g_strcmp0 (la->label, lb->label) != 0 ||
          la->quantity != lb->quantity ||
          la->unit_price != lb->unit_price ||
          la->amount != lb->amount)
        return FALSE;
    }
  for (guint i = 0; i < a->children->len; i++)
    {
      const EfInvoiceChildRecord *ca = g_ptr_array_index (a->children, i);
      const EfInvoiceChildRecord *cb = g_ptr_array_index (b->children, i);

      if (ca->member_id != cb->member_id ||
          g_strcmp0 (ca->name, cb->name) != 0 ||
          ca->total != cb->total)
        return FALSE;
    }
  for (guint i = 0; i < a->payments->len; i++)
    {
      const EfInvoicePaymentRecord *pa = g_ptr_array_index (a->payments, i);
      const EfInvoicePaymentRecord *pb = g_ptr_array_index (b->payments, i);

      if (pa->id != pb->id ||
          g_strcmp0 (pa->channel, pb->channel) != 0 ||
          pa->amount != pb->amount ||
          g_strcmp0 (pa->paid_at, pb->paid_at) != 0)
        return FALSE;
    }
  return TRUE;
}

void
ef_payment_allocation_record_free (EfPaymentAllocationRecord *allocation)
{
  if (allocation == NULL)
    return;
  g_free (allocation->number);
  g_free (allocation);
}

EfPaymentEntryRecord *
ef_payment_entry_record_new (void)
{
  EfPaymentEntryRecord *payment = g_new0 (EfPaymentEntryRecord, 1);

  payment->allocations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ef_payment_allocation_record_free);
  return payment;
}

void
ef_payment_entry_record_free (EfPaymentEntryRecord *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->at);
  g_free (payment->time);
  g_free (payment->channel);
  g_free (payment->status);
  g_free (payment->paid_at);
  g_ptr_array_unref (payment->allocations);
  g_free (payment);
}

gboolean
ef_payment_entry_record_equal (const EfPaymentEntryRecord *a,
                               const EfPaymentEntryRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->id != b->id ||
      g_strcmp0 (a->at, b->at) != 0 ||
      a->day != b->day ||
      g_strcmp0 (a->time, b->time) != 0 ||
      g_strcmp0 (a->channel, b->channel) != 0 ||
      g_strcmp0 (a->status, b->status) != 0 ||
      a->amount != b->amount ||
      g_strcmp0 (a->paid_at, b->paid_at) != 0 ||
      a->refund_due != b->refund_due ||
      a->allocations->len != b->allocations->len)
    return FALSE;
  for (guint i = 0; i < a->allocations->len; i++)
    {
      const EfPaymentAllocationRecord *aa = g_ptr_array_index (a->allocations, i);
      const EfPaymentAllocationRecord *ab = g_ptr_array_index (b->allocations, i);

      if (aa->invoice_id != ab->invoice_id ||
          g_strcmp0 (aa->number, ab->number) != 0 ||
          aa->amount != ab->amount)
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ writing */

JsonNode *
ef_invoice_record_to_json (const EfInvoiceRecord *invoice)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (invoice != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "id", invoice->id);
  _ef_codec_add_string (builder, "number", invoice->number);
  _ef_codec_add_string (builder, "service", invoice->service);
  _ef_codec_add_string (builder, "label", invoice->label);
  _ef_codec_add_day (builder, "issue_date", invoice->issue_date);
  json_builder_set_member_name (builder, "period");
  json_builder_begin_object (builder);
  _ef_codec_add_day (builder, "start", invoice->period_start);
  _ef_codec_add_day (builder, "end", invoice->period_end);
  json_builder_end_object (builder);
  _ef_codec_add_day (builder, "due_date", invoice->due_date);
  _ef_codec_add_int (builder, "amount_cents", invoice->amount);
  _ef_codec_add_int (builder, "balance_cents", invoice->balance);
  _ef_codec_add_int (builder, "paid_cents", invoice->paid);
  _ef_codec_add_string (builder, "status", invoice->status);
  _ef_codec_add_bool (builder, "payable_online", invoice->payable_online);
  _ef_codec_add_string (builder, "not_payable_reason", invoice->not_payable_reason);

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < invoice->lines->len; i++)
    {
      const EfInvoiceLineRecord *line = g_ptr_array_index (invoice->lines, i);

      json_builder_begin_object (builder);
      _ef_codec_add_id (builder, "member", line->member_id);
      _ef_codec_add_string (builder, "member_name", line->member_name);
      _ef_codec_add_id (builder, "activity", line->activity_id);
      _ef_codec_add_string (builder, "label", line->label);
      _ef_codec_add_int (builder, "quantity", line->quantity);
      _ef_codec_add_int (builder, "unit_price_cents", line->unit_price);
      _ef_codec_add_int (builder, "amount_cents", line->amount);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "children");
  json_builder_begin_array (builder);
  for (guint i = 0; i < invoice->children->len; i++)
    {
      const EfInvoiceChildRecord *child = g_ptr_array_index (invoice->children, i);

      json_builder_begin_object (builder);
      _ef_codec_add_id (builder, "member", child->member_id);
      _ef_codec_add_string (builder, "name", child->name);
      _ef_codec_add_int (builder, "total_cents", child->total);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "payments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < invoice->payments->len; i++)
    {
      const EfInvoicePaymentRecord *payment = g_ptr_array_index (invoice->payments, i);

      json_builder_begin_object (builder);
      _ef_codec_add_int (builder, "id", payment->id);
      _ef_codec_add_string (builder, "channel", payment->channel);
      _ef_codec_add_int (builder, "amount_cents", payment->amount);
      _ef_codec_add_string (builder, "paid_at", payment->paid_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_payment_entry_record_to_json (const EfPaymentEntryRecord *payment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (payment != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "id", payment->id);
  _ef_codec_add_string (builder, "at", payment->at);
  _ef_codec_add_day (builder, "day", payment->day);
  _ef_codec_add_string (builder, "time", payment->time);
  _ef_codec_add_string (builder, "channel", payment->channel);
  _ef_codec_add_string (builder, "status", payment->status);
  _ef_codec_add_int (builder, "amount_cents", payment->amount);
  _ef_codec_add_string (builder, "paid_at", payment->paid_at);

  json_builder_set_member_name (builder, "invoice_numbers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < payment->allocations->len; i++)
    {
      const EfPaymentAllocationRecord *allocation = g_ptr_array_index (payment->allocations, i);

      json_builder_add_string_value (builder, allocation->number);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "allocations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < payment->allocations->len; i++)
    {
      const EfPaymentAllocationRecord *allocation = g_ptr_array_index (payment->allocations, i);

      json_builder_begin_object (builder);
      _ef_codec_add_int (builder, "invoice", allocation->invoice_id);
      _ef_codec_add_string (builder, "number", allocation->number);
      _ef_codec_add_int (builder, "amount_cents", allocation->amount);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  /* The provider took the money but the invoices were paid otherwise: the
   * town owes this much back. */
  _ef_codec_add_bool (builder, "refund_due", payment->refund_due);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ------------------------------------------------------------ reading */

static EfInvoiceLineRecord *
read_line (JsonNode    *node,
           const char  *what,
           GError     **error)
{
  EfInvoiceLineRecord *line = g_new0 (EfInvoiceLineRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_nullable_id (object, "member", &line->member_id, error) ||
      !_ef_codec_get_string (object, "member_name", &line->member_name, error) ||
      !_ef_codec_get_nullable_id (object, "activity", &line->activity_id, error) ||
      !_ef_codec_get_string (object, "label", &line->label, error) ||
      !_ef_codec_get_positive (object, "quantity", &line->quantity, error) ||
      !_ef_codec_get_natural (object, "unit_price_cents", &line->unit_price, error) ||
      !ef_json_get_int (object, "amount_cents", FALSE, &line->amount, error))
    {
      ef_invoice_line_record_free (line);
      return NULL;
    }
  return line;
}

static EfInvoiceChildRecord *
read_child (JsonNode    *node,
            const char  *what,
            GError     **error)
{
  EfInvoiceChildRecord *child = g_new0 (EfInvoiceChildRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_nullable_id (object, "member", &child->member_id, error) ||
      !_ef_codec_get_string (object, "name", &child->name, error) ||
      !ef_json_get_int (object, "total_cents", FALSE, &child->total, error))
    {
      ef_invoice_child_record_free (child);
      return NULL;
    }
  return child;
}

static EfInvoicePaymentRecord *
read_invoice_payment (JsonNode    *node,
                      const char  *what,
                      GError     **error)
{
  EfInvoicePaymentRecord *payment = g_new0 (EfInvoicePaymentRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &payment->id, error) ||
      !_ef_codec_get_enum (object, "channel", ef_payment_channels, &payment->channel, error) ||
      !ef_json_get_int (object, "amount_cents", FALSE, &payment->amount, error) ||
      !_ef_codec_get_instant (object, "paid_at", FALSE, &payment->paid_at, error))
    {
      ef_invoice_payment_record_free (payment);
      return NULL;
    }
  return payment;
}

static EfPaymentAllocationRecord *
read_allocation (JsonNode    *node,
                 const char  *what,
                 GError     **error)
{
  EfPaymentAllocationRecord *allocation = g_new0 (EfPaymentAllocationRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_id (object, json_object_has_member (object, "invoice") ? "invoice" : "id",
                         &allocation->invoice_id, error) ||
      !_ef_codec_get_string (object, "number", &allocation->number, error) ||
      !ef_json_get_int (object, "amount_cents", FALSE, &allocation->amount, error))
    {
      ef_payment_allocation_record_free (allocation);
      return NULL;
    }
  return allocation;
}

EfInvoiceRecord *
ef_invoice_record_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(EfInvoiceRecord) invoice = ef_invoice_record_new ();
  JsonObject *object, *period;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "invoice", error);
  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &invoice->id, error) ||
      !_ef_codec_get_string (object, "number", &invoice->number, error) ||
      !_ef_codec_get_string (object, "service", &invoice->service, error) ||
      !_ef_codec_get_string (object, "label", &invoice->label, error) ||
      !_ef_codec_get_day (object, "issue_date", &invoice->issue_date, error) ||
      !ef_json_get_object (object, "period", FALSE, &period, error) ||
      !_ef_codec_get_day (period, "start", &invoice->period_start, error) ||
      !_ef_codec_get_day (period, "end", &invoice->period_end, error) ||
      !_ef_codec_get_day (object, "due_date", &invoice->due_date, error) ||
      !ef_json_get_int (object, "amount_cents", FALSE, &invoice->amount, error) ||
      !ef_json_get_int (object, "balance_cents", FALSE, &invoice->balance, error) ||
      !ef_json_get_int (object, "paid_cents", FALSE, &invoice->paid, error) ||
      !_ef_codec_get_enum (object, "status", ef_invoice_statuses, &invoice->status, error) ||
      !ef_json_get_bool (object, "payable_online", FALSE, &invoice->payable_online, error) ||
      !_ef_codec_get_nullable_string (object, "not_payable_reason", &invoice->not_payable_reason,
                                      error) ||
      !_ef_codec_read_items (object, "lines", (EfCodecItemReader) read_line, invoice->lines,
                             error) ||
      !_ef_codec_read_items (object, "children", (EfCodecItemReader) read_child,
                             invoice->children, error))
    return NULL;

  /* Older portals do not say what paid an invoice: none is then listed. */
  if (json_object_has_member (object, "payments") &&
      !_ef_codec_read_items (object, "payments", (EfCodecItemReader) read_invoice_payment,
                             invoice->payments, error))
    return NULL;
  return g_steal_pointer (&invoice);
}

EfPaymentEntryRecord *
ef_payment_entry_record_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr(EfPaymentEntryRecord) payment = ef_payment_entry_record_new ();
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "payment", error);
  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &payment->id, error) ||
      !_ef_codec_get_instant (object, "at", FALSE, &payment->at, error) ||
      !_ef_codec_get_day (object, "day", &payment->day, error) ||
      !_ef_codec_get_string (object, "time", &payment->time, error) ||
      !_ef_codec_get_enum (object, "channel", ef_payment_channels, &payment->channel, error) ||
      !_ef_codec_get_enum (object, "status", ef_payment_statuses, &payment->status, error) ||
      !ef_json_get_int (object, "amount_cents", FALSE, &payment->amount, error) ||
      !_ef_codec_get_instant (object, "paid_at", TRUE, &payment->paid_at, error) ||
      !_ef_codec_read_items (object, "allocations", (EfCodecItemReader) read_allocation,
                             payment->allocations, error) ||
      !ef_json_get_bool (object, "refund_due", TRUE, &payment->refund_due, error))
    return NULL;
  return g_steal_pointer (&payment);
}
