/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-staff.c: the town hall staff's resources of the contract, as
 * plain records and their JSON */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <string.h>

#include "ef-codec-private.h"
#include "ef-codec-staff.h"
#include "ef-json.h"

const char * const ef_staff_vias[] = { "counter", "phone", NULL };
const char * const ef_counter_channels[] = { "cash", "cheque", "transfer", "direct_debit", NULL };
const char * const ef_staff_audit_actions[] = {
  "member_update", "enrolment_create", "enrolment_end", "invitation_send", "account_unlock",
  "reservations", "payment_record", "payment_cancel", "family_session_open", NULL
};

const char * const ef_staff_action_members[] = { "via", NULL };
const char * const ef_staff_member_patch_members[] = {
  "first_name", "last_name", "birth_date", "address", "phones", "email", "caf_number",
  "pickup_persons", "via", NULL
};
const char * const ef_staff_member_summary_record_members[] = {
  "id", "role", "first_name", "last_name", "birth_date", "email", NULL
};
const char * const ef_staff_family_summary_record_members[] = {
  "id", "name", "reference", "services", "members", NULL
};
const char * const ef_staff_family_page_record_members[] = {
  "query", "page", "per_page", "total", "families", NULL
};
const char * const ef_family_invitation_record_members[] = {
  "sent_at", "expires_at", "used", "expired", NULL
};
const char * const ef_family_account_record_members[] = {
  "id", "member", "email", "has_password", "locked", "locked_until", "failed_logins",
  "invitation", NULL
};
const char * const ef_staff_family_record_members[] = {
  "reference", "members", "services", "enrolments", "invoices", "total_due_cents", "payments",
  NULL
};
const char * const ef_staff_family_member_members[] = { "account", NULL };
const char * const ef_staff_payment_record_members[] = {
  "family", "reference", "note", "cheque_number", "receipt_number", "agent_name",
  "cancelled_at", "cancel_reason", "cancelled_paid_at", NULL
};
const char * const ef_staff_day_payment_members[] = { "family_name", NULL };
const char * const ef_staff_day_payments_record_members[] = {
  "day", "payments", "totals_cents", "total_cents", "count", NULL
};
const char * const ef_staff_audit_agent_members[] = { "id", "name", "email", NULL };
const char * const ef_staff_audit_entry_record_members[] = {
  "id", "at", "agent", "action", "target", "before", "after", "via", NULL
};
const char * const ef_staff_audit_page_record_members[] = {
  "family", "page", "per_page", "total", "entries", NULL
};
const char * const ef_attendance_child_record_members[] = {
  "member", "first_name", "last_name", "family", "family_name", "override", NULL
};
const char * const ef_attendance_site_record_members[] = { "site", "count", "children", NULL };
const char * const ef_attendance_activity_record_members[] = {
  "activity", "name", "service", "closed", "count", "sites", NULL
};
const char * const ef_attendance_lists_record_members[] = { "day", "total", "activities", NULL };
const char * const ef_offline_payment_request_record_members[] = {
  "channel", "invoices", "amount_cents", "cheque_number", "reference", "note", "via", NULL
};
const char * const ef_payment_cancel_request_record_members[] = { "reason", "via", NULL };

/* ------------------------------------------------------------ records */

#define NEW_ARRAY(free_func) g_ptr_array_new_with_free_func ((GDestroyNotify) (free_func))

/* Whether @a and @b hold equal elements, compared with @equal. */
static gboolean
items_equal (GPtrArray *a,
             GPtrArray *b,
             GEqualFunc equal)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
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
json_equal (gconstpointer a,
            gconstpointer b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

void
ef_staff_member_summary_record_free (EfStaffMemberSummaryRecord *member)
{
  if (member == NULL)
    return;
  g_free (member->role);
  g_free (member->first_name);
  g_free (member->last_name);
  g_free (member->birth_date);
  g_free (member->email);
  g_free (member);
}

static gboolean
member_summary_equal (const EfStaffMemberSummaryRecord *a,
                      const EfStaffMemberSummaryRecord *b)
{
  return a->id == b->id &&
         g_strcmp0 (a->role, b->role) == 0 &&
         g_strcmp0 (a->first_name, b->first_name) == 0 &&
         g_strcmp0 (a->last_name, b->last_name) == 0 &&
         g_strcmp0 (a->birth_date, b->birth_date) == 0 &&
         g_strcmp0 (a->email, b->email) == 0;
}

EfStaffFamilySummaryRecord *
ef_staff_family_summary_record_new (void)
{
  EfStaffFamilySummaryRecord *family = g_new0 (EfStaffFamilySummaryRecord, 1);

  family->members = NEW_ARRAY (ef_staff_member_summary_record_free);
  return family;
}

void
ef_staff_family_summary_record_free (EfStaffFamilySummaryRecord *family)
{
  if (family == NULL)
    return;
  g_free (family->name);
  g_free (family->reference);
  g_strfreev (family->services);
  g_ptr_array_unref (family->members);
  g_free (family);
}

static gboolean
family_summary_equal (const EfStaffFamilySummaryRecord *a,
                      const EfStaffFamilySummaryRecord *b)
{
  return a->id == b->id &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->reference, b->reference) == 0 &&
         strv_equal ((const char * const *) a->services, (const char * const *) b->services) &&
         items_equal (a->members, b->members, (GEqualFunc) member_summary_equal);
}

EfStaffFamilyPageRecord *
ef_staff_family_page_record_new (void)
{
  EfStaffFamilyPageRecord *page = g_new0 (EfStaffFamilyPageRecord, 1);

  page->families = NEW_ARRAY (ef_staff_family_summary_record_free);
  return page;
}

void
ef_staff_family_page_record_free (EfStaffFamilyPageRecord *page)
{
  if (page == NULL)
    return;
  g_free (page->query);
  g_ptr_array_unref (page->families);
  g_free (page);
}

