/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-fast-http.c: the hot GET answered without libsoup's per-request work
 *
 * Every connection the server accepts is first read here, with one source
 * on its descriptor, plain recv() and sendmsg(). A request head of the one
 * shape that well-behaved clients send is offered to the server, which
 * answers it here (the planning GET) or declines; at the first request
 * declined, or of any other shape, the connection goes to libsoup with
 * what was read of it, and stays libsoup's (docs/architecture.md, "The
 * fast path").
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "ef-fast-http.h"

/* How much is read at once. */
#define READ_CHUNK 16384

/* The input stream that libsoup reads: first the bytes the fast path had
 * read, then the socket's stream. libsoup 3.2 reads pollably: it must be a
 * GPollableInputStream as the socket's is. */
#define EF_TYPE_REPLAY_STREAM (ef_replay_stream_get_type ())
G_DECLARE_FINAL_TYPE (EfReplayStream, ef_replay_stream, EF, REPLAY_STREAM, GInputStream)

struct _EfReplayStream
{
  GInputStream  parent_instance;

  GInputStream *base;     /* the socket's: pollable */
  GBytes       *replay;   /* what is read first, or NULL once read */
  gsize         offset;
  gboolean      hold_end; /* ef_fast_stream_hold_end() */
  gboolean      end_held; /* the end was read and held back */
  EfFastEndHeldFunc end_held_func;
  gpointer      end_held_data;
  GIOStream    *owner;    /* the EfHandoverStream (not a reference) */
};

static void ef_replay_stream_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EfReplayStream, ef_replay_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      ef_replay_stream_pollable_init))

/* The connection's stream for libsoup: the replaying input, the socket's
 * output; closing it closes the socket. */
#define EF_TYPE_HANDOVER_STREAM (ef_handover_stream_get_type ())
G_DECLARE_FINAL_TYPE (EfHandoverStream, ef_handover_stream, EF, HANDOVER_STREAM, GIOStream)

struct _EfHandoverStream
{
  GIOStream      parent_instance;

  GIOStream     *base;    /* the socket's GSocketConnection */
  GInputStream  *input;   /* an EfReplayStream on the base's */
};

G_DEFINE_FINAL_TYPE (EfHandoverStream, ef_handover_stream, G_TYPE_IO_STREAM)

typedef enum {
  STATE_OPEN,
  STATE_HANDED_OVER,
  STATE_CLOSED,
} State;

struct _EfFastConnection
{
  gint        ref_count;
  State       state;
  GSocket    *socket;
  int         fd;
  GSource    *source;
  gpointer    fd_tag;
  GIOCondition events;

  const EfFastHttpCallbacks *callbacks;
  gpointer    user_data;

  GByteArray *input;          /* read, not answered yet */
  gsize       scanned;        /* of input, searched for the head's end */
  gsize       request_length; /* > 0: that request is being answered */
  gboolean    peer_closed;    /* end of file read */
  gboolean    processing;     /* in process_input() */

  gboolean    answering;      /* an answer given, not sent whole yet */
  GBytes     *output[2];      /* the answer being sent: head, body */
  gsize       output_offset;  /* sent of output[0] then output[1] */
  gboolean    close_after;    /* once the answer is sent */
};

typedef struct
{
  GSource           source;
  EfFastConnection *connection;
} ConnectionSource;

static void process_input (EfFastConnection *self);
static void update_events (EfFastConnection *self);

/* EfReplayStream */

static gssize
replay_take (EfReplayStream *self,
             void           *buffer,
             gsize           count)
{
  gsize size;
  const char *data = g_bytes_get_data (self->replay, &size);
  gsize n = MIN (count, size - self->offset);

  memcpy (buffer, data + self->offset, n);
  self->offset += n;
  if (self->offset == size)
    g_clear_pointer (&self->replay, g_bytes_unref);
  return (gssize) n;
}

static gssize
ef_replay_stream_read (GInputStream  *stream,
                       void          *buffer,
                       gsize          count,
                       GCancellable  *cancellable,
                       GError       **error)
{
  EfReplayStream *self = EF_REPLAY_STREAM (stream);

  if (self->replay != NULL && count > 0)
    return replay_take (self, buffer, count);
  return g_input_stream_read (self->base, buffer, count, cancellable, error);
}

