/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-day-cell.c: one focusable day of the reservation calendar
 *
 * A real widget per day so that each day takes the keyboard focus, has the
 * grid-cell role and a label that says its date and state, and gets its
 * look from CSS classes. A calendar shows a few hundred of them: the
 * children (the day number and, in full-size cells, the state symbol and
 * the lock) are made in code rather than from a template, and the cell
 * lays them out itself, which keeps building a school year cheap.
 *
 * The cell draws nothing: pointer input is handled by the calendar's
 * gestures on the grid, so that a drag crosses cells.
 */

#define G_LOG_DOMAIN "EfDayCell"

#include "config.h"

#include "ef-day-cell.h"

#define SYMBOL_SIZE 16
#define LOCK_SIZE   12
/* Full-size cells: the room around the number when there is some, on
 * top of the CSS padding (daycell in style.css: 1px); a narrow grid (a
 * phone, large text) gives it up, and the lock goes under the number. */
#define INSET       3

struct _EfDayCell
{
  GtkWidget      parent_instance;

  GtkWidget     *number;
  GtkWidget     *symbol;   /* NULL in compact cells */
  GtkWidget     *lock;     /* NULL in compact cells; the warning of a refused day too */

  EfDay          day;
  EfDayCellLook  look;
  char          *description;
  guint          compact : 1;
};

G_DEFINE_FINAL_TYPE (EfDayCell, ef_day_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DAY,
  PROP_SELECTED,
  PROP_DESCRIPTION,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The CSS class of each EfDayCellLook bit, in bit order. */
static const char * const look_classes[] = {
  "reserved",
  "to-add",
  "to-cancel",
  "closed",
  "locked",
  "today",
  "weekend",
  "holiday",
  "outside",
  "refused",
};

static const char *
symbol_for_look (EfDayCellLook look)
{
  if (look & (EF_DAY_CELL_CLOSED | EF_DAY_CELL_OUTSIDE))
    return NULL;
  if (look & EF_DAY_CELL_TO_ADD)
    return "list-add-symbolic";
  if (look & EF_DAY_CELL_TO_CANCEL)
    return "list-remove-symbolic";
  if (look & EF_DAY_CELL_RESERVED)
    return "object-select-symbolic";
  return NULL;
}

static GtkWidget *
add_symbol (EfDayCell  *self,
            const char *css_class,
            int         size)
{
  GtkWidget *image = gtk_image_new ();

  gtk_image_set_pixel_size (GTK_IMAGE (image), size);
  gtk_widget_add_css_class (image, css_class);
  gtk_widget_set_can_target (image, FALSE);
  gtk_widget_set_visible (image, FALSE);
  gtk_widget_set_parent (image, GTK_WIDGET (self));
  return image;
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  EfDayCell *self = EF_DAY_CELL (widget);

  if (self->description == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->description);
  return TRUE;
}

static void
ef_day_cell_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  EfDayCell *self = EF_DAY_CELL (widget);
  int number_min, number_nat;

  gtk_widget_measure (self->number, orientation, -1, &number_min, &number_nat, NULL, NULL);
  *minimum = number_min;
  *natural = number_nat;
  if (!self->compact)
    {
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          *minimum += SYMBOL_SIZE + 2 * INSET;
          *natural += SYMBOL_SIZE + 2 * INSET;
        }
      else
        {
          int lock = gtk_widget_get_visible (self->lock) ? LOCK_SIZE : 0;

          /* At least the number, or the symbol; the lock beside the
           * number and the inset when there is room. */
          *minimum = MAX (*minimum, MAX (SYMBOL_SIZE, lock));
          *natural = MAX (*natural + lock, SYMBOL_SIZE) + 2 * INSET;
        }
    }
}

