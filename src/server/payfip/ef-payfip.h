/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payfip.h: which payment provider a tenant uses
 *
 * The providers live as long as the server (they are kept on it); the
 * rest of the server sees only the EfPaymentProvider interface.
 */

#pragma once

#include "ef-server.h"
#include "ef-payment-provider.h"
#include "ef-payfip-simulator.h"

G_BEGIN_DECLS

/* The provider called @name ("simulator"), or NULL if there is none. */
EfPaymentProvider *ef_payfip_get_provider  (EfServer   *server,
                                            const char *name);
EfPayfipSimulator *ef_payfip_get_simulator (EfServer   *server);

/* A SoupSession for the server's own outgoing requests (notifications):
 * no proxy, a timeout. */
SoupSession       *ef_payfip_session_new   (void);

G_END_DECLS
