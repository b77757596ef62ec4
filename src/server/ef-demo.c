/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-demo.c: the demo municipality (Billère, tenant 7249)
 *
 * The facts come from the town's own tutorial (shared/seed). They are the
 * town's data, in French, not interface text: they are not translated.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "store/ef-store-payfip.h"
#include "ef-demo.h"

static const char demo_contact[] =
  "Hôtel de Ville de Billère, service Éducation : 05 59 92 44 58 — 05 59 40 03 33, "
  "de 8 h 30 à 12 h 45 et de 13 h 45 à 17 h 00, "
  "avec une borne Internet en libre-service.\n"
  "Centre d’animation le LACAOU : 05 59 92 55 55, "
  "un espace public numérique est à votre disposition sur rendez-vous.";

static const struct {
  const char *id;
  const char *name;
  const char *description;
} demo_services[] = {
  { "education", "Éducation",
    "Restauration scolaire et temps périscolaires : réservation et annulation des repas, "
    "accueils du matin et du soir, factures." },
  { "petite-enfance", "Petite enfance",
    "Les crèches municipales." },
  { "lacaou", "Centre d’animation Le Lacaou",
    "Activités de loisirs et espace public numérique, sur inscription au centre d’animation." },
};

EfPortal *
ef_demo_build_portal (void)
{
  EfPortal *portal;
  EfDeadlinePolicy policy;

  portal = ef_portal_new (EF_DEMO_TENANT_ID, "Ville de Billère", demo_contact,
                          EF_DEFAULT_TIME_ZONE);

  /* The tutorial's table: 3 school days before, 09:00, Monday to Friday. */
  ef_deadline_policy_init_default (&policy);
  ef_portal_set_deadline_policy (portal, &policy);

  for (guint i = 0; i < G_N_ELEMENTS (demo_services); i++)
    {
      g_autoptr(EfService) service = ef_service_new (demo_services[i].id,
                                                     demo_services[i].name,
                                                     demo_services[i].description);

      ef_portal_add_service (portal, service);
    }

  return portal;
}

gboolean
ef_demo_populate (EfStore  *store,
                  GError  **error)
{
  g_autoptr(EfPortal) portal = ef_demo_build_portal ();

  g_return_val_if_fail (store != NULL, FALSE);

  if (!ef_store_replace_tenant (store, portal, error))
    return FALSE;

  /* The demo family and its account (ef-demo-family.c). */
  if (!ef_demo_populate_family (store, error))
    return FALSE;

  /* Online payment through the PayFiP simulator, in test mode. */
  if (!ef_store_set_payfip_settings (store, EF_DEMO_TENANT_ID, EF_DEMO_PAYFIP_NUMCLI, "T",
                                     EF_PAYFIP_PROVIDER_SIMULATOR, error))
    return FALSE;

  /* Last, once the demo family exists: activities, school holidays, and
   * the enrolments and reservations of the demo account's children. */
  if (!ef_demo_populate_planning_for_account (store, NULL, error))
    return FALSE;

  /* Once the reservations exist: the invoices, payments and connection
   * history of the demo family (ef-demo-billing.c). */
  return ef_demo_populate_billing (store, error);
}
