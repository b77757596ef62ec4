/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family-page.h: Ma famille, the members and their details */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-page.h"

G_BEGIN_DECLS

#define EF_TYPE_FAMILY_PAGE (ef_family_page_get_type ())
G_DECLARE_FINAL_TYPE (EfFamilyPage, ef_family_page, EF, FAMILY_PAGE, EfPage)

GtkWidget  *ef_family_page_new        (EfClient     *client);
void        ef_family_page_reload     (EfFamilyPage *self);
EfFamily   *ef_family_page_get_family (EfFamilyPage *self);
const char *ef_family_page_get_state  (EfFamilyPage *self);
GtkWindow  *ef_family_page_edit_member (EfFamilyPage *self,
                                        gint64        member_id);

G_END_DECLS
