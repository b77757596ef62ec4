/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-calendar.c: the reservation calendar's year view, drawn and dragged
 * (see docs/benchmarks.md)
 *
 * Targets, with the cairo renderer: no frame over 8 ms, and each pointer
 * event handled in 2 ms or less.
 *
 * A real window under the X server of the test run (Xvfb): a school year
 * of three activities fed in one call each, shown as the year overview.
 * Measured: building and feeding it; its frames (from the frame clock's
 * before-paint to after-paint: style, layout, snapshot and cairo
 * rendering) while switching activities and while a drag across 60 days
 * is replayed through the gesture's own handlers, one event per frame;
 * the time of each of those events; and a full offscreen rendering of the
 * view with GskCairoRenderer.
 */

#define G_LOG_DOMAIN "EfBench"

#include "config.h"

#include <stdio.h>

#include <adwaita.h>

#include "widgets/ef-reservation-calendar.h"
#include "widgets/ef-reservation-calendar-private.h"
#include "bench-frames.h"

#define N_SWITCHES   30
#define N_DRAG_DAYS  60
#define N_RENDERS    20

static const char * const activity_ids[] = { "meal", "morning", "evening", NULL };
static const char * const activity_names[] = { "Repas", "Accueil du matin", "Accueil du soir", NULL };

typedef struct
{
  GArray  *frames;        /* gint64 µs, while recording */
  gint64   paint_start;
  guint    n_painted;
  gboolean recording;
} Frames;

static Frames frames;

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
  gint64 max;

  if (samples->len == 0)
    {
      printf ("%-44s no samples\n", what);
      return;
    }
  g_array_sort (samples, compare_int64);
  max = g_array_index (samples, gint64, samples->len - 1);
  printf ("%-44s n=%3u  p50 %6.3f ms  p99 %6.3f ms  max %6.3f ms\n", what, samples->len,
          g_array_index (samples, gint64, samples->len / 2) / 1000.0,
          g_array_index (samples, gint64, MIN (samples->len - 1, (guint) (samples->len * 0.99))) / 1000.0,
          max / 1000.0);
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  frames.paint_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  gint64 duration = g_get_monotonic_time () - frames.paint_start;

  frames.n_painted++;
  if (frames.recording)
    g_array_append_val (frames.frames, duration);
}

/* Runs the main loop until a frame has been painted, or @timeout_ms. */
static gboolean
wait_for_frame (guint timeout_ms)
{
  return bench_wait_for_frame (&frames.n_painted, timeout_ms);
}

static void
fill_school_year (EfReservationCalendar *calendar,
                  GArray                *feed_times)
{
  g_autoptr (GTimeZone) tz = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);
  g_autoptr (GDateTime) now = g_date_time_new (tz, 2026, 11, 26, 10, 0, 0);
  EfDeadlinePolicy policy;
  EfDay first = ef_day_new (2026, 9, 1), last = ef_day_new (2027, 8, 31);
  guint n = last - first + 1;

  ef_deadline_policy_init_default (&policy);
  ef_reservation_calendar_set_range (calendar, first, last);
  ef_reservation_calendar_set_activities (calendar, activity_ids, activity_names);

  for (guint a = 0; activity_ids[a] != NULL; a++)
    {
      g_autofree EfCalendarDayInfo *infos = g_new0 (EfCalendarDayInfo, n);
      g_autoptr (GPtrArray) deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
      gint64 start;

      for (guint i = 0; i < n; i++)
        {
          EfDay day = first + i;
          int weekday = ef_day_get_weekday (day);
          const char *holiday = ef_public_holiday_name (day);

          infos[i].day = day;
          if (weekday >= 6 || weekday == 3 || holiday != NULL)
            {
              infos[i].state = EF_CALENDAR_DAY_CLOSED;
              infos[i].reason = weekday >= 6 ? EF_CLOSED_REASON_WEEKEND
                                : holiday != NULL ? EF_CLOSED_REASON_PUBLIC_HOLIDAY
                                : EF_CLOSED_REASON_NOT_RUNNING;
              infos[i].label = holiday;
            }
          else
            {
              GDateTime *deadline = ef_deadline_for_day (&policy, NULL, day, tz);
              gboolean reserved = (weekday + a) % 2 == 0;

              g_ptr_array_add (deadlines, deadline);
              infos[i].deadline = deadline;
              if (g_date_time_compare (now, deadline) >= 0)
                {
                  infos[i].state = EF_CALENDAR_DAY_LOCKED;
                  infos[i].reserved = reserved;
                }
              else
                infos[i].state = reserved ? EF_CALENDAR_DAY_RESERVED : EF_CALENDAR_DAY_FREE;
            }
        }

      start = g_get_monotonic_time ();
      ef_reservation_calendar_set_days (calendar, activity_ids[a], infos, n);
      g_array_append_vals (feed_times, (gint64[]) { g_get_monotonic_time () - start }, 1);
    }
}

/* What a page does: record the request as pending changes. */
static void
on_toggle_requested_cb (EfReservationCalendar *calendar,
                        const char            *activity,
                        GArray                *days,
                        gboolean               reserve,
                        gpointer               user_data)
{
  guint *n_days = user_data;

  *n_days = days->len;
  for (guint i = 0; i < days->len; i++)
    {
      EfDay day = g_array_index (days, EfDay, i);
      gboolean saved = ef_reservation_calendar_get_day_state (calendar, activity, day) == EF_CALENDAR_DAY_RESERVED;

      ef_reservation_calendar_set_pending (calendar, activity, day,
                                           reserve == saved ? EF_PENDING_NONE
                                           : reserve ? EF_PENDING_ADD : EF_PENDING_REMOVE);
    }
}

