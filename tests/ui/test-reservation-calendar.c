/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reservation-calendar.c: the reservation calendar in a real window
 *
 * A school year 2026-2027 of three activities, "today" the 26th of
 * November 2026 at 10:00 with the tutorial's deadline rule. Selection
 * logic through the same entry points as the drag gesture; real pointer
 * drags and keys through xdotool (XTEST) under Xvfb; accessible roles and
 * labels with GTK's test accessibility backend (GTK_A11Y=test).
 *
 * With --screenshot=FILE the program shows the calendar instead of testing
 * it, and saves a picture of its window (see data/screenshots/):
 *   --mode=month|year  --dark  --width=PX  --height=PX  --month=YYYY-MM-DD
 */

#define G_LOG_DOMAIN "EfTestCalendar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "widgets/ef-reservation-calendar.h"
#include "widgets/ef-reservation-calendar-private.h"
#include "ef-i18n.h"
#include "ui-test-util.h"

static const char * const activity_ids[] = { "meal", "morning", "evening", NULL };
static const char * const activity_names[] = { "Repas", "Accueil du matin", "Accueil du soir", NULL };

/* Zone A, 2026-2027: holiday days are strictly between start and end. */
static const struct {
  const char *name;
  int         start[3];
  int         end[3];
} school_holidays[] = {
  { "Vacances de la Toussaint", { 2026, 10, 17 }, { 2026, 11, 2 } },
  { "Vacances de Noël", { 2026, 12, 19 }, { 2027, 1, 4 } },
  { "Vacances d’hiver", { 2027, 2, 6 }, { 2027, 2, 22 } },
  { "Vacances de printemps", { 2027, 4, 3 }, { 2027, 4, 19 } },
};

static GtkWidget *window;
static EfReservationCalendar *calendar;
static char *window_title;
static gboolean shooting;

typedef struct {
  guint   count;
  char   *activity;
  GArray *days;
  gboolean reserve;
} Requests;

static Requests requests;

/* The school year */

static EfDay
day (int y, int m, int d)
{
  return ef_day_new (y, m, d);
}

static const char *
school_holiday (EfDay d)
{
  for (guint i = 0; i < G_N_ELEMENTS (school_holidays); i++)
    {
      EfDay start = day (school_holidays[i].start[0], school_holidays[i].start[1], school_holidays[i].start[2]);
      EfDay end = day (school_holidays[i].end[0], school_holidays[i].end[1], school_holidays[i].end[2]);

      if (d > start && d < end)
        return school_holidays[i].name;
    }
  return NULL;
}

/* Meals on Monday, Tuesday and Thursday; morning care on Monday and
 * Thursday; evening care on Tuesday and Friday. */
static gboolean
usually_reserved (guint activity,
                  int   weekday)
{
  static const guint masks[] = {
    (1 << 1) | (1 << 2) | (1 << 4),
    (1 << 1) | (1 << 4),
    (1 << 2) | (1 << 5),
  };

  return (masks[activity] & (1u << weekday)) != 0;
}

static void
fill_school_year (EfReservationCalendar *cal,
                  GDateTime             *now)
{
  g_autoptr (GTimeZone) tz = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);
  EfDeadlinePolicy policy;
  EfDay first = day (2026, 9, 1), last = day (2027, 7, 3);
  guint n = last - first + 1;

  ef_deadline_policy_init_default (&policy);
  ef_reservation_calendar_set_range (cal, first, last);
  ef_reservation_calendar_set_activities (cal, activity_ids, activity_names);

  for (guint a = 0; activity_ids[a] != NULL; a++)
    {
      g_autofree EfCalendarDayInfo *infos = g_new0 (EfCalendarDayInfo, n);
      g_autoptr (GPtrArray) deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);

      for (guint i = 0; i < n; i++)
        {
          EfCalendarDayInfo *info = &infos[i];
          EfDay d = first + i;
          int weekday = ef_day_get_weekday (d);
          const char *name;

          info->day = d;
          info->state = EF_CALENDAR_DAY_CLOSED;
          if (weekday >= 6)
            info->reason = EF_CLOSED_REASON_WEEKEND;
          else if ((name = ef_public_holiday_name (d)) != NULL)
            {
              info->reason = EF_CLOSED_REASON_PUBLIC_HOLIDAY;
              info->label = name;
            }
          else if ((name = school_holiday (d)) != NULL)
            {
              info->reason = EF_CLOSED_REASON_SCHOOL_HOLIDAY;
              info->label = name;
            }
          else if (d == ef_day_new (2026, 11, 13))
            {
              /* One of the town's extra closed days (configure's [closed-day]). */
              info->reason = EF_CLOSED_REASON_CLOSED_DAY;
              info->label = "Pont de l’Armistice";
            }
          else if (weekday == 3)
            info->reason = EF_CLOSED_REASON_NOT_RUNNING;
          else
            {
              GDateTime *deadline = ef_deadline_for_day (&policy, NULL, d, tz);
              gboolean reserved = usually_reserved (a, weekday);

              g_ptr_array_add (deadlines, deadline);
              info->deadline = deadline;
              info->reason = EF_CLOSED_REASON_NONE;
              if (g_date_time_compare (now, deadline) >= 0)
                {
                  info->state = EF_CALENDAR_DAY_LOCKED;
                  info->reserved = reserved;
                }
              else
                info->state = reserved ? EF_CALENDAR_DAY_RESERVED : EF_CALENDAR_DAY_FREE;
            }
        }
      ef_reservation_calendar_set_days (cal, activity_ids[a], infos, n);
    }
}

