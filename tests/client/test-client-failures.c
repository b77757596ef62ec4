/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-client-failures.c: EfClient when the portal fails: a server killed
 * mid-request, truncated, malformed and oversized answers, a certificate
 * nobody vouches for, a portal whose storage is full; and the sentences of
 * every error code */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <libsoup/soup.h>

#include "api/ef-client.h"
#include "api/ef-client-private.h"
#include "client-test-util.h"
#include "ef-test-api.h"
#include "ef-test-server.h"

/* A self-signed certificate for localhost and 127.0.0.1 (valid until 2126),
 * made for this test only: no client may accept it. */
static const char self_signed_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIDJzCCAg+gAwIBAgIUDnKTTCwruGtTtIlqB8IfbCp3fXowDQYJKoZIhvcNAQEL\n"
  "BQAwFDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNjE2MjAxMloYDzIxMjYx\n"
  "MTAyMTYyMDEyWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwggEiMA0GCSqGSIb3DQEB\n"
  "AQUAA4IBDwAwggEKAoIBAQDXkiuSFA2mcRXPHTy3L9YQTuLQ9O9k8xKY1zQSg6uJ\n"
  "2iQaIV0Ogwniu476PvUsAYTp7w/wSyJwbKVEF9IMFUZk8yNOSeVGLrQI/Lo1+n3C\n"
  "XdkVzMDrPlIAv9Q6dAK9HSgmwxUVMRIxlK929ltWD6FLHGwaF4GuLh3x2MbBIKef\n"
  "P29IjKduWLSAqraIu3f8lHvTRBUssb1j2SjsZMOaTtZevNxmt58G/Bmy22vId/nn\n"
  "xVZHa9ETV7bP5AEUZ6r2y0niBFvmL6Jg1NsD/KUlADYGsbZ1Do79sCY4FYGu5lwW\n"
  "k9xkYpGcNgHemkitg83qMIlTze+ijtA53Z6MMW3MPOwLAgMBAAGjbzBtMB0GA1Ud\n"
  "DgQWBBSghELjvFl/XrP6Tmh7giyh8VulQTAfBgNVHSMEGDAWgBSghELjvFl/XrP6\n"
  "Tmh7giyh8VulQTAPBgNVHRMBAf8EBTADAQH/MBoGA1UdEQQTMBGCCWxvY2FsaG9z\n"
  "dIcEfwAAATANBgkqhkiG9w0BAQsFAAOCAQEAfB7IlDxr7SlpAvbu+EfRwcAg8cZf\n"
  "3nTw59hKedctspCntUL5zUmPQniKjD8C3baMlDF/lvfYsPgfMHokxdzHq+RYx6JL\n"
  "tZTnlutB0+jP/2Szr6DXtECXkxhu79BXip/rgS44JC0kw1hA78FZldEvkeq/6rp7\n"
  "3hFzjj6nslTusxtIzkJWcI77WTTSmggpGc5N2nhkzuCRQjNVf/Qj/kB+LXGUYL0d\n"
  "GnnkKhvyOPWTDSYwOU5KWHq3mydCDICEQFs4/LU16bsaKFoHg6pd5pDBmcWRHBDq\n"
  "hG1gWm7demnr78l/kKV+L7sBSWuONVdWqeGyTwXmHwh7h54tNFwEHZXGLQ==\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDXkiuSFA2mcRXP\n"
  "HTy3L9YQTuLQ9O9k8xKY1zQSg6uJ2iQaIV0Ogwniu476PvUsAYTp7w/wSyJwbKVE\n"
  "F9IMFUZk8yNOSeVGLrQI/Lo1+n3CXdkVzMDrPlIAv9Q6dAK9HSgmwxUVMRIxlK92\n"
  "9ltWD6FLHGwaF4GuLh3x2MbBIKefP29IjKduWLSAqraIu3f8lHvTRBUssb1j2Sjs\n"
  "ZMOaTtZevNxmt58G/Bmy22vId/nnxVZHa9ETV7bP5AEUZ6r2y0niBFvmL6Jg1NsD\n"
  "/KUlADYGsbZ1Do79sCY4FYGu5lwWk9xkYpGcNgHemkitg83qMIlTze+ijtA53Z6M\n"
  "MW3MPOwLAgMBAAECggEASgs4cQP3TlCwc4Pw22EQb2iRKsG+ypddL2dXyPY2APMP\n"
  "DHSiQH5M8naG3TirwLJC45FMEbbU/PWsbG+cI69ZDwqeeWETYeBf0WhxU2IXOSBA\n"
  "FOdP6l1tEDnTnUJEwI1XwbynLLC+tY4DGOL0q2JR/fkkvm+NiPTpLy1M04AyYxVm\n"
  "81yi0T3t64VAHif3i5brtdDHpSpsjh1bD5POyDw2uhoBr8Qp3pZ/vVnCzYL6OEAU\n"
  "/PAiKevMjutadrIk6jB7MMLLS2KS9BUf1S7+/q4i7HdAr01HO/u8gG8Fhn2Nbvwx\n"
  "DvDZoYHPHVhdfu47X8W0uQ9yZdVokSKxSoerMKPQwQKBgQDsUP7MQVF0z4OxDR3I\n"
  "OWHt5Am2QpQXxoF2JNV3itAN9Nbo3TaXcmNdLlKhlr9fVimZIaJmE80pZTVJsr+t\n"
  "jhGRzh1fiCzbCGovIBGZRbIikNUsSweS6Qc/QEgvuZ2rwAV6k9RJwWfGcqd8Cc2a\n"
  "OGICOQ89iojpKmfC+1f1lR5PywKBgQDphtFd5ezBOZpjS6Jxk8HyTiMXfYZlcHfC\n"
  "06xFI8/tBhRUpjRDjlZrd8NW2Ij2PVuPsQ18mif0DQC1HidX3huL4a5/hKlklcal\n"
  "sz70xGERHdM/JpZof0bqzG7PSFpvuZj8hjWUjWHrWKqo8B1141JSyErlXn6pi9On\n"
  "KLCCVsfMwQKBgQC67GpPKI+FBSvW3Vgka3dR06H2//ziPYtj50jO8QcXMwbXVTt8\n"
  "WefM6fpEhNhFUgM/dEJf2ePbjYm0DObfIlQ1b8L+MNnCO4q6UfR5t45rFwL3sTWB\n"
  "eD/aQT+YOItGMnJi/hHacVhjuYdPbvWpulWUCoxKko0vWfKPYX6268f5NwKBgQCD\n"
  "XviBHkumF8WmfnIP+tNsgFB1coQcpLx6uaF7872Q1Y6yYB2es4AiTOly/bVu8O2F\n"
  "VFEF+6LmRDpVqXTwlV5hvr/vtK2mjCuII+ISyDbi7ihcqlSKzK8Uf5UGvulBWOOb\n"
  "i9SwkSi4wNSg3RN1skApmcuoZRRURPj4XIePi0ozAQKBgFNSOIPxnBRk2JOnZcM+\n"
  "o35bp3SnLvTTFpXIZOhnKg0lpeN6G9CRhWtwLGfCKXfZ1Rzd0Xfc/Q/ZGIQC2F8N\n"
  "Jsx39jSUr0lxW6FZpyzW6dKsNsMSLhKpo02L/i8JJZFwRUrPIgYxeH7iulcsUTmn\n"
  "kYg7KA0ZB0yQ7rVwj0M270G8\n"
  "-----END PRIVATE KEY-----\n";
