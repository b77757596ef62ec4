/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-credentials.c: what "remember me" keeps, in the Secret Service
 *
 * "Remember me" keeps a secret in the user's keyring (the Secret Service,
 * or the Secret portal's file inside Flatpak), one item per portal and
 * e-mail, and nowhere else: not in GSettings, not in a file, not in a log.
 * The secret is the device token the portal gave (EF_SECRET_DEVICE_TOKEN,
 * schema …EspaceFamille.Device), or, with a portal that gives none, the
 * password itself (schema …EspaceFamille.Account, as older versions wrote
 * it). Storing one forgets the other, so that an upgraded user's password
 * leaves the keyring as soon as the portal gives a device token, and an
 * older version never reads a device token as a password.
 *
 * Every operation is asynchronous and bounded: a keyring that does not
 * answer (a locked collection whose unlock prompt nobody sees, a hung
 * daemon) is given up after EfCredentials:timeout seconds. Whether there
 * is a keyring at all is checked once; without one, "remember me" is
 * unavailable, with a sentence that says why, and a lookup simply finds
 * nothing.
 */

#define G_LOG_DOMAIN "EfCredentials"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ef-client-error.h"
#include "ef-credentials.h"

typedef enum {
  CHECK_NOT_STARTED,
  CHECK_RUNNING,
  CHECK_DONE,
} CheckState;

struct _EfCredentials
{
  GObject     parent_instance;

  guint       timeout;
  CheckState  check_state;
  gboolean    available;
  char       *unavailable_reason;
  GPtrArray  *check_waiters;     /* of GTask */
};

/* A GCancellable for libsecret that the caller's cancellable and a
 * timeout both cancel. */
typedef struct
{
  GCancellable *cancellable;
  GCancellable *caller;
  gulong        caller_handler;
  GSource      *timeout_source;
  gboolean      timed_out;
} Deadline;

/* What an operation answers when there is no keyring. */
typedef enum {
  WITHOUT_KEYRING_FAIL,
  WITHOUT_KEYRING_FALSE,
  WITHOUT_KEYRING_TRUE,
} WithoutKeyring;

typedef struct
{
  char           *portal_url;
  char           *email;
  char           *password;    /* the secret */
  EfSecretKind    kind;
  Deadline       *deadline;
  WithoutKeyring  without_keyring;
  void          (*run) (GTask *task);  /* once the keyring is checked; takes @task */
  gboolean        writes;      /* counted in writes_pending */
} Operation;

/* The stores and clears of this process not yet done: a synchronous
 * lookup (a start's, in a thread) waits for them, so that it sees what a
 * sign-out just forgot, as a lookup queued behind them would. */
static GMutex writes_lock;
static GCond  writes_done;
static guint  writes_pending;

