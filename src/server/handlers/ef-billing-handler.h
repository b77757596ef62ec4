/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-billing-handler.h: invoices, their PDF, the financial situation, and
 * the history of connections and payments */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* @user_data is the EfServer. */

/* GET /{tenant}/api/v1/invoices?status=to_pay|settled */
void ef_billing_handler_list_invoices   (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
/* GET /{tenant}/api/v1/invoices/{id} */
void ef_billing_handler_get_invoice     (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
/* GET /{tenant}/api/v1/invoices/{id}/pdf */
void ef_billing_handler_get_invoice_pdf (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
/* GET /{tenant}/api/v1/finance */
void ef_billing_handler_get_finance     (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
/* GET /{tenant}/api/v1/history/connections?from=&to= */
void ef_billing_handler_get_connections (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
/* GET /{tenant}/api/v1/history/payments?from=&to= */
void ef_billing_handler_get_payments    (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);

G_END_DECLS
