/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reservation-calendar.c: the month and year calendar of "Mes réservations"
 *
 * One activity at a time (a switcher above the grid), one month or the
 * whole school year. The calendar holds plain arrays per activity (one
 * small struct per day of the range), not objects, so that a page feeds a
 * school year of three activities in one call per activity; it keeps no
 * reservations of its own: clicks, drags and keys emit ::toggle-requested
 * and the caller answers with ef_reservation_calendar_set_pending().
 *
 * Pointer input goes through one GtkGestureDrag on the stack of views, so
 * that a drag crosses cells and months; the day under the pointer is found
 * with gtk_widget_pick(). While dragging, only the cells that enter or
 * leave the range change (their :selected state): nothing is laid out
 * again.
 */

#define G_LOG_DOMAIN "EfReservationCalendar"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-accessible.h"
#include "ef-calendar-legend.h"
#include "ef-calendar-year-view.h"
#include "ef-month-grid.h"
#include "ef-reservation-calendar-private.h"
#include "ef-wrap-box.h"
#include "ef-widget-util.h"

typedef struct
{
  guint8      state;      /* EfCalendarDayState */
  guint8      reason;     /* EfClosedReason */
  guint8      pending;    /* EfPending */
  guint8      reserved;   /* locked days: whether reserved */
  char       *label;
  GDateTime  *deadline;
  char       *refused;    /* why the portal refused its change, or NULL */
} DayData;

typedef struct
{
  char       *id;
  char       *name;
  DayData    *days;       /* one per day of the range */
} Activity;

struct _EfReservationCalendar
{
  GtkWidget                  parent_instance;

  /* template children */
  GtkWidget                 *month_dropdown;
  GtkStringList             *month_list;
  GtkWidget                 *activity_box;
  GtkStack                  *stack;
  GtkScrolledWindow         *year_scroller;
  EfMonthGrid               *month_grid;
  EfCalendarYearView        *year_view;
  GtkGesture                *drag_gesture;

  EfDay                      first_day;
  EfDay                      last_day;
  guint                      n_days;
  EfDay                      today;
  EfDay                      month;
  EfDay                      focus_day;
  EfReservationCalendarMode  mode;

  GPtrArray                 *activities;   /* Activity */
  Activity                  *activity;     /* the one shown, or NULL */

  /* The selection runs from the anchor (where it began) to the end. */
  EfDay                      anchor;
  EfDay                      end;

  EfDay                      last_clicked;
  gboolean                   last_reserve;
  guint                      dragging : 1;
  guint                      drag_extends : 1;
  guint                      year_dirty : 1;
  guint                      setting_dropdown : 1;
};

