/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-window.h: one invoice, its details and its PDF */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"

G_BEGIN_DECLS

#define EF_TYPE_INVOICE_WINDOW (ef_invoice_window_get_type ())
G_DECLARE_FINAL_TYPE (EfInvoiceWindow, ef_invoice_window, EF, INVOICE_WINDOW, AdwWindow)

GtkWidget  *ef_invoice_window_new           (EfClient        *client,
                                             EfInvoice       *invoice,
                                             gboolean         show_pdf);

EfInvoice  *ef_invoice_window_get_invoice   (EfInvoiceWindow *self);
void        ef_invoice_window_set_view      (EfInvoiceWindow *self,
                                             const char      *view);
const char *ef_invoice_window_get_pdf_state (EfInvoiceWindow *self);
GtkWidget  *ef_invoice_window_get_pdf_view  (EfInvoiceWindow *self);
char       *ef_invoice_window_get_details_text (EfInvoiceWindow *self);

G_END_DECLS
