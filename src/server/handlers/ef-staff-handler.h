/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-handler.h: /{tenant}/api/v1/staff/… — the town hall's back
 * office: families, members, enrolments, reservations on a family's
 * behalf, payments taken at the counter, receipts, daily lists, audit
 *
 * Only staff sessions: a parent's is answered 404, as if these routes did
 * not exist. What an agent may not read (a family that uses none of the
 * agent's services, its members, invoices and payments) is answered 404
 * not_found; an activity of a service the agent does not have (public:
 * the portal lists them) is answered 403 forbidden. Every change is
 * audited (ef_store_add_staff_audit()).
 */

#pragma once

#include <libsoup/soup.h>

#include "ef-server.h"

G_BEGIN_DECLS

/* How many families or audit entries a page holds, by default and at
 * most. */
#define EF_STAFF_PAGE_SIZE     20
#define EF_STAFF_MAX_PAGE_SIZE 100

/* ef-staff-handler.c */
void ef_staff_handler_search_families   (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_get_family        (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_get_audit         (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_patch_member      (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_get_planning      (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_invite_member     (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_unlock_member     (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_create_enrolment  (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_end_enrolment     (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_post_reservations (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);

/* ef-staff-billing-handler.c */
void ef_staff_handler_record_payment    (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_get_receipt       (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_cancel_payment    (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
/* GET staff/payments?day=: the day's payments at the counter, with their
 * totals per channel. */
void ef_staff_handler_get_day_payments  (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);
void ef_staff_handler_get_attendance    (SoupServerMessage *msg,
                                         GHashTable        *params,
                                         gpointer           user_data);

/* POST staff/families/{id}/session: a session of the agent's on behalf of
 * the family, for the family's own routes; audited. */
void ef_staff_handler_open_family_session (SoupServerMessage *msg,
                                           GHashTable        *params,
                                           gpointer           user_data);

G_END_DECLS
