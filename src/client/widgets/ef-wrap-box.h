/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-wrap-box.h: a row of widgets that wraps onto more lines when narrow */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EF_TYPE_WRAP_BOX (ef_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (EfWrapBox, ef_wrap_box, EF, WRAP_BOX, GtkWidget)

GtkWidget *ef_wrap_box_new    (void);
void       ef_wrap_box_append (EfWrapBox *self,
                               GtkWidget *child);

G_END_DECLS
