/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-password-chooser.c: the new password of an invitation and of a reset
 *
 * Both pages that end with a new password (EfFirstConnectionPage and
 * EfPasswordResetPage) in a real window, with an EfPasswordChooser whose
 * sender is a fake that the test answers: the rules checked before
 * anything is sent, the busy state, the portal's errors under the field
 * concerned, ::done with the account's e-mail and the form cleared.
 * No server: nothing is sent.
 *
 * With EF_SCREENSHOT_DIR, saves both pages with an error shown.
 */

#define G_LOG_DOMAIN "EfTestPasswordChooser"

#include "config.h"

#include <adwaita.h>

#include "api/ef-client-error.h"
#include "pages/ef-first-connection-page.h"
#include "pages/ef-password-reset-page.h"
#include "widgets/ef-password-chooser.h"
#include "ui-test-util.h"

#define TOKEN "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"
#define LINK "https://espacefamille.example.fr/7249/first-connection?token=" TOKEN

typedef struct {
  EfClient          *client;
  GtkWindow         *window;
  GtkWidget         *page;
  EfPasswordChooser *chooser;
  GTask             *pending;   /* the fake's request, until answered */
  char              *token;     /* what the fake was sent */
  char              *password;
  char              *done_email;
  guint              n_sent;
  guint              n_done;
} Fixture;

static Fixture *current;

static void
fake_send (EfClient            *client,
           const char          *token,
           const char          *password,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_assert_null (current->pending);
  current->pending = g_task_new (client, cancellable, callback, user_data);
  g_free (current->token);
  current->token = g_strdup (token);
  g_free (current->password);
  current->password = g_strdup (password);
  current->n_sent++;
}

static char *
fake_finish (EfClient      *client,
             GAsyncResult  *result,
             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_done_cb (GtkWidget  *page,
            const char *email,
            Fixture    *fixture)
{
  g_free (fixture->done_email);
  fixture->done_email = g_strdup (email);
  fixture->n_done++;
}

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->chooser),
                                                   EF_TYPE_PASSWORD_CHOOSER, name);

  g_assert_nonnull (object);
  return object;
}

static GtkWidget *
submit_button (Fixture *fixture)
{
  return gtk_widget_get_ancestor (child (fixture, "spinner"), GTK_TYPE_BUTTON);
}

static void
type (Fixture    *fixture,
      const char *token,
      const char *password,
      const char *confirmation)
{
  gtk_editable_set_text (child (fixture, "token_row"), token);
  gtk_editable_set_text (child (fixture, "password_row"), password);
  gtk_editable_set_text (child (fixture, "confirm_row"), confirmation);
}

static void
submit (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->chooser),
                                             "password-chooser.submit", NULL));
}

/* The label @name is shown with @text (or hidden when @text is NULL). */
static void
assert_message (Fixture    *fixture,
                const char *name,
                const char *text)
{
  GtkLabel *label = child (fixture, name);

  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (label)), ==, text != NULL);
  if (text != NULL)
    g_assert_cmpstr (gtk_label_get_text (label), ==, text);
}

static gboolean
is_answered_cb (gpointer data)
{
  Fixture *fixture = data;

  return !ef_password_chooser_get_busy (fixture->chooser);
}

static void
answer (Fixture *fixture,
        GError  *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&fixture->pending);

  g_assert_nonnull (task);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup ("parent@example.fr"), g_free);
  g_assert_true (ui_test_wait_until (is_answered_cb, fixture));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean reset = GPOINTER_TO_INT (data);

  current = fixture;
  fixture->client = ef_client_new ("https://espacefamille.example.fr/7249");
  if (reset)
    fixture->page = GTK_WIDGET (ef_password_reset_page_new (fixture->client));
  else
    fixture->page = GTK_WIDGET (ef_first_connection_page_new (fixture->client));
  fixture->chooser = EF_PASSWORD_CHOOSER (
    gtk_widget_get_template_child (fixture->page, G_OBJECT_TYPE (fixture->page), "chooser"));
  g_assert_nonnull (fixture->chooser);
  g_assert_true (ef_password_chooser_get_client (fixture->chooser) == fixture->client);
  {
    g_autoptr (EfClient) page_client = NULL;

    g_object_get (fixture->page, "client", &page_client, NULL);
    g_assert_true (page_client == fixture->client);
  }
  ef_password_chooser_set_sender (fixture->chooser, fake_send, fake_finish);
  g_signal_connect (fixture->page, "done", G_CALLBACK (on_done_cb), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 760);
  gtk_window_set_child (fixture->window, fixture->page);
  gtk_window_present (fixture->window);
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, fixture->chooser));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->pending);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->client);
  g_free (fixture->token);
  g_free (fixture->password);
  g_free (fixture->done_email);
  current = NULL;
}

/* Nothing is sent until the link and both passwords follow the rules. */
static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  gboolean reset = GPOINTER_TO_INT (data);

  type (fixture, "not a link", "long enough password", "long enough password");
  submit (fixture);
  assert_message (fixture, "token_error_label",
                  reset
                  ? "Paste the whole link of the e-mail, or the code it contains."
                  : "Paste the whole link of the invitation e-mail, or the code it contains.");
  g_assert_true (gtk_widget_has_css_class (child (fixture, "token_row"), "error"));
  assert_message (fixture, "password_error_label", NULL);

  /* Typing clears the message. */
  type (fixture, LINK, "short", "short");
  assert_message (fixture, "token_error_label", NULL);
  g_assert_false (gtk_widget_has_css_class (child (fixture, "token_row"), "error"));

  submit (fixture);
  assert_message (fixture, "password_error_label", "The password needs at least 10 characters.");
  g_assert_true (gtk_widget_has_css_class (child (fixture, "password_row"), "error"));

  type (fixture, LINK, "long enough password", "long enough passwort");
  submit (fixture);
  assert_message (fixture, "password_error_label",
                  "The two passwords are not the same: type the new password twice.");
  ui_test_maybe_screenshot (GTK_WIDGET (fixture->window),
                            reset ? "password-reset-rules" : "first-connection-rules");

  g_assert_cmpuint (fixture->n_sent, ==, 0);
  g_assert_cmpuint (fixture->n_done, ==, 0);
}

