/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pdf-view.c: EfPdfDocument and EfPdfView on a real invoice
 *
 * The invoice is the demo family's, as the real server draws it
 * (GET /7249/api/v1/invoices/4/pdf), fetched once at start; a three-page
 * document (A4, A4 landscape, A5) is drawn here with cairo. Rendering in
 * the worker (sizes at 150 dpi and at twice that, white paper, ink in the
 * header), the main loop running meanwhile, refused bytes, cancellation,
 * printing (exported to a PDF file through the same print operation), and
 * the view: every page rendered, zoom, disposal while rendering, and a
 * real window under Xvfb with its accessible pages, its keys and the
 * wheel (xdotool). Nothing depends on the machine's date.
 *
 * With EF_TEST_EXPECT_SCALE=2 (and GDK_SCALE=2) the window test checks
 * that textures follow the scale factor.
 *
 * With --screenshot=FILE the program shows the invoice in a window
 * instead of testing, and saves a picture of it:
 *   --width=PX  --height=PX  --zoom=LEVEL  --dark  --three-pages (the
 *   document drawn here instead of the invoice)
 */

#define G_LOG_DOMAIN "EfTestPdfView"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "ef-test-api.h"
#include "pdf/ef-pdf-document.h"
#include "widgets/ef-pdf-view.h"
#include "ui-test-util.h"

#define DPI_150 (150.0 / 72.0)

static GBytes *invoice_pdf;
static GBytes *three_pages_pdf;
static char *window_title;

typedef struct {
  const char *path;
  int         width;
  int         height;
  double      zoom;
  gboolean    dark;
  gboolean    three_pages;
} Screenshot;

/* Documents */

static cairo_status_t
on_pdf_write_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Page 1: A4 portrait, page 2: A4 landscape, page 3: A5 portrait; each
 * with a black band at its top and its number. */
static GBytes *
make_three_pages (void)
{
  static const double sizes[][2] = { { 595.28, 841.89 }, { 841.89, 595.28 }, { 419.53, 595.28 } };
  GByteArray *data = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (on_pdf_write_cb, data, sizes[0][0], sizes[0][1]);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *text = g_strdup_printf ("Page %u", i + 1);

      cairo_pdf_surface_set_size (surface, sizes[i][0], sizes[i][1]);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_rectangle (cr, 40, 40, sizes[i][0] - 80, 60);
      cairo_fill (cr);
      cairo_set_font_size (cr, 36);
      cairo_move_to (cr, 40, 160);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (data);
}

/* Waiting */

static gboolean
wait_for_result (GAsyncResult **result)
{
  return ui_test_wait_for_result (result) != NULL;
}

static EfPdfDocument *
load (GBytes  *bytes,
      GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_pdf_document_new_async (bytes, NULL, ui_test_on_result_cb, &result);
  g_assert_true (wait_for_result (&result));
  return ef_pdf_document_new_finish (result, error);
}

static EfPdfDocument *
load_ok (GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  EfPdfDocument *document = load (bytes, &error);

  g_assert_no_error (error);
  g_assert_true (EF_IS_PDF_DOCUMENT (document));
  return document;
}

static GdkTexture *
render (EfPdfDocument *document,
        guint          page_index,
        double         scale,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_pdf_document_render_page_async (document, page_index, scale, cancellable, ui_test_on_result_cb, &result);
  g_assert_true (wait_for_result (&result));
  return ef_pdf_document_render_page_finish (document, result, error);
}

