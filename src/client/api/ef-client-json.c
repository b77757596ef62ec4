/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-json.c: the API's answers, read into the client's models */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <string.h>

#include "ef-common.h"
#include "ef-client-json.h"

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

void
_ef_session_info_free (EfSessionInfo *info)
{
  if (info == NULL)
    return;

  /* The token is a password for 12 hours: leave nothing behind. */
  if (info->token != NULL)
    memset (info->token, 0, strlen (info->token));
  g_free (info->token);
  if (info->device_token != NULL)
    memset (info->device_token, 0, strlen (info->device_token));
  g_free (info->device_token);
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
  info->device_token = g_steal_pointer (&record->device_token);
  return g_steal_pointer (&info);
}

char *
_ef_account_email_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  return ef_account_email_from_json (node, error);
}

/* The models of a list's records, each made by @new_item from a record
 * its codec has checked (see list_new_from_records() for those that can
 * still refuse one). */
typedef gpointer (*ItemFromCheckedRecord) (gconstpointer record);

static GListStore *
store_new_from_records (GType                  type,
                        GPtrArray             *records,
                        ItemFromCheckedRecord  new_item)
{
  GListStore *items = g_list_store_new (type);

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr (GObject) item = new_item (g_ptr_array_index (records, i));

      g_list_store_append (items, item);
    }
  return items;
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

static EfFamily *
family_new_from_record (const EfFamilyRecord *record)
{
  g_autoptr (GListStore) members = NULL;
  g_autoptr (EfAddress) address = NULL;

  members = store_new_from_records (EF_TYPE_MEMBER, record->members,
                                    (ItemFromCheckedRecord) member_new_from_record);
  address = address_new_from_record (record->address);

  return g_object_new (EF_TYPE_FAMILY,
                       "id", record->id,
                       "name", record->name,
                       "address", address,
                       "members", members,
                       NULL);
}

EfFamily *
_ef_family_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr (EfFamilyRecord) record = ef_family_record_from_json (node, error);

  return record != NULL ? family_new_from_record (record) : NULL;
}

GListModel *
_ef_enrolments_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr (GListStore) enrolments = g_list_store_new (EF_TYPE_ENROLMENT);
  g_autoptr (EfEnrolmentsRecord) record = ef_enrolments_record_from_json (node, error);

  if (record == NULL)
    return NULL;

  for (guint i = 0; i < record->enrolments->len; i++)
    {
      const EfEnrolmentRecord *item = g_ptr_array_index (record->enrolments, i);
      g_autoptr (EfEnrolment) enrolment = g_object_new (EF_TYPE_ENROLMENT,
                                                        "id", item->id,
                                                        "member-id", record->member,
                                                        "activity", item->activity,
                                                        "activity-name", item->activity_name,
                                                        "service", item->service,
                                                        "site", item->site,
                                                        "first-day", item->from,
                                                        "last-day", item->to,
                                                        NULL);

      g_list_store_append (enrolments, enrolment);
    }

  return G_LIST_MODEL (g_steal_pointer (&enrolments));
}

static EfActivity *
activity_new_from_record (const EfPlanningActivityRecord  *record,
                          gint64                           member_id,
                          GError                         **error)
{
  g_autoptr (GListStore) days = g_list_store_new (EF_TYPE_PLANNING_DAY);
  g_autoptr (GPtrArray) items = g_ptr_array_new_full (record->days->len, g_object_unref);

  for (guint i = 0; i < record->days->len; i++)
    {
      const EfPlanningDayRecord *item = g_ptr_array_index (record->days, i);
      g_autoptr (GDateTime) deadline = NULL;
      int state = enum_from_text (EF_TYPE_DAY_STATE, item->state, EF_DAY_STATE_CLOSED);
      int reason = EF_CLOSED_REASON_NONE;

      /* A reason this version does not know stays NONE: closed all the same. */
      if (item->reason != NULL && state == EF_DAY_STATE_CLOSED)
        reason = ef_closed_reason_from_string (item->reason);
      if (item->deadline != NULL)
        {
          deadline = ef_instant_parse_iso (item->deadline, error);
          if (deadline == NULL)
            return NULL;
        }

      g_ptr_array_add (items, ef_planning_day_new (member_id, record->activity, item->day, state,
                                                   reason,
                                                   item->changeable && state != EF_DAY_STATE_CLOSED,
                                                   deadline,
                                                   state == EF_DAY_STATE_CLOSED && item->label != NULL
                                                     && *item->label != '\0' ? item->label : NULL));
    }

  /* One splice: a year is hundreds of days per activity. */
  g_list_store_splice (days, 0, 0, items->pdata, items->len);

  return g_object_new (EF_TYPE_ACTIVITY,
                       "code", record->activity,
                       "name", record->name,
                       "service", record->service,
                       "site", record->site,
                       "unit-price", record->unit_price_cents,
                       "days", days,
                       NULL);
}

