/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-day-switcher.c: EfDaySwitcher in a page of its own
 *
 * A page that keeps a switcher, as the lists and the takings do, with the
 * actions ef_day_switcher_class_install_actions() gives it: the day
 * written out, the previous and next days by the page's actions, by the
 * switcher's buttons and by Ctrl+Page Up / Page Down (real keys, xdotool),
 * notify::day once a change. No server.
 */

#define G_LOG_DOMAIN "EfTestDaySwitcher"

#include "config.h"

#include <adwaita.h>

#include "pages/ef-page-text.h"
#include "widgets/ef-day-switcher.h"
#include "ui-test-util.h"

#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, GtkWidget)

struct _TestPage
{
  GtkWidget      parent_instance;

  GtkWidget     *label;  /* first, so that the switcher is not at the first offset */
  EfDaySwitcher *day_switcher;
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, GTK_TYPE_WIDGET)

static void
test_page_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (test_page_parent_class)->dispose (object);
}

static void
test_page_class_init (TestPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = test_page_dispose;
  ef_day_switcher_class_install_actions (widget_class, "test-page",
                                         G_STRUCT_OFFSET (TestPage, day_switcher));
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
test_page_init (TestPage *self)
{
  self->label = gtk_label_new ("page");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  self->day_switcher = g_object_new (EF_TYPE_DAY_SWITCHER, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->day_switcher), GTK_WIDGET (self));
}

#define WINDOW_TITLE "EfDaySwitcher test"

static GtkWindow *window;
static TestPage *page;

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static const char *
day_label_text (void)
{
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page->day_switcher),
                                                              EF_TYPE_DAY_SWITCHER,
                                                              "day_label"));

  return gtk_label_get_text (label);
}

/* Keys through XTEST to the window, as a person types them. */
static void
xdotool_keys (const char *keys)
{
  g_autofree char *id = ui_test_x_window_id (WINDOW_TITLE);
  g_autofree char *output = NULL;

  output = ui_test_run_command ((const char * const []) {
    "xdotool", "windowfocus", "--sync", id, "key", "--delay", "50", keys, NULL });
}

static gboolean
day_is_cb (gpointer data)
{
  return ef_day_switcher_get_day (page->day_switcher) == GPOINTER_TO_UINT (data);
}

static void
test_actions (void)
{
  EfDay day = ef_day_new (2026, 11, 2);
  g_autofree char *expected = _ef_page_text_day (day, TRUE);
  g_autofree char *next = _ef_page_text_day (ef_day_add (day, 1), TRUE);
  guint n_notify = 0;

  g_assert_cmpuint (ef_day_switcher_get_day (page->day_switcher), ==, EF_DAY_INVALID);
  /* Without a day, the actions do nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "test-page.next-day", NULL));
  g_assert_cmpuint (ef_day_switcher_get_day (page->day_switcher), ==, EF_DAY_INVALID);

  g_signal_connect (page->day_switcher, "notify::day", G_CALLBACK (on_notify_cb), &n_notify);
  ef_day_switcher_set_day (page->day_switcher, day);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpstr (day_label_text (), ==, expected);

  /* The same day again: nothing to reload. */
  ef_day_switcher_set_day (page->day_switcher, day);
  g_assert_cmpuint (n_notify, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "test-page.next-day", NULL));
  g_assert_cmpuint (ef_day_switcher_get_day (page->day_switcher), ==, ef_day_add (day, 1));
  g_assert_cmpstr (day_label_text (), ==, next);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "test-page.previous-day", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "test-page.previous-day", NULL));
  g_assert_cmpuint (ef_day_switcher_get_day (page->day_switcher), ==, ef_day_add (day, -1));

  /* The switcher's own buttons. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page->day_switcher),
                                             "day-switcher.next-day", NULL));
  g_assert_cmpuint (ef_day_switcher_get_day (page->day_switcher), ==, day);
  g_assert_cmpuint (n_notify, ==, 5);

  /* The property. */
  g_object_set (page->day_switcher, "day", (guint) ef_day_add (day, 7), NULL);
  g_assert_cmpuint (ef_day_switcher_get_day (page->day_switcher), ==, ef_day_add (day, 7));
  g_signal_handlers_disconnect_by_func (page->day_switcher, on_notify_cb, &n_notify);

  ui_test_maybe_screenshot (GTK_WIDGET (window), "day-switcher");
}

/* Ctrl+Page Down and Up wherever the focus is in the page. */
static void
test_keys (void)
{
  EfDay day = ef_day_new (2026, 11, 2);

  ef_day_switcher_set_day (page->day_switcher, day);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (page), GTK_DIR_TAB_FORWARD));

  xdotool_keys ("ctrl+Next");
  g_assert_true (ui_test_wait_until (day_is_cb, GUINT_TO_POINTER (ef_day_add (day, 1))));
  xdotool_keys ("ctrl+Prior");
  xdotool_keys ("ctrl+Prior");
  g_assert_true (ui_test_wait_until (day_is_cb, GUINT_TO_POINTER (ef_day_add (day, -1))));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  page = g_object_new (TEST_TYPE_PAGE, NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (window, WINDOW_TITLE);
  gtk_window_set_default_size (window, 480, 80);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page->day_switcher));

  g_test_add_func ("/ui/day-switcher/actions", test_actions);
  g_test_add_func ("/ui/day-switcher/keys", test_keys);

  return g_test_run ();
}
