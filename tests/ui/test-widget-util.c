/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-widget-util.c: what the composite widgets share
 *
 * ef_widget_show_error(): the message under a field, shown only while
 * there is one, and the field's "error" style meanwhile; with no field, a
 * message about the whole form. No server.
 */

#define G_LOG_DOMAIN "EfTestWidgetUtil"

#include "config.h"

#include <adwaita.h>

#include "widgets/ef-widget-util.h"

static void
assert_shown (GtkLabel   *label,
              const char *message)
{
  g_assert_cmpstr (gtk_label_get_text (label), ==, message);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
}

static void
assert_hidden (GtkLabel *label)
{
  g_assert_cmpstr (gtk_label_get_text (label), ==, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
}

static void
test_show_error_field (void)
{
  GtkWidget *row = g_object_ref_sink (adw_entry_row_new ());
  GtkLabel *label = GTK_LABEL (g_object_ref_sink (gtk_label_new ("")));

  ef_widget_show_error (row, label, "Type the e-mail address of your account.");
  assert_shown (label, "Type the e-mail address of your account.");
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  /* Another message replaces the first; the style stays once. */
  ef_widget_show_error (row, label, "This link has expired.");
  assert_shown (label, "This link has expired.");
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  ef_widget_show_error (row, label, NULL);
  assert_hidden (label);
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* An empty message is no error either. */
  ef_widget_show_error (row, label, "This link has expired.");
  ef_widget_show_error (row, label, "");
  assert_hidden (label);
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  g_object_unref (label);
  g_object_unref (row);
}

static void
test_show_error_form (void)
{
  GtkLabel *label = GTK_LABEL (g_object_ref_sink (gtk_label_new ("")));

  ef_widget_show_error (NULL, label, "The portal cannot be reached.");
  assert_shown (label, "The portal cannot be reached.");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));

  ef_widget_show_error (NULL, label, NULL);
  assert_hidden (label);

  g_object_unref (label);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/widget-util/show-error/field", test_show_error_field);
  g_test_add_func ("/widget-util/show-error/form", test_show_error_form);

  return g_test_run ();
}
