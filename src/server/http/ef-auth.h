/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-auth.h: who is calling — bearer sessions scoped to one family */

#pragma once

#include <libsoup/soup.h>

#include "store/ef-store-staff.h"
#include "ef-server.h"

G_BEGIN_DECLS

/* A session ends after 30 minutes without a request, and 12 hours after
 * sign-in in any case. */
#define EF_SESSION_IDLE_SECONDS     (30 * 60)
#define EF_SESSION_ABSOLUTE_SECONDS (12 * 60 * 60)

/**
 * EfCaller:
 * @tenant_id: the tenant of the session (equal to the path's {tenant})
 * @account_id: the signed-in account
 * @family_id: the only family this caller may read or change
 * @session_id: the session row, for logout
 * @email: the account's login e-mail
 * @expires_at: when the session ends in any case (UTC Unix seconds)
 * @agent: (nullable): for a staff account, the agent and its roles
 * @on_behalf: an agent acting in the family @family_id's own pages, through
 *   a session opened by POST staff/families/{id}/session
 * @via: (nullable): with @on_behalf, how the family reached the town hall
 *   (EF_STAFF_VIA_COUNTER or EF_STAFF_VIA_PHONE), for the audit
 *
 * A signed-in caller. Every resource a handler reads or changes for a
 * parent is scoped by @family_id; another family's ids answer 404. A
 * staff account has no family (@family_id 0) but an @agent; on behalf of a
 * family it has both, and what it changes is audited as the agent's.
 */
typedef struct {
  char         *tenant_id;
  gint64        account_id;
  gint64        family_id;
  gint64        session_id;
  char         *email;
  gint64        expires_at;
  EfStaffAgent *agent;
  gboolean      on_behalf;
  char         *via;
} EfCaller;

void      ef_caller_free         (EfCaller          *caller);

/* The token of the value of an Authorization header, "Bearer TOKEN", or
 * NULL. */
const char *ef_auth_bearer_token  (const char        *authorization);
/* Checks the bearer @token (NULL: none) for @tenant_id at the server's
 * current instant (ef_server_get_now), touches the session's idle timer,
 * and returns the caller, a parent or an agent. Otherwise NULL, with
 * @error set when the store failed, or else @refused set to why the token
 * is refused (EF_API_ERROR_UNAUTHORIZED or EF_API_ERROR_SESSION_EXPIRED). */
EfCaller *ef_auth_check_token     (EfServer          *server,
                                   const char        *tenant_id,
                                   const char        *token,
                                   EfApiError        *refused,
                                   GError           **error);
/* Checks the `Authorization: Bearer …` header of @msg for @tenant_id at the
 * server's current instant (ef_server_get_now), touches the session's idle
 * timer, and returns the caller, a parent or an agent. On failure it has
 * already answered @msg (401 unauthorized or session_expired) and returns
 * NULL. */
EfCaller *ef_auth_require_session (EfServer          *server,
                                   SoupServerMessage *msg,
                                   const char        *tenant_id);
/* The same for the family routes: a parent, or an agent on behalf of a
 * family; an agent's own session is answered 403 forbidden (agents act
 * for a family through the staff routes, or a session on its behalf). */
EfCaller *ef_auth_require_caller (EfServer          *server,
                                  SoupServerMessage *msg,
                                  const char        *tenant_id);
/* The same for what only the family itself may do (paying online): an
 * agent on behalf of the family is answered 403 forbidden with @why. */
EfCaller *ef_auth_require_parent (EfServer          *server,
                                  SoupServerMessage *msg,
                                  const char        *tenant_id,
                                  const char        *why);
/* The same for the staff routes: a parent's session is answered 404
 * not_found, as a route that does not exist; a session on behalf of a
 * family, 403 forbidden. */
EfCaller *ef_auth_require_agent  (EfServer          *server,
                                  SoupServerMessage *msg,
                                  const char        *tenant_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfCaller, ef_caller_free)

G_END_DECLS
