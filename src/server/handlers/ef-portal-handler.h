/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-portal-handler.h: GET /{tenant}/api/v1/portal */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* @user_data is the EfServer. */
void ef_portal_handler_get (SoupServerMessage *msg,
                            GHashTable        *params,
                            gpointer           user_data);

G_END_DECLS
