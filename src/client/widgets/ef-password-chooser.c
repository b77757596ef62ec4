/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-password-chooser.c: the link of an e-mail and a new password
 *
 * An invitation and a forgotten password end the same way: the link of
 * the e-mail (or the code in it), pasted, and the new password typed
 * twice. The rules are shown before anything is sent; the server checks
 * them again and its field errors are shown under the field concerned.
 * The page says what to send (ef_password_chooser_set_sender()); ::done
 * gives the account's e-mail.
 */

#define G_LOG_DOMAIN "EfPasswordChooser"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-accessible.h"
#include "ef-password-chooser.h"
#include "ef-widget-util.h"

/* The server's rule, checked here first to answer at once. */
#define MIN_PASSWORD_LENGTH 10

struct _EfPasswordChooser
{
  GtkWidget                    parent_instance;

  /* template children */
  AdwEntryRow                 *token_row;
  GtkLabel                    *token_error_label;
  AdwEntryRow                 *password_row;
  AdwEntryRow                 *confirm_row;
  GtkLabel                    *password_error_label;
  GtkLabel                    *error_label;
  GtkSpinner                  *spinner;
  GtkLabel                    *submit_label;
  GtkWidget                   *submit_button;

  EfClient                    *client;
  EfPasswordChooserSendFunc    send;
  EfPasswordChooserFinishFunc  finish;
  GtkWidget                   *page;          /* not owned: it holds the chooser */
  void                       (*page_clear) (gpointer page);
  char                        *token_hint;
  GCancellable                *cancellable;
  gboolean                     busy;
};

G_DEFINE_FINAL_TYPE (EfPasswordChooser, ef_password_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_TOKEN_TITLE,
  PROP_TOKEN_HINT,
  PROP_SUBMIT_LABEL,
  PROP_BUSY,
  N_PROPS
};

enum {
  DONE,
  N_SIGNALS
};

/* The properties of the pages built around a chooser. */
enum {
  PAGE_PROP_0,
  PAGE_PROP_CLIENT,
  N_PAGE_PROPS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
clear_errors (EfPasswordChooser *self)
{
  ef_widget_show_error (GTK_WIDGET (self->token_row), self->token_error_label, NULL);
  ef_widget_show_error (GTK_WIDGET (self->password_row), self->password_error_label, NULL);
  ef_widget_show_error (NULL, self->error_label, NULL);
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
set_busy (EfPasswordChooser *self,
          gboolean           busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password-chooser.submit", !busy);

  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (EfPasswordChooser *self,
            const GError      *error)
{
  g_autoptr (GHashTable) fields = NULL;
  const char *message = ef_client_error_get_user_message (error);
  const char *password_message;

  if (g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_LINK_INVALID) ||
      g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_LINK_EXPIRED) ||
      g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_LINK_USED))
    {
      ef_widget_show_error (GTK_WIDGET (self->token_row), self->token_error_label, message);
      return;
    }

  fields = ef_client_error_get_field_messages (error);
  password_message = g_hash_table_lookup (fields, "password");
  if (password_message != NULL)
    {
      ef_widget_show_error (GTK_WIDGET (self->password_row), self->password_error_label,
                            password_message);
      return;
    }

  ef_widget_show_error (NULL, self->error_label, message);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (EfPasswordChooser) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;

  email = self->finish (EF_CLIENT (source), result, &error);
  if (error != NULL && ef_client_error_is_cancelled (error))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[DONE], 0, email);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EfPasswordChooser *self = EF_PASSWORD_CHOOSER (widget);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *problem;
  g_autofree char *token = NULL;

  g_assert (self->client != NULL && self->send != NULL && self->finish != NULL);

  clear_errors (self);

  token = ef_client_parse_account_token (gtk_editable_get_text (GTK_EDITABLE (self->token_row)));
  if (token == NULL)
    {
      ef_widget_show_error (GTK_WIDGET (self->token_row), self->token_error_label,
                            self->token_hint);
      return;
    }

  problem = check_new_password (password, gtk_editable_get_text (GTK_EDITABLE (self->confirm_row)));
  if (problem != NULL)
    {
      ef_widget_show_error (GTK_WIDGET (self->password_row), self->password_error_label, problem);
      return;
    }

  set_busy (self, TRUE);
  self->send (self->client, token, password, self->cancellable, on_sent_cb, g_object_ref (self));
}

static void
on_field_changed_cb (EfPasswordChooser *self)
{
  clear_errors (self);
}

