/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-calendar-legend.h: what the looks of the calendar's days mean */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EF_TYPE_CALENDAR_LEGEND (ef_calendar_legend_get_type ())

G_DECLARE_FINAL_TYPE (EfCalendarLegend, ef_calendar_legend, EF, CALENDAR_LEGEND, GtkWidget)

GtkWidget *ef_calendar_legend_new (void);

G_END_DECLS
