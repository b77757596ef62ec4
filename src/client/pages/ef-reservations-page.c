/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reservations-page.c: Mes réservations, the children's plannings
 *
 * As the tutorial's MES RESERVATIONS: the parent picks a child, sees the
 * school year in the calendar, clicks or drags days, and saves at the
 * bottom right. The page reads the planning of every child at once, so
 * that the same changes can go to several children ("Apply to") and one
 * save sends them all in one batch.
 *
 * Nothing is changed on the portal before Save: the edits live in one
 * EfPendingChanges (with undo), the calendar only shows them. The portal
 * applies a batch all or nothing; what it refuses stays pending, listed
 * with the reason and marked on the calendar. A planning changed meanwhile (409) is read again and the
 * pending changes are put on top of it.
 *
 * The page asks before the parent leaves it with unsaved changes: for
 * another page of the sidebar (EfWindow::leave-page-requested), signing
 * out (EfWindow::sign-out-requested) or closing (GtkWindow::close-request).
 */

#define G_LOG_DOMAIN "EfReservationsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-page-text.h"
#include "ef-pending-store.h"
#include "ef-reservations-page.h"
#include "ef-window.h"
#include "widgets/ef-accessible.h"
#include "widgets/ef-wrap-box.h"
#ifdef EF_HAVE_PLANNING_EXPORT
#include "ef-planning-export.h"
#endif

typedef struct
{
  EfMember   *member;
  EfPlanning *planning;
  GtkWidget  *button;       /* in child_box */
  GtkWidget  *apply_check;  /* in apply_box */
} Child;

typedef enum {
  AFTER_SAVE_NOTHING,
  AFTER_SAVE_SIGN_OUT,
  AFTER_SAVE_CLOSE,
  AFTER_SAVE_SHOW_PAGE,
} AfterSave;

struct _EfReservationsPage
{
  EfPage                 parent_instance;

  /* template children */
  AdwToastOverlay       *toast_overlay;
  GtkWidget             *top_box;
  GtkWidget             *child_box;
  GtkMenuButton         *apply_button;
  GtkWidget             *apply_box;
  GtkMenuButton         *every_button;
  GtkPopover            *every_popover;
  GtkLabel              *every_title;
  GtkWidget             *weekday_box;
  GtkMenuButton         *from_button;
  GtkPopover            *from_popover;
  GtkCalendar           *from_calendar;
  GtkMenuButton         *to_button;
  GtkPopover            *to_popover;
  GtkCalendar           *to_calendar;
  GtkRevealer           *kept_revealer;
  GtkLabel              *kept_label;
  GtkRevealer           *error_revealer;
  GtkLabel              *error_label;
  GtkWidget             *retry_button;
  GtkRevealer           *refused_revealer;
  GtkLabel              *refused_title;
  GtkListBox            *refused_list;
  GtkStack              *stack;
  GtkSpinner            *spinner;
  EfReservationCalendar *calendar;
  AdwStatusPage         *empty_page;
  AdwStatusPage         *error_page;
  GtkLabel              *summary_label;
  GtkWidget             *save_button;

  GCancellable          *save_cancellable;
  EfPendingChanges      *pending;
  GPtrArray             *children;          /* of Child */
  gint64                 current_id;
  guint                  n_loading;
  guint                  n_loads;
  guint                  deadline_id;       /* waits for next_deadline */
  GDateTime             *next_deadline;     /* the nearest deadline ahead of a day shown */
  gboolean               stale;             /* the portal's day or a deadline passed meanwhile */
  gboolean               loaded;
  gboolean               saving;
  gboolean               conflict;          /* reloading after a 409 */
  GError                *load_error;
  GListModel            *refused;
  GtkWidget             *weekday_checks[8]; /* 1 = Monday … 7 = Sunday */
  GtkWindow             *window;            /* not owned: our root */
  GtkWidget             *guard_dialog;      /* weak */
  AfterSave              after_save;
  char                  *leave_to;          /* the page asked for, with AFTER_SAVE_SHOW_PAGE */
  char                  *message;

  /* Unsaved changes kept on disk, to survive a quit or a crash */
  EfPendingStore        *store;
  gboolean               kept_checked;      /* what an earlier run kept was read */
  GPtrArray             *kept;              /* (nullable): of EfReservationChange, offered back */
  guint                  kept_added;
  guint                  kept_removed;
};

G_DEFINE_FINAL_TYPE (EfReservationsPage, ef_reservations_page, EF_TYPE_PAGE)

typedef struct
{
  EfReservationsPage *self;   /* not owned: check the cancellable first */
  gint64              member_id;
} LoadData;

/* The longest wait for a deadline: timers run late by the time the
 * machine slept. */
#define MAX_DEADLINE_WAIT_MS (10 * 60 * 1000)

static void load (EfReservationsPage *self);
static void sync_refused (EfReservationsPage *self);
static void look_for_kept (EfReservationsPage *self);

static void
child_free (Child *child)
{
  g_clear_object (&child->member);
  g_clear_object (&child->planning);
  g_free (child);
}

/* The portal's day, never the machine's. */
static EfDay
today (EfReservationsPage *self)
{
  return ef_client_get_today (ef_page_get_client (EF_PAGE (self)));
}

static GDateTime *
day_to_date_time (EfDay day)
{
  int year, month, mday;

  ef_day_get_ymd (day, &year, &month, &mday);
  return g_date_time_new_local (year, month, mday, 12, 0, 0);
}

static EfDay
date_time_to_day (GDateTime *date_time)
{
  return ef_day_new (g_date_time_get_year (date_time), g_date_time_get_month (date_time),
                     g_date_time_get_day_of_month (date_time));
}

static Child *
find_child (EfReservationsPage *self,
            gint64              member_id)
{
  for (guint i = 0; self->children != NULL && i < self->children->len; i++)
    {
      Child *child = g_ptr_array_index (self->children, i);

      if (ef_member_get_id (child->member) == member_id)
        return child;
    }
  return NULL;
}

static Child *
current_child (EfReservationsPage *self)
{
  return find_child (self, self->current_id);
}

static void
show_toast (EfReservationsPage *self,
            const char         *text)
{
  g_free (self->message);
  self->message = g_strdup (text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
show_error_bar (EfReservationsPage *self,
                const GError       *error)
{
  if (error == NULL)
    {
      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
      return;
    }

  gtk_label_set_text (self->error_label, ef_client_error_get_user_message (error));
  gtk_widget_set_visible (self->retry_button, ef_client_error_can_retry (error));
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* Changes not saved yet, in the legend's words: "5 days to reserve,
 * 2 to cancel" (nothing is reserved or cancelled before the save); after
 * a save "2 days reserved, 1 cancelled". A count alone names its days:
 * "2 days to cancel", never "2 cancelled". */
static char *
format_counts (gboolean saved,
               guint    added,
               guint    removed)
{
  g_autofree char *added_part = NULL;
  g_autofree char *removed_part = NULL;

  if (saved)
    /* Translators: after a save: "2 days reserved" */
    added_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day reserved", "%u days reserved", added),
                                  added);
  else
    /* Translators: changes not saved yet, as the legend's "To be
     * reserved": "5 days to reserve" */
    added_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day to reserve", "%u days to reserve", added),
                                  added);

  if (saved && added > 0)
    /* Translators: days cancelled, after "2 days reserved, " */
    removed_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cancelled", "%u cancelled", removed),
                                    removed);
  else if (saved)
    /* Translators: after a save, alone: "2 days cancelled" */
    removed_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day cancelled", "%u days cancelled",
                                                 removed),
                                    removed);
  else if (added > 0)
    /* Translators: changes not saved yet, after "5 days to reserve, ",
     * as the legend's "To be cancelled" */
    removed_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to cancel", "%u to cancel", removed),
                                    removed);
  else
    /* Translators: changes not saved yet, alone: "2 days to cancel" */
    removed_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day to cancel", "%u days to cancel",
                                                 removed),
                                    removed);

  if (added > 0 && removed > 0)
    /* Translators: the two counts of changes: "5 days to reserve, 2 to cancel" */
    return g_strdup_printf (C_("change counts", "%s, %s"), added_part, removed_part);
  if (added > 0)
    return g_steal_pointer (&added_part);
  if (removed > 0)
    return g_steal_pointer (&removed_part);
  return NULL;
}