/* What a page does with a request: record it as pending changes. */
static void
apply_request (EfReservationCalendar *cal,
               const char            *activity,
               GArray                *days,
               gboolean               reserve)
{
  for (guint i = 0; i < days->len; i++)
    {
      EfDay d = g_array_index (days, EfDay, i);
      gboolean saved = ef_reservation_calendar_get_day_state (cal, activity, d) == EF_CALENDAR_DAY_RESERVED;

      ef_reservation_calendar_set_pending (cal, activity, d,
                                           reserve == saved ? EF_PENDING_NONE
                                           : reserve ? EF_PENDING_ADD : EF_PENDING_REMOVE);
    }
}

static void
on_toggle_requested_cb (EfReservationCalendar *cal,
                        const char            *activity,
                        GArray                *days,
                        gboolean               reserve,
                        gpointer               user_data)
{
  requests.count++;
  g_free (requests.activity);
  requests.activity = g_strdup (activity);
  g_array_set_size (requests.days, 0);
  g_array_append_vals (requests.days, days->data, days->len);
  requests.reserve = reserve;

  apply_request (cal, activity, days, reserve);
}

static void
reset_requests (void)
{
  requests.count = 0;
  g_array_set_size (requests.days, 0);
}

static GDateTime *
test_now (void)
{
  g_autoptr (GTimeZone) tz = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);

  return g_date_time_new (tz, 2026, 11, 26, 10, 0, 0);
}

/* Main loop */

static gboolean
wait_until (UiTestCondition condition,
            gpointer        data)
{
  return ui_test_wait_until_every (20, condition, data);
}

static gboolean
time_passed_cb (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* Lets GTK run (draw, handle events) for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  wait_until (time_passed_cb, &end);
}

static gboolean
is_drawn_cb (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static char *
x_window_id (void)
{
  const char *argv[] = { "xdotool", "search", "--sync", "--name", window_title, NULL };
  g_autofree char *output = ui_test_run_command (argv);
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_test_message ("window %s", lines[i]);
  g_assert_nonnull (lines[0]);
  g_assert_cmpstr (lines[0], !=, "");
  return g_strdup (lines[0]);
}

/* The centre of @d's cell in the window's X coordinates. */
static void
cell_centre_in_window (EfDay  d,
                       int   *x,
                       int   *y)
{
  EfDayCell *cell = _ef_reservation_calendar_get_cell (calendar, d);
  graphene_point_t point;
  double sx, sy;

  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (cell), window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (cell)) / 2.0,
                                                                 gtk_widget_get_height (GTK_WIDGET (cell)) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  *x = (int) (point.x + sx);
  *y = (int) (point.y + sy);
}

/* The centre of @d's cell in the coordinates of the gesture's widget. */
static void
cell_centre_in_area (EfDay   d,
                     double *x,
                     double *y)
{
  EfDayCell *cell = _ef_reservation_calendar_get_cell (calendar, d);
  graphene_point_t point;

  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (cell), _ef_reservation_calendar_get_days_area (calendar),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (cell)) / 2.0,
                                                                 gtk_widget_get_height (GTK_WIDGET (cell)) / 2.0),
                                           &point));
  *x = point.x;
  *y = point.y;
}

/* A real drag with the X server's pointer: press on @days[0], pass over
 * every other day, release on the last, 50 ms between moves. */