gboolean
ef_staff_family_page_record_equal (const EfStaffFamilyPageRecord *a,
                                   const EfStaffFamilyPageRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->query, b->query) == 0 &&
         a->page == b->page && a->per_page == b->per_page && a->total == b->total &&
         items_equal (a->families, b->families, (GEqualFunc) family_summary_equal);
}

static void
invitation_free (EfFamilyInvitationRecord *invitation)
{
  if (invitation == NULL)
    return;
  g_free (invitation->sent_at);
  g_free (invitation->expires_at);
  g_free (invitation);
}

void
ef_family_account_record_free (EfFamilyAccountRecord *account)
{
  if (account == NULL)
    return;
  g_free (account->email);
  g_free (account->locked_until);
  invitation_free (account->invitation);
  g_free (account);
}

gboolean
ef_family_account_record_equal (const EfFamilyAccountRecord *a,
                                const EfFamilyAccountRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if ((a->invitation == NULL) != (b->invitation == NULL))
    return FALSE;
  if (a->invitation != NULL &&
      (g_strcmp0 (a->invitation->sent_at, b->invitation->sent_at) != 0 ||
       g_strcmp0 (a->invitation->expires_at, b->invitation->expires_at) != 0 ||
       a->invitation->used != b->invitation->used ||
       a->invitation->expired != b->invitation->expired))
    return FALSE;
  return a->id == b->id &&
         a->member_id == b->member_id &&
         g_strcmp0 (a->email, b->email) == 0 &&
         a->has_password == b->has_password &&
         a->locked == b->locked &&
         g_strcmp0 (a->locked_until, b->locked_until) == 0 &&
         a->failed_logins == b->failed_logins;
}

EfStaffPaymentRecord *
ef_staff_payment_record_new (void)
{
  EfStaffPaymentRecord *payment = g_new0 (EfStaffPaymentRecord, 1);

  payment->entry = ef_payment_entry_record_new ();
  return payment;
}

void
ef_staff_payment_record_free (EfStaffPaymentRecord *payment)
{
  if (payment == NULL)
    return;
  ef_payment_entry_record_free (payment->entry);
  g_free (payment->reference);
  g_free (payment->note);
  g_free (payment->cheque_number);
  g_free (payment->receipt_number);
  g_free (payment->agent_name);
  g_free (payment->cancelled_at);
  g_free (payment->cancel_reason);
  g_free (payment->cancelled_paid_at);
  g_free (payment->family_name);
  g_free (payment);
}

gboolean
ef_staff_payment_record_equal (const EfStaffPaymentRecord *a,
                               const EfStaffPaymentRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return ef_payment_entry_record_equal (a->entry, b->entry) &&
         a->family_id == b->family_id &&
         g_strcmp0 (a->reference, b->reference) == 0 &&
         g_strcmp0 (a->note, b->note) == 0 &&
         g_strcmp0 (a->cheque_number, b->cheque_number) == 0 &&
         g_strcmp0 (a->receipt_number, b->receipt_number) == 0 &&
         g_strcmp0 (a->agent_name, b->agent_name) == 0 &&
         g_strcmp0 (a->cancelled_at, b->cancelled_at) == 0 &&
         g_strcmp0 (a->cancel_reason, b->cancel_reason) == 0 &&
         g_strcmp0 (a->cancelled_paid_at, b->cancelled_paid_at) == 0 &&
         g_strcmp0 (a->family_name, b->family_name) == 0;
}

EfStaffFamilyRecord *
ef_staff_family_record_new (void)
{
  EfStaffFamilyRecord *family = g_new0 (EfStaffFamilyRecord, 1);

  family->family = ef_family_record_new ();
  family->accounts = NEW_ARRAY (ef_family_account_record_free);
  family->enrolments = NEW_ARRAY (json_node_unref);
  family->invoices = NEW_ARRAY (ef_invoice_record_free);
  family->payments = NEW_ARRAY (ef_staff_payment_record_free);
  return family;
}

void
ef_staff_family_record_free (EfStaffFamilyRecord *family)
{
  if (family == NULL)
    return;
  ef_family_record_free (family->family);
  g_ptr_array_unref (family->accounts);
  g_strfreev (family->services);
  g_ptr_array_unref (family->enrolments);
  g_ptr_array_unref (family->invoices);
  g_ptr_array_unref (family->payments);
  g_free (family);
}

gboolean
ef_staff_family_record_equal (const EfStaffFamilyRecord *a,
                              const EfStaffFamilyRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return ef_family_record_equal (a->family, b->family) &&
         g_strcmp0 (a->family->reference, b->family->reference) == 0 &&
         items_equal (a->accounts, b->accounts, (GEqualFunc) ef_family_account_record_equal) &&
         strv_equal ((const char * const *) a->services, (const char * const *) b->services) &&
         items_equal (a->enrolments, b->enrolments, json_equal) &&
         items_equal (a->invoices, b->invoices, (GEqualFunc) ef_invoice_record_equal) &&
         a->total_due == b->total_due &&
         items_equal (a->payments, b->payments, (GEqualFunc) ef_staff_payment_record_equal);
}

EfStaffDayPaymentsRecord *
ef_staff_day_payments_record_new (void)
{
  EfStaffDayPaymentsRecord *day = g_new0 (EfStaffDayPaymentsRecord, 1);

  day->payments = NEW_ARRAY (ef_staff_payment_record_free);
  return day;
}

void
ef_staff_day_payments_record_free (EfStaffDayPaymentsRecord *day)
{
  if (day == NULL)
    return;
  g_ptr_array_unref (day->payments);
  g_free (day);
}

gboolean
ef_staff_day_payments_record_equal (const EfStaffDayPaymentsRecord *a,
                                    const EfStaffDayPaymentsRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->day == b->day &&
         items_equal (a->payments, b->payments, (GEqualFunc) ef_staff_payment_record_equal) &&
         memcmp (a->totals, b->totals, sizeof a->totals) == 0 &&
         a->total == b->total && a->count == b->count;
}