static void
update_actions (EfReservationsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pending));
  gboolean ready = self->loaded && !self->saving && self->n_loading == 0;
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  /* Offline, changes are made and kept, and saved once the portal answers. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.save",
                                 n > 0 && ready && !ef_client_get_offline (client));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.undo",
                                 ef_pending_changes_get_can_undo (self->pending) && ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.reserve-every",
                                 ready && current_child (self) != NULL &&
                                 current_child (self)->planning != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.drop-refused",
                                 ready && self->refused != NULL);
#ifdef EF_HAVE_PLANNING_EXPORT
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.export-pdf",
                                 current_child (self) != NULL && current_child (self)->planning != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.export-icalendar",
                                 current_child (self) != NULL && current_child (self)->planning != NULL);
#endif
  gtk_widget_set_sensitive (GTK_WIDGET (self->calendar), !self->saving && self->n_loading == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->every_button), ready);
}

static void
update_summary (EfReservationsPage *self)
{
  g_autofree char *text = NULL;

  if (self->saving)
    text = g_strdup (_("Saving…"));
  else
    text = format_counts (FALSE, ef_pending_changes_get_n_added (self->pending),
                          ef_pending_changes_get_n_removed (self->pending));
  if (text == NULL)
    text = g_strdup (_("No unsaved change"));

  gtk_label_set_text (self->summary_label, text);
  update_actions (self);
}

/* The calendar shows the pending changes of the child on screen. */
static void
sync_pending (EfReservationsPage *self)
{
  Child *child = current_child (self);
  GListModel *activities;
  guint n;

  if (child == NULL || child->planning == NULL)
    return;

  activities = ef_planning_get_activities (child->planning);
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr (EfActivity) activity = g_list_model_get_item (activities, i);

      ef_reservation_calendar_clear_pending (self->calendar, ef_activity_get_code (activity));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->pending));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfReservationChange) change = g_list_model_get_item (G_LIST_MODEL (self->pending), i);

      if (ef_reservation_change_get_member_id (change) != self->current_id)
        continue;
      ef_reservation_calendar_set_pending (self->calendar,
                                           ef_reservation_change_get_activity (change),
                                           ef_reservation_change_get_day (change),
                                           ef_reservation_change_get_reserved (change) ? EF_PENDING_ADD
                                                                                       : EF_PENDING_REMOVE);
    }
  sync_refused (self);
}

static void schedule_deadline (EfReservationsPage *self,
                               GDateTime          *now,
                               GDateTime          *deadline);

static gboolean
on_deadline_cb (gpointer user_data)
{
  EfReservationsPage *self = user_data;
  g_autoptr (GDateTime) now = ef_client_get_now (ef_page_get_client (EF_PAGE (self)));
  g_autoptr (GDateTime) deadline = g_steal_pointer (&self->next_deadline);

  self->deadline_id = 0;
  if (g_date_time_compare (now, deadline) < 0)
    {
      schedule_deadline (self, now, deadline);
      return G_SOURCE_REMOVE;
    }

  /* A day shown as changeable no longer is: the portal says how it is now. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->saving && self->n_loading == 0)
    load (self);
  else
    self->stale = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits for @deadline (nullable: waits for nothing) on the portal's clock. */
static void
schedule_deadline (EfReservationsPage *self,
                   GDateTime          *now,
                   GDateTime          *deadline)
{
  GTimeSpan until;
  guint delay;

  g_clear_handle_id (&self->deadline_id, g_source_remove);
  g_clear_pointer (&self->next_deadline, g_date_time_unref);
  if (deadline == NULL)
    return;

  until = g_date_time_difference (deadline, now);
  /* Just after it: the portal's own clock decides, to the second. */
  delay = (guint) MIN (MAX (until, 0) / 1000 + 500, MAX_DEADLINE_WAIT_MS);
  self->next_deadline = g_date_time_ref (deadline);
  self->deadline_id = g_timeout_add (delay, on_deadline_cb, self);
  g_source_set_name_by_id (self->deadline_id, "[espace-famille] reservations deadline");
}

static void
fill_calendar (EfReservationsPage *self)
{
  Child *child = current_child (self);
  GListModel *activities;
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) id_list = NULL;
  g_auto (GStrv) name_list = NULL;
  g_autofree char *shown = g_strdup (ef_reservation_calendar_get_activity (self->calendar));
  EfDay month = ef_reservation_calendar_get_month (self->calendar);
  g_autoptr (GDateTime) now = ef_client_get_now (ef_page_get_client (EF_PAGE (self)));
  GDateTime *next_deadline = NULL;
  EfDay first, last;
  guint n_activities;

  if (child == NULL || child->planning == NULL)
    {
      schedule_deadline (self, now, NULL);
      g_autofree char *name = child != NULL ? g_strdup (ef_member_get_first_name (child->member)) : NULL;
      g_autofree char *description = NULL;

      if (name != NULL)
        /* Translators: %s is a child's first name */
        description = g_strdup_printf (_("%s is not enrolled in any activity with reservations this school year."), name);
      else
        description = g_strdup (_("No child of the family is enrolled in an activity with reservations."));
      adw_status_page_set_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  activities = ef_planning_get_activities (child->planning);
  n_activities = g_list_model_get_n_items (activities);
  for (guint i = 0; i < n_activities; i++)
    {
      g_autoptr (EfActivity) activity = g_list_model_get_item (activities, i);

      g_strv_builder_add (ids, ef_activity_get_code (activity));
      g_strv_builder_add (names, ef_activity_get_name (activity));
    }
  id_list = g_strv_builder_end (ids);
  name_list = g_strv_builder_end (names);

  first = ef_planning_get_first_day (child->planning);
  last = ef_planning_get_last_day (child->planning);
  ef_reservation_calendar_set_range (self->calendar, first, last);
  ef_reservation_calendar_set_today (self->calendar, today (self));
  /* The month the parent was looking at, else this month. */
  if (!ef_day_is_valid (month) || month < first || month > last)
    month = CLAMP (today (self), first, last);
  ef_reservation_calendar_set_month (self->calendar, month);
  ef_reservation_calendar_set_activities (self->calendar, (const char * const *) id_list,
                                          (const char * const *) name_list);
  if (shown != NULL && g_strv_contains ((const char * const *) id_list, shown))
    ef_reservation_calendar_set_activity (self->calendar, shown);

  for (guint i = 0; i < n_activities; i++)
    {
      g_autoptr (EfActivity) activity = g_list_model_get_item (activities, i);
      GListModel *days = ef_activity_get_days (activity);
      guint n_days = g_list_model_get_n_items (days);
      g_autofree EfCalendarDayInfo *infos = g_new0 (EfCalendarDayInfo, MAX (n_days, 1));

      for (guint d = 0; d < n_days; d++)
        {
          g_autoptr (EfPlanningDay) day = g_list_model_get_item (days, d);
          EfCalendarDayInfo *info = &infos[d];

          info->day = ef_planning_day_get_day (day);
          info->deadline = ef_planning_day_get_deadline (day);
          if (ef_planning_day_get_state (day) == EF_DAY_STATE_CLOSED)
            {
              info->state = EF_CALENDAR_DAY_CLOSED;
              info->reason = ef_planning_day_get_closed_reason (day);
              if (info->reason == EF_CLOSED_REASON_PUBLIC_HOLIDAY)
                info->label = ef_public_holiday_name (info->day);
              else if (ef_planning_day_get_label (day) != NULL)
                info->label = ef_planning_day_get_label (day);
            }
          /* Locked too once its deadline has passed on the portal's clock,
           * since the planning was read. */
          else if (!ef_planning_day_get_changeable (day) ||
                   (info->deadline != NULL && g_date_time_compare (now, info->deadline) >= 0))
            {
              info->state = EF_CALENDAR_DAY_LOCKED;
              info->reserved = ef_planning_day_is_reserved (day);
            }
          else
            {
              info->state = ef_planning_day_is_reserved (day) ? EF_CALENDAR_DAY_RESERVED
                                                              : EF_CALENDAR_DAY_FREE;
              if (info->deadline != NULL &&
                  (next_deadline == NULL || g_date_time_compare (info->deadline, next_deadline) < 0))
                next_deadline = info->deadline;
            }
        }
      /* The days model holds a reference to each day: the deadlines outlive the call. */
      ef_reservation_calendar_set_days (self->calendar, ef_activity_get_code (activity), infos, n_days);
    }

  schedule_deadline (self, now, next_deadline);
  sync_pending (self);
  gtk_stack_set_visible_child_name (self->stack, "calendar");
}

static void
update_apply_label (EfReservationsPage *self)
{
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *label = NULL;
  guint n = 0;

  for (guint i = 0; i < self->children->len; i++)
    {
      Child *child = g_ptr_array_index (self->children, i);

      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (child->apply_check)))
        continue;
      if (names->len > 0)
        /* Translators: between the names of "Apply to: Léa, Hugo" */
        g_string_append (names, C_("list separator", ", "));
      g_string_append (names, ef_member_get_first_name (child->member));
      n++;
    }

  /* Translators: the children the changes go to: "Apply to: Léa, Hugo" */
  label = g_strdup_printf (_("Apply to: %s"), names->str);
  gtk_menu_button_set_label (self->apply_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->apply_button), self->children->len > 1);
}

