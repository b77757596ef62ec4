/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payfip-simulator.h: a PayFiP simulator served by the server itself
 *
 * It keeps PayFiP's semantics so that online payment runs end to end
 * offline: an operation (idop) is valid 15 minutes; its page
 * (GET /_payfip/tpa/paiementws.web?idop=…) shows the municipality, the
 * object and the amount and lets the payer pay with a test card, be
 * refused, or cancel; then the simulator POSTs `idop=…` — and nothing
 * else — to urlnotif, and sends the browser to urlredirect?idop=….
 */

#pragma once

#include <libsoup/soup.h>

#include "ef-server.h"
#include "ef-payment-provider.h"

G_BEGIN_DECLS

/* How long the payer has to finish an operation. */
#define EF_PAYFIP_SIMULATOR_OPERATION_SECONDS (15 * 60)

/* The test cards: the first is paid, the second refused by the bank. */
#define EF_PAYFIP_SIMULATOR_CARD_PAID    "4970100000000006"
#define EF_PAYFIP_SIMULATOR_CARD_REFUSED "4000000000000002"

#define EF_TYPE_PAYFIP_SIMULATOR (ef_payfip_simulator_get_type ())
G_DECLARE_FINAL_TYPE (EfPayfipSimulator, ef_payfip_simulator, EF, PAYFIP_SIMULATOR, GObject)

/* @server is not referenced: the simulator lives as long as the server. */
EfPayfipSimulator *ef_payfip_simulator_new             (EfServer          *server);

/* The routes GET and POST /_payfip/tpa/paiementws.web; @user_data is the
 * EfServer. */
void               ef_payfip_simulator_handle_page     (SoupServerMessage *msg,
                                                        GHashTable        *params,
                                                        gpointer           user_data);
void               ef_payfip_simulator_handle_submit   (SoupServerMessage *msg,
                                                        GHashTable        *params,
                                                        gpointer           user_data);

G_END_DECLS
