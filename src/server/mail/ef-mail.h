/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-mail.h: the mails the server sends, the outbox, and sendmail */

#pragma once

#include <gio/gio.h>

#include "store/ef-store-accounts.h"

G_BEGIN_DECLS

typedef struct
{
  char *kind;      /* invitation, password_reset */
  char *to;
  char *subject;
  char *body;
} EfMail;

void     ef_mail_free                (EfMail       *mail);

/* The invitation to create a password: a link to
 * @portal_url/first-connection?token=@token and the token itself, valid
 * until @expires_at (shown in its own time zone). */
EfMail  *ef_mail_new_invitation      (const char   *tenant_name,
                                      const char   *portal_url,
                                      const char   *to,
                                      const char   *first_name,
                                      const char   *token,
                                      GDateTime    *expires_at);
/* The same for an agent of the town hall (@name) whom `staff --invite`
 * gives a staff account. */
EfMail  *ef_mail_new_staff_invitation (const char  *tenant_name,
                                       const char  *portal_url,
                                       const char  *to,
                                       const char  *name,
                                       const char  *token,
                                       GDateTime   *expires_at);
/* The same for a forgotten password: @portal_url/reset-password?token=…. */
EfMail  *ef_mail_new_password_reset  (const char   *tenant_name,
                                      const char   *portal_url,
                                      const char   *to,
                                      const char   *token,
                                      GDateTime    *expires_at);

/* "ne-pas-repondre@HOST" for the host of @public_url (or localhost). */
char    *ef_mail_default_from        (const char   *public_url);

/* The RFC 5322 message: From (with @from_name MIME-encoded), To, Subject
 * (MIME-encoded), Date, MIME-Version, Content-Type text/plain; charset=utf-8. */
char    *ef_mail_format              (const EfMail *mail,
                                      const char   *from_name,
                                      const char   *from_address,
                                      GDateTime    *date);

/* ef_mail_format() with the tenant's sender: its name, and its mail_from
 * or ef_mail_default_from() of its public_url. */
char    *ef_mail_format_for_tenant   (const EfMail           *mail,
                                      const EfTenantSettings *settings,
                                      GDateTime              *date);

/* Hands @message to `@sendmail -t -i` on its standard input. */
gboolean ef_mail_send                (const char   *sendmail,
                                      const char   *message,
                                      GError      **error);
void     ef_mail_send_async          (const char          *sendmail,
                                      const char          *message,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean ef_mail_send_finish         (GAsyncResult        *result,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfMail, ef_mail_free)

G_END_DECLS
