#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace Orchestrator::Ui {

// Desktop notifications through the freedesktop.org service on the session
// bus (org.freedesktop.Notifications: GNOME, KDE, XFCE, dunst, mako ...),
// with a "Show" action that brings the dashboard up on the job concerned.
// Without a session bus or a notification service, available() is false and
// the dashboard falls back to the tray icon, then to its in-window toast.
class DesktopNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

public:
    enum class Urgency { Low = 0, Normal = 1, Critical = 2 };

    explicit DesktopNotifier(QObject *parent = nullptr);

    // A notification service is on the session bus now.
    bool available() const;
    // Sends asynchronously; `jobId` (may be empty) is what activated() names
    // when the user clicks the notification or its Show action.
    void notify(const QString &summary, const QString &body, Urgency urgency, const QString &jobId);

Q_SIGNALS:
    void activated(const QString &jobId);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);

private:
    QHash<uint, QString> m_jobs;  // notification id -> job id, for its actions
};

} // namespace Orchestrator::Ui
