/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pending-store.c: reservation changes not saved yet, kept on disk so
 * that they survive a quit and a crash
 *
 * Every time the changes on the reservations page change, they are written
 * (in a worker thread, atomically: a new file renamed over the old, synced)
 * to a private file of the user's state folder, one per portal and account
 * (ef_client_get_state_path()); none left is no file. Writes never overlap:
 * while one runs, the latest changes wait for it, and changes in between
 * are skipped. At the next start, the page reads them back and offers them.
 *
 * The file holds only what the portal would be sent — member ids, activity
 * codes, days — and the portal's instant when it was written:
 *
 *   {"format": 1, "saved_at": "2027-01-12T18:20:00+01:00",
 *    "changes": [{"member": 2, "activity": "restaurant-scolaire",
 *                 "day": "2027-01-18", "reserved": false}]}
 *
 * A client with no state folder (a shared terminal, a session on a
 * family's behalf) keeps nothing. Signing out removes the file.
 */

#define G_LOG_DOMAIN "EfPendingStore"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ef-pending-store.h"

#define FORMAT 1
/* A school year of every day of four activities for eight children. */
#define MAX_CHANGES 12000
#define MAX_FILE_SIZE (4 * 1024 * 1024)
#define MAX_ACTIVITY_LENGTH 64

struct _EfPendingStore
{
  GObject   parent_instance;

  EfClient *client;
  gboolean  busy;
  /* The write that waits for the one running. */
  gboolean  has_next;
  char     *next_path;
  GBytes   *next_bytes;    /* (nullable): no changes, no file */
};

G_DEFINE_FINAL_TYPE (EfPendingStore, ef_pending_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char   *path;
  GBytes *bytes;
} Write;

static void
write_free (Write *write)
{
  g_free (write->path);
  g_clear_pointer (&write->bytes, g_bytes_unref);
  g_free (write);
}

void
ef_kept_changes_free (EfKeptChanges *kept)
{
  if (kept == NULL)
    return;
  g_clear_pointer (&kept->saved_at, g_date_time_unref);
  g_clear_pointer (&kept->changes, g_ptr_array_unref);
  g_free (kept);
}

/* ----------------------------------------------------------------- format */

/**
 * ef_pending_store_serialize:
 * @pending: the changes
 * @saved_at: the portal's instant
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
ef_pending_store_serialize (EfPendingChanges *pending,
                            GDateTime        *saved_at)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *saved_text = g_date_time_format_iso8601 (saved_at);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pending));
  gsize length;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, FORMAT);
  json_builder_set_member_name (builder, "saved_at");
  json_builder_add_string_value (builder, saved_text);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfReservationChange) change = g_list_model_get_item (G_LIST_MODEL (pending), i);
      g_autofree char *day = ef_day_format_iso (ef_reservation_change_get_day (change));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "member");
      json_builder_add_int_value (builder, ef_reservation_change_get_member_id (change));
      json_builder_set_member_name (builder, "activity");
      json_builder_add_string_value (builder, ef_reservation_change_get_activity (change));
      json_builder_set_member_name (builder, "day");
      json_builder_add_string_value (builder, day);
      json_builder_set_member_name (builder, "reserved");
      json_builder_add_boolean_value (builder, ef_reservation_change_get_reserved (change));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static gboolean
fail (GError     **error,
      const char  *what)
{
  g_set_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL,
               "The kept reservation changes cannot be read: %s", what);
  return FALSE;
}

static gboolean
read_change (JsonNode             *node,
             EfReservationChange **change,
             GError              **error)
{
  JsonObject *object;
  JsonNode *member, *activity, *day, *reserved;
  const char *activity_text;
  EfDay parsed;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, "a change is not an object");
  object = json_node_get_object (node);
  if (json_object_get_size (object) != 4)
    return fail (error, "a change has other members");
  member = json_object_get_member (object, "member");
  activity = json_object_get_member (object, "activity");
  day = json_object_get_member (object, "day");
  reserved = json_object_get_member (object, "reserved");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_INT64 ||
      json_node_get_int (member) <= 0)
    return fail (error, "a member is not a positive integer");
  if (activity == NULL || json_node_get_value_type (activity) != G_TYPE_STRING)
    return fail (error, "an activity is not a string");
  activity_text = json_node_get_string (activity);
  if (*activity_text == '\0' || strlen (activity_text) > MAX_ACTIVITY_LENGTH ||
      !g_utf8_validate (activity_text, -1, NULL))
    return fail (error, "an activity code is empty or too long");
  if (day == NULL || json_node_get_value_type (day) != G_TYPE_STRING)
    return fail (error, "a day is not a string");
  parsed = ef_day_parse_iso (json_node_get_string (day), NULL);
  if (!ef_day_is_valid (parsed))
    return fail (error, "a day is not YYYY-MM-DD");
  if (reserved == NULL || json_node_get_value_type (reserved) != G_TYPE_BOOLEAN)
    return fail (error, "reserved is not a boolean");

  *change = ef_reservation_change_new (json_node_get_int (member), activity_text, parsed,
                                       json_node_get_boolean (reserved));
  return TRUE;
}

/**
 * ef_pending_store_parse:
 * @bytes: a file's contents
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the changes, or %NULL with
 *   EF_CLIENT_ERROR_PROTOCOL when the file is not one of ours
 */
EfKeptChanges *
ef_pending_store_parse (GBytes  *bytes,
                        GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (EfKeptChanges) kept = g_new0 (EfKeptChanges, 1);
  g_autoptr (GError) parse_error = NULL;
  JsonObject *object;
  JsonNode *root, *format, *saved_at, *changes;
  JsonArray *array;
  guint n;

  if (g_bytes_get_size (bytes) > MAX_FILE_SIZE)
    return fail (error, "too large"), NULL;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &parse_error))
    return fail (error, "not JSON"), NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, "not an object"), NULL;
  object = json_node_get_object (root);
  format = json_object_get_member (object, "format");
  saved_at = json_object_get_member (object, "saved_at");
  changes = json_object_get_member (object, "changes");
  if (format == NULL || json_node_get_value_type (format) != G_TYPE_INT64 ||
      json_node_get_int (format) != FORMAT)
    return fail (error, "another format"), NULL;
  if (saved_at == NULL || json_node_get_value_type (saved_at) != G_TYPE_STRING ||
      (kept->saved_at = ef_instant_parse_iso (json_node_get_string (saved_at), NULL)) == NULL)
    return fail (error, "saved_at is not an instant"), NULL;
  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes))
    return fail (error, "changes is not an array"), NULL;

  array = json_node_get_array (changes);
  n = json_array_get_length (array);
  if (n > MAX_CHANGES)
    return fail (error, "too many changes"), NULL;
  kept->changes = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      EfReservationChange *change;

      if (!read_change (json_array_get_element (array, i), &change, error))
        return NULL;
      g_ptr_array_add (kept->changes, change);
    }

  return g_steal_pointer (&kept);
}

