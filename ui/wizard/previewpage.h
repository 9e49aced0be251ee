#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QWizardPage>

#include "api/enginetypes.h"
#include "core/result.h"

class QLabel;
class QTreeWidget;

namespace Orchestrator {
class Session;
}

namespace Orchestrator::Ui {

class ConversionSession;
class DagView;
class ProblemList;

// Page 4: the planned jobs drawn with the dashboard's DAG view, and the
// order they would start in, wave by wave (a wave's jobs wait only for
// earlier waves). Dependency problems are drawn in place, in the failed
// colour: workstreams caught in a cycle (which plan no job) as one node
// each, an unknown dependency as a node of its own, and the jobs of the
// workstreams involved. Next waits for a plan without problems.
//
// Before anything is written, the jobs are also checked against this
// machine and the dashboard's database: a tool whose program is not on PATH
// (the job's own or one its retries escalate to) is a warning, since those
// attempts would fail to start; a job id the database already holds is an
// error that rules out submitting (the submission would be refused) but not
// writing the files. Next waits for both checks.
class PreviewPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewPage)

public:
    explicit PreviewPage(ConversionSession *session, QWidget *parent = nullptr);
    ~PreviewPage() override;

    // The database the job ids are checked against (null: they are not).
    void setEngineSession(Session *session);

    DagView *dagView() const { return m_dag; }
    void initializePage() override;
    bool isComplete() const override;

    // Both checks have answered.
    bool isChecked() const { return !m_toolsPending && !m_idsPending; }
    // Planned job ids already in the database, and the tools not installed.
    QStringList collidingJobIds() const { return m_existing.keys(); }
    QStringList missingTools() const { return m_missingTools; }
    // Why the planned jobs cannot be submitted ("" when they can).
    QString submitBlockedReason() const;

    static QString previewRunId() { return QStringLiteral("preview"); }

Q_SIGNALS:
    void checksFinished();

private:
    void showStartOrder();
    void startChecks();
    void showChecks();

    ConversionSession *m_session = nullptr;
    QPointer<Session> m_engine;
    DagView *m_dag = nullptr;
    QTreeWidget *m_order = nullptr;
    QLabel *m_summary = nullptr;
    ProblemList *m_problems = nullptr;
    ProblemList *m_warnings = nullptr;

    QFutureWatcher<Result<QList<ToolInfo>>> m_toolsWatcher;
    int m_generation = 0;             // answers to earlier checks are dropped
    bool m_toolsPending = false;
    bool m_idsPending = false;
    QHash<QString, JobRecord> m_existing;       // planned job id -> the job of that id in the database
    QHash<QString, QString> m_programs;         // tool -> its program on PATH ("" when not installed)
    QHash<QString, QString> m_profilePrograms;  // tool -> the program its profile names
    QStringList m_missingTools;
    QString m_checkError;
    QString m_summaryText;                      // jobs and waves
    QStringList m_planProblems;                 // dependency problems and the plan's errors
};

} // namespace Orchestrator::Ui
