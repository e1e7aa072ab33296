#pragma once

#include <QtCore/QLocale>
#include <QtCore/QString>

#include <memory>

class QTranslator;

namespace tapescope {

// The UI language: English is built into the sources; other languages are .qm files compiled in under :/i18n.
// Qt's own catalogue (qtbase_<lang>.qm: the file dialog's buttons) comes from Qt's translations directory when
// it is installed (Debian: qt6-translations-l10n); without it those few words stay English.
class Translations
{
public:
    Translations();
    ~Translations();

    // "" follows the system locale; "en" removes any translation. Sets QLocale::setDefault to the language's
    // locale (the system locale for ""), so numbers and dates follow it, then tells the models to write their
    // texts again (UiLanguage). False when no translation exists for `code`.
    bool use(const QString &code);

    // The locale `code` stands for: "" the system locale, "en" English, "de" German, ...
    static QLocale localeOf(const QString &code);

private:
    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<QTranslator> m_qtTranslator;
    bool m_installed = false;
    bool m_qtInstalled = false;
};

} // namespace tapescope
