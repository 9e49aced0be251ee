#pragma once

#include <optional>

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include "api/enginetypes.h"
#include "core/records.h"

class QAction;
class QComboBox;
class QDockWidget;
class QHeaderView;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;
class QTabWidget;
class QTextBrowser;
class QTimer;
class QTreeView;
class QSystemTrayIcon;

namespace Orchestrator {
struct JobDetails;
}

namespace Orchestrator::Ui {

class ChangesTab;
class DesktopNotifier;
class EmptyState;
class ChangesView;
class ConversationView;
class RetryPanel;
class EngineHost;
class JobFilterProxy;
class LandDialog;
class JobTableModel;
class LogView;
class WorkersView;
class ConversionWizard;
class RunViews;
class WorkstreamModel;

struct DashboardOptions
{
    QString databasePath;
    bool databaseGivenWithDb = false;   // --db: the database setting does not apply
    int workers = 4;
    bool startPaused = false;
};

// The dashboard: workstreams, jobs, the selected job's log and details,
// queue controls and a status bar. Everything live comes from the session's
// batches (EngineHost::session()); the selected job's details, the graph and
// the timeline come from its queries, answered on an engine thread: the GUI
// thread runs no SQL.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(const DashboardOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    JobTableModel *jobsModel() const { return m_jobs; }
    QTableView *jobsView() const { return m_table; }
    void selectJob(const QString &jobId);
    // "log", "conversation", "retry", "details" or "changes".
    void showJobTab(const QString &name);
    ChangesView *changesView() const;
    ConversationView *conversationView() const { return m_conversation; }
    RetryPanel *retryPanel() const { return m_retryPanel; }
    // "jobs", "graph" or "timeline".
    void showView(const QString &name);
    RunViews *runViews() const { return m_runViews; }
    WorkersView *workersView() const { return m_workersView; }
    // Files dropped on the window or handed over by a second dashboard on the
    // same database (see SingleInstance): job files are submitted.
    // Workstream files open the conversion wizard with them instead.
    void openFiles(const QStringList &files);
    // Opens the conversion wizard (window-modal, not blocking) on `sources`,
    // or adds them to the one already open; returns it.
    ConversionWizard *openConversionWizard(const QStringList &sources = {});
    // Opens "Land run…" (window-modal, not blocking) on `runId`; returns it.
    LandDialog *openLandDialog(const QString &runId);

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    QWidget *createFilterBar();
    void applyBatch(const QList<Orchestrator::JobRecord> &jobs, bool live);
    void notifyAbout(const QList<Orchestrator::JobRecord> &jobs, const QHash<QString, JobState> &before);
    // Notice: all went well; Warning: something ended without success;
    // Problem: a command or the engine failed.
    enum class Tone { Notice, Warning, Problem };
    // One batch's notices together: system tray if there is one, else a banner.
    // `jobId`: the job the notice is about, which its Show action selects.
    void notify(const QStringList &lines, Tone tone, const QString &jobId = {});
    // The banner above the panes, coloured by `tone`, hidden after a while.
    void showBanner(const QString &text, Tone tone);
    QWidget *createRetryPanel();
    void createMenus();
    void showShortcuts();
    void openSettings(const std::optional<Orchestrator::SharedSettings> &shared);
    QString selectedRunId() const;
    // Follows the selected job's log and asks the session for its details
    // (one question at a time: asked again while one is out, it asks once
    // more when the answer arrives).
    void showSelectedJob();
    // The details and retry panes of `job` (the table's record), with what
    // the database adds (spec, environment, why, attempts) when known.
    void showDetails(const Orchestrator::JobRecord &job, const Orchestrator::JobDetails *details);
    // Counts come from the model's running totals; jobs/minute is recounted
    // by the clock (countRecentlyFinished), not on every batch.
    void updateStatusBar();
    void countRecentlyFinished();
    void showProblem(const QString &text);
    QStringList selectedJobIds() const;
    // Why a job command cannot act on a job, in words; empty when it can.
    using JobCheck = QString (*)(const Orchestrator::JobRecord &job);
    // The selected jobs `check` lets through: what a job command acts on.
    QStringList selectedJobsWhere(JobCheck check) const;
    // Enables each job command while it can act on a selected job; the
    // tooltip of a disabled one says why not.
    void updateJobActions();
    // Retry all failed, Cancel run, Land run: enabled while there is
    // something for them to act on; a disabled one's tooltip says why not.
    void updateQueueActions();
    // The empty state over the jobs table while the database has no job.
    void updateEmptyState();
    // The banner floats over the panes' bottom right corner: showing or
    // hiding it never moves anything.
    void placeBanner();
    // The job id and run/workstream name columns take the width their views
    // have left over, at least a readable minimum.
    void fitNameColumns();
    // `column` of `header` takes the width its view has left over, at least `minimum`.
    void fitNameColumn(QHeaderView *header, int column, int minimum);
    void submitInteractively();
    // A new job from the selected job's spec (edited first when `edit`),
    // recorded as resubmitted from it; selected when it arrives.
    void resubmitSelected(bool edit);
    void resubmitEdited(const QString &jobId, const QJsonObject &spec);
    // Selects `jobId` as soon as it arrives (after a submit).
    void selectWhenItArrives(const QString &jobId);
    // View > Newest first, remembered in the settings.
    void applyNewestFirst(bool on);

