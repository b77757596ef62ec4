/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-pdf.c: the invoice PDF, parsed and rendered to textures by
 * EfPdfDocument in its worker (see docs/benchmarks.md)
 *
 * Target: the invoice's page to a ready GdkTexture at 150 dpi in ≤ 30 ms.
 *
 * The invoice is the demo family's (id 4, A4), as the real server draws
 * it, fetched once over HTTP. Measured, each from the call to its
 * callback in the main thread (the worker's time plus the hop back):
 * loading the document; the page at 150 dpi (1240 × 1754) and at twice
 * that (2480 × 3508, a HiDPI screen at 150 %), after one render each not
 * counted (fonts); and, meanwhile, the longest gap between two ticks of
 * a 1 ms timeout in the main thread, which says whether rendering ever
 * holds the main loop; and what dropping a texture costs the main thread
 * (freeing its memory).
 */

#define G_LOG_DOMAIN "EfBench"

#include "config.h"

#include <stdio.h>

#include "ef-test-api.h"
#include "pdf/ef-pdf-document.h"

#define N_LOADS    50
#define N_RENDERS  100
#define DPI_150    (150.0 / 72.0)

typedef struct
{
  gint64   last_tick;
  gint64   longest_gap;
} Ticks;

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *samples)
{
  g_array_sort (samples, compare_int64);
  printf ("%-40s n=%3u  p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms\n", what, samples->len,
          g_array_index (samples, gint64, samples->len / 2) / 1000.0,
          g_array_index (samples, gint64, MIN (samples->len - 1, (guint) (samples->len * 0.95))) / 1000.0,
          g_array_index (samples, gint64, samples->len - 1) / 1000.0);
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  Ticks *ticks = user_data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last_tick != 0)
    ticks->longest_gap = MAX (ticks->longest_gap, now - ticks->last_tick);
  ticks->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static EfPdfDocument *
load (GBytes *bytes,
      gint64 *duration)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  EfPdfDocument *document;

  ef_pdf_document_new_async (bytes, NULL, on_result_cb, &result);
  document = ef_pdf_document_new_finish (wait_for (&result), &error);
  *duration = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  return document;
}

static GdkTexture *
render (EfPdfDocument *document,
        double         scale,
        gint64        *duration)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GdkTexture *texture;

  ef_pdf_document_render_page_async (document, 0, scale, NULL, on_result_cb, &result);
  texture = ef_pdf_document_render_page_finish (document, wait_for (&result), &error);
  *duration = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  return texture;
}

static void
bench_render (EfPdfDocument *document,
              double         scale,
              const char    *what)
{
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) releases = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GdkTexture) first = NULL;
  Ticks ticks = { 0 };
  gint64 duration;
  guint tick_source;

  first = render (document, scale, &duration);
  printf ("%-40s %d × %d px, first render %.2f ms\n", what,
          gdk_texture_get_width (first), gdk_texture_get_height (first), duration / 1000.0);

  tick_source = g_timeout_add (1, on_tick_cb, &ticks);
  for (guint i = 0; i < N_RENDERS; i++)
    {
      GdkTexture *texture = render (document, scale, &duration);
      gint64 start;

      g_assert_cmpint (gdk_texture_get_width (texture), ==, gdk_texture_get_width (first));
      g_array_append_val (samples, duration);
      start = g_get_monotonic_time ();
      g_object_unref (texture);
      duration = g_get_monotonic_time () - start;
      g_array_append_val (releases, duration);
    }
  g_source_remove (tick_source);

  report (what, samples);
  report ("  its release in the main thread", releases);
  printf ("%-40s longest main-loop gap %.2f ms (1 ms ticks)\n", "", ticks.longest_gap / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GArray) loads = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (EfPdfDocument) document = NULL;
  gint64 duration;

  g_test_init (&argc, &argv, NULL);

  bytes = ef_test_api_demo_invoice_pdf ();
  printf ("invoice 4: %zu bytes\n", g_bytes_get_size (bytes));

  for (guint i = 0; i < N_LOADS; i++)
    {
      g_autoptr (EfPdfDocument) loaded = load (bytes, &duration);

      g_array_append_val (loads, duration);
    }
  report ("load (parse, page sizes)", loads);

  document = load (bytes, &duration);
  bench_render (document, DPI_150, "page to texture, 150 dpi");
  bench_render (document, 2 * DPI_150, "page to texture, 300 dpi (HiDPI)");
  bench_render (document, 96.0 / 72.0, "page to texture, 96 dpi (zoom 100 %)");
  return 0;
}
