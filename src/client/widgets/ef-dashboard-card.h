/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-dashboard-card.h: one card of the dashboard, for one menu */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EF_TYPE_DASHBOARD_CARD (ef_dashboard_card_get_type ())
G_DECLARE_FINAL_TYPE (EfDashboardCard, ef_dashboard_card, EF, DASHBOARD_CARD, GtkWidget)

GtkWidget  *ef_dashboard_card_new         (const char      *title,
                                           const char      *icon_name,
                                           const char      *page);
const char *ef_dashboard_card_get_page    (EfDashboardCard *self);
void        ef_dashboard_card_set_loading (EfDashboardCard *self);
void        ef_dashboard_card_set_summary (EfDashboardCard *self,
                                           const char      *headline,
                                           const char      *details);
void        ef_dashboard_card_set_error   (EfDashboardCard *self,
                                           const char      *message);
const char *ef_dashboard_card_get_headline (EfDashboardCard *self);
const char *ef_dashboard_card_get_details (EfDashboardCard *self);
gboolean    ef_dashboard_card_is_loading  (EfDashboardCard *self);
gboolean    ef_dashboard_card_has_error   (EfDashboardCard *self);

G_END_DECLS