static GdkTexture *
render_ok (EfPdfDocument *document,
           guint          page_index,
           double         scale)
{
  g_autoptr (GError) error = NULL;
  GdkTexture *texture = render (document, page_index, scale, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (GDK_IS_TEXTURE (texture));
  return texture;
}

static gboolean
view_is_rendered_cb (gpointer data)
{
  EfPdfView *view = data;

  return !ef_pdf_view_get_rendering (view)
         && ef_pdf_view_get_n_rendered (view) == ef_pdf_view_get_n_pages (view);
}

static gboolean
is_null_cb (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Pixels, as gdk_texture_download() gives them: native-endian ARGB32. */

typedef struct {
  int      width;
  int      height;
  guint32 *pixels;
} Pixels;

static void
pixels_clear (Pixels *p)
{
  g_clear_pointer (&p->pixels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pixels, pixels_clear)

static void
download (GdkTexture *texture,
          Pixels     *p)
{
  p->width = gdk_texture_get_width (texture);
  p->height = gdk_texture_get_height (texture);
  p->pixels = g_new (guint32, (gsize) p->width * p->height);
  gdk_texture_download (texture, (guchar *) p->pixels, (gsize) p->width * 4);
}

static guint32
pixel_at (const Pixels *p,
          int           x,
          int           y)
{
  return p->pixels[(gsize) y * p->width + x];
}

static gboolean
is_dark (guint32 argb)
{
  return ((argb >> 16) & 0xff) < 100 && ((argb >> 8) & 0xff) < 100 && (argb & 0xff) < 100;
}

/* Dark pixels in the rectangle, in fractions of the page. */
static guint
count_dark (const Pixels *p,
            double        x0,
            double        y0,
            double        x1,
            double        y1)
{
  guint n = 0;

  for (int y = (int) (y0 * p->height); y < (int) (y1 * p->height); y++)
    for (int x = (int) (x0 * p->width); x < (int) (x1 * p->width); x++)
      n += is_dark (pixel_at (p, x, y));
  return n;
}

/* Clearly blue pixels (or, with @blue FALSE, clearly orange ones: blue
 * with red and blue swapped) in the rectangle. */
static guint
count_tint (const Pixels *p,
            double        x0,
            double        y0,
            double        x1,
            double        y1,
            gboolean      blue)
{
  guint n = 0;

  for (int y = (int) (y0 * p->height); y < (int) (y1 * p->height); y++)
    for (int x = (int) (x0 * p->width); x < (int) (x1 * p->width); x++)
      {
        guint32 argb = pixel_at (p, x, y);
        int r = (argb >> 16) & 0xff, b = argb & 0xff;

        n += blue ? b > r + 60 : r > b + 60;
      }
  return n;
}

static void
assert_size_near (int actual,
                  int expected)
{
  g_assert_cmpint (actual, >=, expected - 1);
  g_assert_cmpint (actual, <=, expected + 1);
}

/* EfPdfDocument */

static void
test_document_invoice (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (invoice_pdf);
  double width, height;

  g_assert_cmpuint (ef_pdf_document_get_n_pages (document), ==, 1);
  ef_pdf_document_get_page_size (document, 0, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);
  g_assert_true (g_bytes_equal (ef_pdf_document_get_bytes (document), invoice_pdf));
}

static void
test_document_render_150dpi (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (invoice_pdf);
  g_autoptr (GdkTexture) texture = render_ok (document, 0, DPI_150);
  g_auto (Pixels) p = { 0 };
  int width, height;
  guint dark, blue;

  assert_size_near (gdk_texture_get_width (texture), 1240);
  assert_size_near (gdk_texture_get_height (texture), 1754);
  ef_pdf_document_get_page_pixel_size (document, 0, DPI_150, &width, &height);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);

  download (texture, &p);
  /* White paper, opaque, in every corner. */
  g_assert_cmphex (pixel_at (&p, 2, 2), ==, 0xffffffff);
  g_assert_cmphex (pixel_at (&p, p.width - 3, 2), ==, 0xffffffff);
  g_assert_cmphex (pixel_at (&p, 2, p.height - 3), ==, 0xffffffff);
  g_assert_cmphex (pixel_at (&p, p.width - 3, p.height - 3), ==, 0xffffffff);
  /* Ink in the header ("FACTURE", the number, the dates), top right. */
  dark = count_dark (&p, 0.5, 0.0, 1.0, 0.15);
  g_test_message ("%u dark pixels in the header", dark);
  g_assert_cmpuint (dark, >, 2000);
  /* And none in the left margin. */
  g_assert_cmpuint (count_dark (&p, 0.0, 0.0, 0.05, 1.0), ==, 0);
  /* The municipality's name is blue, top left: red and blue in their
   * places, so the texture's memory format is the surface's. */
  blue = count_tint (&p, 0.0, 0.0, 0.5, 0.12, TRUE);
  g_test_message ("%u blue pixels in the municipality's name", blue);
  g_assert_cmpuint (blue, >, 1000);
  g_assert_cmpuint (count_tint (&p, 0.0, 0.0, 1.0, 1.0, FALSE), ==, 0);
}

static void
test_document_render_hidpi (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (invoice_pdf);
  g_autoptr (GdkTexture) texture = render_ok (document, 0, 2 * DPI_150);
  g_auto (Pixels) p = { 0 };

  assert_size_near (gdk_texture_get_width (texture), 2480);
  assert_size_near (gdk_texture_get_height (texture), 3508);
  download (texture, &p);
  g_assert_cmphex (pixel_at (&p, 0, 0), ==, 0xffffffff);
  g_assert_cmpuint (count_dark (&p, 0.5, 0.0, 1.0, 0.15), >, 8000);
}

typedef struct {
  GMutex   lock;
  GCond    cond;
  GThread *worker;
  gboolean entered;
  gboolean released;
} Hold;

static void
hold_worker_hook (EfPdfDocument *document,
                  guint          page_index,
                  gpointer       user_data)
{
  Hold *hold = user_data;
  gint64 end = g_get_monotonic_time () + UI_TEST_WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  g_mutex_lock (&hold->lock);
  hold->worker = g_thread_self ();
  hold->entered = TRUE;
  while (!hold->released)
    if (!g_cond_wait_until (&hold->cond, &hold->lock, end))
      break;
  g_mutex_unlock (&hold->lock);
}

typedef struct {
  guint         ticks;
  guint         ticks_at_result;
  GThread      *callback_thread;
  GAsyncResult *result;
} Ticks;

static gboolean
on_tick_cb (gpointer user_data)
{
  Ticks *ticks = user_data;

  ticks->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
on_counted_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Ticks *ticks = user_data;

  ticks->ticks_at_result = ticks->ticks;
  ticks->callback_thread = g_thread_self ();
  ticks->result = g_object_ref (result);
}

static gboolean
has_counted_result_cb (gpointer data)
{
  return ((Ticks *) data)->result != NULL;
}

static gboolean
worker_entered_and_ticked_cb (gpointer data)
{
  Hold *hold = ((gpointer *) data)[0];
  Ticks *ticks = ((gpointer *) data)[1];
  gboolean entered;

  g_mutex_lock (&hold->lock);
  entered = hold->entered;
  g_mutex_unlock (&hold->lock);
  return entered && ticks->ticks >= 5;
}

/* The render runs in another thread and the main loop turns meanwhile:
 * the worker is held inside Poppler's lock until the main loop has run
 * five 1 ms ticks, so that nothing here depends on how fast it renders. */
static void
test_document_worker_thread (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (invoice_pdf);
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  Hold hold = { 0 };
  Ticks ticks = { 0 };
  gpointer both[] = { &hold, &ticks };
  guint tick_source;

  g_mutex_init (&hold.lock);
  g_cond_init (&hold.cond);
  _ef_pdf_document_set_worker_hook (document, hold_worker_hook, &hold);

  tick_source = g_timeout_add (1, on_tick_cb, &ticks);
  ef_pdf_document_render_page_async (document, 0, DPI_150, NULL, on_counted_result_cb, &ticks);
  g_assert_true (ui_test_wait_until_every (1, worker_entered_and_ticked_cb, both));

  g_mutex_lock (&hold.lock);
  hold.released = TRUE;
  g_cond_signal (&hold.cond);
  g_mutex_unlock (&hold.lock);

  g_assert_true (ui_test_wait_until_every (1, has_counted_result_cb, &ticks));
  g_source_remove (tick_source);

  g_test_message ("%u ticks of the main loop during the render", ticks.ticks_at_result);
  g_assert_cmpuint (ticks.ticks_at_result, >=, 5);
  g_assert_nonnull (hold.worker);
  g_assert_true (hold.worker != g_thread_self ());
  g_assert_true (ticks.callback_thread == g_thread_self ());
  texture = ef_pdf_document_render_page_finish (document, ticks.result, &error);
  g_assert_no_error (error);
  assert_size_near (gdk_texture_get_width (texture), 1240);

  _ef_pdf_document_set_worker_hook (document, NULL, NULL);
  g_clear_object (&ticks.result);
  g_mutex_clear (&hold.lock);
  g_cond_clear (&hold.cond);
}

/* Without holding the worker: how many ticks a plain render leaves to
 * the main loop (reported, not asserted: it depends on the machine). */
static void
test_document_ticks (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (invoice_pdf);
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  Ticks ticks = { 0 };
  guint tick_source;
  gint64 start;

  tick_source = g_timeout_add (1, on_tick_cb, &ticks);
  start = g_get_monotonic_time ();
  ef_pdf_document_render_page_async (document, 0, DPI_150, NULL, on_counted_result_cb, &ticks);
  g_assert_true (ui_test_wait_until_every (1, has_counted_result_cb, &ticks));
  g_source_remove (tick_source);

  g_test_message ("render at 150 dpi: %.1f ms, %u ticks of 1 ms meanwhile",
                  (g_get_monotonic_time () - start) / 1000.0, ticks.ticks_at_result);
  g_assert_true (ticks.callback_thread == g_thread_self ());
  texture = ef_pdf_document_render_page_finish (document, ticks.result, &error);
  g_assert_no_error (error);
  g_clear_object (&ticks.result);
}

static void
assert_invalid (GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPdfDocument) document = load (bytes, &error);

  g_assert_null (document);
  g_assert_error (error, EF_PDF_ERROR, EF_PDF_ERROR_INVALID);
  /* A sentence for people, through gettext, never Poppler's text. */
  g_assert_cmpstr (error->message, ==, "The document is not a valid PDF file.");
}

static void
test_document_invalid (void)
{
  g_autoptr (GBytes) text = g_bytes_new_static ("not a pdf", strlen ("not a pdf"));
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GBytes) header = g_bytes_new_static ("%PDF-1.5\n", strlen ("%PDF-1.5\n"));
  g_autoptr (GBytes) truncated = g_bytes_new_from_bytes (invoice_pdf, 0, g_bytes_get_size (invoice_pdf) / 2);
  g_autoptr (GBytes) start = g_bytes_new_from_bytes (invoice_pdf, 0, 400);

  assert_invalid (text);
  assert_invalid (empty);
  assert_invalid (header);
  assert_invalid (truncated);
  assert_invalid (start);
}

