/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-window.c: the main window
 *
 * The window shows one state at a time in a GtkStack: before signing in,
 * "setup" (no portal configured, or the parent wants another one),
 * "loading", "error", "welcome" (the town's welcome with the sign-in form),
 * "first-connection" and "password-reset"; once signed in, "main": an
 * AdwLeaflet with the menu of the tutorial in a sidebar and the page
 * chosen beside it (one above the other on a phone).
 *
 * The pages of "main" are created at sign-in and destroyed at sign-out,
 * so that no widget keeps a family's data for the next person: at sign-in
 * the sidebar and the first page, the others when first shown (or asked
 * for, ef_window_get_page()). When the
 * session ends by itself (EfClient::sign-in-required), the pages stay,
 * with what the parent was doing, behind the sign-in form.
 *
 * Pages link to each other with `win.show-page("family")`, as the
 * sidebar does. Before such a move, ::leave-page-requested lets the page
 * shown keep the parent there; before a sign-out, ::sign-out-requested
 * lets a page with unsaved changes keep the session (see
 * ef_window_sign_out()).
 *
 * In kiosk mode (the town hall's terminal) nothing is remembered, and an
 * EfKiosk signs out whoever walks away, after a visible countdown.
 *
 * At start, the remembered password is looked up in the keyring while the
 * portal is asked for (both take a while), and used once the portal has
 * answered. The welcome page with its sign-in form, the portal's address
 * page, the pages for a first connection and a forgotten password and the
 * keyboard shortcuts window are built the first time they are shown: a
 * remembered start shows none of them. A page that comes before the
 * loading page's spinner turned comes at once, not faded in. Once signed
 * in, the family is asked for before the dashboard is built, which takes
 * the answer: the pages are built in an idle, once libsoup has sent that
 * request.
 *
 * The window asks the application's EfClient for everything and never
 * touches HTTP or JSON itself.
 */

#define G_LOG_DOMAIN "EfWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-demo-server.h"
#include "ef-window.h"
#include "pages/ef-first-connection-page.h"
#include "pages/ef-invoice-window.h"
#include "pages/ef-password-reset-page.h"
#include "pages/ef-portal-setup-page.h"
#include "pages/ef-sign-in-page.h"
#include "pages/ef-staff-families-page.h"
#include "pages/ef-staff-lists-page.h"
#include "pages/ef-staff-takings-page.h"
#include "pages/ef-welcome-page.h"
#include "widgets/ef-pdf-view.h"
#include "widgets/ef-widget-util.h"
#ifdef EF_HAVE_DASHBOARD_PAGE
#include "pages/ef-dashboard-page.h"
#endif
#ifdef EF_HAVE_FAMILY_PAGE
#include "pages/ef-family-page.h"
#endif
#ifdef EF_HAVE_ENROLMENTS_PAGE
#include "pages/ef-enrolments-page.h"
#endif
#ifdef EF_HAVE_RESERVATIONS_PAGE
#include "pages/ef-reservations-page.h"
#endif
#ifdef EF_HAVE_INVOICES_PAGE
#include "pages/ef-invoices-page.h"
#endif
#ifdef EF_HAVE_HISTORY_PAGE
#include "pages/ef-history-page.h"
#endif

struct _EfWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *offline_revealer;
  GtkLabel             *offline_label;
  GtkRevealer          *kiosk_revealer;
  GtkLabel             *kiosk_label;
  AdwHeaderBar         *header_bar;
  GtkStack             *stack;
  GtkButton            *back_button;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *error_page;
  GtkButton            *retry_button;
  /* Built when first shown: a remembered start shows neither. */
  EfPortalSetupPage    *setup_page;
  EfWelcomePage        *welcome_page;
  EfFirstConnectionPage *first_connection_page;
  EfPasswordResetPage  *password_reset_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  AdwHeaderBar         *sidebar_header;
  GtkListBox           *sidebar_list;
  GtkWidget            *content_box;
  AdwHeaderBar         *content_header;
  AdwWindowTitle       *content_title;
  GtkWidget            *content_back_button;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_page;

  /* Built when first shown (or needed): a remembered start never shows
   * it. Until then, the address it is to show is kept here. */
  EfSignInPage         *sign_in_page;
  char                 *sign_in_email;
  EfPortal             *portal;
  EfClient             *client;
  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *session_cancellable;
  EfKiosk              *kiosk;
  GBinding             *title_binding;
  char                 *pages_account;      /* whose data the pages hold */
  gboolean              kiosk_mode;
  gboolean              tried_remembered;
  /* The keyring's answer, asked for while the portal loads (see
   * start_remembered_lookup()). */
  GCancellable         *remembered_cancellable;
  char                 *remembered_portal;  /* what it was asked for; NULL: none */
  gboolean              remembered_done;
  gboolean              remembered_found;
  char                 *remembered_email;
  char                 *remembered_password;
  EfSecretKind          remembered_kind;
  gboolean              remembered_wanted;  /* the portal answered: use it at once */
  guint                 remembered_idle_id;
  gboolean              opened_offline;     /* the pages read what was kept */
  GCancellable         *family_cancellable; /* the dashboard's family, asked early */
  guint                 show_main_id;       /* the pages, once that request has left */
  gboolean              family_asked;       /* by the sign-in, for show_main() */
  GAsyncResult         *family_result;      /* its answer, before the dashboard was built */
  guint                 offline_retry_id;
  gboolean              starting_demo;
  /* what a notification asked to open, once signed in */
  gint64                open_member_id;
  char                 *open_activity;
  EfDay                 open_day;
  gint64                open_invoice_id;
  guint                 open_retry_id;
  guint                 open_retries;
};

G_DEFINE_FINAL_TYPE (EfWindow, ef_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SETTINGS,
  PROP_KIOSK_MODE,
  N_PROPS
};

enum {
  SIGN_OUT_REQUESTED,
  LEAVE_PAGE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  const char *name;
  const char *icon_name;
  const char *title;      /* the page's, before the page is built */
  GtkWidget *(*create) (EfClient *client);
} PageEntry;

/* The tutorial's menu, in its order; a page is listed once it exists. */
static const PageEntry page_entries[] = {
#ifdef EF_HAVE_DASHBOARD_PAGE
  { "dashboard", "view-grid-symbolic", N_("Dashboard"), ef_dashboard_page_new },
#endif
#ifdef EF_HAVE_FAMILY_PAGE
  { "family", "system-users-symbolic", N_("My Family"), ef_family_page_new },
#endif
#ifdef EF_HAVE_ENROLMENTS_PAGE
  { "enrolments", "x-office-address-book-symbolic", N_("My Enrolments"), ef_enrolments_page_new },
#endif
#ifdef EF_HAVE_RESERVATIONS_PAGE
  { "reservations", "x-office-calendar-symbolic", N_("My Reservations"), ef_reservations_page_new },
#endif
#ifdef EF_HAVE_INVOICES_PAGE
  { "invoices", "emblem-documents-symbolic", N_("My Invoices"), ef_invoices_page_new },
#endif
#ifdef EF_HAVE_HISTORY_PAGE
  { "history", "document-open-recent-symbolic", N_("History"), ef_history_page_new },
#endif
  { NULL, NULL, NULL, NULL },
};

/* The town hall's back office, for a staff account. */
static const PageEntry staff_page_entries[] = {
  { "staff-families", "system-users-symbolic", N_("Families"), ef_staff_families_page_new },
  { "staff-takings", "ef-takings-symbolic", N_("Takings"), ef_staff_takings_page_new },
  { "staff-lists", "view-list-symbolic", N_("Lists of the Day"), ef_staff_lists_page_new },
  { NULL, NULL, NULL, NULL },
};

static void load_portal (EfWindow *self);
static void open_requested (EfWindow *self);
static void forget_remembered_lookup (EfWindow *self);
static void on_signed_in_cb (EfWindow *self);

/* The page @name of the window's stack, a @type kept in *@page: added
 * the first time it is needed. */
static gpointer
ensure_stack_page (EfWindow   *self,
                   gpointer   *page,
                   GType       type,
                   const char *name)
{
  if (*page == NULL)
    {
      *page = g_object_new (type, NULL);
      gtk_stack_add_named (self->stack, GTK_WIDGET (*page), name);
    }
  return *page;
}

static EfWelcomePage *
ensure_welcome_page (EfWindow *self)
{
  return ensure_stack_page (self, (gpointer *) &self->welcome_page, EF_TYPE_WELCOME_PAGE,
                            "welcome");
}

static EfPortalSetupPage *
ensure_setup_page (EfWindow *self)
{
  return ensure_stack_page (self, (gpointer *) &self->setup_page, EF_TYPE_PORTAL_SETUP_PAGE,
                            "setup");
}

static EfSignInPage *
ensure_sign_in_page (EfWindow *self)
{
  if (self->sign_in_page != NULL)
    return self->sign_in_page;

  ensure_welcome_page (self);
  self->sign_in_page = ef_sign_in_page_new (self->client);
  ef_sign_in_page_set_kiosk (self->sign_in_page, self->kiosk_mode);
  g_signal_connect_object (self->sign_in_page, "signed-in", G_CALLBACK (on_signed_in_cb), self,
                           G_CONNECT_SWAPPED);
  ef_welcome_page_set_form (self->welcome_page, GTK_WIDGET (self->sign_in_page));
  if (self->sign_in_email != NULL)
    ef_sign_in_page_set_email (self->sign_in_page, self->sign_in_email);
  g_clear_pointer (&self->sign_in_email, g_free);
  return self->sign_in_page;
}

/* The address the form shows when it is shown. */
static void
set_sign_in_email (EfWindow   *self,
                   const char *email)
{
  if (self->sign_in_page != NULL)
    ef_sign_in_page_set_email (self->sign_in_page, email);
  else
    {
      g_free (self->sign_in_email);
      self->sign_in_email = g_strdup (email);
    }
}

/* The form empty, for whoever comes next. */
static void
clear_sign_in (EfWindow *self)
{
  if (self->sign_in_page != NULL)
    ef_sign_in_page_clear (self->sign_in_page);
  g_clear_pointer (&self->sign_in_email, g_free);
}

/* @state is the name of a page of the stack. */
static void
set_state (EfWindow   *self,
           const char *state,
           gboolean    can_retry)
{
  gboolean setup = g_str_equal (state, "setup");
  gboolean main = g_str_equal (state, "main");
  gboolean side = g_str_equal (state, "first-connection") || g_str_equal (state, "password-reset");
  gboolean can_cancel = (setup && ef_client_has_portal (self->client)) || side;
  gboolean quick;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry", can_retry && !main);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-portal",
                                 !setup && !main && !self->kiosk_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-change-portal", can_cancel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", main);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", main);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), can_cancel);
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !main);
  if (self->kiosk != NULL)
    ef_kiosk_set_active (self->kiosk, main);
  /* A portal that answers at once shows no flash of the spinner, nor a
   * fade from a page that said nothing yet: the next page comes at once,
   * and without the window-sized images a fade draws. */
  quick = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0
          && !g_str_equal (state, "loading")
          && !gtk_spinner_get_spinning (self->loading_spinner);
  ef_spinner_set_waiting (self->loading_spinner, g_str_equal (state, "loading"));
  gtk_stack_set_visible_child_full (self->stack, state,
                                    quick ? GTK_STACK_TRANSITION_TYPE_NONE
                                          : gtk_stack_get_transition_type (self->stack));
}