static gboolean
ef_replay_stream_close (GInputStream  *stream,
                        GCancellable  *cancellable,
                        GError       **error)
{
  /* The socket is closed with the connection's stream. */
  return TRUE;
}

static gboolean
ef_replay_stream_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
ef_replay_stream_is_readable (GPollableInputStream *stream)
{
  EfReplayStream *self = EF_REPLAY_STREAM (stream);

  if (self->end_held)
    return FALSE;
  return self->replay != NULL ||
         g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base));
}

static GSource *
ef_replay_stream_create_source (GPollableInputStream *stream,
                                GCancellable         *cancellable)
{
  EfReplayStream *self = EF_REPLAY_STREAM (stream);
  g_autoptr(GSource) child = NULL;

  /* Readable at once while bytes are to be replayed; never again once
   * the end is held back (the peer sends nothing after its end). */
  if (self->end_held)
    child = NULL;
  else if (self->replay != NULL)
    child = g_timeout_source_new (0);
  else
    child = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base),
                                                   cancellable);
  return g_pollable_source_new_full (stream, child, cancellable);
}

static gssize
ef_replay_stream_read_nonblocking (GPollableInputStream  *stream,
                                   void                  *buffer,
                                   gsize                  count,
                                   GError               **error)
{
  EfReplayStream *self = EF_REPLAY_STREAM (stream);
  gssize n;

  if (self->replay != NULL && count > 0)
    return replay_take (self, buffer, count);
  if (self->end_held)
    n = 0;
  else
    {
      g_autoptr(GError) local = NULL;

      n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (self->base),
                                                    buffer, count, NULL, &local);
      /* A reset (ECONNRESET) is an end too while the end is held back:
       * libsoup 3.2 would fail its waiting message on the error and keep
       * no message to take the connection back with. */
      if (n < 0 && self->hold_end && count > 0 &&
          !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        n = 0;
      else if (n < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return -1;
        }
    }
  if (n == 0 && count > 0 && self->hold_end)
    {
      if (!self->end_held && self->end_held_func != NULL)
        self->end_held_func (self->owner, self->end_held_data);
      self->end_held = TRUE;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                           "The end of the stream is held back");
      return -1;
    }
  return n;
}

static void
ef_replay_stream_finalize (GObject *object)
{
  EfReplayStream *self = EF_REPLAY_STREAM (object);

  g_clear_object (&self->base);
  g_clear_pointer (&self->replay, g_bytes_unref);

  G_OBJECT_CLASS (ef_replay_stream_parent_class)->finalize (object);
}

static void
ef_replay_stream_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = ef_replay_stream_can_poll;
  iface->is_readable = ef_replay_stream_is_readable;
  iface->create_source = ef_replay_stream_create_source;
  iface->read_nonblocking = ef_replay_stream_read_nonblocking;
}

static void
ef_replay_stream_class_init (EfReplayStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = ef_replay_stream_finalize;
  stream_class->read_fn = ef_replay_stream_read;
  stream_class->close_fn = ef_replay_stream_close;
}

static void
ef_replay_stream_init (EfReplayStream *self)
{
}

/* EfHandoverStream */

static GInputStream *
ef_handover_stream_get_input_stream (GIOStream *stream)
{
  return EF_HANDOVER_STREAM (stream)->input;
}

static GOutputStream *
ef_handover_stream_get_output_stream (GIOStream *stream)
{
  return g_io_stream_get_output_stream (EF_HANDOVER_STREAM (stream)->base);
}

static gboolean
ef_handover_stream_close (GIOStream     *stream,
                          GCancellable  *cancellable,
                          GError       **error)
{
  EfHandoverStream *self = EF_HANDOVER_STREAM (stream);

  g_input_stream_close (self->input, NULL, NULL);
  return g_io_stream_close (self->base, cancellable, error);
}

static void
ef_handover_stream_finalize (GObject *object)
{
  EfHandoverStream *self = EF_HANDOVER_STREAM (object);

  g_clear_object (&self->input);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (ef_handover_stream_parent_class)->finalize (object);
}

