/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice.h: an invoice of the family */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"
#include "ef-invoice-line.h"
#include "ef-invoice-payment.h"
#include "ef-invoice-total.h"

G_BEGIN_DECLS

#define EF_TYPE_INVOICE (ef_invoice_get_type ())
G_DECLARE_FINAL_TYPE (EfInvoice, ef_invoice, EF, INVOICE, GObject)

gint64              ef_invoice_get_id                 (EfInvoice *self);
const char         *ef_invoice_get_number             (EfInvoice *self);
const char         *ef_invoice_get_service            (EfInvoice *self);
const char         *ef_invoice_get_label              (EfInvoice *self);
EfDay               ef_invoice_get_issue_date         (EfInvoice *self);
EfDay               ef_invoice_get_period_start       (EfInvoice *self);
EfDay               ef_invoice_get_period_end         (EfInvoice *self);
EfDay               ef_invoice_get_due_date           (EfInvoice *self);
EfCents             ef_invoice_get_amount             (EfInvoice *self);
EfCents             ef_invoice_get_balance            (EfInvoice *self);
EfCents             ef_invoice_get_paid               (EfInvoice *self);
EfInvoiceStatus     ef_invoice_get_status             (EfInvoice *self);
gboolean            ef_invoice_get_payable_online     (EfInvoice *self);
EfNotPayableReason  ef_invoice_get_not_payable_reason (EfInvoice *self);
GListModel         *ef_invoice_get_lines              (EfInvoice *self);
GListModel         *ef_invoice_get_totals             (EfInvoice *self);
GListModel         *ef_invoice_get_payments           (EfInvoice *self);

G_END_DECLS