static void
show_setup (EfWindow *self)
{
  g_cancellable_cancel (self->cancellable);

  ef_portal_setup_page_set_address (ensure_setup_page (self),
                                    ef_client_get_portal_url (self->client));
  set_state (self, "setup", FALSE);
  ef_portal_setup_page_focus (self->setup_page);
}

static void
show_error (EfWindow     *self,
            const GError *error)
{
  gboolean can_retry = ef_client_error_can_retry (error);

  /* Set when shown: an icon of the theme's that is only drawn here. */
  adw_status_page_set_icon_name (self->error_page, "network-error-symbolic");
  adw_status_page_set_title (self->error_page, ef_client_error_get_title (error));
  adw_status_page_set_description (self->error_page, ef_client_error_get_user_message (error));
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
  set_state (self, "error", can_retry);
}

static void
show_loading (EfWindow   *self,
              const char *title,
              const char *description)
{
  g_autofree char *escaped = g_markup_escape_text (description != NULL ? description : "", -1);

  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, escaped);
  set_state (self, "loading", FALSE);
}

static void
show_sign_in (EfWindow *self)
{
  ensure_sign_in_page (self);
  ef_welcome_page_set_portal (self->welcome_page, self->portal);
  set_state (self, "welcome", TRUE);
  ef_sign_in_page_focus (self->sign_in_page);
}

static void
update_title (EfWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);

  g_clear_pointer (&self->title_binding, g_binding_unbind);
  if (page != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (page), "title") != NULL)
    self->title_binding = g_object_bind_property (page, "title", self->content_title, "title",
                                                  G_BINDING_SYNC_CREATE);
  else
    adw_window_title_set_title (self->content_title, _("Espace Famille"));
}

static GtkWidget *
new_sidebar_row (const PageEntry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_label (GTK_LABEL (label), _(entry->title));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (entry->icon_name));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* A screen reader reads the row as its page's title. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_widget_set_name (row, entry->name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", entry->name);
  return row;
}

/* Every widget that showed the family goes; nothing is kept for the next
 * person at the same computer. */
static void
destroy_pages (EfWindow *self)
{
  GtkWidget *row;

  g_clear_pointer (&self->title_binding, g_binding_unbind);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, row);

  for (const PageEntry *entry = page_entries; entry->name != NULL; entry++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, entry->name);

      if (page != NULL)
        gtk_stack_remove (self->content_stack, page);
    }
  for (const PageEntry *entry = staff_page_entries; entry->name != NULL; entry++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, entry->name);

      if (page != NULL)
        gtk_stack_remove (self->content_stack, page);
    }

  adw_status_page_set_description (self->empty_page, NULL);
  g_clear_pointer (&self->pages_account, g_free);
  /* The family asked for the dashboard has nowhere to go. */
  g_cancellable_cancel (self->family_cancellable);
  g_clear_object (&self->family_cancellable);
  self->family_asked = FALSE;
  g_clear_object (&self->family_result);
}

