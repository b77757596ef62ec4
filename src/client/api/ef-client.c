/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client.c: the portal's HTTP/JSON API, for the pages of the application
 *
 * One EfClient talks to one portal ("https://host/7249") over one
 * SoupSession. It knows HTTP, JSON and the API's error bodies; it turns all
 * of them into model objects or into EF_CLIENT_ERROR codes, so that pages
 * never see a status code, a JSON node or a server's text. Answers are read
 * in a worker thread (a year's planning is thousands of days); the main
 * loop only sends, receives and hands the models over.
 *
 * The session: signing in gives a bearer token, kept in memory only. When
 * the portal says the session ended (after 30 idle minutes, or 12 hours),
 * a request signs in again once, by itself, if the user asked to be
 * remembered, and is sent again; otherwise EfClient::sign-in-required is
 * emitted and the request fails with EF_CLIENT_ERROR_SESSION_EXPIRED, so
 * that the page keeps what the user was doing. Requests that meet an ended
 * session at the same time wait for one sign-in.
 *
 * Remembering: a sign-in with "remember me" asks the portal for a device
 * token, which is kept in the keyring (EfCredentials) and in memory instead
 * of the password, and traded for a session and a new device token at the
 * next start or when the session ends (POST /auth/device: no password, no
 * argon2id on the portal). A portal that gives none gets the password
 * remembered, as before device tokens.
 *
 * Proxies: the session asks an EfProxyResolver, which follows the system
 * settings except for loopback portals, always reached directly. TLS
 * certificates are checked by GIO and never accepted otherwise: a bad one
 * is EF_CLIENT_ERROR_TLS.
 *
 * This file has the core and the session; ef-client-family.c the family,
 * enrolments, planning and reservations.
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ef-client-early.h"
#include "ef-client-json.h"
#include "ef-client-private.h"
#include "ef-offline-cache.h"
#include "ef-proxy-resolver.h"

/* Larger answers are not what the API sends: refuse them while they
 * arrive, before they take the memory. */
#define MAX_BODY_SIZE (16 * 1024 * 1024)

/* An answer is read this much at a time. */
#define READ_CHUNK_SIZE (64 * 1024)

/* Connections to the portal at once, as browsers open (libsoup's default
 * is two): the dashboard's first requests leave together. */
#define MAX_CONNS_PER_HOST 6

/* Answers of the start's thread up to this size are parsed on the main
 * loop: a family is about 2 KB; 16 KB of JSON parse in about 0.3 ms. */
#define PARSE_AT_ONCE_MAX_SIZE (16 * 1024)

/* What signs in, for the account's connection history. */
#define CLIENT_NAME "Espace Famille " PACKAGE_VERSION " (GNOME)"

/* libsoup adds its own name after the trailing space. */
#define USER_AGENT PACKAGE_NAME "/" PACKAGE_VERSION " "

struct _EfRequest
{
  char            *method;
  char            *path;
  EfRequestFlags   flags;
  GBytes          *body;
  EfAnswerParser   parse;
  GDestroyNotify   result_free;
  EfAnswerHandler  handler;
  char            *raw_accept;   /* (nullable): answer kept as bytes */
  char            *token;        /* the token the request was sent with */
  gboolean         retried;
  guint            sign_outs;    /* the client's count when it was sent */
  SoupMessage     *message;
  char            *uri;
  GByteArray      *received;     /* (nullable): the answer read so far */
  gint64           sent_at;      /* the server clock's elapsed time when sent */
  guint            status;       /* the answer's */
  gboolean         answered_early;  /* by the start's thread (ef-client-early.c) */
};

typedef struct
{
  GBytes         *body;
  char           *uri;
  EfAnswerParser  parse;
  GDestroyNotify  result_free;
} ParseJob;

typedef struct
{
  char         *email;
  char         *password;   /* or the device token */
  EfSecretKind  kind;
  gboolean      remember;
  gboolean      without_remember;  /* sent again for a portal without devices */
} SignIn;

struct _EfClient
{
  GObject        parent_instance;

  SoupSession   *session;
  char          *portal_url;
  char          *tenant_id;
  guint          timeout;
  gsize          max_body_size;
  EfCredentials *credentials;

  /* The session: never written anywhere. */
  char          *token;
  char          *account_email;
  gint64         account_member_id;
  gboolean       account_is_staff;
  char          *staff_name;
  char         **staff_roles;
  gint64         on_behalf_family_id;
  char          *on_behalf_family_name;
  char          *state_dir;      /* (nullable): where the user's work is kept */

  /* The last answers seen, for when the portal cannot be reached */
  char           *cache_dir;     /* (nullable): the user's cache of the app */
  EfOfflineCache *offline_cache; /* (nullable): the account's, once its key is read */
  GCancellable   *key_cancellable;
  GPtrArray      *unkept;        /* (nullable): answers waiting for the key */
  gboolean        offline;       /* answering from it now */
  GDateTime      *offline_since; /* when what it shows was seen */
  char          *password;       /* (nullable): only when remembered, and
                                  * only with a portal without device tokens */
  char          *device_token;   /* (nullable): when remembered */
  GPtrArray     *relogin_waiters;
  gboolean       relogin_running;
  /* Sign-outs so far: an answer to a request sent before the last one
   * belongs to a session that is over, and changes nothing here. */
  guint          sign_outs;

  EfFamily      *family;
  GListStore    *members;

  EfServerClock *clock;

  /* A remembered start asked for before the window (ef-client-early.c) */
  EfEarlyInput  *early_job;          /* (nullable): its thread's, while it runs */
  char          *early_portal;       /* (nullable): the portal it asked */
  GPtrArray     *early_requests;     /* GTask: requests held until it ends */
  GPtrArray     *early_lookups;      /* GTask: lookups held until it ends */
  GPtrArray     *early_answers;      /* (nullable): EfEarlyAnswer, not yet used */
  EfEarlyResult *early_lookup;       /* (nullable): the keyring's answer, not yet used */
};

G_DEFINE_FINAL_TYPE (EfClient, ef_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PORTAL_URL,
  PROP_TENANT_ID,
  PROP_TIMEOUT,
  PROP_CREDENTIALS,
  PROP_SIGNED_IN,
  PROP_ACCOUNT_EMAIL,
  PROP_IS_STAFF,
  PROP_FAMILY,
  PROP_MEMBERS,
  PROP_TODAY,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGN_IN_REQUIRED,
  BILLING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void request_start (GTask *task);
static gboolean hold_for_early_start    (EfClient *self,
                                         GTask    *task);
static gboolean answer_from_early_start (EfClient *self,
                                         GTask    *task);
static void forget_early_start          (EfClient *self);
static void forget_state  (EfClient *self);
static void set_offline   (EfClient  *self,
                           gboolean   offline,
                           GDateTime *since);
static void open_offline_cache (EfClient *self);

static gboolean
tenant_id_is_valid (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > 64)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
      return FALSE;

  return TRUE;
}

static gboolean
text_has_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return TRUE;

  return FALSE;
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    {
      volatile char *p = text;

      while (*p != '\0')
        *p++ = '\0';
    }
  g_free (text);
}

static void
sign_in_free (SignIn *sign_in)
{
  g_free (sign_in->email);
  wipe_string (sign_in->password);
  g_free (sign_in);
}

static void
parse_job_free (ParseJob *job)
{
  g_bytes_unref (job->body);
  g_free (job->uri);
  g_free (job);
}

/* Transport errors (from GIO, the resolver, TLS or libsoup) to our codes;
 * the original text is kept for the logs only. @status is the answer's
 * status if its head arrived: the body was then cut short. */
static GError *
map_transport_error (const GError *error,
                     const char   *uri,
                     guint         status)
{
  EfClientError code = EF_CLIENT_ERROR_NETWORK;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    code = EF_CLIENT_ERROR_CANCELLED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = EF_CLIENT_ERROR_TIMEOUT;
  else if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    code = EF_CLIENT_ERROR_HOST_NOT_FOUND;
  else if (error->domain == G_TLS_ERROR)
    code = EF_CLIENT_ERROR_TLS;
  else if (error->domain == SOUP_SESSION_ERROR || status != 0)
    code = EF_CLIENT_ERROR_PROTOCOL;

  return g_error_new (EF_CLIENT_ERROR, code, "%s: %s", uri, error->message);
}

static JsonNode *
parse_json_body (GBytes      *body,
                 const char  *uri,
                 GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonNode *node;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  /* Its size was bounded while it was read, see on_chunk_read_cb(). */
  node = ef_json_parse (data != NULL ? data : "", size, &local_error);
  if (node == NULL)
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL,
                   "%s: %s", uri, local_error->message);
      return NULL;
    }

  return node;
}

/* Parses @body, @uri's answer, with @parse: the result, or NULL with
 * @error set (in our domain). */
static gpointer
parse_answer (GBytes          *body,
              const char      *uri,
              EfAnswerParser   parse,
              GError         **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) local_error = NULL;
  gpointer result;

  node = parse_json_body (body, uri, error);
  if (node == NULL)
    return NULL;

  result = parse (node, &local_error);
  if (result == NULL)
    g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL, "%s: %s", uri,
                 local_error != NULL ? local_error->message : "no result");
  return result;
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  gpointer result;

  result = parse_answer (job->body, job->uri, job->parse, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

/* Forgets the session (and with @models, what it loaded). */
static void
clear_session (EfClient *self,
               gboolean  models)
{
  gboolean was_signed_in = self->token != NULL;

  g_object_freeze_notify (G_OBJECT (self));

  wipe_string (g_steal_pointer (&self->token));
  wipe_string (g_steal_pointer (&self->password));
  wipe_string (g_steal_pointer (&self->device_token));
  if (was_signed_in)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);

  if (models)
    {
      if (self->account_email != NULL)
        {
          g_clear_pointer (&self->account_email, g_free);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_EMAIL]);
        }
      self->account_member_id = 0;
      if (self->account_is_staff)
        {
          self->account_is_staff = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_STAFF]);
        }
      g_clear_pointer (&self->staff_name, g_free);
      g_clear_pointer (&self->staff_roles, g_strfreev);
      self->on_behalf_family_id = 0;
      g_clear_pointer (&self->on_behalf_family_name, g_free);
      g_cancellable_cancel (self->key_cancellable);
      g_clear_object (&self->key_cancellable);
      g_clear_pointer (&self->unkept, g_ptr_array_unref);
      g_clear_pointer (&self->offline_cache, ef_offline_cache_unref);
      set_offline (self, FALSE, NULL);
      if (self->family != NULL)
        {
          g_clear_object (&self->family);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY]);
        }
      g_list_store_remove_all (self->members);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* The session is gone and cannot be opened again without the user. */
static void
lose_session (EfClient *self)
{
  clear_session (self, FALSE);
  g_signal_emit (self, signals[SIGN_IN_REQUIRED], 0);
}

