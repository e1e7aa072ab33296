#pragma once

#include "net/FeedReason.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace tapescope {

// A feed's reason in the user's language, for the status bar, the panels and the settings' connection test.
// The CLI and the logs keep net's englishText(), whose words the source strings follow; here every duration
// and every next attempt reads alike ("no data for 12 s", "…, next attempt in 2.1 s").
class FeedReasonText
{
    Q_DECLARE_TR_FUNCTIONS(FeedReasonText)

public:
    static QString of(const FeedReason &reason);
    // "850 ms", "2.1 s", "42 s", "3 min 5 s", "2 h 10 min", with the locale's decimal separator.
    static QString duration(qint64 ms);

private:
    static QString words(FeedReason::Code code, const FeedReason &reason);
};

} // namespace tapescope
