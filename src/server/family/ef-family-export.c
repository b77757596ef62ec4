/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family-export.c: all of a family's data as one JSON document
 *
 * Each part is written by the codec that the API or the CLI already uses
 * for it (family, invoices, payments, enrolments), so that a parent reads
 * the same objects here as in the application; the rest comes from the
 * store as records.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "billing/ef-billing.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-families.h"
#include "store/ef-store-gdpr.h"
#include "ef-common.h"
#include "ef-planning.h"
#include "ef-family-export.h"

/* The family as the API shows it, with the town hall's references. */
static JsonNode *
family_node (const EfFamily *family)
{
  JsonNode *node = ef_family_to_json (family);
  JsonObject *object = json_node_get_object (node);
  JsonArray *members = json_object_get_array_member (object, "members");

  if (family->reference != NULL)
    json_object_set_string_member (object, "reference", family->reference);
  else
    json_object_set_null_member (object, "reference");
  for (guint i = 0; i < family->members->len; i++)
    {
      const EfMember *member = g_ptr_array_index (family->members, i);
      JsonObject *item = json_array_get_object_element (members, i);

      if (member->reference != NULL)
        json_object_set_string_member (item, "reference", member->reference);
      else
        json_object_set_null_member (item, "reference");
    }
  return node;
}

/* Every member's enrolments, as the API lists them, with the member's id. */
static JsonArray *
enrolments_array (EfStore         *store,
                  const EfFamily  *family,
                  GError         **error)
{
  g_autoptr(JsonArray) all = json_array_new ();

  for (guint i = 0; i < family->members->len; i++)
    {
      const EfMember *member = g_ptr_array_index (family->members, i);
      g_autoptr(GPtrArray) enrolments = ef_store_list_enrolments (store, member->id, error);
      g_autoptr(JsonNode) node = NULL;
      JsonArray *array;

      if (enrolments == NULL)
        return NULL;
      node = ef_planning_enrolments_to_json (enrolments);
      array = json_object_get_array_member (json_node_get_object (node), "enrolments");
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonObject *item = json_array_get_object_element (array, j);

          json_object_set_int_member (item, "member", member->id);
          json_array_add_object_element (all, json_object_ref (item));
        }
    }
  return g_steal_pointer (&all);
}

static JsonArray *
invoices_array (EfStore     *store,
                const char  *tenant_id,
                gint64       family_id,
                GTimeZone   *tz,
                GError     **error)
{
  g_autoptr(EfBillingSettings) settings = NULL;
  g_autoptr(GPtrArray) invoices = NULL;
  JsonArray *array;

  settings = ef_store_load_billing_settings (store, tenant_id, error);
  if (settings == NULL)
    return NULL;
  invoices = ef_store_list_invoices (store, tenant_id, family_id, NULL, error);
  if (invoices == NULL)
    return NULL;

  array = json_array_new ();
  for (guint i = 0; i < invoices->len; i++)
    json_array_add_element (array, ef_billing_invoice_to_json (g_ptr_array_index (invoices, i),
                                                               settings, tz));
  return array;
}

/* The payments as the history shows them, with what the town hall noted
 * and, for an online one, what the payment provider was given. */
static JsonArray *
payments_array (EfStore     *store,
                const char  *tenant_id,
                gint64       family_id,
                GTimeZone   *tz,
                GError     **error)
{
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(JsonArray) operations = NULL;
  JsonArray *array;

  payments = ef_store_list_family_payments (store, tenant_id, family_id, NULL, error);
  if (payments == NULL)
    return NULL;
  operations = ef_store_list_family_records (store, family_id, EF_FAMILY_RECORDS_ONLINE_PAYMENTS,
                                             tz, error);
  if (operations == NULL)
    return NULL;

  array = json_array_new ();
  for (guint i = 0; i < payments->len; i++)
    {
      const EfPayment *payment = g_ptr_array_index (payments, i);
      JsonNode *node = ef_billing_payment_to_json (payment, tz);
      JsonObject *object = json_node_get_object (node);
      JsonObject *online = NULL;

      json_object_set_string_member (object, "label", payment->label);
      if (payment->reference != NULL)
        json_object_set_string_member (object, "reference", payment->reference);
      else
        json_object_set_null_member (object, "reference");
      for (guint j = 0; j < json_array_get_length (operations) && online == NULL; j++)
        {
          JsonObject *operation = json_array_get_object_element (operations, j);

          if (json_object_get_int_member (operation, "payment") == payment->id)
            online = operation;
        }
      if (online != NULL)
        json_object_set_object_member (object, "online", json_object_ref (online));
      else
        json_object_set_null_member (object, "online");
      json_array_add_element (array, node);
    }
  return array;
}