G_DEFINE_FINAL_TYPE (EfReservationCalendar, ef_reservation_calendar, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (EfReservationCalendarMode, ef_reservation_calendar_mode,
  G_DEFINE_ENUM_VALUE (EF_RESERVATION_CALENDAR_MODE_MONTH, "month"),
  G_DEFINE_ENUM_VALUE (EF_RESERVATION_CALENDAR_MODE_YEAR, "year"))

enum {
  PROP_0,
  PROP_FIRST_DAY,
  PROP_LAST_DAY,
  PROP_TODAY,
  PROP_MONTH,
  PROP_MODE,
  PROP_ACTIVITY,
  PROP_FOCUS_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TOGGLE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Translators: why a day is closed for an activity that does not run on
 * that weekday. */
static const char * const not_running_reasons[] = {
  N_("No activity on Mondays"),
  N_("No activity on Tuesdays"),
  N_("No activity on Wednesdays"),
  N_("No activity on Thursdays"),
  N_("No activity on Fridays"),
  N_("No activity on Saturdays"),
  N_("No activity on Sundays"),
};

/* Days and their data */

static gboolean
in_range (EfReservationCalendar *self,
          EfDay                  day)
{
  return self->n_days > 0 && day >= self->first_day && day <= self->last_day;
}

static DayData *
day_data (EfReservationCalendar *self,
          Activity              *activity,
          EfDay                  day)
{
  if (activity == NULL || activity->days == NULL || !in_range (self, day))
    return NULL;
  return &activity->days[day - self->first_day];
}

static gboolean
is_changeable (const DayData *data)
{
  return data != NULL
         && (data->state == EF_CALENDAR_DAY_FREE || data->state == EF_CALENDAR_DAY_RESERVED);
}

/* Reserved once the pending change is saved. */
static gboolean
is_reserved (const DayData *data)
{
  if (data == NULL)
    return FALSE;

  switch ((EfCalendarDayState) data->state)
    {
    case EF_CALENDAR_DAY_FREE:
      return data->pending == EF_PENDING_ADD;
    case EF_CALENDAR_DAY_RESERVED:
      return data->pending != EF_PENDING_REMOVE;
    case EF_CALENDAR_DAY_LOCKED:
      return data->reserved;
    case EF_CALENDAR_DAY_CLOSED:
    default:
      return FALSE;
    }
}

static void
clear_day_data (DayData *data)
{
  g_clear_pointer (&data->label, g_free);
  g_clear_pointer (&data->deadline, g_date_time_unref);
  g_clear_pointer (&data->refused, g_free);
  data->state = EF_CALENDAR_DAY_CLOSED;
  data->reason = EF_CLOSED_REASON_NONE;
  data->pending = EF_PENDING_NONE;
  data->reserved = FALSE;
}

static void
free_days (DayData *days,
           guint    n_days)
{
  if (days == NULL)
    return;
  for (guint i = 0; i < n_days; i++)
    clear_day_data (&days[i]);
  g_free (days);
}

static DayData *
new_days (guint n_days)
{
  DayData *days = g_new0 (DayData, MAX (1, n_days));

  for (guint i = 0; i < n_days; i++)
    days[i].state = EF_CALENDAR_DAY_CLOSED;
  return days;
}

static Activity *
find_activity (EfReservationCalendar *self,
               const char            *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < self->activities->len; i++)
    {
      Activity *activity = g_ptr_array_index (self->activities, i);

      if (g_str_equal (activity->id, id))
        return activity;
    }
  return NULL;
}

/* Words */

static char *
format_date (EfDay       day,
             const char *format)
{
  int year, month, mday;
  g_autoptr (GDateTime) date = NULL;

  ef_day_get_ymd (day, &year, &month, &mday);
  date = g_date_time_new_utc (year, month, mday, 12, 0, 0);
  return ef_date_time_format (date, format);
}

static char *
format_deadline (GDateTime *deadline)
{
  /* Translators: the moment until which a day can be changed, a
   * g_date_time_format() format in the portal's time zone: "Wednesday 13
   * January at 9:00"; French: "%A %-d %B à %-H h %M". */
  return ef_date_time_format (deadline, C_("deadline", "%A %-d %B at %-H:%M"));
}

static char *
describe_closed (const DayData *data,
                 EfDay          day)
{
  switch ((EfClosedReason) data->reason)
    {
    case EF_CLOSED_REASON_WEEKEND:
      return g_strdup (_("Weekend"));
    case EF_CLOSED_REASON_PUBLIC_HOLIDAY:
      /* Translators: %s is the holiday's name, e.g. "Armistice Day". */
      return data->label ? g_strdup_printf (_("Public holiday: %s"), data->label)
                         : g_strdup (_("Public holiday"));
    case EF_CLOSED_REASON_SCHOOL_HOLIDAY:
      /* Translators: %s names the holidays, e.g. "Vacances de la Toussaint". */
      return data->label ? g_strdup_printf (_("School holidays: %s"), data->label)
                         : g_strdup (_("School holidays"));
    case EF_CLOSED_REASON_NOT_RUNNING:
      return data->label ? g_strdup (data->label)
                         : g_strdup (_(not_running_reasons[ef_day_get_weekday (day) - 1]));
    case EF_CLOSED_REASON_NOT_ENROLLED:
      return g_strdup (_("Not enrolled"));
    case EF_CLOSED_REASON_CLOSED_DAY:
      /* Translators: a day the town closed, %s is why, e.g. "Pont de l’Ascension". */
      return data->label ? g_strdup_printf (_("Closed by the town: %s"), data->label)
                         : g_strdup (_("Closed by the town"));
    case EF_CLOSED_REASON_NONE:
    default:
      return g_strdup (data->label ? data->label : _("Closed"));
    }
}

static char *
describe_state (const DayData *data,
                EfDay          day)
{
  const char *state;
  g_autofree char *when = NULL;
  g_autofree char *detail = NULL;

  if (data == NULL)
    return g_strdup (_("Outside the school year"));

  switch ((EfCalendarDayState) data->state)
    {
    case EF_CALENDAR_DAY_CLOSED:
      return describe_closed (data, day);

    case EF_CALENDAR_DAY_LOCKED:
      state = data->reserved ? _("Reserved") : _("Not reserved");
      if (data->deadline == NULL)
        return g_strdup_printf (C_("day state, then deadline", "%1$s, %2$s"),
                                state, _("can no longer be changed"));
      when = format_deadline (data->deadline);
      /* Translators: %s is a moment, e.g. "Monday 9 November at 9:00". */
      detail = g_strdup_printf (_("deadline passed on %s"), when);
      return g_strdup_printf (C_("day state, then deadline", "%1$s, %2$s"), state, detail);

    case EF_CALENDAR_DAY_FREE:
    case EF_CALENDAR_DAY_RESERVED:
    default:
      if (data->pending == EF_PENDING_ADD && data->state == EF_CALENDAR_DAY_FREE)
        state = _("To be reserved");
      else if (data->pending == EF_PENDING_REMOVE && data->state == EF_CALENDAR_DAY_RESERVED)
        state = _("To be cancelled");
      else if (data->state == EF_CALENDAR_DAY_RESERVED)
        state = _("Reserved");
      else
        state = _("Not reserved");
      if (data->deadline == NULL)
        return g_strdup (state);
      when = format_deadline (data->deadline);
      /* Translators: %s is a moment, e.g. "Wednesday 13 January at 9:00";
       * French: "modifiable jusqu’au %s". */
      detail = g_strdup_printf (_("can be changed until %s"), when);
      return g_strdup_printf (C_("day state, then deadline", "%1$s, %2$s"), state, detail);
    }
}

/* The accessible label and tooltip of a day. */
static char *
describe_day (EfReservationCalendar *self,
              EfDay                  day)
{
  /* Translators: a day in a cell's description, a g_date_time_format()
   * format: "Thursday 12 November 2026". */
  g_autofree char *date = format_date (day, C_("day cell", "%A %-d %B %Y"));
  g_autofree char *state = NULL;
  const DayData *data;

  if (!in_range (self, day))
    state = g_strdup (_("Outside the school year"));
  else
    state = describe_state (day_data (self, self->activity, day), day);

  data = day_data (self, self->activity, day);
  if (data != NULL && data->refused != NULL)
    /* Translators: a day's description when the portal refused its change:
     * "Monday 2 November 2026: Not reserved, to reserve. Refused: the deadline
     * has passed". */
    return g_strdup_printf (C_("day cell", "%1$s: %2$s. Refused: %3$s"), date, state, data->refused);

  /* Translators: a day's description: its date, then its state. */
  return g_strdup_printf (C_("day cell", "%1$s: %2$s"), date, state);
}

/* Cells */

static EfDayCellLook
day_look (EfReservationCalendar *self,
          EfDay                  day)
{
  EfDayCellLook look = 0;
  const DayData *data;

  if (ef_day_get_weekday (day) >= 6)
    look |= EF_DAY_CELL_WEEKEND;
  if (day == self->today)
    look |= EF_DAY_CELL_TODAY;

  if (!in_range (self, day))
    return look | EF_DAY_CELL_OUTSIDE;

  data = day_data (self, self->activity, day);
  if (data == NULL)
    return look | EF_DAY_CELL_CLOSED;
  if (data->refused != NULL)
    look |= EF_DAY_CELL_REFUSED;

  switch ((EfCalendarDayState) data->state)
    {
    case EF_CALENDAR_DAY_FREE:
      if (data->pending == EF_PENDING_ADD)
        look |= EF_DAY_CELL_TO_ADD;
      break;
    case EF_CALENDAR_DAY_RESERVED:
      look |= data->pending == EF_PENDING_REMOVE ? EF_DAY_CELL_TO_CANCEL : EF_DAY_CELL_RESERVED;
      break;
    case EF_CALENDAR_DAY_LOCKED:
      look |= EF_DAY_CELL_LOCKED | (data->reserved ? EF_DAY_CELL_RESERVED : 0);
      break;
    case EF_CALENDAR_DAY_CLOSED:
    default:
      look |= EF_DAY_CELL_CLOSED;
      if (data->reason == EF_CLOSED_REASON_PUBLIC_HOLIDAY
          || data->reason == EF_CLOSED_REASON_SCHOOL_HOLIDAY)
        look |= EF_DAY_CELL_HOLIDAY;
      break;
    }
  return look;
}

static gboolean
is_selected (EfReservationCalendar *self,
             EfDay                  day)
{
  if (self->anchor == EF_DAY_INVALID)
    return FALSE;
  return day >= MIN (self->anchor, self->end) && day <= MAX (self->anchor, self->end);
}

static void
refresh_cell (EfReservationCalendar *self,
              EfDayCell             *cell)
{
  EfDay day = ef_day_cell_get_day (cell);
  g_autofree char *description = describe_day (self, day);

  ef_day_cell_set_look (cell, day_look (self, day));
  ef_day_cell_set_selected (cell, is_selected (self, day));
  ef_day_cell_set_description (cell, description);
  gtk_widget_set_focusable (GTK_WIDGET (cell), in_range (self, day));
}

static void
label_grid (EfReservationCalendar *self,
            EfMonthGrid           *grid)
{
  g_autofree char *title = ef_month_format_title (ef_month_grid_get_month (grid));
  g_autofree char *label = NULL;

  if (self->activity != NULL)
    /* Translators: the accessible name of a month's grid: activity, month. */
    label = g_strdup_printf (C_("month grid", "%1$s, %2$s"), self->activity->name, title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label ? label : title,
                                  -1);
}

static void
refresh_grid (EfReservationCalendar *self,
              EfMonthGrid           *grid)
{
  EfDay month = ef_month_grid_get_month (grid);

  if (month == EF_DAY_INVALID)
    return;

  for (guint i = 0; i < ef_month_grid_get_n_days (grid); i++)
    refresh_cell (self, ef_month_grid_get_cell (grid, month + i));
  label_grid (self, grid);
}

static EfMonthGrid *
year_grid_for (EfReservationCalendar *self,
               EfDay                  day)
{
  int y0, m0, y, m;
  int index;

  if (!in_range (self, day) || ef_calendar_year_view_get_n_months (self->year_view) == 0)
    return NULL;

  ef_day_get_ymd (self->first_day, &y0, &m0, NULL);
  ef_day_get_ymd (day, &y, &m, NULL);
  index = (y * 12 + m) - (y0 * 12 + m0);
  if (index < 0 || (guint) index >= ef_calendar_year_view_get_n_months (self->year_view))
    return NULL;
  return ef_calendar_year_view_get_month (self->year_view, index);
}

/* The cell of @day in the view shown, if any. */
static EfDayCell *
find_cell (EfReservationCalendar *self,
           EfDay                  day)
{
  EfMonthGrid *grid;

  if (self->mode == EF_RESERVATION_CALENDAR_MODE_MONTH)
    return ef_month_grid_get_cell (self->month_grid, day);

  grid = year_grid_for (self, day);
  return grid != NULL ? ef_month_grid_get_cell (grid, day) : NULL;
}

/* After a change of one day: its cells in both views. */
static void
refresh_day (EfReservationCalendar *self,
             EfDay                  day)
{
  EfDayCell *cell = ef_month_grid_get_cell (self->month_grid, day);
  EfMonthGrid *grid = year_grid_for (self, day);

  if (cell != NULL)
    refresh_cell (self, cell);
  if (grid != NULL && !self->year_dirty)
    refresh_cell (self, ef_month_grid_get_cell (grid, day));
}

/* After a change of many days: the view shown now, the other when shown. */
static void
refresh_all (EfReservationCalendar *self)
{
  if (self->mode == EF_RESERVATION_CALENDAR_MODE_MONTH)
    {
      refresh_grid (self, self->month_grid);
      self->year_dirty = TRUE;
    }
  else
    {
      for (guint i = 0; i < ef_calendar_year_view_get_n_months (self->year_view); i++)
        refresh_grid (self, ef_calendar_year_view_get_month (self->year_view, i));
      self->year_dirty = FALSE;
      refresh_grid (self, self->month_grid);
    }
}

/* The one cell that Tab reaches: the focus day's, in the view shown. */
static void
update_tab_cells (EfReservationCalendar *self)
{
  EfMonthGrid *year_grid = year_grid_for (self, self->focus_day);

  ef_month_grid_set_tab_cell (self->month_grid,
                              ef_month_grid_get_cell (self->month_grid, self->focus_day));
  for (guint i = 0; i < ef_calendar_year_view_get_n_months (self->year_view); i++)
    {
      EfMonthGrid *grid = ef_calendar_year_view_get_month (self->year_view, i);

      ef_month_grid_set_tab_cell (grid, grid == year_grid ? ef_month_grid_get_cell (grid, self->focus_day)
                                                          : NULL);
    }
}

static gboolean
focus_is_on_a_day (EfReservationCalendar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return EF_IS_DAY_CELL (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}

/* Selection */

static void
select_range (EfReservationCalendar *self,
              EfDay                  anchor,
              EfDay                  end)
{
  EfDay old_lo = 0, old_hi = 0, new_lo = 0, new_hi = 0;
  gboolean had = self->anchor != EF_DAY_INVALID;
  gboolean has = anchor != EF_DAY_INVALID;

  if (had)
    {
      old_lo = MIN (self->anchor, self->end);
      old_hi = MAX (self->anchor, self->end);
    }
  if (has)
    {
      new_lo = MIN (anchor, end);
      new_hi = MAX (anchor, end);
    }

  self->anchor = anchor;
  self->end = has ? end : EF_DAY_INVALID;

  /* Only the days that enter or leave the range. */
  if (had)
    for (EfDay day = old_lo; day <= old_hi; day++)
      if (!has || day < new_lo || day > new_hi)
        {
          EfDayCell *cell = find_cell (self, day);

          if (cell != NULL)
            ef_day_cell_set_selected (cell, FALSE);
        }
  if (has)
    for (EfDay day = new_lo; day <= new_hi; day++)
      if (!had || day < old_lo || day > old_hi)
        {
          EfDayCell *cell = find_cell (self, day);

          if (cell != NULL)
            ef_day_cell_set_selected (cell, TRUE);
        }

  if (had != has)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.clear-selection", has);
}

/* Whether to reserve or cancel a range that begins at @anchor: the
 * opposite of the first changeable day's state, from @anchor towards @end. */
static gboolean
range_action (EfReservationCalendar *self,
              EfDay                  anchor,
              EfDay                  end,
              gboolean              *reserve)
{
  int step = end >= anchor ? 1 : -1;

  for (EfDay day = anchor;; day += step)
    {
      const DayData *data = day_data (self, self->activity, day);

      if (is_changeable (data))
        {
          *reserve = !is_reserved (data);
          return TRUE;
        }
      if (day == end)
        return FALSE;
    }
}

/* Asks the caller to reserve or cancel the changeable days of [@a, @b]
 * that are not already so; closed and locked days are skipped. */
static gboolean
request_toggle (EfReservationCalendar *self,
                EfDay                  a,
                EfDay                  b,
                gboolean               reserve)
{
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (EfDay));
  g_autofree char *activity_id = NULL;

  if (self->activity == NULL)
    return FALSE;

  for (EfDay day = MIN (a, b); day <= MAX (a, b); day++)
    {
      const DayData *data = day_data (self, self->activity, day);

      if (is_changeable (data) && is_reserved (data) != reserve)
        g_array_append_val (days, day);
    }
  if (days->len == 0)
    return FALSE;

  /* The handler may replace the activities. */
  activity_id = g_strdup (self->activity->id);
  g_signal_emit (self, signals[TOGGLE_REQUESTED], 0, activity_id, days, reserve);
  return TRUE;
}

static gboolean
toggle_day (EfReservationCalendar *self,
            EfDay                  day)
{
  const DayData *data = day_data (self, self->activity, day);

  if (!is_changeable (data))
    return FALSE;

  self->last_clicked = day;
  self->last_reserve = !is_reserved (data);
  return request_toggle (self, day, day, self->last_reserve);
}

static gboolean
apply_selection (EfReservationCalendar *self)
{
  EfDay anchor = self->anchor, end = self->end;
  gboolean reserve;
  gboolean done = FALSE;

  if (anchor == EF_DAY_INVALID)
    return FALSE;

  select_range (self, EF_DAY_INVALID, EF_DAY_INVALID);
  if (range_action (self, anchor, end, &reserve))
    {
      self->last_clicked = end;
      self->last_reserve = reserve;
      done = request_toggle (self, anchor, end, reserve);
    }
  return done;
}

/* Months and focus */

static void
update_navigation (EfReservationCalendar *self)
{
  gboolean has_range = self->n_days > 0;
  EfDay first_month = has_range ? ef_month_first_day (self->first_day) : EF_DAY_INVALID;
  EfDay last_month = has_range ? ef_month_first_day (self->last_day) : EF_DAY_INVALID;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.previous-month",
                                 has_range && self->month > first_month);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.next-month",
                                 has_range && self->month < last_month);

  if (has_range)
    {
      int y0, m0, y, m;

      ef_day_get_ymd (first_month, &y0, &m0, NULL);
      ef_day_get_ymd (self->month, &y, &m, NULL);
      self->setting_dropdown = TRUE;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->month_dropdown), (y * 12 + m) - (y0 * 12 + m0));
      self->setting_dropdown = FALSE;
    }
}