static void
on_apply_toggled_cb (EfReservationsPage *self)
{
  update_apply_label (self);
}

static void
select_child (EfReservationsPage *self,
              Child              *selected)
{
  self->current_id = ef_member_get_id (selected->member);

  for (guint i = 0; i < self->children->len; i++)
    {
      Child *child = g_ptr_array_index (self->children, i);
      gboolean is_current = child == selected;

      /* The child on screen always gets the changes. */
      g_signal_handlers_block_by_func (child->apply_check, on_apply_toggled_cb, self);
      if (is_current)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child->apply_check), TRUE);
      else if (!gtk_widget_get_sensitive (child->apply_check))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child->apply_check), FALSE);
      g_signal_handlers_unblock_by_func (child->apply_check, on_apply_toggled_cb, self);
      gtk_widget_set_sensitive (child->apply_check, !is_current && child->planning != NULL);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child->button), is_current);
    }

  update_apply_label (self);
  if (self->loaded)
    fill_calendar (self);
  update_actions (self);
}

static void
on_child_button_toggled_cb (GtkToggleButton    *button,
                            EfReservationsPage *self)
{
  guint index = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "member-index"));
  Child *child;

  if (!gtk_toggle_button_get_active (button) || index >= self->children->len)
    return;

  child = g_ptr_array_index (self->children, index);
  if (ef_member_get_id (child->member) != self->current_id)
    select_child (self, child);
}

static void
clear_children (EfReservationsPage *self)
{
  GtkWidget *widget;

  while ((widget = gtk_widget_get_first_child (self->child_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->child_box), widget);
  while ((widget = gtk_widget_get_first_child (self->apply_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->apply_box), widget);
  g_ptr_array_set_size (self->children, 0);
}

/* The children of the family, in its order; keeps what the parent chose
 * ("Apply to") when the family is the same. */
static void
set_children (EfReservationsPage *self,
              GListModel         *members)
{
  g_autoptr (GHashTable) applied = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GtkWidget *group = NULL;
  Child *selected = NULL;

  for (guint i = 0; i < self->children->len; i++)
    {
      Child *child = g_ptr_array_index (self->children, i);
      gint64 id = ef_member_get_id (child->member);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child->apply_check)))
        g_hash_table_add (applied, g_memdup2 (&id, sizeof id));
    }
  clear_children (self);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);
      gint64 id = ef_member_get_id (member);
      Child *child;

      if (!ef_member_is_child (member))
        continue;

      child = g_new0 (Child, 1);
      child->member = g_object_ref (member);
      child->button = gtk_toggle_button_new_with_label (ef_member_get_first_name (member));
      g_object_set_data (G_OBJECT (child->button), "member-index", GSIZE_TO_POINTER (self->children->len));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (child->button), GTK_TOGGLE_BUTTON (group));
      group = child->button;
      g_signal_connect (child->button, "toggled", G_CALLBACK (on_child_button_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->child_box), child->button);

      child->apply_check = gtk_check_button_new_with_label (ef_member_get_first_name (member));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child->apply_check),
                                   g_hash_table_contains (applied, &id));
      g_signal_connect_swapped (child->apply_check, "toggled", G_CALLBACK (on_apply_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->apply_box), child->apply_check);

      g_ptr_array_add (self->children, child);
      if (id == self->current_id || selected == NULL)
        selected = child;
    }

  if (selected != NULL)
    self->current_id = ef_member_get_id (selected->member);
  else
    self->current_id = 0;
}

static void
finish_load (EfReservationsPage *self)
{
  Child *child;

  self->loaded = TRUE;
  self->n_loads++;
  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (self->load_error != NULL)
    {
      adw_status_page_set_description (self->error_page, ef_client_error_get_user_message (self->load_error));
      gtk_stack_set_visible_child_name (self->stack, "error");
      self->conflict = FALSE;
      update_summary (self);
      return;
    }

  if (self->conflict)
    {
      self->conflict = FALSE;
      show_toast (self, _("The planning was changed elsewhere meanwhile: your changes are kept on top of it. Check them and save again."));
    }

  child = current_child (self);
  if (child != NULL)
    select_child (self, child);
  else
    fill_calendar (self);
  update_summary (self);
  look_for_kept (self);
}

static void
on_planning_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autofree LoadData *data = user_data;
  EfReservationsPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPlanning) planning = NULL;
  Child *child;

  planning = ef_client_get_planning_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = data->self;
  child = find_child (self, data->member_id);
  if (planning == NULL)
    {
      if (self->load_error == NULL)
        self->load_error = g_steal_pointer (&error);
    }
  else if (child != NULL)
    {
      gboolean has_pending = FALSE;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pending));

      for (guint i = 0; i < n && !has_pending; i++)
        {
          g_autoptr (EfReservationChange) change = g_list_model_get_item (G_LIST_MODEL (self->pending), i);

          has_pending = ef_reservation_change_get_member_id (change) == data->member_id;
        }

      /* Changes made on an older planning go on top of this one. */
      if (has_pending)
        ef_pending_changes_rebase (self->pending, planning);
      else
        ef_pending_changes_set_version (self->pending, data->member_id, ef_planning_get_version (planning));
      g_set_object (&child->planning, planning);
    }

  if (--self->n_loading == 0)
    finish_load (self);
}