static void
apply_session (EfClient *self,
               gpointer  result)
{
  EfSessionInfo *info = result;
  gboolean was_signed_in;

  g_object_freeze_notify (G_OBJECT (self));

  /* Another account: what the previous one loaded is not its own. */
  if (self->account_email != NULL && g_strcmp0 (self->account_email, info->email) != 0)
    clear_session (self, TRUE);

  was_signed_in = self->token != NULL;
  wipe_string (self->token);
  self->token = g_strdup (info->token);
  if (!was_signed_in)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);

  if (g_strcmp0 (self->account_email, info->email) != 0)
    {
      g_free (self->account_email);
      self->account_email = g_strdup (info->email);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_EMAIL]);
    }
  self->account_member_id = info->member_id;
  g_free (self->staff_name);
  self->staff_name = g_strdup (info->staff_name);
  g_strfreev (self->staff_roles);
  self->staff_roles = g_strdupv (info->staff_roles);
  self->on_behalf_family_id = info->on_behalf_family_id;
  g_free (self->on_behalf_family_name);
  self->on_behalf_family_name = g_strdup (info->on_behalf_family_name);
  if (self->account_is_staff != info->is_staff)
    {
      self->account_is_staff = info->is_staff;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_STAFF]);
    }

  g_object_thaw_notify (G_OBJECT (self));
  open_offline_cache (self);
}

static void on_device_stored_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data);

/* A device sign-in's answer: the session, and the device's new token (the
 * one just used is spent), in memory and in the keyring. */
static void
apply_device_session (EfClient *self,
                      gpointer  result)
{
  EfSessionInfo *info = result;

  apply_session (self, result);
  if (info->device_token == NULL)
    return;
  wipe_string (self->device_token);
  self->device_token = g_strdup (info->device_token);
  if (self->credentials != NULL && self->portal_url != NULL)
    ef_credentials_store_async (self->credentials, self->portal_url, info->email,
                                info->device_token, EF_SECRET_DEVICE_TOKEN, NULL,
                                on_device_stored_cb, NULL);
}

static EfRequest *
login_request_new (const char *email,
                   const char *password,
                   gboolean    remember)
{
  const EfLoginRequestRecord login = {
    .email = (char *) email,
    .password = (char *) password,
    .client = (char *) CLIENT_NAME,
    .remember = remember,
  };
  g_autoptr (JsonNode) body = ef_login_request_record_to_json (&login);
  EfRequest *request = _ef_request_new (SOUP_METHOD_POST, "/auth/login", EF_REQUEST_PUBLIC);

  _ef_request_set_json_body (request, body);
  _ef_request_set_parser (request, (EfAnswerParser) _ef_session_info_new_from_json,
                          (GDestroyNotify) _ef_session_info_free, apply_session);

  return request;
}

static GBytes *
json_body_new (JsonNode *body)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, body);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

/* What a device sign-in sends: also from the start's thread, whose answer
 * is used only for these very bytes. */
static GBytes *
device_trade_body_new (const char *device_token)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device_token");
  json_builder_add_string_value (builder, device_token);
  json_builder_set_member_name (builder, "client");
  json_builder_add_string_value (builder, CLIENT_NAME);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  return json_body_new (body);
}

static EfRequest *
device_request_new (const char *device_token)
{
  EfRequest *request = _ef_request_new (SOUP_METHOD_POST, "/auth/device", EF_REQUEST_PUBLIC);

  request->body = device_trade_body_new (device_token);
  _ef_request_set_parser (request, (EfAnswerParser) _ef_session_info_new_from_json,
                          (GDestroyNotify) _ef_session_info_free, apply_device_session);

  return request;
}

/* The portal refused the remembered device token: it is spent or was
 * forgotten there (a new password, a sign-out elsewhere), so here too. */
static void
forget_device (EfClient   *self,
               const char *email)
{
  wipe_string (g_steal_pointer (&self->device_token));
  if (self->credentials != NULL && self->portal_url != NULL && email != NULL)
    ef_credentials_clear_async (self->credentials, self->portal_url, email, NULL, NULL, NULL);
}

static void
on_signed_in_again_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  EfClient *self = EF_CLIENT (source);
  EfRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr (EfSessionInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) waiters = NULL;
  gboolean lost;

  info = g_task_propagate_pointer (G_TASK (result), &error);
  /* Signed out meanwhile: its waiters heard it then. */
  if (request->sign_outs != self->sign_outs)
    return;
  waiters = g_steal_pointer (&self->relogin_waiters);
  self->relogin_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->relogin_running = FALSE;

  if (info != NULL)
    {
      g_debug ("Signed in again after the session ended");
      for (guint i = 0; i < waiters->len; i++)
        request_start (g_object_ref (g_ptr_array_index (waiters, i)));
      return;
    }

  /* The network failing is not the session's fault: say what happened and
   * keep the password for the next try. A refused password is the end. */
  lost = !ef_client_error_can_retry (error);
  g_debug ("Could not sign in again: %s", error->message);
  if (lost && self->device_token != NULL)
    forget_device (self, self->account_email);
  if (lost)
    lose_session (self);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (lost)
        g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_SESSION_EXPIRED,
                                 "The session ended and signing in again failed: %s",
                                 error->message);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

/* Signs in again with the remembered password, then sends @task again. */
static void
sign_in_again (EfClient *self,
               GTask    *task)
{
  g_autoptr (GTask) login = NULL;

  g_ptr_array_add (self->relogin_waiters, g_object_ref (task));
  if (self->relogin_running)
    return;

  self->relogin_running = TRUE;
  login = g_task_new (self, NULL, on_signed_in_again_cb, NULL);
  g_task_set_source_tag (login, sign_in_again);
  if (self->device_token != NULL)
    _ef_client_send (self, device_request_new (self->device_token), g_steal_pointer (&login));
  else
    _ef_client_send (self, login_request_new (self->account_email, self->password, FALSE),
                     g_steal_pointer (&login));
}

/* A 401 on a request with the session's token. */
static void
handle_session_ended (EfClient *self,
                      GTask    *task,
                      GBytes   *body)
{
  EfRequest *request = g_task_get_task_data (task);
  g_autoptr (GDateTime) now = ef_server_clock_get_now (self->clock);
  g_autoptr (GError) error = _ef_client_error_new_for_response (401, body, request->uri, now);

  g_debug ("%s %s: %s", request->method, request->path, error->message);

  if (!request->retried && !(request->flags & EF_REQUEST_NO_RETRY))
    {
      /* Another request opened a new session meanwhile. */
      if (self->token != NULL && g_strcmp0 (self->token, request->token) != 0)
        {
          request->retried = TRUE;
          request_start (g_object_ref (task));
          return;
        }

      if ((self->password != NULL || self->device_token != NULL) && self->account_email != NULL)
        {
          request->retried = TRUE;
          sign_in_again (self, task);
          return;
        }
    }

  if (g_strcmp0 (self->token, request->token) == 0)
    lose_session (self);

  g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_SESSION_EXPIRED,
                           "%s", error->message);
}

static void on_signed_out_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data);

/* Asks the portal to end the session of @token; whatever it answers, the
 * session is over here. */
static void
send_logout (EfClient   *self,
             const char *token)
{
  g_autoptr (GTask) logout = g_task_new (self, NULL, on_signed_out_cb, NULL);
  EfRequest *request = _ef_request_new (SOUP_METHOD_POST, "/auth/logout",
                                        EF_REQUEST_SIGNED_IN | EF_REQUEST_NO_RETRY);

  request->token = g_strdup (token);
  g_task_set_source_tag (logout, on_signed_out_cb);
  _ef_client_send (self, request, g_steal_pointer (&logout));
}

/* Asks the portal to forget the device of @device_token, also when its
 * session ended already. */
static void
send_device_forget (EfClient   *self,
                    const char *device_token)
{
  g_autoptr (GTask) forget = g_task_new (self, NULL, on_signed_out_cb, NULL);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  EfRequest *request = _ef_request_new (SOUP_METHOD_POST, "/auth/device/forget",
                                        EF_REQUEST_PUBLIC | EF_REQUEST_NO_RETRY);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device_token");
  json_builder_add_string_value (builder, device_token);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  _ef_request_set_json_body (request, body);
  g_task_set_source_tag (forget, on_signed_out_cb);
  _ef_client_send (self, request, g_steal_pointer (&forget));
}

/* Whether @request was sent before the last sign-out: what it says
 * belongs to a session that is over. */
static gboolean
is_stale (EfClient  *self,
          EfRequest *request)
{
  return request->sign_outs != self->sign_outs;
}

/* Whether @request's answer opens a session. */
static gboolean
opens_session (EfRequest *request)
{
  return request->handler == apply_session || request->handler == apply_device_session;
}

/* A sign-in that answers after a sign-out (one that renewed an ended
 * session, say) opened a session nobody will use: it ends at once, and
 * the device token it gave is forgotten, as the sign-out wanted. */
static void
end_orphan_session (EfClient  *self,
                    EfRequest *request,
                    gpointer   answer)
{
  EfSessionInfo *info = answer;

  if (!opens_session (request))
    return;
  g_debug ("%s %s answered after a sign-out: ending its session", request->method, request->path);
  if (info->token != NULL)
    send_logout (self, info->token);
  if (info->device_token != NULL)
    send_device_forget (self, info->device_token);
}

/* The parsed answer of @task, or @error (taken; set without @answer):
 * the request's end. */
static void
finish_parsed (GTask    *task,
               gpointer  answer,
               GError   *taken_error)
{
  EfClient *self = g_task_get_source_object (task);
  EfRequest *request = g_task_get_task_data (task);
  g_autoptr (GError) error = taken_error;

  if (answer == NULL)
    {
      if (ef_client_error_is_cancelled (error))
        g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED,
                                 "%s: cancelled", request->uri);
      else
        {
          g_debug ("%s %s: %s", request->method, request->path, error->message);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }

  if (is_stale (self, request))
    {
      end_orphan_session (self, request, answer);
      if (request->result_free != NULL)
        request->result_free (answer);
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED,
                               "%s: signed out meanwhile", request->uri);
      return;
    }

  if (request->handler != NULL)
    request->handler (self, answer);

  g_task_return_pointer (task, answer, request->result_free);
}

static void
on_answer_parsed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  gpointer answer = g_task_propagate_pointer (G_TASK (result), &error);

  finish_parsed (task, answer, error);
}

/* ---------------------------------------------------------- offline */

/* What names the files of @email's account on this portal on disk: a
 * digest, not the e-mail. NULL without a portal or an account. */
static char *
account_digest (EfClient   *self,
                const char *email)
{
  g_autofree char *who = NULL;
  g_autofree char *digest = NULL;

  if (self->portal_url == NULL || email == NULL)
    return NULL;
  who = g_strconcat (self->portal_url, "\n", email, NULL);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, who, -1);
  return g_strndup (digest, 32);
}

/* The folder of the account's offline copies, or NULL. */
static char *
account_cache_dir (EfClient   *self,
                   const char *email)
{
  g_autofree char *digest = account_digest (self, email);

  if (self->cache_dir == NULL || digest == NULL)
    return NULL;
  return g_build_filename (self->cache_dir, digest, NULL);
}

/* What the pages read: the family, plannings, enrolments, invoices and
 * their situation, the history. Not the PDFs, not the payments. */
