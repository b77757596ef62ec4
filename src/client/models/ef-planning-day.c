/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning-day.c: one day of a member's planning for one activity */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-planning-day.h"

struct _EfPlanningDay
{
  GObject         parent_instance;

  gint64          member_id;
  char           *activity;
  EfDay           day;
  EfDayState      state;
  EfClosedReason  closed_reason;
  gboolean        changeable;
  GDateTime      *deadline;
  char           *label;
};

G_DEFINE_FINAL_TYPE (EfPlanningDay, ef_planning_day, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  PROP_ACTIVITY,
  PROP_DAY,
  PROP_STATE,
  PROP_CLOSED_REASON,
  PROP_CHANGEABLE,
  PROP_DEADLINE,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_planning_day_finalize (GObject *object)
{
  EfPlanningDay *self = EF_PLANNING_DAY (object);

  g_clear_pointer (&self->activity, g_free);
  g_clear_pointer (&self->deadline, g_date_time_unref);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (ef_planning_day_parent_class)->finalize (object);
}

static void
ef_planning_day_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EfPlanningDay *self = EF_PLANNING_DAY (object);

  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;

    case PROP_ACTIVITY:
      g_value_set_string (value, self->activity);
      break;

    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_CLOSED_REASON:
      g_value_set_enum (value, self->closed_reason);
      break;

    case PROP_CHANGEABLE:
      g_value_set_boolean (value, self->changeable);
      break;

    case PROP_DEADLINE:
      g_value_set_boxed (value, self->deadline);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_planning_day_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EfPlanningDay *self = EF_PLANNING_DAY (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      self->member_id = g_value_get_int64 (value);
      break;

    case PROP_ACTIVITY:
      self->activity = g_value_dup_string (value);
      break;

    case PROP_DAY:
      self->day = g_value_get_uint (value);
      break;

    case PROP_STATE:
      self->state = g_value_get_enum (value);
      break;

    case PROP_CLOSED_REASON:
      self->closed_reason = g_value_get_enum (value);
      break;

    case PROP_CHANGEABLE:
      self->changeable = g_value_get_boolean (value);
      break;

    case PROP_DEADLINE:
      self->deadline = g_value_dup_boxed (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_planning_day_class_init (EfPlanningDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_planning_day_finalize;
  object_class->get_property = ef_planning_day_get_property;
  object_class->set_property = ef_planning_day_set_property;

  /**
   * EfPlanningDay:member-id:
   *
   * The member.
   */
  properties[PROP_MEMBER_ID] =
    g_param_spec_int64 ("member-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPlanningDay:activity:
   *
   * The activity's code.
   */
  properties[PROP_ACTIVITY] =
    g_param_spec_string ("activity", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPlanningDay:day:
   *
   * The day, in the tenant's calendar.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPlanningDay:state:
   *
   * Reserved, free or closed, as the portal last said.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       EF_TYPE_DAY_STATE, EF_DAY_STATE_CLOSED,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPlanningDay:closed-reason:
   *
   * Why the day is closed; %EF_CLOSED_REASON_NONE when it is not.
   */
  properties[PROP_CLOSED_REASON] =
    g_param_spec_enum ("closed-reason", NULL, NULL,
                       EF_TYPE_CLOSED_REASON, EF_CLOSED_REASON_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPlanningDay:changeable:
   *
   * Whether a change was still allowed when the planning was read (never for a
   * closed day).
   */
  properties[PROP_CHANGEABLE] =
    g_param_spec_boolean ("changeable", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPlanningDay:deadline:
   *
   * Until when a change is allowed, in the tenant's time zone; %NULL for a
   * closed day.
   */
  properties[PROP_DEADLINE] =
    g_param_spec_boxed ("deadline", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPlanningDay:label:
   *
   * What the portal calls the day's closing (a town's extra closed day:
   * "Pont de l’Ascension"), or %NULL.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_planning_day_init (EfPlanningDay *self)
{
}

/**
 * ef_planning_day_new:
 * @member_id: the member
 * @activity: the activity's code
 * @day: the day, in the tenant's calendar
 * @state: reserved, free or closed, as the portal last said
 * @closed_reason: why the day is closed
 * @changeable: whether a change was still allowed when the planning was read
 *   (never for a closed day)
 * @deadline: (nullable): until when a change is allowed, in the tenant's time zone
 * @label: (nullable): what the portal calls the day's closing
 *
 * Returns: (transfer full): a new #EfPlanningDay
 */
EfPlanningDay *
ef_planning_day_new (gint64          member_id,
                     const char     *activity,
                     EfDay           day,
                     EfDayState      state,
                     EfClosedReason  closed_reason,
                     gboolean        changeable,
                     GDateTime      *deadline,
                     const char     *label)
{
  return g_object_new (EF_TYPE_PLANNING_DAY,
                       "member-id", member_id,
                       "activity", activity,
                       "day", day,
                       "state", state,
                       "closed-reason", closed_reason,
                       "changeable", changeable,
                       "deadline", deadline,
                       "label", label,
                       NULL);
}

gint64
ef_planning_day_get_member_id (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), 0);

  return self->member_id;
}

const char *
ef_planning_day_get_activity (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), NULL);

  return self->activity;
}

EfDay
ef_planning_day_get_day (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), EF_DAY_INVALID);

  return self->day;
}

EfDayState
ef_planning_day_get_state (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), EF_DAY_STATE_CLOSED);

  return self->state;
}

EfClosedReason
ef_planning_day_get_closed_reason (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), EF_CLOSED_REASON_NONE);

  return self->closed_reason;
}

gboolean
ef_planning_day_get_changeable (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), FALSE);

  return self->changeable;
}

/**
 * ef_planning_day_get_deadline:
 * @self: a #EfPlanningDay
 *
 * Returns: (transfer none) (nullable): the deadline, %NULL for a closed day
 */
GDateTime *
ef_planning_day_get_deadline (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), NULL);

  return self->deadline;
}

gboolean
ef_planning_day_is_reserved (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), FALSE);

  return self->state == EF_DAY_STATE_RESERVED;
}

/**
 * ef_planning_day_get_label:
 * @self: an #EfPlanningDay
 *
 * Returns: (nullable): what the portal calls the day's closing, if it says
 */
const char *
ef_planning_day_get_label (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), NULL);

  return self->label;
}