static void
xdotool_drag (const EfDay *days,
              guint        n_days)
{
  g_autofree char *id = x_window_id ();
  g_autofree graphene_point_t *points = g_new (graphene_point_t, n_days);

  for (guint i = 0; i < n_days; i++)
    {
      int x, y;

      cell_centre_in_window (days[i], &x, &y);
      g_test_message ("day %u at %d,%d", i, x, y);
      points[i] = GRAPHENE_POINT_INIT (x, y);
    }
  ui_test_xdotool_drag (id, points, n_days);
  /* The release reaches GTK after xdotool exits. */
  run_for (100);
}

static void
xdotool_keys (const char * const *keys)
{
  g_autofree char *id = x_window_id ();

  ui_test_xdotool_keys (id, 50, keys);
  run_for (100);
}

/* Assertions */

static void
assert_request (guint               count,
                const char         *activity,
                gboolean            reserve,
                const EfDay        *days,
                guint               n_days)
{
  for (guint i = 0; i < requests.days->len; i++)
    {
      int y, m, d;

      ef_day_get_ymd (g_array_index (requests.days, EfDay, i), &y, &m, &d);
      g_test_message ("request %u: %s %04d-%02d-%02d", requests.count,
                      requests.reserve ? "reserve" : "cancel", y, m, d);
    }
  g_assert_cmpuint (requests.count, ==, count);
  g_assert_cmpstr (requests.activity, ==, activity);
  g_assert_cmpint (requests.reserve, ==, reserve);
  g_assert_cmpuint (requests.days->len, ==, n_days);
  for (guint i = 0; i < n_days; i++)
    g_assert_cmpuint (g_array_index (requests.days, EfDay, i), ==, days[i]);
}

static void
show_month (EfDay month,
            EfReservationCalendarMode mode)
{
  ef_reservation_calendar_set_mode (calendar, mode);
  ef_reservation_calendar_set_activity (calendar, "meal");
  ef_reservation_calendar_set_month (calendar, month);
  ef_reservation_calendar_clear_pending (calendar, NULL);
  ef_reservation_calendar_clear_selection (calendar);
  reset_requests ();
  run_for (50);
}

/* A click or drag through the gesture's own entry points. */
static void
pointer_drag (EfDay    from,
              EfDay    to,
              gboolean shift)
{
  double x, y;
  gboolean pressed = FALSE;

  /* On a loaded machine the month just shown may still be laid out: the
   * press is tried again on the next frames, for up to two seconds. */
  for (guint attempt = 0; attempt < 100 && !pressed; attempt++)
    {
      if (attempt > 0)
        run_for (20);
      cell_centre_in_area (from, &x, &y);
      pressed = _ef_reservation_calendar_pointer_press (calendar, x, y, shift);
    }
  g_assert_true (pressed);
  for (EfDay d = from; d != to; d += from < to ? 1 : -1)
    {
      cell_centre_in_area (d, &x, &y);
      _ef_reservation_calendar_pointer_motion (calendar, x, y);
    }
  cell_centre_in_area (to, &x, &y);
  _ef_reservation_calendar_pointer_motion (calendar, x, y);
  _ef_reservation_calendar_pointer_release (calendar);
}

/* Tests */

