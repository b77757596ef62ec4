/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-handler.c: the back office — search and read families, change
 * their members, enrol, invite, unlock, reserve on a family's behalf, and
 * read what agents did
 *
 * A change and its audit row are written in one transaction: there is no
 * change without its "by agent X on behalf of family Y".
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "auth/ef-secret.h"
#include "billing/ef-billing.h"
#include "ef-common.h"
#include "family/ef-family.h"
#include "http/ef-auth.h"
#include "http/ef-http.h"
#include "http/ef-request.h"
#include "mail/ef-mail.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-families.h"
#include "store/ef-store-staff.h"
#include "ef-auth-handler.h"
#include "ef-payment-handler.h"
#include "ef-planning.h"
#include "ef-server.h"
#include "ef-staff-handler-private.h"

/* ------------------------------------------------------- shared helpers */

gint64
_ef_staff_now (EfServer *server)
{
  g_autoptr(GDateTime) now = ef_server_get_now (server);

  return g_date_time_to_unix (now);
}

GHashTable *
_ef_staff_parse_query (SoupServerMessage *msg,
                       gboolean          *ok)
{
  const char *raw = g_uri_get_query (soup_server_message_get_uri (msg));
  GHashTable *query;

  *ok = TRUE;
  if (raw == NULL)
    return NULL;
  query = g_uri_parse_params (raw, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (query == NULL)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_BAD_REQUEST, "Malformed query string");
      *ok = FALSE;
    }
  return query;
}

JsonObject *
_ef_staff_read_body (SoupServerMessage  *msg,
                     char              **via)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  *via = NULL;
  /* No body at all is an empty one, for the actions that need none. */
  if (body->length == 0 && soup_message_headers_get_content_type (headers, NULL) == NULL)
    return json_object_new ();

  object = ef_request_read_json_object (msg, &error);
  if (object == NULL)
    {
      ef_http_respond_error (msg, error);
      return NULL;
    }

  node = json_object_get_member (object, "via");
  if (node != NULL)
    {
      const char *text = JSON_NODE_HOLDS_VALUE (node) &&
                         json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : NULL;

      if (g_strcmp0 (text, EF_STAFF_VIA_COUNTER) != 0 && g_strcmp0 (text, EF_STAFF_VIA_PHONE) != 0)
        {
          ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD,
                                     "via: \"counter\" or \"phone\"");
          return NULL;
        }
      *via = g_strdup (text);
      json_object_remove_member (object, "via");
    }
  return g_steal_pointer (&object);
}

GTimeZone *
_ef_staff_time_zone (EfServer          *server,
                     SoupServerMessage *msg,
                     const char        *tenant_id)
{
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  GTimeZone *tz = NULL;

  settings = ef_store_load_tenant_settings (ef_server_get_store (server), tenant_id, &error);
  if (settings != NULL)
    tz = ef_time_zone_new (settings->time_zone, &error);
  if (tz == NULL)
    ef_http_respond_error (msg, error);
  return tz;
}

gboolean
_ef_staff_check_family (EfServer          *server,
                        SoupServerMessage *msg,
                        const EfCaller    *caller,
                        gint64             family_id,
                        const char        *message)
{
  g_autoptr(GError) error = NULL;

  if (family_id > 0 &&
      ef_store_check_staff_family (ef_server_get_store (server), caller->agent, family_id, &error))
    return TRUE;
  if (error != NULL && error->domain != EF_API_ERROR)
    ef_http_respond_error (msg, error);
  else
    ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, message);
  return FALSE;
}

gboolean
_ef_staff_sees_invoice (const EfStaffAgent *agent,
                        const EfInvoice    *invoice)
{
  return ef_staff_agent_has_service (agent, invoice->service_id);
}

gboolean
_ef_staff_sees_payment (EfStore             *store,
                        const EfStaffAgent  *agent,
                        const EfPayment     *payment,
                        GError             **error)
{
  if (agent->admin)
    return TRUE;
  for (guint i = 0; i < payment->allocations->len; i++)
    {
      const EfPaymentAllocation *allocation = &g_array_index (payment->allocations,
                                                              EfPaymentAllocation, i);
      g_autoptr(EfInvoice) invoice = ef_store_get_invoice (store, payment->tenant_id, 0,
                                                           allocation->invoice_id, error);

      if (invoice == NULL)
        return FALSE;
      if (_ef_staff_sees_invoice (agent, invoice))
        return TRUE;
    }
  return FALSE;
}

gboolean
_ef_staff_audit (EfServer        *server,
                 const EfCaller  *caller,
                 gint64           family_id,
                 const char      *action,
                 const char      *target,
                 JsonNode        *before,
                 JsonNode        *after,
                 const char      *via,
                 GError         **error)
{
  EfStaffAuditEntry entry = {
    .agent = caller->agent,
    .family_id = family_id,
    .action = action,
    .target = target,
    .before = before,
    .after = after,
    .via = via,
    .at = _ef_staff_now (server),
  };

  return ef_store_add_staff_audit (ef_server_get_store (server), &entry, error);
}