static void
test_document_cancel (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (invoice_pdf);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (EfPdfDocument) other = NULL;

  /* Cancelled while in the worker (or before it starts). */
  ef_pdf_document_render_page_async (document, 0, DPI_150, cancellable, ui_test_on_result_cb, &result);
  g_cancellable_cancel (cancellable);
  g_assert_true (wait_for_result (&result));
  texture = ef_pdf_document_render_page_finish (document, result, &error);
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelled before the call. */
  g_cancellable_cancel (cancelled);
  texture = render (document, 0, DPI_150, cancelled, &error);
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* A cancelled load. */
  ef_pdf_document_new_async (invoice_pdf, cancelled, ui_test_on_result_cb, &result);
  g_assert_true (wait_for_result (&result));
  other = ef_pdf_document_new_finish (result, &error);
  g_assert_null (other);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The document still renders afterwards. */
  texture = render_ok (document, 0, 1.0);
  assert_size_near (gdk_texture_get_width (texture), 595);
}

static void
test_document_pages (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (three_pages_pdf);
  g_autoptr (GdkTexture) landscape = NULL;
  g_autoptr (GdkTexture) a5 = NULL;
  g_auto (Pixels) p = { 0 };
  double width, height;

  g_assert_cmpuint (ef_pdf_document_get_n_pages (document), ==, 3);
  ef_pdf_document_get_page_size (document, 1, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 841.89, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 595.28, 0.01);
  ef_pdf_document_get_page_size (document, 2, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 419.53, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 595.28, 0.01);

  landscape = render_ok (document, 1, 1.0);
  assert_size_near (gdk_texture_get_width (landscape), 842);
  assert_size_near (gdk_texture_get_height (landscape), 595);
  download (landscape, &p);
  /* The band at the top, the paper below it. */
  g_assert_true (is_dark (pixel_at (&p, 421, 70)));
  g_assert_cmphex (pixel_at (&p, 421, 400), ==, 0xffffffff);

  a5 = render_ok (document, 2, 2.0);
  assert_size_near (gdk_texture_get_width (a5), 839);
  assert_size_near (gdk_texture_get_height (a5), 1191);

  /* Far too large a texture is refused, with a sentence. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GdkTexture) huge = render (document, 0, 100.0, NULL, &error);

    g_assert_null (huge);
    g_assert_error (error, EF_PDF_ERROR, EF_PDF_ERROR_RENDER);
  }
}

static void
test_document_save (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (invoice_pdf);
  g_autofree char *directory = g_dir_make_tmp ("ef-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "facture.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) nowhere = g_file_new_build_filename (directory, "missing", "facture.pdf", NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  ef_pdf_document_save_async (document, file, NULL, ui_test_on_result_cb, &result);
  g_assert_true (wait_for_result (&result));
  g_assert_true (ef_pdf_document_save_finish (document, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (invoice_pdf, NULL), g_bytes_get_size (invoice_pdf));
  g_clear_object (&result);

  /* A folder that does not exist: a sentence that says what to do. */
  ef_pdf_document_save_async (document, nowhere, NULL, ui_test_on_result_cb, &result);
  g_assert_true (wait_for_result (&result));
  g_assert_false (ef_pdf_document_save_finish (document, result, &error));
  g_assert_error (error, EF_PDF_ERROR, EF_PDF_ERROR_SAVE);
  g_assert_cmpstr (error->message, ==, "The copy could not be saved. Choose another folder and try again.");

  g_unlink (path);
  g_rmdir (directory);
}

