/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-error.c: what can go wrong when the client talks to a portal
 *
 * An extended GError domain: besides the code, an error carries what the
 * portal said in detail (the fields at fault, the days refused, the
 * current planning versions, the end of a lock) so that pages can show it
 * in place, and a translated sentence when the code alone cannot say it.
 * The GError's own message is the developer's text (the server's English
 * included): for logs, never for people.
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ef-common.h"
#include "models/ef-reservation-change.h"
#include "ef-client-error.h"

typedef struct
{
  char       *api_code;
  char       *user_message;
  GDateTime  *locked_until;
  GPtrArray  *fields;      /* of FieldProblem */
  GListStore *rejected;    /* of EfReservationChange */
  GHashTable *versions;    /* member id → version, both gint64 */
} EfClientErrorPrivate;

typedef struct
{
  char *field;
  char *code;
} FieldProblem;

static void ef_client_error_private_init  (EfClientErrorPrivate       *priv);
static void ef_client_error_private_copy  (const EfClientErrorPrivate *src,
                                           EfClientErrorPrivate       *dest);
static void ef_client_error_private_clear (EfClientErrorPrivate       *priv);

G_DEFINE_EXTENDED_ERROR (EfClientError, ef_client_error)

static void
field_problem_free (FieldProblem *problem)
{
  g_free (problem->field);
  g_free (problem->code);
  g_free (problem);
}

static void
ef_client_error_private_init (EfClientErrorPrivate *priv)
{
}

static void
ef_client_error_private_copy (const EfClientErrorPrivate *src,
                              EfClientErrorPrivate       *dest)
{
  dest->api_code = g_strdup (src->api_code);
  dest->user_message = g_strdup (src->user_message);
  dest->locked_until = src->locked_until != NULL ? g_date_time_ref (src->locked_until) : NULL;
  /* Never changed once the error is made: shared. */
  dest->fields = src->fields != NULL ? g_ptr_array_ref (src->fields) : NULL;
  dest->rejected = src->rejected != NULL ? g_object_ref (src->rejected) : NULL;
  dest->versions = src->versions != NULL ? g_hash_table_ref (src->versions) : NULL;
}

static void
ef_client_error_private_clear (EfClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->api_code, g_free);
  g_clear_pointer (&priv->user_message, g_free);
  g_clear_pointer (&priv->locked_until, g_date_time_unref);
  g_clear_pointer (&priv->fields, g_ptr_array_unref);
  g_clear_object (&priv->rejected);
  g_clear_pointer (&priv->versions, g_hash_table_unref);
}

static EfClientErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != EF_CLIENT_ERROR)
    return NULL;

  return ef_client_error_get_private (error);
}

/* "lundi 12 octobre" / "Monday 12 October" */
static char *
format_day (EfDay day)
{
  g_autoptr (GDateTime) date = NULL;
  int year, month, mday;

  ef_day_get_ymd (day, &year, &month, &mday);
  date = g_date_time_new_local (year, month, mday, 12, 0, 0);
  if (date == NULL)
    return g_strdup ("?");

  /* Translators: a day in a sentence, see g_date_time_format(): "Monday 12 October" */
  return ef_date_time_format (date, _("%A %-d %B"));
}

/* The instant in the portal's time (the zone of @now, the portal's time):
 * "14:35", or "Monday 12 October at 14:35" when it is not the portal's
 * today. */
static char *
format_instant (GDateTime *instant,
                GDateTime *now)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (instant, g_date_time_get_timezone (now));

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: a time of today, see g_date_time_format(): "14:35" */
    return g_date_time_format (local, _("%H:%M"));

  /* Translators: a day and a time, see g_date_time_format(): "Monday 12 October at 14:35" */
  return ef_date_time_format (local, _("%A %-d %B at %H:%M"));
}