/* ---- a raw server that lies about its answers ------------------------------ */

typedef struct {
  GSocketService *service;
  char           *base;
  const char     *answer;   /* written as is after the request is read */
} RawServer;

typedef struct {
  GSocketConnection *connection;
  const char        *answer;
  char               buffer[4096];
} RawConnection;

static void
raw_connection_free (RawConnection *raw)
{
  g_object_unref (raw->connection);
  g_free (raw);
}

static void
on_request_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RawConnection *raw = user_data;
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (raw->connection));
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  /* One read holds the small request of a test; then answer, and hang up. */
  if (n > 0)
    g_output_stream_write_all (output, raw->answer, strlen (raw->answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (raw->connection), NULL, NULL);
  raw_connection_free (raw);
}

static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           user_data)
{
  RawServer *server = user_data;
  RawConnection *raw = g_new0 (RawConnection, 1);

  raw->connection = g_object_ref (connection);
  raw->answer = server->answer;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                             raw->buffer, sizeof raw->buffer, G_PRIORITY_DEFAULT, NULL,
                             on_request_read_cb, raw);
  return TRUE;
}

static void
raw_server_start (RawServer  *server,
                  const char *answer)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) error = NULL;

  server->answer = answer;
  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (server->service, "incoming", G_CALLBACK (on_incoming_cb), server);
  g_socket_service_start (server->service);
  server->base = g_strdup_printf ("http://127.0.0.1:%u",
                                  g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
}

