/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-member-editor.c: a dialog to change a member's contact details
 *
 * Sends only what changed, as one EfMemberPatch. When the portal refuses
 * some fields, each sentence goes under its own field and nothing is
 * changed: the portal applies a patch whole or not at all.
 */

#define G_LOG_DOMAIN "EfMemberEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-page-text.h"
#include "ef-member-editor.h"
#include "widgets/ef-accessible.h"

/* An entry row and the inline message under it. */
typedef struct {
  AdwEntryRow *row;
  GtkWidget   *error_row;
  GtkLabel    *error_label;
} Field;

typedef struct {
  gint64               id;
  AdwPreferencesGroup *group;
  Field               *name;
  Field               *phone;
  Field               *relation;
} Pickup;

struct _EfMemberEditor
{
  AdwWindow           parent_instance;

  /* template children */
  GtkButton          *save_button;
  GtkSpinner         *spinner;
  GtkRevealer        *message_revealer;
  GtkLabel           *message_label;
  AdwPreferencesPage *page;

  EfClient           *client;
  EfMember           *member;
  GCancellable       *cancellable;
  gboolean            busy;

  /* field name as the portal says it → Field */
  GHashTable         *fields;
  GPtrArray          *all_fields;
  GPtrArray          *phones;
  GPtrArray          *pickups;
  /* The rows behind "phones[k]" and "pickup_persons[k]" of the patch sent. */
  GPtrArray          *sent_phones;
  GPtrArray          *sent_pickups;
};

G_DEFINE_FINAL_TYPE (EfMemberEditor, ef_member_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pickup_free (Pickup *pickup)
{
  g_free (pickup);
}

static void
set_field_error (Field      *field,
                 const char *message)
{
  gboolean has = message != NULL;

  gtk_label_set_text (field->error_label, has ? message : "");
  gtk_widget_set_visible (field->error_row, has);
  if (has)
    gtk_widget_add_css_class (GTK_WIDGET (field->row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (field->row), "error");
  ef_accessible_set_error (GTK_WIDGET (field->row), message);
}

static void
on_field_changed_cb (GtkEditable *editable,
                     Field       *field)
{
  set_field_error (field, NULL);
}

static Field *
add_field (EfMemberEditor      *self,
           AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           const char          *text,
           GtkInputPurpose      purpose)
{
  Field *field = g_new0 (Field, 1);
  GtkWidget *label;

  field->row = ADW_ENTRY_ROW (g_object_new (ADW_TYPE_ENTRY_ROW,
                                            "title", title,
                                            "use-markup", FALSE,
                                            "input-purpose", purpose,
                                            NULL));
  gtk_editable_set_text (GTK_EDITABLE (field->row), text != NULL ? text : "");
  g_signal_connect (field->row, "changed", G_CALLBACK (on_field_changed_cb), field);

  label = g_object_new (GTK_TYPE_LABEL,
                        "xalign", 0.0f,
                        "wrap", TRUE,
                        "margin-top", 6, "margin-bottom", 8,
                        "margin-start", 12, "margin-end", 12,
                        NULL);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  field->error_label = GTK_LABEL (label);
  field->error_row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                   "child", label,
                                   "activatable", FALSE,
                                   "focusable", FALSE,
                                   "visible", FALSE,
                                   NULL);
  gtk_widget_add_css_class (field->error_row, "field-error");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field->row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                  -1);

  adw_preferences_group_add (group, GTK_WIDGET (field->row));
  adw_preferences_group_add (group, field->error_row);

  g_ptr_array_add (self->all_fields, field);
  if (name != NULL)
    g_hash_table_insert (self->fields, g_strdup (name), field);
  return field;
}

static const char *
field_text (Field *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (field->row));
}

static char *
field_stripped (Field *field)
{
  return g_strstrip (g_strdup (field_text (field)));
}

