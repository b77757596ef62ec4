/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-portal-setup-page.c: asks for the address of the portal
 *
 * The page checks what the parent typed with ef_client_normalize_portal_url()
 * and says what is wrong right under the entry; a good address goes up to
 * the window as the "win.set-portal" action.
 */

#define G_LOG_DOMAIN "EfPortalSetupPage"

#include "config.h"

#include "api/ef-client.h"
#include "ef-portal-setup-page.h"
#include "widgets/ef-widget-util.h"

struct _EfPortalSetupPage
{
  GtkWidget    parent_instance;

  /* template children */
  AdwStatusPage *status_page;
  AdwEntryRow   *address_row;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (EfPortalSetupPage, ef_portal_setup_page, GTK_TYPE_WIDGET)

static void
clear_error (EfPortalSetupPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->address_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
update_connect_action (EfPortalSetupPage *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.connect", *g_strstrip (text) != '\0');
}

static void
on_address_row_changed_cb (EfPortalSetupPage *self,
                           GtkEditable       *editable)
{
  clear_error (self);
  update_connect_action (self);
}

static void
on_address_row_entry_activated_cb (EfPortalSetupPage *self,
                                   AdwEntryRow       *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "setup.connect", NULL);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EfPortalSetupPage *self = EF_PORTAL_SETUP_PAGE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;

  address = ef_client_normalize_portal_url (text, NULL, &error);
  if (address == NULL)
    {
      gtk_label_set_text (self->error_label, ef_client_error_get_user_message (error));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->address_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
      return;
    }

  gtk_widget_activate_action (widget, "win.set-portal", "s", address);
}

static void
ef_portal_setup_page_dispose (GObject *object)
{
  ef_widget_dispose_template (GTK_WIDGET (object), EF_TYPE_PORTAL_SETUP_PAGE);

  G_OBJECT_CLASS (ef_portal_setup_page_parent_class)->dispose (object);
}

static void
ef_portal_setup_page_class_init (EfPortalSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_portal_setup_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-portal-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfPortalSetupPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, EfPortalSetupPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, EfPortalSetupPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_address_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_address_row_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "setup.connect", NULL, connect_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_portal_setup_page_init (EfPortalSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_widget_set_icon_on_map (GTK_WIDGET (self->status_page), APP_ID "-symbolic");
  update_connect_action (self);
}

/**
 * ef_portal_setup_page_set_address:
 * @self: an #EfPortalSetupPage
 * @address: (nullable): the address to start from
 *
 * Fills the entry and clears any previous error.
 */
void
ef_portal_setup_page_set_address (EfPortalSetupPage *self,
                                  const char        *address)
{
  g_return_if_fail (EF_IS_PORTAL_SETUP_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address != NULL ? address : "");
  clear_error (self);
  update_connect_action (self);
}

void
ef_portal_setup_page_focus (EfPortalSetupPage *self)
{
  g_return_if_fail (EF_IS_PORTAL_SETUP_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
}