G_DEFINE_FINAL_TYPE (EfCredentials, ef_credentials, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHECKED,
  PROP_AVAILABLE,
  PROP_UNAVAILABLE_REASON,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SecretSchema account_schema = {
  "io.github.espacefamille.EspaceFamille.Account",
  SECRET_SCHEMA_NONE,
  {
    { "portal", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static const SecretSchema device_schema = {
  "io.github.espacefamille.EspaceFamille.Device",
  SECRET_SCHEMA_NONE,
  {
    { "portal", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static const SecretSchema *
schema_of (EfSecretKind kind)
{
  return kind == EF_SECRET_DEVICE_TOKEN ? &device_schema : &account_schema;
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    {
      volatile char *p = text;

      while (*p != '\0')
        *p++ = '\0';
    }
  g_free (text);
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        gpointer      user_data)
{
  Deadline *deadline = user_data;

  g_cancellable_cancel (deadline->cancellable);
}

static gboolean
on_deadline_timeout_cb (gpointer user_data)
{
  Deadline *deadline = user_data;

  deadline->timed_out = TRUE;
  g_cancellable_cancel (deadline->cancellable);

  return G_SOURCE_REMOVE;
}

static Deadline *
deadline_new (GCancellable *caller,
              guint         seconds)
{
  Deadline *deadline = g_new0 (Deadline, 1);

  deadline->cancellable = g_cancellable_new ();
  if (caller != NULL)
    {
      deadline->caller = g_object_ref (caller);
      deadline->caller_handler = g_cancellable_connect (caller, G_CALLBACK (on_caller_cancelled_cb),
                                                        deadline, NULL);
    }
  if (seconds > 0)
    {
      deadline->timeout_source = g_timeout_source_new_seconds (seconds);
      g_source_set_callback (deadline->timeout_source, on_deadline_timeout_cb, deadline, NULL);
      g_source_set_static_name (deadline->timeout_source, "[ef] keyring timeout");
      g_source_attach (deadline->timeout_source, g_main_context_get_thread_default ());
    }

  return deadline;
}

static void
deadline_free (Deadline *deadline)
{
  if (deadline->timeout_source != NULL)
    {
      g_source_destroy (deadline->timeout_source);
      g_source_unref (deadline->timeout_source);
    }
  if (deadline->caller != NULL)
    {
      g_cancellable_disconnect (deadline->caller, deadline->caller_handler);
      g_object_unref (deadline->caller);
    }
  g_object_unref (deadline->cancellable);
  g_free (deadline);
}

static void
operation_free (Operation *operation)
{
  if (operation->writes)
    {
      g_mutex_lock (&writes_lock);
      writes_pending--;
      g_cond_broadcast (&writes_done);
      g_mutex_unlock (&writes_lock);
    }
  g_free (operation->portal_url);
  g_free (operation->email);
  wipe_string (operation->password);
  g_clear_pointer (&operation->deadline, deadline_free);
  g_free (operation);
}

static GHashTable *
make_attributes (const char *portal_url,
                 const char *email)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "portal", (gpointer) portal_url);
  if (email != NULL)
    g_hash_table_insert (attributes, (gpointer) "email", (gpointer) email);

  return attributes;
}

static const char *
no_keyring_reason (void)
{
  return _("Passwords cannot be remembered on this computer: no keyring service is running.");
}

static const char *
no_answer_reason (void)
{
  return _("Passwords cannot be remembered on this computer: the keyring service does not answer.");
}

/* A libsecret failure in our domain, the original text for logs only. */
static GError *
map_secret_error (const GError *error,
                  Deadline     *deadline)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (deadline != NULL && deadline->timed_out)
        return _ef_client_error_new_with_message (EF_CLIENT_ERROR_TIMEOUT, no_answer_reason (),
                                                  "The keyring did not answer in time");

      return g_error_new_literal (EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED, "Cancelled");
    }

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      error->domain == G_IO_ERROR)
    return _ef_client_error_new_with_message (EF_CLIENT_ERROR_NO_KEYRING, no_keyring_reason (),
                                              error->message);

  return _ef_client_error_new_with_message (EF_CLIENT_ERROR_NO_KEYRING,
                                            _("Passwords cannot be remembered on this computer: "
                                              "the keyring could not be used."),
                                            error->message);
}

static void
finish_check (EfCredentials *self,
              gboolean       available,
              const char    *reason)
{
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&self->check_waiters);

  self->check_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->check_state = CHECK_DONE;
  self->available = available;
  g_free (self->unavailable_reason);
  self->unavailable_reason = g_strdup (reason);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNAVAILABLE_REASON]);
  g_object_thaw_notify (G_OBJECT (self));

  for (guint i = 0; i < waiters->len; i++)
    g_task_return_boolean (g_ptr_array_index (waiters, i), available);
}

static void
on_probe_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  EfCredentials *self = g_task_get_source_object (task);
  Deadline *deadline = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  char *password;

  /* Nothing is found, but only a working keyring says so without error. */
  password = secret_password_lookup_finish (result, &error);
  secret_password_free (password);

  if (error == NULL)
    finish_check (self, TRUE, NULL);
  else
    {
      g_debug ("No Secret Service: %s", error->message);
      finish_check (self, FALSE, deadline->timed_out ? no_answer_reason () : no_keyring_reason ());
    }

  g_task_return_boolean (task, error == NULL);
}

