/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pending-changes.c: reservation changes not saved yet, with undo
 *
 * The calendar's edits before "Save": at most one change per (member,
 * activity, day), the state wanted. A change that brings a day back to the
 * state the portal gave it is no change at all and disappears, so that a
 * day reserved then un-reserved before saving sends nothing.
 *
 * Every edit belongs to an operation, the unit of undo: one click, or a
 * whole drag range or "reserve every Monday" between begin_operation() and
 * end_operation(). An operation remembers, for each day it touched, the
 * pending change the day had before.
 *
 * The list (a GListModel of EfReservationChange) is kept sorted by member,
 * activity and day. One edit outside an operation updates one row; an
 * operation of many days is announced as one replacement of the list, so
 * that "reserve the whole year" is one signal, not thousands.
 */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-pending-changes.h"

typedef struct
{
  char                *key;
  EfReservationChange *before;   /* (nullable): no pending change */
} UndoStep;

typedef struct
{
  GArray *steps;                 /* of UndoStep */
} Operation;

struct _EfPendingChanges
{
  GObject     parent_instance;

  GHashTable *changes;           /* key → EfReservationChange */
  GPtrArray  *items;             /* the same, sorted */
  GHashTable *versions;          /* member id → planning version, both gint64 */
  GPtrArray  *undo;              /* of Operation, the last one last */
  Operation  *current;           /* (nullable): the operation under way */
  guint       depth;
  gboolean    stale;             /* edits not shown in the list yet */
  guint       n_added;
  guint       n_removed;
};

static void ef_pending_changes_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EfPendingChanges, ef_pending_changes, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ef_pending_changes_list_model_init))

enum {
  PROP_0,
  PROP_N_ADDED,
  PROP_N_REMOVED,
  PROP_CAN_UNDO,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
make_key (gint64      member_id,
          const char *activity,
          EfDay       day)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%u", member_id, activity, day);
}

static char *
change_key (EfReservationChange *change)
{
  return make_key (ef_reservation_change_get_member_id (change),
                   ef_reservation_change_get_activity (change),
                   ef_reservation_change_get_day (change));
}

static int
compare_changes (EfReservationChange *a,
                 EfReservationChange *b)
{
  gint64 member_a = ef_reservation_change_get_member_id (a);
  gint64 member_b = ef_reservation_change_get_member_id (b);
  EfDay day_a = ef_reservation_change_get_day (a);
  EfDay day_b = ef_reservation_change_get_day (b);
  int order;

  if (member_a != member_b)
    return member_a < member_b ? -1 : 1;

  order = g_strcmp0 (ef_reservation_change_get_activity (a),
                     ef_reservation_change_get_activity (b));
  if (order != 0)
    return order;

  return day_a < day_b ? -1 : day_a > day_b ? 1 : 0;
}

static int
compare_changes_indirect (gconstpointer a,
                          gconstpointer b)
{
  return compare_changes (*(EfReservationChange **) a, *(EfReservationChange **) b);
}

/* The position of @change in the sorted list, or where it would go. */
static guint
find_position (EfPendingChanges    *self,
               EfReservationChange *change,
               gboolean            *found)
{
  guint low = 0;
  guint high = self->items->len;

  *found = FALSE;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      int order = compare_changes (g_ptr_array_index (self->items, middle), change);

      if (order == 0)
        {
          *found = TRUE;
          return middle;
        }
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

static void
operation_free (Operation *operation)
{
  for (guint i = 0; i < operation->steps->len; i++)
    {
      UndoStep *step = &g_array_index (operation->steps, UndoStep, i);

      g_free (step->key);
      g_clear_object (&step->before);
    }
  g_array_unref (operation->steps);
  g_free (operation);
}

static Operation *
operation_new (void)
{
  Operation *operation = g_new0 (Operation, 1);

  operation->steps = g_array_new (FALSE, FALSE, sizeof (UndoStep));
  return operation;
}

static void
update_counts (EfPendingChanges *self)
{
  guint n_added = 0;

  for (guint i = 0; i < self->items->len; i++)
    if (ef_reservation_change_get_reserved (g_ptr_array_index (self->items, i)))
      n_added++;

  if (n_added != self->n_added)
    {
      self->n_added = n_added;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ADDED]);
    }
  if (self->items->len - n_added != self->n_removed)
    {
      self->n_removed = self->items->len - n_added;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REMOVED]);
    }
}