static void
scroll_to_month (EfReservationCalendar *self)
{
  EfMonthGrid *grid = year_grid_for (self, self->month);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->year_scroller);
  graphene_point_t point;

  if (grid == NULL || self->mode != EF_RESERVATION_CALENDAR_MODE_YEAR)
    return;
  if (!gtk_widget_compute_point (GTK_WIDGET (grid), GTK_WIDGET (self->year_view),
                                 &GRAPHENE_POINT_INIT (0, 0), &point))
    return;
  gtk_adjustment_clamp_page (adjustment, point.y,
                             point.y + gtk_widget_get_height (GTK_WIDGET (grid)));
}

/* Shows @month; the focus day follows into it. */
static void
show_month (EfReservationCalendar *self,
            EfDay                  month,
            gboolean               scroll)
{
  if (self->n_days == 0)
    return;

  month = ef_month_first_day (CLAMP (month, self->first_day, self->last_day));
  if (month == self->month)
    return;

  self->month = month;
  ef_month_grid_set_month (self->month_grid, month);
  if (self->mode == EF_RESERVATION_CALENDAR_MODE_MONTH)
    refresh_grid (self, self->month_grid);
  else
    label_grid (self, self->month_grid);
  update_navigation (self);
  if (scroll)
    scroll_to_month (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
}

/* Moves the focus day, showing its month; @grab: and the keyboard focus. */
static void
move_focus_to (EfReservationCalendar *self,
               EfDay                  day,
               gboolean               grab)
{
  EfDayCell *cell;

  if (self->n_days == 0)
    return;

  day = CLAMP (day, self->first_day, self->last_day);
  if (ef_month_first_day (day) != self->month)
    show_month (self, day, FALSE);

  if (self->focus_day != day)
    {
      self->focus_day = day;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_DAY]);
    }
  update_tab_cells (self);

  cell = find_cell (self, day);
  if (grab && cell != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (cell));
}

