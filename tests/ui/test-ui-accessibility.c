/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-accessibility.c: what a screen reader finds on every page, and
 * the contrast of the calendar's and the invoices' colours
 *
 * Each page is shown in a real window against a real server with the demo
 * data, in French (fr_FR.UTF-8, set by the program; skipped when that
 * locale is missing), the server's test clock on Wednesday 13 January
 * 2027 at 08:59:30 in Paris, whatever the machine's date. The whole
 * widget tree of the page is walked with GTK's own accessible API
 * (GTK_A11Y=test): every element a person can focus or activate must have
 * an accessible name, as GTK 4.8 computes it for AT-SPI (the label
 * property, then the labels of the labelled-by relation), and a role
 * that says what it is. The test fails on any that has not.
 *
 * /a11y/contrast/... render the calendar and the invoices, sample the
 * colours of text and state shapes from the picture and check the WCAG
 * ratios (4.5:1 for text, 3:1 for large text and shapes). Meson runs them
 * again with ADW_DEBUG_COLOR_SCHEME=prefer-dark and with
 * ADW_DEBUG_HIGH_CONTRAST=1. With EF_SCREENSHOT_DIR, the pictures are
 * saved there.
 */

#define G_LOG_DOMAIN "EfTestA11y"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "ef-kiosk.h"
#include "pages/ef-dashboard-page.h"
#include "pages/ef-enrolments-page.h"
#include "pages/ef-family-page.h"
#include "pages/ef-first-connection-page.h"
#include "pages/ef-history-page.h"
#include "pages/ef-invoice-window.h"
#include "pages/ef-invoices-page.h"
#include "pages/ef-member-editor.h"
#include "pages/ef-password-reset-page.h"
#include "pages/ef-reservations-page.h"
#include "pages/ef-staff-families-page.h"
#include "pages/ef-staff-lists-page.h"
#include "pages/ef-staff-takings-page.h"
#include "widgets/ef-dashboard-card.h"
#include "widgets/ef-day-cell.h"
#include "widgets/ef-day-switcher.h"
#include "widgets/ef-password-chooser.h"
#include "widgets/ef-pdf-view.h"
#include "widgets/ef-reservation-calendar-private.h"
#include "ef-test-api.h"
#include "ef-test-server.h"
#include "ui-test-util.h"

#define MEAL "restaurant-scolaire"
#define NOW  "2027-01-13T08:59:30+01:00"

static gboolean french;
/* The server, with the demo family signed in (its token). */
static EfTestDemo demo;
static EfClient *client;
static char *staff_email;
static char *staff_password;
static gint64 lea_id;
static EfApplication *application;

/* ------------------------------------------------------------ the walk */

/* What a screen reader is told of an element: its role and its name. */

#define SENTINEL "\001"

static char *
property_text (GtkAccessible         *accessible,
               GtkAccessibleProperty  property)
{
  if (!gtk_test_accessible_has_property (accessible, property))
    return NULL;
  /* The value that does not match the sentinel, as GTK prints it. */
  return gtk_test_accessible_check_property (accessible, property, SENTINEL);
}

typedef struct {
  GHashTable *widgets;     /* every widget of every window: GtkWidget * → itself */
  GHashTable *reported;    /* GtkWidget *: each is reported once, whatever the page's states */
  GPtrArray  *failures;    /* char * */
  guint       n_interactive;
  guint       n_named;
  guint       n_headings;
  GString    *headings;    /* what the headings of the page say */
  GString    *dump;
} Audit;

static void
collect_widgets (GHashTable *widgets,
                 GtkWidget  *widget)
{
  g_hash_table_add (widgets, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (widgets, child);
}

/* The widgets a labelled-by relation points to: GTK prints the list as
 * "Type<0xADDRESS>,…"; only addresses of live widgets are followed. */
static GPtrArray *
labelled_by (Audit         *audit,
             GtkAccessible *accessible)
{
  GPtrArray *targets = g_ptr_array_new ();
  g_autofree char *text = NULL;
  const char *p;

  if (!gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return targets;
  text = gtk_test_accessible_check_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL);
  for (p = text; p != NULL && (p = strstr (p, "<0x")) != NULL; p += 3)
    {
      gpointer target = GSIZE_TO_POINTER ((gsize) g_ascii_strtoull (p + 1, NULL, 16));

      if (g_hash_table_contains (audit->widgets, target))
        g_ptr_array_add (targets, target);
    }
  return targets;
}

/* The accessible name as GTK 4.8 computes it for AT-SPI
 * (gtk_at_context_get_name()): the label property, then the label
 * property of each element of the labelled-by relation. */
static char *
accessible_name (Audit     *audit,
                 GtkWidget *widget)
{
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (GPtrArray) targets = labelled_by (audit, GTK_ACCESSIBLE (widget));
  g_autofree char *label = property_text (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (label != NULL)
    g_string_append (name, label);
  for (guint i = 0; i < targets->len; i++)
    {
      g_autofree char *part = property_text (targets->pdata[i], GTK_ACCESSIBLE_PROPERTY_LABEL);

      if (part == NULL)
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, part);
    }
  g_strstrip (name->str);
  return g_strdup (name->str);
}

static const char *
role_name (GtkAccessibleRole role)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (GTK_TYPE_ACCESSIBLE_ROLE);
  GEnumValue *value = g_enum_get_value (klass, role);

  return value != NULL ? value->value_nick : "?";
}

/* Roles whose elements a person acts on: they must have a name. */
static gboolean
role_is_control (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_GRID:
    case GTK_ACCESSIBLE_ROLE_GRID_CELL:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_OPTION:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_TREE_ITEM:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Roles that say nothing of what a focusable element does. */
static gboolean
role_is_vague (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_GENERIC:
    case GTK_ACCESSIBLE_ROLE_GROUP:
    case GTK_ACCESSIBLE_ROLE_NONE:
    case GTK_ACCESSIBLE_ROLE_PRESENTATION:
    case GTK_ACCESSIBLE_ROLE_WIDGET:
      return TRUE;
    default:
      return FALSE;
    }
}


static char *
describe (GtkWidget *widget)
{
  g_autoptr (GString) path = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
  const char *css_name = gtk_widget_get_css_classes (widget) != NULL
                         ? gtk_widget_get_css_classes (widget)[0] : NULL;

  if (id != NULL)
    g_string_append_printf (path, "#%s", id);
  else if (g_strcmp0 (gtk_widget_get_name (widget), G_OBJECT_TYPE_NAME (widget)) != 0)
    g_string_append_printf (path, "(%s)", gtk_widget_get_name (widget));
  if (css_name != NULL)
    g_string_append_printf (path, ".%s", css_name);
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (path, "[icon %s]", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (path, "[tooltip “%s”]", gtk_widget_get_tooltip_text (widget));
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Ef") || gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)))
      {
        const char *wid = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));

        g_string_prepend (path, " > ");
        if (wid != NULL)
          {
            g_string_prepend (path, wid);
            g_string_prepend_c (path, '#');
          }
        g_string_prepend (path, G_OBJECT_TYPE_NAME (w));
        if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Ef"))
          break;
      }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* A focusable element without a role of its own that stands for a
 * control around it: the text of an entry, a spin button or a row. */
static gboolean
inside_control (GtkWidget *widget)
{
  int depth = 0;

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && depth < 4;
       w = gtk_widget_get_parent (w), depth++)
    if (role_is_control (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w))))
      return TRUE;
  return FALSE;
}

static void
report (Audit      *audit,
        GtkWidget  *widget,
        const char *problem,
        const char *role)
{
  g_autofree char *where = NULL;

  if (!g_hash_table_add (audit->reported, widget))
    return;
  where = describe (widget);
  g_ptr_array_add (audit->failures, g_strdup_printf ("%s (role %s): %s", where, role, problem));
}

/* The style classes of libadwaita that make a label look like a title;
 * title-3 and title-4 also draw figures, and .numeric says a label is one. */
