/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-takings-page.h: Encaissements, the payments taken at the counter on a day */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-staff-day-page.h"

G_BEGIN_DECLS

#define EF_TYPE_STAFF_TAKINGS_PAGE (ef_staff_takings_page_get_type ())
G_DECLARE_FINAL_TYPE (EfStaffTakingsPage, ef_staff_takings_page, EF, STAFF_TAKINGS_PAGE,
                      EfStaffDayPage)

GtkWidget  *ef_staff_takings_page_new          (EfClient           *client);
EfDay       ef_staff_takings_page_get_day      (EfStaffTakingsPage *self);
void        ef_staff_takings_page_set_day      (EfStaffTakingsPage *self,
                                                EfDay               day);

/* For tests: the payments shown (a #GListModel of #EfStaffPayment, or
 * NULL while loading), their totals, and the receipt's view. */
GListModel *ef_staff_takings_page_get_payments (EfStaffTakingsPage *self);
void        ef_staff_takings_page_get_totals   (EfStaffTakingsPage *self,
                                                EfPaymentTotals    *totals);
GtkWidget  *ef_staff_takings_page_get_receipt_view (EfStaffTakingsPage *self);

G_END_DECLS
