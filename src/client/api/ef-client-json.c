/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-json.c: the API's answers, read into the client's models */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <string.h>

#include "ef-common.h"
#include "ef-client-json.h"

static gboolean
require_object (JsonNode    *node,
                const char  *what,
                JsonObject **out,
                GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD, "%s is not an object", what);
      return FALSE;
    }

  *out = json_node_get_object (node);
  return TRUE;
}

/* A string member that may be null (or absent). */
static gboolean
get_nullable_string (JsonObject  *object,
                     const char  *member,
                     const char **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  return ef_json_get_string (object, member, FALSE, out, error);
}

static gboolean
get_day (JsonObject  *object,
         const char  *member,
         EfDay       *out,
         GError     **error)
{
  const char *text;

  if (!ef_json_get_string (object, member, FALSE, &text, error))
    return FALSE;

  *out = ef_day_parse_iso (text, error);
  return *out != EF_DAY_INVALID;
}

/* The enum value whose nick is @text with "_" read as "-"; @fallback when
 * there is none. */
static int
enum_from_text (GType       type,
                const char *text,
                int         fallback)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  g_autofree char *nick = g_strdelimit (g_strdup (text), "_", '-');
  GEnumValue *value = g_enum_get_value_by_nick (klass, nick);

  return value != NULL ? value->value : fallback;
}

/* The same for a member of @object; a negative @fallback refuses values
 * it does not know. */
static gboolean
get_enum (JsonObject  *object,
          const char  *member,
          GType        type,
          int          fallback,
          int         *out,
          GError     **error)
{
  const char *text;

  if (!ef_json_get_string (object, member, FALSE, &text, error))
    return FALSE;

  *out = enum_from_text (type, text, fallback);
  if (*out < 0 && fallback < 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "The member “%s” has an unknown value “%s”", member, text);
      return FALSE;
    }
  return TRUE;
}

void
_ef_session_info_free (EfSessionInfo *info)
{
  if (info == NULL)
    return;

  /* The token is a password for 12 hours: leave nothing behind. */
  if (info->token != NULL)
    memset (info->token, 0, strlen (info->token));
  g_free (info->token);
  g_free (info->email);
  g_free (info->staff_name);
  g_strfreev (info->staff_roles);
  g_free (info->on_behalf_family_name);
  g_clear_pointer (&info->expires_at, g_date_time_unref);
  g_free (info);
}

/* The session and the account's e-mail are read by their codec
 * (ef-codec-session.h); the client's structures are filled from its
 * records. */
EfSessionInfo *
_ef_session_info_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr (EfSessionInfo) info = g_new0 (EfSessionInfo, 1);
  g_autoptr (EfAuthSessionRecord) record = ef_auth_session_record_from_json (node, error);
  EfAccountRecord *account;

  if (record == NULL)
    return NULL;
  if (record->token == NULL)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "The member “%s” is missing", "token");
      return NULL;
    }
  if (*record->token == '\0')
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD, "The token is empty");
      return NULL;
    }
  info->expires_at = ef_instant_parse_iso (record->expires_at, error);
  if (info->expires_at == NULL)
    return NULL;

  account = record->account;
  info->account_id = account->id;
  info->email = g_strdup (account->email);
  info->is_staff = account->staff != NULL;
  if (info->is_staff)
    {
      info->staff_name = g_strdup (account->staff->name);
      info->staff_roles = g_strdupv (account->staff->roles);
      /* An agent's session on behalf of a family names it. */
      if (record->on_behalf_of != NULL)
        {
          info->on_behalf_family_id = record->on_behalf_of->family_id;
          info->on_behalf_family_name = g_strdup (record->on_behalf_of->name);
        }
    }
  else
    {
      info->family_id = account->family_id;
      info->member_id = account->member_id;
    }
  info->token = g_steal_pointer (&record->token);
  return g_steal_pointer (&info);
}

char *
_ef_account_email_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  return ef_account_email_from_json (node, error);
}

/* The family, its members and their addresses are read by their codec
 * (ef-codec-family.h); the models are filled from its records. */

static EfAddress *
address_new_from_record (const EfAddressRecord *record)
{
  return ef_address_new (record->line1, record->line2, record->postal_code, record->city);
}

