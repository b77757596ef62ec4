/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pdf-document.h: a PDF document, loaded, rendered and printed off the main thread */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EF_PDF_ERROR (ef_pdf_error_quark ())

/**
 * EfPdfError:
 * @EF_PDF_ERROR_INVALID: the bytes are not a PDF document that can be read
 * @EF_PDF_ERROR_ENCRYPTED: the document needs a password
 * @EF_PDF_ERROR_RENDER: a page could not be drawn (too large, out of memory)
 * @EF_PDF_ERROR_PRINT: printing failed
 * @EF_PDF_ERROR_SAVE: the copy could not be written
 *
 * Stable error codes of #EfPdfDocument. The messages are translated
 * sentences that can be shown as they are. Never renumber: append.
 */
typedef enum {
  EF_PDF_ERROR_INVALID,
  EF_PDF_ERROR_ENCRYPTED,
  EF_PDF_ERROR_RENDER,
  EF_PDF_ERROR_PRINT,
  EF_PDF_ERROR_SAVE,
} EfPdfError;

/* The largest width or height of a rendered page, in pixels. */
#define EF_PDF_MAX_PAGE_PIXELS 16384

#define EF_TYPE_PDF_DOCUMENT (ef_pdf_document_get_type ())
G_DECLARE_FINAL_TYPE (EfPdfDocument, ef_pdf_document, EF, PDF_DOCUMENT, GObject)

GQuark         ef_pdf_error_quark                    (void);

void           ef_pdf_document_new_async             (GBytes               *bytes,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
EfPdfDocument *ef_pdf_document_new_finish            (GAsyncResult         *result,
                                                      GError              **error);

GBytes        *ef_pdf_document_get_bytes             (EfPdfDocument        *self);
guint          ef_pdf_document_get_n_pages           (EfPdfDocument        *self);
void           ef_pdf_document_get_page_size         (EfPdfDocument        *self,
                                                      guint                 page_index,
                                                      double               *width,
                                                      double               *height);
void           ef_pdf_document_get_page_pixel_size   (EfPdfDocument        *self,
                                                      guint                 page_index,
                                                      double                scale,
                                                      int                  *width,
                                                      int                  *height);

void           ef_pdf_document_render_page_async     (EfPdfDocument        *self,
                                                      guint                 page_index,
                                                      double                scale,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GdkTexture    *ef_pdf_document_render_page_finish    (EfPdfDocument        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

GtkPrintOperation *ef_pdf_document_create_print_operation (EfPdfDocument   *self,
                                                           const char      *job_name);
void           ef_pdf_document_print_async           (EfPdfDocument        *self,
                                                      GtkWindow            *parent,
                                                      const char           *job_name,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean       ef_pdf_document_print_finish          (EfPdfDocument        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void           ef_pdf_document_save_async            (EfPdfDocument        *self,
                                                      GFile                *file,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean       ef_pdf_document_save_finish           (EfPdfDocument        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* For tests: called in the worker thread, with the document's lock held,
 * before each page is rendered. */
typedef void (*EfPdfWorkerHook) (EfPdfDocument *self,
                                 guint          page_index,
                                 gpointer       user_data);
void           _ef_pdf_document_set_worker_hook      (EfPdfDocument        *self,
                                                      EfPdfWorkerHook       hook,
                                                      gpointer              user_data);

G_END_DECLS
