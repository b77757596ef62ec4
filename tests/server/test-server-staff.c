/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-staff.c: the town hall's back office on a real server —
 * staff accounts (`staff`), who may read which family (a permissions
 * matrix of every staff route × every role × a family of the role's
 * service or another's), the search, and the audit of every action
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "test-staff-common.h"

#define NOW "2026-10-05T10:00:00+02:00"

typedef enum {
  ROLE_EDUCATION,
  ROLE_LACAOU,
  ROLE_PETITE_ENFANCE,
  ROLE_ADMIN,
  ROLE_PARENT,
  ROLE_ANONYMOUS,
  N_ROLES,
} Role;

static const char * const role_names[] = {
  "education", "lacaou", "petite-enfance", "admin", "parent", "anonymous",
};

/* A family of the test and what the matrix acts on. */
typedef struct {
  const char *service;      /* the one it uses */
  const char *activity;
  const char *open_day;     /* a day its child's activity runs */
  gint64      id;
  gint64      parent;
  gint64      child;
  char       *child_name;
  gint64      enrolment;
  char       *enrolment_end;
  gint64      invoice;
  gint64      payment;
} TestFamily;

typedef struct
{
  StaffServer  s;
  char        *agents[N_ROLES];   /* sessions; NULL for anonymous */
  TestFamily   dupont;            /* uses education */
  TestFamily   garcia;            /* uses lacaou */
  gint64       lhote;             /* uses no service yet */
  gint64       lhote_child;
} Fixture;

static const char dupont_json[] =
  "{\"reference\": \"DUP-1\", \"name\": \"Famille Dupont\","
  " \"address\": {\"line1\": \"3 rue du Parc\", \"postal_code\": \"64140\", \"city\": \"Billère\"},"
  " \"members\": ["
  "  {\"role\": \"responsible\", \"first_name\": \"Paul\", \"last_name\": \"Dupont\","
  "   \"birth_date\": \"1981-02-03\", \"email\": \"paul.dupont@example.fr\"},"
  "  {\"role\": \"child\", \"first_name\": \"Éloïse\", \"last_name\": \"Dupont\","
  "   \"birth_date\": \"2017-05-02\"}]}";

static const char garcia_json[] =
  "{\"name\": \"Famille García\","
  " \"address\": {\"line1\": \"8 avenue de Lons\", \"postal_code\": \"64140\", \"city\": \"Billère\"},"
  " \"members\": ["
  "  {\"role\": \"responsible\", \"first_name\": \"Ana\", \"last_name\": \"García\","
  "   \"birth_date\": \"1984-07-08\", \"email\": \"ana.garcia@example.fr\"},"
  "  {\"role\": \"child\", \"first_name\": \"Noé\", \"last_name\": \"García\","
  "   \"birth_date\": \"2018-02-11\"}]}";

static const char lhote_json[] =
  "{\"name\": \"Famille L’Hôte\","
  " \"address\": {\"line1\": \"1 place de la Mairie\", \"postal_code\": \"64140\", \"city\": \"Billère\"},"
  " \"members\": ["
  "  {\"role\": \"responsible\", \"first_name\": \"Jean-Pierre\", \"last_name\": \"L’Hôte\","
  "   \"birth_date\": \"1979-11-30\", \"email\": \"jp.lhote@example.fr\"},"
  "  {\"role\": \"child\", \"first_name\": \"Zoé\", \"last_name\": \"L’Hôte\","
  "   \"birth_date\": \"2019-06-01\"}]}";

/* ------------------------------------------------------------- helpers */

/* The status of @method TENANT_PATH@path, whatever the answer's type. */
static guint
request_status (Fixture    *fixture,
                const char *method,
                const char *path,
                const char *token,
                const char *body)
{
  g_autofree char *url = g_strconcat (ef_test_server_get_url (fixture->s.server), TENANT_PATH, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (fixture->s.session, msg, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

static gint64
add_invoice (Fixture    *fixture,
             gint64      family,
             const char *number,
             const char *service,
             gint64      amount)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO invoices (tenant_id, family_id, number, service_id, issue_day, period_start,"
    "  period_end, label, amount_cents, balance_cents, status, due_day, created_at)"
    " VALUES ('7249', %" G_GINT64_FORMAT ", '%s', '%s', '2026-10-01', '2026-09-01',"
    "  '2026-09-30', 'Septembre 2026', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'to_pay',"
    "  '2026-10-31', 0)",
    family, number, service, amount, amount);
  g_autofree char *select = g_strdup_printf ("SELECT id FROM invoices WHERE number = '%s'", number);

  staff_exec (&fixture->s, sql);
  return staff_query_int (&fixture->s, select);
}

static gint64
record_payment (Fixture    *fixture,
                const char *token,
                gint64      family,
                const char *body,
                guint       expected)
{
  g_autofree char *path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/payments", family);
  g_autoptr(JsonNode) answer = staff_expect (&fixture->s, "POST", path, token, body, expected);

  if (expected != 201)
    return 0;
  return json_object_get_int_member (json_node_get_object (answer), "id");
}

static void
make_family (Fixture    *fixture,
             TestFamily *family,
             const char *json,
             const char *parent,
             const char *child,
             const char *service,
             const char *activity,
             const char *open_day,
             const char *first_day,
             const char *last_day,
             const char *invoice_number)
{
  g_autoptr(JsonObject) object = staff_import_family (&fixture->s, json);
  g_autofree char *select = NULL;
  g_autofree char *parent_id = NULL;
  g_autofree char *err = NULL;
  g_autofree char *body = NULL;

  family->service = service;
  family->activity = activity;
  family->open_day = open_day;
  family->id = json_object_get_int_member (object, "id");
  family->parent = staff_member_id (object, parent);
  family->child = staff_member_id (object, child);
  family->child_name = g_strdup (child);
  staff_enrol (&fixture->s, family->child, activity, first_day, last_day);
  select = g_strdup_printf ("SELECT id FROM enrolments WHERE member_id = %" G_GINT64_FORMAT,
                            family->child);
  family->enrolment = staff_query_int (&fixture->s, select);
  family->enrolment_end = g_strdup (last_day);

  /* The parent has an account (invited), for the unlock route. */
  parent_id = g_strdup_printf ("%" G_GINT64_FORMAT, family->parent);
  if (staff_command (&fixture->s, NULL, &err, "invite", "--member", parent_id,
                     "--portal-url", PORTAL, NULL) != 0)
    g_error ("invite: %s", err);

  family->invoice = add_invoice (fixture, family->id, invoice_number, service, 100000);
  body = g_strdup_printf ("{\"channel\": \"cash\", \"invoices\": [%" G_GINT64_FORMAT "],"
                          " \"amount_cents\": 1000}", family->invoice);
  family->payment = record_payment (fixture, fixture->s.demo_agent, family->id, body, 201);
}

static void
test_family_free (TestFamily *family)
{
  g_free (family->child_name);
  g_free (family->enrolment_end);
}

/* ------------------------------------------------------------- fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) lhote = NULL;

  staff_server_start (&fixture->s, NOW);

  fixture->agents[ROLE_EDUCATION] = staff_add_agent (&fixture->s, "edith@example.fr",
                                                     "Édith Éducation", "education", NULL);
  fixture->agents[ROLE_LACAOU] = staff_add_agent (&fixture->s, "luc@example.fr", "Luc Lacaou",
                                                  "lacaou", NULL);
  fixture->agents[ROLE_PETITE_ENFANCE] = staff_add_agent (&fixture->s, "pia@example.fr",
                                                          "Pia Petite-Enfance", "petite-enfance", NULL);
  fixture->agents[ROLE_ADMIN] = staff_add_agent (&fixture->s, "ada@example.fr", "Ada Admin",
                                                 "--admin", NULL);
  fixture->agents[ROLE_PARENT] = g_strdup (fixture->s.parent);

  make_family (fixture, &fixture->dupont, dupont_json, "Paul", "Éloïse", "education",
               "restaurant-scolaire", "2026-10-15", "2026-09-01", "2027-07-03", "pop-F261099001");
  make_family (fixture, &fixture->garcia, garcia_json, "Ana", "Noé", "lacaou",
               "mercredi-lacaou", "2026-10-14", "2026-09-02", "2027-06-30", "AN-F261099001");
  lhote = staff_import_family (&fixture->s, lhote_json);
  fixture->lhote = json_object_get_int_member (lhote, "id");
  fixture->lhote_child = staff_member_id (lhote, "Zoé");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < N_ROLES; i++)
    g_clear_pointer (&fixture->agents[i], g_free);
  test_family_free (&fixture->dupont);
  test_family_free (&fixture->garcia);
  staff_server_stop (&fixture->s);
}

/* ---------------------------------------------------------------- tests */

/* The sign-in says who signs in; each kind keeps to its routes. */
static void
test_sessions (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonNode) agent = NULL;
  g_autoptr(JsonNode) parent = NULL;
  g_autoptr(JsonNode) session = NULL;
  g_autoptr(JsonNode) forbidden = NULL;
  g_autoptr(JsonNode) hidden = NULL;
  JsonObject *account, *staff;
  JsonArray *roles;

  agent = staff_expect (&fixture->s, "POST", "/auth/login", NULL,
                        "{\"email\": \"Agent@Example.fr\", \"password\": \"Billere-Agent-2026\"}", 200);
  account = json_object_get_object_member (json_node_get_object (agent), "account");
  g_assert_cmpstr (json_object_get_string_member (account, "kind"), ==, "staff");
  g_assert_cmpstr (json_object_get_string_member (account, "email"), ==, "agent@example.fr");
  g_assert_true (json_object_get_null_member (account, "family_id"));
  g_assert_true (json_object_get_null_member (account, "member_id"));
  staff = json_object_get_object_member (account, "staff");
  g_assert_cmpstr (json_object_get_string_member (staff, "name"), ==, "Sophie Laborde");
  g_assert_true (json_object_get_boolean_member (staff, "admin"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (staff, "services")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (staff, "services"), 0),
                   ==, "education");
  roles = json_object_get_array_member (staff, "roles");
  g_assert_cmpuint (json_array_get_length (roles), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (roles, 1), ==, "admin");

  parent = staff_expect (&fixture->s, "POST", "/auth/login", NULL,
                         "{\"email\": \"parent@example.fr\", \"password\": \"Billere-Demo-2026\"}", 200);
  account = json_object_get_object_member (json_node_get_object (parent), "account");
  g_assert_cmpstr (json_object_get_string_member (account, "kind"), ==, "parent");
  g_assert_cmpint (json_object_get_int_member (account, "family_id"), ==, 1);
  g_assert_true (json_object_get_null_member (account, "staff"));

  /* A kept token says who it is. */
  session = staff_expect (&fixture->s, "GET", "/auth/session", fixture->agents[ROLE_LACAOU], NULL, 200);
  account = json_object_get_object_member (json_node_get_object (session), "account");
  g_assert_cmpstr (json_object_get_string_member (account, "kind"), ==, "staff");
  staff = json_object_get_object_member (account, "staff");
  g_assert_cmpstr (json_object_get_string_member (staff, "name"), ==, "Luc Lacaou");
  g_assert_false (json_object_get_boolean_member (staff, "admin"));
  g_clear_pointer (&session, json_node_unref);
  session = staff_expect (&fixture->s, "GET", "/auth/session", fixture->s.parent, NULL, 200);
  account = json_object_get_object_member (json_node_get_object (session), "account");
  g_assert_cmpstr (json_object_get_string_member (account, "kind"), ==, "parent");
  g_assert_cmpint (json_object_get_int_member (account, "member_id"), ==, 1);
  g_clear_pointer (&session, json_node_unref);
  session = staff_expect (&fixture->s, "GET", "/auth/session", NULL, NULL, 401);

  /* An agent is not a family: the family routes refuse it. */
  forbidden = staff_expect (&fixture->s, "GET", "/family", fixture->s.demo_agent, NULL, 403);
  g_assert_cmpstr (error_code (forbidden), ==, "forbidden");
  g_assert_cmpuint (request_status (fixture, "GET", "/invoices", fixture->s.demo_agent, NULL), ==, 403);
  g_assert_cmpuint (request_status (fixture, "POST", "/reservations", fixture->s.demo_agent,
                                    "{\"changes\": [], \"versions\": {}}"), ==, 403);
  /* A parent does not see the staff routes at all. */
  hidden = staff_expect (&fixture->s, "GET", "/staff/families", fixture->s.parent, NULL, 404);
  g_assert_cmpstr (error_code (hidden), ==, "not_found");

  /* An agent signs out like a parent. */
  g_assert_cmpuint (request_status (fixture, "POST", "/auth/logout", fixture->agents[ROLE_LACAOU], NULL),
                    ==, 204);
  g_assert_cmpuint (request_status (fixture, "GET", "/staff/families", fixture->agents[ROLE_LACAOU], NULL),
                    ==, 401);
}

/* `staff`: invite with roles, the invitation accepted through the API,
 * list, change, remove; the mistakes refused. */
static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *session = NULL;
  g_autoptr(JsonNode) accepted = NULL;
  g_autoptr(JsonNode) audit = NULL;
  gint64 mails;

  g_assert_cmpint (staff_command (&fixture->s, &out, &err, "staff", "--invite", "Nina@Example.fr",
                                  "--name", "Nina Nouvelle", "--role", "education", "--role", "lacaou",
                                  "--portal-url", PORTAL, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Invitation for nina@example.fr written to the outbox, valid until "));
  subject = staff_query_text (&fixture->s, "SELECT subject FROM outbox WHERE recipient = 'nina@example.fr'");
  g_assert_nonnull (strstr (subject, "Ville de Billère"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (staff_command (&fixture->s, &out, NULL, "staff", "--list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Nina Nouvelle <nina@example.fr>: education, lacaou (invited, no password yet)\n"));
  g_assert_nonnull (strstr (out, "Sophie Laborde <agent@example.fr>: admin, education (active)\n"));

  token = staff_outbox_token (&fixture->s, "nina@example.fr");
  path = g_strdup_printf ("/auth/invitations/%s", token);
  accepted = staff_expect (&fixture->s, "POST", path, NULL, "{\"password\": \"" AGENT_PASSWORD "\"}", 200);
  session = login (&fixture->s, "nina@example.fr", AGENT_PASSWORD);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (staff_command (&fixture->s, &out, NULL, "staff", "--list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Nina Nouvelle <nina@example.fr>: education, lacaou (active)\n"));

  /* Again for an agent with a password: the roles change, no mail. */
  mails = staff_query_int (&fixture->s, "SELECT count(*) FROM outbox");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (staff_command (&fixture->s, &out, NULL, "staff", "--invite", "nina@example.fr",
                                  "--name", "Nina Nouvelle", "--admin", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Staff account nina@example.fr updated: admin.\n"));
  g_assert_cmpint (staff_query_int (&fixture->s, "SELECT count(*) FROM outbox"), ==, mails);
  g_assert_cmpint (staff_query_int (&fixture->s,
                                    "SELECT count(*) FROM staff_roles r JOIN accounts a ON a.id = r.account_id"
                                    " WHERE a.email = 'nina@example.fr'"), ==, 1);

  /* Mistakes: nothing changes. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (staff_command (&fixture->s, NULL, &err, "staff", "--invite", "x@example.fr",
                                  "--name", "X", "--role", "cantine", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“cantine” is not a service of “7249”"));
  g_assert_cmpint (staff_command (&fixture->s, NULL, NULL, "staff", "--invite", "x@example.fr",
                                  "--name", "X", "--role", "admin", NULL), ==, 2);
  g_assert_cmpint (staff_command (&fixture->s, NULL, NULL, "staff", "--invite", "x@example.fr",
                                  "--name", "X", NULL), ==, 2);
  g_assert_cmpint (staff_command (&fixture->s, NULL, NULL, "staff", "--invite", "x@example.fr",
                                  "--role", "education", NULL), ==, 2);
  g_assert_cmpint (staff_command (&fixture->s, NULL, NULL, "staff", "--list", "--remove", "x@example.fr",
                                  NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (staff_command (&fixture->s, NULL, &err, "staff", "--invite", "parent@example.fr",
                                  "--name", "X", "--role", "education", "--portal-url", PORTAL, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Cannot give this e-mail a staff account"));
  g_assert_cmpint (staff_query_int (&fixture->s, "SELECT count(*) FROM accounts WHERE email = 'x@example.fr'"),
                   ==, 0);

  /* What the agent did stays in the audit once the agent is gone. */
  {
    g_autofree char *path_member = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT,
                                                    fixture->dupont.child);
    g_autoptr(JsonNode) changed = staff_expect (&fixture->s, "PATCH", path_member, session,
                                                "{\"first_name\": \"Éloïse\"}", 200);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (staff_command (&fixture->s, &out, &err, "staff", "--remove", "NINA@example.fr", NULL), ==, 0);
  g_assert_cmpuint (request_status (fixture, "GET", "/staff/families", session, NULL), ==, 401);
  g_assert_cmpint (staff_command (&fixture->s, NULL, NULL, "staff", "--remove", "nina@example.fr", NULL), ==, 2);
  audit = staff_audit (&fixture->s, fixture->agents[ROLE_ADMIN], fixture->dupont.id);
  {
    JsonObject *entry = staff_find_audit (audit, "member_update");
    JsonObject *agent;

    g_assert_nonnull (entry);
    agent = json_object_get_object_member (entry, "agent");
    g_assert_true (json_object_get_null_member (agent, "id"));
    g_assert_cmpstr (json_object_get_string_member (agent, "name"), ==, "Nina Nouvelle");
    g_assert_cmpstr (json_object_get_string_member (agent, "email"), ==, "nina@example.fr");
  }
}

typedef struct {
  const char *name;
  const char *method;
  gboolean    activity_route;   /* denied: 403 (a public activity), not 404 */
  guint       allowed;
} Route;

static const Route routes[] = {
  { "family", "GET", FALSE, 200 },
  { "audit", "GET", FALSE, 200 },
  { "enrolment", "POST", FALSE, 200 },
  { "reservations", "POST", FALSE, 200 },
  { "payment", "POST", FALSE, 201 },
  { "member", "PATCH", FALSE, 200 },
  { "planning", "GET", FALSE, 200 },
  { "invitation", "POST", FALSE, 202 },
  { "unlock", "POST", FALSE, 200 },
  { "enrolment-end", "POST", FALSE, 200 },
  { "receipt", "GET", FALSE, 200 },
  /* Allowed, then refused for its missing reason: the permission first. */
  { "payment-cancel", "POST", FALSE, 422 },
  { "attendance", "GET", TRUE, 200 },
  { "session", "POST", FALSE, 201 },
};

/* The path and body of @route for @family. */
static void
route_request (const Route       *route,
               const TestFamily  *family,
               char             **path,
               char             **body)
{
  *body = NULL;
  if (g_str_equal (route->name, "family"))
    *path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT, family->id);
  else if (g_str_equal (route->name, "audit"))
    *path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/audit", family->id);
  else if (g_str_equal (route->name, "enrolment"))
    {
      g_autofree char *select = NULL;

      *path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/enrolments", family->id);
      /* The enrolment it has: nothing changes. */
      *body = g_strdup_printf ("{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"%s\","
                               " \"from\": \"%s\", \"to\": \"%s\"}",
                               family->child, family->activity,
                               g_str_equal (family->service, "education") ? "2026-09-01" : "2026-09-02",
                               family->enrolment_end);
    }
  else if (g_str_equal (route->name, "reservations"))
    {
      *path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/reservations", family->id);
      /* A day that is free cancelled: accepted, nothing changes. */
      *body = g_strdup_printf ("{\"changes\": [{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"%s\","
                               " \"day\": \"%s\", \"reserved\": false}],"
                               " \"versions\": {\"%" G_GINT64_FORMAT "\": 0}}",
                               family->child, family->activity, family->open_day, family->child);
    }
  else if (g_str_equal (route->name, "payment"))
    {
      *path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/payments", family->id);
      *body = g_strdup_printf ("{\"channel\": \"cash\", \"invoices\": [%" G_GINT64_FORMAT "],"
                               " \"amount_cents\": 1}", family->invoice);
    }
  else if (g_str_equal (route->name, "member"))
    {
      *path = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT, family->child);
      *body = g_strdup_printf ("{\"first_name\": \"%s\"}", family->child_name);
    }
  else if (g_str_equal (route->name, "planning"))
    *path = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT "/planning?from=2026-10-12&to=2026-10-16",
                             family->child);
  else if (g_str_equal (route->name, "invitation"))
    *path = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT "/invitation", family->parent);
  else if (g_str_equal (route->name, "unlock"))
    *path = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT "/unlock", family->parent);
  else if (g_str_equal (route->name, "enrolment-end"))
    {
      *path = g_strdup_printf ("/staff/enrolments/%" G_GINT64_FORMAT "/end", family->enrolment);
      *body = g_strdup_printf ("{\"to\": \"%s\"}", family->enrolment_end);
    }
  else if (g_str_equal (route->name, "receipt"))
    *path = g_strdup_printf ("/staff/payments/%" G_GINT64_FORMAT "/receipt", family->payment);
  else if (g_str_equal (route->name, "payment-cancel"))
    {
      *path = g_strdup_printf ("/staff/payments/%" G_GINT64_FORMAT "/cancel", family->payment);
      *body = g_strdup ("{}");
    }
  else if (g_str_equal (route->name, "session"))
    *path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/session", family->id);
  else if (g_str_equal (route->name, "attendance"))
    *path = g_strdup_printf ("/staff/lists/attendance?day=%s&activity=%s", family->open_day,
                             family->activity);
  else
    g_assert_not_reached ();
}

static guint
expected_status (Role              role,
                 const Route      *route,
                 const TestFamily *family)
{
  if (role == ROLE_ANONYMOUS)
    return 401;
  if (role == ROLE_PARENT)
    return 404;
  if (role == ROLE_ADMIN || g_str_equal (role_names[role], family->service))
    return route->allowed;
  return route->activity_route ? 403 : 404;
}

/* Every staff route × every role × a family of the education service and
 * one of the Lacaou's. */
static void
test_permissions_matrix (Fixture       *fixture,
                         gconstpointer  data)
{
  TestFamily *families[] = { &fixture->dupont, &fixture->garcia };
  guint n_checked = 0;

  for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
    for (guint f = 0; f < G_N_ELEMENTS (families); f++)
      for (Role role = 0; role < N_ROLES; role++)
        {
          g_autofree char *path = NULL;
          g_autofree char *body = NULL;
          guint expected = expected_status (role, &routes[r], families[f]);
          guint status;

          route_request (&routes[r], families[f], &path, &body);
          status = request_status (fixture, routes[r].method, path, fixture->agents[role], body);
          if (status != expected)
            g_error ("%s %s (%s family) as %s: %u, not %u", routes[r].method, path,
                     families[f]->service, role_names[role], status, expected);
          n_checked++;
        }
  g_assert_cmpuint (n_checked, ==, G_N_ELEMENTS (routes) * 2 * N_ROLES);

  /* The search is every agent's, the parents' never. */
  for (Role role = 0; role < N_ROLES; role++)
    g_assert_cmpuint (request_status (fixture, "GET", "/staff/families?q=dupont", fixture->agents[role], NULL),
                      ==, role == ROLE_ANONYMOUS ? 401 : role == ROLE_PARENT ? 404 : 200);

  /* Another service's answers exactly like what does not exist. */
  {
    const char *paths[][3] = {
      { "/staff/families/", "", "/staff/families/999999" },
      { "/staff/members/", "/planning?from=2026-10-12&to=2026-10-12",
        "/staff/members/999999/planning?from=2026-10-12&to=2026-10-12" },
      { "/staff/payments/", "/receipt", "/staff/payments/999999/receipt" },
    };
    gint64 ids[] = { fixture->garcia.id, fixture->garcia.child, fixture->garcia.payment };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autofree char *other = g_strdup_printf ("%s%" G_GINT64_FORMAT "%s", paths[i][0], ids[i], paths[i][1]);
        guint status_other = 0, status_missing = 0;
        g_autoptr(GBytes) body_other = staff_get_bytes (&fixture->s, other, fixture->agents[ROLE_EDUCATION],
                                                        &status_other, NULL);
        g_autoptr(GBytes) body_missing = staff_get_bytes (&fixture->s, paths[i][2], fixture->agents[ROLE_EDUCATION],
                                                          &status_missing, NULL);

        g_assert_cmpuint (status_other, ==, 404);
        g_assert_cmpuint (status_missing, ==, 404);
        g_assert_true (g_bytes_equal (body_other, body_missing));
      }
  }

  /* Ids that do not exist answer like the others' ones. */
  g_assert_cmpuint (request_status (fixture, "GET", "/staff/families/999999", fixture->agents[ROLE_ADMIN], NULL),
                    ==, 404);
  g_assert_cmpuint (request_status (fixture, "GET", "/staff/families/abc", fixture->agents[ROLE_ADMIN], NULL),
                    ==, 404);
  g_assert_cmpuint (request_status (fixture, "PATCH", "/staff/members/999999", fixture->agents[ROLE_ADMIN],
                                    "{}"), ==, 404);
  g_assert_cmpuint (request_status (fixture, "GET", "/staff/payments/999999/receipt",
                                    fixture->agents[ROLE_ADMIN], NULL), ==, 404);
  g_assert_cmpuint (request_status (fixture, "POST", "/staff/enrolments/999999/end",
                                    fixture->agents[ROLE_ADMIN], "{\"to\": \"2026-10-10\"}"), ==, 404);
}

/* A family that uses no service yet is every agent's, until a service
 * enrols it; a family that uses two is the agents' of both, each for
 * their own activities and invoices. */
static void
test_family_services (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *lhote = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT, fixture->lhote);
  g_autofree char *enrolments = g_strdup_printf ("%s/enrolments", lhote);
  g_autofree char *body = g_strdup_printf ("{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"restaurant-scolaire\","
                                           " \"from\": \"2026-11-02\", \"to\": \"2027-07-03\", \"via\": \"counter\"}",
                                           fixture->lhote_child);
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) martin = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) planning = NULL;
  JsonObject *object;
  JsonArray *invoices, *details;

  for (Role role = ROLE_EDUCATION; role <= ROLE_ADMIN; role++)
    g_assert_cmpuint (request_status (fixture, "GET", lhote, fixture->agents[role], NULL), ==, 200);

  /* Only the activity's service enrols in it. */
  refused = staff_expect (&fixture->s, "POST", enrolments, fixture->agents[ROLE_LACAOU], body, 403);
  g_assert_cmpstr (error_code (refused), ==, "forbidden");
  created = staff_expect (&fixture->s, "POST", enrolments, fixture->agents[ROLE_EDUCATION], body, 201);
  object = json_node_get_object (created);
  g_assert_cmpstr (json_object_get_string_member (object, "activity"), ==, "restaurant-scolaire");
  g_assert_cmpstr (json_object_get_string_member (object, "site"), ==, "Restaurant scolaire de l’école");
  g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, "2026-11-02");
  g_assert_cmpint (json_object_get_int_member (object, "member"), ==, fixture->lhote_child);
  again = staff_expect (&fixture->s, "POST", enrolments, fixture->agents[ROLE_EDUCATION], body, 200);

  /* Now it uses education: the others no longer see it. */
  g_assert_cmpuint (request_status (fixture, "GET", lhote, fixture->agents[ROLE_EDUCATION], NULL), ==, 200);
  g_assert_cmpuint (request_status (fixture, "GET", lhote, fixture->agents[ROLE_LACAOU], NULL), ==, 404);
  g_assert_cmpuint (request_status (fixture, "GET", lhote, fixture->agents[ROLE_PETITE_ENFANCE], NULL), ==, 404);
  g_assert_cmpuint (request_status (fixture, "GET", lhote, fixture->agents[ROLE_ADMIN], NULL), ==, 200);

  /* The demo family uses education and the Lacaou: the Lacaou's agent
   * reads it, sees only its invoices, and acts only on its activities. */
  martin = staff_expect (&fixture->s, "GET", "/staff/families/1", fixture->agents[ROLE_LACAOU], NULL, 200);
  object = json_node_get_object (martin);
  invoices = json_object_get_array_member (object, "invoices");
  g_assert_cmpuint (json_array_get_length (invoices), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (invoices, 0), "number"),
                   ==, "AN-F191100001");
  g_assert_cmpint (json_object_get_int_member (object, "total_due_cents"), ==, 620);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "payments")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "services")), ==, 2);

  g_clear_pointer (&refused, json_node_unref);
  planning = staff_expect (&fixture->s, "GET", "/staff/members/2/planning?from=2026-10-12&to=2026-10-12",
                           fixture->agents[ROLE_LACAOU], NULL, 200);
  refused = staff_expect (&fixture->s, "POST", "/staff/families/1/reservations", fixture->agents[ROLE_LACAOU],
                          "{\"changes\": [{\"member\": 2, \"activity\": \"restaurant-scolaire\","
                          " \"day\": \"2026-10-12\", \"reserved\": false}], \"versions\": {\"2\": 1}}", 403);
  g_assert_cmpstr (error_code (refused), ==, "forbidden");
  details = json_object_get_array_member (json_object_get_object_member (json_node_get_object (refused), "error"),
                                          "details");
  g_assert_cmpuint (json_array_get_length (details), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (details, 0), "reason"),
                   ==, "not_your_service");
  g_assert_cmpint (staff_query_int (&fixture->s, "SELECT count(*) FROM reservations"
                                                  " WHERE member_id = 2 AND day = '2026-10-12'"), ==, 1);

  g_clear_pointer (&refused, json_node_unref);
  refused = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", fixture->agents[ROLE_LACAOU],
                          "{\"channel\": \"cash\", \"invoices\": [1]}", 404);
  g_assert_cmpstr (error_code (refused), ==, "not_found");
  /* The town hall's payment of an education invoice: not the Lacaou's. */
  g_assert_cmpuint (request_status (fixture, "GET", "/staff/payments/1/receipt", fixture->agents[ROLE_LACAOU],
                                    NULL), ==, 404);
  g_assert_cmpuint (request_status (fixture, "GET", "/staff/payments/1/receipt", fixture->agents[ROLE_EDUCATION],
                                    NULL), ==, 200);
}

