/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-dashboard-page.c: the dashboard (tableau de bord), one card per menu
 *
 * As the tutorial's TABLEAU DE BORD: the family, the enrolments, the next
 * meals and the nearest deadline, the amount to pay and the last
 * connection. Each card loads on its own and fails on its own, so that a
 * slow or broken service never hides the others.
 *
 * The page loads each time it is mapped. At sign-in the window asks it to
 * load as soon as it is built (ef_dashboard_page_preload()), so that the
 * portal answers while the first frame is laid out and painted; that
 * frame's map then does not load again. The window may even ask for the
 * family before it builds the page (ef_dashboard_page_preload_awaiting_family()):
 * the page then takes that answer (ef_dashboard_page_take_family()) instead
 * of asking again.
 */

#define G_LOG_DOMAIN "EfDashboardPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-page-text.h"
#include "widgets/ef-dashboard-card.h"
#include "ef-dashboard-page.h"

/* How far ahead the next meals and the nearest deadline are looked for. */
#define PLANNING_DAYS 21
/* How many of the next meals a card lists per child. */
#define MAX_NEXT_DAYS 3
/* How far back the last connection is looked for. */
#define CONNECTION_DAYS 90
/* How soon after ef_dashboard_page_preload() a map takes its answers. */
#define PRELOAD_USECS (5 * G_USEC_PER_SEC)

struct _EfDashboardPage
{
  EfPage           parent_instance;

  /* template children */
  GtkLabel        *greeting_label;
  GtkFlowBox      *cards_box;

  EfDashboardCard *family_card;
  EfDashboardCard *enrolments_card;
  EfDashboardCard *meals_card;
  EfDashboardCard *finance_card;
  EfDashboardCard *connection_card;

  gint64           preloaded_at;   /* monotonic time; 0: not preloaded */
  gboolean         family_awaited; /* the window asked for the family */
};

/* One fan-out over the children (enrolments or plannings). It does not
 * hold the page: when the page cancels, the callbacks still count down
 * and free it without touching the page. */
typedef struct _Gather Gather;
struct _Gather {
  EfDashboardPage *self;
  EfDashboardCard *card;          /* shows the results, or the error */
  void           (*show) (EfDashboardPage *self,
                          Gather          *gather);
  guint            pending;
  gboolean         cancelled;
  GError          *error;
  GPtrArray       *members;
  GPtrArray       *results;
};

G_DEFINE_FINAL_TYPE (EfDashboardPage, ef_dashboard_page, EF_TYPE_PAGE)

static void load_family     (EfDashboardPage *self);
static void load_finance    (EfDashboardPage *self);
static void load_connection (EfDashboardPage *self);

static Gather *
gather_new (EfDashboardPage *self,
            GPtrArray       *members,
            EfDashboardCard *card,
            void           (*show) (EfDashboardPage *self,
                                    Gather          *gather))
{
  Gather *gather = g_new0 (Gather, 1);

  gather->self = self;
  gather->card = card;
  gather->show = show;
  gather->pending = members->len;
  gather->members = g_ptr_array_ref (members);
  gather->results = g_ptr_array_new_full (members->len, g_object_unref);
  return gather;
}

static void
gather_free (Gather *gather)
{
  g_clear_error (&gather->error);
  g_ptr_array_unref (gather->members);
  g_ptr_array_unref (gather->results);
  g_free (gather);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  EfDay day_a = *(const EfDay *) a;
  EfDay day_b = *(const EfDay *) b;

  return day_a < day_b ? -1 : day_a > day_b;
}

/* Results arrive in any order: each names its member. The cards list
 * them in the family's order, whichever answered first. */
static EfPlanning *
gather_find_planning (Gather   *gather,
                      EfMember *member)
{
  for (guint i = 0; i < gather->results->len; i++)
    {
      EfPlanning *planning = g_ptr_array_index (gather->results, i);

      if (ef_planning_get_member_id (planning) == ef_member_get_id (member))
        return planning;
    }

  return NULL;
}

static const char *
error_message (const GError *error)
{
  const char *message = ef_client_error_get_user_message (error);

  return message != NULL ? message : _("The Espace Famille could not be reached.");
}

