#include "mainwindow.h"

#include <algorithm>
#include <utility>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QPlainTextEdit>
#include <QFontDatabase>
#include <QDialogButtonBox>
#include <QDialog>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSet>
#include <QSpinBox>
#include <QMenu>
#include <QGraphicsView>
#include <QMenuBar>
#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "api/engine.h"
#include "api/messagetext.h"
#include "api/session.h"
#include "app/desktopnotifier.h"
#include "app/settings.h"
#include "controller/enginehost.h"
#include "core/jobrules.h"
#include "core/paths.h"
#include "dialogs/landdialog.h"
#include "dialogs/settingsdialog.h"
#include "dialogs/submitdialog.h"
#include "models/jobfilterproxy.h"
#include "models/changewords.h"
#include "models/jobtablemodel.h"
#include "models/stateicons.h"
#include "models/usagewords.h"
#include "models/workstreammodel.h"
#include "views/changestab.h"
#include "views/conversationview.h"
#include "views/retrypanel.h"
#include "views/changesview.h"
#include "views/dagview.h"
#include "views/emptystate.h"
#include "views/logview.h"
#include "views/runviews.h"
#include "views/timelineview.h"
#include "views/workersview.h"
#include "wizard/conversionwizard.h"

namespace Orchestrator::Ui {

namespace {

// Environment values whose names look secret are never shown.
bool looksSecret(const QString &name)
{
    static const char *const markers[] = {"KEY", "TOKEN", "SECRET", "PASSWORD", "PASS", "AUTH"};
    const QString upper = name.toUpper();
    for (const char *marker : markers) {
        if (upper.contains(QLatin1String(marker)))
            return true;
    }
    return false;
}

QString escaped(const QString &text) { return text.toHtmlEscaped(); }

// The engine's rules (Transitions), so a command is offered where it works.
QString whyNotRetry(const JobRecord &job)
{
    if (canRetry(job.state))
        return {};
    return MainWindow::tr("Job %1 (%2): only a job that ended without success or waits to retry can be retried.")
        .arg(job.jobId, JobTableModel::stateName(job.state));
}

QString whyNotCancel(const JobRecord &job)
{
    if (!isFinal(job.state))
        return {};
    return MainWindow::tr("Job %1 (%2) has ended: only unfinished jobs can be cancelled.")
        .arg(job.jobId, JobTableModel::stateName(job.state));
}

QString whyNotPrioritise(const JobRecord &job)
{
    if (!isFinal(job.state))
        return {};
    return MainWindow::tr("Job %1 (%2) has ended: its priority no longer matters.")
        .arg(job.jobId, JobTableModel::stateName(job.state));
}

QString whyNotEscalate(const JobRecord &job)
{
    if (job.retry.escalateTo.isEmpty())
        return MainWindow::tr("Job %1 has no tool to escalate to: its retry policy names no escalate_to.").arg(job.jobId);
    if (!canRetry(job.state))
        return MainWindow::tr("Job %1 (%2): only a job that ended without success or waits to retry can be escalated.")
            .arg(job.jobId, JobTableModel::stateName(job.state));
    if (escalationTool(job).isEmpty())
        return MainWindow::tr("Job %1 has already used the last tool of its retry policy (%2).")
            .arg(job.jobId, job.retry.escalateTo.last());
    return {};
}

} // namespace

MainWindow::MainWindow(const DashboardOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
{
    setWindowTitle(tr("Orchestrator — %1").arg(QFileInfo(options.databasePath).fileName()));
    setWindowIcon(applicationIcon());
    setAcceptDrops(true);

    m_host = new EngineHost(this);
    m_jobs = new JobTableModel(this);
    m_proxy = new JobFilterProxy(this);
    m_proxy->setSourceModel(m_jobs);
    m_workstreams = new WorkstreamModel(this);
    // Actions first: panels below put buttons on some of them.
    createActions();

    m_tree = new QTreeView;
    m_tree->setModel(m_workstreams);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    // The name takes what the counters leave, but never less than a readable
    // minimum (a horizontal scroll bar then): fitNameColumns().
    m_tree->header()->setSectionResizeMode(WorkstreamModel::NameColumn, QHeaderView::Interactive);
    // Fixed widths for the counters: sizing them to their contents would
    // measure every row on each live update.
    m_tree->header()->setSectionResizeMode(WorkstreamModel::ProgressColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(WorkstreamModel::FailedColumn, QHeaderView::Interactive);
    m_tree->setColumnWidth(WorkstreamModel::ProgressColumn, m_tree->fontMetrics().horizontalAdvance(WorkstreamModel::tr("%1/%2 (%3 running)").arg(999).arg(999).arg(99)) + 16);
    m_tree->setColumnWidth(WorkstreamModel::FailedColumn, m_tree->fontMetrics().horizontalAdvance(m_workstreams->headerData(WorkstreamModel::FailedColumn, Qt::Horizontal).toString() + QStringLiteral("MM")));
    m_tree->header()->setSectionResizeMode(WorkstreamModel::CostColumn, QHeaderView::Interactive);
    m_tree->setColumnWidth(WorkstreamModel::CostColumn, m_tree->fontMetrics().horizontalAdvance(UsageWords::dollars(99.99) + QStringLiteral("MM")));
    m_tree->setColumnHidden(WorkstreamModel::CostColumn, true);
    m_tree->setMinimumWidth(200);

    m_table = new QTableView;
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(JobTableModel::IdColumn, QHeaderView::Interactive);
    // Narrow columns sized to their header or typical content, so the job id
    // (which stretches) keeps the room; measuring 10,000 rows would not scale.
    const QFontMetrics metrics = m_table->fontMetrics();
    auto fit = [&](int column, const QString &sample) {
        const QString header = m_jobs->headerData(column, Qt::Horizontal).toString();
        m_table->setColumnWidth(column, qMax(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(header)) + 28);
    };
    fit(JobTableModel::WorkstreamColumn, QStringLiteral("ws-release-00"));
    fit(JobTableModel::ToolColumn, QStringLiteral("codex"));
    fit(JobTableModel::StateColumn, JobTableModel::stateName(JobState::RetryWaiting) + QStringLiteral("MM"));
    fit(JobTableModel::PriorityColumn, JobTableModel::priorityName(Priority::Critical));
    fit(JobTableModel::AttemptColumn, QStringLiteral("10/10"));
    fit(JobTableModel::StartedColumn, QStringLiteral("00:00:00"));
    fit(JobTableModel::DurationColumn, QStringLiteral("59 min 59 s"));
    fit(JobTableModel::ExitCodeColumn, QStringLiteral("255"));
    // A typical summary and the out-of-scope icon; longer ones ("landed · …")
    // are elided, their tooltip has it all.
    fit(JobTableModel::ChangesColumn, ChangeWords::summary(99, 9, 2) + QStringLiteral("M"));
    fit(JobTableModel::TokensColumn, UsageWords::tokens(65700, 1900));
    fit(JobTableModel::CostColumn, UsageWords::dollars(99.99));
    m_table->setWordWrap(false);
    // Tab leaves the table (arrows move inside it); middle elision keeps
    // both ends of long generated ids.
    m_table->setTabKeyNavigation(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_table->setColumnHidden(JobTableModel::ChangesColumn, true);
    m_table->setColumnHidden(JobTableModel::TokensColumn, true);
    m_table->setColumnHidden(JobTableModel::CostColumn, true);

    auto *jobsPane = new QWidget;
    auto *jobsLayout = new QVBoxLayout(jobsPane);
    jobsLayout->setContentsMargins(0, 0, 0, 0);
    jobsLayout->addWidget(createFilterBar());
    jobsLayout->addWidget(m_table);

    m_log = new LogView;
    m_details = new QTextBrowser;
    m_tabs = new QTabWidget;
    m_tabs->addTab(m_log, tr("&Log"));
    m_conversation = new ConversationView;
    m_tabs->addTab(m_conversation, tr("C&onversation"));
    m_tabs->addTab(createRetryPanel(), tr("&Retry state"));
    m_tabs->addTab(m_details, tr("&Details"));
    m_changes = new ChangesTab(m_host->session(), this);
    m_tabs->addTab(m_changes->view(), tr("Ch&anges"));
    // Diffs are read with git: only while the tab is shown.
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this] {
                m_changes->setVisible(m_tabs->currentWidget() == m_changes->view());
                m_conversation->setActive(m_tabs->currentWidget() == m_conversation);
                m_retryPanel->setActive(m_tabs->currentWidget() == m_retryPanel);
            });
    connect(m_changes, &ChangesTab::message, this, [this](const QString &text) {
        m_bannerIsInfo = false;
        showBanner(text, Tone::Notice);
    });
    connect(m_changes, &ChangesTab::problem, this, &MainWindow::showProblem);

    m_jobsPane = jobsPane;
    m_runViews = new RunViews(m_jobs, m_host->session(), this);
    m_views = new QTabWidget;
    m_views->setDocumentMode(true);
    m_views->addTab(jobsPane, tr("&Jobs"));
    m_views->addTab(m_runViews->dag(), tr("&Graph"));
    m_views->addTab(m_runViews->timeline(), tr("Ti&meline"));
    auto visibleView = [this] {
        const QWidget *current = m_views->currentWidget();
        m_runViews->setVisible(current == m_runViews->dag()        ? RunViews::Visible::Graph
                               : current == m_runViews->timeline() ? RunViews::Visible::Timeline
                                                                   : RunViews::Visible::None);
    };
    connect(m_views, &QTabWidget::currentChanged, this, visibleView);
    connect(m_runViews, &RunViews::jobSelected, this, [this](const QString &jobId) { selectJob(jobId); });
    connect(m_runViews, &RunViews::retryRequested, m_host, &EngineHost::retry);
    connect(m_runViews, &RunViews::cancelRequested, m_host, &EngineHost::cancel);
    connect(m_runViews, &RunViews::showLogRequested, this, [this](const QString &jobId) {
        selectJob(jobId);
        m_tabs->setCurrentWidget(m_log);
    });
    connect(m_runViews, &RunViews::problem, this, &MainWindow::showProblem);

    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(m_views);
    right->addWidget(m_tabs);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_tree);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({340, 940});

    auto *central = new QWidget;
    // A toast over the panes, not a row of the layout: it never pushes the
    // table down under the pointer. A click dismisses it.
    m_banner = new QLabel(central);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setToolTip(tr("Click to dismiss"));
    m_banner->installEventFilter(this);
    central->installEventFilter(this);
    m_bannerTimer = new QTimer(this);
    m_bannerTimer->setSingleShot(true);
    connect(m_bannerTimer, &QTimer::timeout, m_banner, &QWidget::hide);
    // The "tone" property (showBanner) picks the colours: calm for good news,
    // amber for work that ended without success, red for errors.
    m_banner->setStyleSheet(QStringLiteral(
        "QLabel#banner { padding: 8px; border: 1px solid; border-radius: 4px; }"
        "QLabel#banner[tone=\"notice\"] { background: #e8f0fe; color: #0b3d91; border-color: #c6d7f9; }"
        "QLabel#banner[tone=\"warning\"] { background: #fff4e5; color: #663c00; border-color: #ffd599; }"
        "QLabel#banner[tone=\"problem\"] { background: #fdecea; color: #611a15; border-color: #f5c2c0; }"));
    m_banner->hide();
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(split);
    setCentralWidget(central);

    m_counts = new QLabel;
    m_counts->setObjectName(QStringLiteral("jobCounts"));
    statusBar()->addPermanentWidget(m_counts);
    // Every engine on the database, this one included: most useful with
    // workers on other machines (PostgreSQL), so hidden until asked for.
    m_workersView = new WorkersView;
    m_workersDock = new QDockWidget(tr("Workers"), this);
    m_workersDock->setObjectName(QStringLiteral("workersDock"));
    m_workersDock->setWidget(m_workersView);
    addDockWidget(Qt::BottomDockWidgetArea, m_workersDock);
    m_workersDock->hide();
    Session *session = m_host->session();
    connect(session, &Session::workersUpdated, m_workersView, &WorkersView::setWorkers);
    connect(session, &Session::runTitlesUpdated, m_workstreams, &WorkstreamModel::setRunTitles);
    connect(session, &Session::logFileReady, this, [this](const QString &jobId, const QString &path) {
        if (jobId == m_shownJob)
            m_log->setLogFile(path);
    });
    createMenus();
    // Over the table's rows (its header and focus stay): shown while the
    // database has no job.
    m_emptyState = new EmptyState(m_submitAction, m_convertAction, m_table->viewport());
    m_emptyState->setDatabasePath(options.databasePath);
    m_emptyState->setAutoFillBackground(true);
    m_emptyState->setBackgroundRole(QPalette::Base);
    m_emptyState->hide();
    m_table->viewport()->installEventFilter(this);
    m_tree->viewport()->installEventFilter(this);

    connect(session, &Session::snapshot, this, [this](const QList<JobRecord> &jobs) {
        m_snapshotSeen = true;
        applyBatch(jobs, false);
    });
    connect(m_host, &EngineHost::jobsRestarted, this, [this](const QStringList &jobIds) {
        notify({tr("%n job(s) interrupted by the crash were started again.", "", int(jobIds.size()))}, Tone::Notice);
    });
    connect(m_host, &EngineHost::databaseReopening, this, [this](const QString &text) {
        if (!text.isEmpty())
            showProblem(text);
    });
    connect(session, &Session::jobsUpdated, this, [this](const QList<JobRecord> &jobs) { applyBatch(jobs, true); });
    connect(m_host, &EngineHost::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_host, &EngineHost::problem, this, &MainWindow::showProblem);
    connect(m_host, &EngineHost::pausedChanged, this, [this](bool paused) {
        m_pauseAction->setChecked(paused);
        m_pauseAction->setText(paused ? tr("&Resume queue") : tr("&Pause queue"));
        m_pauseAction->setIcon(actionIcon(paused ? QStringLiteral("start") : QStringLiteral("pause")));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSelectedJob();
        const QStringList ids = selectedJobIds();
        if (!ids.isEmpty())
            m_runViews->setSelectedJob(ids.first());
        updateJobActions();
    });
    for (QAction *action : {m_retryAction, m_cancelAction, m_retryNowAction, m_escalateAction, m_priorityAction,
                            m_runAgainAction, m_editResubmitAction})
        m_jobActionTips.insert(action, action->toolTip());
    updateJobActions();
    for (QAction *action : {m_retryFailedAction, m_cancelRunAction, m_landRunAction})
        m_queueActionTips.insert(action, action->toolTip());
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateQueueActions);
    // Only a run or workstream the user selected narrows the table.
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList selected = m_tree->selectionModel()->selectedRows(WorkstreamModel::NameColumn);
        const QModelIndex name = selected.value(0);
        m_proxy->setScope(name.data(WorkstreamModel::RunIdRole).toString(), name.data(WorkstreamModel::WorkstreamIdRole).toString());
        m_runViews->showRun(name.data(WorkstreamModel::RunIdRole).toString());
        updateQueueActions();
    });
    updateQueueActions();

    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        if (selectedJobIds().isEmpty())
            return;
        QMenu menu;
        menu.addAction(m_retryAction);
        menu.addAction(m_escalateAction);
        menu.addAction(m_cancelAction);
        menu.addAction(m_priorityAction);
        menu.addSeparator();
        menu.addAction(m_runAgainAction);
        menu.addAction(m_editResubmitAction);
        menu.addSeparator();
        menu.addAction(tr("Show &log"), this, [this] { m_tabs->setCurrentWidget(m_log); });
        menu.exec(m_table->viewport()->mapToGlobal(at));
    });

    // Names for screen readers on views and controls without a visible label.
    m_tree->setAccessibleName(tr("Runs and workstreams"));
    m_table->setAccessibleName(tr("Jobs"));
    m_filterText->setAccessibleName(tr("Filter jobs"));
    m_filterState->setAccessibleName(tr("Filter by state"));
    m_filterTool->setAccessibleName(tr("Filter by tool"));
    m_filterPriority->setAccessibleName(tr("Filter by priority"));
    m_details->setAccessibleName(tr("Job details"));
    m_banner->setAccessibleName(tr("Notifications"));

    // Tab walks the panes, one stop each (arrows move inside a list), and
    // the pane that has the focus shows it.
    for (QAbstractItemView *view : findChildren<QAbstractItemView *>())
        view->setTabKeyNavigation(false);
    setTabOrder(m_tree, m_filterText);
    setTabOrder(m_filterText, m_filterState);
    setTabOrder(m_filterState, m_filterTool);
    setTabOrder(m_filterTool, m_filterPriority);
    setTabOrder(m_filterPriority, m_table);
    setTabOrder(m_table, m_tabs);
    central->setStyleSheet(QStringLiteral(
        "QAbstractItemView:focus, QPlainTextEdit:focus, QTextBrowser:focus, QGraphicsView:focus"
        " { border: 1px solid palette(highlight); }"));

    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QString run = m_tree->indexAt(at).siblingAtColumn(0).data(WorkstreamModel::RunIdRole).toString();
        if (run.isEmpty())
            return;
        QMenu menu;
        menu.addAction(tr("&Land run %1…").arg(run), this, [this, run] { openLandDialog(run); });
        menu.addAction(actionIcon(QStringLiteral("cancel")), tr("Cancel run %1").arg(run), this, [this, run] { m_host->cancelRun(run); });
        menu.exec(m_tree->viewport()->mapToGlobal(at));
    });

    m_desktop = new DesktopNotifier(this);
    connect(m_desktop, &DesktopNotifier::activated, this, [this](const QString &jobId) {
        if (isMinimized())
            showNormal();
        show();
        raise();
        activateWindow();
        if (!jobId.isEmpty()) {
            showView(QStringLiteral("jobs"));
            selectJob(jobId);
        }
    });
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(applicationIcon(), this);
        m_tray->setToolTip(windowTitle());
        m_tray->show();
    }

    // Durations of running jobs tick; counts and jobs/minute follow.
    m_clock = new QTimer(this);
    connect(m_clock, &QTimer::timeout, this, [this] {
        m_jobs->refreshDurations();
        // A walk over every row: once a second here, never per batch.
        countRecentlyFinished();
        updateStatusBar();
    });
    m_clock->start(1000);

    m_host->open(options.databasePath, options.workers, options.startPaused);
    // The size it had when last closed, else 1280×800 where the screen has
    // room for it: never larger than the screen.
    const QSettings settings;
    const QRect room = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800);
    if (!restoreGeometry(settings.value(QStringLiteral("dashboard/geometry")).toByteArray()))
        resize(qMin(1280, room.width() * 95 / 100), qMin(800, room.height() * 95 / 100));
    split->setObjectName(QStringLiteral("mainSplitter"));
    right->setObjectName(QStringLiteral("rightSplitter"));
    split->restoreState(settings.value(QStringLiteral("dashboard/mainSplitter")).toByteArray());
    right->restoreState(settings.value(QStringLiteral("dashboard/rightSplitter")).toByteArray());
    // Neither pane can be squeezed to nothing by a drag.
    split->setChildrenCollapsible(false);
    right->setChildrenCollapsible(false);
    // The pages' toolbars (graph, timeline, changes) would otherwise make the
    // window wider than a 1024 px screen, in German most of all: below this
    // the page is cut at its right edge rather than the window at the screen's.
    m_views->setMinimumWidth(360);
    m_tabs->setMinimumWidth(360);
    updateStatusBar();
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::createFilterBar()
{
    auto *bar = new QWidget;
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filterText = new QLineEdit;
    m_filterText->setPlaceholderText(tr("Filter by job, workstream or tool (Ctrl+L)"));
    m_filterText->setClearButtonEnabled(true);
    connect(m_filterText, &QLineEdit::textChanged, m_proxy, &JobFilterProxy::setText);

    m_filterState = new QComboBox;
    m_filterState->addItem(tr("All states"), -1);
    for (JobState state : JobTableModel::states())
        m_filterState->addItem(stateIcon(state), JobTableModel::stateName(state), int(state));
    connect(m_filterState, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setState(m_filterState->currentData().toInt()); });

    m_filterTool = new QComboBox;
    m_filterTool->addItem(tr("All tools"), QString());
    for (const char *tool : {"aider", "codex", "git", "shell", "tests"})
        m_filterTool->addItem(QString::fromLatin1(tool), QString::fromLatin1(tool));
    connect(m_filterTool, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setTool(m_filterTool->currentData().toString()); });

    m_filterPriority = new QComboBox;
    m_filterPriority->addItem(tr("All priorities"), -1);
    for (Priority priority : {Priority::Critical, Priority::High, Priority::Normal, Priority::Low})
        m_filterPriority->addItem(JobTableModel::priorityName(priority), int(priority));
    connect(m_filterPriority, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setPriority(m_filterPriority->currentData().toInt()); });

    // The combos ask for their widest entry (what a German "Alle Werkzeuge"
    // needs) and shrink, elided, only when the window is too narrow for it;
    // the filter text gives way first.
    const int charWidth = bar->fontMetrics().averageCharWidth();
    for (QComboBox *combo : {m_filterState, m_filterTool, m_filterPriority}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        combo->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        combo->setMinimumWidth(10 * charWidth);
    }
    m_filterText->setMinimumWidth(14 * charWidth);
    layout->addWidget(m_filterText, 1);
    layout->addWidget(m_filterState);
    layout->addWidget(m_filterTool);
    layout->addWidget(m_filterPriority);
    return bar;
}

