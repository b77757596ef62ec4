/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-portal-setup-page.h: asks for the address of the portal */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EF_TYPE_PORTAL_SETUP_PAGE (ef_portal_setup_page_get_type ())
G_DECLARE_FINAL_TYPE (EfPortalSetupPage, ef_portal_setup_page, EF, PORTAL_SETUP_PAGE, GtkWidget)

void ef_portal_setup_page_set_address (EfPortalSetupPage *self,
                                       const char        *address);
void ef_portal_setup_page_focus       (EfPortalSetupPage *self);

G_END_DECLS