static gboolean
is_cacheable (EfRequest *request)
{
  static const char * const prefixes[] = {
    "/family", "/members/", "/invoices", "/finance", "/history/",
  };

  if (!g_str_equal (request->method, SOUP_METHOD_GET) || !(request->flags & EF_REQUEST_SIGNED_IN) ||
      request->parse == NULL || request->raw_accept != NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (request->path, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* Notifies :offline when it changes, and when its since does. */
static void
set_offline (EfClient  *self,
             gboolean   offline,
             GDateTime *since)
{
  gboolean changed = self->offline != offline;

  if (offline && since != NULL &&
      (self->offline_since == NULL || g_date_time_compare (since, self->offline_since) < 0))
    {
      g_clear_pointer (&self->offline_since, g_date_time_unref);
      self->offline_since = g_date_time_ref (since);
      changed = TRUE;
    }
  if (!offline)
    g_clear_pointer (&self->offline_since, g_date_time_unref);
  self->offline = offline;
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

typedef struct {
  char   *name;
  GBytes *body;
  gint64  saved_at;
} Unkept;

/* The pages ask at once after sign-in, while the key is read. */
#define MAX_UNKEPT 64

static void
unkept_free (Unkept *unkept)
{
  g_free (unkept->name);
  g_bytes_unref (unkept->body);
  g_free (unkept);
}

/* Keeps @body for @name, now or once the account's key is read. */
static void
keep_answer (EfClient   *self,
             const char *name,
             GBytes     *body,
             gint64      saved_at)
{
  Unkept *unkept;

  if (self->offline_cache != NULL)
    {
      ef_offline_cache_put (self->offline_cache, name, body, saved_at);
      return;
    }
  if (self->key_cancellable == NULL)
    return;
  if (self->unkept == NULL)
    self->unkept = g_ptr_array_new_with_free_func ((GDestroyNotify) unkept_free);
  if (self->unkept->len >= MAX_UNKEPT)
    return;
  unkept = g_new0 (Unkept, 1);
  unkept->name = g_strdup (name);
  unkept->body = g_bytes_ref (body);
  unkept->saved_at = saved_at;
  g_ptr_array_add (self->unkept, unkept);
}

static void
on_offline_key_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (EfClient) self = user_data;
  g_autoptr (GBytes) key = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;

  key = ef_offline_key_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dir = account_cache_dir (self, self->account_email);
  if (key == NULL || dir == NULL)
    {
      /* No keyring: nothing is kept, and the portal is asked as ever. */
      g_debug ("No offline copies: %s", error != NULL ? error->message : "no key");
      return;
    }
  g_clear_pointer (&self->offline_cache, ef_offline_cache_unref);
  self->offline_cache = ef_offline_cache_new (dir, key);
  for (guint i = 0; self->unkept != NULL && i < self->unkept->len; i++)
    {
      Unkept *unkept = g_ptr_array_index (self->unkept, i);

      ef_offline_cache_put (self->offline_cache, unkept->name, unkept->body, unkept->saved_at);
    }
  g_clear_pointer (&self->unkept, g_ptr_array_unref);
}

/* Signed in: the account's copies, with its key (made the first time). */
static void
open_offline_cache (EfClient *self)
{
  if (self->cache_dir == NULL || self->on_behalf_family_id != 0 || self->offline_cache != NULL ||
      self->account_email == NULL || self->key_cancellable != NULL)
    return;
  self->key_cancellable = g_cancellable_new ();
  ef_offline_key_lookup_async (self->portal_url, self->account_email, TRUE, self->key_cancellable,
                               on_offline_key_cb, g_object_ref (self));
}

typedef struct {
  EfOfflineCache *cache;
  char           *name;
  gint64          saved_at;
} CacheRead;


static void
cache_read_free (CacheRead *read)
{
  ef_offline_cache_unref (read->cache);
  g_free (read->name);
  g_free (read);
}

static void
read_cache_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  CacheRead *read = task_data;
  GBytes *body = ef_offline_cache_get (read->cache, read->name, &read->saved_at);

  g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
}

static void start_parse (GTask  *task,
                         GBytes *body);

static void
on_cache_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;   /* the request's, taken */
  EfClient *self = EF_CLIENT (source);
  CacheRead *read = g_task_get_task_data (G_TASK (result));
  GError *failure = g_object_steal_data (G_OBJECT (result), "ef-failure");
  g_autoptr (GBytes) body = g_task_propagate_pointer (G_TASK (result), NULL);

  if (body == NULL)
    {
      g_task_return_error (task, failure);
      g_object_unref (task);
      return;
    }

  /* What was seen, read-only, until the portal answers again. Opened
   * offline, the portal's clock is the one of what was kept. */
  g_clear_error (&failure);
  {
    g_autoptr (GDateTime) since = g_date_time_new_from_unix_utc (read->saved_at);

    if (!ef_server_clock_is_synchronized (self->clock))
      {
        gint64 elapsed = ef_server_clock_get_elapsed (self->clock);

        ef_server_clock_observe (self->clock, since, G_TIME_SPAN_SECOND, elapsed, elapsed);
      }
    set_offline (self, TRUE, since);
  }
  start_parse (task, body);
}

/* The portal cannot be reached: @task (taken) gets what was kept of its
 * answer, or @failure (taken). */
static void
answer_from_cache (EfClient *self,
                   GTask    *task,
                   GError   *failure)
{
  EfRequest *request = g_task_get_task_data (task);
  g_autoptr (GTask) read_task = g_task_new (self, NULL, on_cache_read_cb, task);
  CacheRead *read = g_new0 (CacheRead, 1);

  read->cache = ef_offline_cache_ref (self->offline_cache);
  read->name = g_strdup (request->path);
  g_task_set_source_tag (read_task, answer_from_cache);
  g_task_set_task_data (read_task, read, (GDestroyNotify) cache_read_free);
  g_object_set_data_full (G_OBJECT (read_task), "ef-failure", failure, (GDestroyNotify) g_error_free);
  g_task_run_in_thread (read_task, read_cache_in_thread);
}

static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK) ||
         g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_HOST_NOT_FOUND) ||
         g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_TIMEOUT);
}

/* Hands the answer of @task (taken) to the caller: an error for its status,
 * its bytes, or what the parser makes of it in a worker thread. */
static void
handle_answer (GTask  *task,
               GBytes *body)
{
  EfClient *self = g_task_get_source_object (task);
  EfRequest *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint status = request->status;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED,
                               "%s: cancelled", request->uri);
      g_object_unref (task);
      return;
    }

  /* Sent before a sign-out: nothing of it is kept, sent again or handed
   * over; only a sign-in's answer is read, to end the session it opened. */
  if (is_stale (self, request) && !(SOUP_STATUS_IS_SUCCESSFUL (status) && opens_session (request)))
    {
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED,
                               "%s: signed out meanwhile", request->uri);
      g_object_unref (task);
      return;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED && (request->flags & EF_REQUEST_SIGNED_IN))
    {
      handle_session_ended (self, task, body);
      g_object_unref (task);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr (GDateTime) now = ef_server_clock_get_now (self->clock);
      g_autoptr (GError) mapped = _ef_client_error_new_for_response (status, body, request->uri, now);

      g_debug ("%s %s failed: %s", request->method, request->path, mapped->message);
      g_task_return_error (task, g_steal_pointer (&mapped));
      g_object_unref (task);
      return;
    }

  if (request->raw_accept != NULL)
    {
      g_task_return_pointer (task, g_bytes_ref (body), (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  if (request->parse == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  /* The portal answers: what it says is kept, and the client is online. */
  if (is_cacheable (request))
    {
      g_autoptr (GDateTime) now = ef_server_clock_get_now (self->clock);

      keep_answer (self, request->path, body, g_date_time_to_unix (now));
    }
  if (!is_stale (self, request))
    set_offline (self, FALSE, NULL);

  start_parse (task, body);
}

/* Parses @body, the answer of @task (taken), in a worker thread; at once
 * when the start's thread had it and it is small: the answers it leads to
 * are there too, and no frame is drawn between them (the first frame of a
 * remembered start is the dashboard, not "Signing In…"). */
static void
start_parse (GTask  *task,
             GBytes *body)
{
  EfClient *self = g_task_get_source_object (task);
  EfRequest *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (GTask) parse = NULL;
  ParseJob *job;

  if (request->answered_early && g_bytes_get_size (body) <= PARSE_AT_ONCE_MAX_SIZE)
    {
      GError *error = NULL;
      gpointer answer = NULL;

      if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
        answer = parse_answer (body, request->uri, request->parse, &error);
      finish_parsed (task, answer, error);
      g_object_unref (task);
      return;
    }

  job = g_new0 (ParseJob, 1);
  job->body = g_bytes_ref (body);
  job->uri = g_strdup (request->uri);
  job->parse = request->parse;
  job->result_free = request->result_free;

  parse = g_task_new (self, cancellable, on_answer_parsed_cb, task);
  g_task_set_source_tag (parse, parse_in_thread);
  g_task_set_task_data (parse, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (parse, parse_in_thread);
}

/* Fails @task (taken) with @error, from GIO or libsoup. */
static void
fail_transport (GTask        *task,
                const GError *error)
{
  EfClient *self = g_task_get_source_object (task);
  EfRequest *request = g_task_get_task_data (task);
  guint status = request->message != NULL ? soup_message_get_status (request->message) : 0;
  g_autoptr (GError) mapped = map_transport_error (error, request->uri, status);

  if (!ef_client_error_is_cancelled (mapped))
    g_debug ("%s %s failed: %s", request->method, request->path, mapped->message);
  /* Sent before a sign-out: not answered from the next account's copies. */
  if (is_stale (self, request))
    {
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED,
                               "%s: signed out meanwhile", request->uri);
      g_object_unref (task);
      return;
    }
  if (self->offline_cache != NULL && is_cacheable (request) && is_unreachable (mapped))
    {
      answer_from_cache (self, task, g_steal_pointer (&mapped));
      return;
    }
  g_task_return_error (task, g_steal_pointer (&mapped));
  g_object_unref (task);
}

/* Fails @task (taken): its answer is larger than the client accepts. */
static void
fail_too_large (GTask   *task,
                guint64  size)
{
  EfRequest *request = g_task_get_task_data (task);

  g_debug ("%s %s failed: the answer is too large", request->method, request->path);
  g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL,
                           "%s: the answer is too large (%" G_GUINT64_FORMAT " bytes or more)",
                           request->uri, size);
  g_object_unref (task);
}

/* Gives up the rest of an answer. A plain close would read it to its end;
 * closing with a cancelled cancellable hangs up instead. */
static void
hang_up (GInputStream *stream)
{
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();

  g_cancellable_cancel (cancelled);
  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, cancelled, NULL, NULL);
}

static void read_next_chunk (GInputStream *stream,
                             GTask        *task);

static void
on_chunk_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  EfClient *self = g_task_get_source_object (task);
  EfRequest *request = g_task_get_task_data (task);
  GInputStream *stream = G_INPUT_STREAM (source);
  g_autoptr (GBytes) chunk = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (stream, result, &error);
  if (chunk == NULL)
    {
      g_clear_pointer (&request->received, g_byte_array_unref);
      hang_up (stream);
      fail_transport (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      /* The end: the connection is free again once the stream is closed. */
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      body = g_byte_array_free_to_bytes (g_steal_pointer (&request->received));
      handle_answer (task, body);
      return;
    }

  if (size > self->max_body_size - request->received->len)
    {
      guint64 total = (guint64) request->received->len + size;

      g_clear_pointer (&request->received, g_byte_array_unref);
      hang_up (stream);
      fail_too_large (task, total);
      return;
    }

  g_byte_array_append (request->received, g_bytes_get_data (chunk, NULL), size);
  read_next_chunk (stream, task);
}

static void
read_next_chunk (GInputStream *stream,
                 GTask        *task)
{
  g_input_stream_read_bytes_async (stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_chunk_read_cb, task);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  EfClient *self = g_task_get_source_object (task);
  EfRequest *request = g_task_get_task_data (task);
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *headers;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (stream == NULL)
    {
      fail_transport (task, error);
      return;
    }

  /* Every answer says what time it is for the portal. */
  request->status = soup_message_get_status (request->message);
  headers = soup_message_get_response_headers (request->message);
  if (!ef_server_clock_observe_http_date (self->clock, soup_message_headers_get_one (headers, "Date"),
                                          request->sent_at,
                                          ef_server_clock_get_elapsed (self->clock)))
    g_debug ("%s %s: the answer has no valid Date header", request->method, request->path);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      hang_up (stream);
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED,
                               "%s: cancelled", request->uri);
      g_object_unref (task);
      return;
    }

  /* Announced too large: refused without reading a byte of it. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > self->max_body_size)
    {
      hang_up (stream);
      fail_too_large (task, soup_message_headers_get_content_length (headers));
      return;
    }

  g_clear_pointer (&request->received, g_byte_array_unref);
  request->received = g_byte_array_new ();
  read_next_chunk (stream, task);
}

/* Sends the request of @task (taken) as things are now: portal, token. */
static void
request_start (GTask *task)
{
  EfClient *self = g_task_get_source_object (task);
  EfRequest *request = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *portal_url = NULL;

  portal_url = ef_client_normalize_portal_url (self->portal_url, NULL, &error);
  if (portal_url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if ((request->flags & EF_REQUEST_SIGNED_IN) && request->token == NULL && self->token == NULL)
    {
      /* Opened offline (ef_client_open_offline_async()): what was kept. */
      if (self->offline && self->offline_cache != NULL && is_cacheable (request))
        {
          answer_from_cache (self, task,
                             g_error_new (EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK,
                                          "%s: nothing kept from the portal", request->path));
          return;
        }
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NOT_SIGNED_IN,
                               "%s %s needs a session", request->method, request->path);
      g_object_unref (task);
      return;
    }

  g_free (request->uri);
  request->uri = g_strconcat (portal_url, "/api/v1", request->path, NULL);
  /* Asked at start already, or about to be. */
  if (hold_for_early_start (self, task))
    return;
  /* A request sent again takes the session's new token. */
  if ((request->flags & EF_REQUEST_SIGNED_IN) && (request->retried || request->token == NULL))
    {
      wipe_string (request->token);
      request->token = g_strdup (self->token);
    }
  g_clear_object (&request->message);
  if (answer_from_early_start (self, task))
    return;

  request->message = _ef_client_message_new (request->method, request->uri,
                                             request->raw_accept != NULL ? request->raw_accept
                                                                         : "application/json",
                                             request->flags & EF_REQUEST_SIGNED_IN
                                               ? request->token : NULL,
                                             request->body);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                               "“%s” is not a valid URI", request->uri);
      g_object_unref (task);
      return;
    }

  request->sent_at = ef_server_clock_get_elapsed (self->clock);
  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), on_sent_cb, task);
}

