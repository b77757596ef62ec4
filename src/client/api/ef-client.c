/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client.c: the portal's HTTP/JSON API, for the pages of the application
 *
 * One EfClient talks to one portal ("https://host/7249") over one
 * SoupSession. It knows HTTP, JSON and the API's error bodies; it turns all
 * of them into model objects of libefcommon or into EF_CLIENT_ERROR codes,
 * so that pages never see a status code, a JSON node or a server's text.
 *
 * Proxies: the session asks an EfProxyResolver, which follows the system
 * settings except for loopback portals, always reached directly.
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "ef-client.h"
#include "ef-proxy-resolver.h"

/* Larger answers are not what the API sends: refuse rather than parse. */
#define MAX_BODY_SIZE (4 * 1024 * 1024)

struct _EfClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *portal_url;
  char        *tenant_id;
  guint        timeout;
};

G_DEFINE_FINAL_TYPE (EfClient, ef_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PORTAL_URL,
  PROP_TENANT_ID,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
tenant_id_is_valid (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > 64)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
      return FALSE;

  return TRUE;
}

static gboolean
text_has_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return TRUE;

  return FALSE;
}

/* Transport errors (from GIO, the resolver, TLS or libsoup) to our codes;
 * the original text is kept for the logs only. */
static GError *
map_transport_error (const GError *error,
                     const char   *uri)
{
  EfClientError code = EF_CLIENT_ERROR_NETWORK;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    code = EF_CLIENT_ERROR_CANCELLED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = EF_CLIENT_ERROR_TIMEOUT;
  else if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    code = EF_CLIENT_ERROR_HOST_NOT_FOUND;
  else if (error->domain == G_TLS_ERROR)
    code = EF_CLIENT_ERROR_TLS;
  else if (error->domain == SOUP_SESSION_ERROR)
    code = EF_CLIENT_ERROR_PROTOCOL;

  return g_error_new (EF_CLIENT_ERROR, code, "%s: %s", uri, error->message);
}

/* An HTTP status other than 2xx, with the API's error body when there is
 * one, to our codes. */
static GError *
map_http_error (guint       status,
                GBytes     *body,
                const char *uri)
{
  g_autoptr (GError) api_error = NULL;
  g_autoptr (JsonNode) node = NULL;
  EfClientError code;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  if (size > 0 && size <= MAX_BODY_SIZE)
    node = ef_json_parse (data, size, NULL);
  if (node != NULL)
    ef_json_error_from_body (node, &api_error, NULL);

  if (g_error_matches (api_error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT))
    code = EF_CLIENT_ERROR_UNKNOWN_TENANT;
  else if (g_error_matches (api_error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND) ||
           status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    code = EF_CLIENT_ERROR_NOT_FOUND;
  else if (status == SOUP_STATUS_REQUEST_TIMEOUT || status == SOUP_STATUS_GATEWAY_TIMEOUT)
    code = EF_CLIENT_ERROR_TIMEOUT;
  else if (status >= 500 && status <= 599)
    code = EF_CLIENT_ERROR_SERVER;
  else
    code = EF_CLIENT_ERROR_PROTOCOL;

  return g_error_new (EF_CLIENT_ERROR, code, "%s: HTTP %u%s%s", uri, status,
                      api_error != NULL ? ": " : "",
                      api_error != NULL ? api_error->message : "");
}

static JsonNode *
parse_json_body (GBytes      *body,
                 const char  *uri,
                 GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonNode *node;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  if (size > MAX_BODY_SIZE)
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL,
                   "%s: the answer is too large (%" G_GSIZE_FORMAT " bytes)", uri, size);
      return NULL;
    }

  node = ef_json_parse (data != NULL ? data : "", size, &local_error);
  if (node == NULL)
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL,
                   "%s: %s", uri, local_error->message);
      return NULL;
    }

  return node;
}

