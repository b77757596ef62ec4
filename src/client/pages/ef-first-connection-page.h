/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-first-connection-page.h: create the password of an invitation */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"

G_BEGIN_DECLS

#define EF_TYPE_FIRST_CONNECTION_PAGE (ef_first_connection_page_get_type ())
G_DECLARE_FINAL_TYPE (EfFirstConnectionPage, ef_first_connection_page, EF, FIRST_CONNECTION_PAGE,
                      GtkWidget)

EfFirstConnectionPage *ef_first_connection_page_new   (EfClient              *client);
void                   ef_first_connection_page_clear (EfFirstConnectionPage *self);
void                   ef_first_connection_page_focus (EfFirstConnectionPage *self);

G_END_DECLS
