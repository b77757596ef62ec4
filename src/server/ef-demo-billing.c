/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-demo-billing.c: the demo family's invoices, payments and connections
 *
 * The tutorial's two invoices to pay (pop-F200300001 of 01/03/2020, 35,00 €
 * with 15,00 € still due after a 20,00 € payment at the town hall, and
 * AN-F191100001 of 30/11/2019, 6,20 €), then the invoices of September and
 * October 2026 billed from the demo reservations, September paid online.
 * Labels are the town's French text, not interface strings.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "store/ef-store-accounts.h"
#include "store/ef-store-billing.h"
#include "store/ef-store-families.h"
#include "store/ef-store-planning.h"
#include "ef-demo.h"

/* What sign-ins the demo account's history shows (Paris time). */
#define DEMO_CONNECTION_CLIENT "Espace Famille (démo)"

static const struct {
  int         year, month, day, hour, minute;
  gboolean    ok;
} demo_connections[] = {
  { 2026, 10, 5, 8, 47, TRUE },
  { 2026, 10, 19, 20, 12, FALSE },
  { 2026, 10, 19, 20, 13, TRUE },
  { 2026, 11, 3, 7, 58, TRUE },
  { 2026, 11, 16, 12, 31, TRUE },
  { 2026, 11, 24, 21, 5, TRUE },
};

static gint64
paris_instant (int year,
               int month,
               int day,
               int hour,
               int minute)
{
  g_autoptr(GTimeZone) tz = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);
  g_autoptr(GDateTime) instant = ef_day_at_time (ef_day_new (year, month, day), hour, minute, tz);

  return g_date_time_to_unix (instant);
}

static gint64
find_activity (GPtrArray  *activities,
               const char *code)
{
  for (guint i = 0; i < activities->len; i++)
    {
      EfActivity *activity = g_ptr_array_index (activities, i);

      if (g_strcmp0 (activity->code, code) == 0)
        return activity->id;
    }
  return 0;
}

/* The tutorial's invoices, with the town hall's partial payment. */
static gboolean
add_tutorial_invoices (EfStore    *store,
                       gint64      family_id,
                       GPtrArray  *activities,
                       GError    **error)
{
  gint64 lea = ef_store_find_member_by_reference (store, EF_DEMO_TENANT_ID,
                                                  EF_DEMO_FAMILY_REFERENCE, "lea", error);
  gint64 hugo;
  EfInvoiceDraftLine meals = {
    .member_id = lea, .member_name = "Léa Martin",
    .activity_id = find_activity (activities, EF_DEMO_ACTIVITY_MEAL),
    .label = "Restauration scolaire", .quantity = 10, .unit_price = 350,
  };
  EfInvoiceDraftLine wednesday = {
    .member_name = "Hugo Martin",
    .activity_id = find_activity (activities, EF_DEMO_ACTIVITY_WEDNESDAY),
    .label = "Mercredi au Lacaou", .quantity = 1, .unit_price = 620,
  };
  EfInvoiceDraft february = {
    .number = "pop-F200300001", .service_id = "education", .label = "Éducation — février 2020",
    .issue_day = ef_day_new (2020, 3, 1), .period_start = ef_day_new (2020, 2, 1),
    .period_end = ef_day_new (2020, 2, 29), .due_day = ef_day_new (2020, 3, 31), .n_lines = 1,
  };
  EfInvoiceDraft november = {
    .number = "AN-F191100001", .service_id = "lacaou",
    .label = "Centre d’animation Le Lacaou — novembre 2019",
    .issue_day = ef_day_new (2019, 11, 30), .period_start = ef_day_new (2019, 11, 1),
    .period_end = ef_day_new (2019, 11, 30), .due_day = ef_day_new (2019, 12, 30), .n_lines = 1,
  };
  gboolean created;

  if (lea == 0)
    return error == NULL || *error == NULL;
  hugo = ef_store_find_member_by_reference (store, EF_DEMO_TENANT_ID,
                                            EF_DEMO_FAMILY_REFERENCE, "hugo", error);
  if (hugo == 0)
    return error == NULL || *error == NULL;
  wednesday.member_id = hugo;

  february.lines = &meals;
  if (ef_store_add_invoice (store, EF_DEMO_TENANT_ID, family_id, &february,
                            paris_instant (2020, 3, 1, 6, 0), &created, error) == 0)
    return FALSE;
  if (created &&
      ef_store_record_offline_payment (store, EF_DEMO_TENANT_ID, "pop-F200300001",
                                       EF_PAYMENT_CHANNEL_CASH, 2000, "Guichet de l’Hôtel de Ville",
                                       paris_instant (2020, 3, 12, 10, 20), error) == 0)
    return FALSE;

  november.lines = &wednesday;
  return ef_store_add_invoice (store, EF_DEMO_TENANT_ID, family_id, &november,
                               paris_instant (2019, 11, 30, 6, 0), &created, error) != 0;
}