static void
test_click (void)
{
  show_month (day (2026, 12, 1), EF_RESERVATION_CALENDAR_MODE_MONTH);

  /* Friday 4 December: free, so reserve; again: undo. */
  pointer_drag (day (2026, 12, 4), day (2026, 12, 4), FALSE);
  assert_request (1, "meal", TRUE, (EfDay[]) { day (2026, 12, 4) }, 1);
  g_assert_cmpint (ef_reservation_calendar_get_pending (calendar, "meal", day (2026, 12, 4)), ==, EF_PENDING_ADD);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, day (2026, 12, 4))),
                                           "to-add"));
  pointer_drag (day (2026, 12, 4), day (2026, 12, 4), FALSE);
  assert_request (2, "meal", FALSE, (EfDay[]) { day (2026, 12, 4) }, 1);
  g_assert_cmpint (ef_reservation_calendar_get_pending (calendar, "meal", day (2026, 12, 4)), ==, EF_PENDING_NONE);

  /* Thursday 3 December: reserved, so cancel; again: undo. */
  pointer_drag (day (2026, 12, 3), day (2026, 12, 3), FALSE);
  assert_request (3, "meal", FALSE, (EfDay[]) { day (2026, 12, 3) }, 1);
  g_assert_cmpint (ef_reservation_calendar_get_pending (calendar, "meal", day (2026, 12, 3)), ==, EF_PENDING_REMOVE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, day (2026, 12, 3))),
                                           "to-cancel"));
  pointer_drag (day (2026, 12, 3), day (2026, 12, 3), FALSE);
  assert_request (4, "meal", TRUE, (EfDay[]) { day (2026, 12, 3) }, 1);
  g_assert_cmpint (ef_reservation_calendar_get_pending (calendar, "meal", day (2026, 12, 3)), ==, EF_PENDING_NONE);

  /* Closed (a Wednesday, a Saturday) and locked (Tuesday 1st) days: nothing. */
  pointer_drag (day (2026, 12, 2), day (2026, 12, 2), FALSE);
  pointer_drag (day (2026, 12, 5), day (2026, 12, 5), FALSE);
  pointer_drag (day (2026, 12, 1), day (2026, 12, 1), FALSE);
  g_assert_cmpuint (requests.count, ==, 4);
  /* But the day takes the focus, so that its description can be read. */
  g_assert_cmpuint (ef_reservation_calendar_get_focus_day (calendar), ==, day (2026, 12, 1));
}

static void
test_drag_logic (void)
{
  show_month (day (2026, 12, 1), EF_RESERVATION_CALENDAR_MODE_MONTH);

  /* From a free day: reserve the free open days only. */
  pointer_drag (day (2026, 12, 4), day (2026, 12, 11), FALSE);
  assert_request (1, "meal", TRUE, (EfDay[]) { day (2026, 12, 4), day (2026, 12, 11) }, 2);
  g_assert_false (ef_reservation_calendar_get_selection (calendar, NULL, NULL));

  /* From a reserved day, backwards: cancel the reserved ones. */
  pointer_drag (day (2026, 12, 10), day (2026, 12, 7), FALSE);
  assert_request (2, "meal", FALSE, (EfDay[]) { day (2026, 12, 7), day (2026, 12, 8), day (2026, 12, 10) }, 3);

  /* From a locked day: the first open day decides; the locked ones stay. */
  pointer_drag (day (2026, 12, 1), day (2026, 12, 4), FALSE);
  /* Cancelling undoes the 4th's pending reservation too. */
  assert_request (3, "meal", FALSE, (EfDay[]) { day (2026, 12, 3), day (2026, 12, 4) }, 2);
  g_assert_cmpint (ef_reservation_calendar_get_pending (calendar, "meal", day (2026, 12, 1)), ==, EF_PENDING_NONE);
  g_assert_cmpint (ef_reservation_calendar_get_pending (calendar, "meal", day (2026, 12, 4)), ==, EF_PENDING_NONE);

  /* A drag over closed days only asks nothing. */
  pointer_drag (day (2026, 12, 5), day (2026, 12, 6), FALSE);
  g_assert_cmpuint (requests.count, ==, 3);
}

static void
test_drag_highlight (void)
{
  double x, y;

  show_month (day (2026, 12, 1), EF_RESERVATION_CALENDAR_MODE_MONTH);

  cell_centre_in_area (day (2026, 12, 14), &x, &y);
  g_assert_true (_ef_reservation_calendar_pointer_press (calendar, x, y, FALSE));
  cell_centre_in_area (day (2026, 12, 17), &x, &y);
  _ef_reservation_calendar_pointer_motion (calendar, x, y);

  for (EfDay d = day (2026, 12, 12); d <= day (2026, 12, 19); d++)
    {
      gboolean inside = d >= day (2026, 12, 14) && d <= day (2026, 12, 17);
      GtkWidget *cell = GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, d));

      g_assert_cmpint (!!(gtk_widget_get_state_flags (cell) & GTK_STATE_FLAG_SELECTED), ==, inside);
    }

  /* Back: the range shrinks. */
  cell_centre_in_area (day (2026, 12, 15), &x, &y);
  _ef_reservation_calendar_pointer_motion (calendar, x, y);
  g_assert_false (gtk_widget_get_state_flags (GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, day (2026, 12, 16))))
                  & GTK_STATE_FLAG_SELECTED);
  _ef_reservation_calendar_pointer_cancel (calendar);
  g_assert_false (ef_reservation_calendar_get_selection (calendar, NULL, NULL));
  g_assert_cmpuint (requests.count, ==, 0);
}

