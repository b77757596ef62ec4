/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pdf-document.c: a PDF document, loaded, rendered and printed off the main thread
 *
 * An invoice arrives as bytes from the portal. Poppler parses them in a
 * worker thread; the number of pages and their sizes are read there once,
 * so that the main thread never waits for Poppler to lay out a page. Each
 * page is drawn in a worker into a cairo image surface on white paper, and
 * handed back as a ready GdkTexture that GTK only has to show. Printing
 * gives Poppler the printer's cairo context (vector output, no bitmap).
 */

#define G_LOG_DOMAIN "EfPdfDocument"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <poppler.h>

#include "ef-pdf-document.h"

typedef struct
{
  double width;
  double height;
} PageSize;

struct _EfPdfDocument
{
  GObject          parent_instance;

  GBytes          *bytes;
  GArray          *page_sizes;       /* PageSize, in points; read once at load */

  /* A PopplerDocument and its pages share one parser, one cross-reference
   * table and caches that Poppler does not lock: one thread at a time may
   * touch them. Every Poppler call on @document holds @lock. A mutex
   * rather than a queue of our own because printing draws its pages in
   * the main thread (GtkPrintOperation::draw-page) while a page of the
   * view may be rendering in a worker; GTask's pool already queues the
   * workers. Callers keep to one render at a time per document (see
   * EfPdfView), so the main thread waits at most for one page. */
  GMutex           lock;
  PopplerDocument *document;

  EfPdfWorkerHook  worker_hook;
  gpointer         worker_hook_data;
};

G_DEFINE_FINAL_TYPE (EfPdfDocument, ef_pdf_document, G_TYPE_OBJECT)

/**
 * ef_pdf_error_quark:
 *
 * Returns: the error domain of #EfPdfError
 */
G_DEFINE_QUARK (ef-pdf-error-quark, ef_pdf_error)

typedef struct
{
  guint  page_index;
  double scale;
} RenderData;

typedef struct
{
  GtkPrintOperation *operation;
  GCancellable      *cancellable;
  gulong             cancelled_id;
  gulong             done_id;        /* holds a reference to the task */
  gboolean           completed;
} PrintData;

/* Helpers */

static GError *
invalid_error (void)
{
  return g_error_new_literal (EF_PDF_ERROR, EF_PDF_ERROR_INVALID,
                              _("The document is not a valid PDF file."));
}

static int
pixels_for (double points,
            double scale)
{
  double pixels = round (points * scale);

  /* Also refuses NaN. */
  if (!(pixels >= 1.0))
    return 1;
  return pixels > G_MAXINT / 8 ? G_MAXINT / 8 : (int) pixels;
}

static PageSize *
page_size (EfPdfDocument *self,
           guint          page_index)
{
  g_assert (page_index < self->page_sizes->len);

  return &g_array_index (self->page_sizes, PageSize, page_index);
}

/* A paper of the printer's list with the size of a page, turned to
 * portrait; NULL when the page is not a standard paper. */
static GtkPaperSize *
find_paper_size (double width,
                 double height)
{
  GList *sizes = gtk_paper_size_get_paper_sizes (FALSE);
  GtkPaperSize *found = NULL;
  double shorter = MIN (width, height);
  double longer = MAX (width, height);

  for (GList *l = sizes; l != NULL; l = l->next)
    {
      GtkPaperSize *paper = l->data;

      if (found == NULL
          && fabs (gtk_paper_size_get_width (paper, GTK_UNIT_POINTS) - shorter) < 2.0
          && fabs (gtk_paper_size_get_height (paper, GTK_UNIT_POINTS) - longer) < 2.0)
        found = gtk_paper_size_copy (paper);
    }
  g_list_free_full (sizes, (GDestroyNotify) gtk_paper_size_free);
  return found;
}

/* The page's own paper when it is a standard one (else the paper the
 * person chose stays), turned as the page is. */
