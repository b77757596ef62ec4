/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-dashboard-page.h: the dashboard (tableau de bord), one card per menu */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-page.h"

G_BEGIN_DECLS

#define EF_TYPE_DASHBOARD_PAGE (ef_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (EfDashboardPage, ef_dashboard_page, EF, DASHBOARD_PAGE, EfPage)

GtkWidget  *ef_dashboard_page_new       (EfClient        *client);
EfClient   *ef_dashboard_page_get_client (EfDashboardPage *self);
void        ef_dashboard_page_preload   (EfDashboardPage *self);
void        ef_dashboard_page_reload    (EfDashboardPage *self);
void        ef_dashboard_page_preload_awaiting_family (EfDashboardPage *self);
void        ef_dashboard_page_take_family (EfDashboardPage *self,
                                           GAsyncResult    *result);
GtkWidget  *ef_dashboard_page_get_card  (EfDashboardPage *self,
                                         const char      *name);

G_END_DECLS