/* Printing, exported to a PDF file through the very print operation the
 * print dialog runs: every page, each on its paper and orientation, in
 * vector form (the same ink as the original). */
static void
test_document_print (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (three_pages_pdf);
  g_autoptr (GtkPrintOperation) operation = ef_pdf_document_create_print_operation (document, "test");
  g_autofree char *directory = g_dir_make_tmp ("ef-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "printed.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPdfDocument) printed = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  gtk_print_operation_set_export_filename (operation, path);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  printed = load_ok (bytes);
  g_assert_cmpuint (ef_pdf_document_get_n_pages (printed), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (GdkTexture) original = render_ok (document, i, 0.5);
      g_autoptr (GdkTexture) copy = render_ok (printed, i, 0.5);
      g_auto (Pixels) a = { 0 };
      g_auto (Pixels) b = { 0 };
      double width, height, printed_width, printed_height;
      guint different = 0;

      ef_pdf_document_get_page_size (document, i, &width, &height);
      ef_pdf_document_get_page_size (printed, i, &printed_width, &printed_height);
      g_assert_cmpfloat_with_epsilon (printed_width, width, 1.0);
      g_assert_cmpfloat_with_epsilon (printed_height, height, 1.0);

      download (original, &a);
      download (copy, &b);
      g_assert_cmpint (a.width, ==, b.width);
      g_assert_cmpint (a.height, ==, b.height);
      for (int y = 0; y < a.height; y++)
        for (int x = 0; x < a.width; x++)
          different += is_dark (pixel_at (&a, x, y)) != is_dark (pixel_at (&b, x, y));
      g_test_message ("page %u: %u pixels of %d differ", i + 1, different, a.width * a.height);
      g_assert_cmpuint (different, <, (guint) (a.width * a.height / 200));
    }

  g_unlink (path);
  g_rmdir (directory);
}

