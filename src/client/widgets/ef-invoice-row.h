/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-row.h: one invoice in the lists of Mes factures */

#pragma once

#include <gtk/gtk.h>

#include "models/ef-invoice.h"
#include "models/ef-invoice-selection.h"

G_BEGIN_DECLS

#define EF_TYPE_INVOICE_ROW (ef_invoice_row_get_type ())
G_DECLARE_FINAL_TYPE (EfInvoiceRow, ef_invoice_row, EF, INVOICE_ROW, GtkWidget)

GtkWidget      *ef_invoice_row_new           (EfInvoiceSelection *selection);

EfInvoice      *ef_invoice_row_get_invoice   (EfInvoiceRow       *self);
void            ef_invoice_row_set_invoice   (EfInvoiceRow       *self,
                                              EfInvoice          *invoice,
                                              EfDay               today);
GtkCheckButton *ef_invoice_row_get_check     (EfInvoiceRow       *self);
const char     *ef_invoice_row_get_reason    (EfInvoiceRow       *self);
const char     *ef_invoice_row_get_status    (EfInvoiceRow       *self);

G_END_DECLS