static EfMember *
member_new_from_record (const EfMemberRecord *record)
{
  g_autoptr (GListStore) phones = g_list_store_new (EF_TYPE_PHONE);
  g_autoptr (GListStore) pickup_persons = g_list_store_new (EF_TYPE_PICKUP_PERSON);
  g_autoptr (EfAddress) address = NULL;

  for (guint i = 0; i < record->phones->len; i++)
    {
      const EfPhoneRecord *phone = g_ptr_array_index (record->phones, i);
      g_autoptr (EfPhone) item = NULL;

      /* A kind this client does not know yet reads as a mobile. */
      item = ef_phone_new (enum_from_text (EF_TYPE_PHONE_KIND, phone->kind, EF_PHONE_KIND_MOBILE),
                           phone->number);
      g_list_store_append (phones, item);
    }
  for (guint i = 0; i < record->pickup_persons->len; i++)
    {
      const EfPickupPersonRecord *person = g_ptr_array_index (record->pickup_persons, i);
      g_autoptr (EfPickupPerson) item = NULL;

      item = ef_pickup_person_new (person->id, person->name, person->phone, person->relation);
      g_list_store_append (pickup_persons, item);
    }
  if (record->address != NULL)
    address = address_new_from_record (record->address);

  /* A role this client does not know yet reads as "other". */
  return g_object_new (EF_TYPE_MEMBER,
                       "id", record->id,
                       "role", enum_from_text (EF_TYPE_MEMBER_ROLE, record->role,
                                               EF_MEMBER_ROLE_OTHER),
                       "first-name", record->first_name,
                       "last-name", record->last_name,
                       "birth-date", ef_day_parse_iso (record->birth_date, NULL),
                       "address", address,
                       "phones", phones,
                       "email", record->email,
                       "caf-number", record->caf_number,
                       "pickup-persons", pickup_persons,
                       NULL);
}

EfAddress *
_ef_address_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr (EfAddressRecord) record = ef_address_record_from_json (node, error);

  return record != NULL ? address_new_from_record (record) : NULL;
}

EfMember *
_ef_member_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr (EfMemberRecord) record = ef_member_record_from_json (node, error);

  return record != NULL ? member_new_from_record (record) : NULL;
}

EfFamily *
_ef_family_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr (GListStore) members = g_list_store_new (EF_TYPE_MEMBER);
  g_autoptr (EfFamilyRecord) record = ef_family_record_from_json (node, error);
  g_autoptr (EfAddress) address = NULL;

  if (record == NULL)
    return NULL;

  for (guint i = 0; i < record->members->len; i++)
    {
      g_autoptr (EfMember) member = member_new_from_record (g_ptr_array_index (record->members, i));

      g_list_store_append (members, member);
    }
  address = address_new_from_record (record->address);

  return g_object_new (EF_TYPE_FAMILY,
                       "id", record->id,
                       "name", record->name,
                       "address", address,
                       "members", members,
                       NULL);
}

GListModel *
_ef_enrolments_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr (GListStore) enrolments = g_list_store_new (EF_TYPE_ENROLMENT);
  JsonObject *object;
  JsonArray *array;
  gint64 member_id;
  guint n;

  if (!require_object (node, "The enrolments", &object, error) ||
      !ef_json_get_int (object, "member", FALSE, &member_id, error) ||
      !ef_json_get_array (object, "enrolments", FALSE, &array, error))
    return NULL;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfEnrolment) enrolment = NULL;
      JsonObject *item;
      const char *activity, *activity_name, *service, *site;
      EfDay first_day, last_day;
      gint64 id;

      if (!require_object (json_array_get_element (array, i), "An enrolment", &item, error) ||
          !ef_json_get_int (item, "id", FALSE, &id, error) ||
          !ef_json_get_string (item, "activity", FALSE, &activity, error) ||
          !ef_json_get_string (item, "activity_name", FALSE, &activity_name, error) ||
          !ef_json_get_string (item, "service", FALSE, &service, error) ||
          !ef_json_get_string (item, "site", FALSE, &site, error) ||
          !get_day (item, "from", &first_day, error) ||
          !get_day (item, "to", &last_day, error))
        return NULL;

      enrolment = g_object_new (EF_TYPE_ENROLMENT,
                                "id", id,
                                "member-id", member_id,
                                "activity", activity,
                                "activity-name", activity_name,
                                "service", service,
                                "site", site,
                                "first-day", first_day,
                                "last-day", last_day,
                                NULL);
      g_list_store_append (enrolments, enrolment);
    }

  return G_LIST_MODEL (g_steal_pointer (&enrolments));
}

