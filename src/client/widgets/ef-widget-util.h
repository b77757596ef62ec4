/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-widget-util.h: what the composite widgets share */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ef_widget_dispose_template (GtkWidget *widget,
                                 GType      widget_type);

G_END_DECLS