/* A parent's pages, or the back office's for a staff account. */
static const PageEntry *
account_page_entries (EfWindow *self)
{
  return ef_client_get_is_staff (self->client) ? staff_page_entries : page_entries;
}

static const PageEntry *
find_page_entry (EfWindow   *self,
                 const char *name)
{
  for (const PageEntry *entry = account_page_entries (self); entry->name != NULL; entry++)
    if (g_str_equal (entry->name, name))
      return entry;

  return NULL;
}

/* A page of the signed-in window, built the first time it is asked for. */
static GtkWidget *
ensure_page (EfWindow   *self,
             const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, name);
  const PageEntry *entry;

  if (page != NULL || self->pages_account == NULL)
    return page;

  entry = find_page_entry (self, name);
  if (entry == NULL)
    return NULL;

  page = entry->create (self->client);
  gtk_stack_add_named (self->content_stack, page, entry->name);
  return page;
}

/* The sidebar; the pages are built when first shown (ensure_page()). */
static void
create_pages (EfWindow *self)
{
  const PageEntry *entries = account_page_entries (self);

  for (const PageEntry *entry = entries; entry->name != NULL; entry++)
    gtk_list_box_append (self->sidebar_list, new_sidebar_row (entry));

  if (entries[0].name == NULL)
    {
      /* Translators: %s is the e-mail address of the account */
      g_autofree char *description = g_strdup_printf (_("You are signed in as %s."),
                                                      ef_client_get_account_email (self->client));

      adw_status_page_set_description (self->empty_page, description);
      /* Set when shown: the stack would load it (and the image library
       * for it) at every start, where this page is not shown. */
      adw_status_page_set_icon_name (self->empty_page, APP_ID "-symbolic");
    }

  self->pages_account = g_strdup (ef_client_get_account_email (self->client));
}

#ifdef EF_HAVE_DASHBOARD_PAGE
static void
on_early_family_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (EfWindow) self = user_data;
  GtkWidget *page;

  /* The pages went (a sign-out), or the window. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  /* A dashboard that loaded again since then ignores it. */
  page = gtk_stack_get_child_by_name (self->content_stack, "dashboard");
  if (EF_IS_DASHBOARD_PAGE (page))
    ef_dashboard_page_take_family (EF_DASHBOARD_PAGE (page), result);
  else
    g_set_object (&self->family_result, result);
}
#endif

/* A parent's first page is the dashboard, whose first answer is the
 * family: asked for before the pages are built, so that building them
 * and the request overlap. Returns whether it was asked for. */
static gboolean
start_early_family (EfWindow *self)
{
#ifdef EF_HAVE_DASHBOARD_PAGE
  const PageEntry *entries = account_page_entries (self);

  if (!ef_client_get_signed_in (self->client) || self->opened_offline
      || entries[0].name == NULL || !g_str_equal (entries[0].name, "dashboard"))
    return FALSE;

  g_cancellable_cancel (self->family_cancellable);
  g_clear_object (&self->family_cancellable);
  self->family_cancellable = g_cancellable_new ();
  ef_client_get_family_async (self->client, self->family_cancellable, on_early_family_cb,
                              g_object_ref (self));
  return TRUE;
#else
  return FALSE;
#endif
}

static void
show_main (EfWindow *self)
{
  gboolean same_account = self->pages_account != NULL &&
                          g_strcmp0 (self->pages_account,
                                     ef_client_get_account_email (self->client)) == 0;

  g_clear_handle_id (&self->show_main_id, g_source_remove);
  forget_remembered_lookup (self);
  if (same_account)
    self->family_asked = FALSE;
  else
    {
      const PageEntry *entries;
      G_GNUC_UNUSED GtkWidget *shown;
      G_GNUC_UNUSED gboolean family_asked = self->family_asked;

      /* The family asked for by on_client_signed_in_changed_cb() stays. */
      if (!family_asked)
        {
          destroy_pages (self);
          family_asked = start_early_family (self);
        }
      create_pages (self);
      entries = account_page_entries (self);
      ef_window_show_page (self, entries[0].name != NULL ? entries[0].name : "empty");
#ifdef EF_HAVE_DASHBOARD_PAGE
      /* Its answers come while the first frame is drawn, not after. */
      shown = gtk_stack_get_visible_child (self->content_stack);
      if (EF_IS_DASHBOARD_PAGE (shown) && family_asked)
        {
          ef_dashboard_page_preload_awaiting_family (EF_DASHBOARD_PAGE (shown));
          if (self->family_result != NULL)
            ef_dashboard_page_take_family (EF_DASHBOARD_PAGE (shown), self->family_result);
        }
      else if (EF_IS_DASHBOARD_PAGE (shown))
        ef_dashboard_page_preload (EF_DASHBOARD_PAGE (shown));
#endif
      self->family_asked = FALSE;
      g_clear_object (&self->family_result);
    }

  /* The form is empty for whoever comes next; a sign-in of the form
   * empties it when it is done (the keyring may still be writing). */
  if (self->sign_in_page == NULL || !ef_sign_in_page_get_busy (self->sign_in_page))
    clear_sign_in (self);
  set_state (self, "main", FALSE);

  /* At the counter the search comes first: the agent types a name at once. */
  if (!same_account && ef_client_get_is_staff (self->client))
    gtk_widget_grab_focus (gtk_stack_get_visible_child (self->content_stack));

  open_requested (self);
}

static void
on_signed_in_again_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  EfWindow *self = user_data;
  g_autoptr (GError) error = NULL;

  /* No reference on the window: a cancelled request never touches it. */
  if (ef_client_sign_in_finish (EF_CLIENT (source), result, &error))
    return;   /* notify::signed-in shows the pages */

  if (ef_client_error_is_cancelled (error))
    return;

  show_sign_in (self);
  ef_sign_in_page_show_error (self->sign_in_page, error);
}

/* The keyring's answer: sign in with it, or show the form. Takes
 * @password (a password or a device token, as @kind says). */
static void
use_remembered (EfWindow     *self,
                gboolean      found,
                const char   *email,
                char         *password,
                EfSecretKind  kind)
{
  if (!found || email == NULL || password == NULL)
    {
      g_clear_pointer (&password, ef_credentials_password_free);
      show_sign_in (self);
      return;
    }

  /* Straight to the pages: the form shows only if this fails. */
  set_sign_in_email (self, email);
  show_loading (self, _("Signing In…"), email);
  ef_client_sign_in_remembered_async (self->client, email, password, kind, self->cancellable,
                                      on_signed_in_again_cb, self);
  ef_credentials_password_free (password);
}

