/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-test-server.c: the helpers the client, server and UI tests lean on */

#define G_LOG_DOMAIN "EfTestLib"

#include "config.h"

#include <gio/gio.h>

#include "ef-test-server.h"

static GSocket *
new_loopback_socket (void)
{
  g_autoptr (GError) error = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);

  return socket;
}

static void
test_closed_socket (void)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GSocket) closed = NULL;
  guint16 port = 0;

  closed = ef_test_closed_socket (&port);
  g_assert_nonnull (closed);
  g_assert_cmpuint (port, !=, 0);
  address = g_inet_socket_address_new (loopback, port);

  /* Refused, every time, for as long as the socket is kept. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (GSocket) client = new_loopback_socket ();
      g_autoptr (GError) error = NULL;

      g_assert_false (g_socket_connect (client, address, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
    }

  /* Nobody else can take the port meanwhile, with or without
   * SO_REUSEADDR. */
  for (int reuse = 0; reuse <= 1; reuse++)
    {
      g_autoptr (GSocket) other = new_loopback_socket ();
      g_autoptr (GError) error = NULL;

      g_assert_false (g_socket_bind (other, address, reuse, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
    }
}

/* The inode of the pipe behind @fd_path ("pipe:[1234]"), or 0. */
static guint64
pipe_inode (const char *fd_path)
{
  g_autofree char *target = g_file_read_link (fd_path, NULL);

  if (target == NULL || !g_str_has_prefix (target, "pipe:["))
    return 0;
  return g_ascii_strtoull (target + strlen ("pipe:["), NULL, 10);
}

/* After its LISTENING line the server keeps a reader on its stdout: what it
 * prints later must not fail with EPIPE or kill it with SIGPIPE. */
static void
test_server_stdout_stays_open (void)
{
  g_autoptr (EfTestServer) server = NULL;
  g_autoptr (GDir) fds = NULL;
  g_autofree char *server_stdout = NULL;
  g_autoptr (GError) error = NULL;
  const char *name;
  guint64 inode;
  gboolean held = FALSE;

  if (!g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no /proc/self/fd");
      return;
    }

  server = ef_test_server_start (FALSE, NULL);
  server_stdout = g_strdup_printf ("/proc/%d/fd/1", (int) ef_test_server_get_pid (server));
  inode = pipe_inode (server_stdout);
  g_assert_cmpuint (inode, !=, 0);

  fds = g_dir_open ("/proc/self/fd", 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (fds)) != NULL && !held)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);

      held = pipe_inode (path) == inode;
    }
  g_assert_true (held);

  g_assert_cmpint (ef_test_server_stop (server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/test-server/closed-socket", test_closed_socket);
  g_test_add_func ("/test-server/stdout-stays-open", test_server_stdout_stays_open);

  return g_test_run ();
}
