/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-payment.c: the contract's Finance, Payment and the envelopes
 * of the lists, as plain records and their JSON */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include "ef-codec-billing.h"
#include "ef-codec-history.h"
#include "ef-codec-payment.h"
#include "ef-codec-private.h"
#include "ef-json.h"

const char * const ef_finance_record_members[] = {
  "total_due_cents", "invoices_to_pay", "oldest_due_date", "online_payment_enabled", NULL
};
const char * const ef_payment_record_members[] = {
  "id", "status", "channel", "amount_cents", "reference", "label", "invoices", "created_at",
  "updated_at", "paid_at", "expires_at", "provider_url", "refund_due", NULL
};
const char * const ef_payment_invoice_record_members[] = { "id", "number", "amount_cents", NULL };
const char * const ef_payment_request_members[] = { "invoice_ids", NULL };
const char * const ef_invoice_list_members[] = { "invoices", NULL };
const char * const ef_payment_list_members[] = { "payments", NULL };
const char * const ef_payment_history_record_members[] = { "from", "to", "payments", NULL };
const char * const ef_connection_history_record_members[] = { "from", "to", "connections", NULL };

/* ------------------------------------------------------------ finance */

gboolean
ef_finance_record_equal (const EfFinanceRecord *a,
                         const EfFinanceRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->total_due == b->total_due &&
         a->invoices_to_pay == b->invoices_to_pay &&
         a->oldest_due_date == b->oldest_due_date &&
         a->online_payment_enabled == b->online_payment_enabled;
}

JsonNode *
ef_finance_record_to_json (const EfFinanceRecord *finance)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (finance != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "total_due_cents", finance->total_due);
  _ef_codec_add_int (builder, "invoices_to_pay", finance->invoices_to_pay);
  _ef_codec_add_day (builder, "oldest_due_date", finance->oldest_due_date);
  _ef_codec_add_bool (builder, "online_payment_enabled", finance->online_payment_enabled);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
ef_finance_record_from_json (JsonNode         *node,
                             EfFinanceRecord  *finance,
                             GError          **error)
{
  JsonObject *object;
  JsonNode *oldest;

  g_return_val_if_fail (finance != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *finance = (EfFinanceRecord) { .oldest_due_date = EF_DAY_INVALID };
  object = _ef_codec_require_object (node, "finance", error);
  if (object == NULL ||
      !ef_json_get_int (object, "total_due_cents", FALSE, &finance->total_due, error) ||
      !_ef_codec_get_natural (object, "invoices_to_pay", &finance->invoices_to_pay, error))
    return FALSE;
  oldest = json_object_get_member (object, "oldest_due_date");
  if (oldest != NULL && !JSON_NODE_HOLDS_NULL (oldest) &&
      !_ef_codec_get_day (object, "oldest_due_date", &finance->oldest_due_date, error))
    return FALSE;
  return ef_json_get_bool (object, "online_payment_enabled", FALSE,
                           &finance->online_payment_enabled, error);
}

/* ------------------------------------------------------------ payment */

void
ef_payment_invoice_record_free (EfPaymentInvoiceRecord *invoice)
{
  if (invoice == NULL)
    return;
  g_free (invoice->number);
  g_free (invoice);
}

EfPaymentRecord *
ef_payment_record_new (void)
{
  EfPaymentRecord *payment = g_new0 (EfPaymentRecord, 1);

  payment->invoices =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ef_payment_invoice_record_free);
  return payment;
}

void
ef_payment_record_free (EfPaymentRecord *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->status);
  g_free (payment->channel);
  g_free (payment->reference);
  g_free (payment->label);
  g_ptr_array_unref (payment->invoices);
  g_free (payment->created_at);
  g_free (payment->updated_at);
  g_free (payment->paid_at);
  g_free (payment->expires_at);
  g_free (payment->provider_url);
  g_free (payment);
}

gboolean
ef_payment_record_equal (const EfPaymentRecord *a,
                         const EfPaymentRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->id != b->id ||
      g_strcmp0 (a->status, b->status) != 0 ||
      g_strcmp0 (a->channel, b->channel) != 0 ||
      a->amount != b->amount ||
      g_strcmp0 (a->reference, b->reference) != 0 ||
      g_strcmp0 (a->label, b->label) != 0 ||
      g_strcmp0 (a->created_at, b->created_at) != 0 ||
      g_strcmp0 (a->updated_at, b->updated_at) != 0 ||
      g_strcmp0 (a->paid_at, b->paid_at) != 0 ||
      a->online != b->online ||
      g_strcmp0 (a->expires_at, b->expires_at) != 0 ||
      g_strcmp0 (a->provider_url, b->provider_url) != 0 ||
      a->refund_due != b->refund_due ||
      a->invoices->len != b->invoices->len)
    return FALSE;
  for (guint i = 0; i < a->invoices->len; i++)
    {
      const EfPaymentInvoiceRecord *ia = g_ptr_array_index (a->invoices, i);
      const EfPaymentInvoiceRecord *ib = g_ptr_array_index (b->invoices, i);

      if (ia->invoice_id != ib->invoice_id ||
          g_strcmp0 (ia->number, ib->number) != 0 ||
          ia->amount != ib->amount)
        return FALSE;
    }
  return TRUE;
}

