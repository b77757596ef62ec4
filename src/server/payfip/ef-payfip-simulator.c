/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payfip-simulator.c: a PayFiP simulator served by the server itself
 *
 * Its operations are in the server's database (payfip_simulator_operations)
 * so that they survive a restart like a real provider's would; its clock
 * is the server's (ef_server_get_now), so tests move it with the test
 * clock. Its pages are French, like PayFiP's.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "store/ef-store-payfip.h"
#include "ef-payfip.h"
#include "ef-payfip-html.h"
#include "ef-payfip-simulator.h"

#define PAGE_PATH "/_payfip/tpa/paiementws.web"

struct _EfPayfipSimulator
{
  GObject       parent_instance;

  EfServer     *server;        /* not owned: it owns us */
  SoupSession  *session;
  GCancellable *cancellable;
};

static void ef_payfip_simulator_provider_iface_init (EfPaymentProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EfPayfipSimulator, ef_payfip_simulator, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EF_TYPE_PAYMENT_PROVIDER,
                                                      ef_payfip_simulator_provider_iface_init))

typedef struct
{
  SoupServerMessage *msg;
  char              *location;
} Redirect;

/* ------------------------------------------------------------- helpers */

static void
redirect_free (Redirect *redirect)
{
  g_clear_object (&redirect->msg);
  g_free (redirect->location);
  g_free (redirect);
}

static gboolean
url_is_http (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && g_uri_get_host (uri) != NULL &&
         (g_str_equal (g_uri_get_scheme (uri), "http") ||
          g_str_equal (g_uri_get_scheme (uri), "https"));
}

static gboolean
params_are_valid (const EfPayfipParams  *params,
                  GError               **error)
{
  const char *bad = NULL;

  if (!ef_payfip_numcli_is_valid (params->numcli))
    bad = "numcli";
  else if (params->exer == NULL || strlen (params->exer) != 4)
    bad = "exer";
  else if (!ef_payfip_refdet_is_valid (params->refdet))
    bad = "refdet";
  else if (params->objet == NULL || g_utf8_strlen (params->objet, -1) > 100)
    bad = "objet";
  else if (params->montant <= 0 || params->montant > 10000000)
    bad = "montant";
  else if (params->mel == NULL || strchr (params->mel, '@') == NULL)
    bad = "mel";
  else if (!url_is_http (params->urlnotif))
    bad = "urlnotif";
  else if (!url_is_http (params->urlredirect))
    bad = "urlredirect";
  else if (params->saisie == NULL || strlen (params->saisie) != 1 ||
           strchr ("TXW", params->saisie[0]) == NULL)
    bad = "saisie";

  if (bad != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "PayFiP refuses the parameter %s", bad);
      return FALSE;
    }
  return TRUE;
}

static char *
dup_base_url (EfServer *server)
{
  g_autofree char *url = ef_server_dup_url (server);

  if (url == NULL)
    return g_strdup ("http://127.0.0.1");
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  return g_steal_pointer (&url);
}

static char *
redirect_location (const EfPayfipSimOperation *operation)
{
  g_autofree char *idop = g_uri_escape_string (operation->idop, NULL, FALSE);
  const char *url = operation->params.urlredirect;

  return g_strdup_printf ("%s%sidop=%s", url, strchr (url, '?') ? "&" : "?", idop);
}

/* The digits of a card number typed with or without spaces, or NULL. */
static char *
card_digits (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-')
        return NULL;
    }
  if (digits->len != 16)
    return NULL;
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

static gboolean
luhn_is_valid (const char *digits)
{
  gsize len = strlen (digits);
  guint sum = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint d = digits[len - 1 - i] - '0';

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  return sum % 10 == 0;
}

