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

G_END_DECLS