static void
raw_server_stop (RawServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_clear_pointer (&server->base, g_free);
}

static void
assert_portal_error_from (const char   *answer,
                          EfClientError code)
{
  RawServer server = { 0 };
  g_autofree char *url = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GError) error = NULL;

  raw_server_start (&server, answer);
  url = g_strdup_printf ("%s/7249", server.base);
  client = ef_client_new (url);

  ef_client_get_portal_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  portal = ef_client_get_portal_finish (client, result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, (int) code);
  g_assert_null (portal);
  g_test_message ("%s", error->message);
  /* People read a sentence, never the raw text. */
  g_assert_null (strstr (ef_client_error_get_user_message (error), "127.0.0.1"));

  raw_server_stop (&server);
}

static void
test_truncated_answer (void)
{
  /* The head promises 1000 bytes; the connection closes after 20. */
  assert_portal_error_from ("HTTP/1.1 200 OK\r\n"
                            "Content-Type: application/json\r\n"
                            "Content-Length: 1000\r\n"
                            "\r\n"
                            "{\"id\": \"7249\", \"na",
                            EF_CLIENT_ERROR_PROTOCOL);
}

static void
test_malformed_answer (void)
{
  assert_portal_error_from ("HTTP/1.1 200 OK\r\n"
                            "Content-Type: application/json\r\n"
                            "Content-Length: 17\r\n"
                            "Connection: close\r\n"
                            "\r\n"
                            "{\"id\": \"7249\",,}",
                            EF_CLIENT_ERROR_PROTOCOL);
  /* An error body that is not JSON: the status decides. */
  assert_portal_error_from ("HTTP/1.1 500 Internal Server Error\r\n"
                            "Content-Type: application/json\r\n"
                            "Content-Length: 9\r\n"
                            "Connection: close\r\n"
                            "\r\n"
                            "{\"error\":",
                            EF_CLIENT_ERROR_SERVER);
}

static void
test_hang_up_without_answer (void)
{
  assert_portal_error_from ("", EF_CLIENT_ERROR_NETWORK);
}

/* ---- a live server that dies ------------------------------------------- */

