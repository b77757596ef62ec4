/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-widget-util.c: what the composite widgets share */

#define G_LOG_DOMAIN "EfWidgetUtil"

#include "config.h"

#include "ef-widget-util.h"

/**
 * ef_widget_dispose_template:
 * @widget: a composite widget
 * @widget_type: the type whose template @widget was built from
 *
 * Disposes the template's children, then unparents what is left: the
 * template's root (often unnamed), which is no bound child.
 */
void
ef_widget_dispose_template (GtkWidget *widget,
                            GType      widget_type)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_dispose_template (widget, widget_type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