static gint64
search_total (Fixture    *fixture,
              Role        role,
              const char *query,
              gint64     *first_id)
{
  g_autofree char *escaped = g_uri_escape_string (query, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/staff/families?q=%s", escaped);
  g_autoptr(JsonNode) answer = staff_expect (&fixture->s, "GET", path, fixture->agents[role], NULL, 200);
  JsonObject *object = json_node_get_object (answer);
  JsonArray *families = json_object_get_array_member (object, "families");

  g_assert_cmpstr (json_object_get_string_member (object, "query"), ==, query);
  if (first_id != NULL)
    *first_id = json_array_get_length (families) > 0
                ? json_object_get_int_member (json_array_get_object_element (families, 0), "id") : 0;
  return json_object_get_int_member (object, "total");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) page = NULL;
  gint64 id = 0;
  JsonObject *object, *family;
  JsonArray *families;

  /* Neither accents nor case nor hyphens nor apostrophes matter. */
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "lea", &id), ==, 1);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "ELOISE", &id), ==, 1);
  g_assert_cmpint (id, ==, fixture->dupont.id);
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "éloïse dupont", &id), ==, 1);
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "jean pierre lhote", &id), ==, 1);
  g_assert_cmpint (id, ==, fixture->lhote);
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "l'hôte", &id), ==, 1);
  /* Every word: one of them missing finds nothing. */
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "eloise martin", NULL), ==, 0);
  /* An e-mail, a login, an invoice's number (whole or part), a reference. */
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "Paul.Dupont@example.fr", &id), ==, 1);
  g_assert_cmpint (id, ==, fixture->dupont.id);
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "parent@example.fr", &id), ==, 1);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "pop-F261099001", &id), ==, 1);
  g_assert_cmpint (id, ==, fixture->dupont.id);
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "F200300001", &id), ==, 1);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "dup-1", &id), ==, 1);

  /* A control character is refused, not searched (nothing typed holds one). */
  {
    g_autoptr(JsonNode) refused = staff_expect (&fixture->s, "GET", "/staff/families?q=ma%1F%08x",
                                                fixture->agents[ROLE_EDUCATION], NULL, 422);
    JsonObject *error_object = json_object_get_object_member (json_node_get_object (refused),
                                                              "error");

    g_assert_cmpstr (json_object_get_string_member (error_object, "code"), ==, "invalid_field");
  }

  /* Only the families the agent may read. */
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "garcia", NULL), ==, 0);
  g_assert_cmpint (search_total (fixture, ROLE_LACAOU, "garcia", &id), ==, 1);
  g_assert_cmpint (id, ==, fixture->garcia.id);
  g_assert_cmpint (search_total (fixture, ROLE_LACAOU, "noe", NULL), ==, 1);
  g_assert_cmpint (search_total (fixture, ROLE_LACAOU, "eloise", NULL), ==, 0);
  g_assert_cmpint (search_total (fixture, ROLE_PETITE_ENFANCE, "", &id), ==, 1);
  g_assert_cmpint (id, ==, fixture->lhote);
  g_assert_cmpint (search_total (fixture, ROLE_ADMIN, "", NULL), ==, 4);
  g_assert_cmpint (search_total (fixture, ROLE_EDUCATION, "", NULL), ==, 3);

  /* Pages, by name: Dupont, L’Hôte, Martin. */
  page = staff_expect (&fixture->s, "GET", "/staff/families?per_page=1&page=2",
                       fixture->agents[ROLE_EDUCATION], NULL, 200);
  object = json_node_get_object (page);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "page"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "per_page"), ==, 1);
  families = json_object_get_array_member (object, "families");
  g_assert_cmpuint (json_array_get_length (families), ==, 1);
  family = json_array_get_object_element (families, 0);
  g_assert_cmpint (json_object_get_int_member (family, "id"), ==, fixture->lhote);
  g_assert_cmpstr (json_object_get_string_member (family, "name"), ==, "Famille L’Hôte");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (family, "members")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (family, "services")), ==, 0);
  g_clear_pointer (&page, json_node_unref);
  page = staff_expect (&fixture->s, "GET", "/staff/families?per_page=2&page=3",
                       fixture->agents[ROLE_EDUCATION], NULL, 200);
  object = json_node_get_object (page);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "families")), ==, 0);

  g_assert_cmpuint (request_status (fixture, "GET", "/staff/families?per_page=0", fixture->agents[ROLE_ADMIN], NULL),
                    ==, 422);
  g_assert_cmpuint (request_status (fixture, "GET", "/staff/families?per_page=101", fixture->agents[ROLE_ADMIN], NULL),
                    ==, 422);
  g_assert_cmpuint (request_status (fixture, "GET", "/staff/families?page=abc", fixture->agents[ROLE_ADMIN], NULL),
                    ==, 422);
}

