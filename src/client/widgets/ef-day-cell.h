/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-day-cell.h: one focusable day of the reservation calendar */

#pragma once

#include <gtk/gtk.h>

#include "ef-common.h"

G_BEGIN_DECLS

/*
 * EfDayCellLook:
 *
 * What a day cell shows. Each flag is a CSS class of the cell (see
 * style.css); the keyboard or drag selection is the :selected state.
 */
typedef enum {
  EF_DAY_CELL_RESERVED       = 1 << 0,  /* .reserved */
  EF_DAY_CELL_TO_ADD         = 1 << 1,  /* .to-add */
  EF_DAY_CELL_TO_CANCEL      = 1 << 2,  /* .to-cancel */
  EF_DAY_CELL_CLOSED         = 1 << 3,  /* .closed */
  EF_DAY_CELL_LOCKED         = 1 << 4,  /* .locked */
  EF_DAY_CELL_TODAY          = 1 << 5,  /* .today */
  EF_DAY_CELL_WEEKEND        = 1 << 6,  /* .weekend */
  EF_DAY_CELL_HOLIDAY        = 1 << 7,  /* .holiday: public or school holiday */
  EF_DAY_CELL_OUTSIDE        = 1 << 8,  /* .outside: not in the school year */
  EF_DAY_CELL_REFUSED        = 1 << 9,  /* .refused: the portal refused its change */
} EfDayCellLook;

#define EF_TYPE_DAY_CELL (ef_day_cell_get_type ())

G_DECLARE_FINAL_TYPE (EfDayCell, ef_day_cell, EF, DAY_CELL, GtkWidget)

GtkWidget     *ef_day_cell_new             (gboolean       compact);

EfDay          ef_day_cell_get_day         (EfDayCell     *self);
void           ef_day_cell_set_day         (EfDayCell     *self,
                                            EfDay          day);

EfDayCellLook  ef_day_cell_get_look        (EfDayCell     *self);
void           ef_day_cell_set_look        (EfDayCell     *self,
                                            EfDayCellLook  look);

gboolean       ef_day_cell_get_selected    (EfDayCell     *self);
void           ef_day_cell_set_selected    (EfDayCell     *self,
                                            gboolean       selected);

const char    *ef_day_cell_get_description (EfDayCell     *self);
void           ef_day_cell_set_description (EfDayCell     *self,
                                            const char    *description);

G_END_DECLS
