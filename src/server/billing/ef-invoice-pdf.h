/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-pdf.h: the invoice as the municipality's PDF document */

#pragma once

#include <gio/gio.h>

#include "store/ef-store-billing.h"

G_BEGIN_DECLS

/**
 * EfInvoicePdf:
 * @municipality: the tenant's name ("Ville de Billère")
 * @contact: the tenant's contact text: phones, opening hours
 * @service_name: the service that issued the invoice ("Éducation")
 * @family_name: the family as addressed ("Famille Martin")
 * @address: the family's postal address, one line per line
 * @iban, @bic: the account for transfers, or NULL
 * @online_payment: whether families may pay online
 * @paid: what paid payments already settled (@invoice amount − balance)
 * @invoice: the invoice with its lines
 *
 * Everything a render needs, owned, so that it can be drawn in a worker
 * thread while the store stays with the main thread.
 */
typedef struct {
  char      *municipality;
  char      *contact;
  char      *service_name;
  char      *family_name;
  char      *address;
  char      *iban;
  char      *bic;
  gboolean   online_payment;
  EfInvoice *invoice;
} EfInvoicePdf;

void     ef_invoice_pdf_free          (EfInvoicePdf  *pdf);

/* Draws the invoice on A4 pages with cairo and pango (DejaVu Sans). The
 * same data always gives the same bytes: the PDF's dates are the invoice's
 * issue day, its title and author fixed. */
GBytes  *ef_invoice_pdf_render        (const EfInvoicePdf  *pdf,
                                       GError             **error);

/* The same in a worker thread; takes ownership of @pdf. */
void     ef_invoice_pdf_render_async  (EfInvoicePdf        *pdf,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GBytes  *ef_invoice_pdf_render_finish (GAsyncResult        *result,
                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfInvoicePdf, ef_invoice_pdf_free)

G_END_DECLS