void
ef_staff_audit_entry_record_free (EfStaffAuditEntryRecord *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->agent_name);
  g_free (entry->agent_email);
  g_free (entry->action);
  g_free (entry->target);
  g_clear_pointer (&entry->before, json_node_unref);
  g_clear_pointer (&entry->after, json_node_unref);
  g_free (entry->via);
  g_free (entry);
}

static gboolean
audit_entry_equal (const EfStaffAuditEntryRecord *a,
                   const EfStaffAuditEntryRecord *b)
{
  return a->id == b->id &&
         g_strcmp0 (a->at, b->at) == 0 &&
         a->agent_id == b->agent_id &&
         g_strcmp0 (a->agent_name, b->agent_name) == 0 &&
         g_strcmp0 (a->agent_email, b->agent_email) == 0 &&
         g_strcmp0 (a->action, b->action) == 0 &&
         g_strcmp0 (a->target, b->target) == 0 &&
         json_equal (a->before, b->before) &&
         json_equal (a->after, b->after) &&
         g_strcmp0 (a->via, b->via) == 0;
}

EfStaffAuditPageRecord *
ef_staff_audit_page_record_new (void)
{
  EfStaffAuditPageRecord *page = g_new0 (EfStaffAuditPageRecord, 1);

  page->entries = NEW_ARRAY (ef_staff_audit_entry_record_free);
  return page;
}

void
ef_staff_audit_page_record_free (EfStaffAuditPageRecord *page)
{
  if (page == NULL)
    return;
  g_ptr_array_unref (page->entries);
  g_free (page);
}

gboolean
ef_staff_audit_page_record_equal (const EfStaffAuditPageRecord *a,
                                  const EfStaffAuditPageRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->family_id == b->family_id &&
         a->page == b->page && a->per_page == b->per_page && a->total == b->total &&
         items_equal (a->entries, b->entries, (GEqualFunc) audit_entry_equal);
}

EfAttendanceChildRecord *
ef_attendance_child_record_copy (const EfAttendanceChildRecord *child)
{
  EfAttendanceChildRecord *copy = g_memdup2 (child, sizeof *child);

  copy->first_name = g_strdup (child->first_name);
  copy->last_name = g_strdup (child->last_name);
  copy->family_name = g_strdup (child->family_name);
  return copy;
}

void
ef_attendance_child_record_free (EfAttendanceChildRecord *child)
{
  if (child == NULL)
    return;
  g_free (child->first_name);
  g_free (child->last_name);
  g_free (child->family_name);
  g_free (child);
}

static gboolean
attendance_child_equal (const EfAttendanceChildRecord *a,
                        const EfAttendanceChildRecord *b)
{
  return a->member_id == b->member_id &&
         g_strcmp0 (a->first_name, b->first_name) == 0 &&
         g_strcmp0 (a->last_name, b->last_name) == 0 &&
         a->family_id == b->family_id &&
         g_strcmp0 (a->family_name, b->family_name) == 0 &&
         a->override == b->override;
}

EfAttendanceSiteRecord *
ef_attendance_site_record_new (const char *site)
{
  EfAttendanceSiteRecord *record = g_new0 (EfAttendanceSiteRecord, 1);

  record->site = g_strdup (site);
  record->children = NEW_ARRAY (ef_attendance_child_record_free);
  return record;
}

void
ef_attendance_site_record_free (EfAttendanceSiteRecord *site)
{
  if (site == NULL)
    return;
  g_free (site->site);
  g_ptr_array_unref (site->children);
  g_free (site);
}

static gboolean
attendance_site_equal (const EfAttendanceSiteRecord *a,
                       const EfAttendanceSiteRecord *b)
{
  return g_strcmp0 (a->site, b->site) == 0 && a->count == b->count &&
         items_equal (a->children, b->children, (GEqualFunc) attendance_child_equal);
}

EfAttendanceActivityRecord *
ef_attendance_activity_record_new (void)
{
  EfAttendanceActivityRecord *activity = g_new0 (EfAttendanceActivityRecord, 1);

  activity->sites = NEW_ARRAY (ef_attendance_site_record_free);
  return activity;
}

void
ef_attendance_activity_record_free (EfAttendanceActivityRecord *activity)
{
  if (activity == NULL)
    return;
  g_free (activity->activity);
  g_free (activity->name);
  g_free (activity->service);
  g_free (activity->closed);
  g_ptr_array_unref (activity->sites);
  g_free (activity);
}

static gboolean
attendance_activity_equal (const EfAttendanceActivityRecord *a,
                           const EfAttendanceActivityRecord *b)
{
  return g_strcmp0 (a->activity, b->activity) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->service, b->service) == 0 &&
         g_strcmp0 (a->closed, b->closed) == 0 &&
         a->count == b->count &&
         items_equal (a->sites, b->sites, (GEqualFunc) attendance_site_equal);
}

EfAttendanceListsRecord *
ef_attendance_lists_record_new (void)
{
  EfAttendanceListsRecord *lists = g_new0 (EfAttendanceListsRecord, 1);

  lists->activities = NEW_ARRAY (ef_attendance_activity_record_free);
  return lists;
}

void
ef_attendance_lists_record_free (EfAttendanceListsRecord *lists)
{
  if (lists == NULL)
    return;
  g_ptr_array_unref (lists->activities);
  g_free (lists);
}

gboolean
ef_attendance_lists_record_equal (const EfAttendanceListsRecord *a,
                                  const EfAttendanceListsRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->day == b->day && a->total == b->total &&
         items_equal (a->activities, b->activities, (GEqualFunc) attendance_activity_equal);
}

EfOfflinePaymentRequestRecord *
ef_offline_payment_request_record_new (void)
{
  EfOfflinePaymentRequestRecord *request = g_new0 (EfOfflinePaymentRequestRecord, 1);

  request->invoices = g_array_new (FALSE, TRUE, sizeof (gint64));
  return request;
}

