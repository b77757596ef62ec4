/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-enrolments-page.h: Mes inscriptions, the enrolments of each child */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-page.h"

G_BEGIN_DECLS

#define EF_TYPE_ENROLMENTS_PAGE (ef_enrolments_page_get_type ())
G_DECLARE_FINAL_TYPE (EfEnrolmentsPage, ef_enrolments_page, EF, ENROLMENTS_PAGE, EfPage)

GtkWidget  *ef_enrolments_page_new             (EfClient         *client);
void        ef_enrolments_page_reload          (EfEnrolmentsPage *self);
void        ef_enrolments_page_select_member   (EfEnrolmentsPage *self,
                                                gint64            member_id);
gint64      ef_enrolments_page_get_member_id   (EfEnrolmentsPage *self);
GListModel *ef_enrolments_page_get_enrolments  (EfEnrolmentsPage *self);
GtkListBox *ef_enrolments_page_get_list        (EfEnrolmentsPage *self);
const char *ef_enrolments_page_get_state       (EfEnrolmentsPage *self);

G_END_DECLS
