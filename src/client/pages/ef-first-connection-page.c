/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-first-connection-page.c: create the password of an invitation
 *
 * The town hall invites a parent by e-mail; the link (or the code in it)
 * pasted here, with the new password typed twice, opens the account (see
 * EfPasswordChooser). ::done gives the account's e-mail, for the sign-in
 * form.
 */

#define G_LOG_DOMAIN "EfFirstConnectionPage"

#include "config.h"

#include "ef-first-connection-page.h"
#include "widgets/ef-password-chooser.h"
#include "widgets/ef-widget-util.h"

struct _EfFirstConnectionPage
{
  GtkWidget          parent_instance;

  /* template children */
  EfPasswordChooser *chooser;
};

G_DEFINE_FINAL_TYPE (EfFirstConnectionPage, ef_first_connection_page, GTK_TYPE_WIDGET)

static void
ef_first_connection_page_dispose (GObject *object)
{
  EfFirstConnectionPage *self = EF_FIRST_CONNECTION_PAGE (object);

  ef_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_FIRST_CONNECTION_PAGE);

  G_OBJECT_CLASS (ef_first_connection_page_parent_class)->dispose (object);
}

static void
ef_first_connection_page_class_init (EfFirstConnectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_first_connection_page_dispose;

  /* "client" and ::done (the account's e-mail) */
  _ef_password_chooser_install_page_api (object_class);

  g_type_ensure (EF_TYPE_PASSWORD_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/pages/ef-first-connection-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfFirstConnectionPage, chooser);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_first_connection_page_init (EfFirstConnectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  _ef_password_chooser_serve_page (self->chooser, GTK_WIDGET (self),
                                   ef_client_accept_invitation_async,
                                   ef_client_accept_invitation_finish,
                                   (void (*) (gpointer)) ef_first_connection_page_clear);
}

/**
 * ef_first_connection_page_new:
 * @client: the client of the portal
 *
 * Returns: (transfer floating): a new #EfFirstConnectionPage
 */
EfFirstConnectionPage *
ef_first_connection_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_FIRST_CONNECTION_PAGE, "client", client, NULL);
}

/**
 * ef_first_connection_page_clear:
 * @self: an #EfFirstConnectionPage
 *
 * Forgets the link and the passwords typed.
 */
void
ef_first_connection_page_clear (EfFirstConnectionPage *self)
{
  g_return_if_fail (EF_IS_FIRST_CONNECTION_PAGE (self));

  ef_password_chooser_clear (self->chooser);
}

void
ef_first_connection_page_focus (EfFirstConnectionPage *self)
{
  g_return_if_fail (EF_IS_FIRST_CONNECTION_PAGE (self));

  ef_password_chooser_focus (self->chooser);
}