static void
rebuild_year_view (EfReservationCalendar *self)
{
  int y0, m0, y1, m1;

  if (self->n_days == 0)
    {
      ef_calendar_year_view_set_months (self->year_view, EF_DAY_INVALID, 0);
      return;
    }
  ef_day_get_ymd (self->first_day, &y0, &m0, NULL);
  ef_day_get_ymd (self->last_day, &y1, &m1, NULL);
  ef_calendar_year_view_set_months (self->year_view, ef_month_first_day (self->first_day),
                                    (y1 * 12 + m1) - (y0 * 12 + m0) + 1);
  self->year_dirty = TRUE;
}

static void
rebuild_activity_buttons (EfReservationCalendar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->activity_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->activity_box), child);

  for (guint i = 0; i < self->activities->len; i++)
    {
      Activity *activity = g_ptr_array_index (self->activities, i);
      GtkWidget *label = gtk_label_new (activity->name);
      GtkWidget *button = gtk_toggle_button_new ();

      /* Two lines rather than cut names on a phone. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "calendar.activity");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", activity->id);
      gtk_box_append (GTK_BOX (self->activity_box), button);
    }
  gtk_widget_set_visible (self->activity_box, self->activities->len > 1);
  ef_accessible_name_buttons (self->activity_box);
}

static void
activity_free (gpointer data)
{
  Activity *activity = data;

  g_free (activity->id);
  g_free (activity->name);
  g_free (activity->days);
  g_free (activity);
}

/* Pointer */

static EfDayCell *
pick_cell (EfReservationCalendar *self,
           double                 x,
           double                 y)
{
  /* In the view of the mode, not in the stack: while the stack cross-fades
   * from one view to the other, both are there to pick. */
  GtkWidget *view = self->mode == EF_RESERVATION_CALENDAR_MODE_MONTH ? GTK_WIDGET (self->month_grid)
                                                                     : GTK_WIDGET (self->year_scroller);
  GtkWidget *picked;
  graphene_point_t point;

  if (!gtk_widget_compute_point (GTK_WIDGET (self->stack), view, &GRAPHENE_POINT_INIT (x, y), &point))
    return NULL;
  picked = gtk_widget_pick (view, point.x, point.y, GTK_PICK_DEFAULT);
  if (picked != NULL && !EF_IS_DAY_CELL (picked))
    picked = gtk_widget_get_ancestor (picked, EF_TYPE_DAY_CELL);
  if (picked == NULL || !in_range (self, ef_day_cell_get_day (EF_DAY_CELL (picked))))
    return NULL;
  return EF_DAY_CELL (picked);
}

/* Callbacks */

static void
on_drag_begin_cb (GtkGestureDrag        *gesture,
                  double                 x,
                  double                 y,
                  EfReservationCalendar *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (_ef_reservation_calendar_pointer_press (self, x, y, (state & GDK_SHIFT_MASK) != 0))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update_cb (GtkGestureDrag        *gesture,
                   double                 offset_x,
                   double                 offset_y,
                   EfReservationCalendar *self)
{
  double x, y;

  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    _ef_reservation_calendar_pointer_motion (self, x + offset_x, y + offset_y);
}

static void
on_drag_end_cb (GtkGestureDrag        *gesture,
                double                 offset_x,
                double                 offset_y,
                EfReservationCalendar *self)
{
  double x, y;

  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    _ef_reservation_calendar_pointer_motion (self, x + offset_x, y + offset_y);
  _ef_reservation_calendar_pointer_release (self);
}

static void
on_drag_cancel_cb (GtkGesture            *gesture,
                   GdkEventSequence      *sequence,
                   EfReservationCalendar *self)
{
  _ef_reservation_calendar_pointer_cancel (self);
}

static void
on_month_dropdown_selected_cb (EfReservationCalendar *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->month_dropdown));

  if (self->setting_dropdown || selected == GTK_INVALID_LIST_POSITION || self->n_days == 0)
    return;

  show_month (self, ef_month_add (ef_month_first_day (self->first_day), selected), TRUE);
  /* The focus day follows, without taking the focus from the list. */
  if (ef_month_first_day (self->focus_day) != self->month)
    move_focus_to (self, self->month + MIN (ef_month_days_in (self->month),
                                            (int) (self->focus_day - ef_month_first_day (self->focus_day)) + 1) - 1,
                   FALSE);
}