/* ------------------------------------------- the remembered start (early) */

typedef struct
{
  char         *email;
  char         *secret;
  EfSecretKind  kind;
} Remembered;

static void
remembered_free (Remembered *remembered)
{
  g_free (remembered->email);
  wipe_string (remembered->secret);
  g_free (remembered);
}

static void
early_input_free (EfEarlyInput *input)
{
  g_clear_handle_id (&input->keyring_timeout_id, g_source_remove);
  g_clear_object (&input->keyring_cancellable);
  g_free (input->portal_url);
  g_clear_object (&input->credentials);
  g_free (input);
}

static void answer_lookup (EfClient *self,
                           GTask    *task);

/* What waited for the start's thread goes on: requests to its answers or
 * to the portal, lookups to its answer or to the keyring. */
static void
release_early_waiters (EfClient *self)
{
  g_autoptr (GPtrArray) requests = g_steal_pointer (&self->early_requests);
  g_autoptr (GPtrArray) lookups = g_steal_pointer (&self->early_lookups);

  self->early_requests = g_ptr_array_new ();
  self->early_lookups = g_ptr_array_new ();
  /* The lookups first: a request's answer may now come at once, and its
   * callback ask the keyring again, which must not take the start's
   * answer from a lookup that was waiting before it. */
  for (guint i = 0; i < lookups->len; i++)
    answer_lookup (self, g_ptr_array_index (lookups, i));
  for (guint i = 0; i < requests->len; i++)
    request_start (g_ptr_array_index (requests, i));
}

/* While the thread asks, the client's own requests wait for its answers
 * rather than ask the same twice: a device token is good for one sign-in.
 * The wait has no timer of its own: each of the thread's requests ends by
 * the session's timeout, and a trade once sent is never given up. */
static gboolean
hold_for_early_start (EfClient *self,
                      GTask    *task)
{
  if (self->early_job == NULL)
    return FALSE;
  g_ptr_array_add (self->early_requests, task);
  return TRUE;
}

/* Answers @task (taken when it returns TRUE) with what the thread was
 * answered to the same request, or with its failure, as if it came now. */
static gboolean
answer_from_early_start (EfClient *self,
                         GTask    *task)
{
  EfRequest *request = g_task_get_task_data (task);
  g_autoptr (EfEarlyAnswer) answer = NULL;
  gint64 offset;

  if (self->early_answers == NULL)
    return FALSE;
  answer = _ef_early_answers_take (self->early_answers, request->method, request->uri,
                                   (request->flags & EF_REQUEST_SIGNED_IN) ? request->token : NULL,
                                   request->body);
  if (self->early_answers->len == 0)
    g_clear_pointer (&self->early_answers, g_ptr_array_unref);
  if (answer == NULL)
    return FALSE;

  g_debug ("%s %s: answered at start", request->method, request->path);
  request->answered_early = TRUE;
  if (_ef_early_answer_get_error (answer) != NULL)
    {
      fail_transport (task, _ef_early_answer_get_error (answer));
      return TRUE;
    }
  request->status = _ef_early_answer_get_status (answer);
  /* The thread's instants, on the clock's time line. */
  offset = ef_server_clock_get_elapsed (self->clock) - g_get_monotonic_time ();
  request->sent_at = _ef_early_answer_get_sent_at (answer) + offset;
  if (!ef_server_clock_observe_http_date (self->clock, _ef_early_answer_get_date (answer),
                                          request->sent_at,
                                          _ef_early_answer_get_received_at (answer) + offset))
    g_debug ("%s %s: the answer has no valid Date header", request->method, request->path);
  handle_answer (task, _ef_early_answer_get_body (answer));
  return TRUE;
}

/* Stops waiting for the start's thread and drops what it answered. The
 * thread itself goes on (a trade it sent is never given up, and the next
 * token it stores in the keyring stays good); what it answers then is
 * dropped, see on_early_start_done_cb(). */
static void
forget_early_start (EfClient *self)
{
  self->early_job = NULL;
  g_clear_pointer (&self->early_portal, g_free);
  g_clear_pointer (&self->early_answers, g_ptr_array_unref);
  g_clear_pointer (&self->early_lookup, _ef_early_result_free);
  release_early_waiters (self);
}

/* A sign-out while the thread asked: the session it opened ends, and the
 * device it was given is forgotten, on the portal and in the keyring, as
 * the sign-out wanted. Only on the portal it asked. */
static void
forget_early_device (EfClient           *self,
                     const EfEarlyInput *input,
                     EfEarlyResult      *early)
{
  g_autofree char *portal_url = ef_client_normalize_portal_url (self->portal_url, NULL, NULL);

  if (g_strcmp0 (portal_url, input->portal_url) != 0)
    return;
  if (early->session_token != NULL)
    send_logout (self, early->session_token);
  if (early->next_device_token != NULL)
    send_device_forget (self, early->next_device_token);
  if (self->credentials != NULL && early->email != NULL)
    ef_credentials_clear_async (self->credentials, self->portal_url, early->email, NULL, NULL,
                                NULL);
}

static void
on_early_start_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  EfClient *self = EF_CLIENT (source);
  guint sign_outs = GPOINTER_TO_UINT (user_data);
  const EfEarlyInput *input = g_task_get_task_data (G_TASK (result));
  g_autoptr (EfEarlyResult) early = g_task_propagate_pointer (G_TASK (result), NULL);

  if (input != self->early_job)
    {
      /* Forgotten meanwhile (another portal, no keyring any more): its
       * answers are of no use. A session it opened is left to end by
       * itself: ending it would forget the device whose next token the
       * keyring now holds. */
      if (early != NULL && sign_outs != self->sign_outs)
        forget_early_device (self, input, early);
      return;
    }

  self->early_job = NULL;
  if (early != NULL)
    {
      self->early_answers = g_steal_pointer (&early->answers);
      if (early->looked_up)
        self->early_lookup = g_steal_pointer (&early);
    }
  release_early_waiters (self);
}

static gboolean
on_early_keyring_timeout_cb (gpointer user_data)
{
  EfEarlyInput *input = user_data;

  input->keyring_timeout_id = 0;
  g_debug ("The keyring does not answer the start: the client asks it itself");
  g_cancellable_cancel (input->keyring_cancellable);
  return G_SOURCE_REMOVE;
}

static void
early_start_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  EfEarlyInput *input = task_data;

  g_task_return_pointer (task, _ef_early_run (input, input->keyring_cancellable),
                         (GDestroyNotify) _ef_early_result_free);
}

/**
 * ef_client_start_remembered:
 * @self: an #EfClient
 *
 * Asks, in a worker thread, what a start with a remembered device needs:
 * the portal, the keyring, the device sign-in and the family. Call it as
 * early as possible (before GTK starts); the client's own requests and
 * ef_client_lookup_remembered_async() then use these answers, once each,
 * as if they came from the portal, and wait for them meanwhile (each of the
 * thread's requests ends by #EfClient:timeout; the keyring is given
 * #EfCredentials:timeout). It has no result of its own: what it asked
 * comes through those calls. Nothing happens without
 * #EfClient:credentials, without a portal, or when signed in.
 */
void
ef_client_start_remembered (EfClient *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *portal_url = NULL;
  EfEarlyInput *input;
  guint keyring_timeout;

  g_return_if_fail (EF_IS_CLIENT (self));

  if (self->credentials == NULL || self->portal_url == NULL || self->token != NULL)
    return;
  portal_url = ef_client_normalize_portal_url (self->portal_url, NULL, NULL);
  if (portal_url == NULL)
    return;

  forget_early_start (self);
  input = g_new0 (EfEarlyInput, 1);
  input->portal_url = g_steal_pointer (&portal_url);
  input->credentials = g_object_ref (self->credentials);
  input->keyring_cancellable = g_cancellable_new ();
  input->timeout = self->timeout;
  input->user_agent = USER_AGENT;
  input->max_body_size = self->max_body_size;
  input->trade_body = device_trade_body_new;
  keyring_timeout = ef_credentials_get_timeout (self->credentials);
  if (keyring_timeout > 0)
    input->keyring_timeout_id = g_timeout_add_seconds (keyring_timeout,
                                                       on_early_keyring_timeout_cb, input);

  self->early_job = input;
  self->early_portal = g_strdup (self->portal_url);
  task = g_task_new (self, NULL, on_early_start_done_cb, GUINT_TO_POINTER (self->sign_outs));
  g_task_set_source_tag (task, ef_client_start_remembered);
  g_task_set_task_data (task, input, (GDestroyNotify) early_input_free);
  g_task_run_in_thread (task, early_start_in_thread);
}

static void
on_remembered_looked_up_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Remembered *remembered = g_new0 (Remembered, 1);
  g_autoptr (GError) error = NULL;

  if (!ef_credentials_lookup_finish (EF_CREDENTIALS (source), result, &remembered->email,
                                     &remembered->secret, &remembered->kind, &error) &&
      error != NULL)
    {
      remembered_free (remembered);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, remembered, (GDestroyNotify) remembered_free);
}

