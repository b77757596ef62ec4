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

/* An instant of the store (Unix seconds) as the API writes it, in @tz. */
static char *
format_instant (gint64     unix_time,
                GTimeZone *tz)
{
  g_autoptr(GDateTime) instant = g_date_time_new_from_unix_utc (unix_time);

  return ef_instant_format_iso (instant, tz);
}

EfInvoiceRecord *
ef_billing_invoice_record_new (const EfInvoice         *invoice,
                               const EfBillingSettings *settings,
                               GTimeZone               *tz)
{
  EfInvoiceRecord *record;
  EfInvoiceChildRecord *child = NULL;
  const EfInvoiceLine *previous = NULL;
  const char *reason;

  g_return_val_if_fail (invoice != NULL, NULL);

  record = ef_invoice_record_new ();
  reason = ef_billing_not_payable_reason (invoice, settings);
  record->id = invoice->id;
  record->number = g_strdup (invoice->number);
  record->service = g_strdup (invoice->service_id);
  record->label = g_strdup (invoice->label);
  record->issue_date = invoice->issue_day;
  record->period_start = invoice->period_start;
  record->period_end = invoice->period_end;
  record->due_date = invoice->due_day;
  record->amount = invoice->amount;
  record->balance = invoice->balance;
  record->paid = invoice->amount - invoice->balance;
  record->status = g_strdup (invoice->status);
  record->payable_online = reason == NULL;
  record->not_payable_reason = g_strdup (reason);

  for (guint i = 0; i < invoice->lines->len; i++)
    {
      const EfInvoiceLine *line = g_ptr_array_index (invoice->lines, i);
      EfInvoiceLineRecord *item = g_new0 (EfInvoiceLineRecord, 1);

      item->member_id = line->member_id;
      item->member_name = g_strdup (line->member_name);
      item->activity_id = line->activity_id;
      item->label = g_strdup (line->label);
      item->quantity = line->quantity;
      item->unit_price = line->unit_price;
      item->amount = line->amount;
      g_ptr_array_add (record->lines, item);

      /* Lines come grouped by child: one total per group. */
      if (previous == NULL || previous->member_id != line->member_id ||
          g_strcmp0 (previous->member_name, line->member_name) != 0)
        {
          child = g_new0 (EfInvoiceChildRecord, 1);
          child->member_id = line->member_id;
          child->name = g_strdup (line->member_name);
          g_ptr_array_add (record->children, child);
        }
      child->total += line->amount;
      previous = line;
    }

  for (guint i = 0; invoice->payments != NULL && i < invoice->payments->len; i++)
    {
      const EfInvoicePayment *payment = &g_array_index (invoice->payments, EfInvoicePayment, i);
      EfInvoicePaymentRecord *item = g_new0 (EfInvoicePaymentRecord, 1);

      item->id = payment->payment_id;
      item->channel = g_strdup (payment->channel);
      item->amount = payment->amount;
      item->paid_at = format_instant (payment->paid_at, tz);
      g_ptr_array_add (record->payments, item);
    }
  return record;
}

JsonNode *
ef_billing_invoice_to_json (const EfInvoice         *invoice,
                            const EfBillingSettings *settings,
                            GTimeZone               *tz)
{
  g_autoptr(EfInvoiceRecord) record = ef_billing_invoice_record_new (invoice, settings, tz);

  return ef_invoice_record_to_json (record);
}

EfPaymentEntryRecord *
ef_billing_payment_entry_record_new (const EfPayment *payment,
                                     GTimeZone       *tz)
{
  EfPaymentEntryRecord *record;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (payment != NULL, NULL);

  record = ef_payment_entry_record_new ();
  created = g_date_time_new_from_unix_utc (payment->created_at);
  local = g_date_time_to_timezone (created, tz);
  record->id = payment->id;
  record->at = ef_instant_format_iso (created, tz);
  record->day = ef_day_from_instant (created, tz);
  record->time = g_date_time_format (local, "%H:%M");
  record->channel = g_strdup (payment->channel);
  record->status = g_strdup (payment->status);
  record->amount = payment->amount;
  record->paid_at = payment->paid_at > 0 ? format_instant (payment->paid_at, tz) : NULL;
  for (guint i = 0; i < payment->allocations->len; i++)
    {
      const EfPaymentAllocation *allocation = &g_array_index (payment->allocations,
                                                              EfPaymentAllocation, i);
      EfPaymentAllocationRecord *item = g_new0 (EfPaymentAllocationRecord, 1);

      item->invoice_id = allocation->invoice_id;
      item->number = g_strdup (allocation->invoice_number);
      item->amount = allocation->amount;
      g_ptr_array_add (record->allocations, item);
    }
  /* The provider took the money but the invoices were paid otherwise:
   * the town owes this much back. */
  record->refund_due = payment->refund_due;
  return record;
}

JsonNode *
ef_billing_payment_to_json (const EfPayment *payment,
                            GTimeZone       *tz)
{
  g_autoptr(EfPaymentEntryRecord) record = ef_billing_payment_entry_record_new (payment, tz);

  return ef_payment_entry_record_to_json (record);
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

char *
ef_billing_format_address (const EfAddress *address)
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
  pdf->address = ef_billing_format_address (family->address);
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
