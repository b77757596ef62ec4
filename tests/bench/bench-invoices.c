/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-invoices.c: Mes factures' list of 1,000 invoices, scrolled
 * (see docs/benchmarks.md)
 *
 * Target, with the cairo renderer: a list of 1,000 invoices (GtkListView
 * recycling its rows) scrolls with no frame over 8 ms.
 *
 * A real 900×800 window under the X server of the test run (Xvfb) shows
 * an EfInvoicesPage fed 1,000 invoices to pay through
 * ef_invoices_page_show_invoices(); its client is not signed in, so it
 * never asks the portal for anything. Once the first frames are over, the
 * "To Pay" list is scrolled at six places from its top to its bottom, then
 * at the same six places from the bottom back to the top: each time 60
 * frames of 60 px, one step a frame, made by a tick callback on the
 * list's vertical adjustment. Scrolling the whole list at that speed would
 * take about 5,000 frames, more than the benchmark's time allows while
 * frames are slow; the jumps between places are not counted.
 *
 * Measured for each scrolling frame, in the main thread: from the frame
 * clock's before-paint to its after-paint (the scroll step, style,
 * layout, binding rows, snapshot, and the cairo rendering with the upload
 * to the X server), split into update, layout and paint; the main
 * thread's CPU time for it; and the rows the list bound ("bind" of its
 * factory) during the frame. Also: how many EfInvoiceRow widgets exist (a
 * bounded number, see MAX_ROWS, not one per invoice) and how many are on
 * screen, the process's VmRSS, and the list drawn offscreen, snapshot and
 * GskCairoRenderer timed apart. The benchmark says whether the target is
 * met; it fails only when the rows are not recycled.
 */

#define G_LOG_DOMAIN "EfBench"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>

#include "api/ef-client.h"
#include "models/ef-invoice.h"
#include "pages/ef-invoices-page.h"
#include "widgets/ef-invoice-row.h"
#include "bench-frames.h"

#define N_INVOICES     1000
#define SCROLL_STEP    60.0  /* px a frame */
#define N_PLACES       6     /* places along the list, scrolled down then up */
#define PLACE_FRAMES   60
#define MIN_FRAMES     600
#define TARGET_US      8000
/* GTK 4.8's GtkListView keeps up to 200 rows around the one in the middle
 * of the view (GTK_LIST_VIEW_MAX_LIST_ITEMS), plus 2 above and below it
 * and the focused row: that many at most, whatever the list's length. */
#define MAX_ROWS       210
#define N_RENDERS      20

typedef struct
{
  GArray   *total;         /* gint64 µs per frame, while recording */
  GArray   *update;
  GArray   *layout;
  GArray   *paint;
  GArray   *binds;         /* gint64 rows bound per frame */
  GArray   *cpu;           /* gint64 µs of the main thread's CPU time */
  gint64    before_paint;
  gint64    cpu_start;
  gint64    layout_start;  /* end of the update phase */
  gint64    paint_start;   /* end of the (last) layout phase */
  guint     n_binds;       /* in this frame */
  guint     n_painted;
  gboolean  recording;
  gboolean  stepped;       /* this frame moved the list */
} Frames;

typedef struct
{
  GtkAdjustment *adjustment;
  GtkWidget     *list;
  GtkWidget     *scroller;
  double         direction;
  guint          steps_left;
  guint          n_steps;
  guint          max_rows;
  guint          max_on_screen;
} Scroll;

static Frames frames;

/* The main thread's CPU time: the frame's work without the time the
 * shared machine gave to other processes (the X server's included). */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
percentile (GArray *sorted,
            double  p)
{
  return g_array_index (sorted, gint64, MIN (sorted->len - 1, (guint) (sorted->len * p)));
}

static guint
count_over (GArray *samples,
            gint64  limit)
{
  guint n = 0;

  for (guint i = 0; i < samples->len; i++)
    n += g_array_index (samples, gint64, i) > limit;
  return n;
}