void MainWindow::createActions()
{
    QToolBar *toolbar = addToolBar(tr("Queue"));
    toolbar->setObjectName(QStringLiteral("queueToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setMovable(false);

    auto *submit = toolbar->addAction(actionIcon(QStringLiteral("submit")), tr("&Submit job…"), this, &MainWindow::submitInteractively);
    m_submitAction = submit;
    submit->setShortcut(QKeySequence::New);
    submit->setToolTip(tr("Submit a job file or build a job in a form (Ctrl+N). Job files can also be dropped on the window."));

    m_pauseAction = toolbar->addAction(actionIcon(QStringLiteral("pause")), tr("&Pause queue"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pauseAction->setToolTip(tr("Pause or resume the queue (Ctrl+P): running jobs continue"));
    connect(m_pauseAction, &QAction::triggered, this, [this](bool paused) { m_host->setPaused(paused); });

    toolbar->addSeparator();
    m_retryAction = toolbar->addAction(actionIcon(QStringLiteral("retry")), tr("&Retry"), this,
                                       [this] { m_host->retry(selectedJobsWhere(whyNotRetry)); });
    m_retryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_retryAction->setToolTip(tr("Retry the selected jobs (Ctrl+R)"));
    m_retryAction->setEnabled(false);
    m_cancelAction = toolbar->addAction(actionIcon(QStringLiteral("cancel")), tr("&Cancel"), this,
                                        [this] { m_host->cancel(selectedJobsWhere(whyNotCancel)); });
    m_cancelAction->setShortcut(QKeySequence::Delete);
    m_cancelAction->setToolTip(tr("Cancel the selected jobs (Del); running ones are killed"));
    m_cancelAction->setEnabled(false);
    auto *retryFailed = toolbar->addAction(tr("Retry all &failed"), this, [this] {
        QStringList failed;
        for (int row = 0; row < m_jobs->rowCount(); ++row) {
            const JobState state = m_jobs->job(row).state;
            if (state == JobState::Failed || state == JobState::TimedOut)
                failed.append(m_jobs->job(row).jobId);
        }
        m_host->retry(failed);
    });
    m_retryFailedAction = retryFailed;
    retryFailed->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    retryFailed->setToolTip(tr("Retry every failed or timed-out job (Ctrl+Shift+R)"));

    // Priority of the selected jobs: a menu, one entry per level.
    auto *priorityMenu = new QMenu(tr("Priority"), this);
    for (Priority priority : {Priority::Critical, Priority::High, Priority::Normal, Priority::Low}) {
        priorityMenu->addAction(JobTableModel::priorityName(priority), this,
                                [this, priority] { m_host->setPriority(selectedJobsWhere(whyNotPrioritise), priority); });
    }
    m_priorityAction = priorityMenu->menuAction();
    m_priorityAction->setText(tr("&Priority"));
    m_priorityAction->setToolTip(tr("Change the priority of the selected jobs"));
    m_priorityAction->setEnabled(false);
    toolbar->addAction(m_priorityAction);
    if (auto *button = qobject_cast<QToolButton *>(toolbar->widgetForAction(m_priorityAction)))
        button->setPopupMode(QToolButton::InstantPopup);

    m_runAgainAction = new QAction(actionIcon(QStringLiteral("retry")), tr("Run a&gain"), this);
    m_runAgainAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_runAgainAction->setToolTip(tr("Submit a new job with the selected job's spec, whatever its state (a duplicate of an "
                                    "unfinished one); recorded as resubmitted from it (Ctrl+Shift+N)"));
    m_runAgainAction->setEnabled(false);
    connect(m_runAgainAction, &QAction::triggered, this, [this] { resubmitSelected(false); });
    m_editResubmitAction = new QAction(tr("&Edit and resubmit…"), this);
    m_editResubmitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_editResubmitAction->setToolTip(tr("Edit a copy of the selected job's spec, then submit it as a new job "
                                        "recorded as resubmitted from it (Ctrl+Shift+E)"));
    m_editResubmitAction->setEnabled(false);
    connect(m_editResubmitAction, &QAction::triggered, this, [this] { resubmitSelected(true); });

    auto *cancelRun = toolbar->addAction(tr("Cancel r&un"), this, [this] {
        const QString run = selectedRunId();
        if (run.isEmpty()) {
            showProblem(tr("Select a run in the tree, or a job of it, to cancel the run."));
            return;
        }
        m_host->cancelRun(run);
    });
    m_cancelRunAction = cancelRun;
    cancelRun->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));
    cancelRun->setToolTip(tr("Cancel every unfinished job of the selected run (Ctrl+Shift+Del)"));

    toolbar->addSeparator();
    auto *workersLabel = new QLabel(tr("&Workers:"));
    m_workerSpin = new QSpinBox;
    m_workerSpin->setRange(1, 64);
    m_workerSpin->setValue(m_options.workers);
    m_workerSpin->setToolTip(tr("Parallel jobs; takes effect at once"));
    workersLabel->setBuddy(m_workerSpin);
    connect(m_workerSpin, &QSpinBox::valueChanged, this, [this](int workers) { m_host->setWorkerCount(workers); });
    // In the status bar, beside the busy count it controls: always in
    // view, however narrow the window (a toolbar hides what does not fit).
    auto *workersBox = new QWidget;
    auto *workersLayout = new QHBoxLayout(workersBox);
    workersLayout->setContentsMargins(0, 0, 6, 0);
    workersLayout->addWidget(workersLabel);
    workersLayout->addWidget(m_workerSpin);
    statusBar()->addPermanentWidget(workersBox);

    auto *preferences = new QAction(tr("Se&ttings…"), this);
    m_settingsAction = preferences;
    preferences->setShortcut(QKeySequence::Preferences);
    if (preferences->shortcut().isEmpty())
        preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setToolTip(tr("Database, workers, tool programs, theme, language, notifications (Ctrl+,)"));
    connect(preferences, &QAction::triggered, this, [this] {
        // The settings shared through the database come first (a quick read
        // on the engine's thread); without them the dialog opens with those
        // fields disabled.
        m_host->session()->querySharedSettings(this, [this](const Result<SharedSettings> &shared) {
            openSettings(shared ? std::optional<SharedSettings>(*shared) : std::nullopt);
        });
    });
    toolbar->addSeparator();
    toolbar->addAction(preferences);

    auto *focusFilter = new QAction(tr("&Filter jobs"), this);
    m_focusFilterAction = focusFilter;
    focusFilter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(focusFilter, &QAction::triggered, this, [this] { m_filterText->setFocus(Qt::ShortcutFocusReason); m_filterText->selectAll(); });
    addAction(focusFilter);
    auto *quit = new QAction(tr("&Quit"), this);
    m_quitAction = quit;
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    addAction(quit);
}

void MainWindow::createMenus()
{
    // Every action in a menu, so each command and its shortcut can be found
    // and reached with the keyboard alone (Alt+letter, then arrows).
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_submitAction);
    m_convertAction = file->addAction(tr("C&onvert workstreams…"), this, [this] { openConversionWizard(); });
    m_convertAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_convertAction->setToolTip(tr("Turn workstream files into job files, and optionally submit them (Ctrl+Shift+O). "
                                   "Workstream files can also be dropped on the window."));
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *queue = menuBar()->addMenu(tr("&Queue"));
    queue->addAction(m_pauseAction);
    auto *workers = queue->addAction(tr("&Workers…"), this, [this] {
        m_workerSpin->setFocus(Qt::ShortcutFocusReason);
        m_workerSpin->selectAll();
    });
    workers->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    queue->addSeparator();
    queue->addAction(m_retryFailedAction);

    // Commands on the run selected in the tree, or the selected job's run.
    QMenu *run = menuBar()->addMenu(tr("&Run"));
    m_landRunAction = run->addAction(tr("&Land run…"), this, [this] {
        const QString runId = selectedRunId();
        if (runId.isEmpty()) {
            showProblem(tr("Select a run in the tree, or a job of it, to land the run."));
            return;
        }
        openLandDialog(runId);
    });
    m_landRunAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_landRunAction->setToolTip(tr("Merge the changes of the selected run's worktree jobs into a branch, "
                                   "after a look at what would land (Ctrl+Shift+L)"));
    run->addAction(m_cancelRunAction);

    QMenu *job = menuBar()->addMenu(tr("&Job"));
    for (QAction *action : {m_retryAction, m_cancelAction, m_escalateAction, m_priorityAction})
        job->addAction(action);
    job->addSeparator();
    job->addAction(m_runAgainAction);
    job->addAction(m_editResubmitAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    auto goTo = [this, view](const QString &text, int key, const std::function<void()> &show) {
        QAction *action = view->addAction(text, this, show);
        action->setShortcut(QKeySequence(Qt::CTRL | key));
    };
    goTo(tr("&Runs and workstreams"), Qt::Key_1, [this] { m_tree->setFocus(Qt::ShortcutFocusReason); });
    goTo(tr("&Jobs"), Qt::Key_2, [this] { showView(QStringLiteral("jobs")); m_table->setFocus(Qt::ShortcutFocusReason); });
    goTo(tr("&Graph"), Qt::Key_3, [this] { showView(QStringLiteral("graph")); m_runViews->dag()->graphicsView()->setFocus(Qt::ShortcutFocusReason); });
    goTo(tr("Ti&meline"), Qt::Key_4, [this] { showView(QStringLiteral("timeline")); m_runViews->timeline()->setFocus(Qt::ShortcutFocusReason); });
    goTo(tr("&Log"), Qt::Key_5, [this] { m_tabs->setCurrentWidget(m_log); m_log->setFocus(Qt::ShortcutFocusReason); });
    // Every Ctrl+digit is taken (Ctrl+0 fits the graph and the timeline).
    goTo(tr("C&onversation"), (Qt::SHIFT | Qt::Key_C).toCombined(), [this] {
        m_tabs->setCurrentWidget(m_conversation);
        m_conversation->textView()->setFocus(Qt::ShortcutFocusReason);
    });
    goTo(tr("Re&try state"), Qt::Key_6, [this] { m_tabs->setCurrentWidget(m_retryPanel); m_retryPanel->attemptsView()->setFocus(Qt::ShortcutFocusReason); });
    goTo(tr("&Details"), Qt::Key_7, [this] { m_tabs->setCurrentWidget(m_details); m_details->setFocus(Qt::ShortcutFocusReason); });
    goTo(tr("Ch&anges"), Qt::Key_9, [this] {
        m_tabs->setCurrentWidget(m_changes->view());
        m_changes->view()->fileView()->setFocus(Qt::ShortcutFocusReason);
    });
    QAction *workersView = m_workersDock->toggleViewAction();
    workersView->setText(tr("&Workers"));
    workersView->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_8));
    connect(workersView, &QAction::triggered, this, [this](bool shown) {
        if (shown)
            m_workersView->tableView()->setFocus(Qt::ShortcutFocusReason);
    });
    view->addAction(workersView);
    view->addSeparator();
    view->addAction(m_focusFilterAction);
    // Newest first: the jobs table in the reverse of submission order, so a
    // job that arrives lands on top; a click on a column header sorts by that
    // column instead and unchecks it.
    m_newestFirstAction = view->addAction(tr("&Newest first"));
    m_newestFirstAction->setCheckable(true);
    m_newestFirstAction->setToolTip(tr("Show the newest jobs at the top of the jobs table"));
    connect(m_newestFirstAction, &QAction::toggled, this, &MainWindow::applyNewestFirst);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
        if (m_sortingByCode || !m_proxy->newestFirst())
            return;
        // The view has asked the proxy for the clicked column already; the
        // proxy now sorts by it, no longer by arrival.
        m_sortingByCode = true;
        m_proxy->setNewestFirst(false);
        m_newestFirstAction->setChecked(false);
        m_sortingByCode = false;
    });
    m_newestFirstAction->setChecked(QSettings().value(QStringLiteral("dashboard/newestFirst"), false).toBool());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    auto *keys = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Orchestrator"), this, [this] {
        QMessageBox::about(this, tr("About Orchestrator"),
                           tr("<h3>Orchestrator %1</h3><p>Queues, chains, retries and watches command-line jobs.</p>"
                              "<p>Database: %2</p><p>MIT licence. Built with Qt %3.</p>")
                               .arg(QCoreApplication::applicationVersion(), m_host->databasePath().toHtmlEscaped(),
                                    QString::fromLatin1(qVersion())));
    });
}

