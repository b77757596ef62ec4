/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-password-reset-page.c: the forgotten password
 *
 * Two steps on one page: the e-mail address, to which the portal sends a
 * link (it never says whether an account uses that address); then that
 * link (or the code in it), pasted, with the new password typed twice.
 * The second step is always there, for a parent who already has the
 * e-mail. The rules are shown before anything is sent; the server checks
 * them again. ::done gives the account's e-mail, for the sign-in form.
 */

#define G_LOG_DOMAIN "EfPasswordResetPage"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ef-password-reset-page.h"

/* The server's rule, checked here first to answer at once. */
#define MIN_PASSWORD_LENGTH 10

struct _EfPasswordResetPage
{
  GtkWidget     parent_instance;

  /* template children */
  AdwEntryRow  *email_row;
  GtkLabel     *email_error_label;
  GtkLabel     *sent_label;
  GtkSpinner   *request_spinner;
  AdwEntryRow  *token_row;
  GtkLabel     *token_error_label;
  AdwEntryRow  *password_row;
  AdwEntryRow  *confirm_row;
  GtkLabel     *password_error_label;
  GtkLabel     *error_label;
  GtkSpinner   *spinner;

  EfClient     *client;
  GCancellable *cancellable;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (EfPasswordResetPage, ef_password_reset_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

enum {
  DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_error (GtkLabel   *label,
           GtkWidget  *row,
           const char *message)
{
  gboolean has_error = message != NULL && *message != '\0';

  gtk_label_set_text (label, has_error ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), has_error);
  if (row == NULL)
    return;
  if (has_error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
clear_errors (EfPasswordResetPage *self)
{
  set_error (self->token_error_label, GTK_WIDGET (self->token_row), NULL);
  set_error (self->password_error_label, GTK_WIDGET (self->password_row), NULL);
  set_error (self->error_label, NULL, NULL);
}

static const char *
check_new_password (const char *password,
                    const char *confirmation)
{
  if (g_utf8_strlen (password, -1) < MIN_PASSWORD_LENGTH)
    return _("The password needs at least 10 characters.");
  if (g_strcmp0 (password, confirmation) != 0)
    return _("The two passwords are not the same: type the new password twice.");
  return NULL;
}

static void
set_busy (EfPasswordResetPage *self,
          gboolean               busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password-reset.submit", !busy);
}

static void
show_error (EfPasswordResetPage *self,
            const GError          *error)
{
  g_autoptr (GHashTable) fields = NULL;
  const char *message = ef_client_error_get_user_message (error);
  const char *password_message;

  if (g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_LINK_INVALID) ||
      g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_LINK_EXPIRED) ||
      g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_LINK_USED))
    {
      set_error (self->token_error_label, GTK_WIDGET (self->token_row), message);
      return;
    }

  fields = ef_client_error_get_field_messages (error);
  password_message = g_hash_table_lookup (fields, "password");
  if (password_message != NULL)
    {
      set_error (self->password_error_label, GTK_WIDGET (self->password_row), password_message);
      return;
    }

  set_error (self->error_label, NULL, message);
}

static void
on_password_reset_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr (EfPasswordResetPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;

  email = ef_client_reset_password_finish (EF_CLIENT (source), result, &error);
  if (error != NULL && ef_client_error_is_cancelled (error))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[DONE], 0, email);
  ef_password_reset_page_clear (self);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EfPasswordResetPage *self = EF_PASSWORD_RESET_PAGE (widget);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *problem;
  g_autofree char *token = NULL;

  clear_errors (self);

  token = ef_client_parse_account_token (gtk_editable_get_text (GTK_EDITABLE (self->token_row)));
  if (token == NULL)
    {
      set_error (self->token_error_label, GTK_WIDGET (self->token_row),
                 _("Paste the whole link of the e-mail, or the code it contains."));
      return;
    }

  problem = check_new_password (password, gtk_editable_get_text (GTK_EDITABLE (self->confirm_row)));
  if (problem != NULL)
    {
      set_error (self->password_error_label, GTK_WIDGET (self->password_row), problem);
      return;
    }

  set_busy (self, TRUE);
  ef_client_reset_password_async (self->client, token, password, self->cancellable,
                                  on_password_reset_cb, g_object_ref (self));
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

      set_error (self->email_error_label, GTK_WIDGET (self->email_row),
                 message != NULL ? message : ef_client_error_get_user_message (error));
      return;
    }

  gtk_label_set_text (self->sent_label,
                      _("If an account uses this address, an e-mail is on its way. Paste its "
                        "link below."));
  gtk_widget_set_visible (GTK_WIDGET (self->sent_label), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
}

static void
request_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EfPasswordResetPage *self = EF_PASSWORD_RESET_PAGE (widget);
  g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));

  set_error (self->email_error_label, GTK_WIDGET (self->email_row), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sent_label), FALSE);
  if (strchr (email, '@') == NULL)
    {
      set_error (self->email_error_label, GTK_WIDGET (self->email_row),
                 _("Type the e-mail address of your account, such as name@example.fr."));
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->request_spinner), TRUE);
  gtk_spinner_set_spinning (self->request_spinner, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password-reset.request", FALSE);
  ef_client_request_password_reset_async (self->client, email, self->cancellable,
                                          on_reset_requested_cb, g_object_ref (self));
}

static void
on_email_activated_cb (EfPasswordResetPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "password-reset.request", NULL);
}

static void
on_field_changed_cb (EfPasswordResetPage *self)
{
  clear_errors (self);
}

static void
on_confirm_activated_cb (EfPasswordResetPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "password-reset.submit", NULL);
}

static void
ef_password_reset_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  EfPasswordResetPage *self = EF_PASSWORD_RESET_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_password_reset_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  EfPasswordResetPage *self = EF_PASSWORD_RESET_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_password_reset_page_dispose (GObject *object)
{
  EfPasswordResetPage *self = EF_PASSWORD_RESET_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_PASSWORD_RESET_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (ef_password_reset_page_parent_class)->dispose (object);
}

static void
ef_password_reset_page_class_init (EfPasswordResetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_password_reset_page_get_property;
  object_class->set_property = ef_password_reset_page_set_property;
  object_class->dispose = ef_password_reset_page_dispose;

  /**
   * EfPasswordResetPage:client:
   *
   * The client of the portal of the account.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         EF_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfPasswordResetPage::done:
   * @self: an #EfPasswordResetPage
   * @email: (nullable): the account's e-mail
   *
   * The password is changed: the parent can sign in.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/pages/ef-password-reset-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, email_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, sent_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, request_spinner);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, token_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage,
                                        password_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordResetPage, spinner);

  gtk_widget_class_install_action (widget_class, "password-reset.request", NULL, request_action);
  gtk_widget_class_install_action (widget_class, "password-reset.submit", NULL, submit_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_password_reset_page_init (EfPasswordResetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->email_row, "entry-activated",
                            G_CALLBACK (on_email_activated_cb), self);
  g_signal_connect_swapped (self->token_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->password_row, "changed", G_CALLBACK (on_field_changed_cb),
                            self);
  g_signal_connect_swapped (self->confirm_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->confirm_row, "entry-activated",
                            G_CALLBACK (on_confirm_activated_cb), self);
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
  set_busy (self, FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->sent_label), FALSE);
  set_error (self->email_error_label, GTK_WIDGET (self->email_row), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->request_spinner), FALSE);
  gtk_spinner_set_spinning (self->request_spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password-reset.request", TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  clear_errors (self);
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
