/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-model-records.c: the record models' properties (ef-model-util.c)
 *
 * Each property of the models whose fields ef-model-util.c reads and
 * writes: given at construction, read back through g_object_get() and the
 * getters, freed once (G_DEBUG=gc-friendly and fatal warnings catch a
 * double free or a wrong type); the flags of the properties as before.
 */

#define G_LOG_DOMAIN "EfTestModels"

#include "config.h"

#include <gio/gio.h>

#include "models/ef-activity.h"
#include "models/ef-address.h"
#include "models/ef-connection-entry.h"
#include "models/ef-daily-list.h"
#include "models/ef-enrolment.h"
#include "models/ef-family.h"
#include "models/ef-finance.h"
#include "models/ef-invoice-line.h"
#include "models/ef-invoice-payment.h"
#include "models/ef-invoice-total.h"
#include "models/ef-invoice.h"
#include "models/ef-member.h"
#include "models/ef-payment-entry.h"
#include "models/ef-payment-invoice.h"
#include "models/ef-payment.h"
#include "models/ef-phone.h"
#include "models/ef-pickup-person.h"
#include "models/ef-planning-day.h"
#include "models/ef-planning.h"
#include "models/ef-reservation-change.h"
#include "models/ef-staff-family-summary.h"
#include "models/ef-staff-family.h"
#include "models/ef-staff-payment.h"

#define CONSTRUCT_FLAGS (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY)

static void
assert_flags (GType        type,
              const char  *name,
              GParamFlags  flags)
{
  g_autoptr (GTypeClass) klass = g_type_class_ref (type);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), name);

  g_assert_nonnull (pspec);
  g_assert_cmphex (pspec->flags & (CONSTRUCT_FLAGS | G_PARAM_EXPLICIT_NOTIFY), ==, flags);
}

/* A value of @pspec's type that is not its default. */
static void
init_other_value (GParamSpec *pspec,
                  GValue     *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);
  if (type == G_TYPE_INT64)
    g_value_set_int64 (value, 4740);
  else if (type == G_TYPE_UINT)
    g_value_set_uint (value, ef_day_new (2026, 11, 2));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, TRUE);
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr (GEnumClass) enum_class = g_type_class_ref (type);

      g_value_set_enum (value, enum_class->values[enum_class->n_values - 1].value);
    }
  else if (type == G_TYPE_STRING)
    g_value_set_string (value, g_param_spec_get_name (pspec));
  else if (type == G_TYPE_DATE_TIME)
    g_value_take_boxed (value, g_date_time_new_utc (2026, 11, 2, 9, 30, 0));
  else if (type == G_TYPE_LIST_MODEL)
    g_value_take_object (value, g_list_store_new (G_TYPE_OBJECT));
  else if (G_TYPE_IS_OBJECT (type))
    g_value_take_object (value, g_object_new (type, NULL));
  else
    g_assert_not_reached ();
}

static void
assert_same_value (GParamSpec   *pspec,
                   const GValue *expected,
                   const GValue *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_test_message ("%s:%s", g_type_name (pspec->owner_type), g_param_spec_get_name (pspec));
  if (type == G_TYPE_STRING)
    g_assert_cmpstr (g_value_get_string (value), ==, g_value_get_string (expected));
  else if (type == G_TYPE_DATE_TIME)
    g_assert_true (g_date_time_equal (g_value_get_boxed (value), g_value_get_boxed (expected)));
  else
    g_assert_cmpint (g_param_values_cmp (pspec, value, expected), ==, 0);
}