static void
set_instant (JsonObject *object,
             const char *name,
             gint64      instant,
             GTimeZone  *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (instant <= 0)
    {
      json_object_set_null_member (object, name);
      return;
    }
  utc = g_date_time_new_from_unix_utc (instant);
  text = ef_instant_format_iso (utc, tz);
  json_object_set_string_member (object, name, text);
}

static void
set_text_or_null (JsonObject *object,
                  const char *name,
                  const char *text)
{
  if (text != NULL)
    json_object_set_string_member (object, name, text);
  else
    json_object_set_null_member (object, name);
}

JsonNode *
_ef_staff_payment_to_json (const EfPayment *payment,
                           GTimeZone       *tz)
{
  JsonNode *node = ef_billing_payment_to_json (payment, tz);
  JsonObject *object = json_node_get_object (node);

  json_object_set_int_member (object, "family", payment->family_id);
  set_text_or_null (object, "reference", payment->reference);
  json_object_set_string_member (object, "note", payment->label ? payment->label : "");
  set_text_or_null (object, "cheque_number", payment->cheque_number);
  set_text_or_null (object, "receipt_number", payment->receipt_number);
  set_text_or_null (object, "agent_name", payment->agent_name);
  set_instant (object, "cancelled_at", payment->cancelled_at, tz);
  set_text_or_null (object, "cancel_reason", payment->cancel_reason);
  set_instant (object, "cancelled_paid_at", payment->cancelled_paid_at, tz);
  return node;
}

/* ------------------------------------------------------------- helpers */

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static void
respond_object (SoupServerMessage *msg,
                guint              status,
                JsonObject        *object)
{
  g_autoptr(JsonNode) node = object_node (object);

  ef_http_respond_json (msg, status, node);
}

/* Answers @error, with its details for the API's errors. */
static void
respond_error_details (SoupServerMessage *msg,
                       const GError      *error,
                       JsonArray         *details)
{
  if (error->domain == EF_API_ERROR)
    ef_http_respond_api_error_full (msg, error->code, error->message, details);
  else
    ef_http_respond_error (msg, error);
}

static gint64
path_id (GHashTable *params)
{
  return ef_request_parse_id (g_hash_table_lookup (params, "id"));
}

/* ?page= and ?per_page=; answers 422 and returns FALSE when invalid. */
static gboolean
read_page (SoupServerMessage *msg,
           GHashTable        *query,
           guint             *page,
           guint             *per_page)
{
  const char *names[] = { "page", "per_page" };
  guint *values[] = { page, per_page };
  const guint64 maxima[] = { G_MAXUINT32 / EF_STAFF_MAX_PAGE_SIZE, EF_STAFF_MAX_PAGE_SIZE };

  *page = 1;
  *per_page = EF_STAFF_PAGE_SIZE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *text = query ? g_hash_table_lookup (query, names[i]) : NULL;
      guint64 value;

      if (text == NULL)
        continue;
      if (!g_ascii_string_to_unsigned (text, 10, 1, maxima[i], &value, NULL))
        {
          g_autofree char *message = g_strdup_printf ("'%s' must be an integer from 1 to %" G_GUINT64_FORMAT,
                                                      names[i], maxima[i]);

          ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD, message);
          return FALSE;
        }
      *values[i] = (guint) value;
    }
  return TRUE;
}

static void
set_page (JsonObject *object,
          guint       page,
          guint       per_page,
          guint       total)
{
  json_object_set_int_member (object, "page", page);
  json_object_set_int_member (object, "per_page", per_page);
  json_object_set_int_member (object, "total", total);
}

static JsonNode *
strv_to_json (const char * const *strv)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_node_take_array (node, array);
  return node;
}

/* A StaffEnrolment, with the codec. */
static JsonNode *
enrolment_to_json (const EfEnrolment *enrolment)
{
  EfEnrolmentRecord record = {
    .id = enrolment->id,
    .member = enrolment->member_id,
    .activity = enrolment->activity_code,
    .activity_name = enrolment->activity_name,
    .service = enrolment->service_id,
    .site = enrolment->site,
    .from = enrolment->first_day,
    .to = enrolment->last_day,
  };

  return ef_enrolment_record_to_json (&record);
}

/* The FamilyAccount of the API: no password, but the lock and the last
 * invitation, on the server's clock. */
static JsonNode *
account_to_json (const EfFamilyAccount *account,
                 gint64                 now,
                 GTimeZone             *tz)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", account->id);
  json_object_set_int_member (object, "member", account->member_id);
  json_object_set_string_member (object, "email", account->email);
  json_object_set_boolean_member (object, "has_password", account->has_password);
  json_object_set_boolean_member (object, "locked", account->locked_until > now);
  set_instant (object, "locked_until", account->locked_until > now ? account->locked_until : 0, tz);
  json_object_set_int_member (object, "failed_logins", account->failed_logins);
  if (account->invited_at > 0)
    {
      JsonObject *invitation = json_object_new ();

      set_instant (invitation, "sent_at", account->invited_at, tz);
      set_instant (invitation, "expires_at", account->invitation_expires_at, tz);
      json_object_set_boolean_member (invitation, "used", account->invitation_used);
      json_object_set_boolean_member (invitation, "expired",
                                      !account->invitation_used &&
                                      now >= account->invitation_expires_at);
      json_object_set_object_member (object, "invitation", invitation);
    }
  else
    json_object_set_null_member (object, "invitation");
  return object_node (object);
}

