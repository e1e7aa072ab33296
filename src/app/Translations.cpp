#include "Translations.h"

#include "AppLog.h"
#include "models/UiLanguage.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QLibraryInfo>
#include <QtCore/QLocale>
#include <QtCore/QTranslator>

using namespace Qt::StringLiterals;

namespace tapescope {

Translations::Translations()
    : m_translator(std::make_unique<QTranslator>())
    , m_qtTranslator(std::make_unique<QTranslator>())
{ }

Translations::~Translations()
{
    if (m_installed)
        QCoreApplication::removeTranslator(m_translator.get());
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(m_qtTranslator.get());
}

QLocale Translations::localeOf(const QString &code)
{
    if (code.isEmpty())
        return QLocale::system();
    return QLocale(code);
}

bool Translations::use(const QString &code)
{
    if (m_installed) {
        QCoreApplication::removeTranslator(m_translator.get());
        m_installed = false;
    }
    if (m_qtInstalled) {
        QCoreApplication::removeTranslator(m_qtTranslator.get());
        m_qtInstalled = false;
    }
    const QLocale locale = localeOf(code);
    // Before the translators and the announcement: what is written again is written in this locale.
    QLocale::setDefault(locale);
    bool found = true;
    if (code != u"en") {
        if (m_translator->load(locale, u"tapescope"_s, u"_"_s, u":/i18n"_s)) {
            m_installed = QCoreApplication::installTranslator(m_translator.get());
            found = m_installed;
        } else {
            if (!code.isEmpty())
                qCWarning(lcApp) << "no translation for" << code;
            found = code.isEmpty(); // the system language simply has none: English
        }
        // Qt's own words, only beside a translation of ours (an English UI keeps English buttons).
        if (m_installed
            && m_qtTranslator->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            m_qtInstalled = QCoreApplication::installTranslator(m_qtTranslator.get());
    }
    UiLanguage::instance()->announceChange();
    return found;
}

} // namespace tapescope
