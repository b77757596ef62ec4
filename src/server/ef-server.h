/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-server.h: the HTTP server, its routes and its database */

#pragma once

#include <gio/gio.h>

#include "http/ef-router.h"
#include "store/ef-store.h"

G_BEGIN_DECLS

#define EF_TYPE_SERVER (ef_server_get_type ())
G_DECLARE_FINAL_TYPE (EfServer, ef_server, EF, SERVER, GObject)

/* Takes ownership of @store. */
EfServer   *ef_server_new            (EfStore             *store);
EfStore    *ef_server_get_store      (EfServer            *self);

/* Starts listening on @address (port 0: any free port). */
gboolean    ef_server_listen         (EfServer            *self,
                                      GInetSocketAddress  *address,
                                      GError             **error);
/* "http://127.0.0.1:PORT/" once listening. */
char       *ef_server_dup_url        (EfServer            *self);
/* Stops listening and closes the database. */
void        ef_server_shutdown       (EfServer            *self);
/* A graceful stop: refuses new connections at once, lets the requests in
 * progress finish (running the default main context) for up to
 * @timeout_ms, then shuts down, folding the write-ahead log back into the
 * database. FALSE when requests were still unfinished. */
gboolean    ef_server_stop           (EfServer            *self,
                                      guint                timeout_ms);

typedef struct _EfPlanningRules EfPlanningRules;

/* The tenant's planning rules, shared by requests until the database says
 * they may have changed. */
EfPlanningRules *ef_server_get_planning_rules (EfServer    *self,
                                               const char  *tenant_id,
                                               GError     **error);

/* The server's current instant, in UTC: the machine's clock, or the test
 * clock when the server was started with --test-clock and a test set it
 * (PUT /{tenant}/api/v1/_test/clock). Every rule that depends on the time of
 * day (deadlines, session expiry, lockouts, token validity) asks this. */
GDateTime  *ef_server_get_now        (EfServer            *self);

/* --test-clock: enables PUT /{tenant}/api/v1/_test/clock, which answers 404
 * otherwise. */
void        ef_server_enable_test_clock (EfServer         *self);
gboolean    ef_server_has_test_clock (EfServer            *self);
/* Freezes the clock at @now; NULL returns to the machine's clock. */
void        ef_server_set_test_now   (EfServer            *self,
                                      GDateTime           *now);

/* --sendmail PATH: mail is also handed to `PATH -t -i`; NULL (the default)
 * leaves it in the outbox only. */
void        ef_server_set_sendmail   (EfServer            *self,
                                      const char          *path);
const char *ef_server_get_sendmail   (EfServer            *self);
/* The public address of @tenant_id's portal for links in mails:
 * @public_url when set (tenants.public_url), else this server's own URL
 * followed by the tenant id. */
char       *ef_server_dup_portal_url (EfServer            *self,
                                      const char          *tenant_id,
                                      const char          *public_url);

/* Registers every API route on @router; @server is the handlers' data
 * (NULL only to list the routes). Defined in ef-server-routes.c. */
void        ef_server_install_routes (EfRouter            *router,
                                      EfServer            *server);

G_END_DECLS
