#include "app/settings.h"

#include <QApplication>
#include <QColor>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStringList>

#include "core/paths.h"

namespace Orchestrator::Ui {

namespace {

// Keys shared with runDashboard(), which reads database, workers and startPaused.
QString keyDatabase() { return QStringLiteral("database"); }
QString keyWorkers() { return QStringLiteral("workers"); }
QString keyStartPaused() { return QStringLiteral("startPaused"); }
QString keyTimeout() { return QStringLiteral("defaultTimeoutSeconds"); }
QString keyRetryPolicy() { return QStringLiteral("defaultRetryPolicy"); }
QString groupToolPaths() { return QStringLiteral("toolPaths"); }
QString keyTheme() { return QStringLiteral("theme"); }
QString keyLanguage() { return QStringLiteral("language"); }
QString keyNotifications() { return QStringLiteral("notifications"); }

constexpr int kMinWorkers = 1;
constexpr int kMaxWorkers = 64;

// A stored value that is not one of the allowed ones falls back to the default,
// so a hand-edited file cannot put the dialog's combos out of step.
QString oneOf(const QString &value, const QStringList &allowed, const QString &fallback)
{
    return allowed.contains(value) ? value : fallback;
}

// Called with Fusion already the application style.
QPalette lightPalette()
{
    // Fusion's own palette is a neutral light one; start there so every role is set.
    QPalette palette = QApplication::style()->standardPalette();
    palette.setColor(QPalette::Link, QColor(0x1a, 0x5f, 0xb4));
    return palette;
}

QPalette darkPalette()
{
    // Fusion draws frames and check box outlines a shade darker than Window,
    // so Base is kept well below Window for inputs to stand out.
    const QColor window(0x35, 0x35, 0x38);
    const QColor base(0x1c, 0x1c, 0x1e);
    const QColor alternateBase(0x26, 0x26, 0x29);
    const QColor button(0x40, 0x40, 0x44);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x80);
    const QColor highlight(0x2a, 0x82, 0xda);

    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, alternateBase);
    palette.setColor(QPalette::ToolTipBase, QColor(0x3f, 0x3f, 0x46));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x5c, 0x5c));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x5c, 0xad, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xf0));
    // Fusion draws bevels and frames from these; left at their light defaults
    // they give dark widgets bright edges.
    palette.setColor(QPalette::Light, QColor(0x55, 0x55, 0x5a));
    palette.setColor(QPalette::Midlight, QColor(0x48, 0x48, 0x4c));
    palette.setColor(QPalette::Mid, QColor(0x28, 0x28, 0x2a));
    palette.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1b));
    palette.setColor(QPalette::Shadow, QColor(0x10, 0x10, 0x10));

    palette.setColor(QPalette::Disabled, QPalette::Text, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::WindowText, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Base, window);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x55));
    palette.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    return palette;
}

// What the application looked like before the first applyTheme(), so "system"
// can go back to it.
struct Original
{
    bool saved = false;
    QString styleName;
    QPalette palette;
};

Original &original()
{
    static Original value;
    return value;
}

} // namespace

Settings Settings::load()
{
    const QSettings store;
    Settings s;
    s.databasePath = store.value(keyDatabase()).toString();
    if (s.databasePath.isEmpty())
        s.databasePath = defaultDatabasePath();
    s.workers = qBound(kMinWorkers, store.value(keyWorkers(), s.workers).toInt(), kMaxWorkers);
    s.startPaused = store.value(keyStartPaused(), s.startPaused).toBool();
    s.defaultTimeoutSeconds = qMax(0, store.value(keyTimeout(), s.defaultTimeoutSeconds).toInt());
    s.defaultRetryPolicy = oneOf(store.value(keyRetryPolicy()).toString(),
                                 {QStringLiteral("none"), QStringLiteral("retry"), QStringLiteral("escalate_to_codex")},
                                 s.defaultRetryPolicy);
    for (const QString &tool : configurableTools()) {
        const QString path = store.value(groupToolPaths() + QLatin1Char('/') + tool).toString();
        if (!path.isEmpty())
            s.toolPaths.insert(tool, path);
    }
    s.theme = oneOf(store.value(keyTheme()).toString(), themes(), s.theme);
    s.language = oneOf(store.value(keyLanguage()).toString(),
                       {QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("de")}, s.language);
    s.notifications = store.value(keyNotifications(), s.notifications).toBool();
    return s;
}

void Settings::save() const
{
    QSettings store;
    // Never set stays unset while it is the default, so the default keeps
    // following ORCHESTRATOR_DB and the data directory.
    if (store.contains(keyDatabase()) || databasePath != defaultDatabasePath())
        store.setValue(keyDatabase(), databasePath);
    store.setValue(keyWorkers(), workers);
    store.setValue(keyStartPaused(), startPaused);
    store.setValue(keyTimeout(), defaultTimeoutSeconds);
    store.setValue(keyRetryPolicy(), defaultRetryPolicy);
    // Rewritten whole, so a tool whose path was cleared goes back to PATH.
    store.remove(groupToolPaths());
    for (auto it = toolPaths.cbegin(); it != toolPaths.cend(); ++it) {
        if (!it.value().isEmpty())
            store.setValue(groupToolPaths() + QLatin1Char('/') + it.key(), it.value());
    }
    store.setValue(keyTheme(), theme);
    store.setValue(keyLanguage(), language);
    store.setValue(keyNotifications(), notifications);
}

const QList<QString> &configurableTools()
{
    static const QList<QString> tools{QStringLiteral("aider"), QStringLiteral("claude"), QStringLiteral("codex"),
                                      QStringLiteral("gemini"), QStringLiteral("git"), QStringLiteral("tests"),
                                      QStringLiteral("shell")};
    return tools;
}

const QStringList &themes()
{
    static const QStringList names{QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")};
    return names;
}

void applyTheme(const QString &theme)
{
    Original &saved = original();
    if (!saved.saved) {
        saved.saved = true;
        saved.styleName = QApplication::style()->name();
        saved.palette = QApplication::palette();
    }

    if (theme == QLatin1String("light") || theme == QLatin1String("dark")) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(theme == QLatin1String("dark") ? darkPalette() : lightPalette());
        return;
    }
    QApplication::setStyle(saved.styleName);
    QApplication::setPalette(saved.palette);
}

void applyToolPaths(const Settings &settings)
{
    for (const QString &tool : configurableTools()) {
        const QByteArray variable = "ORCHESTRATOR_TOOL_PATH_" + tool.toUpper().toUtf8();
        const QString path = settings.toolPaths.value(tool);
        if (path.isEmpty())
            qunsetenv(variable.constData());
        else
            qputenv(variable.constData(), path.toLocal8Bit());
    }
}

} // namespace Orchestrator::Ui