static void
test_shift_click (void)
{
  show_month (day (2026, 12, 1), EF_RESERVATION_CALENDAR_MODE_MONTH);

  /* Click the Friday 4th (reserve), Shift-click Friday 11th: reserve the
   * open days between that are not reserved yet. */
  pointer_drag (day (2026, 12, 4), day (2026, 12, 4), FALSE);
  assert_request (1, "meal", TRUE, (EfDay[]) { day (2026, 12, 4) }, 1);
  pointer_drag (day (2026, 12, 11), day (2026, 12, 11), TRUE);
  assert_request (2, "meal", TRUE, (EfDay[]) { day (2026, 12, 11) }, 1);

  /* Cancel Monday 14th, Shift-click Friday 18th: cancel the reserved days. */
  pointer_drag (day (2026, 12, 14), day (2026, 12, 14), FALSE);
  assert_request (3, "meal", FALSE, (EfDay[]) { day (2026, 12, 14) }, 1);
  pointer_drag (day (2026, 12, 18), day (2026, 12, 18), TRUE);
  assert_request (4, "meal", FALSE, (EfDay[]) { day (2026, 12, 15), day (2026, 12, 17) }, 2);
}

static void
activate_move (int      n_days,
               gboolean extend)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.move-focus", "(ib)",
                                             n_days, extend));
}

static void
test_keyboard_actions (void)
{
  EfDay first, last;

  show_month (day (2026, 12, 1), EF_RESERVATION_CALENDAR_MODE_MONTH);

  /* Across the end of the month: January shows. */
  ef_reservation_calendar_set_focus_day (calendar, day (2026, 12, 31));
  activate_move (1, FALSE);
  g_assert_cmpuint (ef_reservation_calendar_get_focus_day (calendar), ==, day (2027, 1, 1));
  g_assert_cmpuint (ef_reservation_calendar_get_month (calendar), ==, day (2027, 1, 1));
  /* And back, by a week: the focus lands on closed days too. */
  activate_move (-7, FALSE);
  g_assert_cmpuint (ef_reservation_calendar_get_focus_day (calendar), ==, day (2026, 12, 25));
  g_assert_cmpuint (ef_reservation_calendar_get_month (calendar), ==, day (2026, 12, 1));

  /* Page Down keeps the day of the month. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.next-month", NULL));
  g_assert_cmpuint (ef_reservation_calendar_get_focus_day (calendar), ==, day (2027, 1, 25));

  /* Shift+arrows from Friday 4 December, then Enter: one request. */
  ef_reservation_calendar_set_month (calendar, day (2026, 12, 1));
  ef_reservation_calendar_set_focus_day (calendar, day (2026, 12, 4));
  activate_move (7, TRUE);
  activate_move (1, TRUE);
  g_assert_true (ef_reservation_calendar_get_selection (calendar, &first, &last));
  g_assert_cmpuint (first, ==, day (2026, 12, 4));
  g_assert_cmpuint (last, ==, day (2026, 12, 12));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.apply-selection", NULL));
  assert_request (1, "meal", TRUE, (EfDay[]) { day (2026, 12, 4), day (2026, 12, 11) }, 2);
  g_assert_false (ef_reservation_calendar_get_selection (calendar, NULL, NULL));

  /* Escape drops a selection without a request. */
  activate_move (-1, TRUE);
  g_assert_true (ef_reservation_calendar_get_selection (calendar, NULL, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.clear-selection", NULL));
  g_assert_false (ef_reservation_calendar_get_selection (calendar, NULL, NULL));

  /* Space toggles the focused day only. */
  ef_reservation_calendar_set_focus_day (calendar, day (2026, 12, 14));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.toggle-focus", NULL));
  assert_request (2, "meal", FALSE, (EfDay[]) { day (2026, 12, 14) }, 1);

  /* The ends of the school year hold the focus. */
  ef_reservation_calendar_set_focus_day (calendar, day (2027, 7, 2));
  activate_move (7, FALSE);
  g_assert_cmpuint (ef_reservation_calendar_get_focus_day (calendar), ==, day (2027, 7, 3));
}

static void
test_year_mode (void)
{
  EfDay first, last;
  GtkWidget *cell;

  show_month (day (2027, 1, 1), EF_RESERVATION_CALENDAR_MODE_MONTH);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.mode", "s", "year"));
  g_assert_cmpint (ef_reservation_calendar_get_mode (calendar), ==, EF_RESERVATION_CALENDAR_MODE_YEAR);

  /* Every day of the school year has a cell: September to July. */
  run_for (50);
  g_assert_nonnull (_ef_reservation_calendar_get_cell (calendar, day (2026, 9, 1)));
  g_assert_nonnull (_ef_reservation_calendar_get_cell (calendar, day (2027, 7, 3)));
  cell = GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, day (2026, 12, 10)));
  g_assert_true (gtk_widget_has_css_class (cell, "compact"));
  g_assert_true (gtk_widget_has_css_class (cell, "reserved"));

  /* A drag across the end of January into February. */
  pointer_drag (day (2027, 1, 28), day (2027, 2, 2), FALSE);
  assert_request (1, "meal", FALSE,
                  (EfDay[]) { day (2027, 1, 28), day (2027, 2, 1), day (2027, 2, 2) }, 3);

  /* Keys cross months in the same way. */
  ef_reservation_calendar_set_focus_day (calendar, day (2027, 2, 26));
  activate_move (7, TRUE);
  g_assert_true (ef_reservation_calendar_get_selection (calendar, &first, &last));
  g_assert_cmpuint (last, ==, day (2027, 3, 5));
  g_assert_cmpuint (ef_reservation_calendar_get_month (calendar), ==, day (2027, 3, 1));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window))
                 == GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, day (2027, 3, 5))));
  ef_reservation_calendar_clear_selection (calendar);

  /* Other activities: the switcher. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.activity", "s", "evening"));
  g_assert_cmpstr (ef_reservation_calendar_get_activity (calendar), ==, "evening");
  g_assert_false (gtk_widget_has_css_class (cell, "reserved"));   /* a Thursday */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.next-activity", NULL));
  g_assert_cmpstr (ef_reservation_calendar_get_activity (calendar), ==, "meal");

  ef_reservation_calendar_set_mode (calendar, EF_RESERVATION_CALENDAR_MODE_MONTH);
}