EfPlanning *
_ef_planning_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr (GListStore) activities = g_list_store_new (EF_TYPE_ACTIVITY);
  g_autoptr (EfPlanningRecord) record = ef_planning_record_from_json (node, error);
  g_autoptr (GDateTime) now = NULL;

  if (record == NULL)
    return NULL;

  /* Optional: servers before it did not say. */
  if (record->now != NULL && (now = ef_instant_parse_iso (record->now, error)) == NULL)
    return NULL;

  for (guint i = 0; i < record->activities->len; i++)
    {
      g_autoptr (EfActivity) activity = activity_new_from_record (g_ptr_array_index (record->activities, i),
                                                                  record->member, error);

      if (activity == NULL)
        return NULL;
      g_list_store_append (activities, activity);
    }

  return g_object_new (EF_TYPE_PLANNING,
                       "member-id", record->member,
                       "first-day", record->from,
                       "last-day", record->to,
                       "time-zone", record->time_zone,
                       "version", record->version,
                       "activities", activities,
                       "now", now,
                       NULL);
}

EfReservationResult *
_ef_reservation_result_new_from_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr (EfReservationResult) result = NULL;
  g_autoptr (EfReservationResultRecord) record = ef_reservation_result_record_from_json (node, error);

  if (record == NULL)
    return NULL;

  result = g_object_new (EF_TYPE_RESERVATION_RESULT,
                         "applied", record->applied,
                         "unchanged", record->unchanged,
                         "reserved", record->reserved,
                         "cancelled", record->cancelled,
                         NULL);
  for (guint i = 0; i < record->versions->len; i++)
    {
      const EfPlanningVersion *entry = &g_array_index (record->versions, EfPlanningVersion, i);

      _ef_reservation_result_set_version (result, entry->member, entry->version);
    }

  return g_steal_pointer (&result);
}

typedef gpointer (*ItemReader) (JsonNode  *node,
                                GError   **error);

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

/* The staff's resources are read by their codec (ef-codec-staff.h); the
 * models are filled from its records. */

static GObject *
family_summary_new_from_record (const EfStaffFamilySummaryRecord *record)
{
  g_autoptr (GPtrArray) children = g_ptr_array_new ();
  g_autofree char *children_text = NULL;
  const char *email = NULL;

  for (guint i = 0; i < record->members->len; i++)
    {
      const EfStaffMemberSummaryRecord *member = g_ptr_array_index (record->members, i);

      if (g_str_equal (member->role, "child"))
        g_ptr_array_add (children, member->first_name);
      else if (email == NULL && member->email != NULL && *member->email != '\0')
        email = member->email;
    }
  g_ptr_array_add (children, NULL);
  children_text = g_strjoinv (", ", (char **) children->pdata);

  return g_object_new (EF_TYPE_STAFF_FAMILY_SUMMARY,
                       "id", record->id,
                       "name", record->name,
                       "reference", record->reference,
                       "children", children_text,
                       "email", email,
                       NULL);
}

EfStaffSearch *
_ef_staff_search_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr (EfStaffFamilyPageRecord) record = ef_staff_family_page_record_from_json (node, error);
  g_autoptr (EfStaffSearch) search = NULL;

  if (record == NULL)
    return NULL;

  search = g_new0 (EfStaffSearch, 1);
  search->families = G_LIST_MODEL (store_new_from_records (
    EF_TYPE_STAFF_FAMILY_SUMMARY, record->families,
    (ItemFromCheckedRecord) family_summary_new_from_record));
  search->total = (guint) CLAMP (record->total, 0, G_MAXUINT);
  return g_steal_pointer (&search);
}

static GObject *
read_staff_enrolment (JsonNode  *node,
                      GError   **error)
{
  g_autoptr (EfEnrolmentRecord) record = ef_staff_enrolment_record_from_json (node, error);

  if (record == NULL)
    return NULL;

  return g_object_new (EF_TYPE_ENROLMENT,
                       "id", record->id,
                       "member-id", record->member,
                       "activity", record->activity,
                       "activity-name", record->activity_name,
                       "service", record->service,
                       "site", record->site,
                       "first-day", record->from,
                       "last-day", record->to,
                       NULL);
}

EfStaffFamily *
_ef_staff_family_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr (GListModel) enrolments = NULL;
  g_autoptr (GListModel) invoices = NULL;
  g_autoptr (EfStaffFamilyRecord) record = ef_staff_family_record_from_json (node, error);
  g_autoptr (EfFamily) family = NULL;

  if (record == NULL)
    return NULL;

  /* StaffEnrolment has no codec yet: its elements are read here. */
  enrolments = list_new_from_records (EF_TYPE_ENROLMENT, record->enrolments,
                                      (ItemFromRecord) read_staff_enrolment, error);
  if (enrolments == NULL)
    return NULL;
  invoices = list_new_from_records (EF_TYPE_INVOICE, record->invoices,
                                    (ItemFromRecord) invoice_new_from_record, error);
  if (invoices == NULL)
    return NULL;
  family = family_new_from_record (record->family);

  return g_object_new (EF_TYPE_STAFF_FAMILY,
                       "family", family,
                       "enrolments", enrolments,
                       "invoices", invoices,
                       "total-due", record->total_due,
                       NULL);
}