static void
forget_remembered_lookup (EfWindow *self)
{
  g_cancellable_cancel (self->remembered_cancellable);
  g_clear_object (&self->remembered_cancellable);
  g_clear_pointer (&self->remembered_portal, g_free);
  g_clear_pointer (&self->remembered_email, g_free);
  g_clear_pointer (&self->remembered_password, ef_credentials_password_free);
  self->remembered_done = FALSE;
  self->remembered_found = FALSE;
  self->remembered_wanted = FALSE;
}

/* A lookup holds no reference on the window: forget_remembered_lookup()
 * cancels it, and a cancelled lookup never touches the window. */
typedef struct
{
  EfWindow     *self;
  GCancellable *cancellable;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_object_unref (lookup->cancellable);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

static void
on_remembered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (Lookup) lookup = user_data;
  EfWindow *self = lookup->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  char *password = NULL;
  EfSecretKind kind = EF_SECRET_PASSWORD;
  gboolean found;

  found = ef_client_lookup_remembered_finish (EF_CLIENT (source), result, &email, &password,
                                              &kind, &error);
  /* Cancelled: another portal, or the window's end. */
  if (g_cancellable_is_cancelled (lookup->cancellable)
      || (!found && ef_client_error_is_cancelled (error)))
    {
      g_clear_pointer (&password, ef_credentials_password_free);
      return;
    }
  if (!found)
    g_debug ("No remembered password: %s", error != NULL ? error->message : "none");

  if (!self->remembered_wanted)
    {
      /* The portal has not answered yet: kept until it does. */
      self->remembered_done = TRUE;
      self->remembered_found = found;
      self->remembered_email = g_steal_pointer (&email);
      self->remembered_password = password;
      self->remembered_kind = kind;
      return;
    }

  forget_remembered_lookup (self);
  use_remembered (self, found, email, password, kind);
}

/* Asks the keyring for the portal's remembered password, once, while the
 * portal loads: sign_in_or_ask() uses the answer. */
static void
start_remembered_lookup (EfWindow *self)
{
  EfCredentials *credentials = ef_client_get_credentials (self->client);
  const char *portal_url = ef_client_get_portal_url (self->client);
  Lookup *lookup;

  if (self->remembered_portal != NULL && g_strcmp0 (self->remembered_portal, portal_url) == 0)
    return;

  forget_remembered_lookup (self);
  if (self->kiosk_mode || self->starting_demo || self->tried_remembered || credentials == NULL
      || portal_url == NULL || ef_client_get_signed_in (self->client))
    return;

  self->remembered_cancellable = g_cancellable_new ();
  self->remembered_portal = g_strdup (portal_url);
  lookup = g_new0 (Lookup, 1);
  lookup->self = self;   /* not touched once cancelled, as in dispose */
  lookup->cancellable = g_object_ref (self->remembered_cancellable);
  ef_client_lookup_remembered_async (self->client, self->remembered_cancellable, on_remembered_cb,
                                     lookup);
}

static gboolean
on_remembered_lookup_idle_cb (gpointer user_data)
{
  EfWindow *self = user_data;

  self->remembered_idle_id = 0;
  if (ef_client_has_portal (self->client) && !self->opened_offline)
    start_remembered_lookup (self);
  return G_SOURCE_REMOVE;
}

/* The portal is there: sign in with the remembered password, once. */
static void
sign_in_or_ask (EfWindow *self)
{
  EfCredentials *credentials = ef_client_get_credentials (self->client);
  const char *portal_url = ef_client_get_portal_url (self->client);

  if (ef_client_get_signed_in (self->client))
    {
      forget_remembered_lookup (self);
      show_main (self);
      return;
    }

  if (self->kiosk_mode || self->starting_demo || self->tried_remembered || credentials == NULL)
    {
      forget_remembered_lookup (self);
      show_sign_in (self);
      return;
    }

  if (self->remembered_portal == NULL || g_strcmp0 (self->remembered_portal, portal_url) != 0)
    start_remembered_lookup (self);
  self->tried_remembered = TRUE;
  if (self->remembered_portal == NULL)
    {
      show_sign_in (self);
      return;
    }

  if (!self->remembered_done)
    {
      /* Still asking the keyring: its answer signs in. */
      self->remembered_wanted = TRUE;
      return;
    }

  {
    gboolean found = self->remembered_found;
    g_autofree char *email = g_steal_pointer (&self->remembered_email);
    char *password = g_steal_pointer (&self->remembered_password);
    EfSecretKind kind = self->remembered_kind;

    forget_remembered_lookup (self);
    use_remembered (self, found, email, password, kind);
  }
}

/* ---------------------------------------------------------- offline */

#define OFFLINE_RETRY_SECONDS 60

static void load_portal (EfWindow *self);

static gboolean
retry_offline_cb (gpointer user_data)
{
  EfWindow *self = user_data;

  load_portal (self);
  return G_SOURCE_CONTINUE;
}

static void
on_opened_offline_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (EfWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  GError *unreachable = g_object_get_data (G_OBJECT (self), "ef-unreachable");

  if (!ef_client_open_offline_finish (EF_CLIENT (source), result, &error))
    {
      if (!ef_client_error_is_cancelled (error) && unreachable != NULL)
        show_error (self, unreachable);
      g_object_set_data (G_OBJECT (self), "ef-unreachable", NULL);
      return;
    }
  g_object_set_data (G_OBJECT (self), "ef-unreachable", NULL);

  /* What was seen last, read-only, until the portal answers again. */
  self->opened_offline = TRUE;
  show_main (self);
  gtk_revealer_set_reveal_child (self->offline_revealer, TRUE);
  if (self->offline_retry_id == 0)
    self->offline_retry_id = g_timeout_add_seconds (OFFLINE_RETRY_SECONDS, retry_offline_cb, self);
}

static void
on_offline_remembered_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (EfWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  char *password = NULL;
  GError *unreachable = g_object_get_data (G_OBJECT (self), "ef-unreachable");

  if (!ef_credentials_lookup_finish (EF_CREDENTIALS (source), result, &email, &password, NULL,
                                     &error) ||
      email == NULL)
    {
      if (!ef_client_error_is_cancelled (error) && unreachable != NULL)
        show_error (self, unreachable);
      g_object_set_data (G_OBJECT (self), "ef-unreachable", NULL);
      g_clear_pointer (&password, ef_credentials_password_free);
      return;
    }
  g_clear_pointer (&password, ef_credentials_password_free);
  ef_client_open_offline_async (self->client, email, self->cancellable, on_opened_offline_cb,
                                g_object_ref (self));
}

/* The portal cannot be reached at start: the remembered account's last
 * answers, if any were kept. Returns FALSE when there is nothing to try. */
static gboolean
try_offline (EfWindow     *self,
             const GError *error)
{
  EfCredentials *credentials = ef_client_get_credentials (self->client);

  if (self->kiosk_mode || self->starting_demo || credentials == NULL ||
      !(g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK) ||
        g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_HOST_NOT_FOUND) ||
        g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_TIMEOUT)))
    return FALSE;

  g_object_set_data_full (G_OBJECT (self), "ef-unreachable", g_error_copy (error),
                          (GDestroyNotify) g_error_free);
  ef_credentials_lookup_async (credentials, ef_client_get_portal_url (self->client), NULL,
                               self->cancellable, on_offline_remembered_cb, g_object_ref (self));
  return TRUE;
}

