#include "desktopnotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace Orchestrator::Ui {

namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
// Notifications kept for their actions at most; the oldest are forgotten.
constexpr qsizetype kRemembered = 200;

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected())
        bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint,QString)));
}

bool DesktopNotifier::available() const
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface() && bus.interface()->isServiceRegistered(kService).value();
}

void DesktopNotifier::notify(const QString &summary, const QString &body, Urgency urgency, const QString &jobId)
{
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    // "default" is the click on the notification itself.
    const QStringList actions{QStringLiteral("default"), tr("Show"), QStringLiteral("show"), tr("Show")};
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(uchar(urgency)));
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("orchestrator"));
    call << QStringLiteral("Orchestrator") << uint(0) << QStringLiteral("orchestrator") << summary << body.toHtmlEscaped()
         << actions << hints << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, jobId](QDBusPendingCallWatcher *finished) {
        const QDBusPendingReply<uint> reply = *finished;
        if (!reply.isError()) {
            if (m_jobs.size() >= kRemembered)
                m_jobs.erase(m_jobs.begin());
            m_jobs.insert(reply.value(), jobId);
        }
        finished->deleteLater();
    });
}

void DesktopNotifier::onActionInvoked(uint id, const QString &action)
{
    const auto it = m_jobs.constFind(id);
    if (it == m_jobs.cend())
        return;  // another program's notification
    if (action == QLatin1String("default") || action == QLatin1String("show"))
        Q_EMIT activated(*it);
}

} // namespace Orchestrator::Ui