static EfClientError
code_for_link_detail (const char *detail)
{
  if (detail == NULL)
    return EF_CLIENT_ERROR_NOT_FOUND;
  if (g_str_has_suffix (detail, "_expired"))
    return EF_CLIENT_ERROR_LINK_EXPIRED;
  if (g_str_has_suffix (detail, "_used"))
    return EF_CLIENT_ERROR_LINK_USED;
  if (g_str_has_suffix (detail, "_invalid"))
    return EF_CLIENT_ERROR_LINK_INVALID;

  return EF_CLIENT_ERROR_NOT_FOUND;
}

static EfRejection
rejection_from_string (const char *reason)
{
  if (g_strcmp0 (reason, "deadline_passed") == 0)
    return EF_REJECTION_DEADLINE_PASSED;
  if (g_strcmp0 (reason, "day_closed") == 0)
    return EF_REJECTION_DAY_CLOSED;
  if (g_strcmp0 (reason, "not_enrolled") == 0)
    return EF_REJECTION_NOT_ENROLLED;
  if (g_strcmp0 (reason, "duplicate") == 0 || g_strcmp0 (reason, "contradictory") == 0)
    return EF_REJECTION_DUPLICATE;

  return EF_REJECTION_OTHER;
}

static const char *
object_get_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
object_get_int (JsonObject *object,
                const char *member,
                gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out = json_node_get_int (node);
  return TRUE;
}

/* Reads what the details say into @priv; whatever is not understood is
 * left out (a newer server may say more). */
static void
read_details (EfClientErrorPrivate *priv,
              JsonArray            *details,
              const char          **link_detail)
{
  guint n = details != NULL ? json_array_get_length (details) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (details, i);
      JsonObject *detail;
      const char *text;
      gint64 member, version;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      detail = json_node_get_object (node);

      if ((text = object_get_string (detail, "locked_until")) != NULL)
        {
          g_clear_pointer (&priv->locked_until, g_date_time_unref);
          priv->locked_until = ef_instant_parse_iso (text, NULL);
        }
      else if (object_get_string (detail, "reason") != NULL)
        {
          g_autoptr (EfReservationRefusalRecord) refusal = NULL;
          g_autoptr (EfReservationChange) change = NULL;
          g_autoptr (GDateTime) deadline = NULL;
          EfClosedReason closed_reason;

          refusal = ef_reservation_refusal_record_from_json (node, NULL);
          if (refusal == NULL)
            continue;
          if (refusal->deadline != NULL)
            deadline = ef_instant_parse_iso (refusal->deadline, NULL);
          closed_reason = ef_closed_reason_from_string (refusal->closed_reason);

          if (priv->rejected == NULL)
            priv->rejected = g_list_store_new (EF_TYPE_RESERVATION_CHANGE);
          change = g_object_new (EF_TYPE_RESERVATION_CHANGE,
                                 "member-id", refusal->member,
                                 "activity", refusal->activity,
                                 "day", refusal->day,
                                 "reserved", refusal->reserved,
                                 "rejection", rejection_from_string (refusal->reason),
                                 "closed-reason", closed_reason,
                                 "deadline", deadline,
                                 NULL);
          g_list_store_append (priv->rejected, change);
        }
      else if ((text = object_get_string (detail, "field")) != NULL)
        {
          FieldProblem *problem = g_new0 (FieldProblem, 1);

          problem->field = g_strdup (text);
          problem->code = g_strdup (object_get_string (detail, "code"));
          if (priv->fields == NULL)
            priv->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_problem_free);
          g_ptr_array_add (priv->fields, problem);
        }
      else if (object_get_int (detail, "member", &member) &&
               object_get_int (detail, "version", &version))
        {
          if (priv->versions == NULL)
            priv->versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
          g_hash_table_insert (priv->versions, g_memdup2 (&member, sizeof member),
                               g_memdup2 (&version, sizeof version));
        }
      else if ((text = object_get_string (detail, "code")) != NULL && link_detail != NULL)
        {
          *link_detail = text;
        }
    }
}

