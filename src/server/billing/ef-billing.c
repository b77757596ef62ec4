/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-billing.c: what billing shares between the API, the CLI and the demo
 *
 * The invoice mail is the municipality's French letter to families, like
 * the invoice itself: fixed French, not translated.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "family/ef-family.h"
#include "store/ef-store-families.h"
#include "ef-billing.h"

static void
set_day (JsonObject *object,
         const char *name,
         EfDay       day)
{
  g_autofree char *text = NULL;

  if (!ef_day_is_valid (day))
    {
      json_object_set_null_member (object, name);
      return;
    }
  text = ef_day_format_iso (day);
  json_object_set_string_member (object, name, text);
}

const char *
ef_billing_not_payable_reason (const EfInvoice         *invoice,
                               const EfBillingSettings *settings)
{
  g_return_val_if_fail (invoice != NULL, NULL);

  if (g_strcmp0 (invoice->status, "settled") == 0)
    return "settled";
  if (invoice->pending_payment)
    return "pending_payment";
  if (settings != NULL && !settings->online_payment_enabled)
    return "not_payable_online";
  return NULL;
}

JsonNode *
ef_billing_invoice_to_json (const EfInvoice         *invoice,
                            const EfBillingSettings *settings,
                            GTimeZone               *tz)
{
  JsonObject *object = json_object_new ();
  JsonObject *period = json_object_new ();
  JsonArray *lines = json_array_new ();
  JsonArray *children = json_array_new ();
  JsonArray *payments = json_array_new ();
  JsonObject *child = NULL;
  const EfInvoiceLine *previous = NULL;
  const char *reason = ef_billing_not_payable_reason (invoice, settings);
  JsonNode *node;

  json_object_set_int_member (object, "id", invoice->id);
  json_object_set_string_member (object, "number", invoice->number);
  json_object_set_string_member (object, "service", invoice->service_id);
  json_object_set_string_member (object, "label", invoice->label);
  set_day (object, "issue_date", invoice->issue_day);
  set_day (period, "start", invoice->period_start);
  set_day (period, "end", invoice->period_end);
  json_object_set_object_member (object, "period", period);
  set_day (object, "due_date", invoice->due_day);
  json_object_set_int_member (object, "amount_cents", invoice->amount);
  json_object_set_int_member (object, "balance_cents", invoice->balance);
  json_object_set_int_member (object, "paid_cents", invoice->amount - invoice->balance);
  json_object_set_string_member (object, "status", invoice->status);
  json_object_set_boolean_member (object, "payable_online", reason == NULL);
  if (reason != NULL)
    json_object_set_string_member (object, "not_payable_reason", reason);
  else
    json_object_set_null_member (object, "not_payable_reason");

  for (guint i = 0; i < invoice->lines->len; i++)
    {
      const EfInvoiceLine *line = g_ptr_array_index (invoice->lines, i);
      JsonObject *item = json_object_new ();

      if (line->member_id > 0)
        json_object_set_int_member (item, "member", line->member_id);
      else
        json_object_set_null_member (item, "member");
      json_object_set_string_member (item, "member_name", line->member_name);
      if (line->activity_id > 0)
        json_object_set_int_member (item, "activity", line->activity_id);
      else
        json_object_set_null_member (item, "activity");
      json_object_set_string_member (item, "label", line->label);
      json_object_set_int_member (item, "quantity", line->quantity);
      json_object_set_int_member (item, "unit_price_cents", line->unit_price);
      json_object_set_int_member (item, "amount_cents", line->amount);
      json_array_add_object_element (lines, item);

      /* Lines come grouped by child: one total per group. */
      if (previous == NULL || previous->member_id != line->member_id ||
          g_strcmp0 (previous->member_name, line->member_name) != 0)
        {
          child = json_object_new ();
          if (line->member_id > 0)
            json_object_set_int_member (child, "member", line->member_id);
          else
            json_object_set_null_member (child, "member");
          json_object_set_string_member (child, "name", line->member_name);
          json_object_set_int_member (child, "total_cents", 0);
          json_array_add_object_element (children, child);
        }
      json_object_set_int_member (child, "total_cents",
                                  json_object_get_int_member (child, "total_cents") + line->amount);
      previous = line;
    }
  json_object_set_array_member (object, "lines", lines);
  json_object_set_array_member (object, "children", children);

  for (guint i = 0; invoice->payments != NULL && i < invoice->payments->len; i++)
    {
      const EfInvoicePayment *payment = &g_array_index (invoice->payments, EfInvoicePayment, i);
      g_autoptr(GDateTime) paid = g_date_time_new_from_unix_utc (payment->paid_at);
      g_autofree char *paid_text = ef_instant_format_iso (paid, tz);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "id", payment->payment_id);
      json_object_set_string_member (item, "channel", payment->channel);
      json_object_set_int_member (item, "amount_cents", payment->amount);
      json_object_set_string_member (item, "paid_at", paid_text);
      json_array_add_object_element (payments, item);
    }
  json_object_set_array_member (object, "payments", payments);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