static void
on_remove_pickup_clicked_cb (GtkButton      *button,
                             EfMemberEditor *self)
{
  Pickup *pickup = g_object_get_data (G_OBJECT (button), "pickup");

  adw_preferences_page_remove (self->page, pickup->group);
  g_ptr_array_remove (self->pickups, pickup);
}

static void
add_pickup (EfMemberEditor *self,
            EfPickupPerson *person)
{
  Pickup *pickup = g_new0 (Pickup, 1);
  GtkWidget *remove;

  pickup->id = person != NULL ? ef_pickup_person_get_id (person) : 0;
  pickup->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  pickup->name = add_field (self, pickup->group, NULL, _("Name"),
                            person ? ef_pickup_person_get_name (person) : NULL,
                            GTK_INPUT_PURPOSE_NAME);
  pickup->phone = add_field (self, pickup->group, NULL, _("Phone"),
                             person ? ef_pickup_person_get_phone (person) : NULL,
                             GTK_INPUT_PURPOSE_PHONE);
  /* Translators: a pick-up person's relation to the child ("grand-mère") */
  pickup->relation = add_field (self, pickup->group, NULL, _("Relation to the child"),
                                person ? ef_pickup_person_get_relation (person) : NULL,
                                GTK_INPUT_PURPOSE_FREE_FORM);

  remove = gtk_button_new_with_mnemonic (_("_Remove"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  g_object_set_data (G_OBJECT (remove), "pickup", pickup);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_pickup_clicked_cb), self);
  adw_preferences_group_set_header_suffix (pickup->group, remove);
  if (person != NULL)
    adw_preferences_group_set_title (pickup->group, ef_pickup_person_get_name (person));
  else
    adw_preferences_group_set_title (pickup->group, _("New person"));

  adw_preferences_page_add (self->page, pickup->group);
  g_ptr_array_add (self->pickups, pickup);
}

static void
on_add_pickup_clicked_cb (EfMemberEditor *self)
{
  ef_member_editor_add_pickup_person (self);
}

