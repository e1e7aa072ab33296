#pragma once

#include "venues/kalshi/KalshiEndpoints.h"

#include <QtCore/QByteArray>

namespace tapescope::emulator::kalshi {

// TEST-ONLY key pair that the Kalshi emulator accepts by default, so demo mode and tests connect with no user
// credentials. It is public in this source tree: it is not, and must never become, a Kalshi API key.
tapescope::kalshi::Credentials demoCredentials();
QByteArray demoPublicKeyPem();

} // namespace tapescope::emulator::kalshi