/* Actions */

static void
move_month_action (EfReservationCalendar *self,
                   int                    n_months)
{
  int year, month, mday;
  EfDay target;

  if (self->n_days == 0)
    return;

  ef_day_get_ymd (self->focus_day, &year, &month, &mday);
  target = ef_month_add (ef_month_first_day (self->focus_day), n_months);
  target += MIN (mday, ef_month_days_in (target)) - 1;
  move_focus_to (self, target, focus_is_on_a_day (self));
  /* Clamping keeps the focus at an end of the range: show the month anyway. */
  show_month (self, ef_month_add (self->month, n_months), TRUE);
}

static void
previous_month_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_month_action (EF_RESERVATION_CALENDAR (widget), -1);
}

static void
next_month_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  move_month_action (EF_RESERVATION_CALENDAR (widget), 1);
}

static void
cycle_activity (EfReservationCalendar *self,
                int                    step)
{
  guint n = self->activities->len;
  guint index = 0;

  if (n < 2)
    return;
  g_ptr_array_find (self->activities, self->activity, &index);
  index = (index + n + step) % n;
  ef_reservation_calendar_set_activity (self,
                                        ((Activity *) g_ptr_array_index (self->activities, index))->id);
}

static void
previous_activity_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  cycle_activity (EF_RESERVATION_CALENDAR (widget), -1);
}

static void
next_activity_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cycle_activity (EF_RESERVATION_CALENDAR (widget), 1);
}

static void
move_focus_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EfReservationCalendar *self = EF_RESERVATION_CALENDAR (widget);
  int n_days;
  gboolean extend;
  EfDay target;

  g_variant_get (parameter, "(ib)", &n_days, &extend);
  if (self->n_days == 0)
    return;

  /* Left and Right follow the reading direction. */
  if (ABS (n_days) == 1 && gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    n_days = -n_days;

  target = CLAMP ((gint64) self->focus_day + n_days, (gint64) self->first_day, (gint64) self->last_day);
  if (extend)
    select_range (self, self->anchor != EF_DAY_INVALID ? self->anchor : self->focus_day, target);
  else
    select_range (self, EF_DAY_INVALID, EF_DAY_INVALID);
  move_focus_to (self, target, TRUE);
}

static void
toggle_focus_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EfReservationCalendar *self = EF_RESERVATION_CALENDAR (widget);

  if (!toggle_day (self, self->focus_day))
    gtk_widget_error_bell (widget);
}

static void
apply_selection_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EfReservationCalendar *self = EF_RESERVATION_CALENDAR (widget);

  if (self->anchor == EF_DAY_INVALID)
    toggle_focus_cb (widget, action_name, parameter);
  else if (!apply_selection (self))
    gtk_widget_error_bell (widget);
}

static void
clear_selection_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ef_reservation_calendar_clear_selection (EF_RESERVATION_CALENDAR (widget));
}

/* Vfuncs */

