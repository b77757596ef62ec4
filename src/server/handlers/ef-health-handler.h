/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-health-handler.h: GET /healthz */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* @user_data is the EfServer. */
void ef_health_handler_get (SoupServerMessage *msg,
                            GHashTable        *params,
                            gpointer           user_data);

G_END_DECLS