/* EfPdfView */

static void
test_view_pages (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (three_pages_pdf);
  EfPdfView *view = g_object_ref_sink (EF_PDF_VIEW (ef_pdf_view_new ()));

  g_assert_false (ef_pdf_view_get_rendering (view));
  ef_pdf_view_set_suggested_name (view, "three.pdf");
  ef_pdf_view_set_document (view, document);
  g_assert_true (ef_pdf_view_get_document (view) == document);
  g_assert_cmpuint (ef_pdf_view_get_n_pages (view), ==, 3);
  g_assert_true (ef_pdf_view_get_rendering (view));

  g_assert_true (ui_test_wait_until (view_is_rendered_cb, view));
  g_assert_cmpuint (ef_pdf_view_get_n_rendered (view), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      GdkTexture *texture = ef_pdf_view_get_page_texture (view, i);
      int width, height;

      g_assert_true (GDK_IS_TEXTURE (texture));
      ef_pdf_document_get_page_pixel_size (document, i, ef_pdf_view_get_render_scale (view), &width, &height);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
    }
  /* Page 2 is landscape. */
  g_assert_cmpint (gdk_texture_get_width (ef_pdf_view_get_page_texture (view, 1)), >,
                   gdk_texture_get_height (ef_pdf_view_get_page_texture (view, 1)));

  /* Another document replaces the pages. */
  {
    g_autoptr (EfPdfDocument) invoice = load_ok (invoice_pdf);

    ef_pdf_view_set_document (view, invoice);
    g_assert_cmpuint (ef_pdf_view_get_n_pages (view), ==, 1);
    g_assert_true (ui_test_wait_until (view_is_rendered_cb, view));
  }
  ef_pdf_view_set_document (view, NULL);
  g_assert_cmpuint (ef_pdf_view_get_n_pages (view), ==, 0);
  g_assert_false (ef_pdf_view_get_rendering (view));

  g_object_unref (view);
}

static void
test_view_zoom (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (invoice_pdf);
  EfPdfView *view = g_object_ref_sink (EF_PDF_VIEW (ef_pdf_view_new ()));
  int width_at_100, width_after;

  ef_pdf_view_set_document (view, document);
  g_assert_true (ui_test_wait_until (view_is_rendered_cb, view));
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (view), 1.0, 1e-6);
  g_assert_cmpstr (ef_pdf_view_get_zoom_text (view), ==, "100%");
  width_at_100 = gdk_texture_get_width (ef_pdf_view_get_page_texture (view, 0));
  /* 100 %: the real size at 96 dpi. */
  assert_size_near (width_at_100, 794 * gtk_widget_get_scale_factor (GTK_WIDGET (view)));

  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (view), 1.1, 1e-6);
  g_assert_cmpstr (ef_pdf_view_get_zoom_text (view), ==, "110%");
  g_assert_true (ef_pdf_view_get_rendering (view));
  /* Until the new render, the old texture is shown. */
  g_assert_cmpint (gdk_texture_get_width (ef_pdf_view_get_page_texture (view, 0)), ==, width_at_100);
  g_assert_cmpuint (ef_pdf_view_get_n_rendered (view), ==, 0);

  /* Steps in a row: one render, at the last. */
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (view), 1.25, 1e-6);
  g_assert_true (ui_test_wait_until (view_is_rendered_cb, view));
  width_after = gdk_texture_get_width (ef_pdf_view_get_page_texture (view, 0));
  g_assert_cmpint (width_after, >, width_at_100);
  assert_size_near (width_after, (int) (width_at_100 * 1.25 + 0.5));

  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (view), 0.9, 1e-6);
  g_assert_true (ui_test_wait_until (view_is_rendered_cb, view));
  g_assert_cmpint (gdk_texture_get_width (ef_pdf_view_get_page_texture (view, 0)), <, width_at_100);

  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (view), 1.0, 1e-6);

  /* Clamped. */
  ef_pdf_view_set_zoom (view, 100.0);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (view), EF_PDF_VIEW_MAX_ZOOM, 1e-6);
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (view), EF_PDF_VIEW_MAX_ZOOM, 1e-6);
  ef_pdf_view_set_zoom (view, 0.0);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (view), EF_PDF_VIEW_MIN_ZOOM, 1e-6);
  g_assert_true (ui_test_wait_until (view_is_rendered_cb, view));

  g_object_unref (view);
}

/* Disposed while a page renders: the render is cancelled, the view
 * finalized once the worker is done, nothing touched afterwards. */
