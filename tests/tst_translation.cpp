// The German translation: the embedded .qm loads and translates the UI, and
// translations/orchestrator_de.ts is complete: no unfinished message, every
// placeholder (%1..%9, %n) and every mnemonic kept in each translated form.

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include "app/translation.h"

using namespace Orchestrator::Ui;

namespace {

struct TsMessage
{
    QString context;
    QString source;
    bool numerus = false;
    QString type; // "unfinished", "vanished", "obsolete" or empty (finished)
    QStringList forms; // the translation, or one entry per numerus form
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QString context;
    TsMessage message;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            messages.append(message);
            continue;
        }
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage{context, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"), {}, {}};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!message.numerus)
                message.forms = {xml.readElementText()};
            else
                while (xml.readNextStartElement())
                    message.forms.append(xml.readElementText());
        } else if (name != QLatin1String("TS") && name != QLatin1String("context")) {
            xml.skipCurrentElement();
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%[1-9n]"));
    QSet<QString> found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

// '&x' marks a mnemonic; '&&' is a literal ampersand.
int mnemonics(const QString &text)
{
    int count = 0;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&'))
            ++i;
        else if (!text.at(i + 1).isSpace())
            ++count;
    }
    return count;
}

} // namespace

Q_DECLARE_METATYPE(TsMessage)

class TestTranslation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanIsEmbedded();
    void englishNeedsNoTranslation();
    void tsFileIsReadable();
    void message_data();
    void message();
};

void TestTranslation::germanIsEmbedded()
{
#ifndef ORCH_TRANSLATIONS_EMBEDDED
    QSKIP("built without Qt Linguist tools: no .qm embedded");
#endif
    QVERIFY(installTranslator(*qApp, QStringLiteral("de")));
    QCOMPARE(QCoreApplication::translate("Orchestrator::Ui::JobTableModel", "Succeeded"), QStringLiteral("Erfolgreich"));
    QCOMPARE(QCoreApplication::translate("Orchestrator::Ui::JobTableModel", "Upstream failed"), QStringLiteral("Vorgänger fehlgeschlagen"));
    QCOMPARE(QCoreApplication::translate("Orchestrator::Ui::MainWindow", "&Pause queue"), QStringLiteral("Warteschlange &anhalten"));
    QCOMPARE(QCoreApplication::translate("Orchestrator::Ui::EngineHost", "Submitted %n job(s) to %1.", nullptr, 1),
             QStringLiteral("1 Job in %1 eingereicht."));
    QCOMPARE(QCoreApplication::translate("Orchestrator::Ui::EngineHost", "Submitted %n job(s) to %1.", nullptr, 3),
             QStringLiteral("3 Jobs in %1 eingereicht."));
    // Qt's own buttons too (qtbase_de.qm, from qt6-translations-l10n, which .ci/setup installs).
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    QCOMPARE(QCoreApplication::translate("QWizard", "&Next >"), QStringLiteral("&Weiter >"));
    // A second call replaces the first: back to the source language.
    QVERIFY(installTranslator(*qApp, QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("Orchestrator::Ui::JobTableModel", "Succeeded"), QStringLiteral("Succeeded"));
    QLocale::setDefault(QLocale::c());
}

void TestTranslation::englishNeedsNoTranslation()
{
    QVERIFY(installTranslator(*qApp, QStringLiteral("en")));
    QVERIFY(installTranslator(*qApp, QStringLiteral("en_GB")));
    // Not translated: the UI stays English and the caller is told so.
    QVERIFY(!installTranslator(*qApp, QStringLiteral("fi")));
    QCOMPARE(QCoreApplication::translate("Orchestrator::Ui::JobTableModel", "Succeeded"), QStringLiteral("Succeeded"));
    QLocale::setDefault(QLocale::c());
}

void TestTranslation::tsFileIsReadable()
{
    QString error;
    const QList<TsMessage> messages = readTs(QStringLiteral(ORCH_TS_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 100);
}

void TestTranslation::message_data()
{
    QTest::addColumn<TsMessage>("message");
    QString error;
    const QList<TsMessage> messages = readTs(QStringLiteral(ORCH_TS_FILE), &error);
    for (const TsMessage &message : messages) {
        const QString row = message.context.section(QLatin1String("::"), -1) + QLatin1String(": ") + message.source;
        QTest::newRow(qPrintable(row)) << message;
    }
}

void TestTranslation::message()
{
    QFETCH(TsMessage, message);
    QVERIFY2(message.type.isEmpty(), qPrintable(QStringLiteral("translation is %1").arg(message.type)));
    // German has two plural forms: one, other.
    QCOMPARE(message.forms.size(), message.numerus ? 2 : 1);
    for (const QString &form : std::as_const(message.forms)) {
        QVERIFY2(!form.isEmpty(), "empty translation");
        QCOMPARE(placeholders(form), placeholders(message.source));
        QCOMPARE(mnemonics(form), mnemonics(message.source));
    }
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