static void
assert_label (EfDay       d,
              const char *expected)
{
  GtkAccessible *cell = GTK_ACCESSIBLE (_ef_reservation_calendar_get_cell (calendar, d));
  g_autofree char *mismatch = NULL;

  g_assert_nonnull (cell);
  mismatch = gtk_test_accessible_check_property (cell, GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  if (mismatch != NULL)
    g_error ("day %u: the accessible label is “%s”, not “%s”", d, mismatch, expected);
  g_assert_cmpstr (ef_day_cell_get_description (EF_DAY_CELL (cell)), ==, expected);
}

static void
test_accessible (void)
{
  EfDayCell *cell;
  GtkWidget *grid;

  show_month (day (2026, 11, 1), EF_RESERVATION_CALENDAR_MODE_MONTH);

  cell = _ef_reservation_calendar_get_cell (calendar, day (2026, 11, 26));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_ROLE_GRID_CELL);
  grid = gtk_widget_get_parent (GTK_WIDGET (cell));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_ROLE_GRID);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Repas, November 2026");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (cell)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "today"));

  assert_label (day (2026, 11, 11), "Wednesday 11 November 2026: Public holiday: Armistice Day");
  assert_label (day (2026, 11, 18), "Wednesday 18 November 2026: No activity on Wednesdays");
  assert_label (day (2026, 11, 13), "Friday 13 November 2026: Closed by the town: Pont de l’Armistice");
  assert_label (day (2026, 11, 28), "Saturday 28 November 2026: Weekend");
  assert_label (day (2026, 11, 26),
                "Thursday 26 November 2026: Reserved, deadline passed on Monday 23 November at 9:00");
  assert_label (day (2026, 11, 27),
                "Friday 27 November 2026: Not reserved, deadline passed on Tuesday 24 November at 9:00");

  ef_reservation_calendar_set_month (calendar, day (2026, 12, 1));
  assert_label (day (2026, 12, 3),
                "Thursday 3 December 2026: Reserved, can be changed until Monday 30 November at 9:00");
  assert_label (day (2026, 12, 22), "Tuesday 22 December 2026: School holidays: Vacances de Noël");
  ef_reservation_calendar_set_pending (calendar, "meal", day (2026, 12, 4), EF_PENDING_ADD);
  assert_label (day (2026, 12, 4),
                "Friday 4 December 2026: To be reserved, can be changed until Tuesday 1 December at 9:00");
  ef_reservation_calendar_set_pending (calendar, "meal", day (2026, 12, 3), EF_PENDING_REMOVE);
  assert_label (day (2026, 12, 3),
                "Thursday 3 December 2026: To be cancelled, can be changed until Monday 30 November at 9:00");

  /* Selected days say so. */
  cell = _ef_reservation_calendar_get_cell (calendar, day (2026, 12, 10));
  ef_reservation_calendar_set_focus_day (calendar, day (2026, 12, 10));
  activate_move (1, TRUE);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_STATE_SELECTED, TRUE);
  ef_reservation_calendar_clear_selection (calendar);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_STATE_SELECTED, FALSE);
}