static EfActivity *
read_activity (JsonNode  *node,
               gint64     member_id,
               EfDay      first_day,
               EfDay      last_day,
               GError   **error)
{
  g_autoptr (GListStore) days = g_list_store_new (EF_TYPE_PLANNING_DAY);
  g_autoptr (GPtrArray) items = NULL;
  JsonObject *object;
  JsonArray *array;
  const char *code, *name, *service, *site;
  gint64 unit_price;
  guint n;

  if (!require_object (node, "An activity", &object, error) ||
      !ef_json_get_string (object, "activity", FALSE, &code, error) ||
      !ef_json_get_string (object, "name", FALSE, &name, error) ||
      !ef_json_get_string (object, "service", FALSE, &service, error) ||
      !ef_json_get_string (object, "site", FALSE, &site, error) ||
      !ef_json_get_int (object, "unit_price_cents", FALSE, &unit_price, error) ||
      !ef_json_get_array (object, "days", FALSE, &array, error))
    return NULL;

  n = json_array_get_length (array);
  if (n != last_day - first_day + 1)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "The activity “%s” has %u days instead of %u", code, n,
                   last_day - first_day + 1);
      return NULL;
    }

  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GDateTime) deadline = NULL;
      JsonObject *item;
      const char *deadline_text = NULL;
      const char *reason_text = NULL;
      const char *label = NULL;
      gboolean changeable;
      EfDay day;
      int state;
      int reason = EF_CLOSED_REASON_NONE;

      if (!require_object (json_array_get_element (array, i), "A day", &item, error) ||
          !get_day (item, "day", &day, error) ||
          !get_enum (item, "state", EF_TYPE_DAY_STATE, -1, &state, error) ||
          !ef_json_get_bool (item, "changeable", FALSE, &changeable, error) ||
          !ef_json_get_string (item, "deadline", TRUE, &deadline_text, error) ||
          !ef_json_get_string (item, "reason", TRUE, &reason_text, error) ||
          !ef_json_get_string (item, "label", TRUE, &label, error))
        return NULL;

      if (day != first_day + i)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       "The days of “%s” are not one per day in order", code);
          return NULL;
        }
      /* A reason this version does not know stays NONE: closed all the same. */
      if (reason_text != NULL && state == EF_DAY_STATE_CLOSED)
        reason = ef_closed_reason_from_string (reason_text);
      if (deadline_text != NULL)
        {
          deadline = ef_instant_parse_iso (deadline_text, error);
          if (deadline == NULL)
            return NULL;
        }

      g_ptr_array_add (items, ef_planning_day_new (member_id, code, day, state, reason,
                                                   changeable && state != EF_DAY_STATE_CLOSED,
                                                   deadline,
                                                   state == EF_DAY_STATE_CLOSED && label != NULL
                                                     && *label != '\0' ? label : NULL));
    }

  /* One splice: a year is hundreds of days per activity. */
  g_list_store_splice (days, 0, 0, items->pdata, items->len);

  return g_object_new (EF_TYPE_ACTIVITY,
                       "code", code,
                       "name", name,
                       "service", service,
                       "site", site,
                       "unit-price", unit_price,
                       "days", days,
                       NULL);
}

EfPlanning *
_ef_planning_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr (GListStore) activities = g_list_store_new (EF_TYPE_ACTIVITY);
  JsonObject *object;
  JsonArray *array;
  const char *time_zone;
  const char *now_text = NULL;
  g_autoptr (GDateTime) now = NULL;
  gint64 member_id, version;
  EfDay first_day, last_day;
  guint n;

  if (!require_object (node, "The planning", &object, error) ||
      !ef_json_get_int (object, "member", FALSE, &member_id, error) ||
      !get_day (object, "from", &first_day, error) ||
      !get_day (object, "to", &last_day, error) ||
      !ef_json_get_string (object, "time_zone", FALSE, &time_zone, error) ||
      !ef_json_get_int (object, "version", FALSE, &version, error) ||
      !ef_json_get_array (object, "activities", FALSE, &array, error) ||
      !ef_json_get_string (object, "now", TRUE, &now_text, error))
    return NULL;

  /* Optional: servers before it did not say. */
  if (now_text != NULL && (now = ef_instant_parse_iso (now_text, NULL)) == NULL)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "“now” is not an instant: “%s”", now_text);
      return NULL;
    }

  if (last_day < first_day)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                           "“from” is after “to”");
      return NULL;
    }

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfActivity) activity = read_activity (json_array_get_element (array, i),
                                                       member_id, first_day, last_day, error);

      if (activity == NULL)
        return NULL;
      g_list_store_append (activities, activity);
    }

  return g_object_new (EF_TYPE_PLANNING,
                       "member-id", member_id,
                       "first-day", first_day,
                       "last-day", last_day,
                       "time-zone", time_zone,
                       "version", version,
                       "activities", activities,
                       "now", now,
                       NULL);
}