static void
ef_day_cell_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  EfDayCell *self = EF_DAY_CELL (widget);
  GtkRequisition number;

  gtk_widget_get_preferred_size (self->number, NULL, &number);

  if (self->compact)
    {
      /* Centred: a small cell shows the number and, through CSS, the shape. */
      gtk_widget_size_allocate (self->number,
                                &(GtkAllocation) { 0, 0, width, height }, -1);
      return;
    }

  /* The number at the top start, the lock at the top end (at the bottom
   * end if the cell is too narrow for both), the state symbol in the
   * middle of what is left. */
  {
    gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
    int lock = gtk_widget_get_visible (self->lock) ? LOCK_SIZE : 0;
    gboolean lock_below = width < number.width + lock;
    int inset = CLAMP ((width - number.width - (lock_below ? 0 : lock)) / 2, 0, INSET);
    int inset_y = CLAMP ((height - number.height - SYMBOL_SIZE) / 2, 0, INSET);

    gtk_widget_size_allocate (self->number,
                              &(GtkAllocation) { rtl ? width - inset - number.width : inset, inset_y,
                                                 number.width, number.height }, -1);

    if (lock > 0)
      {
        int x = rtl ? inset : width - inset - LOCK_SIZE;
        int y = lock_below ? height - inset_y - LOCK_SIZE
                           : inset_y + MAX (0, (number.height - LOCK_SIZE) / 2);

        gtk_widget_size_allocate (self->lock, &(GtkAllocation) { x, y, LOCK_SIZE, LOCK_SIZE }, -1);
      }

    if (gtk_widget_get_visible (self->symbol))
      {
        int top = inset_y + number.height;
        int below = height - inset_y - top;
        int x = (width - SYMBOL_SIZE) / 2;
        int y = top + MAX (0, (below - SYMBOL_SIZE) / 2);

        gtk_widget_size_allocate (self->symbol, &(GtkAllocation) { x, y, SYMBOL_SIZE, SYMBOL_SIZE }, -1);
      }
  }
}