void MainWindow::applyNewestFirst(bool on)
{
    QSettings().setValue(QStringLiteral("dashboard/newestFirst"), on);
    // No arrow on a column while the order is arrival, not that column's.
    m_table->horizontalHeader()->setSortIndicatorShown(!on);
    if (m_sortingByCode)
        return;
    m_sortingByCode = true;
    m_proxy->setNewestFirst(on);
    if (on)
        m_table->sortByColumn(JobTableModel::IdColumn, Qt::DescendingOrder);
    else
        m_table->sortByColumn(-1, Qt::AscendingOrder);  // submission order
    m_sortingByCode = false;
}

void MainWindow::showShortcuts()
{
    // Built from the menus themselves, so the list never goes stale.
    QString html = QStringLiteral("<table cellspacing=6>");
    const QList<QAction *> menus = menuBar()->actions();
    for (QAction *menuAction : menus) {
        QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        html += QStringLiteral("<tr><td colspan=2><b>%1</b></td></tr>").arg(QString(menuAction->text()).remove(QLatin1Char('&')).toHtmlEscaped());
        const QList<QAction *> actions = menu->actions();
        for (QAction *action : actions) {
            if (action->isSeparator() || action->shortcut().isEmpty())
                continue;
            html += QStringLiteral("<tr><td>%1</td><td><tt>%2</tt></td></tr>")
                        .arg(QString(action->text()).remove(QLatin1Char('&')).toHtmlEscaped(),
                             action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped());
        }
    }
    html += QStringLiteral("<tr><td colspan=2><b>%1</b></td></tr><tr><td>%2</td><td><tt>%3</tt></td></tr></table>")
                .arg(tr("Log"), tr("Find in the log; next and previous match"),
                     QStringLiteral("%1, %2, %3").arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText),
                                                      QKeySequence(QKeySequence::FindNext).toString(QKeySequence::NativeText),
                                                      QKeySequence(QKeySequence::FindPrevious).toString(QKeySequence::NativeText)));
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"), html, QMessageBox::Close, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
}