static void
set_up_page (EfPdfDocument *self,
             guint          page_index,
             GtkPageSetup  *setup)
{
  PageSize *size = page_size (self, page_index);
  GtkPaperSize *paper = find_paper_size (size->width, size->height);

  if (paper != NULL)
    {
      gtk_page_setup_set_paper_size (setup, paper);
      gtk_paper_size_free (paper);
    }
  gtk_page_setup_set_orientation (setup, size->width > size->height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                                    : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
complete_print (GTask                   *task,
                GtkPrintOperationResult  result,
                const GError            *print_error)
{
  PrintData *data = g_task_get_task_data (task);

  if (data->completed)
    return;
  data->completed = TRUE;
  g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  data->cancelled_id = 0;
  /* Drops the handler's reference to @task once ::done is over. */
  g_clear_signal_handler (&data->done_id, data->operation);

  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      g_task_return_boolean (task, TRUE);
      break;

    case GTK_PRINT_OPERATION_RESULT_CANCEL:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Printing was cancelled."));
      break;

    case GTK_PRINT_OPERATION_RESULT_ERROR:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      g_debug ("Printing failed: %s", print_error != NULL ? print_error->message : "no error");
      g_task_return_new_error (task, EF_PDF_ERROR, EF_PDF_ERROR_PRINT, "%s",
                               _("The document could not be printed. Check the printer and try again."));
      break;
    }
}

static void
unref_task (gpointer  task,
            GClosure *closure)
{
  g_object_unref (task);
}

static void
print_data_free (gpointer user_data)
{
  PrintData *data = user_data;

  g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->operation);
  g_free (data);
}

/* Workers */

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPdfDocument) self = NULL;
  PopplerDocument *document;
  int n_pages;

  if (g_bytes_get_size (bytes) == 0)
    {
      g_task_return_error (task, invalid_error ());
      return;
    }

  /* Nobody else can see this PopplerDocument yet: no lock needed. */
  document = poppler_document_new_from_bytes (bytes, NULL, &error);
  if (document == NULL)
    {
      /* Poppler's own text is for developers only. */
      g_debug ("Poppler refused the document: %s", error->message);
      if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_task_return_new_error (task, EF_PDF_ERROR, EF_PDF_ERROR_ENCRYPTED, "%s",
                                 _("The document is protected by a password and cannot be shown."));
      else
        g_task_return_error (task, invalid_error ());
      return;
    }

  self = g_object_new (EF_TYPE_PDF_DOCUMENT, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->document = document;

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_debug ("The document has no pages");
      g_task_return_error (task, invalid_error ());
      return;
    }

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      PageSize size = { 0.0, 0.0 };

      if (page != NULL)
        {
          poppler_page_get_size (page, &size.width, &size.height);
          g_object_unref (page);
        }
      if (!(size.width > 0.0 && size.height > 0.0 && size.width < 1e6 && size.height < 1e6))
        {
          g_debug ("Page %d has no usable size", i);
          g_task_return_error (task, invalid_error ());
          return;
        }
      g_array_append_val (self->page_sizes, size);
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  EfPdfDocument *self = source_object;
  RenderData *data = task_data;
  PageSize *size = page_size (self, data->page_index);
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *pixels;
  GdkTexture *texture;
  gboolean cancelled;
  int width, height, stride;

  if (g_task_return_error_if_cancelled (task))
    return;

  width = pixels_for (size->width, data->scale);
  height = pixels_for (size->height, data->scale);
  if (width > EF_PDF_MAX_PAGE_PIXELS || height > EF_PDF_MAX_PAGE_PIXELS)
    {
      g_task_return_new_error (task, EF_PDF_ERROR, EF_PDF_ERROR_RENDER, "%s",
                               _("The page is too large to be shown at this zoom level."));
      return;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_debug ("No surface of %d×%d: %s", width, height,
               cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      g_task_return_new_error (task, EF_PDF_ERROR, EF_PDF_ERROR_RENDER, "%s",
                               _("The page could not be shown."));
      return;
    }

  /* Paper is white whatever the document says; Poppler draws only ink. */
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);
  /* Exactly onto the whole surface, whatever the rounding of its size. */
  cairo_scale (cr, width / size->width, height / size->height);

  g_mutex_lock (&self->lock);
  cancelled = g_cancellable_is_cancelled (cancellable);
  if (!cancelled)
    {
      PopplerPage *page = poppler_document_get_page (self->document, data->page_index);

      if (self->worker_hook != NULL)
        self->worker_hook (self, data->page_index, self->worker_hook_data);
      if (page != NULL)
        {
          poppler_page_render (page, cr);
          g_object_unref (page);
        }
    }
  g_mutex_unlock (&self->lock);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_debug ("Rendering page %u: %s", data->page_index, cairo_status_to_string (cairo_status (cr)));
  cairo_destroy (cr);

  if (cancelled)
    {
      cairo_surface_destroy (surface);
      g_task_return_error_if_cancelled (task);
      return;
    }

  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* The texture takes the surface's memory as it is, without a copy.
   * CAIRO_FORMAT_ARGB32 is premultiplied ARGB in native-endian 32-bit
   * words: B, G, R, A bytes on little endian, A, R, G, B on big endian,
   * which is what GDK_MEMORY_DEFAULT names on either. */
  pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                       (gsize) stride * height,
                                       (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels, stride);
  g_bytes_unref (pixels);

  g_task_return_pointer (task, texture, g_object_unref);
}

