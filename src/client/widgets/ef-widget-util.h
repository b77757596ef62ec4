/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-widget-util.h: what the composite widgets share */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ef_widget_dispose_template (GtkWidget *widget,
                                 GType      widget_type);
void ef_widget_show_error       (GtkWidget  *row,
                                 GtkLabel   *label,
                                 const char *message);

/* How long a wait lasts before its spinner turns. */
#define EF_SPINNER_DELAY_MS 500

void ef_spinner_set_waiting     (GtkSpinner *spinner,
                                 gboolean    waiting);

void ef_widget_set_icon_on_map  (GtkWidget  *widget,
                                 const char *icon_name);

G_END_DECLS