static EfClientError
code_for_api_error (EfApiError  api_code,
                    guint       status,
                    const char *link_detail)
{
  switch (api_code)
    {
    case EF_API_ERROR_UNKNOWN_TENANT:
      return EF_CLIENT_ERROR_UNKNOWN_TENANT;

    case EF_API_ERROR_NOT_FOUND:
      return code_for_link_detail (link_detail);

    case EF_API_ERROR_UNAUTHORIZED:
      return EF_CLIENT_ERROR_UNAUTHORIZED;

    case EF_API_ERROR_SESSION_EXPIRED:
      return EF_CLIENT_ERROR_SESSION_EXPIRED;

    case EF_API_ERROR_ACCOUNT_LOCKED:
      return EF_CLIENT_ERROR_ACCOUNT_LOCKED;

    case EF_API_ERROR_VALIDATION:
    case EF_API_ERROR_INVALID_FIELD:
    case EF_API_ERROR_UNKNOWN_FIELD:
    case EF_API_ERROR_INVALID_DATE:
      return EF_CLIENT_ERROR_VALIDATION;

    case EF_API_ERROR_DEADLINE_PASSED:
      return EF_CLIENT_ERROR_DEADLINE_PASSED;

    case EF_API_ERROR_DAY_CLOSED:
      return EF_CLIENT_ERROR_DAY_CLOSED;

    case EF_API_ERROR_NOT_ENROLLED:
      return EF_CLIENT_ERROR_NOT_ENROLLED;

    case EF_API_ERROR_VERSION_CONFLICT:
      return EF_CLIENT_ERROR_VERSION_CONFLICT;

    case EF_API_ERROR_FORBIDDEN:
      return EF_CLIENT_ERROR_FORBIDDEN;

    case EF_API_ERROR_RATE_LIMITED:
      return EF_CLIENT_ERROR_RATE_LIMITED;

    case EF_API_ERROR_INVOICE_NOT_PAYABLE:
      return EF_CLIENT_ERROR_INVOICE_NOT_PAYABLE;

    case EF_API_ERROR_PAYMENT_IN_PROGRESS:
      return EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS;

    case EF_API_ERROR_PAYMENT_UNAVAILABLE:
      return EF_CLIENT_ERROR_PAYMENT_UNAVAILABLE;

    case EF_API_ERROR_STORAGE_FULL:
      return EF_CLIENT_ERROR_STORAGE_FULL;

    case EF_API_ERROR_INTERNAL:
    case EF_API_ERROR_INVALID_CONFIG:
      return status >= 500 ? EF_CLIENT_ERROR_SERVER : EF_CLIENT_ERROR_PROTOCOL;

    /* The client sent what the API does not take: our bug or an
     * incompatible server, not the user's. */
    case EF_API_ERROR_BAD_REQUEST:
    case EF_API_ERROR_MALFORMED_JSON:
    case EF_API_ERROR_METHOD_NOT_ALLOWED:
    case EF_API_ERROR_PAYLOAD_TOO_LARGE:
    case EF_API_ERROR_URI_TOO_LONG:
    case EF_API_ERROR_HEADERS_TOO_LARGE:
    case EF_API_ERROR_UNSUPPORTED_MEDIA:
    default:
      return EF_CLIENT_ERROR_PROTOCOL;
    }
}

static EfClientError
code_for_status (guint status)
{
  if (status == 404 || status == 410)
    return EF_CLIENT_ERROR_NOT_FOUND;
  if (status == 408 || status == 504)
    return EF_CLIENT_ERROR_TIMEOUT;
  if (status == 429)
    return EF_CLIENT_ERROR_RATE_LIMITED;
  if (status >= 500 && status <= 599)
    return EF_CLIENT_ERROR_SERVER;

  return EF_CLIENT_ERROR_PROTOCOL;
}