static GPtrArray *
children_of (EfFamily *family)
{
  GListModel *members = ef_family_get_members (family);
  GPtrArray *children = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);

      if (ef_member_is_child (member))
        g_ptr_array_add (children, g_steal_pointer (&member));
    }

  return children;
}

static void
show_family (EfDashboardPage *self,
             EfFamily        *family)
{
  GListModel *members = ef_family_get_members (family);
  guint n = g_list_model_get_n_items (members);
  g_autoptr (GString) details = g_string_new (NULL);
  g_autofree char *headline = NULL;
  const char *first_name = NULL;
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);
      g_autofree char *name = ef_member_dup_full_name (member);

      if (ef_member_get_id (member) == ef_client_get_account_member_id (client))
        first_name = ef_member_get_first_name (member);
      if (details->len > 0)
        g_string_append_c (details, '\n');
      /* Translators: a member on the dashboard: "Léa Martin — Child" */
      g_string_append_printf (details, _("%s — %s"), name,
                              _ef_page_text_member_role (ef_member_get_role (member)));
    }

  headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n), n);
  ef_dashboard_card_set_summary (self->family_card, headline, details->str);

  if (first_name != NULL)
    {
      /* Translators: the dashboard's greeting, with the first name */
      g_autofree char *greeting = g_strdup_printf (_("Hello, %s"), first_name);

      gtk_label_set_text (self->greeting_label, greeting);
    }
  else
    {
      gtk_label_set_text (self->greeting_label, ef_family_get_name (family));
    }
}

static void
show_enrolments (EfDashboardPage *self,
                 Gather          *gather)
{
  g_autoptr (GString) details = g_string_new (NULL);
  g_autofree char *headline = NULL;
  EfDay now = ef_client_get_today (ef_page_get_client (EF_PAGE (self)));
  guint n_active = 0;

  for (guint m = 0; m < gather->members->len; m++)
    {
      EfMember *member = g_ptr_array_index (gather->members, m);

      for (guint i = 0; i < gather->results->len; i++)
        {
          GListModel *enrolments = g_ptr_array_index (gather->results, i);

          for (guint j = 0; j < g_list_model_get_n_items (enrolments); j++)
            {
              g_autoptr (EfEnrolment) enrolment = g_list_model_get_item (enrolments, j);
              EfDay last = ef_enrolment_get_last_day (enrolment);

              if (ef_enrolment_get_member_id (enrolment) != ef_member_get_id (member))
                continue;

              if (ef_enrolment_get_first_day (enrolment) > now ||
                  (ef_day_is_valid (last) && last < now))
                continue;

              n_active++;
              if (details->len > 0)
                g_string_append_c (details, '\n');
              /* Translators: an enrolment on the dashboard: "Léa: Restauration scolaire" */
              g_string_append_printf (details, _("%s: %s"), ef_member_get_first_name (member),
                                      ef_enrolment_get_activity_name (enrolment));
            }
        }
    }

  if (n_active == 0)
    {
      ef_dashboard_card_set_summary (self->enrolments_card, _("No active enrolment"),
                                     _("The town hall enrols your children in school meals and activities."));
      return;
    }

  headline = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u active enrolment",
                                           "%u active enrolments", n_active), n_active);
  ef_dashboard_card_set_summary (self->enrolments_card, headline, details->str);
}

