/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-enrolments-page.c: Mes inscriptions, the enrolments of each child
 *
 * As the tutorial says, "par un simple clic sur le nom du membre": the
 * children are listed, one click shows what the town hall enrolled that
 * child in, with the service, the site and the period.
 */

#define G_LOG_DOMAIN "EfEnrolmentsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-page-text.h"
#include "ef-enrolments-page.h"
#include "widgets/ef-state-stack.h"

struct _EfEnrolmentsPage
{
  EfPage               parent_instance;

  /* template children */
  EfStateStack        *state;
  GtkListBox          *members_list;
  AdwPreferencesGroup *enrolments_group;
  EfStateStack        *enrolments_state;

  GCancellable        *member_cancellable;
  GListStore          *members;
  GListModel          *enrolments;
  GHashTable          *service_names;  /* (nullable): the portal's, by id */
  gint64               member_id;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (EfEnrolmentsPage, ef_enrolments_page, EF_TYPE_PAGE)

static void load_member (EfEnrolmentsPage *self);

static GtkWidget *
create_member_row (gpointer item,
                   gpointer user_data)
{
  EfMember *member = item;
  g_autofree char *name = ef_member_dup_full_name (member);
  g_autofree char *born = _ef_page_text_day (ef_member_get_birth_date (member), TRUE);
  /* Translators: under a child's name: "Born on Saturday 14 March 2016" */
  g_autofree char *subtitle = g_strdup_printf (_("Born on %s"), born);
  GtkWidget *row;
  GtkWidget *avatar;
  GtkWidget *check;

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", name,
                      "subtitle", ef_day_is_valid (ef_member_get_birth_date (member)) ? subtitle : "",
                      "use-markup", FALSE,
                      "activatable", TRUE,
                      NULL);
  avatar = adw_avatar_new (32, name, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_widget_add_css_class (check, "selected-check");
  gtk_widget_set_opacity (check, 0.0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (row), "member-id",
                     GSIZE_TO_POINTER ((gsize) ef_member_get_id (member)));
  return row;
}

static GtkWidget *
create_enrolment_row (gpointer item,
                      gpointer user_data)
{
  EfEnrolmentsPage *self = user_data;
  EfEnrolment *enrolment = item;
  g_autofree char *period = _ef_page_text_period (ef_enrolment_get_first_day (enrolment),
                                                  ef_enrolment_get_last_day (enrolment));
  g_autoptr (GString) subtitle = g_string_new (NULL);
  const char *service = ef_enrolment_get_service (enrolment);
  const char *site = ef_enrolment_get_site (enrolment);
  const char *service_name;
  GtkWidget *row;

  /* The service as the town names it ("Éducation"), not its code. */
  service_name = self->service_names != NULL && service != NULL
                 ? g_hash_table_lookup (self->service_names, service) : NULL;
  if (service_name != NULL)
    service = service_name;

  if (service != NULL && *service != '\0')
    g_string_append (subtitle, service);
  if (site != NULL && *site != '\0')
    {
      if (subtitle->len > 0)
        /* Translators: separates the service and the site of an enrolment */
        g_string_append (subtitle, _(" · "));
      g_string_append (subtitle, site);
    }
  if (subtitle->len > 0)
    g_string_append_c (subtitle, '\n');
  g_string_append (subtitle, period);

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", ef_enrolment_get_activity_name (enrolment),
                      "subtitle", subtitle->str,
                      "subtitle-lines", 0,
                      "title-lines", 0,
                      "use-markup", FALSE,
                      "activatable", FALSE,
                      NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("x-office-calendar-symbolic"));
  return row;
}

static void
update_checks (EfEnrolmentsPage *self)
{
  /* The list also unselects while it is destroyed. */
  if (self->members_list == NULL)
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->members_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      gboolean selected = GTK_IS_LIST_BOX_ROW (row) &&
                          gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row));
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");

      if (check == NULL)
        continue;
      gtk_widget_set_opacity (check, selected ? 1.0 : 0.0);
    }
}