static gboolean
styled_as_title (GtkWidget *widget)
{
  static const char * const classes[] = { "large-title", "title-1", "title-2", "heading" };

  if (gtk_widget_has_css_class (widget, "numeric"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (gtk_widget_has_css_class (widget, classes[i]))
      return TRUE;
  return FALSE;
}

/* Whether @widget was made by a libadwaita widget (the title of an
 * AdwPreferencesGroup, of an AdwStatusPage…) rather than by one of our
 * templates: its nearest ancestor of ours or of libadwaita's, leaving out
 * libadwaita's plain containers, is libadwaita's. Libadwaita 1.2 gives
 * its titles the label role, and we cannot change a role once made. */
static gboolean
made_by_libadwaita (GtkWidget *widget)
{
  static const char * const containers[] = {
    "AdwBin", "AdwClamp", "AdwClampScrollable", "AdwViewStack", "AdwFlap", "AdwLeaflet", "AdwSqueezer",
    "AdwToastOverlay", "AdwApplicationWindow", "AdwWindow", "AdwPreferencesPage",
  };

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *type = G_OBJECT_TYPE_NAME (w);

      if (g_str_has_prefix (type, "Ef"))
        return FALSE;
      if (g_str_has_prefix (type, "Adw") && !g_strv_contains (containers, type))
        return TRUE;
    }
  return FALSE;
}

/* RGAA 9.1: a screen reader jumps from title to title. Our labels styled
 * as titles must have the heading role (or say themselves: an alert). */
static void
audit_heading (Audit            *audit,
               GtkWidget        *widget,
               GtkAccessibleRole role)
{
  if (role == GTK_ACCESSIBLE_ROLE_HEADING)
    {
      audit->n_headings++;
      g_string_append_printf (audit->headings, " “%s”",
                              GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : G_OBJECT_TYPE_NAME (widget));
      return;
    }
  if (GTK_IS_LABEL (widget) && styled_as_title (widget) && role != GTK_ACCESSIBLE_ROLE_ALERT
      && role != GTK_ACCESSIBLE_ROLE_STATUS && !made_by_libadwaita (widget))
    report (audit, widget, "drawn as a title, but not a heading", role_name (role));
}

static void
audit_widget (Audit     *audit,
              GtkWidget *widget,
              int        depth)
{
  GtkAccessibleRole role;
  gboolean focusable, control;

  /* What is not shown is not in the tree a screen reader reads. */
  if (!gtk_widget_get_mapped (widget))
    return;

  role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  audit_heading (audit, widget, role);
  focusable = gtk_widget_get_focusable (widget) && gtk_widget_get_can_focus (widget);
  /* A list's rows take the focus, and so does an activatable row. */
  control = role_is_control (role) ||
            (focusable && (role == GTK_ACCESSIBLE_ROLE_LIST_ITEM || role == GTK_ACCESSIBLE_ROLE_ROW ||
                           /* a page of a PDF, focused to scroll and zoom it */
                           role == GTK_ACCESSIBLE_ROLE_IMG));

  if (control || focusable)
    {
      g_autofree char *name = accessible_name (audit, widget);

      audit->n_interactive++;
      if (audit->dump != NULL)
        g_string_append_printf (audit->dump, "%*s%s %s “%s”%s\n", depth, "", G_OBJECT_TYPE_NAME (widget),
                                role_name (role), name, focusable ? " focusable" : "");
      /* GTK's own scrolled windows and lists take the focus when nothing
       * inside them does, so that the keyboard scrolls them. */
      if (GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_VIEWPORT (widget))
        audit->n_named++;
      else if (focusable && role_is_vague (role) && !inside_control (widget))
        report (audit, widget, "focusable, but its role does not say what it is", role_name (role));
      else if (control && *name == '\0')
        report (audit, widget, "no accessible name", role_name (role));
      else
        audit->n_named++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    audit_widget (audit, child, depth + 1);
}

/* A few frames, for what was just shown to be mapped. */
static void
settle (void)
{
  int frames = 6;

  ui_test_wait_until (ui_test_settle_cb, &frames);
}

/* Pages whose only titles are drawn by libadwaita 1.2 (the titles of
 * AdwPreferencesGroups, the AdwViewSwitcherTitle of the invoice window),
 * which gives them the label role once and for all, or that show no title
 * inside the page (Mes réservations, the search of Familles: the window's
 * header bar says it). */
static const char * const pages_without_heading[] = {
  "family", "member editor", "member editor, new pickup person", "enrolments", "reservations, month",
  "reservations, with pending changes", "reservations, year", "invoice details", "invoice PDF preview",
  "Familles, search", NULL,
};

/* Walks @root, and keeps what it found in @audit. */
static void
audit_tree (Audit      *audit,
            GtkWidget  *root,
            const char *what)
{
  guint before = audit->n_interactive;
  guint headings_before = audit->n_headings;

  settle ();
  g_hash_table_remove_all (audit->widgets);
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    collect_widgets (audit->widgets, l->data);
  g_string_truncate (audit->headings, 0);
  audit_widget (audit, root, 0);
  g_test_message ("%s: %u interactive elements, %u headings:%s", what, audit->n_interactive - before,
                  audit->n_headings - headings_before, audit->headings->str);
  g_assert_cmpuint (audit->n_interactive, >, before);
  /* A page (in its window) has a title a screen reader can jump to. The
   * pages of the list have none yet (docs/accessibility.md, "Known
   * gaps"): their titles are libadwaita's, or they show none; one of
   * them that gets a heading must leave the list. */
  if (GTK_IS_WINDOW (root))
    {
      gboolean known = g_strv_contains (pages_without_heading, what);

      if (audit->n_headings == headings_before && !known)
        g_ptr_array_add (audit->failures, g_strdup_printf ("%s: no heading", what));
      else if (audit->n_headings == headings_before)
        g_test_message ("%s: no heading yet (a known gap)", what);
      else if (known)
        g_ptr_array_add (audit->failures,
                         g_strdup_printf ("%s has a heading now: take it out of pages_without_heading", what));
    }
}

static Audit *
audit_new (void)
{
  Audit *audit = g_new0 (Audit, 1);

  audit->widgets = g_hash_table_new (NULL, NULL);
  audit->reported = g_hash_table_new (NULL, NULL);
  audit->failures = g_ptr_array_new_with_free_func (g_free);
  audit->headings = g_string_new (NULL);
  if (g_getenv ("EF_A11Y_DUMP") != NULL)
    audit->dump = g_string_new (NULL);
  return audit;
}

/* Fails on any element without a name or with a vague role. */
static void
audit_finish (Audit *audit)
{
  if (audit->dump != NULL)
    {
      g_test_message ("%s", audit->dump->str);
      g_string_free (audit->dump, TRUE);
    }
  g_test_message ("%u interactive elements, %u named with a fitting role, %u failures",
                  audit->n_interactive, audit->n_named, audit->failures->len);
  for (guint i = 0; i < audit->failures->len; i++)
    g_test_message ("FAIL: %s", (char *) audit->failures->pdata[i]);

  if (audit->failures->len > 0)
    g_test_fail_printf ("%u problems (elements without a name, with a vague role, titles that are not "
                        "headings, pages without a heading), first: %s",
                        audit->failures->len, (char *) audit->failures->pdata[0]);

  g_string_free (audit->headings, TRUE);
  g_hash_table_unref (audit->widgets);
  g_hash_table_unref (audit->reported);
  g_ptr_array_unref (audit->failures);
  g_free (audit);
}

/* Audits the whole of @window (@what in the messages), then closes it. */
static void
audit_window (GtkWidget  *window,
              const char *what)
{
  Audit *audit = audit_new ();

  audit_tree (audit, window, what);
  audit_finish (audit);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------ helpers */

static gboolean fatal_log_cb (const char     *log_domain,
                              GLogLevelFlags  log_level,
                              const char     *message,
                              gpointer        user_data);

/* The beginning of each test: GLib resets the fatal handler between tests. */
static gboolean
skip_without_french (void)
{
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);
  if (french)
    return FALSE;
  g_test_skip ("the fr_FR.UTF-8 locale is not installed");
  return TRUE;
}

static EfApplication *
new_application (void)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("%s.TestA11y%u", APP_ID, ++counter);

  return ui_test_application_new (id);
}

static GtkWidget *
show_page (GtkWidget  *page,
           const char *title,
           int         width)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));
  return window;
}

/* Shows @page as show_page() does, waits until @ready, and audits the
 * window (@what in the messages). */
static void
audit_page (GtkWidget       *page,
            const char      *title,
            UiTestCondition  ready,
            const char      *what)
{
  GtkWidget *window = show_page (page, title, 1000);

  g_assert_true (ui_test_wait_until (ready, page));
  audit_window (window, what);
}

static EfClient *
signed_in_client (const char *who,
                  const char *secret)
{
  g_autofree char *url = ef_test_server_portal_url (demo.server, "7249");

  return ui_test_signed_in_client (url, who, secret);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}


/* A notification server on the test's bus, for the deadline reminders of
 * the main window (ef-reminders.c): it counts them. */
static guint n_notifications;

static void
on_notifications_call_cb (GDBusConnection       *connection,
                          const char            *sender,
                          const char            *object_path,
                          const char            *interface_name,
                          const char            *method_name,
                          GVariant              *parameters,
                          GDBusMethodInvocation *invocation,
                          gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++n_notifications));
  else if (g_str_equal (method_name, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(['body'],)"));
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "EF", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_name_answered_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_cb (gpointer data)
{
  return *(gboolean *) data;
}

static void
serve_notifications (void)
{
  static const char xml[] =
    "<node><interface name='org.freedesktop.Notifications'>"
    "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
    "<arg type='u' direction='out'/></method>"
    "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
    "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
    "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
    "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { on_notifications_call_cb, NULL, NULL, { 0 } };
  g_autoptr (GDBusNodeInfo) info = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  gboolean answered = FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0], &vtable,
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  /* Acquired, or served already by another program on this bus: either
   * way the reminders find a server. */
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                on_name_answered_cb, on_name_answered_cb, &answered, NULL);
  g_assert_true (ui_test_wait_until (flag_cb, &answered));
}

/* ------------------------------------------------------------ the pages */

static void
test_sign_in (void)
{
  g_autoptr (EfApplication) app = NULL;
  g_autofree char *url = NULL;
  EfWindow *window;

  if (skip_without_french ())
    return;

  app = new_application ();
  url = ef_test_server_portal_url (demo.server, "7249");
  g_settings_set_string (ef_application_get_settings (app), "portal-url", url);
  window = ef_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, window));
  ui_test_assert_state_soon (window, "welcome");

  audit_window (GTK_WIDGET (window), "sign-in");
}

static void
test_first_connection (void)
{
  g_autofree char *url = NULL;
  g_autoptr (EfClient) fresh = NULL;
  GtkWidget *page, *window;

  if (skip_without_french ())
    return;

  url = ef_test_server_portal_url (demo.server, "7249");
  fresh = ef_client_new (url);
  page = GTK_WIDGET (ef_first_connection_page_new (fresh));
  window = show_page (page, "A11y — première connexion", 900);

  audit_window (window, "first connection");
}

static gboolean
cards_settled_cb (gpointer data)
{
  static const char * const names[] = { "finance", "meals", "family", "enrolments", "connection", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    if (ef_dashboard_card_is_loading (EF_DASHBOARD_CARD (ef_dashboard_page_get_card (data, names[i]))))
      return FALSE;
  return TRUE;
}

static void
test_dashboard (void)
{
  if (skip_without_french ())
    return;

  audit_page (ef_dashboard_page_new (client), "A11y — tableau de bord", cards_settled_cb,
              "dashboard");
}

static gboolean
family_shown_cb (gpointer data)
{
  return g_strcmp0 (ef_family_page_get_state (data), "content") == 0;
}

typedef struct {
  EfMemberEditor *editor;
  const char     *field;
} FieldWait;

static gboolean
field_error_cb (gpointer data)
{
  FieldWait *wait = data;

  return !ef_member_editor_get_busy (wait->editor) &&
         ef_member_editor_get_field_error (wait->editor, wait->field) != NULL;
}

static void
test_family (void)
{
  Audit *audit = NULL;
  GtkWidget *page, *window;
  GtkWindow *editor;

  if (skip_without_french ())
    return;

  page = ef_family_page_new (client);
  window = show_page (page, "A11y — famille", 1000);
  g_assert_true (ui_test_wait_until (family_shown_cb, page));

  audit = audit_new ();
  audit_tree (audit, window, "family");

  editor = ef_family_page_edit_member (EF_FAMILY_PAGE (page), lea_id);
  g_assert_nonnull (editor);
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, editor));
  audit_tree (audit, GTK_WIDGET (editor), "member editor");
  /* Léa lives at the family's address: her own is empty, and the group
   * says why, and which address that is. */
  {
    GtkWidget *street = GTK_WIDGET (ef_member_editor_get_field_row (EF_MEMBER_EDITOR (editor),
                                                                    "address.line1"));
    GtkWidget *group = gtk_widget_get_ancestor (street, ADW_TYPE_PREFERENCES_GROUP);
    const char *description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (street)), ==, "");
    g_assert_cmpstr (description, ==,
                     "À remplir seulement si elle diffère de celle de la famille "
                     "(12 rue des Marronniers, 64140 Billère)");
  }
  /* A wrong value: the field says so to a screen reader too, as its
   * invalid state and its description. */
  {
    AdwEntryRow *row = ef_member_editor_get_field_row (EF_MEMBER_EDITOR (editor), "email");
    FieldWait wait = { EF_MEMBER_EDITOR (editor), "email" };
    const char *message;

    gtk_editable_set_text (GTK_EDITABLE (row), "pas une adresse");
    ef_member_editor_save (EF_MEMBER_EDITOR (editor));
    g_assert_true (ui_test_wait_until (field_error_cb, &wait));
    message = ef_member_editor_get_field_error (EF_MEMBER_EDITOR (editor), "email");
    g_test_message ("email: %s", message);
    gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message);
    /* Typing again clears it. */
    gtk_editable_set_text (GTK_EDITABLE (row), "claire.martin@example.org");
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  }

  /* A new pickup person adds a group of fields. */
  ef_member_editor_add_pickup_person (EF_MEMBER_EDITOR (editor));
  audit_tree (audit, GTK_WIDGET (editor), "member editor, new pickup person");
  audit_finish (audit);

  gtk_window_destroy (editor);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