static void
show_meals (EfDashboardPage *self,
            Gather          *gather)
{
  g_autoptr (GString) details = g_string_new (NULL);
  g_autofree char *headline = NULL;
  g_autofree char *sentence = NULL;
  EfPlanningDay *nearest = NULL;
  EfDay first_meal = EF_DAY_INVALID;
  EfDay now = ef_client_get_today (ef_page_get_client (EF_PAGE (self)));

  for (guint m = 0; m < gather->members->len; m++)
    {
      EfMember *member = g_ptr_array_index (gather->members, m);
      EfPlanning *planning = gather_find_planning (gather, member);
      GListModel *activities = planning != NULL ? ef_planning_get_activities (planning) : NULL;
      g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (EfDay));
      g_autoptr (GString) line = NULL;

      for (guint a = 0; activities != NULL && a < g_list_model_get_n_items (activities); a++)
        {
          g_autoptr (EfActivity) activity = g_list_model_get_item (activities, a);
          GListModel *planning_days = ef_activity_get_days (activity);

          for (guint d = 0; d < g_list_model_get_n_items (planning_days); d++)
            {
              g_autoptr (EfPlanningDay) day = g_list_model_get_item (planning_days, d);
              EfDay when = ef_planning_day_get_day (day);
              GDateTime *deadline = ef_planning_day_get_deadline (day);
              gboolean seen = FALSE;

              if (!ef_planning_day_is_reserved (day) || when < now)
                continue;

              for (guint k = 0; k < days->len; k++)
                seen |= g_array_index (days, EfDay, k) == when;
              if (!seen)
                g_array_append_val (days, when);

              /* The server says whether the deadline is still ahead. */
              if (ef_planning_day_get_changeable (day) && deadline != NULL &&
                  (nearest == NULL ||
                   g_date_time_compare (deadline, ef_planning_day_get_deadline (nearest)) < 0 ||
                   (g_date_time_equal (deadline, ef_planning_day_get_deadline (nearest)) &&
                    when < ef_planning_day_get_day (nearest))))
                nearest = day;
            }
        }

      if (days->len == 0)
        continue;

      g_array_sort (days, compare_days);
      if (!ef_day_is_valid (first_meal) || g_array_index (days, EfDay, 0) < first_meal)
        first_meal = g_array_index (days, EfDay, 0);

      line = g_string_new (NULL);
      for (guint k = 0; k < MIN (days->len, MAX_NEXT_DAYS); k++)
        {
          g_autofree char *text = _ef_page_text_day (g_array_index (days, EfDay, k), FALSE);

          if (line->len > 0)
            /* Translators: separates the days in a list of next meals */
            g_string_append (line, _(", "));
          g_string_append (line, text);
        }
      if (details->len > 0)
        g_string_append_c (details, '\n');
      /* Translators: a child's next meals on the dashboard:
       * "Léa: Friday 27 November, Monday 30 November" */
      g_string_append_printf (details, _("%s: %s"), ef_member_get_first_name (member), line->str);
    }

  if (nearest != NULL)
    {
      sentence = _ef_page_text_deadline (ef_planning_day_get_day (nearest),
                                         ef_planning_day_get_deadline (nearest));
      g_string_append_printf (details, "\n\n%s", sentence);
    }

  if (!ef_day_is_valid (first_meal))
    {
      ef_dashboard_card_set_summary (self->meals_card, _("No meal reserved"),
                                     _("The meals you reserve for the next three weeks appear here."));
      return;
    }

  {
    g_autofree char *day = _ef_page_text_day (first_meal, FALSE);

    /* Translators: the dashboard's next meal: "Next meal: Friday 27 November" */
    headline = g_strdup_printf (_("Next meal: %s"), day);
  }
  ef_dashboard_card_set_summary (self->meals_card, headline, details->str);
}

/* One answer more: keeps @item (stolen) or the first @error; after the
 * last, the card shows them all, or the error. */
static void
gather_add (Gather        *gather,
            GAsyncResult  *result,
            gpointer      *item,
            GError       **error)
{
  gather->pending--;

  if (_ef_page_result_cancelled (result, *error))
    gather->cancelled = TRUE;
  else if (*error != NULL && gather->error == NULL)
    gather->error = g_steal_pointer (error);
  else if (*item != NULL)
    g_ptr_array_add (gather->results, g_steal_pointer (item));

  if (gather->pending > 0)
    return;

  if (!gather->cancelled)
    {
      if (gather->error != NULL)
        ef_dashboard_card_set_error (gather->card, error_message (gather->error));
      else
        gather->show (gather->self, gather);
    }
  gather_free (gather);
}

static void
on_enrolments_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Gather *gather = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) enrolments = NULL;

  enrolments = ef_client_get_enrolments_finish (EF_CLIENT (source), result, &error);
  gather_add (gather, result, (gpointer *) &enrolments, &error);
}

static void
on_planning_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Gather *gather = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPlanning) planning = NULL;

  planning = ef_client_get_planning_finish (EF_CLIENT (source), result, &error);
  gather_add (gather, result, (gpointer *) &planning, &error);
}