/* The end of a store or a clear: a failure is an error in our domain. */
static void
return_done (GTask        *task,
             const GError *error,
             const char   *what)
{
  Operation *operation = g_task_get_task_data (task);

  if (error != NULL)
    {
      g_debug ("Could not %s: %s", what, error->message);
      g_task_return_error (task, map_secret_error (error, operation->deadline));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* The end of a failed lookup: only the caller's cancellation is an error;
 * anything else means "not remembered", and the user types the password. */
static void
return_not_found (GTask        *task,
                  const GError *error,
                  const char   *what)
{
  Operation *operation = g_task_get_task_data (task);
  g_autoptr (GError) mapped = map_secret_error (error, operation->deadline);

  g_debug ("Could not %s: %s", what, error->message);
  if (g_error_matches (mapped, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&mapped));
  else
    g_task_return_boolean (task, FALSE);
}

static void
on_other_kind_cleared_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  /* FALSE without an error: there was none. */
  secret_password_clear_finish (result, &error);
  return_done (task, error, "forget the other secret");
}

static void
on_store_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Operation *operation = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  EfSecretKind other;

  secret_password_store_finish (result, &error);
  if (error != NULL)
    {
      return_done (task, error, "store the secret");
      return;
    }

  /* One secret per portal and e-mail: the other kind's goes. */
  other = operation->kind == EF_SECRET_DEVICE_TOKEN ? EF_SECRET_PASSWORD : EF_SECRET_DEVICE_TOKEN;
  attributes = make_attributes (operation->portal_url, operation->email);
  secret_password_clearv (schema_of (other), attributes, operation->deadline->cancellable,
                          on_other_kind_cleared_cb, g_steal_pointer (&task));
}

/* The name of an item, as the keyring's own application shows it. */
static char *
item_label (const char *portal_url,
            const char *email)
{
  /* Translators: the name of the keyring item, as seen in Passwords and Keys */
  return g_strdup_printf (_("Espace Famille account for %s at %s"), email, portal_url);
}

/* Stored in its kind's schema, replacing the item there: the item is never
 * missing in between, so that a start at that moment finds it. */
static void
store_password (GTask *task)
{
  Operation *operation = g_task_get_task_data (task);
  g_autoptr (GHashTable) attributes = make_attributes (operation->portal_url, operation->email);
  g_autofree char *label = NULL;

  label = item_label (operation->portal_url, operation->email);
  secret_password_storev (schema_of (operation->kind), attributes, SECRET_COLLECTION_DEFAULT,
                          label,
                          operation->password, operation->deadline->cancellable,
                          on_store_done_cb, task);
}

static void
on_secret_retrieved_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Operation *operation = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (SecretValue) value = NULL;
  const char *text;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result, &error);
  if (error != NULL)
    {
      return_not_found (task, error, "read the secret");
      return;
    }
  text = value != NULL ? secret_value_get_text (value) : NULL;
  if (text == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  operation->password = g_strdup (text);
  g_task_return_boolean (task, TRUE);
}

static void search_kind (GTask        *task,
                         EfSecretKind  kind);

/* The first of @items (SecretRetrievable) that names an account, with
 * that account's e-mail in @email; NULL if none does. */
static SecretRetrievable *
first_account_item (GList  *items,
                    char  **email)
{
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr (GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *item_email = g_hash_table_lookup (attributes, "email");

      if (item_email != NULL)
        {
          *email = g_strdup (item_email);
          return l->data;
        }
    }
  return NULL;
}

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Operation *operation = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GList *items;
  SecretRetrievable *chosen = NULL;
  char *email = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_not_found (task, error, "search the keyring");
      return;
    }

  chosen = first_account_item (items, &email);
  if (chosen == NULL)
    {
      g_list_free_full (items, g_object_unref);
      /* No device token: a password, as older versions kept it. */
      if (operation->kind == EF_SECRET_DEVICE_TOKEN)
        search_kind (g_steal_pointer (&task), EF_SECRET_PASSWORD);
      else
        g_task_return_boolean (task, FALSE);
      return;
    }

  g_free (operation->email);
  operation->email = email;
  secret_retrievable_retrieve_secret (chosen, operation->deadline->cancellable,
                                      on_secret_retrieved_cb, g_steal_pointer (&task));
  g_list_free_full (items, g_object_unref);
}

static void
search_kind (GTask        *task,
             EfSecretKind  kind)
{
  Operation *operation = g_task_get_task_data (task);
  g_autoptr (GHashTable) attributes = make_attributes (operation->portal_url, operation->email);

  operation->kind = kind;
  secret_password_searchv (schema_of (kind), attributes, SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK,
                           operation->deadline->cancellable, on_search_done_cb, task);
}

/* The secret of the e-mail given, or of any account of the portal: its
 * device token, else its password. */
