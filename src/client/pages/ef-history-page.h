/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-history-page.h: Historique, the connections and the payments */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-page.h"

G_BEGIN_DECLS

#define EF_TYPE_HISTORY_PAGE (ef_history_page_get_type ())
G_DECLARE_FINAL_TYPE (EfHistoryPage, ef_history_page, EF, HISTORY_PAGE, EfPage)

GtkWidget  *ef_history_page_new          (EfClient      *client);
void        ef_history_page_reload       (EfHistoryPage *self);
/* "connections" or "payments" */
void        ef_history_page_set_view     (EfHistoryPage *self,
                                          const char    *view);
/* By month when TRUE, else by week; the period holding @day. */
void        ef_history_page_set_period   (EfHistoryPage *self,
                                          gboolean       by_month,
                                          EfDay          day);
const char *ef_history_page_get_period_label (EfHistoryPage *self);
/* "loading", "list", "empty" or "error" for @view */
const char *ef_history_page_get_state    (EfHistoryPage *self,
                                          const char    *view);
GtkListBox *ef_history_page_get_list     (EfHistoryPage *self,
                                          const char    *view);

G_END_DECLS
