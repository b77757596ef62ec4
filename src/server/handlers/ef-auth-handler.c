/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-auth-handler.c: /{tenant}/api/v1/auth/… — invitations, sign-in,
 * sign-out, forgotten passwords
 *
 * Password hashing takes ~150 ms: the request is paused while a worker
 * thread hashes, and the database is read and written on the main thread
 * only, before and after. No password or token is ever logged or echoed.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "auth/ef-secret.h"
#include "ef-common.h"
#include "http/ef-auth.h"
#include "http/ef-http.h"
#include "http/ef-request.h"
#include "mail/ef-mail.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-devices.h"
#include "store/ef-store-families.h"
#include "ef-server.h"
#include "ef-auth-handler.h"

/* The one answer to a wrong password and to an unknown e-mail. */
#define BAD_CREDENTIALS_MESSAGE "Invalid e-mail or password"

typedef struct
{
  EfServer          *server;
  SoupServerMessage *msg;
  char              *tenant_id;
  char              *digest;      /* set-password: the token's digest */
  EfTokenPurpose     purpose;
  gint64             account_id;  /* login: 0 for an unknown e-mail */
  char              *client;
  char              *email;
  char              *address;     /* login: the client's address */
  GTimeZone         *tz;
  gboolean           remember;    /* login: give a device token */
  char              *password_hash;  /* login: what the password is checked against */
} Job;

static Job *
job_new (EfServer          *server,
         SoupServerMessage *msg,
         const char        *tenant_id)
{
  Job *job = g_new0 (Job, 1);

  job->server = g_object_ref (server);
  job->msg = msg ? g_object_ref (msg) : NULL;
  job->tenant_id = g_strdup (tenant_id);
  return job;
}

static void
job_free (Job *job)
{
  g_object_unref (job->server);
  g_clear_object (&job->msg);
  g_free (job->tenant_id);
  g_free (job->digest);
  g_free (job->client);
  g_free (job->email);
  g_free (job->address);
  g_free (job->password_hash);
  g_clear_pointer (&job->tz, g_time_zone_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
respond_no_content (SoupServerMessage *msg,
                    guint              status)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
}

/* 404 not_found with details [{"code": @code}]. */
static void
respond_token_error (SoupServerMessage *msg,
                     EfTokenPurpose     purpose,
                     EfTokenState       state)
{
  static const char * const invitation_codes[] = {
    [EF_TOKEN_UNKNOWN] = "invitation_invalid",
    [EF_TOKEN_EXPIRED] = "invitation_expired",
    [EF_TOKEN_USED] = "invitation_used",
  };
  static const char * const reset_codes[] = {
    [EF_TOKEN_UNKNOWN] = "reset_token_invalid",
    [EF_TOKEN_EXPIRED] = "reset_token_expired",
    [EF_TOKEN_USED] = "reset_token_used",
  };
  static const char * const messages[] = {
    [EF_TOKEN_UNKNOWN] = "No such token",
    [EF_TOKEN_EXPIRED] = "The token has expired",
    [EF_TOKEN_USED] = "The token has been used already",
  };
  g_autoptr(JsonArray) details = json_array_new ();
  JsonObject *detail = json_object_new ();

  g_assert (state != EF_TOKEN_VALID);
  json_object_set_string_member (detail, "code",
                                 purpose == EF_TOKEN_INVITATION ? invitation_codes[state]
                                                                : reset_codes[state]);
  json_array_add_object_element (details, detail);
  ef_http_respond_api_error_full (msg, EF_API_ERROR_NOT_FOUND, messages[state], details);
}

static void
respond_locked (SoupServerMessage *msg,
                gint64             locked_until,
                GTimeZone         *tz)
{
  g_autoptr(JsonArray) details = json_array_new ();
  g_autofree char *until = ef_instant_format_unix_iso (locked_until, tz);
  JsonObject *detail = json_object_new ();

  json_object_set_string_member (detail, "locked_until", until);
  json_array_add_object_element (details, detail);
  ef_http_respond_api_error_full (msg, EF_API_ERROR_ACCOUNT_LOCKED,
                                  "Too many failed sign-ins: the account is locked for a while",
                                  details);
}

static void
respond_rate_limited (SoupServerMessage *msg,
                      gint64             retry_after)
{
  g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (retry_after, 1));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", seconds);
  ef_http_respond_api_error (msg, EF_API_ERROR_RATE_LIMITED,
                             "Too many attempts from this address: try again later");
}

