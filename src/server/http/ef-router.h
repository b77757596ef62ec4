/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-router.h: method + path template → handler */

#pragma once

#include <glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * EfRouteHandler:
 * @msg: the request; the handler sets its response
 * @params: the decoded values of the template's `{name}` segments
 * @user_data: what was given to ef_router_add()
 *
 * Handles one request synchronously.
 */
typedef void (*EfRouteHandler) (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data);

typedef enum {
  EF_ROUTE_FOUND,
  EF_ROUTE_NOT_FOUND,
  EF_ROUTE_METHOD_NOT_ALLOWED,
} EfRouteResult;

typedef struct _EfRouter EfRouter;

EfRouter      *ef_router_new             (void);
void           ef_router_free            (EfRouter           *self);

/* @pattern is an absolute path whose segments are literals or whole
 * `{name}` parameters, e.g. "/{tenant}/api/v1/portal". */
void           ef_router_add             (EfRouter           *self,
                                          const char         *method,
                                          const char         *pattern,
                                          EfRouteHandler      handler,
                                          gpointer            user_data);

/* Matches @raw_path (still percent-encoded) against the routes. On
 * EF_ROUTE_FOUND, @handler, @user_data and @params (caller frees) are set;
 * on EF_ROUTE_METHOD_NOT_ALLOWED, @allow holds the value of an Allow
 * header. HEAD matches the GET routes. */
EfRouteResult  ef_router_match           (EfRouter           *self,
                                          const char         *method,
                                          const char         *raw_path,
                                          EfRouteHandler     *handler,
                                          gpointer           *user_data,
                                          GHashTable        **params,
                                          char              **allow);

/* The same as ef_router_match() for a route found: returns its template
 * (owned by the router), or NULL when none matches @method. */
const char    *ef_router_match_route     (EfRouter           *self,
                                          const char         *method,
                                          const char         *raw_path,
                                          EfRouteHandler     *handler,
                                          GHashTable        **params);

/* Answers @msg: runs the matching handler, or a JSON 404/405 error. */
void           ef_router_dispatch        (EfRouter           *self,
                                          SoupServerMessage  *msg);

/* After ef_router_dispatch(): the template of the route that answered
 * @msg with @param NULL (e.g. "/{tenant}/api/v1/family"), or the decoded
 * value of its parameter @param; NULL when no route matched. */
const char    *ef_router_get_message_route (SoupServerMessage *msg,
                                            const char        *param);

/* "METHOD /template" for every route, in registration order. */
GStrv          ef_router_dup_route_lines (EfRouter           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfRouter, ef_router_free)

G_END_DECLS
