/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning-handler.c: enrolments, planning and reservation batches
 *
 * Every member id is checked against the caller's family; another
 * family's members answer 404 exactly like ids that do not exist.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "http/ef-auth.h"
#include "http/ef-http.h"
#include "http/ef-request.h"
#include "ef-planning.h"
#include "ef-server.h"
#include "ef-planning-handler.h"

gboolean
ef_planning_handler_check_member (EfServer        *server,
                                  const EfCaller  *caller,
                                  const char      *id_text,
                                  gint64          *member_id,
                                  GError         **error)
{
  g_autoptr(EfPlanningMember) member = NULL;
  guint64 id;

  if (id_text == NULL || !g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such member");
      return FALSE;
    }

  member = ef_store_lookup_planning_member (ef_server_get_store (server), caller->tenant_id,
                                   (gint64) id, error);
  if (member == NULL)
    return FALSE;
  if (member->family_id != caller->family_id)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such member");
      return FALSE;
    }

  *member_id = (gint64) id;
  return TRUE;
}

/* The member of the path, if it belongs to the caller's family; otherwise
 * answers 404 and returns FALSE. */
static gboolean
lookup_own_member (EfServer          *server,
                   SoupServerMessage *msg,
                   GHashTable        *params,
                   const EfCaller    *caller,
                   gint64            *member_id)
{
  g_autoptr(GError) error = NULL;

  if (!ef_planning_handler_check_member (server, caller, g_hash_table_lookup (params, "id"),
                                         member_id, &error))
    {
      ef_http_respond_error (msg, error);
      return FALSE;
    }
  return TRUE;
}

static EfDay
parse_day (const char  *text,
           const char  *name,
           GError     **error)
{
  EfDay day;

  if (text == NULL)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                   "The query parameter '%s' (YYYY-MM-DD) is required", name);
      return EF_DAY_INVALID;
    }
  day = ef_day_parse_iso (text, NULL);
  if (day == EF_DAY_INVALID)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                 "The query parameter '%s' must be a date written YYYY-MM-DD", name);
  else if (!ef_request_check_day_bounds (name, day, error))
    return EF_DAY_INVALID;
  return day;
}

static EfDay
query_day (GHashTable  *query,
           const char  *name,
           GError     **error)
{
  return parse_day (query ? g_hash_table_lookup (query, name) : NULL, name, error);
}