/* Rebuilds the sorted list from the table and announces it as a whole. */
static void
rebuild_items (EfPendingChanges *self)
{
  guint old_len = self->items->len;
  GHashTableIter iter;
  gpointer value;

  g_ptr_array_set_size (self->items, 0);
  g_hash_table_iter_init (&iter, self->changes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (self->items, g_object_ref (value));
  g_ptr_array_sort (self->items, compare_changes_indirect);

  if (old_len == 0 && self->items->len == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
  if (old_len != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Makes the sorted list follow the table for the one day whose pending
 * change went from @before to @after (either may be NULL, not both). */
static void
update_item (EfPendingChanges    *self,
             EfReservationChange *before,
             EfReservationChange *after)
{
  gboolean found;
  guint position;

  g_assert (before != NULL || after != NULL);

  position = find_position (self, after != NULL ? after : before, &found);
  if (found && after != NULL)
    {
      gpointer *slot = &g_ptr_array_index (self->items, position);

      g_object_unref (*slot);
      *slot = g_object_ref (after);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
  else if (found)
    {
      g_ptr_array_remove_index (self->items, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  else if (after != NULL)
    {
      g_ptr_array_insert (self->items, position, g_object_ref (after));
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/* Sets the pending change of @key to @change (NULL: none), remembering
 * the previous one in the current operation. Takes @key. */
static void
put_change (EfPendingChanges    *self,
            char                *key,
            EfReservationChange *change)
{
  EfReservationChange *before = g_hash_table_lookup (self->changes, key);
  UndoStep step;

  if ((before == NULL && change == NULL) ||
      (before != NULL && change != NULL &&
       ef_reservation_change_get_reserved (before) == ef_reservation_change_get_reserved (change)))
    {
      g_free (key);
      return;
    }

  step.key = key;
  step.before = before != NULL ? g_object_ref (before) : NULL;
  g_array_append_val (self->current->steps, step);

  if (change != NULL)
    g_hash_table_replace (self->changes, g_strdup (key), g_object_ref (change));
  else
    g_hash_table_remove (self->changes, key);

  /* One edit on its own updates one row; the edits of an operation are
   * shown together when it ends. */
  if (self->depth == 1)
    update_item (self, step.before, change);
  else
    self->stale = TRUE;
}

static gboolean
planning_day_is_editable (EfPlanningDay *day)
{
  return ef_planning_day_get_state (day) != EF_DAY_STATE_CLOSED &&
         ef_planning_day_get_changeable (day);
}

static GType
ef_pending_changes_get_item_type (GListModel *model)
{
  return EF_TYPE_RESERVATION_CHANGE;
}

static guint
ef_pending_changes_get_n_items (GListModel *model)
{
  return EF_PENDING_CHANGES (model)->items->len;
}

static gpointer
ef_pending_changes_get_item (GListModel *model,
                             guint       position)
{
  EfPendingChanges *self = EF_PENDING_CHANGES (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
ef_pending_changes_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ef_pending_changes_get_item_type;
  iface->get_n_items = ef_pending_changes_get_n_items;
  iface->get_item = ef_pending_changes_get_item;
}

static void
ef_pending_changes_finalize (GObject *object)
{
  EfPendingChanges *self = EF_PENDING_CHANGES (object);

  g_clear_pointer (&self->current, operation_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_hash_table_unref);
  g_clear_pointer (&self->versions, g_hash_table_unref);

  G_OBJECT_CLASS (ef_pending_changes_parent_class)->finalize (object);
}

static void
ef_pending_changes_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EfPendingChanges *self = EF_PENDING_CHANGES (object);

  switch (prop_id)
    {
    case PROP_N_ADDED:
      g_value_set_uint (value, self->n_added);
      break;

    case PROP_N_REMOVED:
      g_value_set_uint (value, self->n_removed);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ef_pending_changes_get_can_undo (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_pending_changes_class_init (EfPendingChangesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_pending_changes_finalize;
  object_class->get_property = ef_pending_changes_get_property;

  /**
   * EfPendingChanges:n-added:
   *
   * How many days the pending changes reserve.
   */
  properties[PROP_N_ADDED] =
    g_param_spec_uint ("n-added", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPendingChanges:n-removed:
   *
   * How many reserved days the pending changes cancel.
   */
  properties[PROP_N_REMOVED] =
    g_param_spec_uint ("n-removed", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPendingChanges:can-undo:
   *
   * Whether there is an operation to undo.
   */
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPendingChanges:n-items:
   *
   * The number of pending changes (n-added + n-removed).
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_pending_changes_init (EfPendingChanges *self)
{
  self->changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) operation_free);
}

EfPendingChanges *
ef_pending_changes_new (void)
{
  return g_object_new (EF_TYPE_PENDING_CHANGES, NULL);
}

/**
 * ef_pending_changes_begin_operation:
 * @self: an #EfPendingChanges
 *
 * Starts an operation: every edit until the matching
 * ef_pending_changes_end_operation() is undone at once. Operations nest;
 * the outermost one counts.
 */
void
ef_pending_changes_begin_operation (EfPendingChanges *self)
{
  g_return_if_fail (EF_IS_PENDING_CHANGES (self));

  if (self->depth++ == 0)
    {
      g_assert (self->current == NULL);
      self->current = operation_new ();
    }
}

/**
 * ef_pending_changes_end_operation:
 * @self: an #EfPendingChanges
 *
 * Ends the operation begun by ef_pending_changes_begin_operation(). An
 * operation that changed nothing leaves nothing to undo.
 */
void
ef_pending_changes_end_operation (EfPendingChanges *self)
{
  g_autoptr (GObject) guard = NULL;
  Operation *operation;
  gboolean could_undo;

  g_return_if_fail (EF_IS_PENDING_CHANGES (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;

  guard = g_object_ref (G_OBJECT (self));
  g_object_freeze_notify (G_OBJECT (self));
  could_undo = ef_pending_changes_get_can_undo (self);
  operation = g_steal_pointer (&self->current);

  if (self->stale)
    {
      self->stale = FALSE;
      rebuild_items (self);
    }

  if (operation->steps->len == 0)
    operation_free (operation);
  else
    g_ptr_array_add (self->undo, operation);

  update_counts (self);
  if (could_undo != ef_pending_changes_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * ef_pending_changes_set_reserved:
 * @self: an #EfPendingChanges
 * @member_id: the member
 * @activity: the activity's code
 * @day: the day
 * @was_reserved: whether the portal says the day is reserved
 * @reserved: the state wanted
 *
 * Wants @day reserved or not. When @reserved is @was_reserved, the day has
 * no pending change any more.
 */
void
ef_pending_changes_set_reserved (EfPendingChanges *self,
                                 gint64            member_id,
                                 const char       *activity,
                                 EfDay             day,
                                 gboolean          was_reserved,
                                 gboolean          reserved)
{
  g_autoptr (EfReservationChange) change = NULL;

  g_return_if_fail (EF_IS_PENDING_CHANGES (self));
  g_return_if_fail (activity != NULL);
  g_return_if_fail (ef_day_is_valid (day));

  if (!was_reserved != !reserved)
    change = ef_reservation_change_new (member_id, activity, day, !!reserved);

  ef_pending_changes_begin_operation (self);
  put_change (self, make_key (member_id, activity, day), change);
  ef_pending_changes_end_operation (self);
}

static gboolean
set_planning_day (EfPendingChanges *self,
                  EfPlanningDay    *day,
                  gboolean          reserved)
{
  if (!planning_day_is_editable (day))
    return FALSE;

  ef_pending_changes_set_reserved (self, ef_planning_day_get_member_id (day),
                                   ef_planning_day_get_activity (day),
                                   ef_planning_day_get_day (day),
                                   ef_planning_day_is_reserved (day), reserved);
  return TRUE;
}

/**
 * ef_pending_changes_reserve:
 * @self: an #EfPendingChanges
 * @day: a day of a planning
 *
 * Wants @day reserved.
 *
 * Returns: %FALSE, changing nothing, if @day is closed or its deadline had
 *   passed when the planning was read
 */
gboolean
ef_pending_changes_reserve (EfPendingChanges *self,
                            EfPlanningDay    *day)
{
  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), FALSE);
  g_return_val_if_fail (EF_IS_PLANNING_DAY (day), FALSE);

  return set_planning_day (self, day, TRUE);
}

/**
 * ef_pending_changes_cancel:
 * @self: an #EfPendingChanges
 * @day: a day of a planning
 *
 * Wants @day not reserved.
 *
 * Returns: %FALSE, changing nothing, if @day is closed or its deadline had
 *   passed when the planning was read
 */
gboolean
ef_pending_changes_cancel (EfPendingChanges *self,
                           EfPlanningDay    *day)
{
  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), FALSE);
  g_return_val_if_fail (EF_IS_PLANNING_DAY (day), FALSE);

  return set_planning_day (self, day, FALSE);
}

/**
 * ef_pending_changes_toggle:
 * @self: an #EfPendingChanges
 * @day: a day of a planning
 *
 * Wants @day in the other state than the one it shows now (its pending
 * change, else the portal's).
 *
 * Returns: %FALSE, changing nothing, if @day cannot be changed
 */
gboolean
ef_pending_changes_toggle (EfPendingChanges *self,
                           EfPlanningDay    *day)
{
  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), FALSE);
  g_return_val_if_fail (EF_IS_PLANNING_DAY (day), FALSE);

  return set_planning_day (self, day, !ef_pending_changes_is_reserved (self, day));
}

/**
 * ef_pending_changes_remove:
 * @self: an #EfPendingChanges
 * @member_id: the member
 * @activity: the activity's code
 * @day: the day
 *
 * Forgets the pending change of a day, if any (e.g. one the portal
 * rejected). Undoable like any edit.
 */
void
ef_pending_changes_remove (EfPendingChanges *self,
                           gint64            member_id,
                           const char       *activity,
                           EfDay             day)
{
  g_return_if_fail (EF_IS_PENDING_CHANGES (self));
  g_return_if_fail (activity != NULL);

  ef_pending_changes_begin_operation (self);
  put_change (self, make_key (member_id, activity, day), NULL);
  ef_pending_changes_end_operation (self);
}

/**
 * ef_pending_changes_lookup:
 * @self: an #EfPendingChanges
 * @member_id: the member
 * @activity: the activity's code
 * @day: the day
 * @reserved: (out) (optional): the state the pending change wants
 *
 * Returns: %TRUE if the day has a pending change
 */
gboolean
ef_pending_changes_lookup (EfPendingChanges *self,
                           gint64            member_id,
                           const char       *activity,
                           EfDay             day,
                           gboolean         *reserved)
{
  g_autofree char *key = NULL;
  EfReservationChange *change;

  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), FALSE);
  g_return_val_if_fail (activity != NULL, FALSE);

  key = make_key (member_id, activity, day);
  change = g_hash_table_lookup (self->changes, key);
  if (change == NULL)
    return FALSE;

  if (reserved != NULL)
    *reserved = ef_reservation_change_get_reserved (change);
  return TRUE;
}

/**
 * ef_pending_changes_is_reserved:
 * @self: an #EfPendingChanges
 * @day: a day of a planning
 *
 * Returns: the state to show for @day: its pending change's, else the
 *   portal's
 */
gboolean
ef_pending_changes_is_reserved (EfPendingChanges *self,
                                EfPlanningDay    *day)
{
  gboolean reserved;

  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), FALSE);
  g_return_val_if_fail (EF_IS_PLANNING_DAY (day), FALSE);

  if (ef_pending_changes_lookup (self, ef_planning_day_get_member_id (day),
                                 ef_planning_day_get_activity (day),
                                 ef_planning_day_get_day (day), &reserved))
    return reserved;

  return ef_planning_day_is_reserved (day);
}

/**
 * ef_pending_changes_undo:
 * @self: an #EfPendingChanges
 *
 * Undoes the last operation.
 *
 * Returns: %FALSE if there was nothing to undo
 */
gboolean
ef_pending_changes_undo (EfPendingChanges *self)
{
  Operation *operation;

  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->undo->len == 0)
    return FALSE;

  operation = g_ptr_array_steal_index (self->undo, self->undo->len - 1);

  g_object_freeze_notify (G_OBJECT (self));
  if (operation->steps->len == 1)
    {
      UndoStep *step = &g_array_index (operation->steps, UndoStep, 0);
      EfReservationChange *now = g_hash_table_lookup (self->changes, step->key);
      g_autoptr (EfReservationChange) current = now != NULL ? g_object_ref (now) : NULL;

      if (step->before != NULL)
        g_hash_table_replace (self->changes, g_strdup (step->key), g_object_ref (step->before));
      else
        g_hash_table_remove (self->changes, step->key);
      update_item (self, current, step->before);
    }
  else
    {
      for (guint i = operation->steps->len; i > 0; i--)
        {
          UndoStep *step = &g_array_index (operation->steps, UndoStep, i - 1);

          if (step->before != NULL)
            g_hash_table_replace (self->changes, g_strdup (step->key),
                                  g_object_ref (step->before));
          else
            g_hash_table_remove (self->changes, step->key);
        }
      rebuild_items (self);
    }

  operation_free (operation);
  update_counts (self);
  if (self->undo->len == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

gboolean
ef_pending_changes_get_can_undo (EfPendingChanges *self)
{
  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), FALSE);

  return self->undo->len > 0;
}

/**
 * ef_pending_changes_clear:
 * @self: an #EfPendingChanges
 *
 * Forgets every pending change and the undo history (after a save, or
 * when the user discards). The planning versions are kept.
 */
void
ef_pending_changes_clear (EfPendingChanges *self)
{
  gboolean could_undo;

  g_return_if_fail (EF_IS_PENDING_CHANGES (self));
  g_return_if_fail (self->depth == 0);

  g_object_freeze_notify (G_OBJECT (self));
  could_undo = ef_pending_changes_get_can_undo (self);
  g_ptr_array_set_size (self->undo, 0);
  g_hash_table_remove_all (self->changes);
  rebuild_items (self);
  update_counts (self);
  if (could_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
ef_pending_changes_get_n_added (EfPendingChanges *self)
{
  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), 0);

  return self->n_added;
}

guint
ef_pending_changes_get_n_removed (EfPendingChanges *self)
{
  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), 0);

  return self->n_removed;
}

/**
 * ef_pending_changes_set_version:
 * @self: an #EfPendingChanges
 * @member_id: a member
 * @version: the member's planning version the changes were made on
 *
 * Remembers the planning version the user saw (#EfPlanning:version, or a
 * version from ef_reservation_result_get_version()), sent with the changes
 * so that the portal refuses them if someone else changed the planning.
 */
void
ef_pending_changes_set_version (EfPendingChanges *self,
                                gint64            member_id,
                                gint64            version)
{
  g_return_if_fail (EF_IS_PENDING_CHANGES (self));

  g_hash_table_replace (self->versions, g_memdup2 (&member_id, sizeof member_id),
                        g_memdup2 (&version, sizeof version));
}

gboolean
ef_pending_changes_get_version (EfPendingChanges *self,
                                gint64            member_id,
                                gint64           *version)
{
  gint64 *found;

  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), FALSE);

  found = g_hash_table_lookup (self->versions, &member_id);
  if (found == NULL)
    return FALSE;

  if (version != NULL)
    *version = *found;
  return TRUE;
}

/**
 * ef_pending_changes_to_batch:
 * @self: an #EfPendingChanges
 * @error: return location for an error
 *
 * The body of POST {portal}/api/v1/reservations:
 * `{"changes": [{"member", "activity", "day", "reserved"}…],
 *   "versions": {"12": 4}}`, the changes in the list's order.
 *
 * Returns: (transfer full) (nullable): the JSON, or %NULL with
 *   %G_IO_ERROR_INVALID_ARGUMENT when there is no change or when the
 *   version of a member's planning is not known
 */
JsonNode *
ef_pending_changes_to_batch (EfPendingChanges  *self,
                             GError           **error)
{
  g_autoptr (EfReservationBatchRecord) batch = NULL;
  g_autoptr (GHashTable) members = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->items->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No pending change");
      return NULL;
    }

  batch = ef_reservation_batch_record_new ();
  members = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < self->items->len; i++)
    {
      EfReservationChange *change = g_ptr_array_index (self->items, i);
      gint64 member_id = ef_reservation_change_get_member_id (change);

      if (!g_hash_table_contains (self->versions, &member_id))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "The planning version of member %" G_GINT64_FORMAT " is not known",
                       member_id);
          return NULL;
        }
      /* The key points into the versions table, which outlives @members. */
      g_hash_table_lookup_extended (self->versions, &member_id, &key, NULL);
      g_hash_table_add (members, key);

      ef_reservation_batch_record_add_change (batch, member_id,
                                              ef_reservation_change_get_activity (change),
                                              ef_reservation_change_get_day (change),
                                              ef_reservation_change_get_reserved (change));
    }

  g_hash_table_iter_init (&iter, members);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    ef_planning_versions_add (batch->versions, *(gint64 *) key,
                              *(gint64 *) g_hash_table_lookup (self->versions, key));

  return ef_reservation_batch_record_to_json (batch);
}

