/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-family.c: a family as the town hall sees it */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-staff-family.h"

struct _EfStaffFamily
{
  GObject parent_instance;

  EfFamily *family;
  GListModel *enrolments;
  GListModel *invoices;
  EfCents total_due;
};

G_DEFINE_FINAL_TYPE (EfStaffFamily, ef_staff_family, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FAMILY,
  PROP_ENROLMENTS,
  PROP_INVOICES,
  PROP_TOTAL_DUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_staff_family_finalize (GObject *object)
{
  EfStaffFamily *self = EF_STAFF_FAMILY (object);

  g_clear_object (&self->family);
  g_clear_object (&self->enrolments);
  g_clear_object (&self->invoices);

  G_OBJECT_CLASS (ef_staff_family_parent_class)->finalize (object);
}

static void
ef_staff_family_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EfStaffFamily *self = EF_STAFF_FAMILY (object);

  switch (prop_id)
    {
    case PROP_FAMILY:
      g_value_set_object (value, self->family);
      break;

    case PROP_ENROLMENTS:
      g_value_set_object (value, self->enrolments);
      break;

    case PROP_INVOICES:
      g_value_set_object (value, self->invoices);
      break;

    case PROP_TOTAL_DUE:
      g_value_set_int64 (value, self->total_due);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_staff_family_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EfStaffFamily *self = EF_STAFF_FAMILY (object);

  switch (prop_id)
    {
    case PROP_FAMILY:
      self->family = g_value_dup_object (value);
      break;

    case PROP_ENROLMENTS:
      self->enrolments = g_value_dup_object (value);
      break;

    case PROP_INVOICES:
      self->invoices = g_value_dup_object (value);
      break;

    case PROP_TOTAL_DUE:
      self->total_due = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_staff_family_class_init (EfStaffFamilyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_staff_family_finalize;
  object_class->get_property = ef_staff_family_get_property;
  object_class->set_property = ef_staff_family_set_property;

  /* the family and its members */
  properties[PROP_FAMILY] =
    g_param_spec_object ("family", NULL, NULL, EF_TYPE_FAMILY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* the members' enrolments, #EfEnrolment */
  properties[PROP_ENROLMENTS] =
    g_param_spec_object ("enrolments", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* its invoices of the agent's services, #EfInvoice */
  properties[PROP_INVOICES] =
    g_param_spec_object ("invoices", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* what it owes on those invoices, in cents */
  properties[PROP_TOTAL_DUE] =
    g_param_spec_int64 ("total-due", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_staff_family_init (EfStaffFamily *self)
{
}

/**
 * ef_staff_family_get_family:
 * @self: an #EfStaffFamily
 *
 * Returns: (transfer none): the family and its members
 */
EfFamily *
ef_staff_family_get_family (EfStaffFamily *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILY (self), NULL);

  return self->family;
}

/**
 * ef_staff_family_get_enrolments:
 * @self: an #EfStaffFamily
 *
 * Returns: (transfer none): the members' enrolments, #EfEnrolment
 */
GListModel *
ef_staff_family_get_enrolments (EfStaffFamily *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILY (self), NULL);

  return self->enrolments;
}

/**
 * ef_staff_family_get_invoices:
 * @self: an #EfStaffFamily
 *
 * Returns: (transfer none): its invoices of the agent's services, #EfInvoice
 */
GListModel *
ef_staff_family_get_invoices (EfStaffFamily *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILY (self), NULL);

  return self->invoices;
}

/**
 * ef_staff_family_get_total_due:
 * @self: an #EfStaffFamily
 *
 * Returns: what it owes on those invoices, in cents
 */
EfCents
ef_staff_family_get_total_due (EfStaffFamily *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILY (self), 0);

  return self->total_due;
}
