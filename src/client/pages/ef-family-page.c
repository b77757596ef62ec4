/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family-page.c: Ma famille, the members and their details
 *
 * As the tutorial's MA FAMILLE: each member with the details the town hall
 * knows. Contact details, the CAF number and the persons allowed to pick a
 * child up are changed in an EfMemberEditor; names, birth dates and roles
 * only at the town hall.
 */

#define G_LOG_DOMAIN "EfFamilyPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-member-editor.h"
#include "ef-page-text.h"
#include "ef-family-page.h"
#include "widgets/ef-state-stack.h"

struct _EfFamilyPage
{
  EfPage             parent_instance;

  /* template children */
  EfStateStack      *state;
  AdwPreferencesPage *members_page;

  EfFamily          *family;
  GPtrArray         *groups;
};

G_DEFINE_FINAL_TYPE (EfFamilyPage, ef_family_page, EF_TYPE_PAGE)

static GtkWidget *
detail_row (const char *title,
            const char *value)
{
  return g_object_new (ADW_TYPE_ACTION_ROW,
                       "title", title,
                       "subtitle", value,
                       "subtitle-lines", 0,
                       "title-lines", 0,
                       "use-markup", FALSE,
                       "activatable", FALSE,
                       NULL);
}

static void
on_editor_saved_cb (EfFamilyPage *self)
{
  ef_family_page_reload (self);
}

static void
on_edit_clicked_cb (GtkButton    *button,
                    EfFamilyPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "member-id"));

  ef_family_page_edit_member (self, id);
}

static GtkWidget *
member_group (EfFamilyPage *self,
              EfMember     *member)
{
  g_autofree char *name = ef_member_dup_full_name (member);
  g_autofree char *born = _ef_page_text_day (ef_member_get_birth_date (member), TRUE);
  g_autofree char *address = _ef_page_text_address (ef_member_get_address (member), "\n");
  GListModel *phones = ef_member_get_phones (member);
  GListModel *pickups = ef_member_get_pickup_persons (member);
  const char *email = ef_member_get_email (member);
  const char *caf = ef_member_get_caf_number (member);
  GtkWidget *group;
  GtkWidget *edit;

  group = g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                        "title", name,
                        "description", _ef_page_text_member_role (ef_member_get_role (member)),
                        NULL);
  gtk_widget_set_name (group, name);

  edit = gtk_button_new_with_mnemonic (_("_Edit"));
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  g_object_set_data (G_OBJECT (edit), "member-id", GSIZE_TO_POINTER ((gsize) ef_member_get_id (member)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  {
    /* Translators: the tooltip of a member's Edit button: "Edit the details of Léa Martin" */
    g_autofree char *tooltip = g_strdup_printf (_("Edit the details of %s"), name);

    gtk_widget_set_tooltip_text (edit, tooltip);
  }
  g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), edit);

  if (ef_day_is_valid (ef_member_get_birth_date (member)))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("Birth date"), born));
  if (address != NULL && *address != '\0')
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("Address"), address));

  for (guint i = 0; phones != NULL && i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr (EfPhone) phone = g_list_model_get_item (phones, i);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 detail_row (_ef_page_text_phone_kind (ef_phone_get_kind (phone)),
                                             ef_phone_get_number (phone)));
    }

  if (email != NULL && *email != '\0')
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("E-mail"), email));
  if (caf != NULL && *caf != '\0')
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), detail_row (_("CAF number"), caf));

  if (ef_member_is_child (member))
    {
      guint n = pickups != NULL ? g_list_model_get_n_items (pickups) : 0;
      g_autofree char *count = n == 0 ? g_strdup (_("Nobody besides the responsible adults"))
                                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u persons", n), n);
      GtkWidget *expander = g_object_new (ADW_TYPE_EXPANDER_ROW,
                                          "title", _("Authorised pick-up persons"),
                                          "subtitle", count,
                                          "use-markup", FALSE,
                                          NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (EfPickupPerson) person = g_list_model_get_item (pickups, i);
          const char *relation = ef_pickup_person_get_relation (person);
          const char *number = ef_pickup_person_get_phone (person);
          g_autofree char *subtitle = NULL;

          if (relation != NULL && *relation != '\0' && number != NULL && *number != '\0')
            /* Translators: a pick-up person's relation and phone: "grand-mère · 06 98 76 54 32" */
            subtitle = g_strdup_printf (_("%s · %s"), relation, number);
          else
            subtitle = g_strdup (relation != NULL && *relation != '\0' ? relation : number);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                    detail_row (ef_pickup_person_get_name (person),
                                                subtitle != NULL ? subtitle : ""));
        }
      gtk_widget_set_sensitive (expander, n > 0);
      /* libadwaita 1.2 leaves the expander row itself nameless. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Authorised pick-up persons"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, count,
                                      -1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }

  return group;
}

static void
clear_groups (EfFamilyPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->members_page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static void
add_group (EfFamilyPage *self,
           GtkWidget    *group)
{
  adw_preferences_page_add (self->members_page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
}

static void
show_family (EfFamilyPage *self)
{
  static const EfMemberRole order[] = {
    EF_MEMBER_ROLE_RESPONSIBLE, EF_MEMBER_ROLE_CHILD, EF_MEMBER_ROLE_OTHER,
  };
  GListModel *members = ef_family_get_members (self->family);
  g_autofree char *family_address = _ef_page_text_address (ef_family_get_address (self->family), "\n");
  GtkWidget *header;

  clear_groups (self);

  /* The town hall names the family ("Famille Martin"). */
  header = g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                         "title", ef_family_get_name (self->family),
                         "description", _("Names, birth dates and roles are kept by the town hall: contact the town hall to change them."),
                         NULL);
  gtk_widget_add_css_class (header, "family-header");
  if (family_address != NULL && *family_address != '\0')
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (header),
                               detail_row (_("Family address"), family_address));
  add_group (self, header);

  for (guint r = 0; r < G_N_ELEMENTS (order); r++)
    for (guint i = 0; i < g_list_model_get_n_items (members); i++)
      {
        g_autoptr (EfMember) member = g_list_model_get_item (members, i);

        if (ef_member_get_role (member) == order[r])
          add_group (self, member_group (self, member));
      }

  ef_state_stack_set_state (self->state, "list");
}