static void
ef_handover_stream_class_init (EfHandoverStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->finalize = ef_handover_stream_finalize;
  stream_class->get_input_stream = ef_handover_stream_get_input_stream;
  stream_class->get_output_stream = ef_handover_stream_get_output_stream;
  stream_class->close_fn = ef_handover_stream_close;
}

static void
ef_handover_stream_init (EfHandoverStream *self)
{
}

static GIOStream *
handover_stream_new (GSocket *socket,
                     GBytes  *replay)
{
  EfHandoverStream *self = g_object_new (EF_TYPE_HANDOVER_STREAM, NULL);
  EfReplayStream *input = g_object_new (EF_TYPE_REPLAY_STREAM, NULL);

  self->base = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
  input->base = g_object_ref (g_io_stream_get_input_stream (self->base));
  input->owner = G_IO_STREAM (self);
  if (replay != NULL && g_bytes_get_size (replay) > 0)
    input->replay = g_bytes_ref (replay);
  self->input = G_INPUT_STREAM (input);
  return G_IO_STREAM (self);
}

/* Reading a request head */

static gboolean
is_tchar (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static gboolean
is_path_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '~' || c == '/';
}

static gboolean
is_query_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '~' || c == '=' || c == '&';
}

/* A Host that libsoup reads as we do: a name or an IPv4 address, and a
 * port. */
static gboolean
host_is_plain (const char *value)
{
  const char *colon = strchr (value, ':');
  const char *c;

  if (value[0] == '\0' || colon == value)
    return FALSE;
  for (c = value; *c != '\0' && c != colon; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '.')
      return FALSE;
  if (colon != NULL)
    {
      guint64 port;

      if (!g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL) ||
          strlen (colon + 1) > 5)
        return FALSE;
    }
  return TRUE;
}

/* Parses @head (NUL-terminated, ending with the empty line) in place:
 * TRUE when it is a request of the fast path's shape (EfFastRequest). */
static gboolean
parse_head (char          *head,
            gsize          length,
            EfFastRequest *request)
{
  char *line, *end, *target, *query;
  guint n_hosts = 0, n_authorizations = 0, n_lengths = 0;

  /* Printable ASCII and tabs, lines ending with CR LF and nothing else. */
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) head[i];

      if (c == '\r')
        {
          if (i + 1 >= length || head[i + 1] != '\n')
            return FALSE;
          i++;
        }
      else if ((c < 0x20 && c != '\t') || c >= 0x7f)
        return FALSE;
    }

  if (strncmp (head, "GET /", 5) != 0)
    return FALSE;
  target = head + 4;
  end = strstr (target, "\r\n");
  if (end == NULL || end - target < (gssize) strlen (" HTTP/1.1") ||
      strncmp (end - strlen (" HTTP/1.1"), " HTTP/1.1", strlen (" HTTP/1.1")) != 0)
    return FALSE;
  *(end - strlen (" HTTP/1.1")) = '\0';
  query = strchr (target, '?');
  if (query != NULL)
    *query++ = '\0';
  for (const char *c = target; *c != '\0'; c++)
    if (!is_path_char (*c))
      return FALSE;
  for (const char *c = query; c != NULL && *c != '\0'; c++)
    if (!is_query_char (*c))
      return FALSE;
  request->path = target;
  request->query = query;
  request->authorization = NULL;

  for (line = end + 2; strncmp (line, "\r\n", 2) != 0; line = end + 2)
    {
      char *colon, *value, *value_end;

      end = strstr (line, "\r\n");
      g_assert (end != NULL);
      *end = '\0';
      /* A continuation line (obs-fold), a line without a name. */
      colon = strchr (line, ':');
      if (colon == NULL || colon == line)
        return FALSE;
      for (const char *c = line; c < colon; c++)
        if (!is_tchar (*c))
          return FALSE;
      *colon = '\0';
      for (value = colon + 1; *value == ' ' || *value == '\t'; value++)
        ;
      for (value_end = end; value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t');
           value_end--)
        ;
      *value_end = '\0';

      if (g_ascii_strcasecmp (line, "Host") == 0)
        {
          if (++n_hosts > 1 || !host_is_plain (value))
            return FALSE;
        }
      else if (g_ascii_strcasecmp (line, "Authorization") == 0)
        {
          if (++n_authorizations > 1)
            return FALSE;
          request->authorization = value;
        }
      else if (g_ascii_strcasecmp (line, "Content-Length") == 0)
        {
          if (++n_lengths > 1 || strcmp (value, "0") != 0)
            return FALSE;
        }
      else if (g_ascii_strcasecmp (line, "Transfer-Encoding") == 0 ||
               g_ascii_strcasecmp (line, "Expect") == 0 ||
               g_ascii_strcasecmp (line, "Upgrade") == 0 ||
               g_ascii_strcasecmp (line, "Connection") == 0)
        return FALSE;
    }
  return n_hosts == 1;
}