/* The planning covers the child's enrolments: the school year. */
static void
on_enrolments_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autofree LoadData *data = user_data;
  EfReservationsPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) enrolments = NULL;
  EfDay first = 0, last = 0;
  gint64 member_id;
  guint n;

  enrolments = ef_client_get_enrolments_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = data->self;
  if (enrolments == NULL)
    {
      if (self->load_error == NULL)
        self->load_error = g_steal_pointer (&error);
      if (--self->n_loading == 0)
        finish_load (self);
      return;
    }

  n = g_list_model_get_n_items (enrolments);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfEnrolment) enrolment = g_list_model_get_item (enrolments, i);
      EfDay e_first = ef_enrolment_get_first_day (enrolment);
      EfDay e_last = ef_enrolment_get_last_day (enrolment);

      /* An enrolment with no end lasts until the end of the school year. */
      if (!ef_day_is_valid (e_last))
        {
          int year, month, mday;

          ef_day_get_ymd (MAX (e_first, today (self)), &year, &month, &mday);
          e_last = ef_day_new (month >= 9 ? year + 1 : year, 7, 10);
        }
      if (first == 0 || e_first < first)
        first = e_first;
      if (last == 0 || e_last > last)
        last = e_last;
    }

  if (n == 0)
    {
      /* Nothing to reserve for this child. */
      if (--self->n_loading == 0)
        finish_load (self);
      return;
    }

  member_id = data->member_id;
  ef_client_get_planning_async (ef_page_get_client (EF_PAGE (self)), member_id, first, last,
                                ef_page_get_cancellable (EF_PAGE (self)),
                                on_planning_loaded_cb, g_steal_pointer (&data));
}

static void
on_family_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  EfReservationsPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFamily) family = NULL;

  family = ef_client_get_family_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_RESERVATIONS_PAGE (user_data);
  if (family == NULL)
    {
      self->load_error = g_steal_pointer (&error);
      self->n_loading = 0;
      finish_load (self);
      return;
    }

  set_children (self, ef_family_get_members (family));
  self->n_loading = self->children->len;
  if (self->n_loading == 0)
    {
      finish_load (self);
      return;
    }

  for (guint i = 0; i < self->children->len; i++)
    {
      Child *child = g_ptr_array_index (self->children, i);
      LoadData *data = g_new0 (LoadData, 1);

      data->self = self;
      data->member_id = ef_member_get_id (child->member);
      ef_client_get_enrolments_async (ef_page_get_client (EF_PAGE (self)), data->member_id,
                                      ef_page_get_cancellable (EF_PAGE (self)),
                                      on_enrolments_loaded_cb, data);
    }
}

static void
load (EfReservationsPage *self)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable;

  self->stale = FALSE;
  cancellable = ef_page_renew_cancellable (EF_PAGE (self));
  g_clear_error (&self->load_error);

  /* Counts the family request until it answers. */
  self->n_loading = 1;
  if (!self->loaded || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "calendar") != 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
    }
  update_actions (self);
  ef_client_get_family_async (client, cancellable, on_family_loaded_cb, self);
}

/* Refused changes */

static char *
refusal_reason (EfReservationChange *change)
{
  GDateTime *deadline = ef_reservation_change_get_deadline (change);
  char *reason;

  switch (ef_reservation_change_get_rejection (change))
    {
    case EF_REJECTION_DEADLINE_PASSED:
      if (deadline != NULL)
        {
          g_autoptr (GDateTime) local = _ef_page_text_to_portal_time (deadline);
          /* Translators: see g_date_time_format(): "Wednesday 28 October at 9:00";
           * French "%A %-d %B à %-H h %M" */
          g_autofree char *until = ef_date_time_format (local, C_("deadline format", "%A %-d %B at %-H:%M"));

          /* Translators: why a change was refused: "the deadline was Wednesday 28 October at 9:00" */
          reason = g_strdup_printf (_("the deadline was %s"), until);
        }
      else
        reason = g_strdup (_("the deadline has passed"));
      break;
    case EF_REJECTION_DAY_CLOSED:
      reason = g_strdup (_("the service is closed that day"));
      break;
    case EF_REJECTION_NOT_ENROLLED:
      reason = g_strdup (_("not enrolled that day"));
      break;
    case EF_REJECTION_NONE:
    case EF_REJECTION_DUPLICATE:
    case EF_REJECTION_OTHER:
    default:
      reason = g_strdup (_("the portal refused this change"));
      break;
    }
  return reason;
}

static char *
describe_refusal (EfReservationsPage  *self,
                  EfReservationChange *change)
{
  g_autofree char *day = _ef_page_text_day (ef_reservation_change_get_day (change), FALSE);
  g_autofree char *reason = refusal_reason (change);
  g_autofree char *sentence = NULL;
  Child *child = find_child (self, ef_reservation_change_get_member_id (change));

  /* Translators: a refused change: "Monday 2 November: the deadline was
   * Wednesday 28 October at 9:00" */
  sentence = g_strdup_printf (C_("refused change", "%s: %s"), day, reason);
  if (child != NULL && self->children->len > 1)
    /* Translators: a refused change of one of several children: "Léa, Monday 2 November: …" */
    return g_strdup_printf (C_("refused change of a child", "%s, %s"), ef_member_get_first_name (child->member), sentence);
  return g_steal_pointer (&sentence);
}

/* The calendar marks the refused days of the child on screen that are
 * still pending: a day the parent took back is no longer refused. */
static void
sync_refused (EfReservationsPage *self)
{
  Child *child = current_child (self);
  GListModel *activities;
  guint n;

  if (child == NULL || child->planning == NULL)
    return;

  n = self->refused != NULL ? g_list_model_get_n_items (self->refused) : 0;
  activities = ef_planning_get_activities (child->planning);
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr (EfActivity) activity = g_list_model_get_item (activities, i);
      const char *activity_id = ef_activity_get_code (activity);

      ef_reservation_calendar_clear_refused (self->calendar, activity_id);
      for (guint r = 0; r < n; r++)
        {
          g_autoptr (EfReservationChange) change = g_list_model_get_item (self->refused, r);
          g_autofree char *reason = NULL;
          EfDay day = ef_reservation_change_get_day (change);

          if (ef_reservation_change_get_member_id (change) != self->current_id
              || g_strcmp0 (ef_reservation_change_get_activity (change), activity_id) != 0
              || !ef_pending_changes_lookup (self->pending, self->current_id, activity_id, day, NULL))
            continue;
          reason = refusal_reason (change);
          ef_reservation_calendar_set_refused (self->calendar, activity_id, day, reason);
        }
    }
}

static void
set_refused (EfReservationsPage *self,
             GListModel         *refused)
{
  GtkWidget *row;
  guint n = refused != NULL ? g_list_model_get_n_items (refused) : 0;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->refused_list))) != NULL)
    gtk_list_box_remove (self->refused_list, row);

  if (n == 0)
    refused = NULL;
  g_set_object (&self->refused, refused);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfReservationChange) change = g_list_model_get_item (refused, i);
      g_autofree char *text = describe_refusal (self, change);

      row = g_object_new (ADW_TYPE_ACTION_ROW,
                          "title", text,
                          "title-lines", 0,
                          "use-markup", FALSE,
                          "activatable", TRUE,
                          NULL);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "change", g_object_ref (change), g_object_unref);
      gtk_list_box_append (self->refused_list, row);
    }

  if (n > 0)
    {
      /* Translators: the title above the list of refused days */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Nothing was saved: %u day cannot be changed any more",
                                                             "Nothing was saved: %u days cannot be changed any more", n),
                                                n);

      gtk_label_set_text (self->refused_title, title);
    }
  gtk_revealer_set_reveal_child (self->refused_revealer, n > 0);
  sync_refused (self);
  update_actions (self);
}

