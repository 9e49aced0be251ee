#pragma once

#include <QObject>

class QSocketNotifier;

namespace Orchestrator::Cli {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe),
// so a command can stop its engine cleanly instead of dying mid-write.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    int count() const { return m_count; }

Q_SIGNALS:
    void interrupted(int count);

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_count = 0;
};

} // namespace Orchestrator::Cli
