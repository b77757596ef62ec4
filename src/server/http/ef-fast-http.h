/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-fast-http.h: the hot GET answered without libsoup's per-request work */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The request heads that the fast path reads (and the answers it writes):
 * larger ones are libsoup's. */
#define EF_FAST_HTTP_MAX_HEAD 8192

typedef struct _EfFastConnection EfFastConnection;

/**
 * EfFastRequest:
 * @path: the request's path, as written (only characters that need no
 *   decoding: letters, digits, "-", "_", "~" and "/")
 * @query: (nullable): its query, as written (letters, digits, "-", "_",
 *   "~", "=" and "&")
 * @authorization: (nullable): the value of its Authorization header
 *
 * A GET request of the one shape a well-behaved client sends: HTTP/1.1,
 * a Host, no body, no Connection, Expect, Upgrade or Transfer-Encoding.
 */
typedef struct {
  const char *path;
  const char *query;
  const char *authorization;
} EfFastRequest;

/**
 * EfFastHttpCallbacks:
 * @request: a request was read: returns TRUE when it will be answered
 *   (ef_fast_connection_respond() or ef_fast_connection_hand_over(), later
 *   or at once), FALSE to hand the connection over to libsoup now
 * @hand_over: libsoup's from now on: @stream reads again what the fast
 *   path had read of the connection, then the socket
 * @closed: the connection was closed (its peer closed it, an error, an
 *   answer with Connection: close, ef_fast_connection_close())
 * @answered: the answer of ef_fast_connection_respond() was sent whole
 *   (@sent), or will not be (the connection closed first, or was closed
 *   when it was given): once for each answer, before @closed
 *
 * What the server does with the connection. After @hand_over or @closed,
 * no callback is called again.
 */
typedef struct {
  gboolean (*request)   (EfFastConnection    *connection,
                         const EfFastRequest *request,
                         gpointer             user_data);
  void     (*hand_over) (EfFastConnection    *connection,
                         GIOStream           *stream,
                         gpointer             user_data);
  void     (*closed)    (EfFastConnection    *connection,
                         gpointer             user_data);
  void     (*answered)  (EfFastConnection    *connection,
                         gboolean             sent,
                         gpointer             user_data);
} EfFastHttpCallbacks;

/* Starts reading @socket (accepted, non-blocking) in the thread-default
 * main context. The connection holds one reference, released when it is
 * closed or handed over; the caller's is returned. */
EfFastConnection *ef_fast_connection_new       (GSocket                   *socket,
                                                const EfFastHttpCallbacks *callbacks,
                                                gpointer                   user_data);
EfFastConnection *ef_fast_connection_ref       (EfFastConnection          *self);
void              ef_fast_connection_unref     (EfFastConnection          *self);

/* Answers the request being served with @head (the status line and the
 * headers, ending with the empty line) then @body, and goes on with the
 * next request, or closes the connection once they are sent when @close. */
void              ef_fast_connection_respond   (EfFastConnection          *self,
                                                GBytes                    *head,
                                                GBytes                    *body,
                                                gboolean                   close);
/* Gives the connection to libsoup with the request being served: it will
 * read it again. */
void              ef_fast_connection_hand_over (EfFastConnection          *self);
/* Closes the connection (the server stops). */
void              ef_fast_connection_close     (EfFastConnection          *self);
/* Whether the connection is still the fast path's: not closed, not
 * handed over. */
gboolean          ef_fast_connection_is_open   (EfFastConnection          *self);

/* libsoup 3.2 reads the end of a kept-alive connection that its peer
 * closed between two requests, then neither closes the connection nor
 * forgets it: its SoupServer keeps the connection's object, and two
 * handlers of it, for as long as it runs. Until ef_fast_stream_release_end(),
 * @stream (given by @hand_over) reads its end as "would block", and is
 * never readable again once it has, so that libsoup goes on waiting for
 * the next request: the server can then take the connection back from
 * libsoup (soup_server_message_steal_connection(), which makes libsoup
 * forget it) and close it. @end_held (if not NULL) is called when the
 * end is held back, from libsoup's read: the connection must not be taken
 * back before that read has returned. Held while libsoup waits for a
 * request, released when it has read one. */
typedef void (*EfFastEndHeldFunc) (GIOStream *stream,
                                   gpointer   user_data);

void              ef_fast_stream_hold_end      (GIOStream                 *stream,
                                                EfFastEndHeldFunc          end_held,
                                                gpointer                   user_data);
gboolean          ef_fast_stream_get_end_held  (GIOStream                 *stream);
void              ef_fast_stream_release_end   (GIOStream                 *stream);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfFastConnection, ef_fast_connection_unref)

G_END_DECLS