QWidget *MainWindow::createRetryPanel()
{
    m_retryNowAction = new QAction(actionIcon(QStringLiteral("retry")), tr("Retry &now"), this);
    m_retryNowAction->setToolTip(tr("Start the next attempt now instead of waiting for the backoff"));
    connect(m_retryNowAction, &QAction::triggered, this, [this] { m_host->retry(selectedJobsWhere(whyNotRetry)); });
    m_escalateAction = new QAction(tr("&Escalate now"), this);
    m_escalateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_escalateAction->setToolTip(tr("Run the next attempt now with the next tool of the retry policy (e.g. codex after aider)"));
    connect(m_escalateAction, &QAction::triggered, this, [this] { m_host->escalateNow(selectedJobsWhere(whyNotEscalate)); });
    m_retryNowAction->setEnabled(false);
    m_escalateAction->setEnabled(false);
    m_retryPanel = new RetryPanel({m_retryNowAction, m_escalateAction, m_cancelAction});
    return m_retryPanel;
}

QString MainWindow::selectedRunId() const
{
    const QModelIndexList runs = m_tree->selectionModel()->selectedRows(WorkstreamModel::NameColumn);
    if (!runs.isEmpty())
        return runs.first().data(WorkstreamModel::RunIdRole).toString();
    const QModelIndexList jobs = m_table->selectionModel()->selectedRows(JobTableModel::IdColumn);
    return jobs.isEmpty() ? QString() : jobs.first().data(JobTableModel::RunIdRole).toString();
}

