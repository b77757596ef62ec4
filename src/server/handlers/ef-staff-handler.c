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

void
_ef_staff_respond_not_found (SoupServerMessage *msg,
                             const GError      *error,
                             const char        *message)
{
  if (error != NULL && error->domain != EF_API_ERROR)
    ef_http_respond_error (msg, error);
  else
    ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, message);
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
  _ef_staff_respond_not_found (msg, error, message);
  return FALSE;
}

EfCaller *
_ef_staff_require_family (EfServer          *server,
                          SoupServerMessage *msg,
                          GHashTable        *params,
                          gint64            *family_id)
{
  g_autoptr(EfCaller) caller = NULL;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return NULL;
  *family_id = ef_request_parse_id (g_hash_table_lookup (params, "id"));
  if (!_ef_staff_check_family (server, msg, caller, *family_id, "No such family"))
    return NULL;
  return g_steal_pointer (&caller);
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
    .at = ef_server_get_now_unix (server),
  };

  return ef_store_add_staff_audit (ef_server_get_store (server), &entry, error);
}

EfStaffPaymentRecord *
_ef_staff_payment_record_new (const EfPayment *payment,
                              GTimeZone       *tz)
{
  EfStaffPaymentRecord *record = g_new0 (EfStaffPaymentRecord, 1);

  record->entry = ef_billing_payment_entry_record_new (payment, tz);
  record->family_id = payment->family_id;
  record->reference = g_strdup (payment->reference);
  record->note = g_strdup (payment->label ? payment->label : "");
  record->cheque_number = g_strdup (payment->cheque_number);
  record->receipt_number = g_strdup (payment->receipt_number);
  record->agent_name = g_strdup (payment->agent_name);
  record->cancelled_at = ef_instant_format_unix_iso (payment->cancelled_at, tz);
  record->cancel_reason = g_strdup (payment->cancel_reason);
  record->cancelled_paid_at = ef_instant_format_unix_iso (payment->cancelled_paid_at, tz);
  return record;
}

