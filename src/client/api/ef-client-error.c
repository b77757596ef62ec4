/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-error.c: what can go wrong when the client talks to a portal */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ef-client-error.h"

G_DEFINE_QUARK (ef-client-error-quark, ef_client_error)

/**
 * ef_client_error_get_title:
 * @error: a #GError
 *
 * A short translated headline for @error, for the title of a status page.
 *
 * Returns: a translated string
 */
const char *
ef_client_error_get_title (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != EF_CLIENT_ERROR)
    return _("Something Went Wrong");

  switch ((EfClientError) error->code)
    {
    case EF_CLIENT_ERROR_INVALID_PORTAL:
      return _("Invalid Portal Address");

    case EF_CLIENT_ERROR_INSECURE_PORTAL:
    case EF_CLIENT_ERROR_TLS:
      return _("Connection Not Secure");

    case EF_CLIENT_ERROR_NOT_FOUND:
    case EF_CLIENT_ERROR_UNKNOWN_TENANT:
      return _("Portal Not Found");

    case EF_CLIENT_ERROR_NETWORK:
    case EF_CLIENT_ERROR_HOST_NOT_FOUND:
    case EF_CLIENT_ERROR_TIMEOUT:
      return _("Could Not Reach the Portal");

    case EF_CLIENT_ERROR_SERVER:
    case EF_CLIENT_ERROR_PROTOCOL:
      return _("The Portal Is Not Working");

    case EF_CLIENT_ERROR_CANCELLED:
      return _("Cancelled");

    default:
      return _("Something Went Wrong");
    }
}

/**
 * ef_client_error_get_user_message:
 * @error: a #GError
 *
 * The sentence to show a person for @error: what happened and what to do.
 * The raw text of @error (which may come from a server or a library) is
 * never shown; it is for logs only.
 *
 * Returns: a translated string
 */
const char *
ef_client_error_get_user_message (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != EF_CLIENT_ERROR)
    return _("An unexpected error occurred. Please try again later.");

  switch ((EfClientError) error->code)
    {
    case EF_CLIENT_ERROR_INVALID_PORTAL:
      return _("This is not the address of an Espace Famille. Copy the address shown in your "
               "browser when you open your town’s Espace Famille, for example "
               "https://espacefamille.example.fr/7249.");

    case EF_CLIENT_ERROR_INSECURE_PORTAL:
      return _("This address does not use a secure connection (it starts with “http://” "
               "instead of “https://”). Your personal data would not be protected: use the "
               "“https://” address of your Espace Famille.");

    case EF_CLIENT_ERROR_NETWORK:
      return _("The portal could not be reached. Check that this device is connected to the "
               "Internet, then try again.");

    case EF_CLIENT_ERROR_HOST_NOT_FOUND:
      return _("The portal’s server could not be found. Check the address of the portal and "
               "your Internet connection, then try again.");

    case EF_CLIENT_ERROR_TIMEOUT:
      return _("The portal took too long to answer. It may be busy or your connection may be "
               "slow: try again in a few minutes.");

    case EF_CLIENT_ERROR_TLS:
      return _("The identity of the portal could not be verified, so no data was sent. Check "
               "the address of the portal, the date and time of this device, then try again.");

    case EF_CLIENT_ERROR_NOT_FOUND:
      return _("No Espace Famille answers at this address. Check the address given by your "
               "town hall.");

    case EF_CLIENT_ERROR_UNKNOWN_TENANT:
      return _("The server does not know this municipality. Check the number at the end of "
               "the address given by your town hall.");

    case EF_CLIENT_ERROR_SERVER:
      return _("The portal has a technical problem. Try again later; if it persists, contact "
               "your town hall.");

    case EF_CLIENT_ERROR_PROTOCOL:
      return _("The portal answered in a way this application does not understand. Check the "
               "address of the portal; if it is right, this application may need an update.");

    case EF_CLIENT_ERROR_CANCELLED:
      return _("The operation was cancelled.");

    default:
      return _("An unexpected error occurred. Please try again later.");
    }
}

/**
 * ef_client_error_is_cancelled:
 * @error: (nullable): a #GError
 *
 * Returns: %TRUE if @error says the operation was cancelled, in our domain
 *   or in %G_IO_ERROR
 */
gboolean
ef_client_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/**
 * ef_client_error_can_retry:
 * @error: a #GError
 *
 * Returns: %TRUE if trying the same thing again may succeed (a network
 *   problem), %FALSE if the address itself has to change
 */
gboolean
ef_client_error_can_retry (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain != EF_CLIENT_ERROR)
    return TRUE;

  switch ((EfClientError) error->code)
    {
    case EF_CLIENT_ERROR_INVALID_PORTAL:
    case EF_CLIENT_ERROR_INSECURE_PORTAL:
      return FALSE;

    case EF_CLIENT_ERROR_NETWORK:
    case EF_CLIENT_ERROR_HOST_NOT_FOUND:
    case EF_CLIENT_ERROR_TIMEOUT:
    case EF_CLIENT_ERROR_TLS:
    case EF_CLIENT_ERROR_NOT_FOUND:
    case EF_CLIENT_ERROR_UNKNOWN_TENANT:
    case EF_CLIENT_ERROR_SERVER:
    case EF_CLIENT_ERROR_PROTOCOL:
    case EF_CLIENT_ERROR_CANCELLED:
    default:
      return TRUE;
    }
}
