/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning-handler.h: enrolments, planning and reservation batches */

#pragma once

#include <libsoup/soup.h>

#include "http/ef-auth.h"

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
/* Whether the member of @id_text (the path's {id}) is of @caller's family:
 * its id in @member_id; otherwise FALSE with EF_API_ERROR_NOT_FOUND, or the
 * store's error. */
gboolean ef_planning_handler_check_member (EfServer        *server,
                                           const EfCaller  *caller,
                                           const char      *id_text,
                                           gint64          *member_id,
                                           GError         **error);
/* Back in the main loop: the planning's body, or the error of the store
 * (the handler's answer then differs from 200). */
typedef void (*EfPlanningFastDone) (GBytes       *body,
                                    const GError *error,
                                    gpointer      data);
/* The same GET for the fast path (ef-fast-http.h), from the path's
 * @params, the query's @from and @to and the bearer @token: starts
 * building the planning and returns TRUE when the handler would answer it
 * 200 (then @done is called, maybe at once), or FALSE. */
gboolean ef_planning_handler_start_fast   (EfServer           *server,
                                           GHashTable         *params,
                                           const char         *from,
                                           const char         *to,
                                           const char         *token,
                                           EfPlanningFastDone  done,
                                           gpointer            data);
/* POST /{tenant}/api/v1/reservations */
void ef_planning_handler_post_reservations (SoupServerMessage *msg,
                                            GHashTable        *params,
                                            gpointer           user_data);

G_END_DECLS
