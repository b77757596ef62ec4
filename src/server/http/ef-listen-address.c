/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-listen-address.c: the --listen HOST:PORT argument */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ef-listen-address.h"

static gboolean
parse_port (const char  *text,
            const char  *port,
            guint16     *out,
            GError     **error)
{
  guint64 value = 0;

  if (*port == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Invalid listen address “%s”: the port is missing (use HOST:PORT, e.g. 127.0.0.1:8080)"),
                   text);
      return FALSE;
    }
  for (const char *p = port; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) || p - port >= 5)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Invalid listen address “%s”: the port must be a number from 0 to 65535"),
                       text);
          return FALSE;
        }
      value = value * 10 + (guint64) (*p - '0');
    }
  if (value > G_MAXUINT16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Invalid listen address “%s”: the port must be a number from 0 to 65535"),
                   text);
      return FALSE;
    }
  *out = (guint16) value;
  return TRUE;
}

GInetSocketAddress *
ef_listen_address_parse (const char  *text,
                         GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *port_text;
  guint16 port;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text[0] == '[')
    {
      const char *end = strchr (text, ']');

      if (end == NULL || end[1] != ':')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Invalid listen address “%s”: write an IPv6 address as [ADDRESS]:PORT, e.g. [::1]:8080"),
                       text);
          return NULL;
        }
      host = g_strndup (text + 1, end - text - 1);
      port_text = end + 2;
      address = g_inet_address_new_from_string (host);
      if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Invalid listen address “%s”: “%s” is not an IPv6 address"),
                       text, host);
          return NULL;
        }
    }
  else
    {
      const char *colon = strrchr (text, ':');

      if (colon == NULL || colon == text)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Invalid listen address “%s”: use HOST:PORT, e.g. 127.0.0.1:8080"),
                       text);
          return NULL;
        }
      host = g_strndup (text, colon - text);
      port_text = colon + 1;

      if (g_ascii_strcasecmp (host, "localhost") == 0)
        address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      else if (strchr (host, ':') == NULL)
        address = g_inet_address_new_from_string (host);

      if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Invalid listen address “%s”: the host must be an IPv4 address, [IPv6] or localhost"),
                       text);
          return NULL;
        }
    }

  if (!parse_port (text, port_text, &port, error))
    return NULL;

  return G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (address, port));
}

gboolean
ef_listen_address_is_loopback (GInetSocketAddress *address)
{
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), FALSE);

  return g_inet_address_get_is_loopback (g_inet_socket_address_get_address (address));
}