JsonNode *
_ef_staff_payment_to_json (const EfPayment *payment,
                           GTimeZone       *tz)
{
  g_autoptr(EfStaffPaymentRecord) record = _ef_staff_payment_record_new (payment, tz);

  return ef_staff_payment_record_to_json (record);
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

/* Answers @node, which it frees. */
static void
respond_node (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  ef_http_respond_json (msg, status, node);
  json_node_unref (node);
}

/* The body of an action that takes nothing but "via" (a StaffAction), with
 * its "via" in *@via; answers the error and returns FALSE otherwise. */
static gboolean
read_action (SoupServerMessage  *msg,
             char              **via)
{
  g_autoptr(JsonObject) body = _ef_staff_read_body (msg, via);
  g_autoptr(GError) error = NULL;

  if (body == NULL)
    return FALSE;
  if (!ef_json_check_members (body, ef_staff_action_members, &error))
    {
      ef_http_respond_error (msg, error);
      return FALSE;
    }
  return TRUE;
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

/* ?page= and ?per_page= (the members of the page's record); answers 422
 * and returns FALSE when invalid. */
static gboolean
read_page (SoupServerMessage *msg,
           GHashTable        *query,
           gint64            *page,
           gint64            *per_page)
{
  const char *names[] = { "page", "per_page" };
  gint64 *values[] = { page, per_page };
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
      *values[i] = (gint64) value;
    }
  return TRUE;
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
static EfFamilyAccountRecord *
account_record_new (const EfFamilyAccount *account,
                    gint64                 now,
                    GTimeZone             *tz)
{
  EfFamilyAccountRecord *record = g_new0 (EfFamilyAccountRecord, 1);

  record->id = account->id;
  record->member_id = account->member_id;
  record->email = g_strdup (account->email);
  record->has_password = account->has_password;
  record->locked = account->locked_until > now;
  record->locked_until = ef_instant_format_unix_iso (record->locked ? account->locked_until : 0, tz);
  record->failed_logins = account->failed_logins;
  if (account->invited_at > 0)
    {
      record->invitation = g_new0 (EfFamilyInvitationRecord, 1);
      record->invitation->sent_at = ef_instant_format_unix_iso (account->invited_at, tz);
      record->invitation->expires_at = ef_instant_format_unix_iso (account->invitation_expires_at, tz);
      record->invitation->used = account->invitation_used;
      record->invitation->expired = !account->invitation_used &&
                                    now >= account->invitation_expires_at;
    }
  return record;
}

static JsonNode *
account_to_json (const EfFamilyAccount *account,
                 gint64                 now,
                 GTimeZone             *tz)
{
  g_autoptr(EfFamilyAccountRecord) record = account_record_new (account, now, tz);

  return ef_family_account_record_to_json (record);
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
      _ef_staff_respond_not_found (msg, error, "No such member");
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

static EfStaffFamilySummaryRecord *
family_summary (EfStore         *store,
                const EfFamily  *family,
                GError         **error)
{
  g_autoptr(EfStaffFamilySummaryRecord) summary = ef_staff_family_summary_record_new ();

  summary->services = ef_store_list_family_services (store, family->id, error);
  if (summary->services == NULL)
    return NULL;
  summary->id = family->id;
  summary->name = g_strdup (family->name);
  summary->reference = g_strdup (family->reference);
  for (guint i = 0; i < family->members->len; i++)
    {
      const EfMember *member = g_ptr_array_index (family->members, i);
      EfStaffMemberSummaryRecord *item = g_new0 (EfStaffMemberSummaryRecord, 1);

      item->id = member->id;
      item->role = g_strdup (member->role);
      item->first_name = g_strdup (member->first_name);
      item->last_name = g_strdup (member->last_name);
      item->birth_date = g_strdup (member->birth_date);
      item->email = g_strdup (member->email);
      g_ptr_array_add (summary->members, item);
    }
  return g_steal_pointer (&summary);
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
  g_autoptr(EfStaffFamilyPageRecord) found = ef_staff_family_page_record_new ();
  g_autoptr(GError) error = NULL;
  const char *text = "";
  guint total = 0;
  gboolean ok;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;
  query = ef_request_parse_query (msg, &ok);
  if (!ok || !read_page (msg, query, &found->page, &found->per_page))
    return;
  if (query != NULL && g_hash_table_contains (query, "q"))
    text = g_hash_table_lookup (query, "q");
  if (g_utf8_strlen (text, -1) > 200)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD, "'q' has at most 200 characters");
      return;
    }
  /* Nothing typed holds one; the answer repeats 'q', and JSON would need
   * it escaped, which json-glib 1.6 does not do. */
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD,
                                   "'q' holds a control character");
        return;
      }

  ids = ef_store_search_families (store, caller->agent, text,
                                  (guint) ((found->page - 1) * found->per_page),
                                  (guint) found->per_page, &total, &error);
  if (ids == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EfFamily) family = ef_store_load_family (store, caller->tenant_id,
                                                         g_array_index (ids, gint64, i), &error);
      EfStaffFamilySummaryRecord *summary = family ? family_summary (store, family, &error) : NULL;

      if (summary == NULL)
        {
          ef_http_respond_error (msg, error);
          return;
        }
      g_ptr_array_add (found->families, summary);
    }

  found->query = g_strdup (text);
  found->total = total;
  respond_node (msg, SOUP_STATUS_OK, ef_staff_family_page_record_to_json (found));
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
  g_autoptr(EfStaffFamilyRecord) record = ef_staff_family_record_new ();
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) services = NULL;
  gint64 family_id, now;

  caller = _ef_staff_require_family (server, msg, params, &family_id);
  if (caller == NULL)
    return;
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
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

  now = ef_server_get_now_unix (server);
  record->services = g_steal_pointer (&services);

  /* Each member with its account, if it has one. */
  for (guint i = 0; i < family->members->len; i++)
    {
      const EfMember *member = g_ptr_array_index (family->members, i);
      g_autoptr(GPtrArray) list = ef_store_list_enrolments (store, member->id, &error);
      EfFamilyAccountRecord *account_record = NULL;

      for (guint j = 0; j < accounts->len; j++)
        {
          const EfFamilyAccount *account = g_ptr_array_index (accounts, j);

          if (account->member_id == member->id)
            {
              g_clear_pointer (&account_record, ef_family_account_record_free);
              account_record = account_record_new (account, now, tz);
            }
        }
      g_ptr_array_add (record->accounts, account_record);
      if (list == NULL)
        {
          ef_http_respond_error (msg, error);
          return;
        }
      for (guint j = 0; j < list->len; j++)
        g_ptr_array_add (record->enrolments, enrolment_to_json (g_ptr_array_index (list, j)));
    }

  /* The invoices of the agent's services, and the payments of those. */
  for (guint i = 0; i < invoices->len; i++)
    {
      const EfInvoice *invoice = g_ptr_array_index (invoices, i);

      if (!_ef_staff_sees_invoice (caller->agent, invoice))
        continue;
      record->total_due += invoice->balance;
      g_ptr_array_add (record->invoices, ef_billing_invoice_record_new (invoice, settings, tz));
    }
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
      g_ptr_array_add (record->payments, _ef_staff_payment_record_new (payment, tz));
    }

  g_clear_pointer (&record->family, ef_family_record_free);
  record->family = g_steal_pointer (&family);
  respond_node (msg, SOUP_STATUS_OK, ef_staff_family_record_to_json (record));
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
  g_autoptr(EfStaffAuditPageRecord) audit = ef_staff_audit_page_record_new ();
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;
  gint64 family_id;
  gboolean ok;

  caller = _ef_staff_require_family (server, msg, params, &family_id);
  if (caller == NULL)
    return;
  query = ef_request_parse_query (msg, &ok);
  if (!ok || !read_page (msg, query, &audit->page, &audit->per_page))
    return;
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
  if (tz == NULL)
    return;

  records = ef_store_list_staff_audit (ef_server_get_store (server), caller->tenant_id, family_id,
                                       (guint) ((audit->page - 1) * audit->per_page),
                                       (guint) audit->per_page, &total, &error);
  if (records == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      const EfStaffAuditRecord *record = g_ptr_array_index (records, i);
      EfStaffAuditEntryRecord *entry = g_new0 (EfStaffAuditEntryRecord, 1);

      entry->id = record->id;
      entry->at = ef_instant_format_unix_iso (record->at, tz);
      entry->agent_id = record->agent_id;
      entry->agent_name = g_strdup (record->agent_name);
      entry->agent_email = g_strdup (record->agent_email);
      entry->action = g_strdup (record->action);
      entry->target = g_strdup (record->target);
      entry->before = record->before ? ef_json_parse (record->before, -1, NULL) : NULL;
      entry->after = record->after ? ef_json_parse (record->after, -1, NULL) : NULL;
      entry->via = g_strdup (record->via);
      g_ptr_array_add (audit->entries, entry);
    }

  audit->family_id = family_id;
  audit->total = total;
  respond_node (msg, SOUP_STATUS_OK, ef_staff_audit_page_record_to_json (audit));
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
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
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
  if (!ef_store_update_member (store, family->id, member, ef_server_get_now_unix (server),
                               &error) ||
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
  query = ef_request_parse_query (msg, &ok);
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
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfPlanningMember) member = NULL;
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(EfFamilyAccount) state = NULL;
  g_autoptr(EfMail) mail = NULL;
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
  if (!read_action (msg, &via))
    return;
  settings = ef_store_load_tenant_settings (store, caller->tenant_id, &error);
  if (settings == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  tz = ef_tenant_settings_dup_time_zone (settings);

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
  {
    g_autofree char *text = ef_instant_format_unix_iso (g_date_time_to_unix (expires), tz);

    json_object_set_string_member (object, "expires_at", text);
  }
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
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfPlanningMember) member = NULL;
  g_autoptr(EfFamilyAccount) account = NULL;
  g_autoptr(EfFamilyAccount) unlocked = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  g_autofree char *target = NULL;
  gboolean changed = FALSE;
  gint64 now;

  caller = ef_auth_require_agent (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL || (member = lookup_member (server, msg, params, caller)) == NULL ||
      !read_action (msg, &via))
    return;
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
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

  now = ef_server_get_now_unix (server);
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
                               ef_server_get_now_unix (server), &n_cancelled, &error) ||
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
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *via = NULL;
  g_autofree char *target = NULL;
  g_autofree char *token = NULL;
  g_autofree char *digest = NULL;
  gint64 family_id, session_id, now;

  caller = _ef_staff_require_family (server, msg, params, &family_id);
  if (caller == NULL || !read_action (msg, &via))
    return;
  tz = ef_request_tenant_time_zone (server, msg, caller->tenant_id);
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
  now = ef_server_get_now_unix (server);
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