/* Answers @task (taken): the start's answer once, the keyring after. A
 * caller that went away takes nothing: the next one gets it. */
static void
answer_lookup (EfClient *self,
               GTask    *task)
{
  g_autoptr (GTask) owned = task;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED,
                               "The lookup was cancelled");
      return;
    }
  if (self->early_lookup != NULL && g_strcmp0 (self->early_portal, self->portal_url) == 0)
    {
      g_autoptr (EfEarlyResult) early = g_steal_pointer (&self->early_lookup);
      Remembered *remembered = g_new0 (Remembered, 1);

      remembered->email = g_steal_pointer (&early->email);
      remembered->secret = g_steal_pointer (&early->secret);
      remembered->kind = early->kind;
      g_task_return_pointer (task, remembered, (GDestroyNotify) remembered_free);
      return;
    }
  if (self->credentials == NULL || self->portal_url == NULL)
    {
      g_task_return_pointer (task, g_new0 (Remembered, 1), (GDestroyNotify) remembered_free);
      return;
    }
  ef_credentials_lookup_async (self->credentials, self->portal_url, NULL, cancellable,
                               on_remembered_looked_up_cb, g_steal_pointer (&owned));
}

/**
 * ef_client_lookup_remembered_async:
 * @self: an #EfClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Looks up what #EfClient:credentials remember for the portal, as
 * ef_credentials_lookup_async() does for any account; the first lookup
 * after ef_client_start_remembered() takes that start's answer.
 */
void
ef_client_lookup_remembered_async (EfClient            *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_lookup_remembered_async);
  /* Cancellation is said in our own domain. */
  g_task_set_check_cancellable (task, FALSE);
  if (self->early_job != NULL && g_strcmp0 (self->early_portal, self->portal_url) == 0)
    {
      g_ptr_array_add (self->early_lookups, g_steal_pointer (&task));
      return;
    }
  answer_lookup (self, g_steal_pointer (&task));
}

/**
 * ef_client_lookup_remembered_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @email: (out) (optional) (transfer full): the account's e-mail
 * @secret: (out) (optional) (transfer full): the secret; free it with
 *   ef_credentials_password_free()
 * @kind: (out) (optional): whether it is a device token or a password
 * @error: return location for an error (only %EF_CLIENT_ERROR_CANCELLED)
 *
 * Returns: %TRUE if a secret is remembered; %FALSE without an error when
 *   none is, or when there is no keyring to ask
 */
gboolean
ef_client_lookup_remembered_finish (EfClient      *self,
                                    GAsyncResult  *result,
                                    char         **email,
                                    char         **secret,
                                    EfSecretKind  *kind,
                                    GError       **error)
{
  Remembered *remembered;
  gboolean found;

  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_client_lookup_remembered_async,
                        FALSE);

  remembered = g_task_propagate_pointer (G_TASK (result), error);
  if (remembered == NULL)
    return FALSE;
  found = remembered->email != NULL && remembered->secret != NULL;
  if (found && email != NULL)
    *email = g_steal_pointer (&remembered->email);
  if (found && secret != NULL)
    *secret = g_steal_pointer (&remembered->secret);
  if (found && kind != NULL)
    *kind = remembered->kind;
  remembered_free (remembered);
  return found;
}

static void
on_device_stored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  /* The next start asks for the password. */
  if (!ef_credentials_store_finish (EF_CREDENTIALS (source), result, &error))
    g_debug ("The device's new token is not remembered: %s", error->message);
}

static void
on_credentials_stored_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  /* Signed in all the same: the password is just not remembered. */
  if (!ef_credentials_store_finish (EF_CREDENTIALS (source), result, &error))
    g_debug ("The password is not remembered: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
on_credentials_cleared_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!ef_credentials_clear_finish (EF_CREDENTIALS (source), result, &error))
    g_debug ("Could not forget the password: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  EfClient *self = EF_CLIENT (source);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr (EfSessionInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  GCancellable *cancellable;

  info = g_task_propagate_pointer (G_TASK (result), &error);
  if (info == NULL)
    {
      /* A portal older than remembered devices refuses "remember" (an
       * unknown member: it knew the others): sign in without it, and
       * remember the password as it was done then. */
      if (sign_in->kind == EF_SECRET_PASSWORD && sign_in->remember && !sign_in->without_remember &&
          g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_VALIDATION))
        {
          g_autoptr (GHashTable) fields = ef_client_error_get_field_messages (error);

          if (g_strcmp0 (ef_client_error_get_api_code (error), "unknown_field") == 0 ||
              g_hash_table_contains (fields, "remember"))
            {
              g_autoptr (GTask) login = g_task_new (self, g_task_get_cancellable (task),
                                                    on_signed_in_cb, g_object_ref (task));

              sign_in->without_remember = TRUE;
              g_task_set_source_tag (login, on_signed_in_cb);
              _ef_client_send (self, login_request_new (sign_in->email, sign_in->password, FALSE),
                               g_steal_pointer (&login));
              return;
            }
        }
      /* Not a wrong password: this computer is not remembered any more. */
      if (sign_in->kind == EF_SECRET_DEVICE_TOKEN &&
          g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_UNAUTHORIZED))
        {
          /* Another start traded the same token first (a window and the
           * background): this one lost, the client is signed in. */
          if (self->token != NULL && g_strcmp0 (self->account_email, sign_in->email) == 0)
            {
              g_task_return_boolean (task, TRUE);
              return;
            }
          if (self->device_token == NULL || g_strcmp0 (self->device_token, sign_in->password) == 0)
            forget_device (self, sign_in->email);
          g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_SESSION_EXPIRED,
                                   "The device is not remembered any more: %s", error->message);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A device sign-in remembered its new token as it applied the session. */
  if (sign_in->kind == EF_SECRET_DEVICE_TOKEN)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  wipe_string (g_steal_pointer (&self->password));
  wipe_string (g_steal_pointer (&self->device_token));
  if (sign_in->remember && info->device_token != NULL)
    self->device_token = g_strdup (info->device_token);
  else if (sign_in->remember)
    self->password = g_strdup (sign_in->password);

  if (self->credentials == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  if (sign_in->remember && info->device_token != NULL)
    ef_credentials_store_async (self->credentials, self->portal_url, info->email,
                                info->device_token, EF_SECRET_DEVICE_TOKEN, cancellable,
                                on_credentials_stored_cb, g_steal_pointer (&task));
  else if (sign_in->remember)
    ef_credentials_store_async (self->credentials, self->portal_url, info->email,
                                sign_in->password, EF_SECRET_PASSWORD, cancellable,
                                on_credentials_stored_cb, g_steal_pointer (&task));
  else
    ef_credentials_clear_async (self->credentials, self->portal_url, info->email,
                                cancellable, on_credentials_cleared_cb, g_steal_pointer (&task));
}

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  /* Signed out here whatever the portal says: its session just ends later. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("The portal did not end the session: %s", error->message);
}

static gpointer
parse_portal (JsonNode  *node,
              GError   **error)
{
  return ef_portal_new_from_json (node, error);
}

/* The portal's days are those of its time zone. */
static void
handle_portal (EfClient *self,
               gpointer  result)
{
  ef_server_clock_set_time_zone (self->clock, ef_portal_get_time_zone (result));
}