static void
ef_reservation_calendar_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  EfReservationCalendar *self = EF_RESERVATION_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_FIRST_DAY:
      g_value_set_uint (value, self->first_day);
      break;
    case PROP_LAST_DAY:
      g_value_set_uint (value, self->last_day);
      break;
    case PROP_TODAY:
      g_value_set_uint (value, self->today);
      break;
    case PROP_MONTH:
      g_value_set_uint (value, self->month);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_ACTIVITY:
      /* Never NULL: the property action's state is a string. */
      g_value_set_string (value, self->activity != NULL ? self->activity->id : "");
      break;
    case PROP_FOCUS_DAY:
      g_value_set_uint (value, self->focus_day);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_reservation_calendar_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  EfReservationCalendar *self = EF_RESERVATION_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_FIRST_DAY:
      ef_reservation_calendar_set_range (self, g_value_get_uint (value),
                                         MAX (self->last_day, g_value_get_uint (value)));
      break;
    case PROP_LAST_DAY:
      ef_reservation_calendar_set_range (self,
                                         self->first_day ? self->first_day : g_value_get_uint (value),
                                         g_value_get_uint (value));
      break;
    case PROP_TODAY:
      ef_reservation_calendar_set_today (self, g_value_get_uint (value));
      break;
    case PROP_MONTH:
      ef_reservation_calendar_set_month (self, g_value_get_uint (value));
      break;
    case PROP_MODE:
      ef_reservation_calendar_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_ACTIVITY:
      ef_reservation_calendar_set_activity (self, g_value_get_string (value));
      break;
    case PROP_FOCUS_DAY:
      ef_reservation_calendar_set_focus_day (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_reservation_calendar_dispose (GObject *object)
{
  ef_widget_dispose_template (GTK_WIDGET (object), EF_TYPE_RESERVATION_CALENDAR);

  G_OBJECT_CLASS (ef_reservation_calendar_parent_class)->dispose (object);
}

static void
ef_reservation_calendar_finalize (GObject *object)
{
  EfReservationCalendar *self = EF_RESERVATION_CALENDAR (object);

  for (guint i = 0; i < self->activities->len; i++)
    {
      Activity *activity = g_ptr_array_index (self->activities, i);

      free_days (activity->days, self->n_days);
      activity->days = NULL;
    }
  g_clear_pointer (&self->activities, g_ptr_array_unref);

  G_OBJECT_CLASS (ef_reservation_calendar_parent_class)->finalize (object);
}

static void
ef_reservation_calendar_class_init (EfReservationCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_reservation_calendar_get_property;
  object_class->set_property = ef_reservation_calendar_set_property;
  object_class->dispose = ef_reservation_calendar_dispose;
  object_class->finalize = ef_reservation_calendar_finalize;

  /**
   * EfReservationCalendar:first-day:
   *
   * The first day that can be shown (the school year's first).
   */
  properties[PROP_FIRST_DAY] =
    g_param_spec_uint ("first-day", NULL, NULL, 0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationCalendar:last-day:
   *
   * The last day that can be shown (the school year's last).
   */
  properties[PROP_LAST_DAY] =
    g_param_spec_uint ("last-day", NULL, NULL, 0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationCalendar:today:
   *
   * The day marked as today, in the portal's time zone.
   */
  properties[PROP_TODAY] =
    g_param_spec_uint ("today", NULL, NULL, 0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationCalendar:month:
   *
   * The first day of the month shown (month mode) or of the focus day's
   * month (year mode).
   */
  properties[PROP_MONTH] =
    g_param_spec_uint ("month", NULL, NULL, 0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationCalendar:mode:
   *
   * One month, or the whole range in small months.
   */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       EF_TYPE_RESERVATION_CALENDAR_MODE, EF_RESERVATION_CALENDAR_MODE_MONTH,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationCalendar:activity:
   *
   * The id of the activity shown.
   */
  properties[PROP_ACTIVITY] =
    g_param_spec_string ("activity", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationCalendar:focus-day:
   *
   * The day that has, or will get, the keyboard focus.
   */
  properties[PROP_FOCUS_DAY] =
    g_param_spec_uint ("focus-day", NULL, NULL, 0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfReservationCalendar::toggle-requested:
   * @self: the calendar
   * @activity_id: the activity
   * @days: (element-type guint32): the days to change, ascending
   * @reserve: %TRUE to reserve them, %FALSE to cancel them
   *
   * A click, a drag or a key asks to change @days. Each day is open
   * (neither closed nor locked) and, counting its pending change, not yet
   * in the requested state; the handler records the change with
   * ef_reservation_calendar_set_pending(): a free day to reserve becomes
   * %EF_PENDING_ADD, a reserved day to cancel %EF_PENDING_REMOVE, and a
   * pending change that is undone %EF_PENDING_NONE.
   */
  signals[TOGGLE_REQUESTED] =
    g_signal_new ("toggle-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING,
                  G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_BOOLEAN);

  g_type_ensure (EF_TYPE_MONTH_GRID);
  g_type_ensure (EF_TYPE_WRAP_BOX);
  g_type_ensure (EF_TYPE_CALENDAR_YEAR_VIEW);
  g_type_ensure (EF_TYPE_CALENDAR_LEGEND);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/widgets/ef-reservation-calendar.ui");
  gtk_widget_class_bind_template_child (widget_class, EfReservationCalendar, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EfReservationCalendar, month_list);
  gtk_widget_class_bind_template_child (widget_class, EfReservationCalendar, activity_box);
  gtk_widget_class_bind_template_child (widget_class, EfReservationCalendar, stack);
  gtk_widget_class_bind_template_child (widget_class, EfReservationCalendar, year_scroller);
  gtk_widget_class_bind_template_child (widget_class, EfReservationCalendar, month_grid);
  gtk_widget_class_bind_template_child (widget_class, EfReservationCalendar, year_view);
  gtk_widget_class_bind_template_child (widget_class, EfReservationCalendar, drag_gesture);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_end_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_dropdown_selected_cb);

  gtk_widget_class_install_property_action (widget_class, "calendar.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "calendar.activity", "activity");
  gtk_widget_class_install_action (widget_class, "calendar.previous-month", NULL, previous_month_cb);
  gtk_widget_class_install_action (widget_class, "calendar.next-month", NULL, next_month_cb);
  gtk_widget_class_install_action (widget_class, "calendar.previous-activity", NULL, previous_activity_cb);
  gtk_widget_class_install_action (widget_class, "calendar.next-activity", NULL, next_activity_cb);
  gtk_widget_class_install_action (widget_class, "calendar.move-focus", "(ib)", move_focus_cb);
  gtk_widget_class_install_action (widget_class, "calendar.toggle-focus", NULL, toggle_focus_cb);
  gtk_widget_class_install_action (widget_class, "calendar.apply-selection", NULL, apply_selection_cb);
  gtk_widget_class_install_action (widget_class, "calendar.clear-selection", NULL, clear_selection_cb);

  /* As tabs elsewhere in GNOME. The day keys are in the template, on the
   * days only. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "calendar.previous-activity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "calendar.next-activity", NULL);

  gtk_widget_class_set_css_name (widget_class, "reservationcalendar");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_reservation_calendar_init (EfReservationCalendar *self)
{
  self->activities = g_ptr_array_new_with_free_func (activity_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  ef_accessible_name_buttons (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.clear-selection", FALSE);
  update_navigation (self);
}

/* Private API, for the gesture and for benchmarks */

GtkWidget *
_ef_reservation_calendar_get_days_area (EfReservationCalendar *self)
{
  return GTK_WIDGET (self->stack);
}

EfDayCell *
_ef_reservation_calendar_get_cell (EfReservationCalendar *self,
                                   EfDay                  day)
{
  return find_cell (self, day);
}

/* A button press at (@x, @y); @extend: Shift was held. Returns whether it
 * was on a day of the range (the gesture then claims the sequence). */
gboolean
_ef_reservation_calendar_pointer_press (EfReservationCalendar *self,
                                        double                 x,
                                        double                 y,
                                        gboolean               extend)
{
  EfDayCell *cell = pick_cell (self, x, y);
  EfDay day;

  if (cell == NULL)
    return FALSE;

  day = ef_day_cell_get_day (cell);
  move_focus_to (self, day, TRUE);

  self->dragging = TRUE;
  self->drag_extends = extend && self->last_clicked != EF_DAY_INVALID && in_range (self, self->last_clicked);
  select_range (self, self->drag_extends ? self->last_clicked : day, day);
  return TRUE;
}

void
_ef_reservation_calendar_pointer_motion (EfReservationCalendar *self,
                                         double                 x,
                                         double                 y)
{
  EfDayCell *cell;
  EfDay day;

  if (!self->dragging)
    return;

  /* Between cells (in a gap, on a title): the range stays as it was. */
  cell = pick_cell (self, x, y);
  if (cell == NULL)
    return;

  day = ef_day_cell_get_day (cell);
  if (day != self->end)
    select_range (self, self->anchor, day);
}

void
_ef_reservation_calendar_pointer_release (EfReservationCalendar *self)
{
  EfDay anchor = self->anchor, end = self->end;

  if (!self->dragging)
    return;
  self->dragging = FALSE;

  if (self->drag_extends)
    {
      /* Shift-click: the last click's action, from that day to this one. */
      select_range (self, EF_DAY_INVALID, EF_DAY_INVALID);
      request_toggle (self, anchor, end, self->last_reserve);
    }
  else if (anchor == end)
    {
      select_range (self, EF_DAY_INVALID, EF_DAY_INVALID);
      toggle_day (self, anchor);
    }
  else
    apply_selection (self);
}

void
_ef_reservation_calendar_pointer_cancel (EfReservationCalendar *self)
{
  if (!self->dragging)
    return;
  self->dragging = FALSE;
  select_range (self, EF_DAY_INVALID, EF_DAY_INVALID);
}

/* Public API */

/**
 * ef_reservation_calendar_new:
 *
 * Returns: (transfer floating): a calendar without range or activities
 */
GtkWidget *
ef_reservation_calendar_new (void)
{
  return g_object_new (EF_TYPE_RESERVATION_CALENDAR, NULL);
}

/**
 * ef_reservation_calendar_set_range:
 * @self: a calendar
 * @first_day: the first day that can be shown
 * @last_day: the last one, not before @first_day
 *
 * Sets the school year. The days of every activity go back to closed and
 * must be set again.
 */
void
ef_reservation_calendar_set_range (EfReservationCalendar *self,
                                   EfDay                  first_day,
                                   EfDay                  last_day)
{
  EfDay month;

  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));
  g_return_if_fail (ef_day_is_valid (first_day) && ef_day_is_valid (last_day));
  g_return_if_fail (first_day <= last_day);

  if (first_day == self->first_day && last_day == self->last_day)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < self->activities->len; i++)
    {
      Activity *activity = g_ptr_array_index (self->activities, i);

      free_days (activity->days, self->n_days);
      activity->days = new_days (last_day - first_day + 1);
    }

  if (first_day != self->first_day)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_DAY]);
  if (last_day != self->last_day)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_DAY]);
  self->first_day = first_day;
  self->last_day = last_day;
  self->n_days = last_day - first_day + 1;
  self->anchor = self->end = EF_DAY_INVALID;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.clear-selection", FALSE);
  self->last_clicked = EF_DAY_INVALID;

  /* The month list of the jump menu. */
  {
    g_autoptr (GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

    for (month = ef_month_first_day (first_day); month <= last_day; month = ef_month_add (month, 1))
      g_ptr_array_add (titles, ef_month_format_title (month));
    g_ptr_array_add (titles, NULL);
    self->setting_dropdown = TRUE;
    gtk_string_list_splice (self->month_list, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->month_list)),
                            (const char * const *) titles->pdata);
    self->setting_dropdown = FALSE;
  }

  rebuild_year_view (self);

  /* Keep the month shown when it is still in the range; else the today's
   * month, else the first. */
  month = self->month;
  self->month = EF_DAY_INVALID;
  if (month == EF_DAY_INVALID
      || (!in_range (self, month) && !in_range (self, ef_month_add (month, 1) - 1)))
    month = in_range (self, self->today) ? self->today : first_day;
  show_month (self, MAX (month, first_day), FALSE);
  move_focus_to (self, in_range (self, self->focus_day) ? self->focus_day
                       : in_range (self, self->today) ? self->today
                       : MAX (self->month, first_day), FALSE);
  refresh_all (self);

  g_object_thaw_notify (G_OBJECT (self));
}

EfDay
ef_reservation_calendar_get_first_day (EfReservationCalendar *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), EF_DAY_INVALID);

  return self->first_day;
}