static void
on_family_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  EfFamilyPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFamily) family = NULL;

  family = ef_client_get_family_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_FAMILY_PAGE (user_data);
  if (family == NULL)
    {
      ef_state_stack_show_error (self->state, ef_client_error_get_user_message (error));
      return;
    }

  g_set_object (&self->family, family);
  show_family (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ef_family_page_reload (EF_FAMILY_PAGE (widget));
}

static void
ef_family_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ef_family_page_parent_class)->map (widget);

  ef_family_page_reload (EF_FAMILY_PAGE (widget));
}

static void
ef_family_page_dispose (GObject *object)
{
  EfFamilyPage *self = EF_FAMILY_PAGE (object);

  /* The template goes first: its widgets read the family to the end. */
  G_OBJECT_CLASS (ef_family_page_parent_class)->dispose (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->family);
}

static void
ef_family_page_class_init (EfFamilyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_family_page_dispose;
  widget_class->map = ef_family_page_map;

  gtk_widget_class_install_action (widget_class, "family.reload", NULL, reload_action);

  g_type_ensure (EF_TYPE_STATE_STACK);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-family-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfFamilyPage, state);
  gtk_widget_class_bind_template_child (widget_class, EfFamilyPage, members_page);
}

static void
ef_family_page_init (EfFamilyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_page_set_title (EF_PAGE (self), _("My Family"));
  self->groups = g_ptr_array_new ();
  ef_state_stack_set_state (self->state, "loading");
}

/**
 * ef_family_page_new:
 * @client: a signed-in #EfClient
 *
 * Returns: (transfer floating): a new family page; it loads when mapped
 */
GtkWidget *
ef_family_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_FAMILY_PAGE, "client", client, NULL);
}

/**
 * ef_family_page_reload:
 * @self: an #EfFamilyPage
 *
 * Loads the family again; what is shown stays until the answer arrives.
 */
void
ef_family_page_reload (EfFamilyPage *self)
{
  EfClient *client;
  GCancellable *cancellable;

  g_return_if_fail (EF_IS_FAMILY_PAGE (self));

  client = ef_page_get_client (EF_PAGE (self));
  cancellable = ef_page_renew_cancellable (EF_PAGE (self));

  if (self->family == NULL)
    ef_state_stack_set_state (self->state, "loading");
  ef_client_get_family_async (client, cancellable, on_family_loaded_cb, self);
}

/**
 * ef_family_page_get_family:
 * @self: an #EfFamilyPage
 *
 * Returns: (transfer none) (nullable): the family shown
 */
EfFamily *
ef_family_page_get_family (EfFamilyPage *self)
{
  g_return_val_if_fail (EF_IS_FAMILY_PAGE (self), NULL);

  return self->family;
}

/* "loading", "error" or "content" */
const char *
ef_family_page_get_state (EfFamilyPage *self)
{
  const char *state;

  g_return_val_if_fail (EF_IS_FAMILY_PAGE (self), NULL);

  /* The family is the state stack's "list". */
  state = ef_state_stack_get_state (self->state);
  return g_strcmp0 (state, "list") == 0 ? "content" : state;
}

/**
 * ef_family_page_edit_member:
 * @self: an #EfFamilyPage
 * @member_id: a member of the family shown
 *
 * Opens the editor of a member's details, modal on the page's window.
 *
 * Returns: (transfer none) (nullable): the editor's window
 */
GtkWindow *
ef_family_page_edit_member (EfFamilyPage *self,
                            gint64        member_id)
{
  EfMember *member;
  EfMemberEditor *editor;
  GtkRoot *root;

  g_return_val_if_fail (EF_IS_FAMILY_PAGE (self), NULL);

  if (self->family == NULL || (member = ef_family_find_member (self->family, member_id)) == NULL)
    return NULL;

  editor = ef_member_editor_new (ef_page_get_client (EF_PAGE (self)), member);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));

  return GTK_WINDOW (editor);
}
