/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-devices-handler.h: the computers an account is remembered on */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* GET /{tenant}/api/v1/account/devices */
void ef_devices_handler_list   (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data);
/* DELETE /{tenant}/api/v1/account/devices/{id} */
void ef_devices_handler_forget (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data);

G_END_DECLS
