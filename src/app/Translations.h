#pragma once

#include <QtCore/QString>

#include <memory>

class QTranslator;

namespace tapescope {

// The UI language: English is built into the sources; other languages are .qm files compiled in under :/i18n.
class Translations
{
public:
    Translations();
    ~Translations();

    // "" follows the system locale; "en" removes any translation. False when no translation exists for `code`.
    bool use(const QString &code);

private:
    std::unique_ptr<QTranslator> m_translator;
    bool m_installed = false;
};

} // namespace tapescope
