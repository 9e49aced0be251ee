#include "translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QString>
#include <QTranslator>

namespace Orchestrator::Ui {

namespace {

// Where qt_add_translations (ui/CMakeLists.txt) embeds orchestrator_<lang>.qm.
constexpr auto translationsResource = ":/orchestrator/translations";
// Marks the translators this file installed, so a second call replaces them.
constexpr auto translatorName = "orchestrator-translator";

void removeInstalledTranslators(QCoreApplication &app)
{
    const QList<QTranslator *> installed = app.findChildren<QTranslator *>(QString::fromLatin1(translatorName), Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : installed) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

bool install(QCoreApplication &app, const QLocale &locale, const QString &fileName, const QString &directory)
{
    auto *translator = new QTranslator(&app);
    translator->setObjectName(QString::fromLatin1(translatorName));
    // load(QLocale, ...) walks the locale's UI languages: de_AT falls back to de.
    if (!translator->load(locale, fileName, QStringLiteral("_"), directory) || !QCoreApplication::installTranslator(translator)) {
        delete translator;
        return false;
    }
    return true;
}

} // namespace

bool installTranslator(QCoreApplication &app, const QString &language)
{
    removeInstalledTranslators(app);
    const bool useSystem = language.isEmpty() || language == QLatin1String("system");
    const QLocale locale = useSystem ? QLocale::system() : QLocale(language);
    if (!useSystem)
        QLocale::setDefault(locale);
    if (locale.language() == QLocale::English)
        return true;

    // Qt's own strings are a bonus: Debian ships them in qt6-translations-l10n,
    // which may be missing; the dashboard's strings are what matters.
    install(app, locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return install(app, locale, QStringLiteral("orchestrator"), QString::fromLatin1(translationsResource));
}

} // namespace Orchestrator::Ui
