/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client.h: the portal's HTTP/JSON API, for the pages of the application */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-client-error.h"

G_BEGIN_DECLS

/* How long the client waits for the server to send or receive anything. */
#define EF_CLIENT_DEFAULT_TIMEOUT 30

#define EF_TYPE_CLIENT (ef_client_get_type ())
G_DECLARE_FINAL_TYPE (EfClient, ef_client, EF, CLIENT, GObject)

EfClient   *ef_client_new                  (const char           *portal_url);

const char *ef_client_get_portal_url       (EfClient             *self);
void        ef_client_set_portal_url       (EfClient             *self,
                                            const char           *portal_url);
const char *ef_client_get_tenant_id        (EfClient             *self);
gboolean    ef_client_has_portal           (EfClient             *self);
guint       ef_client_get_timeout          (EfClient             *self);
void        ef_client_set_timeout          (EfClient             *self,
                                            guint                 seconds);

char       *ef_client_normalize_portal_url (const char           *text,
                                            char                **tenant_id,
                                            GError              **error);

void        ef_client_get_portal_async     (EfClient             *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
EfPortal   *ef_client_get_portal_finish    (EfClient             *self,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
