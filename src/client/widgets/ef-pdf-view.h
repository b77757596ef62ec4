/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pdf-view.h: the pages of a PDF document, with zoom, print, save and open */

#pragma once

#include <adwaita.h>

#include "pdf/ef-pdf-document.h"

G_BEGIN_DECLS

/* The zoom range; 1.0 shows a page at its real size on a 96 dpi screen. */
#define EF_PDF_VIEW_MIN_ZOOM 0.25
#define EF_PDF_VIEW_MAX_ZOOM 3.0

#define EF_TYPE_PDF_VIEW (ef_pdf_view_get_type ())
G_DECLARE_FINAL_TYPE (EfPdfView, ef_pdf_view, EF, PDF_VIEW, GtkWidget)

GtkWidget     *ef_pdf_view_new                (void);

EfPdfDocument *ef_pdf_view_get_document       (EfPdfView     *self);
void           ef_pdf_view_set_document       (EfPdfView     *self,
                                               EfPdfDocument *document);
const char    *ef_pdf_view_get_suggested_name (EfPdfView     *self);
void           ef_pdf_view_set_suggested_name (EfPdfView     *self,
                                               const char    *suggested_name);
double         ef_pdf_view_get_zoom           (EfPdfView     *self);
void           ef_pdf_view_set_zoom           (EfPdfView     *self,
                                               double         zoom);
gboolean       ef_pdf_view_get_rendering      (EfPdfView     *self);

void           ef_pdf_view_forget_copies_async  (GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       ef_pdf_view_forget_copies_finish (GAsyncResult        *result,
                                                 GError             **error);

/* For tests */
guint          ef_pdf_view_get_n_pages        (EfPdfView     *self);
guint          ef_pdf_view_get_n_rendered     (EfPdfView     *self);
GdkTexture    *ef_pdf_view_get_page_texture   (EfPdfView     *self,
                                               guint          page_index);
GtkWidget     *ef_pdf_view_get_page_widget    (EfPdfView     *self,
                                               guint          page_index);
double         ef_pdf_view_get_render_scale   (EfPdfView     *self);
const char    *ef_pdf_view_get_zoom_text      (EfPdfView     *self);

G_END_DECLS