/* The member of the path, if the caller's agent may read its family;
 * otherwise answers 404 and returns NULL. */
static EfPlanningMember *
lookup_member (EfServer          *server,
               SoupServerMessage *msg,
               GHashTable        *params,
               const EfCaller    *caller)
{
  g_autoptr(EfPlanningMember) member = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = path_id (params);

  if (id > 0)
    member = ef_store_lookup_planning_member (ef_server_get_store (server), caller->tenant_id,
                                              id, &error);
  if (member == NULL)
    {
      if (error != NULL && error->domain != EF_API_ERROR)
        ef_http_respond_error (msg, error);
      else
        ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "No such member");
      return NULL;
    }
  if (!_ef_staff_check_family (server, msg, caller, member->family_id, "No such member"))
    return NULL;
  return g_steal_pointer (&member);
}

static EfDay
today (EfServer  *server,
       GTimeZone *tz)
{
  g_autoptr(GDateTime) now = ef_server_get_now (server);

  return ef_day_from_instant (now, tz);
}

/* A "YYYY-MM-DD" member of @body; EF_API_ERROR_INVALID_DATE otherwise. */
static gboolean
get_day (JsonObject  *body,
         const char  *name,
         EfDay       *day,
         GError     **error)
{
  const char *text = NULL;

  if (!ef_json_get_string (body, name, FALSE, &text, error))
    return FALSE;
  *day = ef_day_parse_iso (text, NULL);
  if (*day == EF_DAY_INVALID)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                   "'%s' must be a date written YYYY-MM-DD", name);
      return FALSE;
    }
  return ef_request_check_day_bounds (name, *day, error);
}

/* ------------------------------------------------------------- families */

static JsonNode *
family_summary (EfStore         *store,
                const EfFamily  *family,
                GError         **error)
{
  g_auto(GStrv) services = ef_store_list_family_services (store, family->id, error);
  JsonObject *object;
  JsonArray *members;

  if (services == NULL)
    return NULL;
  object = json_object_new ();
  json_object_set_int_member (object, "id", family->id);
  json_object_set_string_member (object, "name", family->name);
  set_text_or_null (object, "reference", family->reference);
  json_object_set_member (object, "services", strv_to_json ((const char * const *) services));
  members = json_array_new ();
  for (guint i = 0; i < family->members->len; i++)
    {
      const EfMember *member = g_ptr_array_index (family->members, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "id", member->id);
      json_object_set_string_member (item, "role", member->role);
      json_object_set_string_member (item, "first_name", member->first_name);
      json_object_set_string_member (item, "last_name", member->last_name);
      json_object_set_string_member (item, "birth_date", member->birth_date);
      set_text_or_null (item, "email", member->email);
      json_array_add_object_element (members, item);
    }
  json_object_set_array_member (object, "members", members);
  return object_node (object);
}

void
ef_staff_handler_search_families (SoupServerMessage *msg,
                                  GHashTable        *params,
                                  gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "";
  JsonObject *object;
  JsonArray *families;
  guint page, per_page, total = 0;
  gboolean ok;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  query = _ef_staff_parse_query (msg, &ok);
  if (!ok || !read_page (msg, query, &page, &per_page))
    return;
  if (query != NULL && g_hash_table_contains (query, "q"))
    text = g_hash_table_lookup (query, "q");
  if (g_utf8_strlen (text, -1) > 200)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD, "'q' has at most 200 characters");
      return;
    }

  ids = ef_store_search_families (store, caller->agent, text, (page - 1) * per_page, per_page,
                                  &total, &error);
  if (ids == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  families = json_array_new ();
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EfFamily) family = ef_store_load_family (store, caller->tenant_id,
                                                         g_array_index (ids, gint64, i), &error);
      JsonNode *summary = family ? family_summary (store, family, &error) : NULL;

      if (summary == NULL)
        {
          json_array_unref (families);
          ef_http_respond_error (msg, error);
          return;
        }
      json_array_add_element (families, summary);
    }

  object = json_object_new ();
  json_object_set_string_member (object, "query", text);
  set_page (object, page, per_page, total);
  json_object_set_array_member (object, "families", families);
  respond_object (msg, SOUP_STATUS_OK, object);
}

