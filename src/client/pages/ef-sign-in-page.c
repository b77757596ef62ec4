/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-sign-in-page.c: the sign-in form
 *
 * The tutorial's "SE CONNECTER": the portal's address (which the parent
 * may change), e-mail, password and "remember me". It signs in through
 * EfClient and says what went wrong next to the field concerned: a wrong
 * password or a locked account under the password, an invalid e-mail
 * under the e-mail, and a portal out of reach in a bar with Retry.
 *
 * "Remember me" keeps the password in the Secret Service through the
 * client's EfCredentials; it is hidden in kiosk mode, and insensitive,
 * with the reason, when there is no keyring.
 */

#define G_LOG_DOMAIN "EfSignInPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-sign-in-page.h"
#include "widgets/ef-accessible.h"
#include "widgets/ef-widget-util.h"

struct _EfSignInPage
{
  EfPage        parent_instance;

  /* template children */
  GtkRevealer  *network_revealer;
  GtkLabel     *network_label;
  GtkButton    *network_retry_button;
  AdwActionRow *portal_row;
  GtkButton    *change_portal_button;
  AdwEntryRow  *email_row;
  GtkLabel     *email_error_label;
  AdwEntryRow  *password_row;
  GtkLabel     *password_error_label;
  GtkWidget    *remember_list;
  AdwActionRow *remember_row;
  GtkSwitch    *remember_switch;
  GtkButton    *sign_in_button;
  GtkSpinner   *spinner;
  GtkWidget    *demo_button;

  gboolean      kiosk;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (EfSignInPage, ef_sign_in_page, EF_TYPE_PAGE)

enum {
  PROP_0,
  PROP_KIOSK,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_field_error (AdwEntryRow *row,
                 GtkLabel    *label,
                 const char  *message)
{
  ef_widget_show_error (GTK_WIDGET (row), label, message);
  ef_accessible_set_error (GTK_WIDGET (row), message);
}

static void
clear_errors (EfSignInPage *self)
{
  set_field_error (self->email_row, self->email_error_label, NULL);
  set_field_error (self->password_row, self->password_error_label, NULL);
  gtk_revealer_set_reveal_child (self->network_revealer, FALSE);
}

static void
update_actions (EfSignInPage *self)
{
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  gboolean can_sign_in = !self->busy && *email != '\0' && *password != '\0' &&
                         client != NULL && ef_client_has_portal (client);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in", can_sign_in);
}

static void
update_remember (EfSignInPage *self)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  EfCredentials *credentials = client != NULL ? ef_client_get_credentials (client) : NULL;
  gboolean available = credentials != NULL && ef_credentials_get_available (credentials);

  gtk_widget_set_visible (self->remember_list, !self->kiosk);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_row), available && !self->busy);
  if (available)
    adw_action_row_set_subtitle (self->remember_row,
                                 _("This computer stays signed in with a key kept in its keyring, not your password"));
  else if (credentials != NULL && ef_credentials_get_checked (credentials))
    adw_action_row_set_subtitle (self->remember_row,
                                 ef_credentials_get_unavailable_reason (credentials));
  else if (credentials == NULL)
    adw_action_row_set_subtitle (self->remember_row,
                                 _("Passwords are not remembered on this computer"));
  if (!available)
    gtk_switch_set_active (self->remember_switch, FALSE);
}

static void
update_portal (EfSignInPage *self)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  const char *url = client != NULL ? ef_client_get_portal_url (client) : NULL;
  g_autofree char *escaped = g_markup_escape_text (url != NULL ? url : "", -1);

  adw_action_row_set_subtitle (self->portal_row, escaped);
  /* On the shared terminal the administrator chose the portal. */
  gtk_widget_set_visible (GTK_WIDGET (self->change_portal_button), !self->kiosk);
  gtk_widget_set_visible (self->demo_button, !self->kiosk);
  update_actions (self);
}

static void
on_credentials_checked_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr (EfSignInPage) self = user_data;

  ef_credentials_check_finish (EF_CREDENTIALS (source), result, NULL);
  update_remember (self);
}