/* Sorts @samples. */
static void
report (const char *what,
        GArray     *samples)
{
  if (samples->len == 0)
    {
      printf ("%-42s no samples\n", what);
      return;
    }
  g_array_sort (samples, compare_int64);
  printf ("%-42s n=%4u  p50 %7.3f  p95 %7.3f  p99 %7.3f  max %7.3f ms  >8 ms: %u\n", what,
          samples->len, percentile (samples, 0.50) / 1000.0, percentile (samples, 0.95) / 1000.0,
          percentile (samples, 0.99) / 1000.0,
          g_array_index (samples, gint64, samples->len - 1) / 1000.0,
          count_over (samples, TARGET_US));
}

/* Sorts @samples. */
static void
report_count (const char *what,
              GArray     *samples)
{
  gint64 sum = 0;

  if (samples->len == 0)
    return;
  g_array_sort (samples, compare_int64);
  for (guint i = 0; i < samples->len; i++)
    sum += g_array_index (samples, gint64, i);
  printf ("%-42s n=%4u  mean %.1f  p50 %" G_GINT64_FORMAT "  max %" G_GINT64_FORMAT "\n", what,
          samples->len, (double) sum / samples->len, percentile (samples, 0.50),
          g_array_index (samples, gint64, samples->len - 1));
}

static double
vm_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10) / 1024.0 : -1;
}

/* The EfInvoiceRow widgets under @widget, and those of them that
 * @viewport shows. */
static guint
count_rows (GtkWidget *widget,
            GtkWidget *viewport,
            guint     *on_screen)
{
  guint n = 0;

  if (EF_IS_INVOICE_ROW (widget))
    {
      graphene_rect_t bounds;

      if (on_screen != NULL && gtk_widget_get_mapped (widget)
          && gtk_widget_compute_bounds (widget, viewport, &bounds)
          && bounds.size.height > 0 && bounds.origin.y + bounds.size.height > 0
          && bounds.origin.y < gtk_widget_get_height (viewport))
        (*on_screen)++;
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child, viewport, on_screen);
  return n;
}

static GListModel *
make_invoices (guint n)
{
  GListStore *store = g_list_store_new (EF_TYPE_INVOICE);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("pop-F2611%05u", i + 1);
      gint64 amount = 1500 + (i * 3719) % 25000;
      gint64 paid = i % 7 == 0 ? amount / 2 : 0;
      g_autoptr (EfInvoice) invoice = NULL;

      invoice = g_object_new (EF_TYPE_INVOICE,
                              "id", (gint64) (i + 1),
                              "number", number,
                              "service", "education",
                              "label", "Éducation — novembre 2026",
                              "issue-date", (guint) ef_day_new (2026, 12, 1),
                              "period-start", (guint) ef_day_new (2026, 11, 1),
                              "period-end", (guint) ef_day_new (2026, 11, 30),
                              "due-date", (guint) ef_day_new (2026, 12, 31),
                              "amount", amount,
                              "balance", amount - paid,
                              "paid", paid,
                              "status", EF_INVOICE_STATUS_TO_PAY,
                              "payable-online", TRUE,
                              "not-payable-reason", EF_NOT_PAYABLE_REASON_NONE,
                              NULL);
      g_list_store_append (store, invoice);
    }

  return G_LIST_MODEL (store);
}

/* ----------------------------------------------------------- callbacks */

static void
on_before_paint_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  frames.before_paint = g_get_monotonic_time ();
  frames.cpu_start = thread_cpu_time ();
  frames.layout_start = 0;
  frames.paint_start = 0;
  frames.n_binds = 0;
}

/* Connected after: runs once the tick callbacks are done. */
static void
on_update_after_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  frames.layout_start = g_get_monotonic_time ();
}

