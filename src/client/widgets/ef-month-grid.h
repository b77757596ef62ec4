/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-month-grid.h: the days of one month, Monday first (private to widgets/) */

#pragma once

#include <gtk/gtk.h>

#include "ef-common.h"
#include "ef-day-cell.h"

G_BEGIN_DECLS

#define EF_TYPE_MONTH_GRID (ef_month_grid_get_type ())

G_DECLARE_FINAL_TYPE (EfMonthGrid, ef_month_grid, EF, MONTH_GRID, GtkWidget)

GtkWidget *ef_month_grid_new          (gboolean     compact);

EfDay      ef_month_grid_get_month    (EfMonthGrid *self);
void       ef_month_grid_set_month    (EfMonthGrid *self,
                                       EfDay        first_of_month);
guint      ef_month_grid_get_n_days   (EfMonthGrid *self);
EfDayCell *ef_month_grid_get_cell     (EfMonthGrid *self,
                                       EfDay        day);
void       ef_month_grid_set_tab_cell (EfMonthGrid *self,
                                       EfDayCell   *cell);

int        ef_month_days_in           (EfDay        first_of_month);
EfDay      ef_month_first_day         (EfDay        day);
EfDay      ef_month_add               (EfDay        first_of_month,
                                       int          n_months);
char      *ef_month_format_title      (EfDay        first_of_month);

G_END_DECLS