EfReservationResult *
_ef_reservation_result_new_from_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr (EfReservationResult) result = NULL;
  JsonObject *object, *versions;
  gint64 applied, unchanged, reserved, cancelled;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (!require_object (node, "The result", &object, error) ||
      !ef_json_get_object (object, "versions", FALSE, &versions, error) ||
      !ef_json_get_int (object, "applied", FALSE, &applied, error) ||
      !ef_json_get_int (object, "unchanged", FALSE, &unchanged, error) ||
      !ef_json_get_int (object, "reserved", FALSE, &reserved, error) ||
      !ef_json_get_int (object, "cancelled", FALSE, &cancelled, error))
    return NULL;

  result = g_object_new (EF_TYPE_RESERVATION_RESULT,
                         "applied", applied,
                         "unchanged", unchanged,
                         "reserved", reserved,
                         "cancelled", cancelled,
                         NULL);

  json_object_iter_init (&iter, versions);
  while (json_object_iter_next (&iter, &name, &value))
    {
      gint64 member_id;

      if (!g_ascii_string_to_signed (name, 10, 1, G_MAXINT64, &member_id, NULL) ||
          !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       "The version of “%s” is not a member's version", name);
          return NULL;
        }
      _ef_reservation_result_set_version (result, member_id, json_node_get_int (value));
    }

  return g_steal_pointer (&result);
}

typedef gpointer (*ItemReader) (JsonNode  *node,
                                GError   **error);

/* Reads every element of the array @member of @object into @store. */
static gboolean
read_items (JsonObject  *object,
            const char  *member,
            ItemReader   read,
            GListStore  *store,
            GError     **error)
{
  JsonArray *array;
  guint n;

  if (!ef_json_get_array (object, member, FALSE, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = read (json_array_get_element (array, i), error);

      if (item == NULL)
        return FALSE;
      g_list_store_append (store, item);
    }

  return TRUE;
}

/* A value of a record's enum, which its codec has checked. */
static gboolean
record_enum (GType        type,
             const char  *member,
             const char  *text,
             int         *out,
             GError     **error)
{
  *out = enum_from_text (type, text, -1);
  if (*out < 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "The member “%s” has an unknown value “%s”", member, text);
      return FALSE;
    }
  return TRUE;
}

/* Invoices and payment entries are read by their codec
 * (ef-codec-billing.h); the models are filled from its records. */
static EfInvoice *
invoice_new_from_record (const EfInvoiceRecord  *record,
                         GError                **error)
{
  g_autoptr (GListStore) lines = g_list_store_new (EF_TYPE_INVOICE_LINE);
  g_autoptr (GListStore) totals = g_list_store_new (EF_TYPE_INVOICE_TOTAL);
  g_autoptr (GListStore) payments = g_list_store_new (EF_TYPE_INVOICE_PAYMENT);
  int status, not_payable = EF_NOT_PAYABLE_REASON_NONE;

  if (!record_enum (EF_TYPE_INVOICE_STATUS, "status", record->status, &status, error))
    return NULL;

  for (guint i = 0; i < record->lines->len; i++)
    {
      const EfInvoiceLineRecord *line = g_ptr_array_index (record->lines, i);
      g_autoptr (EfInvoiceLine) item = g_object_new (EF_TYPE_INVOICE_LINE,
                                                     "member-id", line->member_id,
                                                     "member-name", line->member_name,
                                                     "activity-id", line->activity_id,
                                                     "label", line->label,
                                                     "quantity", line->quantity,
                                                     "unit-price", line->unit_price,
                                                     "amount", line->amount,
                                                     NULL);

      g_list_store_append (lines, item);
    }
  for (guint i = 0; i < record->children->len; i++)
    {
      const EfInvoiceChildRecord *child = g_ptr_array_index (record->children, i);
      g_autoptr (EfInvoiceTotal) item = g_object_new (EF_TYPE_INVOICE_TOTAL,
                                                      "member-id", child->member_id,
                                                      "name", child->name,
                                                      "total", child->total,
                                                      NULL);

      g_list_store_append (totals, item);
    }
  for (guint i = 0; i < record->payments->len; i++)
    {
      const EfInvoicePaymentRecord *payment = g_ptr_array_index (record->payments, i);
      g_autoptr (EfInvoicePayment) item = NULL;
      g_autoptr (GDateTime) paid_at = ef_instant_parse_iso (payment->paid_at, error);
      int channel;

      if (paid_at == NULL ||
          !record_enum (EF_TYPE_PAYMENT_CHANNEL, "channel", payment->channel, &channel, error))
        return NULL;
      item = g_object_new (EF_TYPE_INVOICE_PAYMENT,
                           "id", payment->id,
                           "channel", channel,
                           "amount", payment->amount,
                           "paid-at", paid_at,
                           NULL);
      g_list_store_append (payments, item);
    }

  /* A reason this client does not know yet reads as "other". */
  if (record->not_payable_reason != NULL)
    not_payable = enum_from_text (EF_TYPE_NOT_PAYABLE_REASON, record->not_payable_reason,
                                  EF_NOT_PAYABLE_REASON_OTHER);

  return g_object_new (EF_TYPE_INVOICE,
                       "id", record->id,
                       "number", record->number,
                       "service", record->service,
                       "label", record->label,
                       "issue-date", record->issue_date,
                       "period-start", record->period_start,
                       "period-end", record->period_end,
                       "due-date", record->due_date,
                       "amount", record->amount,
                       "balance", record->balance,
                       "paid", record->paid,
                       "status", status,
                       "payable-online", record->payable_online,
                       "not-payable-reason", not_payable,
                       "lines", lines,
                       "totals", totals,
                       "payments", payments,
                       NULL);
}