void
ef_staff_handler_get_family (SoupServerMessage *msg,
                             GHashTable        *params,
                             gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(EfBillingSettings) settings = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) services = NULL;
  JsonObject *object;
  JsonArray *members, *enrolments, *invoice_array, *payment_array;
  EfCents total_due = 0;
  gint64 family_id, now;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  family_id = path_id (params);
  if (!_ef_staff_check_family (server, msg, caller, family_id, "No such family"))
    return;
  tz = _ef_staff_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;

  /* An invoice whose online payment ran out of time is payable again. */
  if (ef_payment_handler_expire_stale (server, caller->tenant_id, &error) &&
      (family = ef_store_load_family (store, caller->tenant_id, family_id, &error)) != NULL &&
      (services = ef_store_list_family_services (store, family_id, &error)) != NULL &&
      (accounts = ef_store_list_family_accounts (store, family_id, &error)) != NULL &&
      (settings = ef_store_load_billing_settings (store, caller->tenant_id, &error)) != NULL &&
      (invoices = ef_store_list_invoices (store, caller->tenant_id, family_id, NULL, &error)) != NULL)
    payments = ef_store_list_family_payments (store, caller->tenant_id, family_id, NULL, &error);
  if (payments == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  now = _ef_staff_now (server);
  body = ef_family_to_json (family);
  object = json_node_get_object (body);
  set_text_or_null (object, "reference", family->reference);
  json_object_set_member (object, "services", strv_to_json ((const char * const *) services));

  /* Each member with its account, if it has one. */
  members = json_object_get_array_member (object, "members");
  enrolments = json_array_new ();
  json_object_set_array_member (object, "enrolments", enrolments);
  for (guint i = 0; i < family->members->len; i++)
    {
      const EfMember *member = g_ptr_array_index (family->members, i);
      JsonObject *item = json_array_get_object_element (members, i);
      g_autoptr(GPtrArray) list = ef_store_list_enrolments (store, member->id, &error);

      json_object_set_null_member (item, "account");
      for (guint j = 0; j < accounts->len; j++)
        {
          const EfFamilyAccount *account = g_ptr_array_index (accounts, j);

          if (account->member_id == member->id)
            json_object_set_member (item, "account", account_to_json (account, now, tz));
        }
      if (list == NULL)
        {
          ef_http_respond_error (msg, error);
          return;
        }
      for (guint j = 0; j < list->len; j++)
        json_array_add_element (enrolments, enrolment_to_json (g_ptr_array_index (list, j)));
    }

  /* The invoices of the agent's services, and the payments of those. */
  invoice_array = json_array_new ();
  json_object_set_array_member (object, "invoices", invoice_array);
  for (guint i = 0; i < invoices->len; i++)
    {
      const EfInvoice *invoice = g_ptr_array_index (invoices, i);

      if (!_ef_staff_sees_invoice (caller->agent, invoice))
        continue;
      total_due += invoice->balance;
      json_array_add_element (invoice_array, ef_billing_invoice_to_json (invoice, settings, tz));
    }
  json_object_set_int_member (object, "total_due_cents", total_due);
  payment_array = json_array_new ();
  json_object_set_array_member (object, "payments", payment_array);
  for (guint i = 0; i < payments->len; i++)
    {
      const EfPayment *payment = g_ptr_array_index (payments, i);

      if (!_ef_staff_sees_payment (store, caller->agent, payment, &error))
        {
          if (error != NULL)
            {
              ef_http_respond_error (msg, error);
              return;
            }
          continue;
        }
      json_array_add_element (payment_array, _ef_staff_payment_to_json (payment, tz));
    }

  ef_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
ef_staff_handler_get_audit (SoupServerMessage *msg,
                            GHashTable        *params,
                            gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonArray *entries;
  guint page, per_page, total = 0;
  gint64 family_id;
  gboolean ok;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  family_id = path_id (params);
  if (!_ef_staff_check_family (server, msg, caller, family_id, "No such family"))
    return;
  query = _ef_staff_parse_query (msg, &ok);
  if (!ok || !read_page (msg, query, &page, &per_page))
    return;
  tz = _ef_staff_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;

  records = ef_store_list_staff_audit (ef_server_get_store (server), caller->tenant_id, family_id,
                                       (page - 1) * per_page, per_page, &total, &error);
  if (records == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  entries = json_array_new ();
  for (guint i = 0; i < records->len; i++)
    {
      const EfStaffAuditRecord *record = g_ptr_array_index (records, i);
      JsonObject *item = json_object_new ();
      JsonObject *agent = json_object_new ();
      const char *texts[] = { record->before, record->after };
      const char *names[] = { "before", "after" };

      json_object_set_int_member (item, "id", record->id);
      set_instant (item, "at", record->at, tz);
      if (record->agent_id > 0)
        json_object_set_int_member (agent, "id", record->agent_id);
      else
        json_object_set_null_member (agent, "id");
      json_object_set_string_member (agent, "name", record->agent_name);
      json_object_set_string_member (agent, "email", record->agent_email);
      json_object_set_object_member (item, "agent", agent);
      json_object_set_string_member (item, "action", record->action);
      json_object_set_string_member (item, "target", record->target);
      for (guint j = 0; j < G_N_ELEMENTS (texts); j++)
        {
          JsonNode *value = texts[j] ? ef_json_parse (texts[j], -1, NULL) : NULL;

          if (value != NULL)
            json_object_set_member (item, names[j], value);
          else
            json_object_set_null_member (item, names[j]);
        }
      set_text_or_null (item, "via", record->via);
      json_array_add_object_element (entries, item);
    }

  object = json_object_new ();
  json_object_set_int_member (object, "family", family_id);
  set_page (object, page, per_page, total);
  json_object_set_array_member (object, "entries", entries);
  respond_object (msg, SOUP_STATUS_OK, object);
}

/* -------------------------------------------------------------- members */

void
ef_staff_handler_patch_member (SoupServerMessage *msg,
                               GHashTable        *params,
                               gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfPlanningMember) found = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) details = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  g_autofree char *target = NULL;
  EfMember *member;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL || (found = lookup_member (server, msg, params, caller)) == NULL)
    return;
  tz = _ef_staff_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL || (body = _ef_staff_read_body (msg, &via)) == NULL)
    return;

  family = ef_store_load_family (store, caller->tenant_id, found->family_id, &error);
  member = family ? ef_family_find_member (family, found->id) : NULL;
  if (member == NULL)
    {
      if (error != NULL)
        ef_http_respond_error (msg, error);
      else
        ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "No such member");
      return;
    }

  before = ef_member_to_json (member);
  details = json_array_new ();
  if (!ef_member_apply_staff_patch (member, body, today (server, tz), details))
    {
      ef_http_respond_api_error_full (msg, EF_API_ERROR_VALIDATION,
                                      "Some fields are invalid or cannot be changed", details);
      return;
    }
  after = ef_member_to_json (member);
  target = g_strdup_printf ("member:%" G_GINT64_FORMAT, member->id);

  if (!ef_store_begin_write (store, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  if (!ef_store_update_member (store, family->id, member, _ef_staff_now (server), &error) ||
      !_ef_staff_audit (server, caller, family->id, "member_update", target, before, after, via,
                        &error) ||
      !ef_store_commit_write (store, &error))
    {
      ef_store_rollback_write (store);
      ef_http_respond_error (msg, error);
      return;
    }

  ef_http_respond_json (msg, SOUP_STATUS_OK, after);
}

void
ef_staff_handler_get_planning (SoupServerMessage *msg,
                               GHashTable        *params,
                               gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfPlanningMember) member = NULL;
  g_autoptr(EfPlanningRules) rules = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bounds_error = NULL;
  const char *names[] = { "from", "to" };
  EfDay days[2] = { EF_DAY_INVALID, EF_DAY_INVALID };
  gboolean ok;
  gsize length;
  char *body;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL || (member = lookup_member (server, msg, params, caller)) == NULL)
    return;
  query = _ef_staff_parse_query (msg, &ok);
  if (!ok)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *text = query ? g_hash_table_lookup (query, names[i]) : NULL;

      days[i] = text ? ef_day_parse_iso (text, NULL) : EF_DAY_INVALID;
      if (days[i] == EF_DAY_INVALID)
        {
          g_autofree char *message = g_strdup_printf ("The query parameter '%s' (YYYY-MM-DD) is required",
                                                      names[i]);

          ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_DATE, message);
          return;
        }
      if (!ef_request_check_day_bounds (names[i], days[i], &bounds_error))
        {
          ef_http_respond_error (msg, bounds_error);
          return;
        }
    }
  if (days[1] < days[0])
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_DATE, "'from' is after 'to'");
      return;
    }
  if (days[1] - days[0] + 1 > EF_PLANNING_MAX_DAYS)
    {
      g_autofree char *message = g_strdup_printf ("A planning covers at most %d days",
                                                  EF_PLANNING_MAX_DAYS);

      ef_http_respond_api_error (msg, EF_API_ERROR_VALIDATION, message);
      return;
    }

  rules = ef_server_get_planning_rules (server, caller->tenant_id, &error);
  if (rules == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  now = ef_server_get_now (server);
  body = ef_planning_build (ef_server_get_store (server), rules, member->id, days[0], days[1],
                            now, &length, &error);
  if (body == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  ef_http_respond_json_text (msg, SOUP_STATUS_OK, body, length);
}

void
ef_staff_handler_invite_member (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data)
{
  static const char * const allowed[] = { NULL };
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfPlanningMember) member = NULL;
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(EfFamilyAccount) state = NULL;
  g_autoptr(EfMail) mail = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GDateTime) local_expires = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  g_autofree char *token = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *portal = NULL;
  g_autofree char *target = NULL;
  JsonObject *object;

  caller = ef_auth_require_agent (server, msg, tenant_id);
  if (caller == NULL || (member = lookup_member (server, msg, params, caller)) == NULL)
    return;
  body = _ef_staff_read_body (msg, &via);
  if (body == NULL)
    return;
  settings = ef_store_load_tenant_settings (store, caller->tenant_id, &error);
  if (settings == NULL || !ef_json_check_members (body, allowed, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  tz = ef_time_zone_new (settings->time_zone, NULL);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  now = ef_server_get_now (server);
  expires = g_date_time_add_seconds (now, EF_INVITATION_SECONDS);
  local_expires = g_date_time_to_timezone (expires, tz);
  token = ef_secret_token_new ();
  digest = ef_secret_token_digest (token);
  target = g_strdup_printf ("member:%" G_GINT64_FORMAT, member->id);

  if (!ef_store_begin_write (store, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  account = ef_store_prepare_invitation (store, caller->tenant_id, member->id, NULL,
                                         g_date_time_to_unix (now), &error);
  if (account == NULL ||
      !ef_store_add_account_token (store, account->id, EF_TOKEN_INVITATION, digest,
                                   g_date_time_to_unix (now), g_date_time_to_unix (expires), &error))
    goto fail;

  object = json_object_new ();
  json_object_set_int_member (object, "account", account->id);
  json_object_set_string_member (object, "email", account->email);
  set_instant (object, "expires_at", g_date_time_to_unix (expires), tz);
  after = object_node (object);
  if (!_ef_staff_audit (server, caller, member->family_id, "invitation_send", target, NULL, after,
                        via, &error) ||
      !ef_store_commit_write (store, &error))
    goto fail;

  portal = ef_server_dup_portal_url (server, caller->tenant_id, settings->public_url);
  mail = ef_mail_new_invitation (settings->name, portal, account->email, member->first_name,
                                 token, local_expires);
  if (!ef_auth_handler_deliver_mail (server, caller->tenant_id, settings, mail, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }

  state = ef_store_get_member_account (store, member->id, &error);
  if (state == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  object = json_object_new ();
  json_object_set_member (object, "account", account_to_json (state, g_date_time_to_unix (now), tz));
  respond_object (msg, SOUP_STATUS_ACCEPTED, object);
  return;

fail:
  ef_store_rollback_write (store);
  /* The store's refusals, as the staff read them. */
  if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_FORBIDDEN))
    {
      g_autoptr(JsonArray) details = json_array_new ();
      JsonObject *detail = json_object_new ();

      json_object_set_string_member (detail, "field", "member");
      json_object_set_string_member (detail, "code", "has_password");
      json_array_add_object_element (details, detail);
      ef_http_respond_api_error_full (msg, EF_API_ERROR_VALIDATION,
                                      "The account has a password already: the parent can use the "
                                      "forgotten password", details);
    }
  else
    ef_http_respond_error (msg, error);
}

void
ef_staff_handler_unlock_member (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data)
{
  static const char * const allowed[] = { NULL };
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfPlanningMember) member = NULL;
  g_autoptr(EfFamilyAccount) account = NULL;
  g_autoptr(EfFamilyAccount) unlocked = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  g_autofree char *target = NULL;
  gboolean changed = FALSE;
  gint64 now;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL || (member = lookup_member (server, msg, params, caller)) == NULL)
    return;
  body = _ef_staff_read_body (msg, &via);
  if (body == NULL)
    return;
  if (!ef_json_check_members (body, allowed, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  tz = _ef_staff_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;

  account = ef_store_get_member_account (store, member->id, &error);
  if (account == NULL)
    {
      if (error != NULL)
        ef_http_respond_error (msg, error);
      else
        ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "The member has no account");
      return;
    }

  now = _ef_staff_now (server);
  before = account_to_json (account, now, tz);
  target = g_strdup_printf ("account:%" G_GINT64_FORMAT, account->id);
  if (!ef_store_begin_write (store, &error) ||
      !ef_store_unlock_account (store, account->id, &changed, &error))
    goto fail;
  unlocked = ef_store_get_member_account (store, member->id, &error);
  if (unlocked == NULL)
    goto fail;
  after = account_to_json (unlocked, now, tz);
  /* Lifting a lock that is not there changes nothing, and is not logged. */
  if ((changed && !_ef_staff_audit (server, caller, member->family_id, "account_unlock", target,
                                    before, after, via, &error)) ||
      !ef_store_commit_write (store, &error))
    goto fail;

  ef_http_respond_json (msg, SOUP_STATUS_OK, after);
  return;

fail:
  ef_store_rollback_write (store);
  ef_http_respond_error (msg, error);
}

/* ----------------------------------------------------------- enrolments */

/* The activity @code, checked against the caller's services; answers and
 * returns NULL otherwise (422 for an unknown one, 403 for another
 * service's). */
static const EfActivity *
agent_activity (SoupServerMessage *msg,
                EfPlanningRules   *rules,
                const EfCaller    *caller,
                const char        *code)
{
  const EfActivity *activity = ef_planning_rules_find_activity (rules, code);

  if (activity == NULL)
    {
      g_autofree char *message = g_strdup_printf ("activity: no activity '%s'", code);

      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD, message);
      return NULL;
    }
  if (!ef_staff_agent_has_service (caller->agent, activity->service_id))
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_FORBIDDEN,
                                 "The activity is another service's: its agents enrol in it");
      return NULL;
    }
  return activity;
}