/* The sentence for errors whose sentence depends on what the portal said. */
static char *
make_user_message (EfClientError         code,
                   EfClientErrorPrivate *priv,
                   GDateTime            *now)
{
  GListModel *rejected = priv->rejected != NULL ? G_LIST_MODEL (priv->rejected) : NULL;
  guint n_rejected = rejected != NULL ? g_list_model_get_n_items (rejected) : 0;

  if (code == EF_CLIENT_ERROR_ACCOUNT_LOCKED && priv->locked_until != NULL)
    {
      g_autofree char *when = format_instant (priv->locked_until, now);

      /* Translators: %s is a time ("14:35") or a day and a time */
      return g_strdup_printf (_("Too many attempts: try again after %s."), when);
    }

  if (code == EF_CLIENT_ERROR_DEADLINE_PASSED && n_rejected == 1)
    {
      g_autoptr (EfReservationChange) change = g_list_model_get_item (rejected, 0);
      g_autofree char *day = format_day (ef_reservation_change_get_day (change));
      GDateTime *deadline = ef_reservation_change_get_deadline (change);

      if (deadline != NULL)
        {
          g_autofree char *until = format_instant (deadline, now);

          /* Translators: the first %s is a day ("Monday 12 October"), the second
           * a day and a time */
          return g_strdup_printf (_("It is too late to change %s: changes were allowed until %s. "
                                    "Nothing was saved: remove the change of that day and save "
                                    "again."), day, until);
        }

      /* Translators: %s is a day ("Monday 12 October") */
      return g_strdup_printf (_("It is too late to change %s. Nothing was saved: remove the "
                                "change of that day and save again."), day);
    }

  if (code == EF_CLIENT_ERROR_DEADLINE_PASSED && n_rejected > 1)
    return g_strdup_printf (ngettext ("It is too late to change %u day. Nothing was saved: "
                                      "remove the change of that day and save again.",
                                      "It is too late to change %u days. Nothing was saved: "
                                      "remove the changes of those days and save again.",
                                      n_rejected), n_rejected);

  return NULL;
}

GError *
_ef_client_error_new_for_response (guint       status,
                                   GBytes     *body,
                                   const char *uri,
                                   GDateTime  *now)
{
  g_autoptr (GError) api_error = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonArray *details = NULL;
  const char *link_detail = NULL;
  const char *api_code = NULL;
  EfClientErrorPrivate *priv;
  EfClientError code;
  GError *error;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data != NULL && size > 0)
    node = ef_json_parse (data, size, NULL);
  if (node != NULL && !ef_json_error_from_body (node, &api_error, &details))
    g_clear_error (&api_error);

  if (api_error != NULL)
    {
      code = code_for_api_error (api_error->code, status, NULL);
      api_code = ef_api_error_to_string (api_error->code);
    }
  else
    code = code_for_status (status);

  error = g_error_new (EF_CLIENT_ERROR, code, "%s: HTTP %u%s%s", uri, status,
                       api_error != NULL ? ": " : "",
                       api_error != NULL ? api_error->message : "");
  priv = ef_client_error_get_private (error);
  priv->api_code = g_strdup (api_code);
  read_details (priv, details, &link_detail);
  g_clear_pointer (&details, json_array_unref);

  if (code == EF_CLIENT_ERROR_NOT_FOUND && link_detail != NULL)
    error->code = code_for_link_detail (link_detail);
  priv->user_message = make_user_message (error->code, priv, now);

  return error;
}

