/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-line.h: one line of an invoice */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_INVOICE_LINE (ef_invoice_line_get_type ())
G_DECLARE_FINAL_TYPE (EfInvoiceLine, ef_invoice_line, EF, INVOICE_LINE, GObject)

gint64      ef_invoice_line_get_member_id   (EfInvoiceLine *self);
const char *ef_invoice_line_get_member_name (EfInvoiceLine *self);
gint64      ef_invoice_line_get_activity_id (EfInvoiceLine *self);
const char *ef_invoice_line_get_label       (EfInvoiceLine *self);
gint64      ef_invoice_line_get_quantity    (EfInvoiceLine *self);
EfCents     ef_invoice_line_get_unit_price  (EfInvoiceLine *self);
EfCents     ef_invoice_line_get_amount      (EfInvoiceLine *self);

G_END_DECLS