    QPointer<ConversionWizard> m_wizard;

    DashboardOptions m_options;
    EngineHost *m_host = nullptr;
    JobTableModel *m_jobs = nullptr;
    JobFilterProxy *m_proxy = nullptr;
    WorkstreamModel *m_workstreams = nullptr;

    QTableView *m_table = nullptr;
    QTreeView *m_tree = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTabWidget *m_views = nullptr;            // jobs table, graph, timeline
    QWidget *m_jobsPane = nullptr;
    RunViews *m_runViews = nullptr;
    LogView *m_log = nullptr;
    ChangesTab *m_changes = nullptr;          // the Changes tab and its commands
    ConversationView *m_conversation = nullptr; // what the selected attempt's AI tool said and did
    WorkersView *m_workersView = nullptr;     // in a dock, View > Workers (Ctrl+8)
    QDockWidget *m_workersDock = nullptr;
    QTextBrowser *m_details = nullptr;
    RetryPanel *m_retryPanel = nullptr;
    QLabel *m_banner = nullptr;
    DesktopNotifier *m_desktop = nullptr;          // freedesktop notifications, first choice
    QTimer *m_bannerTimer = nullptr;
    EmptyState *m_emptyState = nullptr;
    bool m_snapshotSeen = false;                   // the first snapshot came: an empty table means no jobs
    QString m_selectWhenArrived;                   // a job just submitted from here
    QHash<QAction *, QString> m_queueActionTips;   // Retry all failed, Cancel run, Land run
    QLineEdit *m_filterText = nullptr;
    QComboBox *m_filterState = nullptr;
    QComboBox *m_filterTool = nullptr;
    QComboBox *m_filterPriority = nullptr;
    QSpinBox *m_workerSpin = nullptr;
    QLabel *m_counts = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_retryAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_retryNowAction = nullptr;
    QAction *m_escalateAction = nullptr;
    QAction *m_priorityAction = nullptr;
    QAction *m_runAgainAction = nullptr;      // a new job from the selected one's spec
    QAction *m_editResubmitAction = nullptr;  // the same, its spec edited first
    QAction *m_submitAction = nullptr;
    QAction *m_convertAction = nullptr;
    QAction *m_retryFailedAction = nullptr;
    QAction *m_cancelRunAction = nullptr;
    QAction *m_landRunAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_focusFilterAction = nullptr;
    QAction *m_newestFirstAction = nullptr;   // View > Newest first
    bool m_sortingByCode = false;             // a sort this window asked for, not a header click
    QAction *m_quitAction = nullptr;
    QHash<QAction *, QString> m_jobActionTips;   // each job command's own tooltip
    QSystemTrayIcon *m_tray = nullptr;
    QTimer *m_clock = nullptr;
    QString m_shownJob;
    int m_finishedLastMinute = 0;
    bool m_detailsAsked = false;      // a details query is out
    bool m_detailsAgain = false;      // ask again when it is answered

    QStringList m_bannerLines;        // shown in the info banner, newest first
    bool m_bannerIsInfo = false;
    static constexpr int kBannerLines = 4;
};

} // namespace Orchestrator::Ui
