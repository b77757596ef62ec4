/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-calendar-legend.c: what the looks of the calendar's days mean
 *
 * Each entry shows a swatch styled by the same CSS rules as the day cells
 * (shape and symbol as well as colour) and says what it means. The
 * entries wrap onto more lines on narrow screens.
 */

#define G_LOG_DOMAIN "EfCalendarLegend"

#include "config.h"

#include "ef-calendar-legend.h"
#include "ef-widget-util.h"

struct _EfCalendarLegend
{
  GtkWidget  parent_instance;

  GtkWidget *flow_box;
};

G_DEFINE_FINAL_TYPE (EfCalendarLegend, ef_calendar_legend, GTK_TYPE_WIDGET)

static void
ef_calendar_legend_dispose (GObject *object)
{
  ef_widget_dispose_template (GTK_WIDGET (object), EF_TYPE_CALENDAR_LEGEND);

  G_OBJECT_CLASS (ef_calendar_legend_parent_class)->dispose (object);
}

static void
ef_calendar_legend_class_init (EfCalendarLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_calendar_legend_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/widgets/ef-calendar-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, EfCalendarLegend, flow_box);

  gtk_widget_class_set_css_name (widget_class, "calendarlegend");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_calendar_legend_init (EfCalendarLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ef_calendar_legend_new (void)
{
  return g_object_new (EF_TYPE_CALENDAR_LEGEND, NULL);
}