static void
build (EfMemberEditor *self)
{
  EfMember *member = self->member;
  EfAddress *address = ef_member_get_address (member);
  GListModel *phones = ef_member_get_phones (member);
  g_autofree char *name = ef_member_dup_full_name (member);
  g_autofree char *born = _ef_page_text_day (ef_member_get_birth_date (member), TRUE);
  AdwPreferencesGroup *identity;
  AdwPreferencesGroup *contact;
  AdwPreferencesGroup *postal;

  gtk_window_set_title (GTK_WINDOW (self), name);

  identity = g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                           "title", _("Identity"),
                           "description", _("Contact the town hall to change this."),
                           NULL);
  {
    const char *labels[] = { _("Name"), _("Birth date"), _("Role") };
    const char *values[] = { name, born, _ef_page_text_member_role (ef_member_get_role (member)) };

    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                       "title", labels[i],
                                       "subtitle", values[i] != NULL ? values[i] : "",
                                       "use-markup", FALSE,
                                       "activatable", FALSE,
                                       NULL);

        gtk_widget_add_css_class (row, "read-only");
        adw_preferences_group_add (identity, row);
      }
  }
  adw_preferences_page_add (self->page, identity);

  contact = g_object_new (ADW_TYPE_PREFERENCES_GROUP, "title", _("Contact"), NULL);
  add_field (self, contact, "email", _("E-mail"), ef_member_get_email (member),
             GTK_INPUT_PURPOSE_EMAIL);
  for (guint i = 0; phones != NULL && i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr (EfPhone) phone = g_list_model_get_item (phones, i);
      g_autofree char *key = g_strdup_printf ("phones[%u].number", i);
      Field *field = add_field (self, contact, key,
                                _ef_page_text_phone_kind (ef_phone_get_kind (phone)),
                                ef_phone_get_number (phone), GTK_INPUT_PURPOSE_PHONE);

      g_object_set_data (G_OBJECT (field->row), "kind", GINT_TO_POINTER (ef_phone_get_kind (phone)));
      g_ptr_array_add (self->phones, field);
    }
  if (self->phones->len == 0)
    {
      Field *field = add_field (self, contact, "phones[0].number",
                                _ef_page_text_phone_kind (EF_PHONE_KIND_MOBILE), NULL,
                                GTK_INPUT_PURPOSE_PHONE);

      g_object_set_data (G_OBJECT (field->row), "kind", GINT_TO_POINTER (EF_PHONE_KIND_MOBILE));
      g_ptr_array_add (self->phones, field);
    }
  add_field (self, contact, "caf_number", _("CAF number"), ef_member_get_caf_number (member),
             GTK_INPUT_PURPOSE_DIGITS);
  adw_preferences_page_add (self->page, contact);

  postal = g_object_new (ADW_TYPE_PREFERENCES_GROUP, "title", _("Address"), NULL);
  {
    /* Empty when the member lives at the family's: say so, and where. */
    EfFamily *family = ef_client_get_family (self->client);
    EfAddress *home = family != NULL ? ef_family_get_address (family) : NULL;
    g_autofree char *description = NULL;

    if (home != NULL && ef_address_get_line1 (home) != NULL)
      {
        g_autofree char *text = _ef_page_text_address (home, ", ");

        /* Translators: the member editor's address; %s is the family's,
         * e.g. "12 rue des Marronniers, 64140 Billère" */
        description = g_strdup_printf (_("Only if it differs from the family’s address (%s)"), text);
      }
    else
      description = g_strdup (_("Only if it differs from the family’s address"));
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (postal), description);
  }
  add_field (self, postal, "address.line1", _("Street"),
             address ? ef_address_get_line1 (address) : NULL, GTK_INPUT_PURPOSE_FREE_FORM);
  add_field (self, postal, "address.line2", _("Additional address line"),
             address ? ef_address_get_line2 (address) : NULL, GTK_INPUT_PURPOSE_FREE_FORM);
  add_field (self, postal, "address.postal_code", _("Postal code"),
             address ? ef_address_get_postal_code (address) : NULL, GTK_INPUT_PURPOSE_DIGITS);
  add_field (self, postal, "address.city", _("City"),
             address ? ef_address_get_city (address) : NULL, GTK_INPUT_PURPOSE_FREE_FORM);
  adw_preferences_page_add (self->page, postal);

  if (ef_member_is_child (member))
    {
      GListModel *pickups = ef_member_get_pickup_persons (member);
      AdwPreferencesGroup *header;
      GtkWidget *add;

      header = g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                             "title", _("Authorised pick-up persons"),
                             "description", _("Besides the responsible adults, the persons allowed to pick the child up."),
                             NULL);
      add = gtk_button_new_from_icon_name ("list-add-symbolic");
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (add, _("Add a person"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a person"), -1);
      g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_pickup_clicked_cb), self);
      adw_preferences_group_set_header_suffix (header, add);
      adw_preferences_page_add (self->page, header);

      for (guint i = 0; pickups != NULL && i < g_list_model_get_n_items (pickups); i++)
        {
          g_autoptr (EfPickupPerson) person = g_list_model_get_item (pickups, i);

          add_pickup (self, person);
        }
    }
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
field_changed (EfMemberEditor *self,
               const char     *name,
               const char     *old)
{
  Field *field = g_hash_table_lookup (self->fields, name);
  g_autofree char *text = field_stripped (field);

  return !same_text (text, old);
}