static EfStaffPayment *
staff_payment_new_from_record (const EfStaffPaymentRecord *record)
{
  g_autoptr (GString) numbers = g_string_new ("");

  for (guint i = 0; i < record->entry->allocations->len; i++)
    {
      const EfPaymentAllocationRecord *allocation = g_ptr_array_index (record->entry->allocations, i);

      if (numbers->len > 0)
        g_string_append (numbers, ", ");
      g_string_append (numbers, allocation->number);
    }

  return g_object_new (EF_TYPE_STAFF_PAYMENT,
                       "family-name", record->family_name,
                       "time", record->entry->time,
                       "cancel-reason", record->cancel_reason,
                       "invoice-numbers", numbers->str,
                       "id", record->entry->id,
                       "family-id", record->family_id,
                       "channel", record->entry->channel,
                       "status", record->entry->status,
                       "amount", record->entry->amount,
                       "receipt-number", record->receipt_number,
                       "cheque-number", record->cheque_number,
                       "agent-name", record->agent_name,
                       "cancelled", record->cancelled_at != NULL,
                       NULL);
}

EfStaffPayment *
_ef_staff_payment_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr (EfStaffPaymentRecord) record = ef_staff_payment_record_from_json (node, error);

  return record != NULL ? staff_payment_new_from_record (record) : NULL;
}

static GObject *
daily_list_new_from_record (const EfAttendanceActivityRecord *record)
{
  g_autoptr (GString) children = g_string_new ("");

  for (guint i = 0; i < record->sites->len; i++)
    {
      const EfAttendanceSiteRecord *site = g_ptr_array_index (record->sites, i);

      for (guint j = 0; j < site->children->len; j++)
        {
          const EfAttendanceChildRecord *child = g_ptr_array_index (site->children, j);

          g_string_append_printf (children, "%s%s %s (%s)", children->len > 0 ? "\n" : "",
                                  child->last_name, child->first_name, site->site);
        }
    }

  return g_object_new (EF_TYPE_DAILY_LIST,
                       "activity", record->activity,
                       "name", record->name,
                       "closed", record->closed,
                       "count", record->count,
                       "children", children->str,
                       NULL);
}

GListModel *
_ef_daily_lists_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr (EfAttendanceListsRecord) record = ef_attendance_lists_record_from_json (node, error);

  if (record == NULL)
    return NULL;

  return G_LIST_MODEL (store_new_from_records (EF_TYPE_DAILY_LIST, record->activities,
                                               (ItemFromCheckedRecord) daily_list_new_from_record));
}

void
_ef_day_payments_free (EfDayPayments *payments)
{
  if (payments == NULL)
    return;

  g_clear_object (&payments->payments);
  g_free (payments);
}

EfDayPayments *
_ef_day_payments_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr (EfStaffDayPaymentsRecord) record = ef_staff_day_payments_record_from_json (node, error);
  g_autoptr (EfDayPayments) day = NULL;

  if (record == NULL)
    return NULL;

  day = g_new0 (EfDayPayments, 1);
  day->payments = G_LIST_MODEL (store_new_from_records (
    EF_TYPE_STAFF_PAYMENT, record->payments,
    (ItemFromCheckedRecord) staff_payment_new_from_record));
  /* The totals in the order of ef_counter_channels. */
  day->totals.cash = record->totals[0];
  day->totals.cheque = record->totals[1];
  day->totals.transfer = record->totals[2];
  day->totals.direct_debit = record->totals[3];
  day->totals.total = record->total;
  return g_steal_pointer (&day);
}

static EfDevice *
device_new_from_record (const EfDeviceRecord  *record,
                        GError               **error)
{
  g_autoptr (GDateTime) since = ef_instant_parse_iso (record->since, error);
  g_autoptr (GDateTime) last_used_at = since ? ef_instant_parse_iso (record->last_used_at, error) : NULL;
  g_autoptr (GDateTime) expires_at = last_used_at ? ef_instant_parse_iso (record->expires_at, error) : NULL;

  if (expires_at == NULL)
    return NULL;
  return g_object_new (EF_TYPE_DEVICE,
                       "id", record->id,
                       "client", record->client,
                       "since", since,
                       "last-used-at", last_used_at,
                       "expires-at", expires_at,
                       "current", record->current,
                       NULL);
}

GListModel *
_ef_devices_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr (GPtrArray) records = ef_device_list_from_json (node, error);

  return list_new_from_records (EF_TYPE_DEVICE, records, (ItemFromRecord) device_new_from_record,
                                error);
}