static void
cell_centre (EfReservationCalendar *calendar,
             EfDay                  day,
             double                *x,
             double                *y)
{
  GtkWidget *cell = GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, day));
  graphene_point_t point;

  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_compute_point (cell, _ef_reservation_calendar_get_days_area (calendar),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (cell) / 2.0,
                                                                 gtk_widget_get_height (cell) / 2.0),
                                           &point));
  *x = point.x;
  *y = point.y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GArray) build_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) feed_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) switch_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) switch_frames = NULL;
  g_autoptr (GArray) event_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) release_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) drag_frames = NULL;
  g_autoptr (GArray) render_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) first_frame = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GtkCssProvider) css = NULL;
  g_autoptr (GskRenderer) renderer = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window;
  EfReservationCalendar *calendar;
  GdkFrameClock *clock;
  EfDay drag_first = ef_day_new (2027, 1, 4);
  guint n_requested = 0;
  double x, y;
  gint64 start;

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

  printf ("# GSK_RENDERER=%s, GTK %u.%u.%u\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)",
          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version ());

  /* Build and feed: a school year (Sept to Aug, 365 days) × 3 activities. */
  start = g_get_monotonic_time ();
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Calendar benchmark");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  calendar = EF_RESERVATION_CALENDAR (ef_reservation_calendar_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (calendar));
  ef_reservation_calendar_set_today (calendar, ef_day_new (2026, 11, 26));
  fill_school_year (calendar, feed_times);
  ef_reservation_calendar_set_mode (calendar, EF_RESERVATION_CALENDAR_MODE_YEAR);
  g_array_append_vals (build_times, (gint64[]) { g_get_monotonic_time () - start }, 1);
  g_signal_connect (calendar, "toggle-requested", G_CALLBACK (on_toggle_requested_cb), &n_requested);

  frames.frames = first_frame;
  frames.recording = TRUE;
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
  /* The first frame is the one that builds every style and layout. */
  g_assert_true (wait_for_frame (5000));
  frames.recording = FALSE;
  while (wait_for_frame (300))
    ;

  /* Switching activities restyles every day of the year. */
  switch_frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  frames.frames = switch_frames;
  for (guint i = 0; i < N_SWITCHES; i++)
    {
      start = g_get_monotonic_time ();
      ef_reservation_calendar_set_activity (calendar, activity_ids[(i + 1) % 3]);
      g_array_append_vals (switch_times, (gint64[]) { g_get_monotonic_time () - start }, 1);
      frames.recording = TRUE;
      wait_for_frame (500);
      frames.recording = FALSE;
    }
  ef_reservation_calendar_set_activity (calendar, "meal");
  while (wait_for_frame (300))
    ;

  /* A drag over 60 consecutive days (January to March), one event a frame. */
  drag_frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  frames.frames = drag_frames;
  cell_centre (calendar, drag_first, &x, &y);
  start = g_get_monotonic_time ();
  g_assert_true (_ef_reservation_calendar_pointer_press (calendar, x, y, FALSE));
  g_array_append_vals (event_times, (gint64[]) { g_get_monotonic_time () - start }, 1);
  frames.recording = TRUE;
  wait_for_frame (500);
  for (guint i = 1; i < N_DRAG_DAYS; i++)
    {
      cell_centre (calendar, drag_first + i, &x, &y);
      start = g_get_monotonic_time ();
      _ef_reservation_calendar_pointer_motion (calendar, x, y);
      g_array_append_vals (event_times, (gint64[]) { g_get_monotonic_time () - start }, 1);
      wait_for_frame (500);
    }
  start = g_get_monotonic_time ();
  _ef_reservation_calendar_pointer_release (calendar);
  g_array_append_vals (release_times, (gint64[]) { g_get_monotonic_time () - start }, 1);
  wait_for_frame (500);
  frames.recording = FALSE;
  g_assert_cmpuint (n_requested, >, 0);

  /* The whole view, offscreen, with the cairo renderer. */
  renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, &error))
    g_error ("cairo renderer: %s", error->message);
  for (guint i = 0; i < N_RENDERS; i++)
    {
      g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (calendar));
      g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr (GskRenderNode) node = NULL;
      g_autoptr (GdkTexture) texture = NULL;
      int width = gtk_widget_get_width (GTK_WIDGET (calendar));
      int height = gtk_widget_get_height (GTK_WIDGET (calendar));

      start = g_get_monotonic_time ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
      g_array_append_vals (render_times, (gint64[]) { g_get_monotonic_time () - start }, 1);
    }
  gsk_renderer_unrealize (renderer);

  printf ("# Year view: 12 months, 3 activities x 365 days; window 1000x800\n");
  report ("build window and calendar, feed 3 x 365 days", build_times);
  report ("  set_days, one activity (365 days)", feed_times);
  report ("first frame (all styles and layout)", first_frame);
  report ("activity switch: set_activity", switch_times);
  report ("activity switch: frame", switch_frames);
  printf ("# drag over %d days from 2027-01-04, %u days requested on release\n", N_DRAG_DAYS, n_requested);
  report ("drag: pointer event (press, motions)", event_times);
  report ("drag: release (signal, 60-day pending update)", release_times);
  report ("drag: frame", drag_frames);
  report ("full offscreen render, GskCairoRenderer", render_times);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
