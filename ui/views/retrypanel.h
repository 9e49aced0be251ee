#pragma once

#include <optional>

#include <QList>
#include <QTimer>
#include <QWidget>

#include "core/records.h"

class QAction;
class QLabel;
class QTextBrowser;

namespace Orchestrator {
struct JobDetails;
}

namespace Orchestrator::Ui {

// The Retry state tab: buttons for the job commands of a waiting job, the
// wait for the next attempt as a countdown ("rate limited until 14:05 (12 min
// left)"), and every attempt with its tool, times, result and reason, and
// what an AI tool said of it ("claude: Not logged in · Please run /login").
// The countdown ticks once a second, by one timer that runs only while the
// tab is visible and the job waits.
class RetryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetryPanel)

public:
    // A button for each action, kept enabled and explained as the action is.
    explicit RetryPanel(const QList<QAction *> &actions, QWidget *parent = nullptr);

    // The job as the table has it, with its details (attempts) once known.
    void showJob(const Orchestrator::JobRecord &job, const Orchestrator::JobDetails *details);
    void clear();
    // The countdown ticks only while the tab is shown.
    void setActive(bool active);

    QTextBrowser *attemptsView() const { return m_attempts; }
    QString countdownText() const;
    bool isTicking() const { return m_tick.isActive(); }

    // What an AI tool's outcome is called ("rate_limited" -> "rate limited").
    static QString agentOutcomeName(const QString &outcome);
    // "14 s", "12 min", "2 h 5 min": a wait's length, rounded up.
    static QString waitText(qint64 ms);

private:
    void updateCountdown();
    void updateTicking();

    QLabel *m_countdown = nullptr;
    QTextBrowser *m_attempts = nullptr;
    QTimer m_tick;
    bool m_active = false;
    std::optional<qint64> m_nextAttemptAt;  // the job waits for this time
    bool m_rateLimited = false;             // because its last attempt hit a rate limit
    QString m_nextTool;
};

} // namespace Orchestrator::Ui
