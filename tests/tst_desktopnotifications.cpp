// Desktop notifications over D-Bus: with an org.freedesktop.Notifications
// service on the session bus, a job that fails is announced there (critical
// urgency, with a Show action) and not in the window; invoking the action
// brings the dashboard up on that job. The bus is a private dbus-daemon of
// this test, and the service a stand-in registered on it, so every message
// is real D-Bus traffic.

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "models/jobtablemodel.h"
#include "testsupport.h"
#include "views/mainwindow.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;

namespace {

QString g_busAddress;

} // namespace

// What a notification daemon (dunst, GNOME Shell, plasmashell) offers.
class FakeNotifications final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString summary;
        QString body;
        QStringList actions;
        int urgency = -1;
    };
    QList<Call> calls;

public Q_SLOTS:
    uint Notify(const QString &, uint, const QString &, const QString &summary, const QString &body,
                const QStringList &actions, const QVariantMap &hints, int)
    {
        calls.append(Call{summary, body, actions, hints.value(QStringLiteral("urgency"), -1).toInt()});
        return uint(calls.size());
    }
    QStringList GetCapabilities() { return {QStringLiteral("actions"), QStringLiteral("body")}; }
    void CloseNotification(uint) {}
    QString GetServerInformation(QString &vendor, QString &version, QString &spec)
    {
        vendor = QStringLiteral("test");
        version = QStringLiteral("1");
        spec = QStringLiteral("1.2");
        return QStringLiteral("fake");
    }
};

class TestDesktopNotifications final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static int cli(const QString &db, const QStringList &args) { return cliExit(db, args); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!g_busAddress.isEmpty(), "no private session bus: dbus-daemon is needed (package dbus-daemon)");
        isolateDashboardSettings(m_dir);
    }

    void failureGoesToTheDesktopAndShowBringsTheJob()
    {
        FakeNotifications service;
        QDBusConnection daemon = QDBusConnection::connectToBus(g_busAddress, QStringLiteral("fake-notifications"));
        QVERIFY(daemon.isConnected());
        QVERIFY(daemon.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &service, QDBusConnection::ExportAllSlots));
        QVERIFY(daemon.registerService(QStringLiteral("org.freedesktop.Notifications")));

        const QString db = m_dir.filePath(QStringLiteral("desk/state.db"));
        DashboardOptions options;
        options.databasePath = db;
        MainWindow window(options);
        window.show();
        const QString job = writeJson(m_dir.filePath(QStringLiteral("fails.json")),
                                      QJsonObject{{QStringLiteral("job_id"), QStringLiteral("fails")},
                                                  {QStringLiteral("tool"), QStringLiteral("shell")},
                                                  {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                                          {QStringLiteral("args"), QJsonArray{QStringLiteral("--exit"), QStringLiteral("5")}}}}});
        QCOMPARE(cli(db, {QStringLiteral("submit"), job}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!service.calls.isEmpty(), 20000);
        const FakeNotifications::Call call = service.calls.first();
        QVERIFY2(call.body.contains(QStringLiteral("Job fails failed")), qPrintable(call.body));
        QCOMPARE(call.urgency, 2);  // critical: a failure
        QVERIFY(call.actions.contains(QStringLiteral("default")));
        // Not in the window as well.
        QVERIFY(!window.findChild<QLabel *>(QStringLiteral("banner"))->isVisible());

        // Another program's notification id: nothing happens; ours: the job.
        window.jobsView()->clearSelection();
        QDBusMessage other = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                                        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("ActionInvoked"));
        other << uint(999) << QStringLiteral("default");
        QVERIFY(daemon.send(other));
        QTest::qWait(300);
        QVERIFY(window.jobsView()->selectionModel()->selectedRows().isEmpty());
        QDBusMessage show = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                                       QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("ActionInvoked"));
        show << uint(1) << QStringLiteral("default");
        QVERIFY(daemon.send(show));
        QTRY_VERIFY_WITH_TIMEOUT(!window.jobsView()->selectionModel()->selectedRows().isEmpty(), 5000);
        QCOMPARE(window.jobsView()->selectionModel()->selectedRows().first().data(JobTableModel::JobIdRole).toString(),
                 QStringLiteral("fails"));
        window.close();
        daemon.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
    }
};

// A private session bus before anything (the application's platform theme
// included) connects to one.
int main(int argc, char **argv)
{
    long daemonPid = 0;
    if (FILE *out = ::popen("dbus-daemon --session --fork --print-address=1 --print-pid=1 2>/dev/null", "r")) {
        char line[1024] = {};
        if (std::fgets(line, sizeof line, out))
            g_busAddress = QString::fromLocal8Bit(line).trimmed();
        if (std::fgets(line, sizeof line, out))
            daemonPid = std::atol(line);
        ::pclose(out);
    }
    if (!g_busAddress.isEmpty())
        qputenv("DBUS_SESSION_BUS_ADDRESS", g_busAddress.toLocal8Bit());
    int code = 0;
    {
        QApplication app(argc, argv);
        TestDesktopNotifications test;
        code = QTest::qExec(&test, argc, argv);
    }
    if (daemonPid > 0)
        ::kill(pid_t(daemonPid), SIGTERM);
    return code;
}

#include "tst_desktopnotifications.moc"
