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

/* Store work off the main loop: up to @n connections of their own (0,
 * the default: the work runs in the main loop, on the server's store).
 * Set before the first request; the connections open on first use. */
void        ef_server_set_store_connections (EfServer        *self,
                                             guint            n);
guint       ef_server_get_store_connections (EfServer        *self);
/* How many bytes of plannings to keep for their next request (0: none);
 * set before the first request. */
void        ef_server_set_planning_cache_size (EfServer      *self,
                                               gsize          max_bytes);

/* Runs in a worker thread with a connection of the pool to itself; what
 * it returns (or its error) goes to an EfServerStoreDone. It must not
 * touch the message, nor the server's own store. */
typedef gpointer (*EfServerStoreFunc) (EfStore   *store,
                                       gpointer   data,
                                       GError   **error);
/* Back in the main loop: answers @msg from @result (owned by the
 * function) or @error. */
typedef void     (*EfServerStoreDone) (SoupServerMessage *msg,
                                       gpointer           result,
                                       const GError      *error,
                                       gpointer           data);

/* Runs @func with a store connection, then @done, and frees @data with
 * @data_free. With a pool, @msg waits paused meanwhile and other
 * requests go on; without, all runs now, in the main loop. @msg is NULL
 * for a request of the fast path (ef-fast-http.h), which has none. */
void        ef_server_run_store_job  (EfServer            *self,
                                      SoupServerMessage   *msg,
                                      EfServerStoreFunc    func,
                                      EfServerStoreDone    done,
                                      gpointer             data,
                                      GDestroyNotify       data_free);

/* Starts listening on @address (port 0: any free port). */
gboolean    ef_server_listen         (EfServer            *self,
                                      GInetSocketAddress  *address,
                                      GError             **error);
/* Serves on @socket, already listening (from ef_server_workers_fork()). */
gboolean    ef_server_listen_socket  (EfServer            *self,
                                      GSocket             *socket,
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
typedef struct _EfPlanningTextCache EfPlanningTextCache;

/* The tenant's planning rules, shared by requests until the database says
 * they may have changed. */
/* The same, read through @store (a store job's connection). */
EfPlanningRules *ef_server_get_planning_rules_with (EfServer    *self,
                                                   EfStore     *store,
                                                   const char  *tenant_id,
                                                   GError     **error);
/* (nullable): none when the size was set to 0. */
EfPlanningTextCache *ef_server_get_planning_texts (EfServer *self);
EfPlanningRules *ef_server_get_planning_rules (EfServer    *self,
                                               const char  *tenant_id,
                                               GError     **error);

/* The server's current instant, in UTC: the machine's clock, or the test
 * clock when the server was started with --test-clock and a test set it
 * (PUT /{tenant}/api/v1/_test/clock). Every rule that depends on the time of
 * day (deadlines, session expiry, lockouts, token validity) asks this. */
GDateTime  *ef_server_get_now        (EfServer            *self);
/* The same, in Unix seconds, as the store keeps instants. */
gint64      ef_server_get_now_unix   (EfServer            *self);

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
/* For tests: the connections given to libsoup whose streams are still
 * alive (libsoup has not released them, or the server has not forgotten
 * them yet). */
guint       _ef_server_count_live_connections (EfServer       *self);
/* For tests: closes now the connections their peers closed, as the server
 * does every few seconds; returns how many connections remain known. */
guint       _ef_server_sweep_connections (EfServer            *self);

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

/* serve --workers N: N processes, each with its own listening socket on
 * the same port (SO_REUSEPORT) and its own database connection; every
 * state that must be shared (sessions, sign-in locks, the rules' versions)
 * is in the database. Bound before the fork, so that port 0 works and the
 * parent can say where it listens. */
typedef struct _EfServerWorkers EfServerWorkers;

EfServerWorkers *ef_server_workers_new     (GInetSocketAddress  *address,
                                            guint                n_workers,
                                            GError             **error);
void        ef_server_workers_free   (EfServerWorkers     *self);
/* Where the workers listen, before they are forked. */
char       *ef_server_workers_dup_url (EfServerWorkers    *self);
/* Forks the workers. In a worker, returns TRUE with @worker_socket set to
 * its own listening socket: it then opens the database and serves, and
 * frees @self. In the parent, returns TRUE with @worker_socket NULL, and
 * FALSE when a fork failed (the workers already started are stopped). To
 * be called before the process starts any thread or opens the database. */
gboolean    ef_server_workers_fork   (EfServerWorkers     *self,
                                      GSocket            **worker_socket,
                                      GError             **error);
/* In the parent: waits for the workers. SIGTERM or SIGINT stops them all
 * (each lets its requests finish for up to @stop_timeout_ms; one still
 * running 5 s later is killed); a worker that ends on its own stops the
 * others. TRUE when every worker stopped cleanly after a signal. */
gboolean    ef_server_workers_run    (EfServerWorkers     *self,
                                      guint                stop_timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfServerWorkers, ef_server_workers_free)

G_END_DECLS