static void
test_view_dispose_while_rendering (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (three_pages_pdf);
  EfPdfView *view = g_object_ref_sink (EF_PDF_VIEW (ef_pdf_view_new ()));
  gpointer weak = view;

  g_object_add_weak_pointer (G_OBJECT (view), &weak);
  ef_pdf_view_set_zoom (view, 2.0);
  ef_pdf_view_set_document (view, document);
  g_assert_true (ef_pdf_view_get_rendering (view));
  g_object_unref (view);
  g_assert_true (ui_test_wait_until (is_null_cb, &weak));
}

typedef struct {
  GtkWidget *window;
  EfPdfView *view;
} Shown;

static void
show_in_window (Shown         *shown,
                EfPdfDocument *document,
                int            width,
                int            height)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  shown->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (shown->window), window_title);
  gtk_window_set_default_size (GTK_WINDOW (shown->window), width, height);
  shown->view = EF_PDF_VIEW (ef_pdf_view_new ());
  ef_pdf_view_set_suggested_name (shown->view, "facture-pop-F261000001.pdf");
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (shown->view));
  gtk_window_set_child (GTK_WINDOW (shown->window), overlay);
  gtk_window_present (GTK_WINDOW (shown->window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, shown->view));
  ef_pdf_view_set_document (shown->view, document);
}

static gboolean
page_allocated_cb (gpointer data)
{
  EfPdfView *view = data;
  GtkWidget *page = ef_pdf_view_get_page_widget (view, 0);
  GdkTexture *texture = ef_pdf_view_get_page_texture (view, 0);
  int scale_factor = gtk_widget_get_scale_factor (page);

  return texture != NULL
         && gtk_widget_get_width (page) == (gdk_texture_get_width (texture) + scale_factor - 1) / scale_factor;
}

static void
test_view_window (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (invoice_pdf);
  const char *expected_scale = g_getenv ("EF_TEST_EXPECT_SCALE");
  Shown shown = { 0 };
  GtkWidget *page;
  GdkTexture *texture;
  int scale_factor, width, height, view_width;
  double fit;
  int settle = 3;

  show_in_window (&shown, document, 900, 700);
  scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (shown.view));
  if (expected_scale != NULL)
    g_assert_cmpint (scale_factor, ==, atoi (expected_scale));
  g_test_message ("scale factor %d", scale_factor);

  g_assert_true (ui_test_wait_until (view_is_rendered_cb, shown.view));
  /* At first the page fits the width, but is never larger than its real
   * size: 100 % in 900 pixels; less where the screen holds less (at scale
   * factor 2, Xvfb's 1280 pixels are 640 logical ones). */
  view_width = gtk_widget_get_width (GTK_WIDGET (shown.view));
  fit = (view_width - 36 - 1) / (595.28 * 96.0 / 72.0);
  g_test_message ("view %d px wide", view_width);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (shown.view), MIN (fit, 1.0), 1e-6);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_render_scale (shown.view),
                                  ef_pdf_view_get_zoom (shown.view) * 96.0 / 72.0 * scale_factor, 1e-9);
  texture = ef_pdf_view_get_page_texture (shown.view, 0);
  ef_pdf_document_get_page_pixel_size (document, 0, ef_pdf_view_get_render_scale (shown.view), &width, &height);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  if (fit >= 1.0)
    assert_size_near (width, 794 * scale_factor);

  /* The page is as wide as its texture in device pixels: sharp. */
  page = ef_pdf_view_get_page_widget (shown.view, 0);
  g_assert_true (ui_test_wait_until (page_allocated_cb, shown.view));
  g_assert_true (gtk_widget_get_mapped (page));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, "Page 1 of 1");

  /* Fit the width: the page fills the view but for its margins. */
  gtk_widget_activate_action (GTK_WIDGET (shown.view), "pdf.zoom-fit", NULL);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (shown.view), fit, 1e-6);
  g_assert_true (ui_test_wait_until (view_is_rendered_cb, shown.view));
  g_assert_true (ui_test_wait_until (page_allocated_cb, shown.view));
  g_assert_true (ui_test_wait_until (ui_test_settle_cb, &settle));
  g_test_message ("fit width: zoom %.3f, page %d px in a view of %d px", ef_pdf_view_get_zoom (shown.view),
                  gtk_widget_get_width (page), view_width);
  g_assert_cmpint (gtk_widget_get_width (page), <=, view_width - 36);
  g_assert_cmpint (gtk_widget_get_width (page), >=, view_width - 40);

  /* A keyboard zoom reaches the view from a focused page. */
  gtk_widget_grab_focus (page);
  gtk_widget_activate_action (page, "pdf.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (shown.view), 1.0, 1e-6);
  g_assert_true (ui_test_wait_until (view_is_rendered_cb, shown.view));

  gtk_window_destroy (GTK_WINDOW (shown.window));
}

/* Three pages in a short window: the first one renders, the others wait
 * until they come near the visible area. */
typedef struct {
  EfPdfView *view;
  guint      page;
} PageWait;

static gboolean
page_shown_cb (gpointer data)
{
  PageWait *wait = data;

  return !ef_pdf_view_get_rendering (wait->view)
         && ef_pdf_view_get_page_texture (wait->view, wait->page) != NULL;
}

