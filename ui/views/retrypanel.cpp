#include "views/retrypanel.h"

#include <algorithm>

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "api/messagetext.h"
#include "api/session.h"

namespace Orchestrator::Ui {

namespace {

QString escaped(const QString &text) { return text.toHtmlEscaped(); }

QString timeText(const std::optional<qint64> &ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("–");
}

// What an AI tool said of an attempt: "claude: Not logged in · Please run
// /login", or the outcome's name when it gave no message.
QString agentWords(const AttemptRecord &attempt)
{
    if (attempt.agentOutcome.isEmpty())
        return {};
    const QString said = attempt.agentMessage.isEmpty() ? RetryPanel::agentOutcomeName(attempt.agentOutcome) : attempt.agentMessage;
    return RetryPanel::tr("%1: %2").arg(attempt.tool, said);
}

} // namespace

RetryPanel::RetryPanel(const QList<QAction *> &actions, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *buttons = new QHBoxLayout;
    for (QAction *action : actions) {
        auto *button = new QPushButton(action->icon(), action->text());
        button->setToolTip(action->toolTip());
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        connect(action, &QAction::changed, button, [button, action] {
            button->setEnabled(action->isEnabled());
            button->setToolTip(action->toolTip());
        });
        button->setEnabled(action->isEnabled());
        buttons->addWidget(button);
    }
    buttons->addStretch();
    layout->addLayout(buttons);

    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("retryCountdown"));
    m_countdown->setWordWrap(true);
    m_countdown->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_countdown->font();
    bold.setBold(true);
    m_countdown->setFont(bold);
    m_countdown->hide();
    layout->addWidget(m_countdown);

    m_attempts = new QTextBrowser(this);
    m_attempts->setObjectName(QStringLiteral("attemptsView"));
    m_attempts->setAccessibleName(tr("Attempts and retry state"));
    layout->addWidget(m_attempts);

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &RetryPanel::updateCountdown);
}

QString RetryPanel::agentOutcomeName(const QString &outcome)
{
    if (outcome == QLatin1String("ok"))
        return tr("ok");
    if (outcome == QLatin1String("error"))
        return tr("error");
    if (outcome == QLatin1String("rate_limited"))
        return tr("rate limited");
    if (outcome == QLatin1String("auth_failed"))
        return tr("not logged in");
    if (outcome == QLatin1String("budget_exceeded"))
        return tr("budget exceeded");
    if (outcome == QLatin1String("max_turns"))
        return tr("turn limit reached");
    if (outcome == QLatin1String("network"))
        return tr("network problem");
    return outcome;
}

QString RetryPanel::waitText(qint64 ms)
{
    const qint64 seconds = (qMax<qint64>(0, ms) + 999) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const qint64 minutes = (seconds + 59) / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

void RetryPanel::clear()
{
    m_nextAttemptAt.reset();
    m_attempts->clear();
    updateCountdown();
    updateTicking();
}

void RetryPanel::setActive(bool active)
{
    m_active = active;
    updateCountdown();
    updateTicking();
}

void RetryPanel::updateTicking()
{
    const bool tick = m_active && m_nextAttemptAt.has_value();
    if (tick && !m_tick.isActive())
        m_tick.start();
    else if (!tick)
        m_tick.stop();
}

QString RetryPanel::countdownText() const
{
    return m_countdown->isHidden() ? QString() : m_countdown->text();
}

void RetryPanel::updateCountdown()
{
    m_countdown->setVisible(m_nextAttemptAt.has_value());
    if (!m_nextAttemptAt)
        return;
    const qint64 left = *m_nextAttemptAt - QDateTime::currentMSecsSinceEpoch();
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(*m_nextAttemptAt);
    // The time of day alone while the wait ends today, else with the date.
    const QString when = at.date() == QDate::currentDate() ? at.toString(QStringLiteral("HH:mm"))
                                                           : at.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    if (m_rateLimited)
        m_countdown->setText(left > 0 ? tr("%1 is rate limited until %2 (%3 left); the next attempt does not count against "
                                           "the retry policy.").arg(m_nextTool, when, waitText(left))
                                      : tr("%1 was rate limited until %2: the next attempt starts now.").arg(m_nextTool, when));
    else
        m_countdown->setText(left > 0 ? tr("Next attempt in %1 (at %2) with %3").arg(waitText(left), at.toString(QStringLiteral("HH:mm:ss")), m_nextTool)
                                      : tr("Next attempt with %1 starts now.").arg(m_nextTool));
}

void RetryPanel::showJob(const JobRecord &job, const JobDetails *details)
{
    const QList<AttemptRecord> attempts = details ? details->attempts : QList<AttemptRecord>();
    const bool waiting = job.state == JobState::RetryWaiting && job.nextAttemptAt;
    m_nextAttemptAt = waiting ? job.nextAttemptAt : std::nullopt;
    m_nextTool = job.nextTool.isEmpty() ? job.tool : job.nextTool;
    if (details)
        m_rateLimited = waiting && !attempts.isEmpty() && attempts.last().outcome == Outcome::RateLimited;
    else if (!waiting)
        m_rateLimited = false;
    updateCountdown();
    updateTicking();

    // One rule in every view (README, "Counting attempts"): attempt numbers as
    // they started, of the highest number the budget allows.
    QString retry = QStringLiteral("<h3>%1</h3>")
                        .arg(job.attempts == 0 ? tr("No attempt yet (at most %1)").arg(job.maxAttempts())
                                               : tr("Attempt %1 of %2").arg(job.attempts).arg(job.maxAttempts()));
    const auto notCounted = std::count_if(attempts.cbegin(), attempts.cend(), [](const AttemptRecord &a) {
        return a.outcome == Outcome::Interrupted;
    });
    if (notCounted > 0)
        retry += QStringLiteral("<p>%1</p>").arg(tr("%n interrupted attempt(s) did not count against the retry policy.", "",
                                                    int(notCounted)));
    retry += QStringLiteral("<table cellspacing=6><tr><th>#</th><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>")
                 .arg(tr("Tool"), tr("Started"), tr("Duration"), tr("Result"), tr("Reason"));
    for (const AttemptRecord &a : std::as_const(attempts)) {
        const QString result = a.timedOut() ? tr("timed out")
            : a.outcome == Outcome::RateLimited ? tr("rate limited (not counted)")
            : a.signal                    ? tr("signal %1").arg(*a.signal)
            : a.exitCode                  ? tr("exit %1").arg(*a.exitCode)
            : a.outcome == Outcome::Interrupted ? tr("interrupted (not counted)")
                                          : escaped(attemptStatusName(a.outcome));
        retry += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>")
                     .arg(a.attempt)
                     .arg(escaped(a.tool), timeText(a.startedAt),
                          a.durationMs ? tr("%1 s").arg(QLocale().toString(double(*a.durationMs) / 1000.0, 'f', 2)) : QStringLiteral("–"), result,
                          escaped(MessageText::translated(a.reason)));
        // What the AI tool itself said, on a line of its own under the
        // attempt, unless the reason already says it in its words.
        if (const QString said = agentWords(a); !said.isEmpty() && (a.agentMessage.isEmpty() || !a.reason.contains(a.agentMessage)))
            retry += QStringLiteral("<tr><td></td><td colspan=5><i>%1</i> — %2</td></tr>")
                         .arg(escaped(agentOutcomeName(a.agentOutcome)), escaped(said));
    }
    retry += QStringLiteral("</table>");
    m_attempts->setHtml(retry);
}

} // namespace Orchestrator::Ui