static JsonObject *
expect_audit (JsonNode   *audit,
              const char *action,
              const char *target,
              const char *via)
{
  JsonObject *entry = staff_find_audit (audit, action);
  JsonObject *agent;

  if (entry == NULL)
    g_error ("No audit entry %s", action);
  agent = json_object_get_object_member (entry, "agent");
  g_assert_cmpstr (json_object_get_string_member (agent, "name"), ==, "Édith Éducation");
  g_assert_cmpstr (json_object_get_string_member (agent, "email"), ==, "edith@example.fr");
  g_assert_cmpint (json_object_get_int_member (agent, "id"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, NOW);
  if (target != NULL)
    g_assert_cmpstr (json_object_get_string_member (entry, "target"), ==, target);
  if (via != NULL)
    g_assert_cmpstr (json_object_get_string_member (entry, "via"), ==, via);
  else
    g_assert_true (json_object_get_null_member (entry, "via"));
  return entry;
}

/* Every action of an agent for a family writes its audit row, with what
 * it changed before and after. */
static void
test_audit (Fixture       *fixture,
            gconstpointer  data)
{
  const char *agent = fixture->agents[ROLE_EDUCATION];
  TestFamily *dupont = &fixture->dupont;
  g_autofree char *member = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT, dupont->child);
  g_autofree char *member_target = g_strdup_printf ("member:%" G_GINT64_FORMAT, dupont->child);
  g_autofree char *family = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT, dupont->id);
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *target = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autoptr(JsonNode) refused = NULL;
  JsonObject *entry, *before, *after;
  JsonArray *changes;
  gint64 evening, payment;

  /* Identity fields, which parents cannot change. */
  answer = staff_expect (&fixture->s, "PATCH", member, agent,
                         "{\"first_name\": \"Eloise\", \"birth_date\": \"2017-05-03\","
                         " \"caf_number\": \"7654321\", \"via\": \"phone\"}", 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (answer), "first_name"), ==, "Eloise");
  g_clear_pointer (&answer, json_node_unref);
  refused = staff_expect (&fixture->s, "PATCH", member, agent,
                          "{\"role\": \"responsible\", \"birth_date\": \"2099-01-01\"}", 422);
  g_assert_cmpstr (error_code (refused), ==, "validation_failed");
  g_clear_pointer (&refused, json_node_unref);
  refused = staff_expect (&fixture->s, "PATCH", member, agent, "{\"via\": \"fax\"}", 422);
  g_clear_pointer (&refused, json_node_unref);
  /* A parent still cannot. */
  refused = staff_expect (&fixture->s, "PATCH", "/members/2", fixture->s.parent, "{\"first_name\": \"L\"}", 422);

  /* An enrolment, a reservation in it, and its end: the day goes. */
  path = g_strdup_printf ("%s/enrolments", family);
  body = g_strdup_printf ("{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"accueil-soir\","
                          " \"from\": \"2026-10-01\", \"to\": \"2027-07-03\", \"via\": \"counter\"}", dupont->child);
  answer = staff_expect (&fixture->s, "POST", path, agent, body, 201);
  evening = json_object_get_int_member (json_node_get_object (answer), "id");
  g_clear_pointer (&answer, json_node_unref);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&body, g_free);
  path = g_strdup_printf ("%s/reservations", family);
  body = g_strdup_printf ("{\"changes\": [{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"accueil-soir\","
                          " \"day\": \"2026-11-05\", \"reserved\": true}],"
                          " \"versions\": {\"%" G_GINT64_FORMAT "\": 0}}", dupont->child, dupont->child);
  answer = staff_expect (&fixture->s, "POST", path, agent, body, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "overridden"), ==, 0);
  g_clear_pointer (&answer, json_node_unref);
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/staff/enrolments/%" G_GINT64_FORMAT "/end", evening);
  answer = staff_expect (&fixture->s, "POST", path, agent, "{\"to\": \"2026-10-31\"}", 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "cancelled_reservations"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (answer),
                                                                                 "enrolment"), "to"),
                   ==, "2026-10-31");
  g_clear_pointer (&answer, json_node_unref);
  sql = g_strdup_printf ("SELECT count(*) FROM reservations WHERE member_id = %" G_GINT64_FORMAT, dupont->child);
  g_assert_cmpint (staff_query_int (&fixture->s, sql), ==, 0);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM reservation_audit WHERE member_id = %" G_GINT64_FORMAT
                         " AND account_id = (SELECT id FROM accounts WHERE email = 'edith@example.fr')",
                         dupont->child);
  g_assert_cmpint (staff_query_int (&fixture->s, sql), ==, 2);
  g_clear_pointer (&refused, json_node_unref);
  refused = staff_expect (&fixture->s, "POST", path, agent, "{\"to\": \"2027-08-01\"}", 422);
  g_assert_cmpstr (error_code (refused), ==, "invalid_date");

  /* The invitation again, and the lock lifted. */
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT "/invitation", dupont->parent);
  answer = staff_expect (&fixture->s, "POST", path, agent, NULL, 202);
  entry = json_object_get_object_member (json_node_get_object (answer), "account");
  g_assert_cmpstr (json_object_get_string_member (entry, "email"), ==, "paul.dupont@example.fr");
  g_assert_false (json_object_get_boolean_member (entry, "has_password"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "invitation"), "sent_at"),
                   ==, NOW);
  g_clear_pointer (&answer, json_node_unref);
  for (guint i = 0; i < 5; i++)
    {
      guint wrong_status = 0;
      g_autoptr(JsonNode) wrong = staff_request (&fixture->s, "POST", "/auth/login", NULL,
                                                 "{\"email\": \"paul.dupont@example.fr\","
                                                 " \"password\": \"wrong-password\"}", &wrong_status);

      g_assert_cmpuint (wrong_status, ==, i < 4 ? 401 : 423);
    }
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT "/unlock", dupont->parent);
  answer = staff_expect (&fixture->s, "POST", path, agent, "{\"via\": \"phone\"}", 200);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (answer), "locked"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "failed_logins"), ==, 0);
  g_clear_pointer (&answer, json_node_unref);
  {
    /* The lock is lifted for sign-in too: a wrong password is a plain 401. */
    guint wrong_status = 0;
    g_autoptr(JsonNode) wrong = staff_request (&fixture->s, "POST", "/auth/login", NULL,
                                               "{\"email\": \"paul.dupont@example.fr\","
                                               " \"password\": \"wrong-password\"}", &wrong_status);

    g_assert_cmpuint (wrong_status, ==, 401);
  }
  g_clear_pointer (&refused, json_node_unref);
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT "/unlock", dupont->child);
  refused = staff_expect (&fixture->s, "POST", path, agent, NULL, 404);
  g_clear_pointer (&refused, json_node_unref);
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT "/invitation", dupont->child);
  refused = staff_expect (&fixture->s, "POST", path, agent, NULL, 422);
  g_clear_pointer (&refused, json_node_unref);
  refused = staff_expect (&fixture->s, "POST", "/staff/members/1/invitation", agent, NULL, 422);
  g_assert_cmpstr (error_code (refused), ==, "validation_failed");

  /* A payment, and its cancellation. */
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"channel\": \"cash\", \"invoices\": [%" G_GINT64_FORMAT "],"
                          " \"amount_cents\": 5000, \"via\": \"counter\"}", dupont->invoice);
  payment = record_payment (fixture, agent, dupont->id, body, 201);
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/staff/payments/%" G_GINT64_FORMAT "/cancel", payment);
  answer = staff_expect (&fixture->s, "POST", path, agent, "{\"reason\": \"Erreur de saisie\"}", 200);
  g_clear_pointer (&answer, json_node_unref);

  /* One row per action, newest first, "by agent X on behalf of family Y"
   * (and the demo agent's payment of the fixture). */
  audit = staff_audit (&fixture->s, fixture->agents[ROLE_ADMIN], dupont->id);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (audit), "total"), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_node_get_object (audit), "entries"), 0), "action"),
                   ==, "payment_cancel");

  entry = expect_audit (audit, "member_update", member_target, "phone");
  before = json_object_get_object_member (entry, "before");
  after = json_object_get_object_member (entry, "after");
  g_assert_cmpstr (json_object_get_string_member (before, "first_name"), ==, "Éloïse");
  g_assert_cmpstr (json_object_get_string_member (after, "first_name"), ==, "Eloise");
  g_assert_cmpstr (json_object_get_string_member (before, "birth_date"), ==, "2017-05-02");
  g_assert_cmpstr (json_object_get_string_member (after, "birth_date"), ==, "2017-05-03");
  g_assert_true (json_object_get_null_member (before, "caf_number"));
  g_assert_cmpstr (json_object_get_string_member (after, "caf_number"), ==, "7654321");

  target = g_strdup_printf ("enrolment:%" G_GINT64_FORMAT, evening);
  entry = expect_audit (audit, "enrolment_create", target, "counter");
  g_assert_true (json_object_get_null_member (entry, "before"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "after"), "to"),
                   ==, "2027-07-03");
  entry = expect_audit (audit, "enrolment_end", target, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "before"), "to"),
                   ==, "2027-07-03");
  after = json_object_get_object_member (entry, "after");
  g_assert_cmpstr (json_object_get_string_member (after, "to"), ==, "2026-10-31");
  g_assert_cmpint (json_object_get_int_member (after, "cancelled_reservations"), ==, 1);

  g_clear_pointer (&target, g_free);
  target = g_strdup_printf ("family:%" G_GINT64_FORMAT, dupont->id);
  entry = expect_audit (audit, "reservations", target, NULL);
  changes = json_object_get_array_member (entry, "before");
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (changes, 0), "reserved"));
  changes = json_object_get_array_member (entry, "after");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (changes, 0), "reserved"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (changes, 0), "override"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0), "day"),
                   ==, "2026-11-05");

  g_clear_pointer (&target, g_free);
  target = g_strdup_printf ("member:%" G_GINT64_FORMAT, dupont->parent);
  entry = expect_audit (audit, "invitation_send", target, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "after"), "email"),
                   ==, "paul.dupont@example.fr");
  entry = expect_audit (audit, "account_unlock", NULL, "phone");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (entry, "before"), "locked"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (entry, "after"), "locked"));

  g_clear_pointer (&target, g_free);
  target = g_strdup_printf ("payment:%" G_GINT64_FORMAT, payment);
  entry = expect_audit (audit, "payment_record", target, "counter");
  g_assert_true (json_object_get_null_member (entry, "before"));
  after = json_object_get_object_member (entry, "after");
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "paid");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (after, "invoices"), 0), "balance_cents"), ==, 100000 - 1000 - 5000);
  entry = expect_audit (audit, "payment_cancel", target, NULL);
  before = json_object_get_object_member (entry, "before");
  after = json_object_get_object_member (entry, "after");
  g_assert_cmpstr (json_object_get_string_member (before, "status"), ==, "paid");
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (after, "cancel_reason"), ==, "Erreur de saisie");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (after, "invoices"), 0), "balance_cents"), ==, 100000 - 1000);

  /* Paging the audit. */
  {
    g_autofree char *paged = g_strdup_printf ("%s/audit?per_page=3&page=3", family);
    g_autoptr(JsonNode) third = staff_expect (&fixture->s, "GET", paged, agent, NULL, 200);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (third), "total"), ==, 9);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (third), "entries")),
                      ==, 3);
  }

  /* Erasing the family (GDPR) keeps the actions, not what they wrote. */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, dupont->id);
    g_autofree char *err = NULL;
    g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM staff_audit WHERE family_id = %s"
                                              " AND (before IS NOT NULL OR after IS NOT NULL)", id);
    g_autofree char *rows = g_strdup_printf ("SELECT count(*) FROM staff_audit WHERE family_id = %s", id);

    if (staff_command (&fixture->s, NULL, &err, "family-erase", "--family", id, "--yes", NULL) != 0)
      g_error ("family-erase: %s", err);
    g_assert_cmpint (staff_query_int (&fixture->s, count), ==, 0);
    g_assert_cmpint (staff_query_int (&fixture->s, rows), ==, 9);
  }
}