EfDay
ef_reservation_calendar_get_last_day (EfReservationCalendar *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), EF_DAY_INVALID);

  return self->last_day;
}

EfDay
ef_reservation_calendar_get_today (EfReservationCalendar *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), EF_DAY_INVALID);

  return self->today;
}

void
ef_reservation_calendar_set_today (EfReservationCalendar *self,
                                   EfDay                  today)
{
  EfDay previous;

  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));

  if (self->today == today)
    return;

  previous = self->today;
  self->today = today;
  if (previous != EF_DAY_INVALID)
    refresh_day (self, previous);
  if (today != EF_DAY_INVALID)
    refresh_day (self, today);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

EfDay
ef_reservation_calendar_get_month (EfReservationCalendar *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), EF_DAY_INVALID);

  return self->month;
}

/**
 * ef_reservation_calendar_set_month:
 * @self: a calendar
 * @month: any day of the month to show, clamped to the range
 *
 * Shows the month (in year mode, scrolls to it); the focus day moves into
 * it.
 */
void
ef_reservation_calendar_set_month (EfReservationCalendar *self,
                                   EfDay                  month)
{
  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));
  g_return_if_fail (ef_day_is_valid (month));

  show_month (self, month, TRUE);
  if (ef_month_first_day (self->focus_day) != self->month)
    move_focus_to (self, MAX (self->month, self->first_day), focus_is_on_a_day (self));
}

EfReservationCalendarMode
ef_reservation_calendar_get_mode (EfReservationCalendar *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), EF_RESERVATION_CALENDAR_MODE_MONTH);

  return self->mode;
}

void
ef_reservation_calendar_set_mode (EfReservationCalendar     *self,
                                  EfReservationCalendarMode  mode)
{
  gboolean had_focus;

  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));
  g_return_if_fail (mode == EF_RESERVATION_CALENDAR_MODE_MONTH || mode == EF_RESERVATION_CALENDAR_MODE_YEAR);

  if (self->mode == mode)
    return;

  had_focus = focus_is_on_a_day (self);
  select_range (self, EF_DAY_INVALID, EF_DAY_INVALID);
  self->mode = mode;

  if (mode == EF_RESERVATION_CALENDAR_MODE_YEAR && self->year_dirty)
    refresh_all (self);
  else if (mode == EF_RESERVATION_CALENDAR_MODE_MONTH)
    refresh_grid (self, self->month_grid);

  gtk_stack_set_visible_child_name (self->stack,
                                    mode == EF_RESERVATION_CALENDAR_MODE_YEAR ? "year" : "month");
  move_focus_to (self, self->focus_day, had_focus);
  scroll_to_month (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

/**
 * ef_reservation_calendar_set_activities:
 * @self: a calendar
 * @ids: (array zero-terminated=1): the activities' ids
 * @names: (array zero-terminated=1): their names, as many
 *
 * Sets the activities the calendar switches between; their days start
 * closed. The activity shown stays if it is still there, else the first.
 */
void
ef_reservation_calendar_set_activities (EfReservationCalendar *self,
                                        const char * const    *ids,
                                        const char * const    *names)
{
  g_autofree char *shown = NULL;
  Activity *activity;

  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));
  g_return_if_fail (ids != NULL && names != NULL);
  g_return_if_fail (g_strv_length ((char **) ids) == g_strv_length ((char **) names));

  shown = g_strdup (ef_reservation_calendar_get_activity (self));

  for (guint i = 0; i < self->activities->len; i++)
    {
      activity = g_ptr_array_index (self->activities, i);
      free_days (activity->days, self->n_days);
      activity->days = NULL;
    }
  g_ptr_array_set_size (self->activities, 0);
  self->activity = NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      activity = g_new0 (Activity, 1);
      activity->id = g_strdup (ids[i]);
      activity->name = g_strdup (names[i]);
      activity->days = new_days (self->n_days);
      g_ptr_array_add (self->activities, activity);
    }

  rebuild_activity_buttons (self);

  activity = find_activity (self, shown);
  if (activity == NULL && self->activities->len > 0)
    activity = g_ptr_array_index (self->activities, 0);
  self->activity = activity;
  select_range (self, EF_DAY_INVALID, EF_DAY_INVALID);
  self->last_clicked = EF_DAY_INVALID;
  refresh_all (self);

  if (g_strcmp0 (shown, ef_reservation_calendar_get_activity (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVITY]);
}

const char *
ef_reservation_calendar_get_activity (EfReservationCalendar *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), NULL);

  return self->activity != NULL ? self->activity->id : NULL;
}

void
ef_reservation_calendar_set_activity (EfReservationCalendar *self,
                                      const char            *activity_id)
{
  Activity *activity;

  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));

  activity = find_activity (self, activity_id);
  if (activity == NULL || activity == self->activity)
    return;

  self->activity = activity;
  select_range (self, EF_DAY_INVALID, EF_DAY_INVALID);
  self->last_clicked = EF_DAY_INVALID;
  refresh_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVITY]);
}

/**
 * ef_reservation_calendar_set_days:
 * @self: a calendar
 * @activity_id: the activity
 * @days: (array length=n_days): the days to set
 * @n_days: how many
 *
 * Sets the saved state of many days of one activity at once (a school
 * year in one call); days outside the range are ignored. Pending changes
 * of these days are kept.
 */
