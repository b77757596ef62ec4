/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-password-reset-page.c: the forgotten password
 *
 * Two steps on one page: the e-mail address, to which the portal sends a
 * link (it never says whether an account uses that address); then that
 * link (or the code in it), pasted, with the new password typed twice
 * (see EfPasswordChooser). The second step is always there, for a parent
 * who already has the e-mail. ::done gives the account's e-mail, for the
 * sign-in form.
 */

#define G_LOG_DOMAIN "EfPasswordResetPage"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ef-password-reset-page.h"
#include "widgets/ef-password-chooser.h"
#include "widgets/ef-widget-util.h"

struct _EfPasswordResetPage
{
  GtkWidget          parent_instance;

  /* template children */
  AdwEntryRow       *email_row;
  GtkLabel          *email_error_label;
  GtkLabel          *sent_label;
  GtkSpinner        *request_spinner;
  EfPasswordChooser *chooser;

  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (EfPasswordResetPage, ef_password_reset_page, GTK_TYPE_WIDGET)

static void
set_email_error (EfPasswordResetPage *self,
                 const char          *message)
{
  ef_widget_show_error (GTK_WIDGET (self->email_row), self->email_error_label, message);
}

static void
on_reset_requested_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (EfPasswordResetPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!ef_client_request_password_reset_finish (EF_CLIENT (source), result, &error) &&
      ef_client_error_is_cancelled (error))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->request_spinner), FALSE);
  gtk_spinner_set_spinning (self->request_spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password-reset.request", TRUE);

  if (error != NULL)
    {
      g_autoptr (GHashTable) fields = ef_client_error_get_field_messages (error);
      const char *message = g_hash_table_lookup (fields, "email");

      set_email_error (self, message != NULL ? message : ef_client_error_get_user_message (error));
      return;
    }

  gtk_label_set_text (self->sent_label,
                      _("If an account uses this address, an e-mail is on its way. Paste its "
                        "link below."));
  gtk_widget_set_visible (GTK_WIDGET (self->sent_label), TRUE);
  ef_password_chooser_focus (self->chooser);
}

static void
request_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EfPasswordResetPage *self = EF_PASSWORD_RESET_PAGE (widget);
  g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));

  set_email_error (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sent_label), FALSE);
  if (strchr (email, '@') == NULL)
    {
      set_email_error (self, _("Type the e-mail address of your account, such as name@example.fr."));
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->request_spinner), TRUE);
  gtk_spinner_set_spinning (self->request_spinner, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password-reset.request", FALSE);
  ef_client_request_password_reset_async (ef_password_chooser_get_client (self->chooser), email,
                                          self->cancellable,
                                          on_reset_requested_cb, g_object_ref (self));
}

static void
on_email_activated_cb (EfPasswordResetPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "password-reset.request", NULL);
}

static void
ef_password_reset_page_dispose (GObject *object)
{
  EfPasswordResetPage *self = EF_PASSWORD_RESET_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  ef_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_PASSWORD_RESET_PAGE);

  G_OBJECT_CLASS (ef_password_reset_page_parent_class)->dispose (object);
}

static void
ef_password_reset_page_class_init (EfPasswordResetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_password_reset_page_dispose;

  /* "client" and ::done (the account's e-mail) */
  _ef_password_chooser_install_page_api (object_class);

  g_type_ensure (EF_TYPE_PASSWORD_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/pages/ef-password-reset-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, email_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, sent_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, request_spinner);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, chooser);

  gtk_widget_class_install_action (widget_class, "password-reset.request", NULL, request_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_password_reset_page_init (EfPasswordResetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->email_row, "entry-activated",
                            G_CALLBACK (on_email_activated_cb), self);
  _ef_password_chooser_serve_page (self->chooser, GTK_WIDGET (self),
                                   ef_client_reset_password_async,
                                   ef_client_reset_password_finish,
                                   (void (*) (gpointer)) ef_password_reset_page_clear);
}

/**
 * ef_password_reset_page_new:
 * @client: the client of the portal
 *
 * Returns: (transfer floating): a new #EfPasswordResetPage
 */
EfPasswordResetPage *
ef_password_reset_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_PASSWORD_RESET_PAGE, "client", client, NULL);
}

/**
 * ef_password_reset_page_clear:
 * @self: an #EfPasswordResetPage
 *
 * Forgets the link and the passwords typed.
 */
void
ef_password_reset_page_clear (EfPasswordResetPage *self)
{
  g_return_if_fail (EF_IS_PASSWORD_RESET_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->sent_label), FALSE);
  set_email_error (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->request_spinner), FALSE);
  gtk_spinner_set_spinning (self->request_spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password-reset.request", TRUE);
  ef_password_chooser_clear (self->chooser);
}

void
ef_password_reset_page_focus (EfPasswordResetPage *self)
{
  g_return_if_fail (EF_IS_PASSWORD_RESET_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
}

/**
 * ef_password_reset_page_set_email:
 * @self: an #EfPasswordResetPage
 * @email: (nullable): the e-mail typed in the sign-in form
 */
void
ef_password_reset_page_set_email (EfPasswordResetPage *self,
                                  const char          *email)
{
  g_return_if_fail (EF_IS_PASSWORD_RESET_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
}