EfInvoice *
_ef_invoice_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr (EfInvoiceRecord) record = ef_invoice_record_from_json (node, error);

  return record != NULL ? invoice_new_from_record (record, error) : NULL;
}

/* The models of a list's records, each made by @new_item. */
typedef gpointer (*ItemFromRecord) (gconstpointer   record,
                                    GError        **error);

static GListModel *
list_new_from_records (GType            type,
                       GPtrArray       *records,
                       ItemFromRecord   new_item,
                       GError         **error)
{
  g_autoptr (GListStore) items = g_list_store_new (type);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      g_autoptr (GObject) item = new_item (g_ptr_array_index (records, i), error);

      if (item == NULL)
        return NULL;
      g_list_store_append (items, item);
    }
  return records != NULL ? G_LIST_MODEL (g_steal_pointer (&items)) : NULL;
}

GListModel *
_ef_invoices_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr (GPtrArray) records = ef_invoice_list_from_json (node, error);

  return list_new_from_records (EF_TYPE_INVOICE, records, (ItemFromRecord) invoice_new_from_record,
                                error);
}

/* The finance summary and online payments are read by their codec
 * (ef-codec-payment.h); the models are filled from its records. */
EfFinance *
_ef_finance_new_from_json (JsonNode  *node,
                           GError   **error)
{
  EfFinanceRecord record;

  if (!ef_finance_record_from_json (node, &record, error))
    return NULL;

  return g_object_new (EF_TYPE_FINANCE,
                       "total-due", record.total_due,
                       "invoices-to-pay", record.invoices_to_pay,
                       "oldest-due-date", record.oldest_due_date,
                       "online-payment-enabled", record.online_payment_enabled,
                       NULL);
}

/* An instant a codec has checked; a NULL @text (a null member) is none. */
static gboolean
parse_instant (const char  *text,
               GDateTime  **out,
               GError     **error)
{
  *out = text != NULL ? ef_instant_parse_iso (text, error) : NULL;
  return text == NULL || *out != NULL;
}

/* The model of what a payment gave to an invoice: a Payment's invoices and
 * a PaymentEntry's allocations alike. */
static void
append_payment_invoice (GListStore *store,
                        gint64      invoice_id,
                        const char *number,
                        EfCents     amount)
{
  g_autoptr (EfPaymentInvoice) item = g_object_new (EF_TYPE_PAYMENT_INVOICE,
                                                    "invoice-id", invoice_id,
                                                    "number", number,
                                                    "amount", amount,
                                                    NULL);

  g_list_store_append (store, item);
}

static EfPayment *
payment_new_from_record (const EfPaymentRecord  *record,
                         GError                **error)
{
  g_autoptr (GListStore) invoices = g_list_store_new (EF_TYPE_PAYMENT_INVOICE);
  g_autoptr (GDateTime) created_at = NULL;
  g_autoptr (GDateTime) updated_at = NULL;
  g_autoptr (GDateTime) paid_at = NULL;
  g_autoptr (GDateTime) expires_at = NULL;
  int status, channel;

  if (!record_enum (EF_TYPE_PAYMENT_STATUS, "status", record->status, &status, error) ||
      !record_enum (EF_TYPE_PAYMENT_CHANNEL, "channel", record->channel, &channel, error) ||
      !parse_instant (record->created_at, &created_at, error) ||
      !parse_instant (record->updated_at, &updated_at, error) ||
      !parse_instant (record->paid_at, &paid_at, error) ||
      !parse_instant (record->expires_at, &expires_at, error))
    return NULL;

  for (guint i = 0; i < record->invoices->len; i++)
    {
      const EfPaymentInvoiceRecord *invoice = g_ptr_array_index (record->invoices, i);

      append_payment_invoice (invoices, invoice->invoice_id, invoice->number, invoice->amount);
    }

  return g_object_new (EF_TYPE_PAYMENT,
                       "id", record->id,
                       "status", status,
                       "channel", channel,
                       "amount", record->amount,
                       "reference", record->reference,
                       "label", record->label,
                       "invoices", invoices,
                       "created-at", created_at,
                       "updated-at", updated_at,
                       "paid-at", paid_at,
                       "expires-at", expires_at,
                       "provider-url", record->provider_url,
                       "refund-due", record->refund_due,
                       NULL);
}

