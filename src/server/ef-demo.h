/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-demo.h: the demo municipality (Billère, tenant 7249) */

#pragma once

#include "store/ef-store-town.h"

G_BEGIN_DECLS

#define EF_DEMO_TENANT_ID "7249"
/* The demo's PayFiP client number (the simulator's). */
#define EF_DEMO_PAYFIP_NUMCLI "012345"

/* The demo tenant's settings (ef-demo-town.ini), as configure reads them. */
EfTown   *ef_demo_build_town   (GError  **error);
/* The demo tenant as the tutorial describes it. */
EfPortal *ef_demo_build_portal (void);

/* Creates the demo tenant in @store, or resets it to the demo data;
 * running it again changes nothing. */
gboolean  ef_demo_populate     (EfStore  *store,
                                GError  **error);

/* The demo family, "Famille Martin" (ef-demo-family.c): Claire, the
 * responsible adult, who has the demo account, and two children, Léa
 * (2016) and Hugo (2019), with the persons allowed to pick them up. The
 * references find the members again: ef_store_find_member_by_reference(). */
#define EF_DEMO_FAMILY_REFERENCE  "demo-martin"
#define EF_DEMO_ACCOUNT_EMAIL     "parent@example.fr"
#define EF_DEMO_ACCOUNT_PASSWORD  "Billere-Demo-2026"

/* Creates the demo family and its account, or resets them. */
gboolean  ef_demo_populate_family (EfStore  *store,
                                   GError  **error);

/* The demo's agent of the town hall (ef-demo-family.c): the Education
 * service and the administrator's role, so that the back office shows
 * every family. */
#define EF_DEMO_STAFF_EMAIL     "agent@example.fr"
#define EF_DEMO_STAFF_PASSWORD  "Billere-Agent-2026"
#define EF_DEMO_STAFF_NAME      "Sophie Laborde"

/* Creates the demo's staff account, or resets it. */
gboolean  ef_demo_populate_staff  (EfStore  *store,
                                   GError  **error);

/* The demo's activities (ef-demo-planning.c). */
#define EF_DEMO_ACTIVITY_MEAL      "restaurant-scolaire"
#define EF_DEMO_ACTIVITY_MORNING   "accueil-matin"
#define EF_DEMO_ACTIVITY_EVENING   "accueil-soir"
#define EF_DEMO_ACTIVITY_WEDNESDAY "mercredi-lacaou"

/* The school holidays of zone A, and for @children (member ids) the
 * enrolments of the school year 2026-2027 and the meals reserved until
 * mid-December; the activities must exist (ef_demo_populate()). Running it
 * again changes nothing. */
gboolean  ef_demo_populate_planning (EfStore  *store,
                                     GArray   *children,
                                     GError  **error);

/* The same for the children of the family of the demo account @email
 * (NULL: the tenant's first account); no enrolments without one. */
gboolean  ef_demo_populate_planning_for_account (EfStore     *store,
                                                 const char  *email,
                                                 GError     **error);

/* The demo family's invoices: the tutorial's pop-F200300001 (35,00 €,
 * 15,00 € still due) and AN-F191100001 (6,20 €), September and October
 * 2026 billed from the reservations (September paid online), and some
 * connections in its history. Running it again changes nothing. */
gboolean  ef_demo_populate_billing (EfStore  *store,
                                    GError  **error);

G_END_DECLS
