/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-session.c: the contract's Session, LoginRequest, AccountEmail
 * and Error, as plain records and their JSON */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ef-codec-private.h"
#include "ef-codec-session.h"
#include "ef-json.h"

const char * const ef_account_kinds[] = { "parent", "staff", NULL };
const char * const ef_on_behalf_vias[] = { "counter", "phone", NULL };

const char * const ef_auth_session_record_members[] = {
  "token", "expires_at", "idle_expires_at", "account", "on_behalf_of", "device_token", NULL
};
const char * const ef_session_info_record_members[] = {
  "expires_at", "idle_expires_at", "account", "on_behalf_of", NULL
};
const char * const ef_account_record_members[] = {
  "id", "email", "kind", "family_id", "member_id", "staff", NULL
};
const char * const ef_staff_info_record_members[] = {
  "name", "admin", "services", "roles", NULL
};
const char * const ef_on_behalf_of_record_members[] = { "family_id", "name", "via", NULL };
const char * const ef_login_request_record_members[] = {
  "email", "password", "client", "remember", NULL
};
const char * const ef_account_email_members[] = { "email", NULL };
const char * const ef_error_record_members[] = { "error", NULL };
const char * const ef_error_record_error_members[] = { "code", "message", "details", NULL };
const char * const ef_reminders_record_members[] = {
  "available", "deadlines", "due_dates", "hours_before", NULL
};
const char * const ef_reminders_choice_members[] = {
  "deadlines", "due_dates", "hours_before", NULL
};

/* ------------------------------------------------------------ records */

void
ef_staff_info_record_free (EfStaffInfoRecord *staff)
{
  if (staff == NULL)
    return;
  g_free (staff->name);
  g_strfreev (staff->services);
  g_strfreev (staff->roles);
  g_free (staff);
}

void
ef_account_record_free (EfAccountRecord *account)
{
  if (account == NULL)
    return;
  g_free (account->email);
  g_free (account->kind);
  ef_staff_info_record_free (account->staff);
  g_free (account);
}

void
ef_on_behalf_of_record_free (EfOnBehalfOfRecord *on_behalf_of)
{
  if (on_behalf_of == NULL)
    return;
  g_free (on_behalf_of->name);
  g_free (on_behalf_of->via);
  g_free (on_behalf_of);
}

/* A token or a password: leave nothing behind. */
static void
wipe_free (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

void
ef_auth_session_record_free (EfAuthSessionRecord *session)
{
  if (session == NULL)
    return;
  wipe_free (session->token);
  wipe_free (session->device_token);
  g_free (session->expires_at);
  g_free (session->idle_expires_at);
  ef_account_record_free (session->account);
  ef_on_behalf_of_record_free (session->on_behalf_of);
  g_free (session);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

static gboolean
account_equal (const EfAccountRecord *a,
               const EfAccountRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->id != b->id ||
      g_strcmp0 (a->email, b->email) != 0 ||
      g_strcmp0 (a->kind, b->kind) != 0 ||
      a->family_id != b->family_id ||
      a->member_id != b->member_id ||
      (a->staff == NULL) != (b->staff == NULL))
    return FALSE;
  return a->staff == NULL ||
         (g_strcmp0 (a->staff->name, b->staff->name) == 0 &&
          a->staff->admin == b->staff->admin &&
          strv_equal ((const char * const *) a->staff->services,
                      (const char * const *) b->staff->services) &&
          strv_equal ((const char * const *) a->staff->roles,
                      (const char * const *) b->staff->roles));
}

gboolean
ef_auth_session_record_equal (const EfAuthSessionRecord *a,
                         const EfAuthSessionRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_strcmp0 (a->token, b->token) != 0 ||
      g_strcmp0 (a->expires_at, b->expires_at) != 0 ||
      g_strcmp0 (a->idle_expires_at, b->idle_expires_at) != 0 ||
      !account_equal (a->account, b->account) ||
      (a->on_behalf_of == NULL) != (b->on_behalf_of == NULL))
    return FALSE;
  return a->on_behalf_of == NULL ||
         (a->on_behalf_of->family_id == b->on_behalf_of->family_id &&
          g_strcmp0 (a->on_behalf_of->name, b->on_behalf_of->name) == 0 &&
          g_strcmp0 (a->on_behalf_of->via, b->on_behalf_of->via) == 0);
}

