/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-demo.h: the demo municipality (Billère, tenant 7249) */

#pragma once

#include "store/ef-store.h"

G_BEGIN_DECLS

#define EF_DEMO_TENANT_ID "7249"

/* The demo tenant as the tutorial describes it. */
EfPortal *ef_demo_build_portal (void);

/* Creates the demo tenant in @store, or resets it to the demo data;
 * running it again changes nothing. */
gboolean  ef_demo_populate     (EfStore  *store,
                                GError  **error);

G_END_DECLS
