/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-portal.c: what a tenant (municipality) says about itself */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ef-day.h"
#include "ef-error.h"
#include "ef-json.h"
#include "ef-portal.h"

struct _EfService {
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *description;
};

struct _EfPortal {
  GObject           parent_instance;

  char             *id;
  char             *name;
  char             *contact;
  char             *time_zone;
  EfDeadlinePolicy  deadline_policy;
  GListStore       *services;
  GDateTime        *now;        /* (nullable): the server's clock when it answered */
};

G_DEFINE_FINAL_TYPE (EfService, ef_service, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (EfPortal, ef_portal, G_TYPE_OBJECT)

enum {
  SERVICE_PROP_0,
  SERVICE_PROP_ID,
  SERVICE_PROP_NAME,
  SERVICE_PROP_DESCRIPTION,
  SERVICE_N_PROPS
};

static GParamSpec *service_properties[SERVICE_N_PROPS];

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CONTACT,
  PROP_TIME_ZONE,
  PROP_SERVICES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Replaces *@field by a copy of @value; returns whether it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static gboolean
get_nonempty_string (JsonObject  *object,
                     const char  *member,
                     const char **out,
                     GError     **error)
{
  if (!ef_json_get_string (object, member, FALSE, out, error))
    return FALSE;

  if ((*out)[0] == '\0')
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must not be empty"), member);
      return FALSE;
    }

  return TRUE;
}

/* ---------------------------------------------------------------- service */

static void
ef_service_finalize (GObject *object)
{
  EfService *self = EF_SERVICE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (ef_service_parent_class)->finalize (object);
}