static void
on_clock_today_changed_cb (EfClient *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

static void
ef_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EfClient *self = EF_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PORTAL_URL:
      g_value_set_string (value, self->portal_url);
      break;

    case PROP_TENANT_ID:
      g_value_set_string (value, self->tenant_id);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;

    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->token != NULL);
      break;

    case PROP_ACCOUNT_EMAIL:
      g_value_set_string (value, self->account_email);
      break;

    case PROP_IS_STAFF:
      g_value_set_boolean (value, self->account_is_staff);
      break;

    case PROP_FAMILY:
      g_value_set_object (value, self->family);
      break;

    case PROP_MEMBERS:
      g_value_set_object (value, self->members);
      break;

    case PROP_TODAY:
      g_value_set_uint (value, ef_client_get_today (self));
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EfClient *self = EF_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PORTAL_URL:
      ef_client_set_portal_url (self, g_value_get_string (value));
      break;

    case PROP_TIMEOUT:
      ef_client_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_CREDENTIALS:
      ef_client_set_credentials (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_client_dispose (GObject *object)
{
  EfClient *self = EF_CLIENT (object);

  if (self->early_requests != NULL)
    forget_early_start (self);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_cancellable_cancel (self->key_cancellable);
  g_clear_object (&self->key_cancellable);
  g_clear_object (&self->credentials);
  g_clear_object (&self->family);
  g_clear_object (&self->members);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (ef_client_parent_class)->dispose (object);
}

static void
ef_client_finalize (GObject *object)
{
  EfClient *self = EF_CLIENT (object);

  g_clear_pointer (&self->portal_url, g_free);
  g_clear_pointer (&self->tenant_id, g_free);
  wipe_string (g_steal_pointer (&self->token));
  wipe_string (g_steal_pointer (&self->password));
  wipe_string (g_steal_pointer (&self->device_token));
  g_clear_pointer (&self->account_email, g_free);
  g_clear_pointer (&self->staff_name, g_free);
  g_clear_pointer (&self->staff_roles, g_strfreev);
  g_clear_pointer (&self->on_behalf_family_name, g_free);
  g_clear_pointer (&self->state_dir, g_free);
  g_clear_pointer (&self->cache_dir, g_free);
  g_clear_pointer (&self->offline_cache, ef_offline_cache_unref);
  g_clear_pointer (&self->unkept, g_ptr_array_unref);
  g_clear_pointer (&self->offline_since, g_date_time_unref);
  g_clear_pointer (&self->relogin_waiters, g_ptr_array_unref);
  g_clear_pointer (&self->early_requests, g_ptr_array_unref);
  g_clear_pointer (&self->early_lookups, g_ptr_array_unref);

  G_OBJECT_CLASS (ef_client_parent_class)->finalize (object);
}

static void
ef_client_class_init (EfClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ef_client_get_property;
  object_class->set_property = ef_client_set_property;
  object_class->dispose = ef_client_dispose;
  object_class->finalize = ef_client_finalize;

  /**
   * EfClient:portal-url:
   *
   * The portal, as normalized by ef_client_normalize_portal_url() when it
   * is valid ("https://host/7249"), or as given when it is not (requests
   * then fail with %EF_CLIENT_ERROR_INVALID_PORTAL). %NULL when none is
   * configured. Another portal ends the session.
   */
  properties[PROP_PORTAL_URL] =
    g_param_spec_string ("portal-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:tenant-id:
   *
   * The municipality's identifier taken from #EfClient:portal-url ("7249"),
   * or %NULL when the portal URL is not valid.
   */
  properties[PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:timeout:
   *
   * Seconds without any network activity after which a request fails with
   * %EF_CLIENT_ERROR_TIMEOUT; 0 means never.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, EF_CLIENT_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:credentials:
   *
   * Where "remember me" keeps the password, or %NULL to remember nothing
   * (the kiosk).
   */
  properties[PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL,
                         EF_TYPE_CREDENTIALS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:signed-in:
   *
   * Whether the client has a session.
   */
  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:account-email:
   *
   * The e-mail of the account signed in, kept after the session ends
   * until sign-out (to sign in again); %NULL before.
   */
  properties[PROP_ACCOUNT_EMAIL] =
    g_param_spec_string ("account-email", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:is-staff:
   *
   * Whether the signed-in account is a town hall agent's, who works on
   * the families through the staff API and has no family of its own.
   */
  properties[PROP_IS_STAFF] =
    g_param_spec_boolean ("is-staff", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:family:
   *
   * The family as last loaded by ef_client_get_family_async(), or %NULL.
   */
  properties[PROP_FAMILY] =
    g_param_spec_object ("family", NULL, NULL,
                         EF_TYPE_FAMILY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:members:
   *
   * The family's members as last loaded or changed: a #GListModel of
   * #EfMember that stays the same object, for views to bind to. Emptied on
   * sign-out.
   */
  properties[PROP_MEMBERS] =
    g_param_spec_object ("members", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:today:
   *
   * The portal's day (an #EfDay), from its clock: see ef_client_get_today().
   * Notified when the portal's day changes while the application is open
   * (at midnight of the portal's zone, or when an answer shows another
   * day), so that pages move their "today" and load again what depends on
   * it.
   */
  properties[PROP_TODAY] =
    g_param_spec_uint ("today", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:offline:
   *
   * Whether the portal could not be reached and the pages read what was
   * kept of its last answers (ef_client_get_offline_since()), read-only.
   */
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfClient::sign-in-required:
   * @self: an #EfClient
   *
   * The session ended and could not be opened again without the user: the
   * request that found out fails with %EF_CLIENT_ERROR_SESSION_EXPIRED.
   * Ask for the password (#EfClient:account-email is still known), then
   * try again.
   */
  signals[SIGN_IN_REQUIRED] =
    g_signal_new ("sign-in-required",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * EfClient::billing-changed:
   * @self: an #EfClient
   *
   * The family's invoices, financial situation or payments changed on the
   * portal (a payment ended): what shows them should read them again.
   */
  signals[BILLING_CHANGED] =
    g_signal_new ("billing-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ef_client_init (EfClient *self)
{
  g_autoptr (GProxyResolver) resolver = ef_proxy_resolver_new (g_proxy_resolver_get_default ());

  self->timeout = EF_CLIENT_DEFAULT_TIMEOUT;
  self->max_body_size = MAX_BODY_SIZE;
  self->session = soup_session_new_with_options ("proxy-resolver", resolver,
                                                 "timeout", self->timeout,
                                                 "user-agent", USER_AGENT,
                                                 "accept-language-auto", TRUE,
                                                 "max-conns-per-host", MAX_CONNS_PER_HOST,
                                                 NULL);
  self->relogin_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->early_requests = g_ptr_array_new ();
  self->early_lookups = g_ptr_array_new ();
  self->members = g_list_store_new (EF_TYPE_MEMBER);
  self->clock = ef_server_clock_new ();
  g_signal_connect_object (self->clock, "notify::today",
                           G_CALLBACK (on_clock_today_changed_cb), self, G_CONNECT_SWAPPED);
}

EfRequest *
_ef_request_new (const char     *method,
                 const char     *path,
                 EfRequestFlags  flags)
{
  EfRequest *request = g_new0 (EfRequest, 1);

  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->flags = flags;

  return request;
}

void
_ef_request_free (EfRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->raw_accept);
  wipe_string (request->token);
  g_clear_object (&request->message);
  g_free (request->uri);
  g_clear_pointer (&request->received, g_byte_array_unref);
  g_free (request);
}

void
_ef_request_set_json_body (EfRequest *request,
                           JsonNode  *body)
{
  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = json_body_new (body);
}

void
_ef_request_set_parser (EfRequest       *request,
                        EfAnswerParser   parse,
                        GDestroyNotify   result_free,
                        EfAnswerHandler  handler)
{
  request->parse = parse;
  request->result_free = result_free;
  request->handler = handler;
}

void
_ef_request_set_raw (EfRequest  *request,
                     const char *accept)
{
  g_free (request->raw_accept);
  request->raw_accept = g_strdup (accept);
}

void
_ef_client_send (EfClient  *self,
                 EfRequest *request,
                 GTask     *task)
{
  g_assert (EF_IS_CLIENT (self));
  g_assert (g_task_get_source_object (task) == self);

  /* Cancellation is reported in our own domain, see handle_answer(). */
  g_task_set_check_cancellable (task, FALSE);
  request->sign_outs = self->sign_outs;
  g_task_set_task_data (task, request, (GDestroyNotify) _ef_request_free);
  request_start (task);
}

static gboolean
given_up (GAsyncResult  *result,
          GError       **error)
{
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return FALSE;

  /* The answer, if any, is freed with the task. */
  g_set_error_literal (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED, "cancelled");
  return TRUE;
}

gpointer
_ef_client_propagate_pointer (GAsyncResult  *result,
                              GError       **error)
{
  if (given_up (result, error))
    return NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_ef_client_propagate_boolean (GAsyncResult  *result,
                              GError       **error)
{
  if (given_up (result, error))
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* For tests: a smaller limit than MAX_BODY_SIZE keeps them quick. */
void
_ef_client_set_max_body_size (EfClient *self,
                              gsize     size)
{
  g_assert (EF_IS_CLIENT (self));
  g_assert (size > 0);

  self->max_body_size = size;
}

void
_ef_client_set_family (EfClient *self,
                       EfFamily *family)
{
  GListModel *members = ef_family_get_members (family);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (members);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (members, i));
  g_list_store_splice (self->members, 0, g_list_model_get_n_items (G_LIST_MODEL (self->members)),
                       items->pdata, items->len);

  if (g_set_object (&self->family, family))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY]);
}

/* A member as changed: it takes the place of the one with its id. */
void
_ef_client_replace_member (EfClient *self,
                           EfMember *member)
{
  GListModel *lists[2] = {
    G_LIST_MODEL (self->members),
    self->family != NULL ? ef_family_get_members (self->family) : NULL,
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n;

      if (lists[l] == NULL || !G_IS_LIST_STORE (lists[l]))
        continue;

      n = g_list_model_get_n_items (lists[l]);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (EfMember) old = g_list_model_get_item (lists[l], i);

          if (ef_member_get_id (old) == ef_member_get_id (member))
            {
              g_list_store_splice (G_LIST_STORE (lists[l]), i, 1, (gpointer *) &member, 1);
              break;
            }
        }
    }
}

/**
 * ef_client_new:
 * @portal_url: (nullable): the portal, as a parent would paste it
 *
 * Returns: (transfer full): a new #EfClient
 */
EfClient *
ef_client_new (const char *portal_url)
{
  return g_object_new (EF_TYPE_CLIENT, "portal-url", portal_url, NULL);
}

const char *
ef_client_get_portal_url (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->portal_url;
}

/**
 * ef_client_set_portal_url:
 * @self: an #EfClient
 * @portal_url: (nullable): the portal, as a parent would paste it; %NULL or
 *   an empty string for none
 *
 * Points the client at another portal, which ends the session. Requests
 * already running go on with the address they started with.
 */
void
ef_client_set_portal_url (EfClient   *self,
                          const char *portal_url)
{
  g_autofree char *normalized = NULL;
  g_autofree char *tenant_id = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));

  if (portal_url != NULL)
    {
      normalized = ef_client_normalize_portal_url (portal_url, &tenant_id, NULL);
      if (normalized == NULL)
        normalized = g_strstrip (g_strdup (portal_url));
      if (*normalized == '\0')
        g_clear_pointer (&normalized, g_free);
    }

  if (g_strcmp0 (normalized, self->portal_url) == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  forget_early_start (self);
  clear_session (self, TRUE);

  g_free (self->portal_url);
  self->portal_url = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTAL_URL]);

  if (g_strcmp0 (tenant_id, self->tenant_id) != 0)
    {
      g_free (self->tenant_id);
      self->tenant_id = g_steal_pointer (&tenant_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENANT_ID]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ef_client_get_tenant_id (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->tenant_id;
}

/**
 * ef_client_has_portal:
 * @self: an #EfClient
 *
 * Returns: %TRUE if a portal address is configured, valid or not
 */
gboolean
ef_client_has_portal (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);

  return self->portal_url != NULL;
}

guint
ef_client_get_timeout (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), 0);

  return self->timeout;
}

void
ef_client_set_timeout (EfClient *self,
                       guint     seconds)
{
  g_return_if_fail (EF_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * ef_client_get_credentials:
 * @self: an #EfClient
 *
 * Returns: (transfer none) (nullable): where passwords are remembered
 */
EfCredentials *
ef_client_get_credentials (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->credentials;
}

void
ef_client_set_credentials (EfClient      *self,
                           EfCredentials *credentials)
{
  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (credentials == NULL || EF_IS_CREDENTIALS (credentials));

  if (!g_set_object (&self->credentials, credentials))
    return;
  forget_early_start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIALS]);
}

gboolean
ef_client_get_signed_in (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);

  return self->token != NULL;
}

/**
 * ef_client_get_account_email:
 * @self: an #EfClient
 *
 * Returns: (nullable): the e-mail of the account signed in (or whose
 *   session ended), %NULL before sign-in and after sign-out
 */
const char *
ef_client_get_account_email (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->account_email;
}

/**
 * ef_client_get_account_member_id:
 * @self: an #EfClient
 *
 * Returns: the family member who owns the account, 0 before sign-in
 */
gint64
ef_client_get_account_member_id (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), 0);

  return self->account_member_id;
}

/**
 * ef_client_get_is_staff:
 * @self: an #EfClient
 *
 * Returns: whether the signed-in account is a town hall agent's
 */
gboolean
ef_client_get_is_staff (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);

  return self->account_is_staff;
}

/**
 * ef_client_get_staff_name:
 * @self: an #EfClient
 *
 * Returns: (nullable): the agent's name, when signed in as staff
 */
const char *
ef_client_get_staff_name (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->staff_name;
}

/**
 * ef_client_get_staff_roles:
 * @self: an #EfClient
 *
 * Returns: (nullable) (transfer none): the agent's roles (its services'
 *   codes, and "admin"), when signed in as staff
 */
const char * const *
ef_client_get_staff_roles (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return (const char * const *) self->staff_roles;
}

/**
 * ef_client_get_family:
 * @self: an #EfClient
 *
 * Returns: (transfer none) (nullable): the family as last loaded
 */
EfFamily *
ef_client_get_family (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->family;
}

/**
 * ef_client_get_members:
 * @self: an #EfClient
 *
 * Returns: (transfer none): the family's members, a #GListModel of
 *   #EfMember that stays the same object
 */
GListModel *
ef_client_get_members (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return G_LIST_MODEL (self->members);
}

/**
 * ef_client_normalize_portal_url:
 * @text: an address as a parent would paste it from the browser or an
 *   e-mail: "https://espacefamille.example.fr/7249", possibly with spaces
 *   around, a trailing slash, a page after the tenant ("/7249/login",
 *   "/7249/#/accueil"), a query, or no scheme at all (https is assumed)
 * @tenant_id: (out) (optional): the municipality's identifier ("7249")
 * @error: return location for an error
 *
 * The portal is the scheme, the host (and port when not the default one)
 * and the first path segment, the tenant. Plain http is refused
 * (%EF_CLIENT_ERROR_INSECURE_PORTAL) unless the host is the local machine
 * (localhost, 127.0.0.0/8, ::1). Anything else that does not make such an
 * address is %EF_CLIENT_ERROR_INVALID_PORTAL.
 *
 * Returns: (transfer full) (nullable): "https://host/7249", or %NULL
 */
/**
 * ef_client_get_clock:
 *
 * Returns: (transfer none): the portal's clock, as this client keeps it
 */
EfServerClock *
ef_client_get_clock (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->clock;
}

/**
 * ef_client_get_now:
 *
 * The portal's time, never the machine's: every answer of the portal says
 * what time it is, and the client counts from the latest one. Before the
 * first answer, the machine's time.
 *
 * Returns: (transfer full): the portal's time now, in its time zone
 */
GDateTime *
ef_client_get_now (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return ef_server_clock_get_now (self->clock);
}

/**
 * ef_client_get_today:
 *
 * Returns: the portal's day now, in its time zone (see ef_client_get_now())
 */
EfDay
ef_client_get_today (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), EF_DAY_INVALID);

  return ef_server_clock_get_today (self->clock);
}