static void
test_xdotool_drag (void)
{
  show_month (day (2026, 12, 1), EF_RESERVATION_CALENDAR_MODE_MONTH);

  /* Friday 4th to Friday 11th through the week between: reserve. */
  xdotool_drag ((EfDay[]) { day (2026, 12, 4), day (2026, 12, 5), day (2026, 12, 9), day (2026, 12, 10),
                            day (2026, 12, 11) }, 5);
  assert_request (1, "meal", TRUE, (EfDay[]) { day (2026, 12, 4), day (2026, 12, 11) }, 2);
  g_assert_cmpint (ef_reservation_calendar_get_pending (calendar, "meal", day (2026, 12, 11)), ==, EF_PENDING_ADD);

  /* From a reserved day: cancel. */
  xdotool_drag ((EfDay[]) { day (2026, 12, 14), day (2026, 12, 15), day (2026, 12, 16), day (2026, 12, 17) }, 4);
  assert_request (2, "meal", FALSE, (EfDay[]) { day (2026, 12, 14), day (2026, 12, 15), day (2026, 12, 17) }, 3);

  /* From the locked Tuesday 1st over Thursday 3rd: the locked day stays. */
  xdotool_drag ((EfDay[]) { day (2026, 12, 1), day (2026, 12, 2), day (2026, 12, 3) }, 3);
  assert_request (3, "meal", FALSE, (EfDay[]) { day (2026, 12, 3) }, 1);
  g_assert_cmpint (ef_reservation_calendar_get_pending (calendar, "meal", day (2026, 12, 1)), ==, EF_PENDING_NONE);
  g_assert_false (ef_reservation_calendar_get_selection (calendar, NULL, NULL));
}

static void
test_xdotool_keys (void)
{
  show_month (day (2026, 12, 1), EF_RESERVATION_CALENDAR_MODE_MONTH);

  ef_reservation_calendar_set_focus_day (calendar, day (2026, 12, 4));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, day (2026, 12, 4)))));

  xdotool_keys ((const char *[]) { "shift+Down", "Return", NULL });
  assert_request (1, "meal", TRUE, (EfDay[]) { day (2026, 12, 4), day (2026, 12, 11) }, 2);

  xdotool_keys ((const char *[]) { "Right", "Right", "Right", "space", NULL });
  g_assert_cmpuint (ef_reservation_calendar_get_focus_day (calendar), ==, day (2026, 12, 14));
  assert_request (2, "meal", FALSE, (EfDay[]) { day (2026, 12, 14) }, 1);

  xdotool_keys ((const char *[]) { "shift+Right", "Escape", "Return", NULL });
  /* Escape dropped the selection; Return toggled the focused day. */
  assert_request (3, "meal", FALSE, (EfDay[]) { day (2026, 12, 15) }, 1);
}

/* Screenshots */

typedef struct {
  const char *path;
  const char *mode;
  const char *month;
  gboolean    dark;
  int         width;
  int         height;
} Screenshot;

static void
add_demo_pending (void)
{
  /* Unsaved changes of a parent planning December. */
  const EfDay adds[] = { day (2026, 12, 4), day (2026, 12, 11), day (2026, 12, 18) };
  const EfDay removes[] = { day (2026, 12, 7), day (2026, 12, 8) };

  for (guint i = 0; i < G_N_ELEMENTS (adds); i++)
    ef_reservation_calendar_set_pending (calendar, "meal", adds[i], EF_PENDING_ADD);
  for (guint i = 0; i < G_N_ELEMENTS (removes); i++)
    ef_reservation_calendar_set_pending (calendar, "meal", removes[i], EF_PENDING_REMOVE);
}