/* ---------------------------------------------------------------- writing */

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Write *write = task_data;
  g_autofree char *dir = g_path_get_dirname (write->path);
  GError *error = NULL;

  if (write->bytes == NULL)
    {
      if (g_unlink (write->path) != 0 && errno != ENOENT)
        g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno),
                     "Could not remove %s: %s", write->path, g_strerror (errno));
    }
  else if (g_mkdir_with_parents (dir, 0700) != 0)
    g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno),
                 "Could not create %s: %s", dir, g_strerror (errno));
  else
    g_file_set_contents_full (write->path, g_bytes_get_data (write->bytes, NULL),
                              g_bytes_get_size (write->bytes),
                              G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void start_write (EfPendingStore *self,
                         char           *path,
                         GBytes         *bytes);

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  EfPendingStore *self = EF_PENDING_STORE (source);
  g_autoptr (GError) error = NULL;

  /* The changes stay on screen; only their copy on disk is missing. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Unsaved reservation changes could not be kept: %s", error->message);

  if (self->has_next)
    {
      self->has_next = FALSE;
      start_write (self, g_steal_pointer (&self->next_path), g_steal_pointer (&self->next_bytes));
      return;
    }

  self->busy = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Takes @path and @bytes. */
static void
start_write (EfPendingStore *self,
             char           *path,
             GBytes         *bytes)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, on_written_cb, NULL);
  Write *write = g_new0 (Write, 1);

  write->path = path;
  write->bytes = bytes;
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, write, (GDestroyNotify) write_free);
  if (!self->busy)
    {
      self->busy = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  g_task_run_in_thread (task, write_in_thread);
}