enrolments_shown_cb (gpointer data)
{
  return g_strcmp0 (ef_enrolments_page_get_state (data), "list") == 0;
}

static void
test_enrolments (void)
{
  if (skip_without_french ())
    return;

  audit_page (ef_enrolments_page_new (client), "A11y — inscriptions", enrolments_shown_cb,
              "enrolments");
}

static gboolean
reservations_ready_cb (gpointer data)
{
  return g_strcmp0 (ef_reservations_page_get_state (data), "calendar") == 0;
}

static const char * const weekdays_fr[] = {
  "lundi ", "mardi ", "mercredi ", "jeudi ", "vendredi ", "samedi ", "dimanche ", NULL
};

/* Every day of the grid is a grid cell whose name begins with its date,
 * then says its state. */
static guint
check_grid_cells (GtkWidget *widget,
                  Audit     *audit)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (EF_IS_DAY_CELL (widget))
    {
      g_autofree char *name = accessible_name (audit, widget);
      gboolean dated = FALSE;

      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)), ==,
                       GTK_ACCESSIBLE_ROLE_GRID_CELL);
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (gtk_widget_get_parent (widget))), ==,
                       GTK_ACCESSIBLE_ROLE_GRID);
      for (guint i = 0; weekdays_fr[i] != NULL; i++)
        dated |= g_str_has_prefix (name, weekdays_fr[i]);
      if (!dated || (strstr (name, " 2027\u00A0: ") == NULL && strstr (name, " 2026\u00A0: ") == NULL))
        g_error ("a day cell is named “%s”: not its date, then its state", name);
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_grid_cells (child, audit);
  return n;
}

static void
assert_cell_name (Audit                 *audit,
                  EfReservationCalendar *calendar,
                  EfDay                  d,
                  const char            *expected)
{
  GtkWidget *cell = GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, d));
  g_autofree char *name = NULL;

  g_assert_nonnull (cell);
  name = accessible_name (audit, cell);
  g_test_message ("%s", name);
  if (strstr (name, expected) == NULL)
    g_error ("the day cell is named “%s”, without “%s”", name, expected);
}

/* The label that shows @text. */
static GtkWidget *
find_summary (GtkWidget  *root,
              const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_summary (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_reservations (void)
{
  Audit *audit = NULL;
  EfReservationCalendar *calendar;
  g_autoptr (GArray) days = NULL;
  g_autofree char *summary_name = NULL;
  GtkWidget *page, *window, *summary;
  EfDay friday = ef_day_new (2027, 1, 22);
  guint n;

  if (skip_without_french ())
    return;

  page = ef_reservations_page_new (client);
  window = show_page (page, "A11y — réservations", 1000);
  g_assert_true (ui_test_wait_until (reservations_ready_cb, page));
  ef_reservations_page_set_child (EF_RESERVATIONS_PAGE (page), lea_id);
  g_assert_true (ui_test_wait_until (reservations_ready_cb, page));
  calendar = ef_reservations_page_get_calendar (EF_RESERVATIONS_PAGE (page));
  ef_reservation_calendar_set_mode (calendar, EF_RESERVATION_CALENDAR_MODE_MONTH);
  ef_reservation_calendar_set_activity (calendar, MEAL);
  ef_reservation_calendar_set_month (calendar, ef_day_new (2027, 1, 1));

  audit = audit_new ();
  audit_tree (audit, window, "reservations, month");
  n = check_grid_cells (window, audit);
  g_test_message ("%u day cells named by their date and state", n);
  g_assert_cmpuint (n, >=, 28);

  /* The date, the state and until when it can change, or why not. */
  assert_cell_name (audit, calendar, ef_day_new (2027, 1, 18),
                    "lundi 18 janvier 2027\u00A0: Réservé, modifiable jusqu’au mercredi 13 janvier à 9\u00A0h\u00A000");
  assert_cell_name (audit, calendar, ef_day_new (2027, 1, 12), "mardi 12 janvier 2027\u00A0: ");
  assert_cell_name (audit, calendar, ef_day_new (2027, 1, 12), "délai dépassé");
  assert_cell_name (audit, calendar, ef_day_new (2027, 1, 16), "samedi 16 janvier 2027\u00A0: Week-end");

  /* The pending count is a status, so that a screen reader says it when
   * it changes. */
  days = g_array_new (FALSE, FALSE, sizeof (EfDay));
  g_array_append_val (days, friday);
  g_signal_emit_by_name (calendar, "toggle-requested", MEAL, days, TRUE);
  settle ();
  summary = find_summary (page, ef_reservations_page_get_summary (EF_RESERVATIONS_PAGE (page)));
  g_assert_nonnull (summary);
  summary_name = accessible_name (audit, summary);
  g_test_message ("pending: %s", summary_name);
  g_assert_cmpstr (summary_name, ==, ef_reservations_page_get_summary (EF_RESERVATIONS_PAGE (page)));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (summary)), ==, GTK_ACCESSIBLE_ROLE_STATUS);
  audit_tree (audit, window, "reservations, with pending changes");

  ef_reservation_calendar_set_mode (calendar, EF_RESERVATION_CALENDAR_MODE_YEAR);
  audit_tree (audit, window, "reservations, year");
  n = check_grid_cells (window, audit);
  g_test_message ("%u day cells in the year view", n);
  g_assert_cmpuint (n, >=, 28);
  audit_finish (audit);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
invoices_shown_cb (gpointer data)
{
  return g_strcmp0 (ef_invoices_page_get_state (data), "invoices") == 0;
}

static gboolean
pdf_shown_cb (gpointer data)
{
  return g_strcmp0 (ef_invoice_window_get_pdf_state (data), "document") == 0 ||
         g_strcmp0 (ef_invoice_window_get_pdf_state (data), "error") == 0;
}

static void
test_invoices (void)
{
  Audit *audit = NULL;
  g_autoptr (EfInvoice) invoice = NULL;
  GtkWidget *page, *window, *invoice_window;
  GListModel *invoices;

  if (skip_without_french ())
    return;

  page = ef_invoices_page_new (client);
  window = show_page (page, "A11y — factures", 1000);
  g_assert_true (ui_test_wait_until (invoices_shown_cb, page));

  audit = audit_new ();
  audit_tree (audit, window, "invoices, to pay");
  ef_invoices_page_set_view (EF_INVOICES_PAGE (page), "settled");
  audit_tree (audit, window, "invoices, settled");
  ef_invoices_page_set_view (EF_INVOICES_PAGE (page), "to-pay");

  invoices = ef_invoices_page_get_invoices (EF_INVOICES_PAGE (page), "to-pay");
  g_assert_cmpuint (g_list_model_get_n_items (invoices), >, 0);
  invoice = g_list_model_get_item (invoices, 0);
  invoice_window = ef_invoice_window_new (client, invoice, FALSE);
  gtk_window_present (GTK_WINDOW (invoice_window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, invoice_window));
  audit_tree (audit, invoice_window, "invoice details");
  ef_invoice_window_set_view (EF_INVOICE_WINDOW (invoice_window), "pdf");
  g_assert_true (ui_test_wait_until (pdf_shown_cb, invoice_window));
  audit_tree (audit, invoice_window, "invoice PDF preview");
  audit_finish (audit);

  gtk_window_destroy (GTK_WINDOW (invoice_window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
history_settled_cb (gpointer data)
{
  return g_strcmp0 (ef_history_page_get_state (data, "connections"), "loading") != 0 &&
         g_strcmp0 (ef_history_page_get_state (data, "payments"), "loading") != 0;
}

static void
test_history (void)
{
  Audit *audit = NULL;
  GtkWidget *page, *window;

  if (skip_without_french ())
    return;

  page = ef_history_page_new (client);
  window = show_page (page, "A11y — historique", 1000);
  ef_history_page_set_period (EF_HISTORY_PAGE (page), TRUE, ef_day_new (2026, 10, 1));
  g_assert_true (ui_test_wait_until (history_settled_cb, page));

  audit = audit_new ();
  audit_tree (audit, window, "history, connections");
  ef_history_page_set_view (EF_HISTORY_PAGE (page), "payments");
  audit_tree (audit, window, "history, payments");
  audit_finish (audit);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
countdown_shown_cb (gpointer data)
{
  return gtk_revealer_get_child_revealed (data);
}

/* The shared terminal: the main window of a signed-in parent, then its
 * countdown before the sign-out. */
static void
test_kiosk (void)
{
  g_autoptr (EfApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  Audit *audit = NULL;
  g_autofree char *url = NULL;
  GSettings *settings;
  EfWindow *window;
  EfKiosk *kiosk;

  if (skip_without_french ())
    return;

  app = ef_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (G_APPLICATION (app), APP_ID ".TestA11yKiosk");
  settings = ef_application_get_settings (app);
  url = ef_test_server_portal_url (demo.server, "7249");
  g_settings_set_string (settings, "portal-url", url);
  g_settings_set_boolean (settings, "kiosk-mode", TRUE);
  g_settings_set_int (settings, "kiosk-idle-seconds", 3);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = ef_window_new (app);
  kiosk = ef_window_get_kiosk (window);
  ef_kiosk_set_countdown_seconds (kiosk, 20);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_assert_state_soon (window, "welcome");
  gtk_editable_set_text (ui_test_form_child (window, "email_row"), demo.email);
  gtk_editable_set_text (ui_test_form_child (window, "password_row"), demo.password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_test_sign_in_page (window)),
                                             "sign-in.sign-in", NULL));
  ui_test_assert_state_soon (window, "main");

  audit = audit_new ();
  audit_tree (audit, GTK_WIDGET (window), "main window");
  g_assert_true (ui_test_wait_until (countdown_shown_cb, ui_test_window_child (window, "kiosk_revealer")));
  audit_tree (audit, ui_test_window_child (window, "kiosk_revealer"), "kiosk countdown");
  audit_finish (audit);
  g_test_message ("%u reminders sent", n_notifications);

  ef_kiosk_set_active (kiosk, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "kiosk-mode");
  g_settings_reset (settings, "kiosk-idle-seconds");
}

static gboolean
has_results_cb (gpointer data)
{
  return gtk_list_box_get_row_at_index (ef_staff_families_page_get_results (data), 0) != NULL;
}

static gboolean
family_open_cb (gpointer data)
{
  return ef_staff_families_page_get_family_id (data) > 0 &&
         ef_staff_families_page_get_family_client (data) != NULL;
}

static gboolean
lists_loaded_cb (gpointer data)
{
  return ef_staff_lists_page_get_lists (data) != NULL;
}

static gboolean
takings_loaded_cb (gpointer data)
{
  return ef_staff_takings_page_get_payments (data) != NULL;
}

static void
test_staff (void)
{
  g_autoptr (EfClient) agent = NULL;
  Audit *audit = NULL;
  GtkWidget *page, *window, *search;

  if (skip_without_french ())
    return;

  agent = signed_in_client (staff_email, staff_password);
  audit = audit_new ();

  /* Familles, a family open at the counter. */
  page = ef_staff_families_page_new (agent);
  window = show_page (page, "A11y — familles", 1100);
  search = find_widget (page, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "Martin");
  g_assert_true (ui_test_wait_until (has_results_cb, page));
  audit_tree (audit, window, "Familles, search");
  g_signal_emit_by_name (ef_staff_families_page_get_results (EF_STAFF_FAMILIES_PAGE (page)), "row-activated",
                         gtk_list_box_get_row_at_index (ef_staff_families_page_get_results (EF_STAFF_FAMILIES_PAGE (page)), 0));
  g_assert_true (ui_test_wait_until (family_open_cb, page));
  audit_tree (audit, window, "Familles, a family open");
  gtk_window_destroy (GTK_WINDOW (window));

  page = ef_staff_takings_page_new (agent);
  window = show_page (page, "A11y — encaissements", 1100);
  g_assert_true (ui_test_wait_until (takings_loaded_cb, page));
  audit_tree (audit, window, "Encaissements");
  gtk_window_destroy (GTK_WINDOW (window));

  page = ef_staff_lists_page_new (agent);
  window = show_page (page, "A11y — listes du jour", 1100);
  g_assert_true (ui_test_wait_until (lists_loaded_cb, page));
  audit_tree (audit, window, "Listes du jour");
  gtk_window_destroy (GTK_WINDOW (window));

  audit_finish (audit);
}


/* ------------------------------------------------------------ keyboard */

/* Booking a week of meals and paying an invoice without one pointer
 * event: real keys through XTEST (xdotool) to the application's window,
 * Tab until the focus reaches what a person would look for, as a screen
 * reader user does. Screenshots of each step show the focus. */

static char *keyboard_title;
static char *browser_log;

/* The default handler of http(s) addresses: appends each to a file (as in
 * test-ui-invoices.c). Before GIO reads its folders. */
static void
set_up_browser (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ef-a11y-browser-XXXXXX", &error);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *applications = g_build_filename (data, "applications", NULL);
  g_autofree char *script = g_build_filename (dir, "browser.sh", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop = g_build_filename (applications, "ef-test-browser.desktop", NULL);
  g_autofree char *desktop_text = NULL;
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  browser_log = g_build_filename (dir, "opened.txt", NULL);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", browser_log);
  g_assert_true (g_file_set_contents (script, script_text, -1, &error));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                                  "Exec=%s %%u\nNoDisplay=true\n"
                                  "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n", script);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, &error));
  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Default Applications]\n"
                                      "x-scheme-handler/http=ef-test-browser.desktop\n"
                                      "x-scheme-handler/https=ef-test-browser.desktop\n",
                                      -1, &error));
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
}