static void
on_confirm_activated_cb (EfPasswordChooser *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "password-chooser.submit", NULL);
}

static GObject *
get_page_chooser (GObject *page)
{
  GObject *chooser = gtk_widget_get_template_child (GTK_WIDGET (page), G_OBJECT_TYPE (page),
                                                    "chooser");

  g_assert (EF_IS_PASSWORD_CHOOSER (chooser));
  return chooser;
}

/* The page tells its parent, then forgets what was typed. */
static void
on_page_chooser_done_cb (EfPasswordChooser *self,
                         const char        *email)
{
  g_signal_emit_by_name (self->page, "done", email);
  self->page_clear (self->page);
}

static void
page_get_property (GObject    *object,
                   guint       prop_id,
                   GValue     *value,
                   GParamSpec *pspec)
{
  if (prop_id == PAGE_PROP_CLIENT)
    g_object_get_property (get_page_chooser (object), "client", value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
page_set_property (GObject      *object,
                   guint         prop_id,
                   const GValue *value,
                   GParamSpec   *pspec)
{
  if (prop_id == PAGE_PROP_CLIENT)
    g_object_set_property (get_page_chooser (object), "client", value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ef_password_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EfPasswordChooser *self = EF_PASSWORD_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_TOKEN_TITLE:
      g_value_set_string (value,
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->token_row)));
      break;

    case PROP_TOKEN_HINT:
      g_value_set_string (value, self->token_hint);
      break;

    case PROP_SUBMIT_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->submit_label));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_password_chooser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EfPasswordChooser *self = EF_PASSWORD_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      ef_password_chooser_set_client (self, g_value_get_object (value));
      break;

    case PROP_TOKEN_TITLE:
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->token_row)),
                     g_value_get_string (value)) == 0)
        break;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row),
                                     g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_TOKEN_HINT:
      if (g_strcmp0 (self->token_hint, g_value_get_string (value)) == 0)
        break;
      g_free (self->token_hint);
      self->token_hint = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_SUBMIT_LABEL:
      if (g_strcmp0 (gtk_label_get_label (self->submit_label), g_value_get_string (value)) == 0)
        break;
      gtk_label_set_text_with_mnemonic (self->submit_label, g_value_get_string (value));
      /* The button's child is a box (label and spinner): GTK names it not. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->submit_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (self->submit_label), -1);
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_password_chooser_dispose (GObject *object)
{
  EfPasswordChooser *self = EF_PASSWORD_CHOOSER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  ef_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_PASSWORD_CHOOSER);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (ef_password_chooser_parent_class)->dispose (object);
}

static void
ef_password_chooser_finalize (GObject *object)
{
  EfPasswordChooser *self = EF_PASSWORD_CHOOSER (object);

  g_clear_pointer (&self->token_hint, g_free);

  G_OBJECT_CLASS (ef_password_chooser_parent_class)->finalize (object);
}

static void
ef_password_chooser_class_init (EfPasswordChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_password_chooser_get_property;
  object_class->set_property = ef_password_chooser_set_property;
  object_class->dispose = ef_password_chooser_dispose;
  object_class->finalize = ef_password_chooser_finalize;

  /**
   * EfPasswordChooser:client:
   *
   * The client of the portal that sent the e-mail.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         EF_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EfPasswordChooser:token-title:
   *
   * The title of the field where the link of the e-mail is pasted.
   */
  properties[PROP_TOKEN_TITLE] =
    g_param_spec_string ("token-title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EfPasswordChooser:token-hint:
   *
   * What to say when the field of the link holds no link nor code.
   */
  properties[PROP_TOKEN_HINT] =
    g_param_spec_string ("token-hint", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EfPasswordChooser:submit-label:
   *
   * The label of the button that sends, with its mnemonic.
   */
  properties[PROP_SUBMIT_LABEL] =
    g_param_spec_string ("submit-label", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EfPasswordChooser:busy:
   *
   * Whether the new password is on its way to the portal.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfPasswordChooser::done:
   * @self: an #EfPasswordChooser
   * @email: (nullable): the account's e-mail
   *
   * The portal took the new password: the parent can sign in.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/widgets/ef-password-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, EfPasswordChooser, token_row);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordChooser, token_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordChooser, password_row);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordChooser, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordChooser, password_error_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordChooser, error_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordChooser, spinner);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordChooser, submit_label);
  gtk_widget_class_bind_template_child (widget_class, EfPasswordChooser, submit_button);

  gtk_widget_class_install_action (widget_class, "password-chooser.submit", NULL, submit_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_password_chooser_init (EfPasswordChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The entries' eyes ("Afficher le texte"). */
  ef_accessible_name_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->token_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->password_row, "changed", G_CALLBACK (on_field_changed_cb),
                            self);
  g_signal_connect_swapped (self->confirm_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->confirm_row, "entry-activated",
                            G_CALLBACK (on_confirm_activated_cb), self);
}