JsonNode *
ef_payment_record_to_json (const EfPaymentRecord *payment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (payment != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "id", payment->id);
  _ef_codec_add_string (builder, "status", payment->status);
  _ef_codec_add_string (builder, "channel", payment->channel);
  _ef_codec_add_int (builder, "amount_cents", payment->amount);
  _ef_codec_add_string (builder, "reference", payment->reference);
  _ef_codec_add_string (builder, "label", payment->label);

  json_builder_set_member_name (builder, "invoices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < payment->invoices->len; i++)
    {
      const EfPaymentInvoiceRecord *invoice = g_ptr_array_index (payment->invoices, i);

      json_builder_begin_object (builder);
      _ef_codec_add_int (builder, "id", invoice->invoice_id);
      _ef_codec_add_string (builder, "number", invoice->number);
      _ef_codec_add_int (builder, "amount_cents", invoice->amount);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  _ef_codec_add_string (builder, "created_at", payment->created_at);
  _ef_codec_add_string (builder, "updated_at", payment->updated_at);
  _ef_codec_add_string (builder, "paid_at", payment->paid_at);
  if (payment->online)
    {
      _ef_codec_add_string (builder, "expires_at", payment->expires_at);
      _ef_codec_add_string (builder, "provider_url", payment->provider_url);
      _ef_codec_add_bool (builder, "refund_due", payment->refund_due);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static EfPaymentInvoiceRecord *
read_invoice (JsonNode    *node,
              const char  *what,
              GError     **error)
{
  EfPaymentInvoiceRecord *invoice = g_new0 (EfPaymentInvoiceRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_id (object, json_object_has_member (object, "invoice") ? "invoice" : "id",
                         &invoice->invoice_id, error) ||
      !_ef_codec_get_string (object, "number", &invoice->number, error) ||
      !ef_json_get_int (object, "amount_cents", FALSE, &invoice->amount, error))
    {
      ef_payment_invoice_record_free (invoice);
      return NULL;
    }
  return invoice;
}

EfPaymentRecord *
ef_payment_record_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(EfPaymentRecord) payment = ef_payment_record_new ();
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "payment", error);
  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &payment->id, error) ||
      !_ef_codec_get_enum (object, "status", ef_payment_statuses, &payment->status, error) ||
      !_ef_codec_get_enum (object, "channel", ef_payment_channels, &payment->channel, error) ||
      !ef_json_get_int (object, "amount_cents", FALSE, &payment->amount, error) ||
      !_ef_codec_get_nullable_string (object, "reference", &payment->reference, error) ||
      !_ef_codec_get_string (object, "label", &payment->label, error) ||
      !_ef_codec_read_items (object, "invoices", (EfCodecItemReader) read_invoice,
                             payment->invoices, error) ||
      !_ef_codec_get_instant (object, "created_at", FALSE, &payment->created_at, error) ||
      !_ef_codec_get_instant (object, "updated_at", FALSE, &payment->updated_at, error) ||
      !_ef_codec_get_instant (object, "paid_at", TRUE, &payment->paid_at, error) ||
      !_ef_codec_get_instant (object, "expires_at", TRUE, &payment->expires_at, error) ||
      !_ef_codec_get_nullable_string (object, "provider_url", &payment->provider_url, error) ||
      !ef_json_get_bool (object, "refund_due", TRUE, &payment->refund_due, error))
    return NULL;
  payment->online = json_object_has_member (object, "expires_at") ||
                    json_object_has_member (object, "provider_url") ||
                    json_object_has_member (object, "refund_due");
  return g_steal_pointer (&payment);
}

/* ------------------------------------------------------------ request */

JsonNode *
ef_payment_request_to_json (const gint64 *invoice_ids,
                            guint         n_invoice_ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (invoice_ids != NULL || n_invoice_ids == 0, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "invoice_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_invoice_ids; i++)
    json_builder_add_int_value (builder, invoice_ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The server answers these messages as they are: English, for developers. */
GArray *
ef_payment_request_from_json (JsonNode  *node,
                              guint      max,
                              GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonObject *object;
  JsonArray *array = NULL;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "body", error);
  if (object == NULL ||
      !ef_json_check_members (object, ef_payment_request_members, error) ||
      !ef_json_get_array (object, "invoice_ids", FALSE, &array, error))
    return NULL;

  n = json_array_get_length (array);
  if (n == 0 || n > max)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "invoice_ids: give 1 to %u invoice ids", max);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
          (id = json_node_get_int (element)) <= 0)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       "invoice_ids[%u]: an invoice id is a positive integer", i);
          return NULL;
        }
      for (guint j = 0; j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == id)
          {
            g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                         "invoice_ids[%u]: the invoice %" G_GINT64_FORMAT " comes twice", i, id);
            return NULL;
          }
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

