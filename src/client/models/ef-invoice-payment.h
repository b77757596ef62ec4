/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-payment.h: a paid payment that settled (part of) an invoice */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_INVOICE_PAYMENT (ef_invoice_payment_get_type ())
G_DECLARE_FINAL_TYPE (EfInvoicePayment, ef_invoice_payment, EF, INVOICE_PAYMENT, GObject)

gint64            ef_invoice_payment_get_id      (EfInvoicePayment *self);
EfPaymentChannel  ef_invoice_payment_get_channel (EfInvoicePayment *self);
EfCents           ef_invoice_payment_get_amount  (EfInvoicePayment *self);
GDateTime        *ef_invoice_payment_get_paid_at (EfInvoicePayment *self);

G_END_DECLS
