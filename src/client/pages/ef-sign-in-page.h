/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-sign-in-page.h: the sign-in form */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-page.h"

G_BEGIN_DECLS

#define EF_TYPE_SIGN_IN_PAGE (ef_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (EfSignInPage, ef_sign_in_page, EF, SIGN_IN_PAGE, EfPage)

EfSignInPage *ef_sign_in_page_new        (EfClient     *client);

EfClient     *ef_sign_in_page_get_client (EfSignInPage *self);
gboolean      ef_sign_in_page_get_kiosk  (EfSignInPage *self);
void          ef_sign_in_page_set_kiosk  (EfSignInPage *self,
                                          gboolean      kiosk);
gboolean      ef_sign_in_page_get_busy   (EfSignInPage *self);
void          ef_sign_in_page_set_busy   (EfSignInPage *self,
                                          gboolean      busy);
void          ef_sign_in_page_set_email  (EfSignInPage *self,
                                          const char   *email);
void          ef_sign_in_page_show_error (EfSignInPage *self,
                                          const GError *error);
void          ef_sign_in_page_clear      (EfSignInPage *self);
void          ef_sign_in_page_focus      (EfSignInPage *self);

G_END_DECLS
