/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-state-stack.c: a list with its loading, empty and error states
 *
 * EfStateStack on its own (no server): the state shown and the spinner
 * turning only while loading, the error's message, the list as child,
 * what a page's .ui sets (texts, icon, reload action, the spinner's
 * tooltip through the internal child) and the three looks.
 */

#define G_LOG_DOMAIN "EfTestStateStack"

#include "config.h"

#include <adwaita.h>

#include "widgets/ef-state-stack.h"
#include "widgets/ef-widget-util.h"

static gpointer
part (EfStateStack *stack,
      const char   *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (stack), EF_TYPE_STATE_STACK, name);

  g_assert_nonnull (object);
  return object;
}

static void
assert_state (EfStateStack *stack,
              const char   *state)
{
  GtkStack *inner = part (stack, "stack");

  g_assert_cmpstr (ef_state_stack_get_state (stack), ==, state);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inner), ==, state);
  /* The spinner turns only while loading (and only once that lasts:
   * see spinner_turns()). */
  if (!g_str_equal (state, "loading"))
    g_assert_false (gtk_spinner_get_spinning (part (stack, "spinner")));
}

/* Runs the main loop until @stack's spinner turns, or twice its delay;
 * returns whether it turned. */
static gboolean
spinner_turns (EfStateStack *stack)
{
  GtkSpinner *spinner = part (stack, "spinner");
  gint64 end = g_get_monotonic_time () + 2 * EF_SPINNER_DELAY_MS * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end && !gtk_spinner_get_spinning (spinner))
    g_main_context_iteration (NULL, FALSE);
  return gtk_spinner_get_spinning (spinner);
}

static void
test_states (void)
{
  EfStateStack *stack = EF_STATE_STACK (g_object_ref_sink (ef_state_stack_new ()));
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *state = NULL;

  assert_state (stack, "loading");
  g_assert_false (gtk_spinner_get_spinning (part (stack, "spinner")));
  g_assert_null (ef_state_stack_get_child (stack));
  g_assert_true (spinner_turns (stack));

  ef_state_stack_set_child (stack, list);
  g_assert_true (ef_state_stack_get_child (stack) == list);
  g_assert_true (gtk_stack_get_child_by_name (part (stack, "stack"), "list") == list);
  assert_state (stack, "loading");

  ef_state_stack_set_state (stack, "list");
  assert_state (stack, "list");
  g_assert_true (gtk_stack_get_visible_child (part (stack, "stack")) == list);

  ef_state_stack_set_state (stack, "empty");
  assert_state (stack, "empty");

  ef_state_stack_show_error (stack, "The town hall’s server does not answer. Try again later.");
  assert_state (stack, "error");
  g_assert_cmpstr (adw_status_page_get_description (part (stack, "error_page")), ==,
                   "The town hall’s server does not answer. Try again later.");

  /* Loading again turns the spinner again, also through the property. */
  g_object_set (stack, "state", "loading", NULL);
  assert_state (stack, "loading");
  g_assert_false (gtk_spinner_get_spinning (part (stack, "spinner")));
  g_object_get (stack, "state", &state, NULL);
  g_assert_cmpstr (state, ==, "loading");
  g_assert_true (spinner_turns (stack));

  /* A load that ends before the delay never shows the spinner. */
  ef_state_stack_set_state (stack, "list");
  ef_state_stack_set_state (stack, "loading");
  ef_state_stack_set_state (stack, "list");
  g_assert_false (spinner_turns (stack));

  /* Another child replaces the first. */
  ef_state_stack_set_child (stack, gtk_label_new ("content"));
  g_assert_true (GTK_IS_LABEL (ef_state_stack_get_child (stack)));
  g_assert_true (GTK_IS_LABEL (gtk_stack_get_child_by_name (part (stack, "stack"), "list")));

  g_object_unref (stack);
}

static const char page_ui[] =
  "<interface>"
  "  <object class='EfStateStack' id='state'>"
  "    <property name='empty-icon-name'>document-open-recent-symbolic</property>"
  "    <property name='empty-title'>No Connection This Week</property>"
  "    <property name='empty-description'>Your sign-ins appear here.</property>"
  "    <property name='error-title'>The Connections Could Not Be Loaded</property>"
  "    <property name='reload-action-name'>history.reload</property>"
  "    <property name='child'>"
  "      <object class='GtkListBox' id='list'/>"
  "    </property>"
  "    <child internal-child='spinner'>"
  "      <object class='GtkSpinner'>"
  "        <property name='tooltip-text'>Loading…</property>"
  "      </object>"
  "    </child>"
  "  </object>"
  "</interface>";

