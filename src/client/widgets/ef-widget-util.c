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

/**
 * ef_widget_show_error:
 * @row: (nullable): the field the error is about, or %NULL for a
 *   message about the whole form
 * @label: the label under it that says the error
 * @message: (nullable): what is wrong; %NULL or "" when nothing is
 *
 * Says @message in @label, shown only while there is one, and gives @row
 * the "error" style class meanwhile.
 */
void
ef_widget_show_error (GtkWidget  *row,
                      GtkLabel   *label,
                      const char *message)
{
  gboolean has_error = message != NULL && *message != '\0';

  g_return_if_fail (row == NULL || GTK_IS_WIDGET (row));
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, has_error ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), has_error);
  if (row == NULL)
    return;
  if (has_error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}