/* The fake browser's shell creates its log before it writes the address
 * into it: opened once a whole line is there. */
static gboolean
browser_opened_cb (gpointer data)
{
  g_autofree char *text = NULL;

  return g_file_get_contents (browser_log, &text, NULL, NULL) && g_str_has_suffix (text, "\n");
}

static void
send_keys (const char * const *keys)
{
  g_autofree char *id = ui_test_x_window_id (keyboard_title);
  int frames = 3;

  ui_test_xdotool_keys (id, 40, keys);
  /* The keys reach GTK after xdotool exits. */
  ui_test_wait_until (ui_test_settle_cb, &frames);
}

static void
send_text (const char *text)
{
  g_autofree char *id = ui_test_x_window_id (keyboard_title);
  g_autofree char *output = NULL;
  int frames = 3;

  output = ui_test_run_command ((const char * const []) {
    "xdotool", "windowfocus", "--sync", id, "type", "--delay", "20", text, NULL });
  ui_test_wait_until (ui_test_settle_cb, &frames);
}

static gboolean
focus_within (GtkWidget *window,
              GtkWidget *target)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target));
}

/* Presses @key (Tab, Down…) until the focus is in @target, as a person
 * who listens to each element in turn. */
static void
key_to (GtkWidget  *window,
        GtkWidget  *target,
        const char *key,
        const char *what)
{
  int n = 0;

  for (; n < 80 && !focus_within (window, target); n++)
    {
      GtkWidget *focus;

      send_keys ((const char * const []) { key, NULL });
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (g_getenv ("EF_A11Y_DUMP") != NULL && focus != NULL)
        {
          g_autofree char *where = describe (focus);

          g_test_message ("  %s → %s", key, where);
        }
    }
  if (!focus_within (window, target))
    g_error ("%s: the focus never reached %s; it is on %s", what, G_OBJECT_TYPE_NAME (target),
             gtk_root_get_focus (GTK_ROOT (window)) != NULL
             ? G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (window))) : "nothing");
  g_test_message ("%s: %d × %s", what, n, key);
  /* Once the keyboard moved it, a person who sees must see where it is. */
  if (n > 0)
    g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (window)));
}

static GtkWidget *
find_by (GtkWidget  *root,
         GType       type,
         const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root) &&
      (text == NULL ||
       (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), text) == 0) ||
       g_strcmp0 (gtk_widget_get_name (root), text) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by (child, type, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Down or Up, from the focused row of a list to @row. */
static const char *
sidebar_direction (GtkWidget *window,
                   GtkWidget *row)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  while (focus != NULL && !GTK_IS_LIST_BOX_ROW (focus))
    focus = gtk_widget_get_parent (focus);
  g_assert_nonnull (focus);
  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus)) > gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row))
         ? "Up" : "Down";
}

/* A button that shows @text in a label of its own. */
static GtkWidget *
find_button_showing (GtkWidget  *root,
                     const char *text)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (root))) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (root)))), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_showing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
reserved_cb (gpointer data)
{
  return ef_reservation_calendar_get_day_state (data, MEAL, ef_day_new (2027, 1, 25)) == EF_CALENDAR_DAY_RESERVED;
}

static gboolean
saved_cb (gpointer data)
{
  EfReservationsPage *page = data;

  return !ef_reservations_page_get_saving (page) &&
         ef_pending_changes_get_n_added (ef_reservations_page_get_pending (page)) == 0;
}

static gboolean
child_is_lea_cb (gpointer data)
{
  return ef_reservations_page_get_child (data) == lea_id;
}

static gboolean
has_selection_cb (gpointer data)
{
  return ef_invoice_selection_get_n_selected (ef_invoices_page_get_selection (data)) > 0;
}

static gboolean
waiting_cb (gpointer data)
{
  return g_strcmp0 (ef_invoices_page_get_state (data), "waiting") == 0;
}

