/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-auth.c: who is calling — bearer sessions scoped to one family */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "auth/ef-secret.h"
#include "store/ef-store-accounts.h"
#include "ef-auth.h"
#include "ef-http.h"

/* How stale a session's stored last-seen instant may be. */
#define TOUCH_INTERVAL_SECONDS 60

static void
respond_unauthorized (SoupServerMessage *msg,
                      EfApiError         code)
{
  /* RFC 6750: say which scheme, and that the token is no longer good. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate",
                                code == EF_API_ERROR_SESSION_EXPIRED
                                ? "Bearer realm=\"espace-famille\", error=\"invalid_token\""
                                : "Bearer realm=\"espace-famille\"");
  if (code == EF_API_ERROR_SESSION_EXPIRED)
    ef_http_respond_api_error (msg, code, "The session has expired: sign in again");
  else
    ef_http_respond_api_error (msg, code, "Sign in first");
}

const char *
ef_auth_bearer_token (const char *authorization)
{
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;
  authorization += 7;
  while (*authorization == ' ')
    authorization++;
  return authorization;
}

/* The token of an "Authorization: Bearer TOKEN" header, or NULL. */
static const char *
bearer_token (SoupServerMessage *msg)
{
  return ef_auth_bearer_token (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                             "Authorization"));
}

void
ef_caller_free (EfCaller *caller)
{
  if (caller == NULL)
    return;
  g_free (caller->tenant_id);
  g_free (caller->email);
  g_free (caller->via);
  g_clear_pointer (&caller->agent, ef_staff_agent_free);
  g_free (caller);
}

EfCaller *
ef_auth_check_token (EfServer    *server,
                     const char  *tenant_id,
                     const char  *token,
                     EfApiError  *refused,
                     GError     **error)
{
  g_autoptr(EfSessionRecord) record = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *digest = NULL;
  EfStore *store;
  EfCaller *caller;
  gint64 now_s;

  g_return_val_if_fail (EF_IS_SERVER (server), NULL);
  g_return_val_if_fail (refused != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *refused = EF_API_ERROR_UNAUTHORIZED;
  if (token == NULL || !ef_secret_token_is_well_formed (token) ||
      !ef_tenant_id_is_valid (tenant_id))
    return NULL;

  store = ef_server_get_store (server);
  digest = ef_secret_token_digest (token);
  record = ef_store_find_session (store, tenant_id, digest, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (record == NULL || record->ended)
    return NULL;

  now = ef_server_get_now (server);
  now_s = g_date_time_to_unix (now);
  if (now_s >= record->expires_at || now_s >= record->last_seen_at + EF_SESSION_IDLE_SECONDS)
    {
      *refused = EF_API_ERROR_SESSION_EXPIRED;
      return NULL;
    }

  /* A write and an fsync on every request would cost more than the rest of
   * a read: the stored last-seen instant moves at most once a minute, so a
   * session may end up to a minute before 30 idle minutes after its very
   * last request. */
  if (now_s - record->last_seen_at >= TOUCH_INTERVAL_SECONDS)
    {
      /* A write, outside the caller's reads (ef_store_begin_reads()): as
       * the only statement of its transaction, as without them. */
      gboolean reads = ef_store_in_reads (store);
      gboolean touched;

      if (reads)
        ef_store_end_reads (store);
      touched = ef_store_touch_session (store, record->id, now_s, error);
      if (reads)
        ef_store_begin_reads (store);
      if (!touched)
        return NULL;
    }

  caller = g_new0 (EfCaller, 1);
  caller->tenant_id = g_strdup (tenant_id);
  caller->account_id = record->account_id;
  caller->family_id = record->is_staff && !record->on_behalf ? 0 : record->family_id;
  caller->session_id = record->id;
  caller->email = g_steal_pointer (&record->email);
  caller->expires_at = record->expires_at;
  caller->on_behalf = record->is_staff && record->on_behalf;
  caller->via = g_steal_pointer (&record->via);
  if (record->is_staff)
    {
      caller->agent = ef_store_load_staff_agent (store, tenant_id, record->account_id, &local_error);
      /* An agent who no longer serves the family no longer acts for it. */
      if (caller->agent != NULL && caller->on_behalf &&
          !ef_store_check_staff_family (store, caller->agent, caller->family_id, &local_error) &&
          g_error_matches (local_error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
        {
          ef_caller_free (caller);
          return NULL;
        }
      if (caller->agent == NULL || local_error != NULL)
        {
          ef_caller_free (caller);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return caller;
}

EfCaller *
ef_auth_require_session (EfServer          *server,
                         SoupServerMessage *msg,
                         const char        *tenant_id)
{
  g_autoptr(GError) error = NULL;
  EfApiError refused;
  EfCaller *caller;

  g_return_val_if_fail (EF_IS_SERVER (server), NULL);
  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), NULL);

  caller = ef_auth_check_token (server, tenant_id, bearer_token (msg), &refused, &error);
  if (caller == NULL && error != NULL)
    ef_http_respond_error (msg, error);
  else if (caller == NULL)
    respond_unauthorized (msg, refused);
  return caller;
}

EfCaller *
ef_auth_require_caller (EfServer          *server,
                        SoupServerMessage *msg,
                        const char        *tenant_id)
{
  EfCaller *caller = ef_auth_require_session (server, msg, tenant_id);

  if (caller != NULL && caller->agent != NULL && !caller->on_behalf)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_FORBIDDEN,
                                 "A staff account acts for a family through the staff routes");
      g_clear_pointer (&caller, ef_caller_free);
    }
  return caller;
}

EfCaller *
ef_auth_require_parent (EfServer          *server,
                        SoupServerMessage *msg,
                        const char        *tenant_id,
                        const char        *why)
{
  EfCaller *caller = ef_auth_require_caller (server, msg, tenant_id);

  if (caller != NULL && caller->on_behalf)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_FORBIDDEN, why);
      g_clear_pointer (&caller, ef_caller_free);
    }
  return caller;
}

EfCaller *
ef_auth_require_agent (EfServer          *server,
                       SoupServerMessage *msg,
                       const char        *tenant_id)
{
  EfCaller *caller = ef_auth_require_session (server, msg, tenant_id);

  if (caller != NULL && caller->agent == NULL)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "No such resource");
      g_clear_pointer (&caller, ef_caller_free);
    }
  else if (caller != NULL && caller->on_behalf)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_FORBIDDEN,
                                 "A session on behalf of a family serves only the family's routes");
      g_clear_pointer (&caller, ef_caller_free);
    }
  return caller;
}