/* Callbacks */

static void
on_request_page_setup_cb (GtkPrintOperation *operation,
                          GtkPrintContext   *context,
                          int                page_nr,
                          GtkPageSetup      *setup,
                          gpointer           user_data)
{
  EfPdfDocument *self = user_data;

  if (page_nr >= 0 && (guint) page_nr < self->page_sizes->len)
    set_up_page (self, page_nr, setup);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 gpointer           user_data)
{
  EfPdfDocument *self = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double paper_width = gtk_print_context_get_width (context);
  double paper_height = gtk_print_context_get_height (context);
  PageSize *size;
  PopplerPage *page;
  double scale;

  if (page_nr < 0 || (guint) page_nr >= self->page_sizes->len)
    return;
  size = page_size (self, page_nr);

  /* A page on its own paper prints as it is; another paper gets the page
   * shrunk to fit, never enlarged, centred. */
  scale = MIN (paper_width / size->width, paper_height / size->height);
  if (scale > 0.99)
    scale = 1.0;
  cairo_translate (cr, (paper_width - size->width * scale) / 2.0,
                   (paper_height - size->height * scale) / 2.0);
  cairo_scale (cr, scale, scale);

  g_mutex_lock (&self->lock);
  page = poppler_document_get_page (self->document, page_nr);
  if (page != NULL)
    {
      poppler_page_render_for_printing (page, cr);
      g_object_unref (page);
    }
  g_mutex_unlock (&self->lock);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  gpointer                 user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  complete_print (task, result, error);
}