void
ef_offline_payment_request_record_free (EfOfflinePaymentRequestRecord *request)
{
  if (request == NULL)
    return;
  g_free (request->channel);
  g_array_unref (request->invoices);
  g_free (request->cheque_number);
  g_free (request->reference);
  g_free (request->note);
  g_free (request->via);
  g_free (request);
}

gboolean
ef_offline_payment_request_record_equal (const EfOfflinePaymentRequestRecord *a,
                                         const EfOfflinePaymentRequestRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->channel, b->channel) == 0 &&
         a->invoices->len == b->invoices->len &&
         memcmp (a->invoices->data, b->invoices->data, a->invoices->len * sizeof (gint64)) == 0 &&
         a->amount == b->amount &&
         g_strcmp0 (a->cheque_number, b->cheque_number) == 0 &&
         g_strcmp0 (a->reference, b->reference) == 0 &&
         g_strcmp0 (a->note, b->note) == 0 &&
         g_strcmp0 (a->via, b->via) == 0;
}

void
ef_payment_cancel_request_record_free (EfPaymentCancelRequestRecord *request)
{
  if (request == NULL)
    return;
  g_free (request->reason);
  g_free (request->via);
  g_free (request);
}

/* ------------------------------------------------------------ writing */

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

/* @node (NULL: null), copied. */
static void
add_node (JsonBuilder *builder,
          const char  *name,
          JsonNode    *node)
{
  json_builder_set_member_name (builder, name);
  if (node != NULL)
    json_builder_add_value (builder, json_node_copy (node));
  else
    json_builder_add_null_value (builder);
}

