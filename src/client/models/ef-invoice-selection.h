/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-selection.h: the invoices ticked for an online payment */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-invoice.h"

G_BEGIN_DECLS

#define EF_TYPE_INVOICE_SELECTION (ef_invoice_selection_get_type ())
G_DECLARE_FINAL_TYPE (EfInvoiceSelection, ef_invoice_selection, EF, INVOICE_SELECTION, GObject)

EfInvoiceSelection *ef_invoice_selection_new            (void);

GListModel         *ef_invoice_selection_get_invoices   (EfInvoiceSelection *self);
void                ef_invoice_selection_set_invoices   (EfInvoiceSelection *self,
                                                         GListModel         *invoices);
gboolean            ef_invoice_selection_can_select     (EfInvoiceSelection *self,
                                                         EfInvoice          *invoice);
gboolean            ef_invoice_selection_get_selected   (EfInvoiceSelection *self,
                                                         EfInvoice          *invoice);
gboolean            ef_invoice_selection_set_selected   (EfInvoiceSelection *self,
                                                         EfInvoice          *invoice,
                                                         gboolean            selected);
void                ef_invoice_selection_select_all     (EfInvoiceSelection *self);
void                ef_invoice_selection_clear          (EfInvoiceSelection *self);
guint               ef_invoice_selection_get_n_selected (EfInvoiceSelection *self);
EfCents             ef_invoice_selection_get_total      (EfInvoiceSelection *self);
GArray             *ef_invoice_selection_get_ids        (EfInvoiceSelection *self);

G_END_DECLS
