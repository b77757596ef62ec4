/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-test-api.h: signed-in JSON requests to a test server */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ef-test-server.h"

G_BEGIN_DECLS

/* A session without proxy, for loopback. */
SoupSession *ef_test_api_session_new        (void);

/* The demo account, from the "Demo account: EMAIL / PASSWORD" line that
 * `demo` prints (runs it again on the server's database: it is idempotent). */
void         ef_test_api_demo_account       (EfTestServer  *server,
                                             char         **email,
                                             char         **password);

/* The demo's staff account, from its "Demo staff account: EMAIL / PASSWORD"
 * line. */
void         ef_test_api_demo_staff_account (EfTestServer  *server,
                                             char         **email,
                                             char         **password);

/* Sends @method @path (under the server's URL) with @body (JSON text or
 * NULL) and the bearer @token (or NULL); returns the parsed answer (NULL
 * when empty) and stores the status. Aborts the test on transport errors. */
JsonNode    *ef_test_api_request            (SoupSession   *session,
                                             EfTestServer  *server,
                                             const char    *method,
                                             const char    *path,
                                             const char    *token,
                                             const char    *body,
                                             guint         *status);

/* Signs in to tenant 7249 and returns the session token. */
char        *ef_test_api_login              (SoupSession   *session,
                                             EfTestServer  *server,
                                             const char    *email,
                                             const char    *password);

/* Sets the test clock (a server started with --test-clock). */
void         ef_test_api_set_clock          (SoupSession   *session,
                                             EfTestServer  *server,
                                             const char    *token,
                                             const char    *now);

/* The error code of an error answer, or NULL. */
const char  *ef_test_api_error_code         (JsonNode      *answer);

/* The first object of @array whose string member @member is @value, or
 * NULL. */
JsonObject  *ef_test_json_find              (JsonArray     *array,
                                             const char    *member,
                                             const char    *value);

/* The member of @family (a family's JSON) whose first name is
 * @first_name; aborts the test when there is none. */
JsonObject  *ef_test_api_member_named       (JsonNode      *family,
                                             const char    *first_name);

/* A browser's request: @method @url, with @form (urlencoded) as its body
 * unless NULL, no redirection followed. Returns the body as text, stores
 * the status and, unless NULL, the Location header and the answer's
 * headers (a new reference). Aborts the test on transport errors. */
char        *ef_test_api_browse             (SoupSession         *session,
                                             const char          *method,
                                             const char          *url,
                                             const char          *form,
                                             guint               *status,
                                             char               **location,
                                             SoupMessageHeaders **headers);

/* Plays the payer's browser on a PayFiP provider page (the simulator's):
 * opens @provider_url, reads its form and submits it with @action
 * ("payer", "refuser" or "annuler") and @card (NULL: the test card that
 * pays), then follows the redirection to the portal's return page, whose
 * text is returned. Asserts on the way: the page shows @expected_amount
 * (e.g. "47,40 €", NULL not to check). */
char        *ef_test_api_play_provider_page (SoupSession   *session,
                                             const char    *provider_url,
                                             const char    *action,
                                             const char    *card,
                                             const char    *expected_amount);

/* Starts a demo server, signs in as the demo family and returns the PDF of
 * its invoice 4 (A4) as the server draws it; asserts that it is one. */
GBytes      *ef_test_api_demo_invoice_pdf   (void);

/* Reserves @activity for @member_id on @days (NULL-terminated, between
 * @from and @to) through the API, as another computer would; asserts that
 * it is saved. */
void         ef_test_api_reserve_days       (SoupSession         *session,
                                             EfTestServer        *server,
                                             const char          *token,
                                             gint64               member_id,
                                             const char          *activity,
                                             const char          *from,
                                             const char          *to,
                                             const char * const  *days);

/* A reservation batch (the body of POST /7249/api/v1/reservations) that
 * toggles every day of the school year 2026-2027 that may still be
 * changed, for each of the @n_members members, with their planning's
 * versions; @n_changes its size. */
char        *ef_test_api_year_batch         (SoupSession   *session,
                                             EfTestServer  *server,
                                             const char    *token,
                                             const gint64  *members,
                                             guint          n_members,
                                             guint         *n_changes);

/* What a proxy in a test passes back instead of @body, the answer of
 * @upstream (a new reference), or NULL to pass @body on as it is. */
typedef GBytes *(*EfTestApiRewrite) (const char  *method,
                                     const char  *path,
                                     SoupMessage *upstream,
                                     GBytes      *body,
                                     gpointer     user_data);

/* For a proxy in the test's process: sends @msg on to @upstream_url (a
 * server's URL, the path and query appended) with its method, body and the
 * headers Authorization, Accept and Content-Type, and answers @msg with
 * what came back (status, Date, Content-Type, body through @rewrite unless
 * NULL). Blocks: the server is another process. */
void         ef_test_api_forward            (SoupSession        *session,
                                             const char         *upstream_url,
                                             SoupServerMessage  *msg,
                                             EfTestApiRewrite    rewrite,
                                             gpointer            user_data);

/**
 * EfTestDemo:
 * @server: a server on the demo data, started with --test-clock
 * @session: a session for it
 * @email, @password: the demo family's responsible adult
 * @token: that adult's session, once signed in
 *
 * The fixture of most API tests: "a server with the demo family signed in".
 * A test's own fixture may start with it, or be it.
 */
typedef struct {
  EfTestServer *server;
  SoupSession  *session;
  char         *email;
  char         *password;
  char         *token;
} EfTestDemo;

/* Starts the server and opens the session; does not sign in, so that a
 * test can prepare the database and the clock first. */
void         ef_test_demo_start             (EfTestDemo    *demo);
/* Sets the test clock to @now (unless NULL), then signs in. */
void         ef_test_demo_sign_in           (EfTestDemo    *demo,
                                             const char    *now);
/* Stops the server and frees everything. */
void         ef_test_demo_clear             (EfTestDemo    *demo);

/* The same as GTest fixture functions: start and sign in at the machine's
 * time; clear. */
void         ef_test_demo_set_up            (EfTestDemo    *demo,
                                             gconstpointer  data);
void         ef_test_demo_tear_down         (EfTestDemo    *demo,
                                             gconstpointer  data);

G_END_DECLS
