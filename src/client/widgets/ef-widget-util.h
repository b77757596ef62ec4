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

G_END_DECLS