/* The client's address, what the per-address limits count. Behind the
 * reverse proxy (docs/nginx-espace-famille.conf), every request comes from
 * the loopback: then, and only then, the proxy's X-Real-IP says who. */
static char *
client_address (SoupServerMessage *msg)
{
  GSocketAddress *peer = soup_server_message_get_remote_address (msg);
  const char *real_ip = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                      "X-Real-IP");
  const char *host;

  if (real_ip != NULL && peer != NULL && G_IS_INET_SOCKET_ADDRESS (peer) &&
      g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (peer))))
    {
      g_autofree char *text = g_strstrip (g_strdup (real_ip));
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);

      if (address != NULL)
        return g_inet_address_to_string (address);
    }

  host = soup_server_message_get_remote_host (msg);
  return g_strdup (host != NULL ? host : "");
}

/* Too many failed sign-ins from @address within the window, whatever the
 * e-mail or device: answers 429 (or the store's error) and returns FALSE. */
static gboolean
check_address_failures (SoupServerMessage *msg,
                        EfStore           *store,
                        const char        *tenant_id,
                        const char        *address,
                        gint64             now)
{
  g_autoptr(GError) error = NULL;
  gint64 failures;

  failures = ef_store_count_attempts (store, tenant_id, EF_ATTEMPT_LOGIN_ADDRESS, address,
                                      now - EF_LOGIN_WINDOW_SECONDS, &error);
  if (failures < 0)
    {
      ef_http_respond_error (msg, error);
      return FALSE;
    }
  if (failures >= EF_LOGIN_ADDRESS_MAX_FAILURES)
    {
      respond_rate_limited (msg, EF_LOGIN_WINDOW_SECONDS);
      return FALSE;
    }
  return TRUE;
}

/* A sign-in's "client": at most 100 characters, or 422 and FALSE. */
static gboolean
check_client_name (SoupServerMessage *msg,
                   const char        *client)
{
  g_autoptr(JsonArray) details = NULL;
  JsonObject *detail;

  if (g_utf8_strlen (client, -1) <= EF_LOGIN_CLIENT_MAX_LENGTH)
    return TRUE;
  details = json_array_new ();
  detail = json_object_new ();
  json_object_set_string_member (detail, "field", "client");
  json_object_set_string_member (detail, "code", "too_long");
  json_array_add_object_element (details, detail);
  ef_http_respond_api_error_full (msg, EF_API_ERROR_VALIDATION,
                                  "The client name is longer than 100 characters", details);
  return FALSE;
}

/* Reads a body of one string member, e.g. {"password": …}, and nothing
 * else. */
static char *
read_string_body (SoupServerMessage  *msg,
                  const char         *name,
                  GError            **error)
{
  const char * const allowed[] = { name, NULL };
  g_autoptr(JsonObject) body = NULL;
  const char *value = NULL;

  body = ef_request_read_json_members (msg, allowed, error);
  if (body == NULL || !ef_json_get_string (body, name, FALSE, &value, error))
    return NULL;
  return g_strdup (value);
}

static void
clear_password (char *password)
{
  if (password != NULL)
    {
      memset (password, 0, strlen (password));
      g_free (password);
    }
}

static void
on_mail_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  EfStore *store = ef_server_get_store (job->server);
  gint64 mail_id = job->account_id;
  gboolean sent;

  sent = ef_mail_send_finish (result, &error);
  if (!sent)
    g_warning ("Could not hand mail %" G_GINT64_FORMAT " to the mail program: %s",
               mail_id, error->message);
  g_clear_error (&error);
  if (store != NULL &&
      !ef_store_outbox_set_status (store, mail_id, sent ? "sent" : "failed",
                                   ef_server_get_now_unix (job->server), &error))
    g_warning ("Could not update mail %" G_GINT64_FORMAT ": %s", mail_id, error->message);
}

