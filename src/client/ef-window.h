/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-window.h: the main window */

#pragma once

#include <adwaita.h>

#include "ef-application.h"

G_BEGIN_DECLS

#define EF_TYPE_WINDOW (ef_window_get_type ())
G_DECLARE_FINAL_TYPE (EfWindow, ef_window, EF, WINDOW, AdwApplicationWindow)

EfWindow *ef_window_new (EfApplication *application);

G_END_DECLS