static void
on_get_portal_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EfWindow *self = user_data;
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GError) error = NULL;

  /* No reference is held on the window, so that closing it cancels the
   * request at once; a cancelled request never touches @self. */
  portal = ef_client_get_portal_finish (EF_CLIENT (source), result, &error);
  if (portal == NULL)
    {
      /* A newer request, a change of portal or the window's end. */
      if (ef_client_error_is_cancelled (error))
        return;

      g_debug ("Could not load the portal: %s", error->message);
      /* Retrying asks for the password (see retry_action()). */
      forget_remembered_lookup (self);
      if (ef_client_get_signed_in (self->client) || self->opened_offline)
        return;
      if (try_offline (self, error))
        return;
      show_error (self, error);
      return;
    }

  g_set_object (&self->portal, portal);
  if (self->starting_demo)
    return;
  /* Back online: the remembered password signs in again. */
  if (self->opened_offline)
    self->tried_remembered = FALSE;
  sign_in_or_ask (self);
}

static void
load_portal (EfWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (!ef_client_has_portal (self->client))
    {
      show_setup (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  /* The description is Pango markup; the address is whatever was typed. */
  if (!ef_client_get_signed_in (self->client) && !self->opened_offline)
    show_loading (self, _("Connecting to the Portal…"), ef_client_get_portal_url (self->client));

  ef_client_get_portal_async (self->client, self->cancellable, on_get_portal_cb, self);

  /* Meanwhile, the keyring; in an idle, once the application has said
   * whether this start is the demo's. */
  if (!ef_client_get_signed_in (self->client) && !self->opened_offline && !self->tried_remembered
      && self->remembered_idle_id == 0)
    self->remembered_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, on_remembered_lookup_idle_cb,
                                                self, NULL);
}

static void
on_client_portal_url_changed_cb (EfWindow   *self,
                                 GParamSpec *pspec,
                                 EfClient   *client)
{
  self->tried_remembered = FALSE;
  load_portal (self);
}

static gboolean
on_show_main_idle_cb (gpointer user_data)
{
  EfWindow *self = user_data;

  self->show_main_id = 0;
  if (ef_client_get_signed_in (self->client))
    show_main (self);
  return G_SOURCE_REMOVE;
}

static void
on_client_signed_in_changed_cb (EfWindow   *self,
                                GParamSpec *pspec,
                                EfClient   *client)
{
  if (!ef_client_get_signed_in (client))
    return;
  /* Opened offline: the pages read the portal again, from the start (the
   * reservation changes not saved are kept and offered back). */
  if (self->opened_offline)
    {
      self->opened_offline = FALSE;
      g_clear_handle_id (&self->offline_retry_id, g_source_remove);
      g_clear_pointer (&self->pages_account, g_free);
    }

  /* New pages: the family leaves first, then they are built, in an idle
   * that comes after libsoup has sent it (its queue runs at the same
   * priority, and was there first). */
  if (self->pages_account == NULL
      || g_strcmp0 (self->pages_account, ef_client_get_account_email (client)) != 0)
    {
      destroy_pages (self);
      self->family_asked = start_early_family (self);
      if (self->family_asked)
        {
          g_clear_handle_id (&self->show_main_id, g_source_remove);
          self->show_main_id = g_idle_add_full (G_PRIORITY_DEFAULT, on_show_main_idle_cb, self,
                                                NULL);
          return;
        }
    }
  show_main (self);
}

static void
on_sign_in_required_cb (EfWindow *self,
                        EfClient *client)
{
  /* The pages keep what the parent was doing; the form asks for the
   * password of the same account. */
  set_sign_in_email (self, ef_client_get_account_email (client));
  show_sign_in (self);
  ef_window_add_toast (self, _("Your session has ended: sign in again"));
}

static void
on_signed_in_cb (EfWindow *self)
{
  /* notify::signed-in has shown the pages already. */
  if (!g_str_equal (ef_window_get_state (self), "main"))
    show_main (self);
}

static void
on_password_done_cb (EfWindow   *self,
                     const char *email,
                     GtkWidget  *page)
{
  clear_sign_in (self);
  set_sign_in_email (self, email);
  show_sign_in (self);
  ef_window_add_toast (self, _("Your password is set: you can sign in with it now"));
}

static void
on_network_changed_cb (EfWindow        *self,
                       GParamSpec      *pspec,
                       GNetworkMonitor *monitor)
{
  gboolean available = g_network_monitor_get_network_available (monitor);

  gtk_revealer_set_reveal_child (self->offline_revealer,
                                 !available || ef_client_get_offline (self->client));
  if (available && self->opened_offline)
    load_portal (self);
}

static void
on_client_offline_changed_cb (EfWindow   *self,
                              GParamSpec *pspec,
                              EfClient   *client)
{
  GDateTime *since = ef_client_get_offline_since (client);

  /* Says how old what shows is, on the portal's clock, in its zone. */
  if (since != NULL)
    {
      GTimeZone *tz = ef_client_get_time_zone (client);
      g_autoptr (GDateTime) local = tz != NULL ? g_date_time_to_timezone (since, tz)
                                               : g_date_time_to_local (since);
      g_autofree char *when = ef_date_time_format (local, C_("offline since", "%A %-d %B at %-H:%M"));
      /* Translators: %s is when what is shown was seen ("Thursday 26
       * November at 10:00") */
      g_autofree char *text = g_strdup_printf (_("You are offline: what you see dates from %s."), when);

      gtk_label_set_label (self->offline_label, text);
    }
  else
    gtk_label_set_label (self->offline_label, _("You are offline: what you see may be out of date."));
  on_network_changed_cb (self, NULL, g_network_monitor_get_default ());
}

static void
on_kiosk_remaining_cb (EfWindow   *self,
                       GParamSpec *pspec,
                       EfKiosk    *kiosk)
{
  guint remaining = ef_kiosk_get_remaining (kiosk);

  if (remaining > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Signing out in %u s because nobody is using this "
                                      "computer",
                                      "Signing out in %u s because nobody is using this "
                                      "computer",
                                      remaining),
                         remaining);

      gtk_label_set_text (self->kiosk_label, text);
    }
  gtk_revealer_set_reveal_child (self->kiosk_revealer, remaining > 0);
}

static void
on_kiosk_expired_cb (EfWindow *self)
{
  /* Nobody is there to answer a question: the data goes. */
  ef_window_sign_out (self, TRUE);
}

static void
on_leaflet_folded_cb (EfWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->content_back_button, folded);
}

static void
on_sidebar_row_activated_cb (EfWindow      *self,
                             GtkListBoxRow *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EF_WINDOW (widget)->tried_remembered = TRUE;
  load_portal (EF_WINDOW (widget));
}

static void
change_portal_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_setup (EF_WINDOW (widget));
}

static void
cancel_change_portal_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  EfWindow *self = EF_WINDOW (widget);
  const char *state = ef_window_get_state (self);

  if (g_str_equal (state, "first-connection") || g_str_equal (state, "password-reset"))
    {
      show_sign_in (self);
      return;
    }

  load_portal (self);
}