/* September and October 2026 from the demo reservations; September paid
 * online in October. */
static gboolean
bill_school_year (EfStore    *store,
                  gint64      family_id,
                  gint64      account_id,
                  GError    **error)
{
  g_autoptr(EfBillingReport) september = NULL;
  g_autoptr(EfBillingReport) october = NULL;
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(EfPayment) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  static const char reference[] = "DEMO-CB-20261005";
  EfPaymentAllocation allocation = { 0 };
  gint64 payment_id;

  september = ef_store_bill_month (store, EF_DEMO_TENANT_ID, 2026, 9, ef_day_new (2026, 10, 1),
                                   paris_instant (2026, 10, 1, 6, 0), NULL, NULL, error);
  if (september == NULL)
    return FALSE;
  october = ef_store_bill_month (store, EF_DEMO_TENANT_ID, 2026, 10, ef_day_new (2026, 11, 2),
                                 paris_instant (2026, 11, 2, 6, 0), NULL, NULL, error);
  if (october == NULL)
    return FALSE;

  existing = ef_store_find_payment_by_reference (store, EF_DEMO_TENANT_ID, reference, &local_error);
  if (existing != NULL)
    return TRUE;
  if (!g_error_matches (local_error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  invoices = ef_store_list_invoices (store, EF_DEMO_TENANT_ID, family_id, "to_pay", error);
  if (invoices == NULL)
    return FALSE;
  for (guint i = 0; i < invoices->len; i++)
    {
      EfInvoice *invoice = g_ptr_array_index (invoices, i);

      if (invoice->issue_day == ef_day_new (2026, 10, 1) && invoice->balance > 0)
        {
          allocation.invoice_id = invoice->id;
          allocation.amount = invoice->balance;
        }
    }
  if (allocation.invoice_id == 0)
    return TRUE;

  payment_id = ef_store_create_payment (store, EF_DEMO_TENANT_ID, family_id,
                                        EF_PAYMENT_CHANNEL_ONLINE_CARD, reference,
                                        "Paiement en ligne", account_id, &allocation, 1,
                                        paris_instant (2026, 10, 5, 8, 52), error);
  return payment_id != 0 &&
         ef_store_settle_payment (store, EF_DEMO_TENANT_ID, payment_id,
                                  paris_instant (2026, 10, 5, 8, 53), NULL, error);
}

static gboolean
add_connections (EfStore    *store,
                 gint64      family_id,
                 gint64      account_id,
                 GError    **error)
{
  g_autoptr(GPtrArray) existing = NULL;

  existing = ef_store_list_connections (store, EF_DEMO_TENANT_ID, family_id,
                                        paris_instant (2026, 10, 1, 0, 0),
                                        paris_instant (2026, 11, 25, 0, 0), error);
  if (existing == NULL)
    return FALSE;
  for (guint i = 0; i < existing->len; i++)
    {
      EfConnectionEntry *entry = g_ptr_array_index (existing, i);

      if (g_strcmp0 (entry->client, DEMO_CONNECTION_CLIENT) == 0)
        return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_connections); i++)
    if (!ef_store_record_connection (store, EF_DEMO_TENANT_ID, account_id,
                                     paris_instant (demo_connections[i].year, demo_connections[i].month,
                                                    demo_connections[i].day, demo_connections[i].hour,
                                                    demo_connections[i].minute),
                                     demo_connections[i].ok ? EF_CONNECTION_OK : EF_CONNECTION_BAD_CREDENTIALS,
                                     DEMO_CONNECTION_CLIENT, error))
      return FALSE;
  return TRUE;
}

gboolean
ef_demo_populate_billing (EfStore  *store,
                          GError  **error)
{
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(GPtrArray) activities = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  /* The invoice prefixes and the bank account are the demo's settings
   * (ef-demo-town.ini). */
  account = ef_store_find_account (store, EF_DEMO_TENANT_ID, EF_DEMO_ACCOUNT_EMAIL, error);
  if (account == NULL)
    return error == NULL || *error == NULL;
  activities = ef_store_list_activities (store, EF_DEMO_TENANT_ID, error);
  if (activities == NULL)
    return FALSE;

  return add_tutorial_invoices (store, account->family_id, activities, error) &&
         bill_school_year (store, account->family_id, account->id, error) &&
         add_connections (store, account->family_id, account->id, error);
}
