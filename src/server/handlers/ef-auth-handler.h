/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-auth-handler.h: /{tenant}/api/v1/auth/… — invitations, sign-in,
 * sign-out, forgotten passwords */

#pragma once

#include <libsoup/soup.h>

#include "family/ef-family.h"
#include "mail/ef-mail.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-staff.h"
#include "ef-server.h"

G_BEGIN_DECLS

/* An invitation is valid 48 hours, a password reset 1 hour. After
 * EF_LOGIN_MAX_FAILURES failed sign-ins within EF_LOGIN_WINDOW_SECONDS, an
 * e-mail (an account's or not: the answers are the same) is locked for
 * EF_LOGIN_LOCK_SECONDS; a success resets its count. A client address
 * with EF_LOGIN_ADDRESS_MAX_FAILURES failed sign-ins within the window
 * gets 429 rate_limited. A password reset is mailed at most
 * EF_RESET_MAX_PER_EMAIL times per e-mail, and requested at most
 * EF_RESET_MAX_PER_ADDRESS times per client address, within
 * EF_RESET_WINDOW_SECONDS; the answer is 202 all the same. */
#define EF_INVITATION_SECONDS     (48 * 60 * 60)
#define EF_PASSWORD_RESET_SECONDS (60 * 60)
#define EF_LOGIN_MAX_FAILURES     5
#define EF_LOGIN_WINDOW_SECONDS   (15 * 60)
#define EF_LOGIN_LOCK_SECONDS     (15 * 60)
#define EF_LOGIN_ADDRESS_MAX_FAILURES 20
#define EF_RESET_WINDOW_SECONDS   (60 * 60)
#define EF_RESET_MAX_PER_EMAIL    3
#define EF_RESET_MAX_PER_ADDRESS  10
#define EF_LOGIN_CLIENT_MAX_LENGTH 100

/* The API's Session: @token (NULL: left out, as GET auth/session answers),
 * when it ends (@expires_at, and 30 idle minutes after @now) in @tz, its
 * @account (with @agent for a staff account), and for an agent's session
 * on behalf of a family, that family and @via (nullable). */
JsonNode *ef_auth_handler_session_to_json (const char         *token,
                                           gint64              expires_at,
                                           gint64              now,
                                           GTimeZone          *tz,
                                           const EfAccount    *account,
                                           const EfStaffAgent *agent,
                                           const EfFamily     *on_behalf_of,
                                           const char         *via);

void ef_auth_handler_accept_invitation (SoupServerMessage *msg,
                                        GHashTable        *params,
                                        gpointer           user_data);
void ef_auth_handler_login             (SoupServerMessage *msg,
                                        GHashTable        *params,
                                        gpointer           user_data);
/* POST /{tenant}/api/v1/auth/device: a remembered device's token traded
 * for a session and a new device token (store/ef-store-devices.h). */
void ef_auth_handler_sign_in_device    (SoupServerMessage *msg,
                                        GHashTable        *params,
                                        gpointer           user_data);
/* POST /{tenant}/api/v1/auth/device/forget: a device signing out, even
 * when its session ended meanwhile. */
void ef_auth_handler_forget_device     (SoupServerMessage *msg,
                                        GHashTable        *params,
                                        gpointer           user_data);
void ef_auth_handler_logout            (SoupServerMessage *msg,
                                        GHashTable        *params,
                                        gpointer           user_data);
/* GET /{tenant}/api/v1/auth/session: who the session is. */
void ef_auth_handler_get_session       (SoupServerMessage *msg,
                                        GHashTable        *params,
                                        gpointer           user_data);
void ef_auth_handler_request_reset     (SoupServerMessage *msg,
                                        GHashTable        *params,
                                        gpointer           user_data);
void ef_auth_handler_reset_password    (SoupServerMessage *msg,
                                        GHashTable        *params,
                                        gpointer           user_data);
/* Queues @mail in @tenant_id's outbox and, when the server has
 * --sendmail, sends it. */
gboolean ef_auth_handler_deliver_mail  (EfServer                *server,
                                        const char              *tenant_id,
                                        const EfTenantSettings  *settings,
                                        const EfMail            *mail,
                                        GError                 **error);

/* PUT /{tenant}/api/v1/_test/clock (only with --test-clock). */
void ef_auth_handler_set_test_clock    (SoupServerMessage *msg,
                                        GHashTable        *params,
                                        gpointer           user_data);

G_END_DECLS
