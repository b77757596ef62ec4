/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-db-without-pq.h: what ef-db.c uses of libpq, for a build without it
 *
 * A server built with -Dpostgresql=disabled (the Flatpak's, which serves a
 * kiosk from a SQLite file) still compiles ef-db.c: connecting fails with
 * a sentence that says why, so no other of these is ever reached.
 */

#pragma once

#include <glib.h>

typedef unsigned int Oid;
typedef struct _PGconn PGconn;
typedef struct _PGresult PGresult;
typedef void (*PQnoticeProcessor) (void *arg, const char *message);

typedef enum { CONNECTION_OK, CONNECTION_BAD } ConnStatusType;
typedef enum {
  PGRES_EMPTY_QUERY,
  PGRES_COMMAND_OK,
  PGRES_TUPLES_OK,
  PGRES_FATAL_ERROR,
} ExecStatusType;
typedef enum { PQTRANS_IDLE, PQTRANS_INTRANS, PQTRANS_INERROR } PGTransactionStatusType;

#define PG_DIAG_SQLSTATE 'C'

static inline PGconn *PQconnectdb (const char *conninfo) { return NULL; }
static inline ConnStatusType PQstatus (const PGconn *conn) { return CONNECTION_BAD; }
static inline char *
PQerrorMessage (const PGconn *conn)
{
  return (char *) "this espace-famille-server was built without PostgreSQL (libpq)";
}
static inline void PQfinish (PGconn *conn) { }
static inline PQnoticeProcessor
PQsetNoticeProcessor (PGconn *conn, PQnoticeProcessor proc, void *arg) { return NULL; }
static inline PGTransactionStatusType PQtransactionStatus (const PGconn *conn) { return PQTRANS_IDLE; }
static inline PGresult *PQexec (PGconn *conn, const char *query) { return NULL; }
static inline PGresult *
PQexecParams (PGconn *conn, const char *command, int n, const Oid *types,
              const char * const *values, const int *lengths, const int *formats, int result_format)
{
  return NULL;
}
static inline PGresult *
PQprepare (PGconn *conn, const char *name, const char *query, int n, const Oid *types)
{
  return NULL;
}
static inline PGresult *
PQexecPrepared (PGconn *conn, const char *name, int n, const char * const *values,
                const int *lengths, const int *formats, int result_format)
{
  return NULL;
}
static inline void PQclear (PGresult *res) { }
static inline void PQreset (PGconn *conn) { }
static inline ExecStatusType PQresultStatus (const PGresult *res) { return PGRES_FATAL_ERROR; }
static inline char *PQresultErrorMessage (const PGresult *res) { return (char *) ""; }
static inline char *PQresultErrorField (const PGresult *res, int field) { return NULL; }
static inline char *PQcmdTuples (PGresult *res) { return (char *) ""; }
static inline int PQntuples (const PGresult *res) { return 0; }
static inline int PQnfields (const PGresult *res) { return 0; }
static inline char *PQfname (const PGresult *res, int field) { return NULL; }
static inline Oid PQftype (const PGresult *res, int field) { return 0; }
static inline int PQgetisnull (const PGresult *res, int row, int field) { return 1; }
static inline char *PQgetvalue (const PGresult *res, int row, int field) { return (char *) ""; }
