/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-window.h: the main window */

#pragma once

#include <adwaita.h>

#include "ef-application.h"
#include "ef-kiosk.h"

G_BEGIN_DECLS

#define EF_TYPE_WINDOW (ef_window_get_type ())
G_DECLARE_FINAL_TYPE (EfWindow, ef_window, EF, WINDOW, AdwApplicationWindow)

EfWindow   *ef_window_new            (EfApplication *application);

const char *ef_window_get_state      (EfWindow      *self);
EfKiosk    *ef_window_get_kiosk      (EfWindow      *self);
GtkWidget  *ef_window_get_page       (EfWindow      *self,
                                      const char    *name);
gboolean    ef_window_show_page      (EfWindow      *self,
                                      const char    *name);
void        ef_window_sign_out       (EfWindow      *self,
                                      gboolean       force);
void        ef_window_add_toast      (EfWindow      *self,
                                      const char    *title);
void        ef_window_start_demo     (EfWindow      *self);
void        ef_window_open_day       (EfWindow      *self,
                                      gint64         member_id,
                                      const char    *activity,
                                      EfDay          day);
void        ef_window_open_invoice   (EfWindow      *self,
                                      gint64         invoice_id);

G_END_DECLS
