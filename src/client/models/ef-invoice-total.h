/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-total.h: what an invoice bills for one child */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_INVOICE_TOTAL (ef_invoice_total_get_type ())
G_DECLARE_FINAL_TYPE (EfInvoiceTotal, ef_invoice_total, EF, INVOICE_TOTAL, GObject)

gint64      ef_invoice_total_get_member_id (EfInvoiceTotal *self);
const char *ef_invoice_total_get_name      (EfInvoiceTotal *self);
EfCents     ef_invoice_total_get_total     (EfInvoiceTotal *self);

G_END_DECLS
