/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-welcome-page.h: the municipality's welcome, before signing in */

#pragma once

#include <adwaita.h>

#include "ef-common.h"

G_BEGIN_DECLS

#define EF_TYPE_WELCOME_PAGE (ef_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (EfWelcomePage, ef_welcome_page, EF, WELCOME_PAGE, GtkWidget)

EfPortal *ef_welcome_page_get_portal (EfWelcomePage *self);
void      ef_welcome_page_set_portal (EfWelcomePage *self,
                                      EfPortal      *portal);
void      ef_welcome_page_set_form   (EfWelcomePage *self,
                                      GtkWidget     *form);

G_END_DECLS
