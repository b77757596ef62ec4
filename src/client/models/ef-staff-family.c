/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-family.c: a family as the town hall sees it */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-staff-family.h"
#include "ef-model-util.h"

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

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_FAMILY] = G_STRUCT_OFFSET (EfStaffFamily, family),
  [PROP_ENROLMENTS] = G_STRUCT_OFFSET (EfStaffFamily, enrolments),
  [PROP_INVOICES] = G_STRUCT_OFFSET (EfStaffFamily, invoices),
  [PROP_TOTAL_DUE] = G_STRUCT_OFFSET (EfStaffFamily, total_due),
};

static void
ef_staff_family_class_init (EfStaffFamilyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* the family and its members */
  properties[PROP_FAMILY] =
    g_param_spec_object ("family", NULL, NULL, EF_TYPE_FAMILY,
                         EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* the members' enrolments, #EfEnrolment */
  properties[PROP_ENROLMENTS] =
    g_param_spec_object ("enrolments", NULL, NULL, G_TYPE_LIST_MODEL,
                         EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* its invoices of the agent's services, #EfInvoice */
  properties[PROP_INVOICES] =
    g_param_spec_object ("invoices", NULL, NULL, G_TYPE_LIST_MODEL,
                         EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* what it owes on those invoices, in cents */
  properties[PROP_TOTAL_DUE] =
    g_param_spec_int64 ("total-due", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        EF_MODEL_STAFF_PROPERTY_FLAGS);

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
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
