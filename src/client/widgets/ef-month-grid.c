/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-month-grid.c: the days of one month, Monday first
 *
 * A grid (accessible role grid) of up to 31 EfDayCells under a row of
 * weekday names; in the compact form of the year overview, the month's
 * name above them. The cells are made once and moved when the month
 * changes. Weekend columns do not expand, so they stay narrow.
 *
 * Only one cell of all the grids of a calendar is a Tab stop (the roving
 * "tab cell"); arrows move between days through the calendar's bindings.
 */

#define G_LOG_DOMAIN "EfMonthGrid"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ef-month-grid.h"

#define MAX_DAYS 31
#define TITLE_ROW 0
#define HEADER_ROW 1
#define FIRST_WEEK_ROW 2

struct _EfMonthGrid
{
  GtkWidget   parent_instance;

  GtkWidget  *title;          /* compact grids only */
  GtkWidget  *headers[7];
  EfDayCell  *cells[MAX_DAYS];
  EfDayCell  *tab_cell;

  EfDay       month;
  guint       n_days;
  guint       compact : 1;
};

G_DEFINE_FINAL_TYPE (EfMonthGrid, ef_month_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Translators: the initials of the weekdays, Monday first, above the small
 * months of the year overview. */
static const char * const weekday_initials[] = {
  NC_("Monday initial", "M"),
  NC_("Tuesday initial", "T"),
  NC_("Wednesday initial", "W"),
  NC_("Thursday initial", "T"),
  NC_("Friday initial", "F"),
  NC_("Saturday initial", "S"),
  NC_("Sunday initial", "S"),
};

static const char * const weekday_contexts[] = {
  "Monday initial", "Tuesday initial", "Wednesday initial", "Thursday initial",
  "Friday initial", "Saturday initial", "Sunday initial",
};

static void
place (GtkWidget *grid,
       GtkWidget *child,
       int        column,
       int        row,
       int        column_span)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (grid);
  GtkGridLayoutChild *layout_child =
    GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, child));

  gtk_grid_layout_child_set_column (layout_child, column);
  gtk_grid_layout_child_set_row (layout_child, row);
  gtk_grid_layout_child_set_column_span (layout_child, column_span);
}

static gboolean
ef_month_grid_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  EfMonthGrid *self = EF_MONTH_GRID (widget);

  /* Leaving: the grid is one Tab stop. */
  if (gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;

  if (self->tab_cell == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->tab_cell)))
    return FALSE;

  return gtk_widget_grab_focus (GTK_WIDGET (self->tab_cell));
}

static void
ef_month_grid_constructed (GObject *object)
{
  EfMonthGrid *self = EF_MONTH_GRID (object);
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean compact = self->compact;
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (widget));
  /* 2 January 2023 was a Monday. */
  g_autoptr (GDateTime) monday = g_date_time_new_local (2023, 1, 2, 12, 0, 0);

  G_OBJECT_CLASS (ef_month_grid_parent_class)->constructed (object);

  if (compact)
    gtk_widget_add_css_class (widget, "compact");

  gtk_grid_layout_set_row_spacing (layout, compact ? 2 : 4);
  gtk_grid_layout_set_column_spacing (layout, compact ? 2 : 4);

  if (compact)
    {
      self->title = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->title), 0.0);
      gtk_widget_add_css_class (self->title, "month-title");
      gtk_widget_set_parent (self->title, widget);
      place (widget, self->title, 0, TITLE_ROW, 7);
    }

  for (int i = 0; i < 7; i++)
    {
      g_autoptr (GDateTime) date = g_date_time_add_days (monday, i);
      g_autofree char *full = g_date_time_format (date, "%A");
      g_autofree char *abbreviated = g_date_time_format (date, "%a");
      GtkWidget *header = g_object_new (GTK_TYPE_LABEL,
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
                                        "label", compact ? g_dpgettext2 (GETTEXT_PACKAGE,
                                                                         weekday_contexts[i],
                                                                         weekday_initials[i])
                                                         : abbreviated,
                                        "can-target", FALSE,
                                        NULL);

      gtk_accessible_update_property (GTK_ACCESSIBLE (header),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                      -1);
      gtk_widget_add_css_class (header, "weekday");
      if (i >= 5)
        gtk_widget_add_css_class (header, "weekend");
      if (!compact)
        {
          /* "lun." when it fits, "L" when the grid is narrow (a phone,
           * large text): a squeezer shows the widest that fits. */
          GtkWidget *initial = g_object_new (GTK_TYPE_LABEL,
                                             "accessible-role", GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
                                             "label", g_dpgettext2 (GETTEXT_PACKAGE, weekday_contexts[i],
                                                                    weekday_initials[i]),
                                             "can-target", FALSE,
                                             NULL);
          GtkWidget *squeezer = g_object_new (ADW_TYPE_SQUEEZER,
                                              "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                              "can-target", FALSE,
                                              "hexpand", i < 5,
                                              NULL);

          gtk_accessible_update_property (GTK_ACCESSIBLE (initial),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                          -1);
          gtk_widget_add_css_class (initial, "weekday");
          if (i >= 5)
            gtk_widget_add_css_class (initial, "weekend");
          adw_squeezer_add (ADW_SQUEEZER (squeezer), header);
          adw_squeezer_add (ADW_SQUEEZER (squeezer), initial);
          header = squeezer;
        }
      gtk_widget_set_parent (header, widget);
      place (widget, header, i, HEADER_ROW, 1);
      self->headers[i] = header;
    }

  for (int i = 0; i < MAX_DAYS; i++)
    {
      GtkWidget *cell = ef_day_cell_new (compact);

      gtk_widget_set_vexpand (cell, !compact);
      gtk_widget_set_parent (cell, widget);
      self->cells[i] = EF_DAY_CELL (cell);
    }

}