void
ef_staff_handler_create_enrolment (SoupServerMessage *msg,
                                   GHashTable        *params,
                                   gpointer           user_data)
{
  static const char * const allowed[] = { "member", "activity", "site", "from", "to", NULL };
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfPlanningMember) member = NULL;
  g_autoptr(EfPlanningRules) rules = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  g_autofree char *target = NULL;
  const EfActivity *activity;
  const EfEnrolment *enrolment = NULL;
  const char *code = NULL, *site = NULL;
  gboolean created = FALSE;
  gint64 family_id, member_id = 0;
  EfDay from = EF_DAY_INVALID, to = EF_DAY_INVALID;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  family_id = path_id (params);
  if (!_ef_staff_check_family (server, msg, caller, family_id, "No such family"))
    return;
  body = _ef_staff_read_body (msg, &via);
  if (body == NULL)
    return;
  if (!ef_json_check_members (body, allowed, &error) ||
      !ef_json_get_int (body, "member", FALSE, &member_id, &error) ||
      !ef_json_get_string (body, "activity", FALSE, &code, &error) ||
      !ef_json_get_string (body, "site", TRUE, &site, &error) ||
      !get_day (body, "from", &from, &error) ||
      !get_day (body, "to", &to, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  if (to < from)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_DATE, "'from' is after 'to'");
      return;
    }

  member = ef_store_lookup_planning_member (store, caller->tenant_id, member_id, &error);
  if (member == NULL || member->family_id != family_id)
    {
      if (error != NULL && error->domain != EF_API_ERROR)
        ef_http_respond_error (msg, error);
      else
        ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "No such member in this family");
      return;
    }
  rules = ef_server_get_planning_rules (server, caller->tenant_id, &error);
  if (rules == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  activity = agent_activity (msg, rules, caller, code);
  if (activity == NULL)
    return;

  if (!ef_store_begin_write (store, &error) ||
      !ef_store_add_enrolment_at_site (store, caller->tenant_id, member_id, activity->code, site,
                                       from, to, &created, &error) ||
      (enrolments = ef_store_list_enrolments (store, member_id, &error)) == NULL)
    goto fail;
  for (guint i = 0; i < enrolments->len; i++)
    {
      const EfEnrolment *item = g_ptr_array_index (enrolments, i);

      if (item->activity_id == activity->id && item->first_day == from && item->last_day == to)
        enrolment = item;
    }
  g_assert (enrolment != NULL);
  after = enrolment_to_json (enrolment);
  target = g_strdup_printf ("enrolment:%" G_GINT64_FORMAT, enrolment->id);
  if ((created && !_ef_staff_audit (server, caller, family_id, "enrolment_create", target,
                                    NULL, after, via, &error)) ||
      !ef_store_commit_write (store, &error))
    goto fail;

  ef_http_respond_json (msg, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, after);
  return;

fail:
  ef_store_rollback_write (store);
  ef_http_respond_error (msg, error);
}