static void
test_keyboard (void)
{
  g_autoptr (EfApplication) app = NULL;
  g_autofree char *url = NULL;
  EfReservationsPage *reservations;
  EfReservationCalendar *calendar;
  EfInvoicesPage *invoices;
  GtkWidget *sidebar, *row, *check = NULL;
  GtkStack *content;
  EfWindow *window;
  EfDay target = ef_day_new (2027, 1, 25), first, last;
  gint64 focus_day;

  if (skip_without_french ())
    return;

  app = new_application ();
  url = ef_test_server_portal_url (demo.server, "7249");
  g_settings_set_string (ef_application_get_settings (app), "portal-url", url);
  window = ef_window_new (app);
  gtk_window_set_title (GTK_WINDOW (window), keyboard_title);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 860);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, window));
  ui_test_assert_state_soon (window, "welcome");

  /* Sign in: the e-mail, Tab, the password, Enter. */
  key_to (GTK_WIDGET (window), ui_test_form_child (window, "email_row"), "Tab", "sign-in");
  send_text (demo.email);
  key_to (GTK_WIDGET (window), ui_test_form_child (window, "password_row"), "Tab", "sign-in");
  send_text (demo.password);
  ui_test_maybe_screenshot (GTK_WIDGET (window), "keyboard-sign-in");
  send_keys ((const char * const []) { "Return", NULL });
  ui_test_assert_state_soon (window, "main");

  /* Mes réservations, from the sidebar: Tab into it, Down to the page, Enter. */
  sidebar = ui_test_window_child (window, "sidebar_list");
  content = ui_test_window_child (window, "content_stack");
  row = find_by (sidebar, GTK_TYPE_LIST_BOX_ROW, "reservations");
  g_assert_nonnull (row);
  key_to (GTK_WIDGET (window), sidebar, "Tab", "sidebar");
  key_to (GTK_WIDGET (window), row, sidebar_direction (GTK_WIDGET (window), row), "sidebar");
  send_keys ((const char * const []) { "Return", NULL });
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "reservations");
  reservations = EF_RESERVATIONS_PAGE (ef_window_get_page (window, "reservations"));
  g_assert_true (ui_test_wait_until (reservations_ready_cb, reservations));
  ui_test_maybe_screenshot (GTK_WIDGET (window), "keyboard-reservations");

  /* Léa: Tab to her name, Space. */
  row = find_by (GTK_WIDGET (reservations), GTK_TYPE_TOGGLE_BUTTON, "Léa");
  g_assert_nonnull (row);
  key_to (GTK_WIDGET (window), row, "Tab", "child");
  send_keys ((const char * const []) { "space", NULL });
  g_assert_true (ui_test_wait_until (child_is_lea_cb, reservations));
  g_assert_true (ui_test_wait_until (reservations_ready_cb, reservations));

  /* The meals: Tab to the activity, Space. */
  calendar = ef_reservations_page_get_calendar (reservations);
  row = find_button_showing (GTK_WIDGET (calendar), "Restauration scolaire");
  g_assert_nonnull (row);
  key_to (GTK_WIDGET (window), row, "Tab", "activity");
  send_keys ((const char * const []) { "space", NULL });
  g_assert_cmpstr (ef_reservation_calendar_get_activity (calendar), ==, MEAL);

  /* The calendar: Tab into it, arrows to Monday 25 January, Shift+Right to
   * the Friday, Enter reserves the week. */
  key_to (GTK_WIDGET (window), GTK_WIDGET (calendar), "Tab", "calendar");
  while (!EF_IS_DAY_CELL (gtk_root_get_focus (GTK_ROOT (window))))
    send_keys ((const char * const []) { "Tab", NULL });
  focus_day = ef_reservation_calendar_get_focus_day (calendar);
  g_test_message ("the focus enters the calendar on day %" G_GINT64_FORMAT, focus_day);
  while ((gint64) target - focus_day >= 7)
    {
      send_keys ((const char * const []) { "Down", NULL });
      focus_day = ef_reservation_calendar_get_focus_day (calendar);
    }
  while ((gint64) target != focus_day)
    {
      send_keys ((const char * const []) { (gint64) target > focus_day ? "Right" : "Left", NULL });
      focus_day = ef_reservation_calendar_get_focus_day (calendar);
    }
  send_keys ((const char * const []) { "shift+Right", "shift+Right", "shift+Right", "shift+Right", NULL });
  g_assert_true (ef_reservation_calendar_get_selection (calendar, &first, &last));
  g_assert_cmpuint (first, ==, target);
  g_assert_cmpuint (last, ==, ef_day_new (2027, 1, 29));
  ui_test_maybe_screenshot (GTK_WIDGET (window), "keyboard-week-selected");
  send_keys ((const char * const []) { "Return", NULL });
  g_assert_cmpint (ef_reservation_calendar_get_pending (calendar, MEAL, target), ==, EF_PENDING_ADD);
  g_assert_cmpint (ef_reservation_calendar_get_pending (calendar, MEAL, ef_day_new (2027, 1, 29)), ==, EF_PENDING_ADD);
  /* The pending count, a status, says it. */
  g_test_message ("pending: %s", ef_reservations_page_get_summary (reservations));
  send_keys ((const char * const []) { "ctrl+s", NULL });
  g_assert_true (ui_test_wait_until (reserved_cb, calendar));
  g_assert_true (ui_test_wait_until (saved_cb, reservations));
  ui_test_maybe_screenshot (GTK_WIDGET (window), "keyboard-saved");

  /* Mes factures: on to the sidebar (Tab), Down, Enter. */
  row = find_by (sidebar, GTK_TYPE_LIST_BOX_ROW, "invoices");
  g_assert_nonnull (row);
  key_to (GTK_WIDGET (window), sidebar, "Tab", "sidebar");
  key_to (GTK_WIDGET (window), row, sidebar_direction (GTK_WIDGET (window), row), "sidebar");
  send_keys ((const char * const []) { "Return", NULL });
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "invoices");
  invoices = EF_INVOICES_PAGE (ef_window_get_page (window, "invoices"));
  g_assert_true (ui_test_wait_until (invoices_shown_cb, invoices));

  /* Tick the first invoice that can be paid online: Tab, Space. */
  for (GtkWidget *w = find_by (GTK_WIDGET (invoices), GTK_TYPE_CHECK_BUTTON, NULL); w != NULL && check == NULL;
       w = NULL)
    check = w;
  g_assert_nonnull (check);
  key_to (GTK_WIDGET (window), check, "Tab", "invoice");
  send_keys ((const char * const []) { "space", NULL });
  g_assert_true (ui_test_wait_until (has_selection_cb, invoices));
  ui_test_maybe_screenshot (GTK_WIDGET (window), "keyboard-invoice-ticked");

  /* Pay: Tab to the button, Enter; the provider's page opens. */
  key_to (GTK_WIDGET (window), ef_invoices_page_get_pay_button (invoices), "Tab", "pay");
  ui_test_maybe_screenshot (GTK_WIDGET (window), "keyboard-pay");
  send_keys ((const char * const []) { "Return", NULL });
  g_assert_true (ui_test_wait_until (waiting_cb, invoices));
  g_assert_true (ui_test_wait_until (browser_opened_cb, NULL));
  ui_test_maybe_screenshot (GTK_WIDGET (window), "keyboard-waiting");
  /* Cancelled at the provider, so that the next tests find the invoices
   * as they were. */
  {
    g_autofree char *text = NULL;
    g_autofree char *answer = NULL;

    g_assert_true (g_file_get_contents (browser_log, &text, NULL, NULL));
    answer = ef_test_api_play_provider_page (demo.session, g_strstrip (text), "annuler", NULL,
                                             NULL);
    g_assert_true (ui_test_wait_until (invoices_shown_cb, invoices));
  }
  gtk_window_destroy (GTK_WINDOW (window));

  /* The keys of the calendar are in the shortcuts window (Ctrl+?). */
  {
    static const char * const keys[] = { "Left", "<Shift>Right", "space", "Return", "Escape", "<Control>s",
                                         "<Control>z", NULL };
    g_autoptr (GtkBuilder) builder =
      gtk_builder_new_from_resource ("/io/github/espacefamille/EspaceFamille/ef-shortcuts-window.ui");
    g_autoptr (GString) accelerators = g_string_new (" ");
    GSList *objects = gtk_builder_get_objects (builder);

    for (GSList *l = objects; l != NULL; l = l->next)
      if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        {
          g_autofree char *accelerator = NULL;

          g_object_get (l->data, "accelerator", &accelerator, NULL);
          if (accelerator != NULL)
            g_string_append_printf (accelerators, "%s ", accelerator);
        }
    g_slist_free (objects);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autofree char *key = g_strdup_printf (" %s ", keys[i]);

        if (strstr (accelerators->str, key) == NULL)
          g_error ("%s is not in the shortcuts window (%s)", keys[i], accelerators->str);
      }
    gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  }
}


/* The close button of the toast shown in @widget. */
static GtkWidget *
find_toast_button (GtkWidget *widget)
{
  GtkWidget *found = NULL;

  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_widget_get_css_name (gtk_widget_get_parent (widget)), "toast") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    found = find_toast_button (child);
  return found;
}

/* RGAA 12.9, no keyboard trap: a toast (libadwaita 1.2) of Mes
 * réservations takes the focus, and Shift+Tab leads out of it, back into
 * the page (it stayed on the toast's close button: the calendar's legend,
 * a GtkFlowBox with nothing focusable, said it took the focus). Real keys
 * through XTEST, as in /a11y/keyboard/book-and-pay. */
static void
test_toast (void)
{
  GtkWidget *page, *window, *overlay, *button, *focus = NULL;
  int n;

  if (skip_without_french ())
    return;

  page = ef_reservations_page_new (client);
  window = show_page (page, keyboard_title, 1100);
  g_assert_true (ui_test_wait_until (reservations_ready_cb, page));
  overlay = find_widget (page, ADW_TYPE_TOAST_OVERLAY);
  g_assert_nonnull (overlay);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new ("Vos réservations sont enregistrées"));
  settle ();
  button = find_toast_button (overlay);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));

  /* Shift+Tab: out of the toast, into the page; on, it goes round the
   * page and comes back to the toast. */
  send_keys ((const char * const []) { "shift+Tab", NULL });
  focus = gtk_root_get_focus (GTK_ROOT (window));
  if (focus == button || focus == NULL || !gtk_widget_is_ancestor (focus, page))
    g_error ("Shift+Tab left the focus on %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  {
    g_autofree char *where = describe (focus);

    g_test_message ("toast: Shift+Tab → %s", where);
  }
  for (n = 1; n < 200 && gtk_root_get_focus (GTK_ROOT (window)) != button; n++)
    send_keys ((const char * const []) { "shift+Tab", NULL });
  g_test_message ("toast: back to the toast after %d × Shift+Tab", n);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == button);
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (window)));

  /* Tab leaves it too. */
  send_keys ((const char * const []) { "Tab", NULL });
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) != button);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------ zoom */

/* Text at twice its size (GNOME's "large text" goes to 1.25; 2.0 is RGAA's
 * 200 %), in a window 360 pixels wide, as on a phone: the page must fit
 * the width (the window cannot be made wider than asked by its content's
 * minimum) and no label may be cut short. */

/* The class of ours whose code or template made @widget: the nearest
 * ancestor whose type name begins with "Ef". */
static GtkWidget *
owner_of (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Ef"))
      return w;
  return widget;
}

/* Whether a GtkInscription cuts its text: laid out as it lays it out (its
 * font, its width, its wrapping, no more than its height), the text has
 * to be ellipsized, because it needs more lines than the inscription has
 * room for, or because a line is wider than the inscription. GTK 4.8
 * gives no access to the inscription's own layout. */
