/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning-handler.h: enrolments, planning and reservation batches */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* @user_data is the EfServer. */

/* GET /{tenant}/api/v1/members/{id}/enrolments */
void ef_planning_handler_get_enrolments (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
/* GET /{tenant}/api/v1/members/{id}/planning?from=&to= */
void ef_planning_handler_get_planning   (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
/* POST /{tenant}/api/v1/reservations */
void ef_planning_handler_post_reservations (SoupServerMessage *msg,
                                            GHashTable        *params,
                                            gpointer           user_data);

G_END_DECLS