/* Connected after: the last one of the frame ends the layout phase. */
static void
on_layout_after_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  frames.paint_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  Scroll *scroll = user_data;
  gint64 end = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time () - frames.cpu_start;
  gint64 layout_start = frames.layout_start != 0 ? frames.layout_start : frames.before_paint;
  gint64 paint_start = frames.paint_start != 0 ? frames.paint_start : layout_start;

  frames.n_painted++;
  if (frames.recording && frames.stepped)
    {
      guint n_rows, on_screen = 0;

      g_array_append_vals (frames.total, (gint64[]) { end - frames.before_paint }, 1);
      g_array_append_vals (frames.update, (gint64[]) { layout_start - frames.before_paint }, 1);
      g_array_append_vals (frames.layout, (gint64[]) { paint_start - layout_start }, 1);
      g_array_append_vals (frames.paint, (gint64[]) { end - paint_start }, 1);
      g_array_append_vals (frames.binds, (gint64[]) { frames.n_binds }, 1);
      g_array_append_vals (frames.cpu, (gint64[]) { cpu }, 1);

      /* Outside the frame's time. */
      n_rows = count_rows (scroll->list, scroll->scroller, &on_screen);
      scroll->max_rows = MAX (scroll->max_rows, n_rows);
      scroll->max_on_screen = MAX (scroll->max_on_screen, on_screen);
    }
  frames.stepped = FALSE;
}

static void
on_bind_cb (GtkListItemFactory *factory,
            GtkListItem        *item,
            gpointer            user_data)
{
  frames.n_binds++;
}

/* One step a frame, in the update phase. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Scroll *scroll = user_data;
  double lower = gtk_adjustment_get_lower (scroll->adjustment);
  double end = gtk_adjustment_get_upper (scroll->adjustment) - gtk_adjustment_get_page_size (scroll->adjustment);
  double value = gtk_adjustment_get_value (scroll->adjustment);

  if (scroll->steps_left == 0)
    return G_SOURCE_REMOVE;

  gtk_adjustment_set_value (scroll->adjustment,
                            CLAMP (value + scroll->direction * SCROLL_STEP, lower, end));
  scroll->steps_left--;
  scroll->n_steps++;
  frames.stepped = TRUE;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until a frame has been painted, or @timeout_ms. */
static gboolean
wait_for_frame (guint timeout_ms)
{
  return bench_wait_for_frame (&frames.n_painted, timeout_ms);
}

/* Jumps to @from (not counted), then scrolls PLACE_FRAMES steps. */
static void
scroll_from (Scroll *scroll,
             double  from,
             double  direction)
{
  gtk_adjustment_set_value (scroll->adjustment, from);
  while (wait_for_frame (300))
    ;

  scroll->direction = direction;
  scroll->steps_left = PLACE_FRAMES;
  frames.recording = TRUE;
  gtk_widget_add_tick_callback (scroll->list, scroll_tick_cb, scroll, NULL);
  while (scroll->steps_left > 0 && wait_for_frame (5000))
    ;
  /* The frame of the last step. */
  if (frames.stepped)
    wait_for_frame (5000);
  frames.recording = FALSE;
}