static void
on_refused_row_activated_cb (EfReservationsPage *self,
                             GtkListBoxRow      *row)
{
  EfReservationChange *change = g_object_get_data (G_OBJECT (row), "change");
  Child *child = find_child (self, ef_reservation_change_get_member_id (change));

  if (child == NULL)
    return;
  if (ef_member_get_id (child->member) != self->current_id)
    select_child (self, child);
  ef_reservation_calendar_set_activity (self->calendar, ef_reservation_change_get_activity (change));
  ef_reservation_calendar_set_month (self->calendar, ef_reservation_change_get_day (change));
  ef_reservation_calendar_set_focus_day (self->calendar, ef_reservation_change_get_day (change));
}

/* Saving */

static void finish_after_save (EfReservationsPage *self);

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  EfReservationsPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfReservationResult) saved = NULL;

  saved = ef_client_save_reservations_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_RESERVATIONS_PAGE (user_data);
  self->saving = FALSE;

  if (saved != NULL)
    {
      g_autofree char *text = format_counts (TRUE, ef_reservation_result_get_reserved (saved),
                                             ef_reservation_result_get_cancelled (saved));

      ef_pending_changes_clear (self->pending);
      set_refused (self, NULL);
      show_error_bar (self, NULL);
      show_toast (self, text != NULL ? text : _("Your reservations are saved"));
      update_summary (self);
      if (self->after_save != AFTER_SAVE_NOTHING)
        {
          finish_after_save (self);
          return;
        }
      load (self);
      return;
    }

  self->after_save = AFTER_SAVE_NOTHING;
  if (g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_VERSION_CONFLICT))
    {
      self->conflict = TRUE;
      update_summary (self);
      load (self);
      return;
    }

  if ((g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_DEADLINE_PASSED) ||
       g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_DAY_CLOSED) ||
       g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NOT_ENROLLED)) &&
      ef_client_error_get_rejected_changes (error) != NULL &&
      g_list_model_get_n_items (ef_client_error_get_rejected_changes (error)) > 0)
    {
      set_refused (self, ef_client_error_get_rejected_changes (error));
      update_summary (self);
      return;
    }

  /* Everything stays pending, to try again. */
  show_error_bar (self, error);
  update_summary (self);
}

/* Refused days that are left out, one operation to undo. */
static void
drop_refused (EfReservationsPage *self)
{
  guint n;

  if (self->refused == NULL)
    return;

  n = g_list_model_get_n_items (self->refused);
  ef_pending_changes_begin_operation (self->pending);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfReservationChange) change = g_list_model_get_item (self->refused, i);

      ef_pending_changes_remove (self->pending, ef_reservation_change_get_member_id (change),
                                 ef_reservation_change_get_activity (change),
                                 ef_reservation_change_get_day (change));
    }
  ef_pending_changes_end_operation (self->pending);
  set_refused (self, NULL);
}

/* Leaving with unsaved changes */

static gboolean
leave_cb (gpointer user_data)
{
  GtkWindow *window = user_data;
  AfterSave after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "ef-reservations-after"));

  if (after == AFTER_SAVE_SIGN_OUT && EF_IS_WINDOW (window))
    ef_window_sign_out (EF_WINDOW (window), TRUE);
  else if (after == AFTER_SAVE_SHOW_PAGE && EF_IS_WINDOW (window))
    ef_window_show_page (EF_WINDOW (window), g_object_get_data (G_OBJECT (window), "ef-reservations-page"));
  else if (after == AFTER_SAVE_CLOSE)
    gtk_window_close (window);
  return G_SOURCE_REMOVE;
}

/* Signs out or closes, as the parent asked, once the dialog and the save
 * callback are over: either destroys this page. */
static void
finish_after_save (EfReservationsPage *self)
{
  AfterSave after = self->after_save;

  self->after_save = AFTER_SAVE_NOTHING;
  if (self->window == NULL || after == AFTER_SAVE_NOTHING)
    return;

  g_object_set_data (G_OBJECT (self->window), "ef-reservations-after", GINT_TO_POINTER (after));
  g_object_set_data_full (G_OBJECT (self->window), "ef-reservations-page", g_strdup (self->leave_to), g_free);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, leave_cb, g_object_ref (self->window), g_object_unref);
}

static void
on_guard_response_cb (AdwMessageDialog   *dialog,
                      const char         *response,
                      EfReservationsPage *self)
{
  AfterSave after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "after"));

  if (self->guard_dialog == GTK_WIDGET (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->guard_dialog);
      self->guard_dialog = NULL;
    }

  if (g_str_equal (response, "save"))
    {
      self->after_save = after;
      ef_reservations_page_save (self);
    }
  else if (g_str_equal (response, "discard"))
    {
      ef_pending_changes_clear (self->pending);
      set_refused (self, NULL);
      show_error_bar (self, NULL);
      self->after_save = after;
      finish_after_save (self);
    }
}

static void
ask_before_leaving (EfReservationsPage *self,
                    AfterSave           after)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pending));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Asked already: the same question, not a second one. */
  if (self->guard_dialog != NULL)
    {
      g_object_set_data (G_OBJECT (self->guard_dialog), "after", GINT_TO_POINTER (after));
      gtk_window_present (GTK_WINDOW (self->guard_dialog));
      return;
    }

  /* Translators: the body of "Discard Unsaved Changes?" */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u change to the reservations is not saved. If you leave now, it is lost.",
                                       "%u changes to the reservations are not saved. If you leave now, they are lost.",
                                       n), n);
  dialog = adw_message_dialog_new (self->window, _("Discard Unsaved Changes?"), body);
  /* Not "Cancel" and "Discard": on this page, to cancel is what a parent
   * does to a meal, and the legend says "To be cancelled" next to it. */
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", C_("unsaved changes", "_Keep Editing"),
                                    "discard", C_("unsaved changes", "_Discard Changes"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "after", GINT_TO_POINTER (after));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_guard_response_cb), self, 0);
  self->guard_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->guard_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_window_sign_out_requested_cb (GtkWindow          *window,
                                 EfReservationsPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->pending)) == 0)
    return FALSE;

  ask_before_leaving (self, AFTER_SAVE_SIGN_OUT);
  return TRUE;
}

static gboolean
on_window_leave_page_requested_cb (GtkWindow          *window,
                                   GtkWidget          *page,
                                   const char         *name,
                                   EfReservationsPage *self)
{
  if (page != GTK_WIDGET (self) || g_list_model_get_n_items (G_LIST_MODEL (self->pending)) == 0)
    return FALSE;

  g_free (self->leave_to);
  self->leave_to = g_strdup (name);
  ask_before_leaving (self, AFTER_SAVE_SHOW_PAGE);
  return TRUE;
}

static gboolean
on_window_close_request_cb (GtkWindow          *window,
                            EfReservationsPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->pending)) == 0)
    return FALSE;

  ask_before_leaving (self, AFTER_SAVE_CLOSE);
  return TRUE;
}

/* Editing */

static guint
running_weekdays (EfReservationsPage *self)
{
  Child *child = current_child (self);
  const char *activity_id = ef_reservation_calendar_get_activity (self->calendar);
  guint mask = 0;

  if (child == NULL || child->planning == NULL || activity_id == NULL)
    return 0;

  for (EfDay d = ef_planning_get_first_day (child->planning);
       d <= ef_planning_get_last_day (child->planning);
       d++)
    {
      EfPlanningDay *day = ef_planning_lookup_day (child->planning, activity_id, d);

      /* A weekday of the activity is open at least once in the year;
       * holidays close the others too. */
      if (day != NULL && ef_planning_day_get_state (day) != EF_DAY_STATE_CLOSED)
        mask |= 1u << ef_day_get_weekday (d);
    }
  return mask;
}

