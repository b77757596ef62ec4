/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-early.h: a remembered start, asked for before the window exists */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "ef-credentials.h"

G_BEGIN_DECLS

typedef struct _EfEarlyAnswer EfEarlyAnswer;

/* What the thread needs, copied or referenced for it. */
typedef struct
{
  char          *portal_url;     /* normalized */
  EfCredentials *credentials;
  GCancellable  *keyring_cancellable;  /* cancelled after the keyring's timeout */
  guint          keyring_timeout_id;
  guint          timeout;
  const char    *user_agent;
  gsize          max_body_size;
  GBytes      *(*trade_body) (const char *device_token);
} EfEarlyInput;

typedef struct
{
  GPtrArray    *answers;            /* of EfEarlyAnswer */
  gboolean      looked_up;          /* the keyring answered */
  char         *email;              /* (nullable): what it remembers */
  char         *secret;             /* (nullable) */
  EfSecretKind  kind;
  char         *session_token;      /* (nullable): the session the sign-in opened */
  char         *next_device_token;  /* (nullable): stored in the keyring */
} EfEarlyResult;

/* A request of the portal's API as the client sends it, from any thread:
 * no redirect (it could lead elsewhere with the token), @accept, the bearer
 * @token if any, the JSON @body if any. NULL if @uri is not valid. */
SoupMessage   *_ef_client_message_new           (const char         *method,
                                                 const char         *uri,
                                                 const char         *accept,
                                                 const char         *token,
                                                 GBytes             *body);

/* In a worker thread. The keyring's calls stop when @keyring_cancellable
 * is cancelled; the portal's requests end by their own timeout. */
EfEarlyResult *_ef_early_run                    (const EfEarlyInput *input,
                                                 GCancellable       *keyring_cancellable);
void           _ef_early_result_free            (EfEarlyResult      *result);

/* The answer of the request described, taken out of @answers; NULL if
 * there is none (or only an old one, dropped). */
EfEarlyAnswer *_ef_early_answers_take           (GPtrArray          *answers,
                                                 const char         *method,
                                                 const char         *uri,
                                                 const char         *token,
                                                 GBytes             *request_body);
const GError  *_ef_early_answer_get_error       (EfEarlyAnswer      *answer);
guint          _ef_early_answer_get_status      (EfEarlyAnswer      *answer);
const char    *_ef_early_answer_get_date        (EfEarlyAnswer      *answer);
GBytes        *_ef_early_answer_get_body        (EfEarlyAnswer      *answer);
gint64         _ef_early_answer_get_sent_at     (EfEarlyAnswer      *answer);
gint64         _ef_early_answer_get_received_at (EfEarlyAnswer      *answer);
void           _ef_early_answer_free            (EfEarlyAnswer      *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfEarlyResult, _ef_early_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfEarlyAnswer, _ef_early_answer_free)

G_END_DECLS