static void
test_server_killed_mid_request (void)
{
  g_autoptr (EfTestServer) server = ef_test_server_start (TRUE, NULL);
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  g_autoptr (EfClient) client = ef_client_new (url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  gint64 member;

  ef_test_api_demo_account (server, &email, &password);
  ef_client_sign_in_async (client, email, password, FALSE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  ef_client_get_family_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  family = ef_client_get_family_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  {
    g_autoptr (EfMember) lea = g_list_model_get_item (ef_client_get_members (client), 1);

    member = ef_member_get_id (lea);
  }

  /* The server stops answering; the request is sent and waits; then the
   * server dies. */
  g_assert_cmpint (kill (ef_test_server_get_pid (server), SIGSTOP), ==, 0);
  ef_client_get_planning_async (client, member, ef_day_new (2026, 9, 1), ef_day_new (2027, 7, 3),
                                NULL, on_result_cb, &result);
  run_main_loop_for (300);
  g_assert_null (result);
  ef_test_server_kill (server);

  wait_for_result (&result);
  planning = ef_client_get_planning_finish (client, result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK);
  g_assert_null (planning);
  g_assert_true (ef_client_error_can_retry (error));
  g_test_message ("%s", error->message);

  /* And afterwards: refused at once, no crash, still signed in. */
  g_clear_object (&result);
  g_clear_error (&error);
  ef_client_get_family_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_clear_object (&family);
  family = ef_client_get_family_finish (client, result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK);
  g_assert_true (ef_client_get_signed_in (client));
}

/* ---- oversized answers -------------------------------------------------- */

/* Small, so that going past it is quick; several reads of 64 KiB all the same. */
#define BODY_LIMIT (256 * 1024)

typedef enum {
  ANNOUNCED_TOO_LARGE,   /* Content-Length past the limit, then never the body */
  CHUNKED_TOO_LARGE,     /* no Content-Length, chunks past the limit */
  CHUNKED_AT_LIMIT,      /* no Content-Length, exactly the limit */
  LENGTH_AT_LIMIT,       /* Content-Length of exactly the limit */
} BodyCase;

typedef struct {
  BodyCase  body_case;
  guint     requests;
  guint     finished;
  guint     aborted;
  gsize     written;
} BodyServer;

/* Far past any limit: only a client that never stops reading gets there. */
#define ENDLESS_BODY_SIZE (256 * 1024 * 1024)

/* A valid portal, padded with spaces to @size bytes. */
static char *
portal_json_of_size (gsize size)
{
  g_autoptr (EfPortal) portal = ef_portal_new ("7249", "Ville de Billère", "", "Europe/Paris");
  g_autoptr (JsonNode) node = ef_portal_to_json (portal);
  g_autofree char *json = json_to_string (node, FALSE);
  gsize length = strlen (json);
  char *padded;

  g_assert_cmpuint (length, <, size);
  padded = g_malloc (size + 1);
  memcpy (padded, json, length);
  memset (padded + length, ' ', size - length);
  padded[size] = '\0';

  return padded;
}

static void
on_wrote_chunk_cb (SoupServerMessage *message,
                   gpointer           user_data)
{
  BodyServer *server = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (message);

  if (server->written >= ENDLESS_BODY_SIZE)
    {
      soup_message_body_complete (body);
      return;
    }

  soup_message_body_append_take (body, (guchar *) g_strnfill (16384, ' '), 16384);
  server->written += 16384;
}

static void
on_body_request_cb (SoupServer        *soup_server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  BodyServer *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);

  server->requests++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);

  switch (server->body_case)
    {
    case ANNOUNCED_TOO_LARGE:
      /* A gigabyte promised, a few bytes sent, then nothing: a client that
       * reads waits until its timeout; one that refuses fails at once. */
      soup_message_headers_set_content_length (headers, G_GINT64_CONSTANT (1) << 30);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "{\"id\": ", 7);
      break;

    case CHUNKED_TOO_LARGE:
      /* Chunk after chunk, as long as the client reads. */
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      g_signal_connect (message, "wrote-chunk", G_CALLBACK (on_wrote_chunk_cb), server);
      on_wrote_chunk_cb (message, server);
      break;

    case CHUNKED_AT_LIMIT:
    case LENGTH_AT_LIMIT:
      {
        char *json = portal_json_of_size (BODY_LIMIT);

        if (server->body_case == CHUNKED_AT_LIMIT)
          soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        else
          soup_message_headers_set_content_length (headers, BODY_LIMIT);
        /* Many chunks: the client sees the answer in several reads. */
        for (gsize offset = 0; offset < BODY_LIMIT; offset += 10000)
          soup_message_body_append (body, SOUP_MEMORY_COPY, json + offset,
                                    MIN (10000, BODY_LIMIT - offset));
        soup_message_body_complete (body);
        g_free (json);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
on_body_request_finished_cb (SoupServer        *soup_server,
                             SoupServerMessage *message,
                             gpointer           user_data)
{
  BodyServer *server = user_data;

  server->finished++;
}

static void
on_body_request_aborted_cb (SoupServer        *soup_server,
                            SoupServerMessage *message,
                            gpointer           user_data)
{
  BodyServer *server = user_data;

  server->aborted++;
}

/* Runs the main context until the server sees the client hang up. */
static gboolean
wait_for_abort (BodyServer *server)
{
  gint64 end = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;
  guint wake_up = g_timeout_add (100, wake_up_cb, NULL);

  while (server->aborted == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_up);
  return server->aborted > 0;
}

/* Asks for the portal with the limit lowered to BODY_LIMIT. */
static EfPortal *
get_portal_with_body (BodyServer  *server,
                      SoupServer **soup_server_out,
                      gint64      *elapsed_us,
                      GError     **error)
{
  g_autoptr (SoupServer) soup_server = soup_server_new (NULL, NULL);
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *url = NULL;
  EfPortal *portal;
  GSList *uris;
  gint64 start;

  soup_server_add_handler (soup_server, NULL, on_body_request_cb, server, NULL);
  g_signal_connect (soup_server, "request-finished",
                    G_CALLBACK (on_body_request_finished_cb), server);
  g_signal_connect (soup_server, "request-aborted",
                    G_CALLBACK (on_body_request_aborted_cb), server);
  soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &local_error);
  g_assert_no_error (local_error);
  uris = soup_server_get_uris (soup_server);
  url = g_strdup_printf ("http://127.0.0.1:%d/7249", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = ef_client_new (url);
  _ef_client_set_max_body_size (client, BODY_LIMIT);

  start = g_get_monotonic_time ();
  ef_client_get_portal_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  *elapsed_us = g_get_monotonic_time () - start;
  portal = ef_client_get_portal_finish (client, result, error);
  g_assert_cmpuint (server->requests, ==, 1);

  *soup_server_out = g_steal_pointer (&soup_server);
  return portal;
}

/* The portal's answer of @server is refused as too large. */
static void
assert_too_large (BodyServer  *server,
                  SoupServer **soup_server_out,
                  gint64      *elapsed_us)
{
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GError) error = NULL;

  portal = get_portal_with_body (server, soup_server_out, elapsed_us, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_assert_null (portal);
}

static void
test_announced_too_large (void)
{
  BodyServer server = { ANNOUNCED_TOO_LARGE, 0, 0, 0, 0 };
  g_autoptr (SoupServer) soup_server = NULL;
  gint64 elapsed;

  assert_too_large (&server, &soup_server, &elapsed);
  /* Refused on its head: not read, not waited for until the timeout. */
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (server.finished, ==, 0);

  soup_server_disconnect (soup_server);
}

static void
test_chunked_too_large (void)
{
  BodyServer server = { CHUNKED_TOO_LARGE, 0, 0, 0, 0 };
  g_autoptr (SoupServer) soup_server = NULL;
  gint64 elapsed;

  assert_too_large (&server, &soup_server, &elapsed);

  /* The client hung up before the end: the server never wrote it all. */
  if (!wait_for_abort (&server))
    g_error ("the server still writes after %d s (%u finished)", WAIT_TIMEOUT_S, server.finished);
  g_assert_cmpuint (server.finished, ==, 0);
  g_assert_cmpuint (server.written, <, ENDLESS_BODY_SIZE);

  soup_server_disconnect (soup_server);
}

static void
test_body_at_limit (void)
{
  const BodyCase cases[] = { LENGTH_AT_LIMIT, CHUNKED_AT_LIMIT };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BodyServer server = { cases[i], 0, 0, 0, 0 };
      g_autoptr (SoupServer) soup_server = NULL;
      g_autoptr (EfPortal) portal = NULL;
      g_autoptr (GError) error = NULL;
      gint64 elapsed;

      portal = get_portal_with_body (&server, &soup_server, &elapsed, &error);
      g_assert_no_error (error);
      g_assert_nonnull (portal);
      g_assert_cmpstr (ef_portal_get_name (portal), ==, "Ville de Billère");

      soup_server_disconnect (soup_server);
    }
}

/* ---- TLS --------------------------------------------------------------- */

static void
on_https_request_cb (SoupServer        *server,
                     SoupServerMessage *message,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  guint *requests = user_data;

  (*requests)++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
test_untrusted_certificate (void)
{
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  guint requests = 0;
  GSList *uris;

  certificate = g_tls_certificate_new_from_pem (self_signed_pem, -1, &error);
  if (certificate == NULL)
    {
      g_test_skip_printf ("No TLS backend: %s", error->message);
      return;
    }

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_https_request_cb, &requests, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/7249", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = ef_client_new (url);
  ef_client_get_portal_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  portal = ef_client_get_portal_finish (client, result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_TLS);
  g_assert_null (portal);
  /* Refused during the handshake: no request ever reached the server. */
  g_assert_cmpuint (requests, ==, 0);
  g_assert_cmpstr (ef_client_error_get_title (error), ==, "Connection Not Secure");

  soup_server_disconnect (server);
}

/* ---- the portal's storage full ----------------------------------------- */

#define STORAGE_FULL_BODY \
  "{\"error\": {\"code\": \"storage_full\", \"message\": \"The server's storage is full: " \
  "nothing was saved; try again later\", \"details\": []}}"

typedef struct {
  guint  requests;
  char  *last;   /* "METHOD /path" */
} FullServer;

/* Every write finds the disk full, as a real server's does (and signing
 * in writes). */
static void
on_full_request_cb (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  FullServer *full = user_data;

  full->requests++;
  g_free (full->last);
  full->last = g_strdup_printf ("%s %s", soup_server_message_get_method (message), path);
  soup_server_message_set_status (message, SOUP_STATUS_INSUFFICIENT_STORAGE, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    STORAGE_FULL_BODY, strlen (STORAGE_FULL_BODY));
}

static void
test_storage_full (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) copy = NULL;
  g_autofree char *url = NULL;
  FullServer full = { 0 };
  GSList *uris;

  soup_server_add_handler (server, NULL, on_full_request_cb, &full, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/7249", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = ef_client_new (url);
  ef_client_sign_in_async (client, "parent@example.org", "a long password", FALSE, NULL,
                           on_result_cb, &result);
  wait_for_result (&result);
  g_assert_false (ef_client_sign_in_finish (client, result, &error));
  g_test_message ("%s", error->message);

  /* One POST, refused: its own code, not "the portal has a technical
   * problem"; a sentence that says nothing was lost; to be tried again. */
  g_assert_cmpuint (full.requests, ==, 1);
  g_assert_cmpstr (full.last, ==, "POST /7249/api/v1/auth/login");
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_STORAGE_FULL);
  g_assert_cmpstr (ef_client_error_get_api_code (error), ==, "storage_full");
  g_assert_cmpstr (ef_client_error_get_title (error), ==, "Changes Not Saved");
  g_assert_cmpstr (ef_client_error_get_user_message (error), ==,
                   "The portal cannot save anything at the moment (its storage is full). Your "
                   "changes are kept: try again later. If this goes on, contact your town hall.");
  g_assert_true (ef_client_error_can_retry (error));
  g_assert_false (ef_client_get_signed_in (client));
  copy = g_error_copy (error);
  g_assert_error (copy, EF_CLIENT_ERROR, EF_CLIENT_ERROR_STORAGE_FULL);
  g_assert_cmpstr (ef_client_error_get_api_code (copy), ==, "storage_full");

  soup_server_disconnect (server);
  g_free (full.last);
}

/* ---- sentences ----------------------------------------------------------- */

static void
test_every_code_has_a_sentence (void)
{
  for (int code = 0; code <= EF_CLIENT_ERROR_LAST; code++)
    {
      g_autoptr (GError) error = g_error_new (EF_CLIENT_ERROR, code, "raw text %d", code);
      const char *message = ef_client_error_get_user_message (error);

      g_assert_cmpuint (strlen (message), >, 10);
      g_assert_null (strstr (message, "raw text"));
      g_assert_cmpstr (ef_client_error_get_title (error), !=, "Something Went Wrong");
      g_assert_null (ef_client_error_get_locked_until (error));
      g_assert_null (ef_client_error_get_rejected_changes (error));
    }
}

static void
test_error_from_response (void)
{
  static const struct {
    guint         status;
    const char   *body;
    EfClientError code;
  } cases[] = {
    { 401, "{\"error\": {\"code\": \"unauthorized\", \"message\": \"x\", \"details\": []}}",
      EF_CLIENT_ERROR_UNAUTHORIZED },
    { 401, "{\"error\": {\"code\": \"session_expired\", \"message\": \"x\", \"details\": []}}",
      EF_CLIENT_ERROR_SESSION_EXPIRED },
    { 404, "{\"error\": {\"code\": \"not_found\", \"message\": \"x\", \"details\": [{\"code\": \"invitation_expired\"}]}}",
      EF_CLIENT_ERROR_LINK_EXPIRED },
    { 404, "{\"error\": {\"code\": \"not_found\", \"message\": \"x\", \"details\": [{\"code\": \"reset_token_invalid\"}]}}",
      EF_CLIENT_ERROR_LINK_INVALID },
    { 404, "{\"error\": {\"code\": \"not_found\", \"message\": \"x\", \"details\": []}}",
      EF_CLIENT_ERROR_NOT_FOUND },
    { 409, "{\"error\": {\"code\": \"payment_in_progress\", \"message\": \"x\", \"details\": []}}",
      EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS },
    { 422, "{\"error\": {\"code\": \"day_closed\", \"message\": \"x\", \"details\": [{\"index\": 0, \"member\": 12, \"activity\": \"a\", \"day\": \"2026-11-07\", \"reserved\": true, \"reason\": \"day_closed\", \"closed_reason\": \"weekend\"}]}}",
      EF_CLIENT_ERROR_DAY_CLOSED },
    { 422, "{\"error\": {\"code\": \"some_new_code\", \"message\": \"x\", \"details\": []}}",
      EF_CLIENT_ERROR_PROTOCOL },
    { 429, "", EF_CLIENT_ERROR_RATE_LIMITED },
    { 503, "<html>busy</html>", EF_CLIENT_ERROR_SERVER },
    { 507, STORAGE_FULL_BODY, EF_CLIENT_ERROR_STORAGE_FULL },
    /* A 507 that is not the API's (a proxy's page): a server failure. */
    { 507, "<html>full</html>", EF_CLIENT_ERROR_SERVER },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr (GDateTime) now = g_date_time_new_from_iso8601 ("2026-11-26T10:00:00+01:00", NULL);
      g_autoptr (GError) error = _ef_client_error_new_for_response (cases[i].status, body, "x", now);
      g_autoptr (GError) copy = g_error_copy (error);

      g_assert_error (error, EF_CLIENT_ERROR, (int) cases[i].code);
      /* The details travel with copies of the error. */
      g_assert_cmpstr (ef_client_error_get_user_message (copy), ==,
                       ef_client_error_get_user_message (error));
      if (cases[i].code == EF_CLIENT_ERROR_DAY_CLOSED)
        {
          GListModel *rejected = ef_client_error_get_rejected_changes (copy);
          g_autoptr (EfReservationChange) change = g_list_model_get_item (rejected, 0);

          g_assert_cmpint (ef_reservation_change_get_rejection (change), ==, EF_REJECTION_DAY_CLOSED);
          g_assert_cmpint (ef_reservation_change_get_closed_reason (change), ==,
                           EF_CLOSED_REASON_WEEKEND);
          g_assert_true (ef_reservation_change_get_reserved (change));
        }
    }
}

/* Sentences that say when: in the portal's time, "today" being the
 * portal's, whatever the machine's zone and date. */
static void
test_error_says_when (void)
{
  static const char locked[] =
    "{\"error\": {\"code\": \"account_locked\", \"message\": \"x\","
    " \"details\": [{\"locked_until\": \"2027-01-13T08:15:00Z\"}]}}";
  static const char late[] =
    "{\"error\": {\"code\": \"deadline_passed\", \"message\": \"x\", \"details\": [{\"index\": 0,"
    " \"member\": 12, \"activity\": \"restaurant-scolaire\", \"day\": \"2027-01-18\", \"reserved\": true,"
    " \"reason\": \"deadline_passed\", \"deadline\": \"2027-01-13T09:00:00+01:00\"}]}}";
  g_autoptr (GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr (GDateTime) same_day = g_date_time_new (paris, 2027, 1, 13, 8, 59, 30);
  g_autoptr (GDateTime) day_before = g_date_time_new (paris, 2027, 1, 12, 23, 0, 0);
  g_autoptr (GDateTime) day_after = g_date_time_new (paris, 2027, 1, 14, 0, 30, 0);
  g_autoptr (GBytes) locked_body = g_bytes_new_static (locked, strlen (locked));
  g_autoptr (GBytes) late_body = g_bytes_new_static (late, strlen (late));
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (paris);

  error = _ef_client_error_new_for_response (423, locked_body, "x", same_day);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_ACCOUNT_LOCKED);
  g_assert_cmpstr (ef_client_error_get_user_message (error), ==,
                   "Too many attempts: try again after 09:15.");
  g_clear_error (&error);

  error = _ef_client_error_new_for_response (423, locked_body, "x", day_before);
  g_assert_cmpstr (ef_client_error_get_user_message (error), ==,
                   "Too many attempts: try again after Wednesday 13 January at 09:15.");
  g_clear_error (&error);

  error = _ef_client_error_new_for_response (422, late_body, "x", day_after);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_DEADLINE_PASSED);
  g_assert_cmpstr (ef_client_error_get_user_message (error), ==,
                   "It is too late to change Monday 18 January: changes were allowed until "
                   "Wednesday 13 January at 09:00. Nothing was saved: remove the change of that "
                   "day and save again.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/failures/truncated-answer", test_truncated_answer);
  g_test_add_func ("/client/failures/malformed-answer", test_malformed_answer);
  g_test_add_func ("/client/failures/hang-up", test_hang_up_without_answer);
  g_test_add_func ("/client/failures/announced-too-large", test_announced_too_large);
  g_test_add_func ("/client/failures/chunked-too-large", test_chunked_too_large);
  g_test_add_func ("/client/failures/body-at-limit", test_body_at_limit);
  g_test_add_func ("/client/failures/server-killed", test_server_killed_mid_request);
  g_test_add_func ("/client/failures/untrusted-certificate", test_untrusted_certificate);
  g_test_add_func ("/client/failures/storage-full", test_storage_full);
  g_test_add_func ("/client/errors/every-code", test_every_code_has_a_sentence);
  g_test_add_func ("/client/errors/from-response", test_error_from_response);
  g_test_add_func ("/client/errors/says-when", test_error_says_when);

  return g_test_run ();
}
