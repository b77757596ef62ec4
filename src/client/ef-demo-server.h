/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-demo-server.h: the bundled reference server, run for "Try the demo" */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The municipality of the demo data (Billère). */
#define EF_DEMO_SERVER_TENANT "7249"

#define EF_TYPE_DEMO_SERVER (ef_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (EfDemoServer, ef_demo_server, EF, DEMO_SERVER, GObject)

EfDemoServer *ef_demo_server_new            (const char           *db_path);

const char   *ef_demo_server_get_db_path    (EfDemoServer         *self);
gboolean      ef_demo_server_get_running    (EfDemoServer         *self);
const char   *ef_demo_server_get_portal_url (EfDemoServer         *self);
const char   *ef_demo_server_get_email      (EfDemoServer         *self);
const char   *ef_demo_server_get_password   (EfDemoServer         *self);
const char   *ef_demo_server_get_identifier (EfDemoServer         *self);

void          ef_demo_server_start_async    (EfDemoServer         *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      ef_demo_server_start_finish   (EfDemoServer         *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void          ef_demo_server_stop           (EfDemoServer         *self);

G_END_DECLS