/* Sets @name of @object to @value, or to null. */
static void
set_string (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

JsonNode *
ef_staff_family_page_record_to_json (const EfStaffFamilyPageRecord *page)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (page != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_string (builder, "query", page->query);
  _ef_codec_add_int (builder, "page", page->page);
  _ef_codec_add_int (builder, "per_page", page->per_page);
  _ef_codec_add_int (builder, "total", page->total);
  json_builder_set_member_name (builder, "families");
  json_builder_begin_array (builder);
  for (guint i = 0; i < page->families->len; i++)
    {
      const EfStaffFamilySummaryRecord *family = g_ptr_array_index (page->families, i);

      json_builder_begin_object (builder);
      _ef_codec_add_int (builder, "id", family->id);
      _ef_codec_add_string (builder, "name", family->name);
      _ef_codec_add_string (builder, "reference", family->reference);
      add_strv (builder, "services", (const char * const *) family->services);
      json_builder_set_member_name (builder, "members");
      json_builder_begin_array (builder);
      for (guint j = 0; j < family->members->len; j++)
        {
          const EfStaffMemberSummaryRecord *member = g_ptr_array_index (family->members, j);

          json_builder_begin_object (builder);
          _ef_codec_add_int (builder, "id", member->id);
          _ef_codec_add_string (builder, "role", member->role);
          _ef_codec_add_string (builder, "first_name", member->first_name);
          _ef_codec_add_string (builder, "last_name", member->last_name);
          _ef_codec_add_string (builder, "birth_date", member->birth_date);
          _ef_codec_add_string (builder, "email", member->email);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_family_account_record_to_json (const EfFamilyAccountRecord *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (account != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "id", account->id);
  _ef_codec_add_int (builder, "member", account->member_id);
  _ef_codec_add_string (builder, "email", account->email);
  _ef_codec_add_bool (builder, "has_password", account->has_password);
  _ef_codec_add_bool (builder, "locked", account->locked);
  _ef_codec_add_string (builder, "locked_until", account->locked_until);
  _ef_codec_add_int (builder, "failed_logins", account->failed_logins);
  json_builder_set_member_name (builder, "invitation");
  if (account->invitation != NULL)
    {
      json_builder_begin_object (builder);
      _ef_codec_add_string (builder, "sent_at", account->invitation->sent_at);
      _ef_codec_add_string (builder, "expires_at", account->invitation->expires_at);
      _ef_codec_add_bool (builder, "used", account->invitation->used);
      _ef_codec_add_bool (builder, "expired", account->invitation->expired);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_staff_payment_record_to_json (const EfStaffPaymentRecord *payment)
{
  JsonNode *node;
  JsonObject *object;

  g_return_val_if_fail (payment != NULL, NULL);

  /* A PaymentEntry, and then what the town hall keeps. */
  node = ef_payment_entry_record_to_json (payment->entry);
  object = json_node_get_object (node);
  json_object_set_int_member (object, "family", payment->family_id);
  set_string (object, "reference", payment->reference);
  set_string (object, "note", payment->note != NULL ? payment->note : "");
  set_string (object, "cheque_number", payment->cheque_number);
  set_string (object, "receipt_number", payment->receipt_number);
  set_string (object, "agent_name", payment->agent_name);
  set_string (object, "cancelled_at", payment->cancelled_at);
  set_string (object, "cancel_reason", payment->cancel_reason);
  set_string (object, "cancelled_paid_at", payment->cancelled_paid_at);
  if (payment->family_name != NULL)
    json_object_set_string_member (object, "family_name", payment->family_name);
  return node;
}

JsonNode *
ef_staff_family_record_to_json (const EfStaffFamilyRecord *family)
{
  JsonNode *node;
  JsonObject *object;
  JsonArray *members, *array;

  g_return_val_if_fail (family != NULL, NULL);
  g_return_val_if_fail (family->accounts->len == family->family->members->len, NULL);

  /* A Family, each member with its account, and then what the back
   * office needs. */
  node = ef_family_record_to_json (family->family);
  object = json_node_get_object (node);
  members = json_object_get_array_member (object, "members");
  for (guint i = 0; i < family->accounts->len; i++)
    {
      const EfFamilyAccountRecord *account = g_ptr_array_index (family->accounts, i);
      JsonObject *member = json_array_get_object_element (members, i);

      if (account != NULL)
        json_object_set_member (member, "account", ef_family_account_record_to_json (account));
      else
        json_object_set_null_member (member, "account");
    }
  set_string (object, "reference", family->family->reference);
  array = json_array_new ();
  for (guint i = 0; family->services != NULL && family->services[i] != NULL; i++)
    json_array_add_string_element (array, family->services[i]);
  json_object_set_array_member (object, "services", array);
  array = json_array_new ();
  for (guint i = 0; i < family->enrolments->len; i++)
    json_array_add_element (array, json_node_copy (g_ptr_array_index (family->enrolments, i)));
  json_object_set_array_member (object, "enrolments", array);
  array = json_array_new ();
  for (guint i = 0; i < family->invoices->len; i++)
    json_array_add_element (array, ef_invoice_record_to_json (g_ptr_array_index (family->invoices, i)));
  json_object_set_array_member (object, "invoices", array);
  json_object_set_int_member (object, "total_due_cents", family->total_due);
  array = json_array_new ();
  for (guint i = 0; i < family->payments->len; i++)
    json_array_add_element (array,
                            ef_staff_payment_record_to_json (g_ptr_array_index (family->payments, i)));
  json_object_set_array_member (object, "payments", array);
  return node;
}

JsonNode *
ef_staff_day_payments_record_to_json (const EfStaffDayPaymentsRecord *day)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (day != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_day (builder, "day", day->day);
  json_builder_set_member_name (builder, "payments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < day->payments->len; i++)
    json_builder_add_value (builder,
                            ef_staff_payment_record_to_json (g_ptr_array_index (day->payments, i)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "totals_cents");
  json_builder_begin_object (builder);
  for (guint i = 0; ef_counter_channels[i] != NULL; i++)
    _ef_codec_add_int (builder, ef_counter_channels[i], day->totals[i]);
  json_builder_end_object (builder);
  _ef_codec_add_int (builder, "total_cents", day->total);
  _ef_codec_add_int (builder, "count", day->count);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_staff_audit_page_record_to_json (const EfStaffAuditPageRecord *page)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (page != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "family", page->family_id);
  _ef_codec_add_int (builder, "page", page->page);
  _ef_codec_add_int (builder, "per_page", page->per_page);
  _ef_codec_add_int (builder, "total", page->total);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < page->entries->len; i++)
    {
      const EfStaffAuditEntryRecord *entry = g_ptr_array_index (page->entries, i);

      json_builder_begin_object (builder);
      _ef_codec_add_int (builder, "id", entry->id);
      _ef_codec_add_string (builder, "at", entry->at);
      json_builder_set_member_name (builder, "agent");
      json_builder_begin_object (builder);
      _ef_codec_add_id (builder, "id", entry->agent_id);
      _ef_codec_add_string (builder, "name", entry->agent_name);
      _ef_codec_add_string (builder, "email", entry->agent_email);
      json_builder_end_object (builder);
      _ef_codec_add_string (builder, "action", entry->action);
      _ef_codec_add_string (builder, "target", entry->target);
      add_node (builder, "before", entry->before);
      add_node (builder, "after", entry->after);
      _ef_codec_add_string (builder, "via", entry->via);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_attendance_lists_record_to_json (const EfAttendanceListsRecord *lists)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (lists != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_day (builder, "day", lists->day);
  _ef_codec_add_int (builder, "total", lists->total);
  json_builder_set_member_name (builder, "activities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < lists->activities->len; i++)
    {
      const EfAttendanceActivityRecord *activity = g_ptr_array_index (lists->activities, i);

      json_builder_begin_object (builder);
      _ef_codec_add_string (builder, "activity", activity->activity);
      _ef_codec_add_string (builder, "name", activity->name);
      _ef_codec_add_string (builder, "service", activity->service);
      _ef_codec_add_string (builder, "closed", activity->closed);
      _ef_codec_add_int (builder, "count", activity->count);
      json_builder_set_member_name (builder, "sites");
      json_builder_begin_array (builder);
      for (guint j = 0; j < activity->sites->len; j++)
        {
          const EfAttendanceSiteRecord *site = g_ptr_array_index (activity->sites, j);

          json_builder_begin_object (builder);
          _ef_codec_add_string (builder, "site", site->site);
          _ef_codec_add_int (builder, "count", site->count);
          json_builder_set_member_name (builder, "children");
          json_builder_begin_array (builder);
          for (guint k = 0; k < site->children->len; k++)
            {
              const EfAttendanceChildRecord *child = g_ptr_array_index (site->children, k);

              json_builder_begin_object (builder);
              _ef_codec_add_int (builder, "member", child->member_id);
              _ef_codec_add_string (builder, "first_name", child->first_name);
              _ef_codec_add_string (builder, "last_name", child->last_name);
              _ef_codec_add_int (builder, "family", child->family_id);
              _ef_codec_add_string (builder, "family_name", child->family_name);
              _ef_codec_add_bool (builder, "override", child->override);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* @value under @name, unless it is NULL. */
static void
add_optional_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  if (value != NULL)
    _ef_codec_add_string (builder, name, value);
}

JsonNode *
ef_offline_payment_request_record_to_json (const EfOfflinePaymentRequestRecord *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (request != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_string (builder, "channel", request->channel);
  json_builder_set_member_name (builder, "invoices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < request->invoices->len; i++)
    json_builder_add_int_value (builder, g_array_index (request->invoices, gint64, i));
  json_builder_end_array (builder);
  if (request->amount > 0)
    _ef_codec_add_int (builder, "amount_cents", request->amount);
  add_optional_string (builder, "cheque_number", request->cheque_number);
  add_optional_string (builder, "reference", request->reference);
  add_optional_string (builder, "note", request->note);
  add_optional_string (builder, "via", request->via);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_payment_cancel_request_record_to_json (const EfPaymentCancelRequestRecord *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (request != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_string (builder, "reason", request->reason);
  add_optional_string (builder, "via", request->via);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ------------------------------------------------------------ reading */

/* The value of @node, an element named @what, as the member of a JSON
 * object: so that it is checked, and refused, as any member is. */
static JsonObject *
element_object (JsonNode   *node,
                const char *what)
{
  JsonObject *object = json_object_new ();

  json_object_set_member (object, what, json_node_ref (node));
  return object;
}

static char *
read_string_item (JsonNode    *node,
                  const char  *what,
                  GError     **error)
{
  g_autoptr(JsonObject) object = element_object (node, what);
  char *text = NULL;

  return _ef_codec_get_string (object, what, &text, error) ? text : NULL;
}

/* An array of strings as a GStrv in *@out. */
static gboolean
get_strv (JsonObject  *object,
          const char  *member,
          GStrv       *out,
          GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  if (!_ef_codec_read_items (object, member, (EfCodecItemReader) read_string_item, items, error))
    return FALSE;
  g_ptr_array_add (items, NULL);
  *out = (GStrv) g_ptr_array_free (g_steal_pointer (&items), FALSE);
  return TRUE;
}

/* A member of any JSON value, which must be there; null is NULL. */
static gboolean
get_node (JsonObject  *object,
          const char  *member,
          JsonNode   **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      g_autoptr(JsonObject) empty = json_object_new ();
      const char *none;

      /* The getter's words for a member that is missing. */
      return ef_json_get_string (empty, member, FALSE, &none, error);
    }
  *out = JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_copy (node);
  return TRUE;
}

/* A member the schema requires, which may be null. */
static gboolean
get_nullable (JsonObject  *object,
              const char  *member,
              char       **out,
              GError     **error)
{
  JsonNode *node = NULL;

  if (!get_node (object, member, &node, error))
    return FALSE;
  g_clear_pointer (&node, json_node_unref);
  return _ef_codec_get_nullable_string (object, member, out, error);
}

/* The same, for an instant. */
static gboolean
get_nullable_instant (JsonObject  *object,
                      const char  *member,
                      char       **out,
                      GError     **error)
{
  JsonNode *node = NULL;

  if (!get_node (object, member, &node, error))
    return FALSE;
  g_clear_pointer (&node, json_node_unref);
  return _ef_codec_get_instant (object, member, TRUE, out, error);
}

/* A string member that is null, or one of @values. */
static gboolean
get_nullable_enum (JsonObject         *object,
                   const char         *member,
                   const char * const *values,
                   char              **out,
                   GError            **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return _ef_codec_get_enum (object, member, values, out, error);
}

static EfStaffMemberSummaryRecord *
read_member_summary (JsonNode    *node,
                     const char  *what,
                     GError     **error)
{
  g_autoptr(EfStaffMemberSummaryRecord) member = g_new0 (EfStaffMemberSummaryRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &member->id, error) ||
      !_ef_codec_get_string (object, "role", &member->role, error) ||
      !_ef_codec_get_string (object, "first_name", &member->first_name, error) ||
      !_ef_codec_get_string (object, "last_name", &member->last_name, error) ||
      !_ef_codec_get_day_text (object, "birth_date", &member->birth_date, error) ||
      !get_nullable (object, "email", &member->email, error))
    return NULL;
  return g_steal_pointer (&member);
}

static EfStaffFamilySummaryRecord *
read_family_summary (JsonNode    *node,
                     const char  *what,
                     GError     **error)
{
  g_autoptr(EfStaffFamilySummaryRecord) family = ef_staff_family_summary_record_new ();
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &family->id, error) ||
      !_ef_codec_get_string (object, "name", &family->name, error) ||
      !get_nullable (object, "reference", &family->reference, error) ||
      !get_strv (object, "services", &family->services, error) ||
      !_ef_codec_read_items (object, "members", (EfCodecItemReader) read_member_summary,
                             family->members, error))
    return NULL;
  return g_steal_pointer (&family);
}

EfStaffFamilyPageRecord *
ef_staff_family_page_record_from_json (JsonNode  *node,
                                       GError   **error)
{
  g_autoptr(EfStaffFamilyPageRecord) page = ef_staff_family_page_record_new ();
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "families", error);
  if (object == NULL ||
      !_ef_codec_get_string (object, "query", &page->query, error) ||
      !_ef_codec_get_natural (object, "page", &page->page, error) ||
      !_ef_codec_get_natural (object, "per_page", &page->per_page, error) ||
      !_ef_codec_get_natural (object, "total", &page->total, error) ||
      !_ef_codec_read_items (object, "families", (EfCodecItemReader) read_family_summary,
                             page->families, error))
    return NULL;
  return g_steal_pointer (&page);
}

static EfFamilyAccountRecord *
read_account (JsonNode    *node,
              const char  *what,
              GError     **error)
{
  g_autoptr(EfFamilyAccountRecord) account = g_new0 (EfFamilyAccountRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);
  JsonNode *invitation;

  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &account->id, error) ||
      !_ef_codec_get_id (object, "member", &account->member_id, error) ||
      !_ef_codec_get_string (object, "email", &account->email, error) ||
      !ef_json_get_bool (object, "has_password", FALSE, &account->has_password, error) ||
      !ef_json_get_bool (object, "locked", FALSE, &account->locked, error) ||
      !get_nullable_instant (object, "locked_until", &account->locked_until, error) ||
      !_ef_codec_get_natural (object, "failed_logins", &account->failed_logins, error) ||
      !get_node (object, "invitation", &invitation, error))
    return NULL;
  if (invitation != NULL)
    {
      g_autoptr(JsonNode) owned = invitation;
      JsonObject *sent = _ef_codec_require_object (owned, "invitation", error);

      account->invitation = g_new0 (EfFamilyInvitationRecord, 1);
      if (sent == NULL ||
          !_ef_codec_get_instant (sent, "sent_at", FALSE, &account->invitation->sent_at, error) ||
          !_ef_codec_get_instant (sent, "expires_at", FALSE, &account->invitation->expires_at,
                                  error) ||
          !ef_json_get_bool (sent, "used", FALSE, &account->invitation->used, error) ||
          !ef_json_get_bool (sent, "expired", FALSE, &account->invitation->expired, error))
        return NULL;
    }
  return g_steal_pointer (&account);
}

EfFamilyAccountRecord *
ef_family_account_record_from_json (JsonNode  *node,
                                    GError   **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_account (node, "account", error);
}

EfStaffPaymentRecord *
ef_staff_payment_record_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr(EfStaffPaymentRecord) payment = g_new0 (EfStaffPaymentRecord, 1);
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  payment->entry = ef_payment_entry_record_from_json (node, error);
  if (payment->entry == NULL)
    return NULL;
  object = json_node_get_object (node);
  if (!_ef_codec_get_id (object, "family", &payment->family_id, error) ||
      !get_nullable (object, "reference", &payment->reference, error) ||
      !_ef_codec_get_string (object, "note", &payment->note, error) ||
      !get_nullable (object, "cheque_number", &payment->cheque_number, error) ||
      !get_nullable (object, "receipt_number", &payment->receipt_number, error) ||
      !get_nullable (object, "agent_name", &payment->agent_name, error) ||
      !get_nullable_instant (object, "cancelled_at", &payment->cancelled_at, error) ||
      !get_nullable (object, "cancel_reason", &payment->cancel_reason, error) ||
      !get_nullable_instant (object, "cancelled_paid_at", &payment->cancelled_paid_at,
                              error) ||
      (json_object_has_member (object, "family_name") &&
       !_ef_codec_get_string (object, "family_name", &payment->family_name, error)))
    return NULL;
  return g_steal_pointer (&payment);
}

static EfStaffPaymentRecord *
read_staff_payment (JsonNode    *node,
                    const char  *what,
                    GError     **error)
{
  return ef_staff_payment_record_from_json (node, error);
}

static EfInvoiceRecord *
read_invoice (JsonNode    *node,
              const char  *what,
              GError     **error)
{
  return ef_invoice_record_from_json (node, error);
}

static JsonNode *
read_object_node (JsonNode    *node,
                  const char  *what,
                  GError     **error)
{
  return _ef_codec_require_object (node, what, error) != NULL ? json_node_copy (node) : NULL;
}

EfStaffFamilyRecord *
ef_staff_family_record_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(EfStaffFamilyRecord) family = ef_staff_family_record_new ();
  JsonObject *object;
  JsonArray *members;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_clear_pointer (&family->family, ef_family_record_free);
  family->family = ef_family_record_from_json (node, error);
  if (family->family == NULL)
    return NULL;
  object = json_node_get_object (node);
  members = json_object_get_array_member (object, "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      g_autofree char *what = g_strdup_printf ("members[%u].account", i);
      g_autoptr(JsonNode) account = NULL;
      EfFamilyAccountRecord *record = NULL;

      if (!get_node (member, "account", &account, error) ||
          (account != NULL && (record = read_account (account, what, error)) == NULL))
        return NULL;
      g_ptr_array_add (family->accounts, record);
    }
  if (!get_nullable (object, "reference", &family->family->reference, error) ||
      !get_strv (object, "services", &family->services, error) ||
      !_ef_codec_read_items (object, "enrolments", (EfCodecItemReader) read_object_node,
                             family->enrolments, error) ||
      !_ef_codec_read_items (object, "invoices", (EfCodecItemReader) read_invoice,
                             family->invoices, error) ||
      !ef_json_get_int (object, "total_due_cents", FALSE, &family->total_due, error) ||
      !_ef_codec_read_items (object, "payments", (EfCodecItemReader) read_staff_payment,
                             family->payments, error))
    return NULL;
  return g_steal_pointer (&family);
}

EfStaffDayPaymentsRecord *
ef_staff_day_payments_record_from_json (JsonNode  *node,
                                        GError   **error)
{
  g_autoptr(EfStaffDayPaymentsRecord) day = ef_staff_day_payments_record_new ();
  JsonObject *object, *totals;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "payments", error);
  if (object == NULL ||
      !_ef_codec_get_day (object, "day", &day->day, error) ||
      !_ef_codec_read_items (object, "payments", (EfCodecItemReader) read_staff_payment,
                             day->payments, error) ||
      !ef_json_get_object (object, "totals_cents", FALSE, &totals, error))
    return NULL;
  for (guint i = 0; ef_counter_channels[i] != NULL; i++)
    if (!ef_json_get_int (totals, ef_counter_channels[i], FALSE, &day->totals[i], error))
      return NULL;
  if (!ef_json_get_int (object, "total_cents", FALSE, &day->total, error) ||
      !_ef_codec_get_natural (object, "count", &day->count, error))
    return NULL;
  return g_steal_pointer (&day);
}

static EfStaffAuditEntryRecord *
read_audit_entry (JsonNode    *node,
                  const char  *what,
                  GError     **error)
{
  g_autoptr(EfStaffAuditEntryRecord) entry = g_new0 (EfStaffAuditEntryRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);
  JsonObject *agent;

  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &entry->id, error) ||
      !_ef_codec_get_instant (object, "at", FALSE, &entry->at, error) ||
      !ef_json_get_object (object, "agent", FALSE, &agent, error) ||
      !_ef_codec_get_nullable_id (agent, "id", &entry->agent_id, error) ||
      !_ef_codec_get_string (agent, "name", &entry->agent_name, error) ||
      !_ef_codec_get_string (agent, "email", &entry->agent_email, error) ||
      !_ef_codec_get_string (object, "action", &entry->action, error) ||
      !_ef_codec_get_string (object, "target", &entry->target, error) ||
      !get_node (object, "before", &entry->before, error) ||
      !get_node (object, "after", &entry->after, error) ||
      !get_nullable_enum (object, "via", ef_staff_vias, &entry->via, error))
    return NULL;
  return g_steal_pointer (&entry);
}

EfStaffAuditPageRecord *
ef_staff_audit_page_record_from_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr(EfStaffAuditPageRecord) page = ef_staff_audit_page_record_new ();
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "audit", error);
  if (object == NULL ||
      !_ef_codec_get_id (object, "family", &page->family_id, error) ||
      !_ef_codec_get_natural (object, "page", &page->page, error) ||
      !_ef_codec_get_natural (object, "per_page", &page->per_page, error) ||
      !_ef_codec_get_natural (object, "total", &page->total, error) ||
      !_ef_codec_read_items (object, "entries", (EfCodecItemReader) read_audit_entry,
                             page->entries, error))
    return NULL;
  return g_steal_pointer (&page);
}

static EfAttendanceChildRecord *
read_attendance_child (JsonNode    *node,
                       const char  *what,
                       GError     **error)
{
  g_autoptr(EfAttendanceChildRecord) child = g_new0 (EfAttendanceChildRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_id (object, "member", &child->member_id, error) ||
      !_ef_codec_get_string (object, "first_name", &child->first_name, error) ||
      !_ef_codec_get_string (object, "last_name", &child->last_name, error) ||
      !_ef_codec_get_id (object, "family", &child->family_id, error) ||
      !_ef_codec_get_string (object, "family_name", &child->family_name, error) ||
      !ef_json_get_bool (object, "override", FALSE, &child->override, error))
    return NULL;
  return g_steal_pointer (&child);
}

static EfAttendanceSiteRecord *
read_attendance_site (JsonNode    *node,
                      const char  *what,
                      GError     **error)
{
  g_autoptr(EfAttendanceSiteRecord) site = ef_attendance_site_record_new (NULL);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_string (object, "site", &site->site, error) ||
      !_ef_codec_get_natural (object, "count", &site->count, error) ||
      !_ef_codec_read_items (object, "children", (EfCodecItemReader) read_attendance_child,
                             site->children, error))
    return NULL;
  return g_steal_pointer (&site);
}

static EfAttendanceActivityRecord *
read_attendance_activity (JsonNode    *node,
                          const char  *what,
                          GError     **error)
{
  g_autoptr(EfAttendanceActivityRecord) activity = ef_attendance_activity_record_new ();
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_string (object, "activity", &activity->activity, error) ||
      !_ef_codec_get_string (object, "name", &activity->name, error) ||
      !_ef_codec_get_string (object, "service", &activity->service, error) ||
      !get_nullable (object, "closed", &activity->closed, error) ||
      !_ef_codec_get_natural (object, "count", &activity->count, error) ||
      !_ef_codec_read_items (object, "sites", (EfCodecItemReader) read_attendance_site,
                             activity->sites, error))
    return NULL;
  return g_steal_pointer (&activity);
}

EfAttendanceListsRecord *
ef_attendance_lists_record_from_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr(EfAttendanceListsRecord) lists = ef_attendance_lists_record_new ();
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "lists", error);
  if (object == NULL ||
      !_ef_codec_get_day (object, "day", &lists->day, error) ||
      !_ef_codec_get_natural (object, "total", &lists->total, error) ||
      !_ef_codec_read_items (object, "activities", (EfCodecItemReader) read_attendance_activity,
                             lists->activities, error))
    return NULL;
  return g_steal_pointer (&lists);
}

