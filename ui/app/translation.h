#pragma once

class QCoreApplication;
class QString;

namespace Orchestrator::Ui {

// Installs the dashboard's translation and Qt's own (qtbase: standard buttons,
// dialogs) on `app`. `language` is "" or "system" for the system locale, else
// a locale name such as "de" or "en_GB"; an explicit language also becomes the
// default QLocale, so numbers and dates match the text. Replaces what an earlier
// call installed. Returns whether the dashboard's translation is in place:
// true for English (the source language needs none), false for a language the
// dashboard has not been translated to (the UI then stays English).
bool installTranslator(QCoreApplication &app, const QString &language);

} // namespace Orchestrator::Ui