gboolean
ef_auth_handler_deliver_mail (EfServer                *server,
                              const char              *tenant_id,
                              const EfTenantSettings  *settings,
                              const EfMail            *mail,
                              GError                 **error)
{
  g_autoptr(GDateTime) now = ef_server_get_now (server);
  g_autofree char *message = NULL;
  const char *sendmail = ef_server_get_sendmail (server);
  gint64 mail_id;
  Job *job;

  mail_id = ef_store_outbox_add (ef_server_get_store (server), tenant_id, mail->kind,
                                 mail->to, mail->subject, mail->body,
                                 g_date_time_to_unix (now), error);
  if (mail_id == 0)
    return FALSE;
  if (sendmail == NULL)
    return TRUE;

  message = ef_mail_format_for_tenant (mail, settings, now);
  job = job_new (server, NULL, tenant_id);
  job->account_id = mail_id;
  ef_mail_send_async (sendmail, message, NULL, on_mail_sent_cb, job);
  return TRUE;
}

/* Invitations and resets: set the password once it is hashed. */
static void
on_new_password_hashed_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *hash = NULL;
  EfTokenState state = EF_TOKEN_UNKNOWN;
  EfStore *store = ef_server_get_store (job->server);

  soup_server_message_unpause (job->msg);
  hash = ef_password_hash_finish (result, &error);
  if (hash == NULL)
    {
      ef_http_respond_error (job->msg, error);
      return;
    }
  if (store == NULL)
    return;

  if (!ef_store_use_account_token (store, job->tenant_id, job->purpose, job->digest, hash,
                                   ef_server_get_now_unix (job->server), &state, &error))
    {
      if (error != NULL)
        ef_http_respond_error (job->msg, error);
      else
        respond_token_error (job->msg, job->purpose, state);
      return;
    }

  node = ef_account_email_to_json (job->email);
  ef_http_respond_json (job->msg, SOUP_STATUS_OK, node);
}