static gboolean
text_is_digits (const char *text,
                gsize       len)
{
  if (text == NULL || strlen (text) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* "MM/AA", a month 01–12. */
static gboolean
expiry_is_valid (const char *text)
{
  int month;

  if (text == NULL || strlen (text) != 5 || text[2] != '/' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  month = (text[0] - '0') * 10 + (text[1] - '0');
  return month >= 1 && month <= 12;
}

static const char *
saisie_label (const char *saisie)
{
  if (g_strcmp0 (saisie, "X") == 0)
    return "production";
  if (g_strcmp0 (saisie, "W") == 0)
    return "activation";
  return "test";
}

/* --------------------------------------------------------------- pages */

static const char page_header[] =
  "<div class=\"brand\">PayFiP</div>"
  "<div class=\"sub\">Paiement des services publics locaux — simulateur</div>";

static void
respond_message_page (SoupServerMessage *msg,
                      guint              status,
                      const char        *title,
                      const char        *text,
                      const char        *back_url)
{
  g_autofree char *escaped_title = ef_payfip_html_escape (title);
  g_autofree char *escaped_text = ef_payfip_html_escape (text);
  g_autofree char *escaped_back = ef_payfip_html_escape (back_url);
  g_autofree char *body = NULL;

  body = g_strdup_printf ("<div class=\"card\"><h1>%s</h1><p>%s</p>%s%s%s</div>",
                          escaped_title, escaped_text,
                          back_url ? "<p><a href=\"" : "",
                          back_url ? escaped_back : "",
                          back_url ? "\">Retourner sur le site de la collectivité</a></p>" : "");
  ef_payfip_html_respond (msg, status, title, page_header, body);
}

static void
respond_payment_page (SoupServerMessage          *msg,
                      guint                       status,
                      const EfPayfipSimOperation *operation,
                      const char                 *error_text)
{
  g_autofree char *amount = ef_payfip_html_format_euros (operation->params.montant);
  g_autofree char *town = ef_payfip_html_escape (operation->tenant_name
                                                 ? operation->tenant_name
                                                 : "Collectivité inconnue");
  g_autofree char *objet = ef_payfip_html_escape (operation->params.objet);
  g_autofree char *refdet = ef_payfip_html_escape (operation->params.refdet);
  g_autofree char *mel = ef_payfip_html_escape (operation->params.mel);
  g_autofree char *idop = ef_payfip_html_escape (operation->idop);
  g_autofree char *error_html = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GDateTime) expires = g_date_time_new_from_unix_utc (operation->expires_at);
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) expires_local = NULL;
  g_autofree char *expiry = NULL;

  /* PayFiP is a French service: its times are Paris times. */
  if (paris == NULL)
    paris = g_time_zone_new_utc ();
  expires_local = g_date_time_to_timezone (expires, paris);
  expiry = g_date_time_format (expires_local, "%H:%M");

  if (error_text != NULL)
    {
      g_autofree char *escaped = ef_payfip_html_escape (error_text);

      error_html = g_strdup_printf ("<p class=\"error\" role=\"alert\">%s</p>", escaped);
    }

  body = g_strdup_printf (
    "<div class=\"card\">"
    "<h1>Paiement en ligne</h1>"
    "<p class=\"notice\">Simulateur PayFiP (mode %s) : aucune somme n’est prélevée. "
    "Carte de test acceptée : 4970 1000 0000 0006 ; carte refusée par la banque : "
    "4000 0000 0000 0002.</p>"
    "%s"
    "<dl>"
    "<dt>Collectivité</dt><dd>%s</dd>"
    "<dt>Objet</dt><dd>%s</dd>"
    "<dt>Référence</dt><dd>%s</dd>"
    "<dt>Courriel</dt><dd>%s</dd>"
    "</dl>"
    "<div>Montant à payer</div>"
    "<div class=\"amount\">%s</div>"
    "<form method=\"post\" action=\"" PAGE_PATH "\">"
    "<input type=\"hidden\" name=\"idop\" value=\"%s\">"
    "<fieldset><legend>Carte bancaire</legend>"
    "<label for=\"carte\">Numéro de carte</label>"
    "<input id=\"carte\" name=\"carte\" inputmode=\"numeric\" autocomplete=\"off\" "
    "value=\"4970 1000 0000 0006\" required>"
    "<div class=\"row\">"
    "<div><label for=\"expiration\">Date d’expiration (MM/AA)</label>"
    "<input id=\"expiration\" name=\"expiration\" value=\"12/30\" required></div>"
    "<div><label for=\"cvv\">Cryptogramme</label>"
    "<input id=\"cvv\" name=\"cvv\" inputmode=\"numeric\" value=\"123\" required></div>"
    "</div>"
    "<p class=\"hint\">Vous avez jusqu’à %s (heure de Paris) pour payer.</p>"
    "</fieldset>"
    "<div class=\"actions\">"
    "<button class=\"primary\" type=\"submit\" name=\"action\" value=\"payer\">Payer %s</button>"
    "<button class=\"danger\" type=\"submit\" name=\"action\" value=\"refuser\" formnovalidate>"
    "Simuler un refus</button>"
    "<button type=\"submit\" name=\"action\" value=\"annuler\" formnovalidate>Annuler</button>"
    "</div>"
    "</form>"
    "</div>",
    saisie_label (operation->params.saisie), error_html ? error_html : "",
    town, objet, refdet, mel, amount, idop, expiry, amount);

  ef_payfip_html_respond (msg, status, "PayFiP — Paiement en ligne", page_header, body);
}

/* Answers @msg with the page for an operation that cannot be paid now, or
 * returns FALSE when it can. */
static gboolean
respond_if_closed (EfServer                   *server,
                   SoupServerMessage          *msg,
                   const EfPayfipSimOperation *operation)
{
  if (operation->resultrans != NULL)
    {
      g_autofree char *back = redirect_location (operation);

      respond_message_page (msg, SOUP_STATUS_CONFLICT, "Opération déjà traitée",
                            "Cette opération de paiement est terminée : elle ne peut pas "
                            "être payée une seconde fois.", back);
      return TRUE;
    }
  if (ef_server_get_now_unix (server) >= operation->expires_at)
    {
      g_autofree char *back = redirect_location (operation);

      respond_message_page (msg, SOUP_STATUS_GONE, "Opération expirée",
                            "Le délai de 15 minutes pour payer est dépassé : aucune somme n’a "
                            "été prélevée. Recommencez depuis le site de la collectivité.", back);
      return TRUE;
    }
  return FALSE;
}

static void
respond_redirect (SoupServerMessage *msg,
                  const char        *location)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_status (msg, SOUP_STATUS_SEE_OTHER, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                    "", 0);
}

