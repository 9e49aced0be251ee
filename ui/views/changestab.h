#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include "core/records.h"
#include "views/changesview.h"

class QWidget;

namespace Orchestrator {
class Session;
struct JobDetails;
}

namespace Orchestrator::Ui {

// Keeps the Changes tab on the selected job: what each attempt of a worktree
// job changed (from the job's details, which the window asks for anyway)
// and the diff of the attempt shown, asked from the session only while the
// tab is visible (git runs on the session's query thread). A diff is asked
// once per attempt and result commit; an answer about a job no longer shown
// is dropped. Land and Discard ask for confirmation, then go to the session;
// what they did comes back in words as message() or problem().
class ChangesTab final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangesTab)

public:
    // Confirmations are window-modal boxes over `window`.
    ChangesTab(Orchestrator::Session *session, QWidget *window);

    ChangesView *view() const { return m_view; }

    // The selected job as the jobs table has it (the newest state), with its
    // details once they are known (null: not yet, or not readable now).
    void showJob(const Orchestrator::JobRecord &job, const Orchestrator::JobDetails *details);
    // No job selected.
    void clear();
    // Diffs are asked for only while the tab is visible.
    void setVisible(bool visible);

    // Why the job's change cannot land or be discarded now, in words; empty when it can.
    static QString whyNotLand(const Orchestrator::JobRecord &job);
    static QString whyNotDiscard(const Orchestrator::JobRecord &job);

Q_SIGNALS:
    void message(const QString &text);   // what a command did
    void problem(const QString &text);   // a command that failed, or a program that could not start

private:
    void showPlaceholder(const QString &text);
    void updateActions();
    void askDiff(int attempt);
    void confirmLand();
    void confirmDiscard();
    void openWorktree(const QString &path);
    void openTerminal(const QString &path);

    Orchestrator::Session *m_session;
    QWidget *m_window;
    ChangesView *m_view;
    Orchestrator::JobRecord m_job;        // the job shown, as last given
    QList<AttemptChanges> m_attempts;     // with the diffs that arrived
    QString m_signature;                  // what m_attempts were made from; empty: a placeholder is shown
    QHash<int, QString> m_diffLoaded;     // attempt -> the result commit its diff is of
    QSet<int> m_diffAsked;                // attempts whose diff is being read
    int m_selectedAttempt = 0;            // the one the user chose; 0: the last
    quint64 m_generation = 0;             // counts jobs shown: answers of an older one are dropped
    bool m_visible = false;
    bool m_busy = false;                  // a land or discard of the job is running
};

} // namespace Orchestrator::Ui