/* ------------------------------------------------------------ envelopes */

typedef JsonNode *(*ItemWriter) (gconstpointer item);

static void
add_items (JsonBuilder *builder,
           const char  *member,
           GPtrArray   *items,
           ItemWriter   writer)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_value (builder, writer (g_ptr_array_index (items, i)));
  json_builder_end_array (builder);
}

static JsonNode *
list_to_json (const char *member,
              GPtrArray  *items,
              ItemWriter  writer)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (items != NULL, NULL);

  json_builder_begin_object (builder);
  add_items (builder, member, items, writer);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* A codec's reader of a whole document, as an element reader. */
typedef gpointer (*DocumentReader) (JsonNode  *node,
                                    GError   **error);

static gboolean
read_list (JsonObject      *object,
           const char      *member,
           DocumentReader   read,
           GPtrArray       *items,
           GError         **error)
{
  JsonArray *array;

  if (!ef_json_get_array (object, member, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = read (json_array_get_element (array, i), error);

      if (item == NULL)
        return FALSE;
      g_ptr_array_add (items, item);
    }
  return TRUE;
}

static GPtrArray *
list_from_json (JsonNode        *node,
                const char      *member,
                DocumentReader   read,
                GDestroyNotify   free_item,
                GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_item);
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, member, error);
  if (object == NULL || !read_list (object, member, read, items, error))
    return NULL;
  return g_steal_pointer (&items);
}

JsonNode *
ef_invoice_list_to_json (GPtrArray *invoices)
{
  return list_to_json ("invoices", invoices, (ItemWriter) ef_invoice_record_to_json);
}

JsonNode *
ef_payment_list_to_json (GPtrArray *payments)
{
  return list_to_json ("payments", payments, (ItemWriter) ef_payment_record_to_json);
}

GPtrArray *
ef_invoice_list_from_json (JsonNode  *node,
                           GError   **error)
{
  return list_from_json (node, "invoices", (DocumentReader) ef_invoice_record_from_json,
                         (GDestroyNotify) ef_invoice_record_free, error);
}

GPtrArray *
ef_payment_list_from_json (JsonNode  *node,
                           GError   **error)
{
  return list_from_json (node, "payments", (DocumentReader) ef_payment_record_from_json,
                         (GDestroyNotify) ef_payment_record_free, error);
}

static EfHistoryRecord *
history_record_new (GDestroyNotify free_item)
{
  EfHistoryRecord *history = g_new0 (EfHistoryRecord, 1);

  history->from = EF_DAY_INVALID;
  history->to = EF_DAY_INVALID;
  history->items = g_ptr_array_new_with_free_func (free_item);
  return history;
}

EfHistoryRecord *
ef_payment_history_record_new (void)
{
  return history_record_new ((GDestroyNotify) ef_payment_entry_record_free);
}

EfHistoryRecord *
ef_connection_history_record_new (void)
{
  return history_record_new ((GDestroyNotify) ef_connection_entry_record_free);
}

void
ef_history_record_free (EfHistoryRecord *history)
{
  if (history == NULL)
    return;
  g_ptr_array_unref (history->items);
  g_free (history);
}

static JsonNode *
history_to_json (const EfHistoryRecord *history,
                 const char            *member,
                 ItemWriter             writer)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (history != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_day (builder, "from", history->from);
  _ef_codec_add_day (builder, "to", history->to);
  add_items (builder, member, history->items, writer);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_payment_history_record_to_json (const EfHistoryRecord *history)
{
  return history_to_json (history, "payments", (ItemWriter) ef_payment_entry_record_to_json);
}

JsonNode *
ef_connection_history_record_to_json (const EfHistoryRecord *history)
{
  return history_to_json (history, "connections",
                          (ItemWriter) ef_connection_entry_record_to_json);
}

static gboolean
read_history (JsonNode         *node,
              const char       *member,
              DocumentReader    read,
              EfHistoryRecord  *history,
              GError          **error)
{
  JsonObject *object = _ef_codec_require_object (node, member, error);

  return object != NULL &&
         (!json_object_has_member (object, "from") ||
          _ef_codec_get_day (object, "from", &history->from, error)) &&
         (!json_object_has_member (object, "to") ||
          _ef_codec_get_day (object, "to", &history->to, error)) &&
         read_list (object, member, read, history->items, error);
}

EfHistoryRecord *
ef_payment_history_record_from_json (JsonNode  *node,
                                     GError   **error)
{
  g_autoptr(EfHistoryRecord) history = ef_payment_history_record_new ();

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_history (node, "payments", (DocumentReader) ef_payment_entry_record_from_json,
                     history, error))
    return NULL;
  return g_steal_pointer (&history);
}

EfHistoryRecord *
ef_connection_history_record_from_json (JsonNode  *node,
                                        GError   **error)
{
  g_autoptr(EfHistoryRecord) history = ef_connection_history_record_new ();

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_history (node, "connections",
                     (DocumentReader) ef_connection_entry_record_from_json, history, error))
    return NULL;
  return g_steal_pointer (&history);
}