static void
test_view_window_lazy (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (three_pages_pdf);
  Shown shown = { 0 };
  PageWait first = { NULL, 0 };
  PageWait last = { NULL, 2 };
  GtkAdjustment *vadjustment;
  GtkScrolledWindow *scrolled;

  show_in_window (&shown, document, 900, 500);
  ef_pdf_view_set_zoom (shown.view, 1.5);
  first.view = last.view = shown.view;
  g_assert_true (ui_test_wait_until (page_shown_cb, &first));
  /* At its own width, narrower than the landscape page 2. */
  g_assert_true (ui_test_wait_until (page_allocated_cb, shown.view));
  /* Page 1 shows; pages 2 and 3, more than a screen below, wait. */
  g_assert_null (ef_pdf_view_get_page_texture (shown.view, 1));
  g_assert_null (ef_pdf_view_get_page_texture (shown.view, 2));
  g_assert_cmpuint (ef_pdf_view_get_n_rendered (shown.view), ==, 1);

  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (ef_pdf_view_get_page_widget (shown.view, 0),
                                                           GTK_TYPE_SCROLLED_WINDOW));
  vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  g_assert_true (ui_test_wait_until (page_shown_cb, &last));
  /* Page 1 is far above now: its texture was given back. */
  g_assert_null (ef_pdf_view_get_page_texture (shown.view, 0));

  gtk_window_destroy (GTK_WINDOW (shown.window));
}

/* Keys and the wheel, as a person uses them (xdotool, XTEST). */

static char *
x_window_id (void)
{
  const char *argv[] = { "xdotool", "search", "--sync", "--name", window_title, NULL };
  g_autofree char *output = ui_test_run_command (argv);
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);

  g_assert_nonnull (lines[0]);
  g_assert_cmpstr (lines[0], !=, "");
  return g_strdup (lines[0]);
}

static void
xdotool (const char * const *args)
{
  g_autofree char *id = x_window_id ();
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *output = NULL;

  g_ptr_array_add (argv, (char *) "xdotool");
  g_ptr_array_add (argv, (char *) "windowfocus");
  g_ptr_array_add (argv, (char *) "--sync");
  g_ptr_array_add (argv, id);
  g_ptr_array_add (argv, (char *) "mousemove");
  g_ptr_array_add (argv, (char *) "--window");
  g_ptr_array_add (argv, id);
  g_ptr_array_add (argv, (char *) "450");
  g_ptr_array_add (argv, (char *) "400");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  output = ui_test_run_command ((const char * const *) argv->pdata);
}

typedef struct {
  EfPdfView *view;
  double     zoom;
} ZoomWait;

static gboolean
zoom_is_cb (gpointer data)
{
  ZoomWait *wait = data;

  return G_APPROX_VALUE (ef_pdf_view_get_zoom (wait->view), wait->zoom, 1e-6);
}

static void
assert_zoom_soon (EfPdfView *view,
                  double     zoom)
{
  ZoomWait wait = { view, zoom };

  if (!ui_test_wait_until (zoom_is_cb, &wait))
    g_error ("zoom %g, not %g", ef_pdf_view_get_zoom (view), zoom);
}

static gboolean
scrolled_down_cb (gpointer data)
{
  return gtk_adjustment_get_value (data) > 0.0;
}

static void
test_view_keyboard (void)
{
  g_autoptr (EfPdfDocument) document = load_ok (invoice_pdf);
  Shown shown = { 0 };
  GtkAdjustment *vadjustment;

  show_in_window (&shown, document, 900, 700);
  ef_pdf_view_set_zoom (shown.view, 1.0);
  g_assert_true (ui_test_wait_until (view_is_rendered_cb, shown.view));
  gtk_widget_grab_focus (ef_pdf_view_get_page_widget (shown.view, 0));

  xdotool ((const char *[]) { "key", "ctrl+plus", NULL });
  assert_zoom_soon (shown.view, 1.1);
  xdotool ((const char *[]) { "key", "ctrl+equal", NULL });
  assert_zoom_soon (shown.view, 1.25);
  xdotool ((const char *[]) { "key", "ctrl+minus", "key", "ctrl+minus", "key", "ctrl+minus", NULL });
  assert_zoom_soon (shown.view, 0.9);
  xdotool ((const char *[]) { "key", "ctrl+0", NULL });
  assert_zoom_soon (shown.view, 1.0);

  /* Ctrl and the wheel zoom; the wheel alone scrolls. */
  xdotool ((const char *[]) { "keydown", "ctrl", "click", "4", "keyup", "ctrl", NULL });
  assert_zoom_soon (shown.view, 1.1);
  xdotool ((const char *[]) { "keydown", "ctrl", "click", "5", "keyup", "ctrl", NULL });
  assert_zoom_soon (shown.view, 1.0);
  vadjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (ef_pdf_view_get_page_widget (shown.view, 0),
                                                  GTK_TYPE_SCROLLED_WINDOW)));
  xdotool ((const char *[]) { "click", "5", NULL });
  g_assert_true (ui_test_wait_until (scrolled_down_cb, vadjustment));
  g_assert_cmpfloat_with_epsilon (ef_pdf_view_get_zoom (shown.view), 1.0, 1e-6);

  gtk_window_destroy (GTK_WINDOW (shown.window));
}