void MainWindow::notify(const QStringList &lines, Tone tone, const QString &jobId)
{
    if (lines.isEmpty() || !QSettings().value(QStringLiteral("notifications"), true).toBool())
        return;
    // The desktop's own notifications first (they show while the window is
    // hidden, and Show brings it up on the job), then the tray, then a toast.
    if (m_desktop->available()) {
        const DesktopNotifier::Urgency urgency = tone == Tone::Problem ? DesktopNotifier::Urgency::Critical
                                                                       : DesktopNotifier::Urgency::Normal;
        m_desktop->notify(lines.size() == 1 ? tr("Orchestrator") : tr("Orchestrator: %n notice(s)", "", int(lines.size())),
                          lines.join(QLatin1Char('\n')), urgency, jobId);
        return;
    }
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
        if (tone == Tone::Notice)
            m_tray->showMessage(tr("Orchestrator"), lines.join(QLatin1Char('\n')), applicationIcon(), 10000);
        else
            m_tray->showMessage(tr("Orchestrator"), lines.join(QLatin1Char('\n')),
                                tone == Tone::Problem ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning, 10000);
        return;
    }
    // No system tray: an in-window banner. What it still shows stays under
    // the newest lines, so two notifications of one moment are both read.
    if (!m_banner->isVisible() || !m_bannerIsInfo)
        m_bannerLines.clear();
    m_bannerLines = (lines + m_bannerLines).mid(0, kBannerLines);
    m_bannerIsInfo = true;
    QStringList html;
    for (const QString &line : std::as_const(m_bannerLines))
        html.append(line.toHtmlEscaped());
    showBanner(html.join(QStringLiteral("<br>")), tone);
}

void MainWindow::showBanner(const QString &text, Tone tone)
{
    const char *name = tone == Tone::Notice ? "notice" : tone == Tone::Warning ? "warning" : "problem";
    m_banner->setProperty("tone", QString::fromLatin1(name));
    // Style sheets read dynamic properties when the widget is polished.
    m_banner->style()->unpolish(m_banner);
    m_banner->style()->polish(m_banner);
    m_banner->setText(text);
    placeBanner();
    m_banner->show();
    m_banner->raise();
    // Problems stay longer: they may need reading twice.
    m_bannerTimer->start(tone == Tone::Problem ? 30000 : 15000);
}

