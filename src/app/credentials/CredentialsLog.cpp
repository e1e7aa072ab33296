#include "CredentialsLog.h"

Q_LOGGING_CATEGORY(lcCredentials, "tapescope.credentials")