static int
take_screenshot (const Screenshot *shot)
{
  g_autofree char *id = NULL;
  g_autoptr (GError) error = NULL;

  if (shot->dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (window), shot->width, shot->height);
  if (shot->month != NULL)
    ef_reservation_calendar_set_month (calendar, ef_day_parse_iso (shot->month, &error));
  g_assert_no_error (error);
  add_demo_pending ();
  ef_reservation_calendar_set_mode (calendar, g_strcmp0 (shot->mode, "year") == 0
                                    ? EF_RESERVATION_CALENDAR_MODE_YEAR : EF_RESERVATION_CALENDAR_MODE_MONTH);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (is_drawn_cb, calendar));
  run_for (800);

  id = x_window_id ();
  {
    const char *argv[] = { "import", "-window", id, shot->path, NULL };
    g_autofree char *output = ui_test_run_command (argv);
  }
  return 0;
}

/* Set-up */

static GtkWidget *
build_window (void)
{
  GtkWidget *win = gtk_window_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cal = ef_reservation_calendar_new ();
  g_autoptr (GDateTime) now = test_now ();
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* Unique, for xdotool; plain in pictures. */
  window_title = shooting ? g_strdup (g_dgettext (GETTEXT_PACKAGE, "My Reservations")) : g_strdup_printf ("Reservations %d", (int) getpid ());
  gtk_window_set_title (GTK_WINDOW (win), window_title);
  gtk_window_set_titlebar (GTK_WINDOW (win), header);
  gtk_window_set_default_size (GTK_WINDOW (win), 900, 760);

  gtk_widget_set_margin_start (cal, 12);
  gtk_widget_set_margin_end (cal, 12);
  gtk_widget_set_margin_top (cal, 12);
  gtk_widget_set_margin_bottom (cal, 12);
  gtk_window_set_child (GTK_WINDOW (win), cal);

  calendar = EF_RESERVATION_CALENDAR (cal);
  ef_reservation_calendar_set_today (calendar, day (2026, 11, 26));
  fill_school_year (calendar, now);
  g_signal_connect (calendar, "toggle-requested", G_CALLBACK (on_toggle_requested_cb), NULL);
  return win;
}

static gboolean
parse_screenshot_args (int         argc,
                       char      **argv,
                       Screenshot *shot)
{
  shot->width = 1000;
  shot->height = 760;
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--screenshot="))
        shot->path = argv[i] + strlen ("--screenshot=");
      else if (g_str_has_prefix (argv[i], "--mode="))
        shot->mode = argv[i] + strlen ("--mode=");
      else if (g_str_has_prefix (argv[i], "--month="))
        shot->month = argv[i] + strlen ("--month=");
      else if (g_str_has_prefix (argv[i], "--width="))
        shot->width = atoi (argv[i] + strlen ("--width="));
      else if (g_str_has_prefix (argv[i], "--height="))
        shot->height = atoi (argv[i] + strlen ("--height="));
      else if (g_str_equal (argv[i], "--dark"))
        shot->dark = TRUE;
    }
  return shot->path != NULL;
}

int
main (int   argc,
      char *argv[])
{
  Screenshot shot = { 0 };
  int status;

  if (parse_screenshot_args (argc, argv, &shot))
    {
      /* A picture in the user's language (LANGUAGE=fr for the French set). */
      ef_i18n_init ();
      textdomain (GETTEXT_PACKAGE);
      gtk_init ();
      adw_init ();
      g_object_set (gtk_settings_get_default (), "gtk-font-name", "Cantarell 11", NULL);
      shooting = TRUE;
      window = build_window ();
      return take_screenshot (&shot);
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  requests.days = g_array_new (FALSE, FALSE, sizeof (EfDay));
  window = build_window ();
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (is_drawn_cb, calendar));

  g_test_add_func ("/ui/calendar/click", test_click);
  g_test_add_func ("/ui/calendar/drag-logic", test_drag_logic);
  g_test_add_func ("/ui/calendar/drag-highlight", test_drag_highlight);
  g_test_add_func ("/ui/calendar/shift-click", test_shift_click);
  g_test_add_func ("/ui/calendar/keyboard-actions", test_keyboard_actions);
  g_test_add_func ("/ui/calendar/year-mode", test_year_mode);
  g_test_add_func ("/ui/calendar/accessible", test_accessible);
  g_test_add_func ("/ui/calendar/xdotool-drag", test_xdotool_drag);
  g_test_add_func ("/ui/calendar/xdotool-keys", test_xdotool_keys);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&requests.days, g_array_unref);
  g_clear_pointer (&requests.activity, g_free);
  g_clear_pointer (&window_title, g_free);
  return status;
}
