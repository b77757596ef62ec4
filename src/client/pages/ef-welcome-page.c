/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-welcome-page.c: the municipality's welcome, before signing in
 *
 * What the tutorial's first screen shows: the town's name, a welcome, and
 * how to reach the town hall (phones, opening hours), plus the services
 * that share the portal. The window puts its sign-in form under the
 * welcome, where the tutorial has "SE CONNECTER".
 */

#define G_LOG_DOMAIN "EfWelcomePage"

#include "config.h"

#include "ef-welcome-page.h"
#include "widgets/ef-widget-util.h"

struct _EfWelcomePage
{
  GtkWidget            parent_instance;

  /* template children */
  GtkImage            *logo;
  GtkLabel            *town_label;
  GtkBox              *form_box;
  AdwPreferencesGroup *contact_group;
  GtkLabel            *contact_label;
  AdwPreferencesGroup *services_group;
  GtkListBox          *services_list;

  EfPortal            *portal;
};

G_DEFINE_FINAL_TYPE (EfWelcomePage, ef_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PORTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Keeps "05 59 92 44 58", "8 h 30" and "Éducation :" from breaking
 * across lines, as French typography wants; the text is the town's data,
 * only its spaces change. */
static char *
typeset_contact (const char *text)
{
  static GRegex *regex = NULL;

  if (g_once_init_enter (&regex))
    {
      GRegex *new_regex = g_regex_new ("(?<=\\d) (?=\\d|h\\b)|(?<=\\bh) (?=\\d)|"
                                       " (?=[:;!?»])|(?<=«) ",
                                       G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (new_regex != NULL);
      g_once_init_leave (&regex, new_regex);
    }

  return g_regex_replace_literal (regex, text, -1, 0, "\xc2\xa0", 0, NULL);
}

static GtkWidget *
create_service_row (gpointer item,
                    gpointer user_data)
{
  EfService *service = item;
  const char *description = ef_service_get_description (service);
  GtkWidget *row;

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", ef_service_get_name (service),
                      "subtitle", description != NULL ? description : "",
                      "subtitle-lines", 0,
                      "activatable", FALSE,
                      "use-markup", FALSE,
                      NULL);

  return row;
}

static void
update_portal (EfWelcomePage *self)
{
  const char *name = NULL;
  const char *contact = NULL;
  GListModel *services = NULL;

  if (self->portal != NULL)
    {
      name = ef_portal_get_name (self->portal);
      contact = ef_portal_get_contact (self->portal);
      services = ef_portal_get_services (self->portal);
    }

  gtk_label_set_text (self->town_label, name != NULL ? name : "");

  if (contact != NULL)
    {
      g_autofree char *typeset = typeset_contact (contact);

      gtk_label_set_text (self->contact_label, typeset != NULL ? typeset : contact);
    }
  else
    {
      gtk_label_set_text (self->contact_label, "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->contact_group), contact != NULL && *contact != '\0');

  gtk_list_box_bind_model (self->services_list, services, create_service_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->services_group),
                          services != NULL && g_list_model_get_n_items (services) > 0);
}

static void
ef_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EfWelcomePage *self = EF_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_PORTAL:
      g_value_set_object (value, self->portal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_welcome_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EfWelcomePage *self = EF_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_PORTAL:
      ef_welcome_page_set_portal (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_welcome_page_dispose (GObject *object)
{
  EfWelcomePage *self = EF_WELCOME_PAGE (object);

  ef_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_WELCOME_PAGE);
  g_clear_object (&self->portal);

  G_OBJECT_CLASS (ef_welcome_page_parent_class)->dispose (object);
}

static void
ef_welcome_page_class_init (EfWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_welcome_page_get_property;
  object_class->set_property = ef_welcome_page_set_property;
  object_class->dispose = ef_welcome_page_dispose;

  /**
   * EfWelcomePage:portal:
   *
   * The portal whose welcome is shown.
   */
  properties[PROP_PORTAL] =
    g_param_spec_object ("portal", NULL, NULL,
                         EF_TYPE_PORTAL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfWelcomePage, logo);
  gtk_widget_class_bind_template_child (widget_class, EfWelcomePage, town_label);
  gtk_widget_class_bind_template_child (widget_class, EfWelcomePage, form_box);
  gtk_widget_class_bind_template_child (widget_class, EfWelcomePage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, EfWelcomePage, contact_label);
  gtk_widget_class_bind_template_child (widget_class, EfWelcomePage, services_group);
  gtk_widget_class_bind_template_child (widget_class, EfWelcomePage, services_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_welcome_page_init (EfWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_widget_set_icon_on_map (GTK_WIDGET (self->logo), APP_ID);
  update_portal (self);
}

/**
 * ef_welcome_page_get_portal:
 * @self: an #EfWelcomePage
 *
 * Returns: (transfer none) (nullable): the portal shown
 */
EfPortal *
ef_welcome_page_get_portal (EfWelcomePage *self)
{
  g_return_val_if_fail (EF_IS_WELCOME_PAGE (self), NULL);

  return self->portal;
}

void
ef_welcome_page_set_portal (EfWelcomePage *self,
                            EfPortal      *portal)
{
  g_return_if_fail (EF_IS_WELCOME_PAGE (self));
  g_return_if_fail (portal == NULL || EF_IS_PORTAL (portal));

  if (!g_set_object (&self->portal, portal))
    return;

  update_portal (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTAL]);
}

/**
 * ef_welcome_page_set_form:
 * @self: an #EfWelcomePage
 * @form: (nullable): a widget to show under the welcome, such as the
 *   sign-in form, or %NULL for none
 */
void
ef_welcome_page_set_form (EfWelcomePage *self,
                          GtkWidget     *form)
{
  GtkWidget *child;

  g_return_if_fail (EF_IS_WELCOME_PAGE (self));
  g_return_if_fail (form == NULL || GTK_IS_WIDGET (form));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL)
    gtk_box_remove (self->form_box, child);

  if (form != NULL)
    gtk_box_append (self->form_box, form);
  gtk_widget_set_visible (GTK_WIDGET (self->form_box), form != NULL);
}