/* The connection */

static void
clear_output (EfFastConnection *self)
{
  g_clear_pointer (&self->output[0], g_bytes_unref);
  g_clear_pointer (&self->output[1], g_bytes_unref);
  self->output_offset = 0;
}

/* The answer given is sent whole, or never will be. */
static void
finish_answer (EfFastConnection *self,
               gboolean          sent)
{
  clear_output (self);
  if (!self->answering)
    return;
  self->answering = FALSE;
  self->callbacks->answered (self, sent, self->user_data);
}

static void
end_connection (EfFastConnection *self,
                State             state)
{
  g_assert (self->state == STATE_OPEN);

  self->state = state;
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  finish_answer (self, FALSE);
}

static void
close_connection (EfFastConnection *self)
{
  if (self->state != STATE_OPEN)
    return;
  end_connection (self, STATE_CLOSED);
  g_socket_close (self->socket, NULL);
  self->callbacks->closed (self, self->user_data);
  ef_fast_connection_unref (self);
}

static void
hand_over (EfFastConnection *self)
{
  g_autoptr(GBytes) replay = NULL;
  g_autoptr(GIOStream) stream = NULL;

  if (self->state != STATE_OPEN)
    return;
  end_connection (self, STATE_HANDED_OVER);
  replay = g_byte_array_free_to_bytes (g_steal_pointer (&self->input));
  stream = handover_stream_new (self->socket, replay);
  self->callbacks->hand_over (self, stream, self->user_data);
  ef_fast_connection_unref (self);
}

/* Sends what it can of the answer: FALSE when the connection failed. */
static gboolean
flush_output (EfFastConnection *self)
{
  while (self->output[0] != NULL)
    {
      struct iovec iov[2];
      struct msghdr message = { 0 };
      gsize offset = self->output_offset;
      guint n_iov = 0;
      gssize sent;

      for (guint i = 0; i < G_N_ELEMENTS (self->output); i++)
        {
          gsize size;
          const char *data;

          if (self->output[i] == NULL)
            continue;
          data = g_bytes_get_data (self->output[i], &size);
          if (offset >= size)
            {
              offset -= size;
              continue;
            }
          iov[n_iov].iov_base = (char *) data + offset;
          iov[n_iov].iov_len = size - offset;
          n_iov++;
          offset = 0;
        }
      if (n_iov == 0)
        {
          finish_answer (self, TRUE);
          break;
        }
      message.msg_iov = iov;
      message.msg_iovlen = n_iov;
      sent = sendmsg (self->fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent < 0)
        {
          if (errno == EINTR)
            continue;
          if (errno == EAGAIN || errno == EWOULDBLOCK)
            return TRUE;
          return FALSE;
        }
      self->output_offset += (gsize) sent;
    }
  return TRUE;
}

/* Reads once: FALSE when the connection failed. Into a buffer of the
 * stack, so that an idle connection keeps only what it was sent. */
static gboolean
read_input (EfFastConnection *self)
{
  guint8 buffer[READ_CHUNK];
  gssize n;

  do
    n = recv (self->fd, buffer, sizeof buffer, MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);
  if (n > 0)
    g_byte_array_append (self->input, buffer, (guint) n);
  if (n == 0)
    self->peer_closed = TRUE;
  return n >= 0 || errno == EAGAIN || errno == EWOULDBLOCK;
}

/* The length of the head at the start of the input (up to its empty line
 * included), or 0 while it is incomplete. */
