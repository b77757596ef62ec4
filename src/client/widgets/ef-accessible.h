/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-accessible.h: accessible names GTK 4.8 and libadwaita 1.2 leave out */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ef_accessible_name_buttons (GtkWidget  *root);
void ef_accessible_set_error    (GtkWidget  *field,
                                 const char *message);

G_END_DECLS