static void
find_password (GTask *task)
{
  search_kind (task, EF_SECRET_DEVICE_TOKEN);
}

static void
on_clear_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Operation *operation = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) attributes = NULL;

  /* FALSE without an error: there was nothing to clear. */
  secret_password_clear_finish (result, &error);
  if (error != NULL || operation->kind == EF_SECRET_PASSWORD)
    {
      return_done (task, error, "clear the secret");
      return;
    }

  /* The device token is gone; now the password, if one is kept. */
  operation->kind = EF_SECRET_PASSWORD;
  attributes = make_attributes (operation->portal_url, operation->email);
  secret_password_clearv (&account_schema, attributes, operation->deadline->cancellable,
                          on_clear_done_cb, g_steal_pointer (&task));
}

static void
clear_password (GTask *task)
{
  Operation *operation = g_task_get_task_data (task);
  g_autoptr (GHashTable) attributes = make_attributes (operation->portal_url, operation->email);

  operation->kind = EF_SECRET_DEVICE_TOKEN;
  secret_password_clearv (&device_schema, attributes, operation->deadline->cancellable,
                          on_clear_done_cb, task);
}

static void
on_operation_checked_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  EfCredentials *self = EF_CREDENTIALS (source);
  Operation *operation = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!ef_credentials_check_finish (self, result, &error))
    {
      if (error != NULL)
        g_task_return_error (task, map_secret_error (error, NULL));
      else if (operation->without_keyring == WITHOUT_KEYRING_FAIL)
        g_task_return_error (task, _ef_client_error_new_with_message (EF_CLIENT_ERROR_NO_KEYRING,
                                                                      self->unavailable_reason,
                                                                      "No Secret Service"));
      else
        /* No keyring: nothing is remembered, nothing to find or clear. */
        g_task_return_boolean (task, operation->without_keyring == WITHOUT_KEYRING_TRUE);
      return;
    }

  operation->deadline = deadline_new (g_task_get_cancellable (task), self->timeout);
  operation->run (g_steal_pointer (&task));
}

/* Runs @run for the caller once the keyring is checked. */
static void
start_operation (EfCredentials       *self,
                 gpointer             source_tag,
                 void               (*run) (GTask *task),
                 WithoutKeyring       without_keyring,
                 const char          *portal_url,
                 const char          *email,
                 const char          *password,
                 EfSecretKind         kind,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  Operation *operation;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  operation = g_new0 (Operation, 1);
  operation->portal_url = g_strdup (portal_url);
  operation->email = g_strdup (email);
  operation->password = g_strdup (password);
  operation->kind = kind;
  operation->without_keyring = without_keyring;
  operation->run = run;
  operation->writes = run == store_password || run == clear_password;
  if (operation->writes)
    {
      g_mutex_lock (&writes_lock);
      writes_pending++;
      g_mutex_unlock (&writes_lock);
    }
  g_task_set_task_data (task, operation, (GDestroyNotify) operation_free);

  ef_credentials_check_async (self, cancellable, on_operation_checked_cb, g_steal_pointer (&task));
}