static gboolean
inscription_is_cut (GtkInscription *inscription)
{
  GtkWidget *widget = GTK_WIDGET (inscription);
  const char *text = gtk_inscription_get_text (inscription);
  g_autoptr (PangoLayout) layout = NULL;

  if (text == NULL || *text == '\0' || gtk_widget_get_width (widget) <= 0)
    return FALSE;
  layout = gtk_widget_create_pango_layout (widget, text);
  pango_layout_set_attributes (layout, gtk_inscription_get_attributes (inscription));
  pango_layout_set_width (layout, gtk_widget_get_width (widget) * PANGO_SCALE);
  pango_layout_set_height (layout, gtk_widget_get_height (widget) * PANGO_SCALE);
  pango_layout_set_wrap (layout, gtk_inscription_get_wrap_mode (inscription));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return pango_layout_is_ellipsized (layout);
}

static void
collect_cut_labels (GtkWidget *widget,
                    GPtrArray *cut)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_ptr_array_add (cut, g_strdup_printf ("“%s” (%s)", gtk_label_get_text (GTK_LABEL (widget)),
                                           G_OBJECT_TYPE_NAME (owner_of (widget))));
  if (GTK_IS_INSCRIPTION (widget) && inscription_is_cut (GTK_INSCRIPTION (widget)))
    g_ptr_array_add (cut, g_strdup_printf ("“%s” (%s, %d×%d px)", gtk_inscription_get_text (GTK_INSCRIPTION (widget)),
                                           G_OBJECT_TYPE_NAME (owner_of (widget)), gtk_widget_get_width (widget),
                                           gtk_widget_get_height (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut_labels (child, cut);
}

/* A row of a list (a list view's or a list box's) must fit whole in the
 * height of the scroll area it scrolls in: a taller one cannot be seen
 * whole, and its end can only be reached by scrolling past its start. */
static void
collect_tall_rows (GtkWidget *widget,
                   GPtrArray *tall)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LIST_VIEW (widget) || GTK_IS_LIST_BOX (widget))
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

      for (GtkWidget *row = gtk_widget_get_first_child (widget); row != NULL && scroller != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > gtk_widget_get_height (scroller))
          {
            g_autofree char *where = describe (row);

            g_ptr_array_add (tall, g_strdup_printf ("%s is %d px high, more than the %d px of its scroll area",
                                                    where, gtk_widget_get_height (row),
                                                    gtk_widget_get_height (scroller)));
          }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_tall_rows (child, tall);
}

/* The innermost widgets whose minimum width is more than @width: what
 * makes a page too wide, for the test's messages. */
static gboolean
report_too_wide (GtkWidget *widget,
                 int        width)
{
  gboolean inner = FALSE;
  int minimum = 0;

  if (!gtk_widget_get_visible (widget))
    return FALSE;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum <= width)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    inner |= report_too_wide (child, width);
  if (!inner)
    {
      g_autofree char *where = describe (widget);

      g_test_message ("%s needs %d px", where, minimum);
    }
  return TRUE;
}

/* Where the height goes when a page needs more than @height: down the
 * widgets that alone need more, then the minimum heights of the children
 * of the last one, for the test's messages. */
static void
report_too_high (GtkWidget *widget,
                 int        height)
{
  int minimum = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (child), &minimum, NULL, NULL, NULL);
      if (minimum > height)
        {
          report_too_high (child, height);
          return;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      {
        g_autofree char *where = describe (child);

        gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (child), &minimum, NULL, NULL, NULL);
        g_test_message ("  %s needs %d px of height", where, minimum);
      }
}

/* The window is asked 360×800 (show_page()): besides the width, its
 * minimum height for 360 px of width must not be more than 800 px, what
 * is left scrolling (GtkScrolledWindow) rather than growing the window
 * beyond the screen. */
static void
check_zoomed (GtkWidget  *window,
              const char *what,
              GPtrArray  *problems)
{
  g_autoptr (GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);
  int frames = 10;
  int min_height = 0;
  g_autofree char *name = g_strdup_printf ("zoom-%s", what);

  ui_test_wait_until (ui_test_settle_cb, &frames);
  g_test_message ("%s: the window is %d px wide", what, gtk_widget_get_width (window));
  if (gtk_widget_get_width (window) > 360)
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: needs %d px, more than 360", what, gtk_widget_get_width (window)));
      report_too_wide (window, 360);
    }
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, 360, &min_height, NULL, NULL, NULL);
  g_test_message ("%s: the window needs %d px of height at 360 px of width (it is %d px high)", what, min_height,
                  gtk_widget_get_height (window));
  if (min_height > 800 || gtk_widget_get_height (window) > 800)
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: needs %d px of height, more than 800 (the window is %d px high)",
                                                  what, min_height, gtk_widget_get_height (window)));
      report_too_high (window, 800);
    }
  collect_cut_labels (window, cut);
  for (guint i = 0; i < cut->len; i++)
    g_ptr_array_add (problems, g_strdup_printf ("%s: %s is cut short", what, (char *) cut->pdata[i]));
  g_ptr_array_set_size (cut, 0);
  collect_tall_rows (window, cut);
  for (guint i = 0; i < cut->len; i++)
    g_ptr_array_add (problems, g_strdup_printf ("%s: %s", what, (char *) cut->pdata[i]));
  ui_test_maybe_screenshot (window, name);
}

static void
test_zoom (void)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  GtkSettings *settings = gtk_settings_get_default ();
  EfReservationCalendar *calendar;
  GtkWidget *page, *window, *scrolled;
  int dpi;

  if (skip_without_french ())
    return;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 2 * 96 * 1024, NULL);

  page = ef_reservations_page_new (client);
  window = show_page (page, "A11y — zoom, réservations", 360);
  g_assert_true (ui_test_wait_until (reservations_ready_cb, page));
  calendar = ef_reservations_page_get_calendar (EF_RESERVATIONS_PAGE (page));
  ef_reservation_calendar_set_mode (calendar, EF_RESERVATION_CALENDAR_MODE_MONTH);
  ef_reservation_calendar_set_month (calendar, ef_day_new (2027, 1, 1));
  check_zoomed (window, "reservations-month", problems);
  ef_reservation_calendar_set_mode (calendar, EF_RESERVATION_CALENDAR_MODE_YEAR);
  check_zoomed (window, "reservations-year", problems);
  /* The year does not fit: it scrolls. */
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, ef_day_new (2027, 1, 13))),
                                      GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    g_test_message ("the year is %g px high in %g", gtk_adjustment_get_upper (adjustment),
                    gtk_adjustment_get_page_size (adjustment));
    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  }
  gtk_window_destroy (GTK_WINDOW (window));

  page = ef_invoices_page_new (client);
  window = show_page (page, "A11y — zoom, factures", 360);
  g_assert_true (ui_test_wait_until (invoices_shown_cb, page));
  check_zoomed (window, "invoices", problems);
  /* The situation and the list scroll as one page above the pay bar, in
   * one scroll area (no list scrolling inside the page): scrolled to its
   * end, the page shows the last invoice whole, and the pay bar is still
   * in the window. */
  {
    GtkWidget *list = GTK_WIDGET (ef_invoices_page_get_list (EF_INVOICES_PAGE (page), "to-pay"));
    GtkWidget *page_scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *pay = GTK_WIDGET (ef_invoices_page_get_pay_button (EF_INVOICES_PAGE (page)));
    GtkAdjustment *adjustment;
    graphene_rect_t bounds, last = GRAPHENE_RECT_INIT (0, -1, 0, 0);
    int frames = 10;

    g_assert_nonnull (page_scroller);
    if (gtk_widget_get_ancestor (gtk_widget_get_parent (page_scroller), GTK_TYPE_SCROLLED_WINDOW) != NULL)
      g_ptr_array_add (problems, g_strdup ("invoices: the list scrolls inside another scroll area"));
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page_scroller));
    g_test_message ("invoices: the page is %g px high in %g", gtk_adjustment_get_upper (adjustment),
                    gtk_adjustment_get_page_size (adjustment));
    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
    /* To the end, again while rows coming into view change the page's
     * height, as a person scrolls on until it stops. */
    for (int tries = 0; tries < 5; tries++)
      {
        double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

        if (tries > 0 && gtk_adjustment_get_value (adjustment) >= end)
          break;
        g_test_message ("invoices: scrolled to %g", end);
        gtk_adjustment_set_value (adjustment, end);
        frames = 10;
        ui_test_wait_until (ui_test_settle_cb, &frames);
      }
    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
      if (gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, page_scroller, &bounds)
          && bounds.origin.y > last.origin.y)
        last = bounds;
    g_test_message ("invoices: scrolled down, the last row is from %g to %g in %d", last.origin.y,
                    last.origin.y + last.size.height, gtk_widget_get_height (page_scroller));
    g_assert_cmpfloat (last.size.height, >, 0);
    if (last.origin.y < 0 || last.origin.y + last.size.height > gtk_widget_get_height (page_scroller) + 1)
      g_ptr_array_add (problems, g_strdup_printf ("invoices: scrolled down, the last row is from %g to %g, "
                                                  "in a scroll area %d px high", last.origin.y,
                                                  last.origin.y + last.size.height,
                                                  gtk_widget_get_height (page_scroller)));
    g_assert_true (gtk_widget_compute_bounds (pay, window, &bounds));
    if (!gtk_widget_get_mapped (pay) || bounds.origin.y < 0
        || bounds.origin.y + bounds.size.height > gtk_widget_get_height (window))
      g_ptr_array_add (problems, g_strdup_printf ("invoices: scrolled down, the pay button is from %g to %g, "
                                                  "out of the window", bounds.origin.y,
                                                  bounds.origin.y + bounds.size.height));
    ui_test_maybe_screenshot (window, "zoom-invoices-scrolled");
  }
  gtk_window_destroy (GTK_WINDOW (window));

  page = ef_dashboard_page_new (client);
  window = show_page (page, "A11y — zoom, tableau de bord", 360);
  g_assert_true (ui_test_wait_until (cards_settled_cb, page));
  check_zoomed (window, "dashboard", problems);
  gtk_window_destroy (GTK_WINDOW (window));

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);

  /* Every page fits: the rows of controls wrap (ef-wrap-box.c), the
   * month grid gives up its insets and shows weekday initials, the page
   * of Mes réservations scrolls above its save bar, that of Mes factures
   * above its pay bar. Any problem fails. */
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("FAIL: %s", (char *) problems->pdata[i]);
  if (problems->len > 0)
    g_test_fail_printf ("%u problems at text scale 2 and 360 px, first: %s", problems->len,
                        (char *) problems->pdata[0]);
}

/* ------------------------------------------------------------ colours */

/* What the screen shows: the window drawn by GTK's own renderer, as
 * ui_test_maybe_screenshot() does, then read pixel by pixel. */