/* ------------------------------------------------------------ callbacks */

static void
on_notification_sent_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  Redirect *redirect = user_data;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *sent;

  answer = soup_session_send_and_read_finish (session, result, &error);
  sent = soup_session_get_async_result_message (session, result);
  if (answer == NULL)
    g_warning ("PayFiP simulator: the notification was not delivered: %s", error->message);
  else if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (sent)))
    g_message ("PayFiP simulator: the notification was answered %u",
               soup_message_get_status (sent));

  /* Like PayFiP, the browser goes back once the notification is out, so
   * that the return page can already tell the result. */
  respond_redirect (redirect->msg, redirect->location);
  soup_server_message_unpause (redirect->msg);
  redirect_free (redirect);
}

/* --------------------------------------------------------------- vfuncs */

static void
simulator_create_operation_async (EfPaymentProvider     *provider,
                                  const EfPayfipParams  *params,
                                  GCancellable          *cancellable,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data)
{
  EfPayfipSimulator *self = EF_PAYFIP_SIMULATOR (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(EfPayfipOperation) operation = NULL;
  g_autofree char *base = NULL;
  GError *error = NULL;
  gint64 now;

  g_task_set_source_tag (task, simulator_create_operation_async);

  if (!params_are_valid (params, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  operation = g_new0 (EfPayfipOperation, 1);
  operation->idop = g_uuid_string_random ();
  now = ef_server_get_now_unix (self->server);
  if (!ef_store_payfip_sim_add (ef_server_get_store (self->server), operation->idop, params,
                                now, now + EF_PAYFIP_SIMULATOR_OPERATION_SECONDS, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  base = dup_base_url (self->server);
  operation->url = g_strdup_printf ("%s" PAGE_PATH "?idop=%s", base, operation->idop);
  g_task_return_pointer (task, g_steal_pointer (&operation),
                         (GDestroyNotify) ef_payfip_operation_free);
}

static EfPayfipOperation *
simulator_create_operation_finish (EfPaymentProvider  *provider,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
simulator_get_result_async (EfPaymentProvider   *provider,
                            const char          *idop,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  EfPayfipSimulator *self = EF_PAYFIP_SIMULATOR (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(EfPayfipSimOperation) operation = NULL;
  g_autoptr(EfPayfipResult) result = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, simulator_get_result_async);

  operation = ef_store_payfip_sim_get (ef_server_get_store (self->server), idop, &error);
  if (operation == NULL)
    {
      if (error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "PayFiP knows no operation %s", idop);
      g_task_return_error (task, error);
      return;
    }

  result = g_new0 (EfPayfipResult, 1);
  result->idop = g_strdup (operation->idop);
  result->resultrans = g_strdup (operation->resultrans);
  result->montant = operation->params.montant;
  result->refdet = g_strdup (operation->params.refdet);
  result->numcli = g_strdup (operation->params.numcli);
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) ef_payfip_result_free);
}

static EfPayfipResult *
simulator_get_result_finish (EfPaymentProvider  *provider,
                             GAsyncResult       *result,
                             GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ef_payfip_simulator_provider_iface_init (EfPaymentProviderInterface *iface)
{
  iface->create_operation_async = simulator_create_operation_async;
  iface->create_operation_finish = simulator_create_operation_finish;
  iface->get_result_async = simulator_get_result_async;
  iface->get_result_finish = simulator_get_result_finish;
}

static void
ef_payfip_simulator_dispose (GObject *object)
{
  EfPayfipSimulator *self = EF_PAYFIP_SIMULATOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ef_payfip_simulator_parent_class)->dispose (object);
}

static void
ef_payfip_simulator_finalize (GObject *object)
{
  EfPayfipSimulator *self = EF_PAYFIP_SIMULATOR (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ef_payfip_simulator_parent_class)->finalize (object);
}

static void
ef_payfip_simulator_class_init (EfPayfipSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ef_payfip_simulator_dispose;
  object_class->finalize = ef_payfip_simulator_finalize;
}

static void
ef_payfip_simulator_init (EfPayfipSimulator *self)
{
  self->session = ef_payfip_session_new ();
  self->cancellable = g_cancellable_new ();
}

/* ----------------------------------------------------------- public API */

EfPayfipSimulator *
ef_payfip_simulator_new (EfServer *server)
{
  EfPayfipSimulator *self;

  g_return_val_if_fail (EF_IS_SERVER (server), NULL);

  self = g_object_new (EF_TYPE_PAYFIP_SIMULATOR, NULL);
  self->server = server;
  return self;
}

/* The operation @idop, still open to payment; NULL after answering @msg
 * when it is unknown or closed, or cannot be read. */
static EfPayfipSimOperation *
find_open_operation (EfServer          *server,
                     SoupServerMessage *msg,
                     const char        *idop)
{
  g_autoptr(EfPayfipSimOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (idop != NULL)
    operation = ef_store_payfip_sim_get (ef_server_get_store (server), idop, &error);

  if (error != NULL)
    {
      g_warning ("PayFiP simulator: %s", error->message);
      respond_message_page (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Service indisponible",
                            "Le service de paiement est momentanément indisponible.", NULL);
      return NULL;
    }
  if (operation == NULL)
    {
      respond_message_page (msg, SOUP_STATUS_NOT_FOUND, "Opération inconnue",
                            "Cette adresse ne correspond à aucune opération de paiement.", NULL);
      return NULL;
    }
  if (respond_if_closed (server, msg, operation))
    return NULL;
  return g_steal_pointer (&operation);
}

void
ef_payfip_simulator_handle_page (SoupServerMessage *msg,
                                 GHashTable        *params,
                                 gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfPayfipSimOperation) operation = NULL;
  g_autoptr(GHashTable) query = NULL;
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *idop = NULL;

  if (raw_query != NULL)
    query = soup_form_decode (raw_query);
  if (query != NULL)
    idop = g_hash_table_lookup (query, "idop");
  operation = find_open_operation (server, msg, idop);
  if (operation == NULL)
    return;

  respond_payment_page (msg, SOUP_STATUS_OK, operation, NULL);
}

void
ef_payfip_simulator_handle_submit (SoupServerMessage *msg,
                                   GHashTable        *params,
                                   gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfPayfipSimulator *self = ef_payfip_get_simulator (server);
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfPayfipSimOperation) operation = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) notification = NULL;
  g_autoptr(GBytes) notification_body = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *numauto = NULL;
  g_autofree char *encoded = NULL;
  const char *content_type;
  const char *idop = NULL;
  const char *action = NULL;
  const char *resultrans;
  const char *notify;
  Redirect *redirect;

  content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                        NULL);
  bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0 &&
      g_bytes_get_size (bytes) > 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      form = soup_form_decode (text);
    }
  if (form != NULL)
    {
      idop = g_hash_table_lookup (form, "idop");
      action = g_hash_table_lookup (form, "action");
    }
  operation = find_open_operation (server, msg, idop);
  if (operation == NULL)
    return;

  if (g_strcmp0 (action, "payer") == 0)
    {
      digits = card_digits (g_hash_table_lookup (form, "carte"));
      if (digits == NULL || !luhn_is_valid (digits))
        {
          respond_payment_page (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, operation,
                                "Le numéro de carte n’est pas valable : 16 chiffres.");
          return;
        }
      if (!expiry_is_valid (g_hash_table_lookup (form, "expiration")) ||
          !text_is_digits (g_hash_table_lookup (form, "cvv"), 3))
        {
          respond_payment_page (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, operation,
                                "Saisissez la date d’expiration (MM/AA) et le cryptogramme "
                                "(3 chiffres) de la carte.");
          return;
        }
      /* The simulator's bank knows its test card only. */
      resultrans = g_str_equal (digits, EF_PAYFIP_SIMULATOR_CARD_PAID) ? "P" : "R";
    }
  else if (g_strcmp0 (action, "refuser") == 0)
    resultrans = "R";
  else if (g_strcmp0 (action, "annuler") == 0)
    resultrans = "A";
  else
    {
      respond_payment_page (msg, SOUP_STATUS_BAD_REQUEST, operation,
                            "Choisissez « Payer », « Simuler un refus » ou « Annuler ».");
      return;
    }

  if (g_str_equal (resultrans, "P"))
    numauto = g_strdup_printf ("%06u", g_random_int_range (0, 1000000));
  if (!ef_store_payfip_sim_finish (store, operation->idop, resultrans, numauto,
                                   ef_server_get_now_unix (server), &error))
    {
      /* Another submission finished it first. */
      if (error != NULL)
        g_warning ("PayFiP simulator: %s", error->message);
      respond_message_page (msg, SOUP_STATUS_CONFLICT, "Opération déjà traitée",
                            "Cette opération de paiement est terminée : elle ne peut pas "
                            "être payée une seconde fois.", NULL);
      return;
    }

  redirect = g_new0 (Redirect, 1);
  redirect->msg = g_object_ref (msg);
  redirect->location = redirect_location (operation);

  /* For tests of late notifications only: notifier=0 finishes the
   * operation without telling the server, as if the notification had
   * been lost. */
  notify = g_hash_table_lookup (form, "notifier");
  if (g_strcmp0 (notify, "0") == 0)
    {
      respond_redirect (redirect->msg, redirect->location);
      redirect_free (redirect);
      return;
    }

  /* The notification carries the operation id and nothing else: the
   * server must ask the provider for the result. */
  encoded = soup_form_encode ("idop", operation->idop, NULL);
  notification = soup_message_new ("POST", operation->params.urlnotif);
  if (notification == NULL)
    {
      g_warning ("PayFiP simulator: cannot notify %s", operation->params.urlnotif);
      respond_redirect (redirect->msg, redirect->location);
      redirect_free (redirect);
      return;
    }
  notification_body = g_bytes_new (encoded, strlen (encoded));
  soup_message_set_request_body_from_bytes (notification, "application/x-www-form-urlencoded",
                                            notification_body);

  soup_server_message_pause (msg);
  soup_session_send_and_read_async (self->session, notification, G_PRIORITY_DEFAULT,
                                    self->cancellable, on_notification_sent_cb, redirect);
}