/* Every property of @data's type, given at construction, read back. */
static void
test_round_trip (gconstpointer data)
{
  GType type = ((GType (*) (void)) data) ();
  g_autoptr (GTypeClass) klass = g_type_class_ref (type);
  g_autoptr (GObject) object = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GValue value = G_VALUE_INIT;

      if (pspecs[i]->owner_type != type)
        continue;
      g_assert_true (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY);
      init_other_value (pspecs[i], &value);
      g_ptr_array_add (names, (gpointer) g_param_spec_get_name (pspecs[i]));
      g_array_append_val (values, value);
    }
  g_assert_cmpuint (names->len, >, 0);

  object = g_object_new_with_properties (type, names->len, (const char **) names->pdata,
                                         (const GValue *) values->data);
  for (guint i = 0; i < names->len; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), names->pdata[i]);
      g_auto (GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (object, names->pdata[i], &value);
      assert_same_value (pspec, &g_array_index (values, GValue, i), &value);
    }
}

static void
test_payment_entry (void)
{
  g_autoptr (GDateTime) at = g_date_time_new_utc (2026, 11, 2, 9, 30, 0);
  g_autoptr (GDateTime) paid_at = g_date_time_new_utc (2026, 11, 2, 9, 31, 0);
  g_autoptr (GListStore) allocations = g_list_store_new (EF_TYPE_PAYMENT_INVOICE);
  g_autoptr (EfPaymentEntry) entry = NULL;
  g_autoptr (GDateTime) read_at = NULL;
  g_autoptr (GListModel) read_allocations = NULL;
  g_autofree char *time = NULL;
  gint64 id = 0, amount = 0;
  guint day = 0;
  EfPaymentChannel channel = 0;
  EfPaymentStatus status = 0;

  entry = g_object_new (EF_TYPE_PAYMENT_ENTRY,
                        "id", (gint64) 42,
                        "at", at,
                        "day", (guint) ef_day_new (2026, 11, 2),
                        "time", "09:30",
                        "channel", EF_PAYMENT_CHANNEL_CHEQUE,
                        "status", EF_PAYMENT_STATUS_PAID,
                        "amount", (gint64) -4740,
                        "paid-at", paid_at,
                        "allocations", allocations,
                        NULL);
  g_object_get (entry,
                "id", &id, "at", &read_at, "day", &day, "time", &time, "channel", &channel,
                "status", &status, "amount", &amount, "allocations", &read_allocations,
                NULL);
  g_assert_cmpint (id, ==, 42);
  g_assert_true (g_date_time_equal (read_at, at));
  g_assert_cmpuint (day, ==, ef_day_new (2026, 11, 2));
  g_assert_cmpstr (time, ==, "09:30");
  g_assert_cmpint (channel, ==, EF_PAYMENT_CHANNEL_CHEQUE);
  g_assert_cmpint (status, ==, EF_PAYMENT_STATUS_PAID);
  g_assert_cmpint (amount, ==, -4740);
  g_assert_true (read_allocations == G_LIST_MODEL (allocations));

  g_assert_cmpint (ef_payment_entry_get_id (entry), ==, 42);
  g_assert_true (g_date_time_equal (ef_payment_entry_get_paid_at (entry), paid_at));
  g_assert_cmpstr (ef_payment_entry_get_time (entry), ==, "09:30");
  g_assert_cmpint (ef_payment_entry_get_amount (entry), ==, -4740);
  g_assert_true (ef_payment_entry_get_allocations (entry) == G_LIST_MODEL (allocations));

  assert_flags (EF_TYPE_PAYMENT_ENTRY, "time", CONSTRUCT_FLAGS | G_PARAM_EXPLICIT_NOTIFY);
  assert_flags (EF_TYPE_PAYMENT_ENTRY, "allocations", CONSTRUCT_FLAGS | G_PARAM_EXPLICIT_NOTIFY);
}

