/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-invoice.h: the part of a payment that goes to one invoice */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_PAYMENT_INVOICE (ef_payment_invoice_get_type ())
G_DECLARE_FINAL_TYPE (EfPaymentInvoice, ef_payment_invoice, EF, PAYMENT_INVOICE, GObject)

gint64      ef_payment_invoice_get_invoice_id (EfPaymentInvoice *self);
const char *ef_payment_invoice_get_number     (EfPaymentInvoice *self);
EfCents     ef_payment_invoice_get_amount     (EfPaymentInvoice *self);

G_END_DECLS