/* The scrolled list drawn offscreen: snapshot, then GskCairoRenderer. */
static void
render_offscreen (GtkWidget *widget,
                  GArray    *snapshot_times,
                  GArray    *render_times)
{
  g_autoptr (GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr (GError) error = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (!gsk_renderer_realize (renderer, NULL, &error))
    g_error ("cairo renderer: %s", error->message);
  for (guint i = 0; i < N_RENDERS; i++)
    {
      g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr (GskRenderNode) node = NULL;
      g_autoptr (GdkTexture) texture = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      g_array_append_vals (snapshot_times, (gint64[]) { g_get_monotonic_time () - start }, 1);

      start = g_get_monotonic_time ();
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
      g_array_append_vals (render_times, (gint64[]) { g_get_monotonic_time () - start }, 1);
    }
  gsk_renderer_unrealize (renderer);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GArray) build_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) show_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) first_frame = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) scroll_frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) update_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) layout_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) paint_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) binds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) snapshot_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) render_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GtkCssProvider) css = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GListModel) invoices = NULL;
  Scroll scroll = { 0 };
  GtkWidget *window;
  GtkWidget *page;
  GtkListView *list;
  GdkFrameClock *clock;
  const char *renderer_name;
  double rss_start, rss_shown, rss_scrolled;
  double range, span;
  guint rows_shown, on_screen_shown = 0, n_over;
  gint64 start, scroll_start, scroll_end;
  gboolean cairo, met;

  /* The renderer of the target, unless another is chosen on purpose. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display: run through build-aux/run-tests --benchmark\n");
      return 77;
    }
  adw_init ();

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  rss_start = vm_rss_mib ();

  /* The invoices, the window and the page; then the list is fed. */
  start = g_get_monotonic_time ();
  invoices = make_invoices (N_INVOICES);
  g_array_append_vals (build_times, (gint64[]) { g_get_monotonic_time () - start }, 1);

  client = ef_client_new ("http://127.0.0.1:9/7249");
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Invoices benchmark");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  page = ef_invoices_page_new (client);
  gtk_window_set_child (GTK_WINDOW (window), page);
  list = ef_invoices_page_get_list (EF_INVOICES_PAGE (page), "to-pay");
  scroll.list = GTK_WIDGET (list);
  scroll.scroller = gtk_widget_get_ancestor (scroll.list, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroll.scroller);
  scroll.adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroll.scroller));
  g_signal_connect (gtk_list_view_get_factory (list), "bind", G_CALLBACK (on_bind_cb), NULL);

  start = g_get_monotonic_time ();
  ef_invoices_page_show_invoices (EF_INVOICES_PAGE (page), invoices);
  g_array_append_vals (show_times, (gint64[]) { g_get_monotonic_time () - start }, 1);
  g_assert_cmpstr (ef_invoices_page_get_state (EF_INVOICES_PAGE (page)), ==, "invoices");
  g_assert_cmpstr (ef_invoices_page_get_view (EF_INVOICES_PAGE (page)), ==, "to-pay");
  g_assert_cmpuint (g_list_model_get_n_items (ef_invoices_page_get_invoices (EF_INVOICES_PAGE (page), "to-pay")),
                    ==, N_INVOICES);

  frames.total = first_frame;
  frames.update = update_times;
  frames.layout = layout_times;
  frames.paint = paint_times;
  frames.binds = binds;
  frames.cpu = cpu_times;
  frames.recording = TRUE;
  frames.stepped = TRUE;
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  g_signal_connect_after (clock, "update", G_CALLBACK (on_update_after_cb), NULL);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_after_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &scroll);
  /* The first frame builds every style and lays the rows out. */
  g_assert_true (wait_for_frame (10000));
  frames.recording = FALSE;
  while (wait_for_frame (300))
    ;
  g_array_set_size (update_times, 0);
  g_array_set_size (layout_times, 0);
  g_array_set_size (paint_times, 0);
  g_array_set_size (binds, 0);
  g_array_set_size (cpu_times, 0);

  renderer_name = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));
  cairo = g_str_equal (renderer_name, "GskCairoRenderer");
  printf ("# renderer %s (GSK_RENDERER=%s), GTK %u.%u.%u, libadwaita %u.%u.%u\n", renderer_name,
          g_getenv ("GSK_RENDERER"), gtk_get_major_version (), gtk_get_minor_version (),
          gtk_get_micro_version (), adw_get_major_version (), adw_get_minor_version (),
          adw_get_micro_version ());
  if (!cairo)
    printf ("# not the cairo renderer: these are not the figures of the target\n");

  rss_shown = vm_rss_mib ();
  rows_shown = count_rows (scroll.list, scroll.scroller, &on_screen_shown);

  /* Six places from the top to the bottom, scrolled down; then the same
   * places from the bottom to the top, scrolled up. */
  frames.total = scroll_frames;
  range = gtk_adjustment_get_upper (scroll.adjustment) - gtk_adjustment_get_page_size (scroll.adjustment)
          - gtk_adjustment_get_lower (scroll.adjustment);
  span = PLACE_FRAMES * SCROLL_STEP;
  g_assert_cmpfloat (range, >, span);
  scroll_start = g_get_monotonic_time ();
  for (guint i = 0; i < N_PLACES; i++)
    scroll_from (&scroll, gtk_adjustment_get_lower (scroll.adjustment) + i * (range - span) / (N_PLACES - 1), 1);
  for (guint i = N_PLACES; i-- > 0;)
    scroll_from (&scroll, gtk_adjustment_get_lower (scroll.adjustment) + span + i * (range - span) / (N_PLACES - 1), -1);
  scroll_end = g_get_monotonic_time ();
  while (wait_for_frame (300))
    ;
  rss_scrolled = vm_rss_mib ();

  /* Offscreen, halfway down the list. */
  gtk_adjustment_set_value (scroll.adjustment, gtk_adjustment_get_lower (scroll.adjustment) + range / 2);
  while (wait_for_frame (300))
    ;
  render_offscreen (scroll.scroller, snapshot_times, render_times);

  printf ("# %u invoices to pay; window 900x800, list %dx%d px; rows %.1f px high, the list %.0f px\n",
          N_INVOICES, gtk_widget_get_width (scroll.scroller), gtk_widget_get_height (scroll.scroller),
          (range + gtk_adjustment_get_page_size (scroll.adjustment)) / N_INVOICES,
          range + gtk_adjustment_get_page_size (scroll.adjustment));
  printf ("# scroll: %u places down then up, %d frames of %.0f px each: %u steps in %.1f s\n",
          N_PLACES, PLACE_FRAMES, SCROLL_STEP, scroll.n_steps,
          (scroll_end - scroll_start) / (double) G_USEC_PER_SEC);
  report ("build 1,000 EfInvoice", build_times);
  report ("ef_invoices_page_show_invoices()", show_times);
  report ("first frame (styles, rows laid out)", first_frame);
  report ("scroll frame: before-paint to after-paint", scroll_frames);
  report ("  main-thread CPU time of the frame", cpu_times);
  report ("  update (the scroll step)", update_times);
  report ("  layout (style, measure, allocate, bind)", layout_times);
  report ("  paint (snapshot, cairo, upload)", paint_times);
  report_count ("rows bound per scroll frame", binds);
  report ("offscreen: snapshot of the list", snapshot_times);
  report ("offscreen: render, GskCairoRenderer", render_times);
  printf ("# EfInvoiceRow widgets: %u once shown (%u on screen); while scrolling at most %u (%u on screen)\n",
          rows_shown, on_screen_shown, scroll.max_rows, scroll.max_on_screen);
  printf ("# VmRSS: %.1f MiB before, %.1f MiB with the list shown, %.1f MiB after scrolling\n",
          rss_start, rss_shown, rss_scrolled);

  n_over = count_over (scroll_frames, TARGET_US);
  met = cairo && scroll_frames->len >= MIN_FRAMES && n_over == 0;
  printf ("# target: with cairo, no scroll frame over 8 ms (of at least %d)\n", MIN_FRAMES);
  printf ("%u frames, p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms, %u over 8 ms: target met: %s\n",
          scroll_frames->len, percentile (scroll_frames, 0.50) / 1000.0,
          percentile (scroll_frames, 0.95) / 1000.0, percentile (scroll_frames, 0.99) / 1000.0,
          g_array_index (scroll_frames, gint64, scroll_frames->len - 1) / 1000.0, n_over,
          met ? "yes" : "no");

  /* Recycling: the rows of a window, not one per invoice. */
  g_assert_cmpuint (scroll_frames->len, >=, MIN_FRAMES);
  g_assert_cmpuint (scroll.max_on_screen, >, 0);
  g_assert_cmpuint (scroll.max_rows, <=, MAX_ROWS);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