/* Properties not given keep their defaults; the list is never NULL. */
static void
test_defaults (void)
{
  g_autoptr (EfPaymentEntry) entry = g_object_new (EF_TYPE_PAYMENT_ENTRY, NULL);
  g_autoptr (EfConnectionEntry) connection = g_object_new (EF_TYPE_CONNECTION_ENTRY, NULL);

  g_assert_cmpint (ef_payment_entry_get_id (entry), ==, 0);
  g_assert_null (ef_payment_entry_get_at (entry));
  g_assert_null (ef_payment_entry_get_time (entry));
  g_assert_cmpuint (ef_payment_entry_get_day (entry), ==, EF_DAY_INVALID);
  g_assert_cmpint (ef_payment_entry_get_status (entry), ==, EF_PAYMENT_STATUS_PENDING);
  g_assert_nonnull (ef_payment_entry_get_allocations (entry));
  g_assert_false (ef_connection_entry_get_success (connection));
  g_assert_cmpint (ef_connection_entry_get_result (connection), ==, EF_CONNECTION_RESULT_OK);
}

static void
test_planning_day (void)
{
  g_autoptr (GDateTime) deadline = g_date_time_new_utc (2026, 10, 28, 8, 0, 0);
  g_autoptr (EfPlanningDay) day = ef_planning_day_new (7, "meal", ef_day_new (2026, 11, 2),
                                                       EF_DAY_STATE_RESERVED,
                                                       EF_CLOSED_REASON_NONE, TRUE, deadline,
                                                       "Pont");
  gboolean changeable = FALSE;
  g_autofree char *activity = NULL;

  g_object_get (day, "changeable", &changeable, "activity", &activity, NULL);
  g_assert_true (changeable);
  g_assert_cmpstr (activity, ==, "meal");
  g_assert_cmpint (ef_planning_day_get_member_id (day), ==, 7);
  g_assert_true (ef_planning_day_is_reserved (day));
  g_assert_cmpstr (ef_planning_day_get_label (day), ==, "Pont");
  g_assert_true (g_date_time_equal (ef_planning_day_get_deadline (day), deadline));
}

/* The staff's models keep their flags (no explicit notify). */
static void
test_staff_payment (void)
{
  g_autoptr (EfStaffPayment) payment = g_object_new (EF_TYPE_STAFF_PAYMENT,
                                                     "id", (gint64) 3,
                                                     "channel", "cheque",
                                                     "cheque-number", "7654321",
                                                     "cancelled", TRUE,
                                                     "amount", (gint64) 100,
                                                     NULL);

  g_assert_cmpint (ef_staff_payment_get_id (payment), ==, 3);
  g_assert_cmpstr (ef_staff_payment_get_channel (payment), ==, "cheque");
  g_assert_cmpstr (ef_staff_payment_get_cheque_number (payment), ==, "7654321");
  g_assert_null (ef_staff_payment_get_agent_name (payment));
  g_assert_true (ef_staff_payment_get_cancelled (payment));
  g_assert_cmpint (ef_staff_payment_get_amount (payment), ==, 100);
  assert_flags (EF_TYPE_STAFF_PAYMENT, "channel", CONSTRUCT_FLAGS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/models/records/round-trip/activity", ef_activity_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/address", ef_address_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/connection-entry", ef_connection_entry_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/daily-list", ef_daily_list_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/enrolment", ef_enrolment_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/family", ef_family_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/finance", ef_finance_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/invoice-line", ef_invoice_line_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/invoice-payment", ef_invoice_payment_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/invoice-total", ef_invoice_total_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/invoice", ef_invoice_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/member", ef_member_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/payment-entry", ef_payment_entry_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/payment-invoice", ef_payment_invoice_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/payment", ef_payment_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/phone", ef_phone_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/pickup-person", ef_pickup_person_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/planning-day", ef_planning_day_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/planning", ef_planning_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/reservation-change", ef_reservation_change_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/staff-family-summary", ef_staff_family_summary_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/staff-family", ef_staff_family_get_type, test_round_trip);
  g_test_add_data_func ("/models/records/round-trip/staff-payment", ef_staff_payment_get_type, test_round_trip);
  g_test_add_func ("/models/records/payment-entry", test_payment_entry);
  g_test_add_func ("/models/records/defaults", test_defaults);
  g_test_add_func ("/models/records/planning-day", test_planning_day);
  g_test_add_func ("/models/records/staff-payment", test_staff_payment);

  return g_test_run ();
}