static void
on_get_portal_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (EfPortal) portal = NULL;
  SoupMessage *message = g_task_get_task_data (task);
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (message));
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_autoptr (GError) mapped = map_transport_error (error, uri);

      if (!ef_client_error_is_cancelled (mapped))
        g_debug ("GET failed: %s", mapped->message);
      g_task_return_error (task, g_steal_pointer (&mapped));
      return;
    }

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED,
                               "%s: cancelled", uri);
      return;
    }

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr (GError) mapped = map_http_error (status, body, uri);

      g_debug ("GET failed: %s", mapped->message);
      g_task_return_error (task, g_steal_pointer (&mapped));
      return;
    }

  node = parse_json_body (body, uri, &error);
  if (node != NULL)
    {
      g_autoptr (GError) decode_error = NULL;

      portal = ef_portal_new_from_json (node, &decode_error);
      if (portal == NULL)
        g_set_error (&error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL,
                     "%s: %s", uri, decode_error->message);
    }

  if (portal == NULL)
    {
      g_debug ("GET failed: %s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&portal), g_object_unref);
}

static void
ef_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EfClient *self = EF_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PORTAL_URL:
      g_value_set_string (value, self->portal_url);
      break;

    case PROP_TENANT_ID:
      g_value_set_string (value, self->tenant_id);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EfClient *self = EF_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PORTAL_URL:
      ef_client_set_portal_url (self, g_value_get_string (value));
      break;

    case PROP_TIMEOUT:
      ef_client_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_client_dispose (GObject *object)
{
  EfClient *self = EF_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ef_client_parent_class)->dispose (object);
}

static void
ef_client_finalize (GObject *object)
{
  EfClient *self = EF_CLIENT (object);

  g_clear_pointer (&self->portal_url, g_free);
  g_clear_pointer (&self->tenant_id, g_free);

  G_OBJECT_CLASS (ef_client_parent_class)->finalize (object);
}

static void
ef_client_class_init (EfClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ef_client_get_property;
  object_class->set_property = ef_client_set_property;
  object_class->dispose = ef_client_dispose;
  object_class->finalize = ef_client_finalize;

  /**
   * EfClient:portal-url:
   *
   * The portal, as normalized by ef_client_normalize_portal_url() when it
   * is valid ("https://host/7249"), or as given when it is not (requests
   * then fail with %EF_CLIENT_ERROR_INVALID_PORTAL). %NULL when none is
   * configured.
   */
  properties[PROP_PORTAL_URL] =
    g_param_spec_string ("portal-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:tenant-id:
   *
   * The municipality's identifier taken from #EfClient:portal-url ("7249"),
   * or %NULL when the portal URL is not valid.
   */
  properties[PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfClient:timeout:
   *
   * Seconds without any network activity after which a request fails with
   * %EF_CLIENT_ERROR_TIMEOUT; 0 means never.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, EF_CLIENT_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_client_init (EfClient *self)
{
  g_autoptr (GProxyResolver) resolver = ef_proxy_resolver_new (g_proxy_resolver_get_default ());

  self->timeout = EF_CLIENT_DEFAULT_TIMEOUT;
  self->session = soup_session_new_with_options ("proxy-resolver", resolver,
                                                 "timeout", self->timeout,
                                                 "user-agent", PACKAGE_NAME "/" PACKAGE_VERSION " ",
                                                 "accept-language-auto", TRUE,
                                                 NULL);
}

/**
 * ef_client_new:
 * @portal_url: (nullable): the portal, as a parent would paste it
 *
 * Returns: (transfer full): a new #EfClient
 */
EfClient *
ef_client_new (const char *portal_url)
{
  return g_object_new (EF_TYPE_CLIENT, "portal-url", portal_url, NULL);
}

const char *
ef_client_get_portal_url (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->portal_url;
}

/**
 * ef_client_set_portal_url:
 * @self: an #EfClient
 * @portal_url: (nullable): the portal, as a parent would paste it; %NULL or
 *   an empty string for none
 *
 * Points the client at another portal. Requests already running go on
 * with the address they started with.
 */
void
ef_client_set_portal_url (EfClient   *self,
                          const char *portal_url)
{
  g_autofree char *normalized = NULL;
  g_autofree char *tenant_id = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));

  if (portal_url != NULL)
    {
      normalized = ef_client_normalize_portal_url (portal_url, &tenant_id, NULL);
      if (normalized == NULL)
        normalized = g_strstrip (g_strdup (portal_url));
      if (*normalized == '\0')
        g_clear_pointer (&normalized, g_free);
    }

  if (g_strcmp0 (normalized, self->portal_url) == 0)
    return;

  g_free (self->portal_url);
  self->portal_url = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTAL_URL]);

  if (g_strcmp0 (tenant_id, self->tenant_id) != 0)
    {
      g_free (self->tenant_id);
      self->tenant_id = g_steal_pointer (&tenant_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENANT_ID]);
    }
}