static void
on_enrolments_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  EfEnrolmentsPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) enrolments = NULL;

  enrolments = ef_client_get_enrolments_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_ENROLMENTS_PAGE (user_data);
  if (enrolments == NULL)
    {
      ef_state_stack_show_error (self->enrolments_state, ef_client_error_get_user_message (error));
      return;
    }

  g_set_object (&self->enrolments, enrolments);
  gtk_list_box_bind_model (ef_enrolments_page_get_list (self), enrolments, create_enrolment_row, self, NULL);
  ef_state_stack_set_state (self->enrolments_state, g_list_model_get_n_items (enrolments) > 0 ? "list" : "empty");
}

static void
on_portal_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  EfEnrolmentsPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPortal) portal = NULL;
  GListModel *services;

  portal = ef_client_get_portal_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_ENROLMENTS_PAGE (user_data);
  /* Without the portal, the codes say it still. */
  if (portal == NULL)
    return;
  g_clear_pointer (&self->service_names, g_hash_table_unref);
  self->service_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  services = ef_portal_get_services (portal);
  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr (EfService) service = g_list_model_get_item (services, i);

      g_hash_table_insert (self->service_names, g_strdup (ef_service_get_id (service)),
                           g_strdup (ef_service_get_name (service)));
    }
  if (self->enrolments != NULL)
    gtk_list_box_bind_model (ef_enrolments_page_get_list (self), self->enrolments, create_enrolment_row, self, NULL);
}

static void
load_member (EfEnrolmentsPage *self)
{
  EfMember *member = NULL;
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->members)); i++)
    {
      g_autoptr (EfMember) candidate = g_list_model_get_item (G_LIST_MODEL (self->members), i);

      if (ef_member_get_id (candidate) == self->member_id)
        member = candidate;
    }

  g_cancellable_cancel (self->member_cancellable);
  g_clear_object (&self->member_cancellable);
  g_clear_object (&self->enrolments);
  if (member == NULL)
    return;

  {
    g_autofree char *name = ef_member_dup_full_name (member);
    /* Translators: the heading above a child's enrolments: "Enrolments of Léa Martin" */
    g_autofree char *title = g_strdup_printf (_("Enrolments of %s"), name);

    adw_preferences_group_set_title (self->enrolments_group, title);
  }

  self->member_cancellable = g_cancellable_new ();
  ef_state_stack_set_state (self->enrolments_state, "loading");
  ef_client_get_enrolments_async (client, self->member_id, self->member_cancellable,
                                  on_enrolments_loaded_cb, self);
}

static void
on_member_selected_cb (EfEnrolmentsPage *self,
                       GtkListBoxRow    *row)
{
  update_checks (self);
  if (row == NULL || self->filling || self->members_list == NULL)
    return;

  self->member_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "member-id"));
  load_member (self);
}

static void
select_row (EfEnrolmentsPage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->members_list, 0);

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->members_list, i);

      if (row == NULL)
        break;
      if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "member-id")) == self->member_id)
        {
          gtk_list_box_select_row (self->members_list, row);
          return;
        }
    }

  if (first != NULL)
    gtk_list_box_select_row (self->members_list, first);
}

static void
on_family_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  EfEnrolmentsPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFamily) family = NULL;
  GListModel *members;

  family = ef_client_get_family_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_ENROLMENTS_PAGE (user_data);
  if (family == NULL)
    {
      ef_state_stack_show_error (self->state, ef_client_error_get_user_message (error));
      return;
    }

  members = ef_family_get_members (family);
  self->filling = TRUE;
  g_list_store_remove_all (self->members);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);

      if (ef_member_is_child (member))
        g_list_store_append (self->members, member);
    }
  self->filling = FALSE;
  ef_state_stack_set_state (self->state, "list");

  if (g_list_model_get_n_items (G_LIST_MODEL (self->members)) == 0)
    {
      adw_preferences_group_set_title (self->enrolments_group, "");
      ef_state_stack_set_state (self->enrolments_state, "empty");
      return;
    }

  select_row (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ef_enrolments_page_reload (EF_ENROLMENTS_PAGE (widget));
}

static void
reload_member_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  load_member (EF_ENROLMENTS_PAGE (widget));
}

