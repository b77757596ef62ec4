/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-test-util.h: helpers shared by the UI test programs */

#pragma once

#include <gtk/gtk.h>

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

/* ui_test_run_command: runs @argv while GTK keeps handling the events it causes; returns its standard output. */
char          *ui_test_run_command      (const char * const *argv);

/* ui_test_window_child: the template child @name of @window, asserted to exist. */
gpointer       ui_test_window_child     (EfWindow        *window,
                                         const char      *name);
/* ui_test_sign_in_page: the sign-in form of @window's welcome page. */
EfSignInPage  *ui_test_sign_in_page     (EfWindow        *window);
/* ui_test_form_child: the template child @name of @window's sign-in form, asserted to exist. */
gpointer       ui_test_form_child       (EfWindow        *window,
                                         const char      *name);
/* ui_test_assert_state_soon: fails unless @window reaches @state within the timeout. */
void           ui_test_assert_state_soon (EfWindow       *window,
                                          const char     *state);

/* ui_test_maybe_screenshot: with EF_SCREENSHOT_DIR, saves what @widget shows as NAME.png there, once transitions have ended. */
void           ui_test_maybe_screenshot        (GtkWidget      *widget,
                                                const char     *name);
/* ui_test_maybe_screenshot_screen: with EF_SCREENSHOT_DIR, saves the whole X screen (popovers and dialogs are windows of their own) as NAME.png there, with `import -window root`. */
void           ui_test_maybe_screenshot_screen (const char     *name);

/* ui_test_xdotool_drag: a real drag with the X server's pointer in the X window @window_id: presses on the first of @points (window coordinates), passes over every other one, releases on the last, 50 ms between moves. The release reaches GTK after it returns. */
void           ui_test_xdotool_drag            (const char             *window_id,
                                                const graphene_point_t *points,
                                                guint                   n_points);

/* ui_test_x_window_id: the X window id of the toplevel titled @title, waiting for it to be mapped. */
char          *ui_test_x_window_id             (const char     *title);
/* ui_test_xdotool_click: a real click of the X server's pointer in the middle of @widget, shown in @window (whose title must be unique). */
void           ui_test_xdotool_click           (GtkWindow      *window,
                                                GtkWidget      *widget);

G_END_DECLS