JsonNode *
ef_billing_payment_to_json (const EfPayment *payment,
                            GTimeZone       *tz)
{
  JsonObject *object = json_object_new ();
  JsonArray *numbers = json_array_new ();
  JsonArray *allocations = json_array_new ();
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (payment->created_at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (created, tz);
  g_autofree char *at = ef_instant_format_iso (created, tz);
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  JsonNode *node;

  json_object_set_int_member (object, "id", payment->id);
  json_object_set_string_member (object, "at", at);
  json_object_set_string_member (object, "day", day);
  json_object_set_string_member (object, "time", time);
  json_object_set_string_member (object, "channel", payment->channel);
  json_object_set_string_member (object, "status", payment->status);
  json_object_set_int_member (object, "amount_cents", payment->amount);
  if (payment->paid_at > 0)
    {
      g_autoptr(GDateTime) paid = g_date_time_new_from_unix_utc (payment->paid_at);
      g_autofree char *paid_text = ef_instant_format_iso (paid, tz);

      json_object_set_string_member (object, "paid_at", paid_text);
    }
  else
    json_object_set_null_member (object, "paid_at");
  for (guint i = 0; i < payment->allocations->len; i++)
    {
      const EfPaymentAllocation *allocation = &g_array_index (payment->allocations,
                                                              EfPaymentAllocation, i);
      JsonObject *item = json_object_new ();

      json_array_add_string_element (numbers, allocation->invoice_number);
      json_object_set_int_member (item, "invoice", allocation->invoice_id);
      json_object_set_string_member (item, "number", allocation->invoice_number);
      json_object_set_int_member (item, "amount_cents", allocation->amount);
      json_array_add_object_element (allocations, item);
    }
  json_object_set_array_member (object, "invoice_numbers", numbers);
  json_object_set_array_member (object, "allocations", allocations);
  /* The provider took the money but the invoices were paid otherwise:
   * the town owes this much back. */
  json_object_set_boolean_member (object, "refund_due", payment->refund_due);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

gboolean
ef_billing_parse_month (const char  *text,
                        int         *year,
                        int         *month,
                        GError     **error)
{
  g_return_val_if_fail (year != NULL && month != NULL, FALSE);

  if (text == NULL || strlen (text) != 7 || text[4] != '-' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]))
    goto invalid;
  *year = (int) g_ascii_strtoll (text, NULL, 10);
  *month = (int) g_ascii_strtoll (text + 5, NULL, 10);
  if (*year < 2000 || *year > 2099 || *month < 1 || *month > 12)
    goto invalid;
  return TRUE;

invalid:
  g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
               "Invalid month “%s”: write it YYYY-MM, between 2000-01 and 2099-12.",
               text ? text : "");
  return FALSE;
}

gboolean
ef_billing_write_invoice_mail (const EfInvoice  *invoice,
                               const char       *family_name,
                               char            **subject,
                               char            **body,
                               gpointer          user_data)
{
  const EfInvoiceMailContext *context = user_data;
  g_autofree char *amount = ef_money_format_french (invoice->amount);
  g_autofree char *due = NULL;
  int y, m, d;

  ef_day_get_ymd (invoice->due_day, &y, &m, &d);
  due = g_strdup_printf ("%02d/%02d/%04d", d, m, y);

  *subject = g_strdup_printf ("%s : votre facture %s", context->municipality, invoice->number);
  *body = g_strdup_printf ("Bonjour,\n\n"
                           "La facture %s (%s) de %s est disponible dans votre Espace Famille.\n\n"
                           "Montant\u00A0: %s\n"
                           "À régler avant le\u00A0: %s\n\n"
                           "Vous pouvez la consulter, la télécharger au format PDF et la payer en "
                           "ligne par carte bancaire depuis votre Espace Famille%s%s.\n\n"
                           "Vous pouvez aussi la régler à l’Hôtel de Ville en espèces ou par chèque, "
                           "par virement ou par prélèvement automatique.\n\n"
                           "Ce message est envoyé automatiquement, merci de ne pas y répondre.\n\n"
                           "%s\n",
                           invoice->number, invoice->label, family_name, amount, due,
                           context->portal_url ? "\u00A0: " : "",
                           context->portal_url ? context->portal_url : "",
                           context->municipality);
  return TRUE;
}

static char *
format_address (const EfAddress *address)
{
  GString *text = g_string_new (NULL);

  if (address == NULL)
    return g_string_free (text, FALSE);
  g_string_append (text, address->line1);
  if (address->line2 != NULL && address->line2[0] != '\0')
    g_string_append_printf (text, "\n%s", address->line2);
  g_string_append_printf (text, "\n%s %s", address->postal_code, address->city);
  return g_string_free (text, FALSE);
}

EfInvoicePdf *
ef_billing_build_pdf (EfStore    *store,
                      EfInvoice  *invoice,
                      GError    **error)
{
  g_autoptr(EfInvoice) owned = invoice;
  g_autoptr(EfPortal) portal = NULL;
  g_autoptr(EfBillingSettings) settings = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(EfInvoicePdf) pdf = NULL;
  GListModel *services;

  g_return_val_if_fail (store != NULL && invoice != NULL, NULL);

  portal = ef_store_load_portal (store, invoice->tenant_id, error);
  if (portal == NULL)
    return NULL;
  settings = ef_store_load_billing_settings (store, invoice->tenant_id, error);
  if (settings == NULL)
    return NULL;
  family = ef_store_load_family (store, invoice->tenant_id, invoice->family_id, error);
  if (family == NULL)
    return NULL;

  pdf = g_new0 (EfInvoicePdf, 1);
  pdf->municipality = g_strdup (ef_portal_get_name (portal));
  pdf->contact = g_strdup (ef_portal_get_contact (portal));
  pdf->family_name = g_strdup (family->name);
  pdf->address = format_address (family->address);
  pdf->iban = g_strdup (settings->iban);
  pdf->bic = g_strdup (settings->bic);
  pdf->online_payment = settings->online_payment_enabled;

  services = ef_portal_get_services (portal);
  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(EfService) service = g_list_model_get_item (services, i);

      if (g_strcmp0 (ef_service_get_id (service), invoice->service_id) == 0)
        pdf->service_name = g_strdup (ef_service_get_name (service));
    }
  if (pdf->service_name == NULL)
    pdf->service_name = g_strdup (invoice->service_id);

  pdf->invoice = g_steal_pointer (&owned);
  return g_steal_pointer (&pdf);
}