static void
ef_month_grid_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EfMonthGrid *self = EF_MONTH_GRID (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_month_grid_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EfMonthGrid *self = EF_MONTH_GRID (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      self->compact = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_month_grid_dispose (GObject *object)
{
  EfMonthGrid *self = EF_MONTH_GRID (object);
  GtkWidget *child;

  self->tab_cell = NULL;
  self->title = NULL;
  memset (self->headers, 0, sizeof self->headers);
  memset (self->cells, 0, sizeof self->cells);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ef_month_grid_parent_class)->dispose (object);
}

static void
ef_month_grid_class_init (EfMonthGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ef_month_grid_constructed;
  object_class->get_property = ef_month_grid_get_property;
  object_class->set_property = ef_month_grid_set_property;
  object_class->dispose = ef_month_grid_dispose;

  widget_class->focus = ef_month_grid_focus;

  /**
   * EfMonthGrid:compact:
   *
   * The small form of the year overview, with the month's name above.
   */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "monthgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
}

static void
ef_month_grid_init (EfMonthGrid *self)
{
}

/**
 * ef_month_grid_new:
 * @compact: the small form of the year overview, with the month's name
 *
 * Returns: (transfer floating): a grid showing no month yet
 */
GtkWidget *
ef_month_grid_new (gboolean compact)
{
  return g_object_new (EF_TYPE_MONTH_GRID, "compact", compact, NULL);
}

EfDay
ef_month_grid_get_month (EfMonthGrid *self)
{
  g_return_val_if_fail (EF_IS_MONTH_GRID (self), EF_DAY_INVALID);

  return self->month;
}

/**
 * ef_month_grid_set_month:
 * @self: a month grid
 * @first_of_month: the first day of the month to show
 *
 * Moves the cells to their weekday columns and gives them their days;
 * their looks are the calendar's business.
 */
void
ef_month_grid_set_month (EfMonthGrid *self,
                         EfDay        first_of_month)
{
  int offset;

  g_return_if_fail (EF_IS_MONTH_GRID (self));
  g_return_if_fail (ef_day_is_valid (first_of_month));

  first_of_month = ef_month_first_day (first_of_month);
  if (self->month == first_of_month)
    return;

  self->month = first_of_month;
  self->n_days = ef_month_days_in (first_of_month);
  offset = ef_day_get_weekday (first_of_month) - 1;

  if (self->title != NULL)
    {
      g_autofree char *title = ef_month_format_title (first_of_month);

      gtk_label_set_text (GTK_LABEL (self->title), title);
    }

  for (guint i = 0; i < MAX_DAYS; i++)
    {
      GtkWidget *cell = GTK_WIDGET (self->cells[i]);
      gboolean in_month = i < self->n_days;
      int column = (offset + i) % 7;

      gtk_widget_set_visible (cell, in_month);
      if (!in_month)
        continue;

      ef_day_cell_set_day (self->cells[i], first_of_month + i);
      gtk_widget_set_hexpand (cell, !self->compact && column < 5);
      place (GTK_WIDGET (self), cell, column, FIRST_WEEK_ROW + (offset + i) / 7, 1);
    }
}

guint
ef_month_grid_get_n_days (EfMonthGrid *self)
{
  g_return_val_if_fail (EF_IS_MONTH_GRID (self), 0);

  return self->n_days;
}

/* Returns: (transfer none) (nullable): the cell of @day, if in the month */
EfDayCell *
ef_month_grid_get_cell (EfMonthGrid *self,
                        EfDay        day)
{
  g_return_val_if_fail (EF_IS_MONTH_GRID (self), NULL);

  if (self->month == EF_DAY_INVALID || day < self->month || day >= self->month + self->n_days)
    return NULL;

  return self->cells[day - self->month];
}

/* The cell that takes the focus when Tab enters the grid; NULL: Tab skips it. */
void
ef_month_grid_set_tab_cell (EfMonthGrid *self,
                            EfDayCell   *cell)
{
  g_return_if_fail (EF_IS_MONTH_GRID (self));

  self->tab_cell = cell;
}

int
ef_month_days_in (EfDay first_of_month)
{
  int year, month;

  ef_day_get_ymd (first_of_month, &year, &month, NULL);
  return g_date_get_days_in_month (month, year);
}

EfDay
ef_month_first_day (EfDay day)
{
  int year, month;

  ef_day_get_ymd (day, &year, &month, NULL);
  return ef_day_new (year, month, 1);
}

EfDay
ef_month_add (EfDay first_of_month,
              int   n_months)
{
  int year, month, index;

  ef_day_get_ymd (first_of_month, &year, &month, NULL);
  index = year * 12 + (month - 1) + n_months;
  return ef_day_new (index / 12, index % 12 + 1, 1);
}

/* "November 2026", in the user's language. */
char *
ef_month_format_title (EfDay first_of_month)
{
  int year, month;
  g_autoptr (GDateTime) date = NULL;

  ef_day_get_ymd (first_of_month, &year, &month, NULL);
  date = g_date_time_new_utc (year, month, 1, 12, 0, 0);
  /* Translators: the title of a month in the calendar, a
   * g_date_time_format() format: "November 2026". */
  return g_date_time_format (date, C_("month title", "%B %Y"));
}