const char *
ef_client_get_tenant_id (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);

  return self->tenant_id;
}

/**
 * ef_client_has_portal:
 * @self: an #EfClient
 *
 * Returns: %TRUE if a portal address is configured, valid or not
 */
gboolean
ef_client_has_portal (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), FALSE);

  return self->portal_url != NULL;
}

guint
ef_client_get_timeout (EfClient *self)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), 0);

  return self->timeout;
}

void
ef_client_set_timeout (EfClient *self,
                       guint     seconds)
{
  g_return_if_fail (EF_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * ef_client_normalize_portal_url:
 * @text: an address as a parent would paste it from the browser or an
 *   e-mail: "https://espacefamille.example.fr/7249", possibly with spaces
 *   around, a trailing slash, a page after the tenant ("/7249/login",
 *   "/7249/#/accueil"), a query, or no scheme at all (https is assumed)
 * @tenant_id: (out) (optional): the municipality's identifier ("7249")
 * @error: return location for an error
 *
 * The portal is the scheme, the host (and port when not the default one)
 * and the first path segment, the tenant. Plain http is refused
 * (%EF_CLIENT_ERROR_INSECURE_PORTAL) unless the host is the local machine
 * (localhost, 127.0.0.0/8, ::1). Anything else that does not make such an
 * address is %EF_CLIENT_ERROR_INVALID_PORTAL.
 *
 * Returns: (transfer full) (nullable): "https://host/7249", or %NULL
 */
char *
ef_client_normalize_portal_url (const char  *text,
                                char       **tenant_id,
                                GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_auto (GStrv) segments = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) parse_error = NULL;
  const char *tenant = NULL;
  int port;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                           "The portal address is empty");
      return NULL;
    }

  if (text_has_space (trimmed) || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” is not an address", trimmed);
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED, &parse_error);
  if (uri == NULL)
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” is not an address: %s", trimmed, parse_error->message);
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” is not a web address", trimmed);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” has no host, or has a user name in it", trimmed);
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  if (g_str_equal (scheme, "http") && !ef_host_is_loopback (host))
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INSECURE_PORTAL,
                   "“%s” uses plain http on a host that is not the local machine", trimmed);
      return NULL;
    }

  segments = g_strsplit (g_uri_get_path (uri), "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (*segments[i] != '\0')
        {
          tenant = segments[i];
          break;
        }
    }

  if (tenant == NULL || !tenant_id_is_valid (tenant))
    {
      g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                   "“%s” does not name a municipality after the host", trimmed);
      return NULL;
    }

  port = g_uri_get_port (uri);
  if ((port == 443 && g_str_equal (scheme, "https")) ||
      (port == 80 && g_str_equal (scheme, "http")))
    port = -1;

  path = g_strconcat ("/", tenant, NULL);
  if (tenant_id != NULL)
    *tenant_id = g_strdup (tenant);

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, port, path, NULL, NULL);
}

/**
 * ef_client_get_portal_async:
 * @self: an #EfClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Asks the portal what it says about itself (GET {portal}/api/v1/portal):
 * the municipality's name, contact, time zone, services.
 */
void
ef_client_get_portal_async (EfClient            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autofree char *portal_url = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (EF_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_client_get_portal_async);
  /* Cancellation is reported in our own domain, see on_get_portal_cb(). */
  g_task_set_check_cancellable (task, FALSE);

  portal_url = ef_client_normalize_portal_url (self->portal_url, NULL, &error);
  if (portal_url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  uri = g_strconcat (portal_url, "/api/v1/portal", NULL);
  message = soup_message_new (SOUP_METHOD_GET, uri);
  if (message == NULL)
    {
      g_task_return_new_error (task, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVALID_PORTAL,
                               "“%s” is not a valid URI", uri);
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    on_get_portal_cb, g_steal_pointer (&task));
}

/**
 * ef_client_get_portal_finish:
 * @self: an #EfClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %EF_CLIENT_ERROR
 *
 * Returns: (transfer full) (nullable): the portal, or %NULL with @error set
 */
EfPortal *
ef_client_get_portal_finish (EfClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (EF_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_client_get_portal_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