static EfMemberPatch *
build_patch (EfMemberEditor *self)
{
  EfMember *member = self->member;
  EfAddress *address = ef_member_get_address (member);
  GListModel *phones = ef_member_get_phones (member);
  GListModel *pickups = ef_member_get_pickup_persons (member);
  g_autoptr (EfMemberPatch) patch = ef_member_patch_new ();
  g_autoptr (GListStore) new_phones = g_list_store_new (EF_TYPE_PHONE);
  gboolean phones_changed = FALSE;

  if (field_changed (self, "email", ef_member_get_email (member)))
    {
      g_autofree char *email = field_stripped (g_hash_table_lookup (self->fields, "email"));

      ef_member_patch_set_email (patch, email);
    }

  if (field_changed (self, "caf_number", ef_member_get_caf_number (member)))
    {
      g_autofree char *caf = field_stripped (g_hash_table_lookup (self->fields, "caf_number"));

      ef_member_patch_set_caf_number (patch, caf);
    }

  if (field_changed (self, "address.line1", address ? ef_address_get_line1 (address) : NULL) ||
      field_changed (self, "address.line2", address ? ef_address_get_line2 (address) : NULL) ||
      field_changed (self, "address.postal_code", address ? ef_address_get_postal_code (address) : NULL) ||
      field_changed (self, "address.city", address ? ef_address_get_city (address) : NULL))
    {
      g_autofree char *line1 = field_stripped (g_hash_table_lookup (self->fields, "address.line1"));
      g_autofree char *line2 = field_stripped (g_hash_table_lookup (self->fields, "address.line2"));
      g_autofree char *postal_code = field_stripped (g_hash_table_lookup (self->fields, "address.postal_code"));
      g_autofree char *city = field_stripped (g_hash_table_lookup (self->fields, "address.city"));
      g_autoptr (EfAddress) new_address = ef_address_new (line1, *line2 ? line2 : NULL, postal_code, city);

      ef_member_patch_set_address (patch, new_address);
    }

  g_ptr_array_set_size (self->sent_phones, 0);
  for (guint i = 0; i < self->phones->len; i++)
    {
      Field *field = g_ptr_array_index (self->phones, i);
      g_autofree char *number = field_stripped (field);
      EfPhoneKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (field->row), "kind"));
      g_autoptr (EfPhone) old = phones != NULL && i < g_list_model_get_n_items (phones)
                                ? g_list_model_get_item (phones, i) : NULL;

      if (!same_text (number, old ? ef_phone_get_number (old) : NULL))
        phones_changed = TRUE;
      if (*number == '\0')
        continue;

      {
        g_autoptr (EfPhone) phone = ef_phone_new (kind, number);

        g_list_store_append (new_phones, phone);
        g_ptr_array_add (self->sent_phones, field);
      }
    }
  if (phones_changed)
    ef_member_patch_set_phones (patch, G_LIST_MODEL (new_phones));

  g_ptr_array_set_size (self->sent_pickups, 0);
  if (ef_member_is_child (member))
    {
      g_autoptr (GListStore) new_pickups = g_list_store_new (EF_TYPE_PICKUP_PERSON);
      guint n_old = pickups != NULL ? g_list_model_get_n_items (pickups) : 0;
      gboolean pickups_changed = n_old != self->pickups->len;

      for (guint i = 0; i < self->pickups->len; i++)
        {
          Pickup *pickup = g_ptr_array_index (self->pickups, i);
          g_autofree char *name = field_stripped (pickup->name);
          g_autofree char *phone = field_stripped (pickup->phone);
          g_autofree char *relation = field_stripped (pickup->relation);
          g_autoptr (EfPickupPerson) old = i < n_old ? g_list_model_get_item (pickups, i) : NULL;
          g_autoptr (EfPickupPerson) person = NULL;

          if (old == NULL || ef_pickup_person_get_id (old) != pickup->id ||
              !same_text (name, ef_pickup_person_get_name (old)) ||
              !same_text (phone, ef_pickup_person_get_phone (old)) ||
              !same_text (relation, ef_pickup_person_get_relation (old)))
            pickups_changed = TRUE;

          person = ef_pickup_person_new (pickup->id, name, *phone ? phone : NULL,
                                         *relation ? relation : NULL);
          g_list_store_append (new_pickups, person);
          g_ptr_array_add (self->sent_pickups, pickup);
        }

      if (pickups_changed)
        ef_member_patch_set_pickup_persons (patch, G_LIST_MODEL (new_pickups));
    }

  return g_steal_pointer (&patch);
}

