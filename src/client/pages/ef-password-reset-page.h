/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-password-reset-page.h: the forgotten password */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"

G_BEGIN_DECLS

#define EF_TYPE_PASSWORD_RESET_PAGE (ef_password_reset_page_get_type ())
G_DECLARE_FINAL_TYPE (EfPasswordResetPage, ef_password_reset_page, EF, PASSWORD_RESET_PAGE,
                      GtkWidget)

EfPasswordResetPage *ef_password_reset_page_new       (EfClient            *client);
void                 ef_password_reset_page_set_email (EfPasswordResetPage *self,
                                                       const char          *email);
void                 ef_password_reset_page_clear     (EfPasswordResetPage *self);
void                 ef_password_reset_page_focus     (EfPasswordResetPage *self);

G_END_DECLS