void
ef_staff_handler_end_enrolment (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data)
{
  static const char * const allowed[] = { "to", NULL };
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfEnrolment) enrolment = NULL;
  g_autoptr(EfEnrolment) ended = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  g_autofree char *target = NULL;
  JsonObject *answer;
  gint64 family_id = 0, id;
  guint n_cancelled = 0;
  EfDay to = EF_DAY_INVALID;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  id = path_id (params);
  if (id > 0)
    enrolment = ef_store_get_enrolment (store, caller->tenant_id, id, &family_id, &error);
  if (enrolment == NULL)
    {
      if (error != NULL && error->domain != EF_API_ERROR)
        ef_http_respond_error (msg, error);
      else
        ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "No such enrolment");
      return;
    }
  if (!_ef_staff_check_family (server, msg, caller, family_id, "No such enrolment"))
    return;
  if (!ef_staff_agent_has_service (caller->agent, enrolment->service_id))
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_FORBIDDEN,
                                 "The enrolment is in another service's activity");
      return;
    }
  body = _ef_staff_read_body (msg, &via);
  if (body == NULL)
    return;
  if (!ef_json_check_members (body, allowed, &error) || !get_day (body, "to", &to, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }

  before = enrolment_to_json (enrolment);
  target = g_strdup_printf ("enrolment:%" G_GINT64_FORMAT, id);
  if (!ef_store_begin_write (store, &error) ||
      !ef_store_end_enrolment (store, caller->tenant_id, id, to, caller->account_id,
                               _ef_staff_now (server), &n_cancelled, &error) ||
      (ended = ef_store_get_enrolment (store, caller->tenant_id, id, &family_id, &error)) == NULL)
    goto fail;
  after = enrolment_to_json (ended);
  json_object_set_int_member (json_node_get_object (after), "cancelled_reservations", n_cancelled);
  if ((to != enrolment->last_day &&
       !_ef_staff_audit (server, caller, family_id, "enrolment_end", target, before, after, via,
                         &error)) ||
      !ef_store_commit_write (store, &error))
    goto fail;

  answer = json_object_new ();
  json_object_set_member (answer, "enrolment", enrolment_to_json (ended));
  json_object_set_int_member (answer, "cancelled_reservations", n_cancelled);
  respond_object (msg, SOUP_STATUS_OK, answer);
  return;

fail:
  ef_store_rollback_write (store);
  ef_http_respond_error (msg, error);
}

