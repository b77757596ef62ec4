/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-test-util.h: helpers shared by the UI test programs */

#pragma once

#include <gtk/gtk.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "ef-window.h"
#include "pages/ef-sign-in-page.h"

G_BEGIN_DECLS

/* Generous for a loaded CI machine; reaching it fails the test. */
#define UI_TEST_WAIT_TIMEOUT_S 30

typedef gboolean (*UiTestCondition) (gpointer data);

/* ui_test_wait_until_every: iterates the main context, waking up every @interval_ms, until @condition holds or the timeout passes. */
gboolean       ui_test_wait_until_every (guint            interval_ms,
                                         UiTestCondition  condition,
                                         gpointer         data);
/* ui_test_wait_until: ui_test_wait_until_every() with a 50 ms tick; no fixed sleeps. */
gboolean       ui_test_wait_until       (UiTestCondition  condition,
                                         gpointer         data);

/* ui_test_on_result_cb: a GAsyncReadyCallback that stores a reference to the result in the GAsyncResult * at @user_data. */
void           ui_test_on_result_cb     (GObject         *source,
                                         GAsyncResult    *result,
                                         gpointer         user_data);
/* ui_test_wait_for_result: waits until ui_test_on_result_cb() has filled @result, and returns it. */
GAsyncResult  *ui_test_wait_for_result  (GAsyncResult   **result);

/* ui_test_is_mapped_cb: a condition, true once the GtkWidget @data is mapped. */
gboolean       ui_test_is_mapped_cb     (gpointer         data);
/* ui_test_settle_cb: a condition, true once the int at @data has been counted down to zero. */
gboolean       ui_test_settle_cb        (gpointer         data);

/* ui_test_application_new: a new application, registered and not unique (tests run side by side on one session bus), with @application_id unless NULL. */
EfApplication *ui_test_application_new  (const char      *application_id);
/* ui_test_signed_in_client: a new client of the portal at @url, signed in as @email with @password (not remembered). */
EfClient      *ui_test_signed_in_client (const char      *url,
                                         const char      *email,
                                         const char      *password);
/* ui_test_signed_in_window: a new window of @application on the portal at @url, shown, whose client is signed in as @email with @password (unless it already is); waits until it shows the family's pages. */
GtkWidget     *ui_test_signed_in_window (EfApplication   *application,
                                         const char      *url,
                                         const char      *email,
                                         const char      *password);
/* ui_test_member_id: the id of the member of @client's family whose first name is @first_name, asserted to exist. */
gint64         ui_test_member_id        (EfClient        *client,
                                         const char      *first_name);

/* ui_test_run_command: runs @argv while GTK keeps handling the events it causes; returns its standard output. */
char          *ui_test_run_command      (const char * const *argv);

/* ui_test_window_child: the template child @name of @window, asserted to exist. */
gpointer       ui_test_window_child     (EfWindow        *window,
                                         const char      *name);
/* ui_test_sign_in_page: the sign-in form of @window's welcome page, NULL
 * until the welcome page has been shown. */
EfSignInPage  *ui_test_sign_in_page     (EfWindow        *window);
/* ui_test_form_child: the template child @name of @window's sign-in form, asserted to exist. */
gpointer       ui_test_form_child       (EfWindow        *window,
                                         const char      *name);
/* A state of @object, as a page's or a window's get_state(). */
typedef const char *(*UiTestStateFunc) (gpointer object);

/* ui_test_assert_soon_in_state: fails unless @get (@object) is @state within the timeout; @what ("the page") names @object in the message. */
void           ui_test_assert_soon_in_state (UiTestStateFunc  get,
                                             gpointer         object,
                                             const char      *what,
                                             const char      *state);
/* ui_test_assert_state_soon: fails unless @window reaches @state within the timeout. */
void           ui_test_assert_state_soon (EfWindow       *window,
                                          const char     *state);

/* ui_test_find_toplevel: the first toplevel window of @type (only a visible one when @visible), or NULL. */
gpointer       ui_test_find_toplevel    (GType            type,
                                         gboolean         visible);

/* ui_test_maybe_screenshot: with EF_SCREENSHOT_DIR, saves what @widget shows as NAME.png there, once transitions have ended. */
void           ui_test_maybe_screenshot        (GtkWidget      *widget,
                                                const char     *name);
/* ui_test_maybe_screenshot_screen: with EF_SCREENSHOT_DIR, saves the whole X screen (popovers and dialogs are windows of their own) as NAME.png there, with `import -window root`. */
void           ui_test_maybe_screenshot_screen (const char     *name);

/* ui_test_xdotool_drag: a real drag with the X server's pointer in the X window @window_id: presses on the first of @points (window coordinates), passes over every other one, releases on the last, 50 ms between moves. The release reaches GTK after it returns. */
void           ui_test_xdotool_drag            (const char             *window_id,
                                                const graphene_point_t *points,
                                                guint                   n_points);

/* ui_test_xdotool_keys: real keys of the X server's keyboard, @keys (xdotool key names, NULL-terminated), @delay_ms apart, in the X window @window_id, focused first. The keys reach GTK after it returns. */
void           ui_test_xdotool_keys            (const char             *window_id,
                                                guint                   delay_ms,
                                                const char * const     *keys);

/* ui_test_x_window_id: the X window id of the toplevel titled @title, waiting for it to be mapped. */
char          *ui_test_x_window_id             (const char     *title);
/* ui_test_xdotool_click: a real click of the X server's pointer in the middle of @widget, shown in @window (whose title must be unique). */
void           ui_test_xdotool_click           (GtkWindow      *window,
                                                GtkWidget      *widget);

G_END_DECLS