static void
check_credentials (EfSignInPage *self)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));
  EfCredentials *credentials = client != NULL ? ef_client_get_credentials (client) : NULL;

  update_remember (self);
  if (credentials != NULL && !ef_credentials_get_checked (credentials))
    ef_credentials_check_async (credentials, cancellable, on_credentials_checked_cb,
                                g_object_ref (self));
}

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (EfSignInPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!ef_client_sign_in_finish (EF_CLIENT (source), result, &error))
    {
      ef_sign_in_page_set_busy (self, FALSE);
      ef_sign_in_page_show_error (self, error);
      return;
    }

  /* Signed in, and the password remembered if asked: the form is emptied
   * for whoever comes next. */
  ef_sign_in_page_clear (self);
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EfSignInPage *self = EF_SIGN_IN_PAGE (widget);
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));
  gboolean remember = !self->kiosk && gtk_widget_get_sensitive (GTK_WIDGET (self->remember_row)) &&
                      gtk_switch_get_active (self->remember_switch);

  clear_errors (self);
  ef_sign_in_page_set_busy (self, TRUE);
  ef_client_sign_in_async (client,
                           gtk_editable_get_text (GTK_EDITABLE (self->email_row)),
                           gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                           remember, cancellable, on_signed_in_cb, g_object_ref (self));
}

static void
on_email_changed_cb (EfSignInPage *self)
{
  set_field_error (self->email_row, self->email_error_label, NULL);
  update_actions (self);
}

static void
on_password_changed_cb (EfSignInPage *self)
{
  set_field_error (self->password_row, self->password_error_label, NULL);
  update_actions (self);
}

static void
on_map_cb (EfSignInPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_default_widget (GTK_WINDOW (root), GTK_WIDGET (self->sign_in_button));
}

static void
ef_sign_in_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EfSignInPage *self = EF_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIOSK:
      g_value_set_boolean (value, self->kiosk);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_sign_in_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EfSignInPage *self = EF_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIOSK:
      ef_sign_in_page_set_kiosk (self, g_value_get_boolean (value));
      break;

    case PROP_BUSY:
      ef_sign_in_page_set_busy (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_sign_in_page_constructed (GObject *object)
{
  EfSignInPage *self = EF_SIGN_IN_PAGE (object);
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  G_OBJECT_CLASS (ef_sign_in_page_parent_class)->constructed (object);

  g_assert (EF_IS_CLIENT (client));

  g_signal_connect_object (client, "notify::portal-url", G_CALLBACK (update_portal), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "notify::credentials",
                           G_CALLBACK (check_credentials), self, G_CONNECT_SWAPPED);
  update_portal (self);
  check_credentials (self);
}

static void
ef_sign_in_page_class_init (EfSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_sign_in_page_get_property;
  object_class->set_property = ef_sign_in_page_set_property;
  object_class->constructed = ef_sign_in_page_constructed;

  /**
   * EfSignInPage:kiosk:
   *
   * Whether this is the shared terminal: no "remember me", no change of
   * portal, no demo.
   */
  properties[PROP_KIOSK] =
    g_param_spec_boolean ("kiosk", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfSignInPage:busy:
   *
   * Whether a sign-in is under way (the button's spinner turns).
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfSignInPage::signed-in:
   * @self: an #EfSignInPage
   *
   * The client has a session now.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, network_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, network_label);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, network_retry_button);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, portal_row);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, change_portal_button);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, email_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, password_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, remember_list);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, remember_row);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, EfSignInPage, demo_button);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
}

static void
ef_sign_in_page_init (EfSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The eye that shows the password: named after its tooltip. */
  ef_accessible_name_buttons (GTK_WIDGET (self->password_row));


  g_signal_connect_swapped (self->email_row, "changed", G_CALLBACK (on_email_changed_cb), self);
  g_signal_connect_swapped (self->password_row, "changed", G_CALLBACK (on_password_changed_cb),
                            self);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in", FALSE);
}

/**
 * ef_sign_in_page_new:
 * @client: the client that signs in
 *
 * Returns: (transfer floating): a new #EfSignInPage
 */