GError *
_ef_client_error_new_with_message (EfClientError  code,
                                   const char    *user_message,
                                   const char    *debug_text)
{
  GError *error = g_error_new_literal (EF_CLIENT_ERROR, code,
                                       debug_text != NULL ? debug_text : "");

  ef_client_error_get_private (error)->user_message = g_strdup (user_message);
  return error;
}

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

    case EF_CLIENT_ERROR_NOT_SIGNED_IN:
    case EF_CLIENT_ERROR_SESSION_EXPIRED:
      return _("Sign In Again");

    case EF_CLIENT_ERROR_UNAUTHORIZED:
      return _("Wrong E-mail or Password");

    case EF_CLIENT_ERROR_ACCOUNT_LOCKED:
      return _("Account Locked for a While");

    case EF_CLIENT_ERROR_VALIDATION:
      return _("Some Information Is Not Valid");

    case EF_CLIENT_ERROR_DEADLINE_PASSED:
    case EF_CLIENT_ERROR_DAY_CLOSED:
    case EF_CLIENT_ERROR_NOT_ENROLLED:
    case EF_CLIENT_ERROR_STORAGE_FULL:
      return _("Changes Not Saved");

    case EF_CLIENT_ERROR_VERSION_CONFLICT:
      return _("The Planning Has Changed");

    case EF_CLIENT_ERROR_FORBIDDEN:
      return _("Not Allowed");

    case EF_CLIENT_ERROR_RATE_LIMITED:
      return _("Too Many Requests");

    case EF_CLIENT_ERROR_LINK_INVALID:
    case EF_CLIENT_ERROR_LINK_EXPIRED:
    case EF_CLIENT_ERROR_LINK_USED:
      return _("Link Not Valid");

    case EF_CLIENT_ERROR_NO_KEYRING:
      return _("Password Not Remembered");

    case EF_CLIENT_ERROR_INVOICE_NOT_PAYABLE:
    case EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS:
    case EF_CLIENT_ERROR_PAYMENT_UNAVAILABLE:
      return _("Payment Not Possible");

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
 * never shown; it is for logs only. Some errors have a sentence of their
 * own, e.g. "Too many attempts: try again after 14:35."
 *
 * Returns: (transfer none): a translated string, valid as long as @error
 */
const char *
ef_client_error_get_user_message (const GError *error)
{
  EfClientErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != EF_CLIENT_ERROR)
    return _("An unexpected error occurred. Please try again later.");

  priv = get_private (error);
  if (priv->user_message != NULL)
    return priv->user_message;

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

    case EF_CLIENT_ERROR_NOT_SIGNED_IN:
      return _("Sign in to your Espace Famille first.");

    case EF_CLIENT_ERROR_UNAUTHORIZED:
      return _("The e-mail address or the password is wrong. Check them and try again; if you "
               "forgot your password, ask for a new one.");

    case EF_CLIENT_ERROR_SESSION_EXPIRED:
      return _("Your session has ended. Sign in again to go on: nothing you were doing is lost.");

    case EF_CLIENT_ERROR_ACCOUNT_LOCKED:
      return _("Too many attempts: try again in a few minutes.");

    case EF_CLIENT_ERROR_VALIDATION:
      return _("Some information is not valid. Correct the fields shown, then try again.");

    case EF_CLIENT_ERROR_DEADLINE_PASSED:
      return _("It is too late to change some days. Nothing was saved: remove the changes of "
               "those days and save again.");

    case EF_CLIENT_ERROR_DAY_CLOSED:
      return _("Some days are closed (weekend, holiday or no activity). Nothing was saved: remove "
               "the changes of those days and save again.");

    case EF_CLIENT_ERROR_NOT_ENROLLED:
      return _("The child is not enrolled in this activity on some days. Nothing was saved: "
               "remove the changes of those days and save again, or contact your town hall.");

    case EF_CLIENT_ERROR_VERSION_CONFLICT:
      return _("The planning was changed elsewhere in the meantime. It has to be loaded again "
               "before your changes can be saved.");

    case EF_CLIENT_ERROR_FORBIDDEN:
      return _("Your account is not allowed to do this. Contact your town hall if you think it "
               "should be.");

    case EF_CLIENT_ERROR_RATE_LIMITED:
      return _("The portal received too many requests. Wait a minute, then try again.");

    case EF_CLIENT_ERROR_LINK_INVALID:
      return _("This link is not valid. Check that you copied the whole link from the e-mail.");

    case EF_CLIENT_ERROR_LINK_EXPIRED:
      return _("This link has expired. Ask for a new one: from the sign-in page for a forgotten "
               "password, or from your town hall for an invitation.");

    case EF_CLIENT_ERROR_LINK_USED:
      return _("This link has already been used. Sign in with your password, or ask for a new "
               "link if you forgot it.");

    case EF_CLIENT_ERROR_NO_KEYRING:
      return _("Passwords cannot be remembered on this computer: no keyring service is running.");

    case EF_CLIENT_ERROR_INVOICE_NOT_PAYABLE:
      return _("An invoice you chose has nothing left to pay. Reload your invoices and choose "
               "again.");

    case EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS:
      return _("A payment of one of these invoices is already under way. Finish it in your "
               "browser, or wait 20 minutes for it to expire, then try again.");

    case EF_CLIENT_ERROR_PAYMENT_UNAVAILABLE:
      return _("Online payment is not available at the moment. Try again later, or pay at the "
               "town hall.");

    case EF_CLIENT_ERROR_STORAGE_FULL:
      return _("The portal cannot save anything at the moment (its storage is full). Your "
               "changes are kept: try again later. If this goes on, contact your town hall.");

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
 *   problem), %FALSE if something has to change first (the address, the
 *   password, the data sent)
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
    case EF_CLIENT_ERROR_NOT_SIGNED_IN:
    case EF_CLIENT_ERROR_UNAUTHORIZED:
    case EF_CLIENT_ERROR_SESSION_EXPIRED:
    case EF_CLIENT_ERROR_ACCOUNT_LOCKED:
    case EF_CLIENT_ERROR_VALIDATION:
    case EF_CLIENT_ERROR_DEADLINE_PASSED:
    case EF_CLIENT_ERROR_DAY_CLOSED:
    case EF_CLIENT_ERROR_NOT_ENROLLED:
    case EF_CLIENT_ERROR_VERSION_CONFLICT:
    case EF_CLIENT_ERROR_FORBIDDEN:
    case EF_CLIENT_ERROR_LINK_INVALID:
    case EF_CLIENT_ERROR_LINK_EXPIRED:
    case EF_CLIENT_ERROR_LINK_USED:
    case EF_CLIENT_ERROR_NO_KEYRING:
    case EF_CLIENT_ERROR_INVOICE_NOT_PAYABLE:
    case EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS:
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
    case EF_CLIENT_ERROR_RATE_LIMITED:
    case EF_CLIENT_ERROR_PAYMENT_UNAVAILABLE:
    case EF_CLIENT_ERROR_STORAGE_FULL:
    default:
      return TRUE;
    }
}

