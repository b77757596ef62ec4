/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-widget-util.c: what the composite widgets share */

#define G_LOG_DOMAIN "EfWidgetUtil"

#include "config.h"

#include <adwaita.h>

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

/* On a spinner told to wait: the source that will turn it. */
#define SPINNER_SOURCE_KEY "ef-spinner-source"

static void
remove_source (gpointer data)
{
  g_source_remove (GPOINTER_TO_UINT (data));
}

static gboolean
on_spinner_delay_cb (gpointer data)
{
  GtkSpinner *spinner = data;

  /* The source ends with this call: not removed again. */
  g_object_steal_data (G_OBJECT (spinner), SPINNER_SOURCE_KEY);
  gtk_spinner_set_spinning (spinner, TRUE);
  return G_SOURCE_REMOVE;
}

/**
 * ef_spinner_set_waiting:
 * @spinner: a spinner
 * @waiting: whether what it shows is waited for
 *
 * Turns @spinner once a wait has lasted %EF_SPINNER_DELAY_MS, and stops
 * it when the wait ends: an answer that comes at once shows no flash of a
 * spinner (nor loads the image library that draws its icon).
 */
void
ef_spinner_set_waiting (GtkSpinner *spinner,
                        gboolean    waiting)
{
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  if (!waiting)
    {
      g_object_set_data (G_OBJECT (spinner), SPINNER_SOURCE_KEY, NULL);
      gtk_spinner_set_spinning (spinner, FALSE);
    }
  else if (!gtk_spinner_get_spinning (spinner) &&
           g_object_get_data (G_OBJECT (spinner), SPINNER_SOURCE_KEY) == NULL)
    {
      guint id = g_timeout_add (EF_SPINNER_DELAY_MS, on_spinner_delay_cb, spinner);

      g_object_set_data_full (G_OBJECT (spinner), SPINNER_SOURCE_KEY, GUINT_TO_POINTER (id),
                              remove_source);
    }
}

#define ICON_ON_MAP_KEY "ef-icon-on-map"

static void
on_map_set_icon_cb (GtkWidget *widget)
{
  g_autofree char *icon_name = g_object_steal_data (G_OBJECT (widget), ICON_ON_MAP_KEY);

  g_signal_handlers_disconnect_by_func (widget, on_map_set_icon_cb, NULL);
  if (icon_name == NULL)
    return;
  if (GTK_IS_IMAGE (widget))
    gtk_image_set_from_icon_name (GTK_IMAGE (widget), icon_name);
  else
    adw_status_page_set_icon_name (ADW_STATUS_PAGE (widget), icon_name);
}

/**
 * ef_widget_set_icon_on_map:
 * @widget: a #GtkImage or an #AdwStatusPage
 * @icon_name: the icon it shows
 *
 * Gives @widget its icon when it is first shown. A page that a start
 * builds but seldom shows (the portal's address, the welcome) would
 * otherwise load its image at every start, and the image library for
 * it: a measured image is loaded, shown or not.
 */
void
ef_widget_set_icon_on_map (GtkWidget  *widget,
                           const char *icon_name)
{
  g_return_if_fail (GTK_IS_IMAGE (widget) || ADW_IS_STATUS_PAGE (widget));
  g_return_if_fail (icon_name != NULL);

  if (gtk_widget_get_mapped (widget))
    {
      g_object_set_data_full (G_OBJECT (widget), ICON_ON_MAP_KEY, g_strdup (icon_name), g_free);
      on_map_set_icon_cb (widget);
      return;
    }
  if (g_object_get_data (G_OBJECT (widget), ICON_ON_MAP_KEY) == NULL)
    g_signal_connect (widget, "map", G_CALLBACK (on_map_set_icon_cb), NULL);
  g_object_set_data_full (G_OBJECT (widget), ICON_ON_MAP_KEY, g_strdup (icon_name), g_free);
}
