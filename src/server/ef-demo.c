/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-demo.c: the demo municipality (Billère, tenant 7249)
 *
 * The facts come from the town's own tutorial (shared/seed). They are the
 * town's data, in French, not interface text: they are not translated.
 * The municipality's settings are a settings file, ef-demo-town.ini, in
 * the server's resources, applied as `configure` applies one.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <gio/gio.h>

#include "ef-common.h"
#include "store/ef-store-payfip.h"
#include "ef-demo.h"
#include "ef-server-resources.h"
#include "ef-town.h"

#define DEMO_TOWN_RESOURCE "/io/github/espacefamille/EspaceFamille/server/ef-demo-town.ini"

EfTown *
ef_demo_build_town (GError **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) mistakes = NULL;
  g_autoptr(EfTownFile) file = NULL;

  data = g_resource_lookup_data (ef_server_get_resource (), DEMO_TOWN_RESOURCE,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (data == NULL)
    return NULL;

  mistakes = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_town_mistake_free);
  file = ef_town_file_parse (g_bytes_get_data (data, NULL), g_bytes_get_size (data), mistakes);
  if (file == NULL)
    {
      const EfTownMistake *first = g_ptr_array_index (mistakes, 0);

      /* A test reads the same file: this is a build that went wrong. */
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                   "The demo town, line %u: %s", first->line, first->message);
      return NULL;
    }

  return ef_town_file_steal_town (file);
}

EfPortal *
ef_demo_build_portal (void)
{
  g_autoptr(EfTown) town = ef_demo_build_town (NULL);
  EfPortal *portal;

  g_return_val_if_fail (town != NULL, NULL);

  portal = ef_portal_new (EF_DEMO_TENANT_ID, town->name, town->contact, town->time_zone);
  ef_portal_set_deadline_policy (portal, &town->deadline);
  for (guint i = 0; i < town->services->len; i++)
    {
      const EfTownService *service = g_ptr_array_index (town->services, i);
      g_autoptr(EfService) item = ef_service_new (service->id, service->name, service->description);

      ef_portal_add_service (portal, item);
    }
  return portal;
}

gboolean
ef_demo_populate (EfStore  *store,
                  GError  **error)
{
  g_autoptr(EfTown) town = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  /* The municipality, its services, sites, activities and prices: the
   * same code path as `configure` (ef-demo-town.ini). */
  town = ef_demo_build_town (error);
  if (town == NULL || !ef_store_apply_town (store, EF_DEMO_TENANT_ID, town, error))
    return FALSE;

  /* The demo family and its account, and the town hall's agent
   * (ef-demo-family.c). */
  if (!ef_demo_populate_family (store, error) || !ef_demo_populate_staff (store, error))
    return FALSE;

  /* Online payment through the PayFiP simulator, in test mode. */
  if (!ef_store_set_payfip_settings (store, EF_DEMO_TENANT_ID, EF_DEMO_PAYFIP_NUMCLI, "T",
                                     EF_PAYFIP_PROVIDER_SIMULATOR, error))
    return FALSE;

  /* Last, once the demo family exists: school holidays, and the
   * enrolments and reservations of the demo account's children. */
  if (!ef_demo_populate_planning_for_account (store, NULL, error))
    return FALSE;

  /* Once the reservations exist: the invoices, payments and connection
   * history of the demo family (ef-demo-billing.c). */
  return ef_demo_populate_billing (store, error);
}