void
ef_login_request_record_free (EfLoginRequestRecord *request)
{
  if (request == NULL)
    return;
  g_free (request->email);
  wipe_free (request->password);
  g_free (request->client);
  g_free (request);
}

void
ef_error_record_free (EfErrorRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->code);
  g_free (record->message);
  g_clear_pointer (&record->details, json_array_unref);
  g_free (record);
}

/* ------------------------------------------------------------ writing */

static void
add_strings (JsonBuilder        *builder,
             const char         *name,
             const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_account (JsonBuilder           *builder,
             const EfAccountRecord *account)
{
  const EfStaffInfoRecord *staff = account->staff;

  json_builder_set_member_name (builder, "account");
  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "id", account->id);
  _ef_codec_add_string (builder, "email", account->email);
  _ef_codec_add_string (builder, "kind", account->kind);
  /* An agent belongs to no family. */
  if (staff == NULL)
    {
      _ef_codec_add_int (builder, "family_id", account->family_id);
      _ef_codec_add_int (builder, "member_id", account->member_id);
    }
  else
    {
      _ef_codec_add_string (builder, "family_id", NULL);
      _ef_codec_add_string (builder, "member_id", NULL);
    }
  json_builder_set_member_name (builder, "staff");
  if (staff != NULL)
    {
      json_builder_begin_object (builder);
      _ef_codec_add_string (builder, "name", staff->name);
      _ef_codec_add_bool (builder, "admin", staff->admin);
      add_strings (builder, "services", (const char * const *) staff->services);
      add_strings (builder, "roles", (const char * const *) staff->roles);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

JsonNode *
ef_auth_session_record_to_json (const EfAuthSessionRecord *session)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const EfOnBehalfOfRecord *on_behalf_of;

  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (session->account != NULL, NULL);

  on_behalf_of = session->on_behalf_of;
  json_builder_begin_object (builder);
  if (session->token != NULL)
    _ef_codec_add_string (builder, "token", session->token);
  _ef_codec_add_string (builder, "expires_at", session->expires_at);
  _ef_codec_add_string (builder, "idle_expires_at", session->idle_expires_at);
  add_account (builder, session->account);
  json_builder_set_member_name (builder, "on_behalf_of");
  if (on_behalf_of != NULL)
    {
      json_builder_begin_object (builder);
      _ef_codec_add_int (builder, "family_id", on_behalf_of->family_id);
      _ef_codec_add_string (builder, "name", on_behalf_of->name);
      _ef_codec_add_string (builder, "via", on_behalf_of->via);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  if (session->device_token != NULL)
    _ef_codec_add_string (builder, "device_token", session->device_token);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_login_request_record_to_json (const EfLoginRequestRecord *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (request != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_string (builder, "email", request->email);
  _ef_codec_add_string (builder, "password", request->password);
  if (request->client != NULL)
    _ef_codec_add_string (builder, "client", request->client);
  if (request->remember)
    _ef_codec_add_bool (builder, "remember", TRUE);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_account_email_to_json (const char *email)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (email != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_string (builder, "email", email);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_error_record_to_json (const EfErrorRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (record->code != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  _ef_codec_add_string (builder, "code", record->code);
  _ef_codec_add_string (builder, "message", record->message);
  if (record->details != NULL)
    {
      JsonNode *details = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (details, record->details);
      json_builder_set_member_name (builder, "details");
      json_builder_add_value (builder, details);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ------------------------------------------------------------ reading */

/* The array of strings @member of @object in *@out; with @optional, an
 * absent one is empty. */
static gboolean
get_strings (JsonObject  *object,
             const char  *member,
             gboolean     optional,
             GStrv       *out,
             GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = NULL;

  if (!ef_json_get_array (object, member, optional, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       _("The member “%s” must be a string"), member);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static EfStaffInfoRecord *
read_staff (JsonObject  *account,
            GError     **error)
{
  g_autoptr(EfStaffInfoRecord) staff = g_new0 (EfStaffInfoRecord, 1);
  JsonObject *object;

  if (!ef_json_get_object (account, "staff", FALSE, &object, error) ||
      !_ef_codec_get_string (object, "name", &staff->name, error) ||
      !ef_json_get_bool (object, "admin", TRUE, &staff->admin, error) ||
      !get_strings (object, "services", TRUE, &staff->services, error) ||
      !get_strings (object, "roles", FALSE, &staff->roles, error))
    return NULL;
  return g_steal_pointer (&staff);
}

static EfAccountRecord *
read_account (JsonObject  *session,
              GError     **error)
{
  g_autoptr(EfAccountRecord) account = g_new0 (EfAccountRecord, 1);
  JsonObject *object;

  if (!ef_json_get_object (session, "account", FALSE, &object, error) ||
      !_ef_codec_get_id (object, "id", &account->id, error) ||
      !_ef_codec_get_string (object, "email", &account->email, error) ||
      !_ef_codec_get_nullable_string (object, "kind", &account->kind, error))
    return NULL;

  /* A portal older than the staff accounts sends no kind: a parent's. */
  if (account->kind == NULL)
    account->kind = g_strdup ("parent");
  if (g_str_equal (account->kind, "staff"))
    {
      account->staff = read_staff (object, error);
      if (account->staff == NULL)
        return NULL;
    }
  else if (!_ef_codec_get_id (object, "family_id", &account->family_id, error) ||
           !_ef_codec_get_id (object, "member_id", &account->member_id, error))
    return NULL;
  return g_steal_pointer (&account);
}

static gboolean
read_on_behalf_of (JsonObject          *session,
                   EfOnBehalfOfRecord **out,
                   GError             **error)
{
  JsonNode *node = json_object_get_member (session, "on_behalf_of");
  g_autoptr(EfOnBehalfOfRecord) on_behalf_of = NULL;
  JsonObject *object;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  on_behalf_of = g_new0 (EfOnBehalfOfRecord, 1);
  if (!ef_json_get_object (session, "on_behalf_of", FALSE, &object, error) ||
      !ef_json_get_int (object, "family_id", FALSE, &on_behalf_of->family_id, error) ||
      !_ef_codec_get_string (object, "name", &on_behalf_of->name, error) ||
      !_ef_codec_get_nullable_string (object, "via", &on_behalf_of->via, error))
    return FALSE;
  if (on_behalf_of->family_id <= 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be positive"), "on_behalf_of.family_id");
      return FALSE;
    }
  *out = g_steal_pointer (&on_behalf_of);
  return TRUE;
}

EfAuthSessionRecord *
ef_auth_session_record_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(EfAuthSessionRecord) session = g_new0 (EfAuthSessionRecord, 1);
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "session", error);
  if (object == NULL ||
      !_ef_codec_get_nullable_string (object, "token", &session->token, error) ||
      !_ef_codec_get_instant (object, "expires_at", FALSE, &session->expires_at, error) ||
      !_ef_codec_get_instant (object, "idle_expires_at", TRUE, &session->idle_expires_at,
                              error) ||
      (session->account = read_account (object, error)) == NULL ||
      !read_on_behalf_of (object, &session->on_behalf_of, error) ||
      !_ef_codec_get_nullable_string (object, "device_token", &session->device_token, error))
    return NULL;
  return g_steal_pointer (&session);
}

EfLoginRequestRecord *
ef_login_request_record_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr(EfLoginRequestRecord) request = g_new0 (EfLoginRequestRecord, 1);
  JsonObject *object;
  const char *client;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "body", error);
  if (object == NULL ||
      !ef_json_check_members (object, ef_login_request_record_members, error) ||
      !_ef_codec_get_string (object, "email", &request->email, error) ||
      !_ef_codec_get_string (object, "password", &request->password, error) ||
      !ef_json_get_bool (object, "remember", TRUE, &request->remember, error))
    return NULL;
  if (json_object_has_member (object, "client"))
    {
      if (!ef_json_get_string (object, "client", FALSE, &client, error))
        return NULL;
      request->client = g_strdup (client);
    }
  return g_steal_pointer (&request);
}

char *
ef_account_email_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object;
  char *email = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "answer", error);
  if (object == NULL || !_ef_codec_get_string (object, "email", &email, error))
    return NULL;
  return email;
}

EfErrorRecord *
ef_error_record_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(EfErrorRecord) record = g_new0 (EfErrorRecord, 1);
  JsonObject *object, *error_object;
  JsonArray *details = NULL;
  const char *message = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "body", error);
  if (object == NULL ||
      !ef_json_get_object (object, "error", FALSE, &error_object, error) ||
      !_ef_codec_get_string (error_object, "code", &record->code, error) ||
      !ef_json_get_string (error_object, "message", TRUE, &message, error) ||
      !ef_json_get_array (error_object, "details", TRUE, &details, error))
    return NULL;
  record->message = g_strdup (message);
  if (details != NULL)
    record->details = json_array_ref (details);
  return g_steal_pointer (&record);
}

/* ------------------------------------------------------------ reminders */

static JsonNode *
reminders_to_json (const EfRemindersRecord *reminders,
                   gboolean                 with_available)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (reminders != NULL, NULL);

  json_builder_begin_object (builder);
  if (with_available)
    _ef_codec_add_bool (builder, "available", reminders->available);
  _ef_codec_add_bool (builder, "deadlines", reminders->deadlines);
  _ef_codec_add_bool (builder, "due_dates", reminders->due_dates);
  _ef_codec_add_int (builder, "hours_before", reminders->hours_before);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_reminders_record_to_json (const EfRemindersRecord *reminders)
{
  return reminders_to_json (reminders, TRUE);
}

JsonNode *
ef_reminders_choice_to_json (const EfRemindersRecord *reminders)
{
  return reminders_to_json (reminders, FALSE);
}

gboolean
ef_reminders_record_from_json (JsonNode           *node,
                               EfRemindersRecord  *reminders,
                               GError            **error)
{
  JsonObject *object;

  g_return_val_if_fail (reminders != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *reminders = (EfRemindersRecord) { 0 };
  object = _ef_codec_require_object (node, "reminders", error);
  if (object == NULL ||
      !ef_json_get_bool (object, "available", FALSE, &reminders->available, error) ||
      !ef_json_get_bool (object, "deadlines", FALSE, &reminders->deadlines, error) ||
      !ef_json_get_bool (object, "due_dates", FALSE, &reminders->due_dates, error) ||
      !ef_json_get_int (object, "hours_before", FALSE, &reminders->hours_before, error))
    return FALSE;
  if (reminders->hours_before < 1 || reminders->hours_before > 168)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           "hours_before: from 1 to 168");
      return FALSE;
    }
  return TRUE;
}

gboolean
ef_reminders_choice_from_json (JsonNode           *node,
                               EfRemindersRecord  *reminders,
                               GError            **error)
{
  JsonObject *object;

  g_return_val_if_fail (reminders != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *reminders = (EfRemindersRecord) { .hours_before = 24 };
  object = _ef_codec_require_object (node, "body", error);
  return object != NULL &&
         ef_json_check_members (object, ef_reminders_choice_members, error) &&
         ef_json_get_bool (object, "deadlines", FALSE, &reminders->deadlines, error) &&
         ef_json_get_bool (object, "due_dates", FALSE, &reminders->due_dates, error) &&
         ef_json_get_int (object, "hours_before", TRUE, &reminders->hours_before, error);
}