void
ef_planning_handler_get_enrolments (SoupServerMessage *msg,
                                    GHashTable        *params,
                                    gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(EfEnrolmentsRecord) record = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 member_id;

  caller = ef_auth_require_caller (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL || !lookup_own_member (server, msg, params, caller, &member_id))
    return;

  enrolments = ef_store_list_enrolments (ef_server_get_store (server), member_id, &error);
  if (enrolments == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  record = ef_planning_enrolments_to_record (member_id, enrolments);
  body = ef_enrolments_record_to_json (record);
  ef_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* A planning, read with a store connection of its own (a store job). */
typedef struct {
  EfServer  *server;
  char      *tenant_id;
  gint64     member_id;
  EfDay      first_day;
  EfDay      last_day;
  GDateTime *now;
  EfPlanningFastDone fast_done;   /* for the fast path, without a message */
  gpointer   fast_data;
  gboolean   end_reads;   /* the fast path's, on the server's store */
} PlanningJob;

static void
planning_job_free (gpointer data)
{
  PlanningJob *job = data;

  g_object_unref (job->server);
  g_free (job->tenant_id);
  g_date_time_unref (job->now);
  g_free (job);
}

/* The job of a planning the caller may read, its checks done. */
static PlanningJob *
planning_job_new (EfServer       *server,
                  const EfCaller *caller,
                  gint64          member_id,
                  EfDay           first_day,
                  EfDay           last_day)
{
  PlanningJob *job = g_new0 (PlanningJob, 1);

  job->server = g_object_ref (server);
  job->tenant_id = g_strdup (caller->tenant_id);
  job->member_id = member_id;
  job->first_day = first_day;
  job->last_day = last_day;
  job->now = ef_server_get_now (server);
  return job;
}

static gpointer
planning_job_run (EfStore  *store,
                  gpointer  data,
                  GError  **error)
{
  PlanningJob *job = data;
  g_autoptr(EfPlanningRules) rules = NULL;
  EfPlanningTextCache *texts;
  gboolean reads;
  char *body = NULL;
  gsize length;

  /* Its reads in one transaction, unless the fast path's is open. */
  reads = ef_store_begin_reads (store);
  rules = ef_server_get_planning_rules_with (job->server, store, job->tenant_id, error);
  texts = ef_server_get_planning_texts (job->server);
  if (rules != NULL && texts != NULL)
    body = ef_planning_build_cached (texts, store, rules, job->member_id, job->first_day,
                                     job->last_day, job->now, &length, error);
  else if (rules != NULL)
    body = ef_planning_build (store, rules, job->member_id, job->first_day, job->last_day,
                              job->now, &length, error);
  if (reads || job->end_reads)
    ef_store_end_reads (store);
  if (body == NULL)
    return NULL;
  return g_bytes_new_take (body, length);
}

static void
planning_job_done (SoupServerMessage *msg,
                   gpointer           result,
                   const GError      *error,
                   gpointer           data)
{
  GBytes *body = result;
  gsize length;
  char *text;

  if (body == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  text = g_bytes_unref_to_data (body, &length);
  ef_http_respond_json_text (msg, SOUP_STATUS_OK, text, length);
}

void
ef_planning_handler_get_planning (SoupServerMessage *msg,
                                  GHashTable        *params,
                                  gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  PlanningJob *job;
  const char *raw_query;
  gint64 member_id;
  EfDay first_day, last_day = EF_DAY_INVALID;

  caller = ef_auth_require_caller (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL || !lookup_own_member (server, msg, params, caller, &member_id))
    return;

  raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  if (raw_query != NULL)
    {
      query = g_uri_parse_params (raw_query, -1, "&", G_URI_PARAMS_NONE, NULL);
      if (query == NULL)
        {
          ef_http_respond_api_error (msg, EF_API_ERROR_BAD_REQUEST, "Malformed query string");
          return;
        }
    }

  first_day = query_day (query, "from", &error);
  if (first_day != EF_DAY_INVALID)
    last_day = query_day (query, "to", &error);
  if (error != NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  if (last_day < first_day)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_DATE, "'from' is after 'to'");
      return;
    }
  if (last_day - first_day + 1 > EF_PLANNING_MAX_DAYS)
    {
      g_autofree char *message = g_strdup_printf ("A planning covers at most %d days",
                                                  EF_PLANNING_MAX_DAYS);

      ef_http_respond_api_error (msg, EF_API_ERROR_VALIDATION, message);
      return;
    }

  job = planning_job_new (server, caller, member_id, first_day, last_day);
  ef_server_run_store_job (server, msg, planning_job_run, planning_job_done, job, planning_job_free);
}

static void
planning_fast_job_done (SoupServerMessage *msg,
                        gpointer           result,
                        const GError      *error,
                        gpointer           data)
{
  PlanningJob *job = data;
  g_autoptr(GBytes) body = result;

  job->fast_done (body, error, job->fast_data);
}

gboolean
ef_planning_handler_start_fast (EfServer           *server,
                                GHashTable         *params,
                                const char         *from,
                                const char         *to,
                                const char         *token,
                                EfPlanningFastDone  done,
                                gpointer            data)
{
  g_autoptr(EfCaller) caller = NULL;
  EfStore *store = ef_server_get_store (server);
  PlanningJob *job;
  gint64 member_id;
  EfDay first_day, last_day;
  EfApiError refused;
  gboolean reads;

  /* Without a pool (SQLite) the job runs now on the server's store: the
   * session's, the member's and the job's reads in one transaction, which
   * the job ends before the answer is sent. */
  reads = ef_server_get_store_connections (server) == 0 && ef_store_begin_reads (store);

  /* Everything that does not end in 200 is answered by the handler above,
   * the connection given to libsoup: the same checks in the same order
   * first, then the same job. */
  caller = ef_auth_check_token (server, g_hash_table_lookup (params, "tenant"), token, &refused,
                                NULL);
  if (caller == NULL || (caller->agent != NULL && !caller->on_behalf) ||
      !ef_planning_handler_check_member (server, caller, g_hash_table_lookup (params, "id"),
                                         &member_id, NULL))
    goto declined;
  first_day = parse_day (from, "from", NULL);
  last_day = parse_day (to, "to", NULL);
  if (first_day == EF_DAY_INVALID || last_day == EF_DAY_INVALID || last_day < first_day ||
      last_day - first_day + 1 > EF_PLANNING_MAX_DAYS)
    goto declined;

  job = planning_job_new (server, caller, member_id, first_day, last_day);
  job->fast_done = done;
  job->fast_data = data;
  job->end_reads = reads;
  ef_server_run_store_job (server, NULL, planning_job_run, planning_fast_job_done, job,
                           planning_job_free);
  /* The job has ended them: nothing left to do then. */
  if (reads)
    ef_store_end_reads (store);
  return TRUE;

declined:
  if (reads)
    ef_store_end_reads (store);
  return FALSE;
}

/* A reservation batch, applied with a store connection of its own. */
typedef struct {
  EfServer        *server;
  EfCaller        *caller;
  EfReservationBatchRecord *record;  /* the body read plainly, or */
  JsonNode        *request;          /* the body parsed */
  GPtrArray       *accounts;
  EfPlanningBatch  batch;
  JsonArray       *details;
} BatchJob;

static void
batch_job_free (gpointer data)
{
  BatchJob *job = data;

  g_object_unref (job->server);
  ef_caller_free (job->caller);
  g_clear_pointer (&job->record, ef_reservation_batch_record_free);
  g_clear_pointer (&job->request, json_node_unref);
  g_clear_pointer (&job->accounts, g_ptr_array_unref);
  g_date_time_unref (job->batch.now);
  g_clear_pointer (&job->details, json_array_unref);
  g_free (job);
}

static gpointer
batch_job_run (EfStore  *store,
               gpointer  data,
               GError  **error)
{
  BatchJob *job = data;
  g_autoptr(EfPlanningRules) rules = NULL;

  rules = ef_server_get_planning_rules_with (job->server, store, job->caller->tenant_id, error);
  if (rules == NULL)
    return NULL;
  if (job->record != NULL)
    return ef_planning_apply_batch_record (store, rules, &job->batch, job->record, &job->details,
                                           error);
  return ef_planning_apply_batch (store, rules, &job->batch, job->request, &job->details, error);
}

static void
batch_job_done (SoupServerMessage *msg,
                gpointer           result,
                const GError      *error,
                gpointer           data)
{
  BatchJob *job = data;
  g_autoptr(JsonNode) answer = result;

  if (answer == NULL)
    {
      if (error->domain == EF_API_ERROR)
        ef_http_respond_api_error_full (msg, error->code, error->message, job->details);
      else
        ef_http_respond_error (msg, error);
      return;
    }
  ef_http_respond_json (msg, SOUP_STATUS_OK, answer);
}

void
ef_planning_handler_post_reservations (SoupServerMessage *msg,
                                       GHashTable        *params,
                                       gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(EfReservationBatchRecord) record = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageBody *body;
  BatchJob *job;
  const char *content_type;

  caller = ef_auth_require_caller (server, msg, g_hash_table_lookup (params, "tenant"));
  if (caller == NULL)
    return;

  content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                        NULL);
  if (content_type == NULL || g_ascii_strcasecmp (content_type, "application/json") != 0)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_UNSUPPORTED_MEDIA,
                                 "The body must be application/json");
      return;
    }

  body = soup_server_message_get_request_body (msg);
  bytes = soup_message_body_flatten (body);
  /* A body as clients write it is read without a JSON tree; any other is
   * parsed, which refuses it or reads the same batch. */
  record = ef_planning_read_batch_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (record == NULL)
    {
      request = ef_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      if (request == NULL)
        {
          ef_http_respond_error (msg, error);
          return;
        }
    }

  job = g_new0 (BatchJob, 1);
  job->server = g_object_ref (server);
  job->record = g_steal_pointer (&record);
  job->request = g_steal_pointer (&request);
  job->batch.tenant_id = caller->tenant_id;
  job->batch.family_id = caller->family_id;
  job->batch.account_id = caller->account_id;
  job->batch.recipient = caller->email;
  job->batch.channel = "api";
  job->batch.now = ef_server_get_now (server);
  if (caller->on_behalf)
    {
      /* An agent in the family's pages: inside the rules, for the agent's
       * services only, audited; the family hears of it as from the staff
       * routes. */
      job->accounts = ef_store_list_family_accounts (ef_server_get_store (server), caller->family_id,
                                                     &error);
      if (job->accounts == NULL)
        {
          job->caller = g_steal_pointer (&caller);
          batch_job_free (job);
          ef_http_respond_error (msg, error);
          return;
        }
      job->batch.recipient = job->accounts->len > 0
                             ? ((EfFamilyAccount *) g_ptr_array_index (job->accounts, 0))->email
                             : NULL;
      job->batch.agent = caller->agent;
      job->batch.via = caller->via;
    }
  job->caller = g_steal_pointer (&caller);
  ef_server_run_store_job (server, msg, batch_job_run, batch_job_done, job, batch_job_free);
}