static void
on_calendar_toggle_requested_cb (EfReservationCalendar *calendar,
                                 const char            *activity_id,
                                 GArray                *days,
                                 gboolean               reserve,
                                 EfReservationsPage    *self)
{
  ef_pending_changes_begin_operation (self->pending);
  for (guint c = 0; c < self->children->len; c++)
    {
      Child *child = g_ptr_array_index (self->children, c);

      if (child->planning == NULL ||
          (ef_member_get_id (child->member) != self->current_id &&
           !gtk_check_button_get_active (GTK_CHECK_BUTTON (child->apply_check))))
        continue;

      for (guint i = 0; i < days->len; i++)
        {
          EfPlanningDay *day = ef_planning_lookup_day (child->planning, activity_id,
                                                       g_array_index (days, guint32, i));

          if (day == NULL)
            continue;
          if (reserve)
            ef_pending_changes_reserve (self->pending, day);
          else
            ef_pending_changes_cancel (self->pending, day);
        }
    }
  ef_pending_changes_end_operation (self->pending);
}

/* Kept changes */

/* Writes the changes on screen to disk, once what an earlier run kept was
 * read and, if offered back, taken or left. */
static void
keep_pending (EfReservationsPage *self)
{
  if (self->store == NULL || !self->kept_checked || self->kept != NULL)
    return;
  ef_pending_store_keep (self->store, self->pending);
}

static void
on_pending_changed_cb (EfReservationsPage *self)
{
  sync_pending (self);
  update_summary (self);
  keep_pending (self);
}

static void
close_kept (EfReservationsPage *self)
{
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  gtk_revealer_set_reveal_child (self->kept_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.restore-kept", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.discard-kept", FALSE);
}

static void
on_kept_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (EfReservationsPage) self = user_data;
  g_autoptr (EfKeptChanges) kept = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) days = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *text = NULL;
  GTimeZone *tz;
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  kept = ef_pending_store_load_finish (EF_PENDING_STORE (source), result, &error);
  if (client == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->kept_checked = TRUE;
  if (kept == NULL)
    {
      if (error != NULL)
        g_debug ("Kept changes not read: %s", error->message);
      keep_pending (self);
      return;
    }

  /* What can still be done, on the plannings as they are now. */
  days = g_ptr_array_new_with_free_func (g_object_unref);
  self->kept_added = self->kept_removed = 0;
  for (guint i = 0; i < kept->changes->len; i++)
    {
      EfReservationChange *change = g_ptr_array_index (kept->changes, i);
      Child *child = find_child (self, ef_reservation_change_get_member_id (change));
      gboolean wanted = ef_reservation_change_get_reserved (change);
      EfPlanningDay *day;

      if (child == NULL || child->planning == NULL)
        continue;
      day = ef_planning_lookup_day (child->planning, ef_reservation_change_get_activity (change),
                                    ef_reservation_change_get_day (change));
      if (day == NULL || ef_planning_day_get_state (day) == EF_DAY_STATE_CLOSED ||
          !ef_planning_day_get_changeable (day) || ef_planning_day_is_reserved (day) == wanted)
        continue;
      g_ptr_array_add (days, g_object_ref (change));
      if (wanted)
        self->kept_added++;
      else
        self->kept_removed++;
    }

  if (days->len == 0)
    {
      /* Done meanwhile, or past their deadline: nothing to offer. */
      keep_pending (self);
      return;
    }

  self->kept = g_steal_pointer (&days);
  tz = ef_client_get_time_zone (client);
  local = tz != NULL ? g_date_time_to_timezone (kept->saved_at, tz) : g_date_time_ref (kept->saved_at);
  when = _ef_page_text_instant (local);
  counts = format_counts (FALSE, self->kept_added, self->kept_removed);
  /* Translators: %s is when ("samedi 5 décembre à 18 h 20"), then what
   * ("3 days to reserve, 1 to cancel") */
  text = g_strdup_printf (_("Changes not saved on %s were kept: %s."), when, counts);
  gtk_label_set_label (self->kept_label, text);
  gtk_revealer_set_reveal_child (self->kept_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.restore-kept", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.discard-kept", TRUE);
}

/* Once the plannings are read: what an earlier run kept, if anything. */
static void
look_for_kept (EfReservationsPage *self)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  if (self->kept_checked || self->load_error != NULL)
    return;
  if (self->store == NULL)
    self->store = ef_pending_store_new (client);
  ef_pending_store_load_async (self->store, cancellable, on_kept_loaded_cb, g_object_ref (self));
}

static void
restore_kept_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (widget);
  g_autofree char *counts = NULL;
  guint n;

  if (self->kept == NULL)
    return;

  /* One operation: one undo takes them all back off. */
  n = self->kept->len;
  ef_pending_changes_begin_operation (self->pending);
  for (guint i = 0; i < self->kept->len; i++)
    {
      EfReservationChange *change = g_ptr_array_index (self->kept, i);
      Child *child = find_child (self, ef_reservation_change_get_member_id (change));
      EfPlanningDay *day = NULL;

      /* The plannings may have been read again meanwhile: the rules of
       * the pending changes decide (a day past its deadline stays). */
      if (child != NULL && child->planning != NULL)
        day = ef_planning_lookup_day (child->planning, ef_reservation_change_get_activity (change),
                                      ef_reservation_change_get_day (change));
      if (day == NULL)
        continue;
      if (ef_reservation_change_get_reserved (change))
        ef_pending_changes_reserve (self->pending, day);
      else
        ef_pending_changes_cancel (self->pending, day);
    }
  close_kept (self);
  ef_pending_changes_end_operation (self->pending);
  keep_pending (self);

  counts = format_counts (FALSE, self->kept_added, self->kept_removed);
  /* Translators: %s is "3 days to reserve, 1 to cancel" */
  show_toast (self, counts);
  g_debug ("%u kept changes taken back", n);
}

static void
discard_kept_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (widget);

  if (self->kept == NULL)
    return;
  close_kept (self);
  keep_pending (self);
}

static void
set_period_button (GtkMenuButton *button,
                   GtkCalendar   *calendar)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = _ef_page_text_day (date_time_to_day (date), TRUE);

  gtk_menu_button_set_label (button, text);
}

static void
on_period_day_selected_cb (EfReservationsPage *self,
                           GtkCalendar        *calendar)
{
  if (calendar == self->from_calendar)
    {
      set_period_button (self->from_button, self->from_calendar);
      gtk_popover_popdown (self->from_popover);
    }
  else
    {
      set_period_button (self->to_button, self->to_calendar);
      gtk_popover_popdown (self->to_popover);
    }
}

static void
on_every_popover_show_cb (EfReservationsPage *self)
{
  Child *child = current_child (self);
  guint mask = running_weekdays (self);
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) to = NULL;
  g_autofree char *title = NULL;
  EfDay first, last;
  const char *activity_id = ef_reservation_calendar_get_activity (self->calendar);
  const char *activity_name = activity_id;

  if (child == NULL || child->planning == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (ef_planning_get_activities (child->planning)); i++)
    {
      g_autoptr (EfActivity) activity = g_list_model_get_item (ef_planning_get_activities (child->planning), i);

      if (g_strcmp0 (ef_activity_get_code (activity), activity_id) == 0)
        activity_name = ef_activity_get_name (activity);
    }
  /* Translators: the title of the "Reserve every…" popover: %s is an activity */
  title = g_strdup_printf (_("Reserve “%s” Every"), activity_name != NULL ? activity_name : "");
  gtk_label_set_text (self->every_title, title);

  for (int w = 1; w <= 7; w++)
    if (self->weekday_checks[w] != NULL)
      {
        gtk_check_button_set_active (GTK_CHECK_BUTTON (self->weekday_checks[w]), (mask & (1u << w)) != 0);
        gtk_widget_set_visible (self->weekday_checks[w], w <= 5 || (mask & (1u << w)) != 0);
      }

  first = MAX (today (self), ef_planning_get_first_day (child->planning));
  last = ef_planning_get_last_day (child->planning);
  from = day_to_date_time (first);
  to = day_to_date_time (last);
  gtk_calendar_select_day (self->from_calendar, from);
  gtk_calendar_select_day (self->to_calendar, to);
  set_period_button (self->from_button, self->from_calendar);
  set_period_button (self->to_button, self->to_calendar);
}