void MainWindow::fitNameColumns()
{
    fitNameColumn(m_table->horizontalHeader(), JobTableModel::IdColumn, m_table->fontMetrics().averageCharWidth() * 24);
    fitNameColumn(m_tree->header(), WorkstreamModel::NameColumn, m_tree->fontMetrics().averageCharWidth() * 20);
}

void MainWindow::fitNameColumn(QHeaderView *header, int column, int minimum)
{
    const auto *view = qobject_cast<QAbstractScrollArea *>(header->parentWidget());
    if (!view)
        return;
    int others = 0;
    for (int section = 0; section < header->count(); ++section) {
        if (section != column && !header->isSectionHidden(section))
            others += header->sectionSize(section);
    }
    header->resizeSection(column, qMax(minimum, view->viewport()->width() - others));
}

void MainWindow::placeBanner()
{
    QWidget *area = centralWidget();
    if (!area)
        return;
    const QRect room = area->rect().adjusted(12, 12, -12, -12);
    const int width = qMin(room.width(), qMax(360, room.width() / 2));
    const int height = qMin(room.height(), m_banner->heightForWidth(width));
    m_banner->setGeometry(room.right() - width + 1, room.bottom() - height + 1, width, height);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_banner && event->type() == QEvent::MouseButtonRelease && !m_banner->hasSelectedText()) {
        m_banner->hide();
        m_bannerTimer->stop();
    } else if (watched == centralWidget() && event->type() == QEvent::Resize && m_banner->isVisible()) {
        placeBanner();
    } else if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        m_emptyState->setGeometry(m_table->viewport()->rect());
        fitNameColumns();
    } else if (watched == m_tree->viewport() && event->type() == QEvent::Resize) {
        fitNameColumns();
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::notifyAbout(const QList<JobRecord> &jobs, const QHash<QString, JobState> &before)
{
    QStringList lines;
    QString firstFailed;
    bool allWell = true;
    bool anyFailed = false;
    QSet<QString> runsTouched;
    for (const JobRecord &job : jobs) {
        const auto was = before.constFind(job.jobId);
        const bool newlyFinal = isFinal(job.state) && (was == before.cend() || !isFinal(*was));
        if (!newlyFinal)
            continue;
        runsTouched.insert(job.runId);
        if (job.state == JobState::Failed || job.state == JobState::TimedOut) {
            lines.append(tr("Job %1 failed: %2").arg(job.jobId, MessageText::translated(job.reason)));
            allWell = false;
            anyFailed = true;
            if (firstFailed.isEmpty())
                firstFailed = job.jobId;
        }
    }
    for (const QString &run : std::as_const(runsTouched)) {
        if (const auto outcome = m_workstreams->finishedRun(run)) {
            lines.append(tr("Run %1 finished: %2").arg(run, WorkstreamModel::outcomeText(*outcome)));
            allWell = allWell && outcome->failed == 0 && outcome->cancelled == 0;
        }
    }
    // A failure reads as one (red); cancelled work as a warning.
    notify(lines, allWell ? Tone::Notice : anyFailed ? Tone::Problem : Tone::Warning, firstFailed);
}

void MainWindow::applyBatch(const QList<JobRecord> &jobs, bool live)
{
    QHash<QString, JobState> before;
    if (live) {
        for (const JobRecord &job : jobs) {
            if (const int row = m_jobs->rowOf(job.jobId); row >= 0)
                before.insert(job.jobId, m_jobs->job(row).state);
        }
    }
    const int rowsBefore = m_jobs->rowCount();
    m_jobs->applyJobs(jobs);
    // Only where jobs run in worktrees: the others' tables keep the room.
    m_table->setColumnHidden(JobTableModel::ChangesColumn, m_jobs->worktreeJobs() == 0);
    // Likewise tokens and cost, only once an AI tool has used some.
    m_table->setColumnHidden(JobTableModel::TokensColumn, m_jobs->usageJobs() == 0);
    m_table->setColumnHidden(JobTableModel::CostColumn, m_jobs->usageJobs() == 0);
    m_tree->setColumnHidden(WorkstreamModel::CostColumn, m_jobs->usageJobs() == 0);
    fitNameColumns();
    m_workstreams->applyJobs(jobs);
    m_runViews->jobsChanged(jobs, m_jobs->rowCount() != rowsBefore);
    if (m_tree->model()->rowCount() > 0 && !m_tree->isExpanded(m_workstreams->index(0, 0)))
        m_tree->expand(m_workstreams->index(0, 0));
    for (const JobRecord &job : jobs) {
        if (job.jobId == m_shownJob) {
            showSelectedJob();
            break;
        }
    }
    updateStatusBar();
    updateJobActions();
    updateQueueActions();
    updateEmptyState();
    if (!m_selectWhenArrived.isEmpty() && m_jobs->rowOf(m_selectWhenArrived) >= 0) {
        showView(QStringLiteral("jobs"));
        selectJob(std::exchange(m_selectWhenArrived, QString()));
    }
    if (live)
        notifyAbout(jobs, before);
}

void MainWindow::updateEmptyState()
{
    const bool empty = m_snapshotSeen && m_jobs->rowCount() == 0;
    if (empty)
        m_emptyState->setGeometry(m_table->viewport()->rect());
    m_emptyState->setVisible(empty);
}

void MainWindow::updateQueueActions()
{
    const auto set = [this](QAction *action, const QString &whyNot) {
        action->setEnabled(whyNot.isEmpty());
        const QString tip = m_queueActionTips.value(action);
        action->setToolTip(whyNot.isEmpty() ? tip : tip + QLatin1Char('\n') + whyNot);
    };
    const int failed = m_jobs->count(JobState::Failed) + m_jobs->count(JobState::TimedOut);
    set(m_retryFailedAction, failed > 0 ? QString() : tr("No job has failed or timed out."));
    const QString run = selectedRunId();
    set(m_cancelRunAction, run.isEmpty()                            ? tr("Select a run in the tree, or a job of it, first.")
                           : !m_workstreams->hasUnfinishedJobs(run) ? tr("Every job of run %1 has ended.").arg(run)
                                                                    : QString());
    set(m_landRunAction, run.isEmpty() ? tr("Select a run in the tree, or a job of it, first.") : QString());
}

void MainWindow::selectWhenItArrives(const QString &jobId)
{
    if (jobId.isEmpty())
        return;
    if (m_jobs->rowOf(jobId) >= 0) {
        showView(QStringLiteral("jobs"));
        selectJob(jobId);
        return;
    }
    m_selectWhenArrived = jobId;
}

QStringList MainWindow::selectedJobIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(JobTableModel::IdColumn);
    for (const QModelIndex &index : rows)
        ids.append(index.data(JobTableModel::JobIdRole).toString());
    return ids;
}

QStringList MainWindow::selectedJobsWhere(JobCheck check) const
{
    QStringList ids;
    for (const QString &id : selectedJobIds()) {
        if (const int row = m_jobs->rowOf(id); row >= 0 && check(m_jobs->job(row)).isEmpty())
            ids.append(id);
    }
    return ids;
}

void MainWindow::updateJobActions()
{
    const QStringList ids = selectedJobIds();
    const auto update = [this, &ids](QAction *action, JobCheck check) {
        bool any = false;
        QString why = ids.isEmpty() ? tr("Select one or more jobs first.") : QString();
        for (const QString &id : ids) {
            const int row = m_jobs->rowOf(id);
            const QString reason = row < 0 ? QString() : check(m_jobs->job(row));
            any = any || (row >= 0 && reason.isEmpty());
            if (why.isEmpty())
                why = reason;
        }
        action->setEnabled(any);
        const QString tip = m_jobActionTips.value(action);
        action->setToolTip(any || why.isEmpty() ? tip : tip + QLatin1Char('\n') + why);
    };
    update(m_retryAction, whyNotRetry);
    update(m_retryNowAction, whyNotRetry);
    update(m_cancelAction, whyNotCancel);
    update(m_escalateAction, whyNotEscalate);
    update(m_priorityAction, whyNotPrioritise);
    // One job at a time: its spec is the start of the new one.
    for (QAction *action : {m_runAgainAction, m_editResubmitAction}) {
        action->setEnabled(ids.size() == 1 && m_jobs->rowOf(ids.first()) >= 0);
        const QString tip = m_jobActionTips.value(action);
        action->setToolTip(action->isEnabled() ? tip : tip + QLatin1Char('\n') + tr("Select one job first."));
    }
    if (ids.size() == 1) {
        const int row = m_jobs->rowOf(ids.first());
        m_runAgainAction->setText(row >= 0 && !isFinal(m_jobs->job(row).state) ? tr("Dup&licate") : tr("Run a&gain"));
    }
}