/* --------------------------------------------------------- reservations */

void
ef_staff_handler_post_reservations (SoupServerMessage *msg,
                                    GHashTable        *params,
                                    gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfPlanningRules) rules = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonArray) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  EfPlanningBatch batch = { NULL, };
  gboolean override = FALSE;
  gint64 family_id;
  JsonNode *billed;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  family_id = path_id (params);
  if (!_ef_staff_check_family (server, msg, caller, family_id, "No such family"))
    return;
  body = _ef_staff_read_body (msg, &via);
  if (body == NULL)
    return;

  /* What only an agent may say; the rest is the parents' batch. */
  batch.override_billed = -1;
  if (!ef_json_get_bool (body, "override_deadline", TRUE, &override, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  billed = json_object_get_member (body, "billed");
  if (billed != NULL && !JSON_NODE_HOLDS_NULL (billed))
    {
      if (!JSON_NODE_HOLDS_VALUE (billed) || json_node_get_value_type (billed) != G_TYPE_BOOLEAN)
        {
          ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD,
                                     "billed: true, false or null");
          return;
        }
      if (!override)
        {
          ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD,
                                     "billed: only with \"override_deadline\": true");
          return;
        }
      batch.override_billed = json_node_get_boolean (billed) ? 1 : 0;
    }
  json_object_remove_member (body, "override_deadline");
  json_object_remove_member (body, "billed");
  request = object_node (json_object_ref (body));

  rules = ef_server_get_planning_rules (server, caller->tenant_id, &error);
  if (rules == NULL ||
      (accounts = ef_store_list_family_accounts (store, family_id, &error)) == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  now = ef_server_get_now (server);
  batch.tenant_id = caller->tenant_id;
  batch.family_id = family_id;
  batch.account_id = caller->account_id;
  /* The family learns of it, as when it reserves itself. */
  batch.recipient = accounts->len > 0 ? ((EfFamilyAccount *) g_ptr_array_index (accounts, 0))->email
                                      : NULL;
  batch.channel = "api";
  batch.now = now;
  batch.agent = caller->agent;
  batch.override_deadline = override;
  batch.via = via;

  answer = ef_planning_apply_batch (store, rules, &batch, request, &details, &error);
  if (answer == NULL)
    {
      respond_error_details (msg, error, details);
      return;
    }
  ef_http_respond_json (msg, SOUP_STATUS_OK, answer);
}