static void
reserve_every_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (widget);
  g_autoptr (GDateTime) from = gtk_calendar_get_date (self->from_calendar);
  g_autoptr (GDateTime) to = gtk_calendar_get_date (self->to_calendar);
  guint mask = 0;
  guint n;

  for (int w = 1; w <= 7; w++)
    if (self->weekday_checks[w] != NULL &&
        gtk_check_button_get_active (GTK_CHECK_BUTTON (self->weekday_checks[w])))
      mask |= 1u << w;

  n = ef_reservations_page_reserve_weekdays (self, mask, date_time_to_day (from), date_time_to_day (to));
  gtk_popover_popdown (self->every_popover);
  if (n == 0)
    show_toast (self, _("No day to add: the days chosen are reserved already, closed, or past their deadline"));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ef_reservations_page_save (EF_RESERVATIONS_PAGE (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (widget);

  if (!self->saving)
    ef_pending_changes_undo (self->pending);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ef_reservations_page_reload (EF_RESERVATIONS_PAGE (widget));
}

static void
drop_refused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  drop_refused (EF_RESERVATIONS_PAGE (widget));
}

#ifdef EF_HAVE_PLANNING_EXPORT
/* Export of the child's planning (ef-planning-export.h). */

static void
on_export_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_warning ("Export: %s", error->message);
}

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr (GBytes) bytes = user_data;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                           on_export_saved_cb, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_export (EfReservationsPage *self,
             GBytes             *bytes,
             const char         *extension)
{
  Child *child = current_child (self);
  g_autofree char *name = g_strdup_printf ("%s.%s", ef_member_get_first_name (child->member), extension);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the Planning"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen_cb), g_bytes_ref (bytes));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_icalendar_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (widget);
  Child *child = current_child (self);
  g_autoptr (GDateTime) now = ef_client_get_now (ef_page_get_client (EF_PAGE (self)));
  g_autoptr (GBytes) bytes = NULL;

  if (child == NULL || child->planning == NULL)
    return;
  bytes = ef_planning_export_icalendar (child->planning, ef_member_get_first_name (child->member),
                                        NULL, now);
  if (bytes != NULL)
    save_export (self, bytes, "ics");
}

static void
on_pdf_exported_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  EfReservationsPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = ef_planning_export_pdf_finish (result, &error);

  if (_ef_page_result_cancelled (result, error))
    return;
  self = EF_RESERVATIONS_PAGE (user_data);
  if (bytes == NULL)
    show_toast (self, _("The planning could not be exported"));
  else
    save_export (self, bytes, "pdf");
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (widget);
  Child *child = current_child (self);
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  g_autoptr (GDateTime) now = ef_client_get_now (client);
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  if (child == NULL || child->planning == NULL)
    return;
  ef_planning_export_pdf_async (child->planning, ef_member_get_first_name (child->member), NULL,
                                ef_planning_get_first_day (child->planning),
                                ef_planning_get_last_day (child->planning),
                                now, cancellable, on_pdf_exported_cb, self);
}

static void
add_export_menu (EfReservationsPage *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_append (menu, _("Export as _PDF…"), "reservations.export-pdf");
  g_menu_append (menu, _("Export to _Calendar (iCalendar)…"), "reservations.export-icalendar");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-save-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Export the planning"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  ef_wrap_box_append (EF_WRAP_BOX (self->top_box), button);
}
#endif

/* vfuncs */

static void
ef_reservations_page_map (GtkWidget *widget)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (widget);

  GTK_WIDGET_CLASS (ef_reservations_page_parent_class)->map (widget);

  /* Unsaved changes are worth more than a fresher planning, unless the
   * one shown is of another day: they are kept on top of the new one. */
  if ((self->stale || g_list_model_get_n_items (G_LIST_MODEL (self->pending)) == 0) && !self->saving)
    load (self);
}

/* A new day for the portal (a kiosk overnight, a laptop resumed): today
 * moves, and the days that got locked meanwhile are read again. */
static void
on_today_changed_cb (EfReservationsPage *self)
{
  ef_reservation_calendar_set_today (self->calendar, today (self));
  if (!self->loaded)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->saving)
    load (self);
  else
    self->stale = TRUE;
}

static void
ef_reservations_page_constructed (GObject *object)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (object);
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  G_OBJECT_CLASS (ef_reservations_page_parent_class)->constructed (object);

  g_signal_connect_object (client, "notify::today",
                           G_CALLBACK (on_today_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "notify::offline",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
}

static void
ef_reservations_page_root (GtkWidget *widget)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (ef_reservations_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return;

  self->window = GTK_WINDOW (root);
  g_signal_connect_object (root, "close-request", G_CALLBACK (on_window_close_request_cb), self, 0);
  if (EF_IS_WINDOW (root))
    {
      g_signal_connect_object (root, "sign-out-requested", G_CALLBACK (on_window_sign_out_requested_cb),
                               self, 0);
      g_signal_connect_object (root, "leave-page-requested",
                               G_CALLBACK (on_window_leave_page_requested_cb), self, 0);
    }
}

static void
ef_reservations_page_unroot (GtkWidget *widget)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (widget);

  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      self->window = NULL;
    }

  GTK_WIDGET_CLASS (ef_reservations_page_parent_class)->unroot (widget);
}

static void
ef_reservations_page_dispose (GObject *object)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (object);

  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  g_clear_pointer (&self->next_deadline, g_date_time_unref);
  if (self->guard_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->guard_dialog), (gpointer *) &self->guard_dialog);
      self->guard_dialog = NULL;
    }

  if (self->pending != NULL)
    g_signal_handlers_disconnect_by_data (self->pending, self);
  if (self->children != NULL)
    clear_children (self);

  /* The template goes first: its widgets read the changes to the end. */
  G_OBJECT_CLASS (ef_reservations_page_parent_class)->dispose (object);

  g_clear_object (&self->pending);
  g_clear_object (&self->refused);
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  g_clear_object (&self->store);
}

static void
ef_reservations_page_finalize (GObject *object)
{
  EfReservationsPage *self = EF_RESERVATIONS_PAGE (object);

  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->leave_to, g_free);

  G_OBJECT_CLASS (ef_reservations_page_parent_class)->finalize (object);
}

static void
ef_reservations_page_class_init (EfReservationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ef_reservations_page_constructed;
  object_class->dispose = ef_reservations_page_dispose;
  object_class->finalize = ef_reservations_page_finalize;
  widget_class->map = ef_reservations_page_map;
  widget_class->root = ef_reservations_page_root;
  widget_class->unroot = ef_reservations_page_unroot;

  gtk_widget_class_install_action (widget_class, "reservations.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "reservations.restore-kept", NULL, restore_kept_action);
  gtk_widget_class_install_action (widget_class, "reservations.discard-kept", NULL, discard_kept_action);
  gtk_widget_class_install_action (widget_class, "reservations.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "reservations.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "reservations.reserve-every", NULL, reserve_every_action);
  gtk_widget_class_install_action (widget_class, "reservations.drop-refused", NULL, drop_refused_action);
#ifdef EF_HAVE_PLANNING_EXPORT
  gtk_widget_class_install_action (widget_class, "reservations.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "reservations.export-icalendar", NULL,
                                   export_icalendar_action);
#endif
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "reservations.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "reservations.save", NULL);

  g_type_ensure (EF_TYPE_RESERVATION_CALENDAR);
  g_type_ensure (EF_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-reservations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, top_box);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, child_box);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, apply_button);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, apply_box);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, every_button);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, every_popover);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, every_title);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, weekday_box);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, from_popover);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, to_popover);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, kept_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, kept_label);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, refused_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, refused_title);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, refused_list);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EfReservationsPage, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_toggle_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_every_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_period_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_refused_row_activated_cb);
}