EfPayment *
_ef_payment_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr (EfPaymentRecord) record = ef_payment_record_from_json (node, error);

  return record != NULL ? payment_new_from_record (record, error) : NULL;
}

GListModel *
_ef_payments_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr (GPtrArray) records = ef_payment_list_from_json (node, error);

  return list_new_from_records (EF_TYPE_PAYMENT, records, (ItemFromRecord) payment_new_from_record,
                                error);
}

static EfConnectionEntry *
connection_new_from_record (const EfConnectionEntryRecord  *record,
                            GError                        **error)
{
  g_autoptr (GDateTime) at = ef_instant_parse_iso (record->at, error);

  if (at == NULL)
    return NULL;

  /* A result this client does not know yet reads as a failure. */
  return g_object_new (EF_TYPE_CONNECTION_ENTRY,
                       "at", at,
                       "day", record->day,
                       "time", record->time,
                       "result", enum_from_text (EF_TYPE_CONNECTION_RESULT, record->result,
                                                 EF_CONNECTION_RESULT_BAD_CREDENTIALS),
                       "success", record->success,
                       "client", record->client,
                       "email", record->email,
                       NULL);
}

GListModel *
_ef_connection_history_new_from_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr (EfHistoryRecord) history = ef_connection_history_record_from_json (node, error);

  return list_new_from_records (EF_TYPE_CONNECTION_ENTRY, history ? history->items : NULL,
                                (ItemFromRecord) connection_new_from_record, error);
}

static EfPaymentEntry *
payment_entry_new_from_record (const EfPaymentEntryRecord  *record,
                               GError                     **error)
{
  g_autoptr (GListStore) allocations = g_list_store_new (EF_TYPE_PAYMENT_INVOICE);
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GDateTime) paid_at = NULL;
  int channel, status;

  if (!parse_instant (record->at, &at, error) ||
      !parse_instant (record->paid_at, &paid_at, error) ||
      !record_enum (EF_TYPE_PAYMENT_CHANNEL, "channel", record->channel, &channel, error) ||
      !record_enum (EF_TYPE_PAYMENT_STATUS, "status", record->status, &status, error))
    return NULL;

  for (guint i = 0; i < record->allocations->len; i++)
    {
      const EfPaymentAllocationRecord *allocation = g_ptr_array_index (record->allocations, i);

      append_payment_invoice (allocations, allocation->invoice_id, allocation->number,
                              allocation->amount);
    }

  return g_object_new (EF_TYPE_PAYMENT_ENTRY,
                       "id", record->id,
                       "at", at,
                       "day", record->day,
                       "time", record->time,
                       "channel", channel,
                       "status", status,
                       "amount", record->amount,
                       "paid-at", paid_at,
                       "allocations", allocations,
                       NULL);
}

GListModel *
_ef_payment_history_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr (EfHistoryRecord) history = ef_payment_history_record_from_json (node, error);

  return list_new_from_records (EF_TYPE_PAYMENT_ENTRY, history ? history->items : NULL,
                                (ItemFromRecord) payment_entry_new_from_record, error);
}

/* ------------------------------------------------------------ staff API */

void
_ef_staff_search_free (EfStaffSearch *search)
{
  if (search == NULL)
    return;

  g_clear_object (&search->families);
  g_free (search);
}

static GObject *
read_family_summary (JsonNode  *node,
                     GError   **error)
{
  g_autoptr (GPtrArray) children = g_ptr_array_new ();
  JsonObject *object;
  JsonArray *members;
  const char *name, *reference = NULL, *email = NULL;
  g_autofree char *children_text = NULL;
  gint64 id;
  guint n;

  if (!require_object (node, "A family", &object, error) ||
      !ef_json_get_int (object, "id", FALSE, &id, error) ||
      !ef_json_get_string (object, "name", FALSE, &name, error) ||
      !get_nullable_string (object, "reference", &reference, error) ||
      !ef_json_get_array (object, "members", FALSE, &members, error))
    return NULL;

  n = json_array_get_length (members);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *member;
      const char *role, *first_name, *member_email = NULL;

      if (!require_object (json_array_get_element (members, i), "A member", &member, error) ||
          !ef_json_get_string (member, "role", FALSE, &role, error) ||
          !ef_json_get_string (member, "first_name", FALSE, &first_name, error) ||
          !get_nullable_string (member, "email", &member_email, error))
        return NULL;

      if (g_str_equal (role, "child"))
        g_ptr_array_add (children, (gpointer) first_name);
      else if (email == NULL && member_email != NULL && *member_email != '\0')
        email = member_email;
    }
  g_ptr_array_add (children, NULL);
  children_text = g_strjoinv (", ", (char **) children->pdata);

  return g_object_new (EF_TYPE_STAFF_FAMILY_SUMMARY,
                       "id", id,
                       "name", name,
                       "reference", reference,
                       "children", children_text,
                       "email", email,
                       NULL);
}

