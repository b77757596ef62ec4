/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoices-page.h: Mes factures, the invoices and their online payment */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-page.h"
#include "api/ef-payment-follower.h"
#include "models/ef-invoice-selection.h"

G_BEGIN_DECLS

#define EF_TYPE_INVOICES_PAGE (ef_invoices_page_get_type ())
G_DECLARE_FINAL_TYPE (EfInvoicesPage, ef_invoices_page, EF, INVOICES_PAGE, EfPage)

GtkWidget          *ef_invoices_page_new              (EfClient       *client);

void                ef_invoices_page_reload           (EfInvoicesPage *self);

/* For tests and benchmarks: what the page shows. */
const char         *ef_invoices_page_get_state        (EfInvoicesPage *self);
void                ef_invoices_page_set_view         (EfInvoicesPage *self,
                                                       const char     *view);
const char         *ef_invoices_page_get_view         (EfInvoicesPage *self);
GtkListView        *ef_invoices_page_get_list         (EfInvoicesPage *self,
                                                       const char     *view);
GListModel         *ef_invoices_page_get_invoices     (EfInvoicesPage *self,
                                                       const char     *view);
EfInvoiceSelection *ef_invoices_page_get_selection    (EfInvoicesPage *self);
EfPaymentFollower  *ef_invoices_page_get_follower     (EfInvoicesPage *self);
const char         *ef_invoices_page_get_total_text   (EfInvoicesPage *self);
const char         *ef_invoices_page_get_selected_text (EfInvoicesPage *self);
const char         *ef_invoices_page_get_message      (EfInvoicesPage *self);
const char         *ef_invoices_page_get_situation    (EfInvoicesPage *self,
                                                       const char     *which);
GtkWidget          *ef_invoices_page_get_pay_button   (EfInvoicesPage *self);
void                ef_invoices_page_show_invoices    (EfInvoicesPage *self,
                                                       GListModel     *invoices);

G_END_DECLS