/**
 * ef_client_get_time_zone:
 *
 * Returns: (transfer none): the portal's time zone, once it has said it;
 *   %EF_DEFAULT_TIME_ZONE before
 */
GTimeZone *
ef_client_get_time_zone (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return ef_server_clock_get_time_zone (self->clock);
}

char *
ef_client_normalize_portal_url (const char  *text,
                                char       **tenant_id,
                                GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_auto (GStrv) segments = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) parse_error = NULL;
  const char *tenant = NULL;
  int port;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                           "The portal address is empty");
      return NULL;
    }

  if (text_has_space (trimmed) || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” is not an address", trimmed);
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED, &parse_error);
  if (uri == NULL)
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” is not an address: %s", trimmed, parse_error->message);
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” is not a web address", trimmed);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” has no host, or has a user name in it", trimmed);
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  /* GLib decodes the host: "ex%2Fample.fr" is "ex/ample.fr", which would
   * make another address once joined again. */
  for (const char *p = host; !g_hostname_is_ip_address (host) && *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || (guchar) *p >= 0x80)
        continue;
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” has a host name that is not one", trimmed);
      return NULL;
    }

  if (g_str_equal (scheme, "http") && !ef_host_is_loopback (host))
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INSECURE_PORTAL,
                   "“%s” uses plain http on a host that is not the local machine", trimmed);
      return NULL;
    }

  segments = g_strsplit (g_uri_get_path (uri), "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (*segments[i] != '\0')
        {
          tenant = segments[i];
          break;
        }
    }

  if (tenant == NULL || !tenant_id_is_valid (tenant))
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” does not name a municipality after the host", trimmed);
      return NULL;
    }

  port = g_uri_get_port (uri);
  if ((port == 443 && g_str_equal (scheme, "https")) ||
      (port == 80 && g_str_equal (scheme, "http")))
    port = -1;

  path = g_strconcat ("/", tenant, NULL);
  if (tenant_id != NULL)
    *tenant_id = g_strdup (tenant);

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, port, path, NULL, NULL);
}

/**
 * ef_client_parse_account_token:
 * @text: a link from an invitation or password reset mail
 *   ("https://host/7249/first-connection?token=…"), or the token alone, as
 *   pasted
 *
 * Returns: (transfer full) (nullable): the token, or %NULL if @text holds
 *   none
 */
char *
ef_client_parse_account_token (const char *text)
{
  g_autofree char *trimmed = NULL;
  const char *start;
  gsize length = 0;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  start = strstr (trimmed, "token=");
  start = start != NULL ? start + strlen ("token=") : trimmed;

  while (g_ascii_isalnum (start[length]) || start[length] == '-' || start[length] == '_')
    length++;

  /* 256 random bits in URL-safe base64, and nothing else around them. */
  if (length != 43 || (start == trimmed && start[length] != '\0'))
    return NULL;

  return g_strndup (start, length);
}

/**
 * ef_client_get_portal_async:
 * @self: an #EfClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Asks the portal what it says about itself (GET {portal}/api/v1/portal):
 * the municipality's name, contact, time zone, services. No session needed.
 */
void
ef_client_get_portal_async (EfClient            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  EfRequest *request;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_portal_async);

  request = _ef_request_new (SOUP_METHOD_GET, "/portal", EF_REQUEST_PUBLIC);
  _ef_request_set_parser (request, parse_portal, g_object_unref, handle_portal);
  _ef_client_send (self, request, g_steal_pointer (&task));
}

/**
 * ef_client_get_portal_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the portal, or %NULL with @error set
 */
EfPortal *
ef_client_get_portal_finish (EfClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_get_portal_async, error);
}

/**
 * ef_client_sign_in_async:
 * @self: an #EfClient
 * @email: the account's e-mail
 * @password: its password
 * @remember: whether to remember this device: the portal's device token
 *   (or, with a portal that gives none, the password) is kept in memory for
 *   the session (to sign in again by itself when the session ends) and in
 *   #EfClient:credentials; %FALSE also forgets what was remembered before
 *   for this account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Opens a session (POST {portal}/api/v1/auth/login). A wrong e-mail and a
 * wrong password are the same %EF_CLIENT_ERROR_UNAUTHORIZED; after five
 * wrong passwords %EF_CLIENT_ERROR_ACCOUNT_LOCKED says until when.
 */
void
ef_client_sign_in_async (EfClient            *self,
                         const char          *email,
                         const char          *password,
                         gboolean             remember,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) login = NULL;
  SignIn *sign_in;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_sign_in_async);
  g_task_set_check_cancellable (task, FALSE);
  sign_in = g_new0 (SignIn, 1);
  sign_in->email = g_strstrip (g_strdup (email));
  sign_in->password = g_strdup (password);
  sign_in->remember = remember;
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);

  login = g_task_new (self, cancellable, on_signed_in_cb, g_steal_pointer (&task));
  g_task_set_source_tag (login, on_signed_in_cb);
  _ef_client_send (self, login_request_new (sign_in->email, password, remember),
                   g_steal_pointer (&login));
}

/**
 * ef_client_sign_in_remembered_async:
 * @self: an #EfClient
 * @email: the account's e-mail
 * @secret: what #EfClient:credentials remembered for it
 * @kind: what @secret is
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Signs in as a remembered device: with a device token, trades it for a
 * session and a new token, which is remembered in its place (POST
 * {portal}/api/v1/auth/device); with a password, signs in as
 * ef_client_sign_in_async() with @remember does. A device token that the
 * portal refuses is forgotten, and the sign-in fails with
 * %EF_CLIENT_ERROR_SESSION_EXPIRED: the user signs in again with the
 * password. Finish with ef_client_sign_in_finish().
 */
void
ef_client_sign_in_remembered_async (EfClient            *self,
                                    const char          *email,
                                    const char          *secret,
                                    EfSecretKind         kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) login = NULL;
  SignIn *sign_in;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (kind != EF_SECRET_DEVICE_TOKEN)
    {
      ef_client_sign_in_async (self, email, secret, TRUE, cancellable, callback, user_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_sign_in_async);
  g_task_set_check_cancellable (task, FALSE);
  sign_in = g_new0 (SignIn, 1);
  sign_in->email = g_strstrip (g_strdup (email));
  sign_in->password = g_strdup (secret);
  sign_in->kind = EF_SECRET_DEVICE_TOKEN;
  sign_in->remember = TRUE;
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);

  /* Signed in already (the background start and a window, say). */
  if (self->token != NULL && g_strcmp0 (self->account_email, sign_in->email) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Not cancellable: once sent, the token is spent, and the next one must
   * be kept whoever stopped waiting for it (ef_client_sign_in_finish()
   * still says "cancelled" to a caller that did). */
  login = g_task_new (self, NULL, on_signed_in_cb, g_steal_pointer (&task));
  g_task_set_source_tag (login, on_signed_in_cb);
  _ef_client_send (self, device_request_new (secret), g_steal_pointer (&login));
}

/**
 * ef_client_sign_in_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * A password that could not be remembered (no keyring) does not fail the
 * sign-in.
 *
 * Returns: %TRUE if signed in
 */
gboolean
ef_client_sign_in_finish (EfClient      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_client_sign_in_async,
                        FALSE);

  return _ef_client_propagate_boolean (result, error);
}

/**
 * ef_client_sign_out_async:
 * @self: an #EfClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Signs out: forgets the session, the password and what was loaded at
 * once, forgets the password remembered in #EfClient:credentials, and asks
 * the portal to end the session (POST {portal}/api/v1/auth/logout).
 */
void
ef_client_sign_out_async (EfClient            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GPtrArray) waiters = NULL;
  g_autofree char *email = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_sign_out_async);
  g_task_set_check_cancellable (task, FALSE);

  /* What is still on its way changes nothing any more (the requests below
   * are the first of the new count). */
  self->sign_outs++;
  forget_early_start (self);
  waiters = g_steal_pointer (&self->relogin_waiters);
  self->relogin_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->relogin_running = FALSE;

  /* The session is forgotten here now; the portal hears it after. */
  if (self->token != NULL)
    send_logout (self, self->token);
  /* The device too, also when its session ended meanwhile. */
  if (self->device_token != NULL)
    send_device_forget (self, self->device_token);

  email = g_strdup (self->account_email);
  forget_state (self);
  /* Nothing of the account is left on this computer. */
  if (self->offline_cache != NULL)
    ef_offline_cache_clear (self->offline_cache);
  if (self->cache_dir != NULL && email != NULL && self->portal_url != NULL)
    ef_offline_key_clear_async (self->portal_url, email);
  clear_session (self, TRUE);

  /* Who waited for a session to be opened again hears that there will be
   * none, once nothing of the account is left. */
  for (guint i = 0; i < waiters->len; i++)
    g_task_return_new_error (g_ptr_array_index (waiters, i), EF_CLIENT_ERROR,
                             EF_CLIENT_ERROR_CANCELLED, "Signed out");

  if (self->credentials != NULL && email != NULL && self->portal_url != NULL)
    ef_credentials_clear_async (self->credentials, self->portal_url, email, cancellable,
                                on_credentials_cleared_cb, g_steal_pointer (&task));
  else
    g_task_return_boolean (task, TRUE);
}

gboolean
ef_client_sign_out_finish (EfClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_client_sign_out_async,
                        FALSE);

  return _ef_client_propagate_boolean (result, error);
}

/**
 * ef_client_open_family_session_async:
 * @self: an #EfClient signed in as staff
 * @family_id: a family of the agent's services
 * @via: (nullable): "counter" or "phone": how the family reached the agent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Opens a session of the agent's on behalf of the family
 * (POST {portal}/api/v1/staff/families/{id}/session), with which the
 * family's own pages work as for the family, audited as the agent's.
 */
void
ef_client_open_family_session_async (EfClient            *self,
                                     gint64               family_id,
                                     const char          *via,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) object = json_object_new ();
  g_autofree char *path = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (family_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_open_family_session_async);
  if (via != NULL)
    json_object_set_string_member (object, "via", via);
  json_node_set_object (body, object);
  path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/session", family_id);
  _ef_client_send_parsed (self, g_steal_pointer (&task), SOUP_METHOD_POST, path, body,
                          (EfAnswerParser) _ef_session_info_new_from_json,
                          (GDestroyNotify) _ef_session_info_free);
}

/**
 * ef_client_open_family_session_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a client of the same portal, signed in on
 *   behalf of the family (ef_client_get_on_behalf_family_id()); it keeps
 *   no password and nothing in the keyring, and its session ends with the
 *   agent's. Sign it out when the agent leaves the family.
 */