static void
ef_day_cell_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EfDayCell *self = EF_DAY_CELL (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, ef_day_cell_get_selected (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_day_cell_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EfDayCell *self = EF_DAY_CELL (object);

  switch (prop_id)
    {
    case PROP_DAY:
      ef_day_cell_set_day (self, g_value_get_uint (value));
      break;
    case PROP_SELECTED:
      ef_day_cell_set_selected (self, g_value_get_boolean (value));
      break;
    case PROP_DESCRIPTION:
      ef_day_cell_set_description (self, g_value_get_string (value));
      break;
    case PROP_COMPACT:
      self->compact = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_day_cell_constructed (GObject *object)
{
  EfDayCell *self = EF_DAY_CELL (object);

  G_OBJECT_CLASS (ef_day_cell_parent_class)->constructed (object);

  if (self->compact)
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
  else
    {
      self->symbol = add_symbol (self, "symbol", SYMBOL_SIZE);
      self->lock = add_symbol (self, "lock", LOCK_SIZE);
      gtk_image_set_from_icon_name (GTK_IMAGE (self->lock), "changes-prevent-symbolic");
    }
}

static void
ef_day_cell_dispose (GObject *object)
{
  EfDayCell *self = EF_DAY_CELL (object);

  g_clear_pointer (&self->number, gtk_widget_unparent);
  g_clear_pointer (&self->symbol, gtk_widget_unparent);
  g_clear_pointer (&self->lock, gtk_widget_unparent);

  G_OBJECT_CLASS (ef_day_cell_parent_class)->dispose (object);
}

static void
ef_day_cell_finalize (GObject *object)
{
  EfDayCell *self = EF_DAY_CELL (object);

  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (ef_day_cell_parent_class)->finalize (object);
}

static void
ef_day_cell_class_init (EfDayCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_day_cell_get_property;
  object_class->set_property = ef_day_cell_set_property;
  object_class->constructed = ef_day_cell_constructed;
  object_class->dispose = ef_day_cell_dispose;
  object_class->finalize = ef_day_cell_finalize;

  widget_class->measure = ef_day_cell_measure;
  widget_class->size_allocate = ef_day_cell_size_allocate;

  /**
   * EfDayCell:day:
   *
   * The day the cell shows, or %EF_DAY_INVALID.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfDayCell:selected:
   *
   * Whether the day is in the keyboard or drag selection.
   */
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfDayCell:description:
   *
   * The date and the state in words: the accessible label and the tooltip.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfDayCell:compact:
   *
   * A small cell for the year overview: the number only, the state shown
   * by the cell's shape and colour.
   */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "daycell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID_CELL);
}

static void
ef_day_cell_init (EfDayCell *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  self->number = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->number, "number");
  gtk_widget_set_can_target (self->number, FALSE);
  gtk_widget_set_parent (self->number, GTK_WIDGET (self));
}

/**
 * ef_day_cell_new:
 * @compact: a small cell for the year overview: the number only, the state
 *   shown by the cell's shape and colour
 *
 * Returns: (transfer floating): a new day cell showing no day
 */
GtkWidget *
ef_day_cell_new (gboolean compact)
{
  return g_object_new (EF_TYPE_DAY_CELL, "compact", compact, NULL);
}

EfDay
ef_day_cell_get_day (EfDayCell *self)
{
  g_return_val_if_fail (EF_IS_DAY_CELL (self), EF_DAY_INVALID);

  return self->day;
}

void
ef_day_cell_set_day (EfDayCell *self,
                     EfDay      day)
{
  char text[4];
  int mday = 0;

  g_return_if_fail (EF_IS_DAY_CELL (self));

  if (self->day == day)
    return;

  self->day = day;
  if (ef_day_is_valid (day))
    ef_day_get_ymd (day, NULL, NULL, &mday);
  g_snprintf (text, sizeof text, "%d", mday);
  gtk_label_set_text (GTK_LABEL (self->number), mday > 0 ? text : "");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

EfDayCellLook
ef_day_cell_get_look (EfDayCell *self)
{
  g_return_val_if_fail (EF_IS_DAY_CELL (self), 0);

  return self->look;
}

/**
 * ef_day_cell_set_look:
 * @self: a day cell
 * @look: what the day shows
 *
 * Only the CSS classes that change are added or removed, so that a cell
 * whose look stays the same costs nothing.
 */
void
ef_day_cell_set_look (EfDayCell     *self,
                      EfDayCellLook  look)
{
  EfDayCellLook changed;

  g_return_if_fail (EF_IS_DAY_CELL (self));

  changed = self->look ^ look;
  if (changed == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (look_classes); i++)
    {
      if (!(changed & (1u << i)))
        continue;
      if (look & (1u << i))
        gtk_widget_add_css_class (GTK_WIDGET (self), look_classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), look_classes[i]);
    }
  self->look = look;

  if (!self->compact)
    {
      const char *symbol = symbol_for_look (look);

      gtk_widget_set_visible (self->symbol, symbol != NULL);
      if (symbol != NULL)
        gtk_image_set_from_icon_name (GTK_IMAGE (self->symbol), symbol);
      /* The corner says why the day cannot be as asked: a refusal, which
       * the parent must act on, before the lock. */
      gtk_widget_set_visible (self->lock, (look & (EF_DAY_CELL_LOCKED | EF_DAY_CELL_REFUSED)) != 0);
      gtk_image_set_from_icon_name (GTK_IMAGE (self->lock),
                                    look & EF_DAY_CELL_REFUSED ? "dialog-warning-symbolic"
                                                               : "changes-prevent-symbolic");
    }
}

gboolean
ef_day_cell_get_selected (EfDayCell *self)
{
  g_return_val_if_fail (EF_IS_DAY_CELL (self), FALSE);

  return (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_SELECTED) != 0;
}

/* A state flag, not a class: CSS styles it as :selected and a change
 * restyles only this cell. */
void
ef_day_cell_set_selected (EfDayCell *self,
                          gboolean   selected)
{
  g_return_if_fail (EF_IS_DAY_CELL (self));

  if (ef_day_cell_get_selected (self) == !!selected)
    return;

  if (selected)
    gtk_widget_set_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_SELECTED, FALSE);
  else
    gtk_widget_unset_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_SELECTED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_SELECTED, !!selected,
                               -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

const char *
ef_day_cell_get_description (EfDayCell *self)
{
  g_return_val_if_fail (EF_IS_DAY_CELL (self), NULL);

  return self->description;
}

void
ef_day_cell_set_description (EfDayCell  *self,
                             const char *description)
{
  g_return_if_fail (EF_IS_DAY_CELL (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description ? description : "",
                                  -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}