/* The field of the patch sent, as the portal names it. */
static Field *
lookup_sent_field (EfMemberEditor *self,
                   const char     *name)
{
  guint index;
  char member[32] = { 0 };

  if (sscanf (name, "phones[%u].%31s", &index, member) == 2)
    return index < self->sent_phones->len ? g_ptr_array_index (self->sent_phones, index) : NULL;

  if (sscanf (name, "pickup_persons[%u].%31s", &index, member) == 2)
    {
      Pickup *pickup;

      if (index >= self->sent_pickups->len)
        return NULL;
      pickup = g_ptr_array_index (self->sent_pickups, index);
      if (g_str_equal (member, "name"))
        return pickup->name;
      if (g_str_equal (member, "phone"))
        return pickup->phone;
      return pickup->relation;
    }

  if (g_str_equal (name, "address"))
    return g_hash_table_lookup (self->fields, "address.line1");

  return g_hash_table_lookup (self->fields, name);
}

static void
show_message (EfMemberEditor *self,
              const char     *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
set_busy (EfMemberEditor *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !busy);
}

static void
on_member_updated_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  EfMemberEditor *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfMember) member = NULL;

  member = ef_client_update_member_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_MEMBER_EDITOR (user_data);
  set_busy (self, FALSE);

  if (member != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_SAVED], 0, member);
      /* An entry destroyed with the focus warns about a missing focus-out. */
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_VALIDATION))
    {
      g_autoptr (GHashTable) messages = ef_client_error_get_field_messages (error);
      GHashTableIter iter;
      const char *name;
      const char *message;
      Field *first = NULL;
      gboolean unplaced = FALSE;

      g_hash_table_iter_init (&iter, messages);
      while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &message))
        {
          Field *field = lookup_sent_field (self, name);

          if (field == NULL)
            {
              unplaced = TRUE;
              continue;
            }
          set_field_error (field, message);
          if (first == NULL)
            first = field;
        }

      show_message (self, unplaced || first == NULL
                          ? ef_client_error_get_user_message (error)
                          : _("Nothing was changed: correct the fields marked in red."));
      /* Straight to the first field at fault, when the person is here. */
      if (first != NULL && gtk_window_is_active (GTK_WINDOW (self)))
        gtk_widget_grab_focus (GTK_WIDGET (first->row));
      return;
    }

  show_message (self, ef_client_error_get_user_message (error));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ef_member_editor_save (EF_MEMBER_EDITOR (widget));
}

static void
ef_member_editor_dispose (GObject *object)
{
  EfMemberEditor *self = EF_MEMBER_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_MEMBER_EDITOR);
  g_clear_object (&self->client);
  g_clear_object (&self->member);

  G_OBJECT_CLASS (ef_member_editor_parent_class)->dispose (object);
}

static void
ef_member_editor_finalize (GObject *object)
{
  EfMemberEditor *self = EF_MEMBER_EDITOR (object);

  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->phones, g_ptr_array_unref);
  g_clear_pointer (&self->pickups, g_ptr_array_unref);
  g_clear_pointer (&self->sent_phones, g_ptr_array_unref);
  g_clear_pointer (&self->sent_pickups, g_ptr_array_unref);
  g_clear_pointer (&self->all_fields, g_ptr_array_unref);

  G_OBJECT_CLASS (ef_member_editor_parent_class)->finalize (object);
}

static void
ef_member_editor_class_init (EfMemberEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_member_editor_dispose;
  object_class->finalize = ef_member_editor_finalize;

  /**
   * EfMemberEditor::saved:
   * @member: the member as the portal now knows it
   *
   * The portal accepted the changes; the editor then closes.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, EF_TYPE_MEMBER);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-member-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EfMemberEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, EfMemberEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, EfMemberEditor, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfMemberEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, EfMemberEditor, page);
}

static void
ef_member_editor_init (EfMemberEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->all_fields = g_ptr_array_new_with_free_func (g_free);
  self->phones = g_ptr_array_new ();
  self->pickups = g_ptr_array_new_with_free_func ((GDestroyNotify) pickup_free);
  self->sent_phones = g_ptr_array_new ();
  self->sent_pickups = g_ptr_array_new ();
}

/**
 * ef_member_editor_new:
 * @client: a signed-in #EfClient
 * @member: the member to edit
 *
 * Returns: (transfer full): a new editor, not shown
 */
EfMemberEditor *
ef_member_editor_new (EfClient *client,
                      EfMember *member)
{
  EfMemberEditor *self;

  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);
  g_return_val_if_fail (EF_IS_MEMBER (member), NULL);

  self = g_object_new (EF_TYPE_MEMBER_EDITOR, NULL);
  self->client = g_object_ref (client);
  self->member = g_object_ref (member);
  build (self);

  return self;
}