static gsize
find_head (EfFastConnection *self)
{
  const guint8 *data = self->input->data;
  gsize start = self->scanned >= 3 ? self->scanned - 3 : 0;
  gsize limit = MIN (self->input->len, EF_FAST_HTTP_MAX_HEAD);

  for (gsize i = start; i + 4 <= limit; i++)
    if (data[i] == '\r' && memcmp (data + i, "\r\n\r\n", 4) == 0)
      return i + 4;
  self->scanned = limit;
  return 0;
}

/* Whether the bytes read so far may still begin a request of the fast
 * path's shape. libsoup also reads a head whose lines end with a bare line
 * feed: such a connection must be its at once, not wait for more bytes. */
static gboolean
could_be_fast (EfFastConnection *self)
{
  static const char start[] = "GET /";
  const guint8 *data = self->input->data;
  gsize n = MIN (self->input->len, EF_FAST_HTTP_MAX_HEAD);

  /* Nothing yet: an array never written to has no data at all. */
  if (n == 0)
    return TRUE;
  if (memcmp (data, start, MIN (n, strlen (start))) != 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if ((data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) || data[i] == '\0')
      return FALSE;
  return TRUE;
}

/* Takes the requests read, one at a time, while no answer is being sent. */
static void
process_input (EfFastConnection *self)
{
  if (self->processing)
    return;
  self->processing = TRUE;
  ef_fast_connection_ref (self);

  while (self->state == STATE_OPEN && self->request_length == 0 && self->output[0] == NULL)
    {
      g_autofree char *head = NULL;
      EfFastRequest request;
      gsize length = find_head (self);

      if (length == 0)
        {
          /* Too large for us, or the peer has gone: libsoup's (it reads
           * and answers as for any other connection). */
          if (self->input->len >= EF_FAST_HTTP_MAX_HEAD || !could_be_fast (self))
            hand_over (self);
          else if (self->peer_closed && self->input->len == 0)
            close_connection (self);
          else if (self->peer_closed)
            hand_over (self);
          break;
        }

      if (memchr (self->input->data, '\0', length) != NULL)
        {
          hand_over (self);
          break;
        }
      head = g_strndup ((const char *) self->input->data, length);
      if (!parse_head (head, length, &request))
        {
          hand_over (self);
          break;
        }
      self->request_length = length;
      if (!self->callbacks->request (self, &request, self->user_data))
        {
          hand_over (self);
          break;
        }
    }

  self->processing = FALSE;
  if (self->state == STATE_OPEN)
    update_events (self);
  ef_fast_connection_unref (self);
}

static void
update_events (EfFastConnection *self)
{
  GIOCondition events = 0;

  if (self->output[0] != NULL)
    events = G_IO_OUT;
  else if (self->request_length == 0 && !self->peer_closed)
    events = G_IO_IN;
  if (events != self->events)
    {
      g_source_modify_unix_fd (self->source, self->fd_tag, events);
      self->events = events;
    }
}

static gboolean
connection_source_dispatch (GSource     *source,
                            GSourceFunc  callback,
                            gpointer     user_data)
{
  g_autoptr(EfFastConnection) self =
    ef_fast_connection_ref (((ConnectionSource *) source)->connection);
  GIOCondition revents = g_source_query_unix_fd (source, self->fd_tag);

  if (self->output[0] != NULL && (revents & (G_IO_OUT | G_IO_ERR | G_IO_HUP)) != 0)
    {
      if (!flush_output (self))
        {
          close_connection (self);
          return G_SOURCE_CONTINUE;
        }
      if (self->output[0] == NULL && self->close_after)
        {
          close_connection (self);
          return G_SOURCE_CONTINUE;
        }
    }
  else if ((revents & (G_IO_IN | G_IO_ERR | G_IO_HUP)) != 0 && !read_input (self))
    {
      close_connection (self);
      return G_SOURCE_CONTINUE;
    }
  process_input (self);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs connection_source_funcs = {
  .dispatch = connection_source_dispatch,
};

EfFastConnection *
ef_fast_connection_new (GSocket                   *socket,
                        const EfFastHttpCallbacks *callbacks,
                        gpointer                   user_data)
{
  EfFastConnection *self;

  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);
  g_return_val_if_fail (callbacks != NULL, NULL);

  self = g_new0 (EfFastConnection, 1);
  /* One for the caller, one for the connection while it is ours. */
  self->ref_count = 2;
  self->socket = g_object_ref (socket);
  self->fd = g_socket_get_fd (socket);
  self->callbacks = callbacks;
  self->user_data = user_data;
  self->input = g_byte_array_new ();

  self->source = g_source_new (&connection_source_funcs, sizeof (ConnectionSource));
  ((ConnectionSource *) self->source)->connection = self;
  /* Otherwise GLib takes the descriptor out of its poll set and puts it
   * back around every dispatch, and wakes its own loop up each time (a
   * write to its eventfd). */
  g_source_set_can_recurse (self->source, TRUE);
  g_source_set_static_name (self->source, "EfFastConnection");
  self->events = G_IO_IN;
  self->fd_tag = g_source_add_unix_fd (self->source, self->fd, self->events);
  g_source_attach (self->source, g_main_context_get_thread_default ());
  return self;
}

EfFastConnection *
ef_fast_connection_ref (EfFastConnection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  self->ref_count++;
  return self;
}

void
ef_fast_connection_unref (EfFastConnection *self)
{
  g_return_if_fail (self != NULL);

  if (--self->ref_count > 0)
    return;
  g_assert (self->state != STATE_OPEN);
  g_clear_pointer (&self->input, g_byte_array_unref);
  clear_output (self);
  g_object_unref (self->socket);
  g_free (self);
}

void
ef_fast_connection_respond (EfFastConnection *self,
                            GBytes           *head,
                            GBytes           *body,
                            gboolean          close)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (head != NULL);

  if (self->state != STATE_OPEN)
    {
      self->callbacks->answered (self, FALSE, self->user_data);
      return;
    }
  g_return_if_fail (self->request_length > 0);

  g_byte_array_remove_range (self->input, 0, (guint) self->request_length);
  /* An idle connection keeps nothing of a burst it was sent. */
  if (self->input->len == 0)
    {
      g_byte_array_unref (self->input);
      self->input = g_byte_array_new ();
    }
  self->request_length = 0;
  self->scanned = 0;
  self->answering = TRUE;
  self->output[0] = g_bytes_ref (head);
  self->output[1] = body != NULL ? g_bytes_ref (body) : NULL;
  self->output_offset = 0;
  self->close_after = close;

  ef_fast_connection_ref (self);
  if (!flush_output (self) || (self->output[0] == NULL && self->close_after))
    close_connection (self);
  else
    process_input (self);
  ef_fast_connection_unref (self);
}

