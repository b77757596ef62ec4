/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reminders-handler.h: the reminders by e-mail a parent asks for */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* GET /{tenant}/api/v1/account/reminders */
void ef_reminders_handler_get (SoupServerMessage *msg,
                               GHashTable        *params,
                               gpointer           user_data);
/* PUT /{tenant}/api/v1/account/reminders */
void ef_reminders_handler_put (SoupServerMessage *msg,
                               GHashTable        *params,
                               gpointer           user_data);

G_END_DECLS