static void
test_from_ui (void)
{
  g_autoptr (GtkBuilder) builder = NULL;
  EfStateStack *stack;
  AdwStatusPage *empty;
  AdwStatusPage *error;

  g_type_ensure (EF_TYPE_STATE_STACK);
  builder = gtk_builder_new_from_string (page_ui, -1);
  stack = EF_STATE_STACK (gtk_builder_get_object (builder, "state"));
  empty = part (stack, "empty_page");
  error = part (stack, "error_page");

  g_assert_true (ef_state_stack_get_child (stack) == GTK_WIDGET (gtk_builder_get_object (builder, "list")));
  g_assert_cmpstr (adw_status_page_get_icon_name (empty), ==, "document-open-recent-symbolic");
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Connection This Week");
  g_assert_cmpstr (ef_state_stack_get_empty_title (stack), ==, "No Connection This Week");
  g_assert_cmpstr (adw_status_page_get_description (empty), ==, "Your sign-ins appear here.");
  g_assert_cmpstr (adw_status_page_get_icon_name (error), ==, "network-error-symbolic");
  g_assert_cmpstr (adw_status_page_get_title (error), ==, "The Connections Could Not Be Loaded");
  g_assert_cmpstr (gtk_actionable_get_action_name (part (stack, "retry_button")), ==, "history.reload");
  g_assert_cmpstr (gtk_button_get_label (part (stack, "retry_button")), ==, "_Retry");
  g_assert_true (gtk_button_get_use_underline (part (stack, "retry_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (part (stack, "spinner")), ==, "Loading…");

  /* The title of the empty state follows the page (a week, a month). */
  ef_state_stack_set_empty_title (stack, "No Connection This Month");
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Connection This Month");
}

static void
test_looks (void)
{
  EfStateStack *stack = EF_STATE_STACK (g_object_ref_sink (ef_state_stack_new ()));
  GtkWidget *spinner = part (stack, "spinner");
  GtkStack *inner = part (stack, "stack");
  GtkWidget *retry = part (stack, "retry_button");
  int width, height;

  /* Under a list in a scrolled page. */
  g_assert_cmpint (gtk_widget_get_margin_top (spinner), ==, 48);
  g_assert_cmpint (gtk_widget_get_valign (spinner), ==, GTK_ALIGN_FILL);
  gtk_widget_get_size_request (spinner, &width, &height);
  g_assert_cmpint (width, ==, 32);
  g_assert_cmpint (height, ==, 32);
  g_assert_false (gtk_stack_get_vhomogeneous (inner));
  g_assert_cmpint (gtk_stack_get_transition_type (inner), ==, GTK_STACK_TRANSITION_TYPE_NONE);
  g_assert_true (gtk_widget_has_css_class (retry, "pill"));
  g_assert_false (gtk_widget_has_css_class (retry, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (part (stack, "empty_page"), "compact"));

  /* Inside a group. */
  g_object_set (stack, "compact", TRUE, NULL);
  g_assert_cmpint (gtk_widget_get_margin_top (spinner), ==, 24);
  g_assert_cmpint (gtk_widget_get_margin_bottom (spinner), ==, 24);
  gtk_widget_get_size_request (spinner, &width, &height);
  g_assert_cmpint (width, ==, -1);
  g_assert_cmpint (height, ==, -1);
  g_assert_true (gtk_widget_has_css_class (part (stack, "empty_page"), "compact"));
  g_assert_true (gtk_widget_has_css_class (part (stack, "error_page"), "compact"));

  /* Filling a whole page. */
  g_object_set (stack, "compact", FALSE, "whole-page", TRUE, NULL);
  g_assert_cmpint (gtk_widget_get_margin_top (spinner), ==, 0);
  g_assert_cmpint (gtk_widget_get_margin_bottom (spinner), ==, 0);
  g_assert_cmpint (gtk_widget_get_valign (spinner), ==, GTK_ALIGN_CENTER);
  g_assert_cmpint (gtk_widget_get_halign (spinner), ==, GTK_ALIGN_CENTER);
  gtk_widget_get_size_request (spinner, &width, &height);
  g_assert_cmpint (width, ==, 32);
  g_assert_true (gtk_stack_get_vhomogeneous (inner));
  g_assert_cmpint (gtk_stack_get_transition_type (inner), ==, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  g_assert_true (gtk_widget_has_css_class (retry, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (part (stack, "error_page"), "compact"));

  g_object_unref (stack);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/state-stack/states", test_states);
  g_test_add_func ("/state-stack/from-ui", test_from_ui);
  g_test_add_func ("/state-stack/looks", test_looks);

  return g_test_run ();
}