/* While the password is on its way the button waits; ::done gives the
 * e-mail and forgets what was typed. */
static void
test_done (Fixture       *fixture,
           gconstpointer  data)
{
  type (fixture, LINK, "long enough password", "long enough password");
  submit (fixture);
  g_assert_cmpuint (fixture->n_sent, ==, 1);
  g_assert_cmpstr (fixture->token, ==, TOKEN);
  g_assert_cmpstr (fixture->password, ==, "long enough password");
  g_assert_true (ef_password_chooser_get_busy (fixture->chooser));
  g_assert_true (gtk_widget_get_visible (child (fixture, "spinner")));
  g_assert_false (gtk_widget_get_sensitive (submit_button (fixture)));

  /* Enter in the second field does not send twice. */
  g_signal_emit_by_name (child (fixture, "confirm_row"), "entry-activated");
  g_assert_cmpuint (fixture->n_sent, ==, 1);

  answer (fixture, NULL);
  g_assert_cmpuint (fixture->n_done, ==, 1);
  g_assert_cmpstr (fixture->done_email, ==, "parent@example.fr");
  g_assert_false (gtk_widget_get_visible (child (fixture, "spinner")));
  g_assert_true (gtk_widget_get_sensitive (submit_button (fixture)));
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "token_row")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "password_row")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "confirm_row")), ==, "");

  /* Enter in the second field sends, once the form is valid again. */
  type (fixture, TOKEN, "another long password", "another long password");
  g_signal_emit_by_name (child (fixture, "confirm_row"), "entry-activated");
  g_assert_cmpuint (fixture->n_sent, ==, 2);
  answer (fixture, NULL);
  g_assert_cmpuint (fixture->n_done, ==, 2);
}

/* The portal's refusals are shown where they belong; the form is kept. */
static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  static const char body[] =
    "{\"error\": {\"code\": \"validation_failed\", \"message\": \"bad password\","
    " \"details\": [{\"field\": \"password\", \"code\": \"too_short\"}]}}";
  g_autoptr (GBytes) bytes = g_bytes_new_static (body, sizeof body - 1);
  GError *error;
  g_autofree char *password_message = NULL;
  gboolean reset = GPOINTER_TO_INT (data);

  type (fixture, LINK, "long enough password", "long enough password");
  submit (fixture);
  answer (fixture, _ef_client_error_new_with_message (EF_CLIENT_ERROR_LINK_EXPIRED,
                                                      "This link has expired.", "test"));
  assert_message (fixture, "token_error_label", "This link has expired.");
  assert_message (fixture, "password_error_label", NULL);
  assert_message (fixture, "error_label", NULL);
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "token_row")), ==, LINK);
  ui_test_maybe_screenshot (GTK_WIDGET (fixture->window),
                            reset ? "password-reset-expired" : "first-connection-expired");

  submit (fixture);
  error = _ef_client_error_new_for_response (422, bytes, "test", NULL);
  {
    g_autoptr (GHashTable) fields = ef_client_error_get_field_messages (error);

    password_message = g_strdup (g_hash_table_lookup (fields, "password"));
  }
  g_assert_nonnull (password_message);
  answer (fixture, error);
  assert_message (fixture, "token_error_label", NULL);
  assert_message (fixture, "password_error_label", password_message);

  submit (fixture);
  answer (fixture, _ef_client_error_new_with_message (EF_CLIENT_ERROR_NETWORK,
                                                      "No connection.", "test"));
  assert_message (fixture, "password_error_label", NULL);
  assert_message (fixture, "error_label", "No connection.");
  g_assert_cmpuint (fixture->n_done, ==, 0);
}

/* Clearing the page forgets the request on its way: no ::done comes. */
static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  gboolean reset = GPOINTER_TO_INT (data);

  type (fixture, LINK, "long enough password", "long enough password");
  submit (fixture);
  g_assert_true (ef_password_chooser_get_busy (fixture->chooser));
  if (reset)
    ef_password_reset_page_clear (EF_PASSWORD_RESET_PAGE (fixture->page));
  else
    ef_first_connection_page_clear (EF_FIRST_CONNECTION_PAGE (fixture->page));
  g_assert_false (ef_password_chooser_get_busy (fixture->chooser));
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "token_row")), ==, "");

  g_assert_true (g_task_return_error_if_cancelled (fixture->pending));
  g_clear_object (&fixture->pending);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fixture->n_done, ==, 0);
  assert_message (fixture, "error_label", NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func)                                                            \
  g_test_add ("/ui/first-connection/" path, Fixture, GINT_TO_POINTER (FALSE),      \
              fixture_set_up, func, fixture_tear_down);                            \
  g_test_add ("/ui/password-reset/" path, Fixture, GINT_TO_POINTER (TRUE),         \
              fixture_set_up, func, fixture_tear_down)

  ADD ("rules", test_rules);
  ADD ("done", test_done);
  ADD ("errors", test_errors);
  ADD ("clear", test_clear);

#undef ADD

  return g_test_run ();
}
