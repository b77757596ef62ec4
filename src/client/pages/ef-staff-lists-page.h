/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-lists-page.h: Listes du jour, the children expected on a day */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-staff-day-page.h"

G_BEGIN_DECLS

#define EF_TYPE_STAFF_LISTS_PAGE (ef_staff_lists_page_get_type ())
G_DECLARE_FINAL_TYPE (EfStaffListsPage, ef_staff_lists_page, EF, STAFF_LISTS_PAGE, EfStaffDayPage)

GtkWidget  *ef_staff_lists_page_new       (EfClient         *client);
EfDay       ef_staff_lists_page_get_day   (EfStaffListsPage *self);
void        ef_staff_lists_page_set_day   (EfStaffListsPage *self,
                                           EfDay             day);

/* For tests: the lists shown, a #GListModel of #EfDailyList, or NULL. */
GListModel *ef_staff_lists_page_get_lists (EfStaffListsPage *self);

G_END_DECLS
