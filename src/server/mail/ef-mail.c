/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-mail.c: the mails the server sends, the outbox, and sendmail
 *
 * The mails are written in the tenant's language (EF_MAIL_TENANT_LANGUAGE),
 * whatever the locale the server runs in: the English texts below are
 * marked with NC_ ("mail", …) and translated by ef_mail_gettext().
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ef-mail-catalog.h"
#include "ef-mail.h"

/* The English @msgid, marked with NC_ ("mail", …), in the mails' language. */
G_GNUC_FORMAT (1)
static const char *
tr (const char *msgid)
{
  return ef_mail_gettext (EF_MAIL_TENANT_LANGUAGE, "mail", msgid);
}

static char *
format_expiry (GDateTime *expires_at)
{
  /* TRANSLATORS: a g_date_time_format() format: use only numeric fields
   * (%d %m %Y %H %M), which do not depend on the server's locale. */
  return g_date_time_format (expires_at, tr (NC_("mail", "%Y-%m-%d at %H:%M")));
}

/* RFC 2047 encoded words for a header value that is not plain ASCII,
 * folded so that no line gets too long. */
static char *
encode_header_value (const char *value)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = value;
  gboolean ascii = TRUE;

  for (const char *c = value; *c != '\0'; c++)
    if ((guchar) *c >= 0x80 || *c == '\r' || *c == '\n')
      ascii = FALSE;
  if (ascii)
    return g_strdup (value);

  while (*p != '\0')
    {
      g_autofree char *encoded = NULL;
      const char *end = p;

      /* At most 45 bytes of whole characters per word: 60 in base64. */
      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if (next - p > 45)
            break;
          end = next;
        }
      encoded = g_base64_encode ((const guchar *) p, end - p);
      if (out->len > 0)
        g_string_append (out, "\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", encoded);
      p = end;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static EfMail *
mail_new (const char *kind,
          const char *to,
          char       *subject,
          char       *body)
{
  EfMail *mail = g_new0 (EfMail, 1);

  mail->kind = g_strdup (kind);
  mail->to = g_strdup (to);
  mail->subject = subject;
  mail->body = body;
  return mail;
}

static void
on_communicate_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GSubprocess *process = G_SUBPROCESS (object);
  GError *error = NULL;

  if (!g_subprocess_communicate_finish (process, result, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!g_subprocess_get_successful (process))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The mail program failed (status %d)",
                               g_subprocess_get_exit_status (process));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
ef_mail_free (EfMail *mail)
{
  if (mail == NULL)
    return;
  g_free (mail->kind);
  g_free (mail->to);
  g_free (mail->subject);
  g_free (mail->body);
  g_free (mail);
}

/* An invitation to choose a password, for a family's member or a town
 * hall's agent (@staff). */
static EfMail *
invitation_new (const char *tenant_name,
                const char *portal_url,
                const char *to,
                const char *name,
                const char *token,
                GDateTime  *expires_at,
                gboolean    staff)
{
  g_autofree char *expiry = format_expiry (expires_at);
  GString *body = g_string_new (NULL);
  char *subject;

  g_string_append_printf (body, tr (NC_("mail", "Hello %s,")), name);
  g_string_append (body, "\n\n");
  if (staff)
    g_string_append_printf (body, tr (NC_("mail", "%s gives you a staff account on the Espace "
                                                  "Famille: the back office with which the town "
                                                  "hall’s services help families, take their "
                                                  "payments and print the lists of the day.")),
                            tenant_name);
  else
    g_string_append_printf (body, tr (NC_("mail", "%s invites you to create your account on the "
                                                  "Espace Famille, to reserve your children’s meals "
                                                  "and out-of-school care and to follow your "
                                                  "invoices.")),
                            tenant_name);
  g_string_append (body, "\n\n");
  g_string_append (body, tr (NC_("mail", "To choose your password, open this link:")));
  g_string_append_printf (body, "\n%s/first-connection?token=%s\n\n", portal_url, token);
  g_string_append (body, tr (NC_("mail", "Or, in the Espace Famille application, choose "
                                         "“First connection” and enter this code:")));
  g_string_append_printf (body, "\n%s\n\n", token);
  g_string_append_printf (body, tr (NC_("mail", "This link is valid until %s and works only once. "
                                                "Your login will be your e-mail address: %s")),
                          expiry, to);
  g_string_append (body, "\n\n");
  g_string_append (body, tr (NC_("mail", "If you were not expecting this message, ignore it.")));
  g_string_append (body, "\n\n-- \n");
  g_string_append_printf (body, tr (NC_("mail", "%s — Espace Famille")), tenant_name);
  g_string_append_c (body, '\n');

  if (staff)
    subject = g_strdup_printf (tr (NC_("mail", "Your staff account on the Espace Famille — %s")),
                               tenant_name);
  else
    subject = g_strdup_printf (tr (NC_("mail", "Your Espace Famille account — %s")), tenant_name);
  return mail_new ("invitation", to, subject, g_string_free (body, FALSE));
}

EfMail *
ef_mail_new_invitation (const char *tenant_name,
                        const char *portal_url,
                        const char *to,
                        const char *first_name,
                        const char *token,
                        GDateTime  *expires_at)
{
  return invitation_new (tenant_name, portal_url, to, first_name, token, expires_at, FALSE);
}