typedef struct {
  GtkWidget *window;
  int        width;
  int        height;
  gsize      stride;
  guchar    *data;   /* CAIRO_FORMAT_ARGB32: B, G, R, A in memory */
} Shot;

static const char *
scheme_name (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (adw_style_manager_get_high_contrast (manager))
    return adw_style_manager_get_dark (manager) ? "high-contrast-dark" : "high-contrast";
  return adw_style_manager_get_dark (manager) ? "dark" : "light";
}

static void
on_after_paint_cb (gboolean *painted)
{
  *painted = TRUE;
}

static gboolean
painted_cb (gpointer data)
{
  return *(gboolean *) data;
}

static Shot *
shoot (GtkWidget  *window,
       const char *name)
{
  Shot *shot = g_new0 (Shot, 1);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  const char *dir = g_getenv ("EF_SCREENSHOT_DIR");
  int frames = 10;

  ui_test_wait_until (ui_test_settle_cb, &frames);
  /* A frame drawn after the last change: the paintable shows the last one. */
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
    gboolean painted = FALSE;
    gulong id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);

    gtk_widget_queue_draw (window);
    g_assert_true (ui_test_wait_until_every (10, painted_cb, &painted));
    g_signal_handler_disconnect (clock, id);
  }
  shot->window = window;
  shot->width = gtk_widget_get_width (window);
  shot->height = gtk_widget_get_height (window);
  g_test_message ("%s: %d×%d", name, shot->width, shot->height);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, shot->width, shot->height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, shot->width, shot->height));
  shot->stride = (gsize) shot->width * 4;
  shot->data = g_malloc ((gsize) shot->height * shot->stride);
  gdk_texture_download (texture, shot->data, shot->stride);
  if (dir != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/a11y-%s-%s.png", dir, name, scheme_name ());

      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  return shot;
}

static void
shot_free (Shot *shot)
{
  g_free (shot->data);
  g_free (shot);
}

static guint32
pixel (Shot *shot,
       int   x,
       int   y)
{
  const guchar *p = shot->data + (gsize) y * shot->stride + (gsize) x * 4;

  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

/* WCAG 2.1 relative luminance of an sRGB colour 0xRRGGBB. */
static double
luminance (guint32 rgb)
{
  double c[3];

  for (int i = 0; i < 3; i++)
    {
      double v = ((rgb >> (16 - 8 * i)) & 0xff) / 255.0;

      c[i] = v <= 0.03928 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
    }
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double
contrast (guint32 a,
          guint32 b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static graphene_rect_t
bounds_of (Shot      *shot,
           GtkWidget *widget)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_compute_bounds (widget, shot->window, &rect));
  return rect;
}

/* A day's number, off the rounded corners of its cell or circle. */
static graphene_rect_t
number_bounds (Shot      *shot,
               GtkWidget *number)
{
  graphene_rect_t rect = bounds_of (shot, number);

  return GRAPHENE_RECT_INIT (rect.origin.x + 2, rect.origin.y + 2, rect.size.width - 4, rect.size.height - 4);
}

/* The colour that covers most of @rect: the background there. */
static guint32
background_of (Shot                  *shot,
               const graphene_rect_t *rect)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 best = 0;
  guint best_count = 0;

  for (int y = MAX (0, (int) rect->origin.y); y < MIN (shot->height, (int) (rect->origin.y + rect->size.height)); y++)
    for (int x = MAX (0, (int) rect->origin.x); x < MIN (shot->width, (int) (rect->origin.x + rect->size.width)); x++)
      {
        guint32 p = pixel (shot, x, y);
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (p + 1))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (p + 1), GUINT_TO_POINTER (count));
        if (count > best_count)
          {
            best = p;
            best_count = count;
          }
      }
  return best;
}

/* The colour of what is drawn on @background in @rect (text, a symbol):
 * its most contrasted pixel, where the glyph or the stroke covers the
 * pixel whole. */
static guint32
foreground_of (Shot                  *shot,
               const graphene_rect_t *rect,
               guint32                background)
{
  guint32 best = background;

  for (int y = MAX (0, (int) rect->origin.y); y < MIN (shot->height, (int) (rect->origin.y + rect->size.height)); y++)
    for (int x = MAX (0, (int) rect->origin.x); x < MIN (shot->width, (int) (rect->origin.x + rect->size.width)); x++)
      if (contrast (pixel (shot, x, y), background) > contrast (best, background))
        best = pixel (shot, x, y);
  return best;
}

typedef struct {
  GPtrArray *failures;
  guint      n_checked;
} Contrast;

static void
check_ratio (Contrast   *check,
             const char *what,
             guint32     foreground,
             guint32     background,
             double      minimum)
{
  double ratio = contrast (foreground, background);

  check->n_checked++;
  g_test_message ("%s: #%06x on #%06x, %.2f:1 (at least %.1f:1)", what, foreground, background, ratio, minimum);
  if (ratio < minimum)
    g_ptr_array_add (check->failures,
                     g_strdup_printf ("%s: #%06x on #%06x is %.2f:1, under %.1f:1", what, foreground, background,
                                      ratio, minimum));
}

static void
check_finish (Contrast *check)
{
  g_test_message ("%u colour pairs checked in %s, %u under their minimum", check->n_checked, scheme_name (),
                  check->failures->len);
  for (guint i = 0; i < check->failures->len; i++)
    g_test_message ("FAIL: %s", (char *) check->failures->pdata[i]);
  if (check->failures->len > 0)
    g_test_fail_printf ("%u colour pairs under their minimum in %s, first: %s", check->failures->len,
                        scheme_name (), (char *) check->failures->pdata[0]);
  g_ptr_array_unref (check->failures);
}

/* The colour scheme that meson asked for is the one drawn. */
static void
assert_scheme (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_assert_cmpint (adw_style_manager_get_dark (manager), ==,
                   g_strcmp0 (g_getenv ("ADW_DEBUG_COLOR_SCHEME"), "prefer-dark") == 0);
  g_assert_cmpint (adw_style_manager_get_high_contrast (manager), ==,
                   g_strcmp0 (g_getenv ("ADW_DEBUG_HIGH_CONTRAST"), "1") == 0);
}

/* The calendar: January 2027, "today" the 13th, one day of each state. */

typedef struct {
  const char         *name;
  int                 day;
  EfCalendarDayState  state;
  gboolean            reserved;
  EfPending           pending;
  const char         *refused;
} StateDay;

static const StateDay state_days[] = {
  { "free", 11, EF_CALENDAR_DAY_FREE, FALSE, EF_PENDING_NONE, NULL },
  { "reserved", 12, EF_CALENDAR_DAY_RESERVED, FALSE, EF_PENDING_NONE, NULL },
  { "today", 13, EF_CALENDAR_DAY_FREE, FALSE, EF_PENDING_NONE, NULL },
  { "to be reserved", 14, EF_CALENDAR_DAY_FREE, FALSE, EF_PENDING_ADD, NULL },
  { "to be cancelled", 15, EF_CALENDAR_DAY_RESERVED, FALSE, EF_PENDING_REMOVE, NULL },
  { "refused", 18, EF_CALENDAR_DAY_FREE, FALSE, EF_PENDING_ADD, "Complet" },
  { "locked, reserved", 4, EF_CALENDAR_DAY_LOCKED, TRUE, EF_PENDING_NONE, NULL },
  { "locked", 5, EF_CALENDAR_DAY_LOCKED, FALSE, EF_PENDING_NONE, NULL },
  { "closed", 20, EF_CALENDAR_DAY_CLOSED, FALSE, EF_PENDING_NONE, NULL },
  { "public holiday", 1, EF_CALENDAR_DAY_CLOSED, FALSE, EF_PENDING_NONE, NULL },
  { "weekend", 9, EF_CALENDAR_DAY_CLOSED, FALSE, EF_PENDING_NONE, NULL },
};

static EfReservationCalendar *
state_calendar (GtkWidget **window_out)
{
  static const char * const ids[] = { MEAL, NULL };
  static const char * const names[] = { "Repas", NULL };
  g_autoptr (GTimeZone) tz = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);
  g_autoptr (GPtrArray) deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  EfCalendarDayInfo infos[31] = { { 0 } };
  EfReservationCalendar *calendar = EF_RESERVATION_CALENDAR (ef_reservation_calendar_new ());
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  ef_reservation_calendar_set_range (calendar, ef_day_new (2026, 9, 1), ef_day_new (2027, 7, 3));
  ef_reservation_calendar_set_today (calendar, ef_day_new (2027, 1, 13));
  ef_reservation_calendar_set_activities (calendar, ids, names);
  for (int d = 1; d <= 31; d++)
    {
      EfCalendarDayInfo *info = &infos[d - 1];
      int weekday;

      info->day = ef_day_new (2027, 1, d);
      weekday = ef_day_get_weekday (info->day);
      info->state = EF_CALENDAR_DAY_FREE;
      if (weekday >= 6)
        {
          info->state = EF_CALENDAR_DAY_CLOSED;
          info->reason = EF_CLOSED_REASON_WEEKEND;
        }
      for (guint i = 0; i < G_N_ELEMENTS (state_days); i++)
        if (state_days[i].day == d)
          {
            info->state = state_days[i].state;
            info->reserved = state_days[i].reserved;
          }
      if (d == 1)
        {
          info->reason = EF_CLOSED_REASON_PUBLIC_HOLIDAY;
          info->label = "Jour de l’an";
        }
      else if (d == 20)
        info->reason = EF_CLOSED_REASON_NOT_RUNNING;
      if (info->state != EF_CALENDAR_DAY_CLOSED)
        {
          info->deadline = g_date_time_new (tz, 2027, 1, MAX (1, d - 2), 9, 0, 0);
          g_ptr_array_add (deadlines, info->deadline);
        }
    }
  ef_reservation_calendar_set_days (calendar, MEAL, infos, G_N_ELEMENTS (infos));
  for (guint i = 0; i < G_N_ELEMENTS (state_days); i++)
    {
      if (state_days[i].pending != EF_PENDING_NONE)
        ef_reservation_calendar_set_pending (calendar, MEAL, ef_day_new (2027, 1, state_days[i].day),
                                             state_days[i].pending);
      if (state_days[i].refused != NULL)
        ef_reservation_calendar_set_refused (calendar, MEAL, ef_day_new (2027, 1, state_days[i].day),
                                             state_days[i].refused);
    }
  ef_reservation_calendar_set_month (calendar, ef_day_new (2027, 1, 1));

  gtk_window_set_title (GTK_WINDOW (window), "A11y — couleurs du calendrier");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 760);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (calendar));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, calendar));
  *window_out = window;
  return calendar;
}