/**
 * ef_pending_store_keep:
 * @self: an #EfPendingStore
 * @pending: the changes on screen now
 *
 * Keeps @pending on disk for the signed-in account (none: removes the
 * file), after the write under way if there is one.
 */
void
ef_pending_store_keep (EfPendingStore   *self,
                       EfPendingChanges *pending)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *path = NULL;
  GBytes *bytes = NULL;

  g_return_if_fail (EF_IS_PENDING_STORE (self));
  g_return_if_fail (EF_IS_PENDING_CHANGES (pending));

  path = ef_pending_store_get_path (self);
  if (path == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (pending)) > 0)
    {
      now = ef_client_get_now (self->client);
      bytes = ef_pending_store_serialize (pending, now);
    }

  if (self->busy)
    {
      g_free (self->next_path);
      g_clear_pointer (&self->next_bytes, g_bytes_unref);
      self->next_path = g_steal_pointer (&path);
      self->next_bytes = bytes;
      self->has_next = TRUE;
      return;
    }

  start_write (self, g_steal_pointer (&path), bytes);
}

/**
 * ef_pending_store_get_busy:
 * @self: an #EfPendingStore
 *
 * Returns: whether a write is under way (or waiting)
 */
gboolean
ef_pending_store_get_busy (EfPendingStore *self)
{
  g_return_val_if_fail (EF_IS_PENDING_STORE (self), FALSE);

  return self->busy;
}

/* ---------------------------------------------------------------- reading */

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GMappedFile) file = NULL;
  EfKeptChanges *kept;

  file = g_mapped_file_new (path, FALSE, &error);
  if (file == NULL)
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_mapped_file_get_bytes (file);
  kept = ef_pending_store_parse (bytes, &error);
  if (kept == NULL)
    {
      /* Not ours, or damaged: it can only be in the way. */
      g_unlink (path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, kept, (GDestroyNotify) ef_kept_changes_free);
}

/**
 * ef_pending_store_load_async:
 * @self: an #EfPendingStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Reads the changes kept for the signed-in account.
 */
void
ef_pending_store_load_async (EfPendingStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  char *path;

  g_return_if_fail (EF_IS_PENDING_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_pending_store_load_async);
  path = ef_pending_store_get_path (self);
  if (path == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_set_task_data (task, path, g_free);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * ef_pending_store_load_finish:
 * @self: an #EfPendingStore
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the kept changes; %NULL without an
 *   error when none were kept (a file that is not one of ours is an
 *   error, and removed)
 */
EfKeptChanges *
ef_pending_store_load_finish (EfPendingStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_pending_store_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ef_pending_store_get_path:
 * @self: an #EfPendingStore
 *
 * Returns: (transfer full) (nullable): the file of the signed-in account,
 *   or %NULL when nothing is kept
 */
char *
ef_pending_store_get_path (EfPendingStore *self)
{
  g_return_val_if_fail (EF_IS_PENDING_STORE (self), NULL);

  return ef_client_get_state_path (self->client, "pending");
}

/* ---------------------------------------------------------------- GObject */

static void
ef_pending_store_finalize (GObject *object)
{
  EfPendingStore *self = EF_PENDING_STORE (object);

  g_clear_object (&self->client);
  g_free (self->next_path);
  g_clear_pointer (&self->next_bytes, g_bytes_unref);

  G_OBJECT_CLASS (ef_pending_store_parent_class)->finalize (object);
}

static void
ef_pending_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EfPendingStore *self = EF_PENDING_STORE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_pending_store_class_init (EfPendingStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_pending_store_finalize;
  object_class->get_property = ef_pending_store_get_property;

  /**
   * EfPendingStore:busy:
   *
   * Whether a write is under way.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_pending_store_init (EfPendingStore *self)
{
}

/**
 * ef_pending_store_new:
 * @client: the client whose account the changes are
 *
 * Returns: (transfer full): a store of the account's unsaved changes
 */
EfPendingStore *
ef_pending_store_new (EfClient *client)
{
  EfPendingStore *self;

  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  self = g_object_new (EF_TYPE_PENDING_STORE, NULL);
  self->client = g_object_ref (client);
  return self;
}