/* The setup page has checked the address; remember it (not in kiosk
 * mode, where the administrator's setting stays). */
static void
set_portal_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EfWindow *self = EF_WINDOW (widget);
  const char *address = g_variant_get_string (parameter, NULL);
  g_autofree char *before = g_strdup (ef_client_get_portal_url (self->client));

  g_signal_handlers_block_by_func (self->client, on_client_portal_url_changed_cb, self);
  ef_client_set_portal_url (self->client, address);
  if (!self->kiosk_mode)
    g_settings_set_string (self->settings, "portal-url", ef_client_get_portal_url (self->client));
  g_signal_handlers_unblock_by_func (self->client, on_client_portal_url_changed_cb, self);

  if (g_strcmp0 (before, ef_client_get_portal_url (self->client)) != 0)
    {
      g_debug ("Portal changed from %s to %s", before != NULL ? before : "none",
               ef_client_get_portal_url (self->client));
      self->tried_remembered = FALSE;
    }

  load_portal (self);
}

static void
first_connection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  EfWindow *self = EF_WINDOW (widget);

  if (self->first_connection_page == NULL)
    {
      self->first_connection_page = ef_first_connection_page_new (self->client);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->first_connection_page),
                           "first-connection");
      g_signal_connect_object (self->first_connection_page, "done",
                               G_CALLBACK (on_password_done_cb), self, G_CONNECT_SWAPPED);
    }
  set_state (self, "first-connection", FALSE);
  ef_first_connection_page_focus (self->first_connection_page);
}

static void
forgotten_password_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EfWindow *self = EF_WINDOW (widget);

  if (self->password_reset_page == NULL)
    {
      self->password_reset_page = ef_password_reset_page_new (self->client);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->password_reset_page), "password-reset");
      g_signal_connect_object (self->password_reset_page, "done",
                               G_CALLBACK (on_password_done_cb), self, G_CONNECT_SWAPPED);
    }
  set_state (self, "password-reset", FALSE);
  ef_password_reset_page_focus (self->password_reset_page);
}

/* The sidebar's row follows the page shown, also when the page stays. */
static void
select_sidebar_row (EfWindow   *self,
                    const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_str_equal (gtk_widget_get_name (row), name))
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
    }
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EfWindow *self = EF_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *shown = gtk_stack_get_visible_child (self->content_stack);
  const char *shown_name = gtk_stack_get_visible_child_name (self->content_stack);
  gboolean stop = FALSE;

  if (shown != NULL && shown_name != NULL && !g_str_equal (shown_name, name)
      && (gtk_stack_get_child_by_name (self->content_stack, name) != NULL
          || (self->pages_account != NULL && find_page_entry (self, name) != NULL)))
    {
      g_signal_emit (self, signals[LEAVE_PAGE_REQUESTED], 0, shown, name, &stop);
      if (stop)
        {
          select_sidebar_row (self, shown_name);
          return;
        }
    }

  ef_window_show_page (self, name);
}

static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EfWindow *self = EF_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ef_window_sign_out (EF_WINDOW (widget), FALSE);
}

static void
stay_signed_in_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EfWindow *self = EF_WINDOW (widget);

  if (self->kiosk != NULL)
    ef_kiosk_reset (self->kiosk);
}

static void
restore_window_state (EfWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (EfWindow *self)
{
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
ef_window_close_request (GtkWindow *window)
{
  EfWindow *self = EF_WINDOW (window);

  /* The shared terminal writes nothing. */
  if (!self->kiosk_mode)
    save_window_state (self);

  return GTK_WINDOW_CLASS (ef_window_parent_class)->close_request (window);
}

static void
ef_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EfWindow *self = EF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_KIOSK_MODE:
      g_value_set_boolean (value, self->kiosk_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EfWindow *self = EF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_KIOSK_MODE:
      self->kiosk_mode = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_window_constructed (GObject *object)
{
  EfWindow *self = EF_WINDOW (object);
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  G_OBJECT_CLASS (ef_window_parent_class)->constructed (object);

  g_assert (EF_IS_CLIENT (self->client));
  g_assert (G_IS_SETTINGS (self->settings));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  restore_window_state (self);

  /* The sign-in form, the first-connection and password-reset pages: on
   * first use. */

  if (self->kiosk_mode)
    {
      self->kiosk = ef_kiosk_new (GTK_WIDGET (self));
      g_settings_bind (self->settings, "kiosk-idle-seconds", self->kiosk, "idle-seconds",
                       G_SETTINGS_BIND_GET);
      g_signal_connect_object (self->kiosk, "notify::remaining",
                               G_CALLBACK (on_kiosk_remaining_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->kiosk, "expired", G_CALLBACK (on_kiosk_expired_cb), self,
                               G_CONNECT_SWAPPED);
    }

  g_signal_connect_object (monitor, "notify::network-available",
                           G_CALLBACK (on_network_changed_cb), self, G_CONNECT_SWAPPED);
  on_network_changed_cb (self, NULL, monitor);

  g_signal_connect_object (self->client, "notify::portal-url",
                           G_CALLBACK (on_client_portal_url_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::offline",
                           G_CALLBACK (on_client_offline_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::signed-in",
                           G_CALLBACK (on_client_signed_in_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "sign-in-required",
                           G_CALLBACK (on_sign_in_required_cb), self, G_CONNECT_SWAPPED);
  load_portal (self);
}

static void
ef_window_dispose (GObject *object)
{
  EfWindow *self = EF_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->session_cancellable);
  g_clear_object (&self->session_cancellable);
  g_clear_handle_id (&self->offline_retry_id, g_source_remove);
  g_clear_handle_id (&self->remembered_idle_id, g_source_remove);
  forget_remembered_lookup (self);
  g_cancellable_cancel (self->family_cancellable);
  g_clear_object (&self->family_cancellable);
  g_clear_object (&self->family_result);
  g_clear_handle_id (&self->show_main_id, g_source_remove);
  g_clear_pointer (&self->title_binding, g_binding_unbind);
  g_clear_object (&self->kiosk);

  gtk_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_WINDOW);

  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->portal);
  g_clear_pointer (&self->pages_account, g_free);
  g_clear_pointer (&self->sign_in_email, g_free);
  g_clear_pointer (&self->open_activity, g_free);
  g_clear_handle_id (&self->open_retry_id, g_source_remove);

  G_OBJECT_CLASS (ef_window_parent_class)->dispose (object);
}

static void
ef_window_class_init (EfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = ef_window_get_property;
  object_class->set_property = ef_window_set_property;
  object_class->constructed = ef_window_constructed;
  object_class->dispose = ef_window_dispose;

  /**
   * EfWindow:client:
   *
   * The client of the portal the window shows.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         EF_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * EfWindow:settings:
   *
   * The application's settings: the portal chosen, the window's size.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * EfWindow:kiosk-mode:
   *
   * Whether the window runs on a shared terminal: nothing remembered,
   * nothing written, sign-out when nobody uses it.
   */
  properties[PROP_KIOSK_MODE] =
    g_param_spec_boolean ("kiosk-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfWindow::sign-out-requested:
   * @self: an #EfWindow
   *
   * Emitted before the parent signs out (not when the kiosk's idle time
   * is over). A page with unsaved changes returns %TRUE to keep the
   * session, asks the parent, and calls ef_window_sign_out() with @force
   * %TRUE if the parent chooses to leave anyway. Connect with
   * g_signal_connect_object() from the page, which lives only as long as
   * the session.
   *
   * Returns: %TRUE to stop the sign-out
   */
  signals[SIGN_OUT_REQUESTED] =
    g_signal_new ("sign-out-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 0);

  /**
   * EfWindow::leave-page-requested:
   * @self: an #EfWindow
   * @page: the page shown now
   * @name: the page the parent asked for, as `win.show-page` names it
   *
   * Emitted when the parent moves to another page through the sidebar or
   * a `win.show-page` link. The page shown (compare with @page) returns
   * %TRUE to stay, asks the parent, and calls ef_window_show_page() with
   * @name if the parent chooses to go anyway.
   *
   * Returns: %TRUE to stay on @page
   */
  signals[LEAVE_PAGE_REQUESTED] =
    g_signal_new ("leave-page-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 2, GTK_TYPE_WIDGET, G_TYPE_STRING);

  window_class->close_request = ef_window_close_request;


  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ef-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, kiosk_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, kiosk_label);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, content_back_button);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, empty_page);

  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.change-portal", NULL,
                                   change_portal_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-change-portal", NULL,
                                   cancel_change_portal_action);
  gtk_widget_class_install_action (widget_class, "win.set-portal", "s", set_portal_action);
  gtk_widget_class_install_action (widget_class, "win.first-connection", NULL,
                                   first_connection_action);
  gtk_widget_class_install_action (widget_class, "win.forgotten-password", NULL,
                                   forgotten_password_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-menu", NULL, show_menu_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.stay-signed-in", NULL,
                                   stay_signed_in_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.cancel-change-portal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_q, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.sign-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-menu", NULL);
}

/* The keyboard shortcuts window: built the first time it is asked for,
 * then GtkApplicationWindow's, whose own "show-help-overlay" action takes
 * the place of this one. (GtkApplication builds one for every window,
 * at once, from a gtk/help-overlay.ui among the resources: a window of
 * 17 shortcuts that most starts never show.) */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  EfWindow *self = user_data;
  g_autoptr (GtkBuilder) builder = NULL;

  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)) == NULL)
    {
      builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ef-shortcuts-window.ui");
      g_action_map_remove_action (G_ACTION_MAP (self), "show-help-overlay");
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder,
                                                                                             "help_overlay")));
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-help-overlay", NULL);
}