void
ef_fast_connection_hand_over (EfFastConnection *self)
{
  g_return_if_fail (self != NULL);

  hand_over (self);
}

void
ef_fast_connection_close (EfFastConnection *self)
{
  g_return_if_fail (self != NULL);

  close_connection (self);
}

gboolean
ef_fast_connection_is_open (EfFastConnection *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->state == STATE_OPEN;
}

void
ef_fast_stream_hold_end (GIOStream         *stream,
                         EfFastEndHeldFunc  end_held,
                         gpointer           user_data)
{
  EfReplayStream *input;

  g_return_if_fail (EF_IS_HANDOVER_STREAM (stream));

  input = EF_REPLAY_STREAM (EF_HANDOVER_STREAM (stream)->input);
  input->hold_end = TRUE;
  input->end_held_func = end_held;
  input->end_held_data = user_data;
}

gboolean
ef_fast_stream_get_end_held (GIOStream *stream)
{
  g_return_val_if_fail (EF_IS_HANDOVER_STREAM (stream), FALSE);

  return EF_REPLAY_STREAM (EF_HANDOVER_STREAM (stream)->input)->end_held;
}

void
ef_fast_stream_release_end (GIOStream *stream)
{
  EfReplayStream *input;

  g_return_if_fail (EF_IS_HANDOVER_STREAM (stream));

  input = EF_REPLAY_STREAM (EF_HANDOVER_STREAM (stream)->input);
  input->hold_end = FALSE;
  input->end_held = FALSE;
  input->end_held_func = NULL;
  input->end_held_data = NULL;
}
