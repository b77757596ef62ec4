/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-calendar-year-view.c: the small months of a school year
 *
 * Compact EfMonthGrids flowing in as many columns as the width allows (two
 * on a phone, four on a desktop). Not a GtkFlowBox: its children would be
 * focusable and it would take the arrow keys, which move between days.
 */

#define G_LOG_DOMAIN "EfCalendarYearView"

#include "config.h"

#include "ef-calendar-year-view.h"

#define MAX_COLUMNS 4
#define SPACING 12

struct _EfCalendarYearView
{
  GtkWidget   parent_instance;

  GPtrArray  *months;   /* EfMonthGrid, children */
};

G_DEFINE_FINAL_TYPE (EfCalendarYearView, ef_calendar_year_view, GTK_TYPE_WIDGET)

static int
month_width (EfCalendarYearView *self)
{
  int natural = 0;

  for (guint i = 0; i < self->months->len; i++)
    {
      int child_natural;

      gtk_widget_measure (g_ptr_array_index (self->months, i), GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &child_natural, NULL, NULL);
      natural = MAX (natural, child_natural);
    }
  return natural;
}

static guint
n_columns_for (EfCalendarYearView *self,
               int                 width,
               int                 column_width)
{
  guint n = (width + SPACING) / MAX (1, column_width + SPACING);

  return CLAMP (n, 1, MIN (MAX_COLUMNS, MAX (1, self->months->len)));
}

/* The height of the rows of @n_columns months; each row's in @row_heights if not NULL. */
static int
rows_height (EfCalendarYearView *self,
             guint               n_columns,
             int                 column_width,
             int                *row_heights)
{
  int total = 0;

  for (guint first = 0, row = 0; first < self->months->len; first += n_columns, row++)
    {
      int height = 0;

      for (guint i = first; i < MIN (first + n_columns, self->months->len); i++)
        {
          int child_natural;

          gtk_widget_measure (g_ptr_array_index (self->months, i), GTK_ORIENTATION_VERTICAL,
                              column_width, NULL, &child_natural, NULL, NULL);
          height = MAX (height, child_natural);
        }
      if (row_heights != NULL)
        row_heights[row] = height;
      total += height + (first > 0 ? SPACING : 0);
    }
  return total;
}

static GtkSizeRequestMode
ef_calendar_year_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ef_calendar_year_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  EfCalendarYearView *self = EF_CALENDAR_YEAR_VIEW (widget);
  int width = month_width (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      guint n = MIN (MAX_COLUMNS, MAX (1, self->months->len));

      *minimum = width;
      *natural = n * width + (n - 1) * SPACING;
    }
  else
    {
      guint n_columns = for_size < 0 ? 1 : n_columns_for (self, for_size, width);
      int column_width = for_size < 0 ? width
                                      : (for_size - (int) (n_columns - 1) * SPACING) / (int) n_columns;

      *minimum = *natural = rows_height (self, n_columns, MAX (width, column_width), NULL);
    }
}

static void
ef_calendar_year_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  EfCalendarYearView *self = EF_CALENDAR_YEAR_VIEW (widget);
  int natural_width = month_width (self);
  guint n_columns = n_columns_for (self, width, natural_width);
  int column_width = MAX (natural_width, (width - (int) (n_columns - 1) * SPACING) / (int) n_columns);
  int n_rows = (self->months->len + n_columns - 1) / n_columns;
  g_autofree int *row_heights = g_new0 (int, MAX (1, n_rows));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int y = 0;

  rows_height (self, n_columns, column_width, row_heights);

  for (guint i = 0; i < self->months->len; i++)
    {
      guint row = i / n_columns, column = i % n_columns;
      int x = column * (column_width + SPACING);

      if (column == 0 && row > 0)
        y += row_heights[row - 1] + SPACING;
      if (rtl)
        x = width - x - column_width;
      gtk_widget_size_allocate (g_ptr_array_index (self->months, i),
                                &(GtkAllocation) { x, y, column_width, row_heights[row] }, -1);
    }
}

static void
ef_calendar_year_view_dispose (GObject *object)
{
  EfCalendarYearView *self = EF_CALENDAR_YEAR_VIEW (object);

  if (self->months != NULL)
    g_ptr_array_set_size (self->months, 0);

  G_OBJECT_CLASS (ef_calendar_year_view_parent_class)->dispose (object);
}

static void
ef_calendar_year_view_finalize (GObject *object)
{
  EfCalendarYearView *self = EF_CALENDAR_YEAR_VIEW (object);

  g_clear_pointer (&self->months, g_ptr_array_unref);

  G_OBJECT_CLASS (ef_calendar_year_view_parent_class)->finalize (object);
}

static void
ef_calendar_year_view_class_init (EfCalendarYearViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_calendar_year_view_dispose;
  object_class->finalize = ef_calendar_year_view_finalize;

  widget_class->get_request_mode = ef_calendar_year_view_get_request_mode;
  widget_class->measure = ef_calendar_year_view_measure;
  widget_class->size_allocate = ef_calendar_year_view_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "yearview");
}

static void
ef_calendar_year_view_init (EfCalendarYearView *self)
{
  self->months = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_widget_unparent);
}

GtkWidget *
ef_calendar_year_view_new (void)
{
  return g_object_new (EF_TYPE_CALENDAR_YEAR_VIEW, NULL);
}

/* Shows @n_months months from @first_month on, reusing the grids it has. */
void
ef_calendar_year_view_set_months (EfCalendarYearView *self,
                                  EfDay               first_month,
                                  guint               n_months)
{
  g_return_if_fail (EF_IS_CALENDAR_YEAR_VIEW (self));

  while (self->months->len > n_months)
    g_ptr_array_remove_index (self->months, self->months->len - 1);
  while (self->months->len < n_months)
    {
      GtkWidget *grid = ef_month_grid_new (TRUE);

      gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (grid, GTK_ALIGN_START);
      gtk_widget_set_parent (grid, GTK_WIDGET (self));
      g_ptr_array_add (self->months, grid);
    }

  for (guint i = 0; i < n_months; i++)
    ef_month_grid_set_month (g_ptr_array_index (self->months, i), ef_month_add (first_month, i));

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
ef_calendar_year_view_get_n_months (EfCalendarYearView *self)
{
  g_return_val_if_fail (EF_IS_CALENDAR_YEAR_VIEW (self), 0);

  return self->months->len;
}

EfMonthGrid *
ef_calendar_year_view_get_month (EfCalendarYearView *self,
                                 guint               index)
{
  g_return_val_if_fail (EF_IS_CALENDAR_YEAR_VIEW (self), NULL);
  g_return_val_if_fail (index < self->months->len, NULL);

  return g_ptr_array_index (self->months, index);
}

/* Returns: (transfer none) (nullable): the grid that shows @day */
EfMonthGrid *
ef_calendar_year_view_find_month (EfCalendarYearView *self,
                                  EfDay               day)
{
  g_return_val_if_fail (EF_IS_CALENDAR_YEAR_VIEW (self), NULL);

  for (guint i = 0; i < self->months->len; i++)
    {
      EfMonthGrid *grid = g_ptr_array_index (self->months, i);

      if (ef_month_grid_get_cell (grid, day) != NULL)
        return grid;
    }
  return NULL;
}