/**
 * ef_pending_changes_rebase:
 * @self: an #EfPendingChanges
 * @planning: a planning just read again (after a version conflict)
 *
 * Puts the pending changes on top of @planning: its version becomes the
 * one sent for its member, and the changes of that member that @planning
 * already shows (someone else made them) are dropped. The undo history is
 * forgotten: it was about the older planning.
 *
 * Returns: how many changes were dropped
 */
guint
ef_pending_changes_rebase (EfPendingChanges *self,
                           EfPlanning       *planning)
{
  g_autoptr (GPtrArray) dropped = NULL;
  gint64 member_id;
  gboolean could_undo;

  g_return_val_if_fail (EF_IS_PENDING_CHANGES (self), 0);
  g_return_val_if_fail (EF_IS_PLANNING (planning), 0);
  g_return_val_if_fail (self->depth == 0, 0);

  member_id = ef_planning_get_member_id (planning);
  ef_pending_changes_set_version (self, member_id, ef_planning_get_version (planning));

  dropped = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->items->len; i++)
    {
      EfReservationChange *change = g_ptr_array_index (self->items, i);
      EfPlanningDay *day;

      if (ef_reservation_change_get_member_id (change) != member_id)
        continue;

      day = ef_planning_lookup_day (planning, ef_reservation_change_get_activity (change),
                                    ef_reservation_change_get_day (change));
      if (day != NULL &&
          !ef_planning_day_is_reserved (day) == !ef_reservation_change_get_reserved (change))
        g_ptr_array_add (dropped, change_key (change));
    }

  g_object_freeze_notify (G_OBJECT (self));
  could_undo = ef_pending_changes_get_can_undo (self);
  g_ptr_array_set_size (self->undo, 0);
  for (guint i = 0; i < dropped->len; i++)
    g_hash_table_remove (self->changes, g_ptr_array_index (dropped, i));
  if (dropped->len > 0)
    rebuild_items (self);
  update_counts (self);
  if (could_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_thaw_notify (G_OBJECT (self));

  return dropped->len;
}