EfSignInPage *
ef_sign_in_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_SIGN_IN_PAGE, "client", client, NULL);
}

EfClient *
ef_sign_in_page_get_client (EfSignInPage *self)
{
  g_return_val_if_fail (EF_IS_SIGN_IN_PAGE (self), NULL);

  return ef_page_get_client (EF_PAGE (self));
}

gboolean
ef_sign_in_page_get_kiosk (EfSignInPage *self)
{
  g_return_val_if_fail (EF_IS_SIGN_IN_PAGE (self), FALSE);

  return self->kiosk;
}

void
ef_sign_in_page_set_kiosk (EfSignInPage *self,
                           gboolean      kiosk)
{
  g_return_if_fail (EF_IS_SIGN_IN_PAGE (self));

  kiosk = !!kiosk;
  if (self->kiosk == kiosk)
    return;

  self->kiosk = kiosk;
  update_remember (self);
  update_portal (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIOSK]);
}

gboolean
ef_sign_in_page_get_busy (EfSignInPage *self)
{
  g_return_val_if_fail (EF_IS_SIGN_IN_PAGE (self), FALSE);

  return self->busy;
}

/**
 * ef_sign_in_page_set_busy:
 * @self: an #EfSignInPage
 * @busy: whether a sign-in is under way
 *
 * Also for a sign-in the window does by itself (remembered password,
 * demo): the form waits, its spinner turns.
 */
void
ef_sign_in_page_set_busy (EfSignInPage *self,
                          gboolean      busy)
{
  g_return_if_fail (EF_IS_SIGN_IN_PAGE (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Not insensitive: GTK 4.8 warns when a focused text loses its
   * sensitivity. */
  gtk_editable_set_editable (GTK_EDITABLE (self->email_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  update_remember (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
ef_sign_in_page_set_email (EfSignInPage *self,
                           const char   *email)
{
  g_return_if_fail (EF_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
}

/**
 * ef_sign_in_page_show_error:
 * @self: an #EfSignInPage
 * @error: why signing in failed, in %EF_CLIENT_ERROR
 *
 * Says what went wrong next to the field concerned, or in the bar above
 * the form with Retry when the portal could not be reached.
 */
void
ef_sign_in_page_show_error (EfSignInPage *self,
                            const GError *error)
{
  g_autoptr (GHashTable) fields = NULL;
  const char *message;

  g_return_if_fail (EF_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (error != NULL);

  if (ef_client_error_is_cancelled (error))
    return;

  clear_errors (self);
  message = ef_client_error_get_user_message (error);

  if (g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_ACCOUNT_LOCKED) ||
      g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_SESSION_EXPIRED))
    {
      set_field_error (self->password_row, self->password_error_label, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  if (g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_VALIDATION))
    {
      const char *email_message;
      const char *password_message;

      fields = ef_client_error_get_field_messages (error);
      email_message = g_hash_table_lookup (fields, "email");
      password_message = g_hash_table_lookup (fields, "password");
      if (email_message == NULL && password_message == NULL)
        email_message = message;
      set_field_error (self->email_row, self->email_error_label, email_message);
      set_field_error (self->password_row, self->password_error_label, password_message);
      return;
    }

  gtk_label_set_text (self->network_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->network_retry_button),
                          ef_client_error_can_retry (error));
  gtk_revealer_set_reveal_child (self->network_revealer, TRUE);
}

/**
 * ef_sign_in_page_clear:
 * @self: an #EfSignInPage
 *
 * Forgets what was typed and every message: after a sign-out, the next
 * person finds an empty form.
 */
void
ef_sign_in_page_clear (EfSignInPage *self)
{
  g_return_if_fail (EF_IS_SIGN_IN_PAGE (self));

  ef_page_renew_cancellable (EF_PAGE (self));

  ef_sign_in_page_set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_switch_set_active (self->remember_switch, FALSE);
  clear_errors (self);
}

void
ef_sign_in_page_focus (EfSignInPage *self)
{
  g_return_if_fail (EF_IS_SIGN_IN_PAGE (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->email_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}