static void
on_print_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  gtk_print_operation_cancel (GTK_PRINT_OPERATION (user_data));
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("Saving the document: %s", error->message);
      g_task_return_new_error (task, EF_PDF_ERROR, EF_PDF_ERROR_SAVE, "%s",
                               _("The copy could not be saved. Choose another folder and try again."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Vfuncs */

static void
ef_pdf_document_finalize (GObject *object)
{
  EfPdfDocument *self = EF_PDF_DOCUMENT (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->page_sizes, g_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ef_pdf_document_parent_class)->finalize (object);
}

static void
ef_pdf_document_class_init (EfPdfDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_pdf_document_finalize;
}

static void
ef_pdf_document_init (EfPdfDocument *self)
{
  g_mutex_init (&self->lock);
  self->page_sizes = g_array_new (FALSE, FALSE, sizeof (PageSize));
}

/* Public API */

/**
 * ef_pdf_document_new_async:
 * @bytes: the PDF file's content
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when the document
 *   is ready or refused
 * @user_data: data for @callback
 *
 * Parses @bytes in a worker thread, with the number of pages and their
 * sizes. Finish with ef_pdf_document_new_finish().
 */
void
ef_pdf_document_new_async (GBytes              *bytes,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_pdf_document_new_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * ef_pdf_document_new_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the document, or %NULL with @error set: in
 *   %EF_PDF_ERROR (%EF_PDF_ERROR_INVALID, %EF_PDF_ERROR_ENCRYPTED) with a
 *   translated message for people, or %G_IO_ERROR_CANCELLED
 */
EfPdfDocument *
ef_pdf_document_new_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_pdf_document_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ef_pdf_document_get_bytes:
 * @self: an #EfPdfDocument
 *
 * Returns: (transfer none): the PDF file's content, as loaded
 */
GBytes *
ef_pdf_document_get_bytes (EfPdfDocument *self)
{
  g_return_val_if_fail (EF_IS_PDF_DOCUMENT (self), NULL);

  return self->bytes;
}

/**
 * ef_pdf_document_get_n_pages:
 * @self: an #EfPdfDocument
 *
 * Returns: the number of pages, at least 1
 */
guint
ef_pdf_document_get_n_pages (EfPdfDocument *self)
{
  g_return_val_if_fail (EF_IS_PDF_DOCUMENT (self), 0);

  return self->page_sizes->len;
}

/**
 * ef_pdf_document_get_page_size:
 * @self: an #EfPdfDocument
 * @page_index: a page, from 0
 * @width: (out) (optional): the page's width in points (1/72 inch)
 * @height: (out) (optional): the page's height in points
 *
 * The size of a page as it is shown, its rotation applied. Does not wait
 * for a render.
 */
void
ef_pdf_document_get_page_size (EfPdfDocument *self,
                               guint          page_index,
                               double        *width,
                               double        *height)
{
  PageSize *size;

  g_return_if_fail (EF_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page_index < self->page_sizes->len);

  size = page_size (self, page_index);
  if (width != NULL)
    *width = size->width;
  if (height != NULL)
    *height = size->height;
}

/**
 * ef_pdf_document_get_page_pixel_size:
 * @self: an #EfPdfDocument
 * @page_index: a page, from 0
 * @scale: pixels per point
 * @width: (out) (optional): the width of the page's texture at @scale
 * @height: (out) (optional): the height of the page's texture at @scale
 *
 * The size, in pixels, of the texture that
 * ef_pdf_document_render_page_async() makes for that page at @scale: the
 * page's size in points times @scale, rounded, at least 1.
 */
void
ef_pdf_document_get_page_pixel_size (EfPdfDocument *self,
                                     guint          page_index,
                                     double         scale,
                                     int           *width,
                                     int           *height)
{
  PageSize *size;

  g_return_if_fail (EF_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page_index < self->page_sizes->len);

  size = page_size (self, page_index);
  if (width != NULL)
    *width = pixels_for (size->width, scale);
  if (height != NULL)
    *height = pixels_for (size->height, scale);
}

/**
 * ef_pdf_document_render_page_async:
 * @self: an #EfPdfDocument
 * @page_index: the page, from 0
 * @scale: pixels per point: the zoom times the display's scale factor
 *   (2.0833 for 150 dpi: 150 / 72)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the texture is ready
 * @user_data: data for @callback
 *
 * Draws a page on white paper in a worker thread. Renders of one document
 * wait for each other (Poppler reads a document from one thread at a
 * time): ask for the next page once the previous one is done. A page
 * whose texture would be wider or taller than %EF_PDF_MAX_PAGE_PIXELS
 * fails with %EF_PDF_ERROR_RENDER.
 */
void
ef_pdf_document_render_page_async (EfPdfDocument       *self,
                                   guint                page_index,
                                   double               scale,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RenderData *data;

  g_return_if_fail (EF_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page_index < self->page_sizes->len);
  g_return_if_fail (scale > 0.0 && isfinite (scale));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (RenderData, 1);
  data->page_index = page_index;
  data->scale = scale;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_pdf_document_render_page_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, render_in_thread);
}

/**
 * ef_pdf_document_render_page_finish:
 * @self: an #EfPdfDocument
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the page as a texture of
 *   ef_pdf_document_get_page_pixel_size(), opaque, or %NULL with @error
 *   set (%G_IO_ERROR_CANCELLED, or %EF_PDF_ERROR_RENDER with a translated
 *   message)
 */
GdkTexture *
ef_pdf_document_render_page_finish (EfPdfDocument  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (EF_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_pdf_document_render_page_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ef_pdf_document_create_print_operation:
 * @self: an #EfPdfDocument
 * @job_name: (nullable): the name of the print job, as the printer queue
 *   shows it
 *
 * A print operation that draws every page with Poppler's printing
 * output (vector, annotations as printed): its page count set, the whole
 * paper used, each page on its own paper size when it is a standard one
 * and turned to its orientation. ef_pdf_document_print_async() runs one;
 * tests export one to a PDF file.
 *
 * Returns: (transfer full): a new #GtkPrintOperation that keeps @self
 */
GtkPrintOperation *
ef_pdf_document_create_print_operation (EfPdfDocument *self,
                                        const char    *job_name)
{
  GtkPrintOperation *operation;
  g_autoptr (GtkPageSetup) setup = NULL;

  g_return_val_if_fail (EF_IS_PDF_DOCUMENT (self), NULL);

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "ef-pdf-document", g_object_ref (self), g_object_unref);
  if (job_name != NULL)
    gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_n_pages (operation, self->page_sizes->len);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);

  setup = gtk_page_setup_new ();
  set_up_page (self, 0, setup);
  gtk_print_operation_set_default_page_setup (operation, setup);

  g_signal_connect (operation, "request-page-setup", G_CALLBACK (on_request_page_setup_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
  return operation;
}

/**
 * ef_pdf_document_print_async:
 * @self: an #EfPdfDocument
 * @parent: (nullable): the window the print dialog belongs to
 * @job_name: (nullable): the name of the print job
 * @cancellable: (nullable): a #GCancellable; cancelling stops the pages
 *   not yet sent
 * @callback: called when the print dialog is closed and the pages sent
 * @user_data: data for @callback
 *
 * Shows the print dialog (the portal's when sandboxed) and prints the
 * document as ef_pdf_document_create_print_operation() sets it up. Finish
 * with ef_pdf_document_print_finish().
 */
void
ef_pdf_document_print_async (EfPdfDocument       *self,
                             GtkWindow           *parent,
                             const char          *job_name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  GtkPrintOperationResult result;
  PrintData *data;

  g_return_if_fail (EF_IS_PDF_DOCUMENT (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_pdf_document_print_async);

  data = g_new0 (PrintData, 1);
  data->operation = ef_pdf_document_create_print_operation (self, job_name);
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, data, print_data_free);

  gtk_print_operation_set_allow_async (data->operation, TRUE);
  data->done_id = g_signal_connect_data (data->operation, "done", G_CALLBACK (on_print_done_cb),
                                         g_object_ref (task), unref_task, 0);
  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_print_cancelled_cb),
                                                data->operation, NULL);

  result = gtk_print_operation_run (data->operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);
  /* Else ::done says how it ended. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    complete_print (task, result, error);
}

/**
 * ef_pdf_document_print_finish:
 * @self: an #EfPdfDocument
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE once the pages went to the printer; %FALSE with
 *   %G_IO_ERROR_CANCELLED when the person closed the dialog (nothing to
 *   show), or %EF_PDF_ERROR_PRINT with a translated message
 */
gboolean
ef_pdf_document_print_finish (EfPdfDocument  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (EF_IS_PDF_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_pdf_document_print_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ef_pdf_document_save_async:
 * @self: an #EfPdfDocument
 * @file: where to write the copy; replaced if it exists
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the copy is written
 * @user_data: data for @callback
 *
 * Writes the document's bytes, as loaded, to @file. Finish with
 * ef_pdf_document_save_finish().
 */
void
ef_pdf_document_save_async (EfPdfDocument       *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (EF_IS_PDF_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_pdf_document_save_async);
  g_file_replace_contents_bytes_async (file, self->bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_saved_cb, g_steal_pointer (&task));
}

/**
 * ef_pdf_document_save_finish:
 * @self: an #EfPdfDocument
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the copy is written; else %FALSE with @error set
 *   (%G_IO_ERROR_CANCELLED, or %EF_PDF_ERROR_SAVE with a translated
 *   message)
 */
gboolean
ef_pdf_document_save_finish (EfPdfDocument  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (EF_IS_PDF_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_pdf_document_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * _ef_pdf_document_set_worker_hook:
 * @self: an #EfPdfDocument
 * @hook: (nullable): called in the worker thread before each page is
 *   drawn, with the document's lock held
 * @user_data: data for @hook
 *
 * For tests: lets them see which thread renders, and hold a render.
 */
void
_ef_pdf_document_set_worker_hook (EfPdfDocument   *self,
                                  EfPdfWorkerHook  hook,
                                  gpointer         user_data)
{
  g_return_if_fail (EF_IS_PDF_DOCUMENT (self));

  g_mutex_lock (&self->lock);
  self->worker_hook = hook;
  self->worker_hook_data = user_data;
  g_mutex_unlock (&self->lock);
}