static void
ef_enrolments_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ef_enrolments_page_parent_class)->map (widget);

  ef_enrolments_page_reload (EF_ENROLMENTS_PAGE (widget));
}

static void
ef_enrolments_page_dispose (GObject *object)
{
  EfEnrolmentsPage *self = EF_ENROLMENTS_PAGE (object);

  g_cancellable_cancel (self->member_cancellable);
  g_clear_object (&self->member_cancellable);

  /* The template goes first: its widgets read the lists to the end. */
  G_OBJECT_CLASS (ef_enrolments_page_parent_class)->dispose (object);

  g_clear_object (&self->members);
  g_clear_object (&self->enrolments);
  g_clear_pointer (&self->service_names, g_hash_table_unref);
}

static void
ef_enrolments_page_class_init (EfEnrolmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_enrolments_page_dispose;
  widget_class->map = ef_enrolments_page_map;

  gtk_widget_class_install_action (widget_class, "enrolments.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "enrolments.reload-member", NULL,
                                   reload_member_action);

  g_type_ensure (EF_TYPE_STATE_STACK);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-enrolments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfEnrolmentsPage, state);
  gtk_widget_class_bind_template_child (widget_class, EfEnrolmentsPage, members_list);
  gtk_widget_class_bind_template_child (widget_class, EfEnrolmentsPage, enrolments_group);
  gtk_widget_class_bind_template_child (widget_class, EfEnrolmentsPage, enrolments_state);
  gtk_widget_class_bind_template_callback (widget_class, on_member_selected_cb);
}

static void
ef_enrolments_page_init (EfEnrolmentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_page_set_title (EF_PAGE (self), _("My Enrolments"));
  self->members = g_list_store_new (EF_TYPE_MEMBER);
  gtk_list_box_bind_model (self->members_list, G_LIST_MODEL (self->members),
                           create_member_row, NULL, NULL);
  ef_state_stack_set_state (self->state, "loading");
}

GtkWidget *
ef_enrolments_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_ENROLMENTS_PAGE, "client", client, NULL);
}

void
ef_enrolments_page_reload (EfEnrolmentsPage *self)
{
  EfClient *client;
  GCancellable *cancellable;

  g_return_if_fail (EF_IS_ENROLMENTS_PAGE (self));

  client = ef_page_get_client (EF_PAGE (self));
  cancellable = ef_page_renew_cancellable (EF_PAGE (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->members)) == 0)
    ef_state_stack_set_state (self->state, "loading");
  ef_client_get_family_async (client, cancellable, on_family_loaded_cb, self);
  ef_client_get_portal_async (client, cancellable, on_portal_loaded_cb, self);
}

/**
 * ef_enrolments_page_select_member:
 * @self: an #EfEnrolmentsPage
 * @member_id: a child of the family
 *
 * Shows the enrolments of that child, as a click on its name does.
 */
void
ef_enrolments_page_select_member (EfEnrolmentsPage *self,
                                  gint64            member_id)
{
  g_return_if_fail (EF_IS_ENROLMENTS_PAGE (self));

  self->member_id = member_id;
  select_row (self);
}

gint64
ef_enrolments_page_get_member_id (EfEnrolmentsPage *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENTS_PAGE (self), 0);

  return self->member_id;
}

/**
 * ef_enrolments_page_get_enrolments:
 * @self: an #EfEnrolmentsPage
 *
 * Returns: (transfer none) (nullable): the enrolments shown
 */
GListModel *
ef_enrolments_page_get_enrolments (EfEnrolmentsPage *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENTS_PAGE (self), NULL);

  return self->enrolments;
}

GtkListBox *
ef_enrolments_page_get_list (EfEnrolmentsPage *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENTS_PAGE (self), NULL);

  return GTK_LIST_BOX (ef_state_stack_get_child (self->enrolments_state));
}

/* The member part's state: "loading", "list", "empty" or "error" */
const char *
ef_enrolments_page_get_state (EfEnrolmentsPage *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENTS_PAGE (self), NULL);

  return ef_state_stack_get_state (self->enrolments_state);
}