EfStaffSearch *
_ef_staff_search_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr (GListStore) families = g_list_store_new (EF_TYPE_STAFF_FAMILY_SUMMARY);
  g_autoptr (EfStaffSearch) search = NULL;
  JsonObject *object;
  gint64 total;

  if (!require_object (node, "The search", &object, error) ||
      !ef_json_get_int (object, "total", FALSE, &total, error) ||
      !read_items (object, "families", (ItemReader) read_family_summary, families, error))
    return NULL;

  search = g_new0 (EfStaffSearch, 1);
  search->families = G_LIST_MODEL (g_steal_pointer (&families));
  search->total = (guint) CLAMP (total, 0, G_MAXUINT);
  return g_steal_pointer (&search);
}

static GObject *
read_staff_enrolment (JsonNode  *node,
                      GError   **error)
{
  JsonObject *item;
  const char *activity, *activity_name, *service, *site;
  EfDay first_day, last_day;
  gint64 id, member_id;

  if (!require_object (node, "An enrolment", &item, error) ||
      !ef_json_get_int (item, "id", FALSE, &id, error) ||
      !ef_json_get_int (item, "member", FALSE, &member_id, error) ||
      !ef_json_get_string (item, "activity", FALSE, &activity, error) ||
      !ef_json_get_string (item, "activity_name", FALSE, &activity_name, error) ||
      !ef_json_get_string (item, "service", FALSE, &service, error) ||
      !ef_json_get_string (item, "site", FALSE, &site, error) ||
      !get_day (item, "from", &first_day, error) ||
      !get_day (item, "to", &last_day, error))
    return NULL;

  return g_object_new (EF_TYPE_ENROLMENT,
                       "id", id,
                       "member-id", member_id,
                       "activity", activity,
                       "activity-name", activity_name,
                       "service", service,
                       "site", site,
                       "first-day", first_day,
                       "last-day", last_day,
                       NULL);
}

EfStaffFamily *
_ef_staff_family_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr (GListStore) enrolments = g_list_store_new (EF_TYPE_ENROLMENT);
  g_autoptr (GListModel) invoices = NULL;
  g_autoptr (EfFamily) family = NULL;
  JsonObject *object;
  gint64 total_due;

  if (!require_object (node, "The family", &object, error) ||
      !ef_json_get_int (object, "total_due_cents", FALSE, &total_due, error) ||
      !read_items (object, "enrolments", (ItemReader) read_staff_enrolment, enrolments, error))
    return NULL;

  family = _ef_family_new_from_json (node, error);
  if (family == NULL)
    return NULL;
  invoices = _ef_invoices_new_from_json (node, error);
  if (invoices == NULL)
    return NULL;

  return g_object_new (EF_TYPE_STAFF_FAMILY,
                       "family", family,
                       "enrolments", enrolments,
                       "invoices", invoices,
                       "total-due", total_due,
                       NULL);
}

EfStaffPayment *
_ef_staff_payment_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  JsonObject *object;
  const char *channel, *status, *receipt = NULL, *cheque = NULL, *agent = NULL, *cancelled_at = NULL;
  const char *family_name = NULL, *time = NULL, *reason = NULL;
  g_autoptr (GString) numbers = g_string_new ("");
  JsonArray *invoice_numbers = NULL;
  gint64 id, family_id, amount;

  if (!require_object (node, "A payment", &object, error) ||
      !ef_json_get_int (object, "id", FALSE, &id, error) ||
      !ef_json_get_int (object, "family", FALSE, &family_id, error) ||
      !ef_json_get_string (object, "channel", FALSE, &channel, error) ||
      !ef_json_get_string (object, "status", FALSE, &status, error) ||
      !ef_json_get_int (object, "amount_cents", FALSE, &amount, error) ||
      !get_nullable_string (object, "receipt_number", &receipt, error) ||
      !get_nullable_string (object, "cheque_number", &cheque, error) ||
      !get_nullable_string (object, "agent_name", &agent, error) ||
      !get_nullable_string (object, "cancelled_at", &cancelled_at, error) ||
      !ef_json_get_string (object, "family_name", TRUE, &family_name, error) ||
      !ef_json_get_string (object, "time", TRUE, &time, error) ||
      !get_nullable_string (object, "cancel_reason", &reason, error) ||
      !ef_json_get_array (object, "invoice_numbers", TRUE, &invoice_numbers, error))
    return NULL;

  for (guint i = 0; invoice_numbers != NULL && i < json_array_get_length (invoice_numbers); i++)
    {
      const char *number = json_array_get_string_element (invoice_numbers, i);

      if (number == NULL)
        continue;
      if (numbers->len > 0)
        g_string_append (numbers, ", ");
      g_string_append (numbers, number);
    }

  return g_object_new (EF_TYPE_STAFF_PAYMENT,
                       "family-name", family_name,
                       "time", time,
                       "cancel-reason", reason,
                       "invoice-numbers", numbers->str,
                       "id", id,
                       "family-id", family_id,
                       "channel", channel,
                       "status", status,
                       "amount", amount,
                       "receipt-number", receipt,
                       "cheque-number", cheque,
                       "agent-name", agent,
                       "cancelled", cancelled_at != NULL,
                       NULL);
}