EfMail *
ef_mail_new_staff_invitation (const char *tenant_name,
                              const char *portal_url,
                              const char *to,
                              const char *name,
                              const char *token,
                              GDateTime  *expires_at)
{
  return invitation_new (tenant_name, portal_url, to, name, token, expires_at, TRUE);
}

EfMail *
ef_mail_new_password_reset (const char *tenant_name,
                            const char *portal_url,
                            const char *to,
                            const char *token,
                            GDateTime  *expires_at)
{
  g_autofree char *expiry = format_expiry (expires_at);
  GString *body = g_string_new (NULL);

  g_string_append (body, tr (NC_("mail", "Hello,")));
  g_string_append (body, "\n\n");
  g_string_append_printf (body, tr (NC_("mail", "You asked to change the password of your "
                                                "Espace Famille account (%s).")),
                          to);
  g_string_append (body, "\n\n");
  g_string_append (body, tr (NC_("mail", "To choose a new password, open this link:")));
  g_string_append_printf (body, "\n%s/reset-password?token=%s\n\n", portal_url, token);
  g_string_append (body, tr (NC_("mail", "Or, in the Espace Famille application, choose "
                                         "“Forgotten password” and enter this code:")));
  g_string_append_printf (body, "\n%s\n\n", token);
  g_string_append_printf (body, tr (NC_("mail", "This link is valid until %s and works only once. "
                                                "Once the password is changed, all your open "
                                                "sessions are closed.")),
                          expiry);
  g_string_append (body, "\n\n");
  g_string_append (body, tr (NC_("mail", "If you did not ask for anything, ignore this message: "
                                         "your password does not change.")));
  g_string_append (body, "\n\n-- \n");
  g_string_append_printf (body, tr (NC_("mail", "%s — Espace Famille")), tenant_name);
  g_string_append_c (body, '\n');

  return mail_new ("password_reset", to,
                   g_strdup_printf (tr (NC_("mail", "New Espace Famille password — %s")),
                                    tenant_name),
                   g_string_free (body, FALSE));
}

char *
ef_mail_default_from (const char *public_url)
{
  g_autoptr(GUri) uri = public_url ? g_uri_parse (public_url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  /* An address literal or a bare name cannot receive mail. */
  if (host == NULL || strchr (host, '.') == NULL || g_hostname_is_ip_address (host))
    host = "localhost";
  return g_strdup_printf ("ne-pas-repondre@%s", host);
}

char *
ef_mail_format (const EfMail *mail,
                const char   *from_name,
                const char   *from_address,
                GDateTime    *date)
{
  g_autofree char *subject = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date_text = NULL;
  g_autoptr(GDateTime) utc = NULL;
  static const char * const days[] = { "", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

  g_return_val_if_fail (mail != NULL, NULL);

  subject = encode_header_value (mail->subject);
  name = encode_header_value (from_name);
  /* RFC 5322 dates are English whatever the locale. */
  utc = g_date_time_to_utc (date);
  date_text = g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d +0000",
                               days[g_date_time_get_day_of_week (utc)],
                               g_date_time_get_day_of_month (utc),
                               months[g_date_time_get_month (utc)],
                               g_date_time_get_year (utc),
                               g_date_time_get_hour (utc),
                               g_date_time_get_minute (utc),
                               g_date_time_get_second (utc));

  return g_strdup_printf ("From: %s <%s>\n"
                          "To: %s\n"
                          "Subject: %s\n"
                          "Date: %s\n"
                          "MIME-Version: 1.0\n"
                          "Content-Type: text/plain; charset=utf-8\n"
                          "Content-Transfer-Encoding: 8bit\n"
                          "\n"
                          "%s",
                          name, from_address, mail->to, subject, date_text, mail->body);
}

char *
ef_mail_format_for_tenant (const EfMail           *mail,
                           const EfTenantSettings *settings,
                           GDateTime              *date)
{
  g_autofree char *from = NULL;

  g_return_val_if_fail (mail != NULL && settings != NULL, NULL);

  if (settings->mail_from != NULL)
    from = g_strdup (settings->mail_from);
  else
    from = ef_mail_default_from (settings->public_url);
  return ef_mail_format (mail, settings->name, from, date);
}

gboolean
ef_mail_send (const char  *sendmail,
              const char  *message,
              GError     **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = NULL;
  const char *argv[] = { sendmail, "-t", "-i", NULL };

  g_return_val_if_fail (sendmail != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE, error);
  if (process == NULL)
    return FALSE;
  input = g_bytes_new (message, strlen (message));
  if (!g_subprocess_communicate (process, input, NULL, NULL, NULL, error))
    return FALSE;
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The mail program failed (status %d)", g_subprocess_get_exit_status (process));
      return FALSE;
    }
  return TRUE;
}

void
ef_mail_send_async (const char          *sendmail,
                    const char          *message,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = NULL;
  GError *error = NULL;
  const char *argv[] = { sendmail, "-t", "-i", NULL };

  g_return_if_fail (sendmail != NULL);
  g_return_if_fail (message != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_mail_send_async);

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE, &error);
  if (process == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  input = g_bytes_new (message, strlen (message));
  g_subprocess_communicate_async (process, input, cancellable, on_communicate_cb,
                                  g_steal_pointer (&task));
}

gboolean
ef_mail_send_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
