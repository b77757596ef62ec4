/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-billing.h: what billing shares between the API, the CLI and the demo:
 * JSON of invoices and payments, the invoice mail, the PDF's data */

#pragma once

#include <json-glib/json-glib.h>

#include "ef-codec-billing.h"
#include "billing/ef-invoice-pdf.h"
#include "family/ef-family.h"
#include "store/ef-store-billing.h"

G_BEGIN_DECLS

/* Why an invoice cannot be paid online now, or NULL if it can:
 * "settled", "pending_payment" (an online payment is under way) or
 * "not_payable_online" (the tenant does not take online payments). */
const char *ef_billing_not_payable_reason (const EfInvoice         *invoice,
                                           const EfBillingSettings *settings);

/* The API's Invoice (ef-codec-billing.h) of @invoice: number, dates,
 * amounts, status, whether it can be paid online (and why not), lines, the
 * total per child, and the paid payments that settled it (their instants
 * in @tz). */
EfInvoiceRecord      *ef_billing_invoice_record_new       (const EfInvoice         *invoice,
                                                           const EfBillingSettings *settings,
                                                           GTimeZone               *tz);
/* Its JSON, written by the codec. */
JsonNode             *ef_billing_invoice_to_json          (const EfInvoice         *invoice,
                                                           const EfBillingSettings *settings,
                                                           GTimeZone               *tz);
/* The API's PaymentEntry of @payment: date (in @tz), channel, amount,
 * status, and the invoices it pays. */
EfPaymentEntryRecord *ef_billing_payment_entry_record_new (const EfPayment         *payment,
                                                           GTimeZone               *tz);
/* Its JSON, written by the codec. */
JsonNode             *ef_billing_payment_to_json          (const EfPayment         *payment,
                                                           GTimeZone               *tz);

/* "2026-10" → 2026, 10; EF_API_ERROR_INVALID_DATE otherwise. */
gboolean    ef_billing_parse_month        (const char              *text,
                                           int                     *year,
                                           int                     *month,
                                           GError                 **error);

/**
 * EfInvoiceMailContext:
 *
 * What the invoice mail says besides the invoice: the municipality and the
 * address of its Espace Famille.
 */
typedef struct {
  const char *municipality;
  const char *portal_url;
} EfInvoiceMailContext;

/* An EfInvoiceMailFunc: the French mail announcing an invoice;
 * @user_data is an EfInvoiceMailContext. */
gboolean    ef_billing_write_invoice_mail (const EfInvoice         *invoice,
                                           const char              *family_name,
                                           char                   **subject,
                                           char                   **body,
                                           gpointer                 user_data);

/* A postal address as the PDFs print it: line 1, line 2 when there is
 * one, then the postal code and the city; "" for NULL. */
char         *ef_billing_format_address   (const EfAddress         *address);

/* Everything the PDF of @invoice needs, read from @store (the tenant's
 * portal and billing settings, the family's name and address). Takes
 * ownership of @invoice. */
EfInvoicePdf *ef_billing_build_pdf        (EfStore                 *store,
                                           EfInvoice               *invoice,
                                           GError                 **error);

G_END_DECLS