/* The number of rows of @sql's count. */
static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  return staff_query_int (&fixture->s, sql);
}

/* Opens a session of @agent on behalf of @family: its token. */
static char *
open_on_behalf (Fixture          *fixture,
                const char       *agent,
                const TestFamily *family,
                const char       *body)
{
  g_autofree char *path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/session", family->id);
  g_autoptr(JsonNode) opened = staff_expect (&fixture->s, "POST", path, agent, body, 201);
  JsonObject *object = json_node_get_object (opened);

  return g_strdup (json_object_get_string_member (object, "token"));
}

/* An agent in a family's own pages: the family's routes, for that family
 * only, what it changes audited as the agent's and inside the rules; no
 * payment online, no staff route; it ends with the agent's session and
 * when the agent no longer serves the family. */
static void
test_on_behalf (Fixture       *fixture,
                gconstpointer  data)
{
  TestFamily *dupont = &fixture->dupont;
  const char *agent = fixture->agents[ROLE_EDUCATION];
  g_autofree char *path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/session", dupont->id);
  g_autofree char *audit_sql = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autofree char *member_path = NULL;
  g_autofree char *planning_path = NULL;
  g_autofree char *mails_to_family = NULL;
  g_autofree char *mails_to_agent = NULL;
  gint64 family_mails, agent_mails, connections;

  /* Opened: a session of the agent's, on behalf of the family. */
  {
    g_autoptr(JsonNode) opened = staff_expect (&fixture->s, "POST", path, agent,
                                               "{\"via\": \"counter\"}", 201);
    g_autoptr(JsonNode) info = NULL;
    JsonObject *object = json_node_get_object (opened);
    JsonObject *account = json_object_get_object_member (object, "account");
    JsonObject *behalf = json_object_get_object_member (object, "on_behalf_of");

    token = g_strdup (json_object_get_string_member (object, "token"));
    g_assert_cmpuint (strlen (token), ==, 43);
    g_assert_cmpstr (json_object_get_string_member (account, "kind"), ==, "staff");
    g_assert_cmpstr (json_object_get_string_member (account, "email"), ==, "edith@example.fr");
    g_assert_nonnull (behalf);
    g_assert_cmpint (json_object_get_int_member (behalf, "family_id"), ==, dupont->id);
    g_assert_cmpstr (json_object_get_string_member (behalf, "name"), ==, "Famille Dupont");
    g_assert_cmpstr (json_object_get_string_member (behalf, "via"), ==, "counter");

    info = staff_expect (&fixture->s, "GET", "/auth/session", token, NULL, 200);
    behalf = json_object_get_object_member (json_node_get_object (info), "on_behalf_of");
    g_assert_nonnull (behalf);
    g_assert_cmpint (json_object_get_int_member (behalf, "family_id"), ==, dupont->id);
  }
  audit_sql = g_strdup_printf ("SELECT count(*) FROM staff_audit WHERE family_id = %" G_GINT64_FORMAT
                               " AND action = 'family_session_open' AND via = 'counter'"
                               " AND agent_email = 'edith@example.fr'", dupont->id);
  g_assert_cmpint (count_rows (fixture, audit_sql), ==, 1);

  /* The family's routes answer as for the family, and only for it. */
  {
    g_autoptr(JsonNode) family = staff_expect (&fixture->s, "GET", "/family", token, NULL, 200);
    g_autoptr(JsonNode) invoices = staff_expect (&fixture->s, "GET", "/invoices", token, NULL, 200);
    g_autofree char *other = g_strdup_printf ("/members/%" G_GINT64_FORMAT
                                              "/planning?from=2026-10-12&to=2026-10-16",
                                              fixture->garcia.child);
    g_autoptr(JsonNode) refused = staff_expect (&fixture->s, "GET", other, token, NULL, 404);
    g_autofree char *invoices_text = json_to_string (invoices, FALSE);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (family), "id"), ==, dupont->id);
    g_assert_nonnull (strstr (invoices_text, "pop-F261099001"));
  }

  /* A reservation inside the rules: applied, audited as the agent's, and
   * the family (not the agent) hears of it. */
  mails_to_family = g_strdup ("SELECT count(*) FROM outbox WHERE recipient = 'paul.dupont@example.fr'");
  mails_to_agent = g_strdup ("SELECT count(*) FROM outbox WHERE recipient = 'edith@example.fr'");
  family_mails = count_rows (fixture, mails_to_family);
  agent_mails = count_rows (fixture, mails_to_agent);
  connections = count_rows (fixture, "SELECT count(*) FROM connections");
  body = g_strdup_printf ("{\"changes\": [{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"%s\","
                          " \"day\": \"%s\", \"reserved\": true}],"
                          " \"versions\": {\"%" G_GINT64_FORMAT "\": 0}}",
                          dupont->child, dupont->activity, dupont->open_day, dupont->child);
  {
    g_autoptr(JsonNode) applied = staff_expect (&fixture->s, "POST", "/reservations", token, body, 200);
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM staff_audit WHERE family_id = %"
                                            G_GINT64_FORMAT " AND action = 'reservations'"
                                            " AND via = 'counter' AND after IS NOT NULL"
                                            " AND agent_email = 'edith@example.fr'", dupont->id);
    g_autofree char *reserved = g_strdup_printf ("SELECT count(*) FROM reservations WHERE member_id = %"
                                                 G_GINT64_FORMAT " AND day = '%s'"
                                                 " AND override_at IS NULL",
                                                 dupont->child, dupont->open_day);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (applied), "applied"), ==, 1);
    g_assert_cmpint (count_rows (fixture, sql), ==, 1);
    g_assert_cmpint (count_rows (fixture, reserved), ==, 1);
    g_assert_cmpint (count_rows (fixture, mails_to_family), ==, family_mails + 1);
    g_assert_cmpint (count_rows (fixture, mails_to_agent), ==, agent_mails);
  }

  /* Past a deadline it is refused as for the family: only the staff
   * route overrides. 2026-10-05 is past the deadline of 2026-10-05. */
  {
    g_autofree char *late = g_strdup_printf ("{\"changes\": [{\"member\": %" G_GINT64_FORMAT ","
                                             " \"activity\": \"%s\", \"day\": \"2026-10-05\","
                                             " \"reserved\": true}],"
                                             " \"versions\": {\"%" G_GINT64_FORMAT "\": 1}}",
                                             dupont->child, dupont->activity, dupont->child);
    g_autoptr(JsonNode) refused = staff_expect (&fixture->s, "POST", "/reservations", token, late, 422);

    g_assert_cmpstr (error_code (refused), ==, "deadline_passed");
  }

  /* The family's contact details: changed, audited before and after. */
  member_path = g_strdup_printf ("/members/%" G_GINT64_FORMAT, dupont->parent);
  {
    g_autoptr(JsonNode) patched = staff_expect (&fixture->s, "PATCH", member_path, token,
                                                "{\"address\": {\"line1\": \"5 rue du Parc\","
                                                " \"postal_code\": \"64140\", \"city\": \"Billère\"}}",
                                                200);
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM staff_audit WHERE family_id = %"
                                            G_GINT64_FORMAT " AND action = 'member_update'"
                                            " AND target = 'member:%" G_GINT64_FORMAT "'"
                                            " AND before NOT LIKE '%%5 rue du Parc%%'"
                                            " AND after LIKE '%%5 rue du Parc%%' AND via = 'counter'",
                                            dupont->id, dupont->parent);

    g_assert_cmpint (count_rows (fixture, sql), ==, 1);
  }

  /* Paying online is the family's own; the staff routes are the agent's
   * own session's; none of it is a connection of the family's. */
  {
    g_autofree char *pay = g_strdup_printf ("{\"invoices\": [%" G_GINT64_FORMAT "]}", dupont->invoice);
    g_autofree char *staff_family = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT, dupont->id);
    g_autoptr(JsonNode) payment = staff_expect (&fixture->s, "POST", "/payments", token, pay, 403);
    g_autoptr(JsonNode) staff = staff_expect (&fixture->s, "GET", staff_family, token, NULL, 403);
    g_autoptr(JsonNode) again = staff_expect (&fixture->s, "POST", path, token, NULL, 403);

    g_assert_cmpstr (error_code (payment), ==, "forbidden");
    g_assert_cmpstr (error_code (staff), ==, "forbidden");
    g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM connections"), ==, connections);
  }

  /* Only the family's agents open it; not a parent, not without a session. */
  g_assert_cmpuint (request_status (fixture, "POST", path, fixture->agents[ROLE_LACAOU], NULL), ==, 404);
  g_assert_cmpuint (request_status (fixture, "POST", path, fixture->agents[ROLE_PARENT], NULL), ==, 404);
  g_assert_cmpuint (request_status (fixture, "POST", path, NULL, NULL), ==, 401);
  g_assert_cmpuint (request_status (fixture, "POST", path, agent, "{\"via\": \"mail\"}"), ==, 422);
  g_assert_cmpuint (request_status (fixture, "POST", path, agent, "{\"family\": 1}"), ==, 422);

  /* The invoices are the agent's services' only, as on the staff routes:
   * another service's answers as if it did not exist. */
  {
    gint64 other = add_invoice (fixture, dupont->id, "AN-F261099002", "lacaou", 5000);
    g_autofree char *other_path = g_strdup_printf ("/invoices/%" G_GINT64_FORMAT, other);
    g_autofree char *own_path = g_strdup_printf ("/invoices/%" G_GINT64_FORMAT, dupont->invoice);
    g_autoptr(JsonNode) invoices = staff_expect (&fixture->s, "GET", "/invoices", token, NULL, 200);
    g_autoptr(JsonNode) own = staff_expect (&fixture->s, "GET", own_path, token, NULL, 200);
    g_autoptr(JsonNode) hidden = staff_expect (&fixture->s, "GET", other_path, token, NULL, 404);
    g_autoptr(JsonNode) finance = staff_expect (&fixture->s, "GET", "/finance", token, NULL, 200);
    g_autoptr(JsonNode) admin_finance = NULL;
    g_autofree char *admin_token = open_on_behalf (fixture, fixture->agents[ROLE_ADMIN], dupont, NULL);
    g_autofree char *text = json_to_string (invoices, FALSE);
    JsonObject *object = json_node_get_object (finance);

    g_assert_nonnull (strstr (text, "pop-F261099001"));
    g_assert_null (strstr (text, "AN-F261099002"));
    g_assert_cmpint (json_object_get_int_member (object, "invoices_to_pay"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (object, "total_due_cents"), ==, 100000 - 1000);
    admin_finance = staff_expect (&fixture->s, "GET", "/finance", admin_token, NULL, 200);
    object = json_node_get_object (admin_finance);
    g_assert_cmpint (json_object_get_int_member (object, "invoices_to_pay"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (object, "total_due_cents"), ==, 100000 - 1000 + 5000);
  }

  /* The agent's logout ends it. */
  {
    g_autofree char *agent_token = login (&fixture->s, "edith@example.fr", AGENT_PASSWORD);
    g_autofree char *second = open_on_behalf (fixture, agent_token, dupont, NULL);

    g_assert_cmpuint (request_status (fixture, "GET", "/family", second, NULL), ==, 200);
    g_assert_cmpuint (request_status (fixture, "POST", "/auth/logout", agent_token, NULL), ==, 204);
    g_assert_cmpuint (request_status (fixture, "GET", "/family", second, NULL), ==, 401);
    /* The other one, of another session of the agent's, lives on. */
    g_assert_cmpuint (request_status (fixture, "GET", "/family", token, NULL), ==, 200);
  }

  /* Its own logout ends it alone. */
  {
    g_autofree char *third = open_on_behalf (fixture, agent, dupont, "{}");

    g_assert_cmpuint (request_status (fixture, "POST", "/auth/logout", third, NULL), ==, 204);
    g_assert_cmpuint (request_status (fixture, "GET", "/family", third, NULL), ==, 401);
    g_assert_cmpuint (request_status (fixture, "GET", "/staff/families?q=dupont", agent, NULL), ==, 200);
  }

  /* An agent who no longer serves the family no longer acts for it. */
  staff_exec (&fixture->s, "UPDATE staff_roles SET role = 'petite-enfance' WHERE account_id ="
                           " (SELECT id FROM accounts WHERE email = 'edith@example.fr')");
  g_assert_cmpuint (request_status (fixture, "GET", "/family", token, NULL), ==, 401);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/server/staff/sessions", test_sessions);
  ADD ("/server/staff/cli", test_cli);
  ADD ("/server/staff/permissions-matrix", test_permissions_matrix);
  ADD ("/server/staff/family-services", test_family_services);
  ADD ("/server/staff/search", test_search);
  ADD ("/server/staff/audit", test_audit);
  ADD ("/server/staff/on-behalf", test_on_behalf);

#undef ADD

  return g_test_run ();
}