/* The parts of the document that are records of the store, by name. */
static const struct {
  const char      *name;
  EfFamilyRecords  kind;
} record_parts[] = {
  { "accounts", EF_FAMILY_RECORDS_ACCOUNTS },
  { "sessions", EF_FAMILY_RECORDS_SESSIONS },
  { "devices", EF_FAMILY_RECORDS_DEVICES },
  { "connections", EF_FAMILY_RECORDS_CONNECTIONS },
  { "reservations", EF_FAMILY_RECORDS_RESERVATIONS },
  { "reservation_changes", EF_FAMILY_RECORDS_RESERVATION_CHANGES },
  { "mails", EF_FAMILY_RECORDS_MAILS },
};

static gboolean
export_family (EfStore     *store,
               const char  *tenant_id,
               gint64       family_id,
               GTimeZone   *tz,
               JsonObject  *document,
               GError     **error)
{
  g_autoptr(EfFamily) family = NULL;
  JsonArray *array;

  family = ef_store_load_family (store, tenant_id, family_id, error);
  if (family == NULL)
    return FALSE;
  json_object_set_member (document, "family", family_node (family));

  for (guint i = 0; i < G_N_ELEMENTS (record_parts); i++)
    {
      array = ef_store_list_family_records (store, family_id, record_parts[i].kind, tz, error);
      if (array == NULL)
        return FALSE;
      json_object_set_array_member (document, record_parts[i].name, array);
    }

  if ((array = enrolments_array (store, family, error)) == NULL)
    return FALSE;
  json_object_set_array_member (document, "enrolments", array);
  if ((array = invoices_array (store, tenant_id, family_id, tz, error)) == NULL)
    return FALSE;
  json_object_set_array_member (document, "invoices", array);
  if ((array = payments_array (store, tenant_id, family_id, tz, error)) == NULL)
    return FALSE;
  json_object_set_array_member (document, "payments", array);
  return TRUE;
}

JsonNode *
ef_family_export (EfStore     *store,
                  const char  *tenant_id,
                  gint64       family_id,
                  GDateTime   *now,
                  GError     **error)
{
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *exported_at = NULL;
  JsonObject *tenant;
  JsonNode *node;
  gboolean ok;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!ef_store_begin_read (store, error))
    return NULL;

  settings = ef_store_load_tenant_settings (store, tenant_id, error);
  if (settings != NULL)
    tz = ef_time_zone_new (settings->time_zone, error);
  if (tz == NULL)
    {
      ef_store_end_read (store);
      return NULL;
    }

  document = json_object_new ();
  json_object_set_string_member (document, "format", EF_FAMILY_EXPORT_FORMAT);
  json_object_set_int_member (document, "version", EF_FAMILY_EXPORT_VERSION);
  exported_at = ef_instant_format_iso (now, tz);
  json_object_set_string_member (document, "exported_at", exported_at);
  tenant = json_object_new ();
  json_object_set_string_member (tenant, "id", tenant_id);
  json_object_set_string_member (tenant, "name", settings->name);
  json_object_set_object_member (document, "tenant", tenant);

  ok = export_family (store, tenant_id, family_id, tz, document, error);
  ef_store_end_read (store);
  if (!ok)
    return NULL;

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, document);
  return node;
}
