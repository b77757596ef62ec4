/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-password-chooser.h: the link of an e-mail and a new password */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"

G_BEGIN_DECLS

/**
 * EfPasswordChooserSendFunc:
 *
 * Sends the token of a link and the new password to the portal, as
 * ef_client_accept_invitation_async() and ef_client_reset_password_async() do.
 */
typedef void   (*EfPasswordChooserSendFunc)   (EfClient            *client,
                                               const char          *token,
                                               const char          *password,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);

/**
 * EfPasswordChooserFinishFunc:
 *
 * Finishes an #EfPasswordChooserSendFunc; returns the account's e-mail.
 */
typedef char * (*EfPasswordChooserFinishFunc) (EfClient            *client,
                                               GAsyncResult        *result,
                                               GError             **error);

#define EF_TYPE_PASSWORD_CHOOSER (ef_password_chooser_get_type ())
G_DECLARE_FINAL_TYPE (EfPasswordChooser, ef_password_chooser, EF, PASSWORD_CHOOSER, GtkWidget)

EfClient *ef_password_chooser_get_client (EfPasswordChooser           *self);
void      ef_password_chooser_set_client (EfPasswordChooser           *self,
                                          EfClient                    *client);
void      ef_password_chooser_set_sender (EfPasswordChooser           *self,
                                          EfPasswordChooserSendFunc    send,
                                          EfPasswordChooserFinishFunc  finish);
gboolean  ef_password_chooser_get_busy   (EfPasswordChooser           *self);
void      ef_password_chooser_clear      (EfPasswordChooser           *self);
void      ef_password_chooser_focus      (EfPasswordChooser           *self);

/* For the pages built around a chooser bound as the template child
 * "chooser": their "client" property (kept by the chooser) and their
 * ::done signal. */
void      _ef_password_chooser_install_page_api (GObjectClass                *object_class);
void      _ef_password_chooser_serve_page       (EfPasswordChooser           *self,
                                                 GtkWidget                   *page,
                                                 EfPasswordChooserSendFunc    send,
                                                 EfPasswordChooserFinishFunc  finish,
                                                 void                       (*clear) (gpointer page));

G_END_DECLS