static const GActionEntry help_overlay_entries[] = {
  { "show-help-overlay", show_help_overlay_action, NULL, NULL, NULL, { 0 } },
};

static void
ef_window_init (EfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_leaflet_folded_cb),
                            self);
  g_object_bind_property (self->leaflet, "folded", self->sidebar_header,
                          "show-end-title-buttons", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->content_header,
                          "show-start-title-buttons", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->sidebar_list, "row-activated",
                            G_CALLBACK (on_sidebar_row_activated_cb), self);
  g_signal_connect_swapped (self->content_stack, "notify::visible-child",
                            G_CALLBACK (update_title), self);
  on_leaflet_folded_cb (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), help_overlay_entries,
                                   G_N_ELEMENTS (help_overlay_entries), self);
}

/**
 * ef_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new window showing the portal of
 *   @application's client
 */
EfWindow *
ef_window_new (EfApplication *application)
{
  g_return_val_if_fail (EF_IS_APPLICATION (application), NULL);

  return g_object_new (EF_TYPE_WINDOW,
                       "application", application,
                       "client", ef_application_get_client (application),
                       "settings", ef_application_get_settings (application),
                       "kiosk-mode", ef_application_get_kiosk (application),
                       NULL);
}

/**
 * ef_window_get_state:
 * @self: an #EfWindow
 *
 * Returns: what the window shows: "setup", "loading", "error", "welcome"
 *   (with the sign-in form), "first-connection", "password-reset" or
 *   "main" (signed in)
 */