/* -------------------------------------------------- on a family's behalf */

void
ef_staff_handler_open_family_session (SoupServerMessage *msg,
                                      GHashTable        *params,
                                      gpointer           user_data)
{
  static const char * const allowed[] = { NULL };
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  g_autofree char *target = NULL;
  g_autofree char *token = NULL;
  g_autofree char *digest = NULL;
  gint64 family_id, session_id, now;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  family_id = path_id (params);
  if (!_ef_staff_check_family (server, msg, caller, family_id, "No such family"))
    return;
  body = _ef_staff_read_body (msg, &via);
  if (body == NULL)
    return;
  if (!ef_json_check_members (body, allowed, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  tz = _ef_staff_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;

  family = ef_store_load_family (store, caller->tenant_id, family_id, &error);
  if (family != NULL)
    account = ef_store_find_account (store, caller->tenant_id, caller->email, &error);
  if (account == NULL)
    {
      if (error != NULL)
        ef_http_respond_error (msg, error);
      else
        ef_http_respond_api_error (msg, EF_API_ERROR_UNAUTHORIZED, "Sign in first");
      return;
    }

  /* It ends with the agent's session at the latest, and before with a
   * logout of either. */
  now = _ef_staff_now (server);
  token = ef_secret_token_new ();
  digest = ef_secret_token_digest (token);
  target = g_strdup_printf ("family:%" G_GINT64_FORMAT, family_id);
  if (!ef_store_begin_write (store, &error))
    goto fail;
  session_id = ef_store_open_family_session (store, caller->tenant_id, caller->session_id,
                                             caller->account_id, family_id, via, digest,
                                             "on behalf", now, caller->expires_at, &error);
  if (session_id == 0)
    goto fail;
  after = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (after, json_object_new ());
  json_object_set_int_member (json_node_get_object (after), "session", session_id);
  if (!_ef_staff_audit (server, caller, family_id, "family_session_open", target, NULL, after,
                        via, &error) ||
      !ef_store_commit_write (store, &error))
    goto fail;

  node = ef_auth_handler_session_to_json (token, caller->expires_at, now, tz, account,
                                          caller->agent, family, via);
  ef_http_respond_json (msg, SOUP_STATUS_CREATED, node);
  return;

fail:
  ef_store_rollback_write (store);
  ef_http_respond_error (msg, error);
}
