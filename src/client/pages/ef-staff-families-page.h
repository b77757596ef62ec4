/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-families-page.h: Familles, the town hall's counter */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-page.h"

G_BEGIN_DECLS

#define EF_TYPE_STAFF_FAMILIES_PAGE (ef_staff_families_page_get_type ())
G_DECLARE_FINAL_TYPE (EfStaffFamiliesPage, ef_staff_families_page, EF, STAFF_FAMILIES_PAGE, EfPage)

GtkWidget      *ef_staff_families_page_new              (EfClient            *client);

/* For tests */
GtkListBox     *ef_staff_families_page_get_results      (EfStaffFamiliesPage *self);
const char     *ef_staff_families_page_get_results_text (EfStaffFamiliesPage *self);
gint64          ef_staff_families_page_get_family_id    (EfStaffFamiliesPage *self);
EfStaffPayment *ef_staff_families_page_get_last_payment (EfStaffFamiliesPage *self);
GtkWidget      *ef_staff_families_page_get_receipt_view (EfStaffFamiliesPage *self);
const char     *ef_staff_families_page_get_banner       (EfStaffFamiliesPage *self);
/* The session on the family's behalf (NULL until it is open) and the
 * stack of the counter and the family's own pages. */
EfClient       *ef_staff_families_page_get_family_client (EfStaffFamiliesPage *self);
AdwViewStack   *ef_staff_families_page_get_family_stack  (EfStaffFamiliesPage *self);

G_END_DECLS