/* An optional string member of a request. */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     char       **out,
                     GError     **error)
{
  return !json_object_has_member (object, member) ||
         _ef_codec_get_string (object, member, out, error);
}

/* An optional Via of a request. */
static gboolean
get_via (JsonObject  *object,
         char       **out,
         GError     **error)
{
  return !json_object_has_member (object, "via") ||
         _ef_codec_get_enum (object, "via", ef_staff_vias, out, error);
}

static gpointer
read_invoice_id (JsonNode    *node,
                 const char  *what,
                 GError     **error)
{
  g_autoptr(JsonObject) object = element_object (node, what);
  gint64 id;

  if (!ef_json_get_int (object, what, FALSE, &id, error))
    return NULL;
  return g_memdup2 (&id, sizeof id);
}

EfOfflinePaymentRequestRecord *
ef_offline_payment_request_record_from_json (JsonNode  *node,
                                             GError   **error)
{
  g_autoptr(EfOfflinePaymentRequestRecord) request = ef_offline_payment_request_record_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "payment", error);
  if (object == NULL ||
      !ef_json_check_members (object, ef_offline_payment_request_record_members, error) ||
      !_ef_codec_get_string (object, "channel", &request->channel, error) ||
      !_ef_codec_read_items (object, "invoices", read_invoice_id, ids, error) ||
      !ef_json_get_int (object, "amount_cents", TRUE, &request->amount, error) ||
      !get_optional_string (object, "cheque_number", &request->cheque_number, error) ||
      !get_optional_string (object, "reference", &request->reference, error) ||
      !get_optional_string (object, "note", &request->note, error) ||
      !get_via (object, &request->via, error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    g_array_append_val (request->invoices, *(gint64 *) g_ptr_array_index (ids, i));
  return g_steal_pointer (&request);
}

EfPaymentCancelRequestRecord *
ef_payment_cancel_request_record_from_json (JsonNode  *node,
                                            GError   **error)
{
  g_autoptr(EfPaymentCancelRequestRecord) request = g_new0 (EfPaymentCancelRequestRecord, 1);
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "cancel", error);
  if (object == NULL ||
      !ef_json_check_members (object, ef_payment_cancel_request_record_members, error) ||
      !_ef_codec_get_string (object, "reason", &request->reason, error) ||
      !get_via (object, &request->via, error))
    return NULL;
  return g_steal_pointer (&request);
}
