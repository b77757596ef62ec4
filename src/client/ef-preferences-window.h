/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-preferences-window.h: the reminders and the background */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"

G_BEGIN_DECLS

#define EF_TYPE_PREFERENCES_WINDOW (ef_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (EfPreferencesWindow, ef_preferences_window, EF, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *ef_preferences_window_new (GSettings *settings,
                                      EfClient  *client,
                                      gboolean   kiosk);

G_END_DECLS