static GObject *
read_daily_list (JsonNode  *node,
                 GError   **error)
{
  g_autoptr (GString) children = g_string_new ("");
  JsonObject *object;
  JsonArray *sites;
  const char *activity, *name, *closed = NULL;
  gint64 count;

  if (!require_object (node, "A list", &object, error) ||
      !ef_json_get_string (object, "activity", FALSE, &activity, error) ||
      !ef_json_get_string (object, "name", FALSE, &name, error) ||
      !get_nullable_string (object, "closed", &closed, error) ||
      !ef_json_get_int (object, "count", FALSE, &count, error) ||
      !ef_json_get_array (object, "sites", FALSE, &sites, error))
    return NULL;

  for (guint i = 0; i < json_array_get_length (sites); i++)
    {
      JsonObject *site;
      JsonArray *array;
      const char *site_name;

      if (!require_object (json_array_get_element (sites, i), "A site", &site, error) ||
          !ef_json_get_string (site, "site", FALSE, &site_name, error) ||
          !ef_json_get_array (site, "children", FALSE, &array, error))
        return NULL;

      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonObject *child;
          const char *first_name, *last_name;

          if (!require_object (json_array_get_element (array, j), "A child", &child, error) ||
              !ef_json_get_string (child, "first_name", FALSE, &first_name, error) ||
              !ef_json_get_string (child, "last_name", FALSE, &last_name, error))
            return NULL;
          g_string_append_printf (children, "%s%s %s (%s)", children->len > 0 ? "\n" : "",
                                  last_name, first_name, site_name);
        }
    }

  return g_object_new (EF_TYPE_DAILY_LIST,
                       "activity", activity,
                       "name", name,
                       "closed", closed,
                       "count", count,
                       "children", children->str,
                       NULL);
}

GListModel *
_ef_daily_lists_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr (GListStore) lists = g_list_store_new (EF_TYPE_DAILY_LIST);
  JsonObject *object;

  if (!require_object (node, "The lists", &object, error) ||
      !read_items (object, "activities", (ItemReader) read_daily_list, lists, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&lists));
}

void
_ef_day_payments_free (EfDayPayments *payments)
{
  if (payments == NULL)
    return;

  g_clear_object (&payments->payments);
  g_free (payments);
}

static GObject *
read_staff_payment (JsonNode  *node,
                    GError   **error)
{
  return G_OBJECT (_ef_staff_payment_new_from_json (node, error));
}

EfDayPayments *
_ef_day_payments_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr (GListStore) payments = g_list_store_new (EF_TYPE_STAFF_PAYMENT);
  g_autoptr (EfDayPayments) day = NULL;
  JsonObject *object, *totals;
  EfPaymentTotals sums = { 0 };

  if (!require_object (node, "The day's payments", &object, error) ||
      !ef_json_get_object (object, "totals_cents", FALSE, &totals, error) ||
      !ef_json_get_int (totals, "cash", FALSE, &sums.cash, error) ||
      !ef_json_get_int (totals, "cheque", FALSE, &sums.cheque, error) ||
      !ef_json_get_int (totals, "transfer", FALSE, &sums.transfer, error) ||
      !ef_json_get_int (totals, "direct_debit", FALSE, &sums.direct_debit, error) ||
      !ef_json_get_int (object, "total_cents", FALSE, &sums.total, error) ||
      !read_items (object, "payments", (ItemReader) read_staff_payment, payments, error))
    return NULL;

  day = g_new0 (EfDayPayments, 1);
  day->payments = G_LIST_MODEL (g_steal_pointer (&payments));
  day->totals = sums;
  return g_steal_pointer (&day);
}
