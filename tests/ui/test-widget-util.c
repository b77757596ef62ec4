/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-widget-util.c: what the composite widgets share
 *
 * ef_widget_show_error(): the message under a field, shown only while
 * there is one, and the field's "error" style meanwhile; with no field, a
 * message about the whole form. ef_spinner_set_waiting(): a spinner that
 * turns only once a wait lasts. No server.
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

/* Runs the main loop for @ms, or until @spinner turns when @until_spinning. */
static void
run_for (GtkSpinner *spinner,
         guint       ms,
         gboolean    until_spinning)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end &&
         !(until_spinning && spinner != NULL && gtk_spinner_get_spinning (spinner)))
    g_main_context_iteration (NULL, FALSE);
}

static void
test_spinner_waiting (void)
{
  GtkSpinner *spinner = GTK_SPINNER (g_object_ref_sink (gtk_spinner_new ()));

  /* Not at once: the delay has not run yet. */
  ef_spinner_set_waiting (spinner, TRUE);
  g_assert_false (gtk_spinner_get_spinning (spinner));
  /* Asked again while waiting: still one delay. */
  ef_spinner_set_waiting (spinner, TRUE);
  run_for (spinner, 30 * 1000, TRUE);
  g_assert_true (gtk_spinner_get_spinning (spinner));
  /* Waiting still: it keeps turning. */
  ef_spinner_set_waiting (spinner, TRUE);
  g_assert_true (gtk_spinner_get_spinning (spinner));

  ef_spinner_set_waiting (spinner, FALSE);
  g_assert_false (gtk_spinner_get_spinning (spinner));

  /* A wait that ends before the delay never shows it. */
  ef_spinner_set_waiting (spinner, TRUE);
  ef_spinner_set_waiting (spinner, FALSE);
  run_for (spinner, 2 * EF_SPINNER_DELAY_MS, TRUE);
  g_assert_false (gtk_spinner_get_spinning (spinner));

  g_object_unref (spinner);
}

/* A spinner that goes while it waits takes its delay with it. */
static void
test_spinner_destroyed_while_waiting (void)
{
  GtkSpinner *spinner = GTK_SPINNER (g_object_ref_sink (gtk_spinner_new ()));

  g_object_add_weak_pointer (G_OBJECT (spinner), (gpointer *) &spinner);
  ef_spinner_set_waiting (spinner, TRUE);
  g_object_unref (spinner);
  g_assert_null (spinner);
  /* Past the delay: nothing runs on the spinner that is gone (the
   * sanitizers' build would see it). */
  run_for (NULL, 2 * EF_SPINNER_DELAY_MS, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/widget-util/show-error/field", test_show_error_field);
  g_test_add_func ("/widget-util/show-error/form", test_show_error_form);
  g_test_add_func ("/widget-util/spinner/waiting", test_spinner_waiting);
  g_test_add_func ("/widget-util/spinner/destroyed-while-waiting", test_spinner_destroyed_while_waiting);

  return g_test_run ();
}
