#include "Translations.h"

#include "AppLog.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QLocale>
#include <QtCore/QTranslator>

using namespace Qt::StringLiterals;

namespace tapescope {

Translations::Translations()
    : m_translator(std::make_unique<QTranslator>())
{ }

Translations::~Translations()
{
    if (m_installed)
        QCoreApplication::removeTranslator(m_translator.get());
}

bool Translations::use(const QString &code)
{
    if (m_installed) {
        QCoreApplication::removeTranslator(m_translator.get());
        m_installed = false;
    }
    if (code == u"en")
        return true;
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    if (!m_translator->load(locale, u"tapescope"_s, u"_"_s, u":/i18n"_s)) {
        if (!code.isEmpty())
            qCWarning(lcApp) << "no translation for" << code;
        return code.isEmpty(); // the system language simply has none: English
    }
    m_installed = QCoreApplication::installTranslator(m_translator.get());
    return m_installed;
}

} // namespace tapescope
