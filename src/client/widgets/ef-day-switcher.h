/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-day-switcher.h: one day at a time, with the previous and next ones */

#pragma once

#include <gtk/gtk.h>

#include "ef-types.h"

G_BEGIN_DECLS

#define EF_TYPE_DAY_SWITCHER (ef_day_switcher_get_type ())
G_DECLARE_FINAL_TYPE (EfDaySwitcher, ef_day_switcher, EF, DAY_SWITCHER, GtkWidget)

EfDay ef_day_switcher_get_day              (EfDaySwitcher  *self);
void  ef_day_switcher_set_day              (EfDaySwitcher  *self,
                                            EfDay           day);

void  ef_day_switcher_class_install_actions (GtkWidgetClass *widget_class,
                                             const char     *group,
                                             glong           switcher_offset);

G_END_DECLS