/* The end of every operation but the lookup. */
static gboolean
propagate_boolean (EfCredentials  *self,
                   GAsyncResult   *result,
                   gpointer        source_tag,
                   GError        **error)
{
  g_return_val_if_fail (EF_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ef_credentials_finalize (GObject *object)
{
  EfCredentials *self = EF_CREDENTIALS (object);

  g_clear_pointer (&self->unavailable_reason, g_free);
  g_clear_pointer (&self->check_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (ef_credentials_parent_class)->finalize (object);
}

static void
ef_credentials_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EfCredentials *self = EF_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_CHECKED:
      g_value_set_boolean (value, self->check_state == CHECK_DONE);
      break;

    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    case PROP_UNAVAILABLE_REASON:
      g_value_set_string (value, self->unavailable_reason);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_credentials_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EfCredentials *self = EF_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      ef_credentials_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_credentials_class_init (EfCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_credentials_finalize;
  object_class->get_property = ef_credentials_get_property;
  object_class->set_property = ef_credentials_set_property;

  /**
   * EfCredentials:checked:
   *
   * Whether the check for a keyring is done (ef_credentials_check_async()).
   */
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfCredentials:available:
   *
   * Whether passwords can be remembered: %FALSE until the check is done,
   * and when there is no keyring. Bind "Remember me" to it.
   */
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfCredentials:unavailable-reason:
   *
   * When passwords cannot be remembered, a translated sentence that says
   * why; %NULL otherwise.
   */
  properties[PROP_UNAVAILABLE_REASON] =
    g_param_spec_string ("unavailable-reason", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfCredentials:timeout:
   *
   * Seconds after which a keyring operation is given up; 0 for never.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, EF_CREDENTIALS_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_credentials_init (EfCredentials *self)
{
  self->timeout = EF_CREDENTIALS_DEFAULT_TIMEOUT;
  self->check_waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * ef_credentials_get_schema:
 *
 * The keyring items' schema: `io.github.espacefamille.EspaceFamille.Account`,
 * with the attributes `portal` and `email`.
 *
 * Returns: (transfer none): the schema
 */
const SecretSchema *
ef_credentials_get_schema (void)
{
  return &account_schema;
}

EfCredentials *
ef_credentials_new (void)
{
  return g_object_new (EF_TYPE_CREDENTIALS, NULL);
}

gboolean
ef_credentials_get_checked (EfCredentials *self)
{
  g_return_val_if_fail (EF_IS_CREDENTIALS (self), FALSE);

  return self->check_state == CHECK_DONE;
}

gboolean
ef_credentials_get_available (EfCredentials *self)
{
  g_return_val_if_fail (EF_IS_CREDENTIALS (self), FALSE);

  return self->available;
}

/**
 * ef_credentials_get_unavailable_reason:
 * @self: an #EfCredentials
 *
 * Returns: (nullable): why passwords cannot be remembered, translated, or
 *   %NULL when they can (or the check is not done)
 */
const char *
ef_credentials_get_unavailable_reason (EfCredentials *self)
{
  g_return_val_if_fail (EF_IS_CREDENTIALS (self), NULL);

  return self->unavailable_reason;
}

guint
ef_credentials_get_timeout (EfCredentials *self)
{
  g_return_val_if_fail (EF_IS_CREDENTIALS (self), 0);

  return self->timeout;
}

void
ef_credentials_set_timeout (EfCredentials *self,
                            guint          seconds)
{
  g_return_if_fail (EF_IS_CREDENTIALS (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * ef_credentials_check_async:
 * @self: an #EfCredentials
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the check is done
 * @user_data: data for @callback
 *
 * Finds out, once, whether a keyring can remember passwords; later calls
 * answer at once. Every other operation waits for this check first.
 */
void
ef_credentials_check_async (EfCredentials       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  Deadline *deadline;
  GTask *check;

  g_return_if_fail (EF_IS_CREDENTIALS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_credentials_check_async);

  if (self->check_state == CHECK_DONE)
    {
      g_task_return_boolean (task, self->available);
      return;
    }

  g_ptr_array_add (self->check_waiters, g_steal_pointer (&task));
  if (self->check_state == CHECK_RUNNING)
    return;

  /* One check for every caller: only the timeout ends it early. It looks
   * up an item that cannot exist, through the same path as every other
   * operation (the Secret Service, or the portal's file in a sandbox). */
  self->check_state = CHECK_RUNNING;
  check = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (check, on_probe_done_cb);
  deadline = deadline_new (NULL, self->timeout);
  g_task_set_task_data (check, deadline, (GDestroyNotify) deadline_free);
  attributes = make_attributes ("", NULL);
  secret_password_lookupv (&account_schema, attributes, deadline->cancellable,
                           on_probe_done_cb, check);
}

/**
 * ef_credentials_check_finish:
 * @self: an #EfCredentials
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error (only a cancellation)
 *
 * Returns: %TRUE if passwords can be remembered
 */
gboolean
ef_credentials_check_finish (EfCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return propagate_boolean (self, result, ef_credentials_check_async, error);
}

/**
 * ef_credentials_store_async:
 * @self: an #EfCredentials
 * @portal_url: the portal ("https://host/7249")
 * @email: the account's e-mail
 * @password: the secret: a device token or the password
 * @kind: which
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Remembers @password for @email on @portal_url, replacing what was
 * remembered for them, of either kind.
 */
void
ef_credentials_store_async (EfCredentials       *self,
                            const char          *portal_url,
                            const char          *email,
                            const char          *password,
                            EfSecretKind         kind,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (EF_IS_CREDENTIALS (self));
  g_return_if_fail (portal_url != NULL);
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  start_operation (self, ef_credentials_store_async, store_password, WITHOUT_KEYRING_FAIL,
                   portal_url, email, password, kind, cancellable, callback, user_data);
}

/**
 * ef_credentials_store_finish:
 * @self: an #EfCredentials
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error: %EF_CLIENT_ERROR_NO_KEYRING,
 *   %EF_CLIENT_ERROR_TIMEOUT or %EF_CLIENT_ERROR_CANCELLED
 *
 * Returns: %TRUE if the password is remembered
 */
gboolean
ef_credentials_store_finish (EfCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return propagate_boolean (self, result, ef_credentials_store_async, error);
}

/**
 * ef_credentials_lookup_async:
 * @self: an #EfCredentials
 * @portal_url: the portal ("https://host/7249")
 * @email: (nullable): the account's e-mail, or %NULL for any account
 *   remembered for @portal_url
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Looks up the remembered password.
 */
void
ef_credentials_lookup_async (EfCredentials       *self,
                             const char          *portal_url,
                             const char          *email,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (EF_IS_CREDENTIALS (self));
  g_return_if_fail (portal_url != NULL);

  start_operation (self, ef_credentials_lookup_async, find_password, WITHOUT_KEYRING_FALSE,
                   portal_url, email, NULL, EF_SECRET_PASSWORD, cancellable, callback, user_data);
}

/**
 * ef_credentials_lookup_finish:
 * @self: an #EfCredentials
 * @result: the #GAsyncResult given to the callback
 * @email: (out) (optional) (transfer full): the account's e-mail
 * @password: (out) (optional) (transfer full): the secret; free it with
 *   ef_credentials_password_free()
 * @kind: (out) (optional): whether it is a device token or a password
 * @error: return location for an error (only %EF_CLIENT_ERROR_CANCELLED)
 *
 * A device token comes before a password when both are remembered.
 *
 * Returns: %TRUE if a secret is remembered; %FALSE without an error when
 *   none is, or when the keyring is missing or does not answer
 */
gboolean
ef_credentials_lookup_finish (EfCredentials  *self,
                              GAsyncResult   *result,
                              char          **email,
                              char          **password,
                              EfSecretKind   *kind,
                              GError        **error)
{
  Operation *operation;

  if (!propagate_boolean (self, result, ef_credentials_lookup_async, error))
    return FALSE;

  operation = g_task_get_task_data (G_TASK (result));
  if (email != NULL)
    *email = g_strdup (operation->email);
  if (password != NULL)
    *password = g_strdup (operation->password);
  if (kind != NULL)
    *kind = operation->kind;

  return TRUE;
}

/**
 * ef_credentials_clear_async:
 * @self: an #EfCredentials
 * @portal_url: the portal ("https://host/7249")
 * @email: (nullable): the account's e-mail, or %NULL for every account
 *   remembered for @portal_url
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Forgets the remembered password.
 */
void
ef_credentials_clear_async (EfCredentials       *self,
                            const char          *portal_url,
                            const char          *email,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (EF_IS_CREDENTIALS (self));
  g_return_if_fail (portal_url != NULL);

  start_operation (self, ef_credentials_clear_async, clear_password, WITHOUT_KEYRING_TRUE,
                   portal_url, email, NULL, EF_SECRET_PASSWORD, cancellable, callback, user_data);
}

/**
 * ef_credentials_clear_finish:
 * @self: an #EfCredentials
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if nothing is remembered any more (also when there was
 *   nothing, or no keyring)
 */
gboolean
ef_credentials_clear_finish (EfCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return propagate_boolean (self, result, ef_credentials_clear_async, error);
}

/**
 * ef_credentials_password_free:
 * @password: (nullable): a password from ef_credentials_lookup_finish()
 *
 * Wipes and frees @password.
 */
void
ef_credentials_password_free (char *password)
{
  wipe_string (password);
}

/* The first item of @kind for @portal_url that names an account, read
 * without unlocking anything: %TRUE with the item, %TRUE without one when
 * there is none, %FALSE with @error when the keyring cannot say. */
static gboolean
search_kind_sync (const char         *portal_url,
                  EfSecretKind        kind,
                  GCancellable       *cancellable,
                  char              **email,
                  char              **secret,
                  GError            **error)
{
  g_autoptr (GHashTable) attributes = make_attributes (portal_url, NULL);
  g_autoptr (SecretValue) value = NULL;
  g_autofree char *item_email = NULL;
  SecretRetrievable *chosen;
  const char *text;
  GList *items;

  items = secret_password_searchv_sync (schema_of (kind), attributes, SECRET_SEARCH_ALL,
                                        cancellable, error);
  if (items == NULL && error != NULL && *error != NULL)
    return FALSE;

  chosen = first_account_item (items, &item_email);
  /* A locked item fails here: the caller asks again, with a prompt. */
  value = chosen != NULL ? secret_retrievable_retrieve_secret_sync (chosen, cancellable, error)
                         : NULL;
  g_list_free_full (items, g_object_unref);
  if (chosen == NULL)
    return TRUE;

  text = value != NULL ? secret_value_get_text (value) : NULL;
  if (text == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NO_KEYRING,
                             "The item has no text secret");
      return FALSE;
    }
  *email = g_steal_pointer (&item_email);
  *secret = g_strdup (text);
  return TRUE;
}

/**
 * ef_credentials_lookup_sync:
 * @self: an #EfCredentials
 * @portal_url: the portal ("https://host/7249")
 * @cancellable: (nullable): a #GCancellable
 * @email: (out) (transfer full): the account's e-mail, or %NULL
 * @secret: (out) (transfer full): the secret, or %NULL; free it with
 *   ef_credentials_password_free()
 * @kind: (out): whether it is a device token or a password
 * @error: return location for an error
 *
 * What ef_credentials_lookup_async() finds for any account of @portal_url,
 * for a worker thread: it blocks, and never unlocks a collection (that
 * would show a prompt), after this process's stores and clears asked
 * before it. Never call it from the main thread.
 *
 * Returns: %TRUE when the keyring answered: with @email and @secret set if
 *   something is remembered, %NULL if nothing is; %FALSE with @error when
 *   it could not say (no keyring, a locked item, @cancellable), and the
 *   caller should ask ef_credentials_lookup_async()
 */
gboolean
ef_credentials_lookup_sync (EfCredentials  *self,
                            const char     *portal_url,
                            GCancellable   *cancellable,
                            char          **email,
                            char          **secret,
                            EfSecretKind   *kind,
                            GError        **error)
{
  g_return_val_if_fail (EF_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (portal_url != NULL, FALSE);
  g_return_val_if_fail (email != NULL && secret != NULL && kind != NULL, FALSE);

  *email = NULL;
  *secret = NULL;
  /* After this process's stores and clears asked before it. */
  g_mutex_lock (&writes_lock);
  while (writes_pending > 0 && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait_until (&writes_done, &writes_lock,
                       g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND);
  g_mutex_unlock (&writes_lock);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* A device token comes before a password, as in the asynchronous one. */
  *kind = EF_SECRET_DEVICE_TOKEN;
  if (!search_kind_sync (portal_url, EF_SECRET_DEVICE_TOKEN, cancellable, email, secret, error))
    return FALSE;
  if (*secret != NULL)
    return TRUE;
  *kind = EF_SECRET_PASSWORD;
  return search_kind_sync (portal_url, EF_SECRET_PASSWORD, cancellable, email, secret, error);
}

/**
 * ef_credentials_store_device_sync:
 * @self: an #EfCredentials
 * @portal_url: the portal ("https://host/7249")
 * @email: the account's e-mail
 * @device_token: the device token the portal gave
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Replaces the device token remembered for @email on @portal_url, for a
 * worker thread (it blocks; never call it from the main thread). Unlike
 * ef_credentials_store_async(), it leaves a remembered password alone:
 * it is for a token traded for the next one, where there is none.
 *
 * Returns: %TRUE if the token is remembered
 */
gboolean
ef_credentials_store_device_sync (EfCredentials  *self,
                                  const char     *portal_url,
                                  const char     *email,
                                  const char     *device_token,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (EF_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (portal_url != NULL && email != NULL && device_token != NULL, FALSE);

  attributes = make_attributes (portal_url, email);
  label = item_label (portal_url, email);
  return secret_password_storev_sync (&device_schema, attributes, SECRET_COLLECTION_DEFAULT,
                                      label, device_token, cancellable, error);
}