void MainWindow::selectJob(const QString &jobId)
{
    const int row = m_jobs->rowOf(jobId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_jobs->index(row, 0));
    // Current as well as selected: the arrow keys go on from this job.
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void MainWindow::showView(const QString &name)
{
    if (name == QLatin1String("graph"))
        m_views->setCurrentWidget(m_runViews->dag());
    else if (name == QLatin1String("timeline"))
        m_views->setCurrentWidget(m_runViews->timeline());
    else
        m_views->setCurrentWidget(m_jobsPane);
}

void MainWindow::showJobTab(const QString &name)
{
    if (name == QLatin1String("retry"))
        m_tabs->setCurrentWidget(m_retryPanel);
    else if (name == QLatin1String("details"))
        m_tabs->setCurrentWidget(m_details);
    else if (name == QLatin1String("changes"))
        m_tabs->setCurrentWidget(m_changes->view());
    else if (name == QLatin1String("conversation"))
        m_tabs->setCurrentWidget(m_conversation);
    else
        m_tabs->setCurrentWidget(m_log);
}

void MainWindow::showSelectedJob()
{
    const QStringList ids = selectedJobIds();
    if (ids.isEmpty()) {
        // Nothing selected (or the selected job filtered away): no pane
        // keeps showing a job that is not selected.
        if (!m_shownJob.isEmpty()) {
            m_log->clear();
            m_host->followLog(QString());
        }
        m_shownJob.clear();
        m_changes->clear();
        m_conversation->clear();
        m_retryPanel->clear();
        m_details->clear();
        return;
    }
    const QString id = ids.first();
    const int row = m_jobs->rowOf(id);
    if (row < 0)
        return;
    const JobRecord &job = m_jobs->job(row);
    if (m_shownJob != id) {
        // A job that ran on another machine has no log file here: its output
        // as stored in the database instead (logFileReady).
        const bool local = job.logFile.isEmpty() || QFileInfo::exists(job.logFile);
        m_log->setLogFile(local ? job.logFile : QString());
        m_host->followLog(local ? QString() : id);
        m_changes->showJob(job, nullptr);
    }
    m_conversation->showJob(job, nullptr);
    m_shownJob = id;
    if (m_detailsAsked) {
        m_detailsAgain = true;
        return;
    }
    m_detailsAsked = true;
    m_host->session()->queryJobDetails(id, this, [this, id](const Result<JobDetails> &details) {
        m_detailsAsked = false;
        // An answer about a job no longer selected is dropped.
        if (const int row = m_jobs->rowOf(id); id == m_shownJob && row >= 0) {
            // Without an answer (no database yet, a reopen) the table's record alone.
            showDetails(m_jobs->job(row), details ? &*details : nullptr);
            m_changes->showJob(m_jobs->job(row), details ? &*details : nullptr);
            m_conversation->showJob(m_jobs->job(row), details ? &*details : nullptr);
        }
        // Asked again meanwhile (a newer state, another job): ask once more.
        if (m_detailsAgain) {
            m_detailsAgain = false;
            showSelectedJob();
        }
    });
}

void MainWindow::showDetails(const JobRecord &job, const JobDetails *details)
{
    QString why = job.reason;
    QList<AttemptRecord> attempts;
    QByteArray spec;
    QMap<QString, QString> env = job.env;
    if (details) {
        spec = details->job.spec;
        env = details->job.env;
        why = details->why;
        attempts = details->attempts;
    }

    QString html = QStringLiteral("<h3>%1</h3><p><b>%2</b> — %3</p><table cellspacing=4>")
                       .arg(escaped(job.jobId), escaped(JobTableModel::stateName(job.state)), escaped(MessageText::translated(why)));
    auto row2 = [&html](const QString &name, const QString &value) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    row2(tr("Run"), job.runId);
    row2(tr("Workstream"), job.workstreamId);
    row2(tr("Tool"), job.tool);
    row2(tr("Command"), job.command.join(QLatin1Char(' ')));
    row2(tr("Repository"), job.repoRoot);
    row2(tr("Working directory"), job.workingDir);
    row2(tr("Log file"), job.logFile);
    row2(tr("Error report"), job.errorReport);
    row2(tr("Timeout"), job.timeoutSeconds > 0 ? tr("%1 s").arg(job.timeoutSeconds) : tr("none"));
    const JobRecord &lineage = details ? details->job : job;
    if (!lineage.resubmittedFrom.isEmpty())
        row2(tr("Resubmitted from"), lineage.resubmittedFrom);
    if (!lineage.resubmittedAs.isEmpty())
        row2(tr("Resubmitted as"), lineage.resubmittedAs.join(QStringLiteral(", ")));
    html += QStringLiteral("</table><h4>%1</h4><table cellspacing=4>").arg(tr("Environment"));
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        row2(it.key(), looksSecret(it.key()) ? tr("•••••• (hidden)") : it.value());
    // The spec as submitted, with the same secrets masked as above.
    QJsonObject shownSpec = QJsonDocument::fromJson(spec).object();
    QJsonObject shownEnv = shownSpec.value(QStringLiteral("env")).toObject();
    for (auto it = shownEnv.begin(); it != shownEnv.end(); ++it) {
        if (looksSecret(it.key()))
            it.value() = tr("•••••• (hidden)");
    }
    if (shownSpec.contains(QStringLiteral("env")))
        shownSpec.insert(QStringLiteral("env"), shownEnv);
    html += QStringLiteral("</table><h4>%1</h4><pre>%2</pre>")
                .arg(tr("Spec as submitted"), escaped(QString::fromUtf8(QJsonDocument(shownSpec).toJson(QJsonDocument::Indented))));
    m_details->setHtml(html);

    m_retryPanel->showJob(job, details);
}

void MainWindow::countRecentlyFinished()
{
    const qint64 minuteAgo = QDateTime::currentMSecsSinceEpoch() - 60 * 1000;
    m_finishedLastMinute = 0;
    for (int row = 0; row < m_jobs->rowCount(); ++row) {
        const JobRecord &job = m_jobs->job(row);
        if (job.finishedAt && *job.finishedAt >= minuteAgo && isFinal(job.state))
            ++m_finishedLastMinute;
    }
}

void MainWindow::updateStatusBar()
{
    // Every state that has jobs, under the name the table gives it.
    QStringList parts;
    for (JobState state : JobTableModel::states()) {
        if (const int jobs = m_jobs->count(state); jobs > 0)
            //: A job state as the table names it, and how many jobs are in it: "Waiting 3"
            parts.append(tr("%1 %2").arg(JobTableModel::stateName(state)).arg(jobs));
    }
    if (parts.isEmpty())
        parts.append(tr("No jobs"));
    const int running = m_jobs->count(JobState::Running);
    parts.append(tr("Workers busy %1/%2").arg(qMin(running, m_workerSpin->value())).arg(m_workerSpin->value()));
    parts.append(tr("%1 jobs/min").arg(m_finishedLastMinute));
    m_counts->setText(parts.join(QStringLiteral(" · ")));
}

void MainWindow::showProblem(const QString &text)
{
    m_bannerIsInfo = false;
    showBanner(text, Tone::Problem);
}

void MainWindow::submitInteractively()
{
    SubmitDialog dialog(this);
    const Settings settings = Settings::load();
    dialog.setDefaults(settings.defaultTimeoutSeconds, settings.defaultRetryPolicy);
    QStringList known;
    for (int row = 0; row < m_jobs->rowCount(); ++row)
        known.append(m_jobs->job(row).jobId);
    dialog.setKnownJobs(known);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (!dialog.jobFile().isEmpty()) {
        // The file's own job, selected once it is in (a file that does not
        // parse is reported by the submission itself).
        QFile file(dialog.jobFile());
        if (file.open(QIODevice::ReadOnly))
            selectWhenItArrives(QJsonDocument::fromJson(file.read(4 * 1024 * 1024)).object().value(QStringLiteral("job_id")).toString());
        m_host->submitFiles({dialog.jobFile()});
        return;
    }
    // The form's job goes straight into the store, which keeps it as
    // submitted (Details): no file is written for it anywhere.
    const QJsonObject job = dialog.jobObject();
    selectWhenItArrives(job.value(QStringLiteral("job_id")).toString());
    m_host->submitJob(job, SubmitDialog::formSourceName());
}

void MainWindow::resubmitSelected(bool edit)
{
    const QStringList ids = selectedJobIds();
    if (ids.size() != 1)
        return;
    const QString jobId = ids.first();
    ResubmitRequest request;
    request.jobId = jobId;
    if (!edit) {
        m_host->session()->resubmit(request, this, [this, jobId](const Result<SubmitReport> &report) {
            if (!report) {
                showProblem(tr("Could not submit %1 again: %2").arg(jobId, report.error().message));
                return;
            }
            statusBar()->showMessage(tr("%1 submitted again as %2.").arg(jobId, report->jobIds.value(0)), 8000);
            selectWhenItArrives(report->jobIds.value(0));
        });
        return;
    }
    m_host->session()->queryResubmitSpec(request, this, [this, jobId](const Result<QJsonObject> &spec) {
        if (!spec) {
            showProblem(tr("Could not read the spec of %1: %2").arg(jobId, spec.error().message));
            return;
        }
        resubmitEdited(jobId, *spec);
    });
}

void MainWindow::resubmitEdited(const QString &jobId, const QJsonObject &spec)
{
    // The copy as JSON, edited in place; the engine checks it as it checks
    // every submission, and its problems keep the dialog open with the edit.
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("resubmitDialog"));
    dialog.setWindowTitle(tr("Edit and resubmit %1").arg(jobId));
    auto *intro = new QLabel(tr("A new job, recorded as resubmitted from %1. Its id and run are yours to change.").arg(jobId));
    intro->setWordWrap(true);
    auto *editor = new QPlainTextEdit;
    editor->setObjectName(QStringLiteral("specEdit"));
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setPlainText(QString::fromUtf8(QJsonDocument(spec).toJson(QJsonDocument::Indented)));
    auto *problem = new QLabel;
    problem->setObjectName(QStringLiteral("specProblem"));
    problem->setWordWrap(true);
    problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problem->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 4px;"));
    problem->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton *submit = buttons->addButton(tr("&Submit"), QDialogButtonBox::AcceptRole);
    submit->setObjectName(QStringLiteral("resubmitButton"));
    submit->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(submit, &QPushButton::clicked, &dialog, [&, this] {
        QJsonParseError error{};
        const QJsonDocument edited = QJsonDocument::fromJson(editor->toPlainText().toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !edited.isObject()) {
            problem->setText(error.error != QJsonParseError::NoError
                                 ? tr("Not valid JSON at character %1: %2").arg(error.offset).arg(error.errorString())
                                 : tr("The spec must be a JSON object."));
            problem->show();
            return;
        }
        ResubmitRequest request;
        request.jobId = jobId;
        request.spec = edited.object();
        request.sourceName = tr("edited copy of %1").arg(jobId);
        submit->setEnabled(false);
        m_host->session()->resubmit(request, &dialog, [&, jobId](const Result<SubmitReport> &report) {
            submit->setEnabled(true);
            if (!report) {
                problem->setText(report.error().message);
                problem->show();
                return;
            }
            statusBar()->showMessage(tr("%1 resubmitted as %2.").arg(jobId, report->jobIds.value(0)), 8000);
            selectWhenItArrives(report->jobIds.value(0));
            dialog.accept();
        });
    });
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(intro);
    layout->addWidget(editor, 1);
    layout->addWidget(problem);
    layout->addWidget(buttons);
    const QRect room = screen() ? screen()->availableGeometry() : QRect(0, 0, 1024, 640);
    dialog.resize(qMin(720, room.width() * 9 / 10), qMin(560, room.height() * 9 / 10));
    dialog.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            files.append(url.toLocalFile());
    }
    openFiles(files);
}