const char *
ef_window_get_state (EfWindow *self)
{
  g_return_val_if_fail (EF_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * ef_window_get_kiosk:
 * @self: an #EfWindow
 *
 * Returns: (transfer none) (nullable): the idle watch, in kiosk mode
 */
EfKiosk *
ef_window_get_kiosk (EfWindow *self)
{
  g_return_val_if_fail (EF_IS_WINDOW (self), NULL);

  return self->kiosk;
}

/**
 * ef_window_get_page:
 * @self: an #EfWindow
 * @name: a page of the signed-in window, as ef_window_show_page() names it
 *
 * The pages other than the first are built the first time they are
 * shown; this builds @name now if it was not yet, without showing it.
 *
 * Returns: (transfer none) (nullable): the page, or %NULL when the
 *   account signed in has no such page (or nobody is signed in)
 */
GtkWidget *
ef_window_get_page (EfWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (EF_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return ensure_page (self, name);
}

/**
 * ef_window_show_page:
 * @self: an #EfWindow
 * @name: a page: "dashboard", "family", "enrolments", "reservations",
 *   "invoices" or "history"
 *
 * Shows a page of the signed-in window, as `win.show-page` does, but
 * without asking the page shown (see #EfWindow::leave-page-requested).
 *
 * Returns: %FALSE when there is no such page
 */
gboolean
ef_window_show_page (EfWindow   *self,
                     const char *name)
{
  GtkWidget *page;

  g_return_val_if_fail (EF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  page = ensure_page (self, name);
  if (page == NULL)
    {
      g_debug ("No page “%s”", name);
      return FALSE;
    }

  gtk_stack_set_visible_child (self->content_stack, page);
  select_sidebar_row (self, name);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  return TRUE;
}

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!ef_client_sign_out_finish (EF_CLIENT (source), result, &error))
    g_debug ("Sign-out: %s", error->message);
}

/**
 * ef_window_sign_out:
 * @self: an #EfWindow
 * @force: %TRUE to sign out even if a page wants to keep the session
 *
 * Signs out: unless @force, asks ::sign-out-requested first. The client
 * forgets the session, the remembered password and every model; the
 * pages are destroyed; the forms are emptied.
 */
void
ef_window_sign_out (EfWindow *self,
                    gboolean  force)
{
  gboolean stop = FALSE;

  g_return_if_fail (EF_IS_WINDOW (self));

  if (!force)
    {
      g_signal_emit (self, signals[SIGN_OUT_REQUESTED], 0, &stop);
      if (stop)
        return;
    }

  g_cancellable_cancel (self->session_cancellable);
  g_clear_object (&self->session_cancellable);
  self->session_cancellable = g_cancellable_new ();

  /* Before the pages go: nothing reloads into them meanwhile. */
  ef_client_sign_out_async (self->client, NULL, on_signed_out_cb, NULL);
  destroy_pages (self);
  /* Invoices opened in another application left copies behind. */
  ef_pdf_view_forget_copies_async (NULL, NULL, NULL);
  clear_sign_in (self);
  if (self->first_connection_page != NULL)
    ef_first_connection_page_clear (self->first_connection_page);
  if (self->password_reset_page != NULL)
    ef_password_reset_page_clear (self->password_reset_page);
  self->tried_remembered = TRUE;
  forget_remembered_lookup (self);

  if (ef_client_has_portal (self->client))
    show_sign_in (self);
  else
    show_setup (self);
}

/**
 * ef_window_add_toast:
 * @self: an #EfWindow
 * @title: a translated sentence
 *
 * Shows a short message at the bottom of the window.
 */
void
ef_window_add_toast (EfWindow   *self,
                     const char *title)
{
  g_return_if_fail (EF_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
on_demo_signed_in_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (EfWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  self->starting_demo = FALSE;
  if (ef_client_sign_in_finish (EF_CLIENT (source), result, &error))
    {
      show_main (self);
      return;
    }

  if (ef_client_error_is_cancelled (error))
    return;
  show_sign_in (self);
  ef_sign_in_page_show_error (self->sign_in_page, error);
}

static void
on_demo_started_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (EfWindow) self = user_data;
  EfDemoServer *server = EF_DEMO_SERVER (source);
  g_autoptr (GError) error = NULL;

  if (!ef_demo_server_start_finish (server, result, &error))
    {
      AdwToast *toast;

      self->starting_demo = FALSE;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      load_portal (self);
      toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  /* The demo's portal is on a port of the day: it is not remembered. */
  ef_client_set_portal_url (self->client, ef_demo_server_get_portal_url (server));
  ef_client_sign_in_async (self->client, ef_demo_server_get_email (server),
                           ef_demo_server_get_password (server), FALSE, self->cancellable,
                           on_demo_signed_in_cb, g_object_ref (self));
}

/**
 * ef_window_start_demo:
 * @self: an #EfWindow
 *
 * Starts the application's demo server and signs in to its demo family.
 */
void
ef_window_start_demo (EfWindow *self)
{
  GtkApplication *application;
  EfDemoServer *server;

  g_return_if_fail (EF_IS_WINDOW (self));

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (!EF_IS_APPLICATION (application) || self->starting_demo)
    return;

  if (ef_client_get_signed_in (self->client))
    ef_window_sign_out (self, TRUE);

  self->starting_demo = TRUE;
  forget_remembered_lookup (self);
  /* The demo's data is nobody's: no offline copies, no unsaved changes
   * kept, no key in the keyring. */
  ef_client_set_cache_dir (self->client, NULL);
  ef_client_set_state_dir (self->client, NULL);
  server = ef_application_get_demo_server (EF_APPLICATION (application));
  show_loading (self, _("Starting the Demo…"),
                _("A demo town and a demo family, on this computer only"));
  ef_demo_server_start_async (server, self->cancellable, on_demo_started_cb, g_object_ref (self));
}

#ifdef EF_HAVE_INVOICES_PAGE
static void
on_open_invoice_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (EfWindow) self = user_data;
  g_autoptr (EfInvoice) invoice = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window;

  invoice = ef_client_get_invoice_finish (EF_CLIENT (source), result, &error);
  if (invoice == NULL)
    {
      if (!ef_client_error_is_cancelled (error))
        ef_window_add_toast (self, ef_client_error_get_user_message (error));
      return;
    }

  window = ef_invoice_window_new (self->client, invoice, FALSE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
}
#endif

static gboolean
on_open_retry_cb (gpointer user_data)
{
  EfWindow *self = user_data;

  self->open_retry_id = 0;
  open_requested (self);
  return G_SOURCE_REMOVE;
}

/* A notification's action, once the family's pages are there. */
static void
open_requested (EfWindow *self)
{
  if (g_strcmp0 (ef_window_get_state (self), "main") != 0 || ef_client_get_is_staff (self->client))
    return;
  /* New pages are being built (a sign-in after opening offline): show_main()
   * opens what was asked once they are there. */
  if (self->show_main_id != 0)
    return;

#ifdef EF_HAVE_RESERVATIONS_PAGE
  if (self->open_activity != NULL)
    {
      GtkWidget *page = ensure_page (self, "reservations");
      EfReservationsPage *reservations = page != NULL ? EF_RESERVATIONS_PAGE (page) : NULL;
      EfReservationCalendar *calendar;
      g_autofree char *activity = NULL;

      if (reservations == NULL || !ef_window_show_page (self, "reservations"))
        {
          g_clear_pointer (&self->open_activity, g_free);
        }
      else if (g_strcmp0 (ef_reservations_page_get_state (reservations), "loading") == 0)
        {
          /* The page has no signal for its plannings: look again soon,
           * for a while. */
          if (self->open_retries++ < 300 && self->open_retry_id == 0)
            self->open_retry_id = g_timeout_add (100, on_open_retry_cb, self);
        }
      else
        {
          activity = g_steal_pointer (&self->open_activity);
          calendar = ef_reservations_page_get_calendar (reservations);
          if (g_strcmp0 (ef_reservations_page_get_state (reservations), "calendar") == 0
              && ef_reservations_page_set_child (reservations, self->open_member_id)
              && self->open_day >= ef_reservation_calendar_get_first_day (calendar)
              && self->open_day <= ef_reservation_calendar_get_last_day (calendar))
            {
              ef_reservation_calendar_set_activity (calendar, activity);
              ef_reservation_calendar_set_month (calendar, self->open_day);
              ef_reservation_calendar_set_focus_day (calendar, self->open_day);
            }
        }
    }
#endif

#ifdef EF_HAVE_INVOICES_PAGE
  if (self->open_invoice_id > 0)
    {
      ef_window_show_page (self, "invoices");
      ef_client_get_invoice_async (self->client, self->open_invoice_id, self->session_cancellable,
                                   on_open_invoice_cb, g_object_ref (self));
      self->open_invoice_id = 0;
    }
#endif
}

/**
 * ef_window_open_day:
 * @self: an #EfWindow
 * @member_id: the child
 * @activity: the activity's code
 * @day: the day
 *
 * Shows Mes réservations on @day of @member_id's @activity (once signed
 * in): the action of a deadline's notification.
 */
void
ef_window_open_day (EfWindow   *self,
                    gint64      member_id,
                    const char *activity,
                    EfDay       day)
{
  g_return_if_fail (EF_IS_WINDOW (self));
  g_return_if_fail (activity != NULL);

  self->open_member_id = member_id;
  g_free (self->open_activity);
  self->open_activity = g_strdup (activity);
  self->open_day = day;
  self->open_retries = 0;
  open_requested (self);
}

/**
 * ef_window_open_invoice:
 * @self: an #EfWindow
 * @invoice_id: the invoice
 *
 * Opens the invoice's window (once signed in): the action of an invoice's
 * or a payment's notification.
 */
void
ef_window_open_invoice (EfWindow *self,
                        gint64    invoice_id)
{
  g_return_if_fail (EF_IS_WINDOW (self));

  self->open_invoice_id = invoice_id;
  open_requested (self);
}