EfClient *
ef_client_open_family_session_finish (EfClient      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_autoptr (EfSessionInfo) info = NULL;
  EfClient *client;
  GTimeZone *tz;

  info = _ef_client_finish_pointer (self, result, ef_client_open_family_session_async, error);
  if (info == NULL)
    return NULL;
  if (info->on_behalf_family_id == 0)
    {
      g_set_error_literal (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL,
                           "The portal did not open a session on behalf of the family");
      return NULL;
    }

  client = ef_client_new (self->portal_url);
  ef_client_set_timeout (client, self->timeout);
  client->max_body_size = self->max_body_size;
  /* One clock: the portal's, as the agent's client knows it already. */
  tz = ef_server_clock_get_time_zone (self->clock);
  if (tz != NULL)
    ef_server_clock_set_time_zone (client->clock, g_time_zone_get_identifier (tz));
  if (ef_server_clock_is_synchronized (self->clock))
    {
      g_autoptr (GDateTime) now = ef_server_clock_get_now (self->clock);
      gint64 elapsed = ef_server_clock_get_elapsed (client->clock);

      ef_server_clock_observe (client->clock, now, 0, elapsed, elapsed);
    }
  apply_session (client, info);
  return client;
}

/**
 * ef_client_set_state_dir:
 * @self: an #EfClient
 * @state_dir: (nullable): a private folder of the user's
 *
 * Where the pages may keep the user's unsaved work (reservation changes
 * not saved yet) so that it survives a quit or a crash. %NULL, the
 * default (a shared terminal, a session on a family's behalf, a test),
 * keeps nothing.
 */
void
ef_client_set_state_dir (EfClient   *self,
                         const char *state_dir)
{
  g_return_if_fail (EF_IS_CLIENT (self));

  g_free (self->state_dir);
  self->state_dir = g_strdup (state_dir);
}

/**
 * ef_client_set_cache_dir:
 * @self: an #EfClient
 * @cache_dir: (nullable): a private folder of the user's cache
 *
 * Where the client keeps, encrypted with a key of the account's that the
 * keyring holds, the last answers of what the pages read (the family,
 * plannings, invoices, history), so that they show, read-only, when the
 * portal cannot be reached (#EfClient:offline). %NULL, the default (the
 * shared terminal, a session on a family's behalf, tests), keeps nothing.
 * Takes effect at the next sign-in.
 */
void
ef_client_set_cache_dir (EfClient   *self,
                         const char *cache_dir)
{
  g_return_if_fail (EF_IS_CLIENT (self));

  g_free (self->cache_dir);
  self->cache_dir = g_strdup (cache_dir);
}

/**
 * ef_client_get_offline:
 * @self: an #EfClient
 *
 * Returns: whether the pages read the last answers kept, the portal not
 *   answering (see ef_client_set_cache_dir())
 */
gboolean
ef_client_get_offline (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);

  return self->offline;
}

/**
 * ef_client_get_offline_since:
 * @self: an #EfClient
 *
 * Returns: (nullable): offline, when the oldest answer shown was given
 *   (the portal's clock)
 */
GDateTime *
ef_client_get_offline_since (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->offline_since;
}

/**
 * ef_client_get_offline_ready:
 * @self: an #EfClient
 *
 * Returns: whether the account's answers are being kept (its key read)
 */
gboolean
ef_client_get_offline_ready (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);

  return self->offline_cache != NULL;
}

static void
on_offline_opened_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  EfClient *self = g_task_get_source_object (task);
  const char *email = g_task_get_task_data (task);
  g_autoptr (GBytes) key = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfOfflineCache) cache = NULL;
  g_autofree char *dir = account_cache_dir (self, email);

  key = ef_offline_key_lookup_finish (result, &error);
  if (key != NULL && dir != NULL)
    cache = ef_offline_cache_new (dir, key);
  if (cache == NULL || ef_offline_cache_is_empty (cache))
    {
      if (error != NULL)
        g_debug ("No offline copies: %s", error->message);
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK,
                               "The portal cannot be reached and nothing of it was kept");
      return;
    }

  /* The account, without a session: its pages read what was kept. */
  if (g_strcmp0 (self->account_email, email) != 0)
    {
      clear_session (self, TRUE);
      self->account_email = g_strdup (email);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_EMAIL]);
    }
  g_clear_pointer (&self->offline_cache, ef_offline_cache_unref);
  self->offline_cache = g_steal_pointer (&cache);
  set_offline (self, TRUE, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * ef_client_open_offline_async:
 * @self: an #EfClient
 * @email: the account whose answers were kept
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * The portal cannot be reached at start: opens what was kept of the
 * account's last answers, read-only (#EfClient:offline), without a
 * session; a sign-in later goes back online. Fails with
 * %EF_CLIENT_ERROR_NETWORK when nothing was kept.
 */
void
ef_client_open_offline_async (EfClient            *self,
                              const char          *email,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (email != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_open_offline_async);
  g_task_set_task_data (task, g_strdup (email), g_free);
  if (self->cache_dir == NULL || self->portal_url == NULL)
    {
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK,
                               "The portal cannot be reached and nothing of it is kept here");
      return;
    }
  ef_offline_key_lookup_async (self->portal_url, email, FALSE, cancellable,
                               on_offline_opened_cb, g_steal_pointer (&task));
}

gboolean
ef_client_open_offline_finish (EfClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return _ef_client_propagate_boolean (result, error);
}

/**
 * ef_client_get_state_path:
 * @self: an #EfClient
 * @kind: what is kept ("pending")
 *
 * Returns: (nullable) (transfer full): the file in which the signed-in
 *   account's @kind is kept, named after the portal and the account (a
 *   digest, not the e-mail); %NULL when the client keeps nothing or no
 *   account is signed in
 */
char *
ef_client_get_state_path (EfClient   *self,
                          const char *kind)
{
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  digest = account_digest (self, self->account_email);
  if (self->state_dir == NULL || digest == NULL)
    return NULL;
  name = g_strdup_printf ("%s-%s.json", kind, digest);
  return g_build_filename (self->state_dir, name, NULL);
}

static void
forget_state_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  const char *path = task_data;

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));
  g_task_return_boolean (task, TRUE);
}

/* Signing out forgets the unsaved work kept for the account too. */
static void
forget_state (EfClient *self)
{
  g_autoptr (GTask) task = NULL;
  char *path = ef_client_get_state_path (self, "pending");

  if (path == NULL)
    return;
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, forget_state);
  g_task_set_task_data (task, path, g_free);
  g_task_run_in_thread (task, forget_state_in_thread);
}

/**
 * ef_client_get_state_dir:
 * @self: an #EfClient
 *
 * Returns: (nullable): see ef_client_set_state_dir()
 */
const char *
ef_client_get_state_dir (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->state_dir;
}

/**
 * ef_client_get_on_behalf_family_id:
 * @self: an #EfClient
 *
 * Returns: the family an agent's session acts for, or 0 (a parent's
 *   session, or an agent's own)
 */
gint64
ef_client_get_on_behalf_family_id (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), 0);

  return self->on_behalf_family_id;
}

/**
 * ef_client_get_on_behalf_family_name:
 * @self: an #EfClient
 *
 * Returns: (nullable): the name of the family an agent's session acts for
 */
const char *
ef_client_get_on_behalf_family_name (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->on_behalf_family_name;
}

static void
send_new_password (EfClient            *self,
                   const char          *path_prefix,
                   const char          *token,
                   const char          *password,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  EfRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  escaped = g_uri_escape_string (token, NULL, FALSE);
  path = g_strconcat (path_prefix, escaped, NULL);
  request = _ef_request_new (SOUP_METHOD_POST, path, EF_REQUEST_PUBLIC);
  _ef_request_set_json_body (request, body);
  _ef_request_set_parser (request, (EfAnswerParser) _ef_account_email_new_from_json, g_free, NULL);
  _ef_client_send (self, request, g_steal_pointer (&task));
}

/**
 * ef_client_accept_invitation_async:
 * @self: an #EfClient
 * @token: the invitation's token (see ef_client_parse_account_token())
 * @password: the first password (10 to 256 characters, without the
 *   e-mail)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Chooses the first password of an invited account. A password the rules
 * refuse is %EF_CLIENT_ERROR_VALIDATION with the field "password"; a bad
 * link is %EF_CLIENT_ERROR_LINK_INVALID, %EF_CLIENT_ERROR_LINK_EXPIRED or
 * %EF_CLIENT_ERROR_LINK_USED.
 */
void
ef_client_accept_invitation_async (EfClient            *self,
                                   const char          *token,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (token != NULL);
  g_return_if_fail (password != NULL);

  send_new_password (self, "/auth/invitations/", token, password,
                     ef_client_accept_invitation_async, cancellable, callback, user_data);
}

/**
 * ef_client_accept_invitation_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the account's e-mail, to sign in with
 */
char *
ef_client_accept_invitation_finish (EfClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_accept_invitation_async, error);
}

/**
 * ef_client_request_password_reset_async:
 * @self: an #EfClient
 * @email: the account's e-mail
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Asks for a password reset mail. The portal answers the same whether the
 * e-mail has an account or not.
 */
void
ef_client_request_password_reset_async (EfClient            *self,
                                        const char          *email,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *trimmed = NULL;
  EfRequest *request;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (email != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_request_password_reset_async);

  trimmed = g_strstrip (g_strdup (email));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, trimmed);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  request = _ef_request_new (SOUP_METHOD_POST, "/auth/password-reset", EF_REQUEST_PUBLIC);
  _ef_request_set_json_body (request, body);
  _ef_client_send (self, request, g_steal_pointer (&task));
}

gboolean
ef_client_request_password_reset_finish (EfClient      *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _ef_client_finish_boolean (self, result, ef_client_request_password_reset_async, error);
}

/**
 * ef_client_reset_password_async:
 * @self: an #EfClient
 * @token: the reset mail's token (see ef_client_parse_account_token())
 * @password: the new password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Chooses a new password with a reset token; the errors are those of
 * ef_client_accept_invitation_async().
 */
void
ef_client_reset_password_async (EfClient            *self,
                                const char          *token,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (token != NULL);
  g_return_if_fail (password != NULL);

  send_new_password (self, "/auth/password-reset/", token, password,
                     ef_client_reset_password_async, cancellable, callback, user_data);
}

/**
 * ef_client_reset_password_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the account's e-mail, to sign in with
 */
char *
ef_client_reset_password_finish (EfClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _ef_client_finish_pointer (self, result, ef_client_reset_password_async, error);
}

/**
 * ef_client_notify_billing_changed:
 * @self: an #EfClient
 *
 * Says that the family's invoices or payments changed on the portal:
 * emits #EfClient::billing-changed.
 */
void
ef_client_notify_billing_changed (EfClient *self)
{
  g_return_if_fail (EF_IS_CLIENT (self));

  g_signal_emit (self, signals[BILLING_CHANGED], 0);
}

gpointer
_ef_client_finish_pointer (EfClient      *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return _ef_client_propagate_pointer (result, error);
}

gboolean
_ef_client_finish_boolean (EfClient      *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return _ef_client_propagate_boolean (result, error);
}

void
_ef_client_send_parsed (EfClient       *self,
                        GTask          *task,
                        const char     *method,
                        const char     *path,
                        JsonNode       *body,
                        EfAnswerParser  parse,
                        GDestroyNotify  result_free)
{
  EfRequest *request = _ef_request_new (method, path, EF_REQUEST_SIGNED_IN);

  if (body != NULL)
    _ef_request_set_json_body (request, body);
  _ef_request_set_parser (request, parse, result_free, NULL);
  _ef_client_send (self, request, task);
}
