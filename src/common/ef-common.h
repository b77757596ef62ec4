/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-common.h: everything libefcommon offers */

#pragma once

#include "ef-types.h"
#include "ef-codec-billing.h"
#include "ef-codec-device.h"
#include "ef-codec-family.h"
#include "ef-codec-history.h"
#include "ef-codec-planning.h"
#include "ef-codec-staff.h"
#include "ef-codec-payment.h"
#include "ef-codec-session.h"
#include "ef-csv.h"
#include "ef-day.h"
#include "ef-deadline.h"
#include "ef-error.h"
#include "ef-i18n.h"
#include "ef-json.h"
#include "ef-money.h"
#include "ef-portal.h"
#include "ef-school-calendar.h"
