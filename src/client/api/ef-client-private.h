/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-private.h: how the files of EfClient send a request */

#pragma once

#include <json-glib/json-glib.h>

#include "ef-client.h"

G_BEGIN_DECLS

/* Reads an answer; runs in a worker thread, touches nothing shared. */
typedef gpointer (*EfAnswerParser)  (JsonNode  *node,
                                     GError   **error);
/* Runs in the main context with the answer read, before the caller hears. */
typedef void     (*EfAnswerHandler) (EfClient  *self,
                                     gpointer   result);

typedef enum {
  EF_REQUEST_PUBLIC    = 0,
  EF_REQUEST_SIGNED_IN = 1 << 0,   /* sends the session's token */
  EF_REQUEST_NO_RETRY  = 1 << 1,   /* an ended session is not opened again */
} EfRequestFlags;

typedef struct _EfRequest EfRequest;

EfRequest *_ef_request_new           (const char      *method,
                                      const char      *path,
                                      EfRequestFlags   flags);
void       _ef_request_free          (EfRequest       *request);
void       _ef_request_set_json_body (EfRequest       *request,
                                      JsonNode        *body);
void       _ef_request_set_parser    (EfRequest       *request,
                                      EfAnswerParser   parse,
                                      GDestroyNotify   result_free,
                                      EfAnswerHandler  handler);
void       _ef_request_set_raw       (EfRequest       *request,
                                      const char      *accept);

/* Sends @request (taken) for @task, whose source object is @self: the task
 * returns the parsed answer as a pointer, the answer's GBytes for a raw
 * request, or TRUE when there is no parser. */
void       _ef_client_send           (EfClient        *self,
                                      EfRequest       *request,
                                      GTask           *task);

/* What every _finish() returns: once the caller's cancellable is cancelled
 * the answer is dropped and EF_CLIENT_ERROR_CANCELLED returned, even if it
 * had arrived, so that a caller that went away (a closed window) is never
 * handed a result. */
gpointer   _ef_client_propagate_pointer (GAsyncResult  *result,
                                         GError       **error);
gboolean   _ef_client_propagate_boolean (GAsyncResult  *result,
                                         GError       **error);
/* _ef_client_propagate_pointer() for a _finish() of @self whose _async()
 * is @source_tag, with the public entry point's checks. */
gpointer   _ef_client_finish_pointer    (EfClient      *self,
                                         GAsyncResult  *result,
                                         gpointer       source_tag,
                                         GError       **error);
gboolean   _ef_client_finish_boolean    (EfClient      *self,
                                         GAsyncResult  *result,
                                         gpointer       source_tag,
                                         GError       **error);
/* Sends @method @path (with the JSON @body, if any) signed in, read by
 * @parse in a worker, for @task. */
void       _ef_client_send_parsed       (EfClient       *self,
                                         GTask          *task,
                                         const char     *method,
                                         const char     *path,
                                         JsonNode       *body,
                                         EfAnswerParser  parse,
                                         GDestroyNotify  result_free);

/* The largest answer accepted, MAX_BODY_SIZE unless a test says less. */
void       _ef_client_set_max_body_size (EfClient     *self,
                                         gsize         size);

/* What the client keeps of the answers, for views to bind to. */
void       _ef_client_set_family     (EfClient        *self,
                                      EfFamily        *family);
void       _ef_client_replace_member (EfClient        *self,
                                      EfMember        *member);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfRequest, _ef_request_free)

G_END_DECLS
