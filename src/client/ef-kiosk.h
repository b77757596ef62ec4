/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-kiosk.h: the idle watch of the shared terminal */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Seconds of the visible countdown before an idle session ends. */
#define EF_KIOSK_DEFAULT_COUNTDOWN 30

#define EF_TYPE_KIOSK (ef_kiosk_get_type ())
G_DECLARE_FINAL_TYPE (EfKiosk, ef_kiosk, EF, KIOSK, GObject)

EfKiosk  *ef_kiosk_new                   (GtkWidget *window);

gboolean  ef_kiosk_get_active            (EfKiosk   *self);
void      ef_kiosk_set_active            (EfKiosk   *self,
                                          gboolean   active);
guint     ef_kiosk_get_idle_seconds      (EfKiosk   *self);
void      ef_kiosk_set_idle_seconds      (EfKiosk   *self,
                                          guint      seconds);
guint     ef_kiosk_get_countdown_seconds (EfKiosk   *self);
void      ef_kiosk_set_countdown_seconds (EfKiosk   *self,
                                          guint      seconds);
guint     ef_kiosk_get_remaining         (EfKiosk   *self);
void      ef_kiosk_reset                 (EfKiosk   *self);

G_END_DECLS