void
ef_reservation_calendar_set_days (EfReservationCalendar   *self,
                                  const char              *activity_id,
                                  const EfCalendarDayInfo *days,
                                  gsize                    n_days)
{
  Activity *activity;

  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));
  g_return_if_fail (days != NULL || n_days == 0);

  activity = find_activity (self, activity_id);
  g_return_if_fail (activity != NULL);

  for (gsize i = 0; i < n_days; i++)
    {
      DayData *data = day_data (self, activity, days[i].day);
      g_autofree char *refused = NULL;
      guint8 pending;

      if (data == NULL)
        continue;

      pending = data->pending;
      refused = g_steal_pointer (&data->refused);
      clear_day_data (data);
      data->refused = g_steal_pointer (&refused);
      data->state = days[i].state;
      data->reason = days[i].reason;
      data->reserved = !!days[i].reserved;
      data->label = g_strdup (days[i].label);
      data->deadline = days[i].deadline ? g_date_time_ref (days[i].deadline) : NULL;
      /* A pending change that no longer applies is dropped. */
      if ((pending == EF_PENDING_ADD && data->state == EF_CALENDAR_DAY_FREE)
          || (pending == EF_PENDING_REMOVE && data->state == EF_CALENDAR_DAY_RESERVED))
        data->pending = pending;
    }

  if (activity != self->activity)
    return;

  if (n_days <= 2)
    for (gsize i = 0; i < n_days; i++)
      refresh_day (self, days[i].day);
  else
    refresh_all (self);
}

EfCalendarDayState
ef_reservation_calendar_get_day_state (EfReservationCalendar *self,
                                       const char            *activity_id,
                                       EfDay                  day)
{
  const DayData *data;

  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), EF_CALENDAR_DAY_CLOSED);

  data = day_data (self, find_activity (self, activity_id), day);
  return data != NULL ? data->state : EF_CALENDAR_DAY_CLOSED;
}

/**
 * ef_reservation_calendar_set_pending:
 * @self: a calendar
 * @activity_id: the activity
 * @day: the day
 * @pending: its unsaved change
 *
 * Shows an unsaved change. %EF_PENDING_ADD applies to free days and
 * %EF_PENDING_REMOVE to reserved ones; others are ignored.
 */
void
ef_reservation_calendar_set_pending (EfReservationCalendar *self,
                                     const char            *activity_id,
                                     EfDay                  day,
                                     EfPending              pending)
{
  Activity *activity;
  DayData *data;

  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));
  g_return_if_fail (pending <= EF_PENDING_REMOVE);

  activity = find_activity (self, activity_id);
  g_return_if_fail (activity != NULL);

  data = day_data (self, activity, day);
  if (data == NULL || data->pending == pending)
    return;
  if ((pending == EF_PENDING_ADD && data->state != EF_CALENDAR_DAY_FREE)
      || (pending == EF_PENDING_REMOVE && data->state != EF_CALENDAR_DAY_RESERVED))
    return;

  data->pending = pending;
  if (activity == self->activity)
    refresh_day (self, day);
}

EfPending
ef_reservation_calendar_get_pending (EfReservationCalendar *self,
                                     const char            *activity_id,
                                     EfDay                  day)
{
  const DayData *data;

  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), EF_PENDING_NONE);

  data = day_data (self, find_activity (self, activity_id), day);
  return data != NULL ? data->pending : EF_PENDING_NONE;
}

/* Drops every pending change of @activity_id, or of all activities when NULL. */
void
ef_reservation_calendar_clear_pending (EfReservationCalendar *self,
                                       const char            *activity_id)
{
  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));

  for (guint i = 0; i < self->activities->len; i++)
    {
      Activity *activity = g_ptr_array_index (self->activities, i);

      if (activity_id != NULL && !g_str_equal (activity->id, activity_id))
        continue;
      for (guint d = 0; d < self->n_days; d++)
        activity->days[d].pending = EF_PENDING_NONE;
    }
  refresh_all (self);
}

/**
 * ef_reservation_calendar_set_refused:
 * @self: a calendar
 * @activity_id: the activity
 * @day: the day
 * @reason: (nullable): why the portal refused the day's change, in words,
 *   or %NULL when it is no longer refused
 *
 * Marks a day whose change the portal refused: the cell gets the
 * `.refused` look, and @reason ends its description. The mark stays
 * until cleared, whatever the day's state and pending change.
 */
void
ef_reservation_calendar_set_refused (EfReservationCalendar *self,
                                     const char            *activity_id,
                                     EfDay                  day,
                                     const char            *reason)
{
  Activity *activity;
  DayData *data;

  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));

  activity = find_activity (self, activity_id);
  g_return_if_fail (activity != NULL);

  data = day_data (self, activity, day);
  if (data == NULL || g_strcmp0 (data->refused, reason) == 0)
    return;

  g_free (data->refused);
  data->refused = g_strdup (reason);
  if (activity == self->activity)
    refresh_day (self, day);
}

const char *
ef_reservation_calendar_get_refused (EfReservationCalendar *self,
                                     const char            *activity_id,
                                     EfDay                  day)
{
  const DayData *data;

  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), NULL);

  data = day_data (self, find_activity (self, activity_id), day);
  return data != NULL ? data->refused : NULL;
}

/* Drops every refusal mark of @activity_id, or of all activities when NULL. */
void
ef_reservation_calendar_clear_refused (EfReservationCalendar *self,
                                       const char            *activity_id)
{
  gboolean changed = FALSE;

  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));

  for (guint i = 0; i < self->activities->len; i++)
    {
      Activity *activity = g_ptr_array_index (self->activities, i);

      if (activity_id != NULL && !g_str_equal (activity->id, activity_id))
        continue;
      for (guint d = 0; d < self->n_days; d++)
        if (activity->days[d].refused != NULL)
          {
            g_clear_pointer (&activity->days[d].refused, g_free);
            changed = TRUE;
          }
    }
  if (changed)
    refresh_all (self);
}

EfDay
ef_reservation_calendar_get_focus_day (EfReservationCalendar *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), EF_DAY_INVALID);

  return self->focus_day;
}

/* Moves the focus day (and the keyboard focus, if it is on a day). */
void
ef_reservation_calendar_set_focus_day (EfReservationCalendar *self,
                                       EfDay                  day)
{
  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));

  if (!in_range (self, day))
    return;
  move_focus_to (self, day, focus_is_on_a_day (self));
}

/**
 * ef_reservation_calendar_get_selection:
 * @self: a calendar
 * @first: (out) (optional): the first selected day
 * @last: (out) (optional): the last selected day
 *
 * Returns: whether days are selected (by keyboard, or while dragging)
 */
gboolean
ef_reservation_calendar_get_selection (EfReservationCalendar *self,
                                       EfDay                 *first,
                                       EfDay                 *last)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CALENDAR (self), FALSE);

  if (first != NULL)
    *first = self->anchor != EF_DAY_INVALID ? MIN (self->anchor, self->end) : EF_DAY_INVALID;
  if (last != NULL)
    *last = self->anchor != EF_DAY_INVALID ? MAX (self->anchor, self->end) : EF_DAY_INVALID;
  return self->anchor != EF_DAY_INVALID;
}

void
ef_reservation_calendar_clear_selection (EfReservationCalendar *self)
{
  g_return_if_fail (EF_IS_RESERVATION_CALENDAR (self));

  select_range (self, EF_DAY_INVALID, EF_DAY_INVALID);
}
