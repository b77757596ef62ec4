/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-background.h: running in the background and starting at login */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean ef_background_is_sandboxed       (void);
char    *ef_background_autostart_path     (void);
void     ef_background_request_async      (gboolean              autostart,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean ef_background_request_finish     (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