/**
 * ef_client_error_get_api_code:
 * @error: a #GError
 *
 * Returns: (nullable): the portal's own code ("deadline_passed"), for logs
 */
const char *
ef_client_error_get_api_code (const GError *error)
{
  EfClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->api_code : NULL;
}

/**
 * ef_client_error_get_locked_until:
 * @error: a #GError
 *
 * Returns: (transfer none) (nullable): for %EF_CLIENT_ERROR_ACCOUNT_LOCKED,
 *   when the account can sign in again
 */
GDateTime *
ef_client_error_get_locked_until (const GError *error)
{
  EfClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->locked_until : NULL;
}

/**
 * ef_client_error_describe_field_code:
 * @field: (nullable): the field at fault, as the portal names it
 *   ("phones[0].number", "password")
 * @code: (nullable): what is wrong with it ("invalid_phone")
 *
 * Returns: a translated sentence for an inline message under the field
 */
const char *
ef_client_error_describe_field_code (const char *field,
                                     const char *code)
{
  gboolean is_password = g_strcmp0 (field, "password") == 0;

  if (code == NULL)
    return _("This value is not valid.");

  if (g_str_equal (code, "invalid_phone"))
    return _("This is not a French phone number. Write it as 06 12 34 56 78.");
  if (g_str_equal (code, "invalid_postal_code"))
    return _("A postal code has 5 digits.");
  if (g_str_equal (code, "invalid_email"))
    return _("This is not an e-mail address. Write it as name@example.fr.");
  if (g_str_equal (code, "invalid_caf_number"))
    return _("A CAF number has 7 digits.");
  if (g_str_equal (code, "too_short") && is_password)
    return _("The password must have at least 10 characters.");
  if (g_str_equal (code, "too_short"))
    return _("This is too short.");
  if (g_str_equal (code, "too_long") && is_password)
    return _("The password must have at most 256 characters.");
  if (g_str_equal (code, "too_long"))
    return _("This is too long.");
  if (g_str_equal (code, "contains_email"))
    return _("The password must not contain your e-mail address.");
  if (g_str_equal (code, "field_not_editable"))
    return _("Only the town hall can change this. Contact it if it is wrong.");
  if (g_str_equal (code, "required"))
    return _("This field is required.");
  if (g_str_equal (code, "too_many"))
    return _("There are too many entries here.");
  if (g_str_equal (code, "invalid_characters"))
    return _("This contains characters that are not allowed.");
  if (g_str_equal (code, "invalid_kind"))
    return _("Choose mobile, home or work.");
  if (g_str_equal (code, "not_found"))
    return _("This entry no longer exists. Reload the page.");

  return _("This value is not valid.");
}