static void
set_password_with_token (SoupServerMessage *msg,
                         GHashTable        *params,
                         EfServer          *server,
                         EfTokenPurpose     purpose)
{
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  const char *token = g_hash_table_lookup (params, "token");
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(JsonArray) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;
  char *password = NULL;
  EfTokenState state;
  Job *job;

  settings = ef_store_load_tenant_settings (ef_server_get_store (server), tenant_id, &error);
  if (settings == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  password = read_string_body (msg, "password", &error);
  if (password == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  if (!ef_secret_token_is_well_formed (token))
    {
      clear_password (password);
      respond_token_error (msg, purpose, EF_TOKEN_UNKNOWN);
      return;
    }
  digest = ef_secret_token_digest (token);
  state = ef_store_check_account_token (ef_server_get_store (server), tenant_id, purpose, digest,
                                        ef_server_get_now_unix (server), &account, &error);
  if (error != NULL || state != EF_TOKEN_VALID)
    {
      clear_password (password);
      if (error != NULL)
        ef_http_respond_error (msg, error);
      else
        respond_token_error (msg, purpose, state);
      return;
    }

  details = json_array_new ();
  if (!ef_password_check_rules (password, account->email, "password", details))
    {
      clear_password (password);
      ef_http_respond_api_error_full (msg, EF_API_ERROR_VALIDATION,
                                      "The password does not follow the rules", details);
      return;
    }

  job = job_new (server, msg, tenant_id);
  job->digest = g_steal_pointer (&digest);
  job->purpose = purpose;
  job->email = g_strdup (account->email);
  soup_server_message_pause (msg);
  ef_password_hash_async (password, NULL, on_new_password_hashed_cb, job);
  clear_password (password);
}

/* The Session's account: a parent's (with its family and member) or an
 * agent's (with its name and roles, and no family). */
static EfAccountRecord *
account_record_new (const EfAccount    *account,
                    const EfStaffAgent *agent)
{
  EfAccountRecord *record = g_new0 (EfAccountRecord, 1);
  g_autoptr(GStrvBuilder) roles = NULL;

  record->id = account->id;
  record->email = g_strdup (account->email);
  record->kind = g_strdup (agent != NULL ? "staff" : "parent");
  record->family_id = account->family_id;
  record->member_id = account->member_id;
  if (agent == NULL)
    return record;

  record->staff = g_new0 (EfStaffInfoRecord, 1);
  record->staff->name = g_strdup (agent->name);
  record->staff->admin = agent->admin;
  roles = g_strv_builder_new ();
  if (agent->services != NULL)
    g_strv_builder_addv (roles, (const char **) agent->services);
  record->staff->services = g_strv_builder_end (roles);
  /* Empty again once ended: the same builder makes the roles. */
  g_strv_builder_addv (roles, (const char **) record->staff->services);
  if (agent->admin)
    g_strv_builder_add (roles, EF_STAFF_ROLE_ADMIN);
  record->staff->roles = g_strv_builder_end (roles);
  return record;
}

JsonNode *
ef_auth_handler_session_to_json (const char         *token,
                                 gint64              expires_at,
                                 gint64              now,
                                 GTimeZone          *tz,
                                 const EfAccount    *account,
                                 const EfStaffAgent *agent,
                                 const EfFamily     *on_behalf_of,
                                 const char         *via)
{
  g_autoptr(EfAuthSessionRecord) session = g_new0 (EfAuthSessionRecord, 1);

  session->token = g_strdup (token);
  session->expires_at = ef_instant_format_unix_iso (expires_at, tz);
  session->idle_expires_at = ef_instant_format_unix_iso (MIN (expires_at, now + EF_SESSION_IDLE_SECONDS), tz);
  session->account = account_record_new (account, agent);
  if (on_behalf_of != NULL)
    {
      session->on_behalf_of = g_new0 (EfOnBehalfOfRecord, 1);
      session->on_behalf_of->family_id = on_behalf_of->id;
      session->on_behalf_of->name = g_strdup (on_behalf_of->name);
      session->on_behalf_of->via = g_strdup (via);
    }
  return ef_auth_session_record_to_json (session);
}

static void
on_login_verified_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(EfStaffAgent) agent = NULL;
  g_autofree char *token = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *device_token = NULL;
  EfStore *store = ef_server_get_store (job->server);
  gboolean match;
  gint64 now, locked_until, expires_at, session_id;

  soup_server_message_unpause (job->msg);
  match = ef_password_verify_finish (result, &error);
  if (error != NULL)
    {
      ef_http_respond_error (job->msg, error);
      return;
    }
  if (store == NULL)
    return;

  now = ef_server_get_now_unix (job->server);
  if (!match)
    {
      if (!ef_store_record_login_failure (store, job->tenant_id, job->account_id, job->email,
                                          job->address, now, job->client,
                                          EF_LOGIN_MAX_FAILURES, EF_LOGIN_WINDOW_SECONDS,
                                          EF_LOGIN_LOCK_SECONDS, &locked_until, &error))
        ef_http_respond_error (job->msg, error);
      else if (locked_until > 0)
        respond_locked (job->msg, locked_until, job->tz);
      else
        ef_http_respond_api_error (job->msg, EF_API_ERROR_UNAUTHORIZED, BAD_CREDENTIALS_MESSAGE);
      return;
    }

  /* The account may have changed while the password was checked: a new
   * password (a reset, an invitation) refuses the old one from then on. */
  account = ef_store_find_account (store, job->tenant_id, job->email, &error);
  if (account == NULL || account->id != job->account_id ||
      g_strcmp0 (account->password_hash, job->password_hash) != 0)
    {
      if (error != NULL)
        ef_http_respond_error (job->msg, error);
      else
        ef_http_respond_api_error (job->msg, EF_API_ERROR_UNAUTHORIZED, BAD_CREDENTIALS_MESSAGE);
      return;
    }

  token = ef_secret_token_new ();
  digest = ef_secret_token_digest (token);
  expires_at = now + EF_SESSION_ABSOLUTE_SECONDS;
  session_id = ef_store_open_session (store, job->tenant_id, account->id, digest, job->client,
                                      now, expires_at, &error);
  if (session_id == 0)
    {
      ef_http_respond_error (job->msg, error);
      return;
    }
  if (job->remember)
    {
      g_autofree char *device_digest = NULL;
      gboolean remembered;

      device_token = ef_secret_token_new ();
      device_digest = ef_secret_token_digest (device_token);
      if (!ef_store_remember_device (store, job->tenant_id, account->id, session_id,
                                     job->password_hash, device_digest, job->client, now,
                                     &remembered, &error))
        {
          ef_http_respond_error (job->msg, error);
          return;
        }
      if (!remembered)
        g_clear_pointer (&device_token, g_free);
    }

  if (account->is_staff)
    {
      agent = ef_store_load_staff_agent (store, job->tenant_id, account->id, &error);
      if (agent == NULL)
        {
          ef_http_respond_error (job->msg, error);
          return;
        }
    }

  node = ef_auth_handler_session_to_json (token, expires_at, now, job->tz, account, agent,
                                          NULL, NULL);
  if (device_token != NULL)
    json_object_set_string_member (json_node_get_object (node), "device_token", device_token);
  ef_http_respond_json (job->msg, SOUP_STATUS_OK, node);
}

void
ef_auth_handler_accept_invitation (SoupServerMessage *msg,
                                   GHashTable        *params,
                                   gpointer           user_data)
{
  set_password_with_token (msg, params, EF_SERVER (user_data), EF_TOKEN_INVITATION);
}

void
ef_auth_handler_reset_password (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data)
{
  set_password_with_token (msg, params, EF_SERVER (user_data), EF_TOKEN_PASSWORD_RESET);
}

void
ef_auth_handler_login (SoupServerMessage *msg,
                       GHashTable        *params,
                       gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autofree char *address = NULL;
  gint64 locked_until;
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(EfLoginRequestRecord) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *email = NULL;
  const char *client;
  gint64 now;
  Job *job;

  settings = ef_store_load_tenant_settings (store, tenant_id, &error);
  if (settings == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  tz = ef_tenant_settings_dup_time_zone (settings);

  body = ef_request_read_json_node (msg, &error);
  if (body != NULL)
    request = ef_login_request_record_from_json (body, &error);
  if (request == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  client = request->client != NULL ? request->client : "";
  if (!check_client_name (msg, client))
    return;

  email = g_strstrip (g_ascii_strdown (request->email, -1));
  address = client_address (msg);
  now = ef_server_get_now_unix (server);

  /* Too many failures from this address, whatever the e-mail. */
  if (!check_address_failures (msg, store, tenant_id, address, now))
    return;

  account = ef_store_find_account (store, tenant_id, email, &error);
  if (error != NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  /* The lock is the e-mail's, an account's or not: the same answer, at
   * once, in both cases. The attempt still counts for the address. */
  locked_until = ef_store_get_login_lock (store, tenant_id, email, now, &error);
  if (locked_until < 0)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  if (locked_until > 0)
    {
      if (!ef_store_add_attempt (store, tenant_id, EF_ATTEMPT_LOGIN_ADDRESS, address, now, &error) ||
          !ef_store_record_connection (store, tenant_id, account ? account->id : 0, now,
                                       EF_CONNECTION_LOCKED, client, &error))
        ef_http_respond_error (msg, error);
      else
        respond_locked (msg, locked_until, tz);
      return;
    }

  job = job_new (server, msg, tenant_id);
  job->account_id = account ? account->id : 0;
  job->address = g_steal_pointer (&address);
  job->client = g_strdup (client);
  job->email = g_steal_pointer (&email);
  job->tz = g_time_zone_ref (tz);
  job->remember = request->remember;
  job->password_hash = account != NULL ? g_strdup (account->password_hash) : NULL;
  soup_server_message_pause (msg);
  ef_password_verify_async (request->password, account ? account->password_hash : NULL, NULL,
                            on_login_verified_cb, job);
}

void
ef_auth_handler_logout (SoupServerMessage *msg,
                        GHashTable        *params,
                        gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GError) error = NULL;

  caller = ef_auth_require_session (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;

  /* Signing out forgets the device, too. */
  if (!ef_store_forget_session_device (ef_server_get_store (server), caller->session_id, &error) ||
      !ef_store_end_session (ef_server_get_store (server), caller->session_id,
                             ef_server_get_now_unix (server), "logout", &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  respond_no_content (msg, SOUP_STATUS_NO_CONTENT);
}

void
ef_auth_handler_get_session (SoupServerMessage *msg,
                             GHashTable        *params,
                             gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  caller = ef_auth_require_session (server, msg, tenant_id);
  if (caller == NULL)
    return;
  settings = ef_store_load_tenant_settings (store, tenant_id, &error);
  if (settings != NULL)
    account = ef_store_find_account (store, tenant_id, caller->email, &error);
  if (account == NULL)
    {
      if (error != NULL)
        ef_http_respond_error (msg, error);
      else
        ef_http_respond_api_error (msg, EF_API_ERROR_UNAUTHORIZED, "Sign in first");
      return;
    }
  tz = ef_tenant_settings_dup_time_zone (settings);
  if (caller->on_behalf)
    {
      family = ef_store_load_family (store, tenant_id, caller->family_id, &error);
      if (family == NULL)
        {
          ef_http_respond_error (msg, error);
          return;
        }
    }

  node = ef_auth_handler_session_to_json (NULL, caller->expires_at,
                                          ef_server_get_now_unix (server), tz, account,
                                          caller->agent, family, caller->via);
  ef_http_respond_json (msg, SOUP_STATUS_OK, node);
}

void
ef_auth_handler_request_reset (SoupServerMessage *msg,
                               GHashTable        *params,
                               gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email_in = NULL;
  g_autofree char *email = NULL;
  g_autofree char *address = NULL;
  gint64 now_s, by_email, by_address;

  settings = ef_store_load_tenant_settings (store, tenant_id, &error);
  if (settings == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  email_in = read_string_body (msg, "email", &error);
  if (email_in == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  /* The same answer whether the e-mail has an account or not, and
   * whether a mail is sent or not: at most EF_RESET_MAX_PER_EMAIL a
   * window per e-mail (known or not), EF_RESET_MAX_PER_ADDRESS requests
   * per client address. Refused requests do not count. */
  email = g_strstrip (g_ascii_strdown (email_in, -1));
  address = client_address (msg);
  now_s = ef_server_get_now_unix (server);
  by_email = ef_store_count_attempts (store, tenant_id, EF_ATTEMPT_RESET_EMAIL, email,
                                      now_s - EF_RESET_WINDOW_SECONDS, &error);
  by_address = by_email < 0 ? -1
             : ef_store_count_attempts (store, tenant_id, EF_ATTEMPT_RESET_ADDRESS, address,
                                        now_s - EF_RESET_WINDOW_SECONDS, &error);
  if (by_email < 0 || by_address < 0)
    {
      g_warning ("Could not count password reset requests: %s", error->message);
      respond_no_content (msg, SOUP_STATUS_ACCEPTED);
      return;
    }
  if (by_email >= EF_RESET_MAX_PER_EMAIL || by_address >= EF_RESET_MAX_PER_ADDRESS)
    {
      respond_no_content (msg, SOUP_STATUS_ACCEPTED);
      return;
    }
  if (!ef_store_add_attempt (store, tenant_id, EF_ATTEMPT_RESET_EMAIL, email, now_s, &error) ||
      !ef_store_add_attempt (store, tenant_id, EF_ATTEMPT_RESET_ADDRESS, address, now_s, &error))
    {
      g_warning ("Could not count a password reset request: %s", error->message);
      respond_no_content (msg, SOUP_STATUS_ACCEPTED);
      return;
    }

  account = ef_store_find_account (store, tenant_id, email, &error);
  if (account != NULL)
    {
      g_autoptr(GTimeZone) tz = ef_tenant_settings_dup_time_zone (settings);
      g_autoptr(GDateTime) now = ef_server_get_now (server);
      g_autoptr(GDateTime) expires = g_date_time_add_seconds (now, EF_PASSWORD_RESET_SECONDS);
      g_autoptr(GDateTime) local_expires = g_date_time_to_timezone (expires, tz);
      g_autoptr(EfMail) mail = NULL;
      g_autofree char *token = ef_secret_token_new ();
      g_autofree char *digest = ef_secret_token_digest (token);
      g_autofree char *portal = ef_server_dup_portal_url (server, tenant_id, settings->public_url);

      mail = ef_mail_new_password_reset (settings->name, portal, account->email, token, local_expires);
      if (!ef_store_add_account_token (store, account->id, EF_TOKEN_PASSWORD_RESET, digest,
                                       g_date_time_to_unix (now), g_date_time_to_unix (expires),
                                       &error) ||
          !ef_auth_handler_deliver_mail (server, tenant_id, settings, mail, &error))
        g_warning ("Could not send a password reset mail: %s", error->message);
    }
  else if (error != NULL)
    g_warning ("Could not look up an account: %s", error->message);

  respond_no_content (msg, SOUP_STATUS_ACCEPTED);
}

void
ef_auth_handler_set_test_clock (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data)
{
  static const char * const allowed[] = { "now", NULL };
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = NULL;
  JsonNode *node;

  /* Without --test-clock the route does not exist. */
  if (!ef_server_has_test_clock (server))
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "No such resource");
      return;
    }

  settings = ef_store_load_tenant_settings (ef_server_get_store (server),
                                            g_hash_table_lookup (params, "tenant"), &error);
  body = settings ? ef_request_read_json_object (msg, &error) : NULL;
  if (body == NULL || !ef_json_check_members (body, allowed, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }

  node = json_object_get_member (body, "now");
  if (node == NULL || !JSON_NODE_HOLDS_NULL (node))
    {
      if (!ef_json_get_string (body, "now", FALSE, &text, &error) ||
          (now = ef_instant_parse_iso (text, &error)) == NULL)
        {
          ef_http_respond_error (msg, error);
          return;
        }
    }

  ef_server_set_test_now (server, now);
  respond_no_content (msg, SOUP_STATUS_NO_CONTENT);
}

void
ef_auth_handler_sign_in_device (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data)
{
  static const char * const allowed[] = { "device_token", "client", NULL };
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(EfStaffAgent) agent = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *email = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *device_token = NULL;
  g_autofree char *device_digest = NULL;
  g_autofree char *token = NULL;
  g_autofree char *session_digest = NULL;
  const char *presented = NULL;
  const char *client = "";
  gint64 now, expires_at, account_id;

  settings = ef_store_load_tenant_settings (store, tenant_id, &error);
  if (settings == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  tz = ef_tenant_settings_dup_time_zone (settings);

  body = ef_request_read_json_object (msg, &error);
  if (body == NULL ||
      !ef_json_check_members (body, allowed, &error) ||
      !ef_json_get_string (body, "device_token", FALSE, &presented, &error) ||
      !ef_json_get_string (body, "client", TRUE, &client, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  if (!check_client_name (msg, client))
    return;

  /* A device token is as hard to guess as a session's, but every wrong
   * one counts against the address as a wrong password does. */
  address = client_address (msg);
  now = ef_server_get_now_unix (server);
  if (!check_address_failures (msg, store, tenant_id, address, now))
    return;

  if (ef_secret_token_is_well_formed (presented))
    {
      digest = ef_secret_token_digest (presented);
      device_token = ef_secret_token_new ();
      device_digest = ef_secret_token_digest (device_token);
      token = ef_secret_token_new ();
      session_digest = ef_secret_token_digest (token);
      expires_at = now + EF_SESSION_ABSOLUTE_SECONDS;
      account_id = ef_store_sign_in_device (store, tenant_id, digest, device_digest,
                                            session_digest, client, now, expires_at,
                                            &email, &error);
      if (error != NULL)
        {
          ef_http_respond_error (msg, error);
          return;
        }
    }
  else
    account_id = 0;

  if (account_id == 0)
    {
      if (!ef_store_add_attempt (store, tenant_id, EF_ATTEMPT_LOGIN_ADDRESS, address, now, &error))
        ef_http_respond_error (msg, error);
      else
        ef_http_respond_api_error (msg, EF_API_ERROR_UNAUTHORIZED,
                                   "This device is not remembered: sign in with the password");
      return;
    }

  account = ef_store_find_account (store, tenant_id, email, &error);
  if (account != NULL && account->is_staff)
    agent = ef_store_load_staff_agent (store, tenant_id, account->id, &error);
  if (account == NULL || (account->is_staff && agent == NULL))
    {
      if (error != NULL)
        ef_http_respond_error (msg, error);
      else
        ef_http_respond_api_error (msg, EF_API_ERROR_UNAUTHORIZED,
                                   "This device is not remembered: sign in with the password");
      return;
    }

  node = ef_auth_handler_session_to_json (token, expires_at, now, tz, account, agent, NULL, NULL);
  json_object_set_string_member (json_node_get_object (node), "device_token", device_token);
  ef_http_respond_json (msg, SOUP_STATUS_OK, node);
}

void
ef_auth_handler_forget_device (SoupServerMessage *msg,
                               GHashTable        *params,
                               gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *presented = NULL;

  settings = ef_store_load_tenant_settings (store, tenant_id, &error);
  presented = settings != NULL ? read_string_body (msg, "device_token", &error) : NULL;
  if (presented == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  /* The same answer whether the token was known or not. */
  if (ef_secret_token_is_well_formed (presented))
    {
      g_autofree char *digest = ef_secret_token_digest (presented);

      if (!ef_store_forget_device (store, tenant_id, digest, &error))
        {
          ef_http_respond_error (msg, error);
          return;
        }
    }
  respond_no_content (msg, SOUP_STATUS_NO_CONTENT);
}