EfClient *
ef_password_chooser_get_client (EfPasswordChooser *self)
{
  g_return_val_if_fail (EF_IS_PASSWORD_CHOOSER (self), NULL);

  return self->client;
}

void
ef_password_chooser_set_client (EfPasswordChooser *self,
                                EfClient          *client)
{
  g_return_if_fail (EF_IS_PASSWORD_CHOOSER (self));
  g_return_if_fail (client == NULL || EF_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/**
 * ef_password_chooser_set_sender:
 * @self: an #EfPasswordChooser
 * @send: sends the token and the new password with #EfPasswordChooser:client
 * @finish: finishes @send, giving the account's e-mail
 *
 * Says what the button does with a valid token and password.
 */
void
ef_password_chooser_set_sender (EfPasswordChooser           *self,
                                EfPasswordChooserSendFunc    send,
                                EfPasswordChooserFinishFunc  finish)
{
  g_return_if_fail (EF_IS_PASSWORD_CHOOSER (self));
  g_return_if_fail (send != NULL && finish != NULL);

  self->send = send;
  self->finish = finish;
}

gboolean
ef_password_chooser_get_busy (EfPasswordChooser *self)
{
  g_return_val_if_fail (EF_IS_PASSWORD_CHOOSER (self), FALSE);

  return self->busy;
}

/**
 * ef_password_chooser_clear:
 * @self: an #EfPasswordChooser
 *
 * Forgets the link and the passwords typed, and what was on its way.
 */
void
ef_password_chooser_clear (EfPasswordChooser *self)
{
  g_return_if_fail (EF_IS_PASSWORD_CHOOSER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  clear_errors (self);
}

void
ef_password_chooser_focus (EfPasswordChooser *self)
{
  g_return_if_fail (EF_IS_PASSWORD_CHOOSER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
}

/**
 * _ef_password_chooser_install_page_api:
 * @object_class: the class of a page whose template binds an
 *   #EfPasswordChooser as "chooser"
 *
 * Gives the page its properties, kept by the chooser:
 * - `client` (#EfClient, construct-only): the client of the portal;
 *
 * and its signal:
 * - `done` (`void (*) (GtkWidget *page, const char *email)`): the password
 *   is created or changed, the parent can sign in with @email (nullable).
 */
void
_ef_password_chooser_install_page_api (GObjectClass *object_class)
{
  object_class->get_property = page_get_property;
  object_class->set_property = page_set_property;

  g_object_class_install_property (object_class, PAGE_PROP_CLIENT,
                                   g_param_spec_object ("client", NULL, NULL,
                                                        EF_TYPE_CLIENT,
                                                        G_PARAM_READWRITE |
                                                        G_PARAM_CONSTRUCT_ONLY |
                                                        G_PARAM_STATIC_STRINGS));

  g_signal_new ("done",
                G_TYPE_FROM_CLASS (object_class),
                G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_STRING);
}

/**
 * _ef_password_chooser_serve_page:
 * @self: the chooser of @page's template
 * @page: a page with the API of _ef_password_chooser_install_page_api()
 * @send: how the chooser sends the password
 * @finish: how it reads the answer
 * @clear: how @page forgets what was typed
 *
 * Once the password is sent, @page emits ::done, then @clear is called.
 */
void
_ef_password_chooser_serve_page (EfPasswordChooser           *self,
                                 GtkWidget                   *page,
                                 EfPasswordChooserSendFunc    send,
                                 EfPasswordChooserFinishFunc  finish,
                                 void                       (*clear) (gpointer page))
{
  g_return_if_fail (EF_IS_PASSWORD_CHOOSER (self));
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (clear != NULL);

  ef_password_chooser_set_sender (self, send, finish);
  self->page = page;
  self->page_clear = clear;
  g_signal_connect (self, "done", G_CALLBACK (on_page_chooser_done_cb), NULL);
}