static void
ef_reservations_page_init (EfReservationsPage *self)
{
  /* Translators: weekdays of "Reserve every…" */
  const char *weekday_names[] = { NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"),
                                  N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday") };

  gtk_widget_init_template (GTK_WIDGET (self));
  ef_page_set_title (EF_PAGE (self), _("My Reservations"));

  self->children = g_ptr_array_new_with_free_func ((GDestroyNotify) child_free);
  self->save_cancellable = g_cancellable_new ();
  self->pending = ef_pending_changes_new ();
  g_signal_connect_swapped (self->pending, "items-changed", G_CALLBACK (on_pending_changed_cb), self);
  /* The counts change after the list: both are watched. */
  g_signal_connect_swapped (self->pending, "notify::can-undo", G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->pending, "notify::n-added", G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->pending, "notify::n-removed", G_CALLBACK (update_summary), self);

  for (int w = 1; w <= 7; w++)
    {
      self->weekday_checks[w] = gtk_check_button_new_with_label (_(weekday_names[w]));
      gtk_box_append (GTK_BOX (self->weekday_box), self->weekday_checks[w]);
    }

#ifdef EF_HAVE_PLANNING_EXPORT
  add_export_menu (self);
#endif
  ef_accessible_name_buttons (GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self->apply_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.restore-kept", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.discard-kept", FALSE);
  update_summary (self);
}

/* Public API */

/**
 * ef_reservations_page_new:
 * @client: the signed-in client
 *
 * Returns: (transfer floating): the "Mes réservations" page
 */
GtkWidget *
ef_reservations_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_RESERVATIONS_PAGE, "client", client, NULL);
}

/**
 * ef_reservations_page_reload:
 * @self: an #EfReservationsPage
 *
 * Reads the family and every child's planning again. Pending changes are
 * kept and put on top of the new plannings.
 */
void
ef_reservations_page_reload (EfReservationsPage *self)
{
  g_return_if_fail (EF_IS_RESERVATIONS_PAGE (self));

  if (!self->saving)
    load (self);
}

const char *
ef_reservations_page_get_state (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), NULL);

  if (self->n_loading > 0)
    return "loading";
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
ef_reservations_page_get_n_loads (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), 0);

  return self->n_loads;
}

gboolean
ef_reservations_page_get_saving (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), FALSE);

  return self->saving;
}

EfReservationCalendar *
ef_reservations_page_get_calendar (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), NULL);

  return self->calendar;
}

EfPendingChanges *
ef_reservations_page_get_pending (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), NULL);

  return self->pending;
}

EfPlanning *
ef_reservations_page_get_planning (EfReservationsPage *self,
                                   gint64              member_id)
{
  Child *child;

  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), NULL);

  child = find_child (self, member_id);
  return child != NULL ? child->planning : NULL;
}

gint64
ef_reservations_page_get_child (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), 0);

  return self->current_id;
}

/**
 * ef_reservations_page_set_child:
 * @self: an #EfReservationsPage
 * @member_id: a child of the family
 *
 * Shows the planning of @member_id, as its button does.
 *
 * Returns: %FALSE if @member_id is not a child of the family
 */
gboolean
ef_reservations_page_set_child (EfReservationsPage *self,
                                gint64              member_id)
{
  Child *child;

  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), FALSE);

  child = find_child (self, member_id);
  if (child == NULL)
    return FALSE;
  select_child (self, child);
  return TRUE;
}

void
ef_reservations_page_set_apply_to (EfReservationsPage *self,
                                   gint64              member_id,
                                   gboolean            apply)
{
  Child *child;

  g_return_if_fail (EF_IS_RESERVATIONS_PAGE (self));

  child = find_child (self, member_id);
  if (child != NULL && member_id != self->current_id)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (child->apply_check), apply);
}

/**
 * ef_reservations_page_reserve_weekdays:
 * @self: an #EfReservationsPage
 * @weekdays: a mask of `1 << weekday` (1 Monday … 7 Sunday)
 * @first_day: the first day of the period
 * @last_day: the last day of the period
 *
 * Reserves the activity on screen on each of @weekdays from @first_day to
 * @last_day, for the child on screen and the children it applies to, as
 * one operation to undo. Only free days that can still be changed are
 * added.
 *
 * Returns: how many pending changes were added
 */
guint
ef_reservations_page_reserve_weekdays (EfReservationsPage *self,
                                       guint               weekdays,
                                       EfDay               first_day,
                                       EfDay               last_day)
{
  const char *activity_id;
  guint before;

  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), 0);

  activity_id = ef_reservation_calendar_get_activity (self->calendar);
  if (activity_id == NULL || weekdays == 0 || first_day > last_day)
    return 0;

  before = g_list_model_get_n_items (G_LIST_MODEL (self->pending));
  ef_pending_changes_begin_operation (self->pending);
  for (guint c = 0; c < self->children->len; c++)
    {
      Child *child = g_ptr_array_index (self->children, c);

      if (child->planning == NULL ||
          (ef_member_get_id (child->member) != self->current_id &&
           !gtk_check_button_get_active (GTK_CHECK_BUTTON (child->apply_check))))
        continue;

      for (EfDay d = first_day; d <= last_day; d++)
        {
          EfPlanningDay *day;

          if ((weekdays & (1u << ef_day_get_weekday (d))) == 0)
            continue;
          day = ef_planning_lookup_day (child->planning, activity_id, d);
          /* A pending cancellation is a choice of the parent: kept. */
          if (day != NULL && !ef_planning_day_is_reserved (day) &&
              !ef_pending_changes_lookup (self->pending, ef_member_get_id (child->member), activity_id, d, NULL))
            ef_pending_changes_reserve (self->pending, day);
        }
    }
  ef_pending_changes_end_operation (self->pending);

  return g_list_model_get_n_items (G_LIST_MODEL (self->pending)) - before;
}

/**
 * ef_reservations_page_save:
 * @self: an #EfReservationsPage
 *
 * Sends every pending change, of every child, in one request.
 */
void
ef_reservations_page_save (EfReservationsPage *self)
{
  g_return_if_fail (EF_IS_RESERVATIONS_PAGE (self));

  if (self->saving || g_list_model_get_n_items (G_LIST_MODEL (self->pending)) == 0)
    return;

  self->saving = TRUE;
  show_error_bar (self, NULL);
  gtk_revealer_set_reveal_child (self->refused_revealer, FALSE);
  update_summary (self);
  ef_client_save_reservations_async (ef_page_get_client (EF_PAGE (self)), self->pending,
                                     self->save_cancellable, on_saved_cb, self);
}

const char *
ef_reservations_page_get_summary (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

GListModel *
ef_reservations_page_get_refused (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), NULL);

  return self->refused;
}

const char *
ef_reservations_page_get_error (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

const char *
ef_reservations_page_get_message (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), NULL);

  return self->message;
}

/**
 * ef_reservations_page_get_kept:
 * @self: an #EfReservationsPage
 *
 * Returns: (nullable): what the banner says of the changes an earlier run
 *   kept and offers back, or %NULL when none are offered
 */
const char *
ef_reservations_page_get_kept (EfReservationsPage *self)
{
  g_return_val_if_fail (EF_IS_RESERVATIONS_PAGE (self), NULL);

  return self->kept != NULL ? gtk_label_get_label (self->kept_label) : NULL;
}
