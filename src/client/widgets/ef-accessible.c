/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-accessible.c: accessible names GTK 4.8 and libadwaita 1.2 leave out
 *
 * GTK 4.8 names a button over AT-SPI after its label property only. Three
 * kinds of buttons are then read as a nameless "button": an icon button
 * with a tooltip (libadwaita's eye of AdwPasswordEntryRow too), a button
 * whose child is a label of its own, and the inner toggle of a
 * GtkMenuButton or a GtkDropDown, where the keyboard focus lands. They are
 * named here after what they show, or their tooltip, and renamed when
 * that changes (test-ui-accessibility checks every page).
 *
 * A field's error is shown in a label under it: for a screen reader it is
 * also the field's description and its invalid state.
 */

#define G_LOG_DOMAIN "EfAccessible"

#include "config.h"

#include "ef-accessible.h"

static void sync_name (GtkWidget *widget);

/* Without the mnemonic's underscore: "Reserve _Every…" is read
 * "Reserve Every…". */
static char *
without_mnemonic (const char *text)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

static void
label_buttons_inside (GtkWidget  *widget,
                      const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      else if (!GTK_IS_POPOVER (child))
        label_buttons_inside (child, name);
    }
}

static void
sync_name (GtkWidget *widget)
{
  const char *text = NULL;
  g_autofree char *name = NULL;

  if (GTK_IS_MENU_BUTTON (widget))
    text = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  else if (GTK_IS_BUTTON (widget) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    text = gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget))));
  if (text == NULL || *text == '\0')
    text = gtk_widget_get_tooltip_text (widget);
  if (text == NULL || *text == '\0')
    return;

  name = without_mnemonic (text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    label_buttons_inside (widget, name);
}

static void
on_text_changed_cb (GtkWidget  *widget,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  sync_name (widget);
}

static gboolean
needs_name (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    return TRUE;
  /* A button with a label property is named by GTK itself. */
  return GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
         (gtk_widget_get_tooltip_text (widget) != NULL ||
          GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))));
}

static void
set_error (GtkAccessible *accessible,
           const char    *message)
{
  if (message != NULL)
    {
      gtk_accessible_update_state (accessible, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_accessible_reset_state (accessible, GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/**
 * ef_accessible_set_error:
 * @field: a field, e.g. an #AdwEntryRow
 * @message: (nullable): what is wrong with its value, or %NULL when nothing is
 *
 * Marks @field, and the text inside it that takes the focus, invalid with
 * @message as description, or clears both.
 */
void
ef_accessible_set_error (GtkWidget  *field,
                         const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (field));

  if (message != NULL && *message == '\0')
    message = NULL;
  set_error (GTK_ACCESSIBLE (field), message);
  if (GTK_IS_EDITABLE (field) && gtk_editable_get_delegate (GTK_EDITABLE (field)) != NULL)
    set_error (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (field))), message);
}

/**
 * ef_accessible_name_buttons:
 * @root: a widget
 *
 * Gives each button under @root that GTK 4.8 leaves nameless (an icon
 * button with a tooltip, a button with a label child, a menu button, a
 * drop-down) an accessible name: the text it shows, or else its tooltip,
 * now and whenever either changes. Call it again for buttons added later.
 */
void
ef_accessible_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (needs_name (root) && g_object_get_data (G_OBJECT (root), "ef-accessible-named") == NULL)
    {
      g_object_set_data (G_OBJECT (root), "ef-accessible-named", GINT_TO_POINTER (TRUE));
      sync_name (root);
      g_signal_connect (root, "notify::tooltip-text", G_CALLBACK (on_text_changed_cb), NULL);
      if (GTK_IS_MENU_BUTTON (root))
        g_signal_connect (root, "notify::label", G_CALLBACK (on_text_changed_cb), NULL);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ef_accessible_name_buttons (child);
}