/**
 * ef_member_editor_get_field_row:
 * @self: an #EfMemberEditor
 * @field: a field as the portal names it
 *
 * Returns: (transfer none) (nullable): its entry row
 */
AdwEntryRow *
ef_member_editor_get_field_row (EfMemberEditor *self,
                                const char     *field)
{
  Field *found;

  g_return_val_if_fail (EF_IS_MEMBER_EDITOR (self), NULL);

  if (g_str_has_prefix (field, "pickup_persons["))
    {
      guint index;
      char member[32] = { 0 };

      if (sscanf (field, "pickup_persons[%u].%31s", &index, member) != 2 || index >= self->pickups->len)
        return NULL;
      {
        Pickup *pickup = g_ptr_array_index (self->pickups, index);

        found = g_str_equal (member, "name") ? pickup->name
              : g_str_equal (member, "phone") ? pickup->phone : pickup->relation;
      }
    }
  else
    found = g_hash_table_lookup (self->fields, field);

  return found != NULL ? found->row : NULL;
}

/**
 * ef_member_editor_get_field_error:
 * @self: an #EfMemberEditor
 * @field: a field as the portal names it
 *
 * Returns: (nullable): the inline message shown under the field, if any
 */
const char *
ef_member_editor_get_field_error (EfMemberEditor *self,
                                  const char     *field)
{
  AdwEntryRow *row;

  g_return_val_if_fail (EF_IS_MEMBER_EDITOR (self), NULL);

  row = ef_member_editor_get_field_row (self, field);
  for (guint i = 0; row != NULL && i < self->all_fields->len; i++)
    {
      Field *candidate = g_ptr_array_index (self->all_fields, i);

      if (candidate->row == row)
        return gtk_widget_get_visible (candidate->error_row)
               ? gtk_label_get_text (candidate->error_label) : NULL;
    }

  return NULL;
}

void
ef_member_editor_add_pickup_person (EfMemberEditor *self)
{
  Pickup *pickup;

  g_return_if_fail (EF_IS_MEMBER_EDITOR (self));

  add_pickup (self, NULL);
  pickup = g_ptr_array_index (self->pickups, self->pickups->len - 1);
  gtk_widget_grab_focus (GTK_WIDGET (pickup->name->row));
}

/**
 * ef_member_editor_save:
 * @self: an #EfMemberEditor
 *
 * Sends what changed; closes when nothing did.
 */
void
ef_member_editor_save (EfMemberEditor *self)
{
  g_autoptr (EfMemberPatch) patch = NULL;

  g_return_if_fail (EF_IS_MEMBER_EDITOR (self));

  if (self->busy)
    return;

  for (guint i = 0; i < self->all_fields->len; i++)
    set_field_error (g_ptr_array_index (self->all_fields, i), NULL);
  show_message (self, NULL);

  patch = build_patch (self);
  if (ef_member_patch_is_empty (patch))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  set_busy (self, TRUE);
  ef_client_update_member_async (self->client, ef_member_get_id (self->member), patch,
                                 self->cancellable, on_member_updated_cb, self);
}

gboolean
ef_member_editor_get_busy (EfMemberEditor *self)
{
  g_return_val_if_fail (EF_IS_MEMBER_EDITOR (self), FALSE);

  return self->busy;
}
