/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-handler.h: online payment of invoices (PayFiP flow) */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A pending online payment lasts this long (server clock); then it is
 * expired and its invoices can be paid again. Longer than the provider's
 * 15 minutes, so that a payer who pays at the last minute is notified
 * before the payment expires. */
#define EF_ONLINE_PAYMENT_SECONDS (20 * 60)

/* Expires @tenant_id's pending online payments whose time is over on the
 * server's clock, so that what reads invoices sees them payable again. */
gboolean ef_payment_handler_expire_stale (gpointer     server,
                                          const char  *tenant_id,
                                          GError     **error);

/* POST /{tenant}/api/v1/payments */
void ef_payment_handler_create        (SoupServerMessage *msg,
                                       GHashTable        *params,
                                       gpointer           user_data);
/* GET /{tenant}/api/v1/payments[?status=…] */
void ef_payment_handler_list          (SoupServerMessage *msg,
                                       GHashTable        *params,
                                       gpointer           user_data);
/* GET /{tenant}/api/v1/payments/{id} */
void ef_payment_handler_get           (SoupServerMessage *msg,
                                       GHashTable        *params,
                                       gpointer           user_data);
/* POST /{tenant}/api/v1/payfip/notifications: the provider's urlnotif */
void ef_payment_handler_notify        (SoupServerMessage *msg,
                                       GHashTable        *params,
                                       gpointer           user_data);
/* GET /{tenant}/api/v1/payfip/return: the provider's urlredirect (HTML) */
void ef_payment_handler_return_page   (SoupServerMessage *msg,
                                       GHashTable        *params,
                                       gpointer           user_data);

G_END_DECLS