void MainWindow::openFiles(const QStringList &files)
{
    // Workstreams are converted first (the wizard); job files, and whatever
    // is neither, are submitted as before, so their errors read as before.
    QStringList jobFiles;
    QStringList workstreams;
    for (const QString &file : files)
        (ConversionWizard::looksLikeWorkstreams(file) ? workstreams : jobFiles).append(file);
    if (!jobFiles.isEmpty())
        m_host->submitFiles(jobFiles);
    if (!workstreams.isEmpty())
        openConversionWizard(workstreams);
}

ChangesView *MainWindow::changesView() const { return m_changes->view(); }

LandDialog *MainWindow::openLandDialog(const QString &runId)
{
    LandRequest scope;
    scope.runId = runId;
    auto *dialog = new LandDialog(m_host->session(), scope, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LandDialog::landed, this,
            [this](const LandResult &result) { statusBar()->showMessage(LandDialog::resultSummary(result), 15000); });
    dialog->open();
    return dialog;
}

ConversionWizard *MainWindow::openConversionWizard(const QStringList &sources)
{
    if (!m_wizard) {
        m_wizard = new ConversionWizard(this);
        m_wizard->setAttribute(Qt::WA_DeleteOnClose);
        // Used when the workstreams' own folder cannot take a "jobs" folder.
        m_wizard->setFallbackOutputDirectory(dataDirectoryFor(m_options.databasePath) + QStringLiteral("/converted"));
        // A new run of its own, through the same command as the Submit dialog.
        connect(m_wizard, &ConversionWizard::submitRequested, this, [this](const QStringList &jobFiles) {
            m_host->submitFiles(jobFiles);
            showView(QStringLiteral("jobs"));
        });
        m_wizard->open();
    }
    m_wizard->addSources(sources);
    m_wizard->raise();
    m_wizard->activateWindow();
    return m_wizard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("dashboard/geometry"), saveGeometry());
    for (const QSplitter *splitter : findChildren<QSplitter *>(QString(), Qt::FindChildrenRecursively)) {
        if (splitter->objectName() == QLatin1String("mainSplitter") || splitter->objectName() == QLatin1String("rightSplitter"))
            settings.setValue(QStringLiteral("dashboard/") + splitter->objectName(), splitter->saveState());
    }
    hide();
    m_clock->stop();
    m_host->shutdown();
    event->accept();
}

void MainWindow::openSettings(const std::optional<SharedSettings> &shared)
{
    SettingsDialog dialog(Settings::load(), this);
    dialog.setDatabaseInUse(m_options.databasePath, m_options.databaseGivenWithDb);
    if (shared) {
        QMap<QString, int> fileLimits;
        if (auto tools = Engine::tools()) {
            for (const ToolInfo &tool : std::as_const(*tools))
                fileLimits.insert(tool.profile.name, tool.profile.maxConcurrent);
        }
        dialog.setSharedSettings(*shared, fileLimits);
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Settings chosen = dialog.settings();
    chosen.save();
    applyTheme(chosen.theme);
    applyToolPaths(chosen);
    m_workerSpin->setValue(chosen.workers);
    if (const std::optional<SharedSettings> edited = dialog.sharedSettings(); edited && edited != shared) {
        m_host->session()->setSharedSettings(*edited, this, [this](const Status &s) {
            if (!s)
                QMessageBox::warning(this, tr("Settings"), tr("The limits could not be saved in the database: %1").arg(s.error().message));
        });
    }
    statusBar()->showMessage(tr("Settings saved. Database and language take effect after a restart."), 8000);
}

} // namespace Orchestrator::Ui