static void
load_children (EfDashboardPage *self,
               EfFamily        *family)
{
  g_autoptr (GPtrArray) children = children_of (family);
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  EfDay first = ef_client_get_today (client);
  Gather *enrolments;
  Gather *plannings;
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  if (children->len == 0)
    {
      ef_dashboard_card_set_summary (self->enrolments_card, _("No active enrolment"), NULL);
      ef_dashboard_card_set_summary (self->meals_card, _("No meal reserved"), NULL);
      return;
    }

  enrolments = gather_new (self, children, self->enrolments_card, show_enrolments);
  plannings = gather_new (self, children, self->meals_card, show_meals);
  for (guint i = 0; i < children->len; i++)
    {
      gint64 id = ef_member_get_id (g_ptr_array_index (children, i));

      ef_client_get_enrolments_async (client, id, cancellable,
                                      on_enrolments_loaded_cb, enrolments);
      ef_client_get_planning_async (client, id, first, ef_day_add (first, PLANNING_DAYS),
                                    cancellable, on_planning_loaded_cb, plannings);
    }
}

static void
show_family_answer (EfDashboardPage *self,
                    EfFamily        *family,
                    const GError    *error)
{
  if (family == NULL)
    {
      const char *message = error_message (error);

      ef_dashboard_card_set_error (self->family_card, message);
      ef_dashboard_card_set_error (self->enrolments_card, message);
      ef_dashboard_card_set_error (self->meals_card, message);
      return;
    }

  show_family (self, family);
  load_children (self, family);
}

static void
on_family_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFamily) family = NULL;

  family = ef_client_get_family_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  show_family_answer (EF_DASHBOARD_PAGE (user_data), family, error);
}

static void
on_finance_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  EfDashboardPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFinance) finance = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *details = NULL;
  gint64 n;

  finance = ef_client_get_finance_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_DASHBOARD_PAGE (user_data);
  if (finance == NULL)
    {
      ef_dashboard_card_set_error (self->finance_card, error_message (error));
      return;
    }

  amount = ef_money_format (ef_finance_get_total_due (finance));
  n = ef_finance_get_invoices_to_pay (finance);
  if (n == 0)
    details = g_strdup (_("Nothing to pay: every invoice is settled."));
  else if (ef_day_is_valid (ef_finance_get_oldest_due_date (finance)))
    {
      g_autofree char *due = _ef_page_text_day (ef_finance_get_oldest_due_date (finance), TRUE);

      /* Translators: under the amount to pay: "2 invoices to pay, the oldest
       * due on Monday 30 November 2026" */
      details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%d invoice to pay, due on %s",
                                              "%d invoices to pay, the oldest due on %s", n),
                                 (int) n, due);
    }
  else
    details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d invoice to pay",
                                            "%d invoices to pay", n), (int) n);

  ef_dashboard_card_set_summary (self->finance_card, amount, details);
}

/* The previous sign-in: the newest successful one is usually the session
 * in use, so the one before it is what tells the person something. */
static EfConnectionEntry *
previous_connection (GListModel *connections)
{
  EfConnectionEntry *newest = NULL;
  EfConnectionEntry *previous = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr (EfConnectionEntry) entry = g_list_model_get_item (connections, i);
      GDateTime *at = ef_connection_entry_get_at (entry);

      if (!ef_connection_entry_get_success (entry) || at == NULL)
        continue;

      if (newest == NULL || g_date_time_compare (at, ef_connection_entry_get_at (newest)) > 0)
        {
          previous = newest;
          newest = entry;
        }
      else if (previous == NULL || g_date_time_compare (at, ef_connection_entry_get_at (previous)) > 0)
        {
          previous = entry;
        }
    }

  return previous != NULL ? previous : newest;
}

static void
on_connections_loaded_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  EfDashboardPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) connections = NULL;
  EfConnectionEntry *entry;

  connections = ef_client_get_connection_history_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_DASHBOARD_PAGE (user_data);
  if (connections == NULL)
    {
      ef_dashboard_card_set_error (self->connection_card, error_message (error));
      return;
    }

  entry = previous_connection (connections);
  if (entry == NULL)
    {
      ef_dashboard_card_set_summary (self->connection_card, _("First connection"),
                                     _("Welcome to your Espace Famille."));
      return;
    }

  {
    g_autofree char *when = _ef_page_text_instant (ef_connection_entry_get_at (entry));
    g_autofree char *details = NULL;
    const char *client = ef_connection_entry_get_client (entry);

    if (client != NULL && *client != '\0')
      /* Translators: under the last connection: "From Espace Famille for GNOME" */
      details = g_strdup_printf (_("From %s"), client);
    ef_dashboard_card_set_summary (self->connection_card, when, details);
  }
}