static GtkWidget *
cell_part (GtkWidget  *cell,
           const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (cell); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, css_class) && gtk_widget_get_visible (child))
      return child;
  return NULL;
}

/* What tells a state apart without its colour: the symbol, the lock (or
 * warning), a struck-through number, and whether the day has a card. */
static char *
state_signature (GtkWidget *cell)
{
  GtkWidget *symbol = cell_part (cell, "symbol");
  GtkWidget *lock = cell_part (cell, "lock");
  GtkWidget *number = cell_part (cell, "number");
  return g_strdup_printf ("%s/%s/%s/%s",
                          symbol != NULL ? gtk_image_get_icon_name (GTK_IMAGE (symbol)) : "-",
                          lock != NULL ? gtk_image_get_icon_name (GTK_IMAGE (lock)) : "-",
                          number != NULL && gtk_widget_has_css_class (cell, "to-cancel") ? "struck" : "-",
                          gtk_widget_has_css_class (cell, "closed") ? "no card" : "card");
}

static void
test_contrast_calendar (void)
{
  g_autoptr (GHashTable) signatures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Contrast check = { g_ptr_array_new_with_free_func (g_free), 0 };
  EfReservationCalendar *calendar;
  GtkWidget *window;
  Shot *shot;

  if (skip_without_french ())
    return;
  assert_scheme ();

  calendar = state_calendar (&window);
  shot = shoot (window, "calendar-month");
  for (guint i = 0; i < G_N_ELEMENTS (state_days); i++)
    {
      GtkWidget *cell = GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, ef_day_new (2027, 1, state_days[i].day)));
      GtkWidget *number = cell_part (cell, "number");
      graphene_rect_t rect = number_bounds (shot, number);
      guint32 background = background_of (shot, &rect);
      g_autofree char *what = g_strdup_printf ("month, %s, the day’s number", state_days[i].name);
      g_autofree char *signature = state_signature (cell);
      const char *twin;

      /* Closed days are inactive: no minimum for their number (WCAG 1.4.3
       * exception), which stays readable all the same. */
      check_ratio (&check, what, foreground_of (shot, &rect, background), background,
                   gtk_widget_has_css_class (cell, "closed") ? 3.0 : 4.5);

      /* The state's symbols, against the day's own background. */
      for (guint k = 0; k < 2; k++)
        {
          GtkWidget *part = cell_part (cell, k == 0 ? "symbol" : "lock");
          graphene_rect_t cell_rect = bounds_of (shot, cell);
          guint32 cell_background = background_of (shot, &cell_rect);
          g_autofree char *part_what = g_strdup_printf ("month, %s, the %s", state_days[i].name,
                                                        k == 0 ? "state symbol" : "lock");

          if (part == NULL)
            continue;
          rect = bounds_of (shot, part);
          check_ratio (&check, part_what, foreground_of (shot, &rect, cell_background), cell_background, 3.0);
        }

      /* Each open state has its own symbols: a person who does not see
       * the colours tells them apart. */
      g_test_message ("%s: %s", state_days[i].name, signature);
      if (gtk_widget_has_css_class (cell, "closed") || g_str_equal (state_days[i].name, "today"))
        continue;
      twin = g_hash_table_lookup (signatures, signature);
      if (twin != NULL)
        g_ptr_array_add (check.failures, g_strdup_printf ("“%s” and “%s” look the same without colours (%s)",
                                                          twin, state_days[i].name, signature));
      else
        g_hash_table_insert (signatures, g_strdup (signature), (gpointer) state_days[i].name);
    }
  shot_free (shot);

  /* The year: the numbers of open days, and the fill of reserved days
   * against the page (a shape: 3:1). */
  ef_reservation_calendar_set_mode (calendar, EF_RESERVATION_CALENDAR_MODE_YEAR);
  ef_reservation_calendar_set_focus_day (calendar, ef_day_new (2027, 1, 13));
  shot = shoot (window, "calendar-year");
  for (guint i = 0; i < G_N_ELEMENTS (state_days); i++)
    {
      GtkWidget *cell = GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, ef_day_new (2027, 1, state_days[i].day)));
      GtkWidget *number = cell_part (cell, "number");
      graphene_rect_t rect, around;
      guint32 background;
      g_autofree char *what = g_strdup_printf ("year, %s, the day’s number", state_days[i].name);

      if (cell == NULL || !gtk_widget_get_mapped (cell) || gtk_widget_has_css_class (cell, "closed"))
        continue;
      rect = number_bounds (shot, number);
      background = background_of (shot, &rect);
      check_ratio (&check, what, foreground_of (shot, &rect, background), background, 4.5);
      if (gtk_widget_has_css_class (cell, "reserved") && !gtk_widget_has_css_class (cell, "locked"))
        {
          g_autofree char *fill = g_strdup_printf ("year, %s, the day’s fill against the page", state_days[i].name);

          /* The fill covers most of the cell, around the number. */
          graphene_rect_t inside = bounds_of (shot, cell);

          around = bounds_of (shot, gtk_widget_get_parent (cell));
          check_ratio (&check, fill, background_of (shot, &inside), background_of (shot, &around), 3.0);
        }
    }
  shot_free (shot);

  check_finish (&check);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The invoices: each state says itself in words (the status), in colours
 * that reach 4.5:1 on their pill. */
static void
collect_status_labels (GtkWidget *widget,
                       GPtrArray *labels)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "invoice-status"))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_status_labels (child, labels);
}

static void
check_invoice_statuses (Contrast   *check,
                        GtkWidget  *window,
                        const char *view)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  Shot *shot;

  collect_status_labels (window, labels);
  g_assert_cmpuint (labels->len, >, 0);
  shot = shoot (window, view);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = labels->pdata[i];
      graphene_rect_t rect = bounds_of (shot, label);
      guint32 background = background_of (shot, &rect);
      const char *text = gtk_label_get_text (GTK_LABEL (label));
      const char *kind = gtk_widget_has_css_class (label, "error") ? "error"
                         : gtk_widget_has_css_class (label, "success") ? "success"
                         : gtk_widget_has_css_class (label, "accent") ? "accent" : "plain";
      g_autofree char *what = g_strdup_printf ("%s, status “%s” (%s)", view, text, kind);

      g_assert_cmpstr (text, !=, "");
      check_ratio (check, what, foreground_of (shot, &rect, background), background, 4.5);
    }
  shot_free (shot);
}

static void
test_contrast_invoices (void)
{
  Contrast check = { g_ptr_array_new_with_free_func (g_free), 0 };
  GtkWidget *page, *window;

  if (skip_without_french ())
    return;
  assert_scheme ();

  page = ef_invoices_page_new (client);
  window = show_page (page, "A11y — couleurs des factures", 1000);
  g_assert_true (ui_test_wait_until (invoices_shown_cb, page));
  check_invoice_statuses (&check, window, "invoices-to-pay");
  ef_invoices_page_set_view (EF_INVOICES_PAGE (page), "settled");
  check_invoice_statuses (&check, window, "invoices-settled");
  check_finish (&check);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The deadline reminder of the main window (ef-reminders.c) has no
 * notification server to go to on the test's bus: only that warning is
 * not fatal. */
static gboolean
fatal_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return strstr (message, "unable to send notifications") == NULL;
}

/* GTK 4.8 under a bare Xvfb, with no window manager to move the X focus:
 * an entry of a window destroyed with the keyboard focus may warn that it
 * saw no focus-out (see test-ui-pages.c); and GIO logs the reminder's
 * missing notification server structured, which the fatal handler above
 * does not see. */
static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        (strstr (fields[i].value, "did not receive a focus-out event") != NULL ||
         strstr (fields[i].value, "unable to send notifications") != NULL))
      return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const days[] = { "2027-01-18", "2027-01-19", "2027-01-21", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  int status;

  /* Before GIO reads its folders. */
  set_up_browser ();
  keyboard_title = g_strdup_printf ("A11y keyboard %d", (int) getpid ());
  g_log_set_writer_func (log_writer_cb, NULL, NULL);
  gtk_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  ef_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  french = setlocale (LC_ALL, "fr_FR.UTF-8") != NULL;

  ef_test_demo_start (&demo);
  ef_test_api_demo_staff_account (demo.server, &staff_email, &staff_password);
  /* The clock first: the sessions then begin at the test's time. */
  ef_test_demo_sign_in (&demo, NOW);
  url = ef_test_server_portal_url (demo.server, "7249");
  client = signed_in_client (demo.email, demo.password);
  lea_id = ui_test_member_id (client, "Léa");
  /* Léa's meals on @days, reserved as another computer would. */
  ef_test_api_reserve_days (demo.session, demo.server, demo.token, lea_id, MEAL, "2027-01-01",
                            "2027-01-31", days);

  application = new_application ();
  serve_notifications ();

  g_test_add_func ("/a11y/names/sign-in", test_sign_in);
  g_test_add_func ("/a11y/names/first-connection", test_first_connection);
  g_test_add_func ("/a11y/names/dashboard", test_dashboard);
  g_test_add_func ("/a11y/names/family", test_family);
  g_test_add_func ("/a11y/names/enrolments", test_enrolments);
  g_test_add_func ("/a11y/names/reservations", test_reservations);
  g_test_add_func ("/a11y/names/invoices", test_invoices);
  g_test_add_func ("/a11y/names/history", test_history);
  g_test_add_func ("/a11y/names/kiosk", test_kiosk);
  g_test_add_func ("/a11y/names/staff", test_staff);
  g_test_add_func ("/a11y/keyboard/book-and-pay", test_keyboard);
  g_test_add_func ("/a11y/keyboard/toast", test_toast);
  g_test_add_func ("/a11y/zoom", test_zoom);
  g_test_add_func ("/a11y/contrast/calendar", test_contrast_calendar);
  g_test_add_func ("/a11y/contrast/invoices", test_contrast_invoices);

  status = g_test_run ();
  /* The reminders of the kiosk's window may still answer. */
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);

  g_clear_object (&client);
  g_clear_object (&application);
  ef_test_demo_clear (&demo);
  g_free (staff_email);
  g_free (staff_password);

  return status;
}