/**
 * ef_client_error_get_field_messages:
 * @error: a #GError
 *
 * For %EF_CLIENT_ERROR_VALIDATION, the fields the portal refused, as it
 * names them ("email", "phones[0].number", "address.postal_code",
 * "password"), each with a translated sentence for an inline message. A
 * field with several problems gets the first.
 *
 * Returns: (transfer full) (element-type utf8 utf8): field → sentence;
 *   empty when the error says nothing about fields
 */
GHashTable *
ef_client_error_get_field_messages (const GError *error)
{
  EfClientErrorPrivate *priv = get_private (error);
  GHashTable *messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (priv == NULL || priv->fields == NULL)
    return messages;

  for (guint i = 0; i < priv->fields->len; i++)
    {
      FieldProblem *problem = g_ptr_array_index (priv->fields, i);

      if (!g_hash_table_contains (messages, problem->field))
        g_hash_table_insert (messages, g_strdup (problem->field),
                             (gpointer) ef_client_error_describe_field_code (problem->field,
                                                                             problem->code));
    }

  return messages;
}

/**
 * ef_client_error_get_field_code:
 * @error: a #GError
 * @field: a field ("phones[0].number")
 *
 * Returns: (nullable): the portal's code for what is wrong with @field
 *   ("invalid_phone"), or %NULL if nothing is
 */
const char *
ef_client_error_get_field_code (const GError *error,
                                const char   *field)
{
  EfClientErrorPrivate *priv = get_private (error);

  g_return_val_if_fail (field != NULL, NULL);

  if (priv == NULL || priv->fields == NULL)
    return NULL;

  for (guint i = 0; i < priv->fields->len; i++)
    {
      FieldProblem *problem = g_ptr_array_index (priv->fields, i);

      if (g_str_equal (problem->field, field))
        return problem->code;
    }

  return NULL;
}

/**
 * ef_client_error_get_rejected_changes:
 * @error: a #GError
 *
 * For %EF_CLIENT_ERROR_DEADLINE_PASSED, %EF_CLIENT_ERROR_DAY_CLOSED,
 * %EF_CLIENT_ERROR_NOT_ENROLLED and %EF_CLIENT_ERROR_VALIDATION after a
 * save: every change the portal refused, with #EfReservationChange:rejection
 * and, as the case may be, the deadline that passed or why the day is
 * closed.
 *
 * Returns: (transfer none) (nullable): a #GListModel of
 *   #EfReservationChange, or %NULL
 */
GListModel *
ef_client_error_get_rejected_changes (const GError *error)
{
  EfClientErrorPrivate *priv = get_private (error);

  return priv != NULL && priv->rejected != NULL ? G_LIST_MODEL (priv->rejected) : NULL;
}

/**
 * ef_client_error_get_version:
 * @error: a #GError
 * @member_id: a member of the batch
 * @version: (out) (optional): the member's current planning version
 *
 * For %EF_CLIENT_ERROR_VERSION_CONFLICT.
 *
 * Returns: %TRUE if the portal gave the current version of @member_id
 */
gboolean
ef_client_error_get_version (const GError *error,
                             gint64        member_id,
                             gint64       *version)
{
  EfClientErrorPrivate *priv = get_private (error);
  gint64 *found;

  if (priv == NULL || priv->versions == NULL)
    return FALSE;

  found = g_hash_table_lookup (priv->versions, &member_id);
  if (found == NULL)
    return FALSE;

  if (version != NULL)
    *version = *found;
  return TRUE;
}