/* Screenshot */

static int
take_screenshot (const Screenshot *shot)
{
  g_autoptr (EfPdfDocument) document = NULL;
  Shown shown = { 0 };
  int settle = 10;

  if (shot->dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  if (shot->three_pages)
    {
      three_pages_pdf = make_three_pages ();
      document = load_ok (three_pages_pdf);
    }
  else
    {
      invoice_pdf = ef_test_api_demo_invoice_pdf ();
      document = load_ok (invoice_pdf);
    }
  show_in_window (&shown, document, shot->width, shot->height);
  if (shot->zoom > 0.0)
    ef_pdf_view_set_zoom (shown.view, shot->zoom);
  g_assert_true (ui_test_wait_until (view_is_rendered_cb, shown.view));
  g_assert_true (ui_test_wait_until (ui_test_settle_cb, &settle));

  {
    const char *argv[] = { "import", "-window", "root", shot->path, NULL };
    g_autofree char *output = ui_test_run_command (argv);
  }
  return 0;
}

/* The private copies for other applications go at sign-out: an invoice
 * names a family and its address. */
static void
test_view_forget_copies (void)
{
  g_autofree char *directory = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, "documents", NULL);
  g_autofree char *copy = g_build_filename (directory, "facture-pop-F261000001.pdf", NULL);
  g_autofree char *other = g_build_filename (directory, "document.pdf", NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, "%PDF-1.4", -1, NULL));
  g_assert_true (g_file_set_contents (other, "%PDF-1.4", -1, NULL));

  ef_pdf_view_forget_copies_async (NULL, ui_test_on_result_cb, &result);
  g_assert_true (ef_pdf_view_forget_copies_finish (ui_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  /* Nothing to forget is no failure. */
  g_clear_object (&result);
  ef_pdf_view_forget_copies_async (NULL, ui_test_on_result_cb, &result);
  g_assert_true (ef_pdf_view_forget_copies_finish (ui_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  Screenshot shot = { NULL, 1000, 800, 0.0, FALSE, FALSE };
  int status;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--screenshot="))
        shot.path = argv[i] + strlen ("--screenshot=");
      else if (g_str_has_prefix (argv[i], "--width="))
        shot.width = atoi (argv[i] + strlen ("--width="));
      else if (g_str_has_prefix (argv[i], "--height="))
        shot.height = atoi (argv[i] + strlen ("--height="));
      else if (g_str_has_prefix (argv[i], "--zoom="))
        shot.zoom = g_ascii_strtod (argv[i] + strlen ("--zoom="), NULL);
      else if (g_str_equal (argv[i], "--dark"))
        shot.dark = TRUE;
      else if (g_str_equal (argv[i], "--three-pages"))
        shot.three_pages = TRUE;
    }
  if (shot.path != NULL)
    {
      window_title = g_strdup ("Facture");
      gtk_init ();
      adw_init ();
      return take_screenshot (&shot);
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Unique, for xdotool. */
  window_title = g_strdup_printf ("Facture %d", (int) getpid ());

  invoice_pdf = ef_test_api_demo_invoice_pdf ();
  three_pages_pdf = make_three_pages ();

  g_test_add_func ("/pdf-document/invoice", test_document_invoice);
  g_test_add_func ("/pdf-document/render-150dpi", test_document_render_150dpi);
  g_test_add_func ("/pdf-document/render-hidpi", test_document_render_hidpi);
  g_test_add_func ("/pdf-document/worker-thread", test_document_worker_thread);
  g_test_add_func ("/pdf-document/ticks", test_document_ticks);
  g_test_add_func ("/pdf-document/invalid", test_document_invalid);
  g_test_add_func ("/pdf-document/cancel", test_document_cancel);
  g_test_add_func ("/pdf-document/pages", test_document_pages);
  g_test_add_func ("/pdf-document/save", test_document_save);
  g_test_add_func ("/pdf-document/print", test_document_print);
  g_test_add_func ("/pdf-view/pages", test_view_pages);
  g_test_add_func ("/pdf-view/zoom", test_view_zoom);
  g_test_add_func ("/pdf-view/dispose-while-rendering", test_view_dispose_while_rendering);
  g_test_add_func ("/pdf-view/window", test_view_window);
  g_test_add_func ("/pdf-view/window-lazy", test_view_window_lazy);
  g_test_add_func ("/pdf-view/keyboard", test_view_keyboard);
  g_test_add_func ("/pdf-view/forget-copies", test_view_forget_copies);

  status = g_test_run ();

  g_bytes_unref (invoice_pdf);
  g_bytes_unref (three_pages_pdf);
  g_free (window_title);
  return status;
}