static void
set_family_loading (EfDashboardPage *self)
{
  ef_dashboard_card_set_loading (self->family_card);
  ef_dashboard_card_set_loading (self->enrolments_card);
  ef_dashboard_card_set_loading (self->meals_card);
}

static void
load_family (EfDashboardPage *self)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  self->family_awaited = FALSE;
  set_family_loading (self);
  ef_client_get_family_async (client, cancellable, on_family_loaded_cb, self);
}

static void
load_finance (EfDashboardPage *self)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  ef_dashboard_card_set_loading (self->finance_card);
  ef_client_get_finance_async (client, cancellable, on_finance_loaded_cb, self);
}

static void
load_connection (EfDashboardPage *self)
{
  EfDay last = ef_client_get_today (ef_page_get_client (EF_PAGE (self)));
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  ef_dashboard_card_set_loading (self->connection_card);
  ef_client_get_connection_history_async (client, ef_day_add (last, -CONNECTION_DAYS), last,
                                          cancellable, on_connections_loaded_cb, self);
}

static void
on_family_retry_cb (EfDashboardPage *self)
{
  load_family (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ef_dashboard_page_reload (EF_DASHBOARD_PAGE (widget));
}

static EfDashboardCard *
add_card (EfDashboardPage *self,
          const char      *name,
          const char      *title,
          const char      *icon_name,
          const char      *page,
          GCallback        retry)
{
  GtkWidget *card = ef_dashboard_card_new (title, icon_name, page);

  gtk_widget_set_name (card, name);
  g_signal_connect_swapped (card, "retry", retry, self);
  gtk_flow_box_append (self->cards_box, card);
  /* The card's row takes the focus, not the flow box's child. */
  gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (card)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  return EF_DASHBOARD_CARD (card);
}

/* A new day for the portal (a kiosk overnight, a laptop resumed): the
 * next meals and the nearest deadline are those of another day. */
static void
on_today_changed_cb (EfDashboardPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ef_dashboard_page_reload (self);
}

/* A payment ended: the amount to pay changed. */
static void
on_billing_changed_cb (EfDashboardPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_finance (self);
}

static void
ef_dashboard_page_constructed (GObject *object)
{
  EfDashboardPage *self = EF_DASHBOARD_PAGE (object);
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  G_OBJECT_CLASS (ef_dashboard_page_parent_class)->constructed (object);

  g_signal_connect_object (client, "notify::today",
                           G_CALLBACK (on_today_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "billing-changed",
                           G_CALLBACK (on_billing_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
ef_dashboard_page_map (GtkWidget *widget)
{
  EfDashboardPage *self = EF_DASHBOARD_PAGE (widget);
  gint64 preloaded_at = self->preloaded_at;

  GTK_WIDGET_CLASS (ef_dashboard_page_parent_class)->map (widget);

  self->preloaded_at = 0;
  if (preloaded_at == 0 || g_get_monotonic_time () - preloaded_at > PRELOAD_USECS)
    ef_dashboard_page_reload (self);
}

static void
ef_dashboard_page_class_init (EfDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ef_dashboard_page_constructed;
  widget_class->map = ef_dashboard_page_map;

  gtk_widget_class_install_action (widget_class, "dashboard.reload", NULL, reload_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfDashboardPage, greeting_label);
  gtk_widget_class_bind_template_child (widget_class, EfDashboardPage, cards_box);
}

static void
ef_dashboard_page_init (EfDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_page_set_title (EF_PAGE (self), _("Dashboard"));

  gtk_label_set_text (self->greeting_label, _("Dashboard"));
  self->family_card = add_card (self, "family", _("My Family"), "system-users-symbolic",
                                "family", G_CALLBACK (on_family_retry_cb));
  self->enrolments_card = add_card (self, "enrolments", _("My Enrolments"),
                                    "x-office-address-book-symbolic", "enrolments",
                                    G_CALLBACK (on_family_retry_cb));
  self->meals_card = add_card (self, "meals", _("Next Meals"), "x-office-calendar-symbolic",
                               "reservations", G_CALLBACK (on_family_retry_cb));
  self->finance_card = add_card (self, "finance", _("Amount to Pay"), "emblem-documents-symbolic",
                                 "invoices", G_CALLBACK (load_finance));
  self->connection_card = add_card (self, "connection", _("Last Connection"),
                                    "document-open-recent-symbolic", "history",
                                    G_CALLBACK (load_connection));
}

/**
 * ef_dashboard_page_new:
 * @client: a signed-in #EfClient
 *
 * Returns: (transfer floating): a new dashboard; it loads when mapped
 */
GtkWidget *
ef_dashboard_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_DASHBOARD_PAGE, "client", client, NULL);
}

EfClient *
ef_dashboard_page_get_client (EfDashboardPage *self)
{
  g_return_val_if_fail (EF_IS_DASHBOARD_PAGE (self), NULL);

  return ef_page_get_client (EF_PAGE (self));
}

/**
 * ef_dashboard_page_reload:
 * @self: an #EfDashboardPage
 *
 * Loads every card again, cancelling what was still loading.
 */
void
ef_dashboard_page_reload (EfDashboardPage *self)
{
  g_return_if_fail (EF_IS_DASHBOARD_PAGE (self));

  ef_page_renew_cancellable (EF_PAGE (self));

  load_family (self);
  load_finance (self);
  load_connection (self);
}

/**
 * ef_dashboard_page_preload:
 * @self: an #EfDashboardPage, not mapped
 *
 * Loads every card now, for a page about to be shown: its next map, if it
 * comes within a few seconds, does not load them again.
 */
void
ef_dashboard_page_preload (EfDashboardPage *self)
{
  g_return_if_fail (EF_IS_DASHBOARD_PAGE (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  ef_dashboard_page_reload (self);
  self->preloaded_at = g_get_monotonic_time ();
}

/**
 * ef_dashboard_page_preload_awaiting_family:
 * @self: an #EfDashboardPage, not mapped
 *
 * As ef_dashboard_page_preload(), but the family has been asked for
 * already, by the caller, which hands the answer over with
 * ef_dashboard_page_take_family(): the page does not ask for it again.
 */
void
ef_dashboard_page_preload_awaiting_family (EfDashboardPage *self)
{
  g_return_if_fail (EF_IS_DASHBOARD_PAGE (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  ef_page_renew_cancellable (EF_PAGE (self));
  set_family_loading (self);
  self->family_awaited = TRUE;
  load_finance (self);
  load_connection (self);
  self->preloaded_at = g_get_monotonic_time ();
}

/**
 * ef_dashboard_page_take_family:
 * @self: an #EfDashboardPage
 * @result: the #GAsyncResult of ef_client_get_family_async() on the
 *   page's client
 *
 * Finishes @result, the family asked for before
 * ef_dashboard_page_preload_awaiting_family(), and shows it with what
 * follows from it (the children's enrolments and meals), unless the page
 * has loaded again since (ef_dashboard_page_reload()).
 */
void
ef_dashboard_page_take_family (EfDashboardPage *self,
                               GAsyncResult    *result)
{
  EfClient *client;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFamily) family = NULL;

  g_return_if_fail (EF_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (G_IS_ASYNC_RESULT (result));

  client = ef_page_get_client (EF_PAGE (self));
  family = ef_client_get_family_finish (client, result, &error);
  if (!self->family_awaited || _ef_page_result_cancelled (result, error))
    return;

  self->family_awaited = FALSE;
  show_family_answer (self, family, error);
}

/**
 * ef_dashboard_page_get_card:
 * @self: an #EfDashboardPage
 * @name: "family", "enrolments", "meals", "finance" or "connection"
 *
 * Returns: (transfer none) (nullable): the card
 */
GtkWidget *
ef_dashboard_page_get_card (EfDashboardPage *self,
                            const char      *name)
{
  g_return_val_if_fail (EF_IS_DASHBOARD_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (gtk_widget_get_name (card), name) == 0)
        return card;
    }

  return NULL;
}
