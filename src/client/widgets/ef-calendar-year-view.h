/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-calendar-year-view.h: the small months of a school year (private to widgets/) */

#pragma once

#include <gtk/gtk.h>

#include "ef-month-grid.h"

G_BEGIN_DECLS

#define EF_TYPE_CALENDAR_YEAR_VIEW (ef_calendar_year_view_get_type ())

G_DECLARE_FINAL_TYPE (EfCalendarYearView, ef_calendar_year_view, EF, CALENDAR_YEAR_VIEW, GtkWidget)

GtkWidget   *ef_calendar_year_view_new          (void);
void         ef_calendar_year_view_set_months   (EfCalendarYearView *self,
                                                 EfDay               first_month,
                                                 guint               n_months);
guint        ef_calendar_year_view_get_n_months (EfCalendarYearView *self);
EfMonthGrid *ef_calendar_year_view_get_month    (EfCalendarYearView *self,
                                                 guint               index);
EfMonthGrid *ef_calendar_year_view_find_month   (EfCalendarYearView *self,
                                                 EfDay               day);

G_END_DECLS