static void
ef_service_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EfService *self = EF_SERVICE (object);

  switch (prop_id)
    {
    case SERVICE_PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case SERVICE_PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case SERVICE_PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_service_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EfService *self = EF_SERVICE (object);

  switch (prop_id)
    {
    case SERVICE_PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case SERVICE_PROP_NAME:
      if (set_string (&self->name, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case SERVICE_PROP_DESCRIPTION:
      if (set_string (&self->description, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_service_class_init (EfServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_service_finalize;
  object_class->get_property = ef_service_get_property;
  object_class->set_property = ef_service_set_property;

  service_properties[SERVICE_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  service_properties[SERVICE_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  service_properties[SERVICE_PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, SERVICE_N_PROPS, service_properties);
}

static void
ef_service_init (EfService *self)
{
}

/* ----------------------------------------------------------------- portal */

static void
ef_portal_dispose (GObject *object)
{
  EfPortal *self = EF_PORTAL (object);

  g_clear_object (&self->services);

  G_OBJECT_CLASS (ef_portal_parent_class)->dispose (object);
}

static void
ef_portal_finalize (GObject *object)
{
  EfPortal *self = EF_PORTAL (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->contact, g_free);
  g_clear_pointer (&self->time_zone, g_free);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (ef_portal_parent_class)->finalize (object);
}

static void
ef_portal_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EfPortal *self = EF_PORTAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CONTACT:
      g_value_set_string (value, self->contact);
      break;

    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;

    case PROP_SERVICES:
      g_value_set_object (value, self->services);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_portal_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EfPortal *self = EF_PORTAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      if (set_string (&self->name, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_CONTACT:
      if (set_string (&self->contact, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_TIME_ZONE:
      if (set_string (&self->time_zone, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_portal_class_init (EfPortalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ef_portal_dispose;
  object_class->finalize = ef_portal_finalize;
  object_class->get_property = ef_portal_get_property;
  object_class->set_property = ef_portal_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONTACT] =
    g_param_spec_string ("contact", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL, EF_DEFAULT_TIME_ZONE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SERVICES] =
    g_param_spec_object ("services", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_portal_init (EfPortal *self)
{
  self->time_zone = g_strdup (EF_DEFAULT_TIME_ZONE);
  self->services = g_list_store_new (EF_TYPE_SERVICE);
  ef_deadline_policy_init_default (&self->deadline_policy);
}

/* ---------------------------------------------------------- public: service */

EfService *
ef_service_new (const char *id,
                const char *name,
                const char *description)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (EF_TYPE_SERVICE,
                       "id", id,
                       "name", name,
                       "description", description,
                       NULL);
}

const char *
ef_service_get_id (EfService *self)
{
  g_return_val_if_fail (EF_IS_SERVICE (self), NULL);

  return self->id;
}

const char *
ef_service_get_name (EfService *self)
{
  g_return_val_if_fail (EF_IS_SERVICE (self), NULL);

  return self->name;
}

const char *
ef_service_get_description (EfService *self)
{
  g_return_val_if_fail (EF_IS_SERVICE (self), NULL);

  return self->description;
}

/* ----------------------------------------------------------- public: portal */

/**
 * ef_portal_new:
 * @id: the tenant id ("7249")
 * @name: the municipality's name
 * @contact: (nullable): phones, opening hours…
 * @time_zone: (nullable): an IANA identifier, %EF_DEFAULT_TIME_ZONE when
 *   %NULL; not checked here (ef_portal_new_from_json() checks it)
 *
 * The deadline policy is the default one and there is no service.
 */
EfPortal *
ef_portal_new (const char *id,
               const char *name,
               const char *contact,
               const char *time_zone)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (EF_TYPE_PORTAL,
                       "id", id,
                       "name", name,
                       "contact", contact,
                       "time-zone", time_zone != NULL ? time_zone : EF_DEFAULT_TIME_ZONE,
                       NULL);
}

const char *
ef_portal_get_id (EfPortal *self)
{
  g_return_val_if_fail (EF_IS_PORTAL (self), NULL);

  return self->id;
}

const char *
ef_portal_get_name (EfPortal *self)
{
  g_return_val_if_fail (EF_IS_PORTAL (self), NULL);

  return self->name;
}

const char *
ef_portal_get_contact (EfPortal *self)
{
  g_return_val_if_fail (EF_IS_PORTAL (self), NULL);

  return self->contact;
}

const char *
ef_portal_get_time_zone (EfPortal *self)
{
  g_return_val_if_fail (EF_IS_PORTAL (self), NULL);

  return self->time_zone;
}

const EfDeadlinePolicy *
ef_portal_get_deadline_policy (EfPortal *self)
{
  g_return_val_if_fail (EF_IS_PORTAL (self), NULL);

  return &self->deadline_policy;
}

void
ef_portal_set_deadline_policy (EfPortal               *self,
                               const EfDeadlinePolicy *policy)
{
  g_return_if_fail (EF_IS_PORTAL (self));
  g_return_if_fail (policy != NULL);
  g_return_if_fail (ef_deadline_policy_validate (policy, NULL));

  self->deadline_policy = *policy;
}

/**
 * ef_portal_get_services:
 *
 * Returns: (transfer none): a #GListModel of #EfService
 */
GListModel *
ef_portal_get_services (EfPortal *self)
{
  g_return_val_if_fail (EF_IS_PORTAL (self), NULL);

  return G_LIST_MODEL (self->services);
}

void
ef_portal_add_service (EfPortal  *self,
                       EfService *service)
{
  g_return_if_fail (EF_IS_PORTAL (self));
  g_return_if_fail (EF_IS_SERVICE (service));

  g_list_store_append (self->services, service);
}

/**
 * ef_portal_get_now:
 *
 * Returns: (transfer none) (nullable): the server's clock when it wrote
 *   this portal, if it said
 */
GDateTime *
ef_portal_get_now (EfPortal *self)
{
  g_return_val_if_fail (EF_IS_PORTAL (self), NULL);

  return self->now;
}

/**
 * ef_portal_set_now:
 * @now: (nullable): the server's clock, written as "now" by
 *   ef_portal_to_json()
 */
void
ef_portal_set_now (EfPortal  *self,
                   GDateTime *now)
{
  g_return_if_fail (EF_IS_PORTAL (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}

/**
 * ef_portal_to_json:
 *
 * A %NULL contact or description is written as "". "now" is written, in
 * the portal's time zone, only when ef_portal_set_now() gave it.
 *
 * Returns: (transfer full): the JSON of GET /{tenant}/api/v1/portal
 */
JsonNode *
ef_portal_to_json (EfPortal *self)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonArray) services = json_array_new ();
  GListModel *model;
  JsonNode *node;

  g_return_val_if_fail (EF_IS_PORTAL (self), NULL);

  model = G_LIST_MODEL (self->services);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (EfService) service = g_list_model_get_item (model, i);
      g_autoptr (JsonObject) service_object = json_object_new ();

      json_object_set_string_member (service_object, "id", service->id);
      json_object_set_string_member (service_object, "name", service->name);
      json_object_set_string_member (service_object, "description",
                                     service->description != NULL ? service->description : "");
      json_array_add_object_element (services, g_steal_pointer (&service_object));
    }

  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "name", self->name);
  json_object_set_string_member (object, "contact", self->contact != NULL ? self->contact : "");
  json_object_set_string_member (object, "time_zone", self->time_zone);
  json_object_set_member (object, "deadline_policy",
                          ef_deadline_policy_to_json (&self->deadline_policy));
  json_object_set_array_member (object, "services", g_steal_pointer (&services));
  if (self->now != NULL)
    {
      g_autoptr (GTimeZone) tz = ef_time_zone_new (self->time_zone, NULL);
      g_autofree char *now = ef_instant_format_iso (self->now, tz);

      json_object_set_string_member (object, "now", now);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);

  return node;
}

static EfService *
service_new_from_json (JsonNode  *node,
                       GError   **error)
{
  static const char * const members[] = { "id", "name", "description", NULL };
  JsonObject *object;
  const char *id, *name, *description;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           _("A service must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!ef_json_check_members (object, members, error) ||
      !get_nonempty_string (object, "id", &id, error) ||
      !get_nonempty_string (object, "name", &name, error) ||
      !ef_json_get_string (object, "description", FALSE, &description, error))
    return NULL;

  return ef_service_new (id, name, description);
}

/**
 * ef_portal_new_from_json:
 * @node: the JSON written by ef_portal_to_json()
 * @error: return location for an error
 *
 * Strict: every member is required, unknown members are refused
 * (%EF_API_ERROR_UNKNOWN_FIELD), and so are wrong types, an empty id or
 * name, an unknown time zone, an invalid deadline policy and two services
 * with the same id (%EF_API_ERROR_INVALID_FIELD). Errors about nested
 * members are prefixed with their path ("services[1]: ").
 *
 * Returns: (transfer full) (nullable): the portal
 */
EfPortal *
ef_portal_new_from_json (JsonNode  *node,
                         GError   **error)
{
  static const char * const members[] = {
    "id", "name", "contact", "time_zone", "deadline_policy", "services", "now", NULL
  };
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GHashTable) service_ids = NULL;
  EfDeadlinePolicy policy;
  JsonObject *object;
  JsonObject *policy_object;
  JsonArray *services;
  const char *id, *name, *contact, *time_zone;
  const char *now_text = NULL;
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           _("The portal must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!ef_json_check_members (object, members, error) ||
      !get_nonempty_string (object, "id", &id, error) ||
      !get_nonempty_string (object, "name", &name, error) ||
      !ef_json_get_string (object, "contact", FALSE, &contact, error) ||
      !ef_json_get_string (object, "time_zone", FALSE, &time_zone, error) ||
      !ef_json_get_object (object, "deadline_policy", FALSE, &policy_object, error) ||
      !ef_json_get_array (object, "services", FALSE, &services, error) ||
      !ef_json_get_string (object, "now", TRUE, &now_text, error))
    return NULL;

  if (now_text != NULL && (now = ef_instant_parse_iso (now_text, NULL)) == NULL)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” is not an ISO 8601 instant: “%s”"), "now", now_text);
      return NULL;
    }

  tz = ef_time_zone_new (time_zone, NULL);
  if (tz == NULL)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” is not a known time zone: “%s”"), "time_zone", time_zone);
      return NULL;
    }

  if (!ef_deadline_policy_from_json (&policy, json_object_get_member (object, "deadline_policy"),
                                     error))
    {
      g_prefix_error (error, "deadline_policy: ");
      return NULL;
    }

  portal = ef_portal_new (id, name, contact, time_zone);
  portal->deadline_policy = policy;
  portal->now = g_steal_pointer (&now);

  service_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      g_autoptr (EfService) service = NULL;

      service = service_new_from_json (json_array_get_element (services, i), error);
      if (service == NULL)
        {
          g_prefix_error (error, "services[%u]: ", i);
          return NULL;
        }

      if (!g_hash_table_add (service_ids, service->id))
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       _("Two services have the id “%s”"), service->id);
          return NULL;
        }

      g_list_store_append (portal->services, service);
    }

  return g_steal_pointer (&portal);
}
